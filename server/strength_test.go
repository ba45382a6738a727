package server

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/gmcr/gmcr/analysis"
)

func pdStrength(t *testing.T) Input {
	return Input{Source: exampleSource(t, "prisoners-dilemma-strength"), Name: "pd-strength.yaml"}
}

// pdHybrid is the Prisoner's Dilemma with strength cuts and P1's unknown
// comparison of states 1 and 4 (hybrid preferences): P2's answer to P1's
// defection from state 1 ends in state 4, of unknown preference to P1, so
// state 1 is unstable for P1 under sGMR in (a) and (b) and strongly
// stable in (c) and (d) (as gmcr analyze --concepts sgmr reports).
const pdHybrid = `title: PD hybrid
options:
  - id: d1
  - id: d2
decision_makers:
  - id: P1
    options: [d1]
    preferences:
      ranking: [2, ">>", 1, 4, 3]
      unknown:
        - states: [1, 4]
  - id: P2
    options: [d2]
    preferences:
      ranking: [3, 1, ">>", 4, 2]
`

// Strong and weak stability of the Prisoner's Dilemma with strength of
// preference, with the values derived by hand in examples/EXPECTED.md:
// mutual defection (4) is a strong equilibrium under GMR, SMR and SEQ,
// mutual cooperation (1) a weak one (weakly stable for P1, whose
// sanction 2 -> 4 leaves it only mildly worse; strongly for P2).
func TestStrengthOfPreference(t *testing.T) {
	srv, ts := newTest(t, Config{})
	a := analyzeOK(t, ts, pdStrength(t))
	if !a.Summary.Strength || a.Summary.Unknown {
		t.Errorf("summary: strength %v, unknown %v", a.Summary.Strength, a.Summary.Unknown)
	}
	// Strength is decided when first shown, not with the analysis.
	if a.Strength != nil || srv.engine.strengthRuns.Load() != 0 {
		t.Errorf("strength decided before asked: %v, %d runs", a.Strength, srv.engine.strengthRuns.Load())
	}
	// The ordinary concepts are unchanged by strength.
	if !slices.Equal(a.Equilibria["GMR"], []int{1, 4}) || !slices.Equal(a.Equilibria["Nash"], []int{4}) {
		t.Errorf("ordinary equilibria %v", a.Equilibria)
	}
	// A model without strength has none.
	if b := analyzeOK(t, ts, pd(t)); b.Strength != nil || b.Summary.Strength {
		t.Errorf("plain PD: strength %v, summary %v", b.Strength, b.Summary.Strength)
	}

	var tb Tableau
	if code := call(t, ts, "POST", "/api/tableau", TableauRequest{Input: pdStrength(t), Strength: true}, &tb); code != 200 {
		t.Fatalf("tableau: %d", code)
	}
	wantPD := func(what string, got map[string]StrengthEquilibria) {
		t.Helper()
		if len(got) != 3 {
			t.Fatalf("%s: strength equilibria %v, want sGMR, sSMR, sSEQ", what, got)
		}
		for _, c := range []string{"sGMR", "sSMR", "sSEQ"} {
			x := got[c]
			if !slices.Equal(x.Equilibria, []int{1, 4}) || !slices.Equal(x.Strong, []int{4}) || !slices.Equal(x.Weak, []int{1}) {
				t.Errorf("%s: %s: %+v, want equilibria 1, 4; strong 4; weak 1", what, c, x)
			}
		}
	}
	wantPD("tableau", tb.Strength)
	// Once decided, the analysis of the same text carries it too, and
	// showing it again decides nothing anew.
	wantPD("analysis after the tableau", analyzeOK(t, ts, pdStrength(t)).Strength)
	var again Tableau
	if code := call(t, ts, "POST", "/api/tableau", TableauRequest{Input: pdStrength(t), Strength: true, Offset: 2}, &again); code != 200 || srv.engine.strengthRuns.Load() != 1 {
		t.Errorf("tableau again: %d, %d strength runs, want 1", code, srv.engine.strengthRuns.Load())
	}
	if code := call(t, ts, "POST", "/api/tableau", TableauRequest{Input: pdStrength(t), Strength: true}, &tb); code != 200 {
		t.Fatalf("tableau: %d", code)
	}
	if !slices.Equal(tb.Concepts, []string{"Nash", "GMR", "SMR", "SEQ", "SIM", "sGMR", "sSMR", "sSEQ"}) {
		t.Errorf("concepts %v", tb.Concepts)
	}
	marks := map[int]string{}
	for _, r := range tb.Rows {
		marks[r.Number] = r.Marks["sGMR"]
		if r.Marks["sSMR"] != r.Marks["sGMR"] || r.Marks["sSEQ"] != r.Marks["sGMR"] {
			t.Errorf("state %d: sGMR %q, sSMR %q, sSEQ %q differ", r.Number, r.Marks["sGMR"], r.Marks["sSMR"], r.Marks["sSEQ"])
		}
	}
	// State 2 is Nash stable for P1 (strongly stable), unstable for P2.
	if want := map[int]string{1: "WS", 2: "Su", 3: "uS", 4: "SS"}; !equalMarks(marks, want) {
		t.Errorf("sGMR marks %v, want %v", marks, want)
	}
	if got := tb.Strength["sSEQ"]; !slices.Equal(got.Strong, []int{4}) || !slices.Equal(got.Weak, []int{1}) {
		t.Errorf("tableau strength %v", tb.Strength)
	}
	if tb.Rows[0].EquilibriumStrength["sGMR"] != "weak" || tb.Rows[3].EquilibriumStrength["sSMR"] != "strong" || tb.Rows[1].EquilibriumStrength != nil {
		t.Errorf("rows' equilibrium strength: %v, %v, %v", tb.Rows[0].EquilibriumStrength, tb.Rows[3].EquilibriumStrength, tb.Rows[1].EquilibriumStrength)
	}
	if len(tb.Notes) != 1 || !strings.Contains(tb.Notes[0], "S = strongly stable") {
		t.Errorf("notes %q", tb.Notes)
	}
	// Filtering by a strength column's equilibria.
	if code := call(t, ts, "POST", "/api/tableau", TableauRequest{Input: pdStrength(t), Strength: true, Filter: Filter{Equilibrium: "sSMR"}}, &tb); code != 200 || tb.Matched != 2 {
		t.Errorf("filter sSMR: %d matched %d", code, tb.Matched)
	}
	// Without the flag the tableau is the ordinary one.
	tb = Tableau{}
	if code := call(t, ts, "POST", "/api/tableau", TableauRequest{Input: pdStrength(t)}, &tb); code != 200 || slices.Contains(tb.Concepts, "sGMR") || tb.Strength != nil || tb.Notes != nil {
		t.Errorf("tableau without strength: %d %v %v", code, tb.Concepts, tb.Strength)
	}
	var e apiError
	if code := call(t, ts, "POST", "/api/tableau", TableauRequest{Input: pd(t), Strength: true}, &e); code != 422 || !strings.Contains(e.Error, "no strength of preference") {
		t.Errorf("strength of a model without: %d %q", code, e.Error)
	}

	// Explanations: each move's best sanction, strongly or mildly worse.
	type move struct {
		To       int    `json:"to"`
		End      int    `json:"end"`
		Relation string `json:"end_relation"`
		Sanction string `json:"sanction"`
	}
	var doc struct {
		Kind         string `json:"kind"`
		Explanations []struct {
			Concept   string `json:"concept"`
			DM        string `json:"dm"`
			Stability string `json:"stability"`
			Moves     []move `json:"moves"`
		} `json:"explanations"`
	}
	var d Document
	if code := call(t, ts, "POST", "/api/explain", ExplainRequest{Input: pdStrength(t), State: "1", Concept: "sSMR"}, &d); code != 200 {
		t.Fatalf("explain sSMR: %d %s", code, d.Text)
	}
	if err := json.Unmarshal(d.Document, &doc); err != nil || doc.Kind != "strength-explanation" || len(doc.Explanations) != 2 {
		t.Fatalf("explain sSMR document: %v %s", err, d.Document)
	}
	p1, p2 := doc.Explanations[0], doc.Explanations[1]
	if p1.DM != "P1" || p1.Stability != "weak" || len(p1.Moves) != 1 || p1.Moves[0] != (move{2, 4, "<", "mild"}) {
		t.Errorf("P1: %+v", p1)
	}
	if p2.DM != "P2" || p2.Stability != "strong" || len(p2.Moves) != 1 || p2.Moves[0] != (move{3, 4, "<<", "strong"}) {
		t.Errorf("P2: %+v", p2)
	}
	for _, want := range []string{"SMR stability of state 1 for P1: weakly stable", "the sanction is mild", "SMR stability of state 1 for P2: strongly stable", "the sanction is strong"} {
		if !strings.Contains(d.Text, want) {
			t.Errorf("explain text lacks %q:\n%s", want, d.Text)
		}
	}

	// The report and the status quo analysis, as gmcr strength writes them.
	if code := call(t, ts, "POST", "/api/strength", StrengthRequest{Input: pdStrength(t)}, &d); code != 200 || !strings.Contains(d.Text, "GMR     strong: 4; weak: 1") {
		t.Errorf("strength report: %d\n%s", code, d.Text)
	}
	conforms(t, "strength", d.Document)
	if code := call(t, ts, "POST", "/api/strength", StrengthRequest{Input: pdStrength(t), From: "1"}, &d); code != 200 {
		t.Fatalf("strength from 1: %d %s", code, d.Text)
	}
	var ev struct {
		Kind   string `json:"kind"`
		Start  int    `json:"start"`
		States []struct {
			Number int               `json:"number"`
			Steps  map[string]*int   `json:"steps"`
			Eq     map[string]string `json:"equilibrium"`
		} `json:"states"`
	}
	if err := json.Unmarshal(d.Document, &ev); err != nil || ev.Kind != "strength-evolution" || ev.Start != 1 || len(ev.States) != 4 {
		t.Fatalf("evolution document: %v %s", err, d.Document)
	}
	// By improvements state 4 is reached in two steps; by strong
	// improvements only P1's 1 -> 2 is possible (EXPECTED.md).
	s4 := ev.States[3]
	if s4.Number != 4 || s4.Steps["improvements"] == nil || *s4.Steps["improvements"] != 2 || s4.Steps["strong"] != nil || s4.Eq["GMR"] != "strong" {
		t.Errorf("state 4: %+v", s4)
	}
	if s2 := ev.States[1]; s2.Steps["strong"] == nil || *s2.Steps["strong"] != 1 {
		t.Errorf("state 2: %+v", s2)
	}
	if code := call(t, ts, "POST", "/api/strength", StrengthRequest{Input: pdStrength(t), From: "9"}, &e); code != 422 {
		t.Errorf("from 9: %d %q", code, e.Error)
	}

	// The export, as gmcr strength -f csv.
	code, body, _ := exportRaw(t, ts, ExportRequest{Input: pdStrength(t), What: "strength", Format: "csv"})
	if code != 200 || !strings.Contains(body, "\n1,0,NN,") {
		t.Errorf("strength export: %d\n%s", code, body)
	}
}

