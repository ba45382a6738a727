package scenario

import (
	"context"
	"fmt"

	"github.com/gmcr/gmcr/analysis"
	"github.com/gmcr/gmcr/model"
	"github.com/gmcr/gmcr/stability"
	"github.com/gmcr/gmcr/uncertain"
)

// UncertainComparison is the result of CompareUncertain: the base model's
// analysis under the sixteen definitions of preference uncertainty (Li,
// Hipel, Kilgour & Fang 2004; package uncertain) and, for each scenario,
// its analysis and how its equilibria differ from the base's under each
// definition.
type UncertainComparison struct {
	Base      *analysis.Result
	BaseU     *uncertain.Analysis
	Scenarios []*UncertainOutcome // in the order asked for
}

// UncertainOutcome is one scenario's analysis under uncertainty and its
// differences from the base.
type UncertainOutcome struct {
	Scenario *model.Scenario
	Result   *analysis.Result
	U        *uncertain.Analysis
	// Diffs has one entry per definition of uncertain.Concepts, in order.
	Diffs []UncertainDiff
	// Err, set only by CompareUncertainEach, is why the scenario could
	// not be applied or analysed; Result, U and Diffs are then nil.
	Err error
}

// Failed returns the outcomes of c whose scenario could not be analysed
// (see CompareUncertainEach), in c's order; nil when there is none.
func (c *UncertainComparison) Failed() []*UncertainOutcome {
	var out []*UncertainOutcome
	for _, o := range c.Scenarios {
		if o.Err != nil {
			out = append(out, o)
		}
	}
	return out
}

// UncertainDiff compares the equilibria of the base model and of one
// scenario under one definition. Each list is in ascending order of
// decimal code. An equilibrium disappears because its state is infeasible
// in the scenario (State.Scenario is -1) or because it is no longer
// stable for some DM there.
type UncertainDiff struct {
	Concept     uncertain.Concept
	Kept        []State // equilibria in both
	Appeared    []State // equilibria in the scenario only
	Disappeared []State // equilibria in the base only
}

// Diff returns o's diff for concept c.
func (o *UncertainOutcome) Diff(c uncertain.Concept) *UncertainDiff {
	for i := range o.Diffs {
		if o.Diffs[i].Concept == c {
			return &o.Diffs[i]
		}
	}
	return nil
}

// CompareUncertain analyses base and each scenario of ids (nil or empty:
// every scenario of base, in file order) under the sixteen definitions
// (Nash, GMR, SMR and SEQ in extensions (a)-(d)) and compares their
// equilibria definition by definition, states identified by their code.
// Without unknown comparisons a model's four extensions equal the
// ordinary concept, so for a base model without them this says which of
// its equilibria survive the uncertainty a scenario adds, under each
// extension.
//
// Errors: as Compare (unknown or repeated scenario, Apply's errors,
// analysis errors prefixed with the scenario id), and those of
// uncertain.NewRelation (an unknown group naming a state the model does
// not have); ctx's error when cancelled.
func CompareUncertain(ctx context.Context, base *model.Model, ids []string, opt analysis.Options) (*UncertainComparison, error) {
	return compareUncertain(ctx, base, ids, opt, false)
}

// CompareUncertainEach is CompareUncertain, except that a scenario that
// cannot be applied or analysed keeps its place with Err set and does not
// stop the comparison of the others, as with CompareEach.
func CompareUncertainEach(ctx context.Context, base *model.Model, ids []string, opt analysis.Options) (*UncertainComparison, error) {
	return compareUncertain(ctx, base, ids, opt, true)
}

func compareUncertain(ctx context.Context, base *model.Model, ids []string, opt analysis.Options, each bool) (*UncertainComparison, error) {
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
	opt.Concepts = []stability.Concept{stability.Nash, stability.GMR, stability.SMR, stability.SEQ}
	run := func(m *model.Model) (*analysis.Result, *uncertain.Analysis, error) {
		r, err := analysis.Run(ctx, m, opt)
		if err != nil {
			return nil, nil, err
		}
		rel, err := uncertain.NewRelation(r.Space, r.Prefs)
		if err != nil {
			return nil, nil, err
		}
		ua, err := uncertain.Analyze(ctx, rel, r.Stability)
		if err != nil {
			return nil, nil, err
		}
		return r, ua, nil
	}
	br, bu, err := run(base)
	if err != nil {
		return nil, err
	}
	c := &UncertainComparison{Base: br, BaseU: bu}
	for i, id := range ids {
		sc, _ := base.Scenario(id)
		if failed[i] != nil {
			c.Scenarios = append(c.Scenarios, &UncertainOutcome{Scenario: sc, Err: failed[i]})
			continue
		}
		r, u, err := run(models[i])
		if err != nil {
			if !each || ctx.Err() != nil {
				return nil, fmt.Errorf("scenario %q: %w", id, err)
			}
			c.Scenarios = append(c.Scenarios, &UncertainOutcome{Scenario: sc, Err: err})
			continue
		}
		o := &UncertainOutcome{Scenario: sc, Result: r, U: u}
		for _, k := range uncertain.Concepts {
			o.Diffs = append(o.Diffs, uncertainDiff(br, bu, r, u, k))
		}
		c.Scenarios = append(c.Scenarios, o)
	}
	return c, nil
}

func uncertainDiff(br *analysis.Result, bu *uncertain.Analysis, sr *analysis.Result, su *uncertain.Analysis, k uncertain.Concept) UncertainDiff {
	d := UncertainDiff{Concept: k}
	bs, ss := br.Space, sr.Space
	beq, seq := bu.Equilibria(k), su.Equilibria(k)
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
		if inScen[code] {
			d.Kept = append(d.Kept, state(code))
		} else {
			d.Disappeared = append(d.Disappeared, state(code))
		}
	}
	for _, s := range seq {
		if code := ss.Codes[s]; !inBase[code] {
			d.Appeared = append(d.Appeared, state(code))
		}
	}
	return d
}
