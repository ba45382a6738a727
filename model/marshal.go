package model

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"

	"github.com/gmcr/gmcr/model/statement"
	"gopkg.in/yaml.v3"
)

// Marshal writes m as a YAML model file in the schema of
// docs/model-format.md, so that Parse reads back the same model (apart from
// positions). It first runs m.Validate and returns its error, if any.
//
// Statements are written as plain strings when they have no note or
// source; a statement's Text is written when it parses to the statement's
// Expr, and Expr.String() otherwise. An infeasibility condition whose
// Origin matches its Expr is written in its helper form (under
// mutually_exclusive, at_least_one, exactly_one or requires); the others
// are written under infeasible. Within feasibility, the infeasible entries
// come first, then the helpers in the order of Helpers, each group in the
// order of m.Infeasible. A DM's misperception conditions (DM.Misperceived)
// are written as statements under its "misperceived", after its concept.
// Reversibility is written only when not both.
// Scenarios are written last, their conditions in the same forms directly
// in the scenario, an addition without position or evidence as a plain
// statement.
func Marshal(m *Model) ([]byte, error) {
	if err := m.Validate(); err != nil {
		return nil, err
	}
	root := mapNode()
	put(root, "title", str(m.Title))
	if m.Description != "" {
		put(root, "description", str(m.Description))
	}
	putEvidence(root, m.Evidence)
	if len(m.Sources) > 0 {
		seq := seqNode(false)
		for _, s := range m.Sources {
			if s.Note == "" {
				seq.Content = append(seq.Content, str(s.Ref))
				continue
			}
			e := mapNode()
			put(e, "ref", str(s.Ref))
			put(e, "note", str(s.Note))
			seq.Content = append(seq.Content, e)
		}
		put(root, "sources", seq)
	}
	opts := seqNode(false)
	for _, o := range m.Options {
		e := mapNode()
		put(e, "id", str(o.ID))
		putText(e, "name", o.Name)
		putText(e, "description", o.Description)
		if o.Reversibility != Both {
			put(e, "reversibility", str(o.Reversibility.String()))
		}
		putEvidence(e, o.Evidence)
		opts.Content = append(opts.Content, e)
	}
	if len(m.Options) > 0 || !m.GraphForm() {
		put(root, "options", opts)
	}
	if m.GraphForm() {
		put(root, "states", statesNode(m))
	}
	dms := seqNode(false)
	for _, dm := range m.DMs {
		e := mapNode()
		put(e, "id", str(dm.ID))
		putText(e, "name", dm.Name)
		if len(dm.Options) > 0 || !m.GraphForm() {
			put(e, "options", ids(dm.Options))
		}
		putEvidence(e, dm.Evidence)
		p := mapNode()
		if len(dm.Prefs.Statements) > 0 {
			sts, err := statements(dm.Prefs.Statements)
			if err != nil {
				return nil, fmt.Errorf("decision maker %q: %w", dm.ID, err)
			}
			put(p, "statements", sts)
		} else if m.GraphForm() {
			put(p, "ranking", withCuts(stateRankingNode(m, dm.Prefs.Ranking), dm.Prefs.Cuts))
		} else {
			r, err := rankingIn(m, dm.Prefs)
			if err != nil {
				return nil, fmt.Errorf("decision maker %q: %w", dm.ID, err)
			}
			put(p, "ranking", withCuts(r, dm.Prefs.Cuts))
			if nb := dm.Prefs.Numbering; nb != nil && dm.Prefs.RankingForm == RankByNumber {
				nn := mapNode()
				put(nn, "states", num(nb.States))
				if nb.Options != nil {
					put(nn, "options", ids(nb.Options))
				}
				nn.Style = yaml.FlowStyle
				put(p, "numbering", nn)
			}
		}
		if len(dm.Prefs.Unknown) > 0 {
			put(p, "unknown", unknownNode(m, dm.Prefs.Unknown))
		}
		putEvidence(p, dm.Prefs.Evidence)
		put(e, "preferences", p)
		putText(e, "concept", dm.Concept)
		if len(dm.Misperceived) > 0 {
			sts, err := statements(dm.Misperceived)
			if err != nil {
				return nil, fmt.Errorf("decision maker %q, misperceived: %w", dm.ID, err)
			}
			put(e, "misperceived", sts)
		}
		if len(dm.Moves) > 0 {
			put(e, "moves", movesNode(dm.Moves))
		}
		dms.Content = append(dms.Content, e)
	}
	put(root, "decision_makers", dms)
	if f, err := feasibility(m.Infeasible); err != nil {
		return nil, err
	} else if f != nil {
		put(root, "feasibility", f)
	}
	if sq := m.StatusQuo; sq != nil {
		put(root, "status_quo", statusQuoNode(sq))
	}
	if len(m.Scenarios) > 0 {
		seq := seqNode(false)
		for i := range m.Scenarios {
			n, err := scenarioNode(m, &m.Scenarios[i])
			if err != nil {
				return nil, fmt.Errorf("scenario %q: %w", m.Scenarios[i].ID, err)
			}
			seq.Content = append(seq.Content, n)
		}
		put(root, "scenarios", seq)
	}
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(root); err != nil {
		return nil, err
	}
	if err := enc.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func statusQuoNode(sq *StatusQuo) *yaml.Node {
	e := mapNode()
	if sq.State != "" {
		put(e, "state", str(sq.State))
		putEvidence(e, sq.Evidence)
		return e
	}
	put(e, "taken", ids(sq.Taken))
	putEvidence(e, sq.Evidence)
	return e
}

// scenarioNode writes a scenario: id, name, description, note, source,
// force, forbid, the conditions (as under feasibility), status_quo and
// preferences, each only when set.
func scenarioNode(m *Model, sc *Scenario) (*yaml.Node, error) {
	e := mapNode()
	put(e, "id", str(sc.ID))
	putText(e, "name", sc.Name)
	putText(e, "description", sc.Description)
	putEvidence(e, sc.Evidence)
	if len(sc.Force) > 0 {
		put(e, "force", ids(sc.Force))
	}
	if len(sc.Forbid) > 0 {
		put(e, "forbid", ids(sc.Forbid))
	}
	f, err := feasibility(sc.Infeasible)
	if err != nil {
		return nil, err
	}
	if f != nil {
		e.Content = append(e.Content, f.Content...)
	}
	if sc.StatusQuo != nil {
		put(e, "status_quo", statusQuoNode(sc.StatusQuo))
	}
	if len(sc.Prefs) > 0 {
		prefs := mapNode()
		for _, c := range sc.Prefs {
			n := mapNode()
			if len(c.Statements) > 0 {
				sts, err := statements(c.Statements)
				if err != nil {
					return nil, err
				}
				put(n, "statements", sts)
			}
			if len(c.Ranking) > 0 {
				put(n, "ranking", rankingNode(c.Ranking))
			}
			if len(c.Remove) > 0 {
				sts, err := statements(c.Remove)
				if err != nil {
					return nil, err
				}
				put(n, "remove", sts)
			}
			for _, part := range []struct {
				field, pos string
				list       []Placement
			}{{"add", "at", c.Add}, {"move", "to", c.Move}} {
				if len(part.list) == 0 {
					continue
				}
				seq := seqNode(false)
				for _, pl := range part.list {
					if pl.At == 0 && part.field == "add" && pl.Statement.Evidence == (Evidence{}) && !pl.Statement.Unsure {
						n, err := statementNode(pl.Statement)
						if err != nil {
							return nil, err
						}
						seq.Content = append(seq.Content, n)
						continue
					}
					text, err := statementText(pl.Statement)
					if err != nil {
						return nil, err
					}
					en := mapNode()
					put(en, "statement", quoted(text))
					if pl.At != 0 {
						put(en, part.pos, num(pl.At))
					}
					if pl.Statement.Unsure && part.field == "add" {
						put(en, "unsure", &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: "true"})
					}
					putEvidence(en, pl.Statement.Evidence)
					seq.Content = append(seq.Content, en)
				}
				put(n, part.field, seq)
			}
			for _, mark := range []struct {
				field string
				list  []Statement
			}{{"sure", c.Sure}, {"unsure", c.Unsure}} {
				if len(mark.list) == 0 {
					continue
				}
				sts, err := statements(mark.list)
				if err != nil {
					return nil, err
				}
				put(n, mark.field, sts)
			}
			if len(c.Unknown) > 0 {
				put(n, "unknown", unknownNode(m, c.Unknown))
			}
			if c.ClearUnknown {
				put(n, "clear_unknown", &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: "true"})
			}
			putEvidence(n, c.Evidence)
			put(prefs, c.DM, n)
		}
		put(e, "preferences", prefs)
	}
	return e, nil
}

