// Package limitedmove decides limited-move stability L_h and non-myopic
// stability NM for conflicts with two decision makers (Kilgour 1985,
// "Anticipation and stability in two-person noncooperative games"; Fang,
// Hipel & Kilgour 1989, "Conflict models in graph form: solution concepts
// and their interrelationships", EJOR 41, §3; docs/definitions.md §9.3).
//
// Each DM looks h moves ahead, the two DMs alternating: a DM to move
// anticipates, for each of its unilateral moves, the outcome the other DM
// would then bring about with h-1 moves left, and moves only if the best
// of those outcomes beats staying. A state is L_h stable for a DM if the
// DM would not move from it; NM stability is L_h stability for every large
// enough h. The literature defines both for two DMs only; Analyze refuses
// more.
package limitedmove

import (
	"context"
	"errors"
	"fmt"

	"github.com/gmcr/gmcr/internal/english"
	"github.com/gmcr/gmcr/preference"
	"github.com/gmcr/gmcr/statespace"
)

// ErrDMs is the error for a model that does not have exactly two DMs.
var ErrDMs = errors.New("limited-move (Lh) and non-myopic (NM) stability are defined for conflicts with two decision makers " +
	"(Kilgour 1985; Fang, Hipel & Kilgour 1989); analyse a two-DM model, or use Nash, GMR, SMR or SEQ")

// MaxNMSteps bounds the horizons NM examines before giving up.
const MaxNMSteps = 5000

// Table holds the anticipation functions of one horizon h: for DM k to
// move at state s with h moves left, Out[k][s] is the anticipated final
// state G_h(k, s) and Move[k][s] the state k moves to first (-1: k stays,
// and then Out[k][s] = s).
type Table struct {
	H    int
	Out  [2][]int32
	Move [2][]int32
}

// Analysis holds the tables for horizons 0..H and, when computed, NM.
type Analysis struct {
	Space  *statespace.StateSpace
	Prefs  *preference.Profile
	Tables []*Table // Tables[h] for h = 0..H
	// NM, when computed: NMStable[k] marks the states NM stable for k;
	// Period is the length of the cycle the anticipation functions enter
	// (1: they converge), Start the first horizon of that cycle.
	NMStable      [2][]bool
	Period, Start int
	nm            bool
}

// next computes the table of horizon h+1 from that of h.
//
// G_{h+1}(k, s): among k's moves t from s, the anticipated outcomes
// a(t) = G_h(k', t), k' the other DM. If the best of them for k is strictly
// preferred by k to s, k moves and G_{h+1}(k, s) is that outcome; else k
// stays and G_{h+1}(k, s) = s.
//
// Tie rule (a choice of gmcr, the papers assuming strict preferences):
// among moves whose anticipated outcomes k ranks equally, k takes the one
// whose outcome has the smallest state number, then the move to the
// smallest state number.
func next(ss *statespace.StateSpace, p *preference.Profile, prev *Table) *Table {
	n := ss.Len()
	t := &Table{H: prev.H + 1}
	for k := 0; k < 2; k++ {
		lv := p.Level[k]
		other := prev.Out[1-k]
		out := make([]int32, n)
		mv := make([]int32, n)
		for s := 0; s < n; s++ {
			bestMove, bestOut := int32(-1), int32(s)
			ss.Moves(k, s, func(x int) bool {
				a := other[x]
				switch {
				case bestMove < 0:
					if lv[a] > lv[s] {
						bestMove, bestOut = int32(x), a
					}
				case lv[a] > lv[bestOut] || (lv[a] == lv[bestOut] && a < bestOut):
					bestMove, bestOut = int32(x), a
				}
				return true
			})
			out[s], mv[s] = bestOut, bestMove
		}
		t.Out[k], t.Move[k] = out, mv
	}
	return t
}

func zero(n int) *Table {
	t := &Table{}
	for k := 0; k < 2; k++ {
		t.Out[k] = make([]int32, n)
		t.Move[k] = make([]int32, n)
		for s := range t.Out[k] {
			t.Out[k][s] = int32(s)
			t.Move[k][s] = -1
		}
	}
	return t
}

