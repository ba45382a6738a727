package main

import (
	"encoding/json"
	"encoding/xml"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/gmcr/gmcr/analysis"
	"github.com/gmcr/gmcr/internal/bruteforce"
	"github.com/gmcr/gmcr/model"
)

// bfModel is a model with its brute-force states and scores, for
// re-checking printed paths against the definitions alone.
type bfModel struct {
	m      *model.Model
	codes  []uint64
	scores [][]int64
}

func loadBF(t *testing.T, path string) *bfModel {
	t.Helper()
	m, err := analysis.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	b := &bfModel{m: m, codes: bruteforce.Feasible(m)}
	b.scores = bruteforce.Scores(m, b.codes)
	return b
}

func (b *bfModel) dm(t *testing.T, id string) int {
	t.Helper()
	for i, d := range b.m.DMs {
		if d.ID == id {
			return i
		}
	}
	t.Fatalf("unknown DM %q in the output", id)
	return -1
}

// jsonStep is a printed evolution step (report's JSON).
type jsonStep struct {
	Movers    []string
	From, To  int
	Takes     []struct{ ID string }
	Withdraws []struct{ ID string }
	Sequence  []struct {
		DM       string
		From, To int
	}
}

// verifyStep re-checks one printed step against the definitions: for a
// DM alone, a unilateral move (bruteforce.Moves) it strictly prefers; for
// a coalition, its sequence is a legal sequence of its members' moves
// from From to To that every member strictly prefers to From; the options
// taken and withdrawn are those that differ.
func (b *bfModel) verifyStep(t *testing.T, st jsonStep) {
	t.Helper()
	from, to := st.From-1, st.To-1
	var movers []int
	for _, id := range st.Movers {
		movers = append(movers, b.dm(t, id))
	}
	for _, k := range movers {
		if b.scores[k][to] <= b.scores[k][from] {
			t.Fatalf("step %d -> %d is no improvement for %s", st.From, st.To, b.m.DMs[k].ID)
		}
	}
	if len(movers) == 1 {
		if !slices.Contains(bruteforce.Moves(b.m, b.codes, movers[0], from), to) {
			t.Fatalf("step %d -> %d is no unilateral move of %s", st.From, st.To, st.Movers[0])
		}
	} else {
		b.verifySequence(t, movers, from, to, st.Sequence)
	}
	var ids []string
	for _, d := range b.m.DMs {
		ids = append(ids, d.Options...)
	}
	diff := b.codes[from] ^ b.codes[to]
	var takes, withdraws []string
	for k, id := range ids {
		if diff&(1<<k) != 0 {
			if b.codes[to]&(1<<k) != 0 {
				takes = append(takes, id)
			} else {
				withdraws = append(withdraws, id)
			}
		}
	}
	var gotT, gotW []string
	for _, o := range st.Takes {
		gotT = append(gotT, o.ID)
	}
	for _, o := range st.Withdraws {
		gotW = append(gotW, o.ID)
	}
	if !slices.Equal(gotT, takes) || !slices.Equal(gotW, withdraws) {
		t.Fatalf("step %d -> %d: takes %v withdraws %v, want %v and %v", st.From, st.To, gotT, gotW, takes, withdraws)
	}
}

// verifySequence checks a coalition's legal sequence of unilateral moves.
func (b *bfModel) verifySequence(t *testing.T, members []int, from, to int, seq []struct {
	DM       string
	From, To int
}) {
	t.Helper()
	at, last := from, -1
	for _, u := range seq {
		k := b.dm(t, u.DM)
		if u.From-1 != at || k == last || !slices.Contains(members, k) ||
			!slices.Contains(bruteforce.Moves(b.m, b.codes, k, u.From-1), u.To-1) {
			t.Fatalf("bad coalitional sequence %+v", seq)
		}
		at, last = u.To-1, k
	}
	if at != to || len(seq) == 0 {
		t.Fatalf("sequence %+v does not reach %d", seq, to+1)
	}
}

