package report

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/gmcr/gmcr/analysis"
	"github.com/gmcr/gmcr/internal/english"
	"github.com/gmcr/gmcr/reach"
	"github.com/gmcr/gmcr/stability"
	"github.com/gmcr/gmcr/statespace"
)

// WriteExplanation writes one explanation (stability.Explain's result for
// r's state space and preferences) in format f: text, markdown or json.
func WriteExplanation(w io.Writer, r *analysis.Result, ex *stability.Explanation, f Format, opt Options) error {
	return WriteExplanations(w, r, []*stability.Explanation{ex}, f, opt)
}

// WriteExplanations writes several explanations, in the order given, in
// format f: text, markdown or json (a document with an "explanations"
// list). Each unilateral improvement is shown with its sanction witness as
// readable steps, the DM's ranks of the states involved, for SMR the DM's
// best counter-move, for SIM each opponent's choice; or the fact that no
// sanction exists. CSV is refused.
func WriteExplanations(w io.Writer, r *analysis.Result, exs []*stability.Explanation, f Format, opt Options) error {
	return WriteExplanationsExtra(w, r, exs, nil, f, opt)
}

// changes describes the options that differ between states s and t, as
// seen from s: the ids of the options taken and of those no longer taken.
func (v *view) changes(s, t int) (takes, withdraws []string) {
	takes, withdraws = []string{}, []string{}
	for _, b := range v.ss.Changed(s, t) {
		if v.ss.Taken(t, b) {
			takes = append(takes, v.ss.Options[b].ID)
		} else {
			withdraws = append(withdraws, v.ss.Options[b].ID)
		}
	}
	return takes, withdraws
}

// changeText is describeChange for the move from state s to state t.
func (v *view) changeText(s, t int) string {
	if len(v.ss.Options) == 0 && v.ss.Graph() {
		return "to " + v.ss.StateID(t) // graph form without options
	}
	return describeChange(v.ss.Options, v.ss.Codes[s], v.ss.Codes[t], false)
}

// moveText is "RU moves 12 -> 14 (takes option ru_talks (Russia in the talks))".
func (v *view) moveText(dm, from, to int) string {
	return fmt.Sprintf("%s moves %s -> %s (%s)", v.ss.DMs[dm].ID, number(from), number(to), v.changeText(from, to))
}

// stateText is "state 12 (code 37, YNY NN Y)".
func (v *view) stateText(s int) string {
	return fmt.Sprintf("state %s%s (code %s, %s)", number(s), idNote(v, s), code(v.ss, s), v.groupedPattern(s))
}

func (v *view) verdict(ex *stability.Explanation) string {
	dm := v.ss.DMs[ex.DM].ID
	st := "state " + number(ex.State)
	switch {
	case len(ex.UIs) == 0:
		return fmt.Sprintf("%s is stable for %s under %v: %s has no unilateral improvement from it (it is rational for %s, so stable under every concept).", st, dm, ex.Concept, dm, dm)
	case ex.Stable:
		return fmt.Sprintf("%s is stable for %s under %v: every unilateral improvement is sanctioned.", st, dm, ex.Concept)
	case ex.Concept == stability.Nash:
		return fmt.Sprintf("%s is unstable for %s under Nash: %s has a unilateral improvement, and Nash stability considers no sanctions.", st, dm, dm)
	}
	n := 0
	for _, u := range ex.UIs {
		if !u.Sanctioned {
			n++
		}
	}
	switch {
	case len(ex.UIs) == 1:
		return fmt.Sprintf("%s is unstable for %s under %v: its only unilateral improvement is unsanctioned.", st, dm, ex.Concept)
	case n == 1:
		return fmt.Sprintf("%s is unstable for %s under %v: 1 of its %d unilateral improvements is unsanctioned.", st, dm, ex.Concept, len(ex.UIs))
	}
	switch {
	case n == 2 && len(ex.UIs) == 2:
		return fmt.Sprintf("%s is unstable for %s under %v: both its unilateral improvements are unsanctioned.", st, dm, ex.Concept)
	case n == len(ex.UIs):
		return fmt.Sprintf("%s is unstable for %s under %v: all %d of its unilateral improvements are unsanctioned.", st, dm, ex.Concept, n)
	}
	return fmt.Sprintf("%s is unstable for %s under %v: %d of its %d unilateral improvements are unsanctioned.", st, dm, ex.Concept, n, len(ex.UIs))
}

