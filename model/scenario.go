package model

import (
	"fmt"
	"github.com/gmcr/gmcr/internal/english"
	"strings"

	"github.com/gmcr/gmcr/model/statement"
)

// Scenario is a named what-if variant of a model: a set of changes to the
// base model, written under "scenarios:" in a model file
// (docs/model-format.md). Package scenario turns a Scenario into a model
// of its own (scenario.Apply) and compares its equilibria with the base
// model's (scenario.Compare).
//
// The changes, applied in this order to a copy of the base model:
//
//   - Force: each option is fixed as taken; every state where it is not
//     taken becomes infeasible (the condition "not o" is added).
//   - Forbid: each option is fixed as not taken (the condition "o" is
//     added).
//   - Infeasible: extra infeasibility conditions, in the forms of
//     Model.Infeasible (the feasibility helpers are expanded and keep
//     their Origin).
//   - StatusQuo: replaces the base status quo. When nil, the scenario's
//     status quo is the base one with the forced options taken and the
//     forbidden ones not taken.
//   - Prefs: changes to DMs' preferences (see PrefChange).
//
// A scenario only adds infeasibility conditions, so its feasible states
// are a subset of the base model's, and a state keeps its decimal code (it
// is identified across the two models by the options taken in it), while
// its ordered number usually changes.
type Scenario struct {
	ID          string // required; unique among scenarios
	Name        string // readable name
	Description string
	Force       []string // ids of options fixed as taken
	Forbid      []string // ids of options fixed as not taken
	// ForcePos and ForbidPos give the place in the file of each entry of
	// Force and Forbid (same length), when the scenario was read from one;
	// nil otherwise.
	ForcePos, ForbidPos []Pos
	// CommandLine marks a scenario made of a quick what-if alone (gmcr's
	// --force, --forbid and --set-status-quo; scenario.AddWhatIf), and
	// Flagged lists the ids of Force and Forbid that a quick what-if added
	// to a scenario: messages and notes name the flags for them rather
	// than the scenario, whose id the user never wrote.
	CommandLine bool
	Flagged     []string
	Infeasible  []Statement // extra infeasibility conditions
	StatusQuo   *StatusQuo  // nil: derived from the base status quo
	Prefs       []PrefChange
	Evidence
	Pos Pos
}

// PrefChange changes one DM's preferences in a scenario. It either
// replaces them (Statements or Ranking, exactly one) or edits the DM's
// statements (Remove, Add, Move, in that order):
//
//   - Remove: each statement is removed from the DM's list. Statements are
//     matched by their parsed tree (statement.Expr.Equal), so "!a" matches
//     "not a", but "a and b" does not match "b and a".
//   - Add: each statement is inserted, in order, so that it becomes the
//     At-th statement (1 = most important) of the list at that point; At
//     0 appends it as the least important.
//   - Move: each statement (which the DM must have after the removals and
//     additions) is moved so that it becomes the At-th statement.
//   - Sure, then Unsure: each statement (which the DM must have after the
//     other edits) loses, or gets, its unsure mark (Statement.Unsure;
//     preference uncertainty, docs/definitions.md §9.2). The note and
//     source of an entry are appended to the statement's.
//
// Independently of replacing or editing, a change may mark comparisons
// unknown or clear them: ClearUnknown first drops every unknown group and
// unsure mark the DM has in the base model (statements added by the
// scenario keep theirs), and Unknown adds groups of states whose mutual
// order is unknown. Like a Ranking, Unknown names states by their number
// in the base model; package scenario translates the groups, the base
// model's and the scenario's, to the scenario's numbering, dropping
// infeasible states (and a group left with fewer than two).
//
// A Ranking, like Preferences.Ranking, lists states by ordered number,
// but in the numbering of the base model (the states `gmcr states` shows
// for the model file); package scenario translates it, and every base
// ranking, to the scenario's own numbering.
type PrefChange struct {
	DM         string // id of the decision maker
	Statements []Statement
	Ranking    [][]int
	Remove     []Statement
	Add        []Placement
	Move       []Placement
	Sure       []Statement // statements whose unsure mark is cleared
	Unsure     []Statement // statements marked unsure
	// Unknown lists groups of states (base model numbering) whose mutual
	// comparisons become unknown for the DM.
	Unknown []UnknownGroup
	// ClearUnknown drops the DM's unknown groups and unsure marks of the
	// base model before the other changes.
	ClearUnknown bool
	Evidence
	Pos Pos
}

// Placement is a statement to add or move, with its target position.
type Placement struct {
	Statement Statement
	// At is the 1-based position the statement takes (1 = most
	// important). For an addition, 0 means last.
	At    int
	AtPos Pos // where At is written; zero when it is not
}

