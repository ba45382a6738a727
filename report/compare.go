package report

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/gmcr/gmcr/model"
	"github.com/gmcr/gmcr/scenario"
	"github.com/gmcr/gmcr/stability"
	"github.com/gmcr/gmcr/statespace"
	"github.com/jedib0t/go-pretty/v6/table"
	"github.com/jedib0t/go-pretty/v6/text"
)

// WriteComparison writes a scenario comparison (scenario.Compare's
// result) in format f: text, markdown or json (docs/comparison.schema.json).
//
// The text and Markdown forms list the scenarios (labelled S1, S2, ... in
// the tables) with what each changes, a summary of the equilibrium counts,
// and for each concept a table with one row per state that is an
// equilibrium in the base or in some scenario: its options (Y/N grouped by
// DM; states are identified across models by them), its number in the
// base and its status in each scenario, followed by the reasons for every
// equilibrium that appeared or disappeared. CSV is refused.
//
// A scenario that could not be analysed (an Outcome with Err, from
// scenario.CompareEach) keeps its place and label: the text forms show its
// error in the list of scenarios and leave it out of the tables; the JSON
// form gives it an "error" field instead of its analysis.
func WriteComparison(w io.Writer, c *scenario.Comparison, f Format, opt Options) error {
	cv, err := newCompareView(c)
	if err != nil {
		return err
	}
	if f != JSON {
		cv.base.display()
		for _, v := range cv.scens {
			if v != nil {
				v.display()
			}
		}
	}
	switch f {
	case Text, Markdown:
		bw := bufio.NewWriter(w)
		cv.writeText(bw, f == Markdown)
		return bw.Flush()
	case JSON:
		return cv.writeJSON(w)
	}
	return fmt.Errorf("the %v format is not available for comparisons; use text, markdown or json", f)
}

// compareView is what the comparison formats read.
type compareView struct {
	c     *scenario.Comparison
	base  *view
	scens []*view
}

// newCompareView checks c and builds a view of every model in it.
func newCompareView(c *scenario.Comparison) (*compareView, error) {
	if c == nil || c.Base == nil {
		return nil, errors.New("report: empty comparison")
	}
	bv, err := newView(c.Base, true)
	if err != nil {
		return nil, err
	}
	cv := &compareView{c: c, base: bv}
	for _, o := range c.Scenarios {
		if o != nil && o.Scenario != nil && o.Err != nil {
			cv.scens = append(cv.scens, nil)
			continue
		}
		if o == nil || o.Scenario == nil || len(o.Diffs) != len(c.Concepts) {
			return nil, errors.New("report: incomplete scenario outcome")
		}
		v, err := newView(o.Result, true)
		if err != nil {
			return nil, err
		}
		cv.scens = append(cv.scens, v)
	}
	return cv, nil
}

// label is the short name in tables of o, scenario k of the comparison:
// S and its Number (so a report that leaves failed scenarios out numbers
// the others as gmcr compare does), or S and k+1 when it has none.
func label(k int, o *scenario.Outcome) string {
	if o != nil && o.Number > 0 {
		return fmt.Sprintf("S%d", o.Number)
	}
	return fmt.Sprintf("S%d", k+1)
}

// pattern is the grouped Y/N pattern of a code.
func (cv *compareView) pattern(code uint64) string {
	ss := cv.base.ss
	var b strings.Builder
	for i, d := range ss.DMs {
		if i > 0 {
			b.WriteByte(' ')
		}
		for bit := d.Lo; bit < d.Lo+d.Width; bit++ {
			b.WriteByte(yn(code&(1<<bit) != 0))
		}
	}
	return b.String()
}

// graphState describes the state of graph-form model m with the given id:
// "state s3 (Name; raise taken)", the name and the options taken when the
// file gives them.
func graphState(m *model.Model, id string) string {
	out := "state " + id
	i := -1
	if m != nil {
		i = m.StateIndex(id)
	}
	if i < 0 {
		return out
	}
	var about []string
	if st := m.States[i]; st.Name != "" {
		about = append(about, st.Name)
	}
	if len(m.Options) > 0 {
		if t := m.States[i].Taken; len(t) > 0 {
			about = append(about, strings.Join(t, ", ")+" taken")
		} else {
			about = append(about, "nothing taken")
		}
	}
	if len(about) > 0 {
		out += " (" + strings.Join(about, "; ") + ")"
	}
	return out
}

