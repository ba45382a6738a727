// Package scenario applies the what-if scenarios of a model file
// (model.Scenario, written under "scenarios:"; docs/model-format.md) and
// compares their equilibria with the base model's.
//
// Apply turns one scenario into a model of its own, which every part of
// gmcr can analyse. Compare analyses the base model and each scenario and
// says, for every solution concept, which equilibria are kept, which
// appear and which disappear, and why: a state that became infeasible, or
// the DMs for which the state changed between stable and unstable, each
// with a unilateral improvement that is unsanctioned where the state is
// unstable and what the same move is in the other model.
//
// A scenario only adds infeasibility conditions, so its states are a
// subset of the base model's, and ordered state numbers differ between
// the two. States are therefore identified across models by the options
// taken in them (equivalently their decimal code, which is the same in
// both, since a scenario keeps every option and DM in place).
package scenario

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/gmcr/gmcr/analysis"

	"github.com/gmcr/gmcr/model"
	"github.com/gmcr/gmcr/model/statement"
	"github.com/gmcr/gmcr/statespace"
)

// IDs returns the ids of m's scenarios, in file order.
func IDs(m *model.Model) []string {
	ids := make([]string, len(m.Scenarios))
	for i := range m.Scenarios {
		ids[i] = m.Scenarios[i].ID
	}
	return ids
}

