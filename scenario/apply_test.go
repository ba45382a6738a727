package scenario_test

import (
	"context"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/gmcr/gmcr/analysis"
	"github.com/gmcr/gmcr/model"
	"github.com/gmcr/gmcr/scenario"
	"github.com/gmcr/gmcr/statespace"
)

// small is a three-option model with statements, a ranking and a status
// quo; its 8 states are all feasible, numbered by code + 1 (a adds 1, b 2,
// c 4).
const small = `title: Small
options: [{id: a}, {id: b}, {id: c}]
decision_makers:
  - id: P1
    options: [a, b]
    preferences:
      statements: ["a", "not b", "c IF a"]
  - id: P2
    options: [c]
    preferences:
      ranking: [8, [7, 6], 5, 4, 3, 2, 1]
status_quo: [b]
scenarios:
  - id: fix
    note: why
    source: "[S1]"
    force: [a]
    forbid: [c]
  - id: cond
    requires: [{option: b, requires: a}]
  - id: cond_sq
    requires: [{option: b, requires: a}]
    status_quo: [a, b]
  - id: edit
    preferences:
      P1:
        remove: ["not b"]
        add: [{statement: "b and c", at: 1}, "not c"]
        move: [{statement: "a", to: 4}]
  - id: replace
    preferences:
      P1: {statements: ["b"]}
      P2: {ranking: [1, 2, 3, 4, 5, 6, 7, 8]}
  - id: ranked
    forbid: [b]
    preferences:
      P2: {ranking: [[1, 2], 3, 4, 5, 6, 7, 8]}
  - id: derived
    forbid: [c]
    requires: [{option: b, requires: a}]
  - id: given
    status_quo: [b]
    requires: [{option: b, requires: a}]
`

