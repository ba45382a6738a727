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

// What would the prisoners have to want for mutual cooperation (state 1)
// to be a Nash equilibrium?
func ExampleSolve() {
	ex, _ := examples.Get("prisoners-dilemma")
	m, _ := model.Parse(ex.Data, ex.File)
	r, _ := analysis.Prepare(context.Background(), m, analysis.Options{})
	res, err := inverse.Solve(context.Background(), r.Space, r.Prefs, inverse.Problem{Concept: stability.Nash, Targets: []int{0}})
	if err != nil {
		panic(err)
	}
	fmt.Println("exists:", res.Exists, "count:", res.Count)
	for _, c := range res.Changes {
		fmt.Printf("%s: state %d vs %d, was %d, now %d\n", r.Space.DMs[c.DM].ID, c.A+1, c.B+1, c.Was, c.Now)
	}
	// Output:
	// exists: true count: 1936
	// P1: state 1 vs 2, was -1, now 0
	// P2: state 1 vs 3, was -1, now 0
}
