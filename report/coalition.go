package report

import (
	"bufio"
	"errors"
	"fmt"
	"github.com/gmcr/gmcr/internal/english"
	"io"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/gmcr/gmcr/analysis"
	"github.com/gmcr/gmcr/coalition"
	"github.com/gmcr/gmcr/stability"
	"github.com/gmcr/gmcr/statespace"
)

// CoalitionResults is what WriteCoalitions formats; every field is an
// engine result for the same state space and preferences.
type CoalitionResults struct {
	// Analysis is coalition.Analyze's result.
	Analysis *coalition.Analysis
	// Checks is coalition.Upsets' result: the individually stable
	// equilibria and the coalitions that upset them.
	Checks []coalition.Check
	// Details says whether Checks carry their explanations (Upsets with
	// details): then every unsanctioned improvement is listed.
	Details bool
	// State is a state to explain in full (-1: none), with Explanations
	// its explanations (coalition.ExplainState) in the order given.
	State        int
	Explanations []*coalition.Explanation
	// Structure is the analysis of the model file's fixed coalition
	// structure, or nil.
	Structure *coalition.StructureAnalysis
}

// WriteCoalitions writes a coalition analysis in format f: text or
// markdown (the coalitions analysed, each individually stable equilibrium
// with the coalitions that upset it and their moves as legal sequences,
// the coalitional equilibria when every state was analysed, the
// explanation of State, and the fixed coalition structure's equilibria),
// or json (kind "coalitions"). CSV is refused.
func WriteCoalitions(w io.Writer, r *analysis.Result, cr *CoalitionResults, f Format, opt Options) error {
	v, err := newView(r, false)
	if err != nil {
		return err
	}
	if cr == nil || cr.Analysis == nil || cr.Analysis.Space != r.Space {
		return errors.New("report: the coalition analysis does not belong to this result")
	}
	if cr.Structure != nil && cr.Structure.Structure.Space != r.Space {
		return errors.New("report: the coalition structure does not belong to this result")
	}
	if f != JSON {
		v.display()
	}
	switch f {
	case Text, Markdown:
		bw := bufio.NewWriter(w)
		coalitionText(bw, v, cr, f == Markdown)
		return bw.Flush()
	case JSON:
		return coalitionJSON(w, v, cr)
	}
	return fmt.Errorf("the %v format is not available for a coalition analysis; use text, markdown or json", f)
}

// coalitionsOf lists the analysed coalitions of two or more DMs.
func coCoalitions(a *coalition.Analysis) [][]int {
	var out [][]int
	for _, h := range a.Coalitions {
		if len(h) > 1 {
			out = append(out, h)
		}
	}
	return out
}

// allDecided reports whether a decided every state.
func coAllDecided(a *coalition.Analysis) bool { return len(a.States) == a.Space.Len() }

// coalitionSequence is "P1 moves 4 -> 3 (stops taking option d1), then P2
// moves 3 -> 1 (stops taking option d2)".
func (v *view) coalitionSequence(imp coalition.Improvement) string {
	var seq []string
	for _, u := range imp.Sequence {
		seq = append(seq, v.moveText(u.Mover, u.From, u.To))
	}
	return strings.Join(seq, ", then ")
}

// coalitionMove is "4 -> 1: P1 moves 4 -> 3 (stops taking option d1),
// then P2 moves 3 -> 1 (stops taking option d2); ranks P1 3 -> 2, P2 3 ->
// 2".
func (v *view) coalitionMove(imp coalition.Improvement) string {
	return fmt.Sprintf("%s -> %s: %s; %s", number(imp.From), number(imp.To),
		v.coalitionSequence(imp), v.postRanks(imp.Coalition, imp.From, imp.To))
}

