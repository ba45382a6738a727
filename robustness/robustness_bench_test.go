package robustness

import (
	"context"
	"testing"

	"github.com/gmcr/gmcr/analysis"
	"github.com/gmcr/gmcr/bench"
	"github.com/gmcr/gmcr/generate"
	"github.com/gmcr/gmcr/stability"
)

// BenchmarkSample1000 times 1,000 sampled profiles of a generated 4-DM,
// 12-option conflict (every DM's statement order uncertain), all five
// concepts.
func BenchmarkSample1000(b *testing.B) {
	p := generate.DefaultParams(4, 12, 1)
	p.Ranking = 0
	m, err := generate.Conflict(p)
	if err != nil {
		b.Fatal(err)
	}
	r, err := analysis.Prepare(context.Background(), m, analysis.Options{})
	if err != nil {
		b.Fatal(err)
	}
	sp, err := NewSpace(r.Space, r.Prefs)
	if err != nil {
		b.Fatal(err)
	}
	var us []Uncertainty
	for i := range sp.SS.DMs {
		all := make([]int, len(sp.truth[i]))
		for j := range all {
			all[j] = j
		}
		us = append(us, Uncertainty{DM: i, Reorder: [][]int{all}})
	}
	b.Logf("%d states", r.Space.Len())
	for b.Loop() {
		if _, err := sp.Sample(context.Background(), stability.Concepts, us, 200, 1, 0); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSampleTarget is issue 9's scale target exactly: 1,000 sampled
// profiles of the model of `gmcr generate --dms 4 --options 12
// --infeasible 0.05 --ranking 0 --seed 1`, every DM's statement order
// uncertain and one statement each of dm1 and dm2 doubted (as `gmcr
// robustness --mode sample --samples 1000 --seed 1 --reorder dm1 ...
// --reorder dm4 --doubt dm1:1 --doubt dm2:2`), all five concepts, on
// GOMAXPROCS workers. Besides the wall time it reports the process's CPU
// time (user + system) per run and profiles per CPU second, which do not
// depend on how loaded the shared machine is.
func BenchmarkSampleTarget(b *testing.B) {
	p := generate.DefaultParams(4, 12, 1)
	p.Infeasible = 0.05
	p.Ranking = 0
	m, err := generate.Conflict(p)
	if err != nil {
		b.Fatal(err)
	}
	r, err := analysis.Prepare(context.Background(), m, analysis.Options{})
	if err != nil {
		b.Fatal(err)
	}
	sp, err := NewSpace(r.Space, r.Prefs)
	if err != nil {
		b.Fatal(err)
	}
	var spec []string
	for _, d := range r.Space.DMs {
		spec = append(spec, d.ID)
	}
	us, _, err := ParseUncertainties(r.Space, spec, []string{"dm1:1", "dm2:2"})
	if err != nil {
		b.Fatal(err)
	}
	const n = 1000
	cpu := bench.CPUTime()
	for b.Loop() {
		if _, err := sp.Sample(context.Background(), stability.Concepts, us, n, 1, 0); err != nil {
			b.Fatal(err)
		}
	}
	used := (bench.CPUTime() - cpu).Seconds() / float64(b.N)
	b.ReportMetric(float64(r.Space.Len()), "states")
	b.ReportMetric(used, "cpu-s/op")
	b.ReportMetric(n/used, "profiles/cpu-s")
}
