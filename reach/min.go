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
// mover k's class order. P(k, t) reaches the pair nodes (order[u], k) for
// the positions u <= t of t's class, Q(k, t) those for u >= t.
type minSearch struct {
	g       *Graph
	n, h    int
	pairs   int
	nodes   int
	cls     []*dmClasses // per mover index; nil: enumerate moves directly
	weights [][]int32
	acc     [][]int32
	index   []int32
	low     []int32
	onStack []bool
}

func newMinSearch(g *Graph, weights [][]int32) *minSearch {
	n, h := g.Space.Len(), len(g.Movers)
	ms := &minSearch{g: g, n: n, h: h, pairs: n * h, weights: weights, cls: make([]*dmClasses, h)}
	hubs := false
	if g.Classes != nil {
		for k, dm := range g.Movers {
			if dc := &g.Classes.dms[dm]; dc.hub {
				ms.cls[k] = dc
				hubs = true
			}
		}
	}
	ms.nodes = ms.pairs
	if hubs {
		ms.nodes += h * n // P chains
		if !g.Improving {
			ms.nodes += h * n // Q chains
		}
	}
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
// same class.
func sameClass(dc *dmClasses, t int32) bool { return !dc.first.Has(int(t)) }

// exists reports whether node v is part of the graph (chain nodes exist
// only for movers with classes).
func (ms *minSearch) exists(v int) bool {
	if v < ms.pairs {
		return true
	}
	return ms.cls[((v-ms.pairs)/ms.n)%ms.h] != nil
}

// next returns the next successor of f's node, or false.
func (ms *minSearch) next(f *frame) (int32, bool) {
	v := int(f.v)
	h, n := ms.h, ms.n
	if v < ms.pairs {
		x, last := v/h, int8(v%h)
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
				mover := ms.g.Movers[f.k]
				it := ms.g.Space.IterFrom(mover, x, f.pos)
				lv := ms.g.level(int(f.k))
				for t, ok := it.Next(); ok; t, ok = it.Next() {
					if lv == nil || lv[t] > lv[x] {
						f.pos = it.Pos()
						return int32(t*h) + int32(f.k), true
					}
				}
				f.k++
				f.phase = 0
				continue
			}
			p := dc.pos[x]
			switch f.phase {
			case 0:
				f.phase = 1
				if ms.g.Improving {
					if gs := dc.group[p]; gs > 0 && sameClass(dc, gs) {
						return int32(ms.pairs) + int32(f.k)*int32(n) + gs - 1, true
					}
				} else if p > 0 && sameClass(dc, p) {
					return int32(ms.pairs) + int32(f.k)*int32(n) + p - 1, true
				}
			case 1:
				f.phase = 2
				if !ms.g.Improving && int(p)+1 < n && sameClass(dc, p+1) {
					return int32(ms.pairs+h*n) + int32(f.k)*int32(n) + p + 1, true
				}
			default:
				f.k++
				f.phase = 0
			}
		}
		return -1, false
	}
	rel := v - ms.pairs
	q := rel >= h*n // a Q chain node
	if q {
		rel -= h * n
	}
	k, t := int32(rel/n), int32(rel%n)
	dc := ms.cls[k]
	switch f.phase {
	case 0:
		f.phase = 1
		return int32(int(dc.order[t])*h) + k, true
	case 1:
		f.phase = 2
		if !q && t > 0 && sameClass(dc, t) {
			return f.v - 1, true
		}
		if q && int(t)+1 < n && sameClass(dc, t+1) {
			return f.v + 1, true
		}
	}
	return -1, false
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
	n, h := ms.n, ms.h
	out := make([][]int32, len(ms.acc))
	for k := range out {
		out[k] = make([]int32, n)
	}
	take := func(s int, u int32) {
		for k := range out {
			if ms.acc[k][u] < out[k][s] {
				out[k][s] = ms.acc[k][u]
			}
		}
	}
	for s := 0; s < n; s++ {
		for k := range out {
			out[k][s] = Unreachable
		}
		// A pair node with "last mover" set to none is not in the graph;
		// enumerate its successors as next would, for every mover.
		for j := 0; j < h; j++ {
			if dc := ms.cls[j]; dc != nil {
				p := dc.pos[s]
				base := int32(ms.pairs) + int32(j*n)
				if ms.g.Improving {
					if gs := dc.group[p]; gs > 0 && sameClass(dc, gs) {
						take(s, base+gs-1)
					}
					continue
				}
				if p > 0 && sameClass(dc, p) {
					take(s, base+p-1)
				}
				if int(p)+1 < n && sameClass(dc, p+1) {
					take(s, base+int32(h*n)+p+1)
				}
				continue
			}
			it := ms.g.iter(j, s)
			for t, ok := it.next(); ok; t, ok = it.next() {
				take(s, int32(t*h+j))
			}
		}
	}
	return out
}