// rankingIn writes a DM's ranking in its RankingForm: numbers, Y/N
// patterns (grouped by DM) or {taken: [...]} mappings.
func rankingIn(m *Model, p Preferences) (*yaml.Node, error) {
	if p.RankingForm == RankByNumber {
		return rankingNode(p.Ranking), nil
	}
	codes, ok := feasibleCodes(m)
	if !ok {
		return nil, fmt.Errorf("its ranking cannot be written by pattern: the model has more than %d options or a broken condition", maxRefOptions)
	}
	entry := func(n int) (*yaml.Node, error) {
		if n < 1 || n > len(codes) {
			return nil, fmt.Errorf("its ranking names state %d; the model has states 1..%d", n, len(codes))
		}
		code := codes[n-1]
		if p.RankingForm == RankByTaken {
			var taken []string
			for b, id := range optionOrder(m) {
				if code&(1<<uint(b)) != 0 {
					taken = append(taken, id)
				}
			}
			e := mapNode()
			e.Style = yaml.FlowStyle
			put(e, "taken", ids(taken))
			return e, nil
		}
		return quoted(groupedPattern(m, code)), nil
	}
	r := seqNode(false)
	for _, g := range p.Ranking {
		if len(g) == 1 {
			e, err := entry(g[0])
			if err != nil {
				return nil, err
			}
			r.Content = append(r.Content, e)
			continue
		}
		tie := seqNode(true)
		for _, s := range g {
			e, err := entry(s)
			if err != nil {
				return nil, err
			}
			tie.Content = append(tie.Content, e)
		}
		r.Content = append(r.Content, tie)
	}
	return r, nil
}

