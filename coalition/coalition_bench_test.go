package coalition_test

import (
	"context"
	"testing"

	"github.com/gmcr/gmcr/bench"
	"github.com/gmcr/gmcr/coalition"
	"github.com/gmcr/gmcr/preference"
	"github.com/gmcr/gmcr/statespace"
)

func benchSetup(b *testing.B, opts int) (*statespace.StateSpace, *preference.Profile) {
	b.Helper()
	ss, err := statespace.Build(context.Background(), bench.Conflict(bench.DMs, opts), statespace.Options{})
	if err != nil {
		b.Fatal(err)
	}
	p, err := preference.Compute(ss)
	if err != nil {
		b.Fatal(err)
	}
	return ss, p
}

// BenchmarkAnalyze measures coalition.Analyze with every coalition (11 of
// two or more DMs, and the 4 DMs alone) and every coalitional concept at
// every state, on the benchmark conflicts of package bench (4 DMs; 8, 12,
// 16 options, and 20 with GMCR_BENCH_LARGE=1).
func BenchmarkAnalyze(b *testing.B) {
	for _, opts := range bench.Sizes() {
		ss, p := benchSetup(b, opts)
		b.Run(bench.Name(opts), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := coalition.Analyze(context.Background(), ss, p, coalition.Config{}); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(ss.Len()), "states")
		})
	}
}
