// Package analysis runs gmcr's whole pipeline on a model: build the state
// space, compute preferences, decide stability. It is what the CLI and
// other front ends call; it never prints.
package analysis

import (
	"context"
	"errors"
	"fmt"
	"github.com/gmcr/gmcr/internal/english"
	"slices"
	"strings"

	"github.com/gmcr/gmcr/model"
	"github.com/gmcr/gmcr/model/statement"
	"github.com/gmcr/gmcr/preference"
	"github.com/gmcr/gmcr/reach"
	"github.com/gmcr/gmcr/stability"
	"github.com/gmcr/gmcr/statespace"
)

// Options tunes Run.
type Options struct {
	Concepts  []stability.Concept // nil: all
	MaxStates int                 // see statespace.Options
	Workers   int                 // see stability.Config
	// Progress, if set, receives the stage name and the units done and
	// in total within it.
	Progress func(stage string, done, total int)
	// MemoryLimit, if positive, makes Prepare and Run refuse (with
	// *MemoryError) a model whose state space, preferences or stability
	// analysis is estimated to need more bytes; MemorySource says what
	// sets the limit (e.g. "the cgroup memory limit"), for the message.
	// The limit applies whatever MaxStates is.
	MemoryLimit  int64
	MemorySource string
	// KeepSanctions keeps what stability.Analysis.Sanctioned needs to
	// answer in O(1) (stability.Config.KeepMinima).
	KeepSanctions bool
	// Extra names extra concepts to decide besides Concepts (canonical
	// keys, Selection.Extra; see Extra and Family); Implied adds those
	// the model calls for (Selection.All). Result.Extra holds them. With
	// Extra or Implied, an empty non-nil Concepts computes no standard
	// concept.
	Extra   []string
	Implied bool
	// Defer names families (Family.Name, e.g. "strength") whose concepts
	// Implied leaves out: a caller that shows them only on request (the
	// workbench) computes them later with ImpliedExtras, so that an
	// analysis that does not show them does not pay for them.
	Defer []string
}

// BytesPerStateDM is the memory a full stability analysis needs per
// feasible state and DM, measured on generated conflicts (see
// docs/benchmarks.md); Run's estimate is states x DMs x BytesPerStateDM.
const BytesPerStateDM = 220

// estimateMemory is Run's estimate of the bytes an analysis needs.
func estimateMemory(ss *statespace.StateSpace, concepts []stability.Concept) int64 {
	per := analysisBytesPerState(len(ss.DMs), concepts)
	if concepts == nil || slices.Contains(concepts, stability.SIM) {
		// A DM of w > 6 options holds its SIM choices in 2^(w-6) words
		// per state instead of one, while the fast pass applies (64
		// words in all).
		words := 0
		for j := range ss.DMs {
			words += reach.PatternWords(ss, j)
		}
		if words <= 64 {
			per += 8 * int64(words-len(ss.DMs))
		}
	}
	return int64(ss.Len()) * per
}

// analysisBytesPerState is Run's estimate of the bytes a whole analysis
// needs per feasible state: the sanction searches of GMR, SMR and SEQ
// dominate; Nash keeps little beyond the state space and the preferences,
// SIM adds the class orders and each DM's choice sets (48 bytes per state
// and DM measured at 24 options). It is never below what Prepare needs.
func analysisBytesPerState(dms int, concepts []stability.Concept) int64 {
	per := int64(30)
	for _, c := range concepts {
		if c == stability.SIM {
			per = max(per, 55)
		}
		if c == stability.GMR || c == stability.SMR || c == stability.SEQ {
			per = BytesPerStateDM
		}
	}
	if concepts == nil {
		per = BytesPerStateDM
	}
	return max(int64(dms)*per, prepareBytesPerState(dms))
}

// prepareBytesPerState estimates the bytes Prepare needs per feasible
// state: its code (8, doubled while the list grows), the code index (4)
// and, per DM, a preference level (4) and score (8), with slack.
func prepareBytesPerState(dms int) int64 { return 24 + 16*int64(dms) }

