// Package strength decides stability when decision makers prefer some
// states strongly and others only mildly (strength of preference:
// Hamouda, Kilgour & Hipel 2004, Group Decision and Negotiation 13(5),
// two DMs; 2006, Applied Mathematics and Computation 179, any number of
// DMs), also together with unknown comparisons (hybrid preferences: Xu,
// Hipel, Kilgour & Chen 2010, Theory and Decision 69(4)); see
// docs/definitions.md §9.4.
//
// A state is strongly stable for a DM under GMR, SMR or SEQ when every
// move it would make can be sanctioned into a state it finds strongly
// worse than where it started, and weakly stable when it is stable but
// some move can only be sanctioned into a state mildly worse (or equally
// good). Nash stability does not change. With unknown comparisons, each
// concept comes in the four extensions (a)-(d) of package uncertain.
// Analyze decides every state, DM and definition; Explain gives the
// sanction witnesses of one state, each marked strong or mild; Evolve is
// status quo analysis under the relation.
package strength

import (
	"fmt"

	"github.com/gmcr/gmcr/preference"
	"github.com/gmcr/gmcr/statespace"
	"github.com/gmcr/gmcr/uncertain"
)

// Relation is every DM's preference with strength and unknown comparisons:
// package uncertain's relation (levels and unknown pairs) and, per DM, a
// tier per state. DM i's relation of t to s (t != s) is:
//
//   - unknown, if uncertain's relation says so;
//   - t >>_i s (strongly preferred) iff Tier[i][t] > Tier[i][s];
//   - t >_i s (mildly preferred) iff Level[i][t] > Level[i][s] and the
//     tiers are equal; likewise << and <; and indifference otherwise.
//
// Tiers never contradict levels (a higher tier has a higher level), so
// strongly preferred implies preferred.
type Relation struct {
	*uncertain.Relation
	// Tier is [DM][state]: with statements, the score of the DM's strong
	// statements alone (sum of 2^(k'-j) over the strong statements j true
	// at the state, k' of them); with a ranking, the number of cuts below
	// the state. A DM with neither has tier 0 everywhere: every
	// preference is mild.
	Tier [][]int32
}

// NewRelation builds the relation of the model of ss over the levels p.
// Errors: those of uncertain.NewRelation, a statement that does not
// compile, a ranking that does not name every state.
func NewRelation(ss *statespace.StateSpace, p *preference.Profile) (*Relation, error) {
	ur, err := uncertain.NewRelation(ss, p)
	if err != nil {
		return nil, err
	}
	r := &Relation{Relation: ur, Tier: make([][]int32, len(ss.DMs))}
	n := ss.Len()
	for i, d := range ss.Model.DMs {
		tier := make([]int32, n)
		r.Tier[i] = tier
		var strong []statespace.Condition
		for _, st := range d.Prefs.Statements {
			if !st.Strong {
				break
			}
			c, err := ss.Compile(st.Expr)
			if err != nil {
				return nil, fmt.Errorf("DM %q, statement %q: %w", d.ID, st.Text, err)
			}
			strong = append(strong, c)
		}
		if len(strong) > 30 {
			return nil, fmt.Errorf("DM %q has %d strong statements; at most 30 are supported", d.ID, len(strong))
		}
		for s := 0; s < n; s++ {
			code := ss.Codes[s]
			var t int32
			for _, c := range strong {
				t <<= 1
				if c.Holds(code) {
					t |= 1
				}
			}
			tier[s] = t
		}
		if len(d.Prefs.Cuts) == 0 || len(d.Prefs.Statements) > 0 {
			continue
		}
		group := make([]int, n)
		for s := range group {
			group[s] = -1
		}
		for g, grp := range d.Prefs.Ranking {
			for _, num := range grp {
				if num >= 1 && num <= n {
					group[num-1] = g
				}
			}
		}
		for s := 0; s < n; s++ {
			if group[s] < 0 {
				return nil, fmt.Errorf("DM %q: the ranking does not name state %d", d.ID, statespace.Number(s))
			}
			var t int32
			for _, c := range d.Prefs.Cuts {
				if group[s] < c.After {
					t++
				}
			}
			tier[s] = t
		}
	}
	return r, nil
}

// StronglyBetter reports t >>_i s: DM i knows it strongly prefers t to s.
func (r *Relation) StronglyBetter(i, t, s int) bool {
	return r.Tier[i][t] > r.Tier[i][s] && !r.Unknown(i, t, s)
}

// Compare returns DM i's relation of t to s: ">>" (t strongly
// preferred), ">" (mildly), "~", "<", "<<" or "U" (unknown).
func (r *Relation) Compare(i, t, s int) string {
	c := r.Relation.Compare(i, t, s)
	switch {
	case c == ">" && r.Tier[i][t] > r.Tier[i][s]:
		return ">>"
	case c == "<" && r.Tier[i][t] < r.Tier[i][s]:
		return "<<"
	}
	return c
}

// AnyStrength reports whether some DM has a strong preference at all.
func (r *Relation) AnyStrength() bool {
	for _, tier := range r.Tier {
		for _, t := range tier {
			if t != tier[0] {
				return true
			}
		}
	}
	return false
}
