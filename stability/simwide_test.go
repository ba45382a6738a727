package stability_test

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"testing"

	"github.com/gmcr/gmcr/generate"
	"github.com/gmcr/gmcr/internal/bruteforce"
	"github.com/gmcr/gmcr/model"
	"github.com/gmcr/gmcr/preference"
	"github.com/gmcr/gmcr/stability"
	"github.com/gmcr/gmcr/statespace"
)

// wideConflict returns a seeded random conflict of 2 to 4 DMs and 7 to 10
// options in which one DM (any of them) controls 7 or more options, the
// rest being spread unevenly over the others: generate.Conflict's model
// with its options handed out again in the same order, so that statements,
// rankings and state numbers are unchanged.
func wideConflict(seed int64) (*model.Model, []int) {
	dms := 2 + int(seed%3)
	opts := 7 + int((seed/3)%4)
	if opts < dms+6 {
		opts = dms + 6
	}
	p := randomParams(seed)
	p.DMs, p.Options = dms, opts
	m, err := generate.Conflict(p)
	if err != nil {
		panic(err)
	}
	var ids []string
	for _, d := range m.DMs {
		ids = append(ids, d.Options...)
	}
	wide := int(seed/7) % dms
	sizes := make([]int, dms)
	for k := range sizes {
		sizes[k] = 1
	}
	sizes[wide] = 7 + int(seed/11)%(opts-dms-5)
	rest := opts
	for _, n := range sizes {
		rest -= n
	}
	for k := 0; rest > 0; k = (k + 1) % dms {
		if k != wide {
			n := 1 + int(seed/(13+int64(k)))%rest
			sizes[k] += n
			rest -= n
		}
	}
	at := 0
	for k := range m.DMs {
		m.DMs[k].Options = ids[at : at+sizes[k]]
		at += sizes[k]
	}
	return m, sizes
}

// TestSIMWideAgreesWithBruteForce checks SIM on 1,200 seeded random
// conflicts where a DM has more than 6 options (the fast pass with
// multi-word pattern sets) against the definitional checker of
// internal/bruteforce (and a quarter of them against the general search)
// for every DM and state.
func TestSIMWideAgreesWithBruteForce(t *testing.T) {
	n := 1200
	if testing.Short() {
		n = 200
	}
	if v := os.Getenv("GMCR_AGREE_N"); v != "" {
		n, _ = strconv.Atoi(v)
	}
	ctx := context.Background()
	for seed := int64(0); seed < int64(n); seed++ {
		m, sizes := wideConflict(seed)
		ss, err := statespace.Build(ctx, m, statespace.Options{})
		if err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
		if !stability.SimFastOK(ss) {
			t.Fatalf("seed %d (%v options per DM): the fast SIM pass does not apply", seed, sizes)
		}
		prefs, err := preference.Compute(ss)
		if err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
		sim := stability.Config{Concepts: []stability.Concept{stability.SIM}}
		a, err := stability.Analyze(ctx, ss, prefs, sim)
		if err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
		// The general search too, on a quarter of them (it enumerates
		// the products of the choices).
		var general *stability.Analysis
		if seed%4 == 0 {
			old := stability.SetSimFast(false)
			general, err = stability.Analyze(ctx, ss, prefs, sim)
			stability.SetSimFast(old)
			if err != nil {
				t.Fatalf("seed %d: %v", seed, err)
			}
		}
		codes := bruteforce.Feasible(m)
		if fmt.Sprint(ss.Codes) != fmt.Sprint(codes) {
			t.Fatalf("seed %d: feasible codes differ from the brute force", seed)
		}
		scores := bruteforce.Scores(m, codes)
		for i := range m.DMs {
			for s := range codes {
				want := bruteforce.Stable(m, codes, scores, "SIM", i, s)
				if got := a.Stable(stability.SIM, i, s); got != want {
					t.Fatalf("seed %d (%v options per DM): SIM stability of state %d for DM %s: engine %v, brute force %v",
						seed, sizes, s+1, m.DMs[i].ID, got, want)
				}
				if general == nil {
					continue
				}
				if got := general.Stable(stability.SIM, i, s); got != want {
					t.Fatalf("seed %d (%v options per DM): SIM stability of state %d for DM %s: general search %v, brute force %v",
						seed, sizes, s+1, m.DMs[i].ID, got, want)
				}
			}
		}
	}
}
