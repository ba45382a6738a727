package inverse

import (
	"context"
	"testing"

	"github.com/gmcr/gmcr/analysis"
	"github.com/gmcr/gmcr/internal/testmodel"
)

// prepareExample prepares the analysis (state space, preferences,
// stability) of the built-in example name, failing tb on any error.
func prepareExample(tb testing.TB, name string) *analysis.Result {
	tb.Helper()
	r, err := analysis.Prepare(context.Background(), testmodel.Example(tb, name), analysis.Options{})
	if err != nil {
		tb.Fatal(err)
	}
	return r
}
