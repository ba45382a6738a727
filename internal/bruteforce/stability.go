package bruteforce

import (
	"fmt"
	"slices"

	"github.com/gmcr/gmcr/model"
)

// Concepts lists the stability concepts Stable knows (§4), in the order
// Nash, GMR, SMR, SEQ, SIM.
var Concepts = []string{"Nash", "GMR", "SMR", "SEQ", "SIM"}

// Stable reports whether state s is stable for DM dm under concept, one of
// Concepts, exactly as the table of §4 says (write t <=_i s for
// scores[i][t] <= scores[i][s]):
//
//   - Nash: R_i+(s) is empty.
//   - GMR: every s1 in R_i+(s) has some s2 in R_{N-i}(s1) with s2 <=_i s.
//   - SMR: every s1 in R_i+(s) has some s2 in R_{N-i}(s1) with s2 <=_i s
//     and s3 <=_i s for every s3 in R_i(s2).
//   - SEQ: every s1 in R_i+(s) has some s2 in R_{N-i}+(s1) with s2 <=_i s.
//   - SIM: every s1 in R_i+(s) has, for every j != i, a choice x_j in
//     {s} ∪ R_j+(s) such that the state got by making i's change s->s1 and
//     every j's change s->x_j at once is feasible and <=_i s.
//
// It panics on an unknown concept.
func Stable(m *model.Model, codes []uint64, scores [][]int64, concept string, dm, s int) bool {
	i := dm
	atMost := func(t int) bool { return scores[i][t] <= scores[i][s] }
	others := othersThan(m, i)
	switch concept {
	case "Nash":
		return len(Improvements(m, codes, scores, i, s)) == 0
	case "GMR", "SMR", "SEQ":
		// sanction reports whether s2 sanctions i's move: s2 <=_i s and,
		// for SMR, i cannot escape from s2 to a state it prefers to s.
		sanction := func(s2 int) bool {
			if !atMost(s2) {
				return false
			}
			if concept == "SMR" {
				for _, s3 := range Moves(m, codes, i, s2) {
					if !atMost(s3) {
						return false
					}
				}
			}
			return true
		}
		for _, s1 := range Improvements(m, codes, scores, i, s) {
			// Is some s2 in R_{N-i}(s1) (R_{N-i}+(s1) for SEQ) a sanction?
			if !reaches(m, codes, scores, others, s1, concept == "SEQ", sanction) {
				return false
			}
		}
		return true
	case "SIM":
		for _, s1 := range Improvements(m, codes, scores, i, s) {
			if len(SIMSanctions(m, codes, scores, i, s, s1)) == 0 {
				return false
			}
		}
		return true
	}
	panic(fmt.Sprintf("bruteforce: unknown stability concept %q", concept))
}

// SIMSanctions returns every SIM sanction (§4) of DM dm's unilateral
// improvement s -> s1: each is a map from every other DM j to its choice
// x_j in {s} ∪ R_j+(s) such that making dm's change and every x_j's change
// at once (Combine) gives a feasible state t with t <=_dm s. The
// combinations are tried in lexicographic order of the choices (each DM's
// choices being s first, then R_j+(s) ascending, DMs in model order).
func SIMSanctions(m *model.Model, codes []uint64, scores [][]int64, dm, s, s1 int) []map[int]int {
	others := othersThan(m, dm)
	var found []map[int]int
	choice := map[int]int{}
	var try func(pos int)
	try = func(pos int) {
		if pos == len(others) {
			changes := []int{s1}
			for _, j := range others {
				changes = append(changes, choice[j])
			}
			t, feasible := Combine(codes, s, changes)
			if feasible && scores[dm][t] <= scores[dm][s] {
				c := map[int]int{}
				for j, x := range choice {
					c[j] = x
				}
				found = append(found, c)
			}
			return
		}
		j := others[pos]
		options := append([]int{s}, Improvements(m, codes, scores, j, s)...)
		for _, x := range options {
			choice[j] = x
			try(pos + 1)
		}
		delete(choice, j)
	}
	try(0)
	return found
}

// Combine returns the state got from s by making every change s -> x for x
// in targets at once: each option changed from s to x is changed, the
// others keep their value at s. The targets must be states that differ from
// s in disjoint sets of options (as moves of distinct DMs do). It returns
// ok == false if that state is infeasible.
func Combine(codes []uint64, s int, targets []int) (t int, ok bool) {
	code := codes[s]
	for _, x := range targets {
		changed := codes[s] ^ codes[x]
		if (code^codes[s])&changed != 0 {
			panic("bruteforce: Combine of overlapping changes")
		}
		code ^= changed
	}
	for t := range codes {
		if codes[t] == code {
			return t, true
		}
	}
	return -1, false
}

// Result is the full stability analysis of a model.
type Result struct {
	// Codes are the feasible decimal codes, ascending (§1); state index i
	// has ordered number i+1.
	Codes []uint64
	// Scores[dm][state] are the preference scores (§2), as Scores.
	Scores [][]int64
	// Stable[concept][dm][state] reports whether the state is stable for
	// the DM under the concept (§4), for every concept of Concepts.
	Stable map[string][][]bool
	// Equilibria[concept] lists the 1-based ordered numbers of the states
	// stable for every DM under the concept (§4), ascending.
	Equilibria map[string][]int
}

// Analyze computes the feasible states (Feasible, §1), the scores (Scores,
// §2), the stability of every state for every DM under every concept of
// Concepts (Stable, §4) and the equilibria (§4: states stable for every
// DM).
func Analyze(m *model.Model) *Result {
	codes := Feasible(m)
	scores := Scores(m, codes)
	r := &Result{
		Codes:      codes,
		Scores:     scores,
		Stable:     map[string][][]bool{},
		Equilibria: map[string][]int{},
	}
	for _, concept := range Concepts {
		if concept == "SIM" && !simDefined(m) {
			continue // SIM is not defined: no entry in Stable or Equilibria
		}
		table := make([][]bool, len(m.DMs))
		for i := range m.DMs {
			table[i] = make([]bool, len(codes))
			for s := range codes {
				table[i][s] = Stable(m, codes, scores, concept, i, s)
			}
		}
		r.Stable[concept] = table
		eq := []int{}
		for s := range codes {
			all := true
			for i := range m.DMs {
				if !table[i][s] {
					all = false
				}
			}
			if all {
				eq = append(eq, s+1)
			}
		}
		r.Equilibria[concept] = eq
	}
	return r
}

// SIMResponses returns what a search for a SIM sanction of DM dm's
// unilateral improvement s -> s1 examines: the number of combinations of
// the other DMs' choices x_j in {s} ∪ R_j+(s), and the distinct feasible
// states they combine into with dm's change (Combine), ascending.
func SIMResponses(m *model.Model, codes []uint64, scores [][]int64, dm, s, s1 int) (combinations int, states []int) {
	others := othersThan(m, dm)
	seen := map[int]bool{}
	var changes []int
	var try func(pos int)
	try = func(pos int) {
		if pos == len(others) {
			combinations++
			if t, ok := Combine(codes, s, append([]int{s1}, changes...)); ok {
				seen[t] = true
			}
			return
		}
		for _, x := range append([]int{s}, Improvements(m, codes, scores, others[pos], s)...) {
			changes = append(changes, x)
			try(pos + 1)
			changes = changes[:len(changes)-1]
		}
	}
	try(0)
	for t := range seen {
		states = append(states, t)
	}
	slices.Sort(states)
	return combinations, states
}
