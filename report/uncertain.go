package report

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"io"
	"strings"

	"github.com/gmcr/gmcr/analysis"
	"github.com/gmcr/gmcr/stability"
	"github.com/gmcr/gmcr/statespace"
	"github.com/gmcr/gmcr/uncertain"
)

// UncertainFormats are the formats of WriteUncertain and
// WriteUncertainExplanations.
var UncertainFormats = []Format{Text, Markdown, JSON, CSV}

// extensionMeanings describes the four extensions of Li, Hipel, Kilgour &
// Fang (2004) in plain words.
var extensionMeanings = map[string]string{
	"a": "the DM considers moves to states of unknown preference too; a sanction must end in a state it knows is no better",
	"b": "the DM considers only its unilateral improvements; a sanction must end in a state it knows is no better",
	"c": "the DM considers moves to states of unknown preference too; a sanction may end in a state of unknown preference",
	"d": "the DM considers only its unilateral improvements; a sanction may end in a state of unknown preference",
}

const uncertainSource = "Li, Hipel, Kilgour & Fang (2004), Preference uncertainty in the graph model for conflict resolution, IEEE Trans. SMC-A 34(4)"

// unknownSummary says, per DM, where its unknown comparisons come from.
func unknownSummary(v *view) []string {
	var out []string
	for _, d := range v.ss.Model.DMs {
		unsure := 0
		for _, st := range d.Prefs.Statements {
			if st.Unsure {
				unsure++
			}
		}
		if len(d.Prefs.Unknown) == 0 && unsure == 0 {
			out = append(out, d.ID+": none")
			continue
		}
		var parts []string
		if k := len(d.Prefs.Unknown); k > 0 {
			parts = append(parts, plural(k, "unknown group"))
		}
		if unsure > 0 {
			parts = append(parts, plural(unsure, "unsure statement"))
		}
		out = append(out, d.ID+": "+strings.Join(parts, ", "))
	}
	return out
}

// WriteUncertain writes the sixteen stability definitions under preference
// uncertainty for every state: in text, a row per state with a mark per
// extension (* equilibrium, . not) for each concept, then the equilibria;
// in JSON (docs/uncertain.schema.json) and CSV, each DM's stability too.
func WriteUncertain(out io.Writer, r *analysis.Result, ua *uncertain.Analysis, f Format) error {
	v, err := newView(r, false)
	if err != nil {
		return err
	}
	eq := make([][]int, len(uncertain.Concepts))
	isEq := make([][]bool, len(uncertain.Concepts))
	for k, c := range uncertain.Concepts {
		eq[k] = ua.Equilibria(c)
		isEq[k] = make([]bool, v.ss.Len())
		for _, s := range eq[k] {
			isEq[k][s] = true
		}
	}
	switch f {
	case Text, Markdown:
		v.display()
		return uncertainText(out, v, isEq, eq, f == Markdown)
	case JSON:
		return uncertainJSON(out, v, ua, eq)
	case CSV:
		return uncertainCSV(out, v, ua, isEq)
	}
	return fmt.Errorf("the %v format is not available here; use text, markdown, json or csv", f)
}

func uncertainText(out io.Writer, v *view, isEq [][]bool, eq [][]int, md bool) error {
	w := bufio.NewWriter(out)
	d := mdDoc{w, md}
	d.title(v.title() + ": stability under preference uncertainty")
	d.line(v.summary())
	if names := v.dmNames("DMs: ", ""); names != "" {
		d.line(names)
	}
	d.line("Unknown comparisons: " + strings.Join(unknownSummary(v), "; "))
	if !md {
		w.WriteString("\n")
	}
	graph := v.ss.Graph()
	header := []string{"State", "Code"}
	if graph {
		header = append(header, "Id")
	}
	header = append(header, "Options")
	for _, b := range []stability.Concept{stability.Nash, stability.GMR, stability.SMR, stability.SEQ} {
		header = append(header, b.String()+" abcd")
	}
	rows := [][]string{header}
	for s := 0; s < v.ss.Len(); s++ {
		row := []string{number(s), code(v.ss, s)}
		if graph {
			row = append(row, v.ss.StateID(s))
		}
		row = append(row, v.groupedPattern(s))
		for b := 0; b < 4; b++ {
			var cell strings.Builder
			cell.WriteString(strings.Repeat(" ", len(stability.Concepts[b].String())+1))
			for e := 0; e < 4; e++ {
				if isEq[4*b+e][s] {
					cell.WriteByte('*')
				} else {
					cell.WriteByte('.')
				}
			}
			row = append(row, cell.String())
		}
		rows = append(rows, row)
	}
	writeTable(w, rows, md)
	if md {
		w.WriteString("\n")
	}
	d.section("Equilibria")
	for k, c := range uncertain.Concepts {
		list := "none"
		if len(eq[k]) > 0 {
			list = plural(len(eq[k]), "state") + ": " + numberList(eq[k])
		}
		if md {
			d.item(1, "", c.String()+": "+list)
		} else {
			fmt.Fprintf(w, "  %-7s %s\n", c.String(), list)
		}
	}
	d.endList()
	d.section("Legend")
	d.item(1, "  ", fmt.Sprintf("* = equilibrium under the definition, . = not; columns a b c d are the extensions (%s):", uncertainSource))
	for _, e := range uncertain.Extensions {
		d.item(1+btoi(md), "  ", fmt.Sprintf("(%v) %s.", e, extensionMeanings[e.String()]))
	}
	d.item(1, "  ", "SEQ sanctions are the other DMs' improvements or moves to states of unknown preference for them. Each DM's own marks: --format json or csv; why: --state N.")
	d.endList()
	return w.Flush()
}

