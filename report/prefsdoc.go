package report

import (
	"fmt"
	"strings"

	"github.com/gmcr/gmcr/internal/english"
	"github.com/gmcr/gmcr/model"
)

// RankingText writes a DM's direct ranking for a reader, most preferred
// first: "2, 1 = 4 >> 3" (a comma between groups, "=" inside a tie, ">>"
// at a strength cut). state names a state number (its number, or in
// graph form its id).
func RankingText(p model.Preferences, state func(n int) string) string {
	cutAt := map[int]bool{}
	for _, c := range p.Cuts {
		cutAt[c.After] = true
	}
	var b strings.Builder
	for g, grp := range p.Ranking {
		if g > 0 {
			if cutAt[g] {
				b.WriteString(" >> ")
			} else {
				b.WriteString(", ")
			}
		}
		for j, n := range grp {
			if j > 0 {
				b.WriteString(" = ")
			}
			b.WriteString(state(n))
		}
	}
	return b.String()
}

// PrefNote is one piece of a DM's preferences a report lists under them
// beside the statements or ranking: a strength cut or a group of states
// whose comparisons are unknown, with its evidence.
type PrefNote struct {
	Text string
	model.Evidence
}

// PrefNotes returns the strength cuts of p's ranking and p's unknown
// groups, described in words, in model order. state names a state
// number as in RankingText.
func PrefNotes(p model.Preferences, state func(n int) string) []PrefNote {
	var out []PrefNote
	for _, c := range p.Cuts {
		if c.After <= 0 || c.After >= len(p.Ranking) {
			continue
		}
		var above []string
		for _, g := range p.Ranking[:c.After] {
			for _, n := range g {
				above = append(above, state(n))
			}
		}
		out = append(out, PrefNote{Text: "strength cut (>>) after " + english.List("state", above) + ": every state above it is strongly preferred to every state below it", Evidence: c.Evidence})
	}
	for _, g := range p.Unknown {
		names := make([]string, len(g.States))
		for k, n := range g.States {
			names[k] = state(n)
		}
		out = append(out, PrefNote{Text: "unknown comparisons among " + english.List("state", names) + ": the DM cannot compare them", Evidence: g.Evidence})
	}
	return out
}

// StatementMark is " (strong)" or " (unsure)" for a preference statement
// so marked, else "".
func StatementMark(st model.Statement) string {
	switch {
	case st.Strong:
		return " (strong)"
	case st.Unsure:
		return " (unsure)"
	}
	return ""
}

// stateNamer names state number n as a report's model section does: its
// id in graph form, else its number.
func stateNamer(m *model.Model) func(n int) string {
	return func(n int) string {
		if m.GraphForm() && n >= 1 && n <= len(m.States) {
			return m.States[n-1].ID
		}
		return fmt.Sprint(n)
	}
}

// StateNamer is stateNamer for other report packages (htmlreport).
func StateNamer(m *model.Model) func(n int) string { return stateNamer(m) }
