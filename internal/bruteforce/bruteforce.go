// Package bruteforce is a deliberately simple checker of the project's
// definitions sheet (gmcr-definitions.md), used only by tests to check the
// real analysis engine. Every function follows the sheet's words directly:
// every decimal code is tried for feasibility, every statement is
// evaluated at every state, a DM's moves are found by trying every set of
// its options to change, reachability is an explicit breadth-first search
// over (state, last mover) pairs, and nothing is cached between calls.
// There are no strongly connected components and no bit sets. Clarity wins
// over speed: a model of 512 feasible states and 5 DMs takes about a
// second to Analyze.
//
// Conventions: a state is named by its index in the ascending list of
// feasible decimal codes returned by Feasible (its ordered number, §1, is
// index+1); a DM is named by its index in Model.DMs; scores are those of
// Scores. Only Result.Equilibria uses 1-based ordered numbers.
package bruteforce

import (
	"fmt"
	"slices"
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

// evalAt evaluates a statement at a state, given by takenMap.
func evalAt(st model.Statement, taken map[string]bool) bool {
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
	if m.GraphForm() {
		return graphCodes(m)
	}
	n := len(optionOrder(m))
	if n > MaxOptions {
		panic(fmt.Sprintf("bruteforce: %d options is too many (at most %d)", n, MaxOptions))
	}
	var codes []uint64
	for code := uint64(0); code < 1<<n; code++ {
		taken := takenMap(m, code)
		feasible := true
		for _, cond := range m.Infeasible {
			if evalAt(cond, taken) {
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
			taken := takenMap(m, code)
			var p int64
			for j := 1; j <= k; j++ {
				if evalAt(dm.Prefs.Statements[j-1], taken) {
					p += int64(1) << (k - j)
				}
			}
			scores[i][s] = p
		}
	}
	return scores
}

// Perceives reports whether DM dm perceives the state with decimal code
// code (§1, misperception): whether no condition of the DM's Misperceived
// list holds there. A DM without misperceptions perceives every state.
func Perceives(m *model.Model, dm int, code uint64) bool {
	conds := m.DMs[dm].Misperceived
	if len(conds) == 0 {
		return true
	}
	taken := takenMap(m, code)
	for _, cond := range conds {
		if evalAt(cond, taken) {
			return false
		}
	}
	return true
}

// Moves returns R_i(s) for DM dm (§1), as state indices in ascending order:
// every feasible t != s that differs from s only in options of dm, any
// number of them at once, each changed option changing in a permitted
// direction (forward: only N->Y; backward: only Y->N). A DM has no moves
// from or into a state it does not perceive (§1, misperception; see
// Perceives): from such an s there are none, and such a t is left out.
//
// It tries every nonempty set of dm's options to change (skipping a change
// its reversibility forbids) and keeps the resulting states that are
// feasible and perceived. The tests check it against a pairwise comparison
// of all states.
func Moves(m *model.Model, codes []uint64, dm, s int) []int {
	if !Perceives(m, dm, codes[s]) {
		return nil // no moves from a state dm does not perceive
	}
	if m.GraphForm() {
		return graphMoves(m, codes, dm, s)
	}
	// The numbering positions (§1) of dm's options, and the options.
	var mine []int
	var opts []*model.Option
	k := 0
	for d := range m.DMs {
		for _, id := range m.DMs[d].Options {
			if d == dm {
				mine = append(mine, k)
				opts = append(opts, m.Option(id))
			}
			k++
		}
	}
	var moves []int
	// try decides, for the options mine[i:], whether each keeps its value
	// at s or changes; changed tells whether an earlier one changed.
	var try func(i int, code uint64, changed bool)
	try = func(i int, code uint64, changed bool) {
		if i == len(mine) {
			if !changed {
				return // t != s
			}
			if t, feasible := slices.BinarySearch(codes, code); feasible && Perceives(m, dm, code) {
				moves = append(moves, t)
			}
			return
		}
		k := mine[i]
		try(i+1, code, changed) // option k keeps its value
		taken := code&(1<<k) != 0
		switch rev := opts[i].Reversibility; {
		case taken && rev == model.Forward: // Y->N forbidden
		case !taken && rev == model.Backward: // N->Y forbidden
		default:
			try(i+1, code^(1<<k), true) // option k changes
		}
	}
	try(0, codes[s], false)
	sort.Ints(moves)
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
