package server

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/gmcr/gmcr/analysis"
	"github.com/gmcr/gmcr/gmcrplus"
	"github.com/gmcr/gmcr/limitedmove"
	"github.com/gmcr/gmcr/model"
	"github.com/gmcr/gmcr/preference"
	"github.com/gmcr/gmcr/scenario"
	"github.com/gmcr/gmcr/stability"
	"github.com/gmcr/gmcr/statespace"
	"github.com/gmcr/gmcr/strength"
)

// Input is the model part of every analysing request: the model's text
// and what to analyse of it. The server keeps no model of its own: the
// page sends the text each time, and the server keeps the analyses of
// recent texts (keyed by a digest of the Input), so that paging and
// explaining do not analyse again.
type Input struct {
	// Source is the model file's text: YAML, JSON or a GMCR+ save file.
	Source string `json:"source"`
	// Name is the file name positions in errors carry; its extension
	// ".gmcr" selects the GMCR+ reader. Default "model.yaml".
	Name string `json:"name,omitempty"`
	// Scenario, if set, analyses that what-if scenario of the model.
	Scenario string `json:"scenario,omitempty"`
	// Concepts to compute (names as in --concepts); empty: all.
	Concepts []string `json:"concepts,omitempty"`
	// DMConcepts maps DM ids (or "default") to the concept that judges
	// them in the mixed (hybrid) analysis, as --dm-concepts; empty: the
	// model's concept: fields, if any.
	DMConcepts map[string]string `json:"dm_concepts,omitempty"`
	// Session identifies the page making the request: a newer analysis
	// for the same session cancels an older one still running.
	Session string `json:"session,omitempty"`
}

func (in *Input) name() string {
	n := filepath.Base(strings.TrimSpace(in.Name))
	if n == "" || n == "." || n == "/" {
		return "model.yaml"
	}
	return n
}

// key is the digest identifying the analysis of in.
func (in *Input) key() string {
	h := sha256.New()
	cs := slices.Clone(in.Concepts)
	slices.Sort(cs)
	var dm []string
	for k, v := range in.DMConcepts {
		dm = append(dm, k+"="+v)
	}
	slices.Sort(dm)
	fmt.Fprintf(h, "%q %q %q %q %q\x00", in.name(), in.Scenario, strings.Join(cs, ","), strings.Join(dm, ","), len(in.Source))
	h.Write([]byte(in.Source))
	return hex.EncodeToString(h.Sum(nil))[:32]
}

// Problem is one error located in the model's text.
type Problem struct {
	Line    int    `json:"line,omitempty"`
	Col     int    `json:"col,omitempty"`
	Message string `json:"message"`
	Hint    string `json:"hint,omitempty"`
	// Text is the whole error as the CLI prints it.
	Text string `json:"text"`
}

// problems splits err into located problems.
func problems(err error) []Problem {
	var list model.ErrorList
	if errors.As(err, &list) {
		out := make([]Problem, len(list))
		for i, e := range list {
			out[i] = Problem{Line: e.Pos.Line, Col: e.Pos.Col, Message: e.Msg, Hint: e.Hint, Text: e.Error()}
		}
		return out
	}
	var me *model.Error
	if errors.As(err, &me) {
		return []Problem{{Line: me.Pos.Line, Col: me.Pos.Col, Message: me.Msg, Hint: me.Hint, Text: err.Error()}}
	}
	var pe *preference.Error
	if errors.As(err, &pe) {
		return []Problem{{Line: pe.Pos.Line, Col: pe.Pos.Col, Message: pe.Msg, Text: err.Error()}}
	}
	var out []Problem
	for _, line := range strings.Split(err.Error(), "\n") {
		out = append(out, locate(line))
	}
	return out
}

// locate reads "file:line:col: msg" as the library writes positions.
func locate(text string) Problem {
	p := Problem{Message: text, Text: text}
	parts := strings.SplitN(text, ":", 4)
	if len(parts) == 4 {
		var l, c int
		if _, err := fmt.Sscanf(parts[1], "%d", &l); err == nil && fmt.Sprint(l) == parts[1] {
			if _, err := fmt.Sscanf(parts[2], "%d", &c); err == nil && fmt.Sprint(c) == parts[2] {
				p.Line, p.Col, p.Message = l, c, strings.TrimSpace(parts[3])
			}
		}
	}
	return p
}

