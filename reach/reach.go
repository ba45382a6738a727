// Package reach computes reachability by legal sequences of unilateral
// moves of a group of DMs (definitions sheet §3; Fang, Hipel & Kilgour 1993,
// ch. 3; Xu, Hipel & Kilgour 2009).
//
// A legal sequence never lets the same DM move twice in a row, so
// reachability is a search over (state, last mover) pairs. R_H(s) is the set
// of states reached in one step or more from s with no last mover; s itself
// belongs to it only if a legal sequence returns to s. R_H+(s) restricts
// every step to a unilateral improvement of the DM making it.
//
// Search answers the question for one starting state, with the sequences
// that reach each state; MinOver answers an aggregate question for every
// starting state at once in time linear in the size of the pair graph.
package reach

import (
	"github.com/gmcr/gmcr/preference"
	"github.com/gmcr/gmcr/statespace"
)

// Graph is the move structure reachability runs on: a state space, the
// preferences that decide which moves are improvements, and the DMs allowed
// to move.
type Graph struct {
	Space *statespace.StateSpace
	Prefs *preference.Profile // needed only when Improving
	// Movers lists the DMs (indices into Space.DMs) that may move: the
	// coalition H.
	Movers []int
	// Improving restricts every step to a unilateral improvement for its
	// mover (R_H+ rather than R_H).
	Improving bool
	// Classes, if set (NewClasses of the same Space and Prefs), lets
	// MinOver collapse the moves of movers whose options are all
	// reversible. It does not change any result. It must be nil when
	// Allow is set.
	Classes *Classes
	// Allow, if set, further restricts the steps: DM mover may move from
	// from to to only if Allow returns true (for example the credible
	// moves of SEQ under preference uncertainty: improvements or moves of
	// unknown preference).
	Allow func(mover, from, to int) bool
}

// iter enumerates the moves of Movers[k] from x that g allows (only
// improvements for the mover when g.Improving).
func (g *Graph) iter(k, x int) stepIter {
	return stepIter{it: g.Space.Iter(g.Movers[k], x), lv: g.level(k), x: x, allow: g.Allow, mover: g.Movers[k]}
}

// level returns the preference levels that filter Movers[k]'s moves, or
// nil when every move is allowed.
func (g *Graph) level(k int) []int32 {
	if !g.Improving {
		return nil
	}
	return g.Prefs.Level[g.Movers[k]]
}

// stepIter filters a MoveIter to improvements when lv is set.
type stepIter struct {
	it    statespace.MoveIter
	lv    []int32
	x     int
	allow func(mover, from, to int) bool
	mover int
}

func (s *stepIter) next() (int, bool) {
	for {
		t, ok := s.it.Next()
		if !ok {
			return t, ok
		}
		if (s.lv == nil || s.lv[t] > s.lv[s.x]) && (s.allow == nil || s.allow(s.mover, s.x, t)) {
			return t, ok
		}
	}
}
