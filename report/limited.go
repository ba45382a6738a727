package report

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/gmcr/gmcr/analysis"
	"github.com/gmcr/gmcr/internal/english"
	"github.com/gmcr/gmcr/limitedmove"
	"github.com/gmcr/gmcr/statespace"
)

// LimitedFormats are the formats of WriteLimited.
var LimitedFormats = []Format{Text, Markdown, JSON}

const limitedSource = "Kilgour (1985); Fang, Hipel & Kilgour (1989), EJOR 41"

const limitedTieRule = "ties between anticipated outcomes the mover ranks equally go to the outcome with the smallest state number, then to the move to the smallest state number"

// WriteLimited writes limited-move stability L_h (h = la.H()) and, when
// computed, NM stability: per state and DM a mark (s stable, u unstable)
// and, for a DM that would move, its anticipated sequence of moves; then
// the equilibria. states restricts the listing (nil: every state).
func WriteLimited(out io.Writer, r *analysis.Result, la *limitedmove.Analysis, states []int, f Format) error {
	v, err := newView(r, false)
	if err != nil {
		return err
	}
	if states == nil {
		for s := 0; s < v.ss.Len(); s++ {
			states = append(states, s)
		}
	}
	switch f {
	case Text, Markdown:
		v.display()
		return limitedText(out, v, la, states, f == Markdown)
	case JSON:
		return limitedJSON(out, v, la, states)
	}
	return fmt.Errorf("the %v format is not available here; use text, markdown or json", f)
}

// sequenceText writes DM k's anticipated sequence from s in bounded form
// (limitedmove.Compact): a repeated part is written once, in brackets,
// with its number of repetitions, so the text does not grow with h.
func (v *view) sequenceText(la *limitedmove.Analysis, h, k, s int) string {
	c := la.SequenceCompact(h, k, s)
	if c.Len == 0 {
		return "stays"
	}
	steps := func(seq []limitedmove.Step) string {
		parts := make([]string, len(seq))
		for i, st := range seq {
			parts[i] = fmt.Sprintf("%s %s->%s", v.ss.DMs[st.Mover].ID, number(st.From), number(st.To))
		}
		return strings.Join(parts, ", ")
	}
	var parts []string
	if len(c.Prefix) > 0 {
		parts = append(parts, steps(c.Prefix))
	}
	if c.Times > 0 {
		parts = append(parts, fmt.Sprintf("[%s] repeated %s", steps(c.Cycle), english.Count(c.Times, "time")))
	}
	if len(c.Suffix) > 0 {
		parts = append(parts, steps(c.Suffix))
	}
	text := strings.Join(parts, ", ") + "; anticipated outcome " + number(la.Outcome(h, k, s))
	if c.Times > 0 {
		text += " (" + english.Count(c.Len, "move") + ")"
	}
	return text
}

func limitedText(out io.Writer, v *view, la *limitedmove.Analysis, states []int, md bool) error {
	w := bufio.NewWriter(out)
	d := mdDoc{w, md}
	h := la.H()
	title := fmt.Sprintf("%s: limited-move stability L%d", v.title(), h)
	if la.HasNM() {
		title += " and non-myopic stability NM"
	}
	if md {
		d.title(title)
		d.line(v.summary())
		if names := v.dmNames("DMs: ", ""); names != "" {
			d.line(names)
		}
	} else {
		fmt.Fprintf(w, "%s\n%s\n%s\n", title, v.summary(), strings.TrimRight(v.dmNames("DMs: ", "\n"), "\n"))
	}
	header := []string{"State", "Code"}
	if v.ss.Graph() {
		header = append(header, "Id")
	}
	header = append(header, "Options")
	for _, d := range v.ss.DMs {
		header = append(header, fmt.Sprintf("L%d %s", h, d.ID))
	}
	if la.HasNM() {
		for _, d := range v.ss.DMs {
			header = append(header, "NM "+d.ID)
		}
	}
	header = append(header, "Anticipated moves (L"+fmt.Sprint(h)+")")
	rows := [][]string{header}
	mark := func(b bool) string {
		if b {
			return "s"
		}
		return "u"
	}
	for _, s := range states {
		row := []string{number(s), code(v.ss, s)}
		if v.ss.Graph() {
			row = append(row, v.ss.StateID(s))
		}
		row = append(row, v.groupedPattern(s))
		var moves []string
		for k := range v.ss.DMs {
			row = append(row, mark(la.Stable(h, k, s)))
			if !la.Stable(h, k, s) {
				moves = append(moves, v.ss.DMs[k].ID+": "+v.sequenceText(la, h, k, s))
			}
		}
		if la.HasNM() {
			for k := range v.ss.DMs {
				row = append(row, mark(la.StableNM(k, s)))
			}
		}
		row = append(row, strings.Join(moves, " | "))
		rows = append(rows, row)
	}
	if !md {
		fmt.Fprintln(w)
	}
	writeTable(w, rows, md)
	if md {
		fmt.Fprintln(w)
	}
	d.section("Equilibria")
	list := func(eq []int) string {
		if len(eq) == 0 {
			return "none"
		}
		return plural(len(eq), "state") + ": " + numberList(eq)
	}
	if md {
		d.item(1, "", fmt.Sprintf("L%d: %s", h, list(la.Equilibria(h))))
		if la.HasNM() {
			d.item(1, "", "NM: "+list(la.Equilibria(0)))
		}
	} else {
		fmt.Fprintf(w, "  L%-3d %s\n", h, list(la.Equilibria(h)))
		if la.HasNM() {
			fmt.Fprintf(w, "  NM   %s\n", list(la.Equilibria(0)))
		}
	}
	d.endList()
	d.section("Legend")
	d.item(1, "  ", fmt.Sprintf("L%d (%s): each DM looks %s ahead, the two DMs alternating; a DM moves only if the outcome it anticipates beats staying. s = the DM stays (stable), u = it moves (unstable); the anticipated moves are the sequence it expects, ending in the anticipated outcome; a part that repeats is written once, as [moves] repeated N times.", h, limitedSource, english.Count(h, "move")))
	if la.HasNM() {
		d.item(1, "  ", fmt.Sprintf("NM: stable under L_h for every large enough h (the anticipation functions repeat from horizon %d with period %d).", la.Start, la.Period))
	}
	d.item(1, "  ", fmt.Sprintf("Tie rule (gmcr's choice): %s.", limitedTieRule))
	d.endList()
	return w.Flush()
}

