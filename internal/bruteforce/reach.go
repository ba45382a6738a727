package bruteforce

import (
	"fmt"

	"github.com/gmcr/gmcr/model"
)

// Step is one unilateral move of a legal sequence: DM Mover moves from
// state From to state To (state indices).
type Step struct {
	Mover, From, To int
}

// String returns "DM i: a -> b" with the DM's 1-based position in
// Model.DMs and 1-based ordered state numbers.
func (st Step) String() string {
	return fmt.Sprintf("DM %d: %d -> %d", st.Mover+1, st.From+1, st.To+1)
}

// node is a search node: a state and the DM who moved into it (-1 for the
// starting node, which has no last mover).
type node struct {
	state, last int
}

// ReachPaths computes R_H(s), or R_H+(s) when improving is true (§3), by a
// breadth-first search over (state, last mover) pairs starting at (s, no
// last mover). From a node, every member of H other than the last mover may
// make any of its moves (Moves), or, when improving, any of its unilateral
// improvements judged from the state it moves from (Improvements).
//
// It returns, for every reached state, one legal sequence leading to it from
// s, with the fewest steps. s itself is a key only if a legal sequence of
// one or more steps returns to it.
func ReachPaths(m *model.Model, codes []uint64, scores [][]int64, H []int, s int, improving bool) map[int][]Step {
	for _, j := range H {
		if j < 0 || j >= len(m.DMs) {
			panic(fmt.Sprintf("bruteforce: no DM %d", j))
		}
	}
	start := node{state: s, last: -1}
	// how[n] is the step that first reached node n, and from which node.
	type arrival struct {
		prev node
		step Step
	}
	how := map[node]arrival{}
	seen := map[node]bool{start: true}
	queue := []node{start}
	paths := map[int][]Step{}
	for len(queue) > 0 {
		cur := queue[0]
		queue = queue[1:]
		for _, j := range H {
			if j == cur.last {
				continue // a DM never moves twice in a row
			}
			var next []int
			if improving {
				next = Improvements(m, codes, scores, j, cur.state)
			} else {
				next = Moves(m, codes, j, cur.state)
			}
			for _, t := range next {
				n := node{state: t, last: j}
				if seen[n] {
					continue
				}
				seen[n] = true
				how[n] = arrival{prev: cur, step: Step{Mover: j, From: cur.state, To: t}}
				queue = append(queue, n)
				if _, done := paths[t]; !done {
					// Breadth first: the first arrival at t is
					// a shortest one. Walk back to the start.
					var rev []Step
					for back := n; back != start; back = how[back].prev {
						rev = append(rev, how[back].step)
					}
					path := make([]Step, len(rev))
					for i := range rev {
						path[i] = rev[len(rev)-1-i]
					}
					paths[t] = path
				}
			}
		}
	}
	return paths
}

// Reach returns R_H(s), or R_H+(s) when improving is true (§3), as state
// indices in ascending order. See ReachPaths.
func Reach(m *model.Model, codes []uint64, scores [][]int64, H []int, s int, improving bool) []int {
	return sortedKeys(ReachPaths(m, codes, scores, H, s, improving))
}

// CoalitionImprovements returns the coalitional improvements of H from s
// (§5): the states t in R_H(s) with scores[k][t] > scores[k][s] for every
// member k of H, ascending.
func CoalitionImprovements(m *model.Model, codes []uint64, scores [][]int64, H []int, s int) []int {
	var out []int
	for _, t := range Reach(m, codes, scores, H, s, false) {
		better := true
		for _, k := range H {
			if scores[k][t] <= scores[k][s] {
				better = false
			}
		}
		if better {
			out = append(out, t)
		}
	}
	return out
}

// StatusQuoReachable returns, for status quo analysis (§5), every state
// reachable from s by a legal sequence of unilateral improvements by any
// DMs (R_N+(s), all DMs taking part), mapped to the fewest steps of such a
// sequence, and s itself mapped to 0. The paths are those of ReachPaths
// with H = every DM and improving = true.
func StatusQuoReachable(m *model.Model, codes []uint64, scores [][]int64, s int) map[int]int {
	dist := map[int]int{s: 0}
	for t, path := range ReachPaths(m, codes, scores, allDMs(m), s, true) {
		if t != s {
			dist[t] = len(path)
		}
	}
	return dist
}

// allDMs returns every DM index.
func allDMs(m *model.Model) []int {
	var all []int
	for i := range m.DMs {
		all = append(all, i)
	}
	return all
}

// othersThan returns every DM index but i: N-i.
func othersThan(m *model.Model, i int) []int {
	var others []int
	for j := range m.DMs {
		if j != i {
			others = append(others, j)
		}
	}
	return others
}