// verifyEvolution re-checks every path printed by `gmcr evolve --format
// json`: it starts at the start, each step leaves the state the previous
// one reached and is verified by verifyStep, the same movers never make
// two steps in a row, each path has the printed number of steps, and,
// without coalitions, that number is the distance bruteforce gives.
func verifyEvolution(t *testing.T, out string, b *bfModel) int {
	t.Helper()
	var doc struct {
		Kind       string
		Start      struct{ State int }
		Coalitions bool
		Reachable  []struct{ State, Steps int }
		Targets    []struct {
			State     int
			Reachable bool
			Steps     *int
			PathCount int `json:"path_count"`
			Paths     [][]jsonStep
		}
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("JSON output: %v", err)
	}
	if doc.Kind != "evolution" {
		t.Fatalf("kind %q", doc.Kind)
	}
	if !doc.Coalitions {
		want := bruteforce.StatusQuoReachable(b.m, b.codes, b.scores, doc.Start.State-1)
		got := map[int]int{}
		for _, r := range doc.Reachable {
			got[r.State-1] = r.Steps
		}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Fatalf("reachable %v, brute force %v", got, want)
		}
	}
	n := 0
	for _, tg := range doc.Targets {
		if !tg.Reachable {
			if tg.Steps != nil || len(tg.Paths) != 0 {
				t.Fatalf("unreachable target %d with a path", tg.State)
			}
			continue
		}
		for _, p := range tg.Paths {
			n++
			if len(p) != *tg.Steps {
				t.Fatalf("target %d: a path of %d steps, printed steps %d", tg.State, len(p), *tg.Steps)
			}
			at, last := doc.Start.State, ""
			for _, st := range p {
				who := strings.Join(st.Movers, "+")
				if st.From != at || who == last {
					t.Fatalf("target %d: bad chain at step %+v", tg.State, st)
				}
				b.verifyStep(t, st)
				at, last = st.To, who
			}
			if at != tg.State {
				t.Fatalf("path ends at %d, not %d", at, tg.State)
			}
		}
	}
	return n
}

