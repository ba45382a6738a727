package server

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/gmcr/gmcr/analysis"
	"github.com/gmcr/gmcr/internal/english"
	"github.com/gmcr/gmcr/inverse"
	"github.com/gmcr/gmcr/report"
	"github.com/gmcr/gmcr/robustness"
	"github.com/gmcr/gmcr/stability"
	"github.com/gmcr/gmcr/statespace"
)

// The inverse question and robustness (packages inverse and robustness),
// answered as `gmcr inverse` and `gmcr robustness` answer them. Both may
// run for seconds: with "Accept: text/event-stream" they stream progress
// events while they run, and closing the stream cancels them.

// InverseRequest is POST /api/inverse's body.
type InverseRequest struct {
	Input
	// Targets are the states that must be stable: numbers, Y/N patterns,
	// state ids (graph form) or "sq".
	Targets []StateRef `json:"targets"`
	// Concept is Nash, GMR, SMR, SEQ or SIM (default SEQ).
	Concept string `json:"concept,omitempty"`
	// For names the DMs for which the targets must be stable (default:
	// every DM, the targets are then equilibria).
	For []string `json:"for,omitempty"`
	// Fixed DMs keep their preferences.
	Fixed []string `json:"fixed,omitempty"`
	// Known preferences that must hold, "DM:A>B" or "DM:A>=B".
	Known []string `json:"known,omitempty"`
	// WorkLimit bounds the solver conflicts spent proving the closest
	// solution closest (default inverse.DefaultWork, at most MaxWork);
	// when used up the best found is shown, marked not proven, the same
	// on every machine.
	WorkLimit int64 `json:"work_limit,omitempty"`
	// BudgetSeconds, if more than 0, also bounds the wall-clock time of
	// the proof (default: none); an answer it cuts short depends on the
	// machine's speed and load.
	BudgetSeconds float64 `json:"budget_seconds,omitempty"`
	// Space is "rankings" (default: rankings of the states) or
	// "statements" (orderings and selections of the DMs' preference
	// statements, as gmcr inverse --space statements), where Edits are
	// the edits allowed: any of "reorder", "drop", "negate" (default
	// reorder and drop).
	Space string   `json:"space,omitempty"`
	Edits []string `json:"edits,omitempty"`
	// Keep, KeepOrder and Add are gmcr inverse's --keep, --keep-order
	// ("DM:1,3") and --add ("DM:STATEMENT"), statements space only.
	Keep      []string `json:"keep,omitempty"`
	KeepOrder []string `json:"keep_order,omitempty"`
	Add       []string `json:"add,omitempty"`
}

// RobustnessRequest is POST /api/robustness's body.
type RobustnessRequest struct {
	Input
	// Mode is "one-step" (default: every single edit of one DM's
	// preferences) or "sample" (random profiles).
	Mode string `json:"mode,omitempty"`
	// Samples (default 1000, at most MaxSamples) and Seed (default 1) of
	// the sample mode; Reorder and Doubt mark what is uncertain, in
	// gmcr robustness's words: "RU" or "RU:1-4", "RU:3".
	Samples int      `json:"samples,omitempty"`
	Seed    *int64   `json:"seed,omitempty"`
	Reorder []string `json:"reorder,omitempty"`
	Doubt   []string `json:"doubt,omitempty"`
	// Top bounds the rows of the text and the heatmap (default 25; 0 in
	// the JSON document: every row is there).
	Top int `json:"top,omitempty"`
}

// MaxWork bounds an inverse request's work_limit.
const MaxWork = 100 * inverse.DefaultWork

// MaxSamples bounds a robustness request's samples.
const MaxSamples = 100000

// Robustness is POST /api/robustness's answer: the report, its JSON
// document (docs/robustness.schema.json) and the heatmap as SVG.
type Robustness struct {
	Document
	SVG string `json:"svg"`
}

