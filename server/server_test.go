package server

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/gmcr/gmcr/examples"
	"github.com/gmcr/gmcr/generate"
	"github.com/gmcr/gmcr/model"
)

const testToken = "0123456789abcdef0123"

func newTest(t testing.TB, cfg Config) (*Server, *httptest.Server) {
	t.Helper()
	cfg.Token = testToken
	if cfg.Assets == nil {
		cfg.Assets = fstest.MapFS{"index.html": {Data: []byte("<!doctype html><title>gmcr</title>")}}
	}
	s, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s)
	t.Cleanup(func() { ts.Close(); s.Close() })
	return s, ts
}

func exampleSource(t testing.TB, name string) string {
	t.Helper()
	ex, err := examples.Get(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(ex.Data)
}

// call sends a request with the token and decodes a JSON answer into out
// (nil: none); it returns the status code.
func call(t testing.TB, ts *httptest.Server, method, path string, body, out any) int {
	t.Helper()
	var rd *bytes.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			t.Fatal(err)
		}
		rd = bytes.NewReader(b)
	} else {
		rd = bytes.NewReader(nil)
	}
	req, _ := http.NewRequest(method, ts.URL+path, rd)
	req.Header.Set(TokenHeader, testToken)
	req.Header.Set("Content-Type", "application/json")
	resp, err := ts.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if out != nil {
		if err := json.NewDecoder(resp.Body).Decode(out); err != nil {
			t.Fatalf("%s %s: decoding the answer (status %d): %v", method, path, resp.StatusCode, err)
		}
	}
	return resp.StatusCode
}

func pd(t *testing.T) Input {
	return Input{Source: exampleSource(t, "prisoners-dilemma"), Name: "prisoners-dilemma.yaml"}
}

func TestSecurityChecks(t *testing.T) {
	_, ts := newTest(t, Config{})
	client := ts.Client()
	client.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	get := func(path string, hdr map[string]string) *http.Response {
		req, _ := http.NewRequest("GET", ts.URL+path, nil)
		for k, v := range hdr {
			req.Header.Set(k, v)
		}
		resp, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp
	}
	// No token: refused, with the security headers set anyway.
	resp := get("/api/info", nil)
	if resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("no token: %d", resp.StatusCode)
	}
	if csp := resp.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'none'") || !strings.Contains(csp, "frame-ancestors 'none'") {
		t.Errorf("CSP %q", csp)
	}
	if get("/", nil).StatusCode != http.StatusUnauthorized {
		t.Error("the page is served without the token")
	}
	if r := get("/api/info", map[string]string{TokenHeader: "wrong-token-wrong-token"}); r.StatusCode != http.StatusUnauthorized {
		t.Errorf("wrong token: %d", r.StatusCode)
	}
	if r := get("/?token=nottherighttoken", nil); r.StatusCode != http.StatusForbidden {
		t.Errorf("wrong token in URL: %d", r.StatusCode)
	}
	// The token in the URL becomes a strict HttpOnly cookie, and the
	// address loses it.
	resp = get("/?token="+testToken, nil)
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/" {
		t.Fatalf("token URL: %d %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	cookies := resp.Cookies()
	if len(cookies) != 1 || !cookies[0].HttpOnly || cookies[0].SameSite != http.SameSiteStrictMode || cookies[0].Value != testToken {
		t.Fatalf("cookie %+v", cookies)
	}
	req, _ := http.NewRequest("GET", ts.URL+"/", nil)
	req.AddCookie(cookies[0])
	r2, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	r2.Body.Close()
	if r2.StatusCode != http.StatusOK {
		t.Errorf("page with the cookie: %d", r2.StatusCode)
	}
	// Cross-origin and cross-site requests are refused even with the
	// token.
	if r := get("/api/info", map[string]string{TokenHeader: testToken, "Origin": "http://evil.example"}); r.StatusCode != http.StatusForbidden {
		t.Errorf("cross origin: %d", r.StatusCode)
	}
	if r := get("/api/info", map[string]string{TokenHeader: testToken, "Sec-Fetch-Site": "cross-site"}); r.StatusCode != http.StatusForbidden {
		t.Errorf("cross site: %d", r.StatusCode)
	}
	if r := get("/api/info", map[string]string{TokenHeader: testToken, "Origin": ts.URL}); r.StatusCode != http.StatusOK {
		t.Errorf("same origin: %d", r.StatusCode)
	}
	if r := get("/api/nothing", map[string]string{TokenHeader: testToken}); r.StatusCode != http.StatusNotFound {
		t.Errorf("unknown endpoint: %d", r.StatusCode)
	}
}

func TestHostCheck(t *testing.T) {
	_, ts := newTest(t, Config{Hosts: []string{"127.0.0.1:1"}})
	req, _ := http.NewRequest("GET", ts.URL+"/api/info", nil)
	req.Header.Set(TokenHeader, testToken)
	resp, err := ts.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	// httptest's host is not in the list: a DNS-rebound name is refused.
	if resp.StatusCode != http.StatusMisdirectedRequest {
		t.Errorf("foreign host: %d", resp.StatusCode)
	}
	if _, err := New(Config{Token: "short"}); err == nil {
		t.Error("a short token is accepted")
	}
}

