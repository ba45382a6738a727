package reach_test

import (
	"context"
	"testing"

	"github.com/gmcr/gmcr/generate"
	"github.com/gmcr/gmcr/internal/bruteforce"
	"github.com/gmcr/gmcr/preference"
	"github.com/gmcr/gmcr/reach"
	"github.com/gmcr/gmcr/statespace"
)

// TestPatternsOverMoves compares PatternsOverMoves, with and without
// classes, with the patterns of the brute-force checker's moves and
// improvements, on random two-DM conflicts whose first DM has 7 to 10
// options (two to sixteen words per set) and the second 1 or 2.
func TestPatternsOverMoves(t *testing.T) {
	ctx := context.Background()
	for seed := int64(0); seed < 24; seed++ {
		w := 7 + int(seed%4)
		p := generate.DefaultParams(2, w+1+int(seed%2), seed)
		p.Irreversible = []float64{0, 0.3}[seed%2]
		m, err := generate.Conflict(p)
		if err != nil {
			t.Fatal(err)
		}
		// dm1 takes the first w options, dm2 keeps the rest: the order of
		// the options, and so every state's code, is unchanged.
		ids := append(append([]string(nil), m.DMs[0].Options...), m.DMs[1].Options...)
		m.DMs[0].Options, m.DMs[1].Options = ids[:w], ids[w:]
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
		d := ss.DMs[0]
		for _, classes := range []*reach.Classes{nil, reach.NewClasses(ss, prefs)} {
			for _, improving := range []bool{false, true} {
				got, words, err := reach.PatternsOverMoves(ctx, ss, prefs, classes, 0, improving)
				if err != nil {
					t.Fatal(err)
				}
				if words != 1<<w/64 {
					t.Fatalf("seed %d: %d words for %d options", seed, words, w)
				}
				for s := range codes {
					want := make([]uint64, words)
					ts := bruteforce.Moves(m, codes, 0, s)
					if improving {
						ts = bruteforce.Improvements(m, codes, score, 0, s)
					}
					for _, t := range ts {
						x := (codes[t] & d.Mask) >> d.Lo
						want[x/64] |= 1 << (x % 64)
					}
					for q := range want {
						if got[s*words+q] != want[q] {
							t.Fatalf("seed %d (classes %v, improving %v): state %d word %d: %x, want %x",
								seed, classes != nil, improving, s+1, q, got[s*words+q], want[q])
						}
					}
				}
			}
		}
	}
}
