package examples_test

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/gmcr/gmcr/analysis"
	"github.com/gmcr/gmcr/examples"
	"github.com/gmcr/gmcr/model"
	"github.com/gmcr/gmcr/report"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// TestGoldenJSON pins the complete JSON analysis of every built-in example
// (states, ranks, stability marks, equilibria), so any change to the
// engine or the report that alters a result shows up as a diff. Refresh
// with `go test ./examples -update` after checking the change is right.
func TestGoldenJSON(t *testing.T) {
	for _, ex := range examples.All() {
		m, err := model.Parse(ex.Data, ex.File)
		if err != nil {
			t.Fatal(err)
		}
		r, err := analysis.Run(context.Background(), m, analysis.Options{})
		if err != nil {
			t.Fatal(err)
		}
		var a, b bytes.Buffer
		if err := report.Write(&a, r, report.JSON, report.Options{}); err != nil {
			t.Fatal(err)
		}
		// A second run must give byte-identical output.
		r2, _ := analysis.Run(context.Background(), m, analysis.Options{Workers: 1})
		if err := report.Write(&b, r2, report.JSON, report.Options{}); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(a.Bytes(), b.Bytes()) {
			t.Fatalf("%s: two runs gave different JSON", ex.Name)
		}
		path := filepath.Join("testdata", ex.Name+".json")
		if *update {
			if err := os.MkdirAll("testdata", 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, a.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (run `go test ./examples -update` to create it)", err)
		}
		if !bytes.Equal(a.Bytes(), want) {
			t.Errorf("%s: JSON analysis differs from %s; if the change is intended, run `go test ./examples -update`", ex.Name, path)
		}
	}
}