func TestBodyLimit(t *testing.T) {
	_, ts := newTest(t, Config{MaxBody: 1000})
	var e apiError
	code := call(t, ts, "POST", "/api/validate", Input{Source: strings.Repeat("#", 2000)}, &e)
	if code != http.StatusRequestEntityTooLarge || !strings.Contains(e.Error, "1000 bytes") {
		t.Errorf("%d %q", code, e.Error)
	}
}

func TestInfoAndExamples(t *testing.T) {
	_, ts := newTest(t, Config{Version: "v9"})
	var info Info
	if code := call(t, ts, "GET", "/api/info", nil, &info); code != 200 {
		t.Fatal(code)
	}
	if info.Version != "v9" || len(info.Examples) != len(examples.Names()) || !slices.Equal(info.Concepts, []string{"Nash", "GMR", "SMR", "SEQ", "SIM"}) {
		t.Errorf("%+v", info)
	}
	var list []ExampleInfo
	if code := call(t, ts, "GET", "/api/examples", nil, &list); code != 200 || len(list) != len(examples.Names()) || list[0].Title == "" {
		t.Errorf("%d %+v", code, list)
	}
	var src Source
	if code := call(t, ts, "GET", "/api/examples/elmira", nil, &src); code != 200 || src.Name != "elmira.yaml" || !strings.Contains(src.Source, "Uniroyal") {
		t.Errorf("%d %+v", code, src.Name)
	}
	var e apiError
	if code := call(t, ts, "GET", "/api/examples/nope", nil, &e); code != 404 || e.Error == "" {
		t.Errorf("%d %+v", code, e)
	}
}

func TestValidate(t *testing.T) {
	_, ts := newTest(t, Config{})
	var v Validation
	call(t, ts, "POST", "/api/validate", pd(t), &v)
	if !v.OK || v.Summary == nil || v.Summary.States != 4 || len(v.Summary.DMs) != 2 || len(v.Model) == 0 {
		t.Fatalf("%+v", v)
	}
	// The model's JSON form loads back as the same model.
	if _, err := model.Parse(v.Model, "x.json"); err != nil {
		t.Errorf("the JSON form does not load: %v", err)
	}
	// An unknown option in a statement: located, in the CLI's words.
	bad := strings.Replace(pd(t).Source, `"not d2"`, `"not d9"`, 1)
	if bad == pd(t).Source {
		t.Fatal("the test model changed")
	}
	v = Validation{}
	call(t, ts, "POST", "/api/validate", Input{Source: bad, Name: "pd.yaml"}, &v)
	if v.OK || len(v.Problems) == 0 || v.Problems[0].Line == 0 || !strings.Contains(v.Problems[0].Text, "pd.yaml:") || !strings.Contains(v.Error, "d9") {
		t.Errorf("%+v", v)
	}
	// A YAML syntax error is located too.
	v = Validation{}
	call(t, ts, "POST", "/api/validate", Input{Source: "title: [unclosed\n"}, &v)
	if v.OK || len(v.Problems) != 1 || v.Problems[0].Line == 0 {
		t.Errorf("%+v", v)
	}
	// Too many states: the limit's message.
	_, ts2 := newTest(t, Config{MaxStates: 100})
	v = Validation{}
	call(t, ts2, "POST", "/api/validate", Input{Source: exampleSource(t, "ukraine-security")}, &v)
	if v.OK || !strings.Contains(v.Error, "100") {
		t.Errorf("%+v", v)
	}
}

func TestConvert(t *testing.T) {
	_, ts := newTest(t, Config{})
	var js Source
	req := ConvertRequest{Input: pd(t), To: "json"}
	if code := call(t, ts, "POST", "/api/convert", req, &js); code != 200 || js.Name != "prisoners-dilemma.json" || !strings.HasPrefix(js.Source, "{") {
		t.Fatalf("%d %+v", code, js)
	}
	var yml Source
	call(t, ts, "POST", "/api/convert", ConvertRequest{Input: Input{Source: js.Source, Name: js.Name}, To: "yaml"}, &yml)
	a1, a2 := analyzeOK(t, ts, pd(t)), analyzeOK(t, ts, Input{Source: yml.Source})
	if !equalEq(a1.Equilibria, a2.Equilibria) {
		t.Errorf("round trip changed the equilibria: %v %v", a1.Equilibria, a2.Equilibria)
	}
	var gm Source
	call(t, ts, "POST", "/api/convert", ConvertRequest{Input: pd(t), To: "gmcr"}, &gm)
	a3 := analyzeOK(t, ts, Input{Source: gm.Source, Name: gm.Name})
	if gm.Name != "prisoners-dilemma.gmcr" || !equalEq(a1.Equilibria, a3.Equilibria) {
		t.Errorf("GMCR+ round trip: %s %v", gm.Name, a3.Equilibria)
	}
	var e apiError
	if code := call(t, ts, "POST", "/api/convert", ConvertRequest{Input: pd(t), To: "xml"}, &e); code != 422 || !strings.Contains(e.Error, "xml") {
		t.Errorf("%d %+v", code, e)
	}
}

