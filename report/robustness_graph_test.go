package report_test

import (
	"bytes"
	"context"
	"encoding/json"
	"testing"

	"github.com/gmcr/gmcr/internal/testmodel"
	"github.com/gmcr/gmcr/report"
	"github.com/gmcr/gmcr/robustness"
	"github.com/gmcr/gmcr/stability"
)

// The robustness document names a graph-form model's states by id, as the
// analysis document does, instead of an empty pattern, and follows the
// schema; an option-form model's states keep their pattern and no id.
func TestRobustnessJSONGraphForm(t *testing.T) {
	sch := docSchema(t, "robustness")
	for _, tc := range []struct {
		example string
		first   map[string]any // fields of the first row that must hold
		absent  string
	}{
		{"announcement", map[string]any{"state": 1.0, "id": "quiet"}, "pattern"},
		{"prisoners-dilemma", map[string]any{"state": 4.0, "pattern": "YY"}, "id"},
	} {
		r := testmodel.Run(t, testmodel.Example(t, tc.example))
		sp, err := robustness.NewSpace(r.Space, r.Prefs)
		if err != nil {
			t.Fatal(err)
		}
		one, err := sp.RunOneStep(context.Background(), []stability.Concept{stability.Nash, stability.GMR, stability.SMR, stability.SEQ}, 0)
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		rr := &report.Robustness{Space: r.Space, Mode: "one-step", Counts: &one.Counts, Base: one.Base, OneStep: one, Title: r.Model.Title}
		if err := report.WriteRobustness(&buf, rr, report.JSON); err != nil {
			t.Fatal(err)
		}
		validate(t, sch, tc.example, buf.Bytes())
		var doc struct {
			States []map[string]any `json:"states"`
		}
		if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
			t.Fatal(err)
		}
		if len(doc.States) == 0 {
			t.Fatalf("%s: no states", tc.example)
		}
		for _, row := range doc.States {
			if _, ok := row[tc.absent]; ok {
				t.Errorf("%s: state %v has %s", tc.example, row["state"], tc.absent)
			}
		}
		for k, want := range tc.first {
			if got := doc.States[0][k]; got != want {
				t.Errorf("%s: first state's %s = %v, want %v (%v)", tc.example, k, got, want, doc.States[0])
			}
		}
	}
}
