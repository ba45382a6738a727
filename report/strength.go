package report

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/gmcr/gmcr/analysis"
	"github.com/gmcr/gmcr/stability"
	"github.com/gmcr/gmcr/statespace"
	"github.com/gmcr/gmcr/strength"
	"github.com/gmcr/gmcr/uncertain"
)

// StrengthFormats are the formats of WriteStrength; explanations
// (WriteStrengthExplanations) and status quo analyses
// (WriteStrengthEvolution) are text, Markdown or JSON.
var StrengthFormats = []Format{Text, Markdown, JSON, CSV}

const strengthSource = "Hamouda, Kilgour & Hipel (2004, 2006), strength of preference in the graph model; with unknown comparisons, Xu, Hipel, Kilgour & Chen (2010), hybrid preferences"

// strengthConcepts returns the definitions a report shows: the sixteen
// when some comparison is unknown, else Nash, GMR, SMR and SEQ in
// extension (a), which then equals the other three.
func strengthConcepts(sa *strength.Analysis) []uncertain.Concept {
	for i := range sa.Relation.Space.DMs {
		if sa.Relation.Any(i) {
			return strength.Concepts
		}
	}
	var out []uncertain.Concept
	for _, c := range strength.Concepts {
		if c.Ext == uncertain.A {
			out = append(out, c)
		}
	}
	return out
}

// conceptName is "GMR" without unknown comparisons, else "GMR(a)".
func conceptName(c uncertain.Concept, hybrid bool) string {
	if hybrid {
		return c.String()
	}
	return c.Base.String()
}

// strengthSummary says, per DM, how its strength of preference is given.
func strengthSummary(v *view) []string {
	var out []string
	for _, d := range v.ss.Model.DMs {
		strong := 0
		for _, st := range d.Prefs.Statements {
			if st.Strong {
				strong++
			}
		}
		switch {
		case strong > 0:
			out = append(out, d.ID+": "+plural(strong, "strong statement"))
		case len(d.Prefs.Cuts) > 0 && len(d.Prefs.Statements) == 0:
			out = append(out, d.ID+": "+plural(len(d.Prefs.Cuts), "ranking cut"))
		default:
			out = append(out, d.ID+": none (every preference mild)")
		}
	}
	return out
}

// mark is S (strongly stable), W (weakly stable) or . (unstable).
func strengthMark(sa *strength.Analysis, c uncertain.Concept, i, s int) byte {
	switch {
	case sa.Strong(c, i, s):
		return 'S'
	case sa.Stable(c, i, s):
		return 'W'
	}
	return '.'
}

// WriteStrength writes strong and weak stability for every state: in text
// and Markdown, a row per state with, per definition, each DM's mark (S
// strongly stable, W weakly, . unstable) and the equilibrium mark, then
// the strong and weak equilibria; in JSON (docs/strength.schema.json) and
// CSV the same per DM.
func WriteStrength(out io.Writer, r *analysis.Result, sa *strength.Analysis, f Format) error {
	v, err := newView(r, false)
	if err != nil {
		return err
	}
	concepts := strengthConcepts(sa)
	hybrid := len(concepts) == len(strength.Concepts)
	eqMark := make([][]byte, len(concepts))
	strongEq := make([][]int, len(concepts))
	weakEq := make([][]int, len(concepts))
	for k, c := range concepts {
		strongEq[k], weakEq[k] = sa.Equilibria(c)
		eqMark[k] = []byte(strings.Repeat(".", v.ss.Len()))
		for _, s := range strongEq[k] {
			eqMark[k][s] = 'S'
		}
		for _, s := range weakEq[k] {
			eqMark[k][s] = 'W'
		}
	}
	switch f {
	case Text, Markdown:
		v.display()
		return strengthTable(out, v, sa, concepts, hybrid, eqMark, strongEq, weakEq, f == Markdown)
	case JSON:
		return strengthJSON(out, v, sa, concepts, hybrid, strongEq, weakEq)
	case CSV:
		return strengthCSV(out, v, sa, concepts, hybrid, eqMark)
	}
	return fmt.Errorf("the %v format is not available here; use text, markdown, json or csv", f)
}

