package server

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"

	"github.com/gmcr/gmcr/analysis"
	"github.com/gmcr/gmcr/internal/english"
	"github.com/gmcr/gmcr/limitedmove"
	"github.com/gmcr/gmcr/report"
	"github.com/gmcr/gmcr/stability"
	"github.com/gmcr/gmcr/statespace"
	"github.com/gmcr/gmcr/strength"
	"github.com/gmcr/gmcr/uncertain"
)

// The richer concepts of the tableau and explanations: the four
// extensions (a)-(d) of Nash, GMR, SMR and SEQ under unknown preferences,
// strong and weak stability under strength of preference (sGMR, sSMR,
// sSEQ; with unknown comparisons in the extensions (a)-(d)), and
// limited-move Lh and non-myopic NM stability. The server decides none
// of them: analysis.Run decides the first two with the analysis (as
// extra concepts, Result.Extra, the ones `gmcr analyze` adds for the
// model), and the analysis package's entry points (analysis.Limited,
// analysis.ExplainStrength, ...) answer the rest; the server names the
// results as the CLI does ("GMR(a)", "sGMR", "L2", "NM") and encodes them.

// The families of analysis.Extra the server shows.
const (
	uncertainFamily = "uncertain"
	strengthFamily  = "strength"
)

// extras returns r's extra concepts of family, in report order.
func extras(r *analysis.Result, family string) []*analysis.Extra {
	var out []*analysis.Extra
	for _, x := range r.Extra {
		if x.Family == family {
			out = append(out, x)
		}
	}
	return out
}

// extensionLetter reads an extension ("a".."d", or "(a)"), or answers an
// error naming the valid values.
func extensionLetter(ext string) (string, error) {
	e := strings.ToLower(strings.Trim(strings.TrimSpace(ext), "()"))
	switch e {
	case "a", "b", "c", "d":
		return e, nil
	}
	return "", badRequest(fmt.Errorf("unknown extension %q; use a, b, c or d", ext))
}

// ofExtension keeps the concepts of xs in extension ext (key "gmr-a").
func ofExtension(xs []*analysis.Extra, ext string) []*analysis.Extra {
	var out []*analysis.Extra
	for _, x := range xs {
		if strings.HasSuffix(x.Key, "-"+ext) {
			out = append(out, x)
		}
	}
	return out
}

// extensionEquilibria lists the equilibria of the sixteen definitions by
// name ("GMR(a)"), or nil when the model has no unknown comparisons.
func extensionEquilibria(r *analysis.Result) map[string][]int {
	xs := extras(r, uncertainFamily)
	if len(xs) == 0 {
		return nil
	}
	out := map[string][]int{}
	for _, x := range xs {
		out[x.Name] = numbers(x.Equilibria())
	}
	return out
}

// StrengthEquilibria are a concept's equilibria under strength of
// preference (state numbers): all of them, the strong ones (strongly
// stable for every DM) and the weak ones (stable for every DM, weakly
// for some).
type StrengthEquilibria struct {
	Equilibria []int `json:"equilibria"`
	Strong     []int `json:"strong"`
	Weak       []int `json:"weak"`
}

func strengthEquilibriaOf(x *analysis.Extra) StrengthEquilibria {
	return StrengthEquilibria{Equilibria: numbers(x.Equilibria()), Strong: numbers(x.StrongEquilibria()), Weak: numbers(x.WeakEquilibria())}
}

// strengthEquilibria lists the equilibria under strength of preference of
// xs by concept name ("sGMR", or with unknown comparisons "sGMR(a)" ...),
// or nil when xs is empty.
func strengthEquilibria(xs []*analysis.Extra) map[string]StrengthEquilibria {
	if len(xs) == 0 {
		return nil
	}
	out := map[string]StrengthEquilibria{}
	for _, x := range xs {
		out[x.Name] = strengthEquilibriaOf(x)
	}
	return out
}

// MaxHorizon bounds the horizon of a limited-move request, as in the CLI
// (limitedmove.MaxHorizon says why).
const MaxHorizon = limitedmove.MaxHorizon

// horizonOr returns the horizon a request gives, or def when the field
// is absent (nil). A horizon given explicitly must be between 1 and
// MaxHorizon: 0 in particular is refused rather than read as absent, in
// every endpoint taking a horizon.
func horizonOr(h *int, def int) (int, error) {
	if h == nil {
		return def, nil
	}
	if *h < 1 || *h > MaxHorizon {
		return 0, badRequest(fmt.Errorf("the horizon must be between 1 and %d, got %d (leave the field out for the default)", MaxHorizon, *h))
	}
	return *h, nil
}

