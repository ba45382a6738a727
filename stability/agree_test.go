package stability_test

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"testing"

	"github.com/gmcr/gmcr/generate"
	"github.com/gmcr/gmcr/internal/bruteforce"
	"github.com/gmcr/gmcr/preference"
	"github.com/gmcr/gmcr/stability"
	"github.com/gmcr/gmcr/statespace"
)

// randomParams spreads the seeded random conflicts over 2 to 5 DMs and up
// to 9 options, with every model feature switched on in some of them
// (misperceptions, 0.5 conditions per DM, in a third of them).
func randomParams(seed int64) generate.Params {
	dms := 2 + int(seed%4)
	opts := dms + int((seed/4)%int64(10-dms))
	p := generate.DefaultParams(dms, opts, seed)
	p.Irreversible = []float64{0, 0.3, 0.6}[seed%3]
	p.Compound = []float64{0, 0.4, 0.8}[(seed/3)%3]
	p.Infeasible = []float64{0, 0.2, 0.5}[(seed/5)%3]
	p.Ranking = []float64{0, 0.3, 1}[(seed/7)%3]
	p.Statements = 1 + int(seed%5)
	p.Misperceived = []float64{0, 0, 0.5}[(seed/11)%3]
	return p
}

// TestAgreesWithBruteForce checks the engine against the definitional
// checker of internal/bruteforce on 1,200 seeded random conflicts, for every
// concept, DM and state: feasible states, preference order and stability.
// SIM is checked twice: by Analyze (the fast pass where it applies) and by
// the general search it replaces.
func TestAgreesWithBruteForce(t *testing.T) {
	n := 1200
	if testing.Short() {
		n = 200
	}
	if v := os.Getenv("GMCR_AGREE_N"); v != "" {
		n, _ = strconv.Atoi(v)
	}
	maxOpts := 9
	if v := os.Getenv("GMCR_AGREE_MAXOPTS"); v != "" {
		maxOpts, _ = strconv.Atoi(v)
	}
	ctx := context.Background()
	fast, tried := 0, 0
	defer func() {
		// Most random conflicts must exercise the fast SIM pass.
		if !t.Failed() && fast < tried*3/4 {
			t.Errorf("the fast SIM pass applied to %d of %d conflicts only", fast, tried)
		}
	}()
	for seed := int64(0); seed < int64(n); seed++ {
		p := randomParams(seed)
		if p.Options > maxOpts {
			continue
		}
		m, err := generate.Conflict(p)
		if err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
		tried++
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
		// The general SIM search, which the fast pass replaces where every
		// DM has at most 6 options, must agree too.
		if stability.SimFastOK(ss) {
			fast++
		}
		old := stability.SetSimFast(false)
		general, err := stability.Analyze(ctx, ss, prefs, stability.Config{Concepts: []stability.Concept{stability.SIM}})
		stability.SetSimFast(old)
		if err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
		want := bruteforce.Analyze(m)
		if fmt.Sprint(ss.Codes) != fmt.Sprint(want.Codes) {
			t.Fatalf("seed %d (%v): feasible codes %v, brute force %v", seed, p, ss.Codes, want.Codes)
		}
		for i := range m.DMs {
			for s := range ss.Codes {
				for u := range ss.Codes {
					if (prefs.Level[i][s] > prefs.Level[i][u]) != (want.Scores[i][s] > want.Scores[i][u]) {
						t.Fatalf("seed %d: DM %d orders states %d,%d differently", seed, i, s+1, u+1)
					}
				}
			}
		}
		for _, c := range stability.Concepts {
			for i := range m.DMs {
				for s := range ss.Codes {
					if got, exp := a.Stable(c, i, s), want.Stable[c.String()][i][s]; got != exp {
						t.Fatalf("seed %d (%v): %v stability of state %d for DM %s: engine %v, brute force %v",
							seed, p, c, s+1, m.DMs[i].ID, got, exp)
					}
					if c == stability.SIM && general.Stable(c, i, s) != want.Stable[c.String()][i][s] {
						t.Fatalf("seed %d (%v): SIM stability of state %d for DM %s: general search %v, brute force %v",
							seed, p, s+1, m.DMs[i].ID, general.Stable(c, i, s), want.Stable[c.String()][i][s])
					}
				}
			}
			var nums []int
			for _, s := range a.Equilibria(c) {
				nums = append(nums, s+1)
			}
			if fmt.Sprint(nums) != fmt.Sprint(want.Equilibria[c.String()]) && !(len(nums) == 0 && len(want.Equilibria[c.String()]) == 0) {
				t.Fatalf("seed %d: %v equilibria %v, brute force %v", seed, c, nums, want.Equilibria[c.String()])
			}
		}
	}
}
