package scenario_test

import (
	"context"
	"errors"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/gmcr/gmcr/analysis"
	"github.com/gmcr/gmcr/examples"
	"github.com/gmcr/gmcr/model"
	"github.com/gmcr/gmcr/scenario"
	"github.com/gmcr/gmcr/stability"
)

func ukraine(t *testing.T) *model.Model {
	t.Helper()
	ex, err := examples.Get("ukraine-security")
	if err != nil {
		t.Fatal(err)
	}
	m, err := model.Parse(ex.Data, ex.File)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// equilibria returns the equilibria, as decimal codes, of m under every
// concept, and m's status quo code.
func equilibria(t *testing.T, m *model.Model) (map[stability.Concept][]uint64, int) {
	t.Helper()
	r, err := analysis.Run(context.Background(), m, analysis.Options{})
	if err != nil {
		t.Fatal(err)
	}
	out := map[stability.Concept][]uint64{}
	for _, c := range stability.Concepts {
		for _, s := range r.Stability.Equilibria(c) {
			out[c] = append(out[c], r.Space.Codes[s])
		}
	}
	sq, err := analysis.StatusQuo(r.Space)
	if err != nil {
		t.Fatal(err)
	}
	code := -1
	if sq >= 0 {
		code = int(r.Space.Codes[sq])
	}
	return out, code
}

// A quick what-if means what the same scenario written in the file means.
func TestWhatIfMatchesWrittenScenario(t *testing.T) {
	m := ukraine(t)
	for _, tc := range []struct {
		quick scenario.Quick
		id    string // the model's scenario with the same changes
	}{
		{scenario.Quick{Forbid: []string{"us_include_russia"}}, "russia_excluded"},
		{scenario.Quick{Force: []string{"us_include_russia"}}, "russia_at_table"},
		{scenario.Quick{Forbid: []string{"us_troops"}}, "us_troops_ruled_out"},
	} {
		got, err := scenario.WhatIf(m, "", tc.quick)
		if err != nil {
			t.Fatalf("%v: %v", tc.quick, err)
		}
		if !strings.Contains(got.Title, "what-if given on the command line") || strings.Contains(got.Title, scenario.WhatIfID) {
			t.Errorf("%v: title %q does not say it is a what-if", tc.quick, got.Title)
		}
		want, err := scenario.Apply(m, tc.id)
		if err != nil {
			t.Fatal(err)
		}
		ge, gsq := equilibria(t, got)
		we, wsq := equilibria(t, want)
		if !reflect.DeepEqual(ge, we) || gsq != wsq {
			t.Errorf("%v: equilibria %v (status quo %d), scenario %s has %v (%d)", tc.quick, ge, gsq, tc.id, we, wsq)
		}
	}
}

// Quick changes add to a named scenario.
func TestWhatIfOnNamedScenario(t *testing.T) {
	m := ukraine(t)
	got, err := scenario.WhatIf(m, "russia_at_table", scenario.Quick{Forbid: []string{"us_troops"}})
	if err != nil {
		t.Fatal(err)
	}
	both := m.Clone()
	both.Scenarios = append(both.Scenarios, model.Scenario{ID: "both", Force: []string{"us_include_russia"}, Forbid: []string{"us_troops"}})
	want, err := scenario.Apply(both, "both")
	if err != nil {
		t.Fatal(err)
	}
	ge, _ := equilibria(t, got)
	we, _ := equilibria(t, want)
	if !reflect.DeepEqual(ge, we) {
		t.Errorf("russia_at_table + forbid us_troops: %v, want %v", ge, we)
	}
	// Forbidding what the scenario forces is refused, at the scenario's
	// entry: silently overriding it analysed a model neither describes.
	_, err = scenario.WhatIf(m, "russia_at_table", scenario.Quick{Forbid: []string{"us_include_russia"}})
	var me *model.Error
	if !errors.As(err, &me) || me.Pos.Line == 0 || !strings.Contains(me.Msg, `--forbid us_include_russia contradicts scenario "russia_at_table", which forces option "us_include_russia"`) {
		t.Errorf("forbidding what the scenario forces: err = %v, want an error at the scenario's force entry", err)
	}
}

// --force of an option the scenario forbids is refused at the forbid
// entry (file:line:col), in every command (they share WhatIf); a status
// quo given on the command line replaces the scenario's, which
// ReplacesStatusQuo reports.
func TestWhatIfContradictsScenario(t *testing.T) {
	src := `title: Three party
options: [{id: a}, {id: b}, {id: c}]
decision_makers:
  - {id: A, options: [a], preferences: {statements: [a]}}
  - {id: B, options: [b, c], preferences: {statements: [c]}}
scenarios:
  - id: noc
    forbid: [b, c]
    status_quo: {taken: [a]}
`
	m, err := model.Parse([]byte(src), "m1.yaml")
	if err != nil {
		t.Fatal(err)
	}
	_, err = scenario.WhatIf(m, "noc", scenario.Quick{Force: []string{"c"}})
	want := `m1.yaml:8:17: --force c contradicts scenario "noc", which forbids option "c" here`
	if err == nil || !strings.HasPrefix(err.Error(), want) {
		t.Errorf("err = %v, want prefix %q", err, want)
	}
	if _, err := scenario.WhatIf(m, "noc", scenario.Quick{Force: []string{"a"}}); err != nil {
		t.Errorf("forcing an option the scenario leaves free: %v", err)
	}
	if sq := scenario.ReplacesStatusQuo(m, "noc", scenario.Quick{StatusQuo: "1"}); sq == nil || sq.Pos.Line != 9 {
		t.Errorf("ReplacesStatusQuo = %+v, want the scenario's status quo (line 9)", sq)
	}
	if sq := scenario.ReplacesStatusQuo(m, "noc", scenario.Quick{Force: []string{"a"}}); sq != nil {
		t.Errorf("ReplacesStatusQuo without a status quo = %+v, want nil", sq)
	}
}

func TestWhatIfStatusQuo(t *testing.T) {
	m := ukraine(t)
	// State 176 of the base model: YY YY NYY YN (codes count from 0).
	got, err := scenario.WhatIf(m, "", scenario.Quick{StatusQuo: "176"})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"ru_ceasefire", "ru_summit", "ua_ceasefire", "ua_summit", "us_guarantee", "us_include_russia", "co_force"}
	if !reflect.DeepEqual(got.StatusQuo.Taken, want) {
		t.Errorf("status quo 176 takes %v, want %v", got.StatusQuo.Taken, want)
	}
	// The same by pattern, and read after the forced options are applied:
	// with us_include_russia forbidden, state 1 is still "nothing taken".
	got, err = scenario.WhatIf(m, "", scenario.Quick{StatusQuo: "YNNNNNNNN", Forbid: []string{"us_include_russia"}})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got.StatusQuo.Taken, []string{"ru_ceasefire"}) {
		t.Errorf("status quo YNNNNNNNN takes %v", got.StatusQuo.Taken)
	}
	// Forcing an option the status quo does not take needs no new status
	// quo: it is derived, as for a written scenario.
	got, err = scenario.WhatIf(m, "", scenario.Quick{Force: []string{"co_force"}})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got.StatusQuo.Taken, []string{"co_force"}) {
		t.Errorf("derived status quo %v, want [co_force]", got.StatusQuo.Taken)
	}
	// Unchanged model.
	if same, err := scenario.WhatIf(m, "", scenario.Quick{StatusQuo: "sq"}); err != nil || same != m {
		t.Errorf("status quo sq: %v, %v; want the model itself", same, err)
	}
}

