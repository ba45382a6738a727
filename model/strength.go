package model

import (
	"fmt"

	"gopkg.in/yaml.v3"
)

// Strength of preference (Hamouda, Kilgour & Hipel 2004, 2006) in a model
// file: statements marked "strong: true" (the most important ones) and
// cuts (">>") between the groups of a direct ranking. See Statement.Strong
// and Preferences.Cuts; package strength gives them their meaning.

// CutMark is the ranking entry that writes a strength cut.
const CutMark = ">>"

var cutFields = []string{"cut", "note", "source"}

// strong decodes a statement's "strong" field: true or false.
func (d *decoder) strong(f fields) bool {
	n := f.get("strong")
	if n == nil {
		return false
	}
	if n.Kind != yaml.ScalarNode || n.ShortTag() != "!!bool" {
		d.errorf(n, "write strong: true", "strong must be true or false, found %s", describe(n))
		return false
	}
	return n.Value == "true" || n.Value == "True" || n.Value == "TRUE"
}

// rankingCut reports whether ranking entry n is a strength cut: the text
// ">>" or a mapping with a "cut" field. ok is false when it is a cut that
// could not be decoded (the error is reported).
func (d *decoder) rankingCut(n *yaml.Node) (c Cut, isCut, ok bool) {
	n = d.resolve(n)
	c.Pos = d.pos(n)
	if n.Kind == yaml.ScalarNode && n.ShortTag() == "!!str" && n.Value == CutMark {
		return c, true, true
	}
	if n.Kind != yaml.MappingNode {
		return c, false, false
	}
	hasCut := false
	for i := 0; i+1 < len(n.Content); i += 2 {
		if k := d.resolve(n.Content[i]); k.Kind == yaml.ScalarNode && k.Value == "cut" {
			hasCut = true
		}
	}
	if !hasCut {
		return c, false, false
	}
	f, _ := d.mapping(n, "a strength cut", cutFields, "")
	c.Evidence = d.evidence(f)
	if v := f.get("cut"); v == nil || v.Kind != yaml.ScalarNode || v.Value != CutMark {
		at := n
		if v != nil {
			at = v
		}
		d.errorf(at, `write {cut: ">>", note: ..., source: ...}`, `a strength cut is written cut: ">>"`)
		return c, true, false
	}
	return c, true, true
}

// HasStrength reports whether any DM of m states strength of preference
// (strong statements or ranking cuts).
func (m *Model) HasStrength() bool {
	for _, d := range m.DMs {
		if len(d.Prefs.Cuts) > 0 {
			return true
		}
		for _, st := range d.Prefs.Statements {
			if st.Strong {
				return true
			}
		}
	}
	return false
}

// strengthChecks checks DM i's strength of preference: strong statements
// come first and are not unsure; cuts lie strictly inside the ranking, one
// per place; strong marks appear only on preference statements.
func (v *validator) strengthChecks(i int, key string) {
	dm := &v.m.DMs[i]
	name := v.dmRef(i)
	sts := dm.Prefs.Statements
	for j, st := range sts {
		p := v.at(fmt.Sprintf("%s/st/%d", key, j), st.Pos)
		if st.Strong && st.Unsure {
			v.add(p, "a comparison decided by a statement the DM may not hold cannot be strong; drop one of the marks",
				"statement %d of decision maker %s is both strong and unsure", j+1, name)
		}
		if st.Strong && j > 0 && !sts[j-1].Strong {
			v.add(p, fmt.Sprintf("strong statements are the most important ones: move it above statement %d, or mark the statements above it strong", j),
				"statement %d of decision maker %s is strong but statement %d above it is not", j+1, name, j)
		}
	}
	seen := map[int]bool{}
	for _, c := range dm.Prefs.Cuts {
		p := c.Pos
		switch {
		case c.After <= 0:
			v.add(p, "put the cut between two groups of states", "a strength cut of decision maker %s comes before every state of the ranking", name)
		case c.After >= len(dm.Prefs.Ranking):
			v.add(p, "put the cut between two groups of states", "a strength cut of decision maker %s comes after every state of the ranking", name)
		case seen[c.After]:
			v.add(p, "one cut between two groups is enough", "two strength cuts of decision maker %s lie between the same groups", name)
		}
		seen[c.After] = true
	}
	for j, st := range dm.Misperceived {
		if st.Strong {
			v.add(v.at(fmt.Sprintf("%s/mis/%d", key, j), st.Pos), "strong marks preference statements only", "a misperception condition cannot be strong")
		}
	}
}

