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
