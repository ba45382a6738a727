package main

import (
	"strings"
	"testing"
)

// An empty -o or -c (a shell variable that was never set) is bad input, not
// standard output or every concept.
func TestEmptyOutputAndConceptsFlags(t *testing.T) {
	inTemp(t)
	for _, tc := range []struct {
		args []string
		want []string
	}{
		{[]string{"analyze", "elmira.yaml", "-o", ""}, []string{`"-o, --output"`, "name a file", "-o -"}},
		{[]string{"analyze", "elmira.yaml", "--output="}, []string{`"-o, --output"`, "name a file"}},
		{[]string{"states", "elmira.yaml", "-o", " "}, []string{`"-o, --output"`}},
		{[]string{"analyze", "elmira.yaml", "-c", ""}, []string{`"-c, --concepts"`, "Nash,GMR", "or all"}},
		{[]string{"analyze", "elmira.yaml", "--concepts", ""}, []string{`"-c, --concepts"`}},
		{[]string{"evolve", "elmira.yaml", "--concepts="}, []string{`"-c, --concepts"`}},
		{[]string{"explain", "elmira.yaml", "--state", "1", "--concept", ""}, []string{`"-c, --concept"`}},
		{[]string{"explain", "elmira.yaml", "--state", "1", "--concepts", ""}, []string{`"--concepts"`}},
		{[]string{"coalition", "elmira.yaml", "-c", ""}, []string{`"-c, --concepts"`}},
		// An empty --state is not "every state".
		{[]string{"coalition", "elmira.yaml", "--state", ""}, []string{`"-s, --state"`, "leave --state out"}},
		{[]string{"strength", "elmira.yaml", "--state="}, []string{`"--state"`}},
		{[]string{"uncertain", "elmira.yaml", "--state", " "}, []string{`"--state"`}},
		{[]string{"limited", "elmira.yaml", "--state", ""}, []string{`"--state"`}},
	} {
		code, out, errOut := gmcr(t, "", tc.args...)
		expect(t, tc.args, code, exitBadInput, out, errOut, tc.want...)
		if out != "" {
			t.Errorf("gmcr %s: wrote %d bytes to standard output", strings.Join(tc.args, " "), len(out))
		}
	}
	// The defaults and "-" still work.
	check(t, "", 0, []string{"analyze", "elmira.yaml", "-o", "-", "-c", "Nash"}, "Nash")
}

// An empty what-if flag is bad input naming the flag, not "no what-if";
// a what-if that moves the status quo says so.
func TestEmptyWhatIfFlags(t *testing.T) {
	inTemp(t)
	for _, tc := range []struct {
		args []string
		want []string
	}{
		{[]string{"analyze", "elmira.yaml", "--force", ""}, []string{`"--force"`, "names no option"}},
		{[]string{"analyze", "elmira.yaml", "--forbid", ","}, []string{`"--forbid"`, "names no option"}},
		{[]string{"analyze", "elmira.yaml", "--set-status-quo", ""}, []string{`"--set-status-quo"`, "state number"}},
		{[]string{"evolve", "elmira.yaml", "--set-status-quo="}, []string{`"--set-status-quo"`}},
	} {
		code, out, errOut := gmcr(t, "", tc.args...)
		expect(t, tc.args, code, exitBadInput, out, errOut, tc.want...)
	}
	_, errOut := check(t, "", 0, []string{"analyze", "elmira.yaml", "--force", " delay, ,modify"}, "what-if: force delay, modify")
	if !strings.Contains(errOut, "the status quo moves: modify now taken") {
		t.Errorf("--force delay,modify: no note that the status quo moves:\n%s", errOut)
	}
}
