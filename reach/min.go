package reach

import (
	"context"
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
// s -> s1 of i is sanctioned iff out[s1] <= level_i(s).
//
// Method: the values are computed on the graph of (state, last mover)
// pairs, whose edges are enumerated on demand, never stored. Tarjan's
// algorithm finds its strongly connected components in reverse topological
// order, so each component's minimum is known once its successors' are; a
// final pass over the starting states (no last mover) combines their
// successors. Time is linear in the number of pair-graph edges; memory is
// O(states x |H|) words. It returns ctx's error if cancelled.
func MinOver(ctx context.Context, g *Graph, weights ...[]int32) ([][]int32, error) {
	n := g.Space.Len()
	h := len(g.Movers)
	nodes := n * h
	nw := len(weights)
	// acc[k][v] accumulates the minimum of weight k over what node v
	// reaches; after v's component is complete it is final.
	acc := make([][]int32, nw)
	for k := range acc {
		acc[k] = make([]int32, nodes)
	}
	index := make([]int32, nodes) // DFS order, from 1; 0 = unvisited
	low := make([]int32, nodes)
	onStack := make([]bool, nodes)
	var stack []int32
	type frame struct {
		v  int32
		k  int // current mover index into g.Movers
		it stepIter
	}
	var frames []frame
	counter := int32(0)

	// start positions the iterator of frame f on the next mover != last.
	advance := func(f *frame) {
		last := int(f.v) % h
		x := int(f.v) / h
		for f.k++; f.k < h && f.k == last; f.k++ {
		}
		if f.k < h {
			f.it = g.iter(f.k, x)
		}
	}
	push := func(v int32) {
		counter++
		index[v], low[v] = counter, counter
		x := int(v) / int(h)
		for k := range acc {
			acc[k][v] = weights[k][x]
		}
		stack = append(stack, v)
		onStack[v] = true
		f := frame{v: v, k: -1}
		advance(&f)
		frames = append(frames, f)
	}
	steps := 0
	for root := 0; root < nodes; root++ {
		if index[root] != 0 {
			continue
		}
		push(int32(root))
		for len(frames) > 0 {
			steps++
			if steps&0xfffff == 0 && ctx.Err() != nil {
				return nil, ctx.Err()
			}
			f := &frames[len(frames)-1]
			v := f.v
			if f.k < h {
				t, ok := f.it.next()
				if !ok {
					advance(f)
					continue
				}
				u := int32(t*h + f.k)
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
	index, low, onStack = nil, nil, nil
	out := make([][]int32, nw)
	for k := range out {
		out[k] = make([]int32, n)
	}
	for s := 0; s < n; s++ {
		for k := range out {
			out[k][s] = Unreachable
		}
		for j := 0; j < h; j++ {
			it := g.iter(j, s)
			for t, ok := it.next(); ok; t, ok = it.next() {
				u := t*h + j
				for k := range out {
					if acc[k][u] < out[k][s] {
						out[k][s] = acc[k][u]
					}
				}
			}
		}
	}
	return out, nil
}
