package server

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
)

// hz is a horizon field's value.
func hz(h int) *int { return &h }

// An explicit horizon of 0 is refused with the same 422 as any other
// horizon outside 1..MaxHorizon, in every endpoint taking one, while an
// absent horizon means the endpoint's default.
func TestHorizonZeroIsNotAbsent(t *testing.T) {
	_, ts := newTest(t, Config{})
	want := "the horizon must be between 1 and 1000, got 0"
	var e apiError
	if code := call(t, ts, "POST", "/api/tableau", TableauRequest{Input: pd(t), Horizon: hz(0)}, &e); code != 422 || !strings.Contains(e.Error, want) {
		t.Errorf("tableau horizon 0: %d %q", code, e.Error)
	}
	e = apiError{}
	if code := call(t, ts, "POST", "/api/explain", ExplainRequest{Input: pd(t), State: "2", Concept: "NM", Horizon: hz(0)}, &e); code != 422 || !strings.Contains(e.Error, want) {
		t.Errorf("explain NM horizon 0: %d %q", code, e.Error)
	}
	e = apiError{}
	if code := call(t, ts, "POST", "/api/explain", ExplainRequest{Input: pd(t), State: "2", Horizon: hz(0)}, &e); code != 422 || !strings.Contains(e.Error, want) {
		t.Errorf("explain horizon 0: %d %q", code, e.Error)
	}
	e = apiError{}
	if code := call(t, ts, "POST", "/api/export", ExportRequest{Input: pd(t), What: "limited", Format: "text", Horizon: hz(0)}, &e); code != 422 || !strings.Contains(e.Error, want) {
		t.Errorf("export limited horizon 0: %d %q", code, e.Error)
	}

	// Absent: no limited-move column, NM's default 1, export's default 2.
	var tb Tableau
	if code := call(t, ts, "POST", "/api/tableau", TableauRequest{Input: pd(t)}, &tb); code != 200 || tb.Equilibria["L1"] != nil || tb.Equilibria["L2"] != nil {
		t.Errorf("tableau without horizon: %d %v", code, tb.Equilibria)
	}
	var d Document
	if code := call(t, ts, "POST", "/api/explain", ExplainRequest{Input: pd(t), State: "2", Concept: "NM"}, &d); code != 200 {
		t.Errorf("explain NM without horizon: %d", code)
	}
	code, body, _ := exportRaw(t, ts, ExportRequest{Input: pd(t), What: "limited", Format: "text"})
	if code != 200 || !strings.Contains(body, "L2") {
		t.Errorf("export limited without horizon: %d\n%s", code, body)
	}
	// A JSON null is absent too.
	if code := callRaw(t, ts, "/api/tableau", `{"source": `+quote(pd(t).Source)+`, "horizon": null}`); code != 200 {
		t.Errorf("tableau with horizon null: %d", code)
	}
	if code := callRaw(t, ts, "/api/tableau", `{"source": `+quote(pd(t).Source)+`, "horizon": 0}`); code != 422 {
		t.Errorf("tableau with horizon 0 in raw JSON: %d", code)
	}
}

