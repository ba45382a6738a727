package bruteforce

import (
	"fmt"

	"github.com/gmcr/gmcr/model"
)

// Strength of preference (Hamouda, Kilgour & Hipel 2004, 2006) and hybrid
// preferences (strength with unknown comparisons; Xu, Hipel, Kilgour &
// Chen 2010).

// Strong returns strong[i][t][s]: DM i's preference between t and s, if
// strict and known, is strong. Straight from the model file: with
// statements, the first statement true at exactly one of t and s is marked
// strong; with a ranking, a cut lies between the groups of t and s. The
// direction is Relations'.
func Strong(m *model.Model, codes []uint64) [][][]bool {
	rel := Relations(m, codes)
	out := make([][][]bool, len(m.DMs))
	for i, dm := range m.DMs {
		group := map[int]int{} // state index -> ranking group
		for g, grp := range dm.Prefs.Ranking {
			for _, n := range grp {
				group[n-1] = g
			}
		}
		holds := make([][]bool, len(codes)) // [state][statement]
		for s, code := range codes {
			taken := takenMap(m, code)
			for _, st := range dm.Prefs.Statements {
				holds[s] = append(holds[s], evalAt(st, taken))
			}
		}
		strong := func(t, s int) bool {
			if len(dm.Prefs.Statements) > 0 {
				for j, st := range dm.Prefs.Statements {
					if holds[t][j] != holds[s][j] {
						return st.Strong
					}
				}
				return false
			}
			lo, hi := min(group[t], group[s]), max(group[t], group[s])
			for _, c := range dm.Prefs.Cuts {
				if lo < c.After && c.After <= hi {
					return true
				}
			}
			return false
		}
		out[i] = make([][]bool, len(codes))
		for t := range codes {
			out[i][t] = make([]bool, len(codes))
			for s := range codes {
				r := rel[i][t][s]
				out[i][t][s] = (r == '>' || r == '<') && strong(t, s)
			}
		}
	}
	return out
}

// StableStrong reports whether state s is strongly stable for DM i under
// concept(ext) (GMR, SMR or SEQ; Nash is stable iff no move is
// considered, and then strongly so). It is StableUncertain with the
// deterring states Phi(s) replaced by the states i finds strongly less
// preferred than s, s >>_i t (Hamouda, Kilgour & Hipel 2006, strong GMR,
// SMR, SEQ), together with, in extensions (c) and (d), the states of
// unknown comparison with s (Xu, Hipel, Kilgour & Chen 2010, hybrid
// preferences). For SMR every s3 in R_i(s2) must be strongly less
// preferred (or unknown in (c), (d)) too.
func StableStrong(m *model.Model, codes []uint64, rel [][][]byte, strong [][][]bool, concept, ext string, i, s int) bool {
	var moves []int
	for _, t := range Moves(m, codes, i, s) {
		r := rel[i][t][s]
		if r == '>' || (r == 'U' && (ext == "a" || ext == "c")) {
			moves = append(moves, t)
		}
	}
	switch ext {
	case "a", "b", "c", "d":
	default:
		panic(fmt.Sprintf("bruteforce: unknown extension %q", ext))
	}
	phi := func(t int) bool {
		r := rel[i][t][s]
		return (r == '<' && strong[i][t][s]) || (r == 'U' && (ext == "c" || ext == "d"))
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

// AnalyzeStrong returns strong[concept(ext)][i][s] for Nash, GMR, SMR and
// SEQ in the four extensions, keyed "GMR(a)".
func AnalyzeStrong(m *model.Model) map[string][][]bool {
	codes := Feasible(m)
	rel := Relations(m, codes)
	strong := Strong(m, codes)
	out := map[string][][]bool{}
	for _, c := range UncertainConcepts {
		for _, e := range UncertainExtensions {
			table := make([][]bool, len(m.DMs))
			for i := range m.DMs {
				table[i] = make([]bool, len(codes))
				for s := range codes {
					table[i][s] = StableStrong(m, codes, rel, strong, c, e, i, s)
				}
			}
			out[c+"("+e+")"] = table
		}
	}
	return out
}

// StatusQuoReach returns the states reached from s by legal sequences of
// all DMs' moves of a kind, with the fewest steps: "strong" (each step a
// strong improvement for its mover), "improvements" (mild or strong) or
// "credible" (improvements or moves of unknown preference). A plain
// breadth-first search over (state, last mover) pairs; s itself is
// included with 0 steps.
func StatusQuoReach(m *model.Model, codes []uint64, rel [][][]byte, strong [][][]bool, s int, kind string) map[int]int {
	allow := func(j, x, t int) bool {
		r := rel[j][t][x]
		switch kind {
		case "strong":
			return r == '>' && strong[j][t][x]
		case "improvements":
			return r == '>'
		case "credible":
			return r == '>' || r == 'U'
		}
		panic(fmt.Sprintf("bruteforce: unknown move kind %q", kind))
	}
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
				if !allow(j, p.state, t) {
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
