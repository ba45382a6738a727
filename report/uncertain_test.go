package report_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"strings"
	"testing"

	"github.com/gmcr/gmcr/analysis"
	"github.com/gmcr/gmcr/model"
	"github.com/gmcr/gmcr/report"
	"github.com/gmcr/gmcr/stability"
	"github.com/gmcr/gmcr/uncertain"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

func uncertainResult(t *testing.T) (*analysis.Result, *uncertain.Analysis) {
	t.Helper()
	m, err := model.Load("../uncertain/testdata/pd-unknown.yaml")
	if err != nil {
		t.Fatal(err)
	}
	r, err := analysis.Run(context.Background(), m, analysis.Options{Concepts: []stability.Concept{stability.Nash, stability.GMR, stability.SMR, stability.SEQ}})
	if err != nil {
		t.Fatal(err)
	}
	rel, err := uncertain.NewRelation(r.Space, r.Prefs)
	if err != nil {
		t.Fatal(err)
	}
	ua, err := uncertain.Analyze(context.Background(), rel, r.Stability)
	if err != nil {
		t.Fatal(err)
	}
	return r, ua
}

// TestUncertainOutput checks the three formats of WriteUncertain on the
// hand-derived case of package uncertain: the text marks, the JSON against
// docs/uncertain.schema.json and its equilibria, and the CSV columns.
func TestUncertainOutput(t *testing.T) {
	r, ua := uncertainResult(t)
	var text, js, cs bytes.Buffer
	for f, b := range map[report.Format]*bytes.Buffer{report.Text: &text, report.JSON: &js, report.CSV: &cs} {
		if err := report.WriteUncertain(b, r, ua, f); err != nil {
			t.Fatal(err)
		}
	}
	if !strings.Contains(text.String(), "1      0     N N           ....      ..**      ..**      ..**") ||
		!strings.Contains(text.String(), "GMR(c)  2 states: 1, 4") {
		t.Errorf("text:\n%s", text.String())
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(js.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if err := docSchema(t, "uncertain").Validate(doc); err != nil {
		t.Errorf("schema: %v", err)
	}
	var parsed struct {
		Equilibria map[string][]int
		States     []struct{ Stable map[string][]string }
	}
	if err := json.Unmarshal(js.Bytes(), &parsed); err != nil {
		t.Fatal(err)
	}
	if got := parsed.Equilibria["SEQ(c)"]; len(got) != 2 || got[0] != 1 || got[1] != 4 {
		t.Errorf("JSON SEQ(c) equilibria %v", got)
	}
	if got := strings.Join(parsed.States[0].Stable["P1"], ","); got != "GMR(c),GMR(d),SMR(c),SMR(d),SEQ(c),SEQ(d)" {
		t.Errorf("P1's stability at state 1: %s", got)
	}
	recs, err := csv.NewReader(&cs).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 5 || len(recs[0]) != 3+16*2+16 || recs[0][3] != "stable_Nash_a_P1" || recs[0][len(recs[0])-1] != "eq_SEQ_d" {
		t.Errorf("CSV header %v (%d rows)", recs[0], len(recs))
	}
	if err := report.WriteUncertain(&text, r, ua, report.Format(42)); err == nil {
		t.Error("an unknown format accepted")
	}
}

func TestUncertainExplanations(t *testing.T) {
	r, ua := uncertainResult(t)
	ex, err := uncertain.Explain(ua.Relation, uncertain.Concept{Base: stability.SEQ, Ext: uncertain.C}, 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	var text, js bytes.Buffer
	if err := report.WriteUncertainExplanations(&text, r, ua.Relation, []*uncertain.Explanation{ex}, report.Text); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(text.String(), "step 1: P2 moves 2 -> 4 (takes option d2") || !strings.Contains(text.String(), "P1 does not know how it compares with state 1") {
		t.Errorf("text:\n%s", text.String())
	}
	if err := report.WriteUncertainExplanations(&js, r, ua.Relation, []*uncertain.Explanation{ex}, report.JSON); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(js.String(), `"relation": "U"`) || !json.Valid(js.Bytes()) {
		t.Errorf("json:\n%s", js.String())
	}
}
