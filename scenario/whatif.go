package scenario

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/gmcr/gmcr/analysis"
	"github.com/gmcr/gmcr/model"
	"github.com/gmcr/gmcr/statespace"
)

// WhatIfID is the id of the scenario WhatIf builds when it is given no
// scenario of the model to start from.
const WhatIfID = "what_if"

// Quick is a what-if given without editing the model file (gmcr's
// --force, --forbid and --set-status-quo flags): options fixed as taken,
// options fixed as not taken, and a new status quo. It is applied as a
// scenario (model.Scenario), with the same meaning as a scenario's force,
// forbid and status_quo.
type Quick struct {
	Force  []string // option ids fixed as taken
	Forbid []string // option ids fixed as not taken
	// StatusQuo, when not empty, names the new status quo as
	// analysis.State reads it (a state number, a Y/N pattern, or "sq"),
	// in the numbering of the model after Force and Forbid are applied.
	StatusQuo string
}

// Empty reports whether q changes nothing.
func (q Quick) Empty() bool {
	return len(q.Force) == 0 && len(q.Forbid) == 0 && q.StatusQuo == ""
}

// String describes q in the words of a scenario's changes, e.g.
// "force a, b; forbid c; status quo 12".
func (q Quick) String() string {
	var parts []string
	if len(q.Force) > 0 {
		parts = append(parts, "force "+strings.Join(q.Force, ", "))
	}
	if len(q.Forbid) > 0 {
		parts = append(parts, "forbid "+strings.Join(q.Forbid, ", "))
	}
	if q.StatusQuo != "" {
		parts = append(parts, "status quo "+q.StatusQuo)
	}
	return strings.Join(parts, "; ")
}

// WhatIf returns the model of scenario id of base (Apply) with the quick
// what-if q added to it. With id "" it starts from base itself: q then
// becomes a scenario of its own (AddWhatIf). With q empty it is Apply, or
// with id "" too, base unchanged. base is not modified.
//
// Errors: those of AddWhatIf and Apply.
func WhatIf(base *model.Model, id string, q Quick) (*model.Model, error) {
	if q.Empty() || isSQ(q.StatusQuo) && len(q.Force)+len(q.Forbid) == 0 {
		if id == "" {
			return base, nil
		}
		return Apply(base, id)
	}
	b, sid, err := AddWhatIf(base, id, q)
	if err != nil {
		return nil, err
	}
	return Apply(b, sid)
}

// AddWhatIf returns a copy of base in which scenario id carries the quick
// what-if q as well, and that scenario's id. With id "" the what-if is a
// new scenario, appended to base's, with id WhatIfID (or WhatIfID_2, ...
// if base has one by that name already).
//
// q's forced and forbidden options are added to the scenario's own; q may
// not force an option the scenario forbids, or forbid one it forces (the
// error names the scenario's entry), since silently overriding the
// scenario would analyse something other than what both say. q's status
// quo replaces the scenario's (ReplacesStatusQuo says when it has one). The
// new status quo is read in the state numbering of the scenario without
// it, so that "--force x --set-status-quo 3" means state 3 of the model
// in which x is taken; "sq" keeps the status quo the scenario would have.
//
// Errors: an unknown scenario id; an option of q that base does not have,
// that q both forces and forbids, or that q fixes the other way from the
// scenario (a *model.Error naming the option,
// with a hint listing the options); the errors of Apply; a status quo that
// is not a feasible state of the scenario.
func AddWhatIf(base *model.Model, id string, q Quick) (*model.Model, string, error) {
	if isSQ(q.StatusQuo) {
		q.StatusQuo = "" // the status quo the scenario has
	}
	if err := checkQuick(base, q); err != nil {
		return nil, "", err
	}
	var sc model.Scenario
	if id != "" {
		named, err := base.Scenario(id)
		if err != nil {
			return nil, "", err
		}
		sc = *cloneScenario(named)
		if err := checkAgainst(base, &sc, q); err != nil {
			return nil, "", err
		}
	} else {
		sc = model.Scenario{ID: WhatIfID, Name: "what-if given on the command line", CommandLine: true}
		for n := 2; slices.Contains(IDs(base), sc.ID); n++ {
			sc.ID = fmt.Sprintf("%s_%d", WhatIfID, n)
		}
	}
	sc.Force = mergeIDs(removeIDs(sc.Force, q.Forbid), q.Force)
	sc.Forbid = mergeIDs(removeIDs(sc.Forbid, q.Force), q.Forbid)
	for _, o := range append(slices.Clone(q.Force), q.Forbid...) {
		if !slices.Contains(sc.Flagged, o) {
			sc.Flagged = append(sc.Flagged, o)
		}
	}
	if s := q.String(); s != "" {
		if sc.Note != "" {
			sc.Note += " "
		}
		sc.Note += "Changed on the command line: " + s + "."
	}
	with := func(m *model.Model, sc model.Scenario) *model.Model {
		m = m.Clone()
		if id == "" {
			m.Scenarios = append(m.Scenarios, sc)
			return m
		}
		for i := range m.Scenarios {
			if m.Scenarios[i].ID == id {
				m.Scenarios[i] = sc
			}
		}
		return m
	}
	if q.StatusQuo == "" {
		return with(base, sc), sc.ID, nil
	}
	// Read the new status quo in the scenario's numbering. The old status
	// quo, which the new conditions may rule out, must not be checked or
	// derived on the way.
	probe := base.Clone()
	probe.StatusQuo = nil
	psc := sc
	psc.StatusQuo = nil
	m, err := Apply(with(probe, psc), sc.ID)
	if err != nil {
		return nil, "", err
	}
	ss, err := statespace.Build(context.Background(), m, statespace.Options{})
	if err != nil {
		return nil, "", err
	}
	s, err := analysis.State(ss, q.StatusQuo)
	if err != nil {
		return nil, "", fmt.Errorf("new status quo: %w", err)
	}
	note := model.Evidence{Note: "set on the command line: state " + q.StatusQuo}
	if m.GraphForm() {
		// Graph form names the status quo by state id, as a scenario in
		// the file does; options taken would be refused there.
		sc.StatusQuo = &model.StatusQuo{State: m.States[s].ID, Evidence: note}
		return with(base, sc), sc.ID, nil
	}
	taken := []string{}
	for b, o := range ss.Options {
		if ss.Codes[s]&(1<<uint(b)) != 0 {
			taken = append(taken, o.ID)
		}
	}
	sc.StatusQuo = &model.StatusQuo{Taken: taken, Evidence: note}
	return with(base, sc), sc.ID, nil
}

