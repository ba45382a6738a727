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
// statement lists in format f (Text or JSON).
func WriteInverseStatements(out io.Writer, ss *statespace.StateSpace, sp *inverse.StatementProblem, res *inverse.StatementResult, f Format) error {
	if f == JSON {
		return writeDoc(out, inverseStatementsDoc(ss, sp, res))
	}
	w := bufio.NewWriter(out)
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
	fmt.Fprintf(w, "Which preference statements make %s %s %s under %s?\n", english.Noun(len(tg), "state"), english.Join(tg), what, p.Concept)
	allowed := "Each DM's statements may be " + editPhrase(sp.Edits) + "."
	if len(sp.Candidates) > 0 {
		var cs []string
		for _, c := range sp.Candidates {
			cs = append(cs, fmt.Sprintf("%s: %q", ss.DMs[c.DM].ID, c.Text))
		}
		allowed += " Candidates that may be added: " + strings.Join(cs, ", ") + "."
	}
	fmt.Fprintln(w, allowed)
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
		fmt.Fprintf(w, "Preferences kept as they are: %s.\n", strings.Join(kept, ", "))
	}
	for _, c := range sp.Constraints(ss) {
		if c.Kind == inverse.Known || c.Kind == inverse.KeepStatement || c.Kind == inverse.KeepOrder {
			fmt.Fprintf(w, "Required: %s.\n", sp.Describe(ss, c))
		}
	}
	fmt.Fprintln(w)
	if !res.Exists {
		fmt.Fprintln(w, "None: no statement lists within the allowed edits satisfy every requirement.")
		if res.Minimal {
			fmt.Fprintln(w, "These requirements conflict (drop any one of them and the rest can hold):")
		} else {
			fmt.Fprintln(w, "These requirements conflict (the time budget ran out before the set was made minimal):")
		}
		for _, c := range res.Conflict {
			fmt.Fprintf(w, "  - %s\n", sp.Describe(ss, c))
		}
		return w.Flush()
	}
	switch res.Count {
	case -1:
		if p.CountLimit < 0 {
			fmt.Fprintln(w, "Such statements exist (not counted).")
		} else {
			fmt.Fprintln(w, "Such statements exist (too many combinations of lists to count them).")
		}
	default:
		fmt.Fprintf(w, "Such statements exist: %s of statement lists (one list for each DM not fixed) %s.\n", english.Count(int(res.Count), "combination"), english.Verb(int(res.Count), "qualifies", "qualify"))
	}
	if len(res.Edits) == 0 {
		fmt.Fprintln(w, "The current statements already qualify: no edit is needed.")
		return w.Flush()
	}
	closest := "The closest change"
	if !res.Optimal {
		closest = "A close change, not proven closest (the time budget ran out; raise --budget or give 0 for no time limit)"
	}
	fmt.Fprintf(w, "%s: %s of the statement lists; it changes %d of the %s between states that decide the question.\n\n",
		closest, english.Count(len(res.Edits), "edit"), len(res.Changes), english.Count(res.Consulted, "comparison"))
	fmt.Fprintln(w, "What each DM would have to want differently:")
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
		fmt.Fprintf(w, "  %s (%s):\n", ss.DMs[i].ID, english.Count(len(eds), "edit"))
		for _, e := range eds {
			ref := fmt.Sprintf("statement %d (%q)", e.Index+1, sp.Statement(ss, inverse.StatementRef{DM: i, Index: e.Index}))
			if e.Index >= k {
				ref = fmt.Sprintf("%q", sp.Statement(ss, inverse.StatementRef{DM: i, Index: e.Index}))
			}
			switch e.Kind {
			case inverse.Moved:
				fmt.Fprintf(w, "    move %s to place %d\n", ref, e.To+1)
			case inverse.Dropped:
				fmt.Fprintf(w, "    drop %s\n", ref)
			case inverse.Negated:
				fmt.Fprintf(w, "    negate %s: want the opposite\n", ref)
			case inverse.Added:
				fmt.Fprintf(w, "    add %s at place %d\n", ref, e.To+1)
			}
		}
		fmt.Fprintln(w, "    new list, most important first:")
		if len(res.Lists[i]) == 0 {
			fmt.Fprintln(w, "      (none: every state ties)")
		}
		for pos, it := range res.Lists[i] {
			was := "added"
			if it.Index < k {
				was = fmt.Sprintf("was %d", it.Index+1)
			}
			fmt.Fprintf(w, "      %d. %s (%s)\n", pos+1, itemText(ss, sp, i, it), was)
		}
	}
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
