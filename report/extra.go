package report

import (
	"bufio"
	"errors"
	"fmt"
	"github.com/gmcr/gmcr/internal/english"
	"io"
	"strings"

	"github.com/gmcr/gmcr/analysis"
	"github.com/gmcr/gmcr/stability"
)

// WriteExplanationsExtra writes explanations of the standard concepts
// (exs, as WriteExplanations) followed by explanations of extra concepts
// (xexs, analysis.ExplainExtra's results), in format f: text, markdown or
// json (the extra ones in "extra_explanations",
// docs/explanation.schema.json). Each extra explanation lists the DM's
// moves the concept considers with the other DMs' response to each: the
// sanction (or its absence), or, for limited-move concepts, the
// anticipated sequence and outcome.
func WriteExplanationsExtra(w io.Writer, r *analysis.Result, exs []*stability.Explanation, xexs []*analysis.ExtraExplanation, f Format, opt Options) error {
	v, err := newView(r, false)
	if err != nil {
		return err
	}
	for _, ex := range exs {
		if ex == nil {
			return errors.New("report: nil explanation")
		}
		if ex.DM < 0 || ex.DM >= len(v.ss.DMs) || ex.State < 0 || ex.State >= v.ss.Len() {
			return errors.New("report: the explanation does not belong to this result")
		}
	}
	for _, ex := range xexs {
		if ex == nil || ex.Concept == nil {
			return errors.New("report: nil explanation")
		}
		if ex.DM < 0 || ex.DM >= len(v.ss.DMs) || ex.State < 0 || ex.State >= v.ss.Len() {
			return errors.New("report: the explanation does not belong to this result")
		}
	}
	if f != JSON {
		v.display()
	}
	switch f {
	case Text, Markdown:
		bw := bufio.NewWriter(w)
		explainHeader(bw, v, f == Markdown)
		for _, ex := range exs {
			bw.WriteString("\n")
			explainText(bw, v, ex, f == Markdown)
		}
		for _, ex := range xexs {
			bw.WriteString("\n")
			extraExplainText(bw, v, ex, f == Markdown)
		}
		return bw.Flush()
	case JSON:
		return explainJSON(w, v, exs, xexs)
	}
	return fmt.Errorf("the %v format is not available for explanations; use text, markdown or json", f)
}

// anticipates reports whether ex's responses are anticipated sequences
// (limited-move concepts) rather than sanctions.
func anticipates(ex *analysis.ExtraExplanation) bool { return ex.Horizon > 0 }

// relationText says how DM dm compares state t with state s, from a
// relation symbol of analysis.ExtraMove.
func (v *view) relationText(rel string, dm, t, s int) string {
	id := v.ss.DMs[dm].ID
	switch rel {
	case ">":
		return fmt.Sprintf("%s prefers it to state %s", id, number(s))
	case "<":
		return fmt.Sprintf("%s prefers state %s to it", id, number(s))
	case "~":
		return fmt.Sprintf("%s is indifferent between it and state %s", id, number(s))
	case ">>":
		return fmt.Sprintf("%s strongly prefers it to state %s", id, number(s))
	case "<<":
		return fmt.Sprintf("%s strongly prefers state %s to it", id, number(s))
	case "U":
		return fmt.Sprintf("%s does not know how it compares with state %s", id, number(s))
	}
	return fmt.Sprintf("%s's relation to state %s is %q", id, number(s), rel)
}

// moveKindText describes a move's kind for the explained DM.
func moveKindText(kind string) string {
	switch kind {
	case analysis.MoveImprovement:
		return "a unilateral improvement"
	case analysis.MoveUnknown:
		return "a move to a state of unknown preference"
	}
	return "a unilateral move"
}