// btoi is 1 for true, 0 for false.
func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// writeAligned writes rows as columns separated by two spaces.
func writeAligned(w *bufio.Writer, rows [][]string) {
	width := make([]int, len(rows[0]))
	for _, r := range rows {
		for i, c := range r {
			width[i] = max(width[i], len(c))
		}
	}
	for _, r := range rows {
		var b strings.Builder
		for i, c := range r {
			if i > 0 {
				b.WriteString("  ")
			}
			b.WriteString(c)
			if i < len(r)-1 {
				b.WriteString(strings.Repeat(" ", width[i]-len(c)))
			}
		}
		w.WriteString(strings.TrimRight(b.String(), " ") + "\n")
	}
}

type jsonUncertainState struct {
	Number  int                 `json:"number"`
	Code    uint64              `json:"code"`
	ID      string              `json:"id,omitempty"`
	Pattern string              `json:"pattern"`
	Stable  map[string][]string `json:"stable"`
}

type jsonUncertain struct {
	Schema        string               `json:"$schema"`
	Kind          string               `json:"kind"`
	FormatVersion int                  `json:"format_version"`
	Title         string               `json:"title"`
	File          string               `json:"file,omitempty"`
	DMs           []string             `json:"dms"`
	Source        string               `json:"source"`
	Extensions    map[string]string    `json:"extensions"`
	Unknown       map[string]string    `json:"unknown"`
	Concepts      []string             `json:"concepts"`
	States        []jsonUncertainState `json:"states"`
	Equilibria    map[string][]int     `json:"equilibria"`
}

func uncertainJSON(out io.Writer, v *view, ua *uncertain.Analysis, eq [][]int) error {
	doc := jsonUncertain{Schema: "https://github.com/gmcr/gmcr/docs/uncertain.schema.json", Kind: "uncertain", FormatVersion: 1,
		Title: v.title(), File: v.file(), DMs: []string{}, Source: uncertainSource, Extensions: extensionMeanings,
		Unknown: map[string]string{}, Concepts: []string{}, States: []jsonUncertainState{}, Equilibria: map[string][]int{}}
	for i, d := range v.ss.DMs {
		doc.DMs = append(doc.DMs, d.ID)
		doc.Unknown[d.ID] = strings.TrimPrefix(unknownSummary(v)[i], d.ID+": ")
	}
	for k, c := range uncertain.Concepts {
		doc.Concepts = append(doc.Concepts, c.String())
		nums := []int{}
		for _, s := range eq[k] {
			nums = append(nums, statespace.Number(s))
		}
		doc.Equilibria[c.String()] = nums
	}
	for s := 0; s < v.ss.Len(); s++ {
		js := jsonUncertainState{Number: statespace.Number(s), Code: v.ss.Codes[s], ID: v.ss.StateID(s), Pattern: v.ss.Pattern(s), Stable: map[string][]string{}}
		for i, d := range v.ss.DMs {
			list := []string{}
			for _, c := range uncertain.Concepts {
				if ua.Stable(c, i, s) {
					list = append(list, c.String())
				}
			}
			js.Stable[d.ID] = list
		}
		doc.States = append(doc.States, js)
	}
	b, err := encode(doc, "", true)
	if err != nil {
		return err
	}
	_, err = out.Write(b)
	return err
}

