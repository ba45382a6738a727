package report

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/gmcr/gmcr/analysis"
	"github.com/gmcr/gmcr/evolve"
	"github.com/gmcr/gmcr/internal/english"
	"github.com/goccy/go-graphviz"
)

// Colours of the evolution diagram, chosen to stay apart in grey print
// too: key equilibria have the darkest fill and a thick border.
const (
	dotStartFill  = "#dbeafe" // the start (status quo): light blue, double border
	dotKeyFill    = "#4ade80" // a key equilibrium: strong green, thick dark border
	dotKeyBorder  = "#14532d"
	dotEqFill     = "#dcfce7" // an equilibrium under other concepts only: pale green
	dotTargetFill = "#fde68a" // a --to state that is no equilibrium: yellow, dashed border
	dotPathColor  = "#1d4ed8" // steps of the listed shortest paths (full diagram): bold blue
)

// maxPatternOptions is the most options for which a diagram node shows
// the state's Y/N pattern; larger models show the taken options' ids.
const maxPatternOptions = 24

// WriteEvolutionDOT writes the evolution diagram d (ev.Diagram's or
// ev.DiagramOf's result) as Graphviz DOT. Each state is a node labelled
// with its number, its Y/N pattern grouped by DM (the ids of its taken
// options when the model has more than 24 options) and the concepts under
// which it is an equilibrium; each step an edge labelled with its mover
// (a coalition's DM ids joined with "+", dashed) and the options it
// changes ("+id" taken, "−id" no longer taken). The start has a double
// border and a blue fill; the key equilibria (d.Key) a strong green fill
// and a thick border; other equilibria a pale green fill; other --to
// states a yellow one and a dashed border. In a full diagram the steps of the listed shortest
// paths are bold and blue. A legend under the title explains the node
// patterns, colours and edge labels. States are ranked by their distance
// from the start, left to right, or top down for a diagram five or more
// states deep and at most two wide (it then fits a portrait page). The
// output is deterministic.
func WriteEvolutionDOT(w io.Writer, r *analysis.Result, ev *evolve.Result, d *evolve.Diagram) error {
	v, err := evolveView(r, ev)
	if err != nil {
		return err
	}
	if d == nil {
		return fmt.Errorf("report: no diagram")
	}
	v.display()
	bw := bufio.NewWriter(w)
	evolveDOT(bw, v, ev, d)
	return bw.Flush()
}

// WriteEvolutionSVG writes the evolution diagram d as SVG, laid out by
// Graphviz's dot from WriteEvolutionDOT's output. Graphviz runs inside gmcr
// (github.com/goccy/go-graphviz, Graphviz compiled to WebAssembly and run
// by the pure-Go wazero runtime), so no system Graphviz is needed, with or
// without cgo. Errors come from Graphviz or ctx.
func WriteEvolutionSVG(ctx context.Context, w io.Writer, r *analysis.Result, ev *evolve.Result, d *evolve.Diagram) error {
	var dot bytes.Buffer
	if err := WriteEvolutionDOT(&dot, r, ev, d); err != nil {
		return err
	}
	return RenderSVG(ctx, w, dot.Bytes())
}

// RenderSVG lays out a Graphviz DOT graph with dot and writes it as SVG,
// without a system Graphviz (see WriteEvolutionSVG). Graphviz is loaded on
// the first call, not when gmcr starts: its compiled form is cached in the
// user's cache folder (os.UserCacheDir()/gmcr/graphviz, private to the
// user), and when that cache cannot be used Graphviz is compiled in memory
// instead. Any failure of Graphviz, even a panic inside it, is returned as
// an error.
func RenderSVG(ctx context.Context, w io.Writer, dot []byte) (err error) {
	svg, err := renderSVG(ctx, dot)
	if err != nil {
		return err
	}
	_, err = w.Write(svg)
	return err
}

// graphvizMu serialises the use of Graphviz, whose WebAssembly module is
// one instance per process.
var graphvizMu sync.Mutex

// graphvizCacheOnce sets the compilation cache folder before Graphviz
// loads.
var graphvizCacheOnce sync.Once

