package main

import (
	"encoding/json"
	"testing"
)

// TestLimited runs gmcr limited on the Prisoner's Dilemma (hand-derived in
// package limitedmove), the graph-form announcement game, and a
// three-DM model, which is refused.
func TestLimited(t *testing.T) {
	inTemp(t)
	check(t, "", 0, []string{"examples", "prisoners-dilemma", "-o", "pd.yaml"})
	check(t, "", 0, []string{"limited", "pd.yaml", "--horizon", "2", "--nm"}, "L2   2 states: 1, 4", "NM   2 states: 1, 4", "P2: P2 2->4; anticipated outcome 4")
	out, _ := check(t, "", 0, []string{"limited", "pd.yaml", "--horizon", "1", "-f", "json"})
	var doc struct {
		Equilibria map[string][]int
		States     []struct{ Stable map[string]bool }
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil || len(doc.States) != 4 || len(doc.Equilibria["L1"]) != 1 || doc.Equilibria["L1"][0] != 4 {
		t.Errorf("JSON: %v\n%s", err, out)
	}
	check(t, "", 0, []string{"examples", "announcement", "-o", "ann.yaml"})
	check(t, "", 0, []string{"limited", "ann.yaml", "--horizon", "3", "--state", "announced"}, "F: F 2->3, G 3->1; anticipated outcome 1")
	check(t, "", exitBadInput, []string{"limited", "elmira.yaml"}, "defined for conflicts with two decision makers", "this model has 3 decision makers")
	check(t, "", exitBadInput, []string{"limited", "pd.yaml", "--horizon", "0"}, "--horizon must be at least 1")
}
