package report

import (
	"bufio"
	"errors"
	"fmt"
	"github.com/gmcr/gmcr/internal/english"
	"io"
	"slices"
	"strings"

	"github.com/gmcr/gmcr/analysis"
	"github.com/gmcr/gmcr/coalition"
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

// coMaxExamples is the most upsetting moves the text and Markdown
// formats show per coalition and equilibrium; JSON lists all.
const coMaxExamples = 3

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
		"A coalition upsets an equilibrium under a concept when it has a coalitional improvement from it that is unsanctioned under the concept (under CNash: any coalitional improvement); the moves listed are unsanctioned ones, and --state explains every sanction.",
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

	heading("Individually stable equilibria and the coalitions that can upset them")
	if len(cr.Checks) == 0 {
		bullet(0, "No equilibrium under the chosen concepts.")
	}
	for _, ch := range cr.Checks {
		head := fmt.Sprintf("State %s (%s; equilibrium under %s)", number(ch.State), v.groupedPattern(ch.State), postConcepts(ch.Concepts))
		if len(ch.Upsets) == 0 {
			bullet(0, "%s: no coalition analysed can upset it.", head)
			continue
		}
		groups := coGroups(ch.Upsets)
		bullet(0, "%s can be upset by %s:", head, plural(len(groups), "coalition"))
		for _, g := range groups {
			var under []string
			best := g.exs[0]
			for _, ex := range g.exs {
				un := coUnsanctioned(ex)
				if ex.Concept == coalition.CNash {
					under = append(under, fmt.Sprintf("%s (%s)", ex.Concept, plural(len(ex.Improvements), "coalitional improvement")))
				} else {
					under = append(under, fmt.Sprintf("%s (%d of %d unsanctioned)", ex.Concept, len(un), len(ex.Improvements)))
				}
				if len(un) < len(coUnsanctioned(best)) {
					best = ex
				}
			}
			note := ""
			if len(g.coalition) == len(v.ss.DMs) {
				note = "; no DM is outside it to sanction"
			}
			bullet(1, "%s, under %s%s; its unsanctioned moves, the members' most preferred first:", v.postMovers(g.coalition), strings.Join(under, ", "), note)
			un := v.coPreferredFirst(coUnsanctioned(best))
			for i, wi := range un {
				if i == coMaxExamples {
					bullet(2, "and %d more (--format json lists them all; --state %s explains each).", len(un)-i, number(ch.State))
					break
				}
				bullet(2, "%s.", v.coalitionMove(wi.Improvement))
			}
		}
	}
	w.WriteString("\n")

	heading("Coalitional equilibria (stable for every DM alone and every coalition analysed)")
	if coAllDecided(a) {
		for _, c := range a.Concepts {
			eq := a.Equilibria(c)
			list := "none"
			if len(eq) > 0 {
				list = numberList(eq)
			}
			bullet(0, "%s: %s", c, list)
		}
	} else {
		bullet(0, "Not listed: only the equilibria and the explained state were analysed (the model has %s).", plural(v.ss.Len(), "state"))
	}
	w.WriteString("\n")

	if cr.State >= 0 {
		heading(fmt.Sprintf("State %s (%s) for each coalition", number(cr.State), v.groupedPattern(cr.State)))
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
	Concept      string                     `json:"concept"`
	Coalition    []string                   `json:"coalition"`
	Improvements int                        `json:"improvements"`
	Unsanctioned []jsonCoalitionImprovement `json:"unsanctioned"`
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
		imp := w.Improvement
		ji := jsonCoalitionImprovement{Coalition: v.coIDs(imp.Coalition), From: statespace.Number(imp.From), To: statespace.Number(imp.To),
			Sequence: []jsonMove{}, Ranks: newOrdered[[2]int](len(imp.Coalition)), Sanctioned: w.Sanctioned,
			Text: v.postMovers(imp.Coalition) + " move " + v.coalitionMove(imp) + ". " + v.coalitionWitness(ex.Concept, w, ex.State)}
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
		je.Improvements = append(je.Improvements, ji)
	}
	return je
}

func coalitionJSON(out io.Writer, v *view, cr *CoalitionResults) error {
	a := cr.Analysis
	doc := jsonCoalitions{Kind: "coalitions", FormatVersion: FormatVersion, Model: modelJSON(v), Coalitions: [][]string{}, Concepts: []jsonConcept{},
		Checks: []jsonCoalitionCheck{}, Explanations: []jsonCoalitionExplanation{},
		Definitions: jsonDefinitions{Numbering: numberingNote, Rank: rankNote,
			Stable: "checks lists each individually stable equilibrium (equilibrium: the individual concepts) and, per coalitional concept, each coalition for which it is unstable: its number of coalitional improvements and the unsanctioned ones, which upset the equilibrium; explanations explains state for every coalition and concept, sanctions included; equilibria lists the states stable for every DM alone and every coalition analysed (null when not every state was analysed).",
			Note:   "A coalitional improvement: a state the coalition's members reach by a legal sequence of their unilateral moves and every member strictly prefers. A sanction needs one member of the coalition not to prefer its end to the original state."}}
	for _, h := range coCoalitions(a) {
		doc.Coalitions = append(doc.Coalitions, v.coIDs(h))
	}
	for _, c := range a.Concepts {
		doc.Concepts = append(doc.Concepts, jsonConcept{Name: c.String(), Meaning: c.Meaning()})
	}
	for _, ch := range cr.Checks {
		jc := jsonCoalitionCheck{State: statespace.Number(ch.State), Pattern: v.ss.Pattern(ch.State), Equilibrium: []string{}, Upsets: []jsonCoalitionUpset{}}
		for _, c := range ch.Concepts {
			jc.Equilibrium = append(jc.Equilibrium, c.String())
		}
		for _, ex := range ch.Upsets {
			je := v.coalitionExplanationJSON(ex)
			ju := jsonCoalitionUpset{Concept: je.Concept, Coalition: je.Coalition, Improvements: len(je.Improvements), Unsanctioned: []jsonCoalitionImprovement{}}
			for _, ji := range je.Improvements {
				if !ji.Sanctioned {
					ju.Unsanctioned = append(ju.Unsanctioned, ji)
				}
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