func (v *view) extraVerdict(ex *analysis.ExtraExplanation) string {
	dm := v.ss.DMs[ex.DM].ID
	st := "state " + number(ex.State)
	name := ex.Concept.Name
	if anticipates(ex) {
		for _, m := range ex.Moves {
			if m.Chosen {
				if ex.Stable { // NM stable, moving at this horizon cannot happen
					break
				}
				return fmt.Sprintf("%s is unstable for %s under %s: looking %s ahead, %s moves to state %s, anticipating state %s, which it prefers to %s.",
					st, dm, name, english.Count(ex.Horizon, "move"), dm, number(m.To), number(m.End), st)
			}
		}
		if len(ex.Moves) == 0 {
			return fmt.Sprintf("%s is stable for %s under %s: %s has no move from it.", st, dm, name, dm)
		}
		return fmt.Sprintf("%s is stable for %s under %s: looking %s ahead, %s anticipates no outcome of its moves that it prefers to %s, so it stays.",
			st, dm, name, english.Count(ex.Horizon, "move"), dm, st)
	}
	if len(ex.Moves) == 0 {
		return fmt.Sprintf("%s is stable for %s under %s: %s has no move the definition considers from it.", st, dm, name, dm)
	}
	if ex.Stable && ex.Strength == "strong" {
		return fmt.Sprintf("%s is strongly stable for %s under %s: every move it considers is sanctioned into a state %s finds strongly worse.", st, dm, name, dm)
	}
	if ex.Stable && ex.Strength == "weak" {
		return fmt.Sprintf("%s is weakly stable for %s under %s: every move it considers is sanctioned, but some only into a state %s finds mildly worse or equally good.", st, dm, name, dm)
	}
	if ex.Stable {
		return fmt.Sprintf("%s is stable for %s under %s: every move it considers is sanctioned.", st, dm, name)
	}
	if isNashLike(ex) {
		return fmt.Sprintf("%s is unstable for %s under %s: %s has %s the definition considers, and %s considers no sanctions.", st, dm, name, dm, plural(len(ex.Moves), "move"), name)
	}
	n := 0
	for _, m := range ex.Moves {
		if !m.Deters {
			n++
		}
	}
	if len(ex.Moves) == 1 {
		return fmt.Sprintf("%s is unstable for %s under %s: the only move it considers is unsanctioned.", st, dm, name)
	}
	verb := "are"
	if n == 1 {
		verb = "is"
	}
	return fmt.Sprintf("%s is unstable for %s under %s: %d of the %d moves it considers %s unsanctioned.", st, dm, name, n, len(ex.Moves), verb)
}

// extraExplainText writes one extra explanation: the definition, set
// apart, then the findings and the verdict, as explainText does.
func extraExplainText(w *bufio.Writer, v *view, ex *analysis.ExtraExplanation, md bool) {
	dm, s := ex.DM, ex.State
	id := v.ss.DMs[dm].ID
	rank := func(x int) int { return v.p.Rank(dm, x) }
	e := func(x string) string { return mdText(x, md) }
	l0, l1, l2 := "    ", "    ", "       "
	if md {
		l0, l1, l2 = "", "", "   "
	}
	finding := func(format string, a ...any) {
		if md {
			fmt.Fprintf(w, "- %s\n", fmt.Sprintf(format, a...))
		} else {
			fmt.Fprintf(w, "%s%s\n", l0, fmt.Sprintf(format, a...))
		}
	}
	sub := func(depth int, format string, a ...any) {
		in := l2 + strings.Repeat("  ", depth)
		if md {
			fmt.Fprintf(w, "%s- %s\n", in, fmt.Sprintf(format, a...))
		} else {
			fmt.Fprintf(w, "%s%s\n", in, fmt.Sprintf(format, a...))
		}
	}
	name := ex.Concept.Name
	def := "Under " + name + ", a state is " + ex.Concept.Meaning + "."
	if md {
		fmt.Fprintf(w, "## %s stability of state %s for %s\n\n", e(name), number(s), e(id))
		fmt.Fprintf(w, "> **Definition** (not a finding): %s Source: %s.\n\n**Findings**\n\n", e(def), e(ex.Concept.Source))
	} else {
		fmt.Fprintf(w, "%s stability of state %s for %s\n", name, number(s), id)
		fmt.Fprintf(w, "  Definition (not a finding): %s Source: %s.\n\n  Findings:\n", def, ex.Concept.Source)
	}
	finding("State %s%s: code %s, options %s.", number(s), idNote(v, s), code(v.ss, s), v.groupedPattern(s))
	finding("%s ranks state %s at %d of %d (1 = most preferred).", e(id), number(s), rank(s), v.p.Levels[dm])
	if anticipates(ex) {
		finding("Horizon %d: %s looks %s ahead, the two DMs alternating.", ex.Horizon, e(id), english.Count(ex.Horizon, "move"))
	}
	if len(ex.Moves) == 0 {
		finding("%s has no move from state %s that %s considers.", e(id), number(s), e(name))
	} else {
		finding("%s has %s from state %s that %s considers:", e(id), plural(len(ex.Moves), "move"), number(s), e(name))
		if md {
			w.WriteString("\n")
		}
	}
	for k, m := range ex.Moves {
		fmt.Fprintf(w, "%s%d. %s, %s; %s ranks state %s at %d (state %s: %d).\n", l1, k+1, e(v.moveText(dm, s, m.To)), moveKindText(m.Kind), e(id), number(m.To), rank(m.To), number(s), rank(s))
		if anticipates(ex) {
			if len(m.Response) == 0 {
				sub(0, "%s anticipates that the conflict stays at state %s.", e(id), number(m.To))
			} else {
				sub(0, "%s anticipates, with %s left after its own:", e(id), plural(ex.Horizon-1, "move"))
				for j, st := range m.Response {
					sub(1, "step %d: %s", j+1, e(v.moveText(st.Mover, st.From, st.To)))
				}
			}
			sub(0, "Anticipated outcome: state %s, rank %d; %s.", number(m.End), rank(m.End), e(v.relationText(m.Relation, dm, m.End, s)))
			if m.Chosen {
				sub(0, "%s's best move: it takes this one.", e(id))
			}
			continue
		}
		if m.End < 0 {
			if isNashLike(ex) {
				sub(0, "%s considers no sanction: this move alone makes state %s unstable for %s.", e(name), number(s), e(id))
			} else {
				sub(0, "No sanction: no response of the other DMs ends in a state that deters %s; the move is unsanctioned.", e(id))
			}
			continue
		}
		if len(m.Response) == 0 {
			sub(0, "Sanctioned at state %s itself, rank %d; %s.", number(m.End), rank(m.End), e(v.relationText(m.Relation, dm, m.End, s)))
			continue
		}
		sub(0, "Sanctioned by the other DMs' legal sequence from state %s:", number(m.To))
		for j, st := range m.Response {
			sub(1, "step %d: %s", j+1, e(v.moveText(st.Mover, st.From, st.To)))
		}
		sub(0, "It ends at state %s, rank %d; %s.", number(m.End), rank(m.End), e(v.relationText(m.Relation, dm, m.End, s)))
	}
	w.WriteString("\n")
	if md {
		fmt.Fprintf(w, "**Verdict** (finding): %s\n", e(v.extraVerdict(ex)))
	} else {
		fmt.Fprintf(w, "Verdict (finding): %s\n", v.extraVerdict(ex))
	}
}

