package report_test

import (
	"bytes"
	"context"
	"testing"

	"github.com/gmcr/gmcr/analysis"
	"github.com/gmcr/gmcr/model"
	"github.com/gmcr/gmcr/report"
	"github.com/gmcr/gmcr/stability"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

// TestSchema validates the analysis and states documents against
// docs/analysis.schema.json.
func TestSchema(t *testing.T) {
	sch := docSchema(t, "analysis")
	check := func(name string, out []byte) {
		t.Helper()
		inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(out))
		if err != nil {
			t.Fatalf("%s: not JSON: %v", name, err)
		}
		if err := sch.Validate(inst); err != nil {
			t.Errorf("%s does not follow the schema: %v", name, err)
		}
	}
	for _, tc := range []struct {
		name     string
		m        *model.Model
		concepts []stability.Concept
	}{
		{"elmira", elmira(t), nil},
		{"wide", wide(t), nil},
		{"elmira GMR,SIM", elmira(t), []stability.Concept{stability.GMR, stability.SIM}},
		{"hypergame", hypergame(t), nil},
	} {
		r := run(t, tc.m, tc.concepts)
		var buf bytes.Buffer
		if err := report.Write(&buf, r, report.JSON, report.Options{}); err != nil {
			t.Fatal(err)
		}
		check(tc.name+" analysis", buf.Bytes())
		p, err := analysis.Prepare(context.Background(), tc.m, analysis.Options{})
		if err != nil {
			t.Fatal(err)
		}
		buf.Reset()
		if err := report.WriteStates(&buf, p, report.JSON, report.Options{}); err != nil {
			t.Fatal(err)
		}
		check(tc.name+" states", buf.Bytes())
	}
	// The schema must reject a states document claiming to be an analysis.
	p, _ := analysis.Prepare(context.Background(), elmira(t), analysis.Options{})
	var buf bytes.Buffer
	report.WriteStates(&buf, p, report.JSON, report.Options{})
	bad := bytes.Replace(buf.Bytes(), []byte(`"kind": "states"`), []byte(`"kind": "analysis"`), 1)
	inst, _ := jsonschema.UnmarshalJSON(bytes.NewReader(bad))
	if sch.Validate(inst) == nil {
		t.Error("the schema accepts an analysis without equilibria")
	}
}