func renderSVG(ctx context.Context, dot []byte) (svg []byte, err error) {
	graphvizMu.Lock()
	defer graphvizMu.Unlock()
	defer func() {
		if p := recover(); p != nil {
			svg, err = nil, fmt.Errorf("Graphviz failed while drawing the diagram (%v); write the diagram as DOT (--format dot) and draw it with another Graphviz", p)
		}
	}()
	graphvizCacheOnce.Do(func() { graphviz.SetCacheDir(graphvizCacheDir()) })
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	gv, err := graphviz.New(ctx)
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, fmt.Errorf("starting Graphviz: %w; write the diagram as DOT (--format dot) and draw it with another Graphviz", err)
	}
	defer gv.Close()
	g, err := graphviz.ParseBytes(dot)
	if err != nil {
		return nil, fmt.Errorf("Graphviz cannot read the diagram: %w", err)
	}
	defer g.Close()
	var out bytes.Buffer
	if err := gv.Render(ctx, g, graphviz.SVG, &out); err != nil {
		return nil, fmt.Errorf("Graphviz cannot draw the diagram: %w", err)
	}
	return out.Bytes(), nil
}

// graphvizCacheDir is the user's own cache folder for Graphviz's compiled
// form, or "" (no cache) when the user has none.
func graphvizCacheDir() string {
	dir, err := os.UserCacheDir()
	if err != nil || dir == "" || !filepath.IsAbs(dir) {
		return ""
	}
	return filepath.Join(dir, "gmcr", "graphviz")
}

