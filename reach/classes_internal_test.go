package reach

import (
	"cmp"
	"context"
	"math/rand/v2"
	"slices"
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

// TestSortClasses checks the radix sort of sortClasses against a
// comparison sort by (cps, descending level, state), on random keys with
// few and with widely spread levels (the fallback).
func TestSortClasses(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for trial := 0; trial < 200; trial++ {
		n := rng.IntN(3000)
		cps := make([]uint64, n)
		lv := make([]int32, n)
		width := 1 + rng.IntN(40)
		spread := []int32{3, 50, 1 << 30}[trial%3]
		for s := range cps {
			cps[s] = rng.Uint64() >> (64 - width)
			lv[s] = rng.Int32N(spread) - spread/2
		}
		want := make([]int32, n)
		for s := range want {
			want[s] = int32(s)
		}
		slices.SortStableFunc(want, func(a, b int32) int {
			if cps[a] != cps[b] {
				return cmp.Compare(cps[a], cps[b])
			}
			return cmp.Compare(lv[b], lv[a])
		})
		if got := sortClasses(cps, lv); !slices.Equal(got, want) {
			t.Fatalf("trial %d: sortClasses differs from the comparison sort", trial)
		}
	}
}
