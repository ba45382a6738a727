package strength_test

import (
	"context"
	"math/rand/v2"
	"testing"

	"github.com/gmcr/gmcr/graphform"
	"github.com/gmcr/gmcr/statespace"

	"github.com/gmcr/gmcr/internal/testmodel"
	"github.com/gmcr/gmcr/model"
	"github.com/gmcr/gmcr/stability"
	"github.com/gmcr/gmcr/strength"
	"github.com/gmcr/gmcr/uncertain"
)

// TestInclusions checks, state by state and DM by DM on 300 random
// conflicts, the relations between the definitions that follow from them
// (Hamouda, Kilgour & Hipel 2006 for strength; Li et al. 2004 for the
// extensions): strongly stable implies stable; for strong stability,
// Nash ⊆ SMR ⊆ GMR and Nash ⊆ SEQ ⊆ GMR in each extension, and
// (a) ⊆ (b) ⊆ (d), (a) ⊆ (c) ⊆ (d) for each concept.
func TestInclusions(t *testing.T) {
	type pair struct{ small, large uncertain.Concept }
	var pairs []pair
	for _, b := range []stability.Concept{stability.Nash, stability.GMR, stability.SMR, stability.SEQ} {
		c := func(e uncertain.Extension) uncertain.Concept { return uncertain.Concept{Base: b, Ext: e} }
		pairs = append(pairs, pair{c(uncertain.A), c(uncertain.B)}, pair{c(uncertain.B), c(uncertain.D)},
			pair{c(uncertain.A), c(uncertain.C)}, pair{c(uncertain.C), c(uncertain.D)})
	}
	for _, e := range uncertain.Extensions {
		c := func(b stability.Concept) uncertain.Concept { return uncertain.Concept{Base: b, Ext: e} }
		pairs = append(pairs, pair{c(stability.Nash), c(stability.SMR)}, pair{c(stability.SMR), c(stability.GMR)},
			pair{c(stability.Nash), c(stability.SEQ)}, pair{c(stability.SEQ), c(stability.GMR)},
			pair{c(stability.Nash), c(stability.GMR)})
	}
	strict := map[pair]int{}
	weak := 0
	for seed := int64(0); seed < 300; seed++ {
		m := randomStrength(t, seed+3000)
		a := analyze(t, m)
		for i := range m.DMs {
			for s := 0; s < a.Relation.Space.Len(); s++ {
				for _, c := range strength.Concepts {
					if a.Strong(c, i, s) && !a.Stable(c, i, s) {
						t.Fatalf("seed %d: state %d strongly %v stable for DM %s but not stable", seed, s+1, c, m.DMs[i].ID)
					}
					if a.Weak(c, i, s) {
						weak++
					}
				}
				for _, p := range pairs {
					small, large := a.Strong(p.small, i, s), a.Strong(p.large, i, s)
					if small && !large {
						t.Fatalf("seed %d: strongly %v stable but not strongly %v, state %d DM %s", seed, p.small, p.large, s+1, m.DMs[i].ID)
					}
					if large && !small {
						strict[p]++
					}
				}
			}
		}
	}
	if weak == 0 {
		t.Fatal("no weakly stable state on the random conflicts")
	}
	for _, b := range []stability.Concept{stability.GMR, stability.SMR, stability.SEQ} {
		k := pair{uncertain.Concept{Base: stability.Nash, Ext: uncertain.A}, uncertain.Concept{Base: b, Ext: uncertain.A}}
		if strict[k] == 0 {
			t.Errorf("strong %v never exceeds Nash on the random conflicts", b)
		}
	}
}

// TestLimits checks the two ends of strength on 60 random conflicts
// without unknown comparisons, each DM ranking the states strictly (no
// ties): with no strong preference, strongly stable is Nash stable (no
// sanction is strong); with every preference strong (a cut between every
// two states), strongly stable is stable. Without unknown comparisons the
// four extensions coincide.
func TestLimits(t *testing.T) {
	for seed := int64(0); seed < 60; seed++ {
		m := testmodel.Random(t, testmodel.Mixed(2+int(seed%3), 4+int(seed%3), seed))
		n := analyze(t, m).Relation.Space.Len()
		rng := rand.New(rand.NewPCG(uint64(seed), 9))
		all := m.Clone()
		for i := range m.DMs {
			var ranking [][]int
			var cuts []model.Cut
			for k, s := range rng.Perm(n) {
				ranking = append(ranking, []int{s + 1})
				if k > 0 {
					cuts = append(cuts, model.Cut{After: k})
				}
			}
			m.DMs[i].Prefs = model.Preferences{Ranking: ranking}
			all.DMs[i].Prefs = model.Preferences{Ranking: ranking, Cuts: cuts}
		}
		none, every := analyze(t, m), analyze(t, all)
		for i := range m.DMs {
			for s := 0; s < n; s++ {
				for _, c := range strength.Concepts {
					nash := uncertain.Concept{Base: stability.Nash, Ext: c.Ext}
					if none.Strong(c, i, s) != none.Stable(nash, i, s) {
						t.Fatalf("seed %d: no strength, strong %v at %d for %d is %v, Nash %v", seed, c, s+1, i, none.Strong(c, i, s), none.Stable(nash, i, s))
					}
					if every.Strong(c, i, s) != every.Stable(c, i, s) {
						t.Fatalf("seed %d: all strong, strong %v at %d for %d differs from stable", seed, c, s+1, i)
					}
					a := uncertain.Concept{Base: c.Base, Ext: uncertain.A}
					if every.Strong(c, i, s) != every.Strong(a, i, s) || none.Stable(c, i, s) != none.Stable(a, i, s) {
						t.Fatalf("seed %d: extensions differ without unknown comparisons", seed)
					}
				}
			}
		}
	}
}

// TestGraphFormSame checks that an option-form model with strength of
// preference (and unknown comparisons) written in graph form (package
// graphform, which keeps strong statements and ranking cuts) gives the
// same stability and strong stability, on 100 random conflicts.
func TestGraphFormSame(t *testing.T) {
	for seed := int64(0); seed < 100; seed++ {
		m := randomStrength(t, seed*4+1) // option form, with unknown comparisons
		g, err := graphform.FromOptions(context.Background(), m, statespace.Options{})
		if err != nil {
			t.Fatal(err)
		}
		a, b := analyze(t, m), analyze(t, g.Model)
		for i := range m.DMs {
			for s := 0; s < a.Relation.Space.Len(); s++ {
				for _, c := range strength.Concepts {
					if a.Stable(c, i, s) != b.Stable(c, i, s) || a.Strong(c, i, s) != b.Strong(c, i, s) {
						t.Fatalf("seed %d: %v at state %d for DM %d differs in graph form", seed, c, s+1, i)
					}
				}
			}
		}
	}
}
