package reach

import (
	"math"
	"sort"

	"github.com/gmcr/gmcr/statespace"
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
	tr.run(stop, nil)
	return tr
}

// Searcher runs Search again and again over graphs of one state space,
// reusing its memory: dense tables of 4 bytes per (state, mover) pair,
// allocated on the first search that needs them and, after each search,
// cleared only where it wrote. It makes many searches from different
// states (explaining every coalitional improvement, listing upsetting
// moves, coalitional steps of a status quo analysis) cost what they visit
// instead of a fresh table or map each. A Searcher is not safe for
// concurrent use.
type Searcher struct {
	parent, dist, first []int32
	nodes               []int32 // pair nodes written by the last search
	states              []int   // states written by the last search
	queue               []int32
	// Each DM's unilateral moves from every state, in MoveIter order,
	// listed once the Searcher has made a few searches over ss (tables of
	// at most maxMoveTable moves).
	ss       *statespace.StateSpace
	searches int
	tables   map[int]*moveTable
	// Path's memory: per pair node, the walk that last wrote it (failGen
	// == gen) and the step counts from which it does not reach the target
	// (a bit per count).
	failGen []uint32
	fail    []uint64
	gen     uint32
}

// moveTable lists a DM's moves: those from state x are to[off[x]:off[x+1]].
type moveTable struct {
	off, to []int32
}

// maxMoveTable bounds the moves a Searcher lists for one DM (4 bytes
// each); a DM with more is enumerated by MoveIter at every step.
const maxMoveTable = 1 << 24

// table returns DM dm's move table, listing it if the Searcher has made
// enough searches to repay it; nil for a DM with too many moves or a
// graph-form model (whose arcs MoveIter walks directly).
func (sr *Searcher) table(ss *statespace.StateSpace, dm int) *moveTable {
	if sr.searches < 4 || ss.Graph() {
		return nil
	}
	if tab, ok := sr.tables[dm]; ok {
		return tab
	}
	var tab *moveTable
	n := ss.Len()
	if n*(1<<min(ss.DMs[dm].Width, 30)-1) <= maxMoveTable {
		tab = &moveTable{off: make([]int32, n+1)}
		for x := 0; x < n; x++ {
			it := ss.Iter(dm, x)
			for t, ok := it.Next(); ok; t, ok = it.Next() {
				tab.to = append(tab.to, int32(t))
			}
			tab.off[x+1] = int32(len(tab.to))
		}
	}
	sr.tables[dm] = tab
	return tab
}

// Search is the package's Search, with the same result. The returned Tree
// uses the Searcher's memory: it is valid until the Searcher's next
// search.
func (sr *Searcher) Search(g *Graph, start int, stop func(t int) bool) *Tree {
	h := len(g.Movers)
	n := g.Space.Len()
	if sr.ss != g.Space {
		sr.ss, sr.searches, sr.tables = g.Space, 0, map[int]*moveTable{}
	}
	sr.searches++
	for _, u := range sr.nodes {
		sr.parent[u], sr.dist[u] = absent, absent
	}
	for _, t := range sr.states {
		sr.first[t] = absent
	}
	grow := func(d []int32, size int) []int32 {
		if len(d) >= size {
			return d
		}
		d = make([]int32, size)
		for i := range d {
			d[i] = absent
		}
		return d
	}
	sr.parent, sr.dist, sr.first = grow(sr.parent, n*h), grow(sr.dist, n*h), grow(sr.first, n)
	tr := &Tree{Start: start, g: g, parent: i32map{dense: sr.parent}, first: i32map{dense: sr.first},
		dist: i32map{dense: sr.dist}, Goal: -1, order: sr.states[:0]}
	sr.queue = sr.run(tr, stop, sr.queue[:0])
	sr.nodes, sr.states = sr.queue, tr.order
	return tr
}

// run is Tree.run on the Searcher's dense tables (the same search, without
// the map indirection).
func (sr *Searcher) run(tr *Tree, stop func(t int) bool, queue []int32) []int32 {
	g, start := tr.g, tr.Start
	h := len(g.Movers)
	parent, dist, first := sr.parent, sr.dist, sr.first
	// visit enters pair node u = (t, k) reached from node from at
	// distance d; it reports whether the search is to stop.
	visit := func(t int, u, from, d int32) bool {
		if parent[u] != absent {
			return false
		}
		parent[u], dist[u] = from, d
		queue = append(queue, u)
		if first[t] == absent {
			first[t] = u
			tr.order = append(tr.order, t)
			if stop != nil && stop(t) {
				tr.Goal = t
				return true
			}
		}
		return false
	}
	for k := 0; k < h; k++ {
		it := g.iter(k, start)
		for t, ok := it.next(); ok; t, ok = it.next() {
			if visit(t, int32(t*h+k), -1, 1) {
				return queue
			}
		}
	}
	tabs := make([]*moveTable, h)
	for k, dm := range g.Movers {
		tabs[k] = sr.table(g.Space, dm)
	}
	for i := 0; i < len(queue); i++ {
		v := queue[i]
		x, last, d := int(v)/h, int(v)%h, dist[v]+1
		for k := 0; k < h; k++ {
			if k == last {
				continue
			}
			if tab := tabs[k]; tab != nil {
				lv, mover := g.level(k), g.Movers[k]
				for _, t32 := range tab.to[tab.off[x]:tab.off[x+1]] {
					t := int(t32)
					if (lv != nil && lv[t] <= lv[x]) || (g.Allow != nil && !g.Allow(mover, x, t)) {
						continue
					}
					if visit(t, int32(t*h+k), v, d) {
						return queue
					}
				}
				continue
			}
			it := g.iter(k, x)
			for t, ok := it.next(); ok; t, ok = it.next() {
				if visit(t, int32(t*h+k), v, d) {
					return queue
				}
			}
		}
	}
	return queue
}

// run is the breadth-first search of Search into tr's maps; queue is
// scratch space. It returns the queue, which holds every pair node
// written.
func (tr *Tree) run(stop func(t int) bool, queue []int32) []int32 {
	g, start := tr.g, tr.Start
	h := len(g.Movers)
	visit := func(t, k int, from int32, d int32) bool {
		u := int32(t*h + k)
		if _, ok := tr.parent.get(u); ok {
			return false
		}
		tr.parent.set(u, from)
		tr.dist.set(u, d)
		queue = append(queue, u)
		if _, ok := tr.first.get(int32(t)); !ok {
			tr.first.set(int32(t), u)
			tr.order = append(tr.order, t)
			if stop != nil && stop(t) {
				tr.Goal = t
				return true
			}
		}
		return false
	}
	for k := 0; k < h; k++ {
		it := g.iter(k, start)
		for t, ok := it.next(); ok; t, ok = it.next() {
			if visit(t, k, -1, 1) {
				return queue
			}
		}
	}
	for i := 0; i < len(queue); i++ {
		v := queue[i]
		x, last := int(v)/h, int(v)%h
		for k := 0; k < h; k++ {
			if k == last {
				continue
			}
			it := g.iter(k, x)
			for t, ok := it.next(); ok; t, ok = it.next() {
				if visit(t, k, v, tr.dist.at(v)+1) {
					return queue
				}
			}
		}
	}
	return queue
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
