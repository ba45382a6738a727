package graphform_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/gmcr/gmcr/analysis"
	"github.com/gmcr/gmcr/graphform"
	"github.com/gmcr/gmcr/internal/testmodel"
	"github.com/gmcr/gmcr/model"
	"github.com/gmcr/gmcr/stability"
	"github.com/gmcr/gmcr/statespace"
)

// TestSameResults converts every built-in option-form example and a set
// of random conflicts (irreversible options, infeasible states,
// misperceptions) to graph form, writes and re-reads the result, and
// checks that every state keeps its number and option values and every
// concept its stability table.
func TestSameResults(t *testing.T) {
	ctx := context.Background()
	var models []*model.Model
	for _, name := range []string{"prisoners-dilemma", "chicken", "elmira", "ukraine-security"} {
		models = append(models, testmodel.Example(t, name))
	}
	for seed := int64(0); seed < 60; seed++ {
		p := testmodel.Mixed(2+int(seed%3), 4+int(seed%5), seed)
		p.Misperceived = []float64{0, 0.5}[seed%2]
		models = append(models, testmodel.Random(t, p))
	}
	for _, m := range models {
		res, err := graphform.FromOptions(ctx, m, statespace.Options{})
		if err != nil {
			t.Fatalf("%s: %v", m.Title, err)
		}
		data, err := model.Marshal(res.Model)
		if err != nil {
			t.Fatalf("%s: marshal: %v", m.Title, err)
		}
		g, err := model.Parse(data, "graph.yaml")
		if err != nil {
			t.Fatalf("%s: re-read: %v\n%s", m.Title, err, data)
		}
		want, err := analysis.Run(ctx, m, analysis.Options{})
		if err != nil {
			t.Fatal(err)
		}
		got, err := analysis.Run(ctx, g, analysis.Options{})
		if err != nil {
			t.Fatalf("%s: %v", m.Title, err)
		}
		if !got.Space.Graph() || got.Space.Len() != want.Space.Len() {
			t.Fatalf("%s: %d states in graph form, %d in option form", m.Title, got.Space.Len(), want.Space.Len())
		}
		if fmt.Sprint(got.Space.Codes) != fmt.Sprint(want.Space.Codes) {
			t.Fatalf("%s: option values differ", m.Title)
		}
		for _, c := range stability.Concepts {
			if a, b := fmt.Sprint(got.Stability.Equilibria(c)), fmt.Sprint(want.Stability.Equilibria(c)); a != b {
				t.Errorf("%s: %v equilibria %s in graph form, %s in option form", m.Title, c, a, b)
			}
			for i := range m.DMs {
				for s := 0; s < want.Space.Len(); s++ {
					if got.Stability.Stable(c, i, s) != want.Stability.Stable(c, i, s) {
						t.Fatalf("%s: %v stability of state %d for %s differs", m.Title, c, s+1, m.DMs[i].ID)
					}
				}
			}
		}
		if sq := m.StatusQuo; sq != nil {
			a, _ := analysis.StatusQuo(got.Space)
			b, _ := analysis.StatusQuo(want.Space)
			if a != b {
				t.Errorf("%s: status quo %d in graph form, %d in option form", m.Title, a+1, b+1)
			}
		}
	}
}

func TestRefusesGraphForm(t *testing.T) {
	m := testmodel.Example(t, "announcement")
	if _, err := graphform.FromOptions(context.Background(), m, statespace.Options{}); err == nil {
		t.Fatal("converting a graph-form model succeeded")
	}
}