func (s *Server) inverse(w http.ResponseWriter, r *http.Request) {
	var req InverseRequest
	if !decode(w, r, &req) {
		return
	}
	if req.BudgetSeconds < 0 || req.BudgetSeconds > 3600 {
		fail(w, badRequest(fmt.Errorf("budget_seconds must be more than 0 and at most 3600 (leave it out, or give 0, for no time limit), got %v", req.BudgetSeconds)))
		return
	}
	if req.WorkLimit < 0 || req.WorkLimit > MaxWork {
		fail(w, badRequest(fmt.Errorf("work_limit must be more than 0 and at most %d solver conflicts (leave it out, or give 0, for the default, %d), got %d", MaxWork, inverse.DefaultWork, req.WorkLimit)))
		return
	}
	s.job(w, r, &req.Input, "solving the inverse question", func(ctx context.Context, res *analysis.Result, _ func(string)) (any, error) {
		ss := res.Space
		name := req.Concept
		if name == "" {
			name = "SEQ"
		}
		c, err := stability.ParseConcept(name)
		if err != nil {
			return nil, badRequest(err)
		}
		work := int64(inverse.DefaultWork)
		if req.WorkLimit > 0 {
			work = req.WorkLimit
		}
		p := inverse.Problem{Concept: c, Work: work, Budget: time.Duration(req.BudgetSeconds * float64(time.Second))}
		for _, ref := range req.Targets {
			st, err := stateRef(ss, string(ref))
			if err != nil {
				return nil, err
			}
			if !slices.Contains(p.Targets, st) {
				p.Targets = append(p.Targets, st)
			}
		}
		if len(p.Targets) == 0 {
			return nil, badRequest(errors.New("give a target state: a number, a Y/N pattern or sq"))
		}
		for _, ref := range req.For {
			i, err := dmRef(ss, ref)
			if err != nil {
				return nil, err
			}
			p.DMs = append(p.DMs, i)
		}
		for _, ref := range req.Fixed {
			i, err := dmRef(ss, ref)
			if err != nil {
				return nil, err
			}
			p.Fixed = append(p.Fixed, i)
		}
		for _, k := range req.Known {
			if strings.TrimSpace(k) == "" {
				continue
			}
			pref, err := inverse.ParsePref(ss, k)
			if err != nil {
				return nil, badRequest(err)
			}
			p.Known = append(p.Known, pref)
		}
		switch strings.ToLower(req.Space) {
		case "", "rankings":
			if len(req.Edits)+len(req.Keep)+len(req.KeepOrder)+len(req.Add) > 0 {
				return nil, badRequest(errors.New("edits, keep, keep_order and add apply to the statements space only"))
			}
		case "statements":
			return inverseStatements(ctx, res, p, &req)
		default:
			return nil, badRequest(fmt.Errorf("space must be rankings or statements, not %q", req.Space))
		}
		out, err := inverse.Solve(ctx, ss, res.Prefs, p)
		if err != nil {
			if ctx.Err() != nil {
				return nil, ctx.Err()
			}
			return nil, badRequest(err)
		}
		doc, err := document(func(w io.Writer, f report.Format) error {
			return report.WriteInverse(w, ss, &p, out, f)
		})
		if err != nil {
			return nil, err
		}
		a := Inverse{Document: doc, States: map[int]string{}}
		for _, t := range p.Targets {
			a.States[statespace.Number(t)] = stateWords(ss, t)
		}
		for _, c := range out.Changes {
			a.States[statespace.Number(c.A)] = stateWords(ss, c.A)
			a.States[statespace.Number(c.B)] = stateWords(ss, c.B)
		}
		return a, nil
	})
}