func uncertainCSV(out io.Writer, v *view, ua *uncertain.Analysis, isEq [][]bool) error {
	w := csv.NewWriter(out)
	head := []string{"number", "code", "pattern"}
	if v.ss.Graph() {
		head = append(head, "id")
	}
	for _, c := range uncertain.Concepts {
		for _, d := range v.ss.DMs {
			head = append(head, "stable_"+csvName(c)+"_"+d.ID)
		}
	}
	for _, c := range uncertain.Concepts {
		head = append(head, "eq_"+csvName(c))
	}
	if err := w.Write(head); err != nil {
		return err
	}
	b01 := func(x bool) string {
		if x {
			return "1"
		}
		return "0"
	}
	for s := 0; s < v.ss.Len(); s++ {
		rec := []string{number(s), code(v.ss, s), v.ss.Pattern(s)}
		if v.ss.Graph() {
			rec = append(rec, v.ss.StateID(s))
		}
		for _, c := range uncertain.Concepts {
			for i := range v.ss.DMs {
				rec = append(rec, b01(ua.Stable(c, i, s)))
			}
		}
		for k := range uncertain.Concepts {
			rec = append(rec, b01(isEq[k][s]))
		}
		if err := w.Write(rec); err != nil {
			return err
		}
	}
	w.Flush()
	return w.Error()
}

// csvName is "GMR_a".
func csvName(c uncertain.Concept) string { return c.Base.String() + "_" + c.Ext.String() }

// WriteUncertainExplanations writes explanations of stability under
// preference uncertainty: for each, the DM's moves the definition
// considers and, for each move, the sanction witness or its absence.
func WriteUncertainExplanations(out io.Writer, r *analysis.Result, rel *uncertain.Relation, exs []*uncertain.Explanation, f Format) error {
	v, err := newView(r, false)
	if err != nil {
		return err
	}
	switch f {
	case Text, Markdown:
		v.display()
		return uncertainExplainText(out, v, rel, exs, f == Markdown)
	case JSON:
		return uncertainExplainJSON(out, v, rel, exs)
	}
	return fmt.Errorf("the %v format is not available for explanations; use text, markdown or json", f)
}

func (v *view) relText(rel *uncertain.Relation, dm, t, s int) string {
	switch rel.Compare(dm, t, s) {
	case ">":
		return "prefers it to state " + number(s)
	case "<":
		return "prefers state " + number(s)
	case "~":
		return "is indifferent between it and state " + number(s)
	}
	return "does not know how it compares with state " + number(s)
}

func uncertainExplainText(out io.Writer, v *view, rel *uncertain.Relation, exs []*uncertain.Explanation, md bool) error {
	w := bufio.NewWriter(out)
	d := mdDoc{w, md}
	d.title(v.title() + ": stability under preference uncertainty explained")
	d.line(v.summary())
	if names := v.dmNames("DMs: ", ""); names != "" {
		d.line(names)
	}
	for _, ex := range exs {
		dm := v.ss.DMs[ex.DM].ID
		verdict := "unstable"
		if ex.Stable {
			verdict = "stable"
		}
		d.section(fmt.Sprintf("%v stability of state %s%s for %s: %s", ex.Concept, number(ex.State), idNote(v, ex.State), dm, verdict))
		d.item(1, "  ", fmt.Sprintf("(%v): %s.", ex.Concept.Ext, extensionMeanings[ex.Concept.Ext.String()]))
		d.endList()
		if len(ex.Moves) == 0 {
			d.item(1, "  ", fmt.Sprintf("%s has no move this definition considers from state %s.", dm, number(ex.State)))
			d.endList()
			continue
		}
		for k, m := range ex.Moves {
			k++
			kind := "a unilateral improvement"
			if m.Unknown {
				kind = "a move to a state of unknown preference"
			}
			d.numbered(k, fmt.Sprintf("%s (%s).", v.moveText(ex.DM, ex.State, m.Move), kind))
			if ex.Concept.Base == stability.Nash {
				continue
			}
			if m.End < 0 && m.Escaped != nil {
				e := m.Escaped
				d.under(k, fmt.Sprintf("No sanction survives %s's counter-response; the shortest sanction %s escapes from:", dm, dm))
				d.steps(k, v, e.Sequence)
				d.under(k, fmt.Sprintf("It ends at state %s; %s %s, but %s escapes: %s; %s %s, so state %s does not deter %s under SMR.",
					number(e.End), dm, v.relText(rel, ex.DM, e.End, ex.State), dm, v.moveText(ex.DM, e.End, e.Escape),
					dm, v.relText(rel, ex.DM, e.Escape, ex.State), number(e.End), dm))
				continue
			}
			if m.End < 0 {
				d.under(k, fmt.Sprintf("No sanction: no legal sequence of the other DMs' %s from state %s ends in a state that deters %s.",
					map[bool]string{true: "improvements or moves of unknown preference", false: "moves"}[ex.Concept.Base == stability.SEQ], number(m.Move), dm))
				continue
			}
			d.steps(k, v, m.Sequence)
			d.under(k, fmt.Sprintf("It ends at state %s; %s %s.", number(m.End), dm, v.relText(rel, ex.DM, m.End, ex.State)))
		}
		d.endList()
	}
	return w.Flush()
}

