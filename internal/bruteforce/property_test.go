package bruteforce

import (
	"fmt"
	"reflect"
	"slices"
	"testing"

	"github.com/gmcr/gmcr/generate"
	"github.com/gmcr/gmcr/model"
)

// generated returns the i-th conflict of the property checks: 2 to 4 DMs,
// up to 7 options, some irreversible options and direct rankings.
func generated(t *testing.T, i int) *model.Model {
	t.Helper()
	dms := 2 + i%3
	p := generate.DefaultParams(dms, dms+(i/3)%4, int64(i))
	p.Irreversible = 0.25
	p.Ranking = 0.3
	p.Infeasible = 0.3
	p.Compound = 0.4
	m, err := generate.Conflict(p)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// subset reports whether every DM stable under a is stable under b, state
// by state, for every DM.
func subset(a, b [][]bool) bool {
	for i := range a {
		for s := range a[i] {
			if a[i][s] && !b[i][s] {
				return false
			}
		}
	}
	return true
}

// TestInclusions checks Nash ⊆ SMR ⊆ GMR, Nash ⊆ SEQ ⊆ GMR and Nash ⊆ SIM
// (§4), state by state and DM by DM, on 200 generated conflicts, and that
// the equilibria are the states stable for every DM.
func TestInclusions(t *testing.T) {
	pairs := [][2]string{{"Nash", "SMR"}, {"SMR", "GMR"}, {"Nash", "SEQ"}, {"SEQ", "GMR"}, {"Nash", "SIM"}}
	differ := map[string]int{}
	for i := 0; i < 200; i++ {
		m := generated(t, i)
		r := Analyze(m)
		for _, pr := range pairs {
			if !subset(r.Stable[pr[0]], r.Stable[pr[1]]) {
				t.Errorf("conflict %d (%s): %s not within %s", i, m.Title, pr[0], pr[1])
			}
		}
		for _, c := range Concepts {
			var eq []int
			for s := range r.Codes {
				all := true
				for dm := range m.DMs {
					all = all && r.Stable[c][dm][s]
				}
				if all {
					eq = append(eq, s+1)
				}
			}
			if !slices.Equal(eq, r.Equilibria[c]) {
				t.Errorf("conflict %d: %s equilibria %v, stable tables say %v", i, c, r.Equilibria[c], eq)
			}
			if !reflect.DeepEqual(r.Stable[c], r.Stable["Nash"]) {
				differ[c]++
			}
		}
	}
	// The generated conflicts must exercise the concepts: each of them
	// should differ from Nash somewhere.
	for _, c := range Concepts[1:] {
		if differ[c] == 0 {
			t.Errorf("%s never differs from Nash in 200 conflicts", c)
		}
	}
	t.Logf("conflicts where the concept differs from Nash: %v", differ)
}

// checkPath checks that path is a legal sequence (§3) from s to end by
// members of H, each step a move (an improvement for its mover when
// improving).
func checkPath(m *model.Model, codes []uint64, scores [][]int64, H []int, s, end int, improving bool, path []Step) error {
	if len(path) == 0 {
		return fmt.Errorf("empty path")
	}
	at, last := s, -1
	for _, st := range path {
		if st.From != at {
			return fmt.Errorf("step %v does not start at %d", st, at)
		}
		if st.Mover == last {
			return fmt.Errorf("DM %d moves twice in a row", st.Mover)
		}
		if !slices.Contains(H, st.Mover) {
			return fmt.Errorf("DM %d not in %v", st.Mover, H)
		}
		if !slices.Contains(Moves(m, codes, st.Mover, st.From), st.To) {
			return fmt.Errorf("step %v is not a move", st)
		}
		if improving && scores[st.Mover][st.To] <= scores[st.Mover][st.From] {
			return fmt.Errorf("step %v is not an improvement", st)
		}
		at, last = st.To, st.Mover
	}
	if at != end {
		return fmt.Errorf("path ends at %d, not %d", at, end)
	}
	return nil
}

// TestReachConsistency checks, on generated conflicts, that every path
// ReachPaths gives is legal, that R_H+ ⊆ R_H, that R_{j} = R_j, that
// status quo distances are path lengths, that coalition improvements are
// reachable and better for every member, and that every SIM sanction
// re-checks.
func TestReachConsistency(t *testing.T) {
	for i := 0; i < 40; i++ {
		m := generated(t, i)
		codes := Feasible(m)
		scores := Scores(m, codes)
		all := allDMs(m)
		for s := range codes {
			if s%3 != 0 {
				continue // a sample of states keeps this fast
			}
			groups := [][]int{all, othersThan(m, 0), {0}}
			for _, H := range groups {
				var reached [2][]int
				for k, improving := range []bool{false, true} {
					paths := ReachPaths(m, codes, scores, H, s, improving)
					for end, path := range paths {
						if err := checkPath(m, codes, scores, H, s, end, improving, path); err != nil {
							t.Errorf("conflict %d, H %v, from %d to %d (improving %v): %v", i, H, s, end, improving, err)
						}
					}
					reached[k] = Reach(m, codes, scores, H, s, improving)
				}
				for _, x := range reached[1] {
					if !slices.Contains(reached[0], x) {
						t.Errorf("conflict %d: %d in R_H+ but not R_H", i, x)
					}
				}
				if len(H) == 1 && !slices.Equal(reached[0], Moves(m, codes, H[0], s)) {
					t.Errorf("conflict %d: R_{%d}(%d) = %v, moves %v", i, H[0], s, reached[0], Moves(m, codes, H[0], s))
				}
			}
			paths := ReachPaths(m, codes, scores, all, s, true)
			for x, d := range StatusQuoReachable(m, codes, scores, s) {
				if x == s && d == 0 {
					continue
				}
				if len(paths[x]) != d || x == s {
					t.Errorf("conflict %d: status quo %d reaches %d in %d steps, path %v", i, s, x, d, paths[x])
				}
			}
			H := []int{0, 1}
			for _, x := range CoalitionImprovements(m, codes, scores, H, s) {
				if !slices.Contains(Reach(m, codes, scores, H, s, false), x) || scores[0][x] <= scores[0][s] || scores[1][x] <= scores[1][s] {
					t.Errorf("conflict %d: bad coalition improvement %d from %d", i, x, s)
				}
			}
			for dm := range m.DMs {
				for _, s1 := range Improvements(m, codes, scores, dm, s) {
					for _, c := range SIMSanctions(m, codes, scores, dm, s, s1) {
						targets := []int{s1}
						for _, j := range othersThan(m, dm) {
							x, ok := c[j]
							if !ok || (x != s && !slices.Contains(Improvements(m, codes, scores, j, s), x)) {
								t.Errorf("conflict %d: bad SIM choice %v", i, c)
							}
							targets = append(targets, x)
						}
						if tt, ok := Combine(codes, s, targets); !ok || scores[dm][tt] > scores[dm][s] {
							t.Errorf("conflict %d: SIM sanction %v does not sanction", i, c)
						}
					}
				}
			}
		}
	}
}

// reorder returns m with its DMs in reverse order (so the numbering of §1
// changes), the rankings rewritten to the new ordered numbers, and the
// map from old state index to new state index.
func reorder(m *model.Model) (*model.Model, map[int]int) {
	old := Feasible(m)
	r := *m
	r.DMs = slices.Clone(m.DMs)
	slices.Reverse(r.DMs)
	// The option sets are the same; only the bits move.
	recode := func(code uint64) uint64 {
		taken := takenMap(m, code)
		var c uint64
		for k, id := range optionOrder(&r) {
			if taken[id] {
				c |= 1 << k
			}
		}
		return c
	}
	codes := Feasible(&r)
	idx := map[int]int{}
	for s, code := range old {
		idx[s] = slices.Index(codes, recode(code))
	}
	for i := range r.DMs {
		if len(r.DMs[i].Prefs.Ranking) == 0 {
			continue
		}
		var ranking [][]int
		for _, g := range r.DMs[i].Prefs.Ranking {
			var ng []int
			for _, n := range g {
				ng = append(ng, idx[n-1]+1)
			}
			ranking = append(ranking, ng)
		}
		r.DMs[i].Prefs.Ranking = ranking
	}
	return &r, idx
}

// TestRenumbering checks that reordering DMs, which renumbers every state,
// changes no stability result (§4: renaming never changes a result).
func TestRenumbering(t *testing.T) {
	for i := 0; i < 30; i++ {
		m := generated(t, i)
		a := Analyze(m)
		rm, idx := reorder(m)
		b := Analyze(rm)
		n := len(m.DMs)
		for _, c := range Concepts {
			for dm := 0; dm < n; dm++ {
				for s := range a.Codes {
					if a.Stable[c][dm][s] != b.Stable[c][n-1-dm][idx[s]] {
						t.Errorf("conflict %d: %s for DM %d at state %d changes when DMs are reordered", i, c, dm, s+1)
					}
				}
			}
		}
	}
}

// movesByComparison is R_i(s) read literally off §1: compare s with every
// other feasible state, option by option; s and t must both be perceived.
func movesByComparison(m *model.Model, codes []uint64, dm, s int) []int {
	ids := optionOrder(m)
	var moves []int
	for t := range codes {
		if t == s || !Perceives(m, dm, codes[s]) || !Perceives(m, dm, codes[t]) {
			continue
		}
		legal := true
		for k, id := range ids {
			before := codes[s]&(1<<k) != 0
			after := codes[t]&(1<<k) != 0
			switch rev := m.Option(id).Reversibility; {
			case before == after:
				// unchanged
			case !owns(m.DMs[dm], id):
				legal = false // another DM's option
			case rev == model.Forward && before:
				legal = false // Y->N of a forward option
			case rev == model.Backward && !before:
				legal = false // N->Y of a backward option
			}
		}
		if legal {
			moves = append(moves, t)
		}
	}
	return moves
}

// TestMovesByComparison checks Moves against movesByComparison for every
// DM and state of 100 generated conflicts.
func TestMovesByComparison(t *testing.T) {
	for i := 0; i < 100; i++ {
		m := generated(t, i)
		codes := Feasible(m)
		for dm := range m.DMs {
			for s := range codes {
				if got, want := Moves(m, codes, dm, s), movesByComparison(m, codes, dm, s); !slices.Equal(got, want) {
					t.Errorf("conflict %d, DM %d, state %d: Moves %v, by comparison %v", i, dm, s, got, want)
				}
			}
		}
	}
}
