package report_test

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/gmcr/gmcr/analysis"
	"github.com/gmcr/gmcr/model"
	"github.com/gmcr/gmcr/report"
	"github.com/gmcr/gmcr/scenario"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

// brokenScenarios has a scenario that rules out every state between two
// that work.
const brokenScenarios = `title: Broken scenario
options: [{id: a}, {id: b}]
decision_makers:
  - id: P1
    options: [a]
    preferences: {statements: ["a"]}
  - id: P2
    options: [b]
    preferences: {statements: ["b"]}
scenarios:
  - id: good
    forbid: [a]
  - id: broken
    name: Nothing is possible
    force: [a]
    infeasible: ["a"]
  - id: also_good
    forbid: [b]
`

// A scenario that could not be analysed keeps its place and label in
// every format; the JSON stays valid against the schema.
func TestComparisonWithFailedScenario(t *testing.T) {
	m, err := model.Parse([]byte(brokenScenarios), "b.yaml")
	if err != nil {
		t.Fatal(err)
	}
	c, err := scenario.CompareEach(context.Background(), m, nil, analysis.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := report.WriteComparison(&buf, c, report.Text, report.Options{}); err != nil {
		t.Fatal(err)
	}
	text := buf.String()
	for _, want := range []string{
		"  S2 broken: Nothing is possible\n      Changes: force a; infeasible: a\n      Could not be analysed, left out of the tables: b.yaml:15:13: ",
		"\nS2     failed\n",
		"\nS3          2  1 (+1 -1)",
		"Options  Base  S1  S3\n",
		"S3 also_good: 0 kept, 1 appeared, 1 disappeared",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("text lacks %q:\n%s", want, text)
		}
	}
	buf.Reset()
	if err := report.WriteComparison(&buf, c, report.Markdown, report.Options{}); err != nil {
		t.Fatal(err)
	}
	if md := buf.String(); !strings.Contains(md, "- **S2** broken: Nothing is possible\n") || !strings.Contains(md, "| Options | Base |   S1 |   S3 |") {
		t.Errorf("markdown lacks the failed scenario or the S1/S3 table:\n%s", md)
	}

	buf.Reset()
	if err := report.WriteComparison(&buf, c, report.JSON, report.Options{}); err != nil {
		t.Fatal(err)
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	sch := compileSchemas(t)
	if err := sch.Validate(inst); err != nil {
		t.Errorf("the comparison with a failed scenario does not follow docs/comparison.schema.json: %v\n%s", err, buf.String())
	}
	var doc struct {
		Scenarios []map[string]any `json:"scenarios"`
	}
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Scenarios) != 3 {
		t.Fatalf("%d scenarios in the JSON, want 3", len(doc.Scenarios))
	}
	bad := doc.Scenarios[1]
	if bad["id"] != "broken" || !strings.Contains(bad["error"].(string), "b.yaml:15:13: ") || bad["concepts"] != nil || bad["state_count"] != nil {
		t.Errorf("broken in JSON: %v", bad)
	}
	if doc.Scenarios[2]["error"] != nil || doc.Scenarios[2]["state_count"] != 2.0 {
		t.Errorf("also_good in JSON: %v", doc.Scenarios[2])
	}
	// The schema refuses a failed scenario that also claims an analysis.
	both := strings.Replace(buf.String(), `"error": `, `"state_count": 1, "error": `, 1)
	inst, _ = jsonschema.UnmarshalJSON(strings.NewReader(both))
	if sch.Validate(inst) == nil {
		t.Error("the schema accepts a scenario with both an error and a state count")
	}
}

// The comparison under uncertainty shows a failed scenario in place, and
// its JSON stays valid.
func TestUncertainComparisonWithFailedScenario(t *testing.T) {
	src := `title: T
options: [{id: a}, {id: b}]
decision_makers:
  - {id: P1, options: [a], preferences: {statements: [a]}}
  - {id: P2, options: [b], preferences: {statements: [b]}}
scenarios:
  - id: s
    preferences:
      P2: {unknown: [[1, 7]]}
  - id: ok
    preferences:
      P2: {unknown: [[1, 2]]}
`
	m, err := model.Parse([]byte(src), "u.yaml")
	if err != nil {
		t.Fatal(err)
	}
	c, err := scenario.CompareUncertainEach(context.Background(), m, nil, analysis.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if f := c.Failed(); len(f) != 1 || f[0].Scenario.ID != "s" || len(c.Scenarios) != 2 || c.Scenarios[1].Err != nil {
		t.Fatalf("failed %v of %d", f, len(c.Scenarios))
	}
	var buf bytes.Buffer
	if err := report.WriteUncertainComparison(&buf, c, report.Text); err != nil {
		t.Fatal(err)
	}
	if out := buf.String(); !strings.Contains(out, "Scenario s\n==========\nCould not be analysed: u.yaml:9:22: state 7") || !strings.Contains(out, "Scenario ok\n") {
		t.Errorf("text:\n%s", out)
	}
	buf.Reset()
	if err := report.WriteUncertainComparison(&buf, c, report.JSON); err != nil {
		t.Fatal(err)
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if err := docSchema(t, "uncertain-comparison").Validate(inst); err != nil {
		t.Errorf("the JSON does not follow docs/uncertain-comparison.schema.json: %v\n%s", err, buf.String())
	}
	if !strings.Contains(buf.String(), `"error": "u.yaml:9:22: `) {
		t.Errorf("the JSON lacks the error:\n%s", buf.String())
	}
}