// callRaw posts a raw JSON body and returns the status code.
func callRaw(t *testing.T, ts *httptest.Server, path, body string) int {
	t.Helper()
	req, _ := http.NewRequest("POST", ts.URL+path, strings.NewReader(body))
	req.Header.Set(TokenHeader, testToken)
	req.Header.Set("Content-Type", "application/json")
	resp, err := ts.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

// quote is s as a JSON string.
func quote(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// The dm field reads as --dm: a whole value naming one DM first, then
// "all", then a comma-separated list.
func TestExplainDMWholeValue(t *testing.T) {
	_, ts := newTest(t, Config{})
	src := "title: t\noptions: [{id: a}, {id: b}, {id: c}]\ndecision_makers:\n" +
		"  - {id: MOE, name: \"Environment, Ontario\", options: [a], preferences: {statements: [a]}}\n" +
		"  - {id: all, options: [b], preferences: {statements: [b]}}\n" +
		"  - {id: US, options: [c], preferences: {statements: [c]}}\n"
	for _, tc := range []struct{ dm, want, not string }{
		{"Environment, Ontario", "for MOE", "for US"},
		{"all", "for all\n", "for MOE"},
		{"US,MOE", "for US", "for all\n"},
		{"", "for MOE", ""},
	} {
		var d Document
		if code := call(t, ts, "POST", "/api/explain", ExplainRequest{Input: Input{Source: src}, State: "1", DM: tc.dm, Concept: "Nash"}, &d); code != 200 {
			t.Errorf("dm %q: %d", tc.dm, code)
			continue
		}
		if !strings.Contains(d.Text, tc.want) || (tc.not != "" && strings.Contains(d.Text, tc.not)) {
			t.Errorf("dm %q: want %q, not %q:\n%s", tc.dm, tc.want, tc.not, d.Text)
		}
	}
}

// The model's warnings reach the summary, as the CLI prints them.
func TestSummaryModelWarnings(t *testing.T) {
	_, ts := newTest(t, Config{})
	src := "title: t\noptions: [{id: a}, {id: b}]\ndecision_makers:\n" +
		"  - {id: P1, options: [a], preferences: {statements: [a]}}\n" +
		"  - {id: all, options: [b], preferences: {statements: [b]}}\n"
	var v Validation
	call(t, ts, "POST", "/api/validate", Input{Source: src, Name: "w.yaml"}, &v)
	if !v.OK || v.Summary == nil || len(v.Summary.Warnings) != 1 || !strings.HasPrefix(v.Summary.Warnings[0], `w.yaml:5:10: the id "all" of decision maker "all"`) {
		t.Errorf("%+v", v.Summary)
	}
}

// A form edit converted to YAML with like keeps the comments of the
// source it was made from.
func TestConvertLikeKeepsComments(t *testing.T) {
	_, ts := newTest(t, Config{})
	like := "# header\ntitle: t # the title\noptions:\n  - id: a # first\n  - id: b\ndecision_makers:\n" +
		"  # the first DM\n  - {id: P1, options: [a], preferences: {statements: [a]}}\n" +
		"  - {id: P2, options: [b], preferences: {statements: [b]}}\n"
	// The forms' edit, as JSON: P2's statement changes.
	edited := `{"title": "t", "options": [{"id": "a"}, {"id": "b"}], "decision_makers": [
	  {"id": "P1", "options": ["a"], "preferences": {"statements": ["a"]}},
	  {"id": "P2", "options": ["b"], "preferences": {"statements": ["not a", "b"]}}]}`
	var out Source
	if code := call(t, ts, "POST", "/api/convert", ConvertRequest{Input: Input{Source: edited, Name: "model.json"}, To: "yaml", Like: like}, &out); code != 200 {
		t.Fatalf("%d", code)
	}
	for _, want := range []string{"# header\ntitle: t # the title\n", "  - id: a # first\n", "  # the first DM\n  - {id: P1, options: [a], preferences: {statements: [a]}}\n", `statements: ["not a", b]`} {
		if !strings.Contains(out.Source, want) {
			t.Errorf("the YAML lacks %q:\n%s", want, out.Source)
		}
	}
	// Without like: no comments (gmcr convert's output).
	call(t, ts, "POST", "/api/convert", ConvertRequest{Input: Input{Source: edited, Name: "model.json"}, To: "yaml"}, &out)
	if strings.Contains(out.Source, "#") {
		t.Errorf("comments without like:\n%s", out.Source)
	}
}

// A negative limit, offset or bound is refused with 422 in every endpoint
// that pages or bounds its answer, not read as the default.
func TestNegativePagingRefused(t *testing.T) {
	_, ts := newTest(t, Config{})
	for _, tc := range []struct {
		path string
		req  any
		want string
	}{
		{"/api/tableau", TableauRequest{Input: pd(t), Limit: -1}, "limit must be 0 (the default, 100) or more, got -1"},
		{"/api/tableau", TableauRequest{Input: pd(t), Offset: -5}, "offset must be 0 (the first row) or more, got -5"},
		{"/api/tableau", TableauRequest{Input: pd(t), Limit: -1, Offset: -5}, "got -"},
		{"/api/tableau", TableauRequest{Input: pd(t), Filter: Filter{DM: "P1", Top: -2}}, "top must be 0"},
		{"/api/ranking", RankingRequest{Input: pd(t), DM: "P1", Limit: -3}, "limit must be 0 (the default, 50) or more, got -3"},
		{"/api/evolve", EvolveRequest{Input: pd(t), MaxNodes: -1}, "max_nodes must be 0"},
	} {
		var e apiError
		if code := call(t, ts, "POST", tc.path, tc.req, &e); code != 422 || !strings.Contains(e.Error, tc.want) {
			t.Errorf("%s %+v: %d %q, want 422 %q", tc.path, tc.req, code, e.Error, tc.want)
		}
	}
	var tb Tableau
	if code := call(t, ts, "POST", "/api/tableau", TableauRequest{Input: pd(t), Limit: 2, Offset: 1}, &tb); code != 200 || len(tb.Rows) != 2 || tb.Rows[0].Number != 2 {
		t.Errorf("tableau limit 2 offset 1: %d %+v", code, tb.Rows)
	}
}

// /api/inverse takes every concept gmcr inverse does, SIM included, and
// docs/api.md says so.
func TestInverseConceptsDocumented(t *testing.T) {
	_, ts := newTest(t, Config{})
	doc, err := os.ReadFile("../docs/api.md")
	if err != nil {
		t.Fatal(err)
	}
	_, sec, _ := strings.Cut(string(doc), "### POST /api/inverse")
	sec, _, _ = strings.Cut(sec, "### ")
	for _, c := range []string{"Nash", "GMR", "SMR", "SEQ", "SIM"} {
		var d Inverse
		if code := call(t, ts, "POST", "/api/inverse", InverseRequest{Input: pd(t), Targets: []StateRef{"1"}, Concept: c}, &d); code != 200 {
			t.Errorf("inverse %s: %d %s", c, code, d.Text)
		}
		if !strings.Contains(sec, "`"+c+"`") {
			t.Errorf("docs/api.md's /api/inverse does not list %s", c)
		}
	}
}

// The API's inverse limits: budget_seconds (wall-clock, 0 or absent: none)
// and work_limit (solver conflicts, 0 or absent: the default, which the
// server always applies); a negative or too large value is refused with
// what 0 means.
func TestInverseBudgetMessage(t *testing.T) {
	_, ts := newTest(t, Config{})
	var e apiError
	code := call(t, ts, "POST", "/api/inverse", InverseRequest{Input: pd(t), Targets: []StateRef{"1"}, Concept: "Nash", BudgetSeconds: -1}, &e)
	if code != 422 || !strings.Contains(e.Error, "give 0, for no time limit") {
		t.Errorf("budget_seconds -1: %d %q", code, e.Error)
	}
	for _, w := range []int64{-1, MaxWork + 1} {
		e = apiError{}
		code = call(t, ts, "POST", "/api/inverse", InverseRequest{Input: pd(t), Targets: []StateRef{"1"}, Concept: "Nash", WorkLimit: w}, &e)
		if code != 422 || !strings.Contains(e.Error, "give 0, for the default, 300000") {
			t.Errorf("work_limit %d: %d %q", w, code, e.Error)
		}
	}
}

// The filter's stable takes every column the tableau shows, as its
// equilibrium does: a limited-move column with a horizon, strength of
// preference's sGMR; a row kept is marked neither u nor - for the DM.
func TestFilterStableAnyColumn(t *testing.T) {
	_, ts := newTest(t, Config{})
	for _, c := range []struct {
		req  TableauRequest
		name string
	}{
		{TableauRequest{Input: pd(t), Horizon: hz(2), Filter: Filter{DM: "2", Stable: "L2"}}, "L2"},
		{TableauRequest{Input: pdStrength(t), Strength: true, Filter: Filter{DM: "2", Stable: "sgmr"}}, "sGMR"},
	} {
		var all, tb Tableau
		full := c.req
		full.Filter = Filter{}
		if code := call(t, ts, "POST", "/api/tableau", full, &all); code != 200 {
			t.Fatalf("%s: unfiltered tableau: %d", c.name, code)
		}
		want := 0
		for _, r := range all.Rows {
			if m := r.Marks[c.name][1]; m != 'u' && m != '-' {
				want++
			}
		}
		var e apiError
		if code := call(t, ts, "POST", "/api/tableau", c.req, &tb); code != 200 {
			call(t, ts, "POST", "/api/tableau", c.req, &e)
			t.Errorf("%s: %d %s", c.name, code, e.Error)
			continue
		}
		if want == 0 || want == len(all.Rows) || tb.Matched != want {
			t.Errorf("%s: matched %d of %d, want %d", c.name, tb.Matched, len(all.Rows), want)
		}
	}
	var e apiError
	req := TableauRequest{Input: pd(t), Filter: Filter{DM: "2", Stable: "L2"}}
	if code := call(t, ts, "POST", "/api/tableau", req, &e); code != 422 || !strings.Contains(e.Error, "use one of Nash, GMR, SMR, SEQ, SIM") {
		t.Errorf("L2 without a horizon: %d %q", code, e.Error)
	}
}

// /api/explain's error for a concept it does not read lists every concept
// it reads, as gmcr explain does, not only the standard five.
func TestExplainUnknownConceptHint(t *testing.T) {
	_, ts := newTest(t, Config{})
	var e apiError
	code := call(t, ts, "POST", "/api/explain", ExplainRequest{Input: pd(t), State: "2", Concept: "sGMR(e)"}, &e)
	if code != 422 || !strings.Contains(e.Error, `unknown solution concept "sGMR(e)"`) || !strings.Contains(e.Error, "sgmr, ssmr, sseq") || !strings.Contains(e.Error, "gmr-a .. seq-d") {
		t.Errorf("explain sGMR(e): %d %q", code, e.Error)
	}
}
