package reach_test

import (
	"context"
	"slices"
	"testing"

	"github.com/gmcr/gmcr/generate"
	"github.com/gmcr/gmcr/internal/bruteforce"
	"github.com/gmcr/gmcr/preference"
	"github.com/gmcr/gmcr/reach"
	"github.com/gmcr/gmcr/statespace"
)

// TestMinWithin compares, on random conflicts (irreversible options,
// infeasible states, direct rankings and misperceptions in some) and for
// every group of movers, MinWithin's minima of two weights, with and
// without Classes, with minima over s and the brute-force checker's
// R_H(s).
func TestMinWithin(t *testing.T) {
	ctx := context.Background()
	for seed := int64(0); seed < 240; seed++ {
		dms := 2 + int(seed%3)
		p := generate.DefaultParams(dms, dms+int(seed%5), seed)
		p.Irreversible = []float64{0, 0.3, 0.7}[seed%3]
		p.Infeasible = []float64{0, 0.3}[(seed/3)%2]
		p.Ranking = []float64{0, 0.5}[(seed/6)%2]
		p.Misperceived = []float64{0, 0, 0, 0.5}[(seed/12)%4]
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
		codes := bruteforce.Feasible(m)
		score := bruteforce.Scores(m, codes)
		classes := reach.NewClasses(ss, prefs)
		w0 := prefs.Level[int(seed)%dms]
		w1 := make([]int32, ss.Len())
		for s := range w1 {
			w1[s] = int32((s * 7919) % 13)
		}
		for mask := 1; mask < 1<<dms; mask++ {
			var H []int
			for j := 0; j < dms; j++ {
				if mask&(1<<j) != 0 {
					H = append(H, j)
				}
			}
			for _, improving := range []bool{false, true} {
				for _, cl := range []*reach.Classes{nil, classes} {
					g := &reach.Graph{Space: ss, Prefs: prefs, Movers: H, Improving: improving, Classes: cl}
					got, err := reach.MinWithin(ctx, g, w0, w1)
					if err != nil {
						t.Fatal(err)
					}
					for s := range codes {
						want := []int32{w0[s], w1[s]}
						for _, x := range bruteforce.Reach(m, codes, score, H, s, improving) {
							want[0], want[1] = min(want[0], w0[x]), min(want[1], w1[x])
						}
						if got[0][s] != want[0] || got[1][s] != want[1] {
							t.Fatalf("seed %d H %v improving %v classes %v state %d: MinWithin %d %d, want %d %d",
								seed, H, improving, cl != nil, s+1, got[0][s], got[1][s], want[0], want[1])
						}
					}
				}
			}
		}
	}
}

// TestMaxOverMovesEach checks that MaxOverMovesEach gives, for each of
// several weights, what MaxOverMoves gives for it alone (which
// TestMaxOverMoves checks against the brute-force checker).
func TestMaxOverMovesEach(t *testing.T) {
	ctx := context.Background()
	for seed := int64(0); seed < 60; seed++ {
		dms := 2 + int(seed%3)
		p := generate.DefaultParams(dms, dms+int(seed%5), seed)
		p.Irreversible = []float64{0, 0.3, 0.7}[seed%3]
		m, err := generate.Conflict(p)
		if err != nil {
			t.Fatal(err)
		}
		ss, _ := statespace.Build(ctx, m, statespace.Options{})
		prefs, _ := preference.Compute(ss)
		classes := reach.NewClasses(ss, prefs)
		w1 := make([]int32, ss.Len())
		for s := range w1 {
			w1[s] = int32((s * 7919) % 13)
		}
		ws := [][]int32{prefs.Level[0], w1}
		for dm := 0; dm < dms; dm++ {
			for _, improving := range []bool{false, true} {
				for _, cl := range []*reach.Classes{nil, classes} {
					got, err := reach.MaxOverMovesEach(ctx, ss, prefs, cl, dm, ws, improving)
					if err != nil {
						t.Fatal(err)
					}
					for k, w := range ws {
						want, _ := reach.MaxOverMoves(ctx, ss, prefs, nil, dm, w, improving)
						if !slices.Equal(got[k], want) {
							t.Fatalf("seed %d dm %d improving %v classes %v weight %d: %v, want %v", seed, dm, improving, cl != nil, k, got[k], want)
						}
					}
				}
			}
		}
	}
}
