package coalition

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/gmcr/gmcr/internal/bitset"
	"github.com/gmcr/gmcr/model"
	"github.com/gmcr/gmcr/preference"
	"github.com/gmcr/gmcr/stability"
	"github.com/gmcr/gmcr/statespace"
)

// Structure is a fixed coalition structure, as GMCR+ files hold it
// (gmcrplus.Extras.Coalitions): a partition of the DMs into blocks, each
// acting as one player. A block owns its members' options: its move from s
// is any feasible t != s that differs from s only in those options, any
// number of them at once, each changed in its permitted direction (§1 with
// the block as the DM). A block prefers t to s iff every member strictly
// prefers t to s.
//
// That preference is a strict partial order, not a total preorder: two
// states may be incomparable for a block, so it cannot be written as
// preference levels and the block cannot be handed to package stability.
// Structure therefore has its own small analysis, AnalyzeStructure, on top
// of the state space and Prefers. In it, "s2 is no better than s for the
// block" means "not Prefers(block, s2, s)": some member does not prefer s2.
type Structure struct {
	Space *statespace.StateSpace
	Prefs *preference.Profile
	// Blocks partition the DMs: each block's DM indices ascending, blocks
	// in the order of their first member.
	Blocks [][]int

	mask    []uint64 // per block: its members' option bits
	keep1   []uint64 // per block: bits of its forward-only options
	keep0   []uint64 // per block: bits of its backward-only options
	blockOf []int    // per DM
}

// NewStructure checks that blocks partition the DMs of ss (every DM in
// exactly one nonempty block) and returns the structure, with each block
// sorted and the blocks ordered by their first member. Errors: an empty
// block, a DM index out of range, a DM in no block or in two, a model in
// graph form (a block moves as one DM owning its members' options, which
// a graph-form model's arcs do not define).
func NewStructure(ss *statespace.StateSpace, p *preference.Profile, blocks [][]int) (*Structure, error) {
	if ss.Graph() {
		return nil, fmt.Errorf("coalition structure: not defined for a model in graph form, whose moves are listed per DM; analyse coalitions with their legal sequences of moves instead (gmcr coalition without a structure)")
	}
	n := len(ss.DMs)
	st := &Structure{Space: ss, Prefs: p, blockOf: make([]int, n)}
	for i := range st.blockOf {
		st.blockOf[i] = -1
	}
	for _, b := range blocks {
		if len(b) == 0 {
			return nil, fmt.Errorf("coalition structure: an empty coalition")
		}
		bb := slices.Clone(b)
		slices.Sort(bb)
		st.Blocks = append(st.Blocks, bb)
	}
	slices.SortFunc(st.Blocks, func(x, y []int) int { return x[0] - y[0] })
	for bi, b := range st.Blocks {
		for _, i := range b {
			if i < 0 || i >= n {
				return nil, fmt.Errorf("coalition structure: DM index %d out of range 0..%d", i, n-1)
			}
			if st.blockOf[i] >= 0 {
				return nil, fmt.Errorf("coalition structure: DM %s is in two coalitions", ss.DMs[i].ID)
			}
			st.blockOf[i] = bi
		}
	}
	for i, b := range st.blockOf {
		if b < 0 {
			return nil, fmt.Errorf("coalition structure: DM %s is in no coalition; list it alone", ss.DMs[i].ID)
		}
	}
	for _, b := range st.Blocks {
		var mask, fwd, back uint64
		for _, i := range b {
			mask |= ss.DMs[i].Mask
		}
		for _, o := range ss.Options {
			bit := uint64(1) << uint(o.Bit)
			if mask&bit == 0 {
				continue
			}
			switch o.Reversibility {
			case model.Forward:
				fwd |= bit
			case model.Backward:
				back |= bit
			}
		}
		st.mask = append(st.mask, mask)
		st.keep1 = append(st.keep1, fwd)
		st.keep0 = append(st.keep0, back)
	}
	return st, nil
}

// Name returns block b's DM ids joined with "+".
func (st *Structure) Name(b int) string { return Name(st.Space, st.Blocks[b]) }

// Trivial reports whether every block is a single DM.
func (st *Structure) Trivial() bool { return len(st.Blocks) == len(st.Space.DMs) }

// Moves calls yield for every move of block b from state s, in ascending
// order of the target's code, until yield returns false.
func (st *Structure) Moves(b, s int, yield func(t int) bool) {
	ss := st.Space
	code := ss.Codes[s]
	mask := st.mask[b]
	cur := code & mask
	keep1 := cur & st.keep1[b]     // taken forward-only options stay taken
	keep0 := ^cur & st.keep0[b]    // untaken backward-only options stay untaken
	free := mask &^ keep1 &^ keep0 // options that may take either value
	base := code &^ mask
	sub := uint64(0)
	for {
		v := keep1 | sub
		if v != cur {
			if t, ok := ss.Index(base | v); ok && !yield(t) {
				return
			}
		}
		if sub == free {
			return
		}
		sub = (sub - free) & free
	}
}

// Prefers reports whether block b prefers state t to state s: every member
// strictly prefers t to s.
func (st *Structure) Prefers(b, t, s int) bool { return Improves(st.Prefs, st.Blocks[b], t, s) }