// MemoryError reports a model whose analysis would not fit in the memory
// available.
type MemoryError struct {
	States, DMs int
	AtLeast     bool  // States is a lower bound: counting stopped early
	Need, Limit int64 // bytes
	Source      string
}

func (e *MemoryError) Error() string {
	size := func(b int64) string {
		switch {
		case b < 1<<20:
			return fmt.Sprintf("%d bytes", b)
		case b < 1<<30:
			return fmt.Sprintf("%.0f MiB", float64(b)/(1<<20))
		}
		return fmt.Sprintf("%.1f GiB", float64(b)/(1<<30))
	}
	n, need := fmt.Sprintf("%d", e.States), "about "+size(e.Need)
	if e.AtLeast {
		n, need = "more than "+n, "more than "+size(e.Need)
	}
	src := ""
	if e.Source != "" {
		src = " (" + e.Source + ")"
	}
	return fmt.Sprintf("analysing %s feasible states of %d DMs needs %s of memory, but only %s is available%s; "+
		"raise that limit or run on a larger machine, or remove options or add feasibility constraints", n, e.DMs, need, size(e.Limit), src)
}

// Result is a complete analysis of one model.
type Result struct {
	Model     *model.Model
	Space     *statespace.StateSpace
	Prefs     *preference.Profile
	Stability *stability.Analysis
	// Extra holds the extra concepts decided (Options.Extra and
	// Options.Implied), in report order.
	Extra []*Extra
}

// Run analyses m. Errors come from statespace.Build (too many states, no
// feasible state), preference.Compute (a ranking that misses a state...),
// or ctx when cancelled; each is wrapped with the model's file name.
func Run(ctx context.Context, m *model.Model, opt Options) (*Result, error) {
	// The state count is capped by the whole analysis's estimate, so that a
	// model too large for it is refused before states and preferences are
	// built, with the memory the whole analysis needs.
	// Extra concepts may need the standard sanction searches besides
	// their own: they are estimated as a full analysis.
	// Implied adds nothing to a model that calls for no extra concept.
	est := opt.Concepts
	if len(opt.Extra) > 0 || opt.Implied && len(WithImplied(&Result{Model: m}, nil)) > 0 {
		est = nil
	}
	r, err := prepare(ctx, m, opt, analysisBytesPerState(len(m.DMs), est))
	if err != nil {
		return nil, err
	}
	if need := estimateMemory(r.Space, est); opt.MemoryLimit > 0 && need > opt.MemoryLimit {
		return nil, wrap(m, &MemoryError{States: r.Space.Len(), DMs: len(r.Space.DMs), Need: need, Limit: opt.MemoryLimit, Source: opt.MemorySource})
	}
	cfg := stability.Config{Concepts: opt.Concepts, Workers: opt.Workers, KeepMinima: opt.KeepSanctions}
	if opt.Progress != nil {
		cfg.Progress = func(done, total int) { opt.Progress("analysing stability", done, total) }
		opt.Progress("analysing stability", 0, 1)
	}
	if opt.Concepts != nil && len(opt.Concepts) == 0 && (len(opt.Extra) > 0 || opt.Implied) {
		r.Stability = &stability.Analysis{Space: r.Space, Prefs: r.Prefs}
	} else {
		r.Stability, err = stability.Analyze(ctx, r.Space, r.Prefs, cfg)
		if err != nil {
			return nil, wrap(m, err)
		}
	}
	if len(opt.Extra) > 0 || opt.Implied {
		if opt.Progress != nil {
			opt.Progress("analysing further concepts", 0, 1)
		}
		if err := computeExtra(ctx, r, opt); err != nil {
			return nil, err
		}
	}
	return r, nil
}

// Prepare builds the state space and preferences of m without deciding
// stability (for listing states or explaining one state).
func Prepare(ctx context.Context, m *model.Model, opt Options) (*Result, error) {
	return prepare(ctx, m, opt, prepareBytesPerState(len(m.DMs)))
}

