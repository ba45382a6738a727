package server

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"github.com/gmcr/gmcr/internal/english"
	"io"
	"net/http"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/gmcr/gmcr/analysis"
	"github.com/gmcr/gmcr/coalition"
	"github.com/gmcr/gmcr/evolve"
	"github.com/gmcr/gmcr/examples"
	"github.com/gmcr/gmcr/gmcrplus"
	"github.com/gmcr/gmcr/htmlreport"
	"github.com/gmcr/gmcr/limitedmove"
	"github.com/gmcr/gmcr/model"
	"github.com/gmcr/gmcr/report"
	"github.com/gmcr/gmcr/scenario"
	"github.com/gmcr/gmcr/stability"
	"github.com/gmcr/gmcr/statespace"
	"github.com/gmcr/gmcr/strength"
	"github.com/gmcr/gmcr/uncertain"
)

// Info is GET /api/info's answer.
type Info struct {
	Version  string        `json:"version"`
	File     string        `json:"file,omitempty"` // base name of Config.File
	Examples []ExampleInfo `json:"examples"`
	Concepts []string      `json:"concepts"`
	Meanings []string      `json:"meanings"`
	Limits   Limits        `json:"limits"`
}

// ExampleInfo describes a built-in example.
type ExampleInfo struct {
	Name    string `json:"name"`
	File    string `json:"file"`
	Title   string `json:"title"`
	Summary string `json:"summary"`
}

// Limits are the server's bounds.
type Limits struct {
	MaxBody     int64 `json:"max_body"`
	MaxStates   int   `json:"max_states"`
	MaxAnalyses int   `json:"max_analyses"`
	TimeoutSec  int   `json:"timeout_seconds"`
	GraphStates int   `json:"graph_states"`
}

func (s *Server) info(w http.ResponseWriter, r *http.Request) {
	in := Info{Version: s.cfg.Version, Limits: Limits{MaxBody: s.cfg.MaxBody, MaxStates: s.cfg.MaxStates, MaxAnalyses: s.cfg.MaxAnalyses, TimeoutSec: int(s.cfg.Timeout / time.Second), GraphStates: MaxGraphStates}}
	if s.cfg.File != "" {
		in.File = filepath.Base(s.cfg.File)
	}
	in.Examples = exampleList()
	for _, c := range stability.Concepts {
		in.Concepts = append(in.Concepts, c.String())
		in.Meanings = append(in.Meanings, c.Meaning())
	}
	writeJSON(w, http.StatusOK, in)
}

func (s *Server) examplesList(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, exampleList())
}

// exampleList lists the built-in examples, the flagship (examples.Default)
// first.
func exampleList() []ExampleInfo {
	var list []ExampleInfo
	for _, ex := range examples.All() {
		e := ExampleInfo{ex.Name, ex.File, ex.Title, ex.Summary}
		if ex.Name == examples.Default {
			list = append([]ExampleInfo{e}, list...)
		} else {
			list = append(list, e)
		}
	}
	return list
}

// Source is a model's text with its file name.
type Source struct {
	Name   string `json:"name"`
	Source string `json:"source"`
	// Version identifies the file's content on disk (GET and PUT
	// /api/file); PUT refuses to overwrite another version.
	Version string `json:"version,omitempty"`
}

func (s *Server) example(w http.ResponseWriter, r *http.Request) {
	ex, err := examples.Get(r.PathValue("name"))
	if err != nil {
		httpError(w, http.StatusNotFound, err.Error())
		return
	}
	writeJSON(w, http.StatusOK, Source{Name: ex.File, Source: string(ex.Data)})
}

// Summary describes a loaded model: GET-free facts the forms and the
// status bar show.
type Summary struct {
	Title     string   `json:"title"`
	States    int      `json:"states"`
	Options   int      `json:"options"`
	DMs       []DMInfo `json:"dms"`
	Scenarios []string `json:"scenarios"`
	StatusQuo *int     `json:"status_quo"` // state number; null for none
	Warnings  []string `json:"warnings,omitempty"`
	// Graph is true for a model in graph form (states and moves listed).
	Graph bool `json:"graph,omitempty"`
	// Unknown is true when some DM leaves comparisons unknown: the
	// extensions (a)-(d) then differ from the ordinary concepts.
	Unknown bool `json:"unknown,omitempty"`
	// Strength is true when the model states strength of preference (a
	// strong statement or a ">>" cut in a ranking): the tableau then
	// offers strong and weak stability (sGMR, sSMR, sSEQ).
	Strength bool `json:"strength,omitempty"`
}

// DMInfo is a DM with its options.
type DMInfo struct {
	ID      string       `json:"id"`
	Name    string       `json:"name"`
	Options []OptionInfo `json:"options"`
	Concept string       `json:"concept,omitempty"` // its concept in the mixed analysis
}

// OptionInfo is an option.
type OptionInfo struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	Bit  int    `json:"bit"`
}

func summary(p *parsed, r *analysis.Result) Summary {
	ss := r.Space
	sm := Summary{Title: p.Model.Title, States: ss.Len(), Options: len(ss.Options), Scenarios: scenario.IDs(p.Model), Warnings: p.Warnings, Graph: p.Model.GraphForm(), Unknown: p.Model.HasUnknown(), Strength: p.Model.HasStrength()}
	if sm.Scenarios == nil {
		sm.Scenarios = []string{}
	}
	for i, d := range ss.DMs {
		di := DMInfo{ID: d.ID, Name: d.Name, Options: []OptionInfo{}}
		for b := int(d.Lo); b < int(d.Lo+d.Width); b++ {
			di.Options = append(di.Options, OptionInfo{ss.Options[b].ID, ss.Options[b].Name, b})
		}
		if p.Mixed != nil {
			di.Concept = p.Mixed[i].String()
		}
		sm.DMs = append(sm.DMs, di)
	}
	if sq, err := analysis.StatusQuo(ss); err == nil && sq >= 0 {
		n := statespace.Number(sq)
		sm.StatusQuo = &n
	}
	return sm
}

// Validation is POST /api/validate's answer.
type Validation struct {
	OK       bool      `json:"ok"`
	Problems []Problem `json:"problems"`
	// Error is the whole error as the CLI prints it ("" when OK).
	Error   string   `json:"error,omitempty"`
	Summary *Summary `json:"summary,omitempty"`
	// Model is the model in the JSON model-file form (docs/model-format.md)
	// that the page's forms edit; absent when the text does not load.
	Model json.RawMessage `json:"model,omitempty"`
}