type jsonUncertainMove struct {
	To       int           `json:"to"`
	Unknown  bool          `json:"unknown"`
	Sequence []jsonUncStep `json:"sequence"`
	End      *int          `json:"end"`
	Relation string        `json:"relation,omitempty"`
	Escaped  *jsonEscaped  `json:"escaped,omitempty"`
}

// jsonEscaped is a sanction SMR rejects because the DM escapes from its
// end (uncertain.Escaped).
type jsonEscaped struct {
	Sequence []jsonUncStep `json:"sequence"`
	End      int           `json:"end"`
	Escape   int           `json:"escape"`
}

type jsonUncStep struct {
	Mover string `json:"mover"`
	From  int    `json:"from"`
	To    int    `json:"to"`
}

// jsonSteps is a sanctioning sequence of the unknown-preference or strength
// analyses (which share the step type) in JSON: never null, [] when empty.
func jsonSteps(v *view, seq []uncertain.Step) []jsonUncStep {
	out := make([]jsonUncStep, 0, len(seq))
	for _, st := range seq {
		out = append(out, jsonUncStep{Mover: v.ss.DMs[st.Mover].ID, From: statespace.Number(st.From), To: statespace.Number(st.To)})
	}
	return out
}

// writeSteps prints a sanctioning sequence as numbered steps, indented
// under its move.
func writeSteps(w io.Writer, v *view, seq []uncertain.Step) {
	for j, st := range seq {
		fmt.Fprintf(w, "     step %d: %s\n", j+1, v.moveText(st.Mover, st.From, st.To))
	}
}

type jsonUncertainExplanation struct {
	Concept string              `json:"concept"`
	DM      string              `json:"dm"`
	State   int                 `json:"state"`
	Stable  bool                `json:"stable"`
	Moves   []jsonUncertainMove `json:"moves"`
}

func uncertainExplainJSON(out io.Writer, v *view, rel *uncertain.Relation, exs []*uncertain.Explanation) error {
	doc := struct {
		Schema        string                     `json:"$schema"`
		Kind          string                     `json:"kind"`
		FormatVersion int                        `json:"format_version"`
		Title         string                     `json:"title"`
		Explanations  []jsonUncertainExplanation `json:"explanations"`
	}{Schema: schemaBase + "uncertain-explanation.schema.json", Kind: "uncertain-explanation", FormatVersion: 1, Title: v.title(), Explanations: []jsonUncertainExplanation{}}
	for _, ex := range exs {
		je := jsonUncertainExplanation{Concept: ex.Concept.String(), DM: v.ss.DMs[ex.DM].ID, State: statespace.Number(ex.State), Stable: ex.Stable, Moves: []jsonUncertainMove{}}
		for _, m := range ex.Moves {
			jm := jsonUncertainMove{To: statespace.Number(m.Move), Unknown: m.Unknown, Sequence: jsonSteps(v, m.Sequence)}
			if m.End >= 0 {
				e := statespace.Number(m.End)
				jm.End = &e
				jm.Relation = rel.Compare(ex.DM, m.End, ex.State)
			}
			if e := m.Escaped; e != nil {
				jm.Escaped = &jsonEscaped{Sequence: v.jsonSteps(e.Sequence), End: statespace.Number(e.End), Escape: statespace.Number(e.Escape)}
			}
			je.Moves = append(je.Moves, jm)
		}
		doc.Explanations = append(doc.Explanations, je)
	}
	b, err := encode(doc, "", true)
	if err != nil {
		return err
	}
	_, err = out.Write(b)
	return err
}

// jsonSteps converts a sanctioning sequence for JSON.
func (v *view) jsonSteps(seq []uncertain.Step) []jsonUncStep {
	out := []jsonUncStep{}
	for _, st := range seq {
		out = append(out, jsonUncStep{Mover: v.ss.DMs[st.Mover].ID, From: statespace.Number(st.From), To: statespace.Number(st.To)})
	}
	return out
}