// requestError is an error with the HTTP status it answers.
type requestError struct {
	code int
	err  error
}

func (e *requestError) Error() string { return e.err.Error() }
func (e *requestError) Unwrap() error { return e.err }

func badRequest(err error) error { return &requestError{http.StatusUnprocessableEntity, err} }

// fail answers err: a requestError with its status and the model's
// problems, a cancelled analysis with 409, anything else with 500.
func fail(w http.ResponseWriter, err error) {
	var re *requestError
	switch {
	case errors.As(err, &re):
		writeJSON(w, re.code, apiError{Error: err.Error(), Problems: problems(err)})
	case errors.Is(err, context.Canceled):
		httpError(w, http.StatusConflict, "the analysis was cancelled (a newer edit superseded it)")
	case errors.Is(err, context.DeadlineExceeded):
		httpError(w, http.StatusServiceUnavailable, "the analysis took longer than the server's time limit; make the model smaller")
	default:
		httpError(w, http.StatusInternalServerError, err.Error())
	}
}

// parsed is a loaded model and what the request asked of it.
type parsed struct {
	Model    *model.Model
	Extras   *gmcrplus.Extras
	Concepts []stability.Concept // nil: all
	Mixed    []stability.Concept // per-DM concepts; nil for none
	Warnings []string
}

// parse loads in's model, applies its scenario and resolves its concepts.
// Every error is the request's (422).
func parse(in *Input) (*parsed, error) {
	m, ex, err := analysis.Parse([]byte(in.Source), in.name())
	if err != nil {
		return nil, badRequest(err)
	}
	p := &parsed{Model: m, Extras: ex}
	if ex != nil {
		p.Warnings = append(p.Warnings, ex.Warnings...)
	}
	// The model's own warnings (a ranking written for another state
	// space, a DM called "all"), as the CLI prints them.
	p.Warnings = append(p.Warnings, m.Warnings...)
	if in.Scenario != "" {
		if p.Model, err = scenario.Apply(m, in.Scenario); err != nil {
			return nil, badRequest(err)
		}
	}
	if len(in.Concepts) > 0 {
		if p.Concepts, err = stability.ParseConcepts(strings.Join(in.Concepts, ",")); err != nil {
			return nil, badRequest(err)
		}
	}
	var spec []string
	for k, v := range in.DMConcepts {
		spec = append(spec, k+"="+v)
	}
	slices.Sort(spec)
	p.Mixed, err = analysis.DMConcepts(p.Model, strings.Join(spec, ","))
	var partial *analysis.PartialConceptsError
	if errors.As(err, &partial) {
		p.Warnings = append(p.Warnings, partial.Error()+"; the mixed (per-DM concept) equilibria are left out")
		p.Mixed, err = nil, nil
	}
	if err != nil {
		return nil, badRequest(err)
	}
	p.Concepts = analysis.WithConcepts(p.Concepts, p.Mixed)
	return p, nil
}

// entry is one analysis, running or done.
type entry struct {
	key     string
	done    chan struct{}
	cancel  context.CancelFunc
	session string
	parsed  *parsed
	result  *analysis.Result
	// lim caches the latest limited-move analysis asked of this entry.
	limMu sync.Mutex
	lim   *limitedmove.Analysis
	// str is the entry's strength-of-preference analysis, decided on
	// demand (the first tableau, explanation or report that asks for it)
	// rather than with the analysis: nil until asked (guarded by
	// engine.mu).
	str *strengthJob
	err error
	// progress: stage and counts, for progress events.
	mu          sync.Mutex
	stage       string
	doneN, allN int
	waiters     atomic.Int32
}

// strengthJob is the strength-of-preference analysis of one entry,
// running or done: gmcr strength's analysis and the extra concepts sGMR,
// sSMR and sSEQ built from it. Its requests wait on done; when the last
// one leaves before it ends, it is cancelled.
type strengthJob struct {
	done    chan struct{}
	cancel  context.CancelFunc
	waiters atomic.Int32
	sa      *strength.Analysis
	extras  []*analysis.Extra
	err     error
}