// coalitionWitness describes the sanction of one improvement under c, or
// its lack.
func (v *view) coalitionWitness(c coalition.Concept, w coalition.Witness, s int) string {
	if c == coalition.CNash {
		return "CNash considers no sanction."
	}
	if !w.Sanctioned {
		if len(w.Improvement.Coalition) == len(v.ss.DMs) {
			return "Unsanctioned: no DM is outside the coalition."
		}
		kind := "moves"
		if c == coalition.CSEQ {
			kind = "unilateral improvements"
		}
		tried := ""
		if tr := w.Tried; tr != nil {
			switch {
			case tr.Responses == 0:
				tried = fmt.Sprintf(" Tried: the DMs outside the coalition have no legal %s from %s, so they cannot respond.", strings.TrimSuffix(kind, "s"), number(w.Improvement.To))
			default:
				list := ""
				if tr.States != nil {
					parts := make([]string, len(tr.States))
					for i, x := range tr.States {
						parts[i] = number(x)
					}
					list = ": " + english.List("state", parts)
				}
				tried = fmt.Sprintf(" Tried: by legal sequences of their %s from %s, the DMs outside the coalition reach %s%s", kind, number(w.Improvement.To), english.Count(tr.Responses, "state"), list)
				each := "each of them"
				if tr.Responses == 1 {
					each = "it"
				}
				if c == coalition.CSMR {
					tried += fmt.Sprintf("; for %s, every member prefers it to %s, or the coalition moves on from it to a state every member prefers to %s.", each, number(s), number(s))
				} else {
					tried += fmt.Sprintf("; every member prefers %s to %s.", each, number(s))
				}
			}
		}
		return fmt.Sprintf("Unsanctioned: no legal sequence of the other DMs' %s ends in a state that some member does not prefer to %s.%s", kind, number(s), tried)
	}
	var seq []string
	for _, u := range w.Sequence {
		seq = append(seq, v.moveText(u.Mover, u.From, u.To))
	}
	k := w.Deterred
	msg := fmt.Sprintf("Sanctioned by %s; it ends at %s, which %s does not prefer to %s (rank %d vs %d).",
		strings.Join(seq, ", then "), number(w.End), v.ss.DMs[k].ID, number(s), v.p.Rank(k, w.End), v.p.Rank(k, s))
	if c == coalition.CSMR {
		msg += fmt.Sprintf(" No move of %s from %s reaches a state every member prefers to %s.", v.postMovers(w.Improvement.Coalition), number(w.End), number(s))
	}
	return msg
}

// coMaxListed is the most state numbers the text and Markdown formats
// list in one line; JSON lists all.
const coMaxListed = 100

// coStateList is "none", "1 state: 4" or "12 states: 1, 2, ... and 2 more".
func coStateList(states []int, most int) string {
	if len(states) == 0 {
		return "none"
	}
	list := numberList(states[:min(len(states), most)])
	if len(states) > most {
		list += fmt.Sprintf(" and %d more (--format json lists all)", len(states)-most)
	}
	return plural(len(states), "state") + ": " + list
}

// coMore says how many upsetting moves of each concept were not listed
// (--max-moves), or "".
func coMore(ups []coalition.Upset) string {
	var parts []string
	for _, u := range ups {
		if n := u.UnsanctionedCount - len(u.Unsanctioned); n > 0 {
			parts = append(parts, fmt.Sprintf("%d more under %s", n, u.Concept))
		}
	}
	if parts == nil {
		return ""
	}
	return "Not listed (--max-moves): " + strings.Join(parts, ", ") + "."
}

// coMaxRow is the most state numbers a row of the upset table lists.
const coMaxRow = 8

// coUpsetGroup is a row of the upset table: the equilibria (ascending)
// with the same individual concepts and the same upsets, and per
// coalition of two or more DMs (class order) the letters of the concepts
// under which it upsets them, or "-".
type coUpsetGroup struct {
	concepts []stability.Concept
	cells    []string
	states   []int
}

// coUpsetGroups groups the checks (ascending states) into rows, in order
// of their first state.
func coUpsetGroups(a *coalition.Analysis, checks []coalition.Check) []*coUpsetGroup {
	coals := coCoalitions(a)
	var out []*coUpsetGroup
	idx := map[string]*coUpsetGroup{}
	for _, ch := range checks {
		cells := make([]string, len(coals))
		for i, h := range coals {
			for _, u := range ch.Upsets {
				if slices.Equal(u.Coalition, h) {
					cells[i] += coLetter(u.Concept)
				}
			}
			if cells[i] == "" {
				cells[i] = "-"
			}
		}
		key := fmt.Sprint(ch.Concepts, cells)
		g, ok := idx[key]
		if !ok {
			g = &coUpsetGroup{concepts: ch.Concepts, cells: cells}
			idx[key] = g
			out = append(out, g)
		}
		g.states = append(g.states, ch.State)
	}
	return out
}

