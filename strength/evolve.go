package strength

import (
	"fmt"

	"github.com/gmcr/gmcr/reach"
)

// MoveKind says which unilateral moves a status quo analysis lets the DMs
// make (Li, Kilgour & Hipel 2005, status quo analysis; under strength of
// preference, Zhao, Li & Xu; under hybrid preferences, Xu, Hipel, Kilgour &
// Chen 2010).
type MoveKind int

// The move kinds, from the most to the least restrictive.
const (
	// StrongMoves: only strong improvements, t >>_j x.
	StrongMoves MoveKind = iota
	// Improvements: mild or strong improvements, t >_j x or t >>_j x
	// (R_j^{+,++}).
	Improvements
	// CredibleMoves: improvements or moves to states of unknown
	// preference for the mover (R_j^{+,++,U}).
	CredibleMoves
)

// MoveKinds lists the move kinds in report order.
var MoveKinds = []MoveKind{StrongMoves, Improvements, CredibleMoves}

func (k MoveKind) String() string {
	switch k {
	case StrongMoves:
		return "strong"
	case Improvements:
		return "improvements"
	}
	return "credible"
}

// ParseMoveKind reads "strong", "improvements" or "credible".
func ParseMoveKind(s string) (MoveKind, error) {
	for _, k := range MoveKinds {
		if k.String() == s {
			return k, nil
		}
	}
	return 0, fmt.Errorf("unknown move kind %q; use strong, improvements or credible", s)
}

// allows reports whether DM j may move from x to t under kind k.
func (r *Relation) allows(k MoveKind, j, x, t int) bool {
	switch k {
	case StrongMoves:
		return r.StronglyBetter(j, t, x)
	case Improvements:
		return r.Better(j, t, x)
	}
	return r.Better(j, t, x) || r.Unknown(j, t, x)
}

// Evolution is a status quo analysis: the states reached from Start by
// legal sequences of every DM's moves of one kind.
type Evolution struct {
	Start int
	Kind  MoveKind
	tree  *reach.Tree
}

// Evolve explores the legal sequences (a DM never moves twice in a row)
// of all DMs' moves of kind k from state start, breadth first.
func Evolve(r *Relation, start int, k MoveKind) (*Evolution, error) {
	if start < 0 || start >= r.Space.Len() {
		return nil, fmt.Errorf("state %d does not exist; the model has states 1..%d", start+1, r.Space.Len())
	}
	all := make([]int, len(r.Space.DMs))
	for i := range all {
		all[i] = i
	}
	g := &reach.Graph{Space: r.Space, Prefs: r.Prefs, Movers: all, Allow: func(j, x, t int) bool { return r.allows(k, j, x, t) }}
	return &Evolution{Start: start, Kind: k, tree: reach.Search(g, start, nil)}, nil
}

// Dist returns the fewest steps from the start to t: 0 for the start
// itself, -1 when t is not reached.
func (e *Evolution) Dist(t int) int {
	if t == e.Start {
		return 0
	}
	if !e.tree.Reached(t) {
		return -1
	}
	return e.tree.Dist(t)
}

// Path returns one shortest legal sequence from the start to t (nil for
// the start or a state not reached).
func (e *Evolution) Path(t int) []Step {
	if t == e.Start || !e.tree.Reached(t) {
		return nil
	}
	var out []Step
	for _, st := range e.tree.Path(t) {
		out = append(out, Step{Mover: st.Mover, From: st.From, To: st.To})
	}
	return out
}
