package report_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"strings"
	"testing"

	"github.com/gmcr/gmcr/analysis"
	"github.com/gmcr/gmcr/examples"
	"github.com/gmcr/gmcr/model"
	"github.com/gmcr/gmcr/report"
	"github.com/gmcr/gmcr/stability"
	"github.com/gmcr/gmcr/strength"
	"github.com/gmcr/gmcr/uncertain"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

func strengthResult(t *testing.T, hybrid bool) (*analysis.Result, *strength.Analysis) {
	t.Helper()
	ex, err := examples.Get("prisoners-dilemma-strength")
	if err != nil {
		t.Fatal(err)
	}
	src := string(ex.Data)
	if hybrid {
		src = strings.Replace(src, "        - 3\n", "        - 3\n      unknown: [[1, 4]]\n", 1)
	}
	m, err := model.Parse([]byte(src), ex.File)
	if err != nil {
		t.Fatal(err)
	}
	r, err := analysis.Run(context.Background(), m, analysis.Options{Concepts: []stability.Concept{stability.Nash, stability.GMR, stability.SMR, stability.SEQ}})
	if err != nil {
		t.Fatal(err)
	}
	rel, err := strength.NewRelation(r.Space, r.Prefs)
	if err != nil {
		t.Fatal(err)
	}
	sa, err := strength.Analyze(context.Background(), rel, r.Stability)
	if err != nil {
		t.Fatal(err)
	}
	return r, sa
}

// TestStrengthOutput checks the four formats of WriteStrength on the
// hand-derived example (examples/EXPECTED.md): the text marks, the
// Markdown table, the JSON against docs/strength.schema.json and its
// equilibria, and the CSV columns; with unknown comparisons too.
func TestStrengthOutput(t *testing.T) {
	for _, hybrid := range []bool{false, true} {
		r, sa := strengthResult(t, hybrid)
		var text, md, js, cs bytes.Buffer
		for f, b := range map[report.Format]*bytes.Buffer{report.Text: &text, report.Markdown: &md, report.JSON: &js, report.CSV: &cs} {
			if err := report.WriteStrength(b, r, sa, f); err != nil {
				t.Fatal(err)
			}
		}
		doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(js.Bytes()))
		if err != nil {
			t.Fatal(err)
		}
		if err := docSchema(t, "strength").Validate(doc); err != nil {
			t.Errorf("schema: %v", err)
		}
		var parsed struct {
			Equilibria map[string]struct{ Strong, Weak []int }
			States     []struct{ Stability map[string]map[string]string }
		}
		if err := json.Unmarshal(js.Bytes(), &parsed); err != nil {
			t.Fatal(err)
		}
		recs, err := csv.NewReader(&cs).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		if !hybrid {
			if !strings.Contains(text.String(), "1      0     N N      .. .  WS W  WS W  WS W") || !strings.Contains(text.String(), "GMR     strong: 4; weak: 1") {
				t.Errorf("text:\n%s", text.String())
			}
			if !strings.Contains(md.String(), "| 1 | 0 | N N | .. . | WS W | WS W | WS W |") {
				t.Errorf("markdown:\n%s", md.String())
			}
			if e := parsed.Equilibria["SEQ"]; len(e.Strong) != 1 || e.Strong[0] != 4 || len(e.Weak) != 1 || e.Weak[0] != 1 {
				t.Errorf("JSON SEQ equilibria %+v", e)
			}
			if got := parsed.States[0].Stability["P1"]["GMR"]; got != "weak" {
				t.Errorf("P1's GMR at state 1: %s", got)
			}
			if len(recs) != 5 || len(recs[0]) != 3+4*2+4 || recs[0][3] != "Nash_P1" || recs[1][5] != "1" || recs[1][6] != "2" || recs[0][len(recs[0])-1] != "eq_SEQ" {
				t.Errorf("CSV %v", recs)
			}
			continue
		}
		if e := parsed.Equilibria["GMR(c)"]; len(e.Strong) != 2 || len(e.Weak) != 0 {
			t.Errorf("JSON GMR(c) equilibria %+v", e)
		}
		if len(recs[0]) != 3+16*2+16 || recs[0][3] != "Nash_a_P1" {
			t.Errorf("CSV header %v", recs[0])
		}
	}
}

