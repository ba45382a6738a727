// Package uncertain decides stability when decision makers' preferences
// are partly unknown (Li, Hipel, Kilgour & Fang 2004, "Preference
// uncertainty in the graph model for conflict resolution", IEEE Trans.
// SMC-A 34(4) 507-520; docs/definitions.md §9.2).
//
// For each DM every two states are related by strict preference,
// indifference or "unknown". A DM's moves to states of unknown preference
// may or may not be taken, and a sanction ending in a state of unknown
// preference may or may not deter: the four combinations are the
// extensions (a), (b), (c), (d) of Nash, GMR, SMR and SEQ, sixteen
// definitions in all, for any number of DMs. Analyze computes them for
// every state and DM; Explain gives the moves and sanction witnesses of one
// state.
package uncertain

import (
	"fmt"
	"slices"

	"github.com/gmcr/gmcr/preference"
	"github.com/gmcr/gmcr/statespace"
)

// Relation is every DM's preference with unknown comparisons: the
// preference levels of a preference.Profile (which order every pair) and,
// per DM, the pairs whose comparison is unknown instead.
//
// DM i's relation between states t != s is:
//   - unknown, if t and s are in one of i's unknown groups, or if i has
//     unsure statements and the comparison of t and s depends on which of
//     them i holds (see Unknown);
//   - otherwise t >_i s (strict preference) iff Level[i][t] > Level[i][s],
//     and indifference iff the levels are equal.
type Relation struct {
	Space *statespace.StateSpace
	Prefs *preference.Profile
	dms   []dmRelation
}

type dmRelation struct {
	member [][]int32 // state -> sorted indices of the unknown groups holding it
	// unsure statements: compiled in priority order, with their flags;
	// nil when the DM has no unsure statement.
	conds  []statespace.Condition
	unsure []bool
	// truth[s] has bit j set when statement j holds at state s, and sure
	// the bits of the sure statements (nil truth: more than 64
	// statements, evaluated pair by pair).
	truth []uint64
	sure  uint64
}

// NewRelation builds the relation of the model of ss (its DMs'
// Preferences.Unknown and unsure statements) over the levels p. Errors: a
// group naming a state that does not exist, a statement that does not
// compile.
func NewRelation(ss *statespace.StateSpace, p *preference.Profile) (*Relation, error) {
	r := &Relation{Space: ss, Prefs: p, dms: make([]dmRelation, len(ss.DMs))}
	n := ss.Len()
	for i, d := range ss.Model.DMs {
		dr := &r.dms[i]
		for gi, g := range d.Prefs.Unknown {
			for _, num := range g.States {
				if num < 1 || num > n {
					return nil, fmt.Errorf("%s:%d:%d: unknown comparisons of DM %q name state %d, but the model has states 1..%d",
						g.Pos.File, g.Pos.Line, g.Pos.Col, d.ID, num, n)
				}
				if dr.member == nil {
					dr.member = make([][]int32, n)
				}
				s := num - 1
				if !slices.Contains(dr.member[s], int32(gi)) {
					dr.member[s] = append(dr.member[s], int32(gi))
				}
			}
		}
		hasUnsure := false
		for _, st := range d.Prefs.Statements {
			hasUnsure = hasUnsure || st.Unsure
		}
		if !hasUnsure {
			continue
		}
		for _, st := range d.Prefs.Statements {
			c, err := ss.Compile(st.Expr)
			if err != nil {
				return nil, fmt.Errorf("DM %q, statement %q: %w", d.ID, st.Text, err)
			}
			dr.conds = append(dr.conds, c)
			dr.unsure = append(dr.unsure, st.Unsure)
		}
		if len(dr.conds) <= 64 {
			dr.truth = make([]uint64, n)
			for s := range dr.truth {
				code := ss.Codes[s]
				for j, c := range dr.conds {
					if c.Holds(code) {
						dr.truth[s] |= 1 << uint(j)
					}
				}
			}
			for j, u := range dr.unsure {
				if !u {
					dr.sure |= 1 << uint(j)
				}
			}
		}
	}
	return r, nil
}