// cutNode writes a strength cut: ">>", or a mapping with its evidence.
func cutNode(c Cut) *yaml.Node {
	if c.Evidence == (Evidence{}) {
		return quoted(CutMark)
	}
	e := mapNode()
	put(e, "cut", quoted(CutMark))
	putEvidence(e, c.Evidence)
	return e
}

// withCuts inserts the cuts of p into a written ranking r (one entry per
// group, in order).
func withCuts(r *yaml.Node, cuts []Cut) *yaml.Node {
	if len(cuts) == 0 {
		return r
	}
	at := map[int][]Cut{}
	for _, c := range cuts {
		at[c.After] = append(at[c.After], c)
	}
	var out []*yaml.Node
	for g, e := range r.Content {
		for _, c := range at[g] {
			out = append(out, cutNode(c))
		}
		out = append(out, e)
	}
	for _, c := range at[len(r.Content)] {
		out = append(out, cutNode(c))
	}
	r.Content = out
	if r.Style == yaml.FlowStyle {
		for _, c := range cuts {
			if c.Evidence != (Evidence{}) {
				r.Style = 0
			}
		}
	}
	return r
}

// CheckStrength checks the strength rules on sts, the statements of c's
// DM after the edits of c (EditStatements), for scenario scenario of the
// model in file: a statement keeps its strong mark wherever a scenario
// moves it, so the strong statements must still come first and none may
// be unsure. The error, an *Error, names the scenario and points at the
// scenario's entry that breaks the rule (its move, add or unsure entry;
// else the change itself).
func (c *PrefChange) CheckStrength(sts []Statement, scenario, file string) error {
	// entry is where the scenario places or marks the statement e.
	entry := func(e Statement, lists ...[]Statement) (Pos, bool) {
		for _, pls := range [][]Placement{c.Move, c.Add} {
			for _, pl := range pls {
				if pl.Statement.Expr != nil && e.Expr != nil && pl.Statement.Expr.Equal(e.Expr) {
					if pl.AtPos != (Pos{}) {
						return pl.AtPos, true
					}
					return pl.Statement.Pos, true
				}
			}
		}
		for _, l := range lists {
			if i := find(l, e.Expr); i >= 0 {
				return l[i].Pos, true
			}
		}
		return Pos{}, false
	}
	fail := func(p Pos, hint, format string, args ...any) error {
		if p == (Pos{}) {
			p = c.Pos
		}
		if p.File == "" {
			p.File = file
		}
		return &Error{Pos: p, Msg: fmt.Sprintf("scenario %q: ", scenario) + fmt.Sprintf(format, args...), Hint: hint}
	}
	dm := fmt.Sprintf("%q", c.DM)
	for j, st := range sts {
		if st.Strong && st.Unsure {
			p, _ := entry(st, c.Unsure)
			return fail(p, "a strong statement cannot be unsure: remove it from unsure, or replace the preferences with statements: whose marks are as wanted",
				"it marks the strong statement %q of decision maker %s unsure", canonical(st), dm)
		}
		if !st.Strong || j == 0 {
			continue
		}
		for k := 0; k < j; k++ {
			if sts[k].Strong {
				continue
			}
			p, ok := entry(sts[k])
			if !ok {
				p, _ = entry(st)
			}
			return fail(p, "a statement keeps its strong mark when a scenario moves it, and the strong statements must stay the most important ones: place the statement below them, or replace the preferences with statements: whose marks are as wanted",
				"after its edits, statement %d %q of decision maker %s is strong but statement %d %q above it is not", j+1, canonical(st), dm, k+1, canonical(sts[k]))
		}
	}
	return nil
}
