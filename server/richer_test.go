package server

import (
	"bufio"
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"
)

func pdUnknown(t *testing.T) Input {
	return Input{Source: exampleSource(t, "prisoners-dilemma-unknown"), Name: "pd-unknown.yaml"}
}

// The extensions (a)-(d) of the unknown preferences: equilibria in the
// analysis, marks in the tableau, explanations; values as derived in
// examples/EXPECTED.md (mutual cooperation, state 1, is stable under GMR,
// SMR and SEQ only in extensions (c) and (d)).
func TestUnknownPreferences(t *testing.T) {
	_, ts := newTest(t, Config{})
	a := analyzeOK(t, ts, pdUnknown(t))
	if !a.Summary.Unknown {
		t.Error("summary.unknown is false for a model with an unknown group")
	}
	want := map[string][]int{"Nash(a)": {4}, "Nash(d)": {4}, "GMR(a)": {4}, "GMR(b)": {4}, "GMR(c)": {1, 4}, "GMR(d)": {1, 4}, "SMR(c)": {1, 4}, "SEQ(b)": {4}, "SEQ(c)": {1, 4}}
	for c, eq := range want {
		if !slices.Equal(a.Extensions[c], eq) {
			t.Errorf("%s equilibria %v, want %v", c, a.Extensions[c], eq)
		}
	}
	if len(a.Extensions) != 16 {
		t.Errorf("%d definitions, want 16", len(a.Extensions))
	}
	// A model without unknown comparisons has no extensions.
	if b := analyzeOK(t, ts, pd(t)); b.Extensions != nil || b.Summary.Unknown {
		t.Errorf("plain PD: extensions %v, unknown %v", b.Extensions, b.Summary.Unknown)
	}

	var tb Tableau
	if code := call(t, ts, "POST", "/api/tableau", TableauRequest{Input: pdUnknown(t), Extension: "c"}, &tb); code != 200 {
		t.Fatalf("tableau: %d", code)
	}
	if !slices.Equal(tb.Concepts, []string{"Nash(c)", "GMR(c)", "SMR(c)", "SEQ(c)"}) || !slices.Equal(tb.Equilibria["GMR(c)"], []int{1, 4}) {
		t.Fatalf("extension c: concepts %v, equilibria %v", tb.Concepts, tb.Equilibria)
	}
	// State 1: P1 may move to 2 (an improvement) and to nowhere else; P2's
	// answer to 4 is of unknown comparison for P1, which deters under (c).
	r1 := tb.Rows[0]
	if r1.Number != 1 || r1.Marks["GMR(c)"] != "ss" || r1.Marks["Nash(c)"] != "uu" || !slices.Contains(r1.Equilibrium, "GMR(c)") {
		t.Errorf("state 1 under (c): %+v", r1)
	}
	if code := call(t, ts, "POST", "/api/tableau", TableauRequest{Input: pdUnknown(t), Extension: "a"}, &tb); code != 200 || tb.Rows[0].Marks["GMR(a)"] != "us" {
		t.Errorf("state 1 under (a): %d %+v", code, tb.Rows[0])
	}
	// Filtering by an extension's equilibria.
	if code := call(t, ts, "POST", "/api/tableau", TableauRequest{Input: pdUnknown(t), Extension: "d", Filter: Filter{Equilibrium: "SEQ(d)"}}, &tb); code != 200 || tb.Matched != 2 {
		t.Errorf("filter SEQ(d): %d matched %d", code, tb.Matched)
	}
	var e apiError
	if code := call(t, ts, "POST", "/api/tableau", TableauRequest{Input: pd(t), Extension: "a"}, &e); code != 422 || !strings.Contains(e.Error, "no unknown comparisons") {
		t.Errorf("extension of a model without unknowns: %d %q", code, e.Error)
	}
	if code := call(t, ts, "POST", "/api/tableau", TableauRequest{Input: pdUnknown(t), Extension: "e"}, &e); code != 422 || !strings.Contains(e.Error, "a, b, c or d") {
		t.Errorf("extension e: %d %q", code, e.Error)
	}

	var d Document
	if code := call(t, ts, "POST", "/api/explain", ExplainRequest{Input: pdUnknown(t), State: "1", DM: "P1", Concept: "GMR(c)"}, &d); code != 200 {
		t.Fatalf("explain GMR(c): %d %s", code, d.Text)
	}
	if !strings.Contains(d.Text, "GMR(c)") || !strings.Contains(d.Text, "stable") {
		t.Errorf("explain GMR(c):\n%s", d.Text)
	}
	var doc struct {
		Explanations []struct {
			Concept string `json:"concept"`
			Stable  bool   `json:"stable"`
		} `json:"explanations"`
	}
	if err := json.Unmarshal(d.Document, &doc); err != nil || len(doc.Explanations) != 1 || !doc.Explanations[0].Stable {
		t.Errorf("explain GMR(c) document: %v %s", err, d.Document)
	}
	call(t, ts, "POST", "/api/explain", ExplainRequest{Input: pdUnknown(t), State: "1", DM: "P1", Concept: "GMR(a)"}, &d)
	if err := json.Unmarshal(d.Document, &doc); err != nil || len(doc.Explanations) != 1 || doc.Explanations[0].Stable {
		t.Errorf("explain GMR(a) document: %v %s", err, d.Document)
	}
}