// changeCodes describes the options that differ from code from to code
// to (describeChange), or in a graph-form model without options the
// state moved to.
func (cv *compareView) changeCodes(from, to uint64) string {
	if ss := cv.base.ss; ss.Graph() && len(ss.Options) == 0 {
		return "to " + cv.stateID(to)
	}
	return describeChange(cv.base.ss.Options, from, to, false)
}

// graph reports whether the models compared are in graph form: their
// states are listed, identified by id, and (a scenario changing only
// preferences) the same in every model, with the same numbers.
func (cv *compareView) graph() bool { return cv.base.ss.Graph() }

// stateID is the id of the graph-form state with the given code.
func (cv *compareView) stateID(code uint64) string {
	if i, ok := cv.base.ss.Index(code); ok {
		return cv.base.ss.StateID(i)
	}
	return fmt.Sprint(code)
}

// stateCell identifies the state with the given code in the tables: its
// grouped Y/N pattern, or its id in graph form.
func (cv *compareView) stateCell(code uint64) string {
	if cv.graph() {
		return cv.stateID(code)
	}
	return cv.pattern(code)
}

// summarize says in one line what a scenario of model m changes.
func summarize(m *model.Model, sc *model.Scenario) string {
	var parts []string
	if len(sc.Force) > 0 {
		parts = append(parts, "force "+strings.Join(sc.Force, ", "))
	}
	if len(sc.Forbid) > 0 {
		parts = append(parts, "forbid "+strings.Join(sc.Forbid, ", "))
	}
	for _, st := range sc.Infeasible {
		if st.Origin != nil {
			parts = append(parts, st.Text)
		} else {
			parts = append(parts, "infeasible: "+canonical(st))
		}
	}
	if sq := sc.StatusQuo; sq != nil {
		switch {
		case sq.State != "":
			// Graph form names the status quo by state id.
			parts = append(parts, "status quo: "+graphState(m, sq.State))
		case len(sq.Taken) == 0:
			parts = append(parts, "status quo: nothing taken")
		default:
			parts = append(parts, "status quo: "+strings.Join(sq.Taken, ", "))
		}
	}
	onlyUnknown := true
	for _, p := range sc.Prefs {
		var what []string
		switch {
		case len(p.Statements) > 0:
			what = append(what, fmt.Sprintf("replaced by %s", plural(len(p.Statements), "statement")))
		case len(p.Ranking) > 0:
			what = append(what, "replaced by a ranking")
		}
		for _, st := range p.Remove {
			what = append(what, fmt.Sprintf("remove %q", canonical(st)))
		}
		for _, pl := range p.Add {
			if pl.At > 0 {
				what = append(what, fmt.Sprintf("add %q at %d", canonical(pl.Statement), pl.At))
			} else {
				what = append(what, fmt.Sprintf("add %q last", canonical(pl.Statement)))
			}
		}
		for _, pl := range p.Move {
			what = append(what, fmt.Sprintf("move %q to %d", canonical(pl.Statement), pl.At))
		}
		if p.ClearUnknown {
			what = append(what, "unknown comparisons cleared")
		}
		for _, st := range p.Sure {
			what = append(what, fmt.Sprintf("sure of %q", canonical(st)))
		}
		for _, st := range p.Unsure {
			what = append(what, fmt.Sprintf("unsure of %q", canonical(st)))
		}
		if len(p.Unknown) > 0 {
			what = append(what, plural(len(p.Unknown), "unknown group")+" added")
		}
		parts = append(parts, p.DM+" preferences: "+strings.Join(what, ", "))
		onlyUnknown = onlyUnknown && p.OnlyUnknown()
	}
	if len(parts) == 0 {
		return "no changes"
	}
	text := strings.Join(parts, "; ")
	if onlyUnknown && len(sc.Prefs) > 0 && len(sc.Force)+len(sc.Forbid)+len(sc.Infeasible) == 0 && sc.StatusQuo == nil {
		text += " (unknown comparisons only, which these concepts ignore: see compare --uncertain)"
	}
	return text
}

// canonical returns a statement as written, or its canonical form.
func canonical(st model.Statement) string {
	if st.Text != "" || st.Expr == nil {
		return st.Text
	}
	return st.Expr.String()
}