// prepare is Prepare with a memory limit that allows per bytes per
// feasible state.
func prepare(ctx context.Context, m *model.Model, opt Options, per int64) (*Result, error) {
	stage := func(name string) {
		if opt.Progress != nil {
			opt.Progress(name, 0, 1)
		}
	}
	stage("enumerating states")
	limit, memCap := opt.MaxStates, 0
	if limit == 0 {
		limit = statespace.DefaultMaxStates
	}
	if opt.MemoryLimit > 0 {
		if c := opt.MemoryLimit / per; limit < 0 || c < int64(limit) {
			memCap = max(int(c), 1)
			limit = memCap
		}
	}
	ss, err := statespace.Build(ctx, m, statespace.Options{MaxStates: limit})
	if errors.Is(err, statespace.EmptyError) {
		return nil, emptyError(m)
	}
	var many *statespace.TooManyOptionsError
	if errors.As(err, &many) {
		if o := m.Option(many.Option); o != nil && o.Pos.Line > 0 {
			return nil, posErr(o.Pos, many.Error())
		}
	}
	var tl *statespace.TooLargeError
	if memCap > 0 && errors.As(err, &tl) {
		return nil, wrap(m, &MemoryError{States: int(min(tl.States, 1<<62)), DMs: len(m.DMs), AtLeast: !tl.Exact,
			Need: int64(min(tl.States, 1<<40)) * per, Limit: opt.MemoryLimit, Source: opt.MemorySource})
	}
	if err != nil {
		return nil, wrap(m, err)
	}
	if m.StatusQuo != nil {
		if _, err := StatusQuo(ss); err != nil {
			return nil, err
		}
	}
	stage("ranking states")
	p, err := preference.ComputeContext(ctx, ss)
	if err != nil {
		return nil, err // carries its own position, or is ctx's error
	}
	return &Result{Model: m, Space: ss, Prefs: p}, nil
}

// StatusQuo returns the state index of the model's status quo, or -1 if
// the model has none. It fails if the status quo is not a feasible state.
func StatusQuo(ss *statespace.StateSpace) (int, error) {
	sq := ss.Model.StatusQuo
	if sq == nil {
		return -1, nil
	}
	if ss.Model.GraphForm() {
		if i := ss.Model.StateIndex(sq.State); i >= 0 {
			return i, nil
		}
		return -1, posErr(sq.Pos, fmt.Sprintf("status quo names unknown state %q", sq.State))
	}
	var code uint64
	for _, id := range sq.Taken {
		b, ok := ss.Bit(id)
		if !ok {
			return -1, posErr(sq.Pos, fmt.Sprintf("status quo names unknown option %q", id))
		}
		code |= 1 << uint(b)
	}
	s, ok := ss.Index(code)
	if !ok {
		return -1, posErr(sq.Pos, fmt.Sprintf("the status quo is not a feasible state: %s; change status_quo.taken or the feasibility constraints", whyInfeasible(ss, code)))
	}
	return s, nil
}

// whyInfeasible names the infeasible conditions that hold at code.
func whyInfeasible(ss *statespace.StateSpace, code uint64) string {
	var held []string
	for _, st := range ss.Model.Infeasible {
		if c, err := ss.Compile(st.Expr); err == nil && c.Holds(code) {
			held = append(held, fmt.Sprintf("%q", st.Text))
		}
	}
	if len(held) == 0 {
		return "an infeasible condition holds there"
	}
	if len(held) == 1 {
		return "the infeasible condition " + held[0] + " holds there"
	}
	return "the infeasible conditions " + strings.Join(held, ", ") + " hold there"
}

// emptyError explains a model without feasible states: it names the
// infeasibility conditions that hold in every state on their own, or else
// the conditions that together exclude every state (NoFeasibleState).
func emptyError(m *model.Model) error {
	return NoFeasibleState(m, "")
}

