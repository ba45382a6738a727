package report_test

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/gmcr/gmcr/analysis"
	"github.com/gmcr/gmcr/model"
	"github.com/gmcr/gmcr/model/statement"
	"github.com/gmcr/gmcr/report"
	"github.com/gmcr/gmcr/stability"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

func stmt(t testing.TB, text string) model.Statement {
	t.Helper()
	e, err := statement.Parse(text)
	if err != nil {
		t.Fatalf("parse %q: %v", text, err)
	}
	return model.Statement{Text: text, Expr: e}
}

// elmira builds the Elmira groundwater conflict (Fang, Hipel & Kilgour
// 1993) in code, as examples/elmira.yaml states it: 12 feasible states,
// direct rankings with ties, a status quo.
func elmira(t testing.TB) *model.Model {
	return &model.Model{
		Title: "Elmira groundwater contamination conflict",
		Options: []model.Option{
			{ID: "modify", Name: "MoE modifies the control order", Reversibility: model.Forward},
			{ID: "delay", Name: "Uniroyal delays the appeal process", Reversibility: model.Backward},
			{ID: "accept", Name: "Uniroyal accepts the current control order"},
			{ID: "abandon", Name: "Uniroyal abandons its Elmira operation", Reversibility: model.Forward},
			{ID: "insist", Name: "Local government insists on the original control order"},
		},
		DMs: []model.DM{
			{ID: "MoE", Name: "Ontario Ministry of the Environment", Options: []string{"modify"},
				Prefs: model.Preferences{Ranking: [][]int{{9}, {3}, {4}, {10}, {7}, {1}, {2}, {8}, {5, 6, 11, 12}}}},
			{ID: "Uniroyal", Name: "Uniroyal Chemical Ltd.", Options: []string{"delay", "accept", "abandon"},
				Prefs: model.Preferences{Ranking: [][]int{{1}, {4}, {10}, {7}, {5, 6, 11, 12}, {2}, {3}, {9}, {8}}}},
			{ID: "LG", Name: "Local government", Options: []string{"insist"},
				Prefs: model.Preferences{Ranking: [][]int{{9}, {3}, {7}, {1}, {10}, {8}, {4}, {2}, {5, 6, 11, 12}}}},
		},
		Infeasible: []model.Statement{
			stmt(t, "not delay and not accept and not abandon"),
			stmt(t, "delay and accept"),
			stmt(t, "delay and abandon"),
			stmt(t, "accept and abandon"),
		},
		StatusQuo: &model.StatusQuo{Taken: []string{"delay"}},
	}
}

// wide builds a two-DM model with 64 states and statement preferences, to
// exercise the automatic rows layout.
func wide(t testing.TB) *model.Model {
	return &model.Model{
		Title:   "Wide test conflict",
		Options: []model.Option{{ID: "a1"}, {ID: "a2"}, {ID: "a3"}, {ID: "b1"}, {ID: "b2"}, {ID: "b3"}},
		DMs: []model.DM{
			{ID: "A", Name: "Alpha", Options: []string{"a1", "a2", "a3"}, Prefs: model.Preferences{Statements: []model.Statement{stmt(t, "not b1"), stmt(t, "a1 or a2"), stmt(t, "not a3")}}},
			{ID: "B", Name: "Beta", Options: []string{"b1", "b2", "b3"}, Prefs: model.Preferences{Statements: []model.Statement{stmt(t, "not a1"), stmt(t, "b1 IF a2"), stmt(t, "b3")}}},
		},
	}
}

func run(t testing.TB, m *model.Model, concepts []stability.Concept) *analysis.Result {
	t.Helper()
	r, err := analysis.Run(context.Background(), m, analysis.Options{Concepts: concepts})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./report -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file (run go test ./report -update after checking the change):\n--- got ---\n%s", name, got)
	}
}

var ext = map[report.Format]string{report.Text: "txt", report.Markdown: "md", report.JSON: "json", report.CSV: "csv"}

