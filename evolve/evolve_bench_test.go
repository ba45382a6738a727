package evolve_test

import (
	"context"
	"os"
	"testing"

	"github.com/gmcr/gmcr/analysis"
	"github.com/gmcr/gmcr/bench"
	"github.com/gmcr/gmcr/evolve"
	"github.com/gmcr/gmcr/preference"
	"github.com/gmcr/gmcr/stability"
	"github.com/gmcr/gmcr/statespace"
)

// BenchmarkAnalyze measures evolve.Analyze from the model's status quo
// (analysis.StatusQuo) of the benchmark conflicts ( bench.Conflict with 4 DMs and 12
// or 16 options, and 20 with GMCR_BENCH_LARGE=1) by unilateral
// improvements (coalitions=false) and with coalitional improvements as
// steps (coalitions=true), every equilibrium of the four concepts of
// `gmcr evolve` a target. The stability analysis is not timed.
func BenchmarkAnalyze(b *testing.B) {
	ctx := context.Background()
	sizes := []int{12, 16}
	if os.Getenv(bench.LargeEnv) == "1" {
		sizes = append(sizes, 20)
	}
	for _, opts := range sizes {
		ss, err := statespace.Build(ctx, bench.Conflict(bench.DMs, opts), statespace.Options{})
		if err != nil {
			b.Fatal(err)
		}
		p, err := preference.Compute(ss)
		if err != nil {
			b.Fatal(err)
		}
		a, err := stability.Analyze(ctx, ss, p, stability.Config{})
		if err != nil {
			b.Fatal(err)
		}
		sq, err := analysis.StatusQuo(ss)
		if err != nil {
			b.Fatal(err)
		}
		for _, co := range []bool{false, true} {
			name := bench.Name(opts) + "/coalitions=false"
			if co {
				name = bench.Name(opts) + "/coalitions=true"
			}
			b.Run(name, func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					if _, err := evolve.Analyze(ctx, a, sq, evolve.Options{Coalitions: co}); err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric(float64(ss.Len()), "states")
			})
		}
	}
}
