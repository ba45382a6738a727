// Package statespace enumerates the feasible states of a conflict in option
// form and the unilateral moves between them (definitions sheet §1;
// Fang, Hipel & Kilgour 1993, ch. 3).
//
// A state is a bit vector held in a uint64 decimal code: option k (0-based,
// options ordered by DM in model order, each DM's options in its list order)
// adds 2^k when taken. Feasible codes sorted ascending are numbered 1, 2, ...
// (the GMCR+ "ordered" numbering). Inside gmcr a state is its 0-based index
// into Codes; Number converts it to the printed state number.
//
// Moves are never stored: because each DM's options occupy a contiguous
// range of bits, a DM's unilateral moves from a state are the feasible codes
// that differ from it only inside that range, and are enumerated on demand.
package statespace

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"github.com/gmcr/gmcr/internal/english"
	"math/bits"
	"slices"
	"sort"

	"github.com/gmcr/gmcr/internal/bitset"
	"github.com/gmcr/gmcr/model"
)

// DefaultMaxStates is the default limit on the number of feasible states.
// It is a guard against models whose analysis would not fit in memory, not
// a limit of the algorithms; see Options.MaxStates.
const DefaultMaxStates = 1 << 24

// MaxOptions is the largest number of options a model may have: a state
// code is a uint64.
const MaxOptions = 62

// Options tunes Build.
type Options struct {
	// MaxStates refuses models with more feasible states than this
	// (0 means DefaultMaxStates; negative means no limit: callers such as
	// the CLI keep a memory check of their own, see analysis.Options).
	MaxStates int
}

// Option is an option as the state space sees it: its bit and owner.
type Option struct {
	ID, Name      string
	Bit           int // 0-based; the option adds 2^Bit to a state's code
	DM            int // index of the owning DM
	Reversibility model.Reversibility
}

// DM is a decision maker with the range of bits its options occupy.
type DM struct {
	ID, Name string
	Lo       uint   // first bit of the DM's options
	Width    uint   // number of options
	Mask     uint64 // bits Lo..Lo+Width-1
}

// StateSpace is the set of feasible states of a model.
type StateSpace struct {
	Model   *model.Model
	Options []Option // indexed by bit
	DMs     []DM     // in model order
	// Codes holds the feasible decimal codes in ascending order; state i
	// (0-based) has code Codes[i] and number i+1.
	Codes []uint64

	fwd, back uint64       // bits of forward-only and backward-only options
	perceived []bitset.Set // per DM: the states it perceives; nil: all
	bitOf     map[string]int
	dense     []int32 // code -> state index or -1, when the code space is small
	// byBase holds, for a DM with more than wideDM options, the states
	// sorted by their code without the DM's bits, then by code: a DM's
	// moves from s are then found among the states that share s's other
	// options, not among the 2^Width codes of its own options.
	byBase [][]int32

	// graph form only (see graph.go)
	adj    [][][]int32 // per DM, per state: its moves, ascending
	byCode map[uint64]int32
}

// wideDM is the most options a DM may have for its moves to be found by
// trying each combination of its options (2^wideDM codes per state).
const wideDM = 12

// TooLargeError reports a model with more feasible states than allowed.
type TooLargeError struct {
	States   uint64 // feasible states counted (a lower bound when Exact is false)
	Exact    bool
	Limit    int
	Options  int
	Codeword string // "2^m" description of the code space
}

func (e *TooLargeError) Error() string {
	n := fmt.Sprintf("%d", e.States)
	raise := "raise it with --max-states N"
	if !e.Exact {
		n = "more than " + n
	} else {
		raise = fmt.Sprintf("raise it with --max-states %d", e.States)
	}
	return fmt.Sprintf("the model has %s feasible states (%d options, %s codes), over the limit of %d; "+
		"%s if the machine has the memory (a full analysis needs about 200 bytes per state and DM, e.g. 4 GB for 4 million states and 4 DMs), or remove options or add feasibility constraints",
		n, e.Options, e.Codeword, e.Limit, raise)
}

// TooManyOptionsError reports a model with more than MaxOptions options:
// Option is the first one beyond the limit, in bit order (by DM), and
// Count the model's number of options.
type TooManyOptionsError struct {
	Option string
	Count  int
}

func (e *TooManyOptionsError) Error() string {
	return fmt.Sprintf("the model has %d options, more than the %d gmcr can number (a state is held in 64 bits); option %q is the first beyond the limit: remove options, or analyse a part of the conflict in a model of its own",
		e.Count, MaxOptions, e.Option)
}

