package stability_test

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/gmcr/gmcr/internal/bruteforce"
	"github.com/gmcr/gmcr/internal/testmodel"
	"github.com/gmcr/gmcr/preference"
	"github.com/gmcr/gmcr/stability"
	"github.com/gmcr/gmcr/statespace"
)

// TestGraphFormAgreesWithBruteForce checks the engine on 1,000 random
// graph-form conflicts (testmodel.RandomGraph: half without options, half
// with option values and state-dependent moves) against the definitional
// checker, for every concept that applies, DM and state.
func TestGraphFormAgreesWithBruteForce(t *testing.T) {
	n := 1000
	if testing.Short() {
		n = 200
	}
	ctx := context.Background()
	for seed := int64(0); seed < int64(n); seed++ {
		m := testmodel.RandomGraph(t, seed)
		ss, err := statespace.Build(ctx, m, statespace.Options{})
		if err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
		prefs, err := preference.Compute(ss)
		if err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
		a, err := stability.Analyze(ctx, ss, prefs, stability.Config{})
		if err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
		want := bruteforce.Analyze(m)
		if fmt.Sprint(ss.Codes) != fmt.Sprint(want.Codes) {
			t.Fatalf("seed %d: codes %v, brute force %v", seed, ss.Codes, want.Codes)
		}
		for _, c := range stability.Concepts {
			table, defined := want.Stable[c.String()]
			if defined != a.Has(c) {
				t.Fatalf("seed %d (%s): %v computed %v, defined by brute force %v", seed, m.Title, c, a.Has(c), defined)
			}
			if !defined {
				continue
			}
			for i := range m.DMs {
				for s := range ss.Codes {
					if got, exp := a.Stable(c, i, s), table[i][s]; got != exp {
						t.Fatalf("seed %d (%s): %v stability of state %d for DM %s: engine %v, brute force %v",
							seed, m.Title, c, s+1, m.DMs[i].ID, got, exp)
					}
				}
			}
		}
		if !ss.Simultaneous() {
			_, err := stability.Analyze(ctx, ss, prefs, stability.Config{Concepts: []stability.Concept{stability.SIM}})
			if !errors.Is(err, stability.ErrNoSimultaneous) {
				t.Fatalf("seed %d: SIM alone on a graph without options: %v", seed, err)
			}
		}
	}
}