// Limited-move L2 and NM in the tableau and explanations, for the
// Prisoner's Dilemma (as gmcr limited --horizon 2 --nm): L2 and NM
// equilibria 1 and 4; from state 2, P2 anticipates 2->4.
func TestLimitedMove(t *testing.T) {
	_, ts := newTest(t, Config{})
	var tb Tableau
	if code := call(t, ts, "POST", "/api/tableau", TableauRequest{Input: pd(t), Horizon: hz(2), NM: true}, &tb); code != 200 {
		t.Fatalf("tableau: %d", code)
	}
	if !slices.Equal(tb.Equilibria["L2"], []int{1, 4}) || !slices.Equal(tb.Equilibria["NM"], []int{1, 4}) || !slices.Equal(tb.Equilibria["Nash"], []int{4}) {
		t.Errorf("equilibria %v", tb.Equilibria)
	}
	if !slices.Contains(tb.Concepts, "L2") || !slices.Contains(tb.Concepts, "NM") {
		t.Errorf("concepts %v", tb.Concepts)
	}
	marks := map[int]string{}
	for _, r := range tb.Rows {
		marks[r.Number] = r.Marks["L2"]
	}
	if want := map[int]string{1: "ss", 2: "su", 3: "us", 4: "ss"}; !equalMarks(marks, want) {
		t.Errorf("L2 marks %v, want %v", marks, want)
	}
	// L1 is Nash.
	call(t, ts, "POST", "/api/tableau", TableauRequest{Input: pd(t), Horizon: hz(1)}, &tb)
	if !slices.Equal(tb.Equilibria["L1"], tb.Equilibria["Nash"]) {
		t.Errorf("L1 %v, Nash %v", tb.Equilibria["L1"], tb.Equilibria["Nash"])
	}
	var d Document
	if code := call(t, ts, "POST", "/api/explain", ExplainRequest{Input: pd(t), State: "2", Concept: "L2"}, &d); code != 200 || !strings.Contains(d.Text, "P2 2->4; anticipated outcome 4") {
		t.Errorf("explain L2 at 2: %d\n%s", code, d.Text)
	}
	// More than two DMs: refused with the library's words.
	var e apiError
	if code := call(t, ts, "POST", "/api/tableau", TableauRequest{Input: Input{Source: exampleSource(t, "elmira")}, Horizon: hz(2)}, &e); code != 422 || !strings.Contains(e.Error, "two decision makers") {
		t.Errorf("three DMs: %d %q", code, e.Error)
	}
	if code := call(t, ts, "POST", "/api/tableau", TableauRequest{Input: pd(t), Horizon: hz(MaxHorizon + 1)}, &e); code != 422 {
		t.Errorf("horizon too large: %d", code)
	}
	// A horizon outside 1..MaxHorizon, or NM without one, is refused like
	// /api/export's, never answered without the L and NM columns.
	for _, req := range []TableauRequest{{Input: pd(t), Horizon: hz(-1)}, {Input: pd(t), NM: true}, {Input: pd(t), Horizon: hz(-4), NM: true}} {
		if code := call(t, ts, "POST", "/api/tableau", req, &e); code != 422 || !strings.Contains(e.Error, "horizon") {
			t.Errorf("horizon %v nm %v: %d %q", req.Horizon, req.NM, code, e.Error)
		}
	}
	if code := call(t, ts, "POST", "/api/explain", ExplainRequest{Input: pd(t), State: "2", Concept: "NM", Horizon: hz(-3)}, &d); code != 422 {
		t.Errorf("explain NM with horizon -3: %d", code)
	}
}

