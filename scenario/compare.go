package scenario

import (
	"context"
	"fmt"

	"github.com/gmcr/gmcr/analysis"
	"github.com/gmcr/gmcr/model"
	"github.com/gmcr/gmcr/stability"
	"github.com/gmcr/gmcr/statespace"
)

// Comparison is the result of Compare: the base model's analysis and, for
// each scenario, its analysis and how its equilibria differ from the
// base's under every concept.
type Comparison struct {
	Base      *analysis.Result
	Concepts  []stability.Concept // compared concepts, in report order
	Scenarios []*Outcome          // in the order asked for
}

// Outcome is one scenario's analysis and its differences from the base.
type Outcome struct {
	Scenario *model.Scenario // the scenario as the base model defines it
	Result   *analysis.Result
	// Diffs has one entry per concept of Comparison.Concepts, in order.
	Diffs []Diff
	// Number is the scenario's 1-based position among those compared
	// (S1, S2, ... in reports), kept when failed outcomes are left out.
	Number int
	// Err, set only by CompareEach, is why the scenario could not be
	// applied or analysed, as Apply or analysis.Run said it (the error
	// does not repeat the scenario's id); Result and Diffs are then nil.
	Err error
}

// Failed returns the outcomes of c whose scenario could not be analysed
// (see CompareEach), in c's order; nil when there is none.
func (c *Comparison) Failed() []*Outcome {
	var out []*Outcome
	for _, o := range c.Scenarios {
		if o.Err != nil {
			out = append(out, o)
		}
	}
	return out
}

// Diff compares the equilibria of the base model and of one scenario under
// one concept. Each list is in ascending order of decimal code (which, in
// either model, is ascending state number).
type Diff struct {
	Concept     stability.Concept
	Kept        []State  // equilibria in both
	Appeared    []Change // equilibria in the scenario only
	Disappeared []Change // equilibria in the base only
}

// State is a state identified across the base and a scenario by its
// decimal code (the options taken in it), with its index in each model's
// state space (0-based; statespace.Number gives the printed number), or
// -1 where it is infeasible.
type State struct {
	Code     uint64
	Base     int
	Scenario int
}

// Reason says why an equilibrium appeared or disappeared.
type Reason int

// The reasons.
const (
	// Infeasible: the equilibrium disappeared because the state is
	// infeasible in the scenario.
	Infeasible Reason = iota
	// NewlyFeasible: the equilibrium appeared in a state the base model
	// rules out. (Scenarios only add conditions, so this does not happen
	// with scenarios of a model file; Compare handles it anyway.)
	NewlyFeasible
	// StabilityChanged: the state exists in both models, and Shifts lists
	// the DMs for which it is stable in one model and not in the other.
	StabilityChanged
)

func (r Reason) String() string {
	switch r {
	case Infeasible:
		return "infeasible"
	case NewlyFeasible:
		return "newly feasible"
	case StabilityChanged:
		return "stability changed"
	}
	return fmt.Sprintf("Reason(%d)", int(r))
}

// Change is an equilibrium that appeared or disappeared, and why.
type Change struct {
	State  State
	Reason Reason
	// Shifts, for StabilityChanged, has one entry per DM whose stability
	// of the state differs between the models, in DM order: for a
	// disappeared equilibrium, the DMs for which it is unstable in the
	// scenario; for an appeared one, those for which it was unstable in
	// the base.
	Shifts []Shift
}

// MoveStatus is what a unilateral improvement of one model is in the
// other.
type MoveStatus int

// The move statuses.
const (
	// MoveInfeasible: the target state does not exist in the other model.
	MoveInfeasible MoveStatus = iota
	// MoveNotImproving: the move exists there but is not an improvement
	// for the DM (its preferences differ).
	MoveNotImproving
	// MoveSanctioned: it is a unilateral improvement there too, and it is
	// sanctioned under the concept (Sanction holds the witness).
	MoveSanctioned
	// MoveUnsanctioned: it is an unsanctioned improvement there too. This
	// cannot happen for the move Compare picks, since the state is stable
	// for the DM in the other model; it is listed for completeness.
	MoveUnsanctioned
)

func (s MoveStatus) String() string {
	switch s {
	case MoveInfeasible:
		return "infeasible"
	case MoveNotImproving:
		return "not an improvement"
	case MoveSanctioned:
		return "sanctioned"
	case MoveUnsanctioned:
		return "unsanctioned"
	}
	return fmt.Sprintf("MoveStatus(%d)", int(s))
}