// limited returns the limited-move analysis of e with horizon h (and NM
// when nm), reusing the entry's last one when it answers the question.
func (g *engine) limited(ctx context.Context, e *entry, r *analysis.Result, h int, nm bool) (*limitedmove.Analysis, error) {
	if h < 1 || h > MaxHorizon {
		return nil, badRequest(fmt.Errorf("the horizon must be between 1 and %d, got %d", MaxHorizon, h))
	}
	e.limMu.Lock()
	defer e.limMu.Unlock()
	if la := e.lim; la != nil && la.H() == h && (la.HasNM() || !nm) {
		return la, nil
	}
	var la *limitedmove.Analysis
	err := g.slot(ctx, func(ctx context.Context) error {
		var err error
		la, err = analysis.Limited(ctx, r, h, nm, analysis.Options{MemoryLimit: g.cfg.MemoryLimit, MemorySource: "the server's --memory-limit"})
		return err
	})
	var me *limitedmove.MemoryError
	if errors.Is(err, limitedmove.ErrDMs) || errors.As(err, &me) {
		return nil, badRequest(err)
	}
	if err != nil {
		if ctx.Err() == nil && !errors.Is(err, context.DeadlineExceeded) {
			err = badRequest(err)
		}
		return nil, err
	}
	e.lim = la
	return la, nil
}

// strength returns the strength-of-preference analysis of e (as gmcr
// strength reports it) with the extra concepts sGMR, sSMR and sSEQ built
// from it (nil when the model states no strength). It is decided once per
// entry, when first asked, in an analysis slot under the server's time
// limit and memory guard; it is cancelled when every request waiting for
// it has gone (the page moved on) or the session's newer edit supersedes
// the entry, and a cancelled one starts afresh when asked again.
func (g *engine) strength(ctx context.Context, e *entry, r *analysis.Result) (*strength.Analysis, []*analysis.Extra, error) {
	for {
		g.mu.Lock()
		j := e.str
		if j == nil {
			if err := g.strengthRoom(e, r); err != nil {
				g.mu.Unlock()
				return nil, nil, err
			}
			jctx, cancel := context.WithTimeout(g.ctx, g.cfg.Timeout)
			j = &strengthJob{done: make(chan struct{}), cancel: cancel}
			e.str = j
			g.strengthRuns.Add(1)
			go g.runStrength(jctx, e, r, j)
		}
		j.waiters.Add(1)
		g.mu.Unlock()
		select {
		case <-j.done:
			j.waiters.Add(-1)
			if errors.Is(j.err, context.Canceled) && ctx.Err() == nil {
				continue // cancelled for a request that left: ours still wants it
			}
			return j.sa, j.extras, j.err
		case <-ctx.Done():
			if j.waiters.Add(-1) == 0 {
				j.cancel()
			}
			return nil, nil, ctx.Err()
		}
	}
}

// strengthRoom refuses (422) a strength analysis of e that the memory
// limit cannot hold beside e's own analysis. Called with g.mu held.
func (g *engine) strengthRoom(e *entry, r *analysis.Result) error {
	if g.cfg.MemoryLimit <= 0 {
		return nil
	}
	cells := int64(r.Space.Len()) * int64(len(r.Space.DMs))
	if need := cells * (analysis.BytesPerStateDM + analysis.StrengthBytesPerStateDM); need > g.cfg.MemoryLimit {
		return badRequest(fmt.Errorf("strength of preference on %s and %s needs about %d MiB, beyond the server's memory limit of %d MiB; make the model smaller or start the server with a larger --memory-limit",
			english.Count(r.Space.Len(), "state"), english.Count(len(r.Space.DMs), "DM"), need>>20, g.cfg.MemoryLimit>>20))
	}
	return nil
}

// strengthIfDone returns the strength concepts of e if they have been
// decided, else nil (without starting them).
func (g *engine) strengthIfDone(e *entry) []*analysis.Extra {
	g.mu.Lock()
	j := e.str
	g.mu.Unlock()
	if j == nil {
		return nil
	}
	select {
	case <-j.done:
		if j.err == nil {
			return j.extras
		}
	default:
	}
	return nil
}

func (g *engine) runStrength(ctx context.Context, e *entry, r *analysis.Result, j *strengthJob) {
	defer j.cancel()
	err := g.slot(ctx, func(ctx context.Context) error {
		sa, err := analysis.Strength(ctx, r, analysis.Options{MemoryLimit: g.cfg.MemoryLimit})
		if err != nil {
			return err
		}
		j.sa, j.extras = sa, analysis.StrengthExtras(r, sa)
		return nil
	})
	switch {
	case err != nil && ctx.Err() != nil:
		err = ctx.Err() // cancelled or out of time, whatever step noticed it
	case err != nil && !errors.Is(err, context.DeadlineExceeded):
		err = badRequest(err)
	}
	g.mu.Lock()
	j.err = err
	if err != nil && (errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded)) && e.str == j {
		e.str = nil // asking again starts afresh
	}
	// The entry holds more now: keep the cache within the memory limit.
	g.evict()
	g.mu.Unlock()
	close(j.done)
}