// validate loads the model, builds its states and rankings and reports
// every problem with its position, as `gmcr validate` would. A model with
// errors is answered with 200 and ok=false: it is the expected outcome of
// typing.
func (s *Server) validate(w http.ResponseWriter, r *http.Request) {
	var in Input
	if !decode(w, r, &in) {
		return
	}
	v := Validation{Problems: []Problem{}}
	p, err := parse(&in)
	if err == nil {
		if data, jerr := model.MarshalJSON(p.Model); jerr == nil {
			v.Model = data
		}
		var res *analysis.Result
		err = s.engine.slot(r.Context(), func(ctx context.Context) error {
			var err error
			res, err = analysis.Prepare(ctx, p.Model, analysis.Options{MaxStates: s.cfg.MaxStates})
			return err
		})
		if err == nil {
			sm := summary(p, res)
			v.Summary = &sm
		} else if r.Context().Err() == nil && !errors.Is(err, context.DeadlineExceeded) {
			err = badRequest(err)
		}
	}
	var re *requestError
	switch {
	case err == nil:
		v.OK = true
	case errors.As(err, &re):
		v.Error, v.Problems = err.Error(), problems(err)
	default:
		fail(w, err)
		return
	}
	writeJSON(w, http.StatusOK, v)
}

// ConvertRequest is POST /api/convert's body.
type ConvertRequest struct {
	Input
	// To is "yaml", "json" or "gmcr".
	To string `json:"to"`
	// Like, for YAML, is the text the model was edited from (the page's
	// source before a form edit): its comments and layout are kept where
	// the edit left them (model.MarshalLike).
	Like string `json:"like,omitempty"`
}

func (s *Server) convert(w http.ResponseWriter, r *http.Request) {
	var req ConvertRequest
	if !decode(w, r, &req) {
		return
	}
	req.Scenario = "" // a conversion keeps the whole model
	p, err := parse(&req.Input)
	if err != nil {
		fail(w, err)
		return
	}
	data, name, err := encodeModel(p, req.To, req.name())
	if err != nil {
		fail(w, err)
		return
	}
	if to := strings.ToLower(req.To); req.Like != "" && (to == "yaml" || to == "yml" || to == "") {
		if data, err = model.MarshalLike(p.Model, []byte(req.Like)); err != nil {
			fail(w, badRequest(err))
			return
		}
	}
	writeJSON(w, http.StatusOK, Source{Name: name, Source: string(data)})
}

// encodeModel writes p's model as format to ("yaml", "json", "gmcr") and
// names the file after name.
func encodeModel(p *parsed, to, name string) ([]byte, string, error) {
	base := strings.TrimSuffix(name, filepath.Ext(name))
	var data []byte
	var err error
	switch strings.ToLower(to) {
	case "yaml", "yml", "":
		data, err = model.Marshal(p.Model)
		name = base + ".yaml"
	case "json":
		data, err = model.MarshalJSON(p.Model)
		name = base + ".json"
	case "gmcr":
		data, err = gmcrplus.Encode(p.Model, p.Extras)
		name = base + ".gmcr"
	default:
		return nil, "", badRequest(fmt.Errorf("unknown model format %q; use yaml, json or gmcr", to))
	}
	if err != nil {
		return nil, "", badRequest(err)
	}
	return data, name, nil
}

// Analysis is POST /api/analyze's answer: the summary and the equilibria
// of every computed concept as state numbers ("Mixed": the per-DM concept
// equilibria).
type Analysis struct {
	Key        string           `json:"key"`
	Summary    Summary          `json:"summary"`
	Concepts   []string         `json:"concepts"`
	Equilibria map[string][]int `json:"equilibria"`
	// Extensions, for a model with unknown comparisons, lists the
	// equilibria of the sixteen definitions ("Nash(a)" ... "SEQ(d)").
	Extensions map[string][]int `json:"extensions,omitempty"`
	// Strength, for a model that states strength of preference, lists the
	// equilibria of sGMR, sSMR and sSEQ (with unknown comparisons, of
	// "sGMR(a)" ... "sSEQ(d)"), all, strong and weak, once they have been
	// decided: the server decides strength only when a tableau (strength:
	// true), an explanation or a strength report asks for it, so the
	// answer to an edit leaves it out (Summary.Strength says the model
	// states strength; Tableau.Strength carries it).
	Strength map[string]StrengthEquilibria `json:"strength,omitempty"`
	Millis   int64                         `json:"millis"`
}

func numbers(states []int) []int {
	out := make([]int, len(states))
	for i, s := range states {
		out[i] = statespace.Number(s)
	}
	return out
}

func (g *engine) analysisOf(e *entry, r *analysis.Result) Analysis {
	a := Analysis{Key: e.key, Summary: summary(e.parsed, r), Equilibria: map[string][]int{}, Extensions: extensionEquilibria(r), Strength: strengthEquilibria(g.strengthIfDone(e))}
	for _, c := range r.Stability.Concepts {
		a.Concepts = append(a.Concepts, c.String())
		a.Equilibria[c.String()] = numbers(r.Stability.Equilibria(c))
	}
	if e.parsed.Mixed != nil {
		a.Equilibria[mixedName] = numbers(r.Stability.EquilibriaMixed(e.parsed.Mixed))
	}
	return a
}

const mixedName = "Mixed"

// analyze runs (or finds) the analysis. With "Accept: text/event-stream"
// it streams "progress" events while the analysis runs and ends with one
// "result" (an Analysis) or "error" (an apiError) event; closing the
// stream cancels the analysis unless another request waits for it.
func (s *Server) analyze(w http.ResponseWriter, r *http.Request) {
	var in Input
	if !decode(w, r, &in) {
		return
	}
	t0 := time.Now()
	e, err := s.engine.start(&in)
	if err != nil {
		fail(w, err)
		return
	}
	if !strings.Contains(r.Header.Get("Accept"), "text/event-stream") {
		res, err := s.engine.wait(r.Context(), e)
		if err != nil {
			fail(w, err)
			return
		}
		a := s.engine.analysisOf(e, res)
		a.Millis = time.Since(t0).Milliseconds()
		writeJSON(w, http.StatusOK, a)
		return
	}
	s.stream(w, r, e, t0)
}

