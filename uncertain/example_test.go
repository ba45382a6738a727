package uncertain_test

import (
	"context"
	"fmt"

	"github.com/gmcr/gmcr/examples"
	"github.com/gmcr/gmcr/model"
	"github.com/gmcr/gmcr/preference"
	"github.com/gmcr/gmcr/stability"
	"github.com/gmcr/gmcr/statespace"
	"github.com/gmcr/gmcr/uncertain"
)

// The Prisoner's Dilemma with P1 unable to compare mutual cooperation with
// mutual defection: mutual cooperation is a GMR equilibrium only when a
// sanction ending in a state of unknown preference deters (extension c).
func Example() {
	ctx := context.Background()
	ex, _ := examples.Get("prisoners-dilemma-unknown")
	m, _ := model.Parse(ex.Data, ex.File)
	ss, _ := statespace.Build(ctx, m, statespace.Options{})
	p, _ := preference.Compute(ss)
	base, _ := stability.Analyze(ctx, ss, p, stability.Config{Concepts: []stability.Concept{stability.Nash, stability.GMR, stability.SMR, stability.SEQ}})
	rel, _ := uncertain.NewRelation(ss, p)
	a, err := uncertain.Analyze(ctx, rel, base)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, c := range []string{"GMR(a)", "GMR(c)"} {
		uc, _ := uncertain.ParseConcept(c)
		fmt.Println(c, "equilibria (0-based):", a.Equilibria(uc))
	}
	// Output:
	// GMR(a) equilibria (0-based): [3]
	// GMR(c) equilibria (0-based): [0 3]
}
