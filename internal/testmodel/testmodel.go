// Package testmodel gives tests the models they share: the built-in
// examples, seeded random conflicts, and a complete analysis of either,
// failing the test on any error.
package testmodel

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/gmcr/gmcr/analysis"
	"github.com/gmcr/gmcr/examples"
	"github.com/gmcr/gmcr/generate"
	"github.com/gmcr/gmcr/graphform"
	"github.com/gmcr/gmcr/model"
	"github.com/gmcr/gmcr/statespace"
)

// Example returns the built-in example with the given name, parsed.
func Example(t testing.TB, name string) *model.Model {
	t.Helper()
	ex, err := examples.Get(name)
	if err != nil {
		t.Fatal(err)
	}
	m, err := model.Parse(ex.Data, ex.File)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// Random returns the conflict generate.Conflict makes from p.
func Random(t testing.TB, p generate.Params) *model.Model {
	t.Helper()
	m, err := generate.Conflict(p)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// Mixed returns generator parameters for dms DMs and opts options with
// every model feature switched on: irreversible options, infeasibility
// conditions, compound statements and direct rankings with ties.
func Mixed(dms, opts int, seed int64) generate.Params {
	p := generate.DefaultParams(dms, opts, seed)
	p.Irreversible = 0.3
	p.Ranking = 0.3
	p.Infeasible = 0.3
	p.Compound = 0.4
	return p
}

// Run analyses m with every concept.
func Run(t testing.TB, m *model.Model) *analysis.Result {
	t.Helper()
	r, err := analysis.Run(context.Background(), m, analysis.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// RandomGraph returns the seed-th random conflict in graph form, for
// checking the engine's graph-form path against internal/bruteforce. Even
// seeds give models without options: 2 to 13 states, 2 to 5 DMs, each
// possible arc of each DM present with probability 0.1, 0.3 or 0.6, and
// direct rankings with ties. Odd seeds give a generated option-form
// conflict (irreversible options, infeasible states, some misperceptions)
// converted to graph form, with each arc then removed with probability
// 0.3, so that what a DM may change depends on the state.
func RandomGraph(t testing.TB, seed int64) *model.Model {
	t.Helper()
	rng := rand.New(rand.NewPCG(uint64(seed), 0x6772617068))
	dms := 2 + int(seed/2%4)
	if seed%2 == 1 {
		p := Mixed(dms, dms+int(seed/8%5), seed)
		p.Misperceived = []float64{0, 0, 0.5}[seed/2%3]
		res, err := graphform.FromOptions(context.Background(), Random(t, p), statespace.Options{})
		if err != nil {
			t.Fatal(err)
		}
		m := res.Model
		for k := range m.DMs {
			var kept []model.Move
			for _, mv := range m.DMs[k].Moves {
				var to []string
				for _, id := range mv.To {
					if rng.Float64() >= 0.3 {
						to = append(to, id)
					}
				}
				if len(to) > 0 {
					mv.To = to
					kept = append(kept, mv)
				}
			}
			m.DMs[k].Moves = kept
		}
		m.Title = fmt.Sprintf("random graph-form conflict %d (from option form)", seed)
		return m
	}
	n := 2 + rng.IntN(12)
	density := []float64{0.1, 0.3, 0.6}[seed/2%3]
	m := &model.Model{Title: fmt.Sprintf("random graph-form conflict %d", seed)}
	for s := 0; s < n; s++ {
		m.States = append(m.States, model.State{ID: fmt.Sprintf("x%d", s+1)})
	}
	for k := 0; k < dms; k++ {
		d := model.DM{ID: fmt.Sprintf("D%d", k+1)}
		for s := 0; s < n; s++ {
			mv := model.Move{From: m.States[s].ID}
			for u := 0; u < n; u++ {
				if u != s && rng.Float64() < density {
					mv.To = append(mv.To, m.States[u].ID)
				}
			}
			if len(mv.To) > 0 {
				d.Moves = append(d.Moves, mv)
			}
		}
		// A ranking with ties: random levels, grouped best first.
		levels := 1 + rng.IntN(n)
		groups := make([][]int, levels)
		for s := 0; s < n; s++ {
			g := rng.IntN(levels)
			groups[g] = append(groups[g], s+1)
		}
		for _, g := range groups {
			if len(g) > 0 {
				d.Prefs.Ranking = append(d.Prefs.Ranking, g)
			}
		}
		m.DMs = append(m.DMs, d)
	}
	if err := m.Validate(); err != nil {
		t.Fatal(err)
	}
	return m
}

// WithUnknown returns a copy of m with random unknown comparisons
// (preference uncertainty) for the seed: each DM gets up to three unknown
// groups of two to four states, and each preference statement is marked
// unsure with probability 0.25 (at most four per DM).
func WithUnknown(t testing.TB, m *model.Model, seed int64) *model.Model {
	t.Helper()
	ss, err := statespace.Build(context.Background(), m, statespace.Options{})
	if err != nil {
		t.Fatal(err)
	}
	n := ss.Len()
	rng := rand.New(rand.NewPCG(uint64(seed), 0x756e6b))
	c := m.Clone()
	for i := range c.DMs {
		p := &c.DMs[i].Prefs
		for g := rng.IntN(4); g > 0 && n >= 2; g-- {
			size := 2 + rng.IntN(min(3, n-1))
			perm := rng.Perm(n)[:size]
			var grp model.UnknownGroup
			for _, s := range perm {
				grp.States = append(grp.States, s+1)
			}
			p.Unknown = append(p.Unknown, grp)
		}
		unsure := 0
		for j := range p.Statements {
			if unsure < 4 && rng.Float64() < 0.25 {
				p.Statements[j].Unsure = true
				unsure++
			}
		}
	}
	if err := c.Validate(); err != nil {
		t.Fatal(err)
	}
	return c
}

// WithStrength returns a copy of m with strength of preference, drawn
// from seed: each DM with statements marks its first 0 to 3 statements
// strong (stopping before an unsure one), and each DM with a ranking gets
// up to three cuts between its groups.
func WithStrength(t testing.TB, m *model.Model, seed int64) *model.Model {
	t.Helper()
	rng := rand.New(rand.NewPCG(uint64(seed), 0x737472))
	c := m.Clone()
	for i := range c.DMs {
		p := &c.DMs[i].Prefs
		k := rng.IntN(4)
		for j := 0; j < k && j < len(p.Statements) && !p.Statements[j].Unsure; j++ {
			p.Statements[j].Strong = true
		}
		if g := len(p.Ranking); g >= 2 && len(p.Statements) == 0 {
			seen := map[int]bool{}
			for cuts := rng.IntN(4); cuts > 0; cuts-- {
				after := 1 + rng.IntN(g-1)
				if !seen[after] {
					seen[after] = true
					p.Cuts = append(p.Cuts, model.Cut{After: after})
				}
			}
			slices.SortFunc(p.Cuts, func(a, b model.Cut) int { return a.After - b.After })
		}
	}
	if err := c.Validate(); err != nil {
		t.Fatal(err)
	}
	return c
}
