package report_test

import (
	"bytes"
	"context"
	"os"
	"strings"
	"testing"

	"github.com/gmcr/gmcr/analysis"
	"github.com/gmcr/gmcr/examples"
	"github.com/gmcr/gmcr/model"
	"github.com/gmcr/gmcr/report"
	"github.com/gmcr/gmcr/scenario"
	"github.com/gmcr/gmcr/stability"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

// flagshipComparison compares every scenario of the built-in example.
func flagshipComparison(t *testing.T, concepts []stability.Concept) *scenario.Comparison {
	t.Helper()
	ex, err := examples.Get(examples.Default)
	if err != nil {
		t.Fatal(err)
	}
	m, err := model.Parse(ex.Data, ex.File)
	if err != nil {
		t.Fatal(err)
	}
	c, err := scenario.Compare(context.Background(), m, nil, analysis.Options{Concepts: concepts})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestComparisonGolden pins the comparison of the flagship's scenarios:
// every concept as text, SEQ as Markdown and JSON.
func TestComparisonGolden(t *testing.T) {
	c := flagshipComparison(t, nil)
	var buf bytes.Buffer
	if err := report.WriteComparison(&buf, c, report.Text, report.Options{}); err != nil {
		t.Fatal(err)
	}
	golden(t, "ukraine-compare.txt", buf.Bytes())
	small := flagshipComparison(t, []stability.Concept{stability.SEQ})
	for _, f := range []report.Format{report.Markdown, report.JSON} {
		buf.Reset()
		if err := report.WriteComparison(&buf, small, f, report.Options{}); err != nil {
			t.Fatal(err)
		}
		golden(t, "ukraine-compare-seq."+ext[f], buf.Bytes())
	}
	if err := report.WriteComparison(&buf, small, report.CSV, report.Options{}); err == nil {
		t.Error("CSV comparison: no error")
	}
	if err := report.WriteComparison(&buf, nil, report.Text, report.Options{}); err == nil {
		t.Error("nil comparison: no error")
	}
}

// compileSchemas compiles docs/comparison.schema.json.
func compileSchemas(t *testing.T) *jsonschema.Schema { return docSchema(t, "comparison") }

func TestComparisonSchema(t *testing.T) {
	sch := compileSchemas(t)
	c := flagshipComparison(t, nil)
	var buf bytes.Buffer
	if err := report.WriteComparison(&buf, c, report.JSON, report.Options{}); err != nil {
		t.Fatal(err)
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if err := sch.Validate(inst); err != nil {
		t.Errorf("the comparison does not follow docs/comparison.schema.json: %v", err)
	}
	bad := bytes.Replace(buf.Bytes(), []byte(`"reason": "infeasible"`), []byte(`"reason": "vanished"`), 1)
	inst, _ = jsonschema.UnmarshalJSON(bytes.NewReader(bad))
	if sch.Validate(inst) == nil {
		t.Error("the schema accepts an unknown reason")
	}
}

// mixedElmira is the Elmira analysis with Uniroyal judged by SMR, MoE by
// Nash and LG by SEQ.
var mixedElmira = []stability.Concept{stability.Nash, stability.SMR, stability.SEQ}

func TestMixedGolden(t *testing.T) {
	r := run(t, elmira(t), nil)
	for _, f := range report.Formats {
		var buf bytes.Buffer
		if err := report.Write(&buf, r, f, report.Options{Mixed: mixedElmira}); err != nil {
			t.Fatal(err)
		}
		golden(t, "elmira-mixed."+ext[f], buf.Bytes())
	}
	var buf bytes.Buffer
	if err := report.Write(&buf, r, report.Text, report.Options{Mixed: mixedElmira, Layout: report.Rows}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), "* Nash, GMR, SMR, SEQ, SIM, Mixed") {
		t.Errorf("the rows layout does not mark mixed equilibria:\n%s", buf.String())
	}
	if err := report.Write(&buf, r, report.Text, report.Options{Mixed: mixedElmira[:2]}); err == nil || err.Error() != "report: 2 per-DM concepts for 3 DMs" {
		t.Errorf("short Mixed: %v", err)
	}
	nash := run(t, elmira(t), []stability.Concept{stability.Nash})
	if err := report.Write(&buf, nash, report.Text, report.Options{Mixed: mixedElmira}); err == nil || err.Error() != "report: the concept SMR of DM Uniroyal was not computed" {
		t.Errorf("uncomputed Mixed concept: %v", err)
	}
}

// TestMixedEquilibria checks the mixed equilibria of the report against
// stability computed independently, state by state, with
// stability.Explain (a breadth-first search per UI, not the all-states
// minima of stability.Analyze), for every assignment of concepts to the
// three Elmira DMs and to the PD players.
func TestMixedEquilibria(t *testing.T) {
	pd, err := examples.Get("prisoners-dilemma")
	if err != nil {
		t.Fatal(err)
	}
	pdm, err := model.Parse(pd.Data, pd.File)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range []*model.Model{elmira(t), pdm} {
		r := run(t, m, nil)
		n := len(r.Space.DMs)
		// stable[c][dm][s], from Explain.
		stable := map[stability.Concept][][]bool{}
		for _, c := range stability.Concepts {
			stable[c] = make([][]bool, n)
			for dm := 0; dm < n; dm++ {
				stable[c][dm] = make([]bool, r.Space.Len())
				for s := range stable[c][dm] {
					ex, err := stability.Explain(r.Space, r.Prefs, c, dm, s)
					if err != nil {
						t.Fatal(err)
					}
					stable[c][dm][s] = ex.Stable
				}
			}
		}
		per := make([]stability.Concept, n)
		var walk func(i int)
		checked := 0
		walk = func(i int) {
			if i < n {
				for _, c := range stability.Concepts {
					per[i] = c
					walk(i + 1)
				}
				return
			}
			var want []int
			for s := 0; s < r.Space.Len(); s++ {
				ok := true
				for dm, c := range per {
					ok = ok && stable[c][dm][s]
				}
				if ok {
					want = append(want, s+1)
				}
			}
			var buf bytes.Buffer
			if err := report.Write(&buf, r, report.CSV, report.Options{Mixed: per}); err != nil {
				t.Fatal(err)
			}
			var got []int
			for k, line := range strings.Split(strings.TrimSpace(buf.String()), "\n")[1:] {
				if strings.HasSuffix(line, ",1") {
					got = append(got, k+1)
				}
			}
			if !equalInts(got, want) {
				t.Errorf("%s %v: mixed equilibria %v, want %v", m.Title, per, got, want)
			}
			checked++
		}
		walk(0)
		if checked != pow(5, n) {
			t.Errorf("%d assignments checked", checked)
		}
	}
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func pow(a, b int) int {
	p := 1
	for ; b > 0; b-- {
		p *= a
	}
	return p
}

func TestMixedSchema(t *testing.T) {
	sch := docSchema(t, "analysis")
	var buf bytes.Buffer
	if err := report.Write(&buf, run(t, elmira(t), nil), report.JSON, report.Options{Mixed: mixedElmira}); err != nil {
		t.Fatal(err)
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if err := sch.Validate(inst); err != nil {
		t.Errorf("mixed analysis does not follow the schema: %v", err)
	}
	if !strings.Contains(buf.String(), `"mixed": {`) || !strings.Contains(buf.String(), `"Uniroyal": "SMR"`) {
		t.Errorf("no mixed field:\n%s", buf.String())
	}
}

// TestComparisonGraphStatusQuo checks that a graph-form scenario's new
// status quo is described by its state, not by options taken.
func TestComparisonGraphStatusQuo(t *testing.T) {
	data, err := os.ReadFile("testdata/graph-strike.yaml")
	if err != nil {
		t.Fatal(err)
	}
	m, err := model.Parse(data, "graph-strike.yaml")
	if err != nil {
		t.Fatal(err)
	}
	c, err := scenario.Compare(context.Background(), m, nil, analysis.Options{Concepts: []stability.Concept{stability.Nash}})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []report.Format{report.Text, report.JSON} {
		var buf bytes.Buffer
		if err := report.WriteComparison(&buf, c, f, report.Options{}); err != nil {
			t.Fatal(err)
		}
		if out := buf.String(); !strings.Contains(out, "status quo: state s3 (raise taken)") || strings.Contains(out, "nothing taken") {
			t.Errorf("%v: the scenario's status quo is not described as state s3:\n%s", f, out)
		}
	}
}