func load(t testing.TB, text string) *model.Model {
	t.Helper()
	m, err := model.Parse([]byte(text), "small.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func apply(t testing.TB, m *model.Model, id string) *model.Model {
	t.Helper()
	s, err := scenario.Apply(m, id)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func statementTexts(sts []model.Statement) []string {
	out := []string{}
	for _, s := range sts {
		out = append(out, s.Text)
	}
	return out
}

// codes returns the feasible codes of m.
func codes(t testing.TB, m *model.Model) []uint64 {
	t.Helper()
	ss, err := statespace.Build(context.Background(), m, statespace.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return ss.Codes
}

func TestApplyForceForbid(t *testing.T) {
	base := load(t, small)
	before, _ := model.Marshal(base)
	s := apply(t, base, "fix")
	// a forced (bit 1 set), c forbidden (bit 4 clear): codes 1 and 3.
	if got := codes(t, s); !reflect.DeepEqual(got, []uint64{1, 3}) {
		t.Errorf("codes %v, want [1 3]", got)
	}
	if got := statementTexts(s.Infeasible); !reflect.DeepEqual(got, []string{"not a", "c"}) {
		t.Errorf("conditions %q", got)
	}
	if n := s.Infeasible[0].Note; n != "scenario fix forces a" || s.Infeasible[1].Note != "scenario fix forbids c" || s.Infeasible[0].Source != "[S1]" {
		t.Errorf("evidence %+v", s.Infeasible)
	}
	// The status quo (b) gains the forced a.
	if got := s.StatusQuo.Taken; !reflect.DeepEqual(got, []string{"a", "b"}) {
		t.Errorf("status quo %v", got)
	}
	if s.Title != "Small - scenario fix" || s.Description != "Scenario fix: why" || len(s.Scenarios) != 0 {
		t.Errorf("title %q, description %q, %d scenarios", s.Title, s.Description, len(s.Scenarios))
	}
	// The ranking of P2, [8, [7, 6], 5, 4, 3, 2, 1] in base numbers
	// (= codes + 1), keeps codes 1 and 3, i.e. base states 2 and 4,
	// which are states 1 and 2 of the scenario: [4, 2] -> [2, 1].
	if got := s.DMs[1].Prefs.Ranking; !reflect.DeepEqual(got, [][]int{{2}, {1}}) {
		t.Errorf("ranking %v", got)
	}
	after, _ := model.Marshal(base)
	if string(before) != string(after) {
		t.Error("Apply modified the base model")
	}
	if _, err := analysis.Run(context.Background(), s, analysis.Options{}); err != nil {
		t.Errorf("the scenario does not analyse: %v", err)
	}
}

func TestApplyConditionsAndStatusQuo(t *testing.T) {
	base := load(t, small)
	// The status quo (b taken, a not) violates "b requires a".
	_, err := scenario.Apply(base, "cond")
	want := `small.yaml:12:13: the base status quo is infeasible in scenario "cond": the condition "requires: b requires a" holds at it (give the scenario its own status_quo)`
	if err == nil || err.Error() != want {
		t.Errorf("got %v\nwant %s", err, want)
	}
	for id, want := range map[string]string{
		"derived": `small.yaml:38:5: the status quo of scenario "derived" (the base one with the forced options taken and the forbidden ones not) is infeasible: the condition "requires: b requires a" holds at it (give the scenario its own status_quo)`,
		"given":   `small.yaml:42:17: the status quo of scenario "given" is infeasible: the condition "requires: b requires a" holds at it (change the scenario's status_quo)`,
	} {
		if _, err := scenario.Apply(base, id); err == nil || err.Error() != want {
			t.Errorf("%s: got %v\nwant %s", id, err, want)
		}
	}
	s := apply(t, base, "cond_sq")
	if got := codes(t, s); !reflect.DeepEqual(got, []uint64{0, 1, 3, 4, 5, 7}) {
		t.Errorf("codes %v", got)
	}
	if got := s.StatusQuo.Taken; !reflect.DeepEqual(got, []string{"a", "b"}) {
		t.Errorf("status quo %v", got)
	}
	// The derived status quo of a forbid scenario can violate nothing but
	// an extra condition; here the forbid of b removes it.
	if got := apply(t, base, "ranked").StatusQuo.Taken; len(got) != 0 {
		t.Errorf("status quo %v, want nothing taken", got)
	}
}

func TestApplyPreferences(t *testing.T) {
	base := load(t, small)
	s := apply(t, base, "edit")
	// ["a", "not b", "c IF a"] - "not b" = ["a", "c IF a"];
	// + "b and c" at 1 = ["b and c", "a", "c IF a"]; + "not c" last;
	// "a" to 4 = ["b and c", "c IF a", "not c", "a"].
	if got := statementTexts(s.DMs[0].Prefs.Statements); !reflect.DeepEqual(got, []string{"b and c", "c IF a", "not c", "a"}) {
		t.Errorf("statements %q", got)
	}
	if got := statementTexts(base.DMs[0].Prefs.Statements); !reflect.DeepEqual(got, []string{"a", "not b", "c IF a"}) {
		t.Errorf("base statements changed: %q", got)
	}
	r := apply(t, base, "replace")
	if got := statementTexts(r.DMs[0].Prefs.Statements); !reflect.DeepEqual(got, []string{"b"}) || r.DMs[0].Prefs.Ranking != nil {
		t.Errorf("P1 %+v", r.DMs[0].Prefs)
	}
	if got := r.DMs[1].Prefs.Ranking; !reflect.DeepEqual(got, [][]int{{1}, {2}, {3}, {4}, {5}, {6}, {7}, {8}}) {
		t.Errorf("P2 ranking %v", got)
	}
	// A scenario's ranking is written in base numbers: forbidding b keeps
	// codes 0, 1, 4, 5 (base states 1, 2, 5, 6; scenario states 1-4), so
	// [[1, 2], 3, 4, 5, 6, 7, 8] -> [[1, 2], 3, 4].
	if got := apply(t, base, "ranked").DMs[1].Prefs.Ranking; !reflect.DeepEqual(got, [][]int{{1, 2}, {3}, {4}}) {
		t.Errorf("translated ranking %v", got)
	}
}

func TestApplyErrors(t *testing.T) {
	base := load(t, small)
	for id, want := range map[string]string{
		"fxi":   `small.yaml: unknown scenario "fxi" (did you mean "fix"?)`,
		"other": `small.yaml: unknown scenario "other" (the model defines fix, cond, cond_sq, edit, replace, ranked, derived, given)`,
	} {
		if _, err := scenario.Apply(base, id); err == nil || err.Error() != want {
			t.Errorf("Apply(%q): got %v, want %s", id, err, want)
		}
	}
	// A model built in code is validated, edits included.
	m := load(t, small)
	m.Scenarios[3].Prefs[0].Move[0].At = 9
	_, err := scenario.Apply(m, "edit")
	want := `small.yaml:29:37: to 9 is out of range for decision maker "P1": it has 4 statements, so to is 1 to 4 (1 is the most important)`
	if err == nil || err.Error() != want {
		t.Errorf("got %v\nwant %s", err, want)
	}
	// A ranking naming a state the base does not have.
	m = load(t, strings.Replace(small, "[[1, 2], 3, 4, 5, 6, 7, 8]", "[[1, 2], 3, 4, 5, 6, 7, 8, 9]", 1))
	_, err = scenario.Apply(m, "ranked")
	want = `small.yaml:37:7: state 9 in the ranking of decision maker "P2" does not exist: the base model has states 1 to 8 (a scenario's ranking uses the base model's state numbers)`
	if err == nil || err.Error() != want {
		t.Errorf("got %v\nwant %s", err, want)
	}
}

// TestApplyMarshal checks that a scenario's model can be written and read
// back, and that the base model's scenarios survive Marshal.
func TestApplyMarshal(t *testing.T) {
	base := load(t, small)
	for _, id := range scenario.IDs(base) {
		if id == "cond" || id == "derived" || id == "given" {
			continue
		}
		s := apply(t, base, id)
		out, err := model.Marshal(s)
		if err != nil {
			t.Fatalf("%s: %v", id, err)
		}
		back, err := model.Parse(out, "back.yaml")
		if err != nil {
			t.Fatalf("%s: %v\n%s", id, err, out)
		}
		if fmt.Sprint(codes(t, back)) != fmt.Sprint(codes(t, s)) {
			t.Errorf("%s: states differ after Marshal", id)
		}
	}
	out, err := model.Marshal(base)
	if err != nil {
		t.Fatal(err)
	}
	back, err := model.Parse(out, "back.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(scenario.IDs(back), scenario.IDs(base)) {
		t.Errorf("scenarios after Marshal: %v", scenario.IDs(back))
	}
}

// TestApplyStrongStatements checks scenarios on a DM with a strong
// statement (docs/model-format.md, "Scenarios"): a moved statement keeps
// its strong mark, so moving a mild statement above the strong one, or
// marking the strong one unsure, is an error that names the scenario and
// points at the scenario's own entry, while the model and its other
// scenarios (one moving the strong statement within the strong tier, one
// moving a mild statement below it) still apply.
func TestApplyStrongStatements(t *testing.T) {
	src := `title: t
options: [{id: d1}, {id: d2}, {id: d3}]
decision_makers:
  - id: P1
    options: [d1, d3]
    preferences:
      statements: [{statement: "not d2", strong: true}, d1, d3]
  - id: P2
    options: [d2]
    preferences: {ranking: [8, 7, 6, 5, 4, 3, 2, 1]}
scenarios:
  - {id: m, preferences: {P1: {move: [{statement: d1, to: 1}]}}}
  - {id: u, preferences: {P1: {unsure: ["not d2"]}}}
  - {id: ok, preferences: {P1: {move: [{statement: d3, to: 2}]}}}
  - {id: other, preferences: {P2: {ranking: [1, 2, 3, 4, 5, 6, 7, 8]}}}
`
	m, err := model.Parse([]byte(src), "ss.yaml")
	if err != nil {
		t.Fatalf("the model must load despite its bad scenarios: %v", err)
	}
	for id, want := range map[string]string{
		"m": `ss.yaml:12:59: scenario "m": after its edits, statement 2 "not d2" of decision maker "P1" is strong but statement 1 "d1" above it is not`,
		"u": `ss.yaml:13:42: scenario "u": it marks the strong statement "not d2" of decision maker "P1" unsure`,
	} {
		_, err := scenario.Apply(m, id)
		if err == nil || !strings.HasPrefix(err.Error(), want) {
			t.Errorf("scenario %s: error %v, want %s", id, err, want)
		}
	}
	sm, err := scenario.Apply(m, "ok")
	if err != nil {
		t.Fatal(err)
	}
	sts := sm.DM("P1").Prefs.Statements
	if len(sts) != 3 || sts[0].Text != "not d2" || !sts[0].Strong || sts[1].Text != "d3" || sts[1].Strong || sts[2].Strong {
		t.Errorf("scenario ok: statements %+v, want not d2 (strong), d3, d1", sts)
	}
	if _, err := scenario.Apply(m, "other"); err != nil {
		t.Errorf("scenario other: %v", err)
	}
}

// A scenario whose conditions exclude every state is reported as such,
// naming the conditions, not as an infeasible status quo (whose fix, a
// status_quo of its own, could not help).
func TestApplyNoFeasibleState(t *testing.T) {
	src := `title: Three party
options: [{id: a}, {id: b}, {id: c}]
decision_makers:
  - {id: A, options: [a], preferences: {statements: [a]}}
  - {id: B, options: [b, c], preferences: {statements: [c]}}
status_quo: {taken: []}
scenarios:
  - {id: dead, force: [a], infeasible: ["a"]}
  - {id: dead_sq, force: [a], infeasible: ["a"], status_quo: {taken: [b]}}
`
	m, err := model.Parse([]byte(src), "m1.yaml")
	if err != nil {
		t.Fatal(err)
	}
	for id, line := range map[string]string{"dead": "8", "dead_sq": "9"} {
		_, err := scenario.Apply(m, id)
		col := map[string]string{"dead": "24", "dead_sq": "27"}[id]
		want := `m1.yaml:` + line + `:` + col + `: in scenario "` + id + `", the 2 infeasible conditions "not a" (scenario ` + id + ` forces a, line ` + line + `), "a" (line ` + line + `) together exclude every state, so no state is feasible; relax one of them`
		if err == nil || err.Error() != want {
			t.Errorf("%s: got %v\nwant %s", id, err, want)
		}
	}
}

// Without a status quo, a scenario whose own conditions exclude every
// state is found while its rankings are renumbered; it is still located
// and worded as for the base model, not as a bare "the scenario:" error.
func TestApplyNoFeasibleStateRanking(t *testing.T) {
	src := `title: Ranked
options: [{id: a}, {id: b}]
decision_makers:
  - {id: A, options: [a], preferences: {statements: [a]}}
  - {id: B, options: [b], preferences: {ranking: [1, 2, 3, 4]}}
scenarios:
  - {id: dead, force: [a], infeasible: ["a"]}
`
	m, err := model.Parse([]byte(src), "m2.yaml")
	if err != nil {
		t.Fatal(err)
	}
	_, err = scenario.Apply(m, "dead")
	want := `m2.yaml:7:24: in scenario "dead", the 2 infeasible conditions "not a" (scenario dead forces a, line 7), "a" (line 7) together exclude every state, so no state is feasible; relax one of them`
	if err == nil || err.Error() != want {
		t.Errorf("got %v\nwant %s", err, want)
	}
}

// A scenario that removes every state on one side of a strength cut
// leaves the cut nothing to separate: it is dropped, not reported as
// misplaced; a cut that still separates states moves with the numbering.
func TestApplyCutsThinned(t *testing.T) {
	m := load(t, `title: cut2
options: [{id: a}, {id: b}]
decision_makers:
  - {id: X, options: [a], preferences: {ranking: [1, 2, ">>", 3, 4]}}
  - {id: Y, options: [b], preferences: {statements: [b]}}
scenarios:
  - {id: nob, forbid: [b]}
  - {id: noa, forbid: [a]}
`)
	s := apply(t, m, "nob")
	if got := s.DMs[0].Prefs.Cuts; len(got) != 0 {
		t.Errorf("nob: cuts = %+v, want none", got)
	}
	if got := s.DMs[0].Prefs.Ranking; !reflect.DeepEqual(got, [][]int{{1}, {2}}) {
		t.Errorf("nob: ranking = %v", got)
	}
	// Forbidding a keeps states 1 and 3 of the base (now 1 and 2), one
	// on each side of the cut.
	s = apply(t, m, "noa")
	if got := s.DMs[0].Prefs.Cuts; len(got) != 1 || got[0].After != 1 {
		t.Errorf("noa: cuts = %+v, want one after group 1", got)
	}
	if got := s.DMs[0].Prefs.Ranking; !reflect.DeepEqual(got, [][]int{{1}, {2}}) {
		t.Errorf("noa: ranking = %v", got)
	}
}