// Hybrid preferences: strength with unknown comparisons, in the four
// extensions.
func TestStrengthHybrid(t *testing.T) {
	_, ts := newTest(t, Config{})
	in := Input{Source: pdHybrid, Name: "hybrid.yaml"}
	a := analyzeOK(t, ts, in)
	if !a.Summary.Strength || !a.Summary.Unknown || len(a.Strength) != 0 || len(a.Extensions) != 16 {
		t.Fatalf("summary %+v; %d strength concepts, %d extensions", a.Summary, len(a.Strength), len(a.Extensions))
	}
	// The tableau with strength (extension (a)) lists every extension's
	// strong and weak equilibria, as the analysis does from then on.
	var t0 Tableau
	if code := call(t, ts, "POST", "/api/tableau", TableauRequest{Input: in, Strength: true}, &t0); code != 200 || len(t0.Strength) != 12 {
		t.Fatalf("tableau: %d, %d strength concepts", code, len(t0.Strength))
	}
	a = analyzeOK(t, ts, in)
	if len(a.Strength) != 12 || !slices.Equal(a.Strength["sGMR(c)"].Strong, t0.Strength["sGMR(c)"].Strong) {
		t.Fatalf("analysis after the tableau: %d strength concepts", len(a.Strength))
	}
	want := map[string]StrengthEquilibria{
		"sGMR(a)": {[]int{4}, []int{4}, []int{}},
		"sGMR(b)": {[]int{4}, []int{4}, []int{}},
		"sGMR(c)": {[]int{1, 4}, []int{1, 4}, []int{}},
		"sGMR(d)": {[]int{1, 4}, []int{1, 4}, []int{}},
	}
	for c, w := range want {
		got := a.Strength[c]
		if !slices.Equal(got.Equilibria, w.Equilibria) || !slices.Equal(got.Strong, w.Strong) || len(got.Weak) != 0 {
			t.Errorf("%s: %+v, want %+v", c, got, w)
		}
	}
	var tb Tableau
	// Without an extension: (a).
	if code := call(t, ts, "POST", "/api/tableau", TableauRequest{Input: in, Strength: true}, &tb); code != 200 || !slices.Equal(tb.Concepts, []string{"Nash", "GMR", "SMR", "SEQ", "SIM", "sGMR(a)", "sSMR(a)", "sSEQ(a)"}) {
		t.Fatalf("tableau: %d %v", code, tb.Concepts)
	}
	if tb.Rows[0].Marks["sGMR(a)"][0] != 'u' {
		t.Errorf("state 1, P1, sGMR(a): %q", tb.Rows[0].Marks["sGMR(a)"])
	}
	if code := call(t, ts, "POST", "/api/tableau", TableauRequest{Input: in, Strength: true, Extension: "c"}, &tb); code != 200 || !slices.Equal(tb.Concepts, []string{"Nash(c)", "GMR(c)", "SMR(c)", "SEQ(c)", "sGMR(c)", "sSMR(c)", "sSEQ(c)"}) {
		t.Fatalf("tableau (c): %d %v", code, tb.Concepts)
	}
	if tb.Rows[0].Marks["sGMR(c)"] != "SS" || tb.Rows[0].EquilibriumStrength["sGMR(c)"] != "strong" || len(tb.Notes) != 2 {
		t.Errorf("state 1 under sGMR(c): %+v; notes %d", tb.Rows[0], len(tb.Notes))
	}
	var d Document
	if code := call(t, ts, "POST", "/api/explain", ExplainRequest{Input: in, State: "1", DM: "P1", Concept: "sGMR(c)"}, &d); code != 200 || !strings.Contains(d.Text, "GMR(c) stability of state 1 for P1: strongly stable") {
		t.Errorf("explain sGMR(c): %d\n%s", code, d.Text)
	}
	if code := call(t, ts, "POST", "/api/explain", ExplainRequest{Input: in, State: "1", DM: "P1", Concept: "sGMR(a)"}, &d); code != 200 || !strings.Contains(d.Text, "GMR(a) stability of state 1 for P1: unstable") {
		t.Errorf("explain sGMR(a): %d\n%s", code, d.Text)
	}
}