// groupedPattern is StatePattern with a space between DMs' options.
func groupedPattern(m *Model, code uint64) string {
	pat := StatePattern(m, code)
	var parts []string
	at := 0
	for _, d := range m.DMs {
		parts = append(parts, pat[at:at+len(d.Options)])
		at += len(d.Options)
	}
	return strings.Join(parts, " ")
}

func rankingNode(ranking [][]int) *yaml.Node {
	r := seqNode(true)
	for _, g := range ranking {
		if len(g) == 1 {
			r.Content = append(r.Content, num(g[0]))
			continue
		}
		tie := seqNode(true)
		for _, s := range g {
			tie.Content = append(tie.Content, num(s))
		}
		r.Content = append(r.Content, tie)
	}
	return r
}

func mapNode() *yaml.Node { return &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"} }

func seqNode(flow bool) *yaml.Node {
	n := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq"}
	if flow {
		n.Style = yaml.FlowStyle
	}
	return n
}

func str(s string) *yaml.Node { return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s} }

func quoted(s string) *yaml.Node {
	n := str(s)
	n.Style = yaml.DoubleQuotedStyle
	return n
}

func num(v int) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!int", Value: strconv.Itoa(v)}
}

func ids(list []string) *yaml.Node {
	n := seqNode(true)
	for _, id := range list {
		n.Content = append(n.Content, str(id))
	}
	return n
}

func put(m *yaml.Node, key string, v *yaml.Node) {
	m.Content = append(m.Content, str(key), v)
}

func putText(m *yaml.Node, key, v string) {
	if v != "" {
		put(m, key, str(v))
	}
}

func putEvidence(m *yaml.Node, e Evidence) {
	putText(m, "note", e.Note)
	putText(m, "source", e.Source)
}

// statementText is what to write for st: its Text when that parses to its
// Expr, else the Expr's canonical form.
func statementText(st Statement) (string, error) {
	if st.Text != "" {
		if e, err := statement.Parse(st.Text); err == nil && e.Equal(st.Expr) {
			return st.Text, nil
		}
	}
	s := st.Expr.String()
	if _, err := statement.Parse(s); err != nil {
		return "", fmt.Errorf("statement %q cannot be written as text", s)
	}
	return s, nil
}

// statementNode writes a statement entry.
func statementNode(st Statement) (*yaml.Node, error) {
	text, err := statementText(st)
	if err != nil {
		return nil, err
	}
	if st.Evidence == (Evidence{}) && !st.Unsure && !st.Strong {
		return quoted(text), nil
	}
	e := mapNode()
	put(e, "statement", quoted(text))
	if st.Unsure {
		put(e, "unsure", &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: "true"})
	}
	if st.Strong {
		put(e, "strong", &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: "true"})
	}
	putEvidence(e, st.Evidence)
	return e, nil
}

func statements(sts []Statement) (*yaml.Node, error) {
	seq := seqNode(false)
	for _, st := range sts {
		n, err := statementNode(st)
		if err != nil {
			return nil, err
		}
		seq.Content = append(seq.Content, n)
	}
	return seq, nil
}

// feasibility writes the infeasibility conditions, or returns nil for none.
func feasibility(inf []Statement) (*yaml.Node, error) {
	groups := map[string]*yaml.Node{}
	for _, st := range inf {
		kind := "infeasible"
		if o := st.Origin; o != nil {
			if msg, _ := o.problem(); msg == "" && o.expr().Equal(st.Expr) {
				kind = o.Helper
			}
		}
		if groups[kind] == nil {
			groups[kind] = seqNode(false)
		}
		var n *yaml.Node
		switch kind {
		case "infeasible":
			var err error
			if n, err = statementNode(st); err != nil {
				return nil, err
			}
		case Requires:
			n = mapNode()
			put(n, "option", str(st.Origin.Options[0]))
			if req := st.Origin.Options[1:]; len(req) == 1 {
				put(n, "requires", str(req[0]))
			} else {
				put(n, "requires", ids(req))
			}
			putEvidence(n, st.Evidence)
		default:
			n = ids(st.Origin.Options)
			if st.Evidence != (Evidence{}) {
				e := mapNode()
				put(e, "options", n)
				putEvidence(e, st.Evidence)
				n = e
			}
		}
		groups[kind].Content = append(groups[kind].Content, n)
	}
	if len(groups) == 0 {
		return nil, nil
	}
	f := mapNode()
	for _, kind := range append([]string{"infeasible"}, Helpers...) {
		if g := groups[kind]; g != nil {
			put(f, kind, g)
		}
	}
	return f, nil
}