// countCell returns the number of equilibria of a concept, with the numbers
// that appeared and disappeared: "57 (+3 -27)", or "1" when none did.
func countCell(n int, d *scenario.Diff) string {
	if d == nil || len(d.Appeared)+len(d.Disappeared) == 0 {
		return fmt.Sprint(n)
	}
	return fmt.Sprintf("%d (+%d -%d)", n, len(d.Appeared), len(d.Disappeared))
}

// row of a concept table: a state that is an equilibrium somewhere.
type cmpRow struct {
	code  uint64
	base  int // index in the base, -1 if infeasible
	eqB   bool
	cells []string
}

// conceptRows builds the rows of concept k's table, in ascending code.
func (cv *compareView) conceptRows(k int) []cmpRow {
	c := cv.c
	rows := map[uint64]*cmpRow{}
	get := func(code uint64) *cmpRow {
		if r, ok := rows[code]; ok {
			return r
		}
		r := &cmpRow{code: code, base: -1, cells: make([]string, len(c.Scenarios))}
		if s, ok := c.Base.Space.Index(code); ok {
			r.base = s
		}
		rows[code] = r
		return r
	}
	for _, s := range cv.base.eqList[k] {
		get(cv.base.ss.Codes[s]).eqB = true
	}
	for j, o := range c.Scenarios {
		if o.Err != nil {
			continue
		}
		d := &o.Diffs[k]
		for _, st := range d.Kept {
			get(st.Code).cells[j] = number(st.Scenario)
		}
		for _, ch := range d.Appeared {
			get(ch.State.Code).cells[j] = "+" + number(ch.State.Scenario)
		}
		for _, ch := range d.Disappeared {
			if ch.State.Scenario < 0 {
				get(ch.State.Code).cells[j] = "-x"
			} else {
				get(ch.State.Code).cells[j] = "-(" + number(ch.State.Scenario) + ")"
			}
		}
	}
	codes := make([]uint64, 0, len(rows))
	for code := range rows {
		codes = append(codes, code)
	}
	slices.Sort(codes) // tens of thousands of rows at 20 options: not an insertion sort
	out := make([]cmpRow, len(codes))
	for i, code := range codes {
		out[i] = *rows[code]
	}
	return out
}

