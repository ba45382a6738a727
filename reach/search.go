package reach

import (
	"math"
	"sort"
)

// Step is one unilateral move of a legal sequence: Mover (a DM index) moves
// the conflict from state From to state To.
type Step struct {
	Mover, From, To int
}

// Tree is the result of a breadth-first Search from one state: every state
// of R_H(start) (R_H+(start) when improving) with the fewest steps that
// reach it and one shortest legal sequence doing so.
type Tree struct {
	Start int
	g     *Graph
	// parent maps a visited pair node (state*h + last mover) to the node
	// it was reached from, or -1 for a first step from Start.
	parent i32map
	// first maps each reached state to the first pair node that reached
	// it, which lies on a shortest sequence.
	first i32map
	dist  i32map
	order []int // reached states in order of discovery
	// Goal is the first reached state satisfying Search's stop function,
	// or -1.
	Goal int
}

// Search explores legal sequences of g's moves from state start, breadth
// first. If stop is not nil, the search ends at the first reached state for
// which stop returns true (Tree.Goal); being breadth first, the sequence to
// it is a shortest one.
func Search(g *Graph, start int, stop func(t int) bool) *Tree {
	h := len(g.Movers)
	n := g.Space.Len()
	tr := &Tree{Start: start, g: g, parent: newI32Map(n * h), first: newI32Map(n), dist: newI32Map(n * h), Goal: -1}
	var queue []int32
	visit := func(t, k int, from int32, d int32) bool {
		u := int32(t*h + k)
		if _, ok := tr.parent.get(u); ok {
			return false
		}
		tr.parent.set(u, from)
		tr.dist.set(u, d)
		if _, ok := tr.first.get(int32(t)); !ok {
			tr.first.set(int32(t), u)
			tr.order = append(tr.order, t)
			if stop != nil && stop(t) {
				tr.Goal = t
				return true
			}
		}
		queue = append(queue, u)
		return false
	}
	for k := 0; k < h; k++ {
		it := g.iter(k, start)
		for t, ok := it.next(); ok; t, ok = it.next() {
			if visit(t, k, -1, 1) {
				return tr
			}
		}
	}
	for len(queue) > 0 {
		v := queue[0]
		queue = queue[1:]
		x, last := int(v)/h, int(v)%h
		for k := 0; k < h; k++ {
			if k == last {
				continue
			}
			it := g.iter(k, x)
			for t, ok := it.next(); ok; t, ok = it.next() {
				if visit(t, k, v, tr.dist.at(v)+1) {
					return tr
				}
			}
		}
	}
	return tr
}

// Reached reports whether state t was reached.
func (tr *Tree) Reached(t int) bool { _, ok := tr.first.get(int32(t)); return ok }

// States returns the reached states in ascending order.
func (tr *Tree) States() []int {
	out := append([]int(nil), tr.order...)
	sort.Ints(out)
	return out
}

// Dist returns the fewest steps of a legal sequence from Start to t, or -1
// if t was not reached.
func (tr *Tree) Dist(t int) int {
	u, ok := tr.first.get(int32(t))
	if !ok {
		return -1
	}
	return int(tr.dist.at(u))
}

// Path returns a shortest legal sequence from Start to t (nil if t was not
// reached). Each step's Mover is a DM index.
func (tr *Tree) Path(t int) []Step {
	u, ok := tr.first.get(int32(t))
	if !ok {
		return nil
	}
	h := len(tr.g.Movers)
	var rev []Step
	for u >= 0 {
		p := tr.parent.at(u)
		from := tr.Start
		if p >= 0 {
			from = int(p) / h
		}
		rev = append(rev, Step{Mover: tr.g.Movers[int(u)%h], From: from, To: int(u) / h})
		u = p
	}
	for i, j := 0, len(rev)-1; i < j; i, j = i+1, j-1 {
		rev[i], rev[j] = rev[j], rev[i]
	}
	return rev
}

// i32map maps int32 keys in [0, n) to int32 values: a slice when n is
// small enough to clear cheaply on every search, a map otherwise (a
// search from one state of a huge model usually visits a small part).
type i32map struct {
	dense  []int32
	sparse map[int32]int32
}

const denseSearch = 1 << 18

const absent = math.MinInt32

func newI32Map(n int) i32map {
	if n <= denseSearch {
		d := make([]int32, n)
		for i := range d {
			d[i] = absent
		}
		return i32map{dense: d}
	}
	return i32map{sparse: map[int32]int32{}}
}

func (m i32map) get(k int32) (int32, bool) {
	if m.dense != nil {
		v := m.dense[k]
		return v, v != absent
	}
	v, ok := m.sparse[k]
	return v, ok
}

func (m i32map) at(k int32) int32 { v, _ := m.get(k); return v }

func (m i32map) set(k, v int32) {
	if m.dense != nil {
		m.dense[k] = v
		return
	}
	m.sparse[k] = v
}
