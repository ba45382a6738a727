package stability_test

import (
	"context"
	"os"
	"testing"

	"github.com/gmcr/gmcr/bench"
	"github.com/gmcr/gmcr/preference"
	"github.com/gmcr/gmcr/stability"
	"github.com/gmcr/gmcr/statespace"
)

// BenchmarkSplit measures stability.Analyze for SIM, GMR and SEQ alone on
// benchmark conflicts whose 4 DMs control unequal numbers of options
// (bench.SplitConflict): 1/3/5/7 (16 options) and 2/4/6/8 (20), and with
// GMCR_BENCH_LARGE=1 3/5/7/9 (24 options; minutes per iteration and
// several GiB for GMR and SEQ). SIM takes the fast pass with multi-word
// pattern sets for the DMs of 7 or more options.
func BenchmarkSplit(b *testing.B) {
	ctx := context.Background()
	splits := [][]int{{1, 3, 5, 7}, {2, 4, 6, 8}}
	if os.Getenv(bench.LargeEnv) == "1" {
		splits = append(splits, []int{3, 5, 7, 9})
	}
	for _, sizes := range splits {
		ss, err := statespace.Build(ctx, bench.SplitConflict(sizes...), statespace.Options{})
		if err != nil {
			b.Fatal(err)
		}
		p, err := preference.Compute(ss)
		if err != nil {
			b.Fatal(err)
		}
		for _, c := range []stability.Concept{stability.SIM, stability.GMR, stability.SEQ} {
			b.Run(bench.SplitName(sizes...)+"/concept="+c.String(), func(b *testing.B) {
				if c == stability.SIM && !stability.SimFastOK(ss) {
					b.Fatal("the fast SIM pass does not apply")
				}
				b.ReportAllocs()
				for b.Loop() {
					if _, err := stability.Analyze(ctx, ss, p, stability.Config{Concepts: []stability.Concept{c}}); err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric(float64(ss.Len()), "states")
			})
		}
	}
}