func equalEq(a, b map[string][]int) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if !slices.Equal(v, b[k]) {
			return false
		}
	}
	return true
}

func analyzeOK(t *testing.T, ts *httptest.Server, in Input) Analysis {
	t.Helper()
	var a Analysis
	if code := call(t, ts, "POST", "/api/analyze", in, &a); code != 200 {
		t.Fatalf("analyze: %d", code)
	}
	return a
}

func TestAnalyze(t *testing.T) {
	_, ts := newTest(t, Config{})
	a := analyzeOK(t, ts, pd(t))
	want := map[string][]int{"Nash": {4}, "GMR": {1, 4}, "SMR": {1, 4}, "SEQ": {1, 4}, "SIM": {1, 4}}
	if !equalEq(a.Equilibria, want) || a.Summary.States != 4 {
		t.Errorf("%+v", a)
	}
	// The flagship example: the README's counts.
	u := analyzeOK(t, ts, Input{Source: exampleSource(t, "ukraine-security")})
	counts := map[string]int{"Nash": 1, "GMR": 81, "SMR": 38, "SEQ": 6, "SIM": 13}
	for c, n := range counts {
		if len(u.Equilibria[c]) != n {
			t.Errorf("%s: %d equilibria, want %d", c, len(u.Equilibria[c]), n)
		}
	}
	if !slices.Equal(u.Equilibria["SEQ"], []int{59, 75, 79, 163, 171, 176}) || u.Summary.States != 288 || *u.Summary.StatusQuo != 1 {
		t.Errorf("%v %d", u.Equilibria["SEQ"], u.Summary.States)
	}
	// Concepts and per-DM concepts.
	in := pd(t)
	in.Concepts = []string{"Nash"}
	in.DMConcepts = map[string]string{"P1": "GMR", "default": "Nash"}
	m := analyzeOK(t, ts, in)
	if !slices.Equal(m.Concepts, []string{"Nash", "GMR"}) || !slices.Equal(m.Equilibria["Mixed"], []int{4}) || m.Summary.DMs[0].Concept != "GMR" {
		t.Errorf("%+v", m)
	}
	// Errors: the model's, located.
	var e apiError
	code := call(t, ts, "POST", "/api/analyze", Input{Source: strings.Replace(pd(t).Source, "d1]", "dx]", 1)}, &e)
	if code != 422 || len(e.Problems) == 0 || e.Problems[0].Line == 0 {
		t.Errorf("%d %+v", code, e)
	}
	in = pd(t)
	in.Scenario = "nope"
	if code := call(t, ts, "POST", "/api/analyze", in, &e); code != 422 {
		t.Errorf("unknown scenario: %d", code)
	}
	in = pd(t)
	in.Concepts = []string{"XYZ"}
	if code := call(t, ts, "POST", "/api/analyze", in, &e); code != 422 || !strings.Contains(e.Error, "XYZ") {
		t.Errorf("unknown concept: %d %v", code, e)
	}
}

func TestAnalyzeScenario(t *testing.T) {
	_, ts := newTest(t, Config{})
	in := Input{Source: exampleSource(t, "ukraine-security"), Scenario: "russia_at_table"}
	a := analyzeOK(t, ts, in)
	// README: forcing Russia to the table leaves 43 GMR and 5 SIM equilibria.
	if len(a.Equilibria["GMR"]) != 43 || len(a.Equilibria["SIM"]) != 5 {
		t.Errorf("GMR %d SIM %d", len(a.Equilibria["GMR"]), len(a.Equilibria["SIM"]))
	}
}