func (s *Server) stream(w http.ResponseWriter, r *http.Request, e *entry, t0 time.Time) {
	rc := http.NewResponseController(w)
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusOK)
	send := func(event string, v any) {
		data, _ := json.Marshal(v)
		fmt.Fprintf(w, "event: %s\ndata: %s\n\n", event, data)
		_ = rc.Flush()
	}
	e.waiters.Add(1)
	defer e.waiters.Add(-1)
	tick := time.NewTicker(150 * time.Millisecond)
	defer tick.Stop()
	send("progress", e.progress())
	for {
		select {
		case <-e.done:
			if e.err != nil {
				var re *requestError
				msg := apiError{Error: e.err.Error()}
				switch {
				case errors.As(e.err, &re):
					msg.Problems = problems(e.err)
				case errors.Is(e.err, context.Canceled):
					msg.Error = "the analysis was cancelled (a newer edit superseded it)"
				}
				send("error", msg)
				return
			}
			a := s.engine.analysisOf(e, e.result)
			a.Millis = time.Since(t0).Milliseconds()
			send("result", a)
			return
		case <-tick.C:
			send("progress", e.progress())
		case <-r.Context().Done():
			// The page went away or moved on: cancel unless someone else
			// still waits for this analysis.
			if e.waiters.Add(-1) == 0 {
				e.cancel()
			}
			e.waiters.Add(1)
			return
		}
	}
}

// TableauRequest is POST /api/tableau's body.
type TableauRequest struct {
	Input
	Offset int `json:"offset"`
	// Limit is the most rows returned (default 100, at most 1000).
	Limit  int    `json:"limit"`
	Filter Filter `json:"filter"`
	// Extension, "a" to "d", shows the four definitions of that extension
	// of the unknown preferences (package uncertain) instead of the
	// ordinary concepts; only for a model with unknown comparisons.
	Extension string `json:"extension,omitempty"`
	// Horizon, if given (1 to MaxHorizon; nil: none), adds limited-move
	// stability L<Horizon>, and NM adds non-myopic stability (package
	// limitedmove; two-DM models).
	Horizon *int `json:"horizon,omitempty"`
	NM      bool `json:"nm,omitempty"`
	// Strength adds strong and weak stability under strength of
	// preference (sGMR, sSMR, sSEQ; marks S, W, u), for a model that
	// states strength; with unknown comparisons, of the chosen Extension
	// ("a" when none is).
	Strength bool `json:"strength,omitempty"`
}

// Filter selects tableau rows; every field set must hold.
type Filter struct {
	// Equilibrium keeps the equilibria of this concept ("Mixed": the
	// per-DM concept equilibria).
	Equilibrium string `json:"equilibrium,omitempty"`
	// Pattern is Y, N or - (any) per option in bit order; spaces are
	// ignored, a shorter pattern leaves the rest free.
	Pattern string `json:"pattern,omitempty"`
	// DM and Top keep the states DM ranks among its Top best ranks.
	DM  string `json:"dm,omitempty"`
	Top int    `json:"top,omitempty"`
	// Stable keeps the states stable for DM (it needs DM) under this
	// concept: a standard one computed or any column the tableau shows
	// (L2, NM, GMR(a), sGMR, ...; a mark neither u nor -).
	Stable string `json:"stable,omitempty"`
}

// Tableau is a page of the tableau.
type Tableau struct {
	Key      string   `json:"key"`
	Total    int      `json:"total"`   // feasible states
	Matched  int      `json:"matched"` // states passing the filter
	Offset   int      `json:"offset"`
	Concepts []string `json:"concepts"`
	Mixed    bool     `json:"mixed"`
	DMs      []DMInfo `json:"dms"`
	Rows     []Row    `json:"rows"`
	// Equilibria lists the equilibria (state numbers) of every column
	// shown, including L<h>, NM and the extensions' "GMR(a)"...
	Equilibria map[string][]int `json:"equilibria"`
	// Strength lists, with strength: true, the strong and weak
	// equilibria of every strength-of-preference concept (the columns
	// shown and, with unknown comparisons, the other extensions' too: what
	// Analysis.Strength lists once decided).
	Strength map[string]StrengthEquilibria `json:"strength,omitempty"`
	// Notes are the legends of the richer columns shown (one per family,
	// as the CLI's tableau prints them).
	Notes []string `json:"notes,omitempty"`
}

// Row is one state of the tableau.
type Row struct {
	Number int `json:"number"`
	// ID is the state's id in a graph-form model ("" otherwise).
	ID      string `json:"id,omitempty"`
	Code    uint64 `json:"code"`
	Pattern string `json:"pattern"` // Y/N per option, bit order
	// Ranks are the DMs' ranks (1 = most preferred), in DM order.
	Ranks []int `json:"ranks"`
	// Marks has, per concept, one letter per DM: r (rational: no UI),
	// s (stable: every UI sanctioned), u (unstable) or - (the DM does not
	// perceive the state), as the CLI's tableau.
	Marks map[string]string `json:"marks"`
	// Equilibrium lists the concepts under which the state is an
	// equilibrium.
	Equilibrium []string `json:"equilibrium"`
	// EquilibriumStrength says, for the strength-of-preference concepts
	// of Equilibrium, whether the state is a "strong" or a "weak"
	// equilibrium.
	EquilibriumStrength map[string]string `json:"equilibrium_strength,omitempty"`
	StatusQuo           bool              `json:"status_quo,omitempty"`
}