// EmptyError reports feasibility constraints that leave no feasible state.
var EmptyError = errors.New("the feasibility constraints leave no feasible state; remove or relax an infeasible condition")

// Build enumerates the feasible states of m. The model must be valid
// (model.Validate). Errors: *TooLargeError, EmptyError, a model with more
// than MaxOptions options, or ctx's error when cancelled.
func Build(ctx context.Context, m *model.Model, opt Options) (*StateSpace, error) {
	limit := opt.MaxStates
	if limit == 0 {
		limit = DefaultMaxStates
	}
	ss := &StateSpace{Model: m, bitOf: map[string]int{}}
	for di, d := range m.DMs {
		lo := uint(len(ss.Options))
		for _, id := range d.Options {
			o := m.Option(id)
			if o == nil {
				return nil, fmt.Errorf("DM %q names unknown option %q", d.ID, id)
			}
			if _, dup := ss.bitOf[id]; dup {
				return nil, fmt.Errorf("option %q is owned by more than one DM", id)
			}
			b := len(ss.Options)
			if b >= MaxOptions {
				return nil, &TooManyOptionsError{Option: id, Count: len(m.Options)}
			}
			ss.bitOf[id] = b
			ss.Options = append(ss.Options, Option{ID: id, Name: o.Name, Bit: b, DM: di, Reversibility: o.Reversibility})
			switch o.Reversibility {
			case model.Forward:
				ss.fwd |= 1 << uint(b)
			case model.Backward:
				ss.back |= 1 << uint(b)
			}
		}
		w := uint(len(ss.Options)) - lo
		ss.DMs = append(ss.DMs, DM{ID: d.ID, Name: d.Name, Lo: lo, Width: w, Mask: (1<<w - 1) << lo})
	}
	if len(ss.Options) != len(m.Options) {
		return nil, fmt.Errorf("%s owned by no DM", english.Count(len(m.Options)-len(ss.Options), "option")+" "+english.Noun(len(m.Options)-len(ss.Options), "is"))
	}
	if m.GraphForm() {
		return ss.buildGraph(limit)
	}
	var conds []*cnode
	for _, st := range m.Infeasible {
		c, err := ss.compile(st.Expr)
		if err != nil {
			return nil, fmt.Errorf("infeasible condition %q: %w", st.Text, err)
		}
		conds = append(conds, c)
	}
	if err := ss.enumerate(ctx, conds, limit); err != nil {
		return nil, err
	}
	if len(ss.Codes) == 0 {
		return nil, EmptyError
	}
	ss.index()
	ss.groupByBase()
	if err := ss.perceive(); err != nil {
		return nil, err
	}
	return ss, nil
}

// perceive computes, for each DM with misperceptions, the states it
// perceives.
func (ss *StateSpace) perceive() error {
	ss.perceived = make([]bitset.Set, len(ss.DMs))
	for i, d := range ss.Model.DMs {
		if len(d.Misperceived) == 0 {
			continue
		}
		var conds []Condition
		for _, st := range d.Misperceived {
			c, err := ss.Compile(st.Expr)
			if err != nil {
				return fmt.Errorf("misperception %q of DM %q: %w", st.Text, d.ID, err)
			}
			conds = append(conds, c)
		}
		set := bitset.New(len(ss.Codes))
	states:
		for s, code := range ss.Codes {
			for _, c := range conds {
				if c.Holds(code) {
					continue states
				}
			}
			set.Add(s)
		}
		ss.perceived[i] = set
	}
	return nil
}

// Perceives reports whether DM dm perceives state s (see
// model.DM.Misperceived); a DM has no moves from or into a state it does
// not perceive.
func (ss *StateSpace) Perceives(dm, s int) bool {
	p := ss.perceived[dm]
	return p == nil || p.Has(s)
}

// PerceivesAll reports whether DM dm perceives every state.
func (ss *StateSpace) PerceivesAll(dm int) bool { return ss.perceived[dm] == nil }

