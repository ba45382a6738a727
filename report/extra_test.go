package report_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/gmcr/gmcr/analysis"
	"github.com/gmcr/gmcr/evolve"
	"github.com/gmcr/gmcr/internal/testmodel"
	"github.com/gmcr/gmcr/model"
	"github.com/gmcr/gmcr/report"
	"github.com/gmcr/gmcr/stability"
	"github.com/gmcr/gmcr/uncertain"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

// pduExtra analyses the Prisoner's Dilemma with P1's unknown comparison
// of states 1 and 4 with GMR, a few unknown-preference definitions, L3 and
// NM.
func pduExtra(t *testing.T) *analysis.Result {
	t.Helper()
	sel, err := analysis.ParseConcepts("GMR,nm,gmr-a,gmr-c,seq-d,l3", 2)
	if err != nil {
		t.Fatal(err)
	}
	r, err := analysis.Run(context.Background(), testmodel.Example(t, "prisoners-dilemma-unknown"), analysis.Options{Concepts: sel.Standard, Extra: sel.Extra})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// TestExtraGolden writes the analysis with extra concepts in every format
// and layout, and checks the values that matter by hand (examples/
// EXPECTED.md): mutual cooperation (1) is a GMR(c) and SEQ(d) equilibrium
// but not a GMR(a) one, since P1's only sanction (state 4) is of unknown
// preference to it; L3 and NM take both 1 and 4.
func TestExtraGolden(t *testing.T) {
	r := pduExtra(t)
	for _, f := range report.Formats {
		var buf bytes.Buffer
		if err := report.Write(&buf, r, f, report.Options{}); err != nil {
			t.Fatal(err)
		}
		golden(t, "pdu-extra."+ext[f], buf.Bytes())
		switch f {
		case report.JSON:
			var doc struct {
				Concepts   []string         `json:"concepts"`
				Equilibria map[string][]int `json:"equilibria"`
				States     []struct {
					Stable map[string][]string `json:"stable"`
				} `json:"states"`
			}
			if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
				t.Fatal(err)
			}
			if want := []string{"GMR", "GMR(a)", "GMR(c)", "SEQ(d)", "L3", "NM"}; !slices.Equal(doc.Concepts, want) {
				t.Errorf("concepts %v, want %v", doc.Concepts, want)
			}
			for c, want := range map[string][]int{"GMR": {1, 4}, "GMR(a)": {4}, "GMR(c)": {1, 4}, "SEQ(d)": {1, 4}, "L3": {1, 4}, "NM": {1, 4}} {
				if !slices.Equal(doc.Equilibria[c], want) {
					t.Errorf("%s equilibria %v, want %v", c, doc.Equilibria[c], want)
				}
			}
			if got := doc.States[0].Stable["P1"]; !slices.Equal(got, []string{"GMR", "GMR(c)", "SEQ(d)", "L3", "NM"}) {
				t.Errorf("state 1 stable for P1 under %v", got)
			}
		case report.CSV:
			recs, err := csv.NewReader(&buf).ReadAll()
			if err != nil {
				t.Fatal(err)
			}
			col := slices.Index(recs[0], "stable_GMR_a_P1")
			if col < 0 || recs[1][col] != "0" || recs[1][slices.Index(recs[0], "stable_GMR_c_P1")] != "1" || recs[1][slices.Index(recs[0], "eq_L3")] != "1" {
				t.Errorf("CSV columns: %v / %v", recs[0], recs[1])
			}
		}
	}
	var buf bytes.Buffer
	if err := report.Write(&buf, r, report.Text, report.Options{Layout: report.Rows}); err != nil {
		t.Fatal(err)
	}
	golden(t, "pdu-extra-rows.txt", buf.Bytes())
	if !strings.Contains(buf.String(), "* GMR, GMR(c), SEQ(d), L3, NM") {
		t.Errorf("rows layout: state 1's equilibria missing:\n%s", buf.String())
	}
}

// TestExtraExplainGolden explains state 1 for P1 under GMR(a) (unstable:
// P2's defection ends in state 4, of unknown preference to P1), GMR(c)
// (stable by the same sequence) and L3, and checks the documents against
// docs/explanation.schema.json.
func TestExtraExplainGolden(t *testing.T) {
	r := pduExtra(t)
	var xs []*analysis.ExtraExplanation
	for _, k := range []string{"gmr-a", "gmr-c", "l3", "nm"} {
		ex, err := analysis.ExplainExtra(context.Background(), r, k, 0, 0, analysis.Options{})
		if err != nil {
			t.Fatal(err)
		}
		xs = append(xs, ex)
	}
	if xs[0].Stable || !xs[1].Stable || xs[1].Moves[0].Relation != "U" || xs[1].Moves[0].End != 3 {
		t.Fatalf("GMR(a)/GMR(c) at state 1 for P1: %+v %+v", xs[0], xs[1])
	}
	std, err := stability.Explain(r.Space, r.Prefs, stability.GMR, 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	sch := docSchema(t, "explanation")
	for _, f := range []report.Format{report.Text, report.Markdown, report.JSON} {
		var buf bytes.Buffer
		if err := report.WriteExplanationsExtra(&buf, r, []*stability.Explanation{std}, xs, f, report.Options{}); err != nil {
			t.Fatal(err)
		}
		golden(t, "pdu-extra-explain."+ext[f], buf.Bytes())
		if f == report.JSON {
			inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(buf.Bytes()))
			if err != nil {
				t.Fatal(err)
			}
			if err := sch.Validate(inst); err != nil {
				t.Errorf("explanation does not follow the schema: %v", err)
			}
		}
	}
}

