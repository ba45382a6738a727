package examples

import (
	"context"
	"testing"

	"github.com/gmcr/gmcr/analysis"
	"github.com/gmcr/gmcr/model"
)

func TestTmpEngine(t *testing.T) {
	for _, ex := range All() {
		m, err := model.Parse(ex.Data, ex.File)
		if err != nil {
			t.Fatal(err)
		}
		r, err := analysis.Run(context.Background(), m, analysis.Options{})
		if err != nil {
			t.Fatal(err)
		}
		t.Log("==", ex.Name, r.Space.Len())
		for _, c := range r.Stability.Concepts {
			eq := r.Stability.Equilibria(c)
			for i := range eq {
				eq[i]++
			}
			t.Log("  ", c, eq)
		}
	}
}
