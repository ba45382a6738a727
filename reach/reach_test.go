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

// TestSearchAndMinOver compares, on random conflicts and for every group
// of movers, Search's reached sets and distances with the brute-force
// checker, and MinOver's minima (with and without Classes) with minima
// taken over those sets.
func TestSearchAndMinOver(t *testing.T) {
	ctx := context.Background()
	for seed := int64(0); seed < 150; seed++ {
		dms := 2 + int(seed%3)
		p := generate.DefaultParams(dms, dms+int(seed%4), seed)
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
		codes := bruteforce.Feasible(m)
		score := bruteforce.Scores(m, codes)
		classes := reach.NewClasses(ss, prefs)
		for mask := 1; mask < 1<<dms; mask++ {
			var H []int
			for j := 0; j < dms; j++ {
				if mask&(1<<j) != 0 {
					H = append(H, j)
				}
			}
			for _, improving := range []bool{false, true} {
				w := prefs.Level[int(seed)%dms]
				g := &reach.Graph{Space: ss, Prefs: prefs, Movers: H, Improving: improving}
				plain, err := reach.MinOver(ctx, g, w)
				if err != nil {
					t.Fatal(err)
				}
				g.Classes = classes
				fast, err := reach.MinOver(ctx, g, w)
				if err != nil {
					t.Fatal(err)
				}
				for s := range codes {
					want := bruteforce.Reach(m, codes, score, H, s, improving)
					tr := reach.Search(g, s, nil)
					if got := tr.States(); !slices.Equal(got, want) && len(want)+len(got) > 0 {
						t.Fatalf("seed %d H %v improving %v: R_H(%d) = %v, want %v", seed, H, improving, s+1, got, want)
					}
					paths := bruteforce.ReachPaths(m, codes, score, H, s, improving)
					min := int32(reach.Unreachable)
					for _, x := range want {
						if w[x] < min {
							min = w[x]
						}
						if tr.Dist(x) != len(paths[x]) || len(tr.Path(x)) != len(paths[x]) {
							t.Fatalf("seed %d: distance to %d: %d, want %d", seed, x+1, tr.Dist(x), len(paths[x]))
						}
					}
					if plain[0][s] != min || fast[0][s] != min {
						t.Fatalf("seed %d H %v improving %v state %d: MinOver %d / with classes %d, want %d", seed, H, improving, s+1, plain[0][s], fast[0][s], min)
					}
				}
			}
		}
	}
}

// TestMaxOverMoves compares MaxOverMoves, with and without classes, with
// maxima taken over the brute-force checker's moves and improvements.
func TestMaxOverMoves(t *testing.T) {
	ctx := context.Background()
	for seed := int64(0); seed < 100; seed++ {
		dms := 2 + int(seed%3)
		p := generate.DefaultParams(dms, dms+int(seed%5), seed)
		p.Irreversible = []float64{0, 0.3}[seed%2]
		p.Ranking = 0.5
		m, err := generate.Conflict(p)
		if err != nil {
			t.Fatal(err)
		}
		ss, _ := statespace.Build(ctx, m, statespace.Options{})
		prefs, _ := preference.Compute(ss)
		codes := bruteforce.Feasible(m)
		score := bruteforce.Scores(m, codes)
		classes := reach.NewClasses(ss, prefs)
		w := prefs.Level[int(seed)%dms]
		for dm := 0; dm < dms; dm++ {
			for _, improving := range []bool{false, true} {
				for _, cl := range []*reach.Classes{nil, classes} {
					got, err := reach.MaxOverMoves(ctx, ss, prefs, cl, dm, w, improving)
					if err != nil {
						t.Fatal(err)
					}
					for s := range codes {
						moves := bruteforce.Moves(m, codes, dm, s)
						if improving {
							moves = bruteforce.Improvements(m, codes, score, dm, s)
						}
						want := int32(reach.NoMove)
						for _, x := range moves {
							want = max(want, w[x])
						}
						if got[s] != want {
							t.Fatalf("seed %d dm %d improving %v classes %v state %d: %d, want %d", seed, dm, improving, cl != nil, s+1, got[s], want)
						}
					}
				}
			}
		}
	}
}

// TestOrOverMoves compares OrOverMoves, with and without classes, with the
// OR of one bit per state taken over the brute-force checker's moves and
// improvements.
func TestOrOverMoves(t *testing.T) {
	ctx := context.Background()
	for seed := int64(0); seed < 100; seed++ {
		dms := 2 + int(seed%3)
		p := generate.DefaultParams(dms, dms+int(seed%5), seed)
		p.Irreversible = []float64{0, 0.3}[seed%2]
		p.Ranking = 0.5
		p.Misperceived = []float64{0, 0, 0.5}[seed%3]
		m, err := generate.Conflict(p)
		if err != nil {
			t.Fatal(err)
		}
		ss, _ := statespace.Build(ctx, m, statespace.Options{})
		prefs, _ := preference.Compute(ss)
		codes := bruteforce.Feasible(m)
		score := bruteforce.Scores(m, codes)
		classes := reach.NewClasses(ss, prefs)
		w := func(x int) uint64 { return 1 << uint((x*7+int(seed))%64) }
		for dm := 0; dm < dms; dm++ {
			for _, improving := range []bool{false, true} {
				for _, cl := range []*reach.Classes{nil, classes} {
					got, err := reach.OrOverMoves(ctx, ss, prefs, cl, dm, w, improving)
					if err != nil {
						t.Fatal(err)
					}
					for s := range codes {
						moves := bruteforce.Moves(m, codes, dm, s)
						if improving {
							moves = bruteforce.Improvements(m, codes, score, dm, s)
						}
						var want uint64
						for _, x := range moves {
							want |= w(x)
						}
						if got[s] != want {
							t.Fatalf("seed %d dm %d improving %v classes %v state %d: %x, want %x", seed, dm, improving, cl != nil, s+1, got[s], want)
						}
					}
				}
			}
		}
	}
}
