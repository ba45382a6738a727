package scenario_test

import (
	"context"
	"reflect"
	"testing"

	"github.com/gmcr/gmcr/analysis"
	"github.com/gmcr/gmcr/model"
	"github.com/gmcr/gmcr/scenario"
	"github.com/gmcr/gmcr/uncertain"
)

// unknownModel has P1 with statements (one unsure) and an unknown group,
// and P2 with a ranking. States are numbered by code + 1 (a adds 1, b 2,
// c 4).
const unknownModel = `title: Unknown
options: [{id: a}, {id: b}, {id: c}]
decision_makers:
  - id: P1
    options: [a, b]
    preferences:
      statements: ["a", {statement: "not c", unsure: true}, "b"]
      unknown: [[1, 2], [7, 8]]
  - id: P2
    options: [c]
    preferences:
      ranking: [8, 7, 6, 5, 4, 3, 2, 1]
scenarios:
  - id: doubts
    preferences:
      P1: {unsure: ["a"], sure: ["not c"]}
      P2: {unknown: [[1, 2], [5, 6, 8]]}
  - id: forced
    force: [c]
    preferences:
      P2: {unknown: [[1, 5], [6, 8, 3]]}
  - id: cleared
    preferences:
      P1:
        clear_unknown: true
        add: [{statement: "not b", unsure: true}]
  - id: cleared_only
    preferences:
      P1: {clear_unknown: true}
  - id: out_of_range
    preferences:
      P2: {unknown: [[1, 9]]}
`

func relationOf(t *testing.T, m *model.Model) *uncertain.Relation {
	t.Helper()
	r, err := analysis.Prepare(context.Background(), m, analysis.Options{})
	if err != nil {
		t.Fatal(err)
	}
	rel, err := uncertain.NewRelation(r.Space, r.Prefs)
	if err != nil {
		t.Fatal(err)
	}
	return rel
}

func unsureOf(m *model.Model, dm int) []bool {
	var out []bool
	for _, st := range m.DMs[dm].Prefs.Statements {
		out = append(out, st.Unsure)
	}
	return out
}

func groupsOf(m *model.Model, dm int) [][]int {
	var out [][]int
	for _, g := range m.DMs[dm].Prefs.Unknown {
		out = append(out, g.States)
	}
	return out
}

func TestApplyUnknown(t *testing.T) {
	base, err := model.Parse([]byte(unknownModel), "u.yaml")
	if err != nil {
		t.Fatal(err)
	}
	m, err := scenario.Apply(base, "doubts")
	if err != nil {
		t.Fatal(err)
	}
	if got, want := unsureOf(m, 0), []bool{true, false, false}; !reflect.DeepEqual(got, want) {
		t.Errorf("P1 unsure marks = %v, want %v", got, want)
	}
	if got, want := groupsOf(m, 1), [][]int{{1, 2}, {5, 6, 8}}; !reflect.DeepEqual(got, want) {
		t.Errorf("P2 groups = %v, want %v", got, want)
	}
	if got, want := groupsOf(m, 0), [][]int{{1, 2}, {7, 8}}; !reflect.DeepEqual(got, want) {
		t.Errorf("P1 keeps its groups: %v, want %v", got, want)
	}
	rel := relationOf(t, m)
	// P1 unsure of "a" (the first statement) and sure of "not c": states 1
	// (nothing) and 2 (a) differ only in a, so they are unknown; 1 and 5
	// (c) differ in "not c" only, now sure: known. Base: 1 and 5 unknown.
	for _, tc := range []struct {
		dm, s, t int
		want     bool
	}{
		{0, 1, 2, true}, {0, 1, 5, false}, {0, 3, 4, true}, {0, 2, 3, true},
		{1, 5, 8, true}, {1, 6, 8, true}, {1, 5, 7, false}, {1, 1, 2, true}, {1, 2, 3, false},
	} {
		if got := rel.Unknown(tc.dm, tc.s-1, tc.t-1); got != tc.want {
			t.Errorf("scenario doubts: DM %d, states %d and %d unknown = %v, want %v", tc.dm+1, tc.s, tc.t, got, tc.want)
		}
	}
	if !relationOf(t, base).Unknown(0, 0, 4) {
		t.Error("base: P1's comparison of states 1 and 5 should be unknown (unsure \"not c\")")
	}

	// force c keeps states 5-8 (codes 4-7), numbered 1-4 in the
	// scenario: base groups [7, 8] of P1 become [3, 4]; P2's [1, 5]
	// loses state 1 and is dropped; [6, 8, 3] becomes [2, 4].
	m, err = scenario.Apply(base, "forced")
	if err != nil {
		t.Fatal(err)
	}
	if got, want := groupsOf(m, 0), [][]int{{3, 4}}; !reflect.DeepEqual(got, want) {
		t.Errorf("forced: P1 groups = %v, want %v", got, want)
	}
	if got, want := groupsOf(m, 1), [][]int{{2, 4}}; !reflect.DeepEqual(got, want) {
		t.Errorf("forced: P2 groups = %v, want %v", got, want)
	}

	m, err = scenario.Apply(base, "cleared")
	if err != nil {
		t.Fatal(err)
	}
	if got, want := unsureOf(m, 0), []bool{false, false, false, true}; !reflect.DeepEqual(got, want) {
		t.Errorf("cleared: P1 unsure marks = %v, want %v", got, want)
	}
	if got := groupsOf(m, 0); got != nil {
		t.Errorf("cleared: P1 groups = %v, want none", got)
	}
	m, err = scenario.Apply(base, "cleared_only")
	if err != nil {
		t.Fatal(err)
	}
	if m.HasUnknown() {
		t.Errorf("cleared_only: unknown comparisons left: %v %v", unsureOf(m, 0), groupsOf(m, 0))
	}
	if !base.HasUnknown() || len(base.DMs[0].Prefs.Unknown) != 2 || !base.DMs[0].Prefs.Statements[1].Unsure {
		t.Error("Apply changed the base model")
	}

	_, err = scenario.Apply(base, "out_of_range")
	want := `u.yaml:32:22: state 9 in an unknown group of decision maker "P2" does not exist: the model has states 1 to 8 (a scenario's unknown groups use the model's state numbers (see gmcr states))`
	if err == nil || err.Error() != want {
		t.Errorf("out_of_range: got %v, want %s", err, want)
	}
}