// dotQuote returns s as a DOT double-quoted string; "\n" stays a line
// break of the label.
func dotQuote(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`)
	return `"` + r.Replace(s) + `"`
}

// dotLeftLines returns the lines of s as a Graphviz HTML-like label:
// left-justified lines after an empty cell that keeps them clear of the
// arrow they label (SVG drops leading spaces). The cell holds a space:
// go-graphviz's WebAssembly Graphviz fails ("failed to read wasm memory")
// on an empty cell in an edge label.
func dotLeftLines(s string) string {
	var b strings.Builder
	b.WriteString(`<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="0"><TR><TD WIDTH="8"> </TD><TD ALIGN="LEFT" BALIGN="LEFT">`)
	for i, line := range strings.Split(s, "\n") {
		if i > 0 {
			b.WriteString(`<BR ALIGN="LEFT"/>`)
		}
		b.WriteString(htmlEsc(line))
	}
	b.WriteString(`</TD></TR></TABLE>>`)
	return b.String()
}

func dotNode(s int) string { return "s" + number(s) }

// evolveNodeLabel is "12\nNY NNN Y" (or the taken option ids), plus the
// concepts under which the state is an equilibrium.
func evolveNodeLabel(v *view, ev *evolve.Result, s int) string {
	label := number(s) + "\n"
	if len(v.ss.Options) <= maxPatternOptions {
		label += v.groupedPattern(s)
	} else {
		label += evolveTaken(v, s)
	}
	if t := ev.Target(s); t != nil && len(targetConcepts(t)) > 0 {
		label += "\n" + strings.Join(compactConcepts(targetConcepts(t)), ", ")
	}
	return label
}

// evolveTaken lists the ids of the options taken at s, or "none".
func evolveTaken(v *view, s int) string {
	var ids []string
	for b, o := range v.ss.Options {
		if v.ss.Taken(s, b) {
			ids = append(ids, o.ID)
		}
	}
	if len(ids) == 0 {
		return "none"
	}
	return strings.Join(ids, " ")
}

// evolveEdgeLabel is the mover and the options the step changes, one a
// line: "US\n+us_guarantee\n+us_include_russia".
func evolveEdgeLabel(v *view, e evolve.Edge) string {
	lines := []string{postMoversText(v, e.Movers)}
	takes, withdraws := v.changes(e.From, e.To)
	for _, id := range takes {
		lines = append(lines, "+"+id)
	}
	for _, id := range withdraws {
		lines = append(lines, "−"+id)
	}
	if e.Unknown {
		lines = append(lines, "(unknown preference)")
	}
	return strings.Join(lines, "\n")
}

// htmlEsc escapes text for a Graphviz HTML-like label.
func htmlEsc(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;").Replace(s)
}

// diagramRole says how the diagram draws state s: "key", "eq", "start",
// "target" or "".
func diagramRole(ev *evolve.Result, d *evolve.Diagram, s int) string {
	t := ev.Target(s)
	switch {
	case t != nil && len(t.Concepts) > 0 && (d.Key == nil || evolve.IsKey(&evolve.Target{Concepts: t.Concepts}, d.Key)):
		return "key"
	case t != nil && len(t.Concepts) > 0:
		return "eq"
	case s == ev.Start:
		return "start"
	case t != nil:
		return "target"
	}
	return ""
}

func evolveDOT(w *bufio.Writer, v *view, ev *evolve.Result, d *evolve.Diagram) {
	roles := map[string]bool{}
	for _, s := range d.Nodes {
		roles[diagramRole(ev, d, s)] = true
	}
	keyName := "equilibrium"
	if d.Key != nil {
		keyName = postConcepts(d.Key) + " equilibrium, the strongest concept with one reachable"
	}
	// The title says what is drawn, and what is not: the model's title,
	// then the figure's.
	title := fmt.Sprintf("Evolution from state %s", number(ev.Start))
	if ev.Start == statusQuoOf(v) {
		title += " (the status quo)"
	}
	var what string
	var missing []string
	switch {
	case d.Show == evolve.ShowKey && d.Key != nil:
		var keys []string
		for _, t := range ev.Targets {
			if !evolve.IsKey(&t, d.Key) || t.Requested && len(t.Concepts) == 0 {
				continue
			}
			if t.Dist < 0 {
				missing = append(missing, number(t.State))
			} else {
				keys = append(keys, number(t.State))
			}
		}
		what = fmt.Sprintf("Shortest paths to the %s %s reachable from it (%s)", postConcepts(d.Key), pluralWord(len(keys), "equilibrium", "equilibria"), joinOrNone(keys))
		if len(missing) > 0 {
			what += fmt.Sprintf("; not reachable: %s", strings.Join(missing, ", "))
		}
	case d.Show == evolve.ShowKey:
		what = "No equilibrium to draw paths to"
	case d.Paths:
		what = "Shortest paths to the equilibria of every concept analysed"
		if d.Reduced && d.Show == evolve.ShowAll {
			what = fmt.Sprintf("%s %s reachable: only the shortest paths to the equilibria are drawn", english.Count(len(ev.Reached), "state"), english.Noun(len(ev.Reached), "is"))
		}
	default:
		what = "Every state reachable from it, and every step between them"
	}
	var lost []string
	for _, t := range ev.Targets {
		if t.Requested && len(t.Concepts) == 0 && t.Dist < 0 {
			lost = append(lost, number(t.State))
		}
	}
	if len(lost) > 0 {
		what += fmt.Sprintf("; not reachable: %s (asked for with --to)", strings.Join(lost, ", "))
	}
	if ev.Coalitions {
		what += "; steps are unilateral or coalitional improvements"
	} else {
		what += "; each step is a unilateral improvement of the DM that moves"
	}
	// The legend, as rows of a swatch and a text.
	type row struct{ swatch, text string }
	sw := func(fill, border string, width int) string {
		return fmt.Sprintf(`<TD WIDTH="28" HEIGHT="16" BGCOLOR="%s" COLOR="%s" BORDER="%d" STYLE="rounded"> </TD>`, fill, border, width)
	}
	// The start's swatch has a double border, as its node: a bordered
	// cell inside a bordered table.
	startSwatch := fmt.Sprintf(`<TD><TABLE BORDER="1" CELLBORDER="0" CELLSPACING="0" CELLPADDING="2" STYLE="rounded" COLOR="black"><TR><TD WIDTH="22" HEIGHT="12" BGCOLOR="%s" BORDER="1" STYLE="rounded"> </TD></TR></TABLE></TD>`, dotStartFill)
	startText := "start (double border)"
	if r := diagramRole(ev, d, ev.Start); r == "key" || r == "eq" {
		startText = "start (double border; filled as an equilibrium, which it is)"
	}
	var rows []row
	rows = append(rows, row{startSwatch, startText})
	if roles["key"] {
		rows = append(rows, row{sw(dotKeyFill, dotKeyBorder, 3), keyName + " (thick border)"})
	}
	if roles["eq"] {
		rows = append(rows, row{sw(dotEqFill, "black", 1), "equilibrium under other concepts (named in it)"})
	}
	if roles["target"] {
		rows = append(rows, row{fmt.Sprintf(`<TD WIDTH="28" HEIGHT="16" BGCOLOR="%s" COLOR="black" BORDER="1" STYLE="rounded,dashed"> </TD>`, dotTargetFill), "state asked for with --to (dashed border)"})
	}
	if roles[""] {
		rows = append(rows, row{sw("white", "black", 1), "state on the way"})
	}
	edgeKeys := []string{"Arrow: the DM that moves, then the options it changes:", "    +option: taken by the move; −option: no longer taken"}
	if ev.Coalitions {
		edgeKeys = append(edgeKeys, "Dashed arrow: a coalition's joint move")
	}
	if !d.Paths {
		edgeKeys = append(edgeKeys, "Bold blue arrows: the listed shortest paths")
	}
	var lab strings.Builder
	lab.WriteString(`<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="2" CELLPADDING="1">`)
	// Lines are wrapped at legendColumns characters and the two keys
	// (fills and borders; how to read a node and an arrow) stacked, so
	// that a small diagram is not widened by its legend: a figure scaled
	// down to fit a page scales its text down too.
	for _, line := range wrapWords(v.title(), legendColumns*11/14) {
		fmt.Fprintf(&lab, `<TR>%s</TR>`, textCell(line, "", 14, true))
	}
	fmt.Fprintf(&lab, `<TR>%s</TR>`, textCell(title, "", 12, true))
	for _, line := range wrapWords(what, legendColumns) {
		fmt.Fprintf(&lab, `<TR>%s</TR>`, textCell(line, "", 11, false))
	}
	lab.WriteString(`<TR><TD ALIGN="LEFT"><TABLE BORDER="0" CELLBORDER="0" CELLSPACING="3" CELLPADDING="1">`)
	for _, r := range rows {
		fmt.Fprintf(&lab, `<TR>%s%s</TR>`, r.swatch, textCell(r.text, "", 11, false))
	}
	lab.WriteString(`</TABLE></TD></TR><TR><TD ALIGN="LEFT"><TABLE BORDER="0" CELLBORDER="0" CELLSPACING="1" CELLPADDING="1">`)
	key := func(text, indent string) {
		for _, line := range wrapWords(text, legendColumns-len(indent)) {
			fmt.Fprintf(&lab, `<TR>%s</TR>`, textCell(line, indent, 11, false))
		}
	}
	if len(v.ss.Options) <= maxPatternOptions {
		key("Node: state number; its options, Y = taken, N = not taken, by DM:", "")
		for i, dm := range v.ss.DMs {
			var ids []string
			for _, bit := range v.dmOptions(i) {
				ids = append(ids, v.ss.Options[bit].ID)
			}
			key(dm.ID+": "+strings.Join(ids, " "), "    ")
		}
		key("then the concepts under which it is an equilibrium", "")
	} else {
		key("Node: state number; the options taken; the concepts under which it is an equilibrium", "")
	}
	for _, k := range edgeKeys {
		indent := k[:len(k)-len(strings.TrimLeft(k, " "))]
		key(k[len(indent):], indent)
	}
	lab.WriteString(`</TABLE></TD></TR></TABLE>>`)

	rankdir := evolveRankdir(ev, d)
	w.WriteString("digraph evolution {\n")
	fmt.Fprintf(w, "  graph [rankdir=%s, ", rankdir)
	fmt.Fprintf(w, "labelloc=t, labeljust=l, nodesep=0.3, ranksep=0.9, fontname=\"Helvetica\", fontsize=11, label=%s];\n", lab.String())
	w.WriteString("  node [shape=box, style=\"rounded\", fontname=\"Helvetica\", fontsize=11];\n")
	w.WriteString("  edge [fontname=\"Helvetica\", fontsize=10];\n")
	for _, s := range d.Nodes {
		attrs := []string{"label=" + dotQuote(evolveNodeLabel(v, ev, s)),
			"tooltip=" + dotQuote(fmt.Sprintf("state %s, code %s, %s from the start; taken: %s", number(s), code(v.ss, s), plural(ev.Dist(s), "step"), evolveTaken(v, s)))}
		switch diagramRole(ev, d, s) {
		case "key":
			attrs = append(attrs, `style="rounded,filled"`, "fillcolor="+dotQuote(dotKeyFill), "color="+dotQuote(dotKeyBorder), "penwidth=3")
		case "eq":
			attrs = append(attrs, `style="rounded,filled"`, "fillcolor="+dotQuote(dotEqFill))
		case "start":
			attrs = append(attrs, `style="rounded,filled"`, "fillcolor="+dotQuote(dotStartFill))
		case "target":
			attrs = append(attrs, `style="rounded,filled,dashed"`, "fillcolor="+dotQuote(dotTargetFill), "penwidth=1.5")
		}
		if s == ev.Start {
			attrs = append(attrs, "peripheries=2")
		}
		fmt.Fprintf(w, "  %s [%s];\n", dotNode(s), strings.Join(attrs, ", "))
	}
	// Rank the states by distance from the start.
	for _, states := range evolveByDist(ev) {
		var in []string
		for _, s := range states {
			if containsInt(d.Nodes, s) {
				in = append(in, dotNode(s))
			}
		}
		if len(in) > 1 {
			fmt.Fprintf(w, "  { rank=same; %s; }\n", strings.Join(in, "; "))
		}
	}
	for _, e := range d.Edges {
		label := dotQuote(evolveEdgeLabel(v, e.Edge))
		if rankdir == "TB" {
			// Beside a vertical arrow, lines are left-justified: text in a
			// font wider than the Helvetica Graphviz measured then runs
			// away from the arrow instead of over it.
			label = dotLeftLines(evolveEdgeLabel(v, e.Edge))
		}
		attrs := []string{"label=" + label}
		if len(e.Movers) > 1 {
			attrs = append(attrs, "style=dashed")
		}
		if e.OnPath && !d.Paths {
			attrs = append(attrs, "penwidth=2.5", "color="+dotQuote(dotPathColor), "fontcolor="+dotQuote(dotPathColor))
		} else if d.Paths {
			attrs = append(attrs, "penwidth=1.5")
		}
		attrs = append(attrs, "tooltip="+dotQuote(fmt.Sprintf("%s: %s -> %s, %s", postMoversText(v, e.Movers), number(e.From), number(e.To), v.changeText(e.From, e.To))))
		fmt.Fprintf(w, "  %s -> %s [%s];\n", dotNode(e.From), dotNode(e.To), strings.Join(attrs, ", "))
	}
	w.WriteString("}\n")
}

// evolveRankdir is the direction the diagram runs: left to right, except
// for a long thin diagram (four or more steps deep, at most two states a
// step), which runs top down: drawn across, a path of four steps is about
// 1,000 points wide and a portrait page shrinks its text to half size.
func evolveRankdir(ev *evolve.Result, d *evolve.Diagram) string {
	depth, breadth := 0, 0
	for _, states := range evolveByDist(ev) {
		n := 0
		for _, s := range states {
			if containsInt(d.Nodes, s) {
				n++
			}
		}
		if n > 0 {
			depth++
			breadth = max(breadth, n)
		}
	}
	if depth >= 5 && breadth <= 2 {
		return "TB"
	}
	return "LR"
}

// statusQuoOf returns the model's status quo state, or -1.
func statusQuoOf(v *view) int {
	s, err := analysis.StatusQuo(v.ss)
	if err != nil {
		return -1
	}
	return s
}

func pluralWord(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

func joinOrNone(xs []string) string {
	if len(xs) == 0 {
		return "none"
	}
	return strings.Join(xs, ", ")
}

// postMoversText is the movers' name for a diagram edge.
func postMoversText(v *view, movers []int) string { return v.postMovers(movers) }

func containsInt(xs []int, x int) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// Conservative average character widths, in ems, of the legend's text.
// Graphviz sizes text with Helvetica's metrics, but a renderer without
// Helvetica substitutes another font: DejaVu Sans (librsvg's usual
// fallback) is about 10% wider, and text sized for Helvetica ran past the
// figure's edge. Reserving this width for each legend cell keeps it inside
// whatever sans-serif font draws it (DejaVu Sans measures about 0.55 em a
// character on the legend's text, bold included).
const (
	legendEm     = 0.6
	legendBoldEm = 0.63
)

// textCell is a left-aligned legend cell holding indent and text at size
// points, at least as wide as a wide sans-serif font needs (legendEm).
func textCell(text, indent string, size float64, bold bool) string {
	em := legendEm
	if bold {
		em = legendBoldEm
	}
	width := int(math.Ceil(float64(utf8.RuneCountInString(indent+text))*em*size)) + 2
	body := indent + htmlEsc(text)
	if bold {
		body = "<B>" + body + "</B>"
	}
	if size != 11 {
		body = fmt.Sprintf(`<FONT POINT-SIZE="%g">%s</FONT>`, size, body)
	}
	return fmt.Sprintf(`<TD ALIGN="LEFT" WIDTH="%d">%s</TD>`, min(width, 65535), body)
}

// legendColumns is the most characters of an 11-point legend line: about
// 400 points, so that the legend of a short path fits a portrait page.
const legendColumns = 72

// wrapWords breaks s into lines of at most width runes at spaces; a word
// longer than width gets a line of its own.
func wrapWords(s string, width int) []string {
	var lines []string
	line := ""
	for _, word := range strings.Fields(s) {
		switch {
		case line == "":
			line = word
		case utf8.RuneCountInString(line)+1+utf8.RuneCountInString(word) <= width:
			line += " " + word
		default:
			lines = append(lines, line)
			line = word
		}
	}
	if line != "" || len(lines) == 0 {
		lines = append(lines, line)
	}
	return lines
}
