package strength_test

import (
	"context"
	"math/rand/v2"
	"testing"

	"github.com/gmcr/gmcr/bench"
	"github.com/gmcr/gmcr/model"
	"github.com/gmcr/gmcr/preference"
	"github.com/gmcr/gmcr/stability"
	"github.com/gmcr/gmcr/statespace"
	"github.com/gmcr/gmcr/strength"
)

// BenchmarkAnalyze measures Analyze (strong stability under the sixteen
// definitions, with package uncertain's general stability it runs; the
// ordinary analysis it builds on excluded) on the benchmark conflicts of
// package bench (4 DMs; 8, 12, 16 options), each DM's first statement
// marked strong. kind=strength has no unknown comparisons (every state
// is decided from tier minima); kind=hybrid also gives each DM 32 unknown
// groups of 4 random states (the states in them are searched directly).
func BenchmarkAnalyze(b *testing.B) {
	ctx := context.Background()
	for _, opts := range bench.Sizes() {
		for _, kind := range []string{"strength", "hybrid"} {
			m := bench.Conflict(bench.DMs, opts).Clone()
			ss, err := statespace.Build(ctx, m, statespace.Options{})
			if err != nil {
				b.Fatal(err)
			}
			rng := rand.New(rand.NewPCG(1, 2))
			for i := range m.DMs {
				p := &m.DMs[i].Prefs
				p.Statements[0].Strong = true
				if kind != "hybrid" {
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
			ss.Model = m
			p, err := preference.Compute(ss)
			if err != nil {
				b.Fatal(err)
			}
			base, err := stability.Analyze(ctx, ss, p, stability.Config{Concepts: []stability.Concept{stability.Nash, stability.GMR, stability.SMR, stability.SEQ}})
			if err != nil {
				b.Fatal(err)
			}
			rel, err := strength.NewRelation(ss, p)
			if err != nil {
				b.Fatal(err)
			}
			b.Run(bench.Name(opts)+"/kind="+kind, func(b *testing.B) {
				for b.Loop() {
					if _, err := strength.Analyze(ctx, rel, base); err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric(float64(ss.Len()), "states")
			})
		}
	}
}

// BenchmarkEvolve measures a status quo analysis by improvements from
// state 1 on the same conflicts (strength only).
func BenchmarkEvolve(b *testing.B) {
	ctx := context.Background()
	for _, opts := range bench.Sizes() {
		m := bench.Conflict(bench.DMs, opts).Clone()
		for i := range m.DMs {
			m.DMs[i].Prefs.Statements[0].Strong = true
		}
		ss, err := statespace.Build(ctx, m, statespace.Options{})
		if err != nil {
			b.Fatal(err)
		}
		p, err := preference.Compute(ss)
		if err != nil {
			b.Fatal(err)
		}
		rel, err := strength.NewRelation(ss, p)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(bench.Name(opts), func(b *testing.B) {
			for b.Loop() {
				for _, k := range strength.MoveKinds {
					if _, err := strength.Evolve(rel, 0, k); err != nil {
						b.Fatal(err)
					}
				}
			}
		})
	}
}
