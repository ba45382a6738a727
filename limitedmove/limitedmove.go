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
// enough h. These are the two-DM definitions; later papers propose
// versions for more DMs (docs/definitions.md §9.3), which could not be
// read and are not implemented, so Analyze refuses more.
package limitedmove

import (
	"context"
	"errors"
	"fmt"

	"slices"

	"github.com/gmcr/gmcr/internal/english"
	"github.com/gmcr/gmcr/internal/memlimit"
	"github.com/gmcr/gmcr/preference"
	"github.com/gmcr/gmcr/statespace"
)

// ErrDMs is the error for a model that does not have exactly two DMs.
var ErrDMs = errors.New("limited-move (Lh) and non-myopic (NM) stability are implemented for conflicts with two decision makers " +
	"(the definitions of Kilgour 1985 and Fang, Hipel & Kilgour 1989); analyse a two-DM model, or use Nash, GMR, SMR or SEQ")

// MaxNMSteps bounds the horizons NM examines before giving up.
const MaxNMSteps = 5000

// MaxHorizon is the largest horizon h gmcr's CLI and API accept (Analyze
// itself takes any). The tables stop growing once they repeat, but an
// explanation of a state lists each of a DM's moves with the other DM's
// anticipated answer in full, up to h-1 moves each: bounding h keeps that
// within memory (about 24 KiB per move at h = 1000) for any model gmcr can
// analyse. Beyond a few dozen moves the tables have long entered their
// cycle, so a larger horizon shows nothing new; NM covers every large h.
const MaxHorizon = 1000

// CheckHorizon returns an error unless 1 <= h <= MaxHorizon.
func CheckHorizon(h int) error {
	if h < 1 || h > MaxHorizon {
		return fmt.Errorf("the horizon h must be at least 1 and at most %d, got %d", MaxHorizon, h)
	}
	return nil
}

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
//
// The tables of horizon h+1 depend only on those of h, so once a table
// repeats an earlier one the sequence is periodic: Analyze stops there and
// finds the tables of any larger horizon by h mod the cycle length. Memory
// is O(states x (Start + Period)), whatever the horizon.
type Analysis struct {
	Space *statespace.StateSpace
	Prefs *preference.Profile
	// Tables holds the distinct tables computed, Tables[h] for horizon h:
	// 0..H when no table repeated by horizon H, else 0..Start+Period-1.
	Tables []*Table
	// Period is the length of the cycle the anticipation functions enter
	// (1: they converge), Start the first horizon of that cycle; both 0
	// when no repeat was found by horizon H (and NM was not asked for).
	// NMStable[k], when NM was computed, marks the states NM stable for k.
	NMStable      [2][]bool
	Period, Start int
	h             int
	nm            bool
}

// MemoryError is Analyze's refusal when the tables would not fit in the
// memory left: Need is the estimate for the tables computed so far plus
// the next one, Limit the memory available (bytes).
type MemoryError struct {
	States, Horizons int
	Need, Limit      int64
	Source           string
}

func (e *MemoryError) Error() string {
	src := ""
	if e.Source != "" {
		src = " (" + e.Source + ")"
	}
	return fmt.Sprintf("limited-move stability: the anticipation tables of %s have not yet repeated after %s "+
		"and the next one would bring the memory needed to about %s, but only %s is available%s; "+
		"use a smaller --horizon, raise that limit, or remove options or add feasibility constraints",
		english.Count(e.States, "state"), english.Count(e.Horizons, "horizon"), size(e.Need), size(e.Limit), src)
}

func size(b int64) string {
	switch {
	case b < 1<<20:
		return fmt.Sprintf("%d bytes", b)
	case b < 1<<30:
		return fmt.Sprintf("%.0f MiB", float64(b)/(1<<20))
	}
	return fmt.Sprintf("%.1f GiB", float64(b)/(1<<30))
}

// tableBytes estimates the memory of one table of n states: four int32
// slices plus the table's entry in the repeat index.
func tableBytes(n int) int64 { return 16*int64(n) + 64 }

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

// hash is FNV-1a over a table's entries; equal hashes are confirmed by
// comparing the tables.
func hash(t *Table) uint64 {
	h := uint64(14695981039346656037)
	for k := 0; k < 2; k++ {
		for _, sl := range [2][]int32{t.Out[k], t.Move[k]} {
			for _, v := range sl {
				h = (h ^ uint64(uint32(v))) * 1099511628211
			}
		}
	}
	return h
}

func equal(a, b *Table) bool {
	return slices.Equal(a.Out[0], b.Out[0]) && slices.Equal(a.Out[1], b.Out[1]) &&
		slices.Equal(a.Move[0], b.Move[0]) && slices.Equal(a.Move[1], b.Move[1])
}

// Analyze computes L_h for horizon h (h >= 1) and, when nm is true, NM
// stability: a state is NM stable for k iff it is L_h stable for k at
// every horizon of the cycle the tables enter, that is for every large
// enough h (Kilgour 1985). Tables are computed until horizon h or until
// one repeats, whichever comes first (with nm, until one repeats, at most
// MaxNMSteps horizons). Errors: ErrDMs, h < 1, no repeat within
// MaxNMSteps, ctx's error. Analyze sets no memory limit; see
// AnalyzeWithin.
func Analyze(ctx context.Context, ss *statespace.StateSpace, p *preference.Profile, h int, nm bool) (*Analysis, error) {
	return AnalyzeWithin(ctx, ss, p, h, nm, memlimit.Limit{})
}