type jsonLimitedState struct {
	Number  int             `json:"number"`
	Code    uint64          `json:"code"`
	ID      string          `json:"id,omitempty"`
	Pattern string          `json:"pattern"`
	Stable  map[string]bool `json:"stable"`
	NM      map[string]bool `json:"nm,omitempty"`
	// Anticipated is each DM's anticipated sequence, or, for a DM in
	// Repeat, its moves before the repeated part.
	Anticipated map[string][]jsonStep  `json:"anticipated"`
	Repeat      map[string]*jsonRepeat `json:"anticipated_repeat,omitempty"`
	Outcome     map[string]int         `json:"outcome"`
}

// jsonRepeat is the rest of a sequence that repeats: Moves repeated Times
// times, then Then; Length counts the whole sequence's moves.
type jsonRepeat struct {
	Moves  []jsonStep `json:"moves"`
	Times  int        `json:"times"`
	Then   []jsonStep `json:"then"`
	Length int        `json:"length"`
}

type jsonStep struct {
	Mover string `json:"mover"`
	From  int    `json:"from"`
	To    int    `json:"to"`
}

func limitedJSON(out io.Writer, v *view, la *limitedmove.Analysis, states []int) error {
	h := la.H()
	doc := struct {
		Schema        string             `json:"$schema"`
		Kind          string             `json:"kind"`
		FormatVersion int                `json:"format_version"`
		Title         string             `json:"title"`
		Horizon       int                `json:"horizon"`
		Source        string             `json:"source"`
		TieRule       string             `json:"tie_rule"`
		NMStart       *int               `json:"nm_cycle_start,omitempty"`
		NMPeriod      *int               `json:"nm_cycle_period,omitempty"`
		States        []jsonLimitedState `json:"states"`
		Equilibria    map[string][]int   `json:"equilibria"`
	}{Schema: schemaBase + "limited.schema.json", Kind: "limited-move", FormatVersion: 2, Title: v.title(), Horizon: h, Source: limitedSource, TieRule: limitedTieRule,
		States: []jsonLimitedState{}, Equilibria: map[string][]int{}}
	nums := func(eq []int) []int {
		out := []int{}
		for _, s := range eq {
			out = append(out, statespace.Number(s))
		}
		return out
	}
	doc.Equilibria[fmt.Sprintf("L%d", h)] = nums(la.Equilibria(h))
	if la.HasNM() {
		doc.Equilibria["NM"] = nums(la.Equilibria(0))
		doc.NMStart, doc.NMPeriod = &la.Start, &la.Period
	}
	for _, s := range states {
		js := jsonLimitedState{Number: statespace.Number(s), Code: v.ss.Codes[s], ID: v.ss.StateID(s), Pattern: v.ss.Pattern(s),
			Stable: map[string]bool{}, Anticipated: map[string][]jsonStep{}, Outcome: map[string]int{}}
		if la.HasNM() {
			js.NM = map[string]bool{}
		}
		for k, d := range v.ss.DMs {
			js.Stable[d.ID] = la.Stable(h, k, s)
			if la.HasNM() {
				js.NM[d.ID] = la.StableNM(k, s)
			}
			steps := func(seq []limitedmove.Step) []jsonStep {
				out := []jsonStep{}
				for _, st := range seq {
					out = append(out, jsonStep{Mover: v.ss.DMs[st.Mover].ID, From: statespace.Number(st.From), To: statespace.Number(st.To)})
				}
				return out
			}
			c := la.SequenceCompact(h, k, s)
			js.Anticipated[d.ID] = steps(c.Prefix)
			if c.Times > 0 {
				if js.Repeat == nil {
					js.Repeat = map[string]*jsonRepeat{}
				}
				js.Repeat[d.ID] = &jsonRepeat{Moves: steps(c.Cycle), Times: c.Times, Then: steps(c.Suffix), Length: c.Len}
			}
			js.Outcome[d.ID] = statespace.Number(la.Outcome(h, k, s))
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
