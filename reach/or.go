package reach

import (
	"context"
	"fmt"
	"math"
)

// OrOver returns, for every state s, the bitwise OR of masks over R_H(s)
// (R_H+(s) when g.Improving; steps filtered by g.Allow), H = g.Movers:
// out[w][s] = OR{ masks[w][t] : t in R_H(s) }, 0 when R_H(s) is empty.
// masks holds words of bits per state: masks[w] has one entry per state.
//
// It is MinOver with OR in place of the minimum, on the same graph of
// (state, last mover) pairs: a bit set in out[w][s] says that some state
// of the reach has that bit. Package uncertain uses it to decide, for all
// states at once, whether the other DMs can reach a state in the
// sanction set of each class of focal states (one bit per class). Memory
// is O(states x |H| x len(masks)) words. It returns ctx's error if
// cancelled.
func OrOver(ctx context.Context, g *Graph, masks ...[]uint64) ([][]uint64, error) {
	if nodes := NodesFor(g.Space.Len(), len(g.Movers)); nodes > math.MaxInt32 {
		return nil, fmt.Errorf("the sanction search needs %d graph nodes (states x movers x 3), more than %d; reduce the model", nodes, math.MaxInt32)
	}
	ms := newMinSearch(g, nil)
	acc, err := orRun(ctx, ms, masks)
	if err != nil {
		return nil, err
	}
	out := make([][]uint64, len(masks))
	for w := range out {
		out[w] = make([]uint64, ms.n)
	}
	for s := 0; s < ms.n; s++ {
		f := frame{}
		for u, ok := ms.nextPair(&f, s, -1); ok; u, ok = ms.nextPair(&f, s, -1) {
			for w := range out {
				out[w][s] |= acc[w][u]
			}
		}
	}
	return out, nil
}

// orRun computes, by Tarjan's algorithm as minSearch.run does, acc[w][v]
// = the OR of mask word w over every node reachable from v, v included
// (pair nodes carry their state's mask, chain nodes none).
func orRun(ctx context.Context, ms *minSearch, masks [][]uint64) ([][]uint64, error) {
	nodes := ms.nodes
	acc := make([][]uint64, len(masks))
	for w := range acc {
		acc[w] = make([]uint64, nodes)
	}
	index := make([]int32, nodes) // DFS order, from 1; 0 = unvisited
	low := make([]int32, nodes)
	onStack := make([]bool, nodes)
	var stack []int32
	var frames []frame
	counter := int32(0)
	push := func(v int32) {
		counter++
		index[v], low[v] = counter, counter
		if int(v) < ms.pairs {
			s := int(v) / ms.h
			for w := range acc {
				acc[w][v] = masks[w][s]
			}
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
				return nil, ctx.Err()
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
					for w := range acc {
						acc[w][v] |= acc[w][u]
					}
				}
				continue
			}
			frames = frames[:len(frames)-1]
			if low[v] == index[v] {
				i := len(stack) - 1
				for stack[i] != v {
					i--
				}
				comp := stack[i:]
				for w := range acc {
					m := uint64(0)
					for _, u := range comp {
						m |= acc[w][u]
					}
					for _, u := range comp {
						acc[w][u] = m
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
				for w := range acc {
					acc[w][p] |= acc[w][v]
				}
			}
		}
	}
	return acc, nil
}
