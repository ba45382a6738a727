package robustness_test

import (
	"context"
	"fmt"

	"github.com/gmcr/gmcr/analysis"
	"github.com/gmcr/gmcr/examples"
	"github.com/gmcr/gmcr/model"
	"github.com/gmcr/gmcr/robustness"
	"github.com/gmcr/gmcr/stability"
)

// How robust is the Prisoner's Dilemma's Nash equilibrium (state 4,
// mutual defection) to one edit of one prisoner's statements?
func ExampleSpace_RunOneStep() {
	ex, _ := examples.Get("prisoners-dilemma")
	m, _ := model.Parse(ex.Data, ex.File)
	r, _ := analysis.Prepare(context.Background(), m, analysis.Options{})
	sp, _ := robustness.NewSpace(r.Space, r.Prefs)
	res, err := sp.RunOneStep(context.Background(), []stability.Concept{stability.Nash}, 1)
	if err != nil {
		panic(err)
	}
	p, lo, hi := res.Share(stability.Nash, 3)
	fmt.Printf("state 4: Nash in %d of %d profiles (%.2f, 95%% interval %.2f-%.2f)\n", res.Eq[stability.Nash][3], res.Profiles, p, lo, hi)
	for _, d := range res.Destroyers(stability.Nash, 3) {
		fmt.Println("destroyed by", d.Describe(r.Space))
	}
	// Output:
	// state 4: Nash in 8 of 10 profiles (0.80, 95% interval 0.49-0.94)
	// destroyed by P1: negate statement 2 ("d1")
	// destroyed by P2: negate statement 2 ("d2")
}