// events reads a server-sent event stream.
func events(t *testing.T, ts *httptest.Server, in Input) []string {
	t.Helper()
	b, _ := json.Marshal(in)
	req, _ := http.NewRequest("POST", ts.URL+"/api/analyze", bytes.NewReader(b))
	req.Header.Set(TokenHeader, testToken)
	req.Header.Set("Accept", "text/event-stream")
	resp, err := ts.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if ct := resp.Header.Get("Content-Type"); ct != "text/event-stream" {
		t.Fatalf("content type %q", ct)
	}
	var out []string
	sc := bufio.NewScanner(resp.Body)
	sc.Buffer(nil, 1<<20)
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

func TestAnalyzeStream(t *testing.T) {
	_, ts := newTest(t, Config{})
	evs := events(t, ts, pd(t))
	if len(evs) < 2 || !strings.HasPrefix(evs[0], "progress ") || !strings.HasPrefix(evs[len(evs)-1], "result ") {
		t.Fatalf("%q", evs)
	}
	var a Analysis
	if err := json.Unmarshal([]byte(strings.TrimPrefix(evs[len(evs)-1], "result ")), &a); err != nil || !slices.Equal(a.Equilibria["Nash"], []int{4}) {
		t.Errorf("%v %+v", err, a)
	}
	// A model that loads but cannot be analysed ends the stream with an
	// error event (one that does not load is answered 422 at once).
	_, ts2 := newTest(t, Config{MemoryLimit: 1 << 10})
	evs = events(t, ts2, pd(t))
	if len(evs) == 0 || !strings.HasPrefix(evs[len(evs)-1], "error ") || !strings.Contains(evs[len(evs)-1], "memory") {
		t.Errorf("%q", evs)
	}
}

// bigModel is a generated conflict with about 65,536 states, slow enough
// to be cancelled while it runs.
func bigModel(t testing.TB, options int) string {
	t.Helper()
	m, err := generate.Conflict(generate.DefaultParams(4, options, 7))
	if err != nil {
		t.Fatal(err)
	}
	data, err := model.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func TestNewerEditCancelsTheOlder(t *testing.T) {
	s, ts := newTest(t, Config{MaxAnalyses: 1})
	big := Input{Source: bigModel(t, 16), Session: "page1"}
	e, err := s.engine.start(&big)
	if err != nil {
		t.Fatal(err)
	}
	// The newer edit of the same page supersedes the big analysis.
	small := pd(t)
	small.Session = "page1"
	a := analyzeOK(t, ts, small)
	if !slices.Equal(a.Equilibria["Nash"], []int{4}) {
		t.Errorf("%+v", a)
	}
	select {
	case <-e.done:
	case <-time.After(30 * time.Second):
		t.Fatal("the superseded analysis still runs")
	}
	if e.err == nil || !strings.Contains(e.err.Error(), "cancel") {
		t.Errorf("superseded analysis: %v", e.err)
	}
	// It was dropped from the cache: asking again starts afresh.
	s.engine.mu.Lock()
	_, cached := s.engine.entries[big.key()]
	s.engine.mu.Unlock()
	if cached {
		t.Error("a cancelled analysis stays cached")
	}
}

func TestTimeout(t *testing.T) {
	// 1 ms: the 65,536-state analysis cannot finish in that time, even on
	// a fast idle machine.
	_, ts := newTest(t, Config{Timeout: time.Millisecond})
	var e apiError
	code := call(t, ts, "POST", "/api/analyze", Input{Source: bigModel(t, 16)}, &e)
	if code != http.StatusServiceUnavailable || !strings.Contains(e.Error, "time limit") {
		t.Errorf("%d %+v", code, e)
	}
}

func TestMemoryGuard(t *testing.T) {
	_, ts := newTest(t, Config{MemoryLimit: 1 << 10})
	var e apiError
	code := call(t, ts, "POST", "/api/analyze", pd(t), &e)
	if code != 422 || !strings.Contains(e.Error, "memory") {
		t.Errorf("%d %+v", code, e)
	}
}

func TestTableau(t *testing.T) {
	_, ts := newTest(t, Config{})
	var tb Tableau
	call(t, ts, "POST", "/api/tableau", TableauRequest{Input: pd(t)}, &tb)
	if tb.Total != 4 || tb.Matched != 4 || len(tb.Rows) != 4 || len(tb.DMs) != 2 {
		t.Fatalf("%+v", tb)
	}
	// The CLI's tableau of the Prisoner's Dilemma: state 4 is Nash for
	// both; state 1 is GMR-stable (s) but not rational for either.
	r1, r4 := tb.Rows[0], tb.Rows[3]
	if r1.Number != 1 || r1.Pattern != "NN" || r1.Marks["Nash"] != "uu" || r1.Marks["GMR"] != "ss" || !slices.Equal(r1.Ranks, []int{2, 2}) {
		t.Errorf("row 1 %+v", r1)
	}
	if r4.Number != 4 || r4.Code != 3 || r4.Marks["Nash"] != "rr" || !slices.Equal(r4.Equilibrium, []string{"Nash", "GMR", "SMR", "SEQ", "SIM"}) {
		t.Errorf("row 4 %+v", r4)
	}
	// Filters and paging on the flagship example (288 states).
	u := Input{Source: exampleSource(t, "ukraine-security")}
	page := func(f Filter, off, lim int) Tableau {
		var tb Tableau
		if code := call(t, ts, "POST", "/api/tableau", TableauRequest{Input: u, Filter: f, Offset: off, Limit: lim}, &tb); code != 200 {
			t.Fatalf("tableau %+v: %d", f, code)
		}
		return tb
	}
	tb = page(Filter{}, 280, 100)
	if tb.Total != 288 || tb.Matched != 288 || len(tb.Rows) != 8 || tb.Rows[0].Number != 281 {
		t.Errorf("paging: %d %d %d", tb.Total, tb.Matched, len(tb.Rows))
	}
	tb = page(Filter{Equilibrium: "Nash"}, 0, 0)
	if tb.Matched != 1 || tb.Rows[0].Number != 176 {
		t.Errorf("Nash filter: %+v", tb.Rows)
	}
	tb = page(Filter{Equilibrium: "SEQ"}, 2, 2)
	if tb.Matched != 6 || len(tb.Rows) != 2 || tb.Rows[0].Number != 79 || tb.Rows[1].Number != 163 {
		t.Errorf("SEQ page: %+v", tb.Rows)
	}
	tb = page(Filter{Pattern: "N"}, 0, 1000)
	for _, r := range tb.Rows {
		if r.Pattern[0] != 'N' {
			t.Errorf("pattern filter let %s through", r.Pattern)
		}
	}
	if tb.Matched == 0 || tb.Matched == 288 {
		t.Errorf("pattern filter matched %d", tb.Matched)
	}
	tb = page(Filter{DM: "RU", Top: 1}, 0, 1000)
	for _, r := range tb.Rows {
		if r.Ranks[0] != 1 {
			t.Errorf("top filter let rank %d through", r.Ranks[0])
		}
	}
	tb = page(Filter{DM: "UA", Stable: "Nash"}, 0, 1000)
	for _, r := range tb.Rows {
		if r.Marks["Nash"][1] != 'r' {
			t.Errorf("stable filter let %+v through", r)
		}
	}
	if !tb.Rows[0].StatusQuo == (tb.Rows[0].Number == 1) {
		t.Errorf("status quo flag on %+v", tb.Rows[0])
	}
	var e apiError
	for _, f := range []Filter{{Pattern: "YX"}, {Equilibrium: "Mixed"}, {Top: 2}, {DM: "ZZ", Top: 1}, {Pattern: strings.Repeat("Y", 40)}} {
		if code := call(t, ts, "POST", "/api/tableau", TableauRequest{Input: u, Filter: f}, &e); code != 422 || e.Error == "" {
			t.Errorf("filter %+v: %d %q", f, code, e.Error)
		}
	}
}

func TestExplain(t *testing.T) {
	_, ts := newTest(t, Config{})
	var d Document
	call(t, ts, "POST", "/api/explain", ExplainRequest{Input: pd(t), State: "1", DM: "P1", Concept: "Nash"}, &d)
	var doc struct {
		Explanations []struct {
			Stable bool `json:"stable"`
			UIs    []any
		} `json:"explanations"`
	}
	if err := json.Unmarshal(d.Document, &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Explanations) != 1 || doc.Explanations[0].Stable || len(doc.Explanations[0].UIs) != 1 || !strings.Contains(d.Text, "P1") {
		t.Errorf("%s\n%s", d.Text, d.Document)
	}
	// Every DM and concept.
	call(t, ts, "POST", "/api/explain", ExplainRequest{Input: pd(t), State: "NN"}, &d)
	json.Unmarshal(d.Document, &doc)
	if len(doc.Explanations) != 10 {
		t.Errorf("%d explanations", len(doc.Explanations))
	}
	var e apiError
	if code := call(t, ts, "POST", "/api/explain", ExplainRequest{Input: pd(t), State: "9"}, &e); code != 422 || !strings.Contains(e.Error, "1..4") {
		t.Errorf("%d %q", code, e.Error)
	}
	if code := call(t, ts, "POST", "/api/explain", ExplainRequest{Input: pd(t), State: "1", DM: "Q"}, &e); code != 422 {
		t.Errorf("%d %q", code, e.Error)
	}
}

func TestRanking(t *testing.T) {
	_, ts := newTest(t, Config{})
	var rk Ranking
	call(t, ts, "POST", "/api/ranking", RankingRequest{Input: pd(t), DM: "P1", State: "2"}, &rk)
	// P1: statements "not d2", "d1". State 2 (P1 defects, P2 does not)
	// satisfies both: rank 1, score 3.
	if rk.DM != "P1" || rk.Levels != 4 || rk.State == nil || rk.State.Rank != 1 || rk.State.Score != 3 || len(rk.State.Statements) != 2 || !rk.State.Statements[0].Holds || !rk.State.Statements[1].Holds {
		t.Errorf("%+v %+v", rk, rk.State)
	}
	if len(rk.Top) != 4 || rk.Top[0].Number != 2 || rk.Top[3].Number != 3 {
		t.Errorf("%+v", rk.Top)
	}
}

func TestGraph(t *testing.T) {
	_, ts := newTest(t, Config{})
	var g Graph
	call(t, ts, "POST", "/api/graph", GraphRequest{Input: pd(t), DM: "P1"}, &g)
	// P1 moves between 1 and 2 and between 3 and 4; defecting improves.
	if len(g.Nodes) != 4 || len(g.Edges) != 4 {
		t.Fatalf("%+v", g)
	}
	for _, e := range g.Edges {
		if e.DM != "P1" || e.Improvement != (e.To == e.From+1) {
			t.Errorf("%+v", e)
		}
	}
	call(t, ts, "POST", "/api/graph", GraphRequest{Input: pd(t)}, &g)
	if len(g.Edges) != 8 || !slices.Contains(g.Nodes[3].Equilibrium, "Nash") {
		t.Errorf("%+v", g)
	}
	var e apiError
	if code := call(t, ts, "POST", "/api/graph", GraphRequest{Input: Input{Source: bigModel(t, 12)}}, &e); code != 422 || !strings.Contains(e.Error, "at most") {
		t.Errorf("%d %q", code, e.Error)
	}
}

func TestEvolve(t *testing.T) {
	_, ts := newTest(t, Config{})
	var ev Evolution
	code := call(t, ts, "POST", "/api/evolve", EvolveRequest{Input: Input{Source: exampleSource(t, "ukraine-security")}}, &ev)
	if code != 200 || !strings.Contains(ev.SVG, "<svg") || !strings.Contains(ev.Text, "176") {
		t.Fatalf("%d %q", code, ev.Note)
	}
	var doc struct {
		Kind      string `json:"kind"`
		Reachable []any  `json:"reachable"`
	}
	if err := json.Unmarshal(ev.Document.Document, &doc); err != nil {
		t.Fatal(err)
	}
	// README: 42 states are reachable from the status quo.
	if doc.Kind != "evolution" || len(doc.Reachable) != 42 {
		t.Errorf("%+v", doc)
	}
	if !strings.Contains(string(ev.Document.Document), "176") {
		t.Error("the Nash equilibrium is missing from the document")
	}
	var e apiError
	if code := call(t, ts, "POST", "/api/evolve", EvolveRequest{Input: pd(t)}, &e); code != 422 || !strings.Contains(e.Error, "status_quo") {
		t.Errorf("%d %q", code, e.Error)
	}
	if code := call(t, ts, "POST", "/api/evolve", EvolveRequest{Input: pd(t), Paths: 1000}, &e); code != 422 {
		t.Errorf("%d", code)
	}
	if code := call(t, ts, "POST", "/api/evolve", EvolveRequest{Input: pd(t), From: "1"}, &ev); code != 200 || !strings.Contains(ev.SVG, "<svg") {
		t.Errorf("from state 1: %d %q", code, ev.Note)
	}
}

func TestCompareAndCoalition(t *testing.T) {
	_, ts := newTest(t, Config{})
	var d Document
	code := call(t, ts, "POST", "/api/compare", CompareRequest{Input: Input{Source: exampleSource(t, "ukraine-security")}, Scenarios: []string{"russia_at_table"}}, &d)
	if code != 200 || !strings.Contains(d.Text, "russia_at_table") || !json.Valid(d.Document) {
		t.Fatalf("%d %s", code, d.Text)
	}
	var e apiError
	if code := call(t, ts, "POST", "/api/compare", CompareRequest{Input: pd(t)}, &e); code != 422 || !strings.Contains(e.Error, "no scenarios") {
		t.Errorf("%d %q", code, e.Error)
	}
	d = Document{}
	if code := call(t, ts, "POST", "/api/coalition", pd(t), &d); code != 200 || !strings.Contains(d.Text, "P1") || !json.Valid(d.Document) {
		t.Errorf("%d %s", code, d.Text)
	}
}

func exportRaw(t *testing.T, ts *httptest.Server, req ExportRequest) (int, string, http.Header) {
	t.Helper()
	b, _ := json.Marshal(req)
	r, _ := http.NewRequest("POST", ts.URL+"/api/export", bytes.NewReader(b))
	r.Header.Set(TokenHeader, testToken)
	resp, err := ts.Client().Do(r)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var buf bytes.Buffer
	buf.ReadFrom(resp.Body)
	return resp.StatusCode, buf.String(), resp.Header
}

func TestExport(t *testing.T) {
	_, ts := newTest(t, Config{})
	code, body, h := exportRaw(t, ts, ExportRequest{Input: pd(t), What: "tableau", Format: "csv"})
	if code != 200 || !strings.HasPrefix(body, "number,code,pattern,d1,d2,rank_P1") || !strings.Contains(h.Get("Content-Disposition"), "prisoners-dilemma-tableau.csv") {
		t.Errorf("%d %q %v", code, body, h)
	}
	code, body, _ = exportRaw(t, ts, ExportRequest{Input: pd(t), What: "tableau", Format: "markdown"})
	if code != 200 || !strings.Contains(body, "| ") {
		t.Errorf("%d %q", code, body)
	}
	code, body, _ = exportRaw(t, ts, ExportRequest{Input: pd(t), What: "model", Format: "json"})
	if _, err := model.Parse([]byte(body), "x.json"); code != 200 || err != nil {
		t.Errorf("%d %v", code, err)
	}
	elmira := Input{Source: exampleSource(t, "elmira"), Name: "elmira.yaml"}
	code, body, h = exportRaw(t, ts, ExportRequest{Input: elmira, What: "evolution", Format: "svg"})
	if code != 200 || !strings.Contains(body, "<svg") || h.Get("Content-Type") != "image/svg+xml" {
		t.Errorf("%d %q", code, h)
	}
	if code, _, _ = exportRaw(t, ts, ExportRequest{Input: pd(t), What: "nope"}); code != 422 {
		t.Errorf("%d", code)
	}
}

func TestFileLoadAndSave(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "pd.yaml")
	if err := os.WriteFile(path, []byte(pd(t).Source), 0o600); err != nil {
		t.Fatal(err)
	}
	_, ts := newTest(t, Config{File: path})
	var src Source
	if code := call(t, ts, "GET", "/api/file", nil, &src); code != 200 || src.Name != "pd.yaml" || src.Source != pd(t).Source || src.Version == "" {
		t.Fatalf("%d %+v", code, src)
	}
	edited := strings.Replace(src.Source, "Prisoner", "Prisoners", 1)
	var saved Saved
	if code := call(t, ts, "PUT", "/api/file", SaveRequest{Source: edited, Version: src.Version}, &saved); code != 200 {
		t.Fatalf("%d %+v", code, saved)
	}
	got, _ := os.ReadFile(path)
	if string(got) != edited {
		t.Error("not saved")
	}
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o600 {
		t.Errorf("mode %v", fi.Mode())
	}
	// Saving over the old version again is refused: the file changed.
	if code := call(t, ts, "PUT", "/api/file", SaveRequest{Source: "x", Version: src.Version}, &saved); code != http.StatusConflict || saved.Error == "" {
		t.Errorf("stale save: %d %+v", code, saved)
	}
	got, _ = os.ReadFile(path)
	if string(got) != edited {
		t.Error("a stale save overwrote the file")
	}
	// ...unless forced.
	if code := call(t, ts, "PUT", "/api/file", SaveRequest{Source: "title: y\n", Version: src.Version, Force: true}, &saved); code != 200 {
		t.Errorf("forced save: %d", code)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("temporary files left: %v", entries)
	}
	// Without a file, nothing is read or written.
	_, ts2 := newTest(t, Config{})
	var e apiError
	if code := call(t, ts2, "GET", "/api/file", nil, &e); code != 404 {
		t.Errorf("%d", code)
	}
	if code := call(t, ts2, "PUT", "/api/file", SaveRequest{Source: "x"}, &e); code != 404 {
		t.Errorf("%d", code)
	}
}

func TestConcurrentRequestsShareOneAnalysis(t *testing.T) {
	s, ts := newTest(t, Config{MaxAnalyses: 1})
	in := Input{Source: exampleSource(t, "ukraine-security")}
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var tb Tableau
			call(t, ts, "POST", "/api/tableau", TableauRequest{Input: in, Filter: Filter{Equilibrium: "SEQ"}}, &tb)
			if tb.Matched != 6 {
				t.Errorf("matched %d", tb.Matched)
			}
		}()
	}
	wg.Wait()
	s.engine.mu.Lock()
	n := len(s.engine.entries)
	s.engine.mu.Unlock()
	if n != 1 {
		t.Errorf("%d cache entries for one model", n)
	}
}