func strengthTable(out io.Writer, v *view, sa *strength.Analysis, concepts []uncertain.Concept, hybrid bool, eqMark [][]byte, strongEq, weakEq [][]int, md bool) error {
	w := bufio.NewWriter(out)
	d := mdDoc{w, md}
	kind := "strength of preference"
	if hybrid {
		kind = "hybrid preferences (strength and unknown comparisons)"
	}
	d.title(fmt.Sprintf("%s: strong and weak stability under %s", v.title(), kind))
	d.line(v.summary())
	if names := v.dmNames("DMs: ", ""); names != "" {
		d.line(names)
	}
	d.line("Strength: " + strings.Join(strengthSummary(v), "; "))
	if hybrid {
		d.line("Unknown comparisons: " + strings.Join(unknownSummary(v), "; "))
	}
	if !md {
		fmt.Fprintln(w)
	}
	graph := v.ss.Graph()
	header := []string{"State", "Code"}
	if graph {
		header = append(header, "Id")
	}
	header = append(header, "Options")
	for _, c := range concepts {
		header = append(header, conceptName(c, hybrid))
	}
	rows := [][]string{header}
	for s := 0; s < v.ss.Len(); s++ {
		row := []string{number(s), code(v.ss, s)}
		if graph {
			row = append(row, v.ss.StateID(s))
		}
		row = append(row, v.groupedPattern(s))
		for k, c := range concepts {
			var cell strings.Builder
			for i := range v.ss.DMs {
				cell.WriteByte(strengthMark(sa, c, i, s))
			}
			cell.WriteByte(' ')
			cell.WriteByte(eqMark[k][s])
			row = append(row, cell.String())
		}
		rows = append(rows, row)
	}
	writeTable(w, rows, md)
	if md {
		fmt.Fprintln(w)
	}
	d.section("Equilibria")
	for k, c := range concepts {
		list := func(states []int) string {
			if len(states) == 0 {
				return "none"
			}
			return numberList(states)
		}
		if md {
			d.item(1, "", fmt.Sprintf("%s strong: %s; weak: %s", conceptName(c, hybrid), list(strongEq[k]), list(weakEq[k])))
		} else {
			d.item(1, "  ", fmt.Sprintf("%-7s strong: %s; weak: %s", conceptName(c, hybrid), list(strongEq[k]), list(weakEq[k])))
		}
	}
	d.endList()
	legend := []string{
		fmt.Sprintf("Each cell: one mark per DM in order (%s), then the equilibrium mark.", strings.Join(dmIDs(v), ", ")),
		"S = strongly stable: every move the DM would make can be sanctioned into a state it finds strongly worse than where it started; W = weakly stable: stable, but some move can only be sanctioned into a state mildly worse or equally preferred; . = unstable.",
		"Equilibrium mark: S = strong equilibrium (strongly stable for every DM), W = weak equilibrium (stable for every DM, weakly for at least one), . = none. Nash stability has nothing to sanction: a Nash stable state is strongly stable.",
		"SEQ sanctions are the other DMs' improvements (mild or strong)" + map[bool]string{true: " or moves to states of unknown preference for them", false: ""}[hybrid] + ".",
	}
	if hybrid {
		for _, e := range uncertain.Extensions {
			legend = append(legend, fmt.Sprintf("(%v) %s; a strong sanction ends in a state strongly worse%s.", e, extensionMeanings[e.String()],
				map[bool]string{true: " or of unknown preference", false: ""}[e == uncertain.C || e == uncertain.D]))
		}
	}
	legend = append(legend, "Source: "+strengthSource+". Why a state is strongly or weakly stable: --state N.")
	d.section("Legend")
	for _, l := range legend {
		d.item(1, "  ", l)
	}
	d.endList()
	return w.Flush()
}

func dmIDs(v *view) []string {
	var out []string
	for _, d := range v.ss.DMs {
		out = append(out, d.ID)
	}
	return out
}

type jsonStrengthState struct {
	Number  int                          `json:"number"`
	Code    uint64                       `json:"code"`
	ID      string                       `json:"id,omitempty"`
	Pattern string                       `json:"pattern"`
	Stable  map[string]map[string]string `json:"stability"`
}

type jsonStrengthEq struct {
	Strong []int `json:"strong"`
	Weak   []int `json:"weak"`
}

