package report

import (
	"bufio"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/gmcr/gmcr/internal/escape"
	"github.com/gmcr/gmcr/uncertain"
)

// The helpers in this file let one writer produce a report as plain text
// or as GitHub-flavoured Markdown from the same facts: the writer keeps
// its sentences, and only the structure (headings, paragraphs, lists,
// tables) depends on the format. Every Markdown table is rendered by
// go-pretty (writeTable), as the tableau is.

// blockStart matches the start of a line that Markdown would read as a
// block (heading, quote, list item, thematic break, setext underline)
// rather than as text; "~" and "`" fences are escaped inline already.
var blockStart = regexp.MustCompile(`^[#>+=~-]|^\d+[.)]`)

// mdLine returns s as literal Markdown text for a heading, a paragraph or
// a list item: escape.Terminal makes invisible characters
// visible, escape.MarkdownMarkup escapes inline markup, and a leading
// character that would start a block is backslash-escaped (leading
// spaces, which could make an indented code block, are dropped). "|" is
// kept: a paragraph shows it as it is.
func mdLine(s string) string {
	s = strings.TrimLeft(mdInline(s), " ")
	if m := blockStart.FindStringIndex(s); m != nil {
		// Escape the marker ("\#", "\-"), or the "." or ")" after a
		// list item's number ("1\.").
		at := m[1] - 1
		s = s[:at] + `\` + s[at:]
	}
	return s
}

// mdInline is mdLine without the escape of a leading block marker, for
// table cells, which hold inline text only.
func mdInline(s string) string {
	return escape.MarkdownMarkup(escape.Terminal(s))
}

// writeTable writes rows (the first is the header) as columns separated
// by two spaces (writeAligned), or, when md is set, as a Markdown table
// rendered by go-pretty: every cell through mdInline, surrounding spaces
// trimmed, and "|" escaped so that each row keeps the header's columns.
func writeTable(w *bufio.Writer, rows [][]string, md bool) {
	if !md {
		writeAligned(w, rows)
		return
	}
	if len(rows) == 0 {
		return
	}
	t := newTable(true, false)
	cell := func(r []string) []string {
		out := make([]string, len(rows[0]))
		for i := range out {
			if i < len(r) {
				out[i] = mdInline(strings.TrimSpace(r[i]))
			}
		}
		return out
	}
	t.AppendHeader(row(cell(rows[0])...))
	for _, r := range rows[1:] {
		t.AppendRow(row(cell(r)...))
	}
	w.WriteString(t.RenderMarkdown())
	w.WriteString("\n")
}

// mdDoc writes the parts of a report in text or Markdown.
type mdDoc struct {
	w  *bufio.Writer
	md bool
}

// title writes the report's title: a line in text, a level-1 heading in
// Markdown.
func (d mdDoc) title(s string) {
	if d.md {
		d.w.WriteString("# " + mdLine(s) + "\n\n")
	} else {
		d.w.WriteString(s + "\n")
	}
}

// line writes one line of text, or one Markdown paragraph (so that lines
// do not run together).
func (d mdDoc) line(s string) {
	if d.md {
		d.w.WriteString(mdLine(s) + "\n\n")
	} else {
		d.w.WriteString(s + "\n")
	}
}

// section starts a section: in text a blank line then the name, in
// Markdown a level-2 heading.
func (d mdDoc) section(s string) {
	if d.md {
		d.w.WriteString("## " + mdLine(s) + "\n\n")
	} else {
		d.w.WriteString("\n" + s + "\n")
	}
}

// item writes a list item at depth 1 or more: in text indented by two
// spaces per level (the prefix given), in Markdown a bullet nested by two
// spaces per level.
func (d mdDoc) item(depth int, textPrefix, s string) {
	if d.md {
		d.w.WriteString(strings.Repeat("  ", depth-1) + "- " + mdLine(s) + "\n")
	} else {
		d.w.WriteString(textPrefix + s + "\n")
	}
}

// endList ends a Markdown list with a blank line; text needs nothing.
func (d mdDoc) endList() {
	if d.md {
		d.w.WriteString("\n")
	}
}

// numbered writes item k of a numbered list: "  k. s" in text, "k. s" in
// Markdown.
func (d mdDoc) numbered(k int, s string) {
	if d.md {
		fmt.Fprintf(d.w, "%d. %s\n", k, mdLine(s))
	} else {
		fmt.Fprintf(d.w, "  %d. %s\n", k, s)
	}
}

// under writes a line under numbered item k: indented by five spaces in
// text, a bullet nested in item k in Markdown.
func (d mdDoc) under(k int, s string) {
	if d.md {
		fmt.Fprintf(d.w, "%s- %s\n", strings.Repeat(" ", len(strconv.Itoa(k))+2), mdLine(s))
	} else {
		fmt.Fprintf(d.w, "     %s\n", s)
	}
}

// steps writes a sanctioning sequence as numbered steps under item k.
func (d mdDoc) steps(k int, v *view, seq []uncertain.Step) {
	for j, st := range seq {
		d.under(k, fmt.Sprintf("step %d: %s", j+1, v.moveText(st.Mover, st.From, st.To)))
	}
}