// Edits reports whether c edits statements (Remove, Add, Move, Sure or
// Unsure).
func (c *PrefChange) Edits() bool {
	return len(c.Remove)+len(c.Add)+len(c.Move)+len(c.Sure)+len(c.Unsure) > 0
}

// MarksOnly reports whether c's only edits are Sure and Unsure marks.
func (c *PrefChange) MarksOnly() bool {
	return len(c.Remove)+len(c.Add)+len(c.Move) == 0 && len(c.Sure)+len(c.Unsure) > 0
}

// OnlyUnknown reports whether c changes nothing but unknown comparisons
// (unsure and sure marks, unknown groups, clear_unknown): the ordinary
// solution concepts, which ignore them, then see no change.
func (c *PrefChange) OnlyUnknown() bool {
	return !c.Replaces() && len(c.Remove)+len(c.Add)+len(c.Move) == 0 && (len(c.Sure)+len(c.Unsure) > 0 || c.ChangesUnknown())
}

// ChangesUnknown reports whether c adds unknown groups or clears the
// DM's unknown comparisons.
func (c *PrefChange) ChangesUnknown() bool { return len(c.Unknown) > 0 || c.ClearUnknown }

// Replaces reports whether c replaces the preferences (Statements or
// Ranking).
func (c *PrefChange) Replaces() bool { return len(c.Statements)+len(c.Ranking) > 0 }

// Scenario returns the scenario with the given id. The error, an *Error
// naming the model's file, says that no such scenario exists, with a "did
// you mean" hint or the list of scenario ids.
func (m *Model) Scenario(id string) (*Scenario, error) {
	for i := range m.Scenarios {
		if m.Scenarios[i].ID == id {
			return &m.Scenarios[i], nil
		}
	}
	ids := make([]string, len(m.Scenarios))
	for i := range m.Scenarios {
		ids[i] = m.Scenarios[i].ID
	}
	if len(ids) == 0 {
		return nil, &Error{Pos: Pos{File: m.File}, Msg: fmt.Sprintf("unknown scenario %q: the model defines no scenarios", id),
			Hint: `add them under "scenarios:" (see docs/model-format.md)`}
	}
	hint := ""
	if c := closest(id, ids); c != "" {
		hint = fmt.Sprintf("did you mean %q?", c)
	} else {
		hint = "the model defines " + strings.Join(ids, ", ")
	}
	return nil, &Error{Pos: Pos{File: m.File}, Msg: fmt.Sprintf("unknown scenario %q", id), Hint: hint}
}

// EditStatements returns a DM's statements sts (most important first)
// after c's Remove, Add and Move edits; sts is not modified. The error, an
// *Error or an ErrorList with the positions of the offending entries,
// reports a statement to remove or move that the DM does not have, a
// statement to add that it already has, a position out of range, and a
// list left empty. The statements' Expr must be set.
func (c *PrefChange) EditStatements(sts []Statement) ([]Statement, error) {
	out, errs := c.edit(sts, "")
	if err := errs.err(); err != nil {
		return nil, err
	}
	return out, nil
}

// canonical returns the canonical form of st for messages.
func canonical(st Statement) string {
	if st.Expr == nil {
		return st.Text
	}
	return st.Expr.String()
}

// find returns the index of the statement of sts whose tree equals e, or -1.
func find(sts []Statement, e *statement.Expr) int {
	for i := range sts {
		if sts[i].Expr.Equal(e) {
			return i
		}
	}
	return -1
}

// missingHint helps when st matches no statement of sts.
func missingHint(sts []Statement, st Statement) string {
	forms := make([]string, len(sts))
	for i := range sts {
		forms[i] = canonical(sts[i])
	}
	if c := closest(canonical(st), forms); c != "" {
		return fmt.Sprintf("did you mean %q?", c)
	}
	if len(forms) > 0 && len(forms) <= 8 {
		quoted := make([]string, len(forms))
		for i, f := range forms {
			quoted[i] = fmt.Sprintf("%q", f)
		}
		return "its statements are " + strings.Join(quoted, ", ") + "; statements match by their parsed form"
	}
	return "statements match by their parsed form: operators and the order of operands count, spelling and spaces do not"
}