func TestAnalysisGolden(t *testing.T) {
	r := run(t, elmira(t), nil)
	for _, f := range report.Formats {
		var buf bytes.Buffer
		if err := report.Write(&buf, r, f, report.Options{}); err != nil {
			t.Fatal(err)
		}
		golden(t, "elmira."+ext[f], buf.Bytes())
	}
	var buf bytes.Buffer
	if err := report.Write(&buf, r, report.Text, report.Options{Layout: report.Rows}); err != nil {
		t.Fatal(err)
	}
	golden(t, "elmira-rows.txt", buf.Bytes())
	buf.Reset()
	if err := report.Write(&buf, r, report.Markdown, report.Options{Layout: report.Rows}); err != nil {
		t.Fatal(err)
	}
	golden(t, "elmira-rows.md", buf.Bytes())
}

func TestStatesGolden(t *testing.T) {
	r, err := analysis.Prepare(context.Background(), elmira(t), analysis.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range report.Formats {
		var buf bytes.Buffer
		if err := report.WriteStates(&buf, r, f, report.Options{}); err != nil {
			t.Fatal(err)
		}
		golden(t, "elmira-states."+ext[f], buf.Bytes())
	}
}

func explanations(t testing.TB, r *analysis.Result, s int) []*stability.Explanation {
	var exs []*stability.Explanation
	for _, c := range stability.Concepts {
		for dm := range r.Space.DMs {
			ex, err := stability.Explain(r.Space, r.Prefs, c, dm, s)
			if err != nil {
				t.Fatal(err)
			}
			exs = append(exs, ex)
		}
	}
	return exs
}

func TestExplainGolden(t *testing.T) {
	r, err := analysis.Prepare(context.Background(), elmira(t), analysis.Options{})
	if err != nil {
		t.Fatal(err)
	}
	// State 1 (the status quo) and state 4 cover Nash, sanctions by
	// sequences, SMR counter-moves and SIM choices.
	exs := append(explanations(t, r, 0), explanations(t, r, 3)...)
	for _, f := range []report.Format{report.Text, report.Markdown, report.JSON} {
		var buf bytes.Buffer
		if err := report.WriteExplanations(&buf, r, exs, f, report.Options{}); err != nil {
			t.Fatal(err)
		}
		golden(t, "elmira-explain."+ext[f], buf.Bytes())
	}
	// The wide model has SEQ and SIM sanctions by the other DM's
	// improvements.
	w, err := analysis.Prepare(context.Background(), wide(t), analysis.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := report.WriteExplanations(&buf, w, append(explanations(t, w, 0), explanations(t, w, 10)...), report.Text, report.Options{}); err != nil {
		t.Fatal(err)
	}
	golden(t, "wide-explain.txt", buf.Bytes())
	if err := report.WriteExplanations(&bytes.Buffer{}, r, exs, report.CSV, report.Options{}); err == nil {
		t.Error("CSV explanations: no error")
	}
}

func TestWideAutoRows(t *testing.T) {
	r := run(t, wide(t), nil)
	var buf bytes.Buffer
	if err := report.Write(&buf, r, report.Text, report.Options{}); err != nil {
		t.Fatal(err)
	}
	golden(t, "wide.txt", buf.Bytes())
	if !strings.Contains(buf.String(), "Rank A") {
		t.Error("a 64-state model is not laid out one state per row")
	}
	buf.Reset()
	if err := report.Write(&buf, r, report.Text, report.Options{Layout: report.Columns}); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(buf.String(), "Rank A") || !strings.Contains(buf.String(), "  a1 ") {
		t.Error("Layout Columns is not honoured")
	}
}

// TestDeterministic renders every format twice, from two separate runs,
// and requires byte-identical output.
func TestDeterministic(t *testing.T) {
	render := func() []byte {
		var all bytes.Buffer
		for _, m := range []*model.Model{elmira(t), wide(t)} {
			r := run(t, m, nil)
			for _, f := range report.Formats {
				if err := report.Write(&all, r, f, report.Options{}); err != nil {
					t.Fatal(err)
				}
				if err := report.WriteStates(&all, r, f, report.Options{}); err != nil {
					t.Fatal(err)
				}
			}
			for _, f := range []report.Format{report.Text, report.Markdown, report.JSON} {
				if err := report.WriteExplanations(&all, r, explanations(t, r, 1), f, report.Options{}); err != nil {
					t.Fatal(err)
				}
			}
		}
		return all.Bytes()
	}
	a, b := render(), render()
	if !bytes.Equal(a, b) {
		t.Fatal("two runs gave different output")
	}
}

func TestConceptSubset(t *testing.T) {
	r := run(t, elmira(t), []stability.Concept{stability.GMR, stability.SEQ})
	var buf bytes.Buffer
	if err := report.Write(&buf, r, report.JSON, report.Options{}); err != nil {
		t.Fatal(err)
	}
	s := buf.String()
	if strings.Contains(s, `"Nash": [`) || !strings.Contains(s, `"GMR": [`) || !strings.Contains(s, `"SEQ": [`) {
		t.Errorf("equilibria should list only GMR and SEQ:\n%s", s)
	}
	buf.Reset()
	if err := report.Write(&buf, r, report.Text, report.Options{}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), "r is shown only when Nash") {
		t.Error("the legend does not say that r needs Nash")
	}
}

func TestParse(t *testing.T) {
	for _, s := range []string{"text", "TEXT", "txt", "markdown", "md", "json", "csv"} {
		if _, err := report.ParseFormat(s); err != nil {
			t.Errorf("ParseFormat(%q): %v", s, err)
		}
	}
	_, err := report.ParseFormat("xml")
	if err == nil || !strings.Contains(err.Error(), "text, markdown, json, csv") {
		t.Errorf("ParseFormat(xml) error %v does not list the formats", err)
	}
	for _, f := range report.Formats {
		g, err := report.ParseFormat(f.String())
		if err != nil || g != f {
			t.Errorf("round trip of %v gave %v, %v", f, g, err)
		}
	}
	for _, s := range []string{"auto", "rows", "Columns"} {
		if _, err := report.ParseLayout(s); err != nil {
			t.Errorf("ParseLayout(%q): %v", s, err)
		}
	}
	if _, err := report.ParseLayout("diagonal"); err == nil || !strings.Contains(err.Error(), "auto, columns, rows") {
		t.Errorf("ParseLayout(diagonal) error %v", err)
	}
}

func TestNoStability(t *testing.T) {
	r, err := analysis.Prepare(context.Background(), elmira(t), analysis.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := report.Write(&bytes.Buffer{}, r, report.Text, report.Options{}); err == nil {
		t.Error("Write of a result without stability: no error")
	}
	if err := report.Write(&bytes.Buffer{}, nil, report.Text, report.Options{}); err == nil {
		t.Error("Write(nil): no error")
	}
	_ = fmt.Sprint()
}

// TestChunkedRows checks that a model with more states than one rendered
// chunk still lines up: every state row has its options at the same
// column.
func TestChunkedRows(t *testing.T) {
	m := &model.Model{Title: "Chunked"}
	for d, dm := range []string{"A", "B"} {
		var ids []string
		for k := 0; k < 6; k++ {
			id := fmt.Sprintf("%s%d", strings.ToLower(dm), k)
			ids = append(ids, id)
			m.Options = append(m.Options, model.Option{ID: id})
		}
		other := "b0"
		if d == 1 {
			other = "a0"
		}
		m.DMs = append(m.DMs, model.DM{ID: dm, Options: ids, Prefs: model.Preferences{Statements: []model.Statement{stmt(t, "not "+other), stmt(t, ids[0]+" or "+ids[1])}}})
	}
	r := run(t, m, []stability.Concept{stability.Nash, stability.GMR})
	if r.Space.Len() != 4096 {
		t.Fatalf("%d states", r.Space.Len())
	}
	for _, f := range []report.Format{report.Text, report.Markdown} {
		var buf bytes.Buffer
		if err := report.Write(&buf, r, f, report.Options{}); err != nil {
			t.Fatal(err)
		}
		pattern := regexp.MustCompile(`[YN]{6} [YN]{6}`)
		col, rows := -1, 0
		for _, line := range strings.Split(buf.String(), "\n") {
			loc := pattern.FindStringIndex(line)
			if loc == nil {
				continue
			}
			i := loc[0]
			rows++
			if col < 0 {
				col = i
			} else if i != col {
				t.Fatalf("%v: rows do not line up (%d vs %d):\n%s", f, i, col, line)
			}
		}
		if rows != 4096 {
			t.Errorf("%v: only %d rows checked", f, rows)
		}
	}
}