// writeText writes the text or Markdown comparison.
func (cv *compareView) writeText(w *bufio.Writer, md bool) {
	c, bv := cv.c, cv.base
	e := func(s string) string { return mdText(s, md) }
	h := func(level int, s string) {
		if md {
			fmt.Fprintf(w, "%s %s\n\n", strings.Repeat("#", level), escapeMD(s))
		} else {
			fmt.Fprintf(w, "%s\n", s)
		}
	}
	item := func(format string, a ...any) {
		if md {
			fmt.Fprintf(w, "- %s\n", fmt.Sprintf(format, a...))
		} else {
			fmt.Fprintf(w, "  %s\n", fmt.Sprintf(format, a...))
		}
	}
	names := make([]string, len(c.Concepts))
	for i, k := range c.Concepts {
		names[i] = k.String()
	}
	h(1, bv.title()+": scenarios compared")
	if md {
		fmt.Fprintf(w, "Base model: %s.\n\n%sConcepts: %s.\n\n", bv.summary(), e(bv.dmNames("DMs: ", ".\n\n")), strings.Join(names, ", "))
	} else {
		fmt.Fprintf(w, "Base model: %s\n%sConcepts: %s\n\n", bv.summary(), bv.dmNames("DMs: ", "\n"), strings.Join(names, ", "))
	}

	h(2, "Scenarios")
	for j, o := range c.Scenarios {
		sc, sv := o.Scenario, cv.scens[j]
		sc = displayScenario(sc) // the comparison's text formats only: JSON does not come here
		head := label(j, o) + " " + sc.ID
		if sc.Name != "" {
			head += ": " + sc.Name
		}
		if md {
			fmt.Fprintf(w, "- **%s** %s\n", label(j, o), e(strings.TrimPrefix(head, label(j, o)+" ")))
		} else {
			fmt.Fprintf(w, "  %s\n", head)
		}
		sub := func(format string, a ...any) {
			if md {
				fmt.Fprintf(w, "  - %s\n", fmt.Sprintf(format, a...))
			} else {
				fmt.Fprintf(w, "      %s\n", fmt.Sprintf(format, a...))
			}
		}
		if o.Err != nil {
			sub("%s", e("Changes: "+summarize(bv.ss.Model, sc)))
			sub("%s", e("Could not be analysed, left out of the tables: "+o.Err.Error()))
			if sc.Source != "" {
				sub("%s", e("Source: "+sc.Source))
			}
			continue
		}
		sub("%s", e("Changes: "+summarize(sv.ss.Model, sc)))
		sq := "no status quo"
		if sv.sq >= 0 {
			sq = "status quo: state " + number(sv.sq)
		}
		sub("%s; %s", plural(sv.ss.Len(), "feasible state"), sq)
		if sc.Source != "" {
			sub("%s", e("Source: "+sc.Source))
		}
	}
	w.WriteString("\n")

	h(2, "Number of equilibria")
	t := newTable(md, true)
	hdr := row("Model", "States")
	for _, n := range names {
		hdr = append(hdr, n)
	}
	t.AppendHeader(hdr)
	r := row("Base", fmt.Sprint(bv.ss.Len()))
	for k := range c.Concepts {
		r = append(r, fmt.Sprint(len(bv.eqList[k])))
	}
	t.AppendRow(r)
	for j, o := range c.Scenarios {
		if o.Err != nil {
			r := row(label(j, o), "failed")
			for range c.Concepts {
				r = append(r, "")
			}
			t.AppendRow(r)
			continue
		}
		r := row(label(j, o), fmt.Sprint(cv.scens[j].ss.Len()))
		for k := range c.Concepts {
			r = append(r, countCell(len(cv.scens[j].eqList[k]), &o.Diffs[k]))
		}
		t.AppendRow(r)
	}
	cfg := []table.ColumnConfig{{Number: 1, WidthMin: minWidth(md)}, {Number: 2, Align: text.AlignRight, AlignHeader: text.AlignRight, WidthMin: minWidth(md)}}
	for k := range c.Concepts {
		cfg = append(cfg, table.ColumnConfig{Number: k + 3, WidthMin: minWidth(md)})
	}
	t.SetColumnConfigs(cfg)
	w.WriteString(render(t, md) + "\n\n")
	item("%s", e("In parentheses: equilibria that appeared (+) and disappeared (-) relative to the base model."))
	w.WriteString("\n")

	h(2, "How to read the tables")
	if cv.graph() {
		item("%s", e("States are identified by their id: in graph form the states are listed in the file and a scenario changes preferences only, so every model has the same states with the same numbers."))
	} else {
		item("%s", e("States are identified across models by the options taken in them; their numbers differ between models. Options: Y = taken, N = not taken, grouped by DM ("+bv.patternKey()+")."))
	}
	item("Base: the state's number in the base model if it is an equilibrium there, in parentheses if it is feasible but not an equilibrium, x if infeasible.")
	item("Scenario columns: the state's number in the scenario if it is an equilibrium there (+ when it is not one in the base); -(n) when a base equilibrium is no longer one (n: its number in the scenario), -x when it is infeasible in the scenario; empty when it is an equilibrium in neither.")
	w.WriteString("\n")

	for k, concept := range c.Concepts {
		h(2, concept.String()+" equilibria")
		rows := cv.conceptRows(k)
		if len(rows) == 0 {
			item("No %v equilibrium in the base model or in any scenario.", concept)
			w.WriteString("\n")
			continue
		}
		t := newTable(md, true)
		first := "Options"
		if cv.graph() {
			first = "State"
		}
		hdr := row(first, "Base")
		cols := 0
		for j, o := range c.Scenarios {
			if o.Err == nil {
				hdr = append(hdr, label(j, o))
				cols++
			}
		}
		t.AppendHeader(hdr)
		for _, rw := range rows {
			b := "x"
			switch {
			case rw.base >= 0 && rw.eqB:
				b = number(rw.base)
			case rw.base >= 0:
				b = "(" + number(rw.base) + ")"
			}
			r := row(cv.stateCell(rw.code), b)
			for j, cell := range rw.cells {
				if c.Scenarios[j].Err == nil {
					r = append(r, cell)
				}
			}
			t.AppendRow(r)
		}
		cfg := []table.ColumnConfig{{Number: 1, WidthMin: minWidth(md)}}
		for j := 0; j <= cols; j++ {
			cfg = append(cfg, table.ColumnConfig{Number: j + 2, Align: text.AlignRight, AlignHeader: text.AlignRight, WidthMin: minWidth(md)})
		}
		t.SetColumnConfigs(cfg)
		w.WriteString(render(t, md) + "\n\n")
		for j, o := range c.Scenarios {
			if o.Err != nil {
				continue
			}
			d := &o.Diffs[k]
			if len(d.Appeared)+len(d.Disappeared) == 0 {
				continue
			}
			title := fmt.Sprintf("%s %s: %s kept, %d appeared, %d disappeared", label(j, o), o.Scenario.ID, fmt.Sprint(len(d.Kept)), len(d.Appeared), len(d.Disappeared))
			if md {
				fmt.Fprintf(w, "**%s**\n\n", e(title))
			} else {
				fmt.Fprintf(w, "%s\n", title)
			}
			for _, ch := range d.Appeared {
				cv.writeChange(w, md, j, concept, ch, true)
			}
			for _, ch := range d.Disappeared {
				cv.writeChange(w, md, j, concept, ch, false)
			}
			w.WriteString("\n")
		}
	}
	h(2, "Notes")
	item("%s", e("A disappeared equilibrium is explained, for each DM for which it is no longer stable, by the unilateral improvement (UI) an analyst would cite: the DM's most preferred UI among those nothing sanctions in the scenario (the text says when the DM prefers a sanctioned one), and what that move was in the base; an appeared one by the DM's most preferred UI that was unsanctioned in the base, and what it is in the scenario. To see every UI and sanction of a state: 'gmcr explain FILE --state N' in the base model (N: its base number), 'gmcr explain FILE --scenario ID --state N' in a scenario (N: its number in the scenario)."))
	item("%s", e(seqSimNote))
}

