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

// TestLayoutClasses checks Layout.Classes against ordering each DM from
// scratch (newDMClasses, as NewClasses does) on random conflicts (irreversible options,
// infeasible states, misperceptions, direct rankings), with the model's
// levels, random levels of few and of widely spread values, and when
// reusing the classes of other levels for the DMs whose levels stay.
func TestLayoutClasses(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	same := func(a, b dmClasses) bool {
		return a.kind == b.kind && a.mask == b.mask && a.fwd == b.fwd && a.back == b.back &&
			slices.Equal(a.order, b.order) && slices.Equal(a.pos, b.pos) && slices.Equal(a.group, b.group) &&
			slices.Equal(a.first, b.first) && slices.Equal(a.end, b.end) && slices.Equal(a.irr, b.irr) &&
			slices.Equal(a.class, b.class) && slices.Equal(a.last, b.last)
	}
	reused := 0
	for seed := int64(0); seed < 120; seed++ {
		dms := 2 + int(seed%3)
		p := generate.DefaultParams(dms, dms+int(seed%7), seed)
		p.Irreversible = []float64{0, 0.3, 0.6}[seed%3]
		p.Infeasible = []float64{0, 0.2}[seed%2]
		p.Misperceived = []float64{0, 0, 0.5}[seed%3]
		p.Ranking = []float64{0, 0.5}[seed/2%2]
		m, err := generate.Conflict(p)
		if err != nil {
			t.Fatal(err)
		}
		ss, err := statespace.Build(context.Background(), m, statespace.Options{})
		if err != nil {
			t.Fatal(err)
		}
		prefs, err := preference.Compute(ss)
		if err != nil {
			t.Fatal(err)
		}
		l := NewLayout(ss)
		base, err := l.Classes(context.Background(), prefs, nil)
		if err != nil {
			t.Fatal(err)
		}
		check := func(what string, c *Classes, lv [][]int32) {
			t.Helper()
			for k := range ss.DMs {
				if want := newDMClasses(ss, lv[k], k); !same(c.dms[k], want) {
					t.Fatalf("seed %d, %s, DM %d: Layout.Classes differs from ordering from scratch", seed, what, k)
				}
			}
		}
		check("model levels", base, prefs.Level)
		for trial := 0; trial < 3; trial++ {
			q := &preference.Profile{Level: slices.Clone(prefs.Level)}
			spread := []int32{4, 1 << 30, 0}[trial]
			for k := range q.Level {
				if spread == 0 || rng.IntN(2) == 0 {
					continue // keep this DM's levels: its order is reused
				}
				lv := make([]int32, ss.Len())
				for s := range lv {
					lv[s] = rng.Int32N(spread) - spread/2
				}
				q.Level[k] = lv
			}
			c, err := l.Classes(context.Background(), q, base)
			if err != nil {
				t.Fatal(err)
			}
			check("random levels", c, q.Level)
			for k := range q.Level {
				if len(c.dms[k].order) > 0 && &c.dms[k].order[0] == &base.dms[k].order[0] {
					reused++
				}
			}
		}
	}
	if reused == 0 {
		t.Fatal("no DM's order was reused")
	}
}
