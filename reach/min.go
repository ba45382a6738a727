package reach

import (
	"context"
	"fmt"
	"math"
)

// Unreachable is the value MinOver gives a state from which no legal
// sequence starts.
const Unreachable = math.MaxInt32

// MinOver returns, for every state s and every weight vector w in weights,
// the minimum of w over R_H(s) (R_H+(s) when g.Improving), where H is
// g.Movers: out[k][s] = min{ weights[k][t] : t in R_H(s) }, or Unreachable
// when R_H(s) is empty. Each weight vector has one entry per state.
//
// This is the core of GMR, SMR and SEQ for all states at once: with
// H = N-i and w the preference level of DM i, a unilateral improvement
// s -> s1 of i is sanctioned iff out[s1] <= level_i(s) (Xu, Hipel &
// Kilgour 2009 state the same sets as matrix products; this avoids their
// states x states matrices).
//
// Method: the values are computed on the graph of (state, last mover)
// pairs, whose edges are enumerated on demand, never stored. Tarjan's
// algorithm finds its strongly connected components in reverse topological
// order, so each component's minimum is known once its successors' are; a
// final pass over the starting states (no last mover) combines their
// successors. When g.Classes is set, the moves of a mover whose options are
// all reversible go through auxiliary chain nodes (see Classes), so the
// graph has O(states x |H|) edges for such movers instead of O(states x
// |H| x class size). Memory is O(states x |H|) words. It returns ctx's
// error if cancelled.
func MinOver(ctx context.Context, g *Graph, weights ...[]int32) ([][]int32, error) {
	if nodes := NodesFor(g.Space.Len(), len(g.Movers)); nodes > math.MaxInt32 {
		return nil, fmt.Errorf("the sanction search needs %d graph nodes (states x movers x 3), more than %d; reduce the model", nodes, math.MaxInt32)
	}
	ms := newMinSearch(g, weights)
	if err := ms.run(ctx); err != nil {
		return nil, err
	}
	return ms.starts(), nil
}

// NodesFor returns the most nodes MinOver's graph can have for the given
// numbers of states and movers: pair nodes and two chains of auxiliary
// nodes per mover. Memory is about 18 bytes per node plus 16 bytes per node
// on the search path.
func NodesFor(states, movers int) int64 { return 3 * int64(states) * int64(movers) }

// minSearch holds the state of one MinOver run. Node ids: pair nodes
// (state x, last mover index k) are x*h+k; chain node P(k, t) is
// pairs + k*n + t and Q(k, t) is pairs + h*n + k*n + t, for position t of
// mover k's class order: P(k, t) reaches the pair nodes (order[u], k) for
// the positions u <= t of t's class (or bucket), Q(k, t) those for u >= t.
// Lattice node U(k, c, phi) is uBase + uOff[k] + c*2^|irr| + phi.
type minSearch struct {
	g       *Graph
	n, h    int
	pairs   int
	uBase   int
	uOff    []int // per mover index, then the total
	nodes   int
	cls     []*dmClasses // per mover index; nil: enumerate moves directly
	weights [][]int32
	acc     [][]int32
}

func newMinSearch(g *Graph, weights [][]int32) *minSearch {
	n, h := g.Space.Len(), len(g.Movers)
	ms := &minSearch{g: g, n: n, h: h, pairs: n * h, weights: weights, cls: make([]*dmClasses, h), uOff: make([]int, h+1)}
	hubs := false
	latticeNodes := 0
	if g.Classes != nil && g.Allow == nil {
		for k, dm := range g.Movers {
			ms.uOff[k] = latticeNodes
			dc := &g.Classes.dms[dm]
			if dc.kind == direct || (dc.kind == lattice && g.Improving) {
				continue
			}
			ms.cls[k] = dc
			hubs = true
			if dc.kind == lattice {
				latticeNodes += len(dc.last)
			}
		}
	}
	ms.uOff[h] = latticeNodes
	ms.nodes = ms.pairs
	if hubs {
		ms.nodes += h * n // P chains
		if !g.Improving {
			ms.nodes += h * n // Q chains
		}
	}
	ms.uBase = ms.nodes
	ms.nodes += latticeNodes
	return ms
}

