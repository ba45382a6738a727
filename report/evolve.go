package report

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/gmcr/gmcr/analysis"
	"github.com/gmcr/gmcr/coalition"
	"github.com/gmcr/gmcr/evolve"
	"github.com/gmcr/gmcr/stability"
	"github.com/gmcr/gmcr/statespace"
)

// WriteEvolution writes a status quo analysis (evolve.Analyze's result for
// r's state space and preferences) in format f: text or markdown (the
// reachable equilibria and other targets in a table, then each target's
// shortest paths as numbered steps: who moves, the options it takes or
// stops taking by id and name, the state numbers and the movers' ranks, then
// the reachable states by distance), or json (kind "evolution"). CSV is
// refused; the diagram formats are WriteEvolutionDOT and
// WriteEvolutionSVG.
func WriteEvolution(w io.Writer, r *analysis.Result, ev *evolve.Result, f Format, opt Options) error {
	v, err := evolveView(r, ev)
	if err != nil {
		return err
	}
	if f != JSON {
		v.display()
	}
	switch f {
	case Text, Markdown:
		bw := bufio.NewWriter(w)
		evolveText(bw, v, ev, f == Markdown)
		return bw.Flush()
	case JSON:
		return evolveJSON(w, v, ev)
	}
	return fmt.Errorf("the %v format is not available for a status quo analysis; use text, markdown, json, dot or svg", f)
}

func evolveView(r *analysis.Result, ev *evolve.Result) (*view, error) {
	v, err := newView(r, false)
	if err != nil {
		return nil, err
	}
	if ev == nil || ev.Space != r.Space {
		return nil, errors.New("report: the status quo analysis does not belong to this result")
	}
	return v, nil
}

// postMovers is "RU" or "RU+UA".
func (v *view) postMovers(movers []int) string { return coalition.Name(v.ss, movers) }

// postChanges is describeChange for the step from s to t; with many
// (a coalition), the verbs are plural.
func (v *view) postChanges(s, t int, many bool) string {
	return describeChange(v.ss.Options, v.ss.Codes[s], v.ss.Codes[t], many)
}

// postRanks is "RU's rank 12 -> 8" for every mover.
func (v *view) postRanks(movers []int, from, to int) string {
	parts := make([]string, len(movers))
	for i, k := range movers {
		parts[i] = fmt.Sprintf("%s %d -> %d", v.ss.DMs[k].ID, v.p.Rank(k, from), v.p.Rank(k, to))
	}
	if len(movers) == 1 {
		return fmt.Sprintf("%s's rank %d -> %d", v.ss.DMs[movers[0]].ID, v.p.Rank(movers[0], from), v.p.Rank(movers[0], to))
	}
	return "ranks " + strings.Join(parts, ", ")
}

// evolveStep describes one evolution step: "US moves 1 -> 49: takes
// option a (A); US's rank 47 -> 41", or for a coalition "RU+UA together
// move 3 -> 9: take ...; ranks ..., as RU moves ..., then UA moves ...".
func (v *view) evolveStep(st evolve.Step) string {
	who := v.postMovers(st.Movers)
	if len(st.Movers) == 1 {
		unknown := ""
		if st.Unknown {
			unknown = fmt.Sprintf(" (a move of unknown preference for %s)", who)
		}
		return fmt.Sprintf("%s moves %s -> %s: %s; %s%s", who, number(st.From), number(st.To), v.postChanges(st.From, st.To, false), v.postRanks(st.Movers, st.From, st.To), unknown)
	}
	var seq []string
	for _, u := range st.Sequence {
		seq = append(seq, v.moveText(u.Mover, u.From, u.To))
	}
	return fmt.Sprintf("%s together move %s -> %s: %s; %s, as %s", who, number(st.From), number(st.To), v.postChanges(st.From, st.To, true),
		v.postRanks(st.Movers, st.From, st.To), strings.Join(seq, ", then "))
}

func postConcepts(cs []stability.Concept) string {
	parts := make([]string, len(cs))
	for i, c := range cs {
		parts[i] = c.String()
	}
	return strings.Join(parts, ", ")
}

// targetConcepts lists the concepts, standard and extra, under which t
// is an equilibrium.
func targetConcepts(t *evolve.Target) []string {
	var out []string
	for _, c := range t.Concepts {
		out = append(out, c.String())
	}
	return append(out, t.Extra...)
}

// evolveRole is "equilibrium under Nash, GMR" or "requested".
func evolveRole(t *evolve.Target) string {
	names := strings.Join(compactConcepts(targetConcepts(t)), ", ")
	switch {
	case names != "" && t.Requested:
		return "equilibrium under " + names + "; requested"
	case names != "":
		return "equilibrium under " + names
	}
	return "requested with --to; no equilibrium"
}

