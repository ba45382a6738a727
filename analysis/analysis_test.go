package analysis_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/gmcr/gmcr/analysis"
	"github.com/gmcr/gmcr/internal/testmodel"
	"github.com/gmcr/gmcr/model"
	"github.com/gmcr/gmcr/stability"
)

func elmira(t *testing.T) *model.Model { return testmodel.Example(t, "elmira") }

func TestRunAndStateRefs(t *testing.T) {
	r, err := analysis.Run(context.Background(), elmira(t), analysis.Options{Concepts: []stability.Concept{stability.Nash}})
	if err != nil {
		t.Fatal(err)
	}
	if r.Stability.Has(stability.GMR) || !r.Stability.Has(stability.Nash) {
		t.Fatal("only Nash was asked for")
	}
	ss := r.Space
	for ref, want := range map[string]int{"1": 0, "12": 11, "sq": 0, "NYNNN": 0, "nynnn": 0} {
		got, err := analysis.State(ss, ref)
		if err != nil || got != want {
			t.Errorf("State(%q) = %d, %v; want %d", ref, got, err, want)
		}
	}
	for ref, msg := range map[string]string{
		"0":     "state 0 does not exist; the model has states 1..12",
		"13":    "state 13 does not exist",
		"YYYYY": "state YYYYY is not feasible",
		"x1":    `give a state number 1..12, a Y/N pattern of 5 letters, or sq`,
		"01":    `give a state number`,
	} {
		if _, err := analysis.State(ss, ref); err == nil || !strings.Contains(err.Error(), msg) {
			t.Errorf("State(%q) error = %v, want %q", ref, err, msg)
		}
	}
}

func TestInfeasibleStatusQuo(t *testing.T) {
	m := elmira(t)
	m.StatusQuo.Taken = append(m.StatusQuo.Taken, "accept") // delay and accept together are infeasible
	_, err := analysis.Run(context.Background(), m, analysis.Options{})
	if err == nil || !strings.Contains(err.Error(), "the status quo is not a feasible state") {
		t.Fatalf("err = %v", err)
	}
}

func TestNoFeasibleState(t *testing.T) {
	src := `title: empty
options: [{id: a}, {id: b}]
decision_makers:
  - {id: X, options: [a], preferences: {statements: [a]}}
  - {id: Y, options: [b], preferences: {statements: [b]}}
feasibility:
  infeasible: [%s]
`
	for cond, want := range map[string]string{
		`"a or not a"`:  `empty.yaml:7:17: the infeasible condition "a or not a" holds in every state`,
		`"a", "not a"`:  `empty.yaml:7:17: the 2 infeasible conditions "a" (line 7), "not a" (line 7) together exclude every state, so no state is feasible; relax one of them`,
		`"a IF a", "b"`: `empty.yaml:7:17: the infeasible condition "a IF a" holds in every state`,
	} {
		m, err := model.Parse([]byte(strings.Replace(src, "%s", cond, 1)), "empty.yaml")
		if err != nil {
			t.Fatal(err)
		}
		_, err = analysis.Run(context.Background(), m, analysis.Options{})
		if err == nil || !strings.HasPrefix(err.Error(), want) {
			t.Errorf("%s: err = %v, want prefix %q", cond, err, want)
		}
	}
}

func TestMemoryLimit(t *testing.T) {
	m := elmira(t)
	_, err := analysis.Run(context.Background(), m, analysis.Options{MemoryLimit: 1000})
	var me *analysis.MemoryError
	if !errors.As(err, &me) || me.States != 12 || me.DMs != 3 || me.Need != 12*3*analysis.BytesPerStateDM {
		t.Fatalf("err = %v", err)
	}
	if _, err := analysis.Run(context.Background(), m, analysis.Options{MemoryLimit: 1 << 30}); err != nil {
		t.Fatal(err)
	}
}

// A limit too small for the state space itself must still be reported with
// what the whole analysis needs, not only what enumerating states needs
// (the first message used to understate the need tenfold).
func TestMemoryLimitFirstMessageIsWholeAnalysis(t *testing.T) {
	m := elmira(t)
	for _, tc := range []struct {
		concepts []stability.Concept
		perDM    int64
	}{{nil, analysis.BytesPerStateDM}, {[]stability.Concept{stability.Nash, stability.GMR}, analysis.BytesPerStateDM}} {
		_, err := analysis.Run(context.Background(), m, analysis.Options{Concepts: tc.concepts, MemoryLimit: 500})
		var me *analysis.MemoryError
		if !errors.As(err, &me) || me.States != 12 || me.AtLeast || me.Need != 12*3*tc.perDM {
			t.Errorf("%v: err = %v (%+v)", tc.concepts, err, me)
		}
	}
	// Prepare alone (listing states) needs less and says so.
	_, err := analysis.Prepare(context.Background(), m, analysis.Options{MemoryLimit: 500})
	var me *analysis.MemoryError
	if !errors.As(err, &me) || me.Need >= 12*3*analysis.BytesPerStateDM {
		t.Errorf("Prepare: err = %v", err)
	}
}

