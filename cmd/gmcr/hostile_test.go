package main

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"
)

// endless is standard input that never ends (like `yes | gmcr analyze -`).
type endless struct{}

func (endless) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = 'y'
	}
	return len(p), nil
}

func TestInputSizeBounded(t *testing.T) {
	inTemp(t)
	for _, dev := range []string{"/dev/zero", "/dev/urandom"} {
		if _, err := os.Stat(dev); err != nil {
			continue
		}
		check(t, "", exitBadInput, []string{"validate", dev}, dev+": the input is larger than 64 MiB", "--max-input")
	}
	var out, errb strings.Builder
	code := runContext(context.Background(), []string{"analyze", "-"}, endless{}, &out, &errb)
	expect(t, []string{"analyze", "-"}, code, exitBadInput, out.String(), errb.String(), "<stdin>: the input is larger than 64 MiB")
	check(t, "", exitBadInput, []string{"analyze", "elmira.yaml", "--max-input", "1KiB"}, "larger than 1 KiB")
	check(t, "", 0, []string{"analyze", "elmira.yaml", "--max-input", "1MiB"})
	check(t, "", exitBadInput, []string{"analyze", "elmira.yaml", "--max-input", "12 parsecs"}, `"12 parsecs" is not a size`)
	check(t, "", exitBadInput, []string{"analyze", "elmira.yaml", "--max-input", "99999999999G"}, "too large a size")
}

func TestMaxStatesNeverDisablesTheMemoryCheck(t *testing.T) {
	inTemp(t)
	check(t, "", exitBadInput, []string{"analyze", "elmira.yaml", "--max-states", "-1"}, `"-1" is negative`, "memory check")
	check(t, "", exitBadInput, []string{"analyze", "elmira.yaml", "--max-states", "99999999999999999999"}, "too large: give at most")
	check(t, "", exitBadInput, []string{"analyze", "elmira.yaml", "--max-states", "many"}, `"many" is not a number of states`)
}

// TestMemoryLimitRefuses runs gmcr under a Go memory limit (GOMEMLIMIT,
// one of the limits it respects with cgroups and RLIMIT_AS): a model
// that needs more is refused before it is analysed, saying what it needs
// and which limit applies, whatever --max-states says.
func TestMemoryLimitRefuses(t *testing.T) {
	inTemp(t)
	check(t, "", 0, []string{"generate", "--options", "16", "--dms", "4", "--infeasible", "0", "--seed", "1", "-q", "-o", "m16.yaml"})
	check(t, "", 0, []string{"generate", "--options", "40", "--dms", "4", "--infeasible", "0", "--seed", "1", "-q", "-o", "m40.yaml"})
	env := []string{"GOMEMLIMIT=8MiB"}
	for _, args := range [][]string{
		{"analyze", "m16.yaml", "-q"},
		{"states", "m40.yaml", "-q", "--max-states", "2000000000"},
		{"validate", "m40.yaml", "-q", "--max-states", "2000000000"},
	} {
		start := time.Now()
		code, out, errOut := gmcrProcess(t, env, "", args...)
		expect(t, args, code, exitBadInput, out, errOut, "of memory, but only 8 MiB is available (the Go memory limit GOMEMLIMIT)", "raise that limit")
		if d := time.Since(start); d > 20*time.Second {
			t.Errorf("gmcr %s took %v to refuse", strings.Join(args, " "), d)
		}
	}
}

// TestFlagMessages checks the messages for odd flag values: a number too
// large for its flag, "all" with an unknown concept.
func TestFlagMessages(t *testing.T) {
	inTemp(t)
	out, errOut := check(t, "", exitBadInput, []string{"evolve", "elmira.yaml", "--paths", "99999999999999999999"},
		`invalid argument "99999999999999999999" for "--paths" flag: the number is too large`)
	if strings.Contains(out+errOut, "strconv") {
		t.Errorf("raw strconv error: %s", errOut)
	}
	check(t, "", exitBadInput, []string{"generate", "--seed", "1e3"}, `for "--seed" flag: give a whole number`)
	check(t, "", exitBadInput, []string{"analyze", "elmira.yaml", "--concepts", "all,foo"}, `unknown solution concept "foo"`)
	check(t, "", 0, []string{"analyze", "elmira.yaml", "--concepts", "all,Nash", "-q"}, "SIM")
}
