package strength_test

import (
	"context"
	"fmt"

	"github.com/gmcr/gmcr/examples"
	"github.com/gmcr/gmcr/model"
	"github.com/gmcr/gmcr/preference"
	"github.com/gmcr/gmcr/stability"
	"github.com/gmcr/gmcr/statespace"
	"github.com/gmcr/gmcr/strength"
	"github.com/gmcr/gmcr/uncertain"
)

// The Prisoner's Dilemma with strength of preference: mutual defection is
// a strong GMR equilibrium, mutual cooperation only a weak one (P2's
// sanction leaves P1 only mildly worse off).
func Example() {
	ctx := context.Background()
	ex, _ := examples.Get("prisoners-dilemma-strength")
	m, _ := model.Parse(ex.Data, ex.File)
	ss, _ := statespace.Build(ctx, m, statespace.Options{})
	p, _ := preference.Compute(ss)
	base, _ := stability.Analyze(ctx, ss, p, stability.Config{Concepts: []stability.Concept{stability.Nash, stability.GMR, stability.SMR, stability.SEQ}})
	rel, _ := strength.NewRelation(ss, p)
	a, err := strength.Analyze(ctx, rel, base)
	if err != nil {
		fmt.Println(err)
		return
	}
	strong, weak := a.Equilibria(uncertain.Concept{Base: stability.GMR, Ext: uncertain.A})
	fmt.Println("strong GMR equilibria (0-based):", strong)
	fmt.Println("weak GMR equilibria (0-based):", weak)
	// Output:
	// strong GMR equilibria (0-based): [3]
	// weak GMR equilibria (0-based): [0]
}
