package reach_test

import (
	"context"
	"slices"
	"testing"

	"github.com/gmcr/gmcr/generate"
	"github.com/gmcr/gmcr/preference"
	"github.com/gmcr/gmcr/reach"
	"github.com/gmcr/gmcr/statespace"
)

// TestSearcher checks that one Searcher, reused for searches from every
// state over every group of movers (with and without a stop function,
// improving or not), gives what a fresh Search gives: the states, their
// distances, the paths and the goal.
func TestSearcher(t *testing.T) {
	ctx := context.Background()
	for seed := int64(0); seed < 12; seed++ {
		dms := 2 + int(seed%3)
		p := generate.DefaultParams(dms, dms+2+int(seed%4), seed)
		p.Irreversible = []float64{0, 0.3}[seed%2]
		m, err := generate.Conflict(p)
		if err != nil {
			t.Fatal(err)
		}
		ss, err := statespace.Build(ctx, m, statespace.Options{})
		if err != nil {
			t.Fatal(err)
		}
		prefs, err := preference.Compute(ss)
		if err != nil {
			t.Fatal(err)
		}
		var sr reach.Searcher
		for mask := 1; mask < 1<<dms; mask++ {
			var H []int
			for j := 0; j < dms; j++ {
				if mask&(1<<j) != 0 {
					H = append(H, j)
				}
			}
			for _, improving := range []bool{false, true} {
				g := &reach.Graph{Space: ss, Prefs: prefs, Movers: H, Improving: improving}
				for s := 0; s < ss.Len(); s++ {
					goal := (s*7 + mask) % ss.Len()
					stops := []func(int) bool{nil, func(x int) bool { return x == goal }}
					for _, stop := range stops {
						want := reach.Search(g, s, stop)
						got := sr.Search(g, s, stop)
						if got.Goal != want.Goal || !slices.Equal(got.States(), want.States()) {
							t.Fatalf("seed %d movers %v improving %v from %d: goal %d states %v, want %d %v",
								seed, H, improving, s+1, got.Goal, got.States(), want.Goal, want.States())
						}
						for x := 0; x < ss.Len(); x++ {
							if got.Dist(x) != want.Dist(x) || got.Reached(x) != want.Reached(x) ||
								!slices.Equal(got.Path(x), want.Path(x)) {
								t.Fatalf("seed %d movers %v improving %v from %d: state %d differs", seed, H, improving, s+1, x+1)
							}
						}
					}
				}
			}
		}
	}
}

// TestSearcherPath checks that Searcher.Path gives Search's path to every
// state (nil for a state not reached), over every group of movers,
// improving or not, from every state, on random conflicts with
// irreversible options, infeasible states and misperceptions, one
// Searcher reused throughout.
func TestSearcherPath(t *testing.T) {
	ctx := context.Background()
	walks, calls := 0, 0
	before := reach.PathSearches()
	for seed := int64(0); seed < 30; seed++ {
		dms := 2 + int(seed%3)
		p := generate.DefaultParams(dms, dms+2+int(seed%4), seed)
		p.Irreversible = []float64{0, 0.3, 0.6}[seed%3]
		p.Infeasible = []float64{0, 0.3}[seed/3%2]
		p.Misperceived = []float64{0, 0, 0, 0.5}[seed%4]
		m, err := generate.Conflict(p)
		if err != nil {
			t.Fatal(err)
		}
		ss, err := statespace.Build(ctx, m, statespace.Options{})
		if err != nil {
			t.Fatal(err)
		}
		prefs, err := preference.Compute(ss)
		if err != nil {
			t.Fatal(err)
		}
		var sr reach.Searcher
		for mask := 1; mask < 1<<dms; mask++ {
			var H []int
			for j := 0; j < dms; j++ {
				if mask&(1<<j) != 0 {
					H = append(H, j)
				}
			}
			for _, improving := range []bool{false, true} {
				g := &reach.Graph{Space: ss, Prefs: prefs, Movers: H, Improving: improving}
				for s := 0; s < ss.Len(); s += 1 + int(seed%3) {
					want := reach.Search(g, s, nil)
					// Every reached state, and a few others.
					xs := want.States()
					for x := s % 5; x < ss.Len(); x += 97 {
						if !want.Reached(x) {
							xs = append(xs, x)
						}
					}
					for _, x := range xs {
						got := sr.Path(g, s, x)
						calls++
						if !slices.Equal(got, want.Path(x)) {
							t.Fatalf("seed %d movers %v improving %v from %d to %d: path %v, want %v",
								seed, H, improving, s+1, x+1, got, want.Path(x))
						}
						if got != nil {
							walks++
						}
					}
				}
			}
		}
	}
	fell := int(reach.PathSearches() - before)
	t.Logf("%d paths compared (%d calls, %d by Search)", walks, calls, fell)
	if fell*4 > calls {
		t.Fatalf("%d of %d calls fell back to Search: the depth-first walk is hardly tested", fell, calls)
	}
}
