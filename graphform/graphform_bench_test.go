package graphform_test

import (
	"context"
	"testing"

	"github.com/gmcr/gmcr/bench"
	"github.com/gmcr/gmcr/graphform"
	"github.com/gmcr/gmcr/preference"
	"github.com/gmcr/gmcr/stability"
	"github.com/gmcr/gmcr/statespace"
)

// BenchmarkGraphForm measures the benchmark conflicts of package bench
// (4 DMs; 8, 12, 16 options) written in graph form: stage=convert is
// FromOptions (the state space, then every DM's arcs listed),
// stage=build the graph-form state space from the listed states and arcs,
// and concept=... stability.Analyze on it. Graph-form moves are listed
// arcs, so the class shortcut of package reach does not apply and the
// sanction searches walk every arc: compare with BenchmarkAnalyze of
// package stability on the same conflicts in option form.
func BenchmarkGraphForm(b *testing.B) {
	ctx := context.Background()
	for _, opts := range bench.Sizes() {
		m := bench.Conflict(bench.DMs, opts)
		b.Run(bench.Name(opts)+"/stage=convert", func(b *testing.B) {
			for b.Loop() {
				if _, err := graphform.FromOptions(ctx, m, statespace.Options{}); err != nil {
					b.Fatal(err)
				}
			}
		})
		res, err := graphform.FromOptions(ctx, m, statespace.Options{})
		if err != nil {
			b.Fatal(err)
		}
		ss, err := statespace.Build(ctx, res.Model, statespace.Options{})
		if err != nil {
			b.Fatal(err)
		}
		b.Run(bench.Name(opts)+"/stage=build", func(b *testing.B) {
			for b.Loop() {
				if _, err := statespace.Build(ctx, res.Model, statespace.Options{}); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(ss.Len()), "states")
		})
		p, err := preference.Compute(ss)
		if err != nil {
			b.Fatal(err)
		}
		for _, c := range []stability.Concept{stability.Nash, stability.GMR, stability.SMR, stability.SEQ, stability.SIM} {
			b.Run(bench.Name(opts)+"/concept="+c.String(), func(b *testing.B) {
				for b.Loop() {
					if _, err := stability.Analyze(ctx, ss, p, stability.Config{Concepts: []stability.Concept{c}}); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