// limitedName is the tableau's name of Lh.
func limitedName(h int) string { return fmt.Sprintf("L%d", h) }

// parseLimitedName reads "L3" (h = 3) or "NM" (h = 0).
func parseLimitedName(s string) (int, bool) {
	if strings.EqualFold(s, "NM") {
		return 0, true
	}
	var h int
	if len(s) > 1 && (s[0] == 'L' || s[0] == 'l') {
		if _, err := fmt.Sscanf(s[1:], "%d", &h); err == nil && fmt.Sprint(h) == s[1:] && h >= 1 {
			return h, true
		}
	}
	return 0, false
}

// parseStrengthName reads a concept of strength of preference as the
// tableau names it: "sGMR", "sSMR" or "sSEQ", optionally with an
// extension, "sGMR(c)". A name without an extension is extension (a)
// (the only one without unknown comparisons, where the four are equal).
func parseStrengthName(s string) (uncertain.Concept, bool) {
	rest, ok := strings.CutPrefix(s, "s")
	if !ok {
		if rest, ok = strings.CutPrefix(s, "S"); !ok {
			return uncertain.Concept{}, false
		}
	}
	c, err := uncertain.ParseConcept(rest)
	if err != nil {
		b, err := stability.ParseConcept(rest)
		if err != nil {
			return uncertain.Concept{}, false
		}
		c = uncertain.Concept{Base: b, Ext: uncertain.A}
	}
	switch c.Base {
	case stability.GMR, stability.SMR, stability.SEQ:
		return c, true
	}
	return uncertain.Concept{}, false
}

// column is one concept column of the tableau: its name, the mark of DM
// i at state s, the equilibria, and for an extra concept the
// analysis.Extra (its strong and weak equilibria, its legend).
type column struct {
	name  string
	mark  func(i, s int) string
	equil []bool
	extra *analysis.Extra
}

// extraColumn is the column of an extra concept, marked as the CLI's
// tableau marks it: - (not perceived), u (unstable), S or W (strongly or
// weakly stable, strength of preference), r (no move the concept
// considers), s (stable).
func extraColumn(ss *statespace.StateSpace, x *analysis.Extra) column {
	return column{x.Name, func(i, st int) string {
		switch {
		case !ss.Perceives(i, st):
			return "-"
		case !x.Stable(i, st):
			return "u"
		case x.HasStrength() && x.Strong(i, st):
			return "S"
		case x.HasStrength():
			return "W"
		case x.Rational(i, st):
			return "r"
		}
		return "s"
	}, membership(ss.Len(), x.Equilibria()), x}
}

// richerColumns returns the tableau's columns for the request: the
// ordinary concepts (and Mixed), or with Extension the four definitions
// of that extension; then, with Strength, sGMR, sSMR and sSEQ (of the
// extension, (a) when none is chosen, for a model with unknown
// comparisons); then Lh and NM when Horizon is set.
func (s *Server) richerColumns(ctx context.Context, e *entry, r *analysis.Result, req *TableauRequest) ([]column, error) {
	ss, a := r.Space, r.Stability
	var cols []column
	ext := ""
	if req.Extension == "" {
		for _, c := range a.Concepts {
			cols = append(cols, column{c.String(), func(i, st int) string { return mark(ss, a, c, i, st) }, membership(ss.Len(), a.Equilibria(c)), nil})
		}
		if e.parsed.Mixed != nil {
			mixed := e.parsed.Mixed
			cols = append(cols, column{mixedName, func(i, st int) string { return mark(ss, a, mixed[i], i, st) }, membership(ss.Len(), a.EquilibriaMixed(mixed)), nil})
		}
	} else {
		xs := extras(r, uncertainFamily)
		if len(xs) == 0 {
			return nil, badRequest(errors.New("the model has no unknown comparisons, so the extensions (a)-(d) are the ordinary concepts"))
		}
		var err error
		if ext, err = extensionLetter(req.Extension); err != nil {
			return nil, err
		}
		for _, x := range ofExtension(xs, ext) {
			cols = append(cols, extraColumn(ss, x))
		}
	}
	if req.Strength {
		if !r.Model.HasStrength() {
			return nil, badRequest(errors.New(`the model states no strength of preference (no statement marked strong: true, no ">>" cut in a ranking), so every preference is mild: strong and weak stability say nothing more than the ordinary concepts`))
		}
		_, xs, err := s.engine.strength(ctx, e, r)
		if err != nil {
			return nil, err
		}
		if r.Model.HasUnknown() {
			if ext == "" {
				ext = "a"
			}
			xs = ofExtension(xs, ext)
		}
		for _, x := range xs {
			cols = append(cols, extraColumn(ss, x))
		}
	}
	// An absent horizon asks for no limited-move column; NM needs the
	// horizon whose anticipation it extends.
	h, err := horizonOr(req.Horizon, 0)
	if err != nil {
		return nil, err
	}
	if req.NM && h == 0 {
		return nil, badRequest(fmt.Errorf("nm (non-myopic stability) needs a horizon between 1 and %d", MaxHorizon))
	}
	if h > 0 {
		la, err := s.engine.limited(ctx, e, r, h, req.NM)
		if err != nil {
			return nil, err
		}
		cols = append(cols, column{limitedName(h), func(i, st int) string { return stayMark(la.Stable(h, i, st)) }, membership(ss.Len(), la.Equilibria(h)), nil})
		if req.NM {
			cols = append(cols, column{"NM", func(i, st int) string { return stayMark(la.StableNM(i, st)) }, membership(ss.Len(), la.Equilibria(0)), nil})
		}
	}
	return cols, nil
}