// Analyze computes the tables for horizons 0..h (h >= 1) and, when nm is
// true, NM stability: the tables are computed until they repeat (at most
// MaxNMSteps horizons), and a state is NM stable for k iff it is L_h
// stable for k at every horizon of the cycle they enter, that is for every
// large enough h (Kilgour 1985). Errors: ErrDMs, h < 1, no repeat within
// MaxNMSteps, ctx's error.
func Analyze(ctx context.Context, ss *statespace.StateSpace, p *preference.Profile, h int, nm bool) (*Analysis, error) {
	if len(ss.DMs) != 2 {
		return nil, fmt.Errorf("%w; this model has %s", ErrDMs, english.Count(len(ss.DMs), "decision maker"))
	}
	if h < 1 {
		return nil, fmt.Errorf("the horizon h must be at least 1, got %d", h)
	}
	a := &Analysis{Space: ss, Prefs: p, Tables: []*Table{zero(ss.Len())}}
	for len(a.Tables) <= h {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		a.Tables = append(a.Tables, next(ss, p, a.Tables[len(a.Tables)-1]))
	}
	if nm {
		if err := a.nonMyopic(ctx); err != nil {
			return nil, err
		}
	}
	return a, nil
}

// H returns the largest horizon computed by Analyze for L_h (the tables
// beyond it, computed for NM, are not counted).
func (a *Analysis) H() int { return len(a.Tables) - 1 }

// Stable reports whether state s is L_h stable for DM k: k would not
// move from s with h moves to look ahead (G_h(k, s) = s). h must be
// between 1 and the horizon given to Analyze.
func (a *Analysis) Stable(h, k, s int) bool { return a.Tables[h].Move[k][s] < 0 }

// StableNM reports whether s is NM stable for k (Analyze with nm).
func (a *Analysis) StableNM(k, s int) bool { return a.NMStable[k][s] }

// HasNM reports whether NM was computed.
func (a *Analysis) HasNM() bool { return a.nm }

// Equilibria returns the states L_h stable for both DMs (h >= 1), or,
// with h = 0, the NM equilibria.
func (a *Analysis) Equilibria(h int) []int {
	var out []int
	for s := 0; s < a.Space.Len(); s++ {
		if h == 0 && a.NMStable[0][s] && a.NMStable[1][s] || h > 0 && a.Stable(h, 0, s) && a.Stable(h, 1, s) {
			out = append(out, s)
		}
	}
	return out
}

func (a *Analysis) nonMyopic(ctx context.Context) error {
	n := a.Space.Len()
	key := func(t *Table) string {
		b := make([]byte, 0, 8*n)
		for k := 0; k < 2; k++ {
			for s := 0; s < n; s++ {
				v := t.Out[k][s]
				b = append(b, byte(v), byte(v>>8), byte(v>>16), byte(v>>24))
				v = t.Move[k][s]
				b = append(b, byte(v), byte(v>>8), byte(v>>16), byte(v>>24))
			}
		}
		return string(b)
	}
	seen := map[string]int{}
	tables := a.Tables
	for h := 0; ; h++ {
		if h >= len(tables) {
			if h > MaxNMSteps {
				return fmt.Errorf("NM: the anticipation functions did not repeat within %d horizons; use Lh with a horizon", MaxNMSteps)
			}
			if err := ctx.Err(); err != nil {
				return err
			}
			tables = append(tables, next(a.Space, a.Prefs, tables[len(tables)-1]))
		}
		kk := key(tables[h])
		if first, ok := seen[kk]; ok {
			a.Start, a.Period = first, h-first
			break
		}
		seen[kk] = h
	}
	for k := 0; k < 2; k++ {
		a.NMStable[k] = make([]bool, n)
		for s := 0; s < n; s++ {
			stable := true
			for h := a.Start; h < a.Start+a.Period; h++ {
				// Horizon 0 (no move anticipated) is stable by definition;
				// a cycle through it means every horizon from it on.
				if h > 0 && tables[h].Move[k][s] >= 0 {
					stable = false
				}
			}
			a.NMStable[k][s] = stable
		}
	}
	a.nm = true
	return nil
}

// Step is one move of an anticipated sequence.
type Step struct {
	Mover, From, To int
}

// Sequence returns the sequence of moves DM k anticipates from s with
// horizon h (h >= 1): k's first move, then the other DM's with h-1 moves
// left, and so on, until a DM stays; it ends in G_h(k, s). Empty when k
// stays (s is L_h stable for k).
func (a *Analysis) Sequence(h, k, s int) []Step {
	var out []Step
	for ; h >= 1; h-- {
		t := a.Tables[h].Move[k][s]
		if t < 0 {
			break
		}
		out = append(out, Step{Mover: k, From: s, To: int(t)})
		s, k = int(t), 1-k
	}
	return out
}

// Outcome returns G_h(k, s).
func (a *Analysis) Outcome(h, k, s int) int { return int(a.Tables[h].Out[k][s]) }