func (e *entry) setProgress(stage string, done, total int) {
	e.mu.Lock()
	e.stage, e.doneN, e.allN = stage, done, total
	e.mu.Unlock()
}

// Progress is a progress event of a running analysis.
type Progress struct {
	Stage string `json:"stage"`
	Done  int    `json:"done"`
	Total int    `json:"total"`
}

func (e *entry) progress() Progress {
	e.mu.Lock()
	defer e.mu.Unlock()
	return Progress{e.stage, e.doneN, e.allN}
}

// engine runs analyses: at most cfg.MaxAnalyses at once, each under the
// timeout, caching the latest cfg.CacheEntries results.
type engine struct {
	cfg      Config
	slots    chan struct{}
	mu       sync.Mutex
	entries  map[string]*entry
	order    []string          // keys, least recently used first
	sessions map[string]*entry // the latest analysis each session asked for
	ctx      context.Context
	stop     context.CancelFunc
	// strengthRuns counts the strength-of-preference analyses started
	// (tests check that an edit starts none unless asked).
	strengthRuns atomic.Int64
}

func newEngine(cfg Config) *engine {
	ctx, stop := context.WithCancel(context.Background())
	return &engine{cfg: cfg, slots: make(chan struct{}, cfg.MaxAnalyses), entries: map[string]*entry{}, sessions: map[string]*entry{}, ctx: ctx, stop: stop}
}

func (g *engine) close() { g.stop() }

func (g *engine) options(e *entry) analysis.Options {
	return analysis.Options{
		Concepts:    e.parsed.Concepts,
		MaxStates:   g.cfg.MaxStates,
		MemoryLimit: g.cfg.MemoryLimit,
		Progress:    e.setProgress,
		// The extra concepts the model calls for, as gmcr analyze adds
		// them: the extensions (a)-(d) when some comparison is unknown.
		// sGMR, sSMR and sSEQ (a model stating strength) are deferred:
		// engine.strength decides them when a request shows them, so an
		// edit that does not show them does not wait for them.
		Implied: true,
		Defer:   []string{strengthFamily},
	}
}

// start returns the analysis of in, starting it if no cached or running
// one matches. A newer analysis for the same session cancels the
// session's older one unless another request waits for it.
func (g *engine) start(in *Input) (*entry, error) {
	key := in.key()
	g.mu.Lock()
	defer g.mu.Unlock()
	if e, ok := g.entries[key]; ok {
		g.touch(key)
		g.supersede(in.Session, e)
		return e, nil
	}
	p, err := parse(in)
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(g.ctx, g.cfg.Timeout)
	e := &entry{key: key, done: make(chan struct{}), cancel: cancel, session: in.Session, parsed: p, stage: "waiting for a free analysis slot", allN: 1}
	g.entries[key] = e
	g.order = append(g.order, key)
	g.supersede(in.Session, e)
	g.evict()
	go g.run(ctx, e)
	return e, nil
}

// supersede records e as the session's latest analysis and cancels the
// previous one if it is still running and nobody else waits for it.
func (g *engine) supersede(session string, e *entry) {
	if session == "" {
		return
	}
	prev := g.sessions[session]
	g.sessions[session] = e
	if prev == nil || prev == e {
		return
	}
	if j := prev.str; j != nil && j.waiters.Load() == 0 {
		j.cancel()
	}
	select {
	case <-prev.done:
	default:
		if prev.waiters.Load() == 0 {
			prev.cancel()
		}
	}
}

func (g *engine) run(ctx context.Context, e *entry) {
	defer close(e.done)
	defer e.cancel()
	select {
	case g.slots <- struct{}{}:
	case <-ctx.Done():
		g.finish(e, nil, ctx.Err())
		return
	}
	defer func() { <-g.slots }()
	r, err := analysis.Run(ctx, e.parsed.Model, g.options(e))
	if err != nil && ctx.Err() == nil {
		err = badRequest(err)
	}
	g.finish(e, r, err)
}