// coLetter is a concept's letter in the upset table.
func coLetter(c coalition.Concept) string {
	return [...]string{"N", "G", "S", "Q"}[c]
}

// coTable writes rows (the first a header) as aligned columns, the first
// left columns left-aligned and the others right-aligned, or as a
// Markdown table.
func coTable(w *bufio.Writer, rows [][]string, md bool, left int) {
	if md {
		for i, row := range rows {
			cells := make([]string, len(row))
			for j, c := range row {
				cells[j] = escapeMD(c)
			}
			w.WriteString("| " + strings.Join(cells, " | ") + " |\n")
			if i == 0 {
				seps := make([]string, len(row))
				for j := range seps {
					seps[j] = "---:"
					if j < left {
						seps[j] = "---"
					}
				}
				w.WriteString("|" + strings.Join(seps, "|") + "|\n")
			}
		}
		return
	}
	width := make([]int, len(rows[0]))
	for _, row := range rows {
		for j, c := range row {
			width[j] = max(width[j], utf8.RuneCountInString(c))
		}
	}
	for _, row := range rows {
		var b strings.Builder
		b.WriteString("  ")
		for j, c := range row {
			pad := strings.Repeat(" ", width[j]-utf8.RuneCountInString(c))
			if j > 0 {
				b.WriteString("  ")
			}
			if j < left {
				b.WriteString(c + pad)
			} else {
				b.WriteString(pad + c)
			}
		}
		w.WriteString(strings.TrimRight(b.String(), " ") + "\n")
	}
}

// coGroup gathers the explanations of one coalition, in the order given.
type coGroup struct {
	coalition []int
	exs       []*coalition.Explanation
}

func coGroups(exs []*coalition.Explanation) []coGroup {
	var out []coGroup
	idx := map[string]int{}
	for _, ex := range exs {
		k := fmt.Sprint(ex.Coalition)
		i, ok := idx[k]
		if !ok {
			i = len(out)
			idx[k] = i
			out = append(out, coGroup{coalition: ex.Coalition})
		}
		out[i].exs = append(out[i].exs, ex)
	}
	return out
}

// coPreferredFirst orders coalitional improvements the way an analyst
// would cite them: the members' most preferred first, judged by the
// worst rank any member gives the target (a coalition moves only as far
// as its least pleased member agrees), then by the sum of the members'
// ranks, then by state number. The order is stable and deterministic.
func (v *view) coPreferredFirst(ws []coalition.Witness) []coalition.Witness {
	key := func(w coalition.Witness) (int, int) {
		worst, sum := 0, 0
		for _, k := range w.Improvement.Coalition {
			r := v.p.Rank(k, w.Improvement.To)
			worst, sum = max(worst, r), sum+r
		}
		return worst, sum
	}
	out := append([]coalition.Witness(nil), ws...)
	slices.SortStableFunc(out, func(a, b coalition.Witness) int {
		wa, sa := key(a)
		wb, sb := key(b)
		if wa != wb {
			return wa - wb
		}
		if sa != sb {
			return sa - sb
		}
		return a.Improvement.To - b.Improvement.To
	})
	return out
}

func coUnsanctioned(ex *coalition.Explanation) []coalition.Witness {
	var out []coalition.Witness
	for _, w := range ex.Improvements {
		if !w.Sanctioned {
			out = append(out, w)
		}
	}
	return out
}