func (s *Server) tableau(w http.ResponseWriter, r *http.Request) {
	var req TableauRequest
	if !decode(w, r, &req) {
		return
	}
	if err := notNegative("offset", req.Offset, "the first row"); err != nil {
		fail(w, err)
		return
	}
	if err := notNegative("limit", req.Limit, "the default, 100"); err != nil {
		fail(w, err)
		return
	}
	if err := notNegative("the filter's top", req.Filter.Top, "no bound"); err != nil {
		fail(w, err)
		return
	}
	e, res, err := s.engine.result(r.Context(), &req.Input)
	if err != nil {
		fail(w, err)
		return
	}
	ss := res.Space
	cols, err := s.richerColumns(r.Context(), e, res, &req)
	if err != nil {
		fail(w, err)
		return
	}
	keep, err := filterFunc(res, e.parsed.Mixed, cols, req.Filter)
	if err != nil {
		fail(w, err)
		return
	}
	limit := req.Limit
	if limit <= 0 {
		limit = 100
	}
	limit = min(limit, 1000)
	sm := summary(e.parsed, res)
	t := Tableau{Key: e.key, Total: ss.Len(), Offset: max(req.Offset, 0), Mixed: e.parsed.Mixed != nil && req.Extension == "", DMs: sm.DMs, Rows: []Row{}, Concepts: []string{}, Equilibria: map[string][]int{}}
	if req.Strength {
		t.Strength = strengthEquilibria(s.engine.strengthIfDone(e))
	}
	for _, c := range cols {
		if c.name != mixedName {
			t.Concepts = append(t.Concepts, c.name)
		}
		var eq []int
		for st, in := range c.equil {
			if in {
				eq = append(eq, statespace.Number(st))
			}
		}
		t.Equilibria[c.name] = append([]int{}, eq...)
		if x := c.extra; x != nil {
			if _, done := t.Strength[c.name]; x.HasStrength() && !done {
				if t.Strength == nil {
					t.Strength = map[string]StrengthEquilibria{}
				}
				t.Strength[c.name] = strengthEquilibriaOf(x)
			}
			if !slices.Contains(t.Notes, x.Note) {
				t.Notes = append(t.Notes, x.Note)
			}
		}
	}
	sq := -1
	if sm.StatusQuo != nil {
		sq = *sm.StatusQuo - 1
	}
	for st := 0; st < ss.Len(); st++ {
		if !keep(st) {
			continue
		}
		t.Matched++
		if t.Matched <= t.Offset || len(t.Rows) >= limit {
			continue
		}
		row := Row{Number: statespace.Number(st), ID: ss.StateID(st), Code: ss.Codes[st], Pattern: ss.Pattern(st), Marks: map[string]string{}, Equilibrium: []string{}, StatusQuo: st == sq}
		for i := range ss.DMs {
			row.Ranks = append(row.Ranks, res.Prefs.Rank(i, st))
		}
		for _, c := range cols {
			var b strings.Builder
			for i := range ss.DMs {
				b.WriteString(c.mark(i, st))
			}
			row.Marks[c.name] = b.String()
			if c.equil[st] {
				row.Equilibrium = append(row.Equilibrium, c.name)
				if x := c.extra; x != nil && x.HasStrength() {
					if row.EquilibriumStrength == nil {
						row.EquilibriumStrength = map[string]string{}
					}
					row.EquilibriumStrength[c.name] = "weak"
					if slices.Contains(x.StrongEquilibria(), st) {
						row.EquilibriumStrength[c.name] = "strong"
					}
				}
			}
		}
		t.Rows = append(t.Rows, row)
	}
	writeJSON(w, http.StatusOK, t)
}

func membership(n int, states []int) []bool {
	set := make([]bool, n)
	for _, s := range states {
		set[s] = true
	}
	return set
}

// mark is the tableau's letter for DM i at state s under c, as the CLI's
// tableau writes it: - when the DM does not perceive s (a misperception),
// r when Nash was computed and holds, s when stable otherwise, u when
// unstable.
func mark(ss *statespace.StateSpace, a *stability.Analysis, c stability.Concept, i, s int) string {
	switch {
	case !ss.Perceives(i, s):
		return "-"
	case !a.Stable(c, i, s):
		return "u"
	case a.Has(stability.Nash) && a.Stable(stability.Nash, i, s):
		return "r"
	}
	return "s"
}

// filterFunc compiles f into a predicate on states.
func filterFunc(res *analysis.Result, mixed []stability.Concept, cols []column, f Filter) (func(int) bool, error) {
	ss, a := res.Space, res.Stability
	var tests []func(int) bool
	var col *column
	for k := range cols {
		if strings.EqualFold(cols[k].name, f.Equilibrium) {
			col = &cols[k]
		}
	}
	if col != nil {
		set := col.equil
		tests = append(tests, func(s int) bool { return set[s] })
	} else if f.Equilibrium != "" {
		var list []int
		if strings.EqualFold(f.Equilibrium, mixedName) {
			if mixed == nil {
				return nil, badRequest(errors.New("no per-DM concepts are set, so there are no mixed equilibria"))
			}
			list = a.EquilibriaMixed(mixed)
		} else {
			c, err := conceptOf(a, f.Equilibrium)
			if err != nil {
				return nil, err
			}
			list = a.Equilibria(c)
		}
		set := membership(ss.Len(), list)
		tests = append(tests, func(s int) bool { return set[s] })
	}
	if p := strings.Join(strings.Fields(f.Pattern), ""); p != "" {
		if len(p) > len(ss.Options) {
			return nil, badRequest(fmt.Errorf("the pattern %q has %s but the model has %s", f.Pattern, english.Count(len(p), "letter"), english.Count(len(ss.Options), "option")))
		}
		for b, ch := range strings.ToUpper(p) {
			switch ch {
			case 'Y':
				tests = append(tests, func(s int) bool { return ss.Taken(s, b) })
			case 'N':
				tests = append(tests, func(s int) bool { return !ss.Taken(s, b) })
			case '-', '?', '*', '.':
			default:
				return nil, badRequest(fmt.Errorf("the pattern %q may hold only Y, N and - (any)", f.Pattern))
			}
		}
	}
	if f.DM != "" || f.Top > 0 || f.Stable != "" {
		if f.DM == "" {
			return nil, badRequest(errors.New("the filter's top and stable need a DM"))
		}
		i, err := dmRef(ss, f.DM)
		if err != nil {
			return nil, err
		}
		if f.Top > 0 {
			top := f.Top
			tests = append(tests, func(s int) bool { return res.Prefs.Rank(i, s) <= top })
		}
		if f.Stable != "" {
			test, err := stableTest(a, cols, f.Stable, i)
			if err != nil {
				return nil, err
			}
			tests = append(tests, test)
		}
	}
	return func(s int) bool {
		for _, t := range tests {
			if !t(s) {
				return false
			}
		}
		return true
	}, nil
}

// stableTest is the filter's stable test for DM i under name: a standard
// concept computed, or any column the tableau shows (L2, NM, GMR(a),
// sGMR, ...), where a state is stable for i when its mark is neither u
// (unstable) nor - (not perceived).
func stableTest(a *stability.Analysis, cols []column, name string, i int) (func(int) bool, error) {
	if c, err := stability.ParseConcept(name); err == nil && a.Has(c) {
		return func(s int) bool { return a.Stable(c, i, s) }, nil
	}
	names := make([]string, len(cols))
	for k := range cols {
		names[k] = cols[k].name
		if strings.EqualFold(cols[k].name, name) {
			mark := cols[k].mark
			return func(s int) bool { m := mark(i, s); return m != "u" && m != "-" }, nil
		}
	}
	if _, err := stability.ParseConcept(name); err == nil {
		_, err := conceptOf(a, name) // a standard concept not computed
		return nil, err
	}
	return nil, badRequest(fmt.Errorf("the filter's stable names %q, which is not a column of this tableau; use one of %s", name, strings.Join(names, ", ")))
}

