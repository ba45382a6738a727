package report_test

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/gmcr/gmcr/analysis"
	"github.com/gmcr/gmcr/model"
	"github.com/gmcr/gmcr/report"
	"github.com/gmcr/gmcr/scenario"
	"github.com/gmcr/gmcr/stability"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

// graphFour is a graph-form model without options: X moves between s0
// and s1 and between s2 and s3, Y between s0 and s2 and between s1 and
// s3. Nash: s3 in the base; with Y's ranking replaced, s1.
const graphFour = `title: Graph four
states: [{id: s0}, {id: s1, name: One}, {id: s2}, {id: s3}]
decision_makers:
  - id: X
    moves: [[s0, s1], [s1, s0], [s2, s3], [s3, s2]]
    preferences: {ranking: [s1, s3, s0, s2]}
  - id: Y
    moves: [[s0, s2], [s2, s0], [s1, s3], [s3, s1]]
    preferences: {ranking: [s2, s3, s0, s1]}
status_quo: s0
scenarios:
  - id: ynew
    preferences:
      Y: {ranking: [s1, s3, s0, s2]}
`

// A comparison of graph-form models names states by id, in every
// format, and its legend and moves do not speak of options.
func TestComparisonGraphForm(t *testing.T) {
	m, err := model.Parse([]byte(graphFour), "g1.yaml")
	if err != nil {
		t.Fatal(err)
	}
	c, err := scenario.Compare(context.Background(), m, nil, analysis.Options{Concepts: []stability.Concept{stability.Nash}})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		f    report.Format
		want []string
	}{
		{report.Text, []string{"State  Base    S1", "s1      (2)    +2", "s3        4  -(4)", "+ s1 (One; base 2, scenario 2): now stable for Y", "(rank 1; to s1)", "States are identified by their id"}},
		{report.Markdown, []string{"| State | Base |   S1 |", "| s1    |  (2) |   +2 |", "**+** s1 (One; base 2, scenario 2)", "(rank 2; to s3)"}},
		{report.JSON, []string{`"id": "s1"`, `"id": "s3"`, `"move": "to s1"`}},
	} {
		var buf bytes.Buffer
		if err := report.WriteComparison(&buf, c, tc.f, report.Options{}); err != nil {
			t.Fatal(err)
		}
		out := buf.String()
		for _, w := range tc.want {
			if !strings.Contains(out, w) {
				t.Errorf("%v: no %q in\n%s", tc.f, w, out)
			}
		}
		for _, bad := range []string{"changes no option", "by the options taken", "Options "} {
			if strings.Contains(out, bad) {
				t.Errorf("%v: %q in a graph-form comparison:\n%s", tc.f, bad, out)
			}
		}
		if tc.f == report.JSON {
			inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(buf.Bytes()))
			if err != nil {
				t.Fatal(err)
			}
			if err := compileSchemas(t).Validate(inst); err != nil {
				t.Errorf("the graph-form comparison does not follow docs/comparison.schema.json: %v", err)
			}
		}
	}
}