func evolveMovesNote(ev *evolve.Result) string {
	switch {
	case ev.Credible:
		return "Steps (unknown preferences, the moves of extensions (a) and (c)): unilateral improvements of any DM and its moves to states of unknown preference for it, each judged by the DM from the state it moves from; no DM moves twice in a row (Li, Kilgour & Hipel 2005; Li, Hipel, Kilgour & Fang 2004)."
	case ev.Uncertain:
		return "Steps (unknown preferences, the moves of extensions (b) and (d)): unilateral improvements of any DM whose comparison it knows, each judged by the DM from the state it moves from; no DM moves twice in a row (Li, Kilgour & Hipel 2005; Li, Hipel, Kilgour & Fang 2004)."
	}
	if ev.Coalitions {
		return "Steps: unilateral improvements of any DM and coalitional improvements of any coalition of two or more DMs (a state the members reach by a legal sequence of their moves and all prefer); the same mover (a DM alone or a coalition) never makes two steps in a row."
	}
	return "Steps: unilateral improvements of any DM, each judged by the DM from the state it moves from; no DM moves twice in a row (Li, Kilgour & Hipel 2005)."
}

func evolveText(w *bufio.Writer, v *view, ev *evolve.Result, md bool) {
	e := func(s string) string { return mdText(s, md) }
	startNote := ""
	if ev.Start == v.sq {
		startNote = ", the status quo"
	}
	if md {
		fmt.Fprintf(w, "# %s: status quo analysis\n\n%s.\n\nOptions by DM (Y = taken, N = not taken): %s.\n%s\n", escapeMD(v.title()), v.summary(), escapeMD(v.patternKey()), escapeMD(v.dmNames("\nDMs: ", ".\n")))
		fmt.Fprintf(w, "- Start: %s%s.\n- %s\n- Reachable: %s.\n\n", e(v.stateText(ev.Start)), startNote, e(evolveMovesNote(ev)), evolveReach(ev))
	} else {
		fmt.Fprintf(w, "%s: status quo analysis\n%s\nOptions by DM (Y = taken, N = not taken): %s\n%s", v.title(), v.summary(), v.patternKey(), v.dmNames("DMs: ", "\n"))
		fmt.Fprintf(w, "\nStart: %s%s.\n%s\nReachable: %s.\n\n", v.stateText(ev.Start), startNote, evolveMovesNote(ev), evolveReach(ev))
	}
	if len(ev.Targets) == 0 {
		w.WriteString("No equilibrium under the chosen concepts and no --to state: nothing to follow.\n\n")
	} else {
		header := []string{"State", "Role", "Reachable", "Steps", "Shortest paths"}
		var rows [][]string
		for i := range ev.Targets {
			t := &ev.Targets[i]
			reachable, steps, paths := "no", "-", "-"
			switch {
			case t.Dist == 0:
				reachable, steps, paths = "start", "0", "1"
			case t.Dist > 0:
				reachable, steps, paths = "yes", strconv.Itoa(t.Dist), evolveCount(t.Count)
			}
			rows = append(rows, []string{number(t.State), evolveRole(t), reachable, steps, paths})
		}
		if md {
			w.WriteString("## Equilibria and targets\n\n")
		} else {
			w.WriteString("Equilibria and targets:\n")
		}
		postTable(w, header, rows, md)
		w.WriteString("\n")
		for i := range ev.Targets {
			t := &ev.Targets[i]
			evolveTarget(w, v, ev, t, md)
		}
	}
	if md {
		w.WriteString("## Reachable states by steps\n\n")
	} else {
		w.WriteString("Reachable states by steps:\n")
	}
	for d, states := range evolveByDist(ev) {
		if md {
			fmt.Fprintf(w, "- %d: %s\n", d, numberList(states))
		} else {
			fmt.Fprintf(w, "  %d: %s\n", d, numberList(states))
		}
	}
	w.WriteString("\n")
	note := "State numbers as in 'gmcr states'. " + rankNote + " Each step is an improvement for its mover(s): the rank after the arrow is better (smaller)."
	if ev.Credible {
		note = "State numbers as in 'gmcr states'. " + rankNote + " Each step is an improvement for its mover, the rank after the arrow better (smaller), or a move of unknown preference for it, so marked (its ranks order the states as if every unsure statement held)."
	}
	if md {
		w.WriteString("- " + note + "\n")
	} else {
		w.WriteString(note + "\n")
	}
}

func evolveCount(n int) string {
	if n >= evolve.MaxCount {
		return "over " + strconv.Itoa(evolve.MaxCount)
	}
	return strconv.Itoa(n)
}

func evolveReach(ev *evolve.Result) string {
	n := len(ev.Reached)
	return fmt.Sprintf("%s, the start included, at most %s away", plural(n, "state"), plural(ev.MaxDist(), "step"))
}

