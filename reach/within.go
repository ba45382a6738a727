package reach

import (
	"context"
	"fmt"
	"math"
	"sync"
)

// MinWithin returns, for every state s and every weight vector w in
// weights, the minimum of w over s itself and R_H(s) (R_H+(s) when
// g.Improving), where H is g.Movers: out[k][s] = min{ weights[k][t] : t = s
// or t in R_H(s) }. It is MinOver with s always included, which is all
// GMR, SMR and SEQ need: they compare the minimum at the target s1 of a
// unilateral improvement s -> s1 of DM i with level_i(s), and s1's own
// weight (level_i(s1), or SMR's counter-value, at least level_i(s1)) is
// above level_i(s), so including s1 never changes the comparison.
//
// Method: when every mover's moves are transitive (an option-form model
// whose DMs perceive every state, no g.Allow, and g.Classes set), two
// consecutive moves of one DM can be replaced by one move (or none, when
// they return to where they started), so every walk of the movers' moves
// shortens to a legal sequence with the same ends, or to no move at all.
// The minimum over s and R_H(s) is then a minimum over the states
// reachable from s in the plain union of the movers' move graphs: states
// are the nodes, with no last mover, and each mover's moves go through
// auxiliary nodes over its class order (a chain over each class, or over
// each bucket with the superset lattice of irreversible options above
// them; improvements by a chain ranked by the mover's preference). Tarjan's
// algorithm finds the strongly connected components and their minima in
// one pass, linear in the size of that graph: about (1 + |H|) x states
// nodes, against 3 x |H| x states for MinOver's graph of (state, last
// mover) pairs. Otherwise it falls back on MinOver. Memory: about 12 bytes
// per node plus 4 per node and weight. It returns ctx's error if
// cancelled.
func MinWithin(ctx context.Context, g *Graph, weights ...[]int32) ([][]int32, error) {
	if !g.transitive() {
		out, err := MinOver(ctx, g, weights...)
		if err != nil {
			return nil, err
		}
		for k, w := range weights {
			for s, m := range out[k] {
				out[k][s] = min(m, w[s])
			}
		}
		return out, nil
	}
	ws := newWithinSearch(g, weights)
	if ws.nodes > math.MaxInt32-1 {
		return nil, fmt.Errorf("the sanction search needs %d graph nodes, more than %d; reduce the model", ws.nodes, math.MaxInt32-1)
	}
	if err := ws.run(ctx); err != nil {
		return nil, err
	}
	out := make([][]int32, len(weights))
	for k := range out {
		out[k] = make([]int32, ws.n)
		copy(out[k], ws.acc[k][:ws.n])
	}
	blocks.Put(&ws.block)
	return out, nil
}

// blocks recycles the per-node arrays of finished searches: an analysis
// makes two searches per DM, and on small models allocating them afresh
// is most of what triggers the garbage collector.
var blocks sync.Pool

// transitive reports whether every mover's moves (or improvements) from x
// to y and from y to z imply a move from x to z or z = x: true for
// option-form models whose DMs perceive every state, where a DM's moves
// from x are the feasible states that differ from x only in that DM's
// options and keep its irreversible choices (see Classes).
func (g *Graph) transitive() bool {
	if g.Classes == nil || g.Allow != nil || g.Space.Graph() {
		return false
	}
	for _, dm := range g.Movers {
		if !g.Space.PerceivesAll(dm) {
			return false
		}
	}
	return true
}

// withinSearch is one run of MinWithin. Node ids: state s is s; the chain
// node of position t of mover index k's class order is base[k] + t; the
// lattice node of cell c (class*2^|irr| + phi) of mover index k is
// lat[k] + c. seg lists the auxiliary node ranges in ascending order.
type withinSearch struct {
	g       *Graph
	n       int
	nodes   int
	cls     []*dmClasses // per mover index; nil: moves enumerated one by one
	twoWay  []bool       // per mover index: its chains run both ways (all moves, not improvements)
	base    []int32      // per mover index: first chain node, or -1
	lat     []int32      // per mover index: first lattice node, or -1
	seg     []segment
	weights [][]int32
	acc     [][]int32
	block   []int32 // index, low and acc
}

