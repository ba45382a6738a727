package robustness

import (
	"context"
	"testing"

	"github.com/gmcr/gmcr/analysis"
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
