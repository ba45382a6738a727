package main

import (
	"os"
	"strings"
	"testing"

	"github.com/gmcr/gmcr/examples"
)

// TestStrength runs gmcr strength on the hand-derived example: the
// tableau in every format, an explanation, the status quo analysis, and
// bad input (flags, concepts, a misplaced strong statement with its file,
// line and column).
func TestStrength(t *testing.T) {
	ex, err := examples.Get("prisoners-dilemma-strength")
	if err != nil {
		t.Fatal(err)
	}
	inTemp(t)
	if err := os.WriteFile("pd.yaml", ex.Data, 0o644); err != nil {
		t.Fatal(err)
	}
	check(t, "", 0, []string{"strength", "pd.yaml"}, "GMR     strong: 4; weak: 1", "Strength: P1: 1 ranking cut; P2: 1 strong statement")
	check(t, "", 0, []string{"strength", "pd.yaml", "-f", "json"}, `"kind": "strength"`, `"weak": [`)
	check(t, "", 0, []string{"strength", "pd.yaml", "-f", "csv"}, "number,code,pattern,Nash_P1")
	check(t, "", 0, []string{"strength", "pd.yaml", "-f", "markdown"}, "| State | Code | Options | Nash | GMR | SMR | SEQ |")
	check(t, "", 0, []string{"strength", "pd.yaml", "--state", "1", "--dm", "P1", "--concept", "GMR,SEQ"},
		"GMR stability of state 1 for P1: weakly stable", "SEQ stability of state 1 for P1: weakly stable", "the sanction is mild")
	check(t, "", 0, []string{"strength", "pd.yaml", "--from", "sq"}, "steps:strong", "to state 4 by improvements:")
	check(t, "", 0, []string{"strength", "pd.yaml", "-o", "out.json", "-f", "json"})
	if b, err := os.ReadFile("out.json"); err != nil || !strings.Contains(string(b), `"strength"`) {
		t.Errorf("-o out.json: %v", err)
	}
	check(t, "", 0, []string{"convert", "pd.yaml", "--to", "gmcr", "-o", "pd.gmcr"}, "strength of preference (strong marks, ranking cuts)")
	check(t, "", exitBadInput, []string{"strength", "pd.yaml", "--state", "1", "--concept", "SIM"}, "unknown concept")
	check(t, "", exitBadInput, []string{"strength", "pd.yaml", "--dm", "P1"}, "--dm applies only with --state")
	check(t, "", exitBadInput, []string{"strength", "pd.yaml", "--state", "1", "--from", "sq"}, "not both")
	check(t, "", exitBadInput, []string{"strength", "pd.yaml", "--state", "1", "-f", "csv"}, "text, markdown or json")
	check(t, "", 0, []string{"strength", "elmira.yaml"}, "states no strength of preference")
	bad := strings.Replace(string(ex.Data), `        - "d2"`, `        - {statement: "d2", strong: maybe}`, 1)
	if err := os.WriteFile("bad.yaml", []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	check(t, "", exitBadInput, []string{"strength", "bad.yaml"}, "bad.yaml:35:37: strong must be true or false")
}
