// Package bruteforce is a deliberately simple checker of the definitions
// sheet (docs: /work/shared/gmcr-definitions.md), used only by tests to
// check the real analysis engine. Every function follows the sheet's words
// directly: states are enumerated one by one, moves are found by comparing
// every pair of states, reachability is an explicit breadth-first search
// over (state, last mover) pairs, and nothing is cached between calls.
// Clarity wins over speed; models beyond a few hundred feasible states are
// out of reach.
//
// Conventions: a state is named by its index in the ascending list of
// feasible decimal codes returned by Feasible (its ordered number, §1, is
// index+1); a DM is named by its index in Model.DMs; scores are those of
// Scores. Only Result.Equilibria uses 1-based ordered numbers.
package bruteforce

import (
	"fmt"
	"sort"

	"github.com/gmcr/gmcr/model"
)

// MaxOptions is the largest number of options Feasible accepts: it tries
// every one of the 2^m codes.
const MaxOptions = 24

// optionOrder returns the option ids in numbering order (§1): DMs in model
// order, each DM's options in model order. Option k of the result adds 2^k
// to a state's decimal code.
func optionOrder(m *model.Model) []string {
	var ids []string
	for _, dm := range m.DMs {
		ids = append(ids, dm.Options...)
	}
	return ids
}

// takenMap returns, for the decimal code code, option id -> taken.
func takenMap(m *model.Model, code uint64) map[string]bool {
	taken := map[string]bool{}
	for k, id := range optionOrder(m) {
		taken[id] = code&(1<<k) != 0
	}
	return taken
}

// evalAt evaluates a statement at the state with decimal code code.
func evalAt(m *model.Model, st model.Statement, code uint64) bool {
	taken := takenMap(m, code)
	return st.Expr.Eval(func(id string) bool {
		v, ok := taken[id]
		if !ok {
			panic(fmt.Sprintf("bruteforce: statement %q names unknown option %q", st.Text, id))
		}
		return v
	})
}

// Feasible returns the feasible decimal codes of m in ascending order (§1):
// every code 0 .. 2^m-1 for which no infeasibility condition holds. The
// state with index i has ordered number i+1. It panics if m has more than
// MaxOptions options.
func Feasible(m *model.Model) []uint64 {
	n := len(optionOrder(m))
	if n > MaxOptions {
		panic(fmt.Sprintf("bruteforce: %d options is too many (at most %d)", n, MaxOptions))
	}
	var codes []uint64
	for code := uint64(0); code < 1<<n; code++ {
		feasible := true
		for _, cond := range m.Infeasible {
			if evalAt(m, cond, code) {
				feasible = false
			}
		}
		if feasible {
			codes = append(codes, code)
		}
	}
	return codes
}

// Scores returns scores[dm][state] (§2): t is preferred to s by DM i iff
// scores[i][t] > scores[i][s]; equal scores are ties.
//
// For option prioritization with statements phi_1..phi_k (most important
// first), the score is the sum of 2^(k-j) over the statements phi_j true at
// the state (j 1-based). For a direct ranking with r groups (a single state
// being a group of one), every state of the g-th group (g = 0 for the most
// preferred) scores r-g. It panics on a ranking that does not name every
// state of codes exactly once, or on more than 62 statements.
func Scores(m *model.Model, codes []uint64) [][]int64 {
	scores := make([][]int64, len(m.DMs))
	for i, dm := range m.DMs {
		scores[i] = make([]int64, len(codes))
		if len(dm.Prefs.Ranking) > 0 {
			seen := make([]bool, len(codes))
			r := len(dm.Prefs.Ranking)
			for g, group := range dm.Prefs.Ranking {
				for _, number := range group {
					s := number - 1
					if s < 0 || s >= len(codes) || seen[s] {
						panic(fmt.Sprintf("bruteforce: DM %s ranks state %d badly", dm.ID, number))
					}
					seen[s] = true
					scores[i][s] = int64(r - g)
				}
			}
			for s := range seen {
				if !seen[s] {
					panic(fmt.Sprintf("bruteforce: DM %s does not rank state %d", dm.ID, s+1))
				}
			}
			continue
		}
		k := len(dm.Prefs.Statements)
		if k > 62 {
			panic("bruteforce: more than 62 statements")
		}
		for s, code := range codes {
			var p int64
			for j := 1; j <= k; j++ {
				if evalAt(m, dm.Prefs.Statements[j-1], code) {
					p += int64(1) << (k - j)
				}
			}
			scores[i][s] = p
		}
	}
	return scores
}

// Moves returns R_i(s) for DM dm (§1), as state indices in ascending order:
// every feasible t != s that differs from s only in options of dm, any
// number of them at once, each changed option changing in a permitted
// direction (forward: only N->Y; backward: only Y->N).
func Moves(m *model.Model, codes []uint64, dm, s int) []int {
	// For each option in numbering order: may this DM change it, and in
	// which directions?
	ids := optionOrder(m)
	mine := make([]bool, len(ids))
	rev := make([]model.Reversibility, len(ids))
	for k, id := range ids {
		mine[k] = owns(m.DMs[dm], id)
		rev[k] = m.Option(id).Reversibility
	}
	var moves []int
	for t := range codes {
		if t == s {
			continue
		}
		legal := true
		for k := range ids {
			before := codes[s]&(1<<k) != 0
			after := codes[t]&(1<<k) != 0
			switch {
			case before == after:
				// unchanged
			case !mine[k]:
				legal = false // another DM's option
			case rev[k] == model.Forward && before:
				legal = false // Y->N of a forward option
			case rev[k] == model.Backward && !before:
				legal = false // N->Y of a backward option
			}
		}
		if legal {
			moves = append(moves, t)
		}
	}
	return moves
}

// owns reports whether dm controls the option id.
func owns(dm model.DM, id string) bool {
	for _, o := range dm.Options {
		if o == id {
			return true
		}
	}
	return false
}

// Improvements returns R_i+(s) (§3) for DM dm: the states t of Moves with
// scores[dm][t] > scores[dm][s], ascending.
func Improvements(m *model.Model, codes []uint64, scores [][]int64, dm, s int) []int {
	var better []int
	for _, t := range Moves(m, codes, dm, s) {
		if scores[dm][t] > scores[dm][s] {
			better = append(better, t)
		}
	}
	return better
}

// sortedKeys returns the keys of a map from state index, ascending.
func sortedKeys[V any](set map[int]V) []int {
	keys := []int{}
	for k := range set {
		keys = append(keys, k)
	}
	sort.Ints(keys)
	return keys
}
