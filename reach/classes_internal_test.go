package reach

import (
	"context"
	"testing"

	"github.com/gmcr/gmcr/generate"
	"github.com/gmcr/gmcr/preference"
	"github.com/gmcr/gmcr/statespace"
)

// TestKindsExercised makes sure the random conflicts of the reach tests
// use every kind of class structure, so that their agreement with the
// brute-force checker covers chains and lattices, including graphs that
// mix a lattice mover after a direct one.
func TestKindsExercised(t *testing.T) {
	seen := map[classKind]int{}
	mixed := 0
	for seed := int64(0); seed < 150; seed++ {
		dms := 2 + int(seed%3)
		p := generate.DefaultParams(dms, dms+int(seed%4), seed)
		p.Irreversible = []float64{0, 0.3}[seed%2]
		m, err := generate.Conflict(p)
		if err != nil {
			t.Fatal(err)
		}
		ss, err := statespace.Build(context.Background(), m, statespace.Options{})
		if err != nil {
			t.Fatal(err)
		}
		prefs, _ := preference.Compute(ss)
		c := NewClasses(ss, prefs)
		sawDirect := false
		for _, dc := range c.dms {
			seen[dc.kind]++
			if dc.kind == direct {
				sawDirect = true
			}
			if dc.kind == lattice && sawDirect {
				mixed++
			}
		}
	}
	t.Logf("kinds %v, lattice after direct %d", seen, mixed)
	if seen[chain] < 50 || seen[lattice] < 20 {
		t.Fatalf("too few structures exercised: %v", seen)
	}
}