func conceptOf(a *stability.Analysis, name string) (stability.Concept, error) {
	c, err := stability.ParseConcept(name)
	if err != nil {
		return 0, badRequest(err)
	}
	if !a.Has(c) {
		return 0, badRequest(fmt.Errorf("the concept %v was not computed; add it to the concepts", c))
	}
	return c, nil
}

// ExplainRequest is POST /api/explain's body.
type ExplainRequest struct {
	Input
	State StateRef `json:"state"`
	// DM is an id, name or number, or several comma-separated; "" or "all"
	// for every DM, unless the whole value names one DM (analysis.DMs).
	DM string `json:"dm,omitempty"`
	// Concept is one concept name; "" or "all" for every computed one.
	// The richer concepts are explained too: "GMR(a)" (a definition under
	// unknown preferences), "L2" (limited-move stability with horizon 2)
	// or "NM" (non-myopic; Horizon is then the horizon whose anticipated
	// sequences are shown, default 1).
	Concept string `json:"concept,omitempty"`
	Horizon *int   `json:"horizon,omitempty"` // 1 to MaxHorizon; nil: the default
}

// Document is a report of the library in two forms: its text (as the CLI
// prints it) and its JSON document (the schema named in its "$schema").
type Document struct {
	Text     string          `json:"text"`
	Document json.RawMessage `json:"document"`
}

func document(write func(w io.Writer, f report.Format) error) (Document, error) {
	var t, j bytes.Buffer
	if err := write(&t, report.Text); err != nil {
		return Document{}, err
	}
	if err := write(&j, report.JSON); err != nil {
		return Document{}, err
	}
	return Document{Text: t.String(), Document: j.Bytes()}, nil
}

func (s *Server) explain(w http.ResponseWriter, r *http.Request) {
	var req ExplainRequest
	if !decode(w, r, &req) {
		return
	}
	if _, err := horizonOr(req.Horizon, 1); err != nil { // refused even where unused
		fail(w, err)
		return
	}
	e, res, err := s.engine.result(r.Context(), &req.Input)
	if err != nil {
		fail(w, err)
		return
	}
	ss := res.Space
	st, err := stateRef(ss, string(req.State))
	if err != nil {
		fail(w, err)
		return
	}
	dms, err := dmsRef(ss, req.DM)
	if err != nil {
		fail(w, err)
		return
	}
	if doc, ok, err := s.explainRicher(r.Context(), e, res, strings.TrimSpace(req.Concept), &req, st, dms); ok {
		if err != nil {
			fail(w, err)
			return
		}
		writeJSON(w, http.StatusOK, doc)
		return
	}
	concepts := res.Stability.Concepts
	if req.Concept != "" && !strings.EqualFold(req.Concept, "all") {
		c, err := stability.ParseConcept(req.Concept)
		if err != nil {
			// Name every concept explain reads, as the CLI does, not
			// only the standard five.
			if _, perr := analysis.ParseConcepts(req.Concept, 0); perr != nil {
				err = perr
			}
			fail(w, badRequest(err))
			return
		}
		concepts = []stability.Concept{c}
	}
	var exs []*stability.Explanation
	for _, c := range concepts {
		for _, i := range dms {
			if err := r.Context().Err(); err != nil {
				return
			}
			ex, err := stability.Explain(ss, res.Prefs, c, i, st)
			if err != nil {
				fail(w, err)
				return
			}
			exs = append(exs, ex)
		}
	}
	doc, err := document(func(w io.Writer, f report.Format) error {
		return report.WriteExplanations(w, res, exs, f, report.Options{})
	})
	if err != nil {
		fail(w, err)
		return
	}
	writeJSON(w, http.StatusOK, doc)
}

// RankingRequest is POST /api/ranking's body.
type RankingRequest struct {
	Input
	DM    string   `json:"dm"`
	State StateRef `json:"state,omitempty"` // "" for none
	// Limit is the most states of the ranking listed (default 50).
	Limit int `json:"limit,omitempty"`
}

// Ranking is a DM's preferences, for the score debugging view.
type Ranking struct {
	DM     string `json:"dm"`
	Levels int    `json:"levels"` // distinct ranks
	// Direct is true for a DM given by a direct ranking.
	Direct bool `json:"direct"`
	// State, when asked, is the chosen state with the statements that
	// hold there.
	State *RankedState `json:"state,omitempty"`
	// Top lists the DM's most preferred states, best first.
	Top []RankedState `json:"top"`
}

// RankedState is a state with its rank and score for one DM.
type RankedState struct {
	Number int `json:"number"`
	// ID is the state's id in a graph-form model ("" otherwise).
	ID      string `json:"id,omitempty"`
	Pattern string `json:"pattern"`
	Rank    int    `json:"rank"`
	Score   int64  `json:"score"`
	// Statements are the DM's preference statements, most important first,
	// each with whether it holds at the state.
	Statements []StatementHolds `json:"statements,omitempty"`
}

// StatementHolds is one preference statement at one state.
type StatementHolds struct {
	Text  string `json:"text"`
	Holds bool   `json:"holds"`
}

func (s *Server) ranking(w http.ResponseWriter, r *http.Request) {
	var req RankingRequest
	if !decode(w, r, &req) {
		return
	}
	if err := notNegative("limit", req.Limit, "the default, 50"); err != nil {
		fail(w, err)
		return
	}
	p, err := parse(&req.Input)
	if err != nil {
		fail(w, err)
		return
	}
	var res *analysis.Result
	err = s.engine.slot(r.Context(), func(ctx context.Context) error {
		res, err = analysis.Prepare(ctx, p.Model, analysis.Options{MaxStates: s.cfg.MaxStates})
		return err
	})
	if err != nil {
		if r.Context().Err() == nil && !errors.Is(err, context.DeadlineExceeded) {
			err = badRequest(err)
		}
		fail(w, err)
		return
	}
	ss := res.Space
	i, err := dmRef(ss, req.DM)
	if err != nil {
		fail(w, err)
		return
	}
	d := p.Model.DMs[i]
	out := Ranking{DM: d.ID, Levels: res.Prefs.Levels[i], Direct: len(d.Prefs.Ranking) > 0, Top: []RankedState{}}
	conds := make([]statespace.Condition, len(d.Prefs.Statements))
	for k, st := range d.Prefs.Statements {
		if conds[k], err = ss.Compile(st.Expr); err != nil {
			fail(w, badRequest(err))
			return
		}
	}
	ranked := func(st int, withStatements bool) RankedState {
		rs := RankedState{Number: statespace.Number(st), ID: ss.StateID(st), Pattern: ss.Pattern(st), Rank: res.Prefs.Rank(i, st), Score: res.Prefs.Score[i][st]}
		if withStatements {
			rs.Statements = []StatementHolds{}
			for k, c := range conds {
				rs.Statements = append(rs.Statements, StatementHolds{d.Prefs.Statements[k].Text, c.Holds(ss.Codes[st])})
			}
		}
		return rs
	}
	if req.State != "" {
		st, err := stateRef(ss, string(req.State))
		if err != nil {
			fail(w, err)
			return
		}
		rs := ranked(st, true)
		out.State = &rs
	}
	limit := req.Limit
	if limit <= 0 {
		limit = 50
	}
	order := make([]int, ss.Len())
	for k := range order {
		order[k] = k
	}
	slices.SortStableFunc(order, func(a, b int) int { return res.Prefs.Rank(i, a) - res.Prefs.Rank(i, b) })
	for _, st := range order[:min(limit, len(order))] {
		out.Top = append(out.Top, ranked(st, false))
	}
	writeJSON(w, http.StatusOK, out)
}

