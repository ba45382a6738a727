package inverse_test

import (
	"context"
	"fmt"

	"github.com/gmcr/gmcr/analysis"
	"github.com/gmcr/gmcr/examples"
	"github.com/gmcr/gmcr/inverse"
	"github.com/gmcr/gmcr/model"
	"github.com/gmcr/gmcr/stability"
)

// Which reorderings and omissions of the prisoners' preference
// statements make mutual cooperation (state 1) a Nash equilibrium?
func ExampleSolveStatements() {
	ex, _ := examples.Get("prisoners-dilemma")
	m, _ := model.Parse(ex.Data, ex.File)
	r, _ := analysis.Prepare(context.Background(), m, analysis.Options{})
	sp := inverse.StatementProblem{
		Problem: inverse.Problem{Concept: stability.Nash, Targets: []int{0}},
		Edits:   inverse.Edits{Reorder: true, Drop: true},
	}
	res, err := inverse.SolveStatements(context.Background(), r.Space, r.Prefs, sp)
	if err != nil {
		panic(err)
	}
	fmt.Println("exists:", res.Exists, "count:", res.Count, "edits:", res.Cost(), "proven fewest:", res.Optimal)
	for i, list := range res.Lists {
		fmt.Printf("%s holds:", r.Space.DMs[i].ID)
		for _, it := range list {
			fmt.Printf(" %q", m.DMs[i].Prefs.Statements[it.Index].Text)
		}
		fmt.Println()
	}
	// Output:
	// exists: true count: 4 edits: 2 proven fewest: true
	// P1 holds: "not d2"
	// P2 holds: "not d1"
}
