package stability_test

import (
	"context"
	"math/rand/v2"
	"testing"

	"github.com/gmcr/gmcr/generate"
	"github.com/gmcr/gmcr/model"
	"github.com/gmcr/gmcr/preference"
	"github.com/gmcr/gmcr/stability"
	"github.com/gmcr/gmcr/statespace"
)

func analyze(t *testing.T, m *model.Model) *stability.Analysis {
	t.Helper()
	ctx := context.Background()
	ss, err := statespace.Build(ctx, m, statespace.Options{})
	if err != nil {
		t.Fatal(err)
	}
	p, err := preference.Compute(ss)
	if err != nil {
		t.Fatal(err)
	}
	a, err := stability.Analyze(ctx, ss, p, stability.Config{})
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// TestInclusions checks Nash ⊆ SMR ⊆ GMR, Nash ⊆ SEQ ⊆ GMR and
// Nash ⊆ SIM for every DM and state of 300 random conflicts.
func TestInclusions(t *testing.T) {
	pairs := [][2]stability.Concept{
		{stability.Nash, stability.SMR}, {stability.SMR, stability.GMR},
		{stability.Nash, stability.SEQ}, {stability.SEQ, stability.GMR},
		{stability.Nash, stability.SIM},
	}
	for seed := int64(0); seed < 300; seed++ {
		m, err := generate.Conflict(randomParams(seed))
		if err != nil {
			t.Fatal(err)
		}
		a := analyze(t, m)
		for i := range m.DMs {
			for s := 0; s < a.Space.Len(); s++ {
				for _, pr := range pairs {
					if a.Stable(pr[0], i, s) && !a.Stable(pr[1], i, s) {
						t.Fatalf("seed %d: state %d is %v- but not %v-stable for DM %d", seed, s+1, pr[0], pr[1], i)
					}
				}
			}
		}
	}
}

// TestRenamingInvariance permutes the DMs and each DM's options, which
// renumbers every state, and checks that every state (identified by which
// options are taken) keeps its stability for every DM and concept.
func TestRenamingInvariance(t *testing.T) {
	for seed := int64(0); seed < 200; seed++ {
		p := randomParams(seed)
		p.Ranking = 0 // a ranking names states by number, which permuting changes
		m, err := generate.Conflict(p)
		if err != nil {
			t.Fatal(err)
		}
		r := rand.New(rand.NewPCG(uint64(seed), 7))
		pm := *m
		pm.DMs = append([]model.DM(nil), m.DMs...)
		r.Shuffle(len(pm.DMs), func(a, b int) { pm.DMs[a], pm.DMs[b] = pm.DMs[b], pm.DMs[a] })
		for k := range pm.DMs {
			opts := append([]string(nil), pm.DMs[k].Options...)
			r.Shuffle(len(opts), func(a, b int) { opts[a], opts[b] = opts[b], opts[a] })
			pm.DMs[k].Options = opts
			pm.DMs[k].ID = "renamed_" + pm.DMs[k].ID
		}
		a, b := analyze(t, m), analyze(t, &pm)
		// Map DMs and states of a to those of b.
		dmOf := map[int]int{}
		for i := range m.DMs {
			for j := range pm.DMs {
				if pm.DMs[j].ID == "renamed_"+m.DMs[i].ID {
					dmOf[i] = j
				}
			}
		}
		for s := 0; s < a.Space.Len(); s++ {
			var code uint64
			for bit, o := range a.Space.Options {
				if a.Space.Taken(s, bit) {
					nb, _ := b.Space.Bit(o.ID)
					code |= 1 << uint(nb)
				}
			}
			u, ok := b.Space.Index(code)
			if !ok {
				t.Fatalf("seed %d: state %d has no counterpart", seed, s+1)
			}
			for _, c := range stability.Concepts {
				for i := range m.DMs {
					if a.Stable(c, i, s) != b.Stable(c, dmOf[i], u) {
						t.Fatalf("seed %d: %v stability of state %d for DM %s changes under renaming", seed, c, s+1, m.DMs[i].ID)
					}
				}
			}
		}
		if a.Space.Len() != b.Space.Len() {
			t.Fatalf("seed %d: %d states, %d after renaming", seed, a.Space.Len(), b.Space.Len())
		}
	}
}
