package coalition

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/gmcr/gmcr/preference"
	"github.com/gmcr/gmcr/reach"
	"github.com/gmcr/gmcr/statespace"
)

// Sanctions says how the DMs outside a coalition H may sanction under
// CSEQ (docs/post-analysis.md, "CSEQ: who sanctions").
type Sanctions int

const (
	// Unilateral: the outsiders sanction by a legal sequence of their own
	// unilateral improvements, R+_{N-H}, as the opponents of one DM do
	// under SEQ. The default.
	Unilateral Sanctions = iota
	// Joint: each step of the sanction may also be a coalitional
	// improvement of a group of two or more outsiders (a state its members
	// reach by a legal sequence of their moves and all prefer), as in
	// Inohara & Hipel's (2008) analysis with a class of coalitions, where
	// the outsiders may themselves act as coalitions.
	Joint
)

var sanctionNames = [...]string{"unilateral", "joint"}

// String returns "unilateral" or "joint".
func (s Sanctions) String() string {
	if s >= 0 && int(s) < len(sanctionNames) {
		return sanctionNames[s]
	}
	return fmt.Sprintf("Sanctions(%d)", int(s))
}

// ParseSanctions reads "unilateral" or "joint" (case-insensitive).
func ParseSanctions(v string) (Sanctions, error) {
	for i, n := range sanctionNames {
		if strings.EqualFold(strings.TrimSpace(v), n) {
			return Sanctions(i), nil
		}
	}
	return 0, fmt.Errorf("unknown CSEQ sanctions %q; use unilateral or joint", v)
}

// jointGraph is the explicit graph of the outsiders' joint improvements
// (Joint): x -> t when t is a unilateral improvement of one outsider or a
// coalitional improvement of a group of two or more outsiders. Two
// consecutive steps of the same group make one coalitional improvement of
// it, so reachability in this graph is reachability by legal sequences of
// such steps. Memory: one int32 per edge.
type jointGraph struct {
	start []int32 // CSR
	adj   []int32
}

func (jg *jointGraph) succ(x int) []int32 { return jg.adj[jg.start[x]:jg.start[x+1]] }

// newJointGraph builds the graph for the outsiders. Errors: ctx's error.
func newJointGraph(ctx context.Context, mi *moveIndex, p *preference.Profile, outsiders []int) (*jointGraph, error) {
	ss := mi.ss
	n := ss.Len()
	type group struct {
		members []int
		cl      *closure
	}
	var groups []group
	for _, g := range subsets(outsiders) {
		if len(g) < 2 {
			continue
		}
		cl, err := mi.closure(ctx, g)
		if err != nil {
			return nil, err
		}
		groups = append(groups, group{g, cl})
	}
	jg := &jointGraph{start: make([]int32, n+1)}
	var out []int32
	var stack []int32
	stamp := make([][]uint32, len(groups))
	for gi := range groups {
		stamp[gi] = make([]uint32, groups[gi].cl.ncomp)
	}
	for x := 0; x < n; x++ {
		if x&0x3ff == 0 && ctx.Err() != nil {
			return nil, ctx.Err()
		}
		out = out[:0]
		for _, k := range outsiders {
			it := ss.Iter(k, x)
			for t, ok := it.Next(); ok; t, ok = it.Next() {
				if p.Prefers(k, t, x) {
					out = append(out, int32(t))
				}
			}
		}
		for gi, g := range groups {
			// Every state of cl_G(x), by a search over its components.
			st := stamp[gi]
			c0 := g.cl.comp[x]
			st[c0] = uint32(x + 1)
			stack = append(stack[:0], c0)
			for len(stack) > 0 {
				c := stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				for _, t := range g.cl.states(c) {
					if Improves(p, g.members, int(t), x) {
						out = append(out, t)
					}
				}
				for _, d := range g.cl.successors(c) {
					if st[d] != uint32(x+1) {
						st[d] = uint32(x + 1)
						stack = append(stack, d)
					}
				}
			}
		}
		slices.Sort(out)
		out = slices.Compact(out)
		jg.adj = append(jg.adj, out...)
		jg.start[x+1] = int32(len(jg.adj))
	}
	return jg, nil
}