// edit applies the edits, collecting every problem; file fills positions
// that lack one.
func (c *PrefChange) edit(sts []Statement, file string) ([]Statement, ErrorList) {
	var errs ErrorList
	add := func(p Pos, hint, format string, args ...any) {
		if p.File == "" {
			p.File = file
		}
		errs.add(p, hint, format, args...)
	}
	at := func(pl Placement) Pos {
		if pl.AtPos != (Pos{}) {
			return pl.AtPos
		}
		return pl.Statement.Pos
	}
	dm := fmt.Sprintf("%q", c.DM)
	out := append([]Statement(nil), sts...)
	if c.ClearUnknown {
		for i := range out {
			out[i].Unsure = false
		}
	}
	for j, st := range c.Remove {
		if st.Expr == nil {
			continue
		}
		dup := false
		for _, prev := range c.Remove[:j] {
			if prev.Expr.Equal(st.Expr) {
				add(st.Pos, "", "statement %q is listed twice in remove", canonical(st))
				dup = true
				break
			}
		}
		if dup {
			continue
		}
		i := find(out, st.Expr)
		if i < 0 {
			add(st.Pos, missingHint(sts, st), "decision maker %s has no statement %q to remove", dm, canonical(st))
			continue
		}
		out = append(out[:i], out[i+1:]...)
	}
	for _, pl := range c.Add {
		st := pl.Statement
		if st.Expr == nil {
			continue
		}
		if i := find(out, st.Expr); i >= 0 {
			add(st.Pos, fmt.Sprintf("it is statement %d; use move to change its priority", i+1), "decision maker %s already has the statement %q", dm, canonical(st))
			continue
		}
		pos := pl.At
		switch {
		case pos == 0:
			pos = len(out) + 1
		case pos < 0 || pos > len(out)+1:
			add(at(pl), "1 is the most important; leave at out to add the statement last",
				"at %d is out of range for decision maker %s: after the removals and earlier additions it has %s, so at is 1 to %d",
				pl.At, dm, english.Count(len(out), "statement"), len(out)+1)
			continue
		}
		out = append(out[:pos-1], append([]Statement{st}, out[pos-1:]...)...)
	}
	for _, pl := range c.Move {
		st := pl.Statement
		if st.Expr == nil {
			continue
		}
		i := find(out, st.Expr)
		if i < 0 {
			hint := missingHint(out, st)
			if find(c.Remove, st.Expr) >= 0 {
				hint = "this scenario removes it"
			} else if find(sts, st.Expr) < 0 {
				hint = "use add to add it; " + hint
			}
			add(st.Pos, hint, "decision maker %s has no statement %q to move", dm, canonical(st))
			continue
		}
		if pl.At < 1 || pl.At > len(out) {
			add(at(pl), "1 is the most important", "to %d is out of range for decision maker %s: it has %s, so to is 1 to %d",
				pl.At, dm, english.Count(len(out), "statement"), len(out))
			continue
		}
		moved := out[i]
		moved.Evidence = mergeEvidence(moved.Evidence, st.Evidence)
		out = append(out[:i], out[i+1:]...)
		out = append(out[:pl.At-1], append([]Statement{moved}, out[pl.At-1:]...)...)
	}
	for _, mark := range []struct {
		list   []Statement
		unsure bool
		field  string
	}{{c.Sure, false, "sure"}, {c.Unsure, true, "unsure"}} {
		for j, st := range mark.list {
			if st.Expr == nil {
				continue
			}
			if find(mark.list[:j], st.Expr) >= 0 {
				add(st.Pos, "", "statement %q is listed twice in %s", canonical(st), mark.field)
				continue
			}
			if !mark.unsure && find(c.Unsure, st.Expr) >= 0 {
				add(st.Pos, "a statement is either sure or unsure", "statement %q is listed in both sure and unsure", canonical(st))
				continue
			}
			if mark.unsure && find(c.Sure, st.Expr) >= 0 {
				continue // reported with sure
			}
			i := find(out, st.Expr)
			if i < 0 {
				hint := missingHint(out, st)
				if find(c.Remove, st.Expr) >= 0 {
					hint = "this scenario removes it"
				}
				add(st.Pos, hint, "decision maker %s has no statement %q to mark %s", dm, canonical(st), mark.field)
				continue
			}
			if out[i].Unsure == mark.unsure {
				hint := "it has no unsure mark to clear"
				if mark.unsure {
					hint = "it is marked unsure in the model or where this scenario adds it"
				}
				add(st.Pos, hint, "statement %q of decision maker %s is already %s", canonical(st), dm, mark.field)
				continue
			}
			out[i].Unsure = mark.unsure
			out[i].Evidence = mergeEvidence(out[i].Evidence, st.Evidence)
		}
	}
	if len(out) == 0 && len(errs) == 0 {
		add(c.Pos, "keep or add at least one statement, or replace the preferences with statements: or ranking:", "the scenario leaves decision maker %s with no preference statements", dm)
	}
	return out, errs
}