// Apply returns the model of scenario id of base: a deep copy of base with
// the scenario's changes applied (see model.Scenario for their order and
// meaning), validated, without scenarios of its own. base is not modified.
//
// The result's Title is base's title followed by " - scenario " and the
// id; its Description ends with the scenario's name, description and
// note. Forced and forbidden options become infeasibility conditions ("not
// o" and "o") carrying the scenario's source, appended after base's
// conditions and before the scenario's own. The status quo is the
// scenario's, or else base's with the forced options taken and the
// forbidden ones not taken. Direct rankings, base's and the scenario's
// (which use base's state numbers), are translated to the scenario's
// numbering by dropping the states that are infeasible in it; this builds
// both state spaces (statespace.Build with the default limit).
//
// Errors: an unknown id (a *model.Error with a "did you mean" hint),
// base or the result failing model validation, conditions of the
// scenario that exclude every state (analysis.NoFeasibleState, rather than
// the status quo they rule out), a status quo that an infeasibility
// condition of the scenario rules out (a *model.Error at the scenario), a ranking naming a state base does not have, and the errors
// of building the state spaces for rankings.
func Apply(base *model.Model, id string) (*model.Model, error) {
	sc, err := base.Scenario(id)
	if err != nil {
		return nil, err
	}
	// Validate and copy the model with this scenario only: with all of
	// them, applying each of n scenarios would take n^2 steps.
	one := *base
	one.Scenarios = []model.Scenario{*sc}
	if err := one.Validate(); err != nil {
		return nil, err
	}
	one.Scenarios = nil
	m := one.Clone()
	sc = cloneScenario(sc)
	m.Title = base.Title + " - scenario " + sc.ID
	if sc.CommandLine {
		m.Title = base.Title + " - what-if given on the command line"
	}
	var about []string
	for _, s := range []string{sc.Name, sc.Description, sc.Note} {
		if sc.CommandLine && s == sc.Name {
			continue // said by the line's start
		}
		if s = strings.TrimSpace(s); s != "" {
			about = append(about, s)
		}
	}
	if len(about) > 0 {
		line := "Scenario " + sc.ID + ": " + strings.Join(about, " ")
		if sc.CommandLine {
			line = "What-if given on the command line. " + strings.Join(about, " ")
		}
		if m.Description != "" {
			m.Description += "\n\n"
		}
		m.Description += line
	}

	// Feasibility: forced and forbidden options, then extra conditions.
	fixed := func(id string, taken bool, j int) model.Statement {
		e := &statement.Expr{Op: statement.Lit, Option: id}
		what := "forbids"
		if taken {
			e = &statement.Expr{Op: statement.Not, Args: []*statement.Expr{e}}
			what = "forces"
		}
		note, at := fmt.Sprintf("scenario %s %s %s", sc.ID, what, id), sc.Pos
		if ps := map[bool][]model.Pos{true: sc.ForcePos, false: sc.ForbidPos}[taken]; j < len(ps) && ps[j].Line > 0 {
			at = ps[j]
		}
		if sc.CommandLine || slices.Contains(sc.Flagged, id) {
			// Not in the file: errors name the flag instead.
			note, at = fmt.Sprintf("--%s %s on the command line", strings.TrimSuffix(what, "s"), id), model.Pos{File: base.File}
		}
		return model.Statement{Text: e.String(), Expr: e, Pos: at,
			Evidence: model.Evidence{Note: note, Source: sc.Source}}
	}
	// The scenario's conditions come first, so that an error about the
	// conditions as a whole (no feasible state) points into the scenario.
	var added []model.Statement
	for j, o := range sc.Force {
		added = append(added, fixed(o, true, j))
	}
	for j, o := range sc.Forbid {
		added = append(added, fixed(o, false, j))
	}
	added = append(added, sc.Infeasible...)
	m.Infeasible = append(added, m.Infeasible...)
	changedFeasibility := len(sc.Force)+len(sc.Forbid)+len(sc.Infeasible) > 0

	// Status quo.
	sqKind := "base"
	switch {
	case sc.StatusQuo != nil:
		m.StatusQuo = sc.StatusQuo
		sqKind = "given"
	case m.StatusQuo != nil && len(sc.Force)+len(sc.Forbid) > 0:
		sqKind = "derived"
		taken := map[string]bool{}
		for _, o := range m.StatusQuo.Taken {
			taken[o] = true
		}
		for _, o := range sc.Force {
			taken[o] = true
		}
		for _, o := range sc.Forbid {
			taken[o] = false
		}
		var list []string
		for _, d := range m.DMs {
			for _, o := range d.Options {
				if taken[o] {
					list = append(list, o)
				}
			}
		}
		m.StatusQuo = &model.StatusQuo{Taken: list, Pos: sc.Pos,
			Evidence: model.Evidence{Note: fmt.Sprintf("the base status quo with the options scenario %s forces taken and those it forbids not taken", sc.ID)}}
		if sc.CommandLine {
			m.StatusQuo.Evidence.Note = "the base status quo with the options forced on the command line taken and those forbidden not taken"
		}
	}
	if sq := m.StatusQuo; sq != nil && changedFeasibility {
		if err := checkStatusQuo(base, sc, sq, added, sqKind); err != nil {
			// The status quo cannot help when the conditions exclude every
			// state: say that instead.
			noSQ := *m
			noSQ.StatusQuo = nil
			if _, e := statespace.Build(context.Background(), &noSQ, statespace.Options{}); errors.Is(e, statespace.EmptyError) {
				return nil, analysis.NoFeasibleState(m, scenarioName(sc))
			}
			return nil, err
		}
	}

	// Preferences.
	rankedAt := map[string]model.Pos{} // DM id -> the change giving its ranking
	groupsAt := map[string]model.Pos{} // DM id -> the change adding unknown groups
	for _, c := range sc.Prefs {
		d := m.DM(c.DM)
		if d == nil {
			return nil, &model.Error{Pos: c.Pos, Msg: fmt.Sprintf("unknown decision maker %q in the preferences of scenario %q", c.DM, sc.ID)}
		}
		if c.ClearUnknown {
			d.Prefs.Unknown = nil
			// Unsure marks of the statements are cleared by EditStatements,
			// or replaced with the statements.
		}
		switch {
		case len(c.Statements) > 0:
			d.Prefs.Statements, d.Prefs.Ranking, d.Prefs.Cuts = c.Statements, nil, nil
			d.Prefs.Pos = c.Pos // errors about them point into the scenario
		case len(c.Ranking) > 0:
			d.Prefs.Statements, d.Prefs.Ranking, d.Prefs.Cuts = nil, c.Ranking, nil
			d.Prefs.Pos = c.Pos
			rankedAt[d.ID] = c.Pos
		case c.Edits():
			sts, err := c.EditStatements(d.Prefs.Statements)
			if err != nil {
				return nil, err
			}
			if err := c.CheckStrength(sts, sc.ID, base.File); err != nil {
				return nil, err
			}
			d.Prefs.Statements = sts
		case c.ClearUnknown:
			sts := append([]model.Statement(nil), d.Prefs.Statements...)
			for k := range sts {
				sts[k].Unsure = false
			}
			d.Prefs.Statements = sts
		}
		if len(c.Unknown) > 0 {
			d.Prefs.Unknown = append(d.Prefs.Unknown, c.Unknown...)
			groupsAt[d.ID] = c.Pos
		}
		if c.Evidence != (model.Evidence{}) {
			d.Prefs.Evidence = c.Evidence
		}
	}
	if changedFeasibility {
		if err := translateRankings(base, m, rankedAt, scenarioName(sc)); err != nil {
			return nil, err
		}
	}
	if err := translateGroups(base, m, groupsAt, changedFeasibility, scenarioName(sc)); err != nil {
		return nil, err
	}
	if err := m.Validate(); err != nil {
		return nil, err
	}
	return m, nil
}