// The names of the strength columns read back for explanations; the
// ordinary concepts (SEQ, SMR: they start with S too) are not read as
// strength.
func TestParseStrengthName(t *testing.T) {
	for name, want := range map[string]string{"sGMR": "GMR(a)", "sSMR": "SMR(a)", "sseq": "SEQ(a)", "sGMR(c)": "GMR(c)", "SSEQ(d)": "SEQ(d)"} {
		c, ok := parseStrengthName(name)
		if !ok || c.String() != want {
			t.Errorf("%s: %v %v, want %s", name, c, ok, want)
		}
	}
	for _, name := range []string{"SEQ", "SMR", "SEQ(a)", "sNash", "sSIM", "GMR", "s", "sx"} {
		if c, ok := parseStrengthName(name); ok {
			t.Errorf("%s read as %v", name, c)
		}
	}
}

// The HTML report is gmcr report's page: the extra concepts the analysis
// decided for the tableau (sGMR ...) are not in it, as in the CLI's.
func TestReportOfStrengthModel(t *testing.T) {
	_, ts := newTest(t, Config{})
	b, _ := json.Marshal(pdStrength(t))
	req, _ := http.NewRequest("POST", ts.URL+"/api/report", bytes.NewReader(b))
	req.Header.Set(TokenHeader, testToken)
	resp, err := ts.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var html bytes.Buffer
	html.ReadFrom(resp.Body)
	if resp.StatusCode != 200 || !strings.Contains(html.String(), "GMR stability") || strings.Contains(html.String(), "sGMR") {
		t.Errorf("report: %d; GMR %v, sGMR %v", resp.StatusCode, strings.Contains(html.String(), "GMR stability"), strings.Contains(html.String(), "sGMR"))
	}
}