// explainHeader writes, once before the explanations, the model and the
// key to the Y/N patterns.
func explainHeader(w *bufio.Writer, v *view, md bool) {
	if md {
		fmt.Fprintf(w, "# %s: stability explained\n\n%s.\n\nOptions by DM (Y = taken, N = not taken): %s.\n%s", escapeMD(v.title()), v.summary(), escapeMD(v.patternKey()), escapeMD(v.dmNames("\nDMs: ", ".\n")))
	} else {
		fmt.Fprintf(w, "%s: stability explained\n%s\nOptions by DM (Y = taken, N = not taken): %s\n%s", v.title(), v.summary(), v.patternKey(), v.dmNames("DMs: ", "\n"))
	}
}

// explainText writes one explanation: the concept's definition, set
// apart and labelled as such, then the findings for this DM and state, and
// the verdict. A definition is never phrased as a result.
func explainText(w *bufio.Writer, v *view, ex *stability.Explanation, md bool) {
	dm := ex.DM
	id := v.ss.DMs[dm].ID
	s := ex.State
	rank := func(x int) int { return v.p.Rank(dm, x) }
	e := func(x string) string { return mdText(x, md) }
	// Markdown nests lists by indentation; text indents for the eye.
	l0, l1, l2 := "    ", "    ", "       "
	if md {
		l0, l1, l2 = "", "", "   "
	}
	// finding writes a top-level finding line.
	finding := func(format string, a ...any) {
		if md {
			fmt.Fprintf(w, "- %s\n", fmt.Sprintf(format, a...))
		} else {
			fmt.Fprintf(w, "%s%s\n", l0, fmt.Sprintf(format, a...))
		}
	}
	if md {
		fmt.Fprintf(w, "## %v stability of state %s for %s\n\n", ex.Concept, number(s), e(id))
		fmt.Fprintf(w, "> **Definition** (not a finding): %s\n\n**Findings**\n\n", e(ex.Concept.Definition()))
	} else {
		fmt.Fprintf(w, "%v stability of state %s for %s\n", ex.Concept, number(s), id)
		fmt.Fprintf(w, "  Definition (not a finding): %s\n\n  Findings:\n", ex.Concept.Definition())
	}
	finding("State %s%s: code %s, options %s.", number(s), idNote(v, s), code(v.ss, s), v.groupedPattern(s))
	finding("%s ranks state %s at %d of %d (1 = most preferred).", e(id), number(s), rank(s), v.p.Levels[dm])
	if conds := v.ss.Model.DMs[dm].Misperceived; len(conds) > 0 {
		texts := make([]string, len(conds))
		for i, c := range conds {
			texts[i] = fmt.Sprintf("%q", c.Text)
		}
		perceives := "perceives"
		if !v.ss.Perceives(dm, s) {
			perceives = "does not perceive"
		}
		finding("%s misperceives the conflict: it does not perceive the states where %s holds, and has no moves from or into them. It %s state %s.",
			e(id), e(strings.Join(texts, " or ")), perceives, number(s))
	}
	if len(ex.UIs) == 0 {
		finding("%s has no unilateral improvement from state %s.", e(id), number(s))
	} else {
		finding("%s has %s from state %s:", e(id), uiCount(len(ex.UIs)), number(s))
		if md {
			w.WriteString("\n")
		}
	}
	top := v.topUI(ex)
	for k, u := range ex.UIs {
		note := ""
		if rank(u.UI) == top {
			note = fmt.Sprintf(" It is %s's most preferred UI from state %s.", e(id), number(s))
		}
		fmt.Fprintf(w, "%s%d. %s; %s ranks %s at %d, above state %s (rank %d).%s\n", l1, k+1, e(v.moveText(dm, s, u.UI)), e(id), number(u.UI), rank(u.UI), number(s), rank(s), note)
		// sub writes a line at nesting depth 0 (under the UI) or 1.
		sub := func(depth int, format string, a ...any) {
			in := l2 + strings.Repeat("  ", depth)
			if md {
				fmt.Fprintf(w, "%s- %s\n", in, fmt.Sprintf(format, a...))
			} else {
				fmt.Fprintf(w, "%s%s\n", in, fmt.Sprintf(format, a...))
			}
		}
		line := func(format string, a ...any) { sub(0, format, a...) }
		if !u.Sanctioned {
			if ex.Concept == stability.Nash {
				line("Nash stability considers no sanction: this UI alone makes state %s unstable for %s.", number(s), e(id))
				continue
			}
			v.triedText(sub, ex, u, e)
			line("No sanction exists: the UI is unsanctioned, so state %s is unstable for %s under %v.", number(s), e(id), ex.Concept)
			if esc := u.Escaped; esc != nil {
				line("The other DMs can reach state %s (rank %d, no better for %s than state %s), but %s escapes: %s, rank %d, better than state %s (rank %d). Every such sanction can be escaped.",
					number(esc.End), rank(esc.End), e(id), number(s), e(id), e(v.moveText(dm, esc.End, esc.Counter)), rank(esc.Counter), number(s), rank(s))
			}
			continue
		}
		switch ex.Concept {
		case stability.SIM:
			line("Sanctioned: acting at the same time as %s, the other DMs choose:", e(id))
			for _, c := range u.Choices {
				if c.Stays {
					sub(1, "%s stays (changes nothing)", e(v.ss.DMs[c.DM].ID))
				} else {
					sub(1, "%s", e(v.moveText(c.DM, s, c.State)))
				}
			}
			line("The combined state is %s, which %s ranks %d: no better than state %s (rank %d).", number(u.End), e(id), rank(u.End), number(s), rank(s))
		default:
			if len(u.Sequence) == 0 {
				line("Sanctioned at state %s itself, which %s ranks %d: no better than state %s (rank %d).", number(u.End), e(id), rank(u.End), number(s), rank(s))
			} else {
				line("Sanctioned by the other DMs' %s (a legal sequence from state %s):", sequenceKind(ex.Concept), number(u.UI))
				for j, st := range u.Sequence {
					sub(1, "step %d: %s%s", j+1, e(v.moveText(st.Mover, st.From, st.To)), v.stepNote(ex.Concept, st))
				}
				line("It ends at state %s, which %s ranks %d: no better than state %s (rank %d).", number(u.End), e(id), rank(u.End), number(s), rank(s))
			}
			if ex.Concept == stability.SMR && u.BestCounter >= 0 {
				if u.BestCounter == u.End {
					line("%s's best counter-move from state %s: none improves on it, so %s stays (rank %d).", e(id), number(u.End), e(id), rank(u.End))
				} else {
					line("%s's best counter-move from state %s: %s, rank %d, still no better than state %s (rank %d).", e(id), number(u.End), e(v.moveText(dm, u.End, u.BestCounter)), rank(u.BestCounter), number(s), rank(s))
				}
			}
		}
	}
	w.WriteString("\n")
	if md {
		fmt.Fprintf(w, "**Verdict** (finding): %s\n", e(v.verdict(ex)))
	} else {
		fmt.Fprintf(w, "Verdict (finding): %s\n", v.verdict(ex))
	}
}