// frame is one node on Tarjan's DFS path. It is kept small (16 bytes)
// because the path can hold a large share of all nodes: a move iterator is
// rebuilt from its position rather than stored.
type frame struct {
	v     int32
	k     int8 // mover index being enumerated (pair nodes)
	phase int8
	pos   uint64 // MoveIter position, for movers enumerated directly
}

// sameClass reports whether positions t-1 and t of dc's order are in the
// same class (bucket, for a lattice).
func sameClass(dc *dmClasses, t int32) bool { return !dc.first.Has(int(t)) }

// exists reports whether node v is part of the graph (chain nodes exist
// only for movers with classes).
func (ms *minSearch) exists(v int) bool {
	if v < ms.pairs || v >= ms.uBase {
		return true
	}
	return ms.cls[((v-ms.pairs)/ms.n)%ms.h] != nil
}

func (ms *minSearch) pNode(k int8, t int32) int32 { return int32(ms.pairs) + int32(k)*int32(ms.n) + t }
func (ms *minSearch) qNode(k int8, t int32) int32 {
	return int32(ms.pairs+ms.h*ms.n) + int32(k)*int32(ms.n) + t
}
func (ms *minSearch) uNode(k int8, cell int) int32 { return int32(ms.uBase + ms.uOff[k] + cell) }

// next returns the next successor of f's node, or false.
func (ms *minSearch) next(f *frame) (int32, bool) {
	v := int(f.v)
	if v < ms.pairs {
		return ms.nextPair(f, v/ms.h, int8(v%ms.h))
	}
	if v >= ms.uBase {
		return ms.nextLattice(f, v-ms.uBase)
	}
	h, n := ms.h, ms.n
	rel := v - ms.pairs
	q := rel >= h*n // a Q chain node
	if q {
		rel -= h * n
	}
	k, t := int8(rel/n), int32(rel%n)
	dc := ms.cls[k]
	switch f.phase {
	case 0:
		f.phase = 1
		return int32(int(dc.order[t])*h) + int32(k), true
	case 1:
		f.phase = 2
		if !q && sameClass(dc, t) {
			return f.v - 1, true
		}
		if q && sameClass(dc, t+1) {
			return f.v + 1, true
		}
	}
	return -1, false
}

// nextPair enumerates the successors of the pair (x, last); last is -1 for
// a starting state.
func (ms *minSearch) nextPair(f *frame, x int, last int8) (int32, bool) {
	h := ms.h
	for int(f.k) < h {
		if f.k == last {
			f.k++
			continue
		}
		dc := ms.cls[f.k]
		if dc == nil {
			if f.phase == 0 {
				f.pos, f.phase = 0, 1
			}
			it := ms.g.Space.IterFrom(ms.g.Movers[f.k], x, f.pos)
			lv := ms.g.level(int(f.k))
			for t, ok := it.Next(); ok; t, ok = it.Next() {
				if (lv == nil || lv[t] > lv[x]) && (ms.g.Allow == nil || ms.g.Allow(ms.g.Movers[f.k], x, t)) {
					f.pos = it.Pos()
					return int32(t*h) + int32(f.k), true
				}
			}
			f.k, f.phase = f.k+1, 0
			continue
		}
		p := dc.pos[x]
		ph := f.phase
		f.phase++
		switch {
		case ph == 0 && ms.g.Improving:
			if gs := dc.group[p]; sameClass(dc, gs) {
				return ms.pNode(f.k, gs-1), true
			}
		case ph == 0:
			if sameClass(dc, p) {
				return ms.pNode(f.k, p-1), true
			}
		case ph == 1 && !ms.g.Improving:
			if sameClass(dc, p+1) {
				return ms.qNode(f.k, p+1), true
			}
		case ph >= 2 && dc.kind == lattice && int(ph-2) < len(dc.irr):
			phi := dc.phi(ms.g.Space.Codes[x])
			if b := uint32(1) << uint(ph-2); phi&b == 0 {
				return ms.uNode(f.k, int(dc.class[x])<<len(dc.irr)+int(phi|b)), true
			}
		case ph >= 2:
			f.k, f.phase = f.k+1, 0
		}
	}
	return -1, false
}