func TestEvolve(t *testing.T) {
	dir := inTemp(t)
	// The built-in example from its status quo.
	out, _ := check(t, "", 0, []string{"evolve", "-q"},
		"status quo analysis",
		"State 176 (equilibrium under Nash, GMR, SMR, SEQ, SIM) is reachable in 4 steps (1 shortest path):",
		`4) CO moves 80 -> 176: takes option co_force (The coalition deploys a force in Ukraine to backstop a settlement); CO's rank 14 -> 2`)
	if !strings.Contains(out, "Reachable: 42 states, the start included, at most 4 steps away.") {
		t.Errorf("reachable summary missing:\n%.2000s", out)
	}
	check(t, "", 0, []string{"examples", "prisoners-dilemma", "-o", "pd.yaml"})
	check(t, "", 0, []string{"evolve", "pd.yaml", "--from", "1", "--paths", "2"},
		"Start: state 1 (code 0, N N).",
		"    1) P2 moves 1 -> 3: takes option d2 (Player 2 defects); P2's rank 2 -> 1\n    2) P1 moves 3 -> 4: takes option d1 (Player 1 defects); P1's rank 4 -> 3\n")
	check(t, "", 0, []string{"evolve", "pd.yaml", "--from", "YY", "--coalitions", "--to", "1"},
		"P1+P2 together move 4 -> 1: stop taking options d1 (Player 1 defects), d2 (Player 2 defects); ranks P1 3 -> 2, P2 3 -> 2, as P1 moves 4 -> 3 (stops taking option d1 (Player 1 defects)), then P2 moves 3 -> 1 (stops taking option d2 (Player 2 defects))")
	check(t, "", 0, []string{"evolve", "pd.yaml", "--from", "1", "-f", "markdown"}, "# Prisoner's Dilemma: status quo analysis", "| State | Role |")

	// Every printed path re-checked against the definitions.
	pd := loadBF(t, "pd.yaml")
	ukPath := dir + "/uk.yaml"
	check(t, "", 0, []string{"examples", "ukraine-security", "-o", ukPath})
	uk := loadBF(t, ukPath)
	n := 0
	for _, c := range []struct {
		b    *bfModel
		args []string
	}{
		{pd, []string{"evolve", "pd.yaml", "--from", "1", "--paths", "5", "-f", "json"}},
		{pd, []string{"evolve", "pd.yaml", "--from", "4", "--coalitions", "--paths", "5", "-f", "json"}},
		{uk, []string{"evolve", ukPath, "--paths", "5", "-f", "json"}},
		{uk, []string{"evolve", ukPath, "--paths", "3", "--coalitions", "--concepts", "Nash,SEQ", "-f", "json"}},
		{uk, []string{"evolve", ukPath, "--from", "176", "--paths", "2", "--coalitions", "--to", "1", "-f", "json"}},
	} {
		out, _ := check(t, "", 0, c.args)
		n += verifyEvolution(t, out, c.b)
	}
	if n < 50 {
		t.Errorf("only %d printed paths verified", n)
	}

	// Diagrams.
	check(t, "", 0, []string{"evolve", "pd.yaml", "--from", "1", "-f", "dot"}, "digraph evolution {", `s2 -> s4 [label="P2\n+d2"`)
	check(t, "", 0, []string{"evolve", "-q", "-f", "svg", "-o", "ev.svg"})
	data, err := os.ReadFile("ev.svg")
	if err != nil || !strings.HasPrefix(string(data), "<?xml") || !strings.Contains(string(data), "<title>s176</title>") {
		t.Errorf("ev.svg: %v %.200s", err, data)
	}
	_, errOut := check(t, "", 0, []string{"evolve", "-f", "dot", "--draw", "all", "--max-nodes", "20", "--concepts", "Nash"})
	if !strings.Contains(errOut, "only the listed shortest paths") {
		t.Errorf("no note about the reduced diagram: %q", errOut)
	}
}

func TestEvolveBadInput(t *testing.T) {
	inTemp(t)
	check(t, "", 0, []string{"examples", "prisoners-dilemma", "-o", "pd.yaml"})
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"evolve", "elmira.yaml", "--from", "13"}, "--from: state 13 does not exist; the model has states 1..12"},
		{[]string{"evolve", "elmira.yaml", "--to", "0"}, "--to: state 0 does not exist"},
		{[]string{"evolve", "elmira.yaml", "--to", "2,x"}, "--to: state \"x\""},
		{[]string{"evolve", "elmira.yaml", "--from", "YYYYY"}, "not feasible"},
		{[]string{"evolve", "elmira.yaml", "--paths", "0"}, "--paths must be between 1 and 100, got 0"},
		{[]string{"evolve", "elmira.yaml", "--paths", "101"}, "--paths must be between 1 and 100, got 101"},
		{[]string{"evolve", "elmira.yaml", "--max-nodes", "0"}, "--max-nodes must be at least 1"},
		{[]string{"evolve", "elmira.yaml", "--format", "csv"}, `format "csv" is not available here; use one of text, markdown, json, dot, svg`},
		{[]string{"evolve", "elmira.yaml", "--concepts", "XYZ"}, `unknown solution concept "XYZ"`},
		{[]string{"evolve", "pd.yaml"}, "the model has no status_quo; give the starting state with --from"},
		{[]string{"evolve", "-q", "--format", "svg", "--max-nodes", "3"}, "over the limit of 3"},
		{[]string{"evolve", "missing.yaml"}, "missing.yaml: cannot read the file"},
		{[]string{"evolve", "-q", "--format", "svg", "--draw", "some"}, `--draw "some": use key, targets or all`},
	} {
		check(t, "", exitBadInput, tc.args, tc.want)
	}
}