// writeChange writes one appeared (plus) or disappeared equilibrium of
// scenario j and why.
func (cv *compareView) writeChange(w *bufio.Writer, md bool, j int, concept stability.Concept, ch scenario.Change, plus bool) {
	sv := cv.scens[j]
	st := ch.State
	where := []string{}
	if st.Base >= 0 {
		where = append(where, "base "+number(st.Base))
	}
	if st.Scenario >= 0 {
		where = append(where, "scenario "+number(st.Scenario))
	}
	mark := "-"
	if plus {
		mark = "+"
	}
	var head string
	switch ch.Reason {
	case scenario.Infeasible:
		head = "infeasible in the scenario"
	case scenario.NewlyFeasible:
		head = "infeasible in the base model"
	default:
		ids := make([]string, len(ch.Shifts))
		for i, sh := range ch.Shifts {
			ids[i] = cv.base.ss.DMs[sh.DM].ID
		}
		if plus {
			head = "now stable for " + andJoin(ids)
		} else {
			head = "no longer stable for " + andJoin(ids)
		}
	}
	about := strings.Join(where, ", ")
	if i, ok := cv.base.ss.Index(st.Code); ok && cv.graph() && cv.base.ss.Model.States[i].Name != "" {
		about = cv.base.ss.Model.States[i].Name + "; " + about // a graph-form state's name
	}
	line := fmt.Sprintf("%s %s (%s): %s", mark, cv.stateCell(st.Code), about, head)
	if md {
		fmt.Fprintf(w, "- **%s** %s\n", mark, mdText(strings.TrimPrefix(line, mark+" "), true))
	} else {
		fmt.Fprintf(w, "  %s\n", line)
	}
	for _, sh := range ch.Shifts {
		s := cv.shiftText(sv, concept, st, sh, plus)
		if md {
			fmt.Fprintf(w, "  - %s\n", mdText(s, true))
		} else {
			fmt.Fprintf(w, "      %s\n", s)
		}
	}
}