// scenarioName names sc in messages: `scenario "id"`, or the what-if
// given on the command line.
func scenarioName(sc *model.Scenario) string {
	if sc.CommandLine {
		return "the what-if given on the command line"
	}
	return fmt.Sprintf("scenario %q", sc.ID)
}

// cloneScenario returns a deep copy of sc.
func cloneScenario(sc *model.Scenario) *model.Scenario {
	tmp := &model.Model{Scenarios: []model.Scenario{*sc}}
	return &tmp.Clone().Scenarios[0]
}

// checkStatusQuo reports a status quo that one of the scenario's
// conditions rules out; kind says where it comes from: "given" by the
// scenario, "derived" from the base one, or the "base" one unchanged.
func checkStatusQuo(base *model.Model, sc *model.Scenario, sq *model.StatusQuo, conds []model.Statement, kind string) error {
	taken := map[string]bool{}
	for _, o := range sq.Taken {
		taken[o] = true
	}
	for _, c := range conds {
		if c.Expr == nil || !c.Expr.Eval(func(id string) bool { return taken[id] }) {
			continue
		}
		what := fmt.Sprintf("the status quo of scenario %q is infeasible", sc.ID)
		hint := "change the scenario's status_quo"
		switch kind {
		case "derived":
			what = fmt.Sprintf("the status quo of scenario %q (the base one with the forced options taken and the forbidden ones not) is infeasible", sc.ID)
			hint = "give the scenario its own status_quo"
		case "base":
			what = fmt.Sprintf("the base status quo is infeasible in scenario %q", sc.ID)
			hint = "give the scenario its own status_quo"
		}
		if sc.CommandLine {
			what = "the status quo of the what-if given on the command line is infeasible"
			if kind == "derived" {
				what = "the status quo of the what-if given on the command line (the base one with the forced options taken and the forbidden ones not) is infeasible"
			}
			hint = "give --set-status-quo"
		}
		p := sq.Pos
		if p.File == "" {
			p.File = base.File
		}
		return &model.Error{Pos: p, Msg: fmt.Sprintf("%s: the condition %q holds at it", what, c.Text), Hint: hint}
	}
	return nil
}

// scenarioSpaceError explains why the state space of m, the model with
// scenario name applied, could not be built: conditions that exclude every
// state are named and located as for the base model
// (analysis.NoFeasibleState), not reported as a bare statespace.EmptyError.
func scenarioSpaceError(m *model.Model, name string, err error) error {
	if errors.Is(err, statespace.EmptyError) {
		return analysis.NoFeasibleState(m, name)
	}
	return fmt.Errorf("in %s: %w", name, err)
}

