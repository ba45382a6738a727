package bruteforce

import (
	"fmt"

	"github.com/gmcr/gmcr/model"
)

// Preference uncertainty (Li, Hipel, Kilgour & Fang 2004): for each DM
// every two states are related by strict preference, indifference or
// "unknown".

// Relations returns rel[i][t][s], DM i's relation of state t to state s:
// '>' (t preferred to s), '<', '~' (indifferent, and t == s) or 'U'
// (unknown).
//
// A DM with option prioritization may mark statements unsure: it may hold
// each of them or not. For every choice of the unsure statements it holds
// (2^u choices), its scores are those of Scores for the statements kept,
// in their order; t and s are related by '>', '<' or '~' if every choice
// gives that relation, and by 'U' otherwise. Then every two distinct states
// of one of the DM's unknown groups are related by 'U'.
func Relations(m *model.Model, codes []uint64) [][][]byte {
	rel := make([][][]byte, len(m.DMs))
	for i, dm := range m.DMs {
		// The variants of the DM's statements: every subset of the unsure
		// ones kept, the sure ones always.
		var variants [][]model.Statement
		var unsure []int
		for j, st := range dm.Prefs.Statements {
			if st.Unsure {
				unsure = append(unsure, j)
			}
		}
		if len(dm.Prefs.Statements) > 0 {
			for mask := 0; mask < 1<<len(unsure); mask++ {
				var kept []model.Statement
				for j, st := range dm.Prefs.Statements {
					drop := false
					for b, u := range unsure {
						if u == j && mask&(1<<b) == 0 {
							drop = true
						}
					}
					if !drop {
						kept = append(kept, st)
					}
				}
				variants = append(variants, kept)
			}
		}
		var scores [][]int64 // per variant, per state
		if len(variants) == 0 {
			scores = [][]int64{Scores(m, codes)[i]}
		}
		for _, kept := range variants {
			v := *m
			v.DMs = append([]model.DM(nil), m.DMs...)
			v.DMs[i].Prefs = model.Preferences{Statements: kept}
			if len(kept) == 0 {
				// No statement held: every state scores the same.
				scores = append(scores, make([]int64, len(codes)))
				continue
			}
			scores = append(scores, Scores(&v, codes)[i])
		}
		rel[i] = make([][]byte, len(codes))
		for t := range codes {
			rel[i][t] = make([]byte, len(codes))
			for s := range codes {
				var r byte
				for _, sc := range scores {
					var x byte
					switch {
					case sc[t] > sc[s]:
						x = '>'
					case sc[t] < sc[s]:
						x = '<'
					default:
						x = '~'
					}
					if r == 0 {
						r = x
					} else if r != x {
						r = 'U'
					}
				}
				rel[i][t][s] = r
			}
		}
		for _, g := range dm.Prefs.Unknown {
			for _, a := range g.States {
				for _, b := range g.States {
					if a != b {
						rel[i][a-1][b-1] = 'U'
					}
				}
			}
		}
	}
	return rel
}

// UncertainConcepts are the base concepts of the sixteen definitions, and
// UncertainExtensions their extensions.
var (
	UncertainConcepts   = []string{"Nash", "GMR", "SMR", "SEQ"}
	UncertainExtensions = []string{"a", "b", "c", "d"}
)

// StableUncertain reports whether state s is stable for DM i under the
// definition concept(ext), straight from Li, Hipel, Kilgour & Fang (2004):
//
//   - R_i^+(s) = {t in R_i(s) : t >_i s}; R_i^{+,U}(s) adds the t in
//     R_i(s) with t U_i s. Extensions (a) and (c) consider R_i^{+,U}(s),
//     (b) and (d) R_i^+(s).
//   - Phi_i^{<=}(s) = {t : s >_i t or s ~_i t}; Phi_i^{<=,U}(s) adds the t
//     with t U_i s. Extensions (a) and (b) use Phi^{<=}, (c) and (d)
//     Phi^{<=,U}.
//   - Nash: no move considered.
//   - GMR: every move s1 considered has some s2 in R_{N-i}(s1) in Phi(s).
//   - SMR: as GMR, and every s3 in R_i(s2) is in Phi(s).
//   - SEQ: as GMR with s2 in R_{N-i}^{+,U}(s1): legal sequences of the
//     opponents whose every step is, for its mover, an improvement or a
//     move of unknown preference from the state it leaves.
func StableUncertain(m *model.Model, codes []uint64, rel [][][]byte, concept, ext string, i, s int) bool {
	var moves []int
	for _, t := range Moves(m, codes, i, s) {
		r := rel[i][t][s]
		if r == '>' || (r == 'U' && (ext == "a" || ext == "c")) {
			moves = append(moves, t)
		}
	}
	phi := func(t int) bool {
		r := rel[i][t][s]
		return r == '<' || r == '~' || (r == 'U' && (ext == "c" || ext == "d"))
	}
	switch ext {
	case "a", "b", "c", "d":
	default:
		panic(fmt.Sprintf("bruteforce: unknown extension %q", ext))
	}
	switch concept {
	case "Nash":
		return len(moves) == 0
	case "GMR", "SMR", "SEQ":
	default:
		panic(fmt.Sprintf("bruteforce: unknown concept %q", concept))
	}
	others := othersThan(m, i)
	for _, s1 := range moves {
		sanctioned := false
		for _, s2 := range reachWith(m, codes, rel, others, s1, concept == "SEQ") {
			if !phi(s2) {
				continue
			}
			if concept == "SMR" {
				escape := false
				for _, s3 := range Moves(m, codes, i, s2) {
					if !phi(s3) {
						escape = true
					}
				}
				if escape {
					continue
				}
			}
			sanctioned = true
		}
		if !sanctioned {
			return false
		}
	}
	return true
}

