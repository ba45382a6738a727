package report

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/gmcr/gmcr/analysis"
	"github.com/gmcr/gmcr/evolve"
	"github.com/goccy/go-graphviz"
)

// Colours of the evolution diagram.
const (
	dotStartFill  = "#dbeafe" // the start (status quo): light blue, double border
	dotEqFill     = "#dcfce7" // an equilibrium: light green
	dotTargetFill = "#fef3c7" // a --to state that is no equilibrium: light yellow
	dotPathColor  = "#1d4ed8" // steps of the listed shortest paths: bold blue
)

// maxPatternOptions is the most options for which a diagram node shows
// the state's Y/N pattern; larger models show the taken options' ids.
const maxPatternOptions = 24

// WriteEvolutionDOT writes the evolution diagram d (ev.Diagram's result)
// as Graphviz DOT: each state a node labelled with its number and its Y/N
// pattern grouped by DM (the ids of its taken options when the model has
// more than 24 options), and the concepts under which it is an
// equilibrium; each step an edge labelled with its mover (a coalition's
// DM ids joined with "+", dashed). The start has a double border and a
// blue fill, equilibria a green fill, other --to states a yellow one;
// steps of the listed shortest paths are bold and blue. States are ranked
// left to right by their distance from the start. The output is
// deterministic.
func WriteEvolutionDOT(w io.Writer, r *analysis.Result, ev *evolve.Result, d *evolve.Diagram) error {
	v, err := evolveView(r, ev)
	if err != nil {
		return err
	}
	if d == nil {
		return fmt.Errorf("report: no diagram")
	}
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
	if t := ev.Target(s); t != nil && len(t.Concepts) > 0 {
		label += "\n" + postConcepts(t.Concepts)
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

func evolveDOT(w *bufio.Writer, v *view, ev *evolve.Result, d *evolve.Diagram) {
	title := fmt.Sprintf("%s: evolution from state %s", v.title(), number(ev.Start))
	if ev.Coalitions {
		title += " (unilateral and coalitional improvements)"
	} else {
		title += " (unilateral improvements)"
	}
	if d.Reduced {
		title += "\nonly the listed shortest paths to the equilibria and --to states are drawn"
	}
	title += "\ndouble border: start; green: equilibrium; yellow: --to state; bold blue: listed shortest paths"
	w.WriteString("digraph evolution {\n")
	fmt.Fprintf(w, "  graph [rankdir=LR, labelloc=t, fontname=\"Helvetica\", fontsize=12, label=%s];\n", dotQuote(title))
	w.WriteString("  node [shape=box, style=\"rounded\", fontname=\"Helvetica\", fontsize=10];\n")
	w.WriteString("  edge [fontname=\"Helvetica\", fontsize=9];\n")
	for _, s := range d.Nodes {
		attrs := []string{"label=" + dotQuote(evolveNodeLabel(v, ev, s)),
			"tooltip=" + dotQuote(fmt.Sprintf("state %s, code %s, %s from the start; taken: %s", number(s), code(v.ss, s), plural(ev.Dist(s), "step"), evolveTaken(v, s)))}
		fill := ""
		t := ev.Target(s)
		switch {
		case t != nil && len(t.Concepts) > 0:
			fill = dotEqFill
		case s == ev.Start:
			fill = dotStartFill
		case t != nil:
			fill = dotTargetFill
		}
		if fill != "" {
			attrs = append(attrs, `style="rounded,filled"`, "fillcolor="+dotQuote(fill))
		}
		if s == ev.Start {
			attrs = append(attrs, "peripheries=2", "penwidth=1.5")
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
		attrs := []string{"label=" + dotQuote(postMoversText(v, e.Movers))}
		if len(e.Movers) > 1 {
			attrs = append(attrs, "style=dashed")
		}
		if e.OnPath {
			attrs = append(attrs, "penwidth=2.5", "color="+dotQuote(dotPathColor), "fontcolor="+dotQuote(dotPathColor))
		}
		attrs = append(attrs, "tooltip="+dotQuote(fmt.Sprintf("%s: %s -> %s, %s", postMoversText(v, e.Movers), number(e.From), number(e.To), v.changeText(e.From, e.To))))
		fmt.Fprintf(w, "  %s -> %s [%s];\n", dotNode(e.From), dotNode(e.To), strings.Join(attrs, ", "))
	}
	w.WriteString("}\n")
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