func coalitionText(w *bufio.Writer, v *view, cr *CoalitionResults, md bool) {
	a := cr.Analysis
	e := func(s string) string { return mdText(s, md) }
	// bullet writes a list item at depth d.
	bullet := func(d int, format string, args ...any) {
		text := fmt.Sprintf(format, args...)
		if md {
			fmt.Fprintf(w, "%s- %s\n", strings.Repeat("  ", d), e(text))
		} else {
			fmt.Fprintf(w, "%s%s\n", strings.Repeat("  ", d+1), text)
		}
	}
	heading := func(text string) {
		if md {
			fmt.Fprintf(w, "## %s\n\n", e(text))
		} else {
			fmt.Fprintf(w, "%s:\n", text)
		}
	}
	var names []string
	for _, h := range coCoalitions(a) {
		names = append(names, v.postMovers(h))
	}
	if md {
		fmt.Fprintf(w, "# %s: coalition analysis\n\n%s.\n\nOptions by DM (Y = taken, N = not taken): %s.\n%s\n", escapeMD(v.title()), v.summary(), escapeMD(v.patternKey()), escapeMD(v.dmNames("\nDMs: ", ".\n")))
	} else {
		fmt.Fprintf(w, "%s: coalition analysis\n%s\nOptions by DM (Y = taken, N = not taken): %s\n%s\n", v.title(), v.summary(), v.patternKey(), v.dmNames("DMs: ", "\n"))
	}
	if len(names) == 0 {
		names = []string{"none"}
	}
	// The coalitions analysed are a finding; the definitions follow,
	// labelled and set apart, so none reads as a result.
	if md {
		w.WriteString("- " + e(fmt.Sprintf("Coalitions analysed (%d): %s; every DM alone is analysed too.", len(coCoalitions(a)), strings.Join(names, ", "))) + "\n\n**Definitions** (not findings):\n\n")
	} else {
		fmt.Fprintf(w, "Coalitions analysed (%d): %s; every DM alone is analysed too.\n\nDefinitions (not findings):\n", len(coCoalitions(a)), strings.Join(names, ", "))
	}
	defs := []string{
		"A coalitional improvement of a coalition from a state is a state its members reach by a legal sequence of their unilateral moves (no member twice in a row) and every member strictly prefers.",
		"A coalition upsets an equilibrium under a concept when it has a coalitional improvement from it that is unsanctioned under the concept (under CNash: any coalitional improvement).",
	}
	if a.Has(coalition.CSEQ) {
		if a.Sanctions == coalition.Joint {
			defs = append(defs, "CSEQ sanctions: joint (each step of a sanction is a unilateral improvement of a DM outside the coalition or a coalitional improvement of a group of them).")
		} else {
			defs = append(defs, "CSEQ sanctions: unilateral (each step of a sanction is a unilateral improvement of a DM outside the coalition).")
		}
	}
	for _, c := range a.Concepts {
		defs = append(defs, c.Definition())
	}
	for _, line := range defs {
		if md {
			w.WriteString("- " + e(line) + "\n")
		} else {
			w.WriteString("  " + line + "\n")
		}
	}
	w.WriteString("\n")

	heading("Coalitional equilibria (stable for every DM alone and every coalition analysed)")
	if coAllDecided(a) {
		for _, c := range a.Concepts {
			bullet(0, "%s: %s", c, coStateList(a.Equilibria(c), coMaxListed))
		}
	} else {
		bullet(0, "Not listed: only some states were analysed.")
	}
	w.WriteString("\n")

	heading(fmt.Sprintf("States stable for each coalition (of %d)", len(a.States)))
	rows := [][]string{{"Coalition"}}
	for _, c := range a.Concepts {
		rows[0] = append(rows[0], c.String())
	}
	for h, co := range a.Coalitions {
		row := []string{v.postMovers(co)}
		for _, c := range a.Concepts {
			row = append(row, fmt.Sprint(a.StableCount(c, h)))
		}
		rows = append(rows, row)
	}
	coTable(w, rows, md, 1)
	w.WriteString("\n")

	heading("Individually stable equilibria and the coalitions that can upset them")
	if len(cr.Checks) == 0 {
		bullet(0, "No equilibrium under the chosen concepts.")
	} else {
		var letters []string
		for _, c := range a.Concepts {
			letters = append(letters, fmt.Sprintf("%s = %s", coLetter(c), c))
		}
		bullet(0, "Equilibria that the same coalitions upset under the same concepts share a row (--format json lists every state). A cell lists the coalitional concepts under which the coalition upsets them (%s; - for none); an equilibrium is checked under the counterparts of the concepts it is an equilibrium of.", strings.Join(letters, ", "))
		if !cr.Details {
			bullet(0, "--details lists every upsetting move (an unsanctioned coalitional improvement); --state N explains every sanction at one state.")
		}
		w.WriteString("\n")
		rows := [][]string{{"Equilibria", "Equilibrium under"}}
		for _, h := range coCoalitions(a) {
			rows[0] = append(rows[0], v.postMovers(h))
		}
		for _, g := range coUpsetGroups(a, cr.Checks) {
			list := numberList(g.states[:min(len(g.states), coMaxRow)])
			if len(g.states) > coMaxRow {
				list += fmt.Sprintf(" and %d more", len(g.states)-coMaxRow)
			}
			rows = append(rows, append([]string{list, postConcepts(g.concepts)}, g.cells...))
		}
		coTable(w, rows, md, 2)
	}
	w.WriteString("\n")

	if cr.Details {
		heading("Upsetting moves (unsanctioned coalitional improvements)")
		upset := false
		for _, ch := range cr.Checks {
			if len(ch.Upsets) == 0 {
				continue
			}
			upset = true
			var coals [][]int
			byCo := map[string][]coalition.Upset{}
			for _, u := range ch.Upsets {
				k := fmt.Sprint(u.Coalition)
				if _, ok := byCo[k]; !ok {
					coals = append(coals, u.Coalition)
				}
				byCo[k] = append(byCo[k], u)
			}
			bullet(0, "State %s (%s; equilibrium under %s) can be upset by %s:", number(ch.State), v.groupedPatternOrID(ch.State), postConcepts(ch.Concepts), plural(len(coals), "coalition"))
			for _, h := range coals {
				ups := byCo[fmt.Sprint(h)]
				var under []string
				// Each upsetting move once, with the concepts under which
				// it is unsanctioned.
				var moves []coalition.Improvement
				conc := map[int][]string{}
				for _, u := range ups {
					if u.Concept == coalition.CNash {
						under = append(under, fmt.Sprintf("%s (%s)", u.Concept, plural(u.Improvements, "coalitional improvement")))
					} else {
						under = append(under, fmt.Sprintf("%s (%d of %d unsanctioned)", u.Concept, u.UnsanctionedCount, u.Improvements))
					}
					for _, imp := range u.Unsanctioned {
						if _, ok := conc[imp.To]; !ok {
							moves = append(moves, imp)
						}
						conc[imp.To] = append(conc[imp.To], u.Concept.String())
					}
				}
				// The members' most preferred moves first.
				ws := make([]coalition.Witness, len(moves))
				for i, imp := range moves {
					ws[i] = coalition.Witness{Improvement: imp}
				}
				for i, w := range v.coPreferredFirst(ws) {
					moves[i] = w.Improvement
				}
				note := ""
				if len(h) == len(v.ss.DMs) {
					note = "; no DM is outside it to sanction"
				}
				bullet(1, "%s, under %s%s; its unsanctioned moves, the members' most preferred first:", v.postMovers(h), strings.Join(under, ", "), note)
				for _, imp := range moves {
					bullet(2, "%s (unsanctioned under %s).", v.coalitionMove(imp), strings.Join(conc[imp.To], ", "))
				}
				if more := coMore(ups); more != "" {
					bullet(2, "%s", more)
				}
			}
		}
		if !upset {
			bullet(0, "None: no coalition analysed can upset any of these equilibria.")
		}
		w.WriteString("\n")
	}

	if cr.State >= 0 {
		heading(fmt.Sprintf("State %s (%s) for each coalition", number(cr.State), v.groupedPatternOrID(cr.State)))
		for _, g := range coGroups(cr.Explanations) {
			var verdicts []string
			for _, ex := range g.exs {
				verdict := "stable"
				if !ex.Stable {
					verdict = "unstable"
				}
				verdicts = append(verdicts, fmt.Sprintf("%s %s", ex.Concept, verdict))
			}
			n := len(g.exs[0].Improvements)
			if n == 0 {
				bullet(0, "%s has no coalitional improvement: %s.", v.postMovers(g.coalition), strings.Join(verdicts, ", "))
				continue
			}
			bullet(0, "%s has %s: %s.", v.postMovers(g.coalition), plural(n, "coalitional improvement"), strings.Join(verdicts, ", "))
			for i := 0; i < n; i++ {
				bullet(1, "%s.", v.coalitionMove(g.exs[0].Improvements[i].Improvement))
				for _, ex := range g.exs {
					if ex.Concept == coalition.CNash || i >= len(ex.Improvements) {
						continue
					}
					bullet(2, "%s: %s", ex.Concept, v.coalitionWitness(ex.Concept, ex.Improvements[i], ex.State))
				}
			}
		}
		w.WriteString("\n")
	}

	if st := cr.Structure; st != nil {
		heading("Fixed coalition structure " + coalition.StructureString(st.Structure))
		bullet(0, "Definition (not a finding): each coalition acts as one DM owning its members' options, and prefers a state only if every member does (a partial order).")
		for _, c := range st.Concepts {
			eq := st.Equilibria(c)
			list := "none"
			if len(eq) > 0 {
				list = numberList(eq)
			}
			bullet(0, "%s equilibria: %s", c, list)
		}
		w.WriteString("\n")
	}
	note := "State numbers as in 'gmcr states'. " + rankNote
	if md {
		w.WriteString("- " + e(note) + "\n")
	} else {
		w.WriteString(note + "\n")
	}
}