// NoFeasibleState explains why m, whose state space is empty
// (statespace.EmptyError), has no feasible state. It names each
// infeasibility condition that holds in every state on its own, at its
// position; or else the conditions that together exclude every state,
// each with its line and note, reduced (when the conditions mention at
// most maxCoreOptions options) to a set from which none can be dropped,
// and points at the earliest of them in the file. scope, when not empty,
// says where the conditions apply (`scenario "x"`) and starts the message.
func NoFeasibleState(m *model.Model, scope string) error {
	in := ""
	if scope != "" {
		in = "in " + scope + ", "
	}
	var msgs []string
	for _, st := range m.Infeasible {
		if alwaysHolds(st.Expr) {
			msgs = append(msgs, posErr(st.Pos, fmt.Sprintf("%sthe infeasible condition %q holds in every state, so no state is feasible; remove or correct it", in, st.Text)).Error())
		}
	}
	if len(msgs) > 0 {
		return errors.New(strings.Join(msgs, "\n"))
	}
	if len(m.Infeasible) == 0 {
		return wrap(m, statespace.EmptyError)
	}
	conds, minimal := excludingCore(m.Infeasible)
	// In the order of the file; conditions not in it (a what-if given on
	// the command line) last.
	conds = slices.Clone(conds)
	slices.SortStableFunc(conds, func(a, b model.Statement) int {
		if (a.Pos.Line == 0) != (b.Pos.Line == 0) {
			if a.Pos.Line == 0 {
				return 1
			}
			return -1
		}
		if c := a.Pos.Line - b.Pos.Line; c != 0 {
			return c
		}
		return a.Pos.Col - b.Pos.Col
	})
	at := model.Pos{File: m.File}
	var names []string
	for _, st := range conds {
		c := fmt.Sprintf("%q", st.Text)
		var about []string
		if st.Note != "" {
			about = append(about, st.Note)
		}
		if p := st.Pos; p.Line > 0 {
			about = append(about, fmt.Sprintf("line %d", p.Line))
			if at.Line == 0 || p.Line < at.Line || p.Line == at.Line && p.Col < at.Col {
				at = p
			}
		}
		if len(about) > 0 {
			c += " (" + strings.Join(about, ", ") + ")"
		}
		names = append(names, c)
	}
	if at.File == "" {
		at.File = m.File
	}
	if minimal {
		what := fmt.Sprintf("the %d infeasible conditions %s", len(conds), strings.Join(names, ", "))
		if len(conds) < len(m.Infeasible) {
			what = fmt.Sprintf("%d of the %d infeasible conditions, %s,", len(conds), len(m.Infeasible), strings.Join(names, ", "))
		}
		return posErr(at, fmt.Sprintf("%s%s together exclude every state, so no state is feasible; relax one of them", in, what))
	}
	return posErr(at, fmt.Sprintf("%sthe %d infeasible conditions together exclude every state, so no state is feasible: %s; relax some of them",
		in, len(conds), strings.Join(names, ", ")))
}

// maxCoreOptions bounds the options the conditions of excludingCore may
// mention: each test of a subset enumerates their assignments.
const maxCoreOptions = 16

// excludingCore returns conditions of conds that on their own exclude every
// assignment of the options they mention, none of which can be dropped,
// and true; or, when conds mention too many options (or do not exclude
// every assignment, which a caller should not ask), conds and false.
// Dropping each condition in turn and keeping it only when needed gives
// such a set (deletion filter); the order of conds is kept.
func excludingCore(conds []model.Statement) ([]model.Statement, bool) {
	var ids []string
	for _, st := range conds {
		if st.Expr == nil {
			return conds, false
		}
		ids = st.Expr.Options(ids)
	}
	ids = slices.Compact(slices.Sorted(slices.Values(ids)))
	if len(ids) > maxCoreOptions || len(conds) > 64 {
		return conds, false
	}
	bit := map[string]int{}
	for i, id := range ids {
		bit[id] = i
	}
	// excludes reports whether the conditions kept exclude every assignment.
	excludes := func(keep []bool) bool {
		for v := 0; v < 1<<len(ids); v++ {
			val := func(id string) bool { return v&(1<<bit[id]) != 0 }
			held := false
			for i, st := range conds {
				if keep[i] && st.Expr.Eval(val) {
					held = true
					break
				}
			}
			if !held {
				return false
			}
		}
		return true
	}
	keep := make([]bool, len(conds))
	for i := range keep {
		keep[i] = true
	}
	if !excludes(keep) {
		return conds, false
	}
	for i := range conds {
		keep[i] = false
		if !excludes(keep) {
			keep[i] = true
		}
	}
	var out []model.Statement
	for i, st := range conds {
		if keep[i] {
			out = append(out, st)
		}
	}
	return out, true
}

