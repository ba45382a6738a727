package inverse

import (
	"context"
	"testing"

	"github.com/gmcr/gmcr/analysis"
	"github.com/gmcr/gmcr/examples"
	"github.com/gmcr/gmcr/model"
)

// prepareExample parses the built-in example name and prepares its
// analysis (state space, preferences, stability), failing tb on any error.
func prepareExample(tb testing.TB, name string) *analysis.Result {
	tb.Helper()
	ex, err := examples.Get(name)
	if err != nil {
		tb.Fatal(err)
	}
	m, err := model.Parse(ex.Data, ex.File)
	if err != nil {
		tb.Fatal(err)
	}
	r, err := analysis.Prepare(context.Background(), m, analysis.Options{})
	if err != nil {
		tb.Fatal(err)
	}
	return r
}