type jsonCoalitionImprovement struct {
	Coalition  []string            `json:"coalition"`
	From       int                 `json:"from"`
	To         int                 `json:"to"`
	Sequence   []jsonMove          `json:"sequence"`
	Ranks      *ordered[[2]int]    `json:"ranks"`
	Sanctioned bool                `json:"sanctioned"`
	Sanction   []jsonMove          `json:"sanction,omitempty"`
	End        *int                `json:"end"`
	Deterred   string              `json:"deterred,omitempty"`
	Tried      *jsonCoalitionTried `json:"tried,omitempty"`
	Text       string              `json:"text"`
}

// jsonCoalitionTried is coalition.Tried: the responses of the DMs
// outside the coalition, none of them a sanction.
type jsonCoalitionTried struct {
	Responses int   `json:"responses"`
	States    []int `json:"states,omitempty"`
}

type jsonCoalitionExplanation struct {
	Concept      string                     `json:"concept"`
	Coalition    []string                   `json:"coalition"`
	State        int                        `json:"state"`
	Stable       bool                       `json:"stable"`
	Improvements []jsonCoalitionImprovement `json:"improvements"`
}

// jsonCoalitionUpset is one coalition upsetting an equilibrium under one
// concept: its unsanctioned coalitional improvements.
type jsonCoalitionUpset struct {
	Concept           string                     `json:"concept"`
	Coalition         []string                   `json:"coalition"`
	Improvements      *int                       `json:"improvements,omitempty"`
	UnsanctionedCount *int                       `json:"unsanctioned_count,omitempty"`
	Unsanctioned      []jsonCoalitionImprovement `json:"unsanctioned,omitempty"`
}