// translateRankings rewrites the direct rankings of m, written in base's
// state numbers, in m's own numbering; rankedAt gives the position of the
// rankings that come from the scenario.
func translateRankings(base, m *model.Model, rankedAt map[string]model.Pos, name string) error {
	need := false
	for _, d := range m.DMs {
		need = need || len(d.Prefs.Ranking) > 0
	}
	if !need {
		return nil
	}
	ctx := context.Background()
	bs, err := statespace.Build(ctx, base, statespace.Options{})
	if err != nil {
		return fmt.Errorf("translating rankings to the scenario's state numbers: %w", err)
	}
	noSQ := *m
	noSQ.StatusQuo = nil
	ms, err := statespace.Build(ctx, &noSQ, statespace.Options{})
	if err != nil {
		return scenarioSpaceError(m, name, err)
	}
	for i := range m.DMs {
		d := &m.DMs[i]
		if len(d.Prefs.Ranking) == 0 {
			continue
		}
		var out [][]int
		// kept[g] is how many of the groups before group g survive: a
		// cut after g groups now lies after kept[g] groups.
		kept := make([]int, len(d.Prefs.Ranking)+1)
		for g, grp := range d.Prefs.Ranking {
			kept[g] = len(out)
			var group []int
			for _, n := range grp {
				if n < 1 || n > bs.Len() {
					p, ok := rankedAt[d.ID]
					if !ok {
						p = d.Prefs.Pos
					}
					if p.File == "" {
						p.File = base.File
					}
					return &model.Error{Pos: p, Msg: fmt.Sprintf("state %d in the ranking of decision maker %q does not exist: the base model has states 1 to %d", n, d.ID, bs.Len()),
						Hint: "a scenario's ranking uses the base model's state numbers"}
				}
				if s, ok := ms.Index(bs.Codes[n-1]); ok {
					group = append(group, statespace.Number(s))
				}
			}
			if len(group) > 0 {
				out = append(out, group)
			}
		}
		kept[len(d.Prefs.Ranking)] = len(out)
		d.Prefs.Ranking = out
		d.Prefs.Cuts = translateCuts(d.Prefs.Cuts, kept, len(out))
	}
	return nil
}

// translateCuts moves the strength cuts of a ranking whose groups the
// scenario thinned: a cut after g groups lies after kept[g] of the
// remaining n groups. A cut that no longer separates two groups (every
// state on one side infeasible) is dropped, as is a second cut at the same
// place, the way unknown groups left with one state are: the model's cut
// was valid, the scenario leaves it nothing to separate.
func translateCuts(cuts []model.Cut, kept []int, n int) []model.Cut {
	if len(cuts) == 0 {
		return cuts
	}
	var out []model.Cut
	seen := map[int]bool{}
	for _, c := range cuts {
		if c.After < 0 || c.After >= len(kept) {
			out = append(out, c) // invalid in the model itself: Validate reports it
			continue
		}
		a := kept[c.After]
		if a <= 0 || a >= n || seen[a] {
			continue
		}
		seen[a] = true
		c.After = a
		out = append(out, c)
	}
	return out
}

// translateGroups rewrites the unknown groups of m, written in base's
// state numbers, in m's own numbering: a state the scenario makes
// infeasible is dropped, and so is a group left with fewer than two
// states. A group naming a state base does not have is an error at the
// group. groupsAt gives the changes that added groups; when feasibility
// is unchanged, only those groups are checked (the numbering is base's).
func translateGroups(base, m *model.Model, groupsAt map[string]model.Pos, changedFeasibility bool, name string) error {
	need := len(groupsAt) > 0
	for _, d := range m.DMs {
		need = need || (changedFeasibility && len(d.Prefs.Unknown) > 0)
	}
	if !need {
		return nil
	}
	ctx := context.Background()
	bs, err := statespace.Build(ctx, base, statespace.Options{})
	if err != nil {
		return fmt.Errorf("translating unknown groups to the scenario's state numbers: %w", err)
	}
	var ms *statespace.StateSpace
	if changedFeasibility {
		noSQ := *m
		noSQ.StatusQuo = nil
		if ms, err = statespace.Build(ctx, &noSQ, statespace.Options{}); err != nil {
			return scenarioSpaceError(m, name, err)
		}
	}
	for i := range m.DMs {
		d := &m.DMs[i]
		var out []model.UnknownGroup
		for _, g := range d.Prefs.Unknown {
			var states []int
			for _, n := range g.States {
				if n < 1 || n > bs.Len() {
					p := g.Pos
					if p.File == "" {
						p.File = base.File
					}
					return &model.Error{Pos: p, Msg: fmt.Sprintf("state %d in an unknown group of decision maker %q does not exist: the model has states 1 to %d", n, d.ID, bs.Len()),
						Hint: "a scenario's unknown groups use the model's state numbers (see gmcr states)"}
				}
				if ms == nil {
					states = append(states, n)
				} else if s, ok := ms.Index(bs.Codes[n-1]); ok {
					states = append(states, statespace.Number(s))
				}
			}
			if len(states) >= 2 {
				g.States = states
				out = append(out, g)
			}
		}
		d.Prefs.Unknown = out
	}
	return nil
}
