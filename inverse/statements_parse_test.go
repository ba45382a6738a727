package inverse

import (
	"context"
	"strings"
	"testing"

	"github.com/gmcr/gmcr/stability"
)

// TestParseStatementsFlags reads the --space statements flags on the
// Prisoner's Dilemma (P1: "not d2", "d1").
func TestParseStatementsFlags(t *testing.T) {
	r := prepareExample(t, "prisoners-dilemma")
	ss := r.Space
	if e, err := ParseEdits("reorder, NEGATE"); err != nil || e != (Edits{Reorder: true, Negate: true}) {
		t.Errorf("ParseEdits: %+v %v", e, err)
	}
	if _, err := ParseEdits("reorder,swap"); err == nil || !strings.Contains(err.Error(), `"swap"`) {
		t.Errorf("ParseEdits accepted swap: %v", err)
	}
	var sp StatementProblem
	c, err := ParseCandidate(ss, "P1: not d1 & not d2")
	if err != nil || c.DM != 0 || c.Text != "not d1 & not d2" {
		t.Fatalf("ParseCandidate: %+v %v", c, err)
	}
	sp.Candidates = append(sp.Candidates, c)
	if err := sp.AddKeepOrder(ss, "P1:3,1,2"); err != nil {
		t.Fatal(err)
	}
	want := [][2]int{{0, 1}, {0, 2}, {1, 2}}
	if len(sp.Order) != 3 {
		t.Fatalf("order pairs %v", sp.Order)
	}
	for k, o := range sp.Order {
		if o[0].Index != want[k][0] || o[1].Index != want[k][1] || o[0].DM != 0 {
			t.Errorf("pair %d: %v, want %v", k, o, want[k])
		}
	}
	if err := sp.AddKeep(ss, "P2:2"); err != nil || len(sp.Keep) != 1 || sp.Keep[0] != (StatementRef{DM: 1, Index: 1}) {
		t.Errorf("AddKeep: %v %v", sp.Keep, err)
	}
	for _, bad := range []string{"P1", "P1:4", "P1:x", "P9:1"} {
		if err := sp.AddKeep(ss, bad); err == nil {
			t.Errorf("AddKeep(%q) accepted", bad)
		}
	}
	if err := sp.AddKeepOrder(ss, "P1:1"); err == nil {
		t.Error("AddKeepOrder accepted one statement")
	}
	for _, bad := range []string{"d1", "P1:d9", "P1:d1 &"} {
		if _, err := ParseCandidate(ss, bad); err == nil {
			t.Errorf("ParseCandidate(%q) accepted", bad)
		}
	}
}

// TestSolveStatementsCancelled checks that a cancelled context stops the
// question with the context's error.
func TestSolveStatementsCancelled(t *testing.T) {
	r := prepareExample(t, "ukraine-security")
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	sp := StatementProblem{Problem: Problem{Concept: stability.SEQ, Targets: []int{127}}, Edits: Edits{Reorder: true}}
	if _, err := SolveStatements(ctx, r.Space, r.Prefs, sp); err != context.Canceled {
		t.Errorf("cancelled: %v", err)
	}
}
