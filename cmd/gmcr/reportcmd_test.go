package main

import (
	"io"
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
		`gmcr: scenario "broken": b.yaml:18:13: the 2 infeasible conditions`)
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

// gmcr compare, like gmcr report, compares the scenarios that work,
// shows the broken one in place with its error, and exits with status 3
// naming it; the JSON output follows the schema (checked in report).
func TestCompareFailedScenario(t *testing.T) {
	inTemp(t)
	model := `title: Broken scenario
options: [{id: a}, {id: b}]
decision_makers:
  - id: P1
    options: [a]
    preferences: {statements: ["a"]}
  - id: P2
    options: [b]
    preferences: {statements: ["b"]}
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
	out, _ := check(t, "", exitBadInput, []string{"compare", "b.yaml"},
		`gmcr: 1 of 2 scenarios failed; the comparison, written to standard output, shows it with its error and compares the others:`,
		`gmcr: scenario "broken": b.yaml:14:13: the 2 infeasible conditions`)
	for _, want := range []string{"  S1 good\n", "  S2 broken\n", "Could not be analysed", "Options  Base  S1\n"} {
		if !strings.Contains(out, want) {
			t.Errorf("the comparison lacks %q:\n%s", want, out)
		}
	}
	check(t, "", exitBadInput, []string{"compare", "b.yaml", "-f", "json", "-o", "b.json"}, "written to b.json")
	data, err := os.ReadFile("b.json")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), `"error": "b.yaml:14:13: `) || !strings.Contains(string(data), `"id": "good"`) {
		t.Errorf("b.json lacks the failed scenario's error or the good scenario:\n%s", data)
	}
	// Only the good scenario asked for: no failure.
	check(t, "", 0, []string{"compare", "b.yaml", "--scenario", "good"}, "S1 good")
}

// --dm takes a DM whose name has a comma, or whose id is all, by the
// whole value, in every command taking it; the loader warns about "all".
func TestDMFlagWholeValue(t *testing.T) {
	inTemp(t)
	model := `title: DM names
options: [{id: a}, {id: b}, {id: c}]
decision_makers:
  - id: MOE
    name: Ministry of Environment, Ontario
    options: [a]
    preferences: {statements: [a]}
  - id: all
    options: [b]
    preferences: {statements: [b]}
  - id: US
    options: [c]
    preferences: {statements: [c]}
`
	if err := os.WriteFile("n.yaml", []byte(model), 0o644); err != nil {
		t.Fatal(err)
	}
	_, errOut := check(t, "", 0, []string{"explain", "n.yaml", "--state", "1", "--dm", "Ministry of Environment, Ontario", "-c", "Nash"}, "Nash stability of state 1 for MOE")
	if !strings.Contains(errOut, `gmcr: warning: n.yaml:8:9: the id "all" of decision maker "all" is also the word for every decision maker`) {
		t.Errorf("no warning about the DM called all: %q", errOut)
	}
	out, _ := check(t, "", 0, []string{"explain", "n.yaml", "--state", "1", "--dm", "all", "-c", "Nash", "-q"}, "Nash stability of state 1 for all")
	if strings.Contains(out, "for MOE") || strings.Contains(out, "for US") {
		t.Errorf("--dm all explained other DMs:\n%s", out)
	}
	check(t, "", 0, []string{"explain", "n.yaml", "--state", "1", "-c", "Nash", "-q"}, "for MOE", "for all", "for US")
	check(t, "", 0, []string{"uncertain", "n.yaml", "--state", "1", "--dm", "Ministry of Environment, Ontario", "-q"}, "MOE")
	check(t, "", exitBadInput, []string{"explain", "n.yaml", "--state", "1", "--dm", "Ministry of Environment, Ontario,US", "-q"},
		`give it alone, or in a list by its id MOE or number 1`)
	check(t, "", 0, []string{"inverse", "n.yaml", "--state", "1", "--fixed", "Ministry of Environment, Ontario", "-q"})
}

// On a terminal, gmcr report without -o refuses (exit 3) with a hint to
// use -o, writing nothing; -o - writes there anyway, and a pipe (the
// tests' buffer, not a terminal) gets the HTML as before.
func TestReportNotToTerminal(t *testing.T) {
	inTemp(t)
	piped, _ := check(t, "", 0, []string{"report", "elmira.yaml", "-q"})
	if !strings.Contains(piped, "<html") {
		t.Errorf("report to a pipe: no HTML:\n%.200s", piped)
	}
	old := isTerminal
	isTerminal = func(io.Writer) bool { return true }
	defer func() { isTerminal = old }()
	out, _ := check(t, "", exitBadInput, []string{"report", "elmira.yaml", "-q"}, "add -o report.html", "pipe or redirect")
	if out != "" {
		t.Errorf("report wrote to the terminal while refusing:\n%.200s", out)
	}
	forced, _ := check(t, "", 0, []string{"report", "elmira.yaml", "-q", "-o", "-"})
	if !strings.Contains(forced, "<html") {
		t.Errorf("report -o - on a terminal: no HTML:\n%.200s", forced)
	}
}

// gmcr report, which leaves failed scenarios out of its tables, numbers
// the others by their place in the model as gmcr compare does; when every
// scenario fails, the message does not speak of comparing "the others".
func TestReportScenarioNumbers(t *testing.T) {
	inTemp(t)
	model := `title: Numbers
options: [{id: a}, {id: b}]
decision_makers:
  - {id: P1, options: [a], preferences: {statements: ["a"]}}
  - {id: P2, options: [b], preferences: {statements: ["b"]}}
scenarios:
  - {id: broken, force: [a], infeasible: ["a"]}
  - {id: good, forbid: [a]}
`
	if err := os.WriteFile("n.yaml", []byte(model), 0o644); err != nil {
		t.Fatal(err)
	}
	out, _ := check(t, "", exitBadInput, []string{"report", "n.yaml", "-f", "markdown"})
	if !strings.Contains(out, "- **S2** good") || strings.Contains(out, "**S1** good") {
		t.Errorf("the report does not call scenario good S2:\n%s", out)
	}
	out, _ = check(t, "", exitBadInput, []string{"compare", "n.yaml"})
	if !strings.Contains(out, "  S2 good\n") {
		t.Errorf("the comparison does not call scenario good S2:\n%s", out)
	}
	check(t, "", exitBadInput, []string{"compare", "n.yaml", "--scenario", "broken"},
		`gmcr: the only scenario failed; the comparison, written to standard output, shows it with its error and has no other scenario to compare:`)
	_, errOut := check(t, "", exitBadInput, []string{"report", "n.yaml", "--scenario", "broken", "-f", "markdown"})
	if strings.Contains(errOut, "the others") {
		t.Errorf("report with only a failed scenario speaks of the others:\n%s", errOut)
	}
}