func isSQ(ref string) bool {
	r := strings.ToLower(ref)
	return r == "sq" || r == "status-quo" || r == "status_quo"
}

// checkQuick reports an option of q that base lacks, or one q both forces
// and forbids.
func checkQuick(base *model.Model, q Quick) error {
	if base.GraphForm() && len(q.Force)+len(q.Forbid) > 0 {
		return graphFormQuick(base, q)
	}
	var all []string
	for _, d := range base.DMs {
		all = append(all, d.Options...)
	}
	for _, list := range []struct {
		what string
		ids  []string
	}{{"force", q.Force}, {"forbid", q.Forbid}} {
		for _, o := range list.ids {
			if base.Option(o) == nil {
				hint := "the options are " + strings.Join(all, ", ")
				if c := model.Closest(o, all); c != "" {
					hint = fmt.Sprintf("did you mean %q?", c)
				}
				return &model.Error{Pos: model.Pos{File: base.File}, Msg: fmt.Sprintf("cannot %s option %q: the model has no such option", list.what, o), Hint: hint}
			}
		}
	}
	for _, o := range q.Force {
		if slices.Contains(q.Forbid, o) {
			return &model.Error{Pos: model.Pos{File: base.File}, Msg: fmt.Sprintf("option %q is both forced and forbidden", o),
				Hint: "fix an option as taken (force) or as not taken (forbid), not both"}
		}
	}
	return nil
}

// checkAgainst reports an option q forces that scenario sc forbids, or
// one q forbids that sc forces, as a *model.Error at sc's entry.
func checkAgainst(base *model.Model, sc *model.Scenario, q Quick) error {
	for _, c := range []struct {
		flag, field, verb string
		mine, theirs      []string
		at                []model.Pos
	}{{"--force", "forbid", "forbids", q.Force, sc.Forbid, sc.ForbidPos}, {"--forbid", "force", "forces", q.Forbid, sc.Force, sc.ForcePos}} {
		for _, o := range c.mine {
			j := slices.Index(c.theirs, o)
			if j < 0 {
				continue
			}
			p := sc.Pos
			if j < len(c.at) && c.at[j].Line > 0 {
				p = c.at[j]
			}
			if p.File == "" {
				p.File = base.File
			}
			return &model.Error{Pos: p, Msg: fmt.Sprintf("%s %s contradicts scenario %q, which %s option %q here", c.flag, o, sc.ID, c.verb, o),
				Hint: fmt.Sprintf("leave %s %s out, or analyse without --scenario %s, or change the scenario's %s: list", c.flag, o, sc.ID, c.field)}
		}
	}
	return nil
}

// ReplacesStatusQuo returns the status quo of scenario id of base that
// q's new status quo replaces, or nil when q sets none, id is "" or the
// scenario has no status quo of its own.
func ReplacesStatusQuo(base *model.Model, id string, q Quick) *model.StatusQuo {
	if id == "" || q.StatusQuo == "" || isSQ(q.StatusQuo) {
		return nil
	}
	sc, err := base.Scenario(id)
	if err != nil {
		return nil
	}
	return sc.StatusQuo
}

// graphFormQuick explains why forced or forbidden options of q cannot
// apply to base, a model in graph form: its states are listed in the
// file, not generated from options, and a scenario of it (which a quick
// what-if is) may change preferences only (docs/model-format.md, Graph
// form).
func graphFormQuick(base *model.Model, q Quick) error {
	flag, o := "--force", ""
	if len(q.Force) > 0 {
		o = q.Force[0]
	} else {
		flag, o = "--forbid", q.Forbid[0]
	}
	if len(base.Options) == 0 {
		return &model.Error{Pos: model.Pos{File: base.File},
			Msg:  fmt.Sprintf("cannot apply %s %s: the model is in graph form (states: listed in the file) and has no options to force or forbid", flag, o),
			Hint: "to analyse fewer states, copy the model and keep only the states and moves you want, since in graph form a scenario may change preferences only; --set-status-quo STATE starts from another state"}
	}
	return &model.Error{Pos: model.Pos{File: base.File},
		Msg:  fmt.Sprintf("cannot apply %s %s: the model is in graph form, so its states are the ones listed under states:, not every combination of options, and %s does not remove them", flag, o, flag),
		Hint: "apply " + flag + " to the option-form model it was converted from with gmcr convert --graph, or copy the model and keep only the states you want, since in graph form a scenario may change preferences only; --set-status-quo STATE works in graph form"}
}

// mergeIDs returns a followed by the ids of b it lacks.
func mergeIDs(a, b []string) []string {
	out := slices.Clone(a)
	for _, id := range b {
		if !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	return out
}

// removeIDs returns a without the ids in drop.
func removeIDs(a, drop []string) []string {
	var out []string
	for _, id := range a {
		if !slices.Contains(drop, id) {
			out = append(out, id)
		}
	}
	return out
}