// Shift explains why a state's stability for one DM differs between the
// base and a scenario.
type Shift struct {
	DM int // index of the DM (the same in both models)
	// UI is the unsanctioned unilateral improvement of the DM from the
	// state, in the model where the state is unstable for it (the
	// scenario for a disappeared equilibrium, the base for an appeared
	// one), that an analyst would cite: the one the DM prefers most among
	// its unsanctioned UIs (for Nash every UI is unsanctioned), ties to
	// the lowest state number. UI is the state it moves to.
	UI State
	// Rank is the DM's rank of UI's state (1 = most preferred) in the
	// model where the state is unstable for it.
	Rank int
	// MostPreferred reports whether UI is also a most preferred UI of all
	// the DM's UIs from the state there; when false the DM prefers some
	// sanctioned UI to it.
	MostPreferred bool
	// Other is what the same move is in the other model, where the state
	// is stable for the DM.
	Other MoveStatus
	// Sanction is, when Other is MoveSanctioned, the witness of the
	// sanction in the other model (states are indices of that model).
	Sanction *stability.Witness
}

// Compare analyses base (with analysis.Run and opt) and each scenario of
// ids (nil or empty: every scenario of base, in file order) and compares
// their equilibria under each concept of opt.Concepts (nil: all).
//
// For a disappeared equilibrium that is still feasible, and an appeared
// one that was feasible, every DM whose stability of the state changed is
// explained with stability.Explain in the model where the state is
// unstable for it, and its most preferred unsanctioned UI is looked up in
// the other model (see Shift). Each explanation is a breadth-first search of the state
// space per unilateral improvement, so the reasons cost about as much as
// the analyses when many equilibria change in a large model.
//
// Errors: an unknown scenario id (a *model.Error), a scenario listed
// twice, Apply's errors, and analysis.Run's (for a scenario, prefixed
// with `scenario "id": `); ctx's error when cancelled.
func Compare(ctx context.Context, base *model.Model, ids []string, opt analysis.Options) (*Comparison, error) {
	return compare(ctx, base, ids, opt, false)
}

// CompareEach is Compare, except that a scenario that cannot be applied
// or analysed (say, one whose conditions rule out every state) does not
// stop the comparison: its Outcome keeps its place with Err set, and the
// other scenarios are compared as usual. Comparison.Failed lists such
// outcomes.
//
// Errors: an unknown scenario id (a *model.Error), a scenario listed
// twice, the base model's analysis errors, and ctx's error when
// cancelled; a scenario's own failure is no error.
func CompareEach(ctx context.Context, base *model.Model, ids []string, opt analysis.Options) (*Comparison, error) {
	return compare(ctx, base, ids, opt, true)
}

// compare is Compare, or CompareEach when each is true.
func compare(ctx context.Context, base *model.Model, ids []string, opt analysis.Options, each bool) (*Comparison, error) {
	if len(ids) == 0 {
		ids = IDs(base)
	}
	seen := map[string]bool{}
	models := make([]*model.Model, len(ids))
	failed := make([]error, len(ids))
	for i, id := range ids {
		if seen[id] {
			return nil, fmt.Errorf("scenario %q is listed twice", id)
		}
		seen[id] = true
		if each {
			// An unknown id is the caller's mistake, not the scenario's.
			if _, err := base.Scenario(id); err != nil {
				return nil, err
			}
		}
		m, err := Apply(base, id)
		if err != nil {
			if !each {
				return nil, err
			}
			failed[i] = err
			continue
		}
		models[i] = m
	}
	// The reasons ask whether single UIs are sanctioned: the kept sanction
	// minima answer in O(1) instead of a search per UI.
	opt.KeepSanctions = true
	baseRes, err := analysis.Run(ctx, base, opt)
	if err != nil {
		return nil, err
	}
	c := &Comparison{Base: baseRes, Concepts: baseRes.Stability.Concepts}
	for i, id := range ids {
		sc, _ := base.Scenario(id)
		if failed[i] != nil {
			c.Scenarios = append(c.Scenarios, &Outcome{Scenario: sc, Number: i + 1, Err: failed[i]})
			continue
		}
		r, err := analysis.Run(ctx, models[i], opt)
		if err != nil {
			if !each || ctx.Err() != nil {
				return nil, fmt.Errorf("scenario %q: %w", id, err)
			}
			c.Scenarios = append(c.Scenarios, &Outcome{Scenario: sc, Number: i + 1, Err: err})
			continue
		}
		o := &Outcome{Scenario: sc, Number: i + 1, Result: r}
		for _, concept := range c.Concepts {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			d, err := diff(ctx, baseRes, r, concept)
			if err != nil {
				return nil, fmt.Errorf("scenario %q: %w", id, err)
			}
			o.Diffs = append(o.Diffs, d)
		}
		c.Scenarios = append(c.Scenarios, o)
	}
	return c, nil
}

