package robustness

import (
	"context"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/gmcr/gmcr/analysis"
	"github.com/gmcr/gmcr/generate"
	"github.com/gmcr/gmcr/internal/bruteforce"
	"github.com/gmcr/gmcr/model"
	"github.com/gmcr/gmcr/model/statement"
	"github.com/gmcr/gmcr/stability"
)

// edited returns a copy of m with perturbation p made on the model itself,
// the way an analyst would edit the file.
func edited(m *model.Model, p Perturbation) *model.Model {
	c := *m
	c.DMs = slices.Clone(m.DMs)
	d := &c.DMs[p.DM]
	sts := slices.Clone(d.Prefs.Statements)
	switch p.Kind {
	case Drop:
		sts = slices.Delete(sts, p.Index, p.Index+1)
	case Swap:
		sts[p.Index], sts[p.Index+1] = sts[p.Index+1], sts[p.Index]
	case Negate:
		sts[p.Index].Expr = &statement.Expr{Op: statement.Not, Args: []*statement.Expr{sts[p.Index].Expr}}
	case SwapGroups, Lift, Lower:
		var g [][]int
		for _, grp := range d.Prefs.Ranking {
			g = append(g, slices.Clone(grp))
		}
		if p.Kind == SwapGroups {
			g[p.Index], g[p.Index+1] = g[p.Index+1], g[p.Index]
		} else {
			rest := slices.DeleteFunc(slices.Clone(g[p.Index]), func(n int) bool { return n == p.State+1 })
			parts := [][]int{{p.State + 1}, rest}
			if p.Kind == Lower {
				parts = [][]int{rest, {p.State + 1}}
			}
			g = slices.Concat(g[:p.Index], parts, g[p.Index+1:])
		}
		d.Prefs.Ranking = g
	}
	d.Prefs.Statements = sts
	return &c
}

func conflict(t *testing.T, seed int64) (*model.Model, *Space) {
	gp := generate.DefaultParams(2+int(seed%2), 3+int(seed%2), seed)
	gp.Ranking = 0.3
	gp.Irreversible = 0.3
	gp.Statements = 3
	m, err := generate.Conflict(gp)
	if err != nil {
		t.Fatal(err)
	}
	r, err := analysis.Prepare(context.Background(), m, analysis.Options{})
	if err != nil {
		t.Fatal(err)
	}
	sp, err := NewSpace(r.Space, r.Prefs)
	if err != nil {
		t.Fatal(err)
	}
	return m, sp
}

// TestOneStepAgainstBruteForce edits each model file for every one-step
// perturbation, analyses it with the brute-force checker, and compares the
// equilibria of every concept with the fast path, on 500 random conflicts.
func TestOneStepAgainstBruteForce(t *testing.T) {
	cases := 500
	if testing.Short() {
		cases = 60
	}
	total := 0
	for seed := int64(1); seed <= int64(cases); seed++ {
		m, sp := conflict(t, seed)
		r, err := sp.RunOneStep(context.Background(), stability.Concepts, 0)
		if err != nil {
			t.Fatal(err)
		}
		for k, p := range r.Perturbations {
			want := bruteforce.Analyze(edited(m, p)).Equilibria
			for _, c := range stability.Concepts {
				var got []int
				for _, s := range r.Equilibria[k][c] {
					got = append(got, s+1)
				}
				if !slices.Equal(got, want[c.String()]) && !(len(got) == 0 && len(want[c.String()]) == 0) {
					t.Fatalf("seed %d, %s: %s equilibria %v, brute force %v", seed, p.Describe(sp.SS), c, got, want[c.String()])
				}
			}
			total++
		}
		// The counts are the equilibria tallied.
		for _, c := range stability.Concepts {
			for s := range r.Eq[c] {
				n := 0
				for k := range r.Perturbations {
					if slices.Contains(r.Equilibria[k][c], s) {
						n++
					}
				}
				if n != r.Eq[c][s] {
					t.Fatalf("seed %d: count %d, tally %d", seed, r.Eq[c][s], n)
				}
			}
		}
	}
	t.Logf("%d perturbed models checked", total)
}