// An edit of a model stating strength does not decide strength unless
// something shows it: the analysis, the tableau without strength, an
// explanation of an ordinary concept and the ranking start no strength
// analysis; the first tableau with strength starts one, which the
// session's next edit does not inherit.
func TestStrengthOnDemand(t *testing.T) {
	srv, ts := newTest(t, Config{})
	runs := func() int64 { return srv.engine.strengthRuns.Load() }
	in := pdStrength(t)
	in.Session = "page"
	analyzeOK(t, ts, in)
	var tb Tableau
	if code := call(t, ts, "POST", "/api/tableau", TableauRequest{Input: in}, &tb); code != 200 || tb.Strength != nil || slices.Contains(tb.Concepts, "sGMR") {
		t.Fatalf("tableau without strength: %d %v %v", code, tb.Concepts, tb.Strength)
	}
	var d Document
	if code := call(t, ts, "POST", "/api/explain", ExplainRequest{Input: in, State: "1", DM: "P1", Concept: "GMR"}, &d); code != 200 {
		t.Fatalf("explain GMR: %d", code)
	}
	if runs() != 0 {
		t.Fatalf("%d strength analyses before any was asked for", runs())
	}
	if code := call(t, ts, "POST", "/api/tableau", TableauRequest{Input: in, Strength: true}, &tb); code != 200 || runs() != 1 {
		t.Fatalf("tableau with strength: %d, %d runs", code, runs())
	}
	// The edit: a new text is a new model version with nothing decided.
	edit := in
	edit.Source = strings.Replace(in.Source, "title: ", "title: edited ", 1)
	if a := analyzeOK(t, ts, edit); a.Strength != nil || runs() != 1 {
		t.Errorf("edit: strength %v, %d runs", a.Strength, runs())
	}
}

