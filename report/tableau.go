package report

import (
	"bufio"
	"fmt"
	"github.com/gmcr/gmcr/internal/escape"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/gmcr/gmcr/stability"
	"github.com/jedib0t/go-pretty/v6/table"
	"github.com/jedib0t/go-pretty/v6/text"
)

// chunkRows is the number of state rows rendered as one table in the rows
// layout; a large model is rendered chunk by chunk with fixed column
// widths, so memory stays bounded and the chunks line up.
const chunkRows = 2000

// cacheCells bounds the cells of a chunked table kept between the width
// pass and the writing (a few MiB of strings).
const cacheCells = 1 << 18

// cellWidth is the display width of a cell: its length for plain ASCII.
func cellWidth(s string) int {
	if plainText(s) {
		return len(s)
	}
	return text.StringWidthWithoutEscSequences(s)
}

// textStyle is the plain-text table style: no outer border, columns
// separated by two spaces, rules of dashes between sections.
func textStyle() table.Style {
	s := table.StyleDefault
	s.Name = "gmcr"
	s.Format.Header = text.FormatDefault
	s.Format.Footer = text.FormatDefault
	s.Box.PaddingLeft = ""
	s.Box.PaddingRight = "  "
	s.Options = table.Options{DrawBorder: false, SeparateColumns: false, SeparateHeader: true}
	return s
}

func markdownStyle(pad bool) table.Style {
	s := textStyle()
	s.Markdown.PadContent = pad
	return s
}

func newTable(md, pad bool) table.Writer {
	t := table.NewWriter()
	if md {
		t.SetStyle(markdownStyle(pad))
	} else {
		t.SetStyle(textStyle())
	}
	t.SuppressTrailingSpaces()
	return t
}

func render(t table.Writer, md bool) string {
	if md {
		return t.RenderMarkdown()
	}
	return t.Render()
}

// row converts strings to a table row.
func row(cells ...string) table.Row {
	r := make(table.Row, len(cells))
	for i, c := range cells {
		r[i] = c
	}
	return r
}

// bold returns s in Markdown bold when md is set and s is not empty.
func bold(s string, md bool) string {
	if md && s != "" {
		return "**" + s + "**"
	}
	return s
}

// writeTableau writes the analysis tableau, its legend and the list of
// equilibria.
func writeTableau(out io.Writer, v *view, md bool, opt Options) error {
	w := bufio.NewWriter(out)
	if md {
		fmt.Fprintf(w, "# %s\n\n%s.\n\n%sConcepts: %s.\n\n", escapeMD(v.title()), v.summary(), escapeMD(v.dmNames("DMs: ", ".\n\n")), conceptList(v))
	} else {
		fmt.Fprintf(w, "%s\n%s\n%sConcepts: %s\n\n", v.title(), v.summary(), v.dmNames("DMs: ", "\n"), conceptList(v))
	}
	if opt.columns(v.ss.Len()) {
		t := columnsTable(v, md)
		w.WriteString(render(t, md))
		w.WriteString("\n")
	} else {
		if err := writeRowsTable(w, v, md); err != nil {
			return err
		}
	}
	w.WriteString("\n")
	writeLegend(w, v, md, opt.columns(v.ss.Len()))
	writeEquilibria(w, v, md)
	if md {
		writeModelDoc(w, v)
	}
	return w.Flush()
}

func conceptList(v *view) string {
	names := make([]string, len(v.cols))
	for i, c := range v.cols {
		names[i] = c.name
	}
	return strings.Join(names, ", ")
}

