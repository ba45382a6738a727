package reach_test

import (
	"context"
	"math/rand/v2"
	"testing"

	"github.com/gmcr/gmcr/generate"
	"github.com/gmcr/gmcr/internal/bruteforce"
	"github.com/gmcr/gmcr/preference"
	"github.com/gmcr/gmcr/reach"
	"github.com/gmcr/gmcr/statespace"
)

// TestOrOver compares OrOver (two words of random bits per state; with
// and without Classes; with an Allow filter) with the OR taken over the
// brute-force checker's reach on 120 random conflicts.
func TestOrOver(t *testing.T) {
	ctx := context.Background()
	for seed := int64(0); seed < 120; seed++ {
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
		rng := rand.New(rand.NewPCG(uint64(seed), 7))
		masks := [][]uint64{make([]uint64, len(codes)), make([]uint64, len(codes))}
		for s := range codes {
			masks[0][s], masks[1][s] = rng.Uint64()&rng.Uint64(), uint64(1)<<rng.IntN(64)
		}
		H := []int{}
		for j := 0; j < dms; j++ {
			if j != int(seed)%dms {
				H = append(H, j)
			}
		}
		for _, improving := range []bool{false, true} {
			g := &reach.Graph{Space: ss, Prefs: prefs, Movers: H, Improving: improving}
			plain, err := reach.OrOver(ctx, g, masks...)
			if err != nil {
				t.Fatal(err)
			}
			g.Classes = reach.NewClasses(ss, prefs)
			fast, err := reach.OrOver(ctx, g, masks...)
			if err != nil {
				t.Fatal(err)
			}
			for s := range codes {
				var want [2]uint64
				for _, x := range bruteforce.Reach(m, codes, score, H, s, improving) {
					want[0] |= masks[0][x]
					want[1] |= masks[1][x]
				}
				for w := 0; w < 2; w++ {
					if plain[w][s] != want[w] || fast[w][s] != want[w] {
						t.Fatalf("seed %d improving %v state %d word %d: %x / with classes %x, want %x", seed, improving, s+1, w, plain[w][s], fast[w][s], want[w])
					}
				}
			}
		}
		// An Allow filter: only moves to a state of even index.
		g := &reach.Graph{Space: ss, Prefs: prefs, Movers: H, Allow: func(_, _, to int) bool { return to%2 == 0 }}
		got, err := reach.OrOver(ctx, g, masks[0])
		if err != nil {
			t.Fatal(err)
		}
		for s := range codes {
			want := uint64(0)
			for _, x := range reach.Search(g, s, nil).States() {
				want |= masks[0][x]
			}
			if got[0][s] != want {
				t.Fatalf("seed %d Allow state %d: %x, want %x", seed, s+1, got[0][s], want)
			}
		}
	}
}