// segment is a range of auxiliary nodes starting at lo: mover index k's
// chain or lattice nodes.
type segment struct {
	lo      int32
	k       int8
	lattice bool
}

func newWithinSearch(g *Graph, weights [][]int32) *withinSearch {
	n, h := g.Space.Len(), len(g.Movers)
	ws := &withinSearch{g: g, n: n, weights: weights, cls: make([]*dmClasses, h), twoWay: make([]bool, h),
		base: make([]int32, h), lat: make([]int32, h)}
	next := n
	for k, dm := range g.Movers {
		ws.base[k], ws.lat[k] = -1, -1
		dc := &g.Classes.dms[dm]
		if dc.kind == direct {
			continue
		}
		ws.cls[k] = dc
		ws.twoWay[k] = !g.Improving
		ws.base[k] = int32(next)
		ws.seg = append(ws.seg, segment{lo: int32(next), k: int8(k)})
		next += n
		if dc.kind == lattice && !g.Improving {
			ws.lat[k] = int32(next)
			ws.seg = append(ws.seg, segment{lo: int32(next), k: int8(k), lattice: true})
			next += len(dc.last)
		}
	}
	ws.nodes = next
	return ws
}

// wframe is one node on Tarjan's DFS path: the node, the mover index (state
// nodes) or step being enumerated, and the position of a move iterator for
// movers enumerated one by one.
type wframe struct {
	v     int32
	k     int8
	phase int8
	pos   uint64
}

// next returns the next successor of f's node, or false.
func (ws *withinSearch) next(f *wframe) (int32, bool) {
	v := f.v
	if int(v) < ws.n {
		return ws.nextState(f, int(v))
	}
	i := len(ws.seg) - 1
	for ws.seg[i].lo > v {
		i--
	}
	sg := ws.seg[i]
	dc := ws.cls[sg.k]
	rel := v - sg.lo
	if sg.lattice {
		width := len(dc.irr)
		for {
			ph := f.phase
			f.phase++
			if ph == 0 {
				if t := dc.last[rel]; t >= 0 {
					return ws.base[sg.k] + t, true
				}
				continue
			}
			if int(ph-1) >= width {
				return -1, false
			}
			if b := int32(1) << uint(ph-1); rel&b == 0 {
				return v + b, true
			}
		}
	}
	t := rel
	if ws.twoWay[sg.k] {
		// A hub: every position of the class (bucket) ending at t.
		u := t - int32(f.pos)
		if u < 0 || (f.pos > 0 && !sameClass(dc, u+1)) {
			return -1, false
		}
		f.pos++
		return dc.order[u], true
	}
	// A chain of improvements: position t and the chain node before it.
	ph := f.phase
	f.phase++
	switch {
	case ph == 0:
		return dc.order[t], true
	case ph == 1 && sameClass(dc, t):
		return v - 1, true
	}
	return -1, false
}

// nextState enumerates the successors of state x: per mover, its chain or
// lattice entry, or its moves one by one.
func (ws *withinSearch) nextState(f *wframe, x int) (int32, bool) {
	g := ws.g
	for int(f.k) < len(ws.cls) {
		k := f.k
		dc := ws.cls[k]
		if dc == nil {
			if f.phase == 0 {
				f.pos, f.phase = 0, 1
			}
			it := g.Space.IterFrom(g.Movers[k], x, f.pos)
			lv := g.level(int(k))
			for t, ok := it.Next(); ok; t, ok = it.Next() {
				if lv == nil || lv[t] > lv[x] {
					f.pos = it.Pos()
					return int32(t), true
				}
			}
			f.k, f.phase = k+1, 0
			continue
		}
		if g.Improving && dc.kind == lattice {
			if u, ok := ws.nextImproving(f, dc, x); ok {
				return u, true
			}
			f.k, f.phase = k+1, 0
			continue
		}
		f.k, f.phase = k+1, 0
		p := dc.pos[x]
		switch {
		case g.Improving:
			// The improvements are the positions before x's tie group.
			if gs := dc.group[p]; sameClass(dc, gs) {
				return ws.base[k] + gs - 1, true
			}
		case dc.kind == lattice:
			return ws.lat[k] + dc.class[x]<<len(dc.irr) + int32(dc.phi(g.Space.Codes[x])), true
		case dc.end[p] != p || sameClass(dc, p):
			return ws.base[k] + dc.end[p], true // the hub of x's class
		}
	}
	return -1, false
}

