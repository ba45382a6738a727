package stability_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/gmcr/gmcr/model"
	"github.com/gmcr/gmcr/model/statement"
	"github.com/gmcr/gmcr/preference"
	"github.com/gmcr/gmcr/stability"
	"github.com/gmcr/gmcr/statespace"
)

// hypergame is the Prisoner's Dilemma of prisonersDilemma in which P2 does
// not perceive mutual defection: its misperception "d1 and d2" hides
// state 4 from it (definitions sheet §1, misperception).
//
// States (number: d1 d2): 1 NN, 2 YN, 3 NY, 4 YY. Scores (§2), P1 "not
// d2" (2) and "d1" (1): 2 3 0 1; P2 "not d1" (2) and "d2" (1): 2 0 3 1.
//
// Moves. P1 (d1) is unaffected: 1 <-> 2, 3 <-> 4. P2 (d2) keeps 1 <-> 3
// but has no move into 4 (2 -> 4) and none out of it (4 -> 2).
//
//   - Nash. In the ordinary game P2 at state 2 defects (2 -> 4, score
//     0 -> 1), so 2 is unstable for P2. In the hypergame P2 has no move at
//     2: state 2 is Nash stable for P2, and for P1 (withdrawing d1 loses,
//     3 -> 2). Nash: [2 4] instead of [4].
//   - GMR. P1 at 1: its UI 1 -> 2 could be sanctioned only by P2's 2 -> 4,
//     which is gone: 1 becomes unstable for P1 (it was stable). P1 at 3:
//     its UI 3 -> 4 meets no P2 move: unstable. P2 at 1: its UI 1 -> 3 is
//     sanctioned by P1's 3 -> 4 (P2 scores 1 <= 2): stable. GMR: [2 4].
//   - SMR: as GMR (P2, sanctioned at 4, has no move out of it): [2 4].
//   - SEQ: as GMR (P1's 3 -> 4 is P1's improvement, 0 -> 1): [2 4].
//   - SIM asks only that the combined state be feasible (§4), and 4 is:
//     P1's 1 -> 2 is met by P2's simultaneous 1 -> 3, giving 4 (P1 scores
//     1 <= 2), and P2's 1 -> 3 likewise. SIM: [1 2 4], as in the ordinary
//     game plus state 2.
func hypergame() *model.Model {
	m := prisonersDilemma()
	m.Title = "Prisoner's Dilemma, P2 blind to mutual defection"
	both := &statement.Expr{Op: statement.And, Args: []*statement.Expr{lit("d1"), lit("d2")}}
	m.DMs[1].Misperceived = []model.Statement{{Text: "d1 and d2", Expr: both}}
	return m
}

// analyse runs the stability analysis of m; it panics on an error.
func analyse(m *model.Model) (*statespace.StateSpace, *stability.Analysis) {
	ctx := context.Background()
	ss, err := statespace.Build(ctx, m, statespace.Options{})
	if err != nil {
		panic(err)
	}
	prefs, err := preference.Compute(ss)
	if err != nil {
		panic(err)
	}
	a, err := stability.Analyze(ctx, ss, prefs, stability.Config{})
	if err != nil {
		panic(err)
	}
	return ss, a
}

// TestHypergame checks the values worked out by hand above: P2's moves,
// and the stability of every state for every DM under every concept, with
// and without the misperception.
func TestHypergame(t *testing.T) {
	ss, a := analyse(hypergame())
	for s, want := range [][]int{{2}, nil, {0}, nil} { // P2's moves, 0-based
		if got := ss.AppendMoves(nil, 1, s); fmt.Sprint(got) != fmt.Sprint(want) && len(got)+len(want) > 0 {
			t.Errorf("P2's moves from state %d: %v, want %v", s+1, got, want)
		}
	}
	if ss.PerceivesAll(1) || !ss.PerceivesAll(0) || ss.Perceives(1, 3) || !ss.Perceives(1, 1) {
		t.Error("Perceives is wrong")
	}
	// Stability of states 1..4 for P1, then P2 ("T" stable).
	want := map[string][2]string{
		"Nash": {"FTFT", "FTTT"},
		"GMR":  {"FTFT", "TTTT"},
		"SMR":  {"FTFT", "TTTT"},
		"SEQ":  {"FTFT", "TTTT"},
		"SIM":  {"TTFT", "TTTT"},
	}
	// The ordinary Prisoner's Dilemma, for contrast.
	_, plain := analyse(prisonersDilemma())
	wantPlain := map[string][2]string{
		"Nash": {"FTFT", "FFTT"},
		"GMR":  {"TTFT", "TFTT"},
		"SMR":  {"TTFT", "TFTT"},
		"SEQ":  {"TTFT", "TFTT"},
		"SIM":  {"TTFT", "TFTT"},
	}
	row := func(a *stability.Analysis, c stability.Concept, dm int) string {
		var b []byte
		for s := range 4 {
			if a.Stable(c, dm, s) {
				b = append(b, 'T')
			} else {
				b = append(b, 'F')
			}
		}
		return string(b)
	}
	for _, c := range a.Concepts {
		for dm := range 2 {
			if got := row(a, c, dm); got != want[c.String()][dm] {
				t.Errorf("hypergame, %v, DM %d: %s, want %s", c, dm+1, got, want[c.String()][dm])
			}
			if got := row(plain, c, dm); got != wantPlain[c.String()][dm] {
				t.Errorf("ordinary game, %v, DM %d: %s, want %s", c, dm+1, got, wantPlain[c.String()][dm])
			}
		}
	}
}

// In a hypergame a DM has no moves from or into the states it does not
// perceive. Here P2 does not perceive mutual defection (state 4), so at
// state 2 (P1 defects alone) it cannot answer by defecting too: state 2
// becomes an equilibrium, and P2 can no longer sanction P1's defection
// from mutual cooperation (state 1) by GMR, SMR or SEQ.
func ExampleAnalyze_hypergame() {
	_, a := analyse(hypergame())
	for _, c := range a.Concepts {
		var nums []int
		for _, s := range a.Equilibria(c) {
			nums = append(nums, statespace.Number(s))
		}
		fmt.Println(c, nums)
	}
	// Output:
	// Nash [2 4]
	// GMR [2 4]
	// SMR [2 4]
	// SEQ [2 4]
	// SIM [1 2 4]
}