// sequenceKind names what the other DMs' legal sequences are made of
// under c.
func sequenceKind(c stability.Concept) string {
	if c == stability.SEQ {
		return "unilateral improvements"
	}
	return "moves"
}

// topUI is the rank of the explained DM's most preferred UI, 0 when it
// has none.
func (v *view) topUI(ex *stability.Explanation) int {
	top := 0
	for _, u := range ex.UIs {
		if r := v.p.Rank(ex.DM, u.UI); top == 0 || r < top {
			top = r
		}
	}
	return top
}

// triedText writes what was tried against an unsanctioned UI u: how many
// responses the other DMs have, the list when short, and the strongest
// one (the one the DM likes least) with how they reach it, which is still
// better for the DM than the focal state.
func (v *view) triedText(sub func(int, string, ...any), ex *stability.Explanation, u stability.Witness, e func(string) string) {
	tr := u.Tried
	if tr == nil {
		return
	}
	dm, s := ex.DM, ex.State
	id := e(v.ss.DMs[dm].ID)
	rank := func(x int) int { return v.p.Rank(dm, x) }
	list := ""
	if tr.States != nil {
		parts := make([]string, len(tr.States))
		for i, x := range tr.States {
			parts[i] = fmt.Sprintf("%s (rank %d)", number(x), rank(x))
		}
		list = ": " + english.List("state", parts)
	}
	itself := ""
	if tr.Strongest == u.UI {
		itself = " (the state of the UI itself)"
	}
	if ex.Concept == stability.SIM {
		if tr.States != nil {
			sub(0, "Tried: the other DMs' simultaneous choices (each stays or makes one of its own UIs from state %s) make %s, giving %s%s.",
				number(s), english.Count(tr.Responses, "combination"), english.Count(len(tr.States), "feasible state"), list)
		} else {
			sub(0, "Tried: the other DMs' simultaneous choices (each stays or makes one of its own UIs from state %s) make %s.",
				number(s), english.Count(tr.Responses, "combination"))
		}
		if tr.Strongest >= 0 {
			sub(0, "The one %s likes least combines into state %s%s, rank %d, still above state %s (rank %d):", id, number(tr.Strongest), itself, rank(tr.Strongest), number(s), rank(s))
			for _, c := range tr.Choices {
				if c.Stays {
					sub(1, "%s stays (changes nothing)", e(v.ss.DMs[c.DM].ID))
				} else {
					sub(1, "%s", e(v.moveText(c.DM, s, c.State)))
				}
			}
		}
		return
	}
	if tr.Responses == 0 {
		sub(0, "Tried: the other DMs have no legal %s from state %s, so they cannot respond at all.", strings.TrimSuffix(sequenceKind(ex.Concept), "s"), number(u.UI))
		return
	}
	sub(0, "Tried: by legal sequences of their %s from state %s, the other DMs reach %s%s.",
		sequenceKind(ex.Concept), number(u.UI), english.Count(tr.Responses, "state"), list)
	what := fmt.Sprintf("The one %s likes least is state %s%s, rank %d, still above state %s (rank %d)", id, number(tr.Strongest), itself, rank(tr.Strongest), number(s), rank(s))
	if ex.Concept == stability.SMR {
		what = fmt.Sprintf("The one that leaves %s worst off is state %s%s, rank %d", id, number(tr.Strongest), itself, rank(tr.Strongest))
		if tr.Counter != tr.Strongest {
			what += fmt.Sprintf(", from which %s's best move is to state %s, rank %d", id, number(tr.Counter), rank(tr.Counter))
		}
		what += fmt.Sprintf(", still above state %s (rank %d)", number(s), rank(s))
	}
	sub(0, "%s. The other DMs reach it by:", what)
	for j, st := range tr.Sequence {
		sub(1, "step %d: %s%s", j+1, e(v.moveText(st.Mover, st.From, st.To)), v.stepNote(ex.Concept, st))
	}
}