// A strength analysis whose every requester has gone is cancelled and
// forgotten, so that asking again decides it afresh.
func TestStrengthCancelled(t *testing.T) {
	srv, ts := newTest(t, Config{})
	in := pdStrength(t)
	analyzeOK(t, ts, in)
	e, res, err := srv.engine.result(t.Context(), &in)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	if _, _, err := srv.engine.strength(ctx, e, res); !errors.Is(err, context.Canceled) {
		t.Fatalf("strength for a request gone: %v", err)
	}
	// The job ends soon after its last requester left.
	for i := 0; ; i++ {
		srv.engine.mu.Lock()
		j := e.str
		srv.engine.mu.Unlock()
		if j == nil {
			break
		}
		select {
		case <-j.done:
			if !errors.Is(j.err, context.Canceled) {
				t.Fatalf("the job ran to its end (%v) though nobody waited for it", j.err)
			}
		case <-time.After(10 * time.Millisecond):
		}
		if i > 1000 {
			t.Fatal("the cancelled job did not end")
		}
	}
	_, xs, err := srv.engine.strength(t.Context(), e, res)
	if err != nil || len(xs) != 3 || srv.engine.strengthRuns.Load() != 2 {
		t.Fatalf("asked again: %v, %d concepts, %d runs", err, len(xs), srv.engine.strengthRuns.Load())
	}
	if got := xs[0].StrongEquilibria(); !slices.Equal(got, []int{3}) {
		t.Errorf("%s strong equilibria %v, want [3] (state 4)", xs[0].Name, got)
	}
}

// A strength analysis the memory limit cannot hold is refused with the
// limit named, not started.
func TestStrengthMemoryLimit(t *testing.T) {
	srv, ts := newTest(t, Config{MemoryLimit: 4 * 2 * analysis.BytesPerStateDM})
	in := pdStrength(t)
	var tb Tableau
	if code := call(t, ts, "POST", "/api/tableau", TableauRequest{Input: in}, &tb); code != 200 {
		t.Fatalf("tableau: %d", code)
	}
	var e apiError
	if code := call(t, ts, "POST", "/api/tableau", TableauRequest{Input: in, Strength: true}, &e); code != 422 || !strings.Contains(e.Error, "memory limit") || srv.engine.strengthRuns.Load() != 0 {
		t.Errorf("tableau with strength: %d %q, %d runs", code, e.Error, srv.engine.strengthRuns.Load())
	}
}
