package uncertain_test

import (
	"context"
	"math/rand/v2"
	"testing"

	"github.com/gmcr/gmcr/bench"
	"github.com/gmcr/gmcr/model"
	"github.com/gmcr/gmcr/preference"
	"github.com/gmcr/gmcr/stability"
	"github.com/gmcr/gmcr/statespace"
	"github.com/gmcr/gmcr/uncertain"
)

// BenchmarkAnalyze measures Analyze (the sixteen definitions, the
// ordinary analysis it builds on excluded) on the benchmark conflicts of
// package bench (4 DMs; 8, 12, 16 options), with unknown comparisons of
// two kinds: kind=groups gives each DM 32 unknown groups of 4 random
// states (the states outside them take the ordinary results); kind=unsure
// marks each DM's last statement unsure, so that every state of every DM
// has unknown comparisons (decided by classes, see classTables);
// kind=both does both (the states of the groups are searched).
func BenchmarkAnalyze(b *testing.B) {
	ctx := context.Background()
	for _, opts := range bench.Sizes() {
		for _, kind := range []string{"groups", "unsure", "both"} {
			m := bench.Conflict(bench.DMs, opts).Clone()
			ss, err := statespace.Build(ctx, m, statespace.Options{})
			if err != nil {
				b.Fatal(err)
			}
			rng := rand.New(rand.NewPCG(1, 2))
			for i := range m.DMs {
				p := &m.DMs[i].Prefs
				if kind != "groups" {
					p.Statements[len(p.Statements)-1].Unsure = true
				}
				if kind == "unsure" {
					continue
				}
				for g := 0; g < 32; g++ {
					var grp model.UnknownGroup
					for _, s := range rng.Perm(ss.Len())[:4] {
						grp.States = append(grp.States, s+1)
					}
					p.Unknown = append(p.Unknown, grp)
				}
			}
			p, err := preference.Compute(ss)
			if err != nil {
				b.Fatal(err)
			}
			base, err := stability.Analyze(ctx, ss, p, stability.Config{Concepts: []stability.Concept{stability.Nash, stability.GMR, stability.SMR, stability.SEQ}})
			if err != nil {
				b.Fatal(err)
			}
			ss.Model = m
			rel, err := uncertain.NewRelation(ss, p)
			if err != nil {
				b.Fatal(err)
			}
			b.Run(bench.Name(opts)+"/kind="+kind, func(b *testing.B) {
				cpu := bench.CPUTime()
				for b.Loop() {
					if _, err := uncertain.Analyze(ctx, rel, base); err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric(float64(bench.CPUTime()-cpu)/float64(b.N), "cpu-ns/op")
				b.ReportMetric(float64(ss.Len()), "states")
			})
		}
	}
}