// AnalyzeWithin is Analyze refusing, with a *MemoryError, to grow the
// tables beyond mem (no limit when mem is not Known). It checks before
// allocating each table.
func AnalyzeWithin(ctx context.Context, ss *statespace.StateSpace, p *preference.Profile, h int, nm bool, mem memlimit.Limit) (*Analysis, error) {
	if len(ss.DMs) != 2 {
		return nil, fmt.Errorf("%w; this model has %s", ErrDMs, english.Count(len(ss.DMs), "decision maker"))
	}
	if h < 1 {
		return nil, fmt.Errorf("the horizon h must be at least 1, got %d", h)
	}
	n := ss.Len()
	per := tableBytes(n)
	if mem.Known() && per > mem.Bytes {
		return nil, &MemoryError{States: n, Horizons: 0, Need: per, Limit: mem.Bytes, Source: mem.Source}
	}
	a := &Analysis{Space: ss, Prefs: p, Tables: []*Table{zero(n)}, h: h}
	seen := map[uint64][]int{hash(a.Tables[0]): {0}}
	for {
		last := len(a.Tables) - 1
		if last >= h && !nm {
			break
		}
		if last >= MaxNMSteps && last >= h {
			return nil, fmt.Errorf("NM: the anticipation functions did not repeat within %d horizons; use Lh with a horizon", MaxNMSteps)
		}
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if need := int64(last+2) * per; mem.Known() && need > mem.Bytes {
			return nil, &MemoryError{States: n, Horizons: last + 1, Need: need, Limit: mem.Bytes, Source: mem.Source}
		}
		t := next(ss, p, a.Tables[last])
		hv := hash(t)
		if i := slices.IndexFunc(seen[hv], func(j int) bool { return equal(a.Tables[j], t) }); i >= 0 {
			a.Start = seen[hv][i]
			a.Period = t.H - a.Start
			break
		}
		seen[hv] = append(seen[hv], t.H)
		a.Tables = append(a.Tables, t)
	}
	if nm {
		a.nonMyopic()
	}
	return a, nil
}

// table returns the table of horizon h: computed, or found from the cycle.
func (a *Analysis) table(h int) *Table {
	if h < len(a.Tables) {
		return a.Tables[h]
	}
	return a.Tables[a.Start+(h-a.Start)%a.Period]
}

// H returns the horizon h given to Analyze.
func (a *Analysis) H() int { return a.h }

// Stable reports whether state s is L_h stable for DM k: k would not
// move from s with h moves to look ahead (G_h(k, s) = s). h must be
// between 1 and the horizon given to Analyze.
func (a *Analysis) Stable(h, k, s int) bool { return a.table(h).Move[k][s] < 0 }

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

func (a *Analysis) nonMyopic() {
	n := a.Space.Len()
	for k := 0; k < 2; k++ {
		a.NMStable[k] = make([]bool, n)
		for s := 0; s < n; s++ {
			stable := true
			for h := a.Start; h < a.Start+a.Period; h++ {
				// Horizon 0 (no move anticipated) is stable by definition;
				// a cycle through it means every horizon from it on.
				if h > 0 && a.Tables[h].Move[k][s] >= 0 {
					stable = false
				}
			}
			a.NMStable[k][s] = stable
		}
	}
	a.nm = true
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
		t := a.table(h).Move[k][s]
		if t < 0 {
			break
		}
		out = append(out, Step{Mover: k, From: s, To: int(t)})
		s, k = int(t), 1-k
	}
	return out
}

// Outcome returns G_h(k, s).
func (a *Analysis) Outcome(h, k, s int) int { return int(a.table(h).Out[k][s]) }

// Compact is an anticipated sequence in bounded form: Prefix, then Cycle
// repeated Times times, then Suffix. Len is the length of the whole
// sequence, len(Prefix) + Times*len(Cycle) + len(Suffix). When the
// sequence does not repeat, Prefix holds all of it, Cycle and Suffix are
// empty and Times is 0.
//
// A sequence can be as long as the horizon, but the anticipation
// functions repeat from horizon Start with period Period, so the walk
// (horizon modulo the period, mover, state) repeats too; Compact's size
// is bounded by the number of such triples plus Start, whatever h.
type Compact struct {
	Prefix, Cycle, Suffix []Step
	Times, Len            int
}

// Expand returns the whole sequence c stands for.
func (c Compact) Expand() []Step {
	out := make([]Step, 0, c.Len)
	out = append(out, c.Prefix...)
	for range c.Times {
		out = append(out, c.Cycle...)
	}
	return append(out, c.Suffix...)
}

// SequenceCompact returns Sequence(h, k, s) in bounded form: the moves up
// to the first repeat of the walk, the repeated part with its number of
// repetitions, and the moves after the last repetition.
func (a *Analysis) SequenceCompact(h, k, s int) Compact {
	var c Compact
	type at struct{ phase, k, s int }
	seen := map[at]int{}
	for ; h >= 1; h-- {
		if a.Period > 0 && h >= a.Start {
			key := at{(h - a.Start) % a.Period, k, s}
			if i0, ok := seen[key]; ok {
				// The L steps since i0 replay while every horizon they use
				// is at least Start: from h that is m more times.
				l := len(c.Prefix) - i0
				if m := (h - a.Start + 1) / l; m > 0 {
					c.Cycle = c.Prefix[i0:]
					c.Prefix = c.Prefix[:i0:i0]
					c.Times = 1 + m
					h -= m * l
					c.Suffix = a.Sequence(h, k, s)
					break
				}
				seen = nil // no full repetition fits: write the rest out
			} else if seen != nil {
				seen[key] = len(c.Prefix)
			}
		}
		t := a.table(h).Move[k][s]
		if t < 0 {
			break
		}
		c.Prefix = append(c.Prefix, Step{Mover: k, From: s, To: int(t)})
		s, k = int(t), 1-k
	}
	c.Len = len(c.Prefix) + c.Times*len(c.Cycle) + len(c.Suffix)
	return c
}