// stepNote adds, for SEQ, the mover's ranks showing the step is its
// improvement.
func (v *view) stepNote(c stability.Concept, st reach.Step) string {
	if c != stability.SEQ {
		return ""
	}
	return fmt.Sprintf(", an improvement for %s (rank %d -> %d)", v.ss.DMs[st.Mover].ID, v.p.Rank(st.Mover, st.From), v.p.Rank(st.Mover, st.To))
}

type jsonStateRef struct {
	Number  int    `json:"number"`
	Code    uint64 `json:"code"`
	Pattern string `json:"pattern"`
	Rank    int    `json:"rank"` // the focal DM's rank
}

type jsonMove struct {
	DM        string   `json:"dm"`
	From      int      `json:"from"`
	To        int      `json:"to"`
	Takes     []string `json:"takes"`
	Withdraws []string `json:"withdraws"`
	Text      string   `json:"text"`
}

type jsonChoice struct {
	DM    string    `json:"dm"`
	Stays bool      `json:"stays"`
	Move  *jsonMove `json:"move,omitempty"`
}

type jsonUI struct {
	Move        jsonMove      `json:"move"`
	To          jsonStateRef  `json:"to"`
	Sanctioned  bool          `json:"sanctioned"`
	Sequence    []jsonMove    `json:"sequence,omitempty"`
	Choices     []jsonChoice  `json:"choices,omitempty"`
	End         *jsonStateRef `json:"end"`
	BestCounter *jsonStateRef `json:"best_counter,omitempty"`
	Escaped     *jsonEscape   `json:"escaped_sanction,omitempty"`
	Tried       *jsonTried    `json:"tried,omitempty"`
}