// jsonUpsetGroup is a row of the upset table: equilibria with the same
// individual concepts, upset by the same coalitions under the same
// concepts.
type jsonUpsetGroup struct {
	States      []int         `json:"states"`
	Equilibrium []string      `json:"equilibrium"`
	UpsetBy     []jsonUpsetBy `json:"upset_by"`
}

type jsonUpsetBy struct {
	Coalition []string `json:"coalition"`
	Concepts  []string `json:"concepts"`
}

type jsonCoalitionStable struct {
	Coalition []string       `json:"coalition"`
	Stable    map[string]int `json:"stable"`
}

type jsonCoalitionCheck struct {
	State       int                  `json:"state"`
	Pattern     string               `json:"pattern"`
	Equilibrium []string             `json:"equilibrium"`
	Upsets      []jsonCoalitionUpset `json:"upsets"`
}

type jsonCoalitionStructure struct {
	Coalitions [][]string      `json:"coalitions"`
	Equilibria *ordered[[]int] `json:"equilibria"`
}

type jsonCoalitions struct {
	Kind          string                     `json:"kind"`
	FormatVersion int                        `json:"format_version"`
	Model         jsonModel                  `json:"model"`
	Coalitions    [][]string                 `json:"coalitions"`
	Concepts      []jsonConcept              `json:"concepts"`
	Sanctions     string                     `json:"sanctions"`
	Details       bool                       `json:"details"`
	States        int                        `json:"states"`
	Stable        []jsonCoalitionStable      `json:"stable"`
	Upsets        []jsonUpsetGroup           `json:"upsets"`
	Checks        []jsonCoalitionCheck       `json:"checks"`
	Equilibria    *ordered[[]int]            `json:"equilibria"`
	State         *int                       `json:"state"`
	Explanations  []jsonCoalitionExplanation `json:"explanations"`
	Structure     *jsonCoalitionStructure    `json:"structure"`
	Definitions   jsonDefinitions            `json:"definitions"`
}