func TestParseChoosesTheReader(t *testing.T) {
	yml := []byte("title: t\noptions: [{id: a}, {id: b}]\ndecision_makers:\n  - {id: P, options: [a], preferences: {statements: [a]}}\n  - {id: Q, options: [b], preferences: {statements: [b]}}\n")
	m, ex, err := analysis.Parse(yml, "m.yaml")
	if err != nil || ex != nil || len(m.DMs) != 2 || m.File != "m.yaml" {
		t.Fatalf("YAML: %v %v %+v", err, ex, m)
	}
	if _, _, err := analysis.Parse([]byte("  \n"), "m.yaml"); err == nil || !strings.Contains(err.Error(), "m.yaml: the model is empty") {
		t.Errorf("empty: %v", err)
	}
	_, _, err = analysis.Parse([]byte("title: t\noptions: [{id: a}]\ndecision_makers: 3\n"), "x.yaml")
	if err == nil || !strings.HasPrefix(err.Error(), "x.yaml:3:") {
		t.Errorf("bad model: %v", err)
	}
	// A GMCR+ document is told apart by its content.
	_, _, err = analysis.Parse([]byte(`{"decisionMakers": 1}`), "x.json")
	if err == nil || strings.Contains(err.Error(), "decision_makers") {
		t.Errorf("GMCR+ content read as a model file: %v", err)
	}
}

// Conditions that exclude every state together are named, reduced to those
// needed, and the error points at the first of them in the file, even when
// the model lists an earlier-expanded helper first (requires: on a later
// line than infeasible: used to be pointed at).
func TestNoFeasibleStateNamesConditions(t *testing.T) {
	src := `title: empty
options: [{id: a}, {id: b}, {id: c}]
decision_makers:
  - {id: X, options: [a, c], preferences: {statements: [a]}}
  - {id: Y, options: [b], preferences: {statements: [b]}}
feasibility:
  requires: [{option: b, requires: [a]}]
  infeasible: ["a", "c"]
  at_least_one: [[a, b]]
`
	m, err := model.Parse([]byte(src), "empty.yaml")
	if err != nil {
		t.Fatal(err)
	}
	_, err = analysis.Run(context.Background(), m, analysis.Options{})
	want := `empty.yaml:7:14: 3 of the 4 infeasible conditions, `
	if err == nil || !strings.HasPrefix(err.Error(), want) {
		t.Fatalf("err = %v, want prefix %q", err, want)
	}
	for _, part := range []string{`"requires: b requires a" (line 7)`, `"a" (line 8)`, `"at_least_one: at least one of a and b" (line 9)`, "relax one of them"} {
		if !strings.Contains(err.Error(), part) {
			t.Errorf("err = %v, want it to name %s", err, part)
		}
	}
	if e := err.Error(); strings.Index(e, `(line 7)`) > strings.Index(e, `(line 8)`) {
		t.Errorf("err = %v, want the conditions in file order", err)
	}
	if strings.Contains(err.Error(), `"c"`) {
		t.Errorf("err = %v names a condition not needed to exclude every state", err)
	}
}

// "sq" in a model without a status quo is answered with every form a
// state may take, not only a number.
func TestStateSQWithoutStatusQuo(t *testing.T) {
	m, err := model.Parse([]byte(`title: t
options: [{id: a}, {id: b}]
decision_makers:
  - {id: A, options: [a], preferences: {statements: [a]}}
  - {id: B, options: [b], preferences: {statements: [b]}}
`), "t.yaml")
	if err != nil {
		t.Fatal(err)
	}
	r, err := analysis.Run(context.Background(), m, analysis.Options{})
	if err != nil {
		t.Fatal(err)
	}
	_, err = analysis.State(r.Space, "sq")
	if want := "the model has no status_quo; give a state number 1..4 or a Y/N pattern of 2 letters"; err == nil || err.Error() != want {
		t.Errorf("got %v, want %s", err, want)
	}
}