// finish stores the outcome; a cancelled or timed-out analysis is dropped
// from the cache so that asking again starts afresh.
func (g *engine) finish(e *entry, r *analysis.Result, err error) {
	g.mu.Lock()
	defer g.mu.Unlock()
	e.result, e.err = r, err
	if err != nil && (errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded)) {
		if g.entries[e.key] == e {
			delete(g.entries, e.key)
			g.order = slices.DeleteFunc(g.order, func(k string) bool { return k == e.key })
		}
	}
	// The analysis's size is known now: keep the cache within its
	// bounds. (e itself is not done yet, so it stays.)
	g.evict()
}

func (g *engine) touch(key string) {
	i := slices.Index(g.order, key)
	if i >= 0 {
		g.order = append(slices.Delete(g.order, i, i+1), key)
	}
}

// size estimates the memory a finished analysis holds, as analysis.Run
// estimates it before running.
func (e *entry) size() int64 {
	if e.result == nil || e.result.Space == nil {
		return 0
	}
	per := int64(analysis.BytesPerStateDM)
	if e.str != nil {
		per += analysis.StrengthBytesPerStateDM
	}
	return int64(e.result.Space.Len()) * int64(len(e.result.Space.DMs)) * per
}

// evict drops the least recently used finished analyses beyond the cache
// size, or beyond Config.MemoryLimit of memory held together (running ones
// stay until they finish; the latest one always stays).
func (g *engine) evict() {
	var held int64
	for _, e := range g.entries {
		held += e.size()
	}
	over := func() bool {
		return len(g.order) > g.cfg.CacheEntries || (g.cfg.MemoryLimit > 0 && held > g.cfg.MemoryLimit)
	}
	for i := 0; over() && i < len(g.order)-1; {
		e := g.entries[g.order[i]]
		select {
		case <-e.done:
			held -= e.size()
			delete(g.entries, e.key)
			g.order = slices.Delete(g.order, i, i+1)
			for s, se := range g.sessions {
				if se == e {
					delete(g.sessions, s)
				}
			}
		default:
			i++
		}
	}
	// Sessions of pages long gone must not pile up.
	if len(g.sessions) > maxSessions {
		for s, e := range g.sessions {
			select {
			case <-e.done:
				delete(g.sessions, s)
			default:
			}
		}
	}
}

// maxSessions is the number of sessions beyond which those whose analysis
// has finished are forgotten.
const maxSessions = 1000

// wait waits for e, or for ctx (the request) to end.
func (g *engine) wait(ctx context.Context, e *entry) (*analysis.Result, error) {
	e.waiters.Add(1)
	defer e.waiters.Add(-1)
	select {
	case <-e.done:
		return e.result, e.err
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// result analyses in (or finds its analysis) and waits for it.
func (g *engine) result(ctx context.Context, in *Input) (*entry, *analysis.Result, error) {
	e, err := g.start(in)
	if err != nil {
		return nil, nil, err
	}
	r, err := g.wait(ctx, e)
	return e, r, err
}

// slot runs f holding an analysis slot, for the analyses that are not
// cached (scenario comparison, coalitions, evolution).
func (g *engine) slot(ctx context.Context, f func(ctx context.Context) error) error {
	select {
	case g.slots <- struct{}{}:
	case <-ctx.Done():
		return ctx.Err()
	}
	defer func() { <-g.slots }()
	ctx, cancel := context.WithTimeout(ctx, g.cfg.Timeout)
	defer cancel()
	return f(ctx)
}

// stateRef resolves a user's state reference ("12", a Y/N pattern, "sq").
func stateRef(ss *statespace.StateSpace, ref string) (int, error) {
	s, err := analysis.State(ss, strings.Join(strings.Fields(ref), ""))
	if err != nil {
		return -1, badRequest(err)
	}
	return s, nil
}

// dmRef resolves a DM reference (id, name or number).
func dmRef(ss *statespace.StateSpace, ref string) (int, error) {
	i, err := analysis.DM(ss, ref)
	if err != nil {
		return -1, badRequest(err)
	}
	return i, nil
}
