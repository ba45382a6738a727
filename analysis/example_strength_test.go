package analysis_test

import (
	"context"
	"fmt"

	"github.com/gmcr/gmcr/analysis"
	"github.com/gmcr/gmcr/examples"
	"github.com/gmcr/gmcr/stability"
	"github.com/gmcr/gmcr/strength"
	"github.com/gmcr/gmcr/uncertain"
)

// Strong and weak stability of the Prisoner's Dilemma with strength of
// preference, then the status quo analysis under strength from mutual
// cooperation: what a front end asks of the analysis package.
func ExampleStrength() {
	ex, _ := examples.Get("prisoners-dilemma-strength")
	m, _, err := analysis.Parse(ex.Data, ex.File)
	if err != nil {
		panic(err)
	}
	ctx := context.Background()
	r, err := analysis.Run(ctx, m, analysis.Options{})
	if err != nil {
		panic(err)
	}
	sa, err := analysis.Strength(ctx, r, analysis.Options{})
	if err != nil {
		panic(err)
	}
	strong, weak := sa.Equilibria(uncertain.Concept{Base: stability.GMR, Ext: uncertain.A})
	fmt.Println("GMR strong equilibria:", strong, "weak:", weak, "(0-based)")
	runs, err := analysis.StrengthEvolution(r, 0)
	if err != nil {
		panic(err)
	}
	for _, ev := range runs[:2] {
		if d := ev.Dist(3); d < 0 {
			fmt.Printf("from state 1 by %s moves: state 4 not reached\n", ev.Kind)
		} else {
			fmt.Printf("from state 1 by %s: state 4 in %d steps\n", ev.Kind, d)
		}
	}
	fmt.Println(runs[0].Kind == strength.StrongMoves)
	// Output:
	// GMR strong equilibria: [3] weak: [0] (0-based)
	// from state 1 by strong moves: state 4 not reached
	// from state 1 by improvements: state 4 in 2 steps
	// true
}
