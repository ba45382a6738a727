package coalition_test

import (
	"context"
	"testing"

	"github.com/gmcr/gmcr/analysis"
	"github.com/gmcr/gmcr/bench"
	"github.com/gmcr/gmcr/coalition"
	"github.com/gmcr/gmcr/preference"
	"github.com/gmcr/gmcr/stability"
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
// 16 options, and 20 with GMCR_BENCH_LARGE=1). cpu-s/op is the process's
// CPU time per run (both cores), which a loaded machine does not inflate.
func BenchmarkAnalyze(b *testing.B) {
	for _, opts := range bench.Sizes() {
		ss, p := benchSetup(b, opts)
		b.Run(bench.Name(opts), func(b *testing.B) {
			b.ReportAllocs()
			cpu := processCPU()
			for b.Loop() {
				if _, err := coalition.Analyze(context.Background(), ss, p, coalition.Config{}); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric((processCPU()-cpu).Seconds()/float64(b.N), "cpu-s/op")
			b.ReportMetric(float64(ss.Len()), "states")
		})
	}
}

// BenchmarkUpsets measures coalition.Upsets after Analyze on the same
// conflicts: the summary, the details' counts (every coalitional
// improvement of every upset equilibrium classified; CountMoves), and the
// details listing one move of each upset (moves1, `gmcr coalition
// --details --max-moves 1`): a search per upset equilibrium and coalition
// for their sequences.
func BenchmarkUpsets(b *testing.B) {
	for _, opts := range bench.Sizes() {
		r, err := analysis.Run(context.Background(), bench.Conflict(bench.DMs, opts), analysis.Options{Concepts: []stability.Concept{stability.Nash, stability.GMR, stability.SMR, stability.SEQ}})
		if err != nil {
			b.Fatal(err)
		}
		a, err := coalition.Analyze(context.Background(), r.Space, r.Prefs, coalition.Config{Individual: r.Stability})
		if err != nil {
			b.Fatal(err)
		}
		for _, mode := range []struct {
			name  string
			moves int
		}{{"summary", 0}, {"counts", coalition.CountMoves}, {"moves1", 1}} {
			b.Run(bench.Name(opts)+"/"+mode.name, func(b *testing.B) {
				cpu := processCPU()
				for b.Loop() {
					if _, err := coalition.Upsets(context.Background(), r.Stability, a, mode.moves); err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric((processCPU()-cpu).Seconds()/float64(b.N), "cpu-s/op")
			})
		}
	}
}