// MaxGraphStates is the most states POST /api/graph draws.
const MaxGraphStates = 512

// GraphRequest is POST /api/graph's body.
type GraphRequest struct {
	Input
	// DM is the DM whose moves are drawn; "" or "all" for every DM (the
	// integrated graph).
	DM string `json:"dm,omitempty"`
}

// Graph is the graph of unilateral moves.
type Graph struct {
	Nodes []GraphNode `json:"nodes"`
	Edges []GraphEdge `json:"edges"`
}

// GraphNode is a state.
type GraphNode struct {
	Number      int      `json:"number"`
	ID          string   `json:"id,omitempty"` // graph form: the state's id
	Pattern     string   `json:"pattern"`
	Equilibrium []string `json:"equilibrium"`
	StatusQuo   bool     `json:"status_quo,omitempty"`
}

// GraphEdge is a unilateral move of DM from From to To (state numbers);
// Improvement marks a unilateral improvement.
type GraphEdge struct {
	From        int    `json:"from"`
	To          int    `json:"to"`
	DM          string `json:"dm"`
	Improvement bool   `json:"improvement"`
}

func (s *Server) graph(w http.ResponseWriter, r *http.Request) {
	var req GraphRequest
	if !decode(w, r, &req) {
		return
	}
	e, res, err := s.engine.result(r.Context(), &req.Input)
	if err != nil {
		fail(w, err)
		return
	}
	ss := res.Space
	if ss.Len() > MaxGraphStates {
		fail(w, badRequest(fmt.Errorf("the model has %d states; graphs are drawn for at most %d (add feasibility constraints or use a scenario)", ss.Len(), MaxGraphStates)))
		return
	}
	dms, err := dmsRef(ss, req.DM)
	if err != nil {
		fail(w, err)
		return
	}
	sm := summary(e.parsed, res)
	g := Graph{Nodes: []GraphNode{}, Edges: []GraphEdge{}}
	eqs := map[stability.Concept][]bool{}
	for _, c := range res.Stability.Concepts {
		eqs[c] = membership(ss.Len(), res.Stability.Equilibria(c))
	}
	for st := 0; st < ss.Len(); st++ {
		n := GraphNode{Number: statespace.Number(st), ID: ss.StateID(st), Pattern: ss.Pattern(st), Equilibrium: []string{}}
		n.StatusQuo = sm.StatusQuo != nil && *sm.StatusQuo == n.Number
		for _, c := range res.Stability.Concepts {
			if eqs[c][st] {
				n.Equilibrium = append(n.Equilibrium, c.String())
			}
		}
		g.Nodes = append(g.Nodes, n)
		for _, i := range dms {
			ss.Moves(i, st, func(t int) bool {
				g.Edges = append(g.Edges, GraphEdge{From: n.Number, To: statespace.Number(t), DM: ss.DMs[i].ID, Improvement: res.Prefs.Prefers(i, t, st)})
				return true
			})
		}
	}
	writeJSON(w, http.StatusOK, g)
}

// EvolveRequest is POST /api/evolve's body.
type EvolveRequest struct {
	Input
	From       string `json:"from,omitempty"` // default: the status quo
	Paths      int    `json:"paths,omitempty"`
	Coalitions bool   `json:"coalitions,omitempty"`
	MaxNodes   int    `json:"max_nodes,omitempty"`
}

// Evolution is POST /api/evolve's answer: the report, and the diagram as
// SVG (empty, with Note saying why, when too large to draw).
type Evolution struct {
	Document
	SVG     string `json:"svg"`
	Reduced bool   `json:"reduced"`
	Note    string `json:"note,omitempty"`
}

func (s *Server) evolve(w http.ResponseWriter, r *http.Request) {
	var req EvolveRequest
	if !decode(w, r, &req) {
		return
	}
	if err := notNegative("max_nodes", req.MaxNodes, "the default"); err != nil {
		fail(w, err)
		return
	}
	if req.Paths < 0 || req.Paths > evolve.MaxPaths {
		fail(w, badRequest(fmt.Errorf("paths must be between 1 and %d", evolve.MaxPaths)))
		return
	}
	_, res, err := s.engine.result(r.Context(), &req.Input)
	if err != nil {
		fail(w, err)
		return
	}
	out, err := evolution(r.Context(), s.engine, res, req)
	if err != nil {
		fail(w, err)
		return
	}
	writeJSON(w, http.StatusOK, out)
}

func evolution(ctx context.Context, g *engine, res *analysis.Result, req EvolveRequest) (*Evolution, error) {
	from := req.From
	if from == "" {
		if res.Model.StatusQuo == nil {
			return nil, badRequest(fmt.Errorf("the model has no status_quo; choose the state to start from"))
		}
		from = "sq"
	}
	start, err := stateRef(res.Space, from)
	if err != nil {
		return nil, err
	}
	var out Evolution
	err = g.slot(ctx, func(ctx context.Context) error {
		ev, err := evolve.Analyze(ctx, res.Stability, start, evolve.Options{Coalitions: req.Coalitions, Paths: req.Paths})
		if err != nil {
			if ctx.Err() == nil {
				err = badRequest(err)
			}
			return err
		}
		if out.Document, err = document(func(w io.Writer, f report.Format) error {
			return report.WriteEvolution(w, res, ev, f, report.Options{})
		}); err != nil {
			return err
		}
		d, err := ev.Diagram(req.MaxNodes)
		var tl *evolve.TooLargeError
		if errors.As(err, &tl) {
			out.Note = err.Error()
			return nil
		}
		if err != nil {
			return err
		}
		out.Reduced = d.Reduced
		if d.Reduced {
			out.Note = fmt.Sprintf("%s reachable: the diagram shows only the listed shortest paths", english.Count(len(ev.Reached), "state")+" "+english.Noun(len(ev.Reached), "is"))
		}
		var svg bytes.Buffer
		if err := report.WriteEvolutionSVG(ctx, &svg, res, ev, d); err != nil {
			return err
		}
		out.SVG = svg.String()
		return nil
	})
	return &out, err
}