// lookup returns state code's index in the state space ss, or -1.
func lookup(ss *statespace.StateSpace, code uint64) int {
	if s, ok := ss.Index(code); ok {
		return s
	}
	return -1
}

// diff compares the equilibria of base and scen under concept c. It
// returns ctx's error when cancelled.
func diff(ctx context.Context, base, scen *analysis.Result, c stability.Concept) (Diff, error) {
	d := Diff{Concept: c}
	bs, ss := base.Space, scen.Space
	beq := base.Stability.Equilibria(c)
	seq := scen.Stability.Equilibria(c)
	inScen := map[uint64]bool{}
	for _, s := range seq {
		inScen[ss.Codes[s]] = true
	}
	inBase := map[uint64]bool{}
	for _, s := range beq {
		inBase[bs.Codes[s]] = true
	}
	state := func(code uint64) State {
		return State{Code: code, Base: lookup(bs, code), Scenario: lookup(ss, code)}
	}
	for _, s := range beq {
		code := bs.Codes[s]
		st := state(code)
		if inScen[code] {
			d.Kept = append(d.Kept, st)
			continue
		}
		if err := ctx.Err(); err != nil {
			return d, err
		}
		ch := Change{State: st, Reason: Infeasible}
		if st.Scenario >= 0 {
			ch.Reason = StabilityChanged
			var err error
			if ch.Shifts, err = shifts(scen, base, c, st.Scenario, st.Base, true); err != nil {
				return d, err
			}
		}
		d.Disappeared = append(d.Disappeared, ch)
	}
	for _, s := range seq {
		code := ss.Codes[s]
		if inBase[code] {
			continue
		}
		if err := ctx.Err(); err != nil {
			return d, err
		}
		st := state(code)
		ch := Change{State: st, Reason: NewlyFeasible}
		if st.Base >= 0 {
			ch.Reason = StabilityChanged
			var err error
			if ch.Shifts, err = shifts(base, scen, c, st.Base, st.Scenario, false); err != nil {
				return d, err
			}
		}
		d.Appeared = append(d.Appeared, ch)
	}
	return d, nil
}

// shifts explains, for every DM for which state s of unstable is not
// stable under c, one unsanctioned UI and its status in stable, where the
// same state is t. unstableIsScenario says which model is the scenario.
func shifts(unstable, stable *analysis.Result, c stability.Concept, s, t int, unstableIsScenario bool) ([]Shift, error) {
	us, ts := unstable.Space, stable.Space
	var out []Shift
	for dm := range us.DMs {
		if unstable.Stability.Stable(c, dm, s) {
			continue
		}
		// The most preferred unsanctioned UI (the first of its level in
		// Explain's order, ascending codes), each UI decided by the kept
		// sanction minima rather than a search.
		lv := unstable.Prefs.Level[dm]
		ui, top := -1, int32(-1)
		us.Moves(dm, s, func(x int) bool {
			if lv[x] <= lv[s] {
				return true
			}
			top = max(top, lv[x])
			if (ui < 0 || lv[x] > lv[ui]) && !unstable.Stability.Sanctioned(c, dm, s, x) {
				ui = x
			}
			return true
		})
		if ui < 0 {
			return nil, fmt.Errorf("internal error: state %d is unstable for %s under %v but every UI is sanctioned", statespace.Number(s), us.DMs[dm].ID, c)
		}
		code := us.Codes[ui]
		sh := Shift{DM: dm, UI: State{Code: code}, Rank: unstable.Prefs.Rank(dm, ui), MostPreferred: lv[ui] == top}
		other := lookup(ts, code)
		if unstableIsScenario {
			sh.UI.Scenario, sh.UI.Base = ui, other
		} else {
			sh.UI.Base, sh.UI.Scenario = ui, other
		}
		switch {
		case other < 0:
			sh.Other = MoveInfeasible
		case stable.Prefs.Level[dm][other] <= stable.Prefs.Level[dm][t]:
			sh.Other = MoveNotImproving
		case !stable.Stability.Sanctioned(c, dm, t, other):
			sh.Other = MoveUnsanctioned
		default:
			w, err := stability.ExplainUI(ts, stable.Prefs, c, dm, t, other)
			if err != nil {
				return nil, err
			}
			sh.Other = MoveUnsanctioned
			if w.Sanctioned {
				sh.Other = MoveSanctioned
				sh.Sanction = &w
			}
		}
		out = append(out, sh)
	}
	return out, nil
}

// Taken returns the ids of the options taken in the state with the given
// code, in bit order (by DM), using the base model's state space.
func (c *Comparison) Taken(code uint64) []string {
	var out []string
	for b, o := range c.Base.Space.Options {
		if code&(1<<uint(b)) != 0 {
			out = append(out, o.ID)
		}
	}
	return out
}