func TestCacheIsBounded(t *testing.T) {
	s, ts := newTest(t, Config{CacheEntries: 2})
	for i := range 5 {
		in := pd(t)
		in.Source += strings.Repeat("\n", i+1)
		analyzeOK(t, ts, in)
	}
	s.engine.mu.Lock()
	n := len(s.engine.entries)
	s.engine.mu.Unlock()
	if n > 2 {
		t.Errorf("%d cache entries, limit 2", n)
	}
}

func TestLocate(t *testing.T) {
	p := locate("m.yaml:3:5: unknown option")
	if p.Line != 3 || p.Col != 5 || p.Message != "unknown option" {
		t.Errorf("%+v", p)
	}
	p = locate("no position here")
	if p.Line != 0 || p.Message != "no position here" {
		t.Errorf("%+v", p)
	}
	_ = context.Background
}

// TestAPIDocumented checks that docs/api.md documents every endpoint
// under a heading of its own, and no endpoint that does not exist.
func TestAPIDocumented(t *testing.T) {
	data, err := os.ReadFile("../docs/api.md")
	if err != nil {
		t.Fatal(err)
	}
	s, _ := newTest(t, Config{})
	documented := map[string]bool{}
	for _, line := range strings.Split(string(data), "\n") {
		if h, ok := strings.CutPrefix(line, "### "); ok {
			documented[h] = true
		}
	}
	for pattern := range s.endpoints() {
		if !documented[pattern] {
			t.Errorf("docs/api.md does not document %s", pattern)
		}
		delete(documented, pattern)
	}
	for h := range documented {
		t.Errorf("docs/api.md documents %s, which the server does not have", h)
	}
}