// TestUnperturbed: with nothing marked uncertain every sampled profile is
// the model's own, so every share is 0 or 1, 1 exactly for the equilibria.
func TestUnperturbed(t *testing.T) {
	for seed := int64(1); seed <= 40; seed++ {
		_, sp := conflict(t, seed)
		r, err := sp.Sample(context.Background(), stability.Concepts, nil, 7, seed, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range stability.Concepts {
			for s, k := range r.Eq[c] {
				want := 0
				if slices.Contains(r.Base[c], s) {
					want = 7
				}
				if k != want {
					t.Fatalf("seed %d %s state %d: %d of 7, want %d", seed, c, s+1, k, want)
				}
			}
		}
	}
}

// TestSampleReproducible: the same seed gives the same counts with one
// worker or several; another seed may differ.
func TestSampleReproducible(t *testing.T) {
	_, sp := conflict(t, 3)
	var us []Uncertainty
	for i := range sp.SS.DMs {
		if k := len(sp.truth[i]); k > 0 {
			all := make([]int, k)
			for j := range all {
				all[j] = j
			}
			us = append(us, Uncertainty{DM: i, Reorder: [][]int{all}, Doubtful: []int{0}})
		}
	}
	if len(us) == 0 {
		t.Fatal("no statement DM")
	}
	a, err := sp.Sample(context.Background(), stability.Concepts, us, 200, 42, 1)
	if err != nil {
		t.Fatal(err)
	}
	b, err := sp.Sample(context.Background(), stability.Concepts, us, 200, 42, 4)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range stability.Concepts {
		if !slices.Equal(a.Eq[c], b.Eq[c]) {
			t.Fatalf("%s: %v with 1 worker, %v with 4", c, a.Eq[c], b.Eq[c])
		}
	}
	varied := false
	for _, c := range stability.Concepts {
		for _, k := range a.Eq[c] {
			if k != 0 && k != 200 {
				varied = true
			}
		}
	}
	if !varied {
		t.Fatal("sampling changed no equilibrium")
	}
	if _, err := sp.Sample(context.Background(), nil, []Uncertainty{{DM: us[0].DM, Doubtful: []int{99}}}, 1, 1, 1); err == nil {
		t.Fatal("statement 100 accepted")
	}
}

func TestWilson(t *testing.T) {
	for _, c := range []struct {
		k, n      int
		p, lo, hi float64
	}{
		{0, 10, 0, 0, 0.2775},
		{5, 10, 0.5, 0.2366, 0.7634},
		{10, 10, 1, 0.7225, 1},
		{81, 263, 0.308, 0.2553, 0.3662},
	} {
		p, lo, hi := Wilson(c.k, c.n)
		if math.Abs(p-c.p) > 5e-4 || math.Abs(lo-c.lo) > 5e-4 || math.Abs(hi-c.hi) > 5e-4 {
			t.Errorf("Wilson(%d, %d) = %.4f [%.4f, %.4f], want %.4f [%.4f, %.4f]", c.k, c.n, p, lo, hi, c.p, c.lo, c.hi)
		}
	}
}

// TestDenseLevels: a state's level is the number of distinct smaller
// scores, also when the scratch buffers are reused from a longer score.
func TestDenseLevels(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	lv, sorted := make([]int32, 64), make([]int64, 64)
	for trial := 0; trial < 200; trial++ {
		score := make([]int64, 1+rng.IntN(64))
		for s := range score {
			score[s] = rng.Int64N(10) - 3
		}
		levels := denseLevelsInto(lv, sorted, score)
		distinct := map[int64]bool{}
		for _, v := range score {
			distinct[v] = true
		}
		if levels != len(distinct) {
			t.Fatalf("%v: %d levels, want %d", score, levels, len(distinct))
		}
		for s, v := range score {
			want := 0
			for u := range distinct {
				if u < v {
					want++
				}
			}
			if int(lv[s]) != want {
				t.Fatalf("%v: state %d at level %d, want %d", score, s, lv[s], want)
			}
		}
	}
}