// inverseStatements answers p over the DMs' statement lists with the
// edits allowed.
func inverseStatements(ctx context.Context, res *analysis.Result, p inverse.Problem, req *InverseRequest) (any, error) {
	ss := res.Space
	sp := inverse.StatementProblem{Problem: p}
	edits := req.Edits
	if len(edits) == 0 {
		edits = []string{"reorder", "drop"}
	}
	for _, w := range edits {
		switch strings.ToLower(strings.TrimSpace(w)) {
		case "reorder":
			sp.Edits.Reorder = true
		case "drop":
			sp.Edits.Drop = true
		case "negate":
			sp.Edits.Negate = true
		default:
			return nil, badRequest(fmt.Errorf("%q is not an edit; use reorder, drop or negate", w))
		}
	}
	for _, a := range req.Add {
		c, err := inverse.ParseCandidate(ss, a)
		if err != nil {
			return nil, badRequest(err)
		}
		sp.Candidates = append(sp.Candidates, c)
	}
	for _, k := range req.Keep {
		if err := sp.AddKeep(ss, k); err != nil {
			return nil, badRequest(err)
		}
	}
	for _, k := range req.KeepOrder {
		if err := sp.AddKeepOrder(ss, k); err != nil {
			return nil, badRequest(err)
		}
	}
	out, err := inverse.SolveStatements(ctx, ss, res.Prefs, sp)
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, badRequest(err)
	}
	doc, err := document(func(w io.Writer, f report.Format) error {
		return report.WriteInverseStatements(w, ss, &sp, out, f)
	})
	if err != nil {
		return nil, err
	}
	a := Inverse{Document: doc, States: map[int]string{}}
	for _, t := range p.Targets {
		a.States[statespace.Number(t)] = stateWords(ss, t)
	}
	return a, nil
}

// Inverse is POST /api/inverse's answer: gmcr inverse's report and JSON
// document (docs/inverse.schema.json), and how the states it names are
// shown (their options as Y/N, or their ids in graph form).
type Inverse struct {
	Document
	States map[int]string `json:"states"`
}

// stateWords is how a state is named beside its number: its id in graph
// form, its Y/N pattern of options otherwise (both when it has both).
func stateWords(ss *statespace.StateSpace, s int) string {
	id, pat := ss.StateID(s), ss.Pattern(s)
	switch {
	case id != "" && pat != "":
		return id + " " + pat
	case id != "":
		return id
	}
	return pat
}

func (s *Server) robustness(w http.ResponseWriter, r *http.Request) {
	var req RobustnessRequest
	if !decode(w, r, &req) {
		return
	}
	if req.Top < 0 {
		fail(w, badRequest(fmt.Errorf("top must be 0 (every row) or more, got %d", req.Top)))
		return
	}
	s.job(w, r, &req.Input, "analysing the perturbed preferences", func(ctx context.Context, res *analysis.Result, stage func(string)) (any, error) {
		ss := res.Space
		sp, err := robustness.NewSpace(ss, res.Prefs)
		if err != nil {
			return nil, badRequest(err)
		}
		concepts := res.Stability.Concepts
		top := req.Top
		if top == 0 {
			top = 25
		}
		rep := &report.Robustness{Space: ss, Mode: req.Mode, Top: top, Title: res.Model.Title}
		switch req.Mode {
		case "", "one-step":
			rep.Mode = "one-step"
			if len(req.Reorder)+len(req.Doubt) > 0 {
				return nil, badRequest(errors.New("reorder and doubt apply to the sample mode"))
			}
			stage(fmt.Sprintf("analysing the model under %s", english.Count(len(sp.OneStep()), "one-step change")))
			out, err := sp.RunOneStep(ctx, concepts, 0)
			if err != nil {
				return nil, err
			}
			rep.Counts, rep.Base, rep.OneStep = &out.Counts, out.Base, out
		case "sample":
			us, words, err := robustness.ParseUncertainties(ss, req.Reorder, req.Doubt)
			if err != nil {
				return nil, badRequest(err)
			}
			if len(us) == 0 {
				return nil, badRequest(errors.New(`sampling needs something uncertain to vary: statements whose order may vary ("RU" or "RU:2-4") or statements that may not hold ("RU:3")`))
			}
			n := req.Samples
			if n == 0 {
				n = 1000
			}
			if n < 1 || n > MaxSamples {
				return nil, badRequest(fmt.Errorf("samples must be between 1 and %d, got %d", MaxSamples, n))
			}
			rep.Seed = 1
			if req.Seed != nil {
				rep.Seed = *req.Seed
			}
			stage(fmt.Sprintf("analysing %s", english.Count(n, "sampled profile")))
			out, err := sp.Sample(ctx, concepts, us, n, rep.Seed, 0)
			if err != nil {
				if ctx.Err() != nil {
					return nil, ctx.Err()
				}
				return nil, badRequest(err)
			}
			rep.Counts, rep.Base, rep.Uncertain = &out.Counts, out.Base, words
		default:
			return nil, badRequest(fmt.Errorf("unknown mode %q; use one-step or sample", req.Mode))
		}
		doc, err := document(func(w io.Writer, f report.Format) error {
			return report.WriteRobustness(w, rep, f)
		})
		if err != nil {
			return nil, err
		}
		var svg bytes.Buffer
		if err := report.WriteRobustnessSVG(&svg, rep); err != nil {
			return nil, err
		}
		return Robustness{Document: doc, SVG: svg.String()}, nil
	})
}

