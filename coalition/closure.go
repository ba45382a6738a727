package coalition

import (
	"context"
	"math/bits"
	"slices"

	"github.com/gmcr/gmcr/statespace"
)

// Reachability of a group of DMs for every state at once.
//
// R_H(s) is the set of states reached from s by a legal sequence of the
// unilateral moves of the DMs in H (§3). Two consecutive moves x -> y -> z
// of the same DM are one move x -> z when z != x (the DM changes only its
// own options, each still in its permitted direction, and every state
// involved is perceived by it), so a walk by any sequence of members'
// moves can be shortened to a legal sequence with the same ends unless it
// returns to s. Hence R_H(s) minus s is the set of states reachable from s
// in the plain graph of the members' moves, and the closure
// cl_H(s) = R_H(s) ∪ {s} is s's strongly connected component plus
// everything reachable from it. Every use in this package is indifferent
// to whether s itself belongs to R_H(s), so closures suffice.
//
// The components come from each DM's buckets. A bucket of DM k is a
// maximal set of states that k perceives, that agree outside k's options
// and have the same irreversible signature phi_k (k's taken forward-only
// and untaken backward-only options): k moves between any two states of a
// bucket, and from a bucket only to the buckets of the same class (the
// states agreeing outside k's options) with a strictly larger signature.
// A move of the second kind can never be undone by any member of H (the
// union of the members' signatures only grows), so the strongly connected
// components of H's move graph are the connected components of "same
// bucket of some member", and the components form a DAG in which the
// number of signature bits strictly grows along every edge. Everything is
// linear in the states, apart from sorting each DM's states once.

// dmBuckets are the buckets of one DM.
type dmBuckets struct {
	rep []int32    // state -> first state of its bucket; -1 when the DM does not perceive it
	up  [][2]int32 // (rep a, rep b): the DM moves from bucket a into bucket b, phi(b) ⊋ phi(a)
}

// moveIndex holds every DM's buckets for one state space.
type moveIndex struct {
	ss      *statespace.StateSpace
	dms     []dmBuckets
	fwd     []uint64 // per DM: forward-only option bits
	back    []uint64 // per DM: backward-only option bits
	workers int
}

// newMoveIndex computes the buckets of every DM of ss. Memory: 4 bytes per
// state per DM plus the bucket pairs. Errors: ctx's error.
func newMoveIndex(ctx context.Context, ss *statespace.StateSpace) (*moveIndex, error) {
	mi := &moveIndex{ss: ss, dms: make([]dmBuckets, len(ss.DMs)), fwd: make([]uint64, len(ss.DMs)), back: make([]uint64, len(ss.DMs))}
	for k := range ss.DMs {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		mi.fwd[k], mi.back[k] = ss.Irreversible(k)
		mi.dms[k] = newDMBuckets(ss, k, mi.fwd[k], mi.back[k])
	}
	return mi, nil
}

func newDMBuckets(ss *statespace.StateSpace, k int, fwd, back uint64) dmBuckets {
	n := ss.Len()
	mask := ss.DMs[k].Mask
	codes := ss.Codes
	rep := make([]int32, n)
	var states []int32
	for s := 0; s < n; s++ {
		rep[s] = -1
		if ss.Perceives(k, s) {
			states = append(states, int32(s))
		}
	}
	class := func(s int32) uint64 { return codes[s] &^ mask }
	phi := func(s int32) uint64 { c := codes[s]; return c&fwd | ^c&back }
	// States are in ascending code order, so a DM whose options are the
	// lowest bits already has its classes contiguous; sort otherwise.
	slices.SortStableFunc(states, func(a, b int32) int {
		ca, cb := class(a), class(b)
		if ca != cb {
			if ca < cb {
				return -1
			}
			return 1
		}
		pa, pb := phi(a), phi(b)
		if pa != pb {
			if pa < pb {
				return -1
			}
			return 1
		}
		return 0
	})
	db := dmBuckets{rep: rep}
	irreversible := fwd|back != 0
	var reps []int32 // bucket representatives of the current class
	flush := func() {
		for i, a := range reps {
			for _, b := range reps[i+1:] {
				pa, pb := phi(a), phi(b)
				switch {
				case pb&pa == pa:
					db.up = append(db.up, [2]int32{a, b})
				case pa&pb == pb:
					db.up = append(db.up, [2]int32{b, a})
				}
			}
		}
		reps = reps[:0]
	}
	for i, s := range states {
		newClass := i == 0 || class(states[i-1]) != class(s)
		if newClass && irreversible {
			flush()
		}
		if newClass || phi(states[i-1]) != phi(s) {
			rep[s] = s
			if irreversible {
				reps = append(reps, s)
			}
		} else {
			rep[s] = rep[states[i-1]]
		}
	}
	flush()
	return db
}

