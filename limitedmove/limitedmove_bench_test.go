package limitedmove_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/gmcr/gmcr/bench"
	"github.com/gmcr/gmcr/limitedmove"
	"github.com/gmcr/gmcr/preference"
	"github.com/gmcr/gmcr/statespace"
)

// BenchmarkAnalyze measures Lh for h = 1, 2, 4, 8, 16, 64 and NM on the
// two-DM benchmark conflicts (bench.Conflict(2, m), 8, 12 and 16 options):
// the cost of Lh grows linearly with h (one pass over every DM's moves per
// horizon) until the anticipation tables repeat, and stays there (the
// "tables" metric counts those computed); NM runs until they repeat.
// cpu-ns/op is the processor time (the machine may be shared).
func BenchmarkAnalyze(b *testing.B) {
	ctx := context.Background()
	for _, opts := range bench.Sizes() {
		ss, err := statespace.Build(ctx, bench.Conflict(2, opts), statespace.Options{})
		if err != nil {
			b.Fatal(err)
		}
		p, err := preference.Compute(ss)
		if err != nil {
			b.Fatal(err)
		}
		for _, h := range []int{1, 2, 4, 8, 16, 64} {
			b.Run(fmt.Sprintf("%s/h=%d", bench.Name(opts), h), func(b *testing.B) {
				var a *limitedmove.Analysis
				cpu := bench.CPUTime()
				for b.Loop() {
					if a, err = limitedmove.Analyze(ctx, ss, p, h, false); err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric(float64(bench.CPUTime()-cpu)/float64(b.N), "cpu-ns/op")
				b.ReportMetric(float64(len(a.Tables)), "tables")
				b.ReportMetric(float64(ss.Len()), "states")
			})
		}
		b.Run(bench.Name(opts)+"/NM", func(b *testing.B) {
			var a *limitedmove.Analysis
			cpu := bench.CPUTime()
			for b.Loop() {
				if a, err = limitedmove.Analyze(ctx, ss, p, 1, true); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(bench.CPUTime()-cpu)/float64(b.N), "cpu-ns/op")
			b.ReportMetric(float64(a.Start+a.Period), "horizons")
		})
	}
}