// subsets returns every nonempty subset of set, each ascending.
func subsets(set []int) [][]int {
	var out [][]int
	for m := 1; m < 1<<len(set); m++ {
		var g []int
		for i, k := range set {
			if m&(1<<i) != 0 {
				g = append(g, k)
			}
		}
		out = append(out, g)
	}
	return out
}

// minOver returns, per weight vector and state x, the minimum of the
// weight over the states reachable from x by one or more steps
// (reach.Unreachable when none), by Tarjan's algorithm over the explicit
// graph. Errors: ctx's error.
func (jg *jointGraph) minOver(ctx context.Context, weights [][]int32) ([][]int32, error) {
	n := len(jg.start) - 1
	// acc[k][x]: the minimum over everything reachable from x, x included.
	acc := make([][]int32, len(weights))
	for k := range acc {
		acc[k] = make([]int32, n)
	}
	index := make([]int32, n)
	low := make([]int32, n)
	onStack := make([]bool, n)
	var stack []int32
	type frame struct{ v, i int32 }
	var frames []frame
	counter := int32(0)
	push := func(v int32) {
		counter++
		index[v], low[v] = counter, counter
		for k := range acc {
			acc[k][v] = weights[k][v]
		}
		stack = append(stack, v)
		onStack[v] = true
		frames = append(frames, frame{v: v})
	}
	steps := 0
	for root := 0; root < n; root++ {
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
			if succ := jg.succ(int(v)); int(f.i) < len(succ) {
				u := succ[f.i]
				f.i++
				switch {
				case index[u] == 0:
					push(u)
				case onStack[u]:
					low[v] = min(low[v], index[u])
				default:
					for k := range acc {
						acc[k][v] = min(acc[k][v], acc[k][u])
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
					onStack[u] = false
				}
				stack = stack[:i]
			}
			if len(frames) > 0 {
				p := frames[len(frames)-1].v
				low[p] = min(low[p], low[v])
				for k := range acc {
					acc[k][p] = min(acc[k][p], acc[k][v])
				}
			}
		}
	}
	// One or more steps: combine the successors.
	out := make([][]int32, len(weights))
	for k := range out {
		out[k] = make([]int32, n)
		for x := 0; x < n; x++ {
			m := int32(reach.Unreachable)
			for _, u := range jg.succ(x) {
				m = min(m, acc[k][u])
			}
			out[k][x] = m
		}
	}
	return out, nil
}

// jointSearch finds, breadth first from s1 in the outsiders' joint
// improvement graph, the first state with stop true, and returns it with
// the steps that reach it, each step expanded into the legal sequence of
// unilateral moves realising it (Improvements' sequence for a group). It
// returns -1 and every state reached (ascending) when none qualifies.
func jointSearch(ctx context.Context, ss *statespace.StateSpace, p *preference.Profile, outsiders []int, s1 int, stop func(x int) bool) (int, []reach.Step, []int, error) {
	type arrival struct {
		from int
		seq  []reach.Step
	}
	came := map[int]arrival{s1: {from: -1}}
	queue := []int{s1}
	groups := subsets(outsiders)
	for i := 0; i < len(queue); i++ {
		if ctx.Err() != nil {
			return -1, nil, nil, ctx.Err()
		}
		x := queue[i]
		for _, g := range groups {
			for _, imp := range Improvements(ss, p, g, x) {
				t := imp.To
				if _, ok := came[t]; ok {
					continue
				}
				came[t] = arrival{from: x, seq: imp.Sequence}
				if stop(t) {
					var rev [][]reach.Step
					for y := t; y != s1; y = came[y].from {
						rev = append(rev, came[y].seq)
					}
					var steps []reach.Step
					for j := len(rev) - 1; j >= 0; j-- {
						steps = append(steps, rev[j]...)
					}
					return t, steps, nil, nil
				}
				queue = append(queue, t)
			}
		}
	}
	reached := slices.Clone(queue[1:])
	slices.Sort(reached)
	return -1, nil, reached, nil
}