// jsonTried is what the search for a sanction of an unsanctioned UI
// examined (stability.Tried).
type jsonTried struct {
	Responses int            `json:"responses"`
	States    []jsonStateRef `json:"states,omitempty"`
	Strongest *jsonStateRef  `json:"strongest"`
	Counter   *jsonStateRef  `json:"counter,omitempty"`
	Sequence  []jsonMove     `json:"sequence,omitempty"`
	Choices   []jsonChoice   `json:"choices,omitempty"`
	Text      string         `json:"text"`
}

// jsonEscape is an SMR UI's GMR sanction that the DM escapes.
type jsonEscape struct {
	Sequence []jsonMove   `json:"sequence"`
	End      jsonStateRef `json:"end"`
	Counter  jsonMove     `json:"counter_move"`
}

type jsonExplanation struct {
	Concept    string       `json:"concept"`
	Meaning    string       `json:"meaning"`
	Definition string       `json:"definition"`
	DM         string       `json:"dm"`
	DMName     string       `json:"dm_name"`
	State      jsonStateRef `json:"state"`
	Levels     int          `json:"ranks"`
	Stable     bool         `json:"stable"`
	UIs        []jsonUI     `json:"uis"`
	Verdict    string       `json:"verdict"`
}

type jsonExplanations struct {
	Kind          string            `json:"kind"`
	FormatVersion int               `json:"format_version"`
	Model         jsonModel         `json:"model"`
	Explanations  []jsonExplanation `json:"explanations"`
	// Extra holds the explanations of extra concepts
	// (WriteExplanationsExtra), when there are any.
	Extra       []jsonExtraExplanation `json:"extra_explanations,omitempty"`
	Definitions jsonDefinitions        `json:"definitions"`
}

func (v *view) ref(dm, s int) jsonStateRef {
	return jsonStateRef{Number: statespace.Number(s), Code: v.ss.Codes[s], Pattern: v.ss.Pattern(s), Rank: v.p.Rank(dm, s)}
}

func (v *view) move(dm, from, to int) jsonMove {
	t, w := v.changes(from, to)
	return jsonMove{DM: v.ss.DMs[dm].ID, From: statespace.Number(from), To: statespace.Number(to), Takes: t, Withdraws: w, Text: v.moveText(dm, from, to)}
}