// evolveByDist groups the reached states by distance, ascending.
func evolveByDist(ev *evolve.Result) [][]int {
	var out [][]int
	for _, s := range ev.Reached {
		d := ev.Dist(s)
		for len(out) <= d {
			out = append(out, nil)
		}
		out[d] = append(out[d], s)
	}
	return out
}

func evolveTarget(w *bufio.Writer, v *view, ev *evolve.Result, t *evolve.Target, md bool) {
	e := func(s string) string { return mdText(s, md) }
	head := fmt.Sprintf("State %s (%s)", number(t.State), evolveRole(t))
	var line string
	switch {
	case t.Dist < 0:
		line = fmt.Sprintf("%s is not reachable from state %s by %s.", head, number(ev.Start), evolveStepKind(ev))
	case t.Dist == 0:
		line = fmt.Sprintf("%s is the start itself: 0 steps.", head)
	default:
		shown := ""
		if t.Count > len(t.Paths) {
			shown = fmt.Sprintf("; %d shown", len(t.Paths))
		}
		line = fmt.Sprintf("%s is reachable in %s (%s%s):", head, plural(t.Dist, "step"), plural(t.Count, "shortest path"), shown)
		if t.Count >= evolve.MaxCount {
			line = fmt.Sprintf("%s is reachable in %s (over %d shortest paths; %d shown):", head, plural(t.Dist, "step"), evolve.MaxCount, len(t.Paths))
		}
	}
	if md {
		fmt.Fprintf(w, "### %s\n\n%s\n", e(head), e(line))
	} else {
		w.WriteString(line + "\n")
	}
	if t.Dist > 0 {
		for pi, p := range t.Paths {
			indent := "  "
			if len(t.Paths) > 1 {
				if md {
					fmt.Fprintf(w, "\nPath %d:\n\n", pi+1)
				} else {
					fmt.Fprintf(w, "  Path %d:\n", pi+1)
				}
				indent = "    "
			} else if md {
				w.WriteString("\n")
			}
			for j, st := range p {
				if md {
					fmt.Fprintf(w, "%d. %s\n", j+1, e(v.evolveStep(st)))
				} else {
					fmt.Fprintf(w, "%s%d) %s\n", indent, j+1, v.evolveStep(st))
				}
			}
		}
	}
	w.WriteString("\n")
}

func evolveStepKind(ev *evolve.Result) string {
	switch {
	case ev.Credible:
		return "unilateral improvements and moves of unknown preference"
	case ev.Uncertain:
		return "known unilateral improvements"
	}
	if ev.Coalitions {
		return "unilateral or coalitional improvements"
	}
	return "unilateral improvements"
}

// postTable writes an aligned text table, or a Markdown table.
func postTable(w *bufio.Writer, header []string, rows [][]string, md bool) {
	width := make([]int, len(header))
	for i, h := range header {
		width[i] = len(h)
	}
	for _, r := range rows {
		for i, c := range r {
			width[i] = max(width[i], len(c))
		}
	}
	line := func(cells []string) {
		if md {
			esc := make([]string, len(cells))
			for i, c := range cells {
				esc[i] = escapeMD(c)
			}
			w.WriteString("| " + strings.Join(esc, " | ") + " |\n")
			return
		}
		var b strings.Builder
		b.WriteString("  ")
		for i, c := range cells {
			if i > 0 {
				b.WriteString("  ")
			}
			if i == len(cells)-1 {
				b.WriteString(c)
			} else {
				b.WriteString(c + strings.Repeat(" ", width[i]-len(c)))
			}
		}
		w.WriteString(strings.TrimRight(b.String(), " ") + "\n")
	}
	line(header)
	if md {
		seps := make([]string, len(header))
		for i := range seps {
			seps[i] = "---"
		}
		w.WriteString("|" + strings.Join(seps, "|") + "|\n")
	}
	for _, r := range rows {
		line(r)
	}
}

type jsonPostOption struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

type jsonEvolveStep struct {
	Movers    []string         `json:"movers"`
	From      int              `json:"from"`
	To        int              `json:"to"`
	Takes     []jsonPostOption `json:"takes"`
	Withdraws []jsonPostOption `json:"withdraws"`
	Ranks     *ordered[[2]int] `json:"ranks"`
	Sequence  []jsonMove       `json:"sequence,omitempty"`
	Unknown   bool             `json:"unknown,omitempty"`
	Text      string           `json:"text"`
}

type jsonEvolveTarget struct {
	State       int                `json:"state"`
	Code        uint64             `json:"code"`
	Pattern     string             `json:"pattern"`
	Equilibrium []string           `json:"equilibrium"`
	Requested   bool               `json:"requested"`
	Reachable   bool               `json:"reachable"`
	Steps       *int               `json:"steps"`
	PathCount   int                `json:"path_count"`
	Paths       [][]jsonEvolveStep `json:"paths"`
}