// mergeEvidence keeps a moved statement's evidence and adds the note and
// source of the move, when it has any.
func mergeEvidence(base, move Evidence) Evidence {
	join := func(a, b string) string {
		switch {
		case b == "":
			return a
		case a == "":
			return b
		}
		return a + " " + b
	}
	return Evidence{Note: join(base.Note, move.Note), Source: join(base.Source, move.Source)}
}

// Clone returns a deep copy of m: no slice, map, pointer or statement tree
// is shared with m.
func (m *Model) Clone() *Model {
	if m == nil {
		return nil
	}
	c := *m
	c.Sources = append([]Source(nil), m.Sources...)
	c.Options = append([]Option(nil), m.Options...)
	c.DMs = make([]DM, len(m.DMs))
	for i, d := range m.DMs {
		d.Options = append([]string(nil), d.Options...)
		d.Prefs = clonePrefs(d.Prefs)
		d.Misperceived = cloneStatements(d.Misperceived)
		d.Moves = cloneMoves(d.Moves)
		c.DMs[i] = d
	}
	c.States = cloneStates(m.States)
	c.Infeasible = cloneStatements(m.Infeasible)
	c.StatusQuo = cloneSQ(m.StatusQuo)
	if m.Scenarios != nil {
		c.Scenarios = make([]Scenario, len(m.Scenarios))
		for i, s := range m.Scenarios {
			s.Force = append([]string(nil), s.Force...)
			s.Forbid = append([]string(nil), s.Forbid...)
			s.ForcePos = append([]Pos(nil), s.ForcePos...)
			s.ForbidPos = append([]Pos(nil), s.ForbidPos...)
			s.Flagged = append([]string(nil), s.Flagged...)
			s.Infeasible = cloneStatements(s.Infeasible)
			s.StatusQuo = cloneSQ(s.StatusQuo)
			if s.Prefs != nil {
				ps := make([]PrefChange, len(s.Prefs))
				for j, p := range s.Prefs {
					p.Statements = cloneStatements(p.Statements)
					p.Ranking = cloneRanking(p.Ranking)
					p.Remove = cloneStatements(p.Remove)
					p.Add = clonePlacements(p.Add)
					p.Move = clonePlacements(p.Move)
					p.Sure = cloneStatements(p.Sure)
					p.Unsure = cloneStatements(p.Unsure)
					p.Unknown = cloneGroups(p.Unknown)
					ps[j] = p
				}
				s.Prefs = ps
			}
			c.Scenarios[i] = s
		}
	}
	return &c
}

func clonePrefs(p Preferences) Preferences {
	p.Statements = cloneStatements(p.Statements)
	p.Ranking = cloneRanking(p.Ranking)
	if p.Cuts != nil {
		p.Cuts = append([]Cut(nil), p.Cuts...)
	}
	p.Unknown = cloneGroups(p.Unknown)
	return p
}

func cloneGroups(gs []UnknownGroup) []UnknownGroup {
	if gs == nil {
		return nil
	}
	u := make([]UnknownGroup, len(gs))
	for i, g := range gs {
		g.States = append([]int(nil), g.States...)
		u[i] = g
	}
	return u
}

func cloneRanking(r [][]int) [][]int {
	if r == nil {
		return nil
	}
	out := make([][]int, len(r))
	for i, g := range r {
		out[i] = append([]int(nil), g...)
	}
	return out
}

func cloneSQ(sq *StatusQuo) *StatusQuo {
	if sq == nil {
		return nil
	}
	c := *sq
	c.Taken = append([]string(nil), sq.Taken...)
	return &c
}

func clonePlacements(ps []Placement) []Placement {
	if ps == nil {
		return nil
	}
	out := make([]Placement, len(ps))
	for i, p := range ps {
		p.Statement = cloneStatement(p.Statement)
		out[i] = p
	}
	return out
}

func cloneStatements(sts []Statement) []Statement {
	if sts == nil {
		return nil
	}
	out := make([]Statement, len(sts))
	for i, s := range sts {
		out[i] = cloneStatement(s)
	}
	return out
}

func cloneStatement(s Statement) Statement {
	s.Expr = cloneExpr(s.Expr)
	if s.Origin != nil {
		o := *s.Origin
		o.Options = append([]string(nil), o.Options...)
		s.Origin = &o
	}
	return s
}

func cloneExpr(e *statement.Expr) *statement.Expr {
	if e == nil {
		return nil
	}
	c := *e
	if e.Args != nil {
		c.Args = make([]*statement.Expr, len(e.Args))
		for i, a := range e.Args {
			c.Args[i] = cloneExpr(a)
		}
	}
	return &c
}