// alwaysHolds reports whether e is true for every assignment of the options
// it mentions (it is then true in every state). Statements mention few
// options; one mentioning more than 20 is not checked.
func alwaysHolds(e *statement.Expr) bool {
	ids := e.Options(nil)
	if len(ids) > 20 {
		return false
	}
	bit := map[string]int{}
	for i, id := range ids {
		bit[id] = i
	}
	for v := 0; v < 1<<len(ids); v++ {
		if !e.Eval(func(id string) bool { return v&(1<<bit[id]) != 0 }) {
			return false
		}
	}
	return true
}

func posErr(p model.Pos, msg string) error {
	if p.Line > 0 {
		return fmt.Errorf("%s:%d:%d: %s", p.File, p.Line, p.Col, msg)
	}
	if p.File != "" {
		return fmt.Errorf("%s: %s", p.File, msg)
	}
	return fmt.Errorf("%s", msg)
}

func wrap(m *model.Model, err error) error {
	if m.File != "" {
		return fmt.Errorf("%s: %w", m.File, err)
	}
	return err
}

// State parses a state reference given by a user: a state number ("12"),
// a Y/N pattern in option order ("YNNY..."), or "sq" for the status quo.
func State(ss *statespace.StateSpace, ref string) (int, error) {
	if r := strings.ToLower(ref); r == "sq" || r == "status-quo" || r == "status_quo" {
		s, err := StatusQuo(ss)
		if err != nil {
			return -1, err
		}
		if s < 0 {
			if ss.Model.GraphForm() {
				return -1, fmt.Errorf("the model has no status_quo; give a state id or %s", numberRange(ss.Len()))
			}
			return -1, fmt.Errorf("the model has no status_quo; give %s or a Y/N pattern of %s", numberRange(ss.Len()), english.Count(len(ss.Options), "letter"))
		}
		return s, nil
	}
	if ss.Model.GraphForm() {
		if i := ss.Model.StateIndex(ref); i >= 0 {
			return i, nil
		}
	}
	if len(ref) == len(ss.Options) && len(ref) > 0 && isPattern(ref) {
		var code uint64
		for b, ch := range ref {
			if ch == 'Y' || ch == 'y' {
				code |= 1 << uint(b)
			}
		}
		s, ok := ss.Index(code)
		if !ok && ss.Model.GraphForm() {
			return -1, fmt.Errorf("no state of this graph-form model has the option pattern %s; give a state id, %s, or sq", ref, numberRange(ss.Len()))
		}
		if !ok {
			return -1, fmt.Errorf("state %s is not feasible: %s", ref, whyInfeasible(ss, code))
		}
		return s, nil
	}
	var n int
	if _, err := fmt.Sscanf(ref, "%d", &n); err != nil || fmt.Sprint(n) != ref {
		if ss.Model.GraphForm() {
			return -1, fmt.Errorf("state %q: give a state id, %s, or sq", ref, numberRange(ss.Len()))
		}
		return -1, fmt.Errorf("state %q: give %s, a Y/N pattern of %s, or sq", ref, numberRange(ss.Len()), english.Count(len(ss.Options), "letter"))
	}
	if n < 1 || n > ss.Len() {
		return -1, fmt.Errorf("state %d does not exist; the model has %s", n, english.States(ss.Len()))
	}
	return n - 1, nil
}

func isPattern(s string) bool {
	for _, ch := range s {
		switch ch {
		case 'Y', 'N', 'y', 'n':
		default:
			return false
		}
	}
	return true
}

// numberRange is "a state number 1..n", or "the state number 1" when the
// model has one state.
func numberRange(n int) string {
	if n == 1 {
		return "the state number 1"
	}
	return fmt.Sprintf("a state number 1..%d", n)
}
