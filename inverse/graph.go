package inverse

import (
	"github.com/gmcr/gmcr/statespace"
)

// node is a (state, last mover) pair of a legal-sequence search; last is
// an index into the movers, -1 for the start.
type node struct {
	state int
	last  int
}

// edge is one unilateral move in a context graph: from node from to node
// to, made by DM mover (a model DM index).
type edge struct {
	from, to int // node indices
	mover    int
}

// moveGraph is the graph of every legal sequence of moves of movers from a
// start state, regardless of preferences: R_H(start) is the set of states
// of its nodes other than the start node (node 0).
type moveGraph struct {
	nodes []node
	edges []edge
	in    [][]int // per node: indices of edges into it
}

// buildContext explores the (state, last mover) graph from start for the
// DMs in movers (model DM indices).
func buildContext(ss *statespace.StateSpace, movers []int, start int) *moveGraph {
	c := &moveGraph{}
	index := map[node]int{}
	add := func(n node) int {
		if k, ok := index[n]; ok {
			return k
		}
		index[n] = len(c.nodes)
		c.nodes = append(c.nodes, n)
		c.in = append(c.in, nil)
		return len(c.nodes) - 1
	}
	add(node{start, -1})
	for k := 0; k < len(c.nodes); k++ {
		x := c.nodes[k]
		for mi, j := range movers {
			if mi == x.last {
				continue
			}
			ss.Moves(j, x.state, func(t int) bool {
				to := add(node{t, mi})
				c.in[to] = append(c.in[to], len(c.edges))
				c.edges = append(c.edges, edge{from: k, to: to, mover: j})
				return true
			})
		}
	}
	return c
}

// reached returns the distinct states of R_H(start): the states of every
// node but the start node (the start state itself only if a sequence
// returns to it).
func (c *moveGraph) reached() []int {
	seen := map[int]bool{}
	var out []int
	for _, n := range c.nodes[1:] {
		if !seen[n.state] {
			seen[n.state] = true
			out = append(out, n.state)
		}
	}
	return out
}

// moves returns DM i's unilateral moves from s.
func moves(ss *statespace.StateSpace, i, s int) []int {
	var out []int
	ss.Moves(i, s, func(t int) bool { out = append(out, t); return true })
	return out
}

// others returns every DM index but i.
func others(ss *statespace.StateSpace, i int) []int {
	var out []int
	for j := range ss.DMs {
		if j != i {
			out = append(out, j)
		}
	}
	return out
}