// svgGraph is what TestEvolveSVGReadable reads of an SVG drawn by Graphviz.
type svgGraph struct {
	ViewBox string     `xml:"viewBox,attr"`
	Groups  []svgGroup `xml:"g>g"`
	Texts   []string   `xml:"g>text"`
}

type svgGroup struct {
	Class   string   `xml:"class,attr"`
	Title   string   `xml:"title"`
	Texts   []string `xml:"text"`
	Inner   string   `xml:",innerxml"`
	Anchors []struct {
		Texts []string `xml:"text"`
	} `xml:"g>a"`
}

// TestEvolveSVGReadable reads the drawn SVG of the built-in example, as a
// reader of the picture would: by default only the shortest path to the
// Nash equilibrium, every step labelled with its mover and the options it
// changes, the equilibrium filled in the key colour, and a legend.
func TestEvolveSVGReadable(t *testing.T) {
	inTemp(t)
	read := func(args ...string) svgGraph {
		t.Helper()
		check(t, "", 0, append([]string{"evolve", "-q", "-f", "svg", "-o", "ev.svg"}, args...))
		data, err := os.ReadFile("ev.svg")
		if err != nil {
			t.Fatal(err)
		}
		var g svgGraph
		if err := xml.Unmarshal(data, &g); err != nil {
			t.Fatalf("ev.svg: %v", err)
		}
		return g
	}
	count := func(g svgGraph, class string) int {
		n := 0
		for _, gr := range g.Groups {
			if gr.Class == class {
				n++
			}
		}
		return n
	}
	g := read()
	if n, e := count(g, "node"), count(g, "edge"); n != 5 || e != 4 {
		t.Errorf("default diagram: %d nodes and %d edges, want the path 1 -> 65 -> 68 -> 80 -> 176 (5 and 4)", n, e)
	}
	texts := strings.Join(g.Texts, "\n")
	for _, want := range []string{"Shortest paths to the Nash equilibrium reachable from it (176)", "start (double border)", "Nash equilibrium", "RU: ru_ceasefire ru_summit", "+option: taken by the move"} {
		if !strings.Contains(texts, want) {
			t.Errorf("the legend lacks %q:\n%s", want, texts)
		}
	}
	for _, gr := range g.Groups {
		all := strings.Join(gr.Texts, " ")
		for _, a := range gr.Anchors {
			all += " " + strings.Join(a.Texts, " ")
		}
		switch gr.Class {
		case "edge":
			if !strings.Contains(all, "+") && !strings.Contains(all, "−") {
				t.Errorf("edge %s is not labelled with the options it changes: %q", gr.Title, all)
			}
		case "node":
			key := strings.Contains(gr.Inner, `fill="#4ade80"`)
			if key != (gr.Title == "s176") {
				t.Errorf("node %s drawn in the key colour: %v", gr.Title, key)
			}
		}
	}
	// Small enough to print: on an A4 page with 14 mm margins, portrait
	// (516 x 770 points) or landscape, the text keeps at least 80% of its
	// size. The four-step path runs top down to fit a portrait page.
	var x, y, w, h float64
	if _, err := fmt.Sscan(g.ViewBox, &x, &y, &w, &h); err != nil {
		t.Fatalf("viewBox %q: %v", g.ViewBox, err)
	}
	portrait, landscape := min(516/w, 770/h, 1), min(770/w, 516/h, 1)
	if portrait < 0.8 {
		t.Errorf("default diagram is %gx%g points (viewBox %q): printed at %.0f%% (portrait), %.0f%% (landscape)", w, h, g.ViewBox, 100*portrait, 100*landscape)
	}
	if n := count(read("--draw", "all"), "node"); n != 42 {
		t.Errorf("--draw all: %d nodes, want the 42 reachable states", n)
	}
	if n := count(read("--draw", "targets", "--concepts", "Nash,SEQ"), "node"); n != 10 {
		t.Errorf("--draw targets --concepts Nash,SEQ: %d nodes, want 10 (the paths 1 9 57 59, 1 9 73 75, 1 65 68 80 176)", n)
	}
}
