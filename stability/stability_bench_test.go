package stability_test

import (
	"context"
	"testing"

	"github.com/gmcr/gmcr/bench"
	"github.com/gmcr/gmcr/preference"
	"github.com/gmcr/gmcr/stability"
	"github.com/gmcr/gmcr/statespace"
)

// BenchmarkAnalyze measures stability.Analyze, each solution concept alone
// (concept=Nash, GMR, SMR, SEQ, SIM) and all five together (concept=all),
// on the benchmark conflicts of package bench: 4 DMs and 8, 12, 16 options
// (and 20 with GMCR_BENCH_LARGE=1). The state space and preferences are
// computed once, outside the timing; DMs are analysed in parallel
// (GOMAXPROCS workers), so the time is wall time. The states metric is the
// number of feasible states.
func BenchmarkAnalyze(b *testing.B) {
	ctx := context.Background()
	type variant struct {
		name     string
		concepts []stability.Concept
	}
	variants := []variant{}
	for _, c := range stability.Concepts {
		variants = append(variants, variant{c.String(), []stability.Concept{c}})
	}
	variants = append(variants, variant{"all", nil})
	for _, opts := range bench.Sizes() {
		ss, err := statespace.Build(ctx, bench.Conflict(bench.DMs, opts), statespace.Options{})
		if err != nil {
			b.Fatal(err)
		}
		p, err := preference.Compute(ss)
		if err != nil {
			b.Fatal(err)
		}
		for _, v := range variants {
			b.Run(bench.Name(opts)+"/concept="+v.name, func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					if _, err := stability.Analyze(ctx, ss, p, stability.Config{Concepts: v.concepts}); err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric(float64(ss.Len()), "states")
			})
		}
	}
}
