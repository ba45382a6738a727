package inverse

import (
	"context"
	"reflect"
	"testing"

	"github.com/gmcr/gmcr/analysis"
	"github.com/gmcr/gmcr/stability"
)

// TestWorkLimitRepeatable stops the proof of the built-in example's
// flagship question (state 128 under SEQ: about 60,000 solver conflicts
// to prove) after 3,000 conflicts, twice: both answers are the same
// change, not proven closest, and a stopRule counts no less than its
// limit once expired.
func TestWorkLimitRepeatable(t *testing.T) {
	r := prepareExample(t, "ukraine-security")
	s, err := analysis.State(r.Space, "YYYYNYNYN")
	if err != nil {
		t.Fatal(err)
	}
	p := Problem{Concept: stability.SEQ, Targets: []int{s}, CountLimit: -1, Work: 3000}
	var first *Result
	for range 2 {
		res, err := Solve(context.Background(), r.Space, r.Prefs, p)
		if err != nil {
			t.Fatal(err)
		}
		if !res.Exists || res.Optimal {
			t.Fatalf("work limit 3000: exists %v, optimal %v; want a solution not proven closest", res.Exists, res.Optimal)
		}
		if len(res.Changes) < 5 {
			t.Errorf("work limit 3000: %d changes, fewer than the proven optimum 5", len(res.Changes))
		}
		if first == nil {
			first = res
		} else if !reflect.DeepEqual(first.Changes, res.Changes) || !reflect.DeepEqual(first.Prefs, res.Prefs) {
			t.Errorf("two runs with the same work limit differ: %v vs %v", first.Changes, res.Changes)
		}
	}
	st := newStopRule(0, 10)
	if st.expired() || st.left() != 10 {
		t.Errorf("fresh stopRule: expired %v, left %d", st.expired(), st.left())
	}
	st.spend(12)
	if !st.expired() || st.left() != 0 {
		t.Errorf("after 12 of 10: expired %v, left %d", st.expired(), st.left())
	}
	var none *stopRule
	if none.expired() || none.late() || none.left() != -1 {
		t.Error("nil stopRule should never stop")
	}
}
