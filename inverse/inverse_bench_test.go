package inverse

import (
	"context"
	"fmt"
	"testing"

	"github.com/gmcr/gmcr/analysis"
	"github.com/gmcr/gmcr/bench"
	"github.com/gmcr/gmcr/generate"
	"github.com/gmcr/gmcr/stability"
)

// BenchmarkSolve times the inverse question "which preferences make
// state 1 an equilibrium" for generated 4-DM conflicts without
// infeasible states (2^options states), with the closest solution and no
// counting.
func BenchmarkSolve(b *testing.B) {
	for _, opts := range []int{6, 8, 10} {
		for _, c := range []stability.Concept{stability.GMR, stability.SEQ} {
			p := generate.DefaultParams(4, opts, 1)
			p.Infeasible = 0
			m, err := generate.Conflict(p)
			if err != nil {
				b.Fatal(err)
			}
			r, err := analysis.Prepare(context.Background(), m, analysis.Options{})
			if err != nil {
				b.Fatal(err)
			}
			b.Run(fmt.Sprintf("states=%d/%s", r.Space.Len(), c), func(b *testing.B) {
				for b.Loop() {
					res, err := Solve(context.Background(), r.Space, r.Prefs, Problem{Concept: c, Targets: []int{0}, CountLimit: -1})
					if err != nil {
						b.Fatal(err)
					}
					if !res.Exists {
						b.Fatal("no solution")
					}
				}
			})
		}
	}
}

// BenchmarkSolveUkraine times the README's question: which rankings make
// state 128 of the built-in example (YYYYNYNYN, a settlement without
// Russia at the table) an SEQ equilibrium, with the closest solution
// proven closest and no counting.
func BenchmarkSolveUkraine(b *testing.B) {
	r := prepareExample(b, "ukraine-security")
	s, err := analysis.State(r.Space, "YYYYNYNYN")
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		res, err := Solve(context.Background(), r.Space, r.Prefs, Problem{Concept: stability.SEQ, Targets: []int{s}, CountLimit: -1})
		if err != nil {
			b.Fatal(err)
		}
		if !res.Exists || !res.Optimal || len(res.Changes) != 5 {
			b.Fatalf("exists %v, optimal %v, %d changes; want a proven closest solution with 5", res.Exists, res.Optimal, len(res.Changes))
		}
	}
}

// BenchmarkSolveUkraineFixed is BenchmarkSolveUkraine with Russia's
// preferences fixed (gmcr inverse --state 128 --concept SEQ --fixed RU):
// the question that the dominance reduction alone could not settle in 25
// minutes (see closest). Besides ns/op it reports the CPU seconds per
// answer (user + system, the whole process), which the machine's load
// does not inflate.
func BenchmarkSolveUkraineFixed(b *testing.B) {
	r := prepareExample(b, "ukraine-security")
	s, err := analysis.State(r.Space, "YYYYNYNYN")
	if err != nil {
		b.Fatal(err)
	}
	ru := -1
	for i, d := range r.Space.DMs {
		if d.ID == "RU" {
			ru = i
		}
	}
	if ru < 0 {
		b.Fatal("no DM RU in the built-in example")
	}
	cpu0 := bench.CPUTime()
	for b.Loop() {
		res, err := Solve(context.Background(), r.Space, r.Prefs, Problem{Concept: stability.SEQ, Targets: []int{s}, Fixed: []int{ru}, CountLimit: -1})
		if err != nil {
			b.Fatal(err)
		}
		if !res.Exists || !res.Optimal || len(res.Changes) != 5 {
			b.Fatalf("exists %v, optimal %v, %d changes; want a proven closest solution with 5", res.Exists, res.Optimal, len(res.Changes))
		}
		for _, c := range res.Changes {
			if c.DM == ru {
				b.Fatalf("the fixed DM's comparison of states %d and %d changed", c.A+1, c.B+1)
			}
		}
	}
	b.ReportMetric((bench.CPUTime()-cpu0).Seconds()/float64(b.N), "cpu-s/op")
}