// columnsTable builds the GMCR II / GMCR+ tableau: one column per state.
func columnsTable(v *view, md bool) table.Writer {
	n := v.ss.Len()
	t := newTable(md, true)
	cells := func(label string, f func(s int) string) table.Row {
		r := make(table.Row, n+1)
		r[0] = label
		for s := 0; s < n; s++ {
			r[s+1] = f(s)
		}
		return r
	}
	indent := "  "
	if md {
		indent = ""
	}
	t.AppendHeader(cells("State", number))
	t.AppendRow(cells("Code", func(s int) string { return code(v.ss, s) }))
	if v.ss.Graph() {
		t.AppendRow(cells("Id", v.ss.StateID))
	}
	if v.sq >= 0 {
		t.AppendRow(cells("Status quo", func(s int) string {
			if s == v.sq {
				return "sq"
			}
			return ""
		}))
	}
	if !md {
		t.AppendSeparator()
	}
	for i := range v.ss.DMs {
		t.AppendRow(row(bold(mdText(v.ss.DMs[i].ID, md), md)))
		for _, b := range v.dmOptions(i) {
			o := v.ss.Options[b]
			t.AppendRow(cells(indent+o.ID, func(s int) string { return string(yn(v.ss.Taken(s, b))) }))
		}
	}
	if !md {
		t.AppendSeparator()
	}
	t.AppendRow(row(bold("Rank", md) + " (1 = most preferred)"))
	for i, d := range v.ss.DMs {
		t.AppendRow(cells(indent+d.ID, func(s int) string { return fmt.Sprint(v.p.Rank(i, s)) }))
	}
	for _, c := range v.cols {
		if !md {
			t.AppendSeparator()
		}
		t.AppendRow(row(bold(mdText(c.name, md), md) + " stability"))
		for i, d := range v.ss.DMs {
			t.AppendRow(cells(indent+d.ID, func(s int) string { return v.mark(c, i, s) }))
		}
	}
	if !md {
		t.AppendSeparator()
	}
	t.AppendRow(row(bold("Equilibria", md)))
	eqMark := "*"
	if md {
		eqMark = "**E**"
	}
	for _, c := range v.cols {
		t.AppendRow(cells(indent+mdText(c.name, md), func(s int) string {
			if c.eq[s] {
				return eqMark
			}
			return ""
		}))
	}
	if v.mixed != nil {
		t.AppendRow(cells(indent+mixedName, func(s int) string {
			if v.mixedEq[s] {
				return eqMark
			}
			return ""
		}))
	}
	cfg := []table.ColumnConfig{{Number: 1, Align: text.AlignLeft, AlignHeader: text.AlignLeft}}
	for s := 0; s < n; s++ {
		cfg = append(cfg, table.ColumnConfig{Number: s + 2, Align: text.AlignRight, AlignHeader: text.AlignRight, WidthMin: minWidth(md)})
	}
	t.SetColumnConfigs(cfg)
	return t
}

// rowsColumns describes the rows layout: header and alignment per column.
type rowsColumn struct {
	group  string // upper header row (text only), e.g. the DM over its options
	header string
	right  bool
	cell   func(s int) string
}

func rowsLayout(v *view, md bool) []rowsColumn {
	cols := []rowsColumn{
		{header: "State", right: true, cell: func(s int) string {
			n := number(s)
			if md && len(v.equilibriumOf(s)) > 0 {
				return bold(n, md)
			}
			return n
		}},
		{header: "Code", right: true, cell: func(s int) string { return code(v.ss, s) }},
		{header: "Options", cell: v.groupedPattern},
	}
	if v.ss.Graph() {
		cols = append(cols[:2], append([]rowsColumn{{header: "Id", cell: v.ss.StateID}}, cols[2:]...)...)
	}
	if v.sq >= 0 {
		cols = append(cols, rowsColumn{header: "SQ", cell: func(s int) string {
			if s == v.sq {
				return "sq"
			}
			return ""
		}})
	}
	for i, d := range v.ss.DMs {
		cols = append(cols, rowsColumn{header: "Rank " + d.ID, right: true, cell: func(s int) string { return strconv.Itoa(v.p.Rank(i, s)) }})
	}
	// Few distinct cells repeat over thousands of rows: the marks of a
	// concept and the equilibrium lists are formatted once per distinct
	// value.
	marks := map[string]string{}
	for _, c := range v.cols {
		cols = append(cols, rowsColumn{header: c.name, cell: func(s int) string {
			var buf [64]byte
			b := buf[:0]
			for i := range v.ss.DMs {
				if i > 0 {
					b = append(b, ' ')
				}
				b = append(b, v.mark(c, i, s)...)
			}
			if m, ok := marks[string(b)]; ok {
				return m
			}
			m := string(b)
			marks[m] = m
			return m
		}})
	}
	eqCells := map[uint64]string{}
	cols = append(cols, rowsColumn{header: "Equilibrium", cell: func(s int) string {
		// The cell is cached by the set of concepts, when it fits a word.
		var key uint64
		cache := len(v.cols) < 64
		for k, c := range v.cols {
			if cache && c.eq[s] {
				key |= 1 << uint(k)
			}
		}
		if cache && v.mixed != nil && v.mixedEq[s] {
			key |= 1 << uint(len(v.cols))
		}
		if m, ok := eqCells[key]; ok && cache {
			return m
		}
		m := ""
		switch eq := compactConcepts(v.equilibriumOf(s)); {
		case len(eq) > 0 && md:
			m = bold(strings.Join(eq, ", "), md)
		case len(eq) > 0:
			m = "* " + strings.Join(eq, ", ")
		}
		if cache {
			eqCells[key] = m
		}
		return m
	}})
	return cols
}

