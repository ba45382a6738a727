package main

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/gmcr/gmcr/internal/mdcheck"
)

// TestMarkdownInHelp checks that every command whose --format writes text
// also offers markdown, and says so in its help: analysts writing reports
// should never find a printed report they cannot have as Markdown.
func TestMarkdownInHelp(t *testing.T) {
	root := newRootCmd(&env{ctx: context.Background(), stdin: strings.NewReader(""), stdout: io.Discard, stderr: io.Discard})
	n := 0
	for _, c := range root.Commands() {
		f := c.Flags().Lookup("format")
		if f == nil {
			continue
		}
		_, list, _ := strings.Cut(f.Usage, "output format: ")
		formats := strings.Split(list, "|")
		if !slices.Contains(formats, "text") {
			continue
		}
		n++
		if !slices.Contains(formats, "markdown") {
			t.Errorf("gmcr %s writes text but not markdown (--format %s)", c.Name(), list)
			continue
		}
		out, _ := check(t, "", 0, []string{c.Name(), "--help"})
		if !strings.Contains(out, "output format: "+list) || !strings.Contains(list, "markdown") {
			t.Errorf("gmcr %s --help does not list markdown:\n%s", c.Name(), out)
		}
	}
	if n < 12 {
		t.Errorf("only %d commands with a text format found", n)
	}
}

