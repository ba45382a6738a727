package statespace_test

import (
	"context"
	"testing"

	"github.com/gmcr/gmcr/bench"
	"github.com/gmcr/gmcr/statespace"
)

// BenchmarkBuild measures statespace.Build (enumerating the feasible
// states and indexing them) on the benchmark conflicts of package bench:
// 4 DMs and 8, 12, 16 options (and 20 with GMCR_BENCH_LARGE=1). The
// states metric is the number of feasible states.
func BenchmarkBuild(b *testing.B) {
	ctx := context.Background()
	for _, opts := range bench.Sizes() {
		m := bench.Conflict(bench.DMs, opts)
		b.Run(bench.Name(opts), func(b *testing.B) {
			b.ReportAllocs()
			n := 0
			for b.Loop() {
				ss, err := statespace.Build(ctx, m, statespace.Options{})
				if err != nil {
					b.Fatal(err)
				}
				n = ss.Len()
			}
			b.ReportMetric(float64(n), "states")
		})
	}
}