// enumerate fills Codes in ascending order by a depth-first search over
// the options from the most significant bit down. At each node of the
// search the infeasibility conditions are evaluated on the partial state
// (three-valued: true, false, unknown): a subtree where some condition is
// certainly true is pruned, and one where every condition is certainly
// false is emitted whole. Before branching, each undecided condition with
// few unassigned options is propagated: an option whose one value would
// make the condition certainly true is fixed to the other value. So the
// search visits the feasible states (and a bounded fringe around them),
// not the whole code space: a model with 44 options and 23 feasible
// states is enumerated in microseconds.
//
// Fixed options never change the order: every branch splits on the
// highest unassigned bit, and a subtree's free bits are emitted in
// ascending order, so Codes comes out sorted (the GMCR+ numbering).
func (ss *StateSpace) enumerate(ctx context.Context, conds []*cnode, limit int) error {
	m := len(ss.Options)
	support := make([]uint64, len(conds))
	for i, c := range conds {
		support[i] = c.support()
	}
	var count uint64
	over := false
	steps := 0
	var walk func(code, known uint64) error
	walk = func(code, known uint64) error {
		steps++
		if steps&0xfff == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
			if over && steps > countBudget {
				return errStop
			}
		}
		code, known, ok := propagate(conds, support, code, known)
		if !ok {
			return nil
		}
		all := uint64(1)<<uint(m) - 1
		free := all &^ known
		allFalse := true
		for i, c := range conds {
			if support[i]&free == 0 {
				continue // decided, and false (propagate checked)
			}
			if c.eval3(code, known) == unknown {
				allFalse = false
				break
			}
		}
		if allFalse || free == 0 {
			n := uint64(1) << uint(bits.OnesCount64(free))
			count += n
			if limit > 0 && count > uint64(limit) {
				// Keep counting, without storing, so the error can say
				// how large the model is; give up after a budget of steps.
				over = true
				ss.Codes = nil
				if steps > countBudget {
					return errStop
				}
				return nil
			}
			// Every subset of the free bits, in ascending order.
			for sub := uint64(0); ; sub = (sub - free) & free {
				ss.Codes = append(ss.Codes, code|sub)
				if sub == free {
					break
				}
			}
			return nil
		}
		b := uint64(1) << uint(63-bits.LeadingZeros64(free))
		if err := walk(code, known|b); err != nil {
			return err
		}
		return walk(code|b, known|b)
	}
	err := walk(0, 0)
	if over {
		ss.Codes = nil
		if err != nil && err != errStop {
			return err
		}
		return &TooLargeError{States: count, Exact: err == nil, Limit: limit, Options: m, Codeword: fmt.Sprintf("2^%d", m)}
	}
	return err
}

// propagateFree is the most unassigned options a condition may have for
// propagate to try each of them: it pays for conditions that are nearly
// decided, such as "a IFF not b" once b is known.
const propagateFree = 4

// propagate fixes options forced by the conditions at a partial state
// (code, with the bits of known assigned): if setting an unassigned
// option to one value makes some condition certainly true, it takes the
// other value. It repeats until nothing changes and reports false when the
// partial state is already infeasible (a condition is certainly true, or
// an option can take neither value).
func propagate(conds []*cnode, support []uint64, code, known uint64) (uint64, uint64, bool) {
	for changed := true; changed; {
		changed = false
		for i, c := range conds {
			free := support[i] &^ known
			if free == 0 {
				if c.eval3(code, known) == yes {
					return code, known, false
				}
				continue
			}
			v := c.eval3(code, known)
			if v == yes {
				return code, known, false
			}
			if v == no || bits.OnesCount64(free) > propagateFree {
				continue
			}
			for f := free; f != 0; f &= f - 1 {
				b := f & -f
				k := known | b
				if c.eval3(code&^b, k) == yes { // the option cannot be off
					if c.eval3(code|b, k) == yes {
						return code, known, false
					}
					code, known, changed = code|b, k, true
				} else if c.eval3(code|b, k) == yes { // cannot be on
					code, known, changed = code&^b, k, true
				}
			}
		}
	}
	return code, known, true
}

var errStop = errors.New("stop")

// countBudget bounds the walk that counts the states of a model over the
// limit.
const countBudget = 1 << 21

// denseBits is the largest code space indexed by a direct table (4 bytes
// per code); larger ones use binary search over Codes.
const denseBits = 26

func (ss *StateSpace) index() {
	m := len(ss.Options)
	// A direct table pays off when the feasible states fill a fair share
	// of the code space; sparse models use binary search instead.
	if m > denseBits || (m > 16 && uint64(1)<<uint(m) > 8*uint64(len(ss.Codes))) {
		return
	}
	ss.dense = make([]int32, 1<<uint(m))
	for i := range ss.dense {
		ss.dense[i] = -1
	}
	for i, c := range ss.Codes {
		ss.dense[c] = int32(i)
	}
}