// isNashLike reports whether the explained concept considers no sanction
// (every considered move is unsanctioned by definition): Nash under
// unknown preferences.
func isNashLike(ex *analysis.ExtraExplanation) bool {
	return strings.HasPrefix(ex.Concept.Name, "Nash")
}

type jsonExtraMove struct {
	Move     jsonMove      `json:"move"`
	To       jsonStateRef  `json:"to"`
	Kind     string        `json:"kind"`
	Response []jsonMove    `json:"response"`
	End      *jsonStateRef `json:"end"`
	Deters   bool          `json:"deters"`
	Relation string        `json:"relation,omitempty"`
	Chosen   bool          `json:"chosen,omitempty"`
}

type jsonExtraExplanation struct {
	Concept    string          `json:"concept"`
	Key        string          `json:"key"`
	Family     string          `json:"family"`
	Meaning    string          `json:"meaning"`
	Definition string          `json:"definition"`
	Source     string          `json:"source"`
	DM         string          `json:"dm"`
	DMName     string          `json:"dm_name"`
	State      jsonStateRef    `json:"state"`
	Levels     int             `json:"ranks"`
	Stable     bool            `json:"stable"`
	Strength   string          `json:"strength,omitempty"`
	Horizon    int             `json:"horizon,omitempty"`
	Moves      []jsonExtraMove `json:"moves"`
	Verdict    string          `json:"verdict"`
}

func (v *view) extraExplanationJSON(ex *analysis.ExtraExplanation) jsonExtraExplanation {
	d := v.ss.DMs[ex.DM]
	c := ex.Concept
	je := jsonExtraExplanation{Concept: c.Name, Key: c.Key, Family: c.Family, Meaning: c.Meaning,
		Definition: "Under " + c.Name + ", a state is " + c.Meaning + ".", Source: c.Source, DM: d.ID, DMName: d.Name,
		State: v.ref(ex.DM, ex.State), Levels: v.p.Levels[ex.DM], Stable: ex.Stable, Strength: ex.Strength, Horizon: ex.Horizon,
		Moves: []jsonExtraMove{}, Verdict: v.extraVerdict(ex)}
	for _, m := range ex.Moves {
		jm := jsonExtraMove{Move: v.move(ex.DM, ex.State, m.To), To: v.ref(ex.DM, m.To), Kind: m.Kind, Response: []jsonMove{},
			Deters: m.Deters, Relation: m.Relation, Chosen: m.Chosen}
		for _, st := range m.Response {
			jm.Response = append(jm.Response, v.move(st.Mover, st.From, st.To))
		}
		if m.End >= 0 {
			end := v.ref(ex.DM, m.End)
			jm.End = &end
		}
		je.Moves = append(je.Moves, jm)
	}
	return je
}
