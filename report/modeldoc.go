package report

import (
	"bufio"
	"fmt"
	"strings"

	"github.com/gmcr/gmcr/model"
)

// writeModelDoc writes, for the Markdown analysis report, the model as
// its author documented it: description and sources, each DM with its
// options (names, descriptions, reversibility), the feasibility
// conditions, each DM's preference statements or ranking, its
// misperceptions, and the status quo, every item with its note and
// source. A report then stands on its own: a reader can check what every
// result rests on without the model file. It writes nothing without a
// model.
func writeModelDoc(w *bufio.Writer, v *view) {
	m := v.r.Model
	if m == nil {
		return
	}
	e := escapeMD
	// ev is " — note. Source: [P2]" for an item's evidence, or "".
	ev := func(x model.Evidence) string {
		note, src := e(oneLine(x.Note)), e(oneLine(x.Source))
		switch {
		case note == "" && src == "":
			return ""
		case note == "":
			return " — source: " + src
		case src == "":
			return " — " + note
		case strings.HasSuffix(note, ".") || strings.HasSuffix(note, "!") || strings.HasSuffix(note, "?"):
			return " — " + note + " Source: " + src
		}
		return " — " + note + "; source: " + src
	}
	w.WriteString("\n## The model\n\n")
	w.WriteString("What the results above rest on, as the model states it")
	if m.File != "" {
		fmt.Fprintf(w, " (`%s`)", strings.ReplaceAll(m.File, "`", "'"))
	}
	w.WriteString(".\n\n")
	if m.Description != "" {
		fmt.Fprintf(w, "%s\n\n", e(oneLine(m.Description)))
	}
	if note, src := e(oneLine(m.Note)), e(oneLine(m.Source)); note != "" || src != "" {
		var parts []string
		if note != "" {
			parts = append(parts, "**Note:** "+note)
		}
		if src != "" {
			parts = append(parts, "**Source:** "+src)
		}
		fmt.Fprintf(w, "%s\n\n", strings.Join(parts, " "))
	}
	if len(m.Sources) > 0 {
		w.WriteString("**Sources**\n\n")
		for _, s := range m.Sources {
			line := e(oneLine(s.Ref))
			if s.Note != "" {
				line += " — " + e(oneLine(s.Note))
			}
			fmt.Fprintf(w, "- %s\n", line)
		}
		w.WriteString("\n")
	}
	w.WriteString("### Decision makers and options\n\n")
	for _, d := range m.DMs {
		name := e(d.ID)
		if d.Name != "" && d.Name != d.ID {
			name += " (" + e(oneLine(d.Name)) + ")"
		}
		fmt.Fprintf(w, "- **%s**%s\n", name, ev(d.Evidence))
		for _, id := range d.Options {
			o := m.Option(id)
			if o == nil {
				continue
			}
			line := "`" + strings.ReplaceAll(o.ID, "`", "'") + "`"
			if o.Name != "" && o.Name != o.ID {
				line += " " + e(oneLine(o.Name))
			}
			if o.Description != "" {
				line += ": " + e(oneLine(o.Description))
			}
			switch o.Reversibility {
			case model.Forward:
				line += " (can be taken but, once taken, not stopped)"
			case model.Backward:
				line += " (can be stopped but not taken)"
			}
			fmt.Fprintf(w, "  - option %s%s\n", line, ev(o.Evidence))
		}
	}
	w.WriteString("\n")
	if len(m.Infeasible) > 0 {
		w.WriteString("### Infeasible states\n\nA state is infeasible when any of these holds:\n\n")
		for _, st := range m.Infeasible {
			fmt.Fprintf(w, "- %s%s\n", codeSpan(st.Text), ev(st.Evidence))
		}
		w.WriteString("\n")
	}
	w.WriteString("### Preferences\n\n")
	name := stateNamer(m)
	for _, d := range m.DMs {
		p := d.Prefs
		switch {
		case len(p.Statements) > 0:
			fmt.Fprintf(w, "- **%s**, preference statements, most important first%s:\n", e(d.ID), ev(p.Evidence))
			for k, st := range p.Statements {
				fmt.Fprintf(w, "  %d. %s%s%s\n", k+1, codeSpan(st.Text), StatementMark(st), ev(st.Evidence))
			}
		case len(p.Ranking) > 0:
			marks := "= ties"
			if len(p.Cuts) > 0 {
				marks += ", >> strength cut"
			}
			fmt.Fprintf(w, "- **%s**, direct ranking of the states, most preferred first (%s): %s%s\n", e(d.ID), marks, e(RankingText(p, name)), ev(p.Evidence))
		}
		for _, n := range PrefNotes(p, name) {
			fmt.Fprintf(w, "  - %s%s\n", e(n.Text), ev(n.Evidence))
		}
	}
	if m.HasStrength() {
		w.WriteString("\nStrength of preference: a state is strongly preferred to another when the strong statements (the DM's most important ones) already decide the comparison, or when a cut lies between them in the ranking; otherwise mildly.\n")
	}
	if m.HasUnknown() {
		w.WriteString("\nUnknown comparisons: an unsure statement may not be held, so the comparisons it decides are unknown, as are those within an unknown group.\n")
	}
	w.WriteString("\n")
	var mis []model.DM
	for _, d := range m.DMs {
		if len(d.Misperceived) > 0 {
			mis = append(mis, d)
		}
	}
	if len(mis) > 0 {
		w.WriteString("### Misperceptions\n\n")
		for _, d := range mis {
			fmt.Fprintf(w, "- **%s** does not perceive the states where any of these holds:\n", e(d.ID))
			for _, st := range d.Misperceived {
				fmt.Fprintf(w, "  - %s%s\n", codeSpan(st.Text), ev(st.Evidence))
			}
		}
		w.WriteString("\n")
	}
	if sq := m.StatusQuo; sq != nil {
		taken := "no option taken"
		if len(sq.Taken) > 0 {
			taken = "options taken: " + e(strings.Join(sq.Taken, ", "))
		}
		state := ""
		if v.sq < 0 {
			taken = strings.ToUpper(taken[:1]) + taken[1:]
		}
		if v.sq >= 0 {
			state = "State " + number(v.sq) + ", "
		}
		fmt.Fprintf(w, "### Status quo\n\n%s%s%s\n", state, taken, ev(sq.Evidence))
	}
}

// oneLine joins a multi-line text into one line, so that it stays inside
// its Markdown list item.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// codeSpan puts a statement in a Markdown code span, with a fence longer
// than any run of backticks inside it.
func codeSpan(s string) string {
	s = oneLine(s)
	fence := "`"
	for strings.Contains(s, fence) {
		fence += "`"
	}
	if strings.HasPrefix(s, "`") || strings.HasSuffix(s, "`") {
		return fence + " " + s + " " + fence
	}
	return fence + s + fence
}