// CompareRequest is POST /api/compare's body.
type CompareRequest struct {
	Input
	// Scenarios to compare; empty: every scenario of the model.
	Scenarios []string `json:"scenarios,omitempty"`
}

func (s *Server) compare(w http.ResponseWriter, r *http.Request) {
	var req CompareRequest
	if !decode(w, r, &req) {
		return
	}
	req.Scenario = ""
	p, err := parse(&req.Input)
	if err != nil {
		fail(w, err)
		return
	}
	doc, failed, err := comparison(r.Context(), s.engine, p, req.Scenarios)
	if err != nil {
		fail(w, err)
		return
	}
	if len(failed) > 0 {
		w.Header().Set("X-Gmcr-Failed-Scenarios", strings.Join(failed, ","))
	}
	writeJSON(w, http.StatusOK, doc)
}

// comparison compares the scenarios ids of p (all when empty) with p's
// model; failed lists the ids of the scenarios that could not be analysed,
// which the document shows with their errors (scenario.CompareEach).
func comparison(ctx context.Context, g *engine, p *parsed, ids []string) (doc Document, failed []string, err error) {
	if len(p.Model.Scenarios) == 0 {
		return Document{}, nil, badRequest(errors.New(`the model defines no scenarios to compare: add them under "scenarios:" (see docs/model-format.md)`))
	}
	err = g.slot(ctx, func(ctx context.Context) error {
		c, err := scenario.CompareEach(ctx, p.Model, ids, analysis.Options{Concepts: p.Concepts, MaxStates: g.cfg.MaxStates, MemoryLimit: g.cfg.MemoryLimit, Workers: 1})
		if err != nil {
			if ctx.Err() == nil {
				err = badRequest(err)
			}
			return err
		}
		for _, o := range c.Failed() {
			failed = append(failed, o.Scenario.ID)
		}
		doc, err = document(func(w io.Writer, f report.Format) error {
			return report.WriteComparison(w, c, f, report.Options{})
		})
		return err
	})
	return doc, failed, err
}

func (s *Server) coalition(w http.ResponseWriter, r *http.Request) {
	var in Input
	if !decode(w, r, &in) {
		return
	}
	_, res, err := s.engine.result(r.Context(), &in)
	if err != nil {
		fail(w, err)
		return
	}
	ss := res.Space
	if len(ss.DMs) > coalition.MaxDMs {
		fail(w, badRequest(fmt.Errorf("the model has %d DMs: too many to analyse every coalition (at most %d)", len(ss.DMs), coalition.MaxDMs)))
		return
	}
	var individual []stability.Concept
	var concepts []coalition.Concept
	for _, c := range res.Stability.Concepts {
		if cc, ok := coalition.Counterpart(c); ok {
			individual = append(individual, c)
			concepts = append(concepts, cc)
		}
	}
	if len(concepts) == 0 {
		fail(w, badRequest(errors.New("none of the computed concepts has a coalitional counterpart; compute Nash, GMR, SMR or SEQ")))
		return
	}
	var doc Document
	err = s.engine.slot(r.Context(), func(ctx context.Context) error {
		// Every state, as `gmcr coalition` does; the summary only.
		a, err := coalition.Analyze(ctx, ss, res.Prefs, coalition.Config{Concepts: concepts, Individual: res.Stability})
		if err != nil {
			return err
		}
		cr := &report.CoalitionResults{Analysis: a, State: -1}
		if cr.Checks, err = coalition.Upsets(ctx, res.Stability, a, 0); err != nil {
			return err
		}
		doc, err = document(func(w io.Writer, f report.Format) error {
			return report.WriteCoalitions(w, res, cr, f, report.Options{})
		})
		return err
	})
	if err != nil {
		fail(w, err)
		return
	}
	writeJSON(w, http.StatusOK, doc)
}

// ExportRequest is POST /api/export's body.
type ExportRequest struct {
	Input
	// What is "tableau" (text, markdown, json, csv), "states" (the same
	// formats), "model" (yaml, json, gmcr) or "evolution" (svg, dot,
	// text, markdown, json).
	What   string `json:"what"`
	Format string `json:"format"`
	// Evolve tunes an evolution export.
	Evolve *EvolveRequest `json:"evolve,omitempty"`
	// What "uncertain" (text, json, csv) is gmcr uncertain's report of a
	// model with unknown comparisons; "limited" (text, json) is gmcr
	// limited's for Horizon (1 to MaxHorizon; nil: 2) and, with NM,
	// non-myopic stability; "strength" (text, markdown, json, csv) is
	// gmcr strength's.
	Horizon *int `json:"horizon,omitempty"`
	NM      bool `json:"nm,omitempty"`
}

