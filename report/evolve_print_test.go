package report_test

import (
	"bytes"
	"regexp"
	"strings"
	"testing"

	"github.com/gmcr/gmcr/evolve"
	"github.com/gmcr/gmcr/report"
)

// Every kind of state in the evolution diagram is told apart by its
// border as well as its fill, so that grey print and colour-blind readers
// lose nothing: the start double, key equilibria thick, --to states
// dashed; and the legend names the borders. A long thin diagram runs top
// down, a short one left to right.
func TestEvolutionDOTMarksWithoutColour(t *testing.T) {
	r := exampleRun(t, "ukraine-security", nil)
	// States 9 and 65 (0-based 8 and 64): one step from the status quo.
	ev := evolution(t, r, 0, evolve.Options{To: []int{8, 64}})
	d, err := ev.DiagramOf(evolve.DiagramOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := report.WriteEvolutionDOT(&b, r, ev, d); err != nil {
		t.Fatal(err)
	}
	dot := b.String()
	node := func(id string) string {
		m := regexp.MustCompile(`(?m)^  ` + id + ` \[(.*)\];$`).FindStringSubmatch(dot)
		if m == nil {
			t.Fatalf("no node %s in\n%s", id, dot)
		}
		return m[1]
	}
	for id, want := range map[string]string{"s1": "peripheries=2", "s176": "penwidth=3", "s9": `style="rounded,filled,dashed"`, "s65": `style="rounded,filled,dashed"`} {
		if !strings.Contains(node(id), want) {
			t.Errorf("node %s lacks %s: %s", id, want, node(id))
		}
	}
	for _, want := range []string{"start (double border)", "(thick border)", "state asked for with --to (dashed border)", "Security guarantees for Ukraine (August 2025)", "Evolution from state 1 (the status quo)"} {
		if !strings.Contains(dot, want) {
			t.Errorf("the legend lacks %q", want)
		}
	}
	if !strings.Contains(dot, "rankdir=TB") {
		t.Error("the four-step path with a branch of two does not run top down")
	}
	// The Prisoner's Dilemma from state 1: two steps, left to right.
	pd := exampleRun(t, "prisoners-dilemma", nil)
	pev := evolution(t, pd, 0, evolve.Options{})
	pdd, err := pev.DiagramOf(evolve.DiagramOptions{})
	if err != nil {
		t.Fatal(err)
	}
	b.Reset()
	if err := report.WriteEvolutionDOT(&b, pd, pev, pdd); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "rankdir=LR") {
		t.Error("a short diagram does not run left to right")
	}
}