// nextImproving enumerates the chain entries of the improvements of x by
// a mover with irreversible options: in every bucket of x's class whose
// signature is a superset of x's (f.pos: the next superset to try), the
// positions ranked strictly above x, which precede the others in the
// bucket's order.
func (ws *withinSearch) nextImproving(f *wframe, dc *dmClasses, x int) (int32, bool) {
	phi := uint64(dc.phi(ws.g.Space.Codes[x]))
	if f.phase == 0 {
		f.pos, f.phase = phi, 1
	}
	width := uint(len(dc.irr))
	cell0 := int(dc.class[x]) << width
	lx := ws.g.level(int(f.k))
	lvx := lx[x]
	for sup := f.pos; sup < 1<<width; sup = (sup + 1) | phi {
		last := dc.last[cell0+int(sup)]
		if last < 0 {
			continue
		}
		start := dc.first.Prev(int(last))
		// The first position of the bucket not ranked above x.
		i, j := start, int(last)+1
		for i < j {
			h := int(uint(i+j) >> 1)
			if lx[dc.order[h]] > lvx {
				i = h + 1
			} else {
				j = h
			}
		}
		if i > start {
			f.pos = (sup + 1) | phi
			return ws.base[f.k] + int32(i-1), true
		}
	}
	return -1, false
}

func (ws *withinSearch) weight(k int, v int32) int32 {
	if int(v) < ws.n {
		return ws.weights[k][v]
	}
	return Unreachable
}

// done marks, in index, a node whose component is complete.
const done = math.MaxInt32

// run computes, by Tarjan's algorithm, acc[k][v] = the minimum of weight k
// over every node reachable from v, v included.
func (ws *withinSearch) run(ctx context.Context) error {
	nodes := ws.nodes
	nw := len(ws.weights)
	size := (2 + nw) * nodes
	if b, ok := blocks.Get().(*[]int32); ok && cap(*b) >= size {
		ws.block = (*b)[:size]
		clear(ws.block[:nodes]) // index; low and acc are set when a node is pushed
	} else {
		ws.block = make([]int32, size)
	}
	block := ws.block
	index := block[:nodes:nodes] // DFS order, from 1; 0 = unvisited; done = component complete
	low := block[nodes : 2*nodes : 2*nodes]
	ws.acc = make([][]int32, nw)
	for k := range ws.acc {
		ws.acc[k] = block[(2+k)*nodes : (3+k)*nodes : (3+k)*nodes]
	}
	acc := ws.acc
	var stack []int32
	var frames []wframe
	counter := int32(0)
	push := func(v int32) {
		counter++
		index[v], low[v] = counter, counter
		for k := range acc {
			acc[k][v] = ws.weight(k, v)
		}
		stack = append(stack, v)
		frames = append(frames, wframe{v: v})
	}
	steps := 0
	// Every auxiliary node is reached from a state, so starting from the
	// states visits every node that matters.
	for root := 0; root < ws.n; root++ {
		if index[root] != 0 {
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
			if u, ok := ws.next(f); ok {
				switch iu := index[u]; {
				case iu == 0:
					push(u)
				case iu != done: // on the stack
					if iu < low[v] {
						low[v] = iu
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
						m = min(m, acc[k][u])
					}
					for _, u := range comp {
						acc[k][u] = m
					}
				}
				for _, u := range comp {
					index[u] = done
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