// shiftText explains one DM's change of stability.
func (cv *compareView) shiftText(sv *view, concept stability.Concept, st scenario.State, sh scenario.Shift, plus bool) string {
	dm := cv.base.ss.DMs[sh.DM].ID
	move := cv.changeCodes(st.Code, sh.UI.Code)
	here, there := "scenario", "base"
	uiNum, otherNum := sh.UI.Scenario, sh.UI.Base
	otherView := cv.base
	if plus {
		here, there = "base", "scenario"
		uiNum, otherNum = sh.UI.Base, sh.UI.Scenario
		otherView = sv
	}
	var b strings.Builder
	tense := "is"
	if plus {
		tense = "was"
	}
	which := "most preferred improvement"
	if !sh.MostPreferred {
		which = "most preferred unsanctioned improvement (it prefers sanctioned ones)"
	}
	if concept == stability.Nash {
		fmt.Fprintf(&b, "%s: in the %s, its %s %s the move to %s state %s (rank %d; %s)", dm, here, which, tense, here, number(uiNum), sh.Rank, move)
	} else {
		fmt.Fprintf(&b, "%s: in the %s, its %s, to %s state %s (rank %d; %s), %s unsanctioned", dm, here, which, here, number(uiNum), sh.Rank, move, tense)
	}
	verb := "was"
	if plus {
		verb = "is"
	}
	switch sh.Other {
	case scenario.MoveInfeasible:
		fmt.Fprintf(&b, "; in the %s that state is infeasible", there)
	case scenario.MoveNotImproving:
		fmt.Fprintf(&b, "; in the %s that move (to state %s) %s not an improvement for %s", there, number(otherNum), verb, dm)
	case scenario.MoveSanctioned:
		fmt.Fprintf(&b, "; in the %s it %s sanctioned", there, verb)
		if w := sh.Sanction; w != nil && w.End >= 0 {
			switch {
			case len(w.Choices) > 0:
				fmt.Fprintf(&b, " by the others' simultaneous moves (ending at %s state %s)", there, number(w.End))
			case len(w.Sequence) > 0:
				movers := make([]string, len(w.Sequence))
				for i, s := range w.Sequence {
					movers[i] = otherView.ss.DMs[s.Mover].ID
				}
				turn := ""
				if len(movers) > 1 {
					turn = " in turn"
				}
				fmt.Fprintf(&b, " by %s%s (ending at %s state %s)", andJoin(movers), turn, there, number(w.End))
			default:
				fmt.Fprintf(&b, " (at %s state %s)", there, number(w.End))
			}
		}
	case scenario.MoveUnsanctioned:
		fmt.Fprintf(&b, "; in the %s it %s unsanctioned too", there, verb)
	}
	return b.String()
}

// andJoin writes "a", "a and b", "a, b and c".
func andJoin(list []string) string {
	if len(list) <= 1 {
		return strings.Join(list, "")
	}
	return strings.Join(list[:len(list)-1], ", ") + " and " + list[len(list)-1]
}

// ComparisonSchemaID is the $id of docs/comparison.schema.json, the JSON
// Schema of the comparison document.
const ComparisonSchemaID = "https://github.com/gmcr/gmcr/docs/comparison.schema.json"

// jsonCmpState is a state of a comparison (schema: $defs/state).
type jsonCmpState struct {
	Code     uint64   `json:"code"`
	ID       string   `json:"id,omitempty"` // graph form only
	Pattern  string   `json:"pattern"`
	Taken    []string `json:"taken"`
	Base     *int     `json:"base"`
	Scenario *int     `json:"scenario"`
}

// jsonShift is one DM's change of stability (schema: $defs/shift).
type jsonShift struct {
	DM             string        `json:"dm"`
	UI             jsonCmpState  `json:"ui"`
	Move           string        `json:"move"`
	Rank           int           `json:"rank"`
	MostPreferred  bool          `json:"most_preferred"`
	Other          string        `json:"other"`
	SanctionMovers []string      `json:"sanction_movers,omitempty"`
	SanctionEnd    *jsonCmpState `json:"sanction_end,omitempty"`
}

// jsonChange is an equilibrium that appeared or disappeared (schema:
// $defs/change).
type jsonChange struct {
	State  jsonCmpState `json:"state"`
	Reason string       `json:"reason"`
	DMs    []jsonShift  `json:"dms"`
}

// jsonDiff compares one concept's equilibria (schema: $defs/diff).
type jsonDiff struct {
	Equilibria  []int          `json:"equilibria"`
	Kept        []jsonCmpState `json:"kept"`
	Appeared    []jsonChange   `json:"appeared"`
	Disappeared []jsonChange   `json:"disappeared"`
}

