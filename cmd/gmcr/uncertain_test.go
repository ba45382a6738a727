package main

import (
	"os"
	"strings"
	"testing"
)

// TestUncertain runs gmcr uncertain on the hand-derived case of package
// uncertain: the tableau, JSON, an explanation, and bad concept names.
func TestUncertain(t *testing.T) {
	data, err := os.ReadFile("../../uncertain/testdata/pd-unknown.yaml")
	if err != nil {
		t.Fatal(err)
	}
	inTemp(t)
	if err := os.WriteFile("pd.yaml", data, 0o644); err != nil {
		t.Fatal(err)
	}
	check(t, "", 0, []string{"uncertain", "pd.yaml"}, "GMR(c)  2 states: 1, 4", "GMR(a)  1 state: 4", "Unknown comparisons: P1: 1 unknown group; P2: none")
	check(t, "", 0, []string{"uncertain", "pd.yaml", "-f", "json"}, `"kind": "uncertain"`, `"SEQ(c)": [`)
	check(t, "", 0, []string{"uncertain", "pd.yaml", "--state", "1", "--dm", "P1", "--concept", "GMR(a),SEQ(c)"},
		"GMR(a) stability of state 1 for P1: unstable", "SEQ(c) stability of state 1 for P1: stable", "does not know how it compares")
	check(t, "", exitBadInput, []string{"uncertain", "pd.yaml", "--state", "1", "--concept", "SIM(a)"}, "unknown concept")
	check(t, "", 0, []string{"uncertain", "elmira.yaml"}, "no unknown comparisons")
}

// The note on unknown comparisons explains the columns gmcr chose; a user
// who named the concepts does not get it.
func TestUnknownNoteOnlyWithDefaultConcepts(t *testing.T) {
	inTemp(t)
	check(t, "", 0, []string{"examples", "prisoners-dilemma-unknown", "-o", "pdu.yaml"})
	const note = "(--concepts uncertain) take them into account"
	check(t, "", 0, []string{"analyze", "pdu.yaml"}, note)
	for _, c := range []string{"Nash,GMR", "all", "uncertain"} {
		_, errOut := check(t, "", 0, []string{"analyze", "pdu.yaml", "-c", c})
		if strings.Contains(errOut, note) {
			t.Errorf("analyze -c %s printed the note:\n%s", c, errOut)
		}
	}
}