// mdRun runs gmcr with args and -f markdown, checks that it succeeds, that
// the document is well-formed (mdcheck) and the same on a second run, and
// returns it with its rendered text and table cells.
func mdRun(t *testing.T, args ...string) (doc, text string, cells [][][]string) {
	t.Helper()
	args = append(append([]string{}, args...), "-f", "markdown", "-q")
	out, _ := check(t, "", 0, args)
	if again, _ := check(t, "", 0, args); again != out {
		t.Errorf("gmcr %s: two runs differ", strings.Join(args, " "))
	}
	if err := mdcheck.Check(out); err != nil {
		t.Errorf("gmcr %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	text, err := mdcheck.Text(out)
	if err != nil {
		t.Fatal(err)
	}
	cells, err = mdcheck.CellTexts(out)
	if err != nil {
		t.Fatal(err)
	}
	return out, text, cells
}

// row returns the row of table k whose first cell is first, or nil.
func mdRow(cells [][][]string, k int, first string) []string {
	if k >= len(cells) {
		return nil
	}
	for _, r := range cells[k] {
		if len(r) > 0 && r[0] == first {
			return r
		}
	}
	return nil
}

var numbered = regexp.MustCompile(`^(\d+\. |- )`)

// TestMarkdownSameFacts checks that the Markdown carries every line of
// the text output, once rendered: each sentence, legend, witness step and
// note (table rows, which the two formats lay out differently, and lines
// aligned in columns are left to TestMarkdownReports).
func TestMarkdownSameFacts(t *testing.T) {
	ex := func(name string) string { return filepath.Join(repoRoot, "examples", name+".yaml") }
	pdu, pds, chicken, pd := ex("prisoners-dilemma-unknown"), ex("prisoners-dilemma-strength"), ex("chicken"), ex("prisoners-dilemma")
	for _, args := range [][]string{
		{"uncertain", pdu}, {"uncertain", pdu, "--state", "1"}, {"uncertain", ex("elmira"), "--state", "5", "--concept", "SMR(a),SEQ(d)"},
		{"strength", pds}, {"strength", pds, "--state", "1"}, {"strength", pds, "--from", "sq"},
		{"limited", chicken, "--nm"}, {"limited", pd, "--horizon", "3", "--state", "1"},
		{"inverse", pd, "--state", "1", "--concept", "Nash"}, {"inverse", pd, "--state", "1", "--concept", "GMR", "--space", "statements"},
		// --budget 0: a time budget that runs out under load would make
		// the answer, and so the two runs, differ.
		{"inverse", ex("elmira"), "--state", "1", "--concept", "SEQ", "--fixed", "MoE", "--known", "LG:7>1", "--budget", "0"},
		{"inverse", ex("elmira"), "--state", "1", "--concept", "SEQ", "--fixed", "MoE,Uniroyal", "--known", "LG:7>1", "--budget", "0"},
		{"robustness", pd}, {"robustness", pd, "--mode", "sample", "--doubt", "P2:1", "--samples", "40"},
		{"robustness", pd, "--make-stable", "1", "--make-concept", "SEQ"},
		{"compare", "--uncertain"},
	} {
		plain, _ := check(t, "", 0, append(args, "-q"))
		_, text, _ := mdRun(t, args...)
		// Markdown renders a list item without its number or dash and puts a
		// colon after a definition's name in the lists of equilibria.
		norm := func(s string) string { return strings.Join(strings.Fields(strings.ReplaceAll(s, ":", "")), " ") }
		flat := norm(text)
		n := 0
		for _, line := range strings.Split(plain, "\n") {
			line = numbered.ReplaceAllString(strings.TrimSpace(line), "")
			if line == "" || strings.Contains(line, "  ") || strings.Trim(line, "=") == "" {
				continue
			}
			n++
			if !strings.Contains(flat, norm(line)) {
				t.Errorf("gmcr %s: the Markdown lacks the text line %q", strings.Join(args, " "), line)
			}
		}
		if n < 3 {
			t.Errorf("gmcr %s: only %d lines compared", strings.Join(args, " "), n)
		}
	}
}

// TestMarkdownReports checks the Markdown of the commands that gained it
// against the results derived by hand in examples/EXPECTED.md: the right
// marks in the right table cells, the equilibria, the legends, the
// witnesses and the model's title, as the text output gives them.
func TestMarkdownReports(t *testing.T) {
	ex := func(name string) string { return filepath.Join(repoRoot, "examples", name+".yaml") }
	pdu, pds, chicken, pd := ex("prisoners-dilemma-unknown"), ex("prisoners-dilemma-strength"), ex("chicken"), ex("prisoners-dilemma")

	t.Run("uncertain", func(t *testing.T) {
		doc, text, cells := mdRun(t, "uncertain", pdu)
		if !strings.HasPrefix(doc, "# Prisoner's Dilemma with an unknown comparison: stability under preference uncertainty\n\n") {
			t.Errorf("title:\n%s", doc)
		}
		// Mutual cooperation is stable under GMR, SMR and SEQ only in
		// extensions (c) and (d); mutual defection everywhere.
		if r := mdRow(cells, 0, "1"); !slices.Equal(r, []string{"1", "0", "N N", "....", "..**", "..**", "..**"}) {
			t.Errorf("state 1 row %q", r)
		}
		if r := mdRow(cells, 0, "4"); !slices.Equal(r, []string{"4", "3", "Y Y", "****", "****", "****", "****"}) {
			t.Errorf("state 4 row %q", r)
		}
		for _, want := range []string{"Unknown comparisons: P1: 1 unknown group; P2: none", "GMR(c): 2 states: 1, 4", "SEQ(a): 1 state: 4",
			"* = equilibrium under the definition", "(c) the DM considers moves to states of unknown preference too; a sanction may end in a state of unknown preference.",
			"Li, Hipel, Kilgour & Fang (2004)"} {
			if !strings.Contains(text, want) {
				t.Errorf("lacks %q:\n%s", want, doc)
			}
		}
		_, text, _ = mdRun(t, "uncertain", pdu, "--state", "1", "--dm", "P1", "--concept", "GMR(a),SMR(c)")
		for _, want := range []string{"GMR(a) stability of state 1 for P1: unstable", "No sanction: no legal sequence of the other DMs' moves from state 2 ends in a state that deters P1.",
			"SMR(c) stability of state 1 for P1: stable", "step 1: P2 moves 2 -> 4 (takes option d2 (Player 2 defects))", "It ends at state 4; P1 does not know how it compares with state 1."} {
			if !strings.Contains(text, want) {
				t.Errorf("explanation lacks %q:\n%s", want, text)
			}
		}
	})

	t.Run("strength", func(t *testing.T) {
		doc, text, cells := mdRun(t, "strength", pds)
		// Mutual cooperation is a weak equilibrium (weakly stable for P1,
		// strongly for P2), mutual defection a strong one.
		if r := mdRow(cells, 0, "1"); !slices.Equal(r, []string{"1", "0", "N N", ".. .", "WS W", "WS W", "WS W"}) {
			t.Errorf("state 1 row %q\n%s", r, doc)
		}
		for _, want := range []string{"Strength: P1: 1 ranking cut; P2: 1 strong statement", "SEQ strong: 4; weak: 1", "Nash strong: 4; weak: none", "S = strongly stable"} {
			if !strings.Contains(text, want) {
				t.Errorf("lacks %q:\n%s", want, doc)
			}
		}
		_, text, _ = mdRun(t, "strength", pds, "--state", "1", "--dm", "P1", "--concept", "GMR")
		for _, want := range []string{"GMR stability of state 1 for P1: weakly stable", "It ends at state 4; P1 mildly prefers state 1 (mild sanction): the sanction is mild."} {
			if !strings.Contains(text, want) {
				t.Errorf("explanation lacks %q:\n%s", want, text)
			}
		}
		_, text, cells = mdRun(t, "strength", pds, "--from", "sq")
		if r := mdRow(cells, 0, "4"); !slices.Equal(r, []string{"4", "Y Y", "-", "2", "S", "S", "S", "S"}) {
			t.Errorf("status quo analysis, state 4 row %q", r)
		}
		if !strings.Contains(text, "to state 4 by improvements:") || !strings.Contains(text, "step 2: P2 moves 2 -> 4") {
			t.Errorf("status quo analysis lacks the path to state 4:\n%s", text)
		}
	})

	t.Run("limited", func(t *testing.T) {
		doc, text, cells := mdRun(t, "limited", chicken, "--nm")
		if !strings.HasPrefix(doc, "# Chicken: limited-move stability L2 and non-myopic stability NM\n") {
			t.Errorf("title:\n%s", doc)
		}
		if len(cells) != 1 || !slices.Equal(cells[0][0], []string{"State", "Code", "Options", "L2 P1", "L2 P2", "NM P1", "NM P2", "Anticipated moves (L2)"}) {
			t.Fatalf("header %q", cells)
		}
		// Both DMs stay at mutual swerving under NM, and each would move
		// from it under L2, anticipating the other's answer.
		if r := mdRow(cells, 0, "1"); len(r) != 8 || r[3] != "u" || r[5] != "s" || r[6] != "s" ||
			r[7] != "P1: P1 1->2; anticipated outcome 2 | P2: P2 1->3; anticipated outcome 3" {
			t.Errorf("state 1 row %q", r)
		}
		for _, want := range []string{"L2: none", "NM: 1 state: 1", "Tie rule (gmcr's choice)", "stable under L_h for every large enough h"} {
			if !strings.Contains(text, want) {
				t.Errorf("lacks %q:\n%s", want, doc)
			}
		}
	})

	t.Run("inverse", func(t *testing.T) {
		doc, text, _ := mdRun(t, "inverse", pd, "--state", "1", "--concept", "Nash")
		if !strings.HasPrefix(doc, "# Prisoner's Dilemma: preferences that make states equilibria (inverse GMCR)\n\n") {
			t.Errorf("title:\n%s", doc)
		}
		plain, _ := check(t, "", 0, []string{"inverse", pd, "--state", "1", "--concept", "Nash", "-q"})
		// Every sentence of the text answer is in the Markdown.
		for _, line := range strings.Split(plain, "\n") {
			if line = strings.TrimSpace(line); line != "" && !strings.Contains(text, strings.TrimSuffix(line, ":")) {
				t.Errorf("markdown lacks the text line %q:\n%s", line, doc)
			}
		}
		if !strings.Contains(doc, "## What each DM would have to want differently") {
			t.Errorf("no section for the changes:\n%s", doc)
		}
		_, text, _ = mdRun(t, "inverse", pd, "--state", "1", "--concept", "Nash", "--space", "statements")
		if !strings.Contains(text, "Which preference statements make state 1 (NN) an equilibrium under Nash?") {
			t.Errorf("statements:\n%s", text)
		}
	})

	t.Run("robustness", func(t *testing.T) {
		doc, text, cells := mdRun(t, "robustness", pd, "--make-stable", "1", "--make-concept", "Nash")
		if !strings.HasPrefix(doc, "# Prisoner's Dilemma: robustness of the equilibria\n") {
			t.Errorf("title:\n%s", doc)
		}
		if len(cells) != 1 || !slices.Equal(cells[0][0], []string{"State", "Pattern", "Nash", "GMR", "SMR", "SEQ", "SIM"}) {
			t.Fatalf("header %q", cells)
		}
		// Mutual defection (4) is the Nash equilibrium as written: starred.
		if r := mdRow(cells, 0, "4"); len(r) != 7 || !strings.HasPrefix(r[2], "*") || !strings.HasSuffix(r[2], "%]") {
			t.Errorf("state 4 row %q", r)
		}
		for _, want := range []string{"Robustness under every one-step change of one DM's preferences", "95% Wilson interval; * = equilibrium of the model as written",
			"The smallest change that destroys each equilibrium", "Nash 4: ", "Which preferences make state 1 (NN) an equilibrium under Nash?"} {
			if !strings.Contains(text, want) {
				t.Errorf("lacks %q:\n%s", want, doc)
			}
		}
		if strings.Count(doc, "\n# ") != 0 || !strings.Contains(doc, "\n## Preferences that make states equilibria (inverse GMCR)\n") {
			t.Errorf("the inverse answer is not a section of the report:\n%s", doc)
		}
	})

	t.Run("graph form", func(t *testing.T) {
		// A graph-form model's tables carry the state ids in a column of
		// their own.
		gf := ex("sanctions-transitions")
		for _, args := range [][]string{{"uncertain", gf}, {"strength", gf}, {"limited", gf}} {
			_, _, cells := mdRun(t, args...)
			if r := mdRow(cells, 0, "3"); len(r) < 4 || cells[0][0][2] != "Id" || r[2] != "complying" {
				t.Errorf("gmcr %s: state 3 row %q, header %q", args[0], r, cells[0][0])
			}
		}
	})

	t.Run("compare uncertain", func(t *testing.T) {
		_, text, cells := mdRun(t, "compare", "--uncertain")
		if len(cells) == 0 || !slices.Equal(cells[0][0], []string{"concept", "(a)", "(b)", "(c)", "(d)"}) {
			t.Fatalf("tables %q", cells)
		}
		if !strings.Contains(text, "Definitions: Nash, GMR, SMR and SEQ in the extensions (a)-(d)") {
			t.Errorf("definitions line missing:\n%s", text)
		}
	})
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// hostileModel has markup in its title, DM names and option names: a
// "|" that would split a table cell, emphasis, HTML, strikethrough, an
// entity and a heading marker.
const hostileModel = `title: "Pipe | test *bold* <b>x</b> ~~s~~ R&amp;D #"
options:
  - id: d1
    name: "P1 | defects *now*"
  - id: d2
    name: "P2 _defects_ <i>"
decision_makers:
  - id: P1
    name: "Player | One"
    options: [d1]
    preferences:
      ranking:
        - 2
        - cut: ">>"
        - 1
        - 4
        - 3
      unknown:
        - states: [1, 4]
  - id: P2
    name: "# Player *Two*"
    options: [d2]
    preferences:
      statements:
        - statement: "not d1"
          strong: true
        - "d2"
status_quo: []
`

// TestMarkdownEscapes runs every command that writes Markdown on a model
// whose names hold Markdown and HTML markup: every table keeps its
// columns, and the names read, once rendered, exactly as written.
func TestMarkdownEscapes(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "hostile.yaml")
	if err := os.WriteFile(file, []byte(hostileModel), 0o644); err != nil {
		t.Fatal(err)
	}
	title := "Pipe | test *bold* <b>x</b> ~~s~~ R&amp;D #"
	for _, args := range [][]string{
		{"analyze"}, {"analyze", "--concepts", "uncertain"}, {"states"}, {"explain", "--state", "1"}, {"explain", "--state", "1", "--concept", "NM"},
		{"evolve"}, {"evolve", "--coalitions", "--moves", "improvements"}, {"coalition"}, {"coalition", "--details"},
		{"uncertain"}, {"uncertain", "--state", "1"}, {"strength"}, {"strength", "--state", "1"}, {"strength", "--from", "sq"},
		{"limited", "--nm"}, {"inverse", "--state", "1", "--concept", "Nash"}, {"inverse", "--state", "1", "--concept", "Nash", "--space", "statements"},
		{"robustness"}, {"report"},
	} {
		doc, text, _ := mdRun(t, append(append([]string{}, args[0], file), args[1:]...)...)
		heading, _, _ := strings.Cut(text, "\n")
		if !strings.HasPrefix(heading, title) {
			t.Errorf("gmcr %s: title reads %q\n%s", args[0], heading, doc)
		}
		if strings.Contains(doc, "<b>") || strings.Contains(doc, "<i>") {
			t.Errorf("gmcr %s: raw HTML from the model reaches the document:\n%s", args[0], doc)
		}
		if args[0] == "report" && strings.Count(doc, "\n# ")+btoi(strings.HasPrefix(doc, "# ")) != 1 {
			t.Errorf("gmcr report: not one level-1 heading:\n%s", doc)
		}
		if args[0] != "inverse" && args[0] != "robustness" && !strings.Contains(text, "P1 = Player | One; P2 = # Player *Two*") {
			t.Errorf("gmcr %s: DM names do not read as written:\n%s", args[0], text)
		}
		explains := args[0] == "explain" || (args[0] == "uncertain" || args[0] == "strength") && len(args) > 1 && args[1] == "--state"
		if explains && !strings.Contains(text, "(P1 | defects *now*)") {
			t.Errorf("gmcr %s: option names do not read as written:\n%s", strings.Join(args, " "), text)
		}
	}
}