// closure describes cl_H(s) for every state s: the components of H's move
// graph and the DAG between them.
type closure struct {
	comp      []int32 // state -> component
	ncomp     int
	order     []int32 // every component, each after all its successors
	succStart []int32 // CSR: successors of component c are succ[succStart[c]:succStart[c+1]]
	succ      []int32
	memStart  []int32 // CSR: states of component c are members[memStart[c]:memStart[c+1]], ascending
	members   []int32
}

// closure computes the components and DAG of the movers' move graph
// (movers may be empty: every state is then alone). Errors: ctx's error.
func (mi *moveIndex) closure(ctx context.Context, movers []int) (*closure, error) {
	n := mi.ss.Len()
	parent := make([]int32, n)
	for i := range parent {
		parent[i] = int32(i)
	}
	find := func(x int32) int32 {
		for parent[x] != x {
			parent[x] = parent[parent[x]]
			x = parent[x]
		}
		return x
	}
	var fwd, back uint64
	for _, k := range movers {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		fwd |= mi.fwd[k]
		back |= mi.back[k]
		for s, r := range mi.dms[k].rep {
			if r >= 0 && int(r) != s {
				a, b := find(int32(s)), find(r)
				if a != b {
					if a < b {
						parent[b] = a
					} else {
						parent[a] = b
					}
				}
			}
		}
	}
	cl := &closure{comp: make([]int32, n)}
	// Components numbered in order of their smallest state.
	for s := 0; s < n; s++ {
		r := find(int32(s))
		if int(r) == s {
			cl.comp[s] = int32(cl.ncomp)
			cl.ncomp++
		} else {
			cl.comp[s] = cl.comp[r]
		}
	}
	nc := cl.ncomp
	cl.memStart = make([]int32, nc+1)
	for _, c := range cl.comp {
		cl.memStart[c+1]++
	}
	for c := 0; c < nc; c++ {
		cl.memStart[c+1] += cl.memStart[c]
	}
	cl.members = make([]int32, n)
	fill := slices.Clone(cl.memStart[:nc])
	for s, c := range cl.comp {
		cl.members[fill[c]] = int32(s)
		fill[c]++
	}
	// DAG edges.
	var edges [][2]int32
	for _, k := range movers {
		for _, e := range mi.dms[k].up {
			edges = append(edges, [2]int32{cl.comp[e[0]], cl.comp[e[1]]})
		}
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	slices.SortFunc(edges, func(a, b [2]int32) int {
		if a[0] != b[0] {
			return int(a[0] - b[0])
		}
		return int(a[1] - b[1])
	})
	edges = slices.Compact(edges)
	cl.succStart = make([]int32, nc+1)
	cl.succ = make([]int32, len(edges))
	for i, e := range edges {
		cl.succStart[e[0]+1]++
		cl.succ[i] = e[1]
	}
	for c := 0; c < nc; c++ {
		cl.succStart[c+1] += cl.succStart[c]
	}
	// Reverse topological order: more signature bits first.
	codes := mi.ss.Codes
	sig := make([]int8, nc)
	for c := 0; c < nc; c++ {
		x := codes[cl.members[cl.memStart[c]]]
		sig[c] = int8(bits.OnesCount64(x&fwd | ^x&back))
	}
	cl.order = make([]int32, nc)
	for c := range cl.order {
		cl.order[c] = int32(c)
	}
	if len(edges) > 0 {
		slices.SortStableFunc(cl.order, func(a, b int32) int { return int(sig[b]) - int(sig[a]) })
	}
	return cl, nil
}

// states returns the states of component c, ascending.
func (cl *closure) states(c int32) []int32 { return cl.members[cl.memStart[c]:cl.memStart[c+1]] }

// successors returns the successor components of c.
func (cl *closure) successors(c int32) []int32 { return cl.succ[cl.succStart[c]:cl.succStart[c+1]] }

// minFold returns, for every state s, the minimum of w over cl_H(s).
func (cl *closure) minFold(ctx context.Context, w []int32) ([]int32, error) {
	val := make([]int32, cl.ncomp)
	for i, c := range cl.order {
		if i&0xffff == 0 && ctx.Err() != nil {
			return nil, ctx.Err()
		}
		m := w[cl.members[cl.memStart[c]]]
		for _, s := range cl.states(c) {
			m = min(m, w[s])
		}
		for _, d := range cl.successors(c) {
			m = min(m, val[d])
		}
		val[c] = m
	}
	out := make([]int32, len(cl.comp))
	for s, c := range cl.comp {
		out[s] = val[c]
	}
	return out, nil
}