func explainJSON(out io.Writer, v *view, exs []*stability.Explanation, xexs []*analysis.ExtraExplanation) error {
	doc := jsonExplanations{Kind: "explanations", FormatVersion: FormatVersion, Model: modelJSON(v), Explanations: []jsonExplanation{},
		Definitions: jsonDefinitions{Numbering: numberingNote, Rank: rankNote + " Every \"rank\" in an explanation is the explained DM's.", Note: seqSimNote}}
	for _, ex := range exs {
		d := v.ss.DMs[ex.DM]
		je := jsonExplanation{Concept: ex.Concept.String(), Meaning: ex.Concept.Meaning(), Definition: ex.Concept.Definition(), DM: d.ID, DMName: d.Name,
			State: v.ref(ex.DM, ex.State), Levels: v.p.Levels[ex.DM], Stable: ex.Stable, UIs: []jsonUI{}, Verdict: v.verdict(ex)}
		for _, u := range ex.UIs {
			ju := jsonUI{Move: v.move(ex.DM, ex.State, u.UI), To: v.ref(ex.DM, u.UI), Sanctioned: u.Sanctioned}
			if u.Sanctioned {
				end := v.ref(ex.DM, u.End)
				ju.End = &end
				for _, st := range u.Sequence {
					ju.Sequence = append(ju.Sequence, v.move(st.Mover, st.From, st.To))
				}
				for _, c := range u.Choices {
					jc := jsonChoice{DM: v.ss.DMs[c.DM].ID, Stays: c.Stays}
					if !c.Stays {
						m := v.move(c.DM, ex.State, c.State)
						jc.Move = &m
					}
					ju.Choices = append(ju.Choices, jc)
				}
				if ex.Concept == stability.SMR && u.BestCounter >= 0 {
					bc := v.ref(ex.DM, u.BestCounter)
					ju.BestCounter = &bc
				}
			}
			if tr := u.Tried; tr != nil {
				ju.Tried = v.triedJSON(ex, u)
			}
			if esc := u.Escaped; esc != nil {
				je2 := &jsonEscape{End: v.ref(ex.DM, esc.End), Counter: v.move(ex.DM, esc.End, esc.Counter), Sequence: []jsonMove{}}
				for _, st := range esc.Sequence {
					je2.Sequence = append(je2.Sequence, v.move(st.Mover, st.From, st.To))
				}
				ju.Escaped = je2
			}
			je.UIs = append(je.UIs, ju)
		}
		doc.Explanations = append(doc.Explanations, je)
	}
	for _, ex := range xexs {
		doc.Extra = append(doc.Extra, v.extraExplanationJSON(ex))
	}
	return writeDoc(out, doc)
}

// triedJSON is the JSON form of u.Tried, with triedText's sentences.
func (v *view) triedJSON(ex *stability.Explanation, u stability.Witness) *jsonTried {
	tr := u.Tried
	var lines []string
	sub := func(depth int, format string, a ...any) {
		lines = append(lines, strings.Repeat("  ", depth)+fmt.Sprintf(format, a...))
	}
	v.triedText(sub, ex, u, func(x string) string { return x })
	jt := &jsonTried{Responses: tr.Responses, Text: strings.Join(lines, "\n")}
	for _, x := range tr.States {
		jt.States = append(jt.States, v.ref(ex.DM, x))
	}
	if tr.Strongest >= 0 {
		st := v.ref(ex.DM, tr.Strongest)
		jt.Strongest = &st
	}
	if tr.Counter >= 0 {
		c := v.ref(ex.DM, tr.Counter)
		jt.Counter = &c
	}
	for _, st := range tr.Sequence {
		jt.Sequence = append(jt.Sequence, v.move(st.Mover, st.From, st.To))
	}
	for _, c := range tr.Choices {
		jc := jsonChoice{DM: v.ss.DMs[c.DM].ID, Stays: c.Stays}
		if !c.Stays {
			m := v.move(c.DM, ex.State, c.State)
			jc.Move = &m
		}
		jt.Choices = append(jt.Choices, jc)
	}
	return jt
}

func uiCount(n int) string {
	if n == 1 {
		return "1 unilateral improvement (UI)"
	}
	return fmt.Sprintf("%d unilateral improvements (UIs)", n)
}

// idNote is " (id)" for a state of a graph-form model, else "".
func idNote(v *view, s int) string {
	if id := v.ss.StateID(s); id != "" {
		return " (" + id + ")"
	}
	return ""
}
