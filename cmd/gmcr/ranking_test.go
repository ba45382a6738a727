package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestRankingsByPattern: a GMCR+ ranking converted to YAML names its
// states by Y/N pattern, so adding an option or a constraint later cannot
// silently change its meaning; the converted model analyses as the GMCR+
// file does. A numeric ranking that records another numbering is warned
// about.
func TestRankingsByPattern(t *testing.T) {
	src, err := filepath.Abs("../../gmcrplus/testdata/ranking.gmcr")
	if err != nil {
		t.Fatal(err)
	}
	inTemp(t)
	check(t, "", 0, []string{"convert", src, "--to", "yaml", "-o", "r.yaml", "-q"})
	data, err := os.ReadFile("r.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), `- "Y NN"`) || strings.Contains(string(data), "ranking: [") {
		t.Errorf("converted rankings are not by pattern:\n%s", data)
	}
	a, _ := check(t, "", 0, []string{"analyze", src, "-q", "-f", "json"})
	b, _ := check(t, "", 0, []string{"analyze", "r.yaml", "-q", "-f", "json"})
	if equilibriaJSON(t, a) != equilibriaJSON(t, b) {
		t.Errorf("converted model: equilibria %s, GMCR+ file %s", equilibriaJSON(t, b), equilibriaJSON(t, a))
	}
	// The same model with a numeric ranking that says it was written for
	// 8 states: a warning, and the analysis still runs.
	num := strings.Replace(string(data), "name: Government\n    options: [build_dam]\n    preferences:\n      ranking:\n        - \"Y NN\"\n        - [\"N NN\", \"Y NY\"]\n        - \"Y YN\"\n        - [\"N YN\", \"N NY\"]",
		"name: Government\n    options: [build_dam]\n    preferences:\n      ranking: [2, [1, 6], 4, [3, 5]]\n      numbering: {states: 8, options: [build_dam, protest, sue]}", 1)
	if num == string(data) {
		t.Fatalf("test input not edited:\n%s", data)
	}
	if err := os.WriteFile("n.yaml", []byte(num), 0o644); err != nil {
		t.Fatal(err)
	}
	check(t, "", 0, []string{"analyze", "n.yaml", "-c", "Nash"}, "warning: n.yaml:", "the ranking of decision maker government was written for another state space (8 feasible states, now 6)")
}