// StructureAnalysis holds the stability of every state for every block of
// a Structure under Nash, GMR, SMR and SEQ read with blocks as DMs (§4),
// "no better for block b" meaning "not Prefers(b, ., s)".
type StructureAnalysis struct {
	Structure *Structure
	Concepts  []stability.Concept // computed, in report order
	stable    map[stability.Concept][]bitset.Set
}

// Stable reports whether s is stable for block b under c.
func (sa *StructureAnalysis) Stable(c stability.Concept, b, s int) bool {
	sets, ok := sa.stable[c]
	return ok && sets[b].Has(s)
}

// Equilibria returns the states stable for every block under c, ascending
// (nil if c was not computed).
func (sa *StructureAnalysis) Equilibria(c stability.Concept) []int {
	sets, ok := sa.stable[c]
	if !ok {
		return nil
	}
	var out []int
	for s := 0; s < sa.Structure.Space.Len(); s++ {
		all := true
		for _, set := range sets {
			all = all && set.Has(s)
		}
		if all {
			out = append(out, s)
		}
	}
	return out
}

// StructureConcepts lists the concepts AnalyzeStructure supports.
var StructureConcepts = []stability.Concept{stability.Nash, stability.GMR, stability.SMR, stability.SEQ}

// AnalyzeStructure decides the stability of every state for every block of
// st under concepts (nil: StructureConcepts), blocks acting as DMs:
//
//	Nash  block b has no move to a state it prefers (a UI)
//	GMR   for every UI s1 there is s2 in R_{others}(s1) with not Prefers(b, s2, s)
//	SMR   as GMR, and not Prefers(b, s3, s) for every move s3 of b from s2
//	SEQ   as GMR with s2 in R+_{others}(s1)
//
// R_{others} is reachability by legal sequences of the other blocks' moves
// (no block moves twice in a row), R+ by moves each of which its block
// prefers. Time: a search per UI, so it suits models of up to some
// thousands of states. Errors: SIM (not defined for a partial order here),
// ctx's error when cancelled.
func AnalyzeStructure(ctx context.Context, st *Structure, concepts []stability.Concept) (*StructureAnalysis, error) {
	if concepts == nil {
		concepts = StructureConcepts
	}
	want := map[stability.Concept]bool{}
	for _, c := range concepts {
		if !slices.Contains(StructureConcepts, c) {
			return nil, fmt.Errorf("the %v concept is not available for a coalition structure; use Nash, GMR, SMR or SEQ", c)
		}
		want[c] = true
	}
	sa := &StructureAnalysis{Structure: st, stable: map[stability.Concept][]bitset.Set{}}
	ss := st.Space
	n := ss.Len()
	for _, c := range StructureConcepts {
		if want[c] {
			sa.Concepts = append(sa.Concepts, c)
			sets := make([]bitset.Set, len(st.Blocks))
			for b := range sets {
				sets[b] = bitset.New(n)
			}
			sa.stable[c] = sets
		}
	}
	for b := range st.Blocks {
		var others []int
		for o := range st.Blocks {
			if o != b {
				others = append(others, o)
			}
		}
		mk := func(improving bool) *reacher {
			return newReacher(n, len(others), func(k, x int, yield func(t int) bool) {
				o := others[k]
				st.Moves(o, x, func(t int) bool {
					if improving && !st.Prefers(o, t, x) {
						return true
					}
					return yield(t)
				})
			})
		}
		anyR, imp := mk(false), mk(true)
		// sanctioned reports whether r reaches from s1 a state x with ok(x).
		sanctioned := func(r *reacher, s1 int, ok func(x int) bool) bool {
			found := false
			r.each(s1, func(x int) bool {
				if ok(x) {
					found = true
					return false
				}
				return true
			})
			return found
		}
		var uis []int
		for s := 0; s < n; s++ {
			if s&0xff == 0 && ctx.Err() != nil {
				return nil, ctx.Err()
			}
			uis = uis[:0]
			st.Moves(b, s, func(t int) bool {
				if st.Prefers(b, t, s) {
					uis = append(uis, t)
				}
				return true
			})
			noBetter := func(x int) bool { return !st.Prefers(b, x, s) }
			smrEnd := func(x int) bool {
				if st.Prefers(b, x, s) {
					return false
				}
				ok := true
				st.Moves(b, x, func(t int) bool {
					if st.Prefers(b, t, s) {
						ok = false
					}
					return ok
				})
				return ok
			}
			all := func(r *reacher, ok func(x int) bool) bool {
				for _, s1 := range uis {
					if !sanctioned(r, s1, ok) {
						return false
					}
				}
				return true
			}
			if want[stability.Nash] && len(uis) == 0 {
				sa.stable[stability.Nash][b].Add(s)
			}
			if want[stability.GMR] && all(anyR, noBetter) {
				sa.stable[stability.GMR][b].Add(s)
			}
			if want[stability.SMR] && all(anyR, smrEnd) {
				sa.stable[stability.SMR][b].Add(s)
			}
			if want[stability.SEQ] && all(imp, noBetter) {
				sa.stable[stability.SEQ][b].Add(s)
			}
		}
	}
	return sa, nil
}

// StructureString describes st's blocks: "RU+UA | US | CO".
func StructureString(st *Structure) string {
	parts := make([]string, len(st.Blocks))
	for b := range st.Blocks {
		parts[b] = st.Name(b)
	}
	return strings.Join(parts, " | ")
}