func TestReport(t *testing.T) {
	_, ts := newTest(t, Config{})
	b, _ := json.Marshal(Input{Source: exampleSource(t, "ukraine-security"), Name: "ukraine-security.yaml"})
	req, _ := http.NewRequest("POST", ts.URL+"/api/report", bytes.NewReader(b))
	req.Header.Set(TokenHeader, testToken)
	resp, err := ts.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var html bytes.Buffer
	html.ReadFrom(resp.Body)
	out := html.String()
	if resp.StatusCode != 200 || !strings.Contains(resp.Header.Get("Content-Disposition"), "ukraine-security-report.html") {
		t.Fatalf("%d %v", resp.StatusCode, resp.Header)
	}
	for _, want := range []string{"<th scope=\"row\">SEQ</th><td>59, 75, 79, 163, 171, 176</td>", `id="scenarios"`, "<svg"} {
		if !strings.Contains(out, want) {
			t.Errorf("the report lacks %q", want)
		}
	}
}

// A broken scenario is reported in place, not as a failed request.
func TestReportFailedScenario(t *testing.T) {
	_, ts := newTest(t, Config{})
	src := "title: t\noptions: [{id: a}, {id: b}]\ndecision_makers:\n" +
		"  - {id: P1, options: [a], preferences: {statements: [a]}}\n" +
		"  - {id: P2, options: [b], preferences: {statements: [b]}}\n" +
		"scenarios:\n  - {id: good, forbid: [a]}\n  - {id: broken, force: [a], infeasible: [a]}\n"
	b, _ := json.Marshal(Input{Source: src, Name: "b.yaml"})
	req, _ := http.NewRequest("POST", ts.URL+"/api/report", bytes.NewReader(b))
	req.Header.Set(TokenHeader, testToken)
	resp, err := ts.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var html bytes.Buffer
	html.ReadFrom(resp.Body)
	if resp.StatusCode != 200 || resp.Header.Get("X-Gmcr-Failed-Scenarios") != "broken" {
		t.Fatalf("%d %v\n%s", resp.StatusCode, resp.Header, html.String())
	}
	if !strings.Contains(html.String(), "Scenario <code>broken</code> could not be analysed") || !strings.Contains(html.String(), "S1 good") {
		t.Errorf("the report lacks the failure or the comparison")
	}
}

