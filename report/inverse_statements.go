package report

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/gmcr/gmcr/internal/english"
	"github.com/gmcr/gmcr/inverse"
	"github.com/gmcr/gmcr/statespace"
)

// InverseStatementsDoc is the JSON document of an inverse question over
// statement lists (docs/inverse.schema.json, space "statements"): the
// fields of InverseDoc plus the edits allowed, the edits of the closest
// solution and each edited DM's new list.
type InverseStatementsDoc struct {
	InverseDoc
	Allowed    []string                      `json:"allowed_edits"`
	Edits      []InverseEdit                 `json:"edits"`
	Statements map[string][]InverseStatement `json:"statements,omitempty"`
}

// InverseEdit is one edit of a DM's statement list.
type InverseEdit struct {
	DM        string `json:"dm"`
	Kind      string `json:"kind"`                // "move", "drop", "negate" or "add"
	Statement int    `json:"statement,omitempty"` // 1-based number in the current list; 0 for an added candidate
	Text      string `json:"text"`
	To        int    `json:"to,omitempty"` // 1-based position in the new list (move, negate, add)
}

// InverseStatement is one entry of a new statement list, most important
// first.
type InverseStatement struct {
	Text      string `json:"text"`
	Was       int    `json:"was,omitempty"` // 1-based number in the current list; 0 for an added candidate
	Negated   bool   `json:"negated,omitempty"`
	Candidate bool   `json:"candidate,omitempty"`
}

var editWords = map[inverse.EditKind]string{inverse.Moved: "move", inverse.Dropped: "drop", inverse.Negated: "negate", inverse.Added: "add"}

// itemText returns the text of item it of DM i's list, negated if it is.
func itemText(ss *statespace.StateSpace, sp *inverse.StatementProblem, i int, it inverse.Item) string {
	t := sp.Statement(ss, inverse.StatementRef{DM: i, Index: it.Index})
	if it.Negated {
		return "not (" + t + ")"
	}
	return t
}

func inverseStatementsDoc(ss *statespace.StateSpace, sp *inverse.StatementProblem, res *inverse.StatementResult) InverseStatementsDoc {
	base := &inverse.Result{Exists: res.Exists, Minimal: res.Minimal, Optimal: res.Optimal, Changes: res.Changes,
		Consulted: res.Consulted, Count: res.Count}
	d := InverseStatementsDoc{InverseDoc: inverseDoc(ss, &sp.Problem, base), Allowed: []string{}, Edits: []InverseEdit{}}
	d.Space = "statements"
	d.Conflict = []string{}
	for _, c := range res.Conflict {
		d.Conflict = append(d.Conflict, sp.Describe(ss, c))
	}
	for _, w := range []struct {
		ok   bool
		name string
	}{{sp.Edits.Reorder, "reorder"}, {sp.Edits.Drop, "drop"}, {sp.Edits.Negate, "negate"}, {len(sp.Candidates) > 0, "add"}} {
		if w.ok {
			d.Allowed = append(d.Allowed, w.name)
		}
	}
	if !res.Exists {
		return d
	}
	edited := map[int]bool{}
	for _, e := range res.Edits {
		edited[e.DM] = true
		k := len(ss.Model.DMs[e.DM].Prefs.Statements)
		ie := InverseEdit{DM: ss.DMs[e.DM].ID, Kind: editWords[e.Kind], Text: sp.Statement(ss, inverse.StatementRef{DM: e.DM, Index: e.Index})}
		if e.Index < k {
			ie.Statement = e.Index + 1
		}
		if e.To >= 0 {
			ie.To = e.To + 1
		}
		d.Edits = append(d.Edits, ie)
	}
	d.Statements = map[string][]InverseStatement{}
	for i, l := range res.Lists {
		if !edited[i] {
			continue
		}
		k := len(ss.Model.DMs[i].Prefs.Statements)
		out := []InverseStatement{}
		for _, it := range l {
			st := InverseStatement{Text: sp.Statement(ss, inverse.StatementRef{DM: i, Index: it.Index}), Negated: it.Negated, Candidate: it.Index >= k}
			if it.Index < k {
				st.Was = it.Index + 1
			}
			out = append(out, st)
		}
		d.Statements[ss.DMs[i].ID] = out
	}
	return d
}