// reachWith returns the states reached from s by legal sequences of H's
// moves (§3), every step, when credible is true, an improvement or a move
// of unknown preference for its mover (rel '>' or 'U' from the state it
// leaves). A plain breadth-first search over (state, last mover) pairs.
func reachWith(m *model.Model, codes []uint64, rel [][][]byte, H []int, s int, credible bool) []int {
	type pair struct{ state, last int }
	moves := map[[2]int][]int{} // (DM, state) -> Moves, computed once
	seen := map[pair]bool{{s, -1}: true}
	reached := map[int]bool{}
	queue := []pair{{s, -1}}
	for len(queue) > 0 {
		p := queue[0]
		queue = queue[1:]
		for _, j := range H {
			if j == p.last {
				continue
			}
			key := [2]int{j, p.state}
			if _, ok := moves[key]; !ok {
				moves[key] = Moves(m, codes, j, p.state)
			}
			for _, t := range moves[key] {
				if credible && rel[j][t][p.state] != '>' && rel[j][t][p.state] != 'U' {
					continue
				}
				q := pair{t, j}
				if !seen[q] {
					seen[q] = true
					reached[t] = true
					queue = append(queue, q)
				}
			}
		}
	}
	return sortedKeys(reached)
}

// AnalyzeUncertain returns stable[concept(ext)][i][s] for the sixteen
// definitions, keyed "GMR(a)".
func AnalyzeUncertain(m *model.Model) map[string][][]bool {
	codes := Feasible(m)
	rel := Relations(m, codes)
	out := map[string][][]bool{}
	for _, c := range UncertainConcepts {
		for _, e := range UncertainExtensions {
			table := make([][]bool, len(m.DMs))
			for i := range m.DMs {
				table[i] = make([]bool, len(codes))
				for s := range codes {
					table[i][s] = StableUncertain(m, codes, rel, c, e, i, s)
				}
			}
			out[c+"("+e+")"] = table
		}
	}
	return out
}

// StableUncertainReach returns R_{N-i}(s1), or R_{N-i}^{+,U}(s1) when
// credible (the sanctioning reach of SEQ under preference uncertainty).
func StableUncertainReach(m *model.Model, codes []uint64, rel [][][]byte, i, s1 int, credible bool) []int {
	return reachWith(m, codes, rel, othersThan(m, i), s1, credible)
}

// StatusQuoUncertain returns, for status quo analysis under unknown
// preferences (docs/definitions.md §9.2), every state reached from s by a
// legal sequence of steps by any DMs, each step an improvement its mover
// knows (rel '>' from the state it leaves) or, when credible, also a move
// of unknown preference for it (rel 'U'), mapped to the fewest steps; s
// itself maps to 0. A plain breadth-first search over (state, last mover)
// pairs.
func StatusQuoUncertain(m *model.Model, codes []uint64, rel [][][]byte, s int, credible bool) map[int]int {
	type pair struct{ state, last int }
	dist := map[int]int{s: 0}
	seen := map[pair]bool{{s, -1}: true}
	queue := []pair{{s, -1}}
	steps := map[pair]int{{s, -1}: 0}
	for len(queue) > 0 {
		p := queue[0]
		queue = queue[1:]
		for j := range m.DMs {
			if j == p.last {
				continue
			}
			for _, t := range Moves(m, codes, j, p.state) {
				r := rel[j][t][p.state]
				if r != '>' && !(credible && r == 'U') {
					continue
				}
				q := pair{t, j}
				if seen[q] {
					continue
				}
				seen[q] = true
				steps[q] = steps[p] + 1
				if _, ok := dist[t]; !ok {
					dist[t] = steps[q]
				}
				queue = append(queue, q)
			}
		}
	}
	return dist
}