// export answers a file to download.
func (s *Server) export(w http.ResponseWriter, r *http.Request) {
	var req ExportRequest
	if !decode(w, r, &req) {
		return
	}
	if _, err := horizonOr(req.Horizon, 2); err != nil { // refused even where unused
		fail(w, err)
		return
	}
	base := strings.TrimSuffix(req.name(), filepath.Ext(req.name()))
	var data bytes.Buffer
	var name, ctype string
	switch req.What {
	case "model":
		req.Scenario = ""
		p, err := parse(&req.Input)
		if err != nil {
			fail(w, err)
			return
		}
		b, n, err := encodeModel(p, req.Format, req.name())
		if err != nil {
			fail(w, err)
			return
		}
		data.Write(b)
		name, ctype = n, "text/plain; charset=utf-8"
	case "tableau", "states":
		f, err := report.ParseFormat(req.Format)
		if err != nil {
			fail(w, badRequest(err))
			return
		}
		e, res, err := s.engine.result(r.Context(), &req.Input)
		if err != nil {
			fail(w, err)
			return
		}
		if req.What == "tableau" {
			err = report.Write(&data, res, f, report.Options{Mixed: e.parsed.Mixed})
		} else {
			err = report.WriteStates(&data, res, f, report.Options{})
		}
		if err != nil {
			fail(w, err)
			return
		}
		name, ctype = base+"-"+req.What+extension(f), contentType(f)
	case "uncertain", "limited", "strength":
		f, err := report.ParseFormat(req.Format)
		if err != nil {
			fail(w, badRequest(err))
			return
		}
		e, res, err := s.engine.result(r.Context(), &req.Input)
		if err != nil {
			fail(w, err)
			return
		}
		switch req.What {
		case "uncertain":
			if !res.Model.HasUnknown() {
				fail(w, badRequest(errors.New("the model has no unknown comparisons: every extension is the ordinary concept")))
				return
			}
			var ua *uncertain.Analysis
			err = s.engine.slot(r.Context(), func(ctx context.Context) error {
				var err error
				ua, err = analysis.Uncertain(ctx, res, analysis.Options{})
				return err
			})
			if err == nil {
				err = report.WriteUncertain(&data, res, ua, f)
			}
		case "strength":
			var sa *strength.Analysis
			if sa, _, err = s.engine.strength(r.Context(), e, res); err == nil {
				err = report.WriteStrength(&data, res, sa, f)
			}
		default:
			var la *limitedmove.Analysis
			var h int
			if h, err = horizonOr(req.Horizon, 2); err != nil {
				fail(w, err)
				return
			}
			if la, err = s.engine.limited(r.Context(), e, res, h, req.NM); err == nil {
				err = report.WriteLimited(&data, res, la, nil, f)
			}
		}
		if err != nil {
			var re *requestError
			if !errors.As(err, &re) && r.Context().Err() == nil {
				err = badRequest(err) // a format the report does not write
			}
			fail(w, err)
			return
		}
		name, ctype = base+"-"+req.What+extension(f), contentType(f)
	case "evolution":
		_, res, err := s.engine.result(r.Context(), &req.Input)
		if err != nil {
			fail(w, err)
			return
		}
		ereq := EvolveRequest{}
		if req.Evolve != nil {
			ereq = *req.Evolve
		}
		ev, err := evolution(r.Context(), s.engine, res, ereq)
		if err != nil {
			fail(w, err)
			return
		}
		switch strings.ToLower(req.Format) {
		case "svg":
			if ev.SVG == "" {
				fail(w, badRequest(errors.New(ev.Note)))
				return
			}
			data.WriteString(ev.SVG)
			name, ctype = base+"-evolution.svg", "image/svg+xml"
		case "json":
			data.Write(ev.Document.Document)
			name, ctype = base+"-evolution.json", "application/json"
		case "text", "txt":
			data.WriteString(ev.Text)
			name, ctype = base+"-evolution.txt", "text/plain; charset=utf-8"
		default:
			fail(w, badRequest(fmt.Errorf("unknown evolution format %q; use svg, json or text", req.Format)))
			return
		}
	default:
		fail(w, badRequest(fmt.Errorf("unknown export %q; use model, tableau, states, evolution, uncertain, limited or strength", req.What)))
		return
	}
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Content-Disposition", fmt.Sprintf("attachment; filename=%q", name))
	w.Header().Set("Cache-Control", "no-store")
	_, _ = w.Write(data.Bytes())
}

func extension(f report.Format) string {
	switch f {
	case report.Markdown:
		return ".md"
	case report.JSON:
		return ".json"
	case report.CSV:
		return ".csv"
	}
	return ".txt"
}

func contentType(f report.Format) string {
	switch f {
	case report.Markdown:
		return "text/markdown; charset=utf-8"
	case report.JSON:
		return "application/json"
	case report.CSV:
		return "text/csv; charset=utf-8"
	}
	return "text/plain; charset=utf-8"
}

// report answers the self-contained HTML report of the model (as
// `gmcr report`), with the scenario comparison when the model has
// scenarios and none is selected.
func (s *Server) report(w http.ResponseWriter, r *http.Request) {
	var in Input
	if !decode(w, r, &in) {
		return
	}
	e, res, err := s.engine.result(r.Context(), &in)
	if err != nil {
		fail(w, err)
		return
	}
	opt := htmlreport.Options{Mixed: e.parsed.Mixed, Generator: "gmcr " + s.cfg.Version}
	var html bytes.Buffer
	err = s.engine.slot(r.Context(), func(ctx context.Context) error {
		if len(e.parsed.Model.Scenarios) > 0 && in.Scenario == "" {
			// A scenario that cannot be analysed is shown in the report
			// with its error; the others are still compared.
			c, failed, err := htmlreport.CompareScenarios(ctx, e.parsed.Model, analysis.Options{Concepts: e.parsed.Concepts, MaxStates: s.cfg.MaxStates, MemoryLimit: s.cfg.MemoryLimit, Workers: 1})
			if err != nil {
				if ctx.Err() == nil {
					err = badRequest(err)
				}
				return err
			}
			opt.Comparison, opt.Failed = c, failed
		}
		// gmcr report's page: the standard concepts (the extra ones the
		// analysis decided for the tableau are not part of it).
		std := *res
		std.Extra = nil
		return htmlreport.Write(ctx, &html, &std, opt)
	})
	if err != nil {
		fail(w, err)
		return
	}
	base := strings.TrimSuffix(in.name(), filepath.Ext(in.name()))
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Content-Disposition", fmt.Sprintf("attachment; filename=%q", base+"-report.html"))
	w.Header().Set("Cache-Control", "no-store")
	if len(opt.Failed) > 0 {
		ids := make([]string, len(opt.Failed))
		for i, f := range opt.Failed {
			ids[i] = f.Scenario.ID
		}
		w.Header().Set("X-Gmcr-Failed-Scenarios", strings.Join(ids, ","))
	}
	_, _ = w.Write(html.Bytes())
}

// dmsRef resolves a request's DM field as the CLI's --dm (analysis.DMs):
// DMs by id, name or number, comma-separated, or every DM (in model order)
// when it is empty or "all"; a value naming one DM as a whole wins first.
func dmsRef(ss *statespace.StateSpace, ref string) ([]int, error) {
	dms, err := analysis.DMs(ss, ref)
	if err != nil {
		return nil, badRequest(err)
	}
	return dms, nil
}

// notNegative refuses (422) a negative paging or bounding field: a
// negative limit or offset means nothing, and reading it as the default
// would hide a client's bug. zero says what 0 (or leaving it out) means.
func notNegative(field string, v int, zero string) error {
	if v < 0 {
		return badRequest(fmt.Errorf("%s must be 0 (%s) or more, got %d", field, zero, v))
	}
	return nil
}