// writeRowsTable writes one row per state, in chunks of fixed widths.
func writeRowsTable(w *bufio.Writer, v *view, md bool) error {
	return writeChunked(w, v, rowsLayout(v, md), md)
}

func writeChunked(w *bufio.Writer, v *view, cols []rowsColumn, md bool) error {
	n := v.ss.Len()
	widths := make([]int, len(cols))
	grouped := false
	for k, c := range cols {
		widths[k] = text.StringWidthWithoutEscSequences(c.header)
		grouped = grouped || c.group != ""
	}
	// A large table is written in chunks whose widths are fixed by a
	// first pass over every cell; up to cacheCells cells are kept from that
	// pass rather than formatted twice.
	var all []string
	if n > chunkRows {
		if n*len(cols) <= cacheCells {
			all = make([]string, n*len(cols))
		}
		for s := 0; s < n; s++ {
			for k, c := range cols {
				cell := c.cell(s)
				if all != nil {
					all[s*len(cols)+k] = cell
				}
				if l := cellWidth(cell); l > widths[k] {
					widths[k] = l
				}
			}
		}
	}
	for start := 0; start < n; start += chunkRows {
		end := min(start+chunkRows, n)
		var cells []string
		if all != nil {
			cells = all[start*len(cols) : end*len(cols)]
		} else {
			cells = make([]string, (end-start)*len(cols))
			for s := start; s < end; s++ {
				r := cells[(s-start)*len(cols):]
				for k, c := range cols {
					r[k] = c.cell(s)
				}
			}
		}
		var err error
		if plainCells(cols, cells, start == 0) {
			err = writePlainChunk(w, cols, cells, widths, start == 0, grouped, md)
		} else {
			err = writePrettyChunk(w, cols, cells, widths, start == 0, grouped, md)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// writePrettyChunk renders one chunk of rows with go-pretty. It is the
// reference layout; writePlainChunk reproduces it byte for byte, faster,
// for tables of plain ASCII text (the common case), and this path takes
// every other table.
func writePrettyChunk(w *bufio.Writer, cols []rowsColumn, cells []string, widths []int, header, grouped, md bool) error {
	t := newTable(md, true)
	cfg := make([]table.ColumnConfig, len(cols))
	hdr := make(table.Row, len(cols))
	grp := make(table.Row, len(cols))
	for k, c := range cols {
		grp[k] = c.group
		al := text.AlignLeft
		if c.right {
			al = text.AlignRight
		}
		cfg[k] = table.ColumnConfig{Number: k + 1, Align: al, AlignHeader: al, WidthMin: max(widths[k], minWidth(md))}
		hdr[k] = c.header
	}
	t.SetColumnConfigs(cfg)
	if header {
		if grouped && !md {
			t.AppendHeader(grp)
		}
		t.AppendHeader(hdr)
	}
	for i := 0; i < len(cells); i += len(cols) {
		r := make(table.Row, len(cols))
		for k := range cols {
			r[k] = cells[i+k]
		}
		t.AppendRow(r)
	}
	_, err := w.WriteString(render(t, md) + "\n")
	return err
}

// plainText reports whether s is printable ASCII without '|': text whose
// width is its length and that go-pretty writes unchanged in both styles.
func plainText(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c > 0x7e || c == '|' {
			return false
		}
	}
	return true
}

func plainCells(cols []rowsColumn, cells []string, header bool) bool {
	if header {
		for _, c := range cols {
			if !plainText(c.header) || !plainText(c.group) {
				return false
			}
		}
	}
	for _, c := range cells {
		if !plainText(c) {
			return false
		}
	}
	return true
}

const spaces = "                                "

// writePlainChunk writes what writePrettyChunk writes, for plain cells
// (plainCells), straight into w: a 3,072-state tableau renders in a
// fraction of go-pretty's time and allocations.
func writePlainChunk(w *bufio.Writer, cols []rowsColumn, cells []string, widths []int, header, grouped, md bool) error {
	nc := len(cols)
	wd := make([]int, nc)
	for k := range cols {
		wd[k] = max(widths[k], minWidth(md))
		if header {
			wd[k] = max(wd[k], len(cols[k].header))
			if grouped && !md {
				wd[k] = max(wd[k], len(cols[k].group))
			}
		}
	}
	for i, c := range cells {
		if k := i % nc; len(c) > wd[k] {
			wd[k] = len(c)
		}
	}
	var line []byte
	pad := func(n int) {
		for n > 0 {
			k := min(n, len(spaces))
			line = append(line, spaces[:k]...)
			n -= k
		}
	}
	writeRow := func(cell func(k int) string) {
		line = line[:0]
		for k := range cols {
			c := cell(k)
			if md {
				if k == 0 {
					line = append(line, "| "...)
				} else {
					line = append(line, " | "...)
				}
			}
			if cols[k].right {
				pad(wd[k] - len(c))
				line = append(line, c...)
			} else {
				line = append(line, c...)
				pad(wd[k] - len(c))
			}
			if !md {
				line = append(line, "  "...)
			}
		}
		if md {
			line = append(line, " |"...)
		} else {
			for len(line) > 0 && line[len(line)-1] == ' ' {
				line = line[:len(line)-1]
			}
		}
		line = append(line, '\n')
		w.Write(line)
	}
	if header {
		if grouped && !md {
			writeRow(func(k int) string { return cols[k].group })
		}
		writeRow(func(k int) string { return cols[k].header })
		line = line[:0]
		if md {
			for k := range cols {
				line = append(line, '|')
				if cols[k].right {
					line = append(line, ' ')
					line = append(line, strings.Repeat("-", wd[k])...)
					line = append(line, ':')
				} else {
					line = append(line, ':')
					line = append(line, strings.Repeat("-", wd[k])...)
					line = append(line, ' ')
				}
			}
			line = append(line, '|')
		} else {
			total := 0
			for k := range cols {
				total += wd[k] + 2
			}
			line = append(line, strings.Repeat("-", total)...)
		}
		line = append(line, '\n')
		w.Write(line)
	}
	for i := 0; i < len(cells); i += nc {
		r := cells[i : i+nc]
		writeRow(func(k int) string { return r[k] })
	}
	return nil
}

func writeLegend(w *bufio.Writer, v *view, md, columns bool) {
	item := func(s string) {
		if md {
			fmt.Fprintf(w, "- %s\n", s)
		} else {
			fmt.Fprintf(w, "  %s\n", s)
		}
	}
	if md {
		w.WriteString("**Legend**\n\n")
	} else {
		w.WriteString("Legend\n")
	}
	if columns {
		item("Y = option taken, N = not taken. Code: the state's decimal code (option k adds 2^k).")
	} else {
		item("Options: Y = taken, N = not taken, grouped by DM (" + v.patternKey() + "). Code: the state's decimal code (option k adds 2^k).")
	}
	item(rankNote)
	item("Stability: r = rational (the DM has no unilateral improvement), s = stable (every unilateral improvement is sanctioned), u = unstable.")
	if !v.a.Has(stability.Nash) {
		item("r is shown only when Nash stability is computed; otherwise every stable state is marked s.")
	}
	if len(v.misperceiving()) > 0 {
		if md {
			item("`" + notPerceivedMark + "`" + escapeMD(strings.TrimPrefix(notPerceivedLegend, notPerceivedMark)))
		} else {
			item(notPerceivedLegend)
		}
		for _, n := range v.misperceptionNotes() {
			item(mdText(n, md))
		}
	}
	if !columns {
		ids := make([]string, len(v.ss.DMs))
		for i, d := range v.ss.DMs {
			ids[i] = d.ID
		}
		item("Each concept's column gives one mark per DM, in the order " + strings.Join(ids, ", ") + ".")
	}
	if md {
		item("**E** = equilibrium: stable for every DM under the concept.")
	} else {
		item("* = equilibrium: stable for every DM under the concept.")
	}
	if v.mixed != nil {
		item("Mixed = stable for every DM under its own concept (" + mdText(v.mixedText(), md) + "), as in GMCR II's hybrid analysis.")
	}
	var notes []string
	for _, c := range v.cols {
		if c.extra != nil && c.extra.Note != "" && !slices.Contains(notes, c.extra.Note) {
			notes = append(notes, c.extra.Note)
			item(mdText(c.extra.Note, md))
		}
	}
	item(seqSimNote)
	w.WriteString("\n")
}

func writeEquilibria(w *bufio.Writer, v *view, md bool) {
	if md {
		w.WriteString("## Equilibria\n\n")
	} else {
		w.WriteString("Equilibria\n")
	}
	width := 0
	for _, c := range v.cols {
		width = max(width, len(c.name))
	}
	if v.mixed != nil {
		width = max(width, len(mixedName))
	}
	for _, c := range v.cols {
		list := c.eqList
		desc := "none"
		if len(list) > 0 {
			desc = fmt.Sprintf("%s: %s", plural(len(list), "state"), numberList(list))
			if x := c.extra; x != nil && x.HasStrength() {
				desc += fmt.Sprintf(" (strong: %s; weak: %s)", numberListOr(x.StrongEquilibria()), numberListOr(x.WeakEquilibria()))
			}
		}
		if md {
			fmt.Fprintf(w, "- **%s**: %s\n", escapeMD(c.name), desc)
		} else {
			fmt.Fprintf(w, "  %-*s  %s\n", width, c.name, desc)
		}
	}
	if v.mixed != nil {
		desc := "none"
		if len(v.mixedList) > 0 {
			desc = fmt.Sprintf("%s: %s", plural(len(v.mixedList), "state"), numberList(v.mixedList))
		}
		if md {
			fmt.Fprintf(w, "- **%s** (%s): %s\n", mixedName, escapeMD(v.mixedText()), desc)
		} else {
			fmt.Fprintf(w, "  %-*s  %s (%s)\n", width, mixedName, desc, v.mixedText())
		}
	}
}

// numberListOr is numberList, or "none" for an empty list.
func numberListOr(list []int) string {
	if len(list) == 0 {
		return "none"
	}
	return numberList(list)
}

// escapeMD escapes the characters that would start Markdown markup in a
// heading, a paragraph or a table cell (escape.MarkdownMarkup; the
// model's own text has been through escape.Terminal, see view.display).
func escapeMD(s string) string {
	return escape.MarkdownMarkup(s)
}

// mdText escapes s for Markdown when md is set.
func mdText(s string, md bool) string {
	if md {
		return escapeMD(s)
	}
	return s
}

// minWidth is the narrowest column: Markdown's alignment row needs three
// dashes and a colon, and padded cells should line up with it.
func minWidth(md bool) int {
	if md {
		return 4
	}
	return 0
}
