// Package mdcheck checks, for tests, that a Markdown document gmcr writes
// is well-formed GitHub-flavoured Markdown: every table row has as many
// cells as its header (GFM silently pads or cuts a row that does not, so
// a stray "|" in a name would shift a row without any error), every table
// is recognised as a table, and the document renders (goldmark with its
// GFM extension) to HTML whose visible text can be searched.
//
// It is a test helper: gmcr's writers never call it.
package mdcheck

import (
	"bytes"
	"fmt"
	"html"
	"regexp"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
)

// delimiter matches a table's delimiter row ("| --- | :--: |").
var delimiter = regexp.MustCompile(`^\|(\s*:?-{3,}:?\s*\|)+\s*$`)

// Cells returns the cells of a table row: the text between unescaped
// "|" characters (GFM splits a row at every "|" not preceded by a
// backslash, inside code spans too), without the outer pipes.
func Cells(line string) []string {
	line = strings.TrimSpace(line)
	var cells []string
	var cur strings.Builder
	for i := 0; i < len(line); i++ {
		switch {
		case line[i] == '\\' && i+1 < len(line):
			cur.WriteByte(line[i])
			cur.WriteByte(line[i+1])
			i++
		case line[i] == '|':
			cells = append(cells, cur.String())
			cur.Reset()
		default:
			cur.WriteByte(line[i])
		}
	}
	cells = append(cells, cur.String())
	if strings.HasPrefix(line, "|") {
		cells = cells[1:]
	}
	if strings.HasSuffix(line, "|") && !strings.HasSuffix(line, `\|`) {
		cells = cells[:len(cells)-1]
	}
	for i := range cells {
		cells[i] = strings.TrimSpace(cells[i])
	}
	return cells
}

// Table is one table found in a document: its header cells and rows, as
// written (Markdown escapes kept).
type Table struct {
	Line   int // 1-based line of the header
	Header []string
	Rows   [][]string
}

// Tables returns the tables of doc: a header line starting with "|"
// followed by a delimiter row, and the lines starting with "|" after
// them.
func Tables(doc string) []Table {
	lines := strings.Split(doc, "\n")
	var out []Table
	for i := 0; i+1 < len(lines); i++ {
		if !strings.HasPrefix(strings.TrimSpace(lines[i]), "|") || !delimiter.MatchString(strings.TrimSpace(lines[i+1])) {
			continue
		}
		t := Table{Line: i + 1, Header: Cells(lines[i])}
		j := i + 2
		for ; j < len(lines) && strings.HasPrefix(strings.TrimSpace(lines[j]), "|"); j++ {
			t.Rows = append(t.Rows, Cells(lines[j]))
		}
		out = append(out, t)
		i = j - 1
	}
	return out
}

// Check returns an error describing every defect found in doc: a table
// row whose number of cells differs from its header's or delimiter row's,
// or a table that goldmark does not render as a table.
func Check(doc string) error {
	var errs []string
	lines := strings.Split(doc, "\n")
	tables := Tables(doc)
	for _, t := range tables {
		if n := len(Cells(lines[t.Line])); n != len(t.Header) {
			errs = append(errs, fmt.Sprintf("line %d: the delimiter row has %d cells, the header %d", t.Line+1, n, len(t.Header)))
		}
		for k, r := range t.Rows {
			if len(r) != len(t.Header) {
				errs = append(errs, fmt.Sprintf("line %d: %d cells, the header has %d: %q", t.Line+2+k, len(r), len(t.Header), lines[t.Line+1+k]))
			}
		}
	}
	h, err := HTML(doc)
	if err != nil {
		return err
	}
	if n := strings.Count(h, "<table>"); n != len(tables) {
		errs = append(errs, fmt.Sprintf("%d tables written, %d rendered", len(tables), n))
	}
	if len(errs) > 0 {
		return fmt.Errorf("markdown: %s", strings.Join(errs, "; "))
	}
	return nil
}

// HTML renders doc as GitHub-flavoured Markdown (goldmark, GFM; raw HTML
// is not passed through, as on GitHub's untrusted content).
func HTML(doc string) (string, error) {
	var buf bytes.Buffer
	md := goldmark.New(goldmark.WithExtensions(extension.GFM))
	if err := md.Convert([]byte(doc), &buf); err != nil {
		return "", err
	}
	return buf.String(), nil
}

var tag = regexp.MustCompile(`<[^>]*>`)

// Text returns what a reader sees of doc once rendered: the HTML without
// its tags, entities decoded.
func Text(doc string) (string, error) {
	h, err := HTML(doc)
	if err != nil {
		return "", err
	}
	return html.UnescapeString(tag.ReplaceAllString(h, "")), nil
}

// CellTexts returns the visible text of every cell of every table, once
// rendered, row by row (header first): table k, row r, cell c is
// CellTexts(doc)[k][r][c].
func CellTexts(doc string) ([][][]string, error) {
	h, err := HTML(doc)
	if err != nil {
		return nil, err
	}
	var out [][][]string
	for _, tb := range strings.Split(h, "<table>")[1:] {
		tb, _, _ = strings.Cut(tb, "</table>")
		var rows [][]string
		for _, tr := range strings.Split(tb, "<tr>")[1:] {
			tr, _, _ = strings.Cut(tr, "</tr>")
			var cells []string
			for _, td := range regexp.MustCompile(`<t[hd][^>]*>`).Split(tr, -1)[1:] {
				td = regexp.MustCompile(`</t[hd]>[\s\S]*`).ReplaceAllString(td, "")
				cells = append(cells, html.UnescapeString(tag.ReplaceAllString(td, "")))
			}
			rows = append(rows, cells)
		}
		out = append(out, rows)
	}
	return out, nil
}