// WriteInverseStatements writes the answer to an inverse question over
// statement lists in format f (Text, Markdown or JSON).
// The Markdown document is headed by the model's title.
func WriteInverseStatements(out io.Writer, ss *statespace.StateSpace, sp *inverse.StatementProblem, res *inverse.StatementResult, f Format) error {
	switch f {
	case JSON:
		return writeDoc(out, inverseStatementsDoc(ss, sp, res))
	case Text, Markdown:
		return writeInverseStatementsText(out, ss, sp, res, f == Markdown, 1)
	}
	return fmt.Errorf("the %v format is not available here; use text, markdown or json", f)
}

// WriteInverseStatementsSection is WriteInverseStatements for an answer
// that follows another report, as WriteInverseSection.
func WriteInverseStatementsSection(out io.Writer, ss *statespace.StateSpace, sp *inverse.StatementProblem, res *inverse.StatementResult, f Format) error {
	if f == Text || f == Markdown {
		return writeInverseStatementsText(out, ss, sp, res, f == Markdown, 2)
	}
	return WriteInverseStatements(out, ss, sp, res, f)
}

func writeInverseStatementsText(out io.Writer, ss *statespace.StateSpace, sp *inverse.StatementProblem, res *inverse.StatementResult, md bool, level int) error {
	w := bufio.NewWriter(out)
	d := mdDoc{w, md}
	if md {
		inverseHeading(w, ss, level, "preference statements that make states equilibria (inverse GMCR)")
	}
	p := &sp.Problem
	var tg []string
	for _, t := range p.Targets {
		tg = append(tg, fmt.Sprintf("%d (%s)", statespace.Number(t), patternOrID(ss, t)))
	}
	what := "an equilibrium"
	if len(p.Targets) > 1 {
		what = "equilibria"
	}
	if p.DMs != nil {
		var names []string
		for _, i := range p.DMs {
			names = append(names, ss.DMs[i].ID)
		}
		what = "stable for " + strings.Join(names, ", ")
	}
	d.line(fmt.Sprintf("Which preference statements make %s %s %s under %s?", english.Noun(len(tg), "state"), english.Join(tg), what, p.Concept))
	allowed := "Each DM's statements may be " + editPhrase(sp.Edits) + "."
	if len(sp.Candidates) > 0 {
		var cs []string
		for _, c := range sp.Candidates {
			cs = append(cs, fmt.Sprintf("%s: %q", ss.DMs[c.DM].ID, c.Text))
		}
		allowed += " Candidates that may be added: " + strings.Join(cs, ", ") + "."
	}
	d.line(allowed)
	var kept []string
	for _, i := range p.Fixed {
		kept = append(kept, ss.DMs[i].ID)
	}
	for i, d := range ss.Model.DMs {
		if len(d.Prefs.Ranking) > 0 {
			kept = append(kept, ss.DMs[i].ID+" (ranks the states directly)")
		}
	}
	if len(kept) > 0 {
		d.line(fmt.Sprintf("Preferences kept as they are: %s.", strings.Join(kept, ", ")))
	}
	for _, c := range sp.Constraints(ss) {
		if c.Kind == inverse.Known || c.Kind == inverse.KeepStatement || c.Kind == inverse.KeepOrder {
			d.line(fmt.Sprintf("Required: %s.", sp.Describe(ss, c)))
		}
	}
	if !md {
		fmt.Fprintln(w)
	}
	if !res.Exists {
		d.line("None: no statement lists within the allowed edits satisfy every requirement.")
		if res.Minimal {
			d.line("These requirements conflict (drop any one of them and the rest can hold):")
		} else {
			d.line("These requirements conflict (" + limitRanOut(p, false) + " before the set was made minimal):")
		}
		for _, c := range res.Conflict {
			d.item(1, "  - ", sp.Describe(ss, c))
		}
		d.endList()
		return w.Flush()
	}
	switch res.Count {
	case -1:
		if p.CountLimit < 0 {
			d.line("Such statements exist (not counted).")
		} else {
			d.line("Such statements exist (too many combinations of lists to count them).")
		}
	default:
		d.line(fmt.Sprintf("Such statements exist: %s of statement lists (one list for each DM not fixed) %s.", english.Count(int(res.Count), "combination"), english.Verb(int(res.Count), "qualifies", "qualify")))
	}
	if len(res.Edits) == 0 {
		d.line("The current statements already qualify: no edit is needed.")
		return w.Flush()
	}
	closest := "The closest change"
	if !res.Optimal {
		closest = "A close change, not proven closest (" + limitRanOut(p, true) + ")"
	}
	d.line(fmt.Sprintf("%s: %s of the statement lists; it changes %d of the %s between states that decide the question.",
		closest, english.Count(len(res.Edits), "edit"), len(res.Changes), english.Count(res.Consulted, "comparison")))
	if md {
		w.WriteString(strings.Repeat("#", level+1) + " What each DM would have to want differently\n\n")
	} else {
		fmt.Fprintln(w)
		fmt.Fprintln(w, "What each DM would have to want differently:")
	}
	byDM := map[int][]inverse.Edit{}
	for _, e := range res.Edits {
		byDM[e.DM] = append(byDM[e.DM], e)
	}
	for i := range ss.DMs {
		eds := byDM[i]
		if len(eds) == 0 {
			continue
		}
		k := len(ss.Model.DMs[i].Prefs.Statements)
		d.item(1, "  ", fmt.Sprintf("%s (%s):", ss.DMs[i].ID, english.Count(len(eds), "edit")))
		for _, e := range eds {
			ref := fmt.Sprintf("statement %d (%q)", e.Index+1, sp.Statement(ss, inverse.StatementRef{DM: i, Index: e.Index}))
			if e.Index >= k {
				ref = fmt.Sprintf("%q", sp.Statement(ss, inverse.StatementRef{DM: i, Index: e.Index}))
			}
			switch e.Kind {
			case inverse.Moved:
				d.item(2, "    ", fmt.Sprintf("move %s to place %d", ref, e.To+1))
			case inverse.Dropped:
				d.item(2, "    ", "drop "+ref)
			case inverse.Negated:
				d.item(2, "    ", fmt.Sprintf("negate %s: want the opposite", ref))
			case inverse.Added:
				d.item(2, "    ", fmt.Sprintf("add %s at place %d", ref, e.To+1))
			}
		}
		d.item(2, "    ", "new list, most important first:")
		if len(res.Lists[i]) == 0 {
			d.item(3, "      ", "(none: every state ties)")
		}
		for pos, it := range res.Lists[i] {
			was := "added"
			if it.Index < k {
				was = fmt.Sprintf("was %d", it.Index+1)
			}
			if md {
				fmt.Fprintf(w, "    %d. %s\n", pos+1, mdLine(fmt.Sprintf("%s (%s)", itemText(ss, sp, i, it), was)))
			} else {
				fmt.Fprintf(w, "      %d. %s (%s)\n", pos+1, itemText(ss, sp, i, it), was)
			}
		}
	}
	d.endList()
	return w.Flush()
}

// editPhrase says the allowed edits in words: "reordered or dropped".
func editPhrase(e inverse.Edits) string {
	var out []string
	if e.Reorder {
		out = append(out, "reordered")
	}
	if e.Drop {
		out = append(out, "dropped")
	}
	if e.Negate {
		out = append(out, "negated")
	}
	if len(out) == 0 {
		return "kept as they are (only candidates may be added)"
	}
	if len(out) == 1 {
		return out[0]
	}
	return strings.Join(out[:len(out)-1], ", ") + " or " + out[len(out)-1]
}