// job answers a long question about in's model: it waits for the model's
// analysis (whose state space and preferences it reuses), then runs f
// holding an analysis slot, under the server's time limit; f may name
// what it does with stage. With "Accept:
// text/event-stream" it streams "progress" events ({stage, done, total}:
// done counts the seconds elapsed, total is 0 as the libraries report no
// count) until one "result" or "error" event; closing the stream cancels
// f. Otherwise it answers f's value as JSON.
func (s *Server) job(w http.ResponseWriter, r *http.Request, in *Input, stage string, f func(ctx context.Context, res *analysis.Result, stage func(string)) (any, error)) {
	ctx := r.Context()
	var mu sync.Mutex
	setStage := func(s string) { mu.Lock(); stage = s; mu.Unlock() }
	getStage := func() string { mu.Lock(); defer mu.Unlock(); return stage }
	type outcome struct {
		v   any
		err error
	}
	done := make(chan outcome, 1)
	t0 := time.Now()
	go func() {
		_, res, err := s.engine.result(ctx, in)
		if err != nil {
			done <- outcome{nil, err}
			return
		}
		var v any
		err = s.engine.slot(ctx, func(ctx context.Context) error {
			var err error
			v, err = f(ctx, res, setStage)
			return err
		})
		done <- outcome{v, err}
	}()
	if !strings.Contains(r.Header.Get("Accept"), "text/event-stream") {
		o := <-done
		if o.err != nil {
			fail(w, o.err)
			return
		}
		writeJSON(w, http.StatusOK, o.v)
		return
	}
	rc := http.NewResponseController(w)
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusOK)
	send := func(event string, v any) {
		data, _ := json.Marshal(v)
		fmt.Fprintf(w, "event: %s\ndata: %s\n\n", event, data)
		_ = rc.Flush()
	}
	tick := time.NewTicker(250 * time.Millisecond)
	defer tick.Stop()
	send("progress", Progress{Stage: getStage()})
	for {
		select {
		case o := <-done:
			if o.err != nil {
				var re *requestError
				msg := apiError{Error: o.err.Error()}
				switch {
				case errors.As(o.err, &re):
					msg.Problems = problems(o.err)
				case errors.Is(o.err, context.Canceled):
					msg.Error = "cancelled"
				case errors.Is(o.err, context.DeadlineExceeded):
					msg.Error = "this took longer than the server's time limit; ask a smaller question"
				}
				send("error", msg)
				return
			}
			send("result", o.v)
			return
		case <-tick.C:
			send("progress", Progress{Stage: getStage(), Done: int(time.Since(t0).Seconds())})
		case <-ctx.Done():
			// f sees the same context and stops; wait for it so that the
			// slot is free when the handler returns.
			<-done
			return
		}
	}
}
