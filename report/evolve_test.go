package report_test

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/gmcr/gmcr/analysis"
	"github.com/gmcr/gmcr/evolve"
	"github.com/gmcr/gmcr/examples"
	"github.com/gmcr/gmcr/model"
	"github.com/gmcr/gmcr/report"
	"github.com/gmcr/gmcr/stability"
)

// exampleRun analyses a built-in example.
func exampleRun(t *testing.T, name string, concepts []stability.Concept) *analysis.Result {
	t.Helper()
	ex, err := examples.Get(name)
	if err != nil {
		t.Fatal(err)
	}
	m, err := model.Parse(ex.Data, ex.File)
	if err != nil {
		t.Fatal(err)
	}
	return run(t, m, concepts)
}

func evolution(t *testing.T, r *analysis.Result, start int, opt evolve.Options) *evolve.Result {
	t.Helper()
	ev, err := evolve.Analyze(context.Background(), r.Stability, start, opt)
	if err != nil {
		t.Fatal(err)
	}
	return ev
}

// writeAll writes ev in every format, checks that JSON parses and that
// every output is the same when written twice, and compares each with its
// golden file prefix.ext.
func writeAll(t *testing.T, prefix string, r *analysis.Result, ev *evolve.Result, maxNodes int) {
	t.Helper()
	for _, f := range []report.Format{report.Text, report.Markdown, report.JSON} {
		var a, b bytes.Buffer
		if err := report.WriteEvolution(&a, r, ev, f, report.Options{}); err != nil {
			t.Fatal(err)
		}
		if err := report.WriteEvolution(&b, r, ev, f, report.Options{}); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(a.Bytes(), b.Bytes()) {
			t.Errorf("%s: %v output differs between two writes", prefix, f)
		}
		if f == report.JSON && !json.Valid(a.Bytes()) {
			t.Errorf("%s: invalid JSON", prefix)
		}
		golden(t, prefix+"."+ext[f], a.Bytes())
	}
	d, err := ev.Diagram(maxNodes)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := report.WriteEvolutionDOT(&buf, r, ev, d); err != nil {
		t.Fatal(err)
	}
	golden(t, prefix+".dot", buf.Bytes())
}

// TestEvolutionGolden: the built-in example from its status quo to its
// Nash and SEQ equilibria, two paths each; the Prisoner's Dilemma from
// mutual defection with coalitional steps.
func TestEvolutionGolden(t *testing.T) {
	r := exampleRun(t, "ukraine-security", nil)
	sq, err := analysis.StatusQuo(r.Space)
	if err != nil {
		t.Fatal(err)
	}
	ev := evolution(t, r, sq, evolve.Options{Paths: 2, Concepts: []stability.Concept{stability.Nash, stability.SEQ}, To: []int{0}})
	writeAll(t, "ukraine-evolve", r, ev, 0)
	var txt bytes.Buffer
	if err := report.WriteEvolution(&txt, r, ev, report.Text, report.Options{}); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"State 176 (equilibrium under Nash, SEQ) is reachable in 4 steps (1 shortest path):",
		`1) US moves 1 -> 65: takes options us_guarantee (The US backs the security guarantees (support short of ground troops)), us_include_russia (The US brings Russia into the talks on security guarantees); US's rank 47 -> 42`,
		`4) CO moves 80 -> 176: takes option co_force (The coalition deploys a force in Ukraine to backstop a settlement); CO's rank 14 -> 2`,
		"State 79 (equilibrium under SEQ) is not reachable from state 1 by unilateral improvements.",
	} {
		if !strings.Contains(txt.String(), want) {
			t.Errorf("the text lacks %q", want)
		}
	}

	pd := exampleRun(t, "prisoners-dilemma", nil)
	ev = evolution(t, pd, 3, evolve.Options{Coalitions: true, Paths: 3})
	writeAll(t, "pd-evolve-coalitions", pd, ev, 0)
	ev = evolution(t, pd, 0, evolve.Options{Paths: 3})
	writeAll(t, "pd-evolve", pd, ev, 0)
	txt.Reset()
	if err := report.WriteEvolution(&txt, pd, ev, report.Text, report.Options{}); err != nil {
		t.Fatal(err)
	}
	want := `State 4 (equilibrium under Nash, GMR, SMR, SEQ, SIM) is reachable in 2 steps (2 shortest paths):
  Path 1:
    1) P1 moves 1 -> 2: takes option d1 (Player 1 defects); P1's rank 2 -> 1
    2) P2 moves 2 -> 4: takes option d2 (Player 2 defects); P2's rank 4 -> 3
  Path 2:
    1) P2 moves 1 -> 3: takes option d2 (Player 2 defects); P2's rank 2 -> 1
    2) P1 moves 3 -> 4: takes option d1 (Player 1 defects); P1's rank 4 -> 3
`
	if !strings.Contains(txt.String(), want) {
		t.Errorf("the PD text lacks\n%s\ngot\n%s", want, txt.String())
	}
	if err := report.WriteEvolution(&txt, pd, ev, report.CSV, report.Options{}); err == nil {
		t.Error("CSV accepted")
	}
}

// TestEvolutionDiagramReduced: over --max-nodes, only the listed paths.
func TestEvolutionDiagramReduced(t *testing.T) {
	r := exampleRun(t, "ukraine-security", nil)
	ev := evolution(t, r, 0, evolve.Options{Concepts: []stability.Concept{stability.Nash}})
	d, err := ev.Diagram(10)
	if err != nil {
		t.Fatal(err)
	}
	if !d.Reduced || len(d.Nodes) != 5 || len(d.Edges) != 4 {
		t.Fatalf("reduced diagram: %d nodes, %d edges", len(d.Nodes), len(d.Edges))
	}
	var buf bytes.Buffer
	if err := report.WriteEvolutionDOT(&buf, r, ev, d); err != nil {
		t.Fatal(err)
	}
	golden(t, "ukraine-evolve-nash.dot", buf.Bytes())
	if _, err := ev.Diagram(4); err == nil {
		t.Error("a diagram of 5 states accepted under a limit of 4")
	}
}

// TestEvolutionSVG draws the built-in example's diagram with the built-in
// Graphviz: one SVG node per state and one edge per step.
func TestEvolutionSVG(t *testing.T) {
	r := exampleRun(t, "ukraine-security", nil)
	ev := evolution(t, r, 0, evolve.Options{})
	d, err := ev.Diagram(0)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := report.WriteEvolutionSVG(context.Background(), &buf, r, ev, d); err != nil {
		t.Fatal(err)
	}
	svg := buf.String()
	if !strings.HasPrefix(svg, "<?xml") || !strings.Contains(svg, "<svg") || !strings.HasSuffix(strings.TrimSpace(svg), "</svg>") {
		t.Fatalf("not an SVG document:\n%.300s", svg)
	}
	if n := strings.Count(svg, `class="node"`); n != len(d.Nodes) {
		t.Errorf("%d SVG nodes, want %d", n, len(d.Nodes))
	}
	if n := strings.Count(svg, `class="edge"`); n != len(d.Edges) {
		t.Errorf("%d SVG edges, want %d", n, len(d.Edges))
	}
	for _, want := range []string{"<title>s1</title>", "<title>s176</title>", ">Nash, GMR, SMR, SEQ, SIM</text>"} {
		if !strings.Contains(svg, want) {
			t.Errorf("the SVG lacks %q", want)
		}
	}
	if err := report.RenderSVG(context.Background(), &buf, []byte("digraph {")); err == nil {
		t.Error("a broken DOT graph was drawn")
	}
}