func TestStrengthExplanationsAndEvolution(t *testing.T) {
	r, sa := strengthResult(t, false)
	ex, err := strength.Explain(context.Background(), sa.Relation, uncertain.Concept{Base: stability.GMR, Ext: uncertain.A}, 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	var text, js bytes.Buffer
	if err := report.WriteStrengthExplanations(&text, r, sa.Relation, []*strength.Explanation{ex}, report.Text); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(text.String(), "GMR stability of state 1 for P1: weakly stable") || !strings.Contains(text.String(), "P1 mildly prefers state 1 (mild sanction): the sanction is mild") {
		t.Errorf("text:\n%s", text.String())
	}
	if err := report.WriteStrengthExplanations(&js, r, sa.Relation, []*strength.Explanation{ex}, report.JSON); err != nil {
		t.Fatal(err)
	}
	// No comparison is unknown: the concept carries no extension, as in
	// the text and as the schema says.
	if !strings.Contains(js.String(), `"sanction": "mild"`) || !strings.Contains(js.String(), `"end_relation": "<"`) || !strings.Contains(js.String(), `"concept": "GMR"`) || !json.Valid(js.Bytes()) {
		t.Errorf("json:\n%s", js.String())
	}
	ev := &report.StrengthEvolution{Start: 0}
	for _, k := range strength.MoveKinds {
		e, err := strength.Evolve(sa.Relation, 0, k)
		if err != nil {
			t.Fatal(err)
		}
		ev.Runs = append(ev.Runs, e)
	}
	text.Reset()
	if err := report.WriteStrengthEvolution(&text, r, sa, ev, report.Text); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(text.String(), "4      Y Y      -             2                   S     S    S    S") {
		t.Errorf("evolution:\n%s", text.String())
	}
	js.Reset()
	if err := report.WriteStrengthEvolution(&js, r, sa, ev, report.JSON); err != nil || !json.Valid(js.Bytes()) {
		t.Errorf("evolution json: %v\n%s", err, js.String())
	}
}

// TestStrengthExplainEscape checks that a mild SMR sanction ending in a
// strongly worse state is explained by the DM's escape from it (P1 ranks
// 2 >> 1 > 3 >> 4, P2 4 > 3 > 1 > 2; at state 1, P2 answers 1 -> 2 with
// 2 -> 4, and P1 escapes 4 -> 3), and that the text never calls a state
// strongly worse a mild sanction without the escape.
func TestStrengthExplainEscape(t *testing.T) {
	m, err := model.Parse([]byte(`title: t
options: [{id: d1}, {id: d2}]
decision_makers:
  - id: P1
    options: [d1]
    preferences: {ranking: [2, ">>", 1, 3, ">>", 4]}
  - id: P2
    options: [d2]
    preferences: {ranking: [4, 3, 1, 2]}
`), "smr.yaml")
	if err != nil {
		t.Fatal(err)
	}
	r, err := analysis.Run(context.Background(), m, analysis.Options{Concepts: []stability.Concept{stability.Nash, stability.GMR, stability.SMR, stability.SEQ}})
	if err != nil {
		t.Fatal(err)
	}
	rel, err := strength.NewRelation(r.Space, r.Prefs)
	if err != nil {
		t.Fatal(err)
	}
	ex, err := strength.Explain(context.Background(), rel, uncertain.Concept{Base: stability.SMR, Ext: uncertain.A}, 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	var text, js bytes.Buffer
	if err := report.WriteStrengthExplanations(&text, r, rel, []*strength.Explanation{ex}, report.Text); err != nil {
		t.Fatal(err)
	}
	got := text.String()
	if !strings.Contains(got, "It ends at state 4; P1 strongly prefers state 1, but P1 escapes: P1 moves 4 -> 3") ||
		!strings.Contains(got, "P1 mildly prefers state 1 (mild sanction): the sanction is mild.") ||
		strings.Contains(got, "(strong sanction): the sanction is mild") {
		t.Errorf("text:\n%s", got)
	}
	if err := report.WriteStrengthExplanations(&js, r, rel, []*strength.Explanation{ex}, report.JSON); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(js.String(), `"escape": 3`) || !json.Valid(js.Bytes()) {
		t.Errorf("json:\n%s", js.String())
	}
}

// TestStrengthEvolutionGraphForm checks that the status quo analysis
// under strength of preference labels graph-form states by their ids, as
// every other state table does (text, Markdown and JSON).
func TestStrengthEvolutionGraphForm(t *testing.T) {
	ex, err := examples.Get("announcement")
	if err != nil {
		t.Fatal(err)
	}
	src := strings.Replace(string(ex.Data), "ranking: [announced, quiet, retaliation]", `ranking: [announced, ">>", quiet, retaliation]`, 1)
	m, err := model.Parse([]byte(src), ex.File)
	if err != nil {
		t.Fatal(err)
	}
	r, err := analysis.Run(context.Background(), m, analysis.Options{Concepts: []stability.Concept{stability.Nash, stability.GMR, stability.SMR, stability.SEQ}})
	if err != nil {
		t.Fatal(err)
	}
	rel, err := strength.NewRelation(r.Space, r.Prefs)
	if err != nil {
		t.Fatal(err)
	}
	sa, err := strength.Analyze(context.Background(), rel, r.Stability)
	if err != nil {
		t.Fatal(err)
	}
	ev := &report.StrengthEvolution{Start: 0}
	for _, k := range strength.MoveKinds {
		e, err := strength.Evolve(sa.Relation, 0, k)
		if err != nil {
			t.Fatal(err)
		}
		ev.Runs = append(ev.Runs, e)
	}
	for _, f := range []report.Format{report.Text, report.Markdown} {
		var b bytes.Buffer
		if err := report.WriteStrengthEvolution(&b, r, sa, ev, f); err != nil {
			t.Fatal(err)
		}
		var header, row string
		for _, l := range strings.Split(b.String(), "\n") {
			if strings.Contains(l, "steps:strong") && header == "" {
				header = l
			}
			if strings.Contains(l, "retaliation") && strings.Contains(l, "3") && row == "" && header != "" {
				row = l
			}
		}
		if !strings.Contains(header, "Id") || row == "" {
			t.Errorf("%v: header %q, row of state 3 %q:\n%s", f, header, row, b.String())
		}
	}
	var js bytes.Buffer
	if err := report.WriteStrengthEvolution(&js, r, sa, ev, report.JSON); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		States []struct {
			Number int    `json:"number"`
			ID     string `json:"id"`
		} `json:"states"`
	}
	if err := json.Unmarshal(js.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	ids := []string{}
	for _, s := range doc.States {
		ids = append(ids, s.ID)
	}
	if strings.Join(ids, ",") != "quiet,announced,retaliation" {
		t.Errorf("json ids %v:\n%s", ids, js.String())
	}
}