func (v *view) coIDs(h []int) []string {
	out := make([]string, len(h))
	for i, k := range h {
		out[i] = v.ss.DMs[k].ID
	}
	return out
}

func coNumbers(states []int) []int {
	out := make([]int, len(states))
	for i, s := range states {
		out[i] = statespace.Number(s)
	}
	return out
}

func (v *view) coalitionExplanationJSON(ex *coalition.Explanation) jsonCoalitionExplanation {
	je := jsonCoalitionExplanation{Concept: ex.Concept.String(), Coalition: v.coIDs(ex.Coalition), State: statespace.Number(ex.State), Stable: ex.Stable,
		Improvements: []jsonCoalitionImprovement{}}
	for _, w := range ex.Improvements {
		je.Improvements = append(je.Improvements, v.coalitionImprovementJSON(w.Improvement, w, ex.Concept, ex.State))
	}
	return je
}

// coalitionImprovementJSON is one coalitional improvement with its
// sanction under c (w), or none.
func (v *view) coalitionImprovementJSON(imp coalition.Improvement, w coalition.Witness, c coalition.Concept, state int) jsonCoalitionImprovement {
	ji := jsonCoalitionImprovement{Coalition: v.coIDs(imp.Coalition), From: statespace.Number(imp.From), To: statespace.Number(imp.To),
		Sequence: []jsonMove{}, Ranks: newOrdered[[2]int](len(imp.Coalition)), Sanctioned: w.Sanctioned,
		Text: v.postMovers(imp.Coalition) + " move " + v.coalitionMove(imp) + ". " + v.coalitionWitness(c, w, state)}
	for _, u := range imp.Sequence {
		ji.Sequence = append(ji.Sequence, v.move(u.Mover, u.From, u.To))
	}
	for _, k := range imp.Coalition {
		ji.Ranks.set(v.ss.DMs[k].ID, [2]int{v.p.Rank(k, imp.From), v.p.Rank(k, imp.To)})
	}
	if tr := w.Tried; tr != nil {
		jt := &jsonCoalitionTried{Responses: tr.Responses}
		for _, x := range tr.States {
			jt.States = append(jt.States, statespace.Number(x))
		}
		ji.Tried = jt
	}
	if w.Sanctioned {
		end := statespace.Number(w.End)
		ji.End = &end
		ji.Deterred = v.ss.DMs[w.Deterred].ID
		for _, u := range w.Sequence {
			ji.Sanction = append(ji.Sanction, v.move(u.Mover, u.From, u.To))
		}
	}
	return ji
}

