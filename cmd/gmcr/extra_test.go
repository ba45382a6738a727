package main

import (
	"encoding/json"
	"os"
	"slices"
	"strings"
	"testing"
)

// pdUnknownStep is the Prisoner's Dilemma where P1 does not know whether
// defecting alone from mutual cooperation (state 1 -> 2) is better: its
// only unknown comparison is between two states it moves between.
const pdUnknownStep = `title: PD with an unknown step
options:
  - id: d1
  - id: d2
decision_makers:
  - id: P1
    options: [d1]
    preferences:
      ranking: [2, 1, 4, 3]
      unknown:
        - states: [1, 2]
  - id: P2
    options: [d2]
    preferences:
      ranking: [3, 1, 4, 2]
status_quo:
  taken: []
`

// TestAnalyzeExtra runs analyze, explain and evolve with the richer
// concepts on the Prisoner's Dilemma with an unknown comparison (values
// derived by hand in examples/EXPECTED.md) and checks the real values.
func TestAnalyzeExtra(t *testing.T) {
	inTemp(t)
	check(t, "", 0, []string{"examples", "prisoners-dilemma-unknown", "-o", "pdu.yaml"})
	check(t, "", 0, []string{"examples", "prisoners-dilemma", "-o", "pd.yaml"})
	// all adds the sixteen definitions on a model with unknown comparisons.
	out, errOut := check(t, "", 0, []string{"analyze", "pdu.yaml"}, "GMR(a)   1 state: 4", "GMR(c)   2 states: 1, 4", "SEQ(d)   2 states: 1, 4", "X(a)..X(d) = concept X under unknown preferences")
	if strings.Contains(out, "L2") || !strings.Contains(errOut, "Nash(a)..SEQ(d)") {
		t.Errorf("analyze pdu.yaml:\n%s\n%s", out, errOut)
	}
	// ... but not on one without; Lh and NM only when named.
	out, _ = check(t, "", 0, []string{"analyze", "pd.yaml"})
	if strings.Contains(out, "GMR(a)") || strings.Contains(out, "NM") {
		t.Errorf("analyze pd.yaml shows extra concepts:\n%s", out)
	}
	check(t, "", 0, []string{"analyze", "pd.yaml", "--concepts", "Nash,l1,l3,nm", "--layout", "rows"}, "L1", "L3", "NM", "L3    2 states: 1, 4", "NM    2 states: 1, 4", "Nash  1 state: 4", "L1    1 state: 4")
	check(t, "", 0, []string{"analyze", "pd.yaml", "--concepts", "GMR", "--horizon", "4"}, "L4   2 states: 1, 4")
	// JSON and CSV.
	out, _ = check(t, "", 0, []string{"analyze", "pdu.yaml", "--concepts", "gmr-a,gmr-c,nm", "-f", "json"})
	var doc struct {
		Concepts   []string         `json:"concepts"`
		Equilibria map[string][]int `json:"equilibria"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(doc.Concepts, []string{"GMR(a)", "GMR(c)", "NM"}) || !slices.Equal(doc.Equilibria["GMR(a)"], []int{4}) || !slices.Equal(doc.Equilibria["GMR(c)"], []int{1, 4}) {
		t.Errorf("json: %+v", doc)
	}
	check(t, "", 0, []string{"analyze", "pdu.yaml", "--concepts", "seq-b", "-f", "csv"}, "stable_SEQ_b_P1,stable_SEQ_b_P2,eq_SEQ_b\n", "\n1,0,NN,N,N,2,2,0,1,0\n")
	// Refusals.
	check(t, "", exitBadInput, []string{"analyze", "elmira.yaml", "--concepts", "l2"}, "two decision makers", "3 decision makers")
	check(t, "", exitBadInput, []string{"analyze", "pd.yaml", "--concepts", "gmr-x"}, "unknown solution concept", "gmr-a .. seq-d")
	check(t, "", exitBadInput, []string{"analyze", "pd.yaml", "--horizon", "0"}, "--horizon must be at least 1")
	// Explanations.
	check(t, "", 0, []string{"explain", "pdu.yaml", "--state", "1", "--dm", "P1", "--concept", "gmr-a,gmr-c,l3"},
		"GMR(a) stability of state 1 for P1", "No sanction", "state 1 is unstable for P1 under GMR(a)",
		"It ends at state 4, rank 3; P1 does not know how it compares with state 1.", "state 1 is stable for P1 under GMR(c)",
		"L3 stability of state 1 for P1", "Anticipated outcome: state 4, rank 3; P1 prefers state 1 to it.")
	out, _ = check(t, "", 0, []string{"explain", "pdu.yaml", "--state", "3", "--dm", "P1", "--concept", "l2", "-f", "json"}, `"extra_explanations"`, `"chosen": true`)
	if strings.Contains(out, `"explanations": [
    {`) {
		t.Errorf("explain --concept l2 wrote standard explanations:\n%s", out)
	}
	// Status quo analysis: from state 1, P1's defection (1 -> 2) is of
	// unknown preference to it: only credible moves take it.
	if err := os.WriteFile("step.yaml", []byte(pdUnknownStep), 0o644); err != nil {
		t.Fatal(err)
	}
	out, errOut = check(t, "", 0, []string{"evolve", "step.yaml", "--to", "2"}, "unilateral improvements of any DM whose comparison it knows", "State 2 (requested with --to; no equilibrium) is not reachable from state 1 by known unilateral improvements.")
	if !strings.Contains(errOut, "--moves known") {
		t.Errorf("no note on the default steps: %s", errOut)
	}
	check(t, "", 0, []string{"evolve", "step.yaml", "--to", "2", "--moves", "credible"},
		"P1 moves 1 -> 2: takes option d1; P1's rank 2 -> 1 (a move of unknown preference for P1)", "State 2 (requested with --to; no equilibrium) is reachable in 1 step")
	check(t, "", 0, []string{"evolve", "step.yaml", "--to", "2", "--moves", "improvements"}, "State 2 (requested with --to; no equilibrium) is reachable in 1 step")
	check(t, "", 0, []string{"evolve", "step.yaml", "--moves", "credible", "-f", "json"}, `"steps": "credible"`, `"unknown": true`)
	check(t, "", exitBadInput, []string{"evolve", "step.yaml", "--coalitions"}, "not defined under unknown preferences")
	check(t, "", exitBadInput, []string{"evolve", "step.yaml", "--moves", "sideways"}, "use known, credible or improvements")
}