// groupByBase fills byBase for the DMs with more than wideDM options.
func (ss *StateSpace) groupByBase() {
	ss.byBase = make([][]int32, len(ss.DMs))
	for i, d := range ss.DMs {
		if d.Width <= wideDM {
			continue
		}
		order := make([]int32, len(ss.Codes))
		for s := range order {
			order[s] = int32(s)
		}
		mask := d.Mask
		slices.SortFunc(order, func(a, b int32) int {
			ca, cb := ss.Codes[a], ss.Codes[b]
			if c := cmp.Compare(ca&^mask, cb&^mask); c != 0 {
				return c
			}
			return cmp.Compare(ca, cb)
		})
		ss.byBase[i] = order
	}
}

// groupStart returns the first position in byBase[dm] of the states whose
// code without dm's bits is base.
func (ss *StateSpace) groupStart(dm int, base uint64) int {
	order, mask := ss.byBase[dm], ss.DMs[dm].Mask
	return sort.Search(len(order), func(i int) bool { return ss.Codes[order[i]]&^mask >= base })
}

// Len returns the number of feasible states.
func (ss *StateSpace) Len() int { return len(ss.Codes) }

// Number returns the printed (1-based) number of state s.
func Number(s int) int { return s + 1 }

// Index returns the state with the given decimal code, and false if the
// code is not a feasible state.
func (ss *StateSpace) Index(code uint64) (int, bool) {
	if ss.byCode != nil {
		i, ok := ss.byCode[code]
		if !ok {
			return -1, false
		}
		return int(i), true
	}
	if ss.dense != nil {
		if code >= uint64(len(ss.dense)) {
			return -1, false
		}
		i := ss.dense[code]
		return int(i), i >= 0
	}
	lo, hi := 0, len(ss.Codes)
	for lo < hi {
		mid := int(uint(lo+hi) >> 1)
		if ss.Codes[mid] < code {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	if lo < len(ss.Codes) && ss.Codes[lo] == code {
		return lo, true
	}
	return -1, false
}

// Bit returns the bit of the option with the given id.
func (ss *StateSpace) Bit(id string) (int, bool) {
	b, ok := ss.bitOf[id]
	return b, ok
}

// Taken reports whether option bit b is taken in state s.
func (ss *StateSpace) Taken(s, b int) bool { return ss.Codes[s]&(1<<uint(b)) != 0 }

// Pattern returns state s as Y/N letters, one per option in bit order.
func (ss *StateSpace) Pattern(s int) string {
	buf := make([]byte, len(ss.Options))
	for b := range buf {
		buf[b] = 'N'
		if ss.Taken(s, b) {
			buf[b] = 'Y'
		}
	}
	return string(buf)
}

// Moves calls yield for every unilateral move t of DM dm from state s
// (definitions sheet §1: t feasible, t != s, t differs from s only in dm's
// options, each changed option in its permitted direction), in ascending
// order of t's code, until yield returns false. A DM has no moves from or
// into a state it does not perceive.
func (ss *StateSpace) Moves(dm, s int, yield func(t int) bool) {
	it := ss.Iter(dm, s)
	for t, ok := it.Next(); ok; t, ok = it.Next() {
		if !yield(t) {
			return
		}
	}
}

// AppendMoves appends dm's unilateral moves from s to dst.
func (ss *StateSpace) AppendMoves(dst []int32, dm, s int) []int32 {
	ss.Moves(dm, s, func(t int) bool { dst = append(dst, int32(t)); return true })
	return dst
}

// Changed returns the bits of the options whose values differ between
// states s and t.
func (ss *StateSpace) Changed(s, t int) []int {
	if len(ss.Options) == 0 {
		return nil // graph form without options: codes are state indices
	}
	var out []int
	for x := ss.Codes[s] ^ ss.Codes[t]; x != 0; x &= x - 1 {
		out = append(out, bits.TrailingZeros64(x))
	}
	return out
}

// MoverOf returns the DM whose options differ between s and t if exactly
// one DM's do, else -1.
func (ss *StateSpace) MoverOf(s, t int) int {
	if ss.adj != nil {
		return ss.graphMover(s, t)
	}
	x := ss.Codes[s] ^ ss.Codes[t]
	for i, d := range ss.DMs {
		if x != 0 && x&^d.Mask == 0 {
			return i
		}
	}
	return -1
}

// MoveIter enumerates one DM's unilateral moves from one state without
// allocating; it yields the same states, in the same order, as Moves.
// The zero value yields nothing.
type MoveIter struct {
	ss                     *StateSpace
	perc                   bitset.Set // the mover's perceived states; nil: all
	base, keep1, free, cur uint64
	sub                    uint64
	lo                     uint
	done                   bool

	// For a wide DM (see StateSpace.byBase): the states sharing s's other
	// options, and the next position among them.
	group      []int32
	start, pos int
	mask, full uint64

	arcs  []int32 // graph form: the moves, walked by sub
	graph bool
}

// Iter returns an iterator over DM dm's unilateral moves from state s.
func (ss *StateSpace) Iter(dm, s int) MoveIter {
	if ss.adj != nil {
		return MoveIter{arcs: ss.adj[dm][s], graph: true}
	}
	d := &ss.DMs[dm]
	code := ss.Codes[s]
	full := uint64(1)<<d.Width - 1
	cur := (code >> d.Lo) & full
	keep1 := cur & (ss.fwd >> d.Lo) & full
	keep0 := ^cur & (ss.back >> d.Lo) & full
	perc := ss.perceived[dm]
	it := MoveIter{ss: ss, perc: perc, base: code &^ d.Mask, keep1: keep1, free: full &^ keep1 &^ keep0, cur: cur, lo: d.Lo,
		done: perc != nil && !perc.Has(s)}
	if ss.byBase != nil && ss.byBase[dm] != nil {
		it.group, it.mask, it.full = ss.byBase[dm], d.Mask, full
		it.start = ss.groupStart(dm, it.base)
		it.pos = it.start
	}
	return it
}

// Next returns the next move, or false when there are no more.
func (it *MoveIter) Next() (int, bool) {
	if it.graph {
		if it.sub < uint64(len(it.arcs)) {
			it.sub++
			return int(it.arcs[it.sub-1]), true
		}
		return -1, false
	}
	if it.group != nil {
		return it.nextInGroup()
	}
	for !it.done {
		v := it.keep1 | it.sub
		if it.sub == it.free {
			it.done = true
		} else {
			it.sub = (it.sub - it.free) & it.free
		}
		if v != it.cur {
			if t, ok := it.ss.Index(it.base | v<<it.lo); ok && (it.perc == nil || it.perc.Has(t)) {
				return t, true
			}
		}
	}
	return -1, false
}

// nextInGroup is Next for a wide DM: it walks the states that share the
// start's other options, in ascending order of code.
func (it *MoveIter) nextInGroup() (int, bool) {
	codes := it.ss.Codes
	keep0 := it.full &^ it.free &^ it.keep1 // options that may not be taken
	for !it.done {
		if it.pos >= len(it.group) {
			it.done = true
			break
		}
		t := int(it.group[it.pos])
		c := codes[t]
		if c&^it.mask != it.base {
			it.done = true
			break
		}
		it.pos++
		v := (c >> it.lo) & it.full
		if v == it.cur || v&it.keep1 != it.keep1 || v&keep0 != 0 {
			continue
		}
		if it.perc == nil || it.perc.Has(t) {
			return t, true
		}
	}
	return -1, false
}

// Pos returns the iterator's position, to resume it later with IterFrom
// without keeping the iterator itself (which is larger).
func (it *MoveIter) Pos() uint64 {
	if it.done || (it.graph && it.sub >= uint64(len(it.arcs))) {
		return iterDone
	}
	if it.group != nil {
		return uint64(it.pos - it.start)
	}
	return it.sub
}

const iterDone = ^uint64(0)

// IterFrom returns an iterator over DM dm's unilateral moves from state s
// resumed at pos, a value returned by MoveIter.Pos (0 starts afresh).
func (ss *StateSpace) IterFrom(dm, s int, pos uint64) MoveIter {
	it := ss.Iter(dm, s)
	switch {
	case pos == iterDone:
		it.done = true
		it.sub = uint64(len(it.arcs))
	case it.group != nil:
		it.pos = it.start + int(pos)
	default:
		it.sub = pos
	}
	return it
}

// Irreversible returns the bits of DM dm's forward-only and backward-only
// options.
func (ss *StateSpace) Irreversible(dm int) (fwd, back uint64) {
	m := ss.DMs[dm].Mask
	return ss.fwd & m, ss.back & m
}
