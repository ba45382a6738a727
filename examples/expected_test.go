package examples_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/gmcr/gmcr/analysis"
	"github.com/gmcr/gmcr/examples"
	"github.com/gmcr/gmcr/model"
	"github.com/gmcr/gmcr/stability"
)

// TestExpectedEquilibria checks the engine against EXPECTED.md: hand
// derivations (Prisoner's Dilemma, Chicken), the published Elmira results
// and the flagship's independently computed results. State numbers are
// gmcr's ordered numbers (1-based). If a model file changes, EXPECTED.md
// and this table change with it.
func TestExpectedEquilibria(t *testing.T) {
	elmiraNash := []int{5, 6, 7, 10, 11, 12}
	elmiraGMR := []int{1, 4, 5, 6, 7, 10, 11, 12}
	want := map[string]struct {
		states int
		eq     map[stability.Concept][]int
	}{
		"prisoners-dilemma": {4, map[stability.Concept][]int{
			stability.Nash: {4}, stability.GMR: {1, 4}, stability.SMR: {1, 4},
			stability.SEQ: {1, 4}, stability.SIM: {1, 4},
		}},
		"chicken": {4, map[stability.Concept][]int{
			stability.Nash: {2, 3}, stability.GMR: {1, 2, 3}, stability.SMR: {1, 2, 3},
			stability.SEQ: {2, 3}, stability.SIM: {1, 2, 3},
		}},
		"elmira": {12, map[stability.Concept][]int{
			stability.Nash: elmiraNash, stability.GMR: elmiraGMR, stability.SMR: elmiraGMR,
			stability.SEQ: elmiraNash, stability.SIM: elmiraNash,
		}},
		// The ordinary analysis ignores unknown comparisons: as the
		// Prisoner's Dilemma. gmcr uncertain's results are tested in
		// package uncertain (TestPrisonersDilemmaUnknown).
		"prisoners-dilemma-unknown": {4, map[stability.Concept][]int{
			stability.Nash: {4}, stability.GMR: {1, 4}, stability.SMR: {1, 4},
			stability.SEQ: {1, 4}, stability.SIM: {1, 4},
		}},
		// The ordinary analysis ignores strength: as the Prisoner's
		// Dilemma. gmcr strength's results are tested in package strength
		// (TestPrisonersDilemmaStrength).
		"prisoners-dilemma-strength": {4, map[stability.Concept][]int{
			stability.Nash: {4}, stability.GMR: {1, 4}, stability.SMR: {1, 4},
			stability.SEQ: {1, 4}, stability.SIM: {1, 4},
		}},
		// Graph form, derived by hand in EXPECTED.md. Without options SIM
		// is not defined, so it is not computed (nil equilibria).
		"announcement": {3, map[stability.Concept][]int{
			stability.Nash: nil, stability.GMR: {1}, stability.SMR: {1}, stability.SEQ: {1}, stability.SIM: nil,
		}},
		"sanctions-transitions": {4, map[stability.Concept][]int{
			stability.Nash: {1}, stability.GMR: {1, 3, 4}, stability.SMR: {1, 3, 4},
			stability.SEQ: {1, 4}, stability.SIM: {1},
		}},
		"ukraine-security": {288, map[stability.Concept][]int{
			stability.Nash: {176},
			stability.SEQ:  {59, 75, 79, 163, 171, 176},
			stability.SIM:  {6, 8, 14, 16, 22, 24, 30, 32, 164, 172, 176, 260, 268},
			stability.SMR: {11, 12, 27, 28, 31, 50, 52, 57, 58, 59, 60, 75, 76, 79, 102, 104, 110,
				112, 118, 120, 126, 128, 150, 152, 158, 160, 166, 168, 174, 176, 246, 248, 254,
				256, 262, 264, 270, 272},
		}},
	}
	for name, w := range want {
		ex, err := examples.Get(name)
		if err != nil {
			t.Fatal(err)
		}
		m, err := model.Parse(ex.Data, ex.File)
		if err != nil {
			t.Fatal(err)
		}
		r, err := analysis.Run(context.Background(), m, analysis.Options{})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if m.StatusQuo != nil {
			// Both models with a status quo start at state 1.
			if sq, err := analysis.StatusQuo(r.Space); err != nil || sq != 0 {
				t.Errorf("%s: status quo index %d (%v), want 0 (state 1)", name, sq, err)
			}
		}
		if r.Space.Len() != w.states {
			t.Errorf("%s: %d feasible states, want %d", name, r.Space.Len(), w.states)
		}
		for c, states := range w.eq {
			got := r.Stability.Equilibria(c)
			for i := range got {
				got[i]++
			}
			if fmt.Sprint(got) != fmt.Sprint(states) {
				t.Errorf("%s %v: equilibria %v, want %v", name, c, got, states)
			}
		}
	}
}