type jsonStrength struct {
	Schema        string                    `json:"$schema"`
	Kind          string                    `json:"kind"`
	FormatVersion int                       `json:"format_version"`
	Title         string                    `json:"title"`
	File          string                    `json:"file,omitempty"`
	DMs           []string                  `json:"dms"`
	Source        string                    `json:"source"`
	Hybrid        bool                      `json:"hybrid"`
	Strength      map[string]string         `json:"strength"`
	Unknown       map[string]string         `json:"unknown,omitempty"`
	Concepts      []string                  `json:"concepts"`
	States        []jsonStrengthState       `json:"states"`
	Equilibria    map[string]jsonStrengthEq `json:"equilibria"`
}

func strengthJSON(out io.Writer, v *view, sa *strength.Analysis, concepts []uncertain.Concept, hybrid bool, strongEq, weakEq [][]int) error {
	doc := jsonStrength{Schema: "https://github.com/gmcr/gmcr/docs/strength.schema.json", Kind: "strength", FormatVersion: 1,
		Title: v.title(), File: v.file(), DMs: []string{}, Source: strengthSource, Hybrid: hybrid, Strength: map[string]string{},
		Concepts: []string{}, States: []jsonStrengthState{}, Equilibria: map[string]jsonStrengthEq{}}
	for i, d := range v.ss.DMs {
		doc.DMs = append(doc.DMs, d.ID)
		doc.Strength[d.ID] = strings.TrimPrefix(strengthSummary(v)[i], d.ID+": ")
	}
	if hybrid {
		doc.Unknown = map[string]string{}
		for i, d := range v.ss.DMs {
			doc.Unknown[d.ID] = strings.TrimPrefix(unknownSummary(v)[i], d.ID+": ")
		}
	}
	nums := func(states []int) []int {
		out := []int{}
		for _, s := range states {
			out = append(out, statespace.Number(s))
		}
		return out
	}
	for k, c := range concepts {
		name := conceptName(c, hybrid)
		doc.Concepts = append(doc.Concepts, name)
		doc.Equilibria[name] = jsonStrengthEq{Strong: nums(strongEq[k]), Weak: nums(weakEq[k])}
	}
	words := map[byte]string{'S': "strong", 'W': "weak", '.': "unstable"}
	for s := 0; s < v.ss.Len(); s++ {
		js := jsonStrengthState{Number: statespace.Number(s), Code: v.ss.Codes[s], ID: v.ss.StateID(s), Pattern: v.ss.Pattern(s), Stable: map[string]map[string]string{}}
		for i, d := range v.ss.DMs {
			m := map[string]string{}
			for _, c := range concepts {
				m[conceptName(c, hybrid)] = words[strengthMark(sa, c, i, s)]
			}
			js.Stable[d.ID] = m
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

// strengthCSV writes, per state, 2 (strongly stable), 1 (weakly) or 0
// (unstable) per definition and DM, and the equilibrium likewise.
func strengthCSV(out io.Writer, v *view, sa *strength.Analysis, concepts []uncertain.Concept, hybrid bool, eqMark [][]byte) error {
	w := csv.NewWriter(out)
	name := func(c uncertain.Concept) string {
		if hybrid {
			return csvName(c)
		}
		return c.Base.String()
	}
	head := []string{"number", "code", "pattern"}
	if v.ss.Graph() {
		head = append(head, "id")
	}
	for _, c := range concepts {
		for _, d := range v.ss.DMs {
			head = append(head, name(c)+"_"+d.ID)
		}
	}
	for _, c := range concepts {
		head = append(head, "eq_"+name(c))
	}
	if err := w.Write(head); err != nil {
		return err
	}
	val := map[byte]string{'S': "2", 'W': "1", '.': "0"}
	for s := 0; s < v.ss.Len(); s++ {
		rec := []string{number(s), code(v.ss, s), v.ss.Pattern(s)}
		if v.ss.Graph() {
			rec = append(rec, v.ss.StateID(s))
		}
		for _, c := range concepts {
			for i := range v.ss.DMs {
				rec = append(rec, val[strengthMark(sa, c, i, s)])
			}
		}
		for k := range concepts {
			rec = append(rec, val[eqMark[k][s]])
		}
		if err := w.Write(rec); err != nil {
			return err
		}
	}
	w.Flush()
	return w.Error()
}

// WriteStrengthExplanations writes explanations of strong and weak
// stability: for each, the DM's moves the definition considers and, for
// each move, its best sanction (strong if there is one) and how the DM
// compares the state it ends in with the state it left.
func WriteStrengthExplanations(out io.Writer, r *analysis.Result, rel *strength.Relation, exs []*strength.Explanation, f Format) error {
	v, err := newView(r, false)
	if err != nil {
		return err
	}
	switch f {
	case Text, Markdown:
		v.display()
		return strengthExplainText(out, v, rel, exs, f == Markdown)
	case JSON:
		return strengthExplainJSON(out, v, rel, exs)
	}
	return fmt.Errorf("the %v format is not available for explanations; use text, markdown or json", f)
}

// strengthRelText says how DM dm compares t with s.
func strengthRelText(rel *strength.Relation, dm, t, s int) string {
	switch rel.Compare(dm, t, s) {
	case ">>":
		return "strongly prefers it to state " + number(s)
	case ">":
		return "mildly prefers it to state " + number(s)
	case "<<":
		return "strongly prefers state " + number(s) + " (strong sanction)"
	case "<":
		return "mildly prefers state " + number(s) + " (mild sanction)"
	case "~":
		return "is indifferent between it and state " + number(s) + " (mild sanction)"
	}
	return "does not know how it compares with state " + number(s)
}

// plainRel is strengthRelText without its note on the sanction's
// strength, for states whose role is explained by the sentence around it.
func plainRel(rel *strength.Relation, dm, t, s int) string {
	text, _, _ := strings.Cut(strengthRelText(rel, dm, t, s), " (")
	return text
}

func strengthExplainText(out io.Writer, v *view, rel *strength.Relation, exs []*strength.Explanation, md bool) error {
	w := bufio.NewWriter(out)
	d := mdDoc{w, md}
	d.title(v.title() + ": strong and weak stability explained")
	d.line(v.summary())
	if names := v.dmNames("DMs: ", ""); names != "" {
		d.line(names)
	}
	hybrid := false
	for i := range rel.Space.DMs {
		hybrid = hybrid || rel.Any(i)
	}
	for _, ex := range exs {
		dm := v.ss.DMs[ex.DM].ID
		verdict := "unstable"
		switch {
		case ex.Strong:
			verdict = "strongly stable"
		case ex.Stable:
			verdict = "weakly stable"
		}
		d.section(fmt.Sprintf("%s stability of state %s%s for %s: %s", conceptName(ex.Concept, hybrid), number(ex.State), idNote(v, ex.State), dm, verdict))
		if hybrid {
			d.item(1, "  ", fmt.Sprintf("(%v): %s.", ex.Concept.Ext, extensionMeanings[ex.Concept.Ext.String()]))
		}
		if len(ex.Moves) == 0 {
			d.item(1, "  ", fmt.Sprintf("%s has no move this definition considers from state %s: nothing to sanction.", dm, number(ex.State)))
			d.endList()
			continue
		}
		if hybrid {
			d.endList()
		}
		for k, m := range ex.Moves {
			k++
			d.numbered(k, fmt.Sprintf("%s; %s %s.", v.moveText(ex.DM, ex.State, m.Move), dm, strengthRelText(rel, ex.DM, m.Move, ex.State)))
			if ex.Concept.Base == stability.Nash {
				continue
			}
			// escaped describes a sanction the DM's counter-response defeats.
			escaped := func(e *strength.Escaped) {
				d.steps(k, v, e.Sequence)
				d.under(k, fmt.Sprintf("It ends at state %s; %s %s, but %s escapes: %s; %s %s.", number(e.End), dm, plainRel(rel, ex.DM, e.End, ex.State),
					dm, v.moveText(ex.DM, e.End, e.Escape), dm, plainRel(rel, ex.DM, e.Escape, ex.State)))
			}
			if m.End < 0 {
				if m.Escaped != nil {
					d.under(k, fmt.Sprintf("No sanction survives %s's counter-response; the shortest sanction %s escapes from:", dm, dm))
					escaped(m.Escaped)
					continue
				}
				d.under(k, fmt.Sprintf("No sanction: no legal sequence of the other DMs' %s from state %s ends in a state that deters %s.",
					map[bool]string{true: "improvements" + map[bool]string{true: " or moves of unknown preference", false: ""}[hybrid], false: "moves"}[ex.Concept.Base == stability.SEQ], number(m.Move), dm))
				continue
			}
			d.steps(k, v, m.Sequence)
			switch {
			case m.Strong:
				d.under(k, fmt.Sprintf("It ends at state %s; %s %s: the sanction is strong.", number(m.End), dm, strengthRelText(rel, ex.DM, m.End, ex.State)))
			case m.Escape >= 0:
				d.under(k, fmt.Sprintf("It ends at state %s; %s %s, but %s escapes: %s; %s %s: the sanction is mild.", number(m.End), dm, plainRel(rel, ex.DM, m.End, ex.State),
					dm, v.moveText(ex.DM, m.End, m.Escape), dm, strengthRelText(rel, ex.DM, m.Escape, ex.State)))
			default:
				d.under(k, fmt.Sprintf("It ends at state %s; %s %s: the sanction is mild.", number(m.End), dm, strengthRelText(rel, ex.DM, m.End, ex.State)))
			}
			if !m.Strong && m.Escaped != nil {
				d.under(k, fmt.Sprintf("A sanction ending in a state %s finds strongly worse fails to %s's counter-response:", dm, dm))
				escaped(m.Escaped)
			}
			if !m.Strong {
				if ex.Concept.Base == stability.SMR {
					d.under(k, fmt.Sprintf("No sanction ends in a state %s finds strongly worse than state %s without %s escaping to a state it does not.", dm, number(ex.State), dm))
				} else {
					d.under(k, fmt.Sprintf("No sanction ends in a state %s finds strongly worse than state %s.", dm, number(ex.State)))
				}
			}
		}
		d.endList()
	}
	return w.Flush()
}

type jsonStrengthMove struct {
	To       int           `json:"to"`
	Relation string        `json:"move_relation"`
	Sequence []jsonUncStep `json:"sequence"`
	End      *int          `json:"end"`
	EndRel   string        `json:"end_relation,omitempty"`
	Sanction string        `json:"sanction"`
	// Escape: under SMR, the DM's move from end that makes a sanction
	// ending in a strongly worse state mild.
	Escape  *int                `json:"escape,omitempty"`
	Escaped *jsonStrengthEscape `json:"escaped,omitempty"`
}

// jsonStrengthEscape is a sanction SMR rejects because the DM escapes
// from its end (strength.Escaped); level says which deterrence it fails.
type jsonStrengthEscape struct {
	Sequence []jsonUncStep `json:"sequence"`
	End      int           `json:"end"`
	Escape   int           `json:"escape"`
	Level    string        `json:"level"`
}

type jsonStrengthExplanation struct {
	Concept   string             `json:"concept"`
	DM        string             `json:"dm"`
	State     int                `json:"state"`
	Stability string             `json:"stability"`
	Moves     []jsonStrengthMove `json:"moves"`
}

func strengthExplainJSON(out io.Writer, v *view, rel *strength.Relation, exs []*strength.Explanation) error {
	doc := struct {
		Schema        string                    `json:"$schema"`
		Kind          string                    `json:"kind"`
		FormatVersion int                       `json:"format_version"`
		Title         string                    `json:"title"`
		Explanations  []jsonStrengthExplanation `json:"explanations"`
	}{Schema: schemaBase + "strength-explanation.schema.json", Kind: "strength-explanation", FormatVersion: 1, Title: v.title(), Explanations: []jsonStrengthExplanation{}}
	// The extension is named only when some comparison is unknown, as in
	// the text (the four extensions then coincide).
	hybrid := false
	for i := range rel.Space.DMs {
		hybrid = hybrid || rel.Any(i)
	}
	for _, ex := range exs {
		verdict := "unstable"
		switch {
		case ex.Strong:
			verdict = "strong"
		case ex.Stable:
			verdict = "weak"
		}
		je := jsonStrengthExplanation{Concept: conceptName(ex.Concept, hybrid), DM: v.ss.DMs[ex.DM].ID, State: statespace.Number(ex.State), Stability: verdict, Moves: []jsonStrengthMove{}}
		for _, m := range ex.Moves {
			jm := jsonStrengthMove{To: statespace.Number(m.Move), Relation: rel.Compare(ex.DM, m.Move, ex.State), Sequence: jsonSteps(v, m.Sequence), Sanction: "none"}
			if m.End >= 0 {
				e := statespace.Number(m.End)
				jm.End = &e
				jm.EndRel = rel.Compare(ex.DM, m.End, ex.State)
				jm.Sanction = map[bool]string{true: "strong", false: "mild"}[m.Strong]
			}
			if m.Escape >= 0 {
				e := statespace.Number(m.Escape)
				jm.Escape = &e
			}
			if e := m.Escaped; e != nil {
				seq := make([]uncertain.Step, len(e.Sequence))
				for k, st := range e.Sequence {
					seq[k] = uncertain.Step{Mover: st.Mover, From: st.From, To: st.To}
				}
				jm.Escaped = &jsonStrengthEscape{Sequence: v.jsonSteps(seq), End: statespace.Number(e.End), Escape: statespace.Number(e.Escape),
					Level: map[bool]string{true: "strong", false: "mild"}[e.Strong]}
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

// kindPhrase names the moves of a kind in a sentence.
var kindPhrase = map[strength.MoveKind]string{
	strength.StrongMoves:   "strong improvements",
	strength.Improvements:  "improvements",
	strength.CredibleMoves: "improvements or moves of unknown preference",
}

// StrengthEvolution is a status quo analysis under strength of
// preference: one strength.Evolution per move kind, from one start.
type StrengthEvolution struct {
	Start int
	Runs  []*strength.Evolution // one per strength.MoveKinds
}

// WriteStrengthEvolution writes which states are reached from the start
// under each move kind (strong improvements only; mild or strong
// improvements; these and moves of unknown preference), in how many
// steps, whether each is a strong or weak equilibrium, and a shortest path
// to every equilibrium reached. Text, Markdown or JSON.
func WriteStrengthEvolution(out io.Writer, r *analysis.Result, sa *strength.Analysis, ev *StrengthEvolution, f Format) error {
	v, err := newView(r, false)
	if err != nil {
		return err
	}
	concepts := strengthConcepts(sa)
	hybrid := len(concepts) == len(strength.Concepts)
	eq := make([][]byte, len(concepts))
	for k, c := range concepts {
		st, wk := sa.Equilibria(c)
		eq[k] = []byte(strings.Repeat(".", v.ss.Len()))
		for _, s := range st {
			eq[k][s] = 'S'
		}
		for _, s := range wk {
			eq[k][s] = 'W'
		}
	}
	if !hybrid {
		// Without unknown comparisons credible moves are improvements.
		var runs []*strength.Evolution
		for _, e := range ev.Runs {
			if e.Kind != strength.CredibleMoves {
				runs = append(runs, e)
			}
		}
		ev = &StrengthEvolution{Start: ev.Start, Runs: runs}
	}
	var states []int
	for s := 0; s < v.ss.Len(); s++ {
		for _, e := range ev.Runs {
			if e.Dist(s) >= 0 {
				states = append(states, s)
				break
			}
		}
	}
	isEq := func(s int) bool {
		for k := range concepts {
			if eq[k][s] != '.' {
				return true
			}
		}
		return false
	}
	steps := func(e *strength.Evolution, s int) string {
		if d := e.Dist(s); d >= 0 {
			return strconv.Itoa(d)
		}
		return "-"
	}
	switch f {
	case Text, Markdown:
		v.display()
		md := f == Markdown
		w := bufio.NewWriter(out)
		d := mdDoc{w, md}
		under := "strength of preference"
		if hybrid {
			under = "hybrid preferences"
		}
		d.title(fmt.Sprintf("%s: status quo analysis under %s from state %s%s", v.title(), under, number(ev.Start), idNote(v, ev.Start)))
		d.line(v.summary())
		if names := v.dmNames("DMs: ", ""); names != "" {
			d.line(names)
		}
		// States are labelled as in every state table: the id in graph
		// form, then the options.
		graph := v.ss.Graph()
		header := []string{"State"}
		if graph {
			header = append(header, "Id")
		}
		header = append(header, "Options")
		for _, e := range ev.Runs {
			header = append(header, "steps:"+e.Kind.String())
		}
		for _, c := range concepts {
			header = append(header, conceptName(c, hybrid))
		}
		rows := [][]string{header}
		for _, s := range states {
			row := []string{number(s)}
			if graph {
				row = append(row, v.ss.StateID(s))
			}
			row = append(row, v.groupedPattern(s))
			for _, e := range ev.Runs {
				row = append(row, steps(e, s))
			}
			for k := range concepts {
				row = append(row, string(eq[k][s]))
			}
			rows = append(rows, row)
		}
		if !md {
			fmt.Fprintln(w)
		}
		writeTable(w, rows, md)
		if md {
			fmt.Fprintln(w)
		}
		d.section("Paths to the equilibria reached (one shortest per state and move kind)")
		found := false
		for _, s := range states {
			if !isEq(s) || s == ev.Start {
				continue
			}
			for _, e := range ev.Runs {
				p := e.Path(s)
				if p == nil {
					continue
				}
				found = true
				d.item(1, "  ", fmt.Sprintf("to state %s by %s:", number(s), kindPhrase[e.Kind]))
				for j, st := range p {
					d.item(2, "    ", fmt.Sprintf("step %d: %s", j+1, v.moveText(st.Mover, st.From, st.To)))
				}
			}
		}
		if !found {
			d.item(1, "  ", "none: no equilibrium other than the start is reached.")
		}
		d.endList()
		d.section("Legend")
		d.item(1, "  ", "steps:strong = fewest steps when every DM moves only to states it strongly prefers; steps:improvements = to states it prefers mildly or strongly; steps:credible (with unknown comparisons) = also to states of unknown preference; - = not reached. Moves follow legal sequences (no DM twice in a row).")
		d.item(1, "  ", "Equilibrium columns: S = strong equilibrium, W = weak, . = neither.")
		d.endList()
		return w.Flush()
	case JSON:
		type jsonReached struct {
			Number     int                      `json:"number"`
			ID         string                   `json:"id,omitempty"` // graph form: the state's id
			Pattern    string                   `json:"pattern"`
			Steps      map[string]*int          `json:"steps"`
			Equilibria map[string]string        `json:"equilibrium"`
			Paths      map[string][]jsonUncStep `json:"paths,omitempty"`
		}
		doc := struct {
			Schema        string        `json:"$schema"`
			Kind          string        `json:"kind"`
			FormatVersion int           `json:"format_version"`
			Title         string        `json:"title"`
			Start         int           `json:"start"`
			States        []jsonReached `json:"states"`
		}{Schema: schemaBase + "strength-evolution.schema.json", Kind: "strength-evolution", FormatVersion: 1, Title: v.title(), Start: statespace.Number(ev.Start), States: []jsonReached{}}
		words := map[byte]string{'S': "strong", 'W': "weak", '.': "none"}
		for _, s := range states {
			jr := jsonReached{Number: statespace.Number(s), ID: v.ss.StateID(s), Pattern: v.ss.Pattern(s), Steps: map[string]*int{}, Equilibria: map[string]string{}}
			for _, e := range ev.Runs {
				if d := e.Dist(s); d >= 0 {
					jr.Steps[e.Kind.String()] = &d
				} else {
					jr.Steps[e.Kind.String()] = nil
				}
				if isEq(s) && s != ev.Start {
					if p := e.Path(s); p != nil {
						if jr.Paths == nil {
							jr.Paths = map[string][]jsonUncStep{}
						}
						jr.Paths[e.Kind.String()] = jsonSteps(v, p)
					}
				}
			}
			for k, c := range concepts {
				jr.Equilibria[conceptName(c, hybrid)] = words[eq[k][s]]
			}
			doc.States = append(doc.States, jr)
		}
		b, err := encode(doc, "", true)
		if err != nil {
			return err
		}
		_, err = out.Write(b)
		return err
	}
	return fmt.Errorf("the %v format is not available for status quo analysis; use text, markdown or json", f)
}