// Unknown reports whether DM i's comparison of states s and t is unknown.
//
// With unsure statements (option prioritization, most important first),
// the DM's order is lexicographic over the statements it holds: the first
// statement true at exactly one of s, t decides. Each unsure statement may
// be held or not; the comparison is unknown when the possible outcomes
// differ: walking the statements that separate s and t in priority order,
// the outcomes are the direction of each unsure one, up to and including
// the first sure one (or "equal" when there is none), and the comparison
// is known iff they are all the same.
func (r *Relation) Unknown(i, s, t int) bool {
	if s == t {
		return false
	}
	dr := &r.dms[i]
	if dr.member != nil {
		for _, g := range dr.member[s] {
			if slices.Contains(dr.member[t], g) {
				return true
			}
		}
	}
	return r.unsureUnknown(i, s, t)
}

// inGroup reports whether s is in one of DM i's unknown groups.
func (r *Relation) inGroup(i, s int) bool {
	dr := &r.dms[i]
	return dr.member != nil && len(dr.member[s]) > 0
}

// unsureUnknown is Unknown's answer from DM i's unsure statements alone
// (false when it has none): the comparison of s and t depends on which
// of them the DM holds.
func (r *Relation) unsureUnknown(i, s, t int) bool {
	dr := &r.dms[i]
	if dr.conds == nil || s == t {
		return false
	}
	if dr.truth != nil {
		// The statements separating s and t, in priority order (bit
		// order), up to the first sure one: known iff they all favour the
		// same state.
		ts := dr.truth[s]
		sep := ts ^ dr.truth[t]
		if sep == 0 {
			return false
		}
		sureSep := sep & dr.sure
		if sureSep == 0 {
			return true // only unsure statements separate them
		}
		upto := sep & (sureSep ^ (sureSep - 1)) // bits up to the first sure one
		return ts&upto != 0 && ts&upto != upto
	}
	cs, ct := r.Space.Codes[s], r.Space.Codes[t]
	first := 0 // direction of the first separating statement: +1 s better, -1 t better
	for j, c := range dr.conds {
		hs, ht := c.Holds(cs), c.Holds(ct)
		if hs == ht {
			continue
		}
		dir := 1
		if ht {
			dir = -1
		}
		if first == 0 {
			first = dir
		} else if dir != first {
			return true
		}
		if !dr.unsure[j] {
			return false // decided by a sure statement, as every earlier one
		}
	}
	// Every separating statement is unsure: dropping them all ties s and
	// t, so the comparison is unknown unless nothing separates them.
	return first != 0
}

// HasUnknown reports whether DM i may have a state of unknown comparison
// with s (conservatively true for a DM with unsure statements).
func (r *Relation) HasUnknown(i, s int) bool {
	dr := &r.dms[i]
	return (dr.member != nil && len(dr.member[s]) > 0) || dr.conds != nil
}

// Any reports whether DM i has unknown comparisons at all.
func (r *Relation) Any(i int) bool {
	dr := &r.dms[i]
	return dr.member != nil || dr.conds != nil
}

// Better reports t >_i s: DM i knows it strictly prefers t to s.
func (r *Relation) Better(i, t, s int) bool {
	return r.Prefs.Level[i][t] > r.Prefs.Level[i][s] && !r.Unknown(i, t, s)
}

// NotBetter reports t in Phi_i^{<=}(s): DM i knows t is no better than s
// (s >_i t or s ~_i t; t = s included).
func (r *Relation) NotBetter(i, t, s int) bool {
	return r.Prefs.Level[i][t] <= r.Prefs.Level[i][s] && !r.Unknown(i, t, s)
}

// NotKnownBetter reports t in Phi_i^{<=,U}(s): t is no better than s or
// its comparison with s is unknown (not t >_i s).
func (r *Relation) NotKnownBetter(i, t, s int) bool { return !r.Better(i, t, s) }

// Compare returns DM i's relation of t to s: ">" (t preferred), "<", "~"
// (indifferent) or "U" (unknown).
func (r *Relation) Compare(i, t, s int) string {
	switch {
	case r.Unknown(i, t, s):
		return "U"
	case r.Prefs.Level[i][t] > r.Prefs.Level[i][s]:
		return ">"
	case r.Prefs.Level[i][t] < r.Prefs.Level[i][s]:
		return "<"
	}
	return "~"
}
