package main

import (
	"encoding/json"
	"os"
	"testing"

	"github.com/gmcr/gmcr/examples"
)

// TestInverseStatements runs `gmcr inverse --space statements` on the
// Prisoner's Dilemma: mutual cooperation is a Nash equilibrium once each
// player drops "I defect" (2 edits, 4 combinations of lists), or negates
// it; with both players fixed it is impossible, and the conflict says why.
func TestInverseStatements(t *testing.T) {
	inTemp(t)
	ex, err := examples.Get("prisoners-dilemma")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile("pd.yaml", ex.Data, 0o644); err != nil {
		t.Fatal(err)
	}
	base := []string{"inverse", "pd.yaml", "--state", "1", "--concept", "Nash", "--space", "statements"}
	check(t, "", 0, base, "2 edits of the statement lists", "4 combinations of statement lists", `drop statement 2 ("d1")`, `drop statement 2 ("d2")`, "1. not d2 (was 1)")
	check(t, "", 0, append(base, "--edits", "negate", "--keep-order", "P1:1,2"), `negate statement 2 ("d1")`, "2. not (d1) (was 2)", `P1 puts statement 1 ("not d2") before statement 2 ("d1")`)
	check(t, "", 0, append(base, "--edits", "reorder", "--add", "P1:not d1", "--add", "P2:not d2"), `add "not d1" at place 1`, "(added)")
	check(t, "", 0, append(base, "--fixed", "P1"), "None: no statement lists", "state 1 must be Nash stable for P1", "the statements of P1 are fixed")
	check(t, "", 0, append(base, "--keep", "P1:2"), "P1 keeps statement 2 (\"d1\") in its list as stated", "None")

	out, _ := check(t, "", 0, append(base, "--format", "json"))
	var doc struct {
		Space      string
		Edits      []struct{ DM, Kind, Text string }
		Statements map[string][]struct{ Text string }
		Count      int
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Space != "statements" || len(doc.Edits) != 2 || doc.Edits[0].Kind != "drop" || len(doc.Statements["P1"]) != 1 || doc.Count != 4 {
		t.Errorf("json: %+v", doc)
	}

	// gmcr robustness --make-stable with the fewest statement edits.
	check(t, "", 0, []string{"robustness", "pd.yaml", "--make-stable", "1", "--make-concept", "Nash", "--make-space", "statements"},
		"Which preference statements make state 1 (NN) an equilibrium under Nash?", "reordered, dropped or negated", "(not counted)", "2 edits of the statement lists")
	check(t, "", 3, []string{"robustness", "pd.yaml", "--make-stable", "1", "--make-space", "lists"}, "--make-space must be rankings or statements")

	check(t, "", 3, append(base, "--edits", "shuffle"), "--edits", "reorder, drop or negate")
	check(t, "", 3, append(base, "--keep", "P1:3"), "not a statement number of P1 (1..2)")
	check(t, "", 3, append(base, "--keep", "P1"), "write DM:N,M")
	check(t, "", 3, append(base, "--add", "P1:d9"), `unknown option`)
	check(t, "", 3, append(base, "--keep-order", "P1:1"), "at least two")
	check(t, "", 3, []string{"inverse", "pd.yaml", "--state", "1", "--keep", "P1:1"}, "--keep applies to --space statements only")
	check(t, "", 3, []string{"inverse", "pd.yaml", "--state", "1", "--space", "states"}, "--space must be rankings or statements")
	// A graph-form model: every DM ranks the states directly.
	ann, err := examples.Get("announcement")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile("announcement.yaml", ann.Data, 0o644); err != nil {
		t.Fatal(err)
	}
	check(t, "", 3, []string{"inverse", "announcement.yaml", "--state", "1", "--space", "statements"}, "no DM states its preferences by statements")
}
