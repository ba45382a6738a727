// Package escape makes text taken from a model file (titles, names,
// notes, statements) safe to show in each output format, one function per
// format. A model file is input from anyone: its text may hold terminal
// escape sequences (clear the screen, change the window title), bidi
// controls that reorder what a reader sees (U+202E), line breaks that start
// a Markdown heading, or pipes that split a Markdown table cell.
//
// Every function first makes invisible characters visible (Terminal); the
// format's own markup is escaped after that. The text a program reads
// (JSON output) is left as it is: JSON escapes control characters itself.
package escape

import (
	"fmt"
	"html"
	"regexp"
	"strings"
	"unicode/utf8"
)

// Terminal returns s with every character that could act on a terminal or
// on the reading order written as a visible escape: C0 controls
// (including line breaks and tabs) as \n, \t, \r or \xHH, DEL and C1
// controls as \xHH, bidi controls (U+061C, U+200E, U+200F, U+202A-U+202E,
// U+2066-U+2069) as \uHHHH, and invalid UTF-8 bytes as \xHH. Other text,
// emoji included, is kept.
func Terminal(s string) string { return terminal(s, false) }

// TerminalLines is Terminal that keeps line breaks and tabs, for text
// that is shown as paragraphs (descriptions, notes) and whose writer
// joins or indents its lines itself.
func TerminalLines(s string) string { return terminal(s, true) }

func terminal(s string, lines bool) string {
	if clean(s, lines) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size <= 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case lines && (r == '\n' || r == '\t'):
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\r':
			b.WriteString(`\r`)
		case r < 0x20 || r == 0x7f || (r >= 0x80 && r <= 0x9f):
			fmt.Fprintf(&b, `\x%02x`, r)
		case bidi(r):
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// clean reports whether terminal would return s unchanged.
func clean(s string, lines bool) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; lines && (c == '\n' || c == '\t') {
			continue
		}
		if c := s[i]; c < 0x20 || c == 0x7f || c >= 0x80 {
			// Non-ASCII text needs a closer look.
			for _, r := range s[i:] {
				if lines && (r == '\n' || r == '\t') {
					continue
				}
				if r == utf8.RuneError || r < 0x20 || r == 0x7f || (r >= 0x80 && r <= 0x9f) || bidi(r) {
					return false
				}
			}
			return utf8.ValidString(s[i:])
		}
	}
	return true
}

// bidi reports whether r is a bidirectional formatting character.
func bidi(r rune) bool {
	return r == 0x061c || r == 0x200e || r == 0x200f || (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069)
}

// markdown holds the characters that start Markdown markup inside a line
// (GitHub's ~strikethrough~ included), and the table cell separator.
var markdown = strings.NewReplacer(`\`, `\\`, "`", "\\`", `*`, `\*`, `_`, `\_`, `[`, `\[`, `]`, `\]`,
	`~`, `\~`, `<`, `&lt;`, `|`, `\|`)

// markup is markdown without "|", for paragraphs.
var markup = strings.NewReplacer(`\`, `\\`, "`", "\\`", `*`, `\*`, `_`, `\_`, `[`, `\[`, `]`, `\]`,
	`~`, `\~`, `<`, `&lt;`)

// Markdown returns s (Terminal's escapes applied) as literal Markdown text
// for a heading, a paragraph or a table cell: markup characters are
// backslash-escaped, "<" written as an entity (no HTML tag), "|" escaped
// so that a table cell stays one cell, and line breaks are visible \n, so
// text never starts a heading, a quote or a list.
func Markdown(s string) string { return closing(intraword(markdown.Replace(entities(Terminal(s))))) }

// MarkdownMarkup escapes Markdown markup in a heading or paragraph (not a
// table cell: "|" is kept) without Terminal: for text whose parts from the
// model already went through Terminal and that holds the writer's own line
// breaks.
func MarkdownMarkup(s string) string { return closing(intraword(markup.Replace(entities(s)))) }

// closing escapes a final "#": at the end of a heading it would be read
// as the heading's closing sequence and dropped ("Issue #" would lose its
// "#").
func closing(s string) string {
	if strings.HasSuffix(s, "#") && !strings.HasSuffix(s, `\#`) {
		return s[:len(s)-1] + `\#`
	}
	return s
}

// intraword undoes the escape of an "_" between two ASCII letters or
// digits: such an underscore can neither open nor close emphasis
// (CommonMark's flanking rules), and ids such as us_troops stay readable.
func intraword(s string) string {
	if !strings.Contains(s, `\_`) {
		return s
	}
	alnum := func(c byte) bool { return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+2 < len(s) && s[i+1] == '_' && i > 0 && alnum(s[i-1]) && alnum(s[i+2]) {
			continue // drop the backslash
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// entity matches an "&" that could start a character reference ("&amp;",
// "&#38;"); an "&" before a space or punctuation is text already, and is
// kept so that the Markdown stays readable as it is ("Hipel & Fang").
var entity = regexp.MustCompile(`&([A-Za-z#])`)

// entities writes every "&" that could start a character reference as
// "&amp;".
func entities(s string) string {
	if !strings.Contains(s, "&") {
		return s
	}
	return entity.ReplaceAllString(s, "&amp;$1")
}

// CSV returns s (Terminal's escapes applied) for a CSV cell, with a
// leading ' when it would start with =, +, - or @, which spreadsheets read
// as a formula. Quoting the cell is encoding/csv's task.
func CSV(s string) string {
	s = Terminal(s)
	if s != "" && strings.ContainsRune("=+-@", rune(s[0])) {
		return "'" + s
	}
	return s
}

// DOT returns s (Terminal's escapes applied) for a Graphviz DOT
// double-quoted string, without the quotes: backslashes and quotes are
// escaped, so that s is shown as it is. Graphviz escapes the result for
// SVG, which is valid XML because no control character remains.
func DOT(s string) string {
	return strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(Terminal(s))
}

// HTML returns s (Terminal's escapes applied) as HTML text, with <, >, &,
// ' and " escaped. (html/template escapes markup by itself; templates use
// Terminal for the rest.)
func HTML(s string) string { return html.EscapeString(Terminal(s)) }