func equalMarks(a, b map[int]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

// A graph-form model: the tableau and graph carry the states' ids.
func TestGraphForm(t *testing.T) {
	_, ts := newTest(t, Config{})
	in := Input{Source: exampleSource(t, "announcement"), Name: "announcement.yaml"}
	a := analyzeOK(t, ts, in)
	if !a.Summary.Graph || a.Summary.States != 3 || !slices.Equal(a.Equilibria["SEQ"], []int{1}) || len(a.Equilibria["Nash"]) != 0 {
		t.Fatalf("announcement: %+v", a)
	}
	var tb Tableau
	call(t, ts, "POST", "/api/tableau", TableauRequest{Input: in}, &tb)
	if len(tb.Rows) != 3 || tb.Rows[0].ID != "quiet" || tb.Rows[2].ID != "retaliation" {
		t.Errorf("rows %+v", tb.Rows)
	}
	var g Graph
	call(t, ts, "POST", "/api/graph", GraphRequest{Input: in}, &g)
	if len(g.Nodes) != 3 || g.Nodes[1].ID != "announced" || len(g.Edges) != 4 {
		t.Errorf("graph %+v", g)
	}
	var rk Ranking
	if code := call(t, ts, "POST", "/api/ranking", RankingRequest{Input: in, DM: "F", State: "retaliation"}, &rk); code != 200 || rk.State.ID != "retaliation" || rk.State.Rank != 2 || rk.Top[0].ID != "quiet" {
		t.Errorf("ranking: %d %+v", code, rk)
	}
	// A state given by its id.
	var d Document
	if code := call(t, ts, "POST", "/api/explain", ExplainRequest{Input: in, State: "quiet", DM: "G", Concept: "GMR"}, &d); code != 200 || !strings.Contains(d.Text, "quiet") {
		t.Errorf("explain quiet: %d\n%s", code, d.Text)
	}
}

// jobEvents posts body to path as an event stream and returns its events.
func jobEvents(t *testing.T, ts *httptest.Server, path string, body any) []string {
	t.Helper()
	b, _ := json.Marshal(body)
	req, _ := http.NewRequest("POST", ts.URL+path, bytes.NewReader(b))
	req.Header.Set(TokenHeader, testToken)
	req.Header.Set("Accept", "text/event-stream")
	resp, err := ts.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out []string
	sc := bufio.NewScanner(resp.Body)
	sc.Buffer(nil, 4<<20)
	var ev string
	for sc.Scan() {
		line := sc.Text()
		if e, ok := strings.CutPrefix(line, "event: "); ok {
			ev = e
		}
		if d, ok := strings.CutPrefix(line, "data: "); ok {
			out = append(out, ev+" "+d)
		}
	}
	return out
}

// The inverse question, as gmcr inverse answers it: state 1 of the
// Prisoner's Dilemma becomes a Nash equilibrium when P1 prefers 1 to 2 and
// P2 prefers 1 to 3; 1936 profiles qualify.
func TestInverse(t *testing.T) {
	_, ts := newTest(t, Config{})
	var d Inverse
	if code := call(t, ts, "POST", "/api/inverse", InverseRequest{Input: pd(t), Targets: []StateRef{"1"}, Concept: "Nash"}, &d); code != 200 {
		t.Fatalf("inverse: %d %s", code, d.Text)
	}
	var doc struct {
		Exists  bool  `json:"exists"`
		Optimal bool  `json:"optimal"`
		Count   int64 `json:"count"`
		Changes []struct {
			DM   string `json:"dm"`
			A, B int
			Was  string `json:"was"`
			Now  string `json:"now"`
		} `json:"changes"`
	}
	if err := json.Unmarshal(d.Document.Document, &doc); err != nil {
		t.Fatal(err)
	}
	if !doc.Exists || !doc.Optimal || doc.Count != 1936 || len(doc.Changes) != 2 {
		t.Fatalf("%+v", doc)
	}
	// Two changes are closest: P1 must stop preferring 2 to 1 and P2 3 to
	// 1; ranking 1 above or level with the other are both as close.
	if c := doc.Changes[0]; c.DM != "P1" || c.A != 1 || c.B != 2 || c.Was != "worse" || c.Now == "worse" {
		t.Errorf("P1's change %+v", c)
	}
	if c := doc.Changes[1]; c.DM != "P2" || c.A != 1 || c.B != 3 || c.Was != "worse" || c.Now == "worse" {
		t.Errorf("P2's change %+v", c)
	}
	if !strings.Contains(d.Text, "state 1 (NN)") || !strings.Contains(d.Text, "state 2 (YN); today it prefers state 2") {
		t.Errorf("text:\n%s", d.Text)
	}
	if want := map[int]string{1: "NN", 2: "YN", 3: "NY"}; len(d.States) != 3 || d.States[1] != want[1] || d.States[2] != want[2] || d.States[3] != want[3] {
		t.Errorf("states %v, want %v", d.States, want)
	}
	// Fixed DMs and a known preference that make it impossible: the
	// conflicting requirements in words.
	call(t, ts, "POST", "/api/inverse", InverseRequest{Input: pd(t), Targets: []StateRef{"1"}, Concept: "Nash", Fixed: []string{"P1"}}, &d)
	if err := json.Unmarshal(d.Document.Document, &doc); err != nil || doc.Exists {
		t.Errorf("P1 fixed: %v %+v", err, doc)
	}
	if !strings.Contains(d.Text, "None:") || !strings.Contains(d.Text, "P1") {
		t.Errorf("P1 fixed:\n%s", d.Text)
	}
	// Streamed: progress, then the result.
	evs := jobEvents(t, ts, "/api/inverse", InverseRequest{Input: pd(t), Targets: []StateRef{"YY", "4"}, Concept: "GMR", Known: []string{"P1:2>1"}})
	if len(evs) < 2 || !strings.HasPrefix(evs[0], "progress ") || !strings.HasPrefix(evs[len(evs)-1], "result ") {
		t.Fatalf("events %q", evs)
	}
	// Over the statements (as gmcr inverse --space statements): each DM
	// drops its second statement; 64 combinations of lists qualify.
	var st Inverse
	if code := call(t, ts, "POST", "/api/inverse", InverseRequest{Input: pd(t), Targets: []StateRef{"1"}, Concept: "Nash", Space: "statements", Edits: []string{"reorder", "drop", "negate"}}, &st); code != 200 {
		t.Fatalf("statements: %d %s", code, st.Text)
	}
	var sdoc struct {
		Space string `json:"space"`
		Count int    `json:"count"`
		Edits []struct {
			DM, Kind, Text string
			Statement      int
		} `json:"edits"`
	}
	if err := json.Unmarshal(st.Document.Document, &sdoc); err != nil {
		t.Fatal(err)
	}
	if sdoc.Space != "statements" || sdoc.Count != 64 || len(sdoc.Edits) != 2 || sdoc.Edits[0].DM != "P1" || sdoc.Edits[0].Kind != "drop" || sdoc.Edits[0].Statement != 2 || sdoc.Edits[0].Text != "d1" {
		t.Errorf("statements: %+v", sdoc)
	}
	var e apiError
	if code := call(t, ts, "POST", "/api/inverse", InverseRequest{Input: pd(t), Targets: []StateRef{"1"}, Edits: []string{"drop"}}, &e); code != 422 || !strings.Contains(e.Error, "statements space") {
		t.Errorf("edits with rankings: %d %q", code, e.Error)
	}
	if code := call(t, ts, "POST", "/api/inverse", InverseRequest{Input: pd(t), Targets: []StateRef{"1"}, Space: "statements", Edits: []string{"shuffle"}}, &e); code != 422 || !strings.Contains(e.Error, "not an edit") {
		t.Errorf("edit shuffle: %d %q", code, e.Error)
	}
	if code := call(t, ts, "POST", "/api/inverse", InverseRequest{Input: pd(t), Concept: "SEQ"}, &e); code != 422 || !strings.Contains(e.Error, "target") {
		t.Errorf("no target: %d %q", code, e.Error)
	}
	if code := call(t, ts, "POST", "/api/inverse", InverseRequest{Input: pd(t), Targets: []StateRef{"1"}, Known: []string{"P1:1>>2"}}, &e); code != 422 {
		t.Errorf("bad known: %d %q", code, e.Error)
	}
	evs = jobEvents(t, ts, "/api/inverse", InverseRequest{Input: pd(t), Targets: []StateRef{"9"}})
	if len(evs) == 0 || !strings.HasPrefix(evs[len(evs)-1], "error ") {
		t.Errorf("state 9 streamed: %q", evs)
	}
}

// The inverse question over statement lists with keep_order and add:
// each player of the Prisoner's Dilemma drops "I defect" (2 edits, 4
// combinations), or negates it.
func TestInverseStatementsAPI(t *testing.T) {
	_, ts := newTest(t, Config{})
	var d Document
	if code := call(t, ts, "POST", "/api/inverse", InverseRequest{Input: pd(t), Targets: []StateRef{"1"}, Concept: "Nash", Space: "statements"}, &d); code != 200 {
		t.Fatalf("inverse: %d %s", code, d.Text)
	}
	var doc struct {
		Space string `json:"space"`
		Count int64  `json:"count"`
		Edits []struct {
			DM   string `json:"dm"`
			Kind string `json:"kind"`
		} `json:"edits"`
	}
	if err := json.Unmarshal(d.Document, &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Space != "statements" || doc.Count != 4 || len(doc.Edits) != 2 || doc.Edits[0].Kind != "drop" {
		t.Fatalf("%+v", doc)
	}
	if !strings.Contains(d.Text, `drop statement 2 ("d1")`) {
		t.Errorf("text:\n%s", d.Text)
	}
	call(t, ts, "POST", "/api/inverse", InverseRequest{Input: pd(t), Targets: []StateRef{"1"}, Concept: "Nash", Space: "statements", Edits: []string{"negate"}, KeepOrder: []string{"P1:1,2"}, Add: []string{"P2:not d2"}}, &d)
	if !strings.Contains(d.Text, `negate statement 2 ("d1")`) {
		t.Errorf("negate:\n%s", d.Text)
	}
	var e apiError
	for _, bad := range []InverseRequest{
		{Input: pd(t), Targets: []StateRef{"1"}, Space: "orders"},
		{Input: pd(t), Targets: []StateRef{"1"}, Keep: []string{"P1:1"}},
		{Input: pd(t), Targets: []StateRef{"1"}, Space: "statements", Edits: []string{"swap"}},
		{Input: pd(t), Targets: []StateRef{"1"}, Space: "statements", Keep: []string{"P1:7"}},
		{Input: pd(t), Targets: []StateRef{"1"}, Space: "statements", Add: []string{"P1:zz"}},
	} {
		if code := call(t, ts, "POST", "/api/inverse", bad, &e); code != 422 {
			t.Errorf("%+v: %d %q", bad, code, e.Error)
		}
	}
}

// Robustness as gmcr robustness computes it: 10 one-step changes of the
// Prisoner's Dilemma; state 4 is a Nash equilibrium under 8 of them.
func TestRobustness(t *testing.T) {
	_, ts := newTest(t, Config{})
	var rb Robustness
	if code := call(t, ts, "POST", "/api/robustness", RobustnessRequest{Input: pd(t)}, &rb); code != 200 {
		t.Fatalf("robustness: %d %s", code, rb.Text)
	}
	var doc struct {
		Mode     string `json:"mode"`
		Profiles int    `json:"profiles"`
		States   []struct {
			State int `json:"state"`
			Share map[string]struct {
				Count int     `json:"count"`
				Share float64 `json:"share"`
			} `json:"share"`
			DestroyedBy map[string][]string `json:"destroyed_by"`
		} `json:"states"`
	}
	if err := json.Unmarshal(rb.Document.Document, &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Mode != "one-step" || doc.Profiles != 10 || len(doc.States) != 4 || doc.States[0].State != 4 {
		t.Fatalf("%+v", doc)
	}
	if s := doc.States[0].Share["Nash"]; s.Count != 8 || s.Share != 0.8 {
		t.Errorf("state 4 Nash %+v", s)
	}
	if len(doc.States[0].DestroyedBy["Nash"]) != 2 {
		t.Errorf("destroyed by %v", doc.States[0].DestroyedBy)
	}
	if !strings.HasPrefix(rb.SVG, "<svg") || !strings.Contains(rb.SVG, "80%") {
		t.Errorf("svg %.200s", rb.SVG)
	}
	// Sampling is seeded: the same request, the same counts.
	req := RobustnessRequest{Input: pd(t), Mode: "sample", Samples: 200, Reorder: []string{"P1"}, Doubt: []string{"P2:2"}}
	var a, b Robustness
	call(t, ts, "POST", "/api/robustness", req, &a)
	call(t, ts, "POST", "/api/robustness", req, &b)
	if !bytes.Equal(a.Document.Document, b.Document.Document) || !strings.Contains(a.Text, "200 sampled preference profiles (seed 1)") {
		t.Errorf("sampling:\n%s", a.Text)
	}
	var e apiError
	if code := call(t, ts, "POST", "/api/robustness", RobustnessRequest{Input: pd(t), Mode: "sample"}, &e); code != 422 || !strings.Contains(e.Error, "uncertain") {
		t.Errorf("nothing uncertain: %d %q", code, e.Error)
	}
	if code := call(t, ts, "POST", "/api/robustness", RobustnessRequest{Input: pd(t), Mode: "sample", Doubt: []string{"P2:7"}}, &e); code != 422 || !strings.Contains(e.Error, "statements 1..2") {
		t.Errorf("statement out of range: %d %q", code, e.Error)
	}
}

// Closing a job's stream cancels it: the slot is free again at once.
func TestJobCancel(t *testing.T) {
	_, ts := newTest(t, Config{MaxAnalyses: 1})
	in := Input{Source: bigModel(t, 14)}
	analyzeOK(t, ts, in)
	b, _ := json.Marshal(RobustnessRequest{Input: in, Mode: "sample", Samples: MaxSamples, Reorder: []string{"1"}})
	req, _ := http.NewRequest("POST", ts.URL+"/api/robustness", bytes.NewReader(b))
	req.Header.Set(TokenHeader, testToken)
	req.Header.Set("Accept", "text/event-stream")
	resp, err := ts.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	// Progress events until the one saying how many profiles it samples:
	// the job runs. (How many come before it depends on timing.)
	rd := bufio.NewReader(resp.Body)
	var evs []string
	for {
		line, err := rd.ReadString('\n')
		if err != nil {
			t.Fatalf("events %q: %v", evs, err)
		}
		if line = strings.TrimSpace(line); line == "" {
			continue
		}
		evs = append(evs, line)
		if len(evs)%2 == 1 && line != "event: progress" {
			t.Fatalf("events %q", evs)
		}
		if strings.Contains(line, "analysing 100000 sampled profiles") {
			break
		}
		if len(evs) > 40 {
			t.Fatalf("no progress event names the sampled profiles: %q", evs)
		}
	}
	resp.Body.Close()
	t0 := time.Now()
	// The only slot is free again: a validation (which needs one) answers.
	var v Validation
	if code := call(t, ts, "POST", "/api/validate", pd(t), &v); code != 200 || !v.OK {
		t.Fatalf("validate after cancel: %d %+v", code, v)
	}
	if d := time.Since(t0); d > 20*time.Second {
		t.Errorf("the cancelled job held the slot for %v", d)
	}
}

// The richer concepts' reports as files, as the CLI writes them.
func TestExportRicher(t *testing.T) {
	_, ts := newTest(t, Config{})
	code, body, hdr := exportRaw(t, ts, ExportRequest{Input: pdUnknown(t), What: "uncertain", Format: "csv"})
	if code != 200 || !strings.Contains(hdr.Get("Content-Disposition"), "pd-unknown-uncertain.csv") || !strings.Contains(body, "GMR") {
		t.Errorf("uncertain csv: %d %q\n%.300s", code, hdr.Get("Content-Disposition"), body)
	}
	code, body, _ = exportRaw(t, ts, ExportRequest{Input: pd(t), What: "limited", Format: "text", Horizon: hz(2), NM: true})
	if code != 200 || !strings.Contains(body, "L2   2 states: 1, 4") || !strings.Contains(body, "NM   2 states: 1, 4") {
		t.Errorf("limited text: %d\n%s", code, body)
	}
	code, body, hdr = exportRaw(t, ts, ExportRequest{Input: pdUnknown(t), What: "uncertain", Format: "markdown"})
	if code != 200 || !strings.Contains(hdr.Get("Content-Disposition"), "pd-unknown-uncertain.md") || !strings.Contains(body, "- GMR(c): 2 states: 1, 4") {
		t.Errorf("uncertain markdown: %d %q\n%.300s", code, hdr.Get("Content-Disposition"), body)
	}
	code, body, _ = exportRaw(t, ts, ExportRequest{Input: pd(t), What: "limited", Format: "markdown", Horizon: hz(2), NM: true})
	if code != 200 || !strings.Contains(body, "- L2: 2 states: 1, 4") || !strings.Contains(body, "| State | Code |") {
		t.Errorf("limited markdown: %d\n%s", code, body)
	}
	if code, _, _ := exportRaw(t, ts, ExportRequest{Input: pd(t), What: "uncertain", Format: "json"}); code != 422 {
		t.Errorf("uncertain of a model without unknowns: %d", code)
	}
	if code, body, _ := exportRaw(t, ts, ExportRequest{Input: pd(t), What: "limited", Format: "csv"}); code != 422 || !strings.Contains(body, "csv") {
		t.Errorf("limited csv: %d %s", code, body)
	}
}