// nextLattice enumerates the successors of lattice node rel (relative to
// uBase): its own bucket's chain, then the lattice nodes one bit up.
func (ms *minSearch) nextLattice(f *frame, rel int) (int32, bool) {
	k := int8(0)
	for ms.uOff[k+1] <= rel {
		k++
	}
	dc := ms.cls[k]
	cell := rel - ms.uOff[k]
	width := len(dc.irr)
	phi := uint32(cell & (1<<width - 1))
	for {
		ph := f.phase
		f.phase++
		if ph == 0 {
			if t := dc.last[cell]; t >= 0 {
				return ms.pNode(k, t), true
			}
			continue
		}
		if int(ph-1) >= width {
			return -1, false
		}
		if b := uint32(1) << uint(ph-1); phi&b == 0 {
			return f.v + int32(b), true
		}
	}
}

func (ms *minSearch) weight(k int, v int32) int32 {
	if int(v) < ms.pairs {
		return ms.weights[k][int(v)/ms.h]
	}
	return Unreachable
}

// run computes, by Tarjan's algorithm, acc[k][v] = the minimum of weight k
// over every node reachable from v, v included.
func (ms *minSearch) run(ctx context.Context) error {
	nodes := ms.nodes
	nw := len(ms.weights)
	ms.acc = make([][]int32, nw)
	for k := range ms.acc {
		ms.acc[k] = make([]int32, nodes)
	}
	acc := ms.acc
	index := make([]int32, nodes) // DFS order, from 1; 0 = unvisited
	low := make([]int32, nodes)
	onStack := make([]bool, nodes)
	var stack []int32
	var frames []frame
	counter := int32(0)
	push := func(v int32) {
		counter++
		index[v], low[v] = counter, counter
		for k := range acc {
			acc[k][v] = ms.weight(k, v)
		}
		stack = append(stack, v)
		onStack[v] = true
		frames = append(frames, frame{v: v})
	}
	steps := 0
	for root := 0; root < nodes; root++ {
		if index[root] != 0 || !ms.exists(root) {
			continue
		}
		push(int32(root))
		for len(frames) > 0 {
			steps++
			if steps&0xfffff == 0 && ctx.Err() != nil {
				return ctx.Err()
			}
			f := &frames[len(frames)-1]
			v := f.v
			if u, ok := ms.next(f); ok {
				switch {
				case index[u] == 0:
					push(u)
				case onStack[u]:
					if index[u] < low[v] {
						low[v] = index[u]
					}
				default: // u's component is complete: its acc is final
					for k := range acc {
						if acc[k][u] < acc[k][v] {
							acc[k][v] = acc[k][u]
						}
					}
				}
				continue
			}
			// v has no more successors.
			frames = frames[:len(frames)-1]
			if low[v] == index[v] {
				i := len(stack) - 1
				for stack[i] != v {
					i--
				}
				comp := stack[i:]
				for k := range acc {
					m := acc[k][v]
					for _, u := range comp {
						if acc[k][u] < m {
							m = acc[k][u]
						}
					}
					for _, u := range comp {
						acc[k][u] = m
					}
				}
				for _, u := range comp {
					onStack[u] = false
				}
				stack = stack[:i]
			}
			if len(frames) > 0 {
				p := frames[len(frames)-1].v
				if low[v] < low[p] {
					low[p] = low[v]
				}
				for k := range acc {
					if acc[k][v] < acc[k][p] {
						acc[k][p] = acc[k][v]
					}
				}
			}
		}
	}
	return nil
}

// starts combines, for every state s with no last mover, the values of the
// first steps of the legal sequences from s.
func (ms *minSearch) starts() [][]int32 {
	out := make([][]int32, len(ms.acc))
	for k := range out {
		out[k] = make([]int32, ms.n)
	}
	for s := 0; s < ms.n; s++ {
		for k := range out {
			out[k][s] = Unreachable
		}
		f := frame{}
		for u, ok := ms.nextPair(&f, s, -1); ok; u, ok = ms.nextPair(&f, s, -1) {
			for k := range out {
				if ms.acc[k][u] < out[k][s] {
					out[k][s] = ms.acc[k][u]
				}
			}
		}
	}
	return out
}
