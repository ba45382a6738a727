package server

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/gmcr/gmcr/analysis"
	"github.com/gmcr/gmcr/internal/memlimit"
	"github.com/gmcr/gmcr/limitedmove"
	"github.com/gmcr/gmcr/report"
	"github.com/gmcr/gmcr/stability"
	"github.com/gmcr/gmcr/uncertain"
)

// The richer concepts of the tableau and explanations: the four
// extensions (a)-(d) of Nash, GMR, SMR and SEQ under unknown preferences
// (package uncertain) and limited-move Lh and non-myopic NM stability
// (package limitedmove). The server decides nothing itself: it asks those
// packages and names their results as the CLI does ("GMR(a)", "L2",
// "NM").

// uncertainBase are the ordinary concepts the extensions refine.
var uncertainBase = []stability.Concept{stability.Nash, stability.GMR, stability.SMR, stability.SEQ}

// uncertainOf runs the sixteen definitions when the model has unknown
// comparisons and the analysis computed the four concepts they refine; it
// returns nil otherwise.
func uncertainOf(ctx context.Context, e *entry, r *analysis.Result) (*uncertain.Analysis, error) {
	if !r.Model.HasUnknown() {
		return nil, nil
	}
	for _, c := range uncertainBase {
		if !r.Stability.Has(c) {
			return nil, nil
		}
	}
	e.setProgress("deciding the extensions (a)-(d) of the unknown preferences", 0, 1)
	rel, err := uncertain.NewRelation(r.Space, r.Prefs)
	if err != nil {
		return nil, err
	}
	return uncertain.Analyze(ctx, rel, r.Stability)
}

// extensionConcepts returns the definitions of extension ext ("a".."d")
// in concept order, or an error naming the valid values.
func extensionConcepts(ext string) ([]uncertain.Concept, error) {
	for _, x := range uncertain.Extensions {
		if strings.EqualFold(x.String(), ext) || strings.EqualFold("("+x.String()+")", ext) {
			var out []uncertain.Concept
			for _, b := range uncertainBase {
				out = append(out, uncertain.Concept{Base: b, Ext: x})
			}
			return out, nil
		}
	}
	return nil, badRequest(fmt.Errorf("unknown extension %q; use a, b, c or d", ext))
}

// extensionEquilibria lists the equilibria of the sixteen definitions by
// name ("GMR(a)"), or nil when they were not computed.
func extensionEquilibria(e *entry) map[string][]int {
	if e.unc == nil {
		return nil
	}
	out := map[string][]int{}
	for _, c := range uncertain.Concepts {
		out[c.String()] = numbers(e.unc.Equilibria(c))
	}
	return out
}

// MaxHorizon bounds the horizon of a limited-move request: beyond a few
// dozen moves of anticipation the tables have long entered their cycle,
// so a larger horizon shows nothing new.
const MaxHorizon = 1000

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
		la, err = limitedmove.AnalyzeWithin(ctx, r.Space, r.Prefs, h, nm, memlimit.Limit{Bytes: g.cfg.MemoryLimit, Source: "the server's --memory-limit"})
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

// column is one concept column of the tableau: its name, the mark of DM
// i at state s, and the equilibria.
type column struct {
	name  string
	mark  func(i, s int) string
	equil []bool
}

// richerColumns returns the tableau's columns for the request: the
// ordinary concepts (and Mixed), or with Extension the four definitions
// of that extension, followed by Lh and NM when Horizon is set.
func (s *Server) richerColumns(ctx context.Context, e *entry, r *analysis.Result, req *TableauRequest) ([]column, error) {
	ss, a := r.Space, r.Stability
	var cols []column
	if req.Extension == "" {
		for _, c := range a.Concepts {
			cols = append(cols, column{c.String(), func(i, st int) string { return mark(ss, a, c, i, st) }, membership(ss.Len(), a.Equilibria(c))})
		}
		if e.parsed.Mixed != nil {
			mixed := e.parsed.Mixed
			cols = append(cols, column{mixedName, func(i, st int) string { return mark(ss, a, mixed[i], i, st) }, membership(ss.Len(), a.EquilibriaMixed(mixed))})
		}
	} else {
		if e.unc == nil {
			return nil, badRequest(errors.New("the model has no unknown comparisons (or Nash, GMR, SMR and SEQ were not all computed), so the extensions (a)-(d) are the ordinary concepts"))
		}
		ucs, err := extensionConcepts(req.Extension)
		if err != nil {
			return nil, err
		}
		nash := ucs[0]
		for _, c := range ucs {
			cols = append(cols, column{c.String(), func(i, st int) string {
				switch {
				case !ss.Perceives(i, st):
					return "-"
				case !e.unc.Stable(c, i, st):
					return "u"
				case e.unc.Stable(nash, i, st):
					return "r"
				}
				return "s"
			}, membership(ss.Len(), e.unc.Equilibria(c))})
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
		cols = append(cols, column{limitedName(h), func(i, st int) string { return stayMark(la.Stable(h, i, st)) }, membership(ss.Len(), la.Equilibria(h))})
		if req.NM {
			cols = append(cols, column{"NM", func(i, st int) string { return stayMark(la.StableNM(i, st)) }, membership(ss.Len(), la.Equilibria(0))})
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
// concepts named by name ("GMR(a)", "L2", "NM"). ok is false when name is
// none of them.
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
	if !strings.Contains(name, "(") {
		return Document{}, false, nil
	}
	c, err := uncertain.ParseConcept(name)
	if err != nil {
		return Document{}, false, nil
	}
	if e.unc == nil {
		return Document{}, true, badRequest(errors.New("the model has no unknown comparisons: explain the ordinary concept"))
	}
	var exs []*uncertain.Explanation
	for _, i := range dms {
		ex, err := uncertain.Explain(e.unc.Relation, c, i, st)
		if err != nil {
			return Document{}, true, err
		}
		exs = append(exs, ex)
	}
	doc, err := document(func(w io.Writer, f report.Format) error {
		return report.WriteUncertainExplanations(w, r, e.unc.Relation, exs, f)
	})
	return doc, true, err
}