// jsonScenario is one scenario and its comparisons (schema:
// $defs/scenario).
type jsonScenario struct {
	ID          string             `json:"id"`
	Name        string             `json:"name"`
	Description string             `json:"description"`
	Note        string             `json:"note"`
	Source      string             `json:"source"`
	Changes     string             `json:"changes"`
	StateCount  int                `json:"state_count"`
	StatusQuo   *int               `json:"status_quo"`
	Concepts    *ordered[jsonDiff] `json:"concepts"`
}

// jsonFailedScenario is a scenario that could not be analysed (schema:
// $defs/scenario, with "error" instead of the analysis).
type jsonFailedScenario struct {
	ID          string `json:"id"`
	Name        string `json:"name"`
	Description string `json:"description"`
	Note        string `json:"note"`
	Source      string `json:"source"`
	Changes     string `json:"changes"`
	Error       string `json:"error"`
}

// jsonCmpBase is the base model's side of the comparison.
type jsonCmpBase struct {
	StateCount int             `json:"state_count"`
	StatusQuo  *int            `json:"status_quo"`
	Equilibria *ordered[[]int] `json:"equilibria"`
}

// jsonComparison is the document docs/comparison.schema.json describes.
type jsonComparison struct {
	Schema        string            `json:"$schema"`
	Kind          string            `json:"kind"`
	FormatVersion int               `json:"format_version"`
	Model         jsonModel         `json:"model"`
	Concepts      []string          `json:"concepts"`
	Base          jsonCmpBase       `json:"base"`
	Scenarios     []any             `json:"scenarios"` // jsonScenario or jsonFailedScenario
	Definitions   map[string]string `json:"definitions"`
}

// sqNumber is the status quo's number, or nil.
func sqNumber(v *view) *int {
	if v.sq < 0 {
		return nil
	}
	n := statespace.Number(v.sq)
	return &n
}

// numPtr is the number of state s, or nil for -1.
func numPtr(s int) *int {
	if s < 0 {
		return nil
	}
	n := statespace.Number(s)
	return &n
}

// jsonState describes st.
func (cv *compareView) jsonState(st scenario.State) jsonCmpState {
	taken := cv.c.Taken(st.Code)
	if taken == nil {
		taken = []string{}
	}
	pattern := make([]byte, len(cv.base.ss.Options))
	for b := range pattern {
		pattern[b] = yn(st.Code&(1<<uint(b)) != 0)
	}
	js := jsonCmpState{Code: st.Code, Pattern: string(pattern), Taken: taken, Base: numPtr(st.Base), Scenario: numPtr(st.Scenario)}
	if cv.graph() {
		js.ID = cv.stateID(st.Code)
	}
	return js
}

// jsonChanges describes the appeared (plus) or disappeared equilibria
// of scenario j.
func (cv *compareView) jsonChanges(j int, list []scenario.Change, plus bool) []jsonChange {
	out := []jsonChange{}
	for _, ch := range list {
		jc := jsonChange{State: cv.jsonState(ch.State), Reason: ch.Reason.String(), DMs: []jsonShift{}}
		for _, sh := range ch.Shifts {
			js := jsonShift{DM: cv.base.ss.DMs[sh.DM].ID, UI: cv.jsonState(sh.UI), Move: cv.changeCodes(ch.State.Code, sh.UI.Code), Rank: sh.Rank, MostPreferred: sh.MostPreferred, Other: sh.Other.String()}
			if w := sh.Sanction; w != nil && w.End >= 0 {
				other := cv.base
				if plus {
					other = cv.scens[j]
				}
				for _, s := range w.Sequence {
					js.SanctionMovers = append(js.SanctionMovers, other.ss.DMs[s.Mover].ID)
				}
				for _, c := range w.Choices {
					if !c.Stays {
						js.SanctionMovers = append(js.SanctionMovers, other.ss.DMs[c.DM].ID)
					}
				}
				end := scenario.State{Code: other.ss.Codes[w.End], Base: -1, Scenario: -1}
				end.Base = lookupIndex(cv.base, end.Code)
				end.Scenario = lookupIndex(cv.scens[j], end.Code)
				es := cv.jsonState(end)
				js.SanctionEnd = &es
			}
			jc.DMs = append(jc.DMs, js)
		}
		out = append(out, jc)
	}
	return out
}

