package main

import (
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/gmcr/gmcr/examples"
)

// TestGraphForm runs the commands on graph-form models: convert --graph
// keeps the equilibria; the announcement example (no options) analyses
// without SIM, explains states named by id, and refuses SIM alone.
func TestGraphForm(t *testing.T) {
	inTemp(t)
	check(t, "", 0, []string{"convert", "elmira.yaml", "--graph", "-o", "elmira-graph.yaml"})
	check(t, "", 0, []string{"convert", "elmira.yaml", "--graph", "-o", "elmira-graph.json"})
	check(t, "", exitBadInput, []string{"convert", "elmira.yaml", "--graph", "--to", "gmcr"}, "option form only")
	check(t, "", exitBadInput, []string{"convert", "elmira-graph.yaml", "--graph", "--to", "yaml"}, "already in graph form")
	_, errOut := check(t, "", exitBadInput, []string{"convert", "elmira-graph.yaml", "--to", "gmcr"}, "a GMCR+ file holds conflicts in option form only", "--to yaml or json")
	if strings.Contains(errOut, "gmcrplus:") || strings.Contains(errOut, "warning") {
		t.Errorf("convert of a graph-form model to GMCR+: %q; want one clean bad-input error", errOut)
	}
	if _, errOut = check(t, "", exitBadInput, []string{"convert", "elmira-graph.yaml", "--graph", "--to", "gmcr"}, "option form only"); strings.Contains(errOut, "warning") {
		t.Errorf("convert --graph --to gmcr: %q; want one clean bad-input error", errOut)
	}
	eq := func(file string) string {
		out, _ := check(t, "", 0, []string{"analyze", file, "-f", "json"})
		var doc struct{ Equilibria json.RawMessage }
		json.Unmarshal([]byte(out), &doc)
		return string(doc.Equilibria)
	}
	want := eq("elmira.yaml")
	for _, f := range []string{"elmira-graph.yaml", "elmira-graph.json"} {
		if got := eq(f); got != want {
			t.Errorf("%s: equilibria %s, want %s", f, got, want)
		}
	}
	ex, err := examples.Get("announcement")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile("ann.yaml", ex.Data, 0o644); err != nil {
		t.Fatal(err)
	}
	check(t, "", 0, []string{"analyze", "ann.yaml"}, "Concepts: Nash, GMR, SMR, SEQ\n", "Id ", "retaliation", "GMR   1 state: 1")
	check(t, "", 0, []string{"explain", "ann.yaml", "--state", "retaliation", "--dm", "G", "--concept", "gmr"},
		"State 3 (retaliation)", "G moves 3 -> 1 (to quiet)", "No sanction exists")
	check(t, "", exitBadInput, []string{"analyze", "ann.yaml", "--concepts", "sim"}, "SIM is not defined for a graph-form model")
	check(t, "", exitBadInput, []string{"analyze", "ann.yaml", "--dm-concepts", "G=SIM,F=Nash"}, "ann.yaml: --dm-concepts: SIM is not defined for a graph-form model")
	check(t, "", 0, []string{"evolve", "ann.yaml"}, "Start: state 1 (quiet)")
	check(t, "", 0, []string{"inverse", "ann.yaml", "--state", "announced", "--concept", "GMR"},
		"make state 2 (announced) an equilibrium", "state 2 (announced) and state 3 (retaliation)")
	check(t, "", 0, []string{"robustness", "ann.yaml", "--make-stable", "announced"},
		"State  Pattern      Nash                GMR                 SMR                 SEQ               \n",
		"\n3      retaliation    25%", "state 2 (announced)")
	check(t, "", exitBadInput, []string{"robustness", "ann.yaml", "-c", "SIM"}, "SIM is not defined for a graph-form model")
	check(t, "", 0, []string{"states", "ann.yaml"}, "announced")
}
