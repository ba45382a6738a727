package uncertain_test

import (
	"testing"

	"github.com/gmcr/gmcr/internal/testmodel"
	"github.com/gmcr/gmcr/stability"
	"github.com/gmcr/gmcr/uncertain"
)

// TestInclusions checks, state by state and DM by DM on 300 random
// conflicts with unknown comparisons, the interrelationships Li, Hipel,
// Kilgour & Fang (2004) prove: within each concept (a) ⊆ (b) ⊆ (d) and
// (a) ⊆ (c) ⊆ (d), since (b) and (d) consider fewer moves and (c) and (d)
// accept more sanctions; within each extension Nash ⊆ SMR ⊆ GMR and
// Nash ⊆ SEQ ⊆ GMR; and Nash(a) = Nash(c), Nash(b) = Nash(d), Nash having
// no sanctions.
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
			pair{c(stability.Nash), c(stability.SEQ)}, pair{c(stability.SEQ), c(stability.GMR)})
	}
	nash := func(e uncertain.Extension) uncertain.Concept { return uncertain.Concept{Base: stability.Nash, Ext: e} }
	pairs = append(pairs, pair{nash(uncertain.C), nash(uncertain.A)}, pair{nash(uncertain.D), nash(uncertain.B)})
	strict := map[pair]int{}
	for seed := int64(0); seed < 300; seed++ {
		m := randomUncertain(t, seed+5000)
		a := analyze(t, m)
		for _, p := range pairs {
			for i := range m.DMs {
				for s := 0; s < a.Relation.Space.Len(); s++ {
					small, large := a.Stable(p.small, i, s), a.Stable(p.large, i, s)
					if small && !large {
						t.Fatalf("seed %d: %v stable but %v not, state %d DM %s", seed, p.small, p.large, s+1, m.DMs[i].ID)
					}
					if large && !small {
						strict[p]++
					}
				}
			}
		}
	}
	// The inclusions between extensions are strict somewhere: the
	// extensions do differ.
	for _, b := range []stability.Concept{stability.GMR, stability.SMR, stability.SEQ} {
		for _, p := range [][2]uncertain.Extension{{uncertain.A, uncertain.B}, {uncertain.A, uncertain.C}, {uncertain.B, uncertain.D}, {uncertain.C, uncertain.D}} {
			k := pair{uncertain.Concept{Base: b, Ext: p[0]}, uncertain.Concept{Base: b, Ext: p[1]}}
			if strict[k] == 0 {
				t.Errorf("%v and %v never differ on the random conflicts", k.small, k.large)
			}
		}
	}
}

// TestWithoutUnknownsStandard checks that without unknown comparisons all
// four extensions are the ordinary concept.
func TestWithoutUnknownsStandard(t *testing.T) {
	for seed := int64(0); seed < 60; seed++ {
		m := testmodel.Random(t, testmodel.Mixed(2+int(seed%3), 4+int(seed%4), seed))
		a := analyze(t, m)
		r := testmodel.Run(t, m)
		for _, c := range uncertain.Concepts {
			for i := range m.DMs {
				for s := 0; s < r.Space.Len(); s++ {
					if a.Stable(c, i, s) != r.Stability.Stable(c.Base, i, s) {
						t.Fatalf("seed %d: %v differs from %v at state %d for DM %s", seed, c, c.Base, s+1, m.DMs[i].ID)
					}
				}
			}
		}
	}
}
