package limitedmove_test

import (
	"context"
	"fmt"

	"github.com/gmcr/gmcr/examples"
	"github.com/gmcr/gmcr/limitedmove"
	"github.com/gmcr/gmcr/model"
	"github.com/gmcr/gmcr/preference"
	"github.com/gmcr/gmcr/statespace"
)

// L2 and NM stability of the Prisoner's Dilemma: looking two moves ahead,
// mutual cooperation (state 1) is stable, because a defection would be
// answered by the other's.
func Example() {
	ex, _ := examples.Get("prisoners-dilemma")
	m, _ := model.Parse(ex.Data, ex.File)
	ss, _ := statespace.Build(context.Background(), m, statespace.Options{})
	p, _ := preference.Compute(ss)
	a, err := limitedmove.Analyze(context.Background(), ss, p, 2, true)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("L2 equilibria (0-based):", a.Equilibria(2))
	fmt.Println("NM equilibria (0-based):", a.Equilibria(0))
	fmt.Println("P2's anticipated moves from state 2:", a.Sequence(2, 1, 1))
	// Output:
	// L2 equilibria (0-based): [0 3]
	// NM equilibria (0-based): [0 3]
	// P2's anticipated moves from state 2: [{1 1 3}]
}