func TestCacheMemoryBound(t *testing.T) {
	// 288 states x 4 DMs x 220 bytes is about 250 kB per flagship analysis:
	// a 400 kB bound keeps one.
	s, ts := newTest(t, Config{MemoryLimit: 400_000})
	src := exampleSource(t, "ukraine-security")
	for i := range 3 {
		analyzeOK(t, ts, Input{Source: src + strings.Repeat("\n", i)})
	}
	s.engine.mu.Lock()
	n := len(s.engine.entries)
	s.engine.mu.Unlock()
	if n != 1 {
		t.Errorf("%d analyses cached within 400 kB", n)
	}
}

func TestPanicIsAnAnswer(t *testing.T) {
	s, ts := newTest(t, Config{})
	s.mux.HandleFunc("GET /api/test-panic", func(http.ResponseWriter, *http.Request) { panic("boom") })
	var e apiError
	if code := call(t, ts, "GET", "/api/test-panic", nil, &e); code != 500 || !strings.Contains(e.Error, "boom") {
		t.Errorf("%d %+v", code, e)
	}
	// The server still answers.
	var info Info
	if code := call(t, ts, "GET", "/api/info", nil, &info); code != 200 {
		t.Errorf("after a panic: %d", code)
	}
}

// TestTableauMisperception: a state a DM does not perceive is marked "-"
// in the workbench tableau, as in the CLI's (issue 10, item 2).
func TestTableauMisperception(t *testing.T) {
	_, ts := newTest(t, Config{})
	src := `title: Hypergame
options: [{id: a}, {id: b}]
decision_makers:
  - {id: P1, options: [a], preferences: {statements: ["a"]}}
  - {id: P2, options: [b], misperceived: ["a"], preferences: {statements: ["b"]}}
`
	var tb Tableau
	call(t, ts, "POST", "/api/tableau", TableauRequest{Input: Input{Source: src, Name: "h.yaml"}}, &tb)
	if len(tb.Rows) != 4 {
		t.Fatalf("%+v", tb)
	}
	for _, r := range tb.Rows {
		seen := r.Pattern[0] == 'N' // P2 does not perceive the states where a is taken
		for c, m := range r.Marks {
			if (m[1] == '-') == seen || m[0] == '-' {
				t.Errorf("state %d (%s), %s: marks %q", r.Number, r.Pattern, c, m)
			}
		}
	}
}

// TestEveryExample: every built-in example the start page offers loads,
// validates and is analysed through the API.
func TestEveryExample(t *testing.T) {
	_, ts := newTest(t, Config{})
	var info Info
	call(t, ts, "GET", "/api/info", nil, &info)
	if info.Examples[0].Name != examples.Default {
		t.Errorf("the start page does not offer the flagship example first: %+v", info.Examples[0])
	}
	for _, ex := range info.Examples {
		var src Source
		call(t, ts, "GET", "/api/examples/"+ex.Name, nil, &src)
		in := Input{Source: src.Source, Name: src.Name}
		var v Validation
		if call(t, ts, "POST", "/api/validate", in, &v); !v.OK || v.Summary == nil || len(v.Model) == 0 {
			t.Errorf("%s: %+v", ex.Name, v)
			continue
		}
		// The forms' JSON form analyses like the file itself.
		a1, a2 := analyzeOK(t, ts, in), analyzeOK(t, ts, Input{Source: string(v.Model), Name: "model.json"})
		if !equalEq(a1.Equilibria, a2.Equilibria) {
			t.Errorf("%s: the JSON form analyses differently: %v, %v", ex.Name, a1.Equilibria, a2.Equilibria)
		}
	}
}
