package reach_test

import (
	"context"
	"testing"

	"github.com/gmcr/gmcr/bench"
	"github.com/gmcr/gmcr/preference"
	"github.com/gmcr/gmcr/reach"
	"github.com/gmcr/gmcr/stability"
	"github.com/gmcr/gmcr/statespace"
)

// setup builds the state space and preferences of the benchmark conflict
// with opts options.
func setup(b *testing.B, opts int) (*statespace.StateSpace, *preference.Profile) {
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

// BenchmarkNewClasses measures reach.NewClasses, the per-DM class orders
// that GMR, SMR and SEQ share, on the benchmark conflicts of package bench
// (4 DMs; 8, 12, 16 options, and 20 with GMCR_BENCH_LARGE=1).
func BenchmarkNewClasses(b *testing.B) {
	for _, opts := range bench.Sizes() {
		ss, p := setup(b, opts)
		b.Run(bench.Name(opts), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				reach.NewClasses(ss, p)
			}
			b.ReportMetric(float64(ss.Len()), "states")
		})
	}
}

// BenchmarkLayoutClasses measures reach.Layout.Classes on the same
// conflicts: ordering the classes of a laid-out state space by a profile's
// levels, as robustness sampling does for every profile (every DM's levels
// new, none reused), against which BenchmarkNewClasses also lays the
// classes out.
func BenchmarkLayoutClasses(b *testing.B) {
	for _, opts := range bench.Sizes() {
		ss, p := setup(b, opts)
		l := reach.NewLayout(ss)
		b.Run(bench.Name(opts), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := l.Classes(context.Background(), p, nil); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(ss.Len()), "states")
		})
	}
}

// BenchmarkMinOver measures one reach.MinOver call for DM 1 (index 0):
// the minimum of DM 1's preference level over R_H(s) (moves=all, the GMR
// case) or R_H+(s) (moves=improving, the SEQ case) for every state s, H
// being the other three DMs, with the classes computed once outside the
// timing. Sizes as BenchmarkNewClasses.
func BenchmarkMinOver(b *testing.B) {
	benchMin(b, reach.MinOver)
}

// BenchmarkMinWithin is BenchmarkMinOver for reach.MinWithin, the call
// stability.Analyze makes (the minimum over s and R_H(s)).
func BenchmarkMinWithin(b *testing.B) {
	benchMin(b, reach.MinWithin)
}

func benchMin(b *testing.B, min func(context.Context, *reach.Graph, ...[]int32) ([][]int32, error)) {
	ctx := context.Background()
	for _, opts := range bench.Sizes() {
		ss, p := setup(b, opts)
		cl := reach.NewClasses(ss, p)
		for _, improving := range []bool{false, true} {
			name := bench.Name(opts) + "/moves=all"
			if improving {
				name = bench.Name(opts) + "/moves=improving"
			}
			g := &reach.Graph{Space: ss, Prefs: p, Movers: stability.Opponents(ss, 0), Improving: improving, Classes: cl}
			b.Run(name, func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					if _, err := min(ctx, g, p.Level[0]); err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric(float64(ss.Len()), "states")
			})
		}
	}
}
