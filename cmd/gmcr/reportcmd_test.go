package main

import (
	"os"
	"strings"
	"testing"
)

// A scenario that cannot be analysed does not stop `gmcr report`: the
// report is written with the failure in place, and the exit status (3)
// and message say which scenario failed.
func TestReportFailedScenario(t *testing.T) {
	inTemp(t)
	model := `title: Broken scenario
options:
  - id: a
  - id: b
decision_makers:
  - id: P1
    options: [a]
    preferences:
      statements: ["a"]
  - id: P2
    options: [b]
    preferences:
      statements: ["b"]
scenarios:
  - id: good
    forbid: [a]
  - id: broken
    force: [a]
    infeasible: ["a"]
`
	if err := os.WriteFile("b.yaml", []byte(model), 0o644); err != nil {
		t.Fatal(err)
	}
	check(t, "", exitBadInput, []string{"report", "b.yaml", "-o", "b.html"},
		`gmcr: 1 of 2 scenarios failed; the report, written to b.html, shows it with its error and compares the others:`,
		`gmcr: scenario "broken": b.yaml:17:5: the 2 infeasible conditions`)
	data, err := os.ReadFile("b.html")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Scenario <code>broken</code> could not be analysed", "S1 good", "</html>"} {
		if !strings.Contains(string(data), want) {
			t.Errorf("b.html lacks %q", want)
		}
	}
}
