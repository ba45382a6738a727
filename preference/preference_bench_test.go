package preference_test

import (
	"context"
	"testing"

	"github.com/gmcr/gmcr/bench"
	"github.com/gmcr/gmcr/preference"
	"github.com/gmcr/gmcr/statespace"
)

// BenchmarkCompute measures preference.Compute (every DM's option
// prioritization scores and levels over all feasible states) on the
// benchmark conflicts of package bench: 4 DMs, 4 statements each, and 8,
// 12, 16 options (and 20 with GMCR_BENCH_LARGE=1). The state space is built
// once, outside the timing. The states metric is the number of feasible
// states.
func BenchmarkCompute(b *testing.B) {
	for _, opts := range bench.Sizes() {
		ss, err := statespace.Build(context.Background(), bench.Conflict(bench.DMs, opts), statespace.Options{})
		if err != nil {
			b.Fatal(err)
		}
		b.Run(bench.Name(opts), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := preference.Compute(ss); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(ss.Len()), "states")
		})
	}
}