type jsonEvolveReached struct {
	State int `json:"state"`
	Steps int `json:"steps"`
}

type jsonEvolveStart struct {
	State     int    `json:"state"`
	Code      uint64 `json:"code"`
	Pattern   string `json:"pattern"`
	StatusQuo bool   `json:"status_quo"`
}

type jsonEvolution struct {
	Kind          string              `json:"kind"`
	FormatVersion int                 `json:"format_version"`
	Model         jsonModel           `json:"model"`
	Start         jsonEvolveStart     `json:"start"`
	Coalitions    bool                `json:"coalitions"`
	Steps         string              `json:"steps,omitempty"`
	Movers        []string            `json:"movers"`
	Reachable     []jsonEvolveReached `json:"reachable"`
	Targets       []jsonEvolveTarget  `json:"targets"`
	Definitions   jsonEvolveDefs      `json:"definitions"`
}

type jsonEvolveDefs struct {
	Numbering string `json:"numbering"`
	Rank      string `json:"rank"`
	Steps     string `json:"steps"`
	Paths     string `json:"paths"`
}

func (v *view) postOptionRefs(ids []string) []jsonPostOption {
	out := []jsonPostOption{}
	for _, id := range ids {
		ref := jsonPostOption{ID: id}
		if b, ok := v.ss.Bit(id); ok {
			ref.Name = v.ss.Options[b].Name
		}
		out = append(out, ref)
	}
	return out
}

func (v *view) evolveStepJSON(st evolve.Step) jsonEvolveStep {
	takes, withdraws := v.changes(st.From, st.To)
	js := jsonEvolveStep{From: statespace.Number(st.From), To: statespace.Number(st.To), Takes: v.postOptionRefs(takes), Withdraws: v.postOptionRefs(withdraws),
		Ranks: newOrdered[[2]int](len(st.Movers)), Unknown: st.Unknown, Text: v.evolveStep(st)}
	for _, k := range st.Movers {
		js.Movers = append(js.Movers, v.ss.DMs[k].ID)
		js.Ranks.set(v.ss.DMs[k].ID, [2]int{v.p.Rank(k, st.From), v.p.Rank(k, st.To)})
	}
	for _, u := range st.Sequence {
		js.Sequence = append(js.Sequence, v.move(u.Mover, u.From, u.To))
	}
	return js
}

func evolveJSON(out io.Writer, v *view, ev *evolve.Result) error {
	doc := jsonEvolution{Kind: "evolution", FormatVersion: FormatVersion, Model: modelJSON(v),
		Start:      jsonEvolveStart{State: statespace.Number(ev.Start), Code: v.ss.Codes[ev.Start], Pattern: v.ss.Pattern(ev.Start), StatusQuo: ev.Start == v.sq},
		Coalitions: ev.Coalitions, Movers: []string{}, Reachable: []jsonEvolveReached{}, Targets: []jsonEvolveTarget{},
		Definitions: jsonEvolveDefs{Numbering: numberingNote, Rank: rankNote + " ranks[DM] is the mover's rank before and after the step.",
			Steps: evolveMovesNote(ev),
			Paths: "paths lists up to --paths distinct shortest paths in lexicographic order (each step compared by mover, then by state); path_count is the number of shortest paths. A target that is the start has one empty path; an unreachable one has steps null and no paths."}}
	switch {
	case ev.Credible:
		doc.Steps = "credible"
	case ev.Uncertain:
		doc.Steps = "known"
	}
	for _, m := range ev.Movers {
		doc.Movers = append(doc.Movers, v.postMovers(m))
	}
	for _, s := range ev.Reached {
		doc.Reachable = append(doc.Reachable, jsonEvolveReached{State: statespace.Number(s), Steps: ev.Dist(s)})
	}
	for i := range ev.Targets {
		t := &ev.Targets[i]
		jt := jsonEvolveTarget{State: statespace.Number(t.State), Code: v.ss.Codes[t.State], Pattern: v.ss.Pattern(t.State),
			Equilibrium: []string{}, Requested: t.Requested, Reachable: t.Dist >= 0, PathCount: t.Count, Paths: [][]jsonEvolveStep{}}
		jt.Equilibrium = append(jt.Equilibrium, targetConcepts(t)...)
		if t.Dist >= 0 {
			d := t.Dist
			jt.Steps = &d
		}
		for _, p := range t.Paths {
			steps := []jsonEvolveStep{}
			for _, st := range p {
				steps = append(steps, v.evolveStepJSON(st))
			}
			jt.Paths = append(jt.Paths, steps)
		}
		doc.Targets = append(doc.Targets, jt)
	}
	return writeDoc(out, doc)
}
