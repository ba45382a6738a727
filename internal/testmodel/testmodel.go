// Package testmodel gives tests the models they share: the built-in
// examples, seeded random conflicts, and a complete analysis of either,
// failing the test on any error.
package testmodel

import (
	"context"
	"testing"

	"github.com/gmcr/gmcr/analysis"
	"github.com/gmcr/gmcr/examples"
	"github.com/gmcr/gmcr/generate"
	"github.com/gmcr/gmcr/model"
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
