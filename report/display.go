package report

import (
	"github.com/gmcr/gmcr/analysis"
	"github.com/gmcr/gmcr/internal/escape"
	"github.com/gmcr/gmcr/model"
)

// display makes the view show the model's text (title, names, notes,
// sources, statements, scenarios) with escape.Terminal applied: a copy of
// the model and of the state space's names replaces the originals, so no
// control character, escape sequence or bidi control from a model file
// reaches a terminal, a Markdown document or a DOT graph, and no line break
// in a title starts a Markdown heading. JSON output does not call it: it
// gives the text as it is, with JSON's own escapes.
func (v *view) display() {
	m := displayModel(v.r.Model)
	if m == v.r.Model {
		return
	}
	ss := *v.ss
	ss.Model = m
	ss.Options = append(ss.Options[:0:0], ss.Options...)
	for i := range ss.Options {
		ss.Options[i].Name = escape.Terminal(ss.Options[i].Name)
	}
	ss.DMs = append(ss.DMs[:0:0], ss.DMs...)
	for i := range ss.DMs {
		ss.DMs[i].Name = escape.Terminal(ss.DMs[i].Name)
	}
	r := *v.r
	r.Model, r.Space = m, &ss
	v.r, v.ss = &r, &ss
}

// displayModel returns m with escape.Terminal applied to its text, or m
// itself when nothing needs escaping (or m is nil).
func displayModel(m *model.Model) *model.Model {
	if m == nil || !needsEscape(m) {
		return m
	}
	c := m.Clone()
	visitText(c, func(s *string, lines bool) {
		if lines {
			*s = escape.TerminalLines(*s)
		} else {
			*s = escape.Terminal(*s)
		}
	})
	return c
}

// needsEscape reports whether some text of m changes under
// escape.Terminal.
func needsEscape(m *model.Model) bool {
	found := false
	visitText(m, func(s *string, _ bool) {
		if !found && escape.Terminal(*s) != *s {
			found = true
		}
	})
	return found
}

// visitText calls f with every free text of m (not ids, which the model
// format restricts to letters, digits, _ and .), and whether the text is
// shown as paragraphs (descriptions, notes, sources), whose line breaks
// the writers handle, rather than on one line (titles, names, statements).
func visitText(m *model.Model, g func(s *string, lines bool)) {
	f := func(s *string) { g(s, false) }
	p := func(s *string) { g(s, true) }
	ev := func(e *model.Evidence) { p(&e.Note); p(&e.Source) }
	stmts := func(sts []model.Statement) {
		for i := range sts {
			f(&sts[i].Text)
			ev(&sts[i].Evidence)
		}
	}
	f(&m.Title)
	p(&m.Description)
	f(&m.File)
	for i := range m.Sources {
		p(&m.Sources[i].Ref)
		p(&m.Sources[i].Note)
	}
	for i := range m.Options {
		o := &m.Options[i]
		f(&o.Name)
		p(&o.Description)
		ev(&o.Evidence)
	}
	for i := range m.DMs {
		d := &m.DMs[i]
		f(&d.Name)
		ev(&d.Evidence)
		stmts(d.Prefs.Statements)
		ev(&d.Prefs.Evidence)
		stmts(d.Misperceived)
	}
	stmts(m.Infeasible)
	if m.StatusQuo != nil {
		ev(&m.StatusQuo.Evidence)
	}
	for i := range m.Scenarios {
		s := &m.Scenarios[i]
		f(&s.Name)
		p(&s.Description)
		ev(&s.Evidence)
		stmts(s.Infeasible)
		if s.StatusQuo != nil {
			ev(&s.StatusQuo.Evidence)
		}
		for j := range s.Prefs {
			p := &s.Prefs[j]
			stmts(p.Statements)
			stmts(p.Remove)
			for k := range p.Add {
				f(&p.Add[k].Statement.Text)
				ev(&p.Add[k].Statement.Evidence)
			}
			for k := range p.Move {
				f(&p.Move[k].Statement.Text)
				ev(&p.Move[k].Statement.Evidence)
			}
			ev(&p.Evidence)
		}
	}
}

// displayScenario returns sc with escape.Terminal applied to its text
// (see view.display).
func displayScenario(sc *model.Scenario) *model.Scenario {
	if sc == nil {
		return nil
	}
	m := displayModel(&model.Model{Scenarios: []model.Scenario{*sc}})
	return &m.Scenarios[0]
}

// Display returns r with the text of its model and the names of its state
// space made visible with escape.Terminal (line breaks in descriptions and
// notes kept), for front ends that show the model's text themselves (the
// HTML report). The copy shares everything else with r; r is not changed.
func Display(r *analysis.Result) *analysis.Result {
	if r == nil {
		return nil
	}
	v := &view{r: r, ss: r.Space}
	v.display()
	return v.r
}
