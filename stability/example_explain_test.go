package stability_test

import (
	"context"
	"fmt"

	"github.com/gmcr/gmcr/preference"
	"github.com/gmcr/gmcr/stability"
	"github.com/gmcr/gmcr/statespace"
)

// Explain shows why mutual cooperation (state 1) in the Prisoner's Dilemma
// is GMR-stable for player 1: its unilateral improvement, defecting (to
// state 2), is answered by player 2's defection (to state 4), which player
// 1 likes less than state 1.
func ExampleExplain() {
	ctx := context.Background()
	ss, _ := statespace.Build(ctx, prisonersDilemma(), statespace.Options{})
	prefs, _ := preference.Compute(ss)
	ex, err := stability.Explain(ss, prefs, stability.GMR, 0, 0)
	if err != nil {
		panic(err)
	}
	fmt.Println("stable:", ex.Stable)
	for _, w := range ex.UIs {
		fmt.Println("UI to state", statespace.Number(w.UI), "sanctioned:", w.Sanctioned)
		for _, st := range w.Sequence {
			fmt.Printf("  %s moves %d -> %d\n", ss.DMs[st.Mover].ID, statespace.Number(st.From), statespace.Number(st.To))
		}
	}
	// Output:
	// stable: true
	// UI to state 2 sanctioned: true
	//   P2 moves 2 -> 4
}