// TestExtraSchema validates analysis documents with extra concepts.
func TestExtraSchema(t *testing.T) {
	sch := docSchema(t, "analysis")
	sel, _ := analysis.ParseConcepts("all,limited", 3)
	r, err := analysis.Run(context.Background(), testmodel.Example(t, "prisoners-dilemma-unknown"), analysis.Options{Concepts: sel.Standard, Extra: sel.Extra, Implied: sel.All})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Extra) != 18 {
		t.Fatalf("%d extra concepts, want 16 + L3 + NM", len(r.Extra))
	}
	var buf bytes.Buffer
	if err := report.Write(&buf, r, report.JSON, report.Options{}); err != nil {
		t.Fatal(err)
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if err := sch.Validate(inst); err != nil {
		t.Errorf("does not follow the schema: %v", err)
	}
}

// pdUnknownStep is the Prisoner's Dilemma where P1 does not know whether
// defecting alone from mutual cooperation (state 1 -> 2) is better.
const pdUnknownStep = `title: PD with an unknown step
options:
  - id: d1
  - id: d2
decision_makers:
  - id: P1
    options: [d1]
    preferences:
      ranking: [2, 1, 4, 3]
      unknown:
        - states: [1, 2]
  - id: P2
    options: [d2]
    preferences:
      ranking: [3, 1, 4, 2]
`

// TestEvolveUncertain writes a status quo analysis under unknown
// preferences with credible moves (from state 1, P1's defection to state
// 2 is of unknown preference to it) in text, JSON (checked against
// docs/evolution.schema.json) and DOT, and checks the marks of the step
// of unknown preference and the extra equilibria followed.
func TestEvolveUncertain(t *testing.T) {
	m, err := model.Parse([]byte(pdUnknownStep), "step.yaml")
	if err != nil {
		t.Fatal(err)
	}
	sel, _ := analysis.ParseConcepts("GMR,gmr-a,gmr-c", 2)
	r, err := analysis.Run(context.Background(), m, analysis.Options{Concepts: sel.Standard, Extra: sel.Extra})
	if err != nil {
		t.Fatal(err)
	}
	rel, err := uncertain.NewRelation(r.Space, r.Prefs)
	if err != nil {
		t.Fatal(err)
	}
	var extra []evolve.Equilibria
	for _, x := range r.Extra {
		extra = append(extra, evolve.Equilibria{Name: x.Name, States: x.Equilibria()})
	}
	ev, err := evolve.Analyze(context.Background(), r.Stability, 0, evolve.Options{Relation: rel, Credible: true, Extra: extra, To: []int{1}})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := report.WriteEvolution(&buf, r, ev, report.Text, report.Options{}); err != nil {
		t.Fatal(err)
	}
	golden(t, "step-evolve-credible.txt", buf.Bytes())
	for _, want := range []string{"P1 moves 1 -> 2: takes option d1; P1's rank 2 -> 1 (a move of unknown preference for P1)", "the moves of extensions (a) and (c)", "equilibrium under GMR, GMR(a,c)"} {
		if !strings.Contains(buf.String(), want) {
			t.Errorf("text lacks %q:\n%s", want, buf.String())
		}
	}
	buf.Reset()
	if err := report.WriteEvolution(&buf, r, ev, report.JSON, report.Options{}); err != nil {
		t.Fatal(err)
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if err := docSchema(t, "evolution").Validate(inst); err != nil {
		t.Errorf("evolution does not follow the schema: %v", err)
	}
	if !strings.Contains(buf.String(), `"steps": "credible"`) || !strings.Contains(buf.String(), `"unknown": true`) {
		t.Errorf("json lacks the steps or the unknown mark:\n%s", buf.String())
	}
	d, err := ev.DiagramOf(evolve.DiagramOptions{Show: evolve.ShowAll, MaxNodes: 50})
	if err != nil {
		t.Fatal(err)
	}
	buf.Reset()
	if err := report.WriteEvolutionDOT(&buf, r, ev, d); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), `(unknown preference)`) {
		t.Errorf("dot lacks the unknown mark:\n%s", buf.String())
	}
}