// lookupIndex is the index of the state with the given code in v, or -1.
func lookupIndex(v *view, code uint64) int {
	if s, ok := v.ss.Index(code); ok {
		return s
	}
	return -1
}

// writeJSON writes the comparison document.
func (cv *compareView) writeJSON(out io.Writer) error {
	c := cv.c
	doc := jsonComparison{Schema: ComparisonSchemaID, Kind: "comparison", FormatVersion: FormatVersion, Model: modelJSON(cv.base),
		Concepts: []string{}, Scenarios: []any{},
		Base: jsonCmpBase{StateCount: cv.base.ss.Len(), StatusQuo: sqNumber(cv.base), Equilibria: newOrdered[[]int](len(c.Concepts))},
		Definitions: map[string]string{
			"numbering": numberingNote + " A scenario keeps every option and DM, so a state has the same code and options in the base and in every scenario, but usually another number.",
			"state":     "A state is given by its code, Y/N pattern and taken options, with its number in the base model and in the scenario (null where it is infeasible).",
			"changes":   "For each concept: the equilibria of the scenario (its own numbers), and the base equilibria kept, the equilibria that appeared and those that disappeared. reason: \"infeasible\" (disappeared: the state is infeasible in the scenario), \"newly feasible\" (appeared in a state the base rules out), or \"stability changed\": dms lists each DM whose stability changed, with one unilateral improvement (ui) that is unsanctioned where the state is unstable for it (the scenario for a disappeared equilibrium, the base for an appeared one) and what that move is in the other model (other: infeasible, not an improvement, sanctioned; for sanctioned, the movers of the sanction and the state it ends at).",
		}}
	if cv.graph() {
		doc.Definitions["numbering"] = "The states are those the model lists under states:, numbered 1, 2, ... in that order; code is the state's option values as in option form, or its 0-based index when the model has no options. A scenario of a graph-form model changes preferences only, so a state has the same id, code and number in the base and in every scenario."
		doc.Definitions["state"] = "A state is given by its id, code, Y/N pattern and taken options (empty without options), with its number in the base model and in the scenario."
	}
	for k, concept := range c.Concepts {
		doc.Concepts = append(doc.Concepts, concept.String())
		nums := []int{}
		for _, s := range cv.base.eqList[k] {
			nums = append(nums, statespace.Number(s))
		}
		doc.Base.Equilibria.set(concept.String(), nums)
	}
	if len(c.Failed()) > 0 {
		doc.Definitions["error"] = "A scenario with error could not be applied or analysed: error says why, and it has no state_count, status_quo or concepts."
	}
	for j, o := range c.Scenarios {
		sc, sv := o.Scenario, cv.scens[j]
		if o.Err != nil {
			doc.Scenarios = append(doc.Scenarios, jsonFailedScenario{ID: sc.ID, Name: sc.Name, Description: sc.Description, Note: sc.Note, Source: sc.Source,
				Changes: summarize(cv.base.ss.Model, sc), Error: o.Err.Error()})
			continue
		}
		js := jsonScenario{ID: sc.ID, Name: sc.Name, Description: sc.Description, Note: sc.Note, Source: sc.Source,
			Changes: summarize(sv.ss.Model, sc), StateCount: sv.ss.Len(), StatusQuo: sqNumber(sv), Concepts: newOrdered[jsonDiff](len(c.Concepts))}
		for k, concept := range c.Concepts {
			d := &o.Diffs[k]
			jd := jsonDiff{Equilibria: []int{}, Kept: []jsonCmpState{}}
			for _, s := range sv.eqList[k] {
				jd.Equilibria = append(jd.Equilibria, statespace.Number(s))
			}
			for _, st := range d.Kept {
				jd.Kept = append(jd.Kept, cv.jsonState(st))
			}
			jd.Appeared = cv.jsonChanges(j, d.Appeared, true)
			jd.Disappeared = cv.jsonChanges(j, d.Disappeared, false)
			js.Concepts.set(concept.String(), jd)
		}
		doc.Scenarios = append(doc.Scenarios, js)
	}
	return writeDoc(out, doc)
}