func TestWhatIfErrors(t *testing.T) {
	m := ukraine(t)
	for _, tc := range []struct {
		q    scenario.Quick
		id   string
		want string
	}{
		{scenario.Quick{Force: []string{"us_trops"}}, "", `cannot force option "us_trops": the model has no such option`},
		{scenario.Quick{Forbid: []string{"nope"}}, "", `cannot forbid option "nope"`},
		{scenario.Quick{Force: []string{"co_force"}, Forbid: []string{"co_force"}}, "", `"co_force" is both forced and forbidden`},
		{scenario.Quick{Forbid: []string{"co_force"}, StatusQuo: "NNNNNNNYN"}, "", "new status quo: state NNNNNNNYN is not feasible"},
		{scenario.Quick{StatusQuo: "300"}, "", "new status quo: state 300 does not exist"},
		{scenario.Quick{Force: []string{"co_force"}}, "no_such", `unknown scenario "no_such"`},
	} {
		_, err := scenario.WhatIf(m, tc.id, tc.q)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%v on %q: error %v, want one containing %q", tc.q, tc.id, err, tc.want)
		}
	}
}

func graphStrike(t *testing.T) *model.Model {
	t.Helper()
	data, err := os.ReadFile("testdata/graph-strike.yaml")
	if err != nil {
		t.Fatal(err)
	}
	m, err := model.Parse(data, "testdata/graph-strike.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// TestWhatIfStatusQuoGraphForm checks that a new status quo on a
// graph-form model, by state id or number, goes the way of a scenario of
// the file that names the state, and that a Y/N pattern no state has is
// refused in graph-form terms.
func TestWhatIfStatusQuoGraphForm(t *testing.T) {
	m := graphStrike(t)
	file, err := scenario.Apply(m, "raised")
	if err != nil {
		t.Fatal(err)
	}
	fr, err := analysis.Prepare(context.Background(), file, analysis.Options{})
	if err != nil {
		t.Fatal(err)
	}
	want, err := analysis.StatusQuo(fr.Space)
	if err != nil || want != 2 {
		t.Fatalf("the file's scenario: status quo %d, %v; want state 3", want+1, err)
	}
	for _, ref := range []string{"s3", "3", "NYN"} {
		got, err := scenario.WhatIf(m, "", scenario.Quick{StatusQuo: ref})
		if err != nil {
			t.Fatalf("--set-status-quo %s: %v", ref, err)
		}
		if got.StatusQuo == nil || got.StatusQuo.State != "s3" || len(got.StatusQuo.Taken) != 0 {
			t.Fatalf("--set-status-quo %s: status quo %+v, want state s3", ref, got.StatusQuo)
		}
		r, err := analysis.Prepare(context.Background(), got, analysis.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if s, err := analysis.StatusQuo(r.Space); err != nil || s != want {
			t.Fatalf("--set-status-quo %s: status quo %d, %v; want %d", ref, s+1, err, want+1)
		}
	}
	_, err = scenario.WhatIf(m, "", scenario.Quick{StatusQuo: "YYY"})
	if err == nil || strings.Contains(err.Error(), "infeasible condition") || !strings.Contains(err.Error(), "state id") {
		t.Fatalf("--set-status-quo YYY on graph form: %v", err)
	}
}

// TestWhatIfNoFeasibleState checks that forced options that leave no
// feasible state are named in the error, which cannot point into the file
// for them.
func TestWhatIfNoFeasibleState(t *testing.T) {
	src := `title: strike
options: [{id: strike}, {id: raise}, {id: lockout}]
decision_makers:
  - {id: U, options: [strike], preferences: {statements: [raise]}}
  - {id: F, options: [raise, lockout], preferences: {statements: [not strike]}}
feasibility:
  mutually_exclusive: [[raise, lockout]]
`
	m, err := model.Parse([]byte(src), "strike.yaml")
	if err != nil {
		t.Fatal(err)
	}
	got, err := scenario.WhatIf(m, "", scenario.Quick{Force: []string{"raise", "lockout"}})
	if err == nil {
		_, err = analysis.Prepare(context.Background(), got, analysis.Options{})
	}
	if err == nil || strings.Contains(err.Error(), "the first is here") ||
		!strings.Contains(err.Error(), `"not raise" (--force raise on the command line)`) || !strings.Contains(err.Error(), "--force lockout") || strings.Contains(err.Error(), scenario.WhatIfID) || !strings.Contains(err.Error(), "line 7") {
		t.Fatalf("err = %v; want the conditions named", err)
	}
}

// --force and --forbid on a graph-form model say why they cannot apply,
// whether or not the model has options, without an empty list of options
// or the internal scenario id.
func TestWhatIfGraphForm(t *testing.T) {
	src := `title: Graph four
states: [{id: s0}, {id: s1}]
decision_makers:
  - {id: X, moves: [[s0, s1]], preferences: {ranking: [s1, s0]}}
  - {id: Y, preferences: {ranking: [s0, s1]}}
status_quo: s0
`
	withOpts := `title: Graph two
options: [{id: a}, {id: b}]
states: [{id: s1, taken: []}, {id: s2, taken: [a]}]
decision_makers:
  - {id: X, options: [a], moves: [[s1, s2]], preferences: {ranking: [s2, s1]}}
  - {id: Y, options: [b], preferences: {ranking: [s1, s2]}}
status_quo: s1
`
	for _, tc := range []struct {
		src, name string
		q         scenario.Quick
		want      string
	}{
		{src, "g1.yaml", scenario.Quick{Force: []string{"x"}}, "cannot apply --force x: the model is in graph form (states: listed in the file) and has no options"},
		{withOpts, "g2.yaml", scenario.Quick{Forbid: []string{"a"}}, "cannot apply --forbid a: the model is in graph form, so its states are the ones listed under states:"},
	} {
		m, err := model.Parse([]byte(tc.src), tc.name)
		if err != nil {
			t.Fatal(err)
		}
		_, err = scenario.WhatIf(m, "", tc.q)
		if err == nil || !strings.HasPrefix(err.Error(), tc.name+": "+tc.want) || strings.Contains(err.Error(), scenario.WhatIfID) || strings.Contains(err.Error(), "are )") {
			t.Errorf("%s: err = %v, want %q", tc.name, err, tc.want)
		}
		if _, err := scenario.WhatIf(m, "", scenario.Quick{StatusQuo: "2"}); err != nil {
			t.Errorf("%s: --set-status-quo: %v", tc.name, err)
		}
	}
}
