package main

import (
	"os"
	"strings"
	"testing"
)

// Flag values at the edges get a clear message and exit 3 (bad input):
// a negative --timeout or --workers, a port beyond 65535, a duration too
// large to hold, a horizon of 0 in --concepts, --paper without a PDF;
// an option forced twice is forced once.
func TestFlagEdges(t *testing.T) {
	inTemp(t)
	if err := os.WriteFile("strike.yaml", []byte(strikeModel), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"serve", "strike.yaml", "--timeout", "-1s"}, "--timeout must be a positive duration"},
		{[]string{"serve", "strike.yaml", "--addr", "127.0.0.1:99999"}, "the port must be a number from 0 (a free port) to 65535"},
		{[]string{"robustness", "strike.yaml", "--workers", "-1"}, "--workers must be 0 (one per core) or more, got -1"},
		{[]string{"inverse", "strike.yaml", "--state", "1", "--budget", "1h1000000000h"}, "--budget 1h1000000000h is too large"},
		{[]string{"analyze", "strike.yaml", "--concepts", "l0"}, `solution concept "l0": the horizon h must be at least 1 and at most 1000, got 0`},
		{[]string{"report", "strike.yaml", "-f", "markdown", "--paper", "letter"}, "--paper applies to --format pdf, not markdown"},
		{[]string{"report", "strike.yaml", "--paper", "a4", "-o", "r.html"}, "--paper applies to --format pdf, not html"},
	} {
		_, errOut := check(t, "", exitBadInput, c.args, c.want)
		if strings.Contains(errOut, "takes a duration with a unit") || strings.Contains(errOut, "unknown solution concept") {
			t.Errorf("%v: misleading message: %s", c.args, errOut)
		}
	}
	if _, err := os.Stat("r.html"); err == nil {
		t.Errorf("report refused for --paper still wrote r.html")
	}
	out, errOut := check(t, "", 0, []string{"analyze", "strike.yaml", "--force", "strike", "--force", "strike,strike"})
	if strings.Contains(out+errOut, "strike, strike") || !strings.Contains(out+errOut, "force strike") {
		t.Errorf("--force strike twice:\n%s\n%s", out, errOut)
	}
}