// stayMark is the limited-move mark: s when the DM would stay, u when it
// would move.
func stayMark(stays bool) string {
	if stays {
		return "s"
	}
	return "u"
}

// explainRicher explains state st for DMs dms under one of the richer
// concepts named by name ("GMR(a)", "sGMR", "sGMR(a)", "L2", "NM"). ok is
// false when name is none of them.
func (s *Server) explainRicher(ctx context.Context, e *entry, r *analysis.Result, name string, req *ExplainRequest, st int, dms []int) (Document, bool, error) {
	if h, ok := parseLimitedName(name); ok {
		hh, nm := h, h == 0
		if nm {
			var err error
			if hh, err = horizonOr(req.Horizon, 1); err != nil { // absent: the documented default
				return Document{}, true, err
			}
		}
		la, err := s.engine.limited(ctx, e, r, hh, nm)
		if err != nil {
			return Document{}, true, err
		}
		doc, err := document(func(w io.Writer, f report.Format) error {
			return report.WriteLimited(w, r, la, []int{st}, f)
		})
		return doc, true, err
	}
	if c, ok := parseStrengthName(name); ok {
		var rel *strength.Relation
		var exs []*strength.Explanation
		err := s.engine.slot(ctx, func(ctx context.Context) error {
			var err error
			rel, exs, err = analysis.ExplainStrength(ctx, r, c, dms, st)
			return err
		})
		if err != nil {
			return Document{}, true, err
		}
		doc, err := document(func(w io.Writer, f report.Format) error {
			return report.WriteStrengthExplanations(w, r, rel, exs, f)
		})
		return doc, true, err
	}
	if !strings.Contains(name, "(") {
		return Document{}, false, nil
	}
	c, err := uncertain.ParseConcept(name)
	if err != nil {
		return Document{}, false, nil
	}
	if !r.Model.HasUnknown() {
		return Document{}, true, badRequest(errors.New("the model has no unknown comparisons: explain the ordinary concept"))
	}
	rel, exs, err := analysis.ExplainUncertain(r, c, dms, st)
	if err != nil {
		return Document{}, true, err
	}
	doc, err := document(func(w io.Writer, f report.Format) error {
		return report.WriteUncertainExplanations(w, r, rel, exs, f)
	})
	return doc, true, err
}

// StrengthRequest is POST /api/strength's body.
type StrengthRequest struct {
	Input
	// From, if set (a state reference, or "sq"), asks for the status quo
	// analysis under strength of preference from that state instead of
	// the table of strong and weak stability.
	From StateRef `json:"from,omitempty"`
}

// strengthReport answers gmcr strength's report: strong and weak
// stability of every state, or with From the status quo analysis (the
// states reached by strong improvements, by improvements, and by these
// and moves of unknown preference).
func (s *Server) strengthReport(w http.ResponseWriter, r *http.Request) {
	var req StrengthRequest
	if !decode(w, r, &req) {
		return
	}
	e, res, err := s.engine.result(r.Context(), &req.Input)
	if err != nil {
		fail(w, err)
		return
	}
	sa, _, err := s.engine.strength(r.Context(), e, res)
	if err != nil {
		fail(w, err)
		return
	}
	var doc Document
	if req.From == "" {
		doc, err = document(func(w io.Writer, f report.Format) error { return report.WriteStrength(w, res, sa, f) })
	} else {
		start, rerr := stateRef(res.Space, string(req.From))
		if rerr != nil {
			fail(w, rerr)
			return
		}
		runs, rerr := analysis.StrengthEvolution(res, start)
		if rerr != nil {
			fail(w, badRequest(rerr))
			return
		}
		ev := &report.StrengthEvolution{Start: start, Runs: runs}
		doc, err = document(func(w io.Writer, f report.Format) error { return report.WriteStrengthEvolution(w, res, sa, ev, f) })
	}
	if err != nil {
		fail(w, err)
		return
	}
	writeJSON(w, http.StatusOK, doc)
}
