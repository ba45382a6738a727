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
	"github.com/santhosh-tekuri/jsonschema/v6"
)

// pdUnknown is the Prisoner's Dilemma with P1 unsure whether mutual
// cooperation (1) beats mutual defection (4), and two scenarios: one
// clearing the doubt, one making P2 unsure of its own first statement.
const pdUnknown = `title: PD
options: [{id: d1}, {id: d2}]
decision_makers:
  - id: P1
    options: [d1]
    preferences:
      ranking: [2, 1, 4, 3]
      unknown: [[1, 4]]
  - id: P2
    options: [d2]
    preferences:
      statements: ["not d1", "d2"]
scenarios:
  - id: known
    name: P1 knows
    preferences:
      P1: {clear_unknown: true}
  - id: p2_unsure
    preferences:
      P2: {unsure: ["not d1"]}
  - id: p1_defects
    force: [d1]
`

// TestUncertainComparison checks the comparison of the Prisoner's
// Dilemma scenarios by hand. Base: under (a) and (b) P1's move 1 -> 2 is
// sanctioned only by P2's move to 4, of unknown comparison with 1, so
// mutual cooperation (1) is GMR/SMR/SEQ-stable only in (c) and (d);
// clearing the doubt (P1 prefers 1 to 4) makes it stable in (a) and (b)
// too. Making P2 unsure of "not d1" changes nothing: P2's only choice is
// d2, and its comparisons of its own moves rest on "d2" at every state
// (1 vs 3: "not d1" holds at both; 2 vs 4 likewise). Forcing d1 makes
// mutual cooperation infeasible: it is lost, marked x, wherever it was an
// equilibrium (GMR, SMR and SEQ in (c) and (d)).
func TestUncertainComparison(t *testing.T) {
	m, err := model.Parse([]byte(pdUnknown), "pd.yaml")
	if err != nil {
		t.Fatal(err)
	}
	c, err := scenario.CompareUncertain(context.Background(), m, nil, analysis.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := report.WriteUncertainComparison(&buf, c, report.Text); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{
		"Scenario known: P1 knows\n",
		"GMR      1 of 1 +1  1 of 1 +1  2 of 2  2 of 2\n",
		"SEQ      1 of 1 +1  1 of 1 +1  2 of 2  2 of 2\n",
		"  GMR(a), GMR(b), SMR(a), SMR(b), SEQ(a), SEQ(b): 1\n",
		"Unknown comparisons: P1: 1 unknown group; P2: 1 unsure statement.\n",
		"Every equilibrium of the base model is kept under every definition, and none appears.\n",
		"  GMR(c), GMR(d), SMR(c), SMR(d), SEQ(c), SEQ(d): 1x\n",
		"x: infeasible in the scenario.\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("the text lacks %q:\n%s", want, out)
		}
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
	if !strings.Contains(buf.String(), `"GMR(a)": [
      4
    ]`) {
		t.Errorf("base GMR(a) equilibria should be [4]:\n%s", buf.String())
	}
}