func coalitionJSON(out io.Writer, v *view, cr *CoalitionResults) error {
	a := cr.Analysis
	doc := jsonCoalitions{Kind: "coalitions", FormatVersion: FormatVersion, Model: modelJSON(v), Coalitions: [][]string{}, Concepts: []jsonConcept{},
		Checks: []jsonCoalitionCheck{}, Explanations: []jsonCoalitionExplanation{},
		Definitions: jsonDefinitions{Numbering: numberingNote, Rank: rankNote,
			Stable: "stable counts, per coalition (every DM alone first) and concept, the states stable for it; upsets groups the individually stable equilibria (equilibrium: the individual concepts) by the coalitions that upset them (unstable for the coalition under the coalitional counterpart) and the concepts under which they do; with details, checks lists each equilibrium with, per concept and upsetting coalition, its number of coalitional improvements and the unsanctioned ones; explanations explains state for every coalition and concept, sanctions included; equilibria lists the states stable for every DM alone and every coalition analysed.",
			Note:   "A coalitional improvement: a state the coalition's members reach by a legal sequence of their unilateral moves and every member strictly prefers. A sanction needs one member of the coalition not to prefer its end to the original state."}}
	for _, h := range coCoalitions(a) {
		doc.Coalitions = append(doc.Coalitions, v.coIDs(h))
	}
	for _, c := range a.Concepts {
		doc.Concepts = append(doc.Concepts, jsonConcept{Name: c.String(), Meaning: c.Meaning()})
	}
	doc.Sanctions, doc.Details, doc.States = a.Sanctions.String(), cr.Details, len(a.States)
	for h, co := range a.Coalitions {
		js := jsonCoalitionStable{Coalition: v.coIDs(co), Stable: map[string]int{}}
		for _, c := range a.Concepts {
			js.Stable[c.String()] = a.StableCount(c, h)
		}
		doc.Stable = append(doc.Stable, js)
	}
	doc.Upsets = []jsonUpsetGroup{}
	coals := coCoalitions(a)
	for _, g := range coUpsetGroups(a, cr.Checks) {
		jg := jsonUpsetGroup{States: coNumbers(g.states), Equilibrium: []string{}, UpsetBy: []jsonUpsetBy{}}
		for _, c := range g.concepts {
			jg.Equilibrium = append(jg.Equilibrium, c.String())
		}
		for i, cell := range g.cells {
			if cell == "-" {
				continue
			}
			by := jsonUpsetBy{Coalition: v.coIDs(coals[i])}
			for _, c := range a.Concepts {
				if strings.Contains(cell, coLetter(c)) {
					by.Concepts = append(by.Concepts, c.String())
				}
			}
			jg.UpsetBy = append(jg.UpsetBy, by)
		}
		doc.Upsets = append(doc.Upsets, jg)
	}
	for _, ch := range cr.Checks {
		if !cr.Details {
			break
		}
		jc := jsonCoalitionCheck{State: statespace.Number(ch.State), Pattern: v.ss.Pattern(ch.State), Equilibrium: []string{}, Upsets: []jsonCoalitionUpset{}}
		for _, c := range ch.Concepts {
			jc.Equilibrium = append(jc.Equilibrium, c.String())
		}
		for _, u := range ch.Upsets {
			ju := jsonCoalitionUpset{Concept: u.Concept.String(), Coalition: v.coIDs(u.Coalition)}
			k, un := u.Improvements, u.UnsanctionedCount
			ju.Improvements, ju.UnsanctionedCount = &k, &un
			for _, imp := range u.Unsanctioned {
				ju.Unsanctioned = append(ju.Unsanctioned, v.coalitionImprovementJSON(imp, coalition.Witness{Improvement: imp, End: -1, Deterred: -1}, u.Concept, ch.State))
			}
			jc.Upsets = append(jc.Upsets, ju)
		}
		doc.Checks = append(doc.Checks, jc)
	}
	if coAllDecided(a) {
		doc.Equilibria = newOrdered[[]int](len(a.Concepts))
		for _, c := range a.Concepts {
			doc.Equilibria.set(c.String(), coNumbers(a.Equilibria(c)))
		}
	}
	if cr.State >= 0 {
		n := statespace.Number(cr.State)
		doc.State = &n
	}
	for _, ex := range cr.Explanations {
		doc.Explanations = append(doc.Explanations, v.coalitionExplanationJSON(ex))
	}
	if st := cr.Structure; st != nil {
		js := &jsonCoalitionStructure{Equilibria: newOrdered[[]int](len(st.Concepts))}
		for _, b := range st.Structure.Blocks {
			js.Coalitions = append(js.Coalitions, v.coIDs(b))
		}
		for _, c := range st.Concepts {
			js.Equilibria.set(c.String(), coNumbers(st.Equilibria(c)))
		}
		doc.Structure = js
	}
	return writeDoc(out, doc)
}
