package bruteforce

import (
	"fmt"
	"slices"

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

// arrival is how the search first reached a pair: by step, leaving from
// the pair numbered from.
type arrival struct {
	step Step
	from int // the pair the step left from
}

// pairID numbers the search pair (state, last mover) for a model of n DMs;
// last is -1 for no last mover.
func pairID(n, state, last int) int { return state*(n+1) + last + 1 }

// search is the breadth-first search over (state, last mover) pairs of
// §3, from (s, no last mover). From a pair, every member of H other than
// the last mover may make any of its moves (Moves), or, when improving,
// any of its unilateral improvements judged from the state it moves from
// (Improvements).
//
// It returns the states reached, in order of first arrival, and for each
// of them the step by which it was first reached and the search pair
// that step left from, so that paths can be walked back to the start.
// If stop is not nil, the search ends as soon as it first reaches a state
// for which stop is true (the last state of order).
// Pairs are numbered state*(n+1) + (last mover+1), n being the number of
// DMs; the start pair has last mover -1.
func search(m *model.Model, codes []uint64, scores [][]int64, H []int, s int, improving bool, stop func(t int) bool) (order []int, first map[int]int, how map[int]arrival) {
	n := len(m.DMs)
	for _, j := range H {
		if j < 0 || j >= n {
			panic(fmt.Sprintf("bruteforce: no DM %d", j))
		}
	}
	pair := func(state, last int) int { return pairID(n, state, last) }
	start := pair(s, -1)
	seen := make([]bool, len(codes)*(n+1))
	seen[start] = true
	first = map[int]int{} // state -> the pair that first reached it
	how = map[int]arrival{}
	type item struct{ state, last, id int }
	queue := []item{{s, -1, start}}
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
				id := pair(t, j)
				if seen[id] {
					continue
				}
				seen[id] = true
				how[id] = arrival{step: Step{Mover: j, From: cur.state, To: t}, from: cur.id}
				queue = append(queue, item{t, j, id})
				if _, done := first[t]; !done {
					first[t] = id
					order = append(order, t)
					if stop != nil && stop(t) {
						return order, first, how
					}
				}
			}
		}
	}
	return order, first, how
}

// ReachPaths computes R_H(s), or R_H+(s) when improving is true (§3), by a
// breadth-first search over (state, last mover) pairs starting at (s, no
// last mover). From a pair, every member of H other than the last mover
// may make any of its moves (Moves), or, when improving, any of its
// unilateral improvements judged from the state it moves from
// (Improvements).
//
// It returns, for every reached state, one legal sequence leading to it
// from s, with the fewest steps (the search is breadth first, so the first
// arrival at a state is a shortest one). s itself is a key only if a legal
// sequence of one or more steps returns to it.
func ReachPaths(m *model.Model, codes []uint64, scores [][]int64, H []int, s int, improving bool) map[int][]Step {
	start := pairID(len(m.DMs), s, -1)
	order, first, how := search(m, codes, scores, H, s, improving, nil)
	paths := map[int][]Step{}
	for _, t := range order {
		var rev []Step
		for id := first[t]; id != start; id = how[id].from {
			rev = append(rev, how[id].step)
		}
		path := make([]Step, len(rev))
		for i := range rev {
			path[i] = rev[len(rev)-1-i]
		}
		paths[t] = path
	}
	return paths
}

// Reach returns R_H(s), or R_H+(s) when improving is true (§3), as state
// indices in ascending order. See ReachPaths.
func Reach(m *model.Model, codes []uint64, scores [][]int64, H []int, s int, improving bool) []int {
	order, _, _ := search(m, codes, scores, H, s, improving, nil)
	slices.Sort(order)
	return order
}

// reaches reports whether some state of R_H(s), or of R_H+(s) when
// improving is true, satisfies ok; it stops the search at the first one.
func reaches(m *model.Model, codes []uint64, scores [][]int64, H []int, s int, improving bool, ok func(t int) bool) bool {
	order, _, _ := search(m, codes, scores, H, s, improving, ok)
	return len(order) > 0 && ok(order[len(order)-1])
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
