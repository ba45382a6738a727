package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/spf13/pflag"
)

// strikeModel is a small conflict whose robustness report has an
// equilibrium destroyed by exactly one one-step change.
const strikeModel = `title: Strike
options:
  - {id: strike, name: Union strikes}
  - {id: raise, name: Firm raises wages}
  - {id: lockout, name: Firm locks out, reversibility: forward}
decision_makers:
  - id: U
    name: Union
    options: [strike]
    preferences:
      statements: ["raise", "not lockout", "strike IF not raise"]
  - id: F
    name: Firm
    options: [raise, lockout]
    preferences:
      statements: ["not strike", "not raise", "not lockout"]
feasibility:
  mutually_exclusive: [[raise, lockout]]
status_quo: {taken: []}
`

// Values that mean nothing (a negative budget, count or row limit,
// --dm/--concept without --state, sampling with nothing uncertain) are
// bad input saying what to write, not silently accepted.
func TestOddValuesRefused(t *testing.T) {
	inTemp(t)
	if err := os.WriteFile("strike.yaml", []byte(strikeModel), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		args []string
		want []string
	}{
		{[]string{"inverse", "strike.yaml", "--state", "1", "--budget", "-1s"}, []string{"--budget", "0 for no limit"}},
		{[]string{"coalition", "elmira.yaml", "--details", "--max-moves", "-5"}, []string{"--max-moves", "0 (every move)"}},
		{[]string{"robustness", "strike.yaml", "--top", "-1"}, []string{"--top", "0 (every row)"}},
		{[]string{"uncertain", "strike.yaml", "--concept", "bogus"}, []string{"--concept applies only with --state"}},
		{[]string{"uncertain", "strike.yaml", "--dm", "ZZZ"}, []string{"--dm applies only with --state"}},
		{[]string{"robustness", "strike.yaml", "--mode", "sample", "--samples", "5"}, []string{"needs something uncertain", "--reorder", "--doubt"}},
	} {
		code, out, errOut := gmcr(t, "", tc.args...)
		expect(t, tc.args, code, exitBadInput, out, errOut, tc.want...)
	}
	check(t, "", 0, []string{"robustness", "strike.yaml", "--mode", "sample", "--samples", "5", "--doubt", "U:3"})
}

// The robustness and inverse texts read as English: "1 one-step change
// destroys it", a target named twice asked about once, a weak known
// preference "likes state A at least as much as state B".
func TestRobustnessAndInverseWording(t *testing.T) {
	inTemp(t)
	if err := os.WriteFile("strike.yaml", []byte(strikeModel), 0o644); err != nil {
		t.Fatal(err)
	}
	out, _ := check(t, "", 0, []string{"robustness", "strike.yaml"}, "Nash 6: 1 one-step change destroys it", "Nash 2: 3 one-step changes destroy it")
	if strings.Contains(out, "1 one-step changes") {
		t.Errorf("robustness: plural after 1:\n%s", out)
	}
	check(t, "", 0, []string{"inverse", "strike.yaml", "--state", "1,1,sq", "--concept", "Nash"}, "Which preferences make state 1 (NNN) an equilibrium under Nash?")
	check(t, "", 0, []string{"inverse", "strike.yaml", "--state", "1,2", "--concept", "Nash"}, "Which preferences make states 1 (NNN) and 2 (YNN) equilibria under Nash?")
	check(t, "", 0, []string{"inverse", "strike.yaml", "--state", "1", "--concept", "Nash", "--fixed", "U,F", "--known", "U:1>=2"}, "U likes state 1 at least as much as state 2")
}

// A duration flag without a unit ("--budget 5") or not a duration at all
// gets gmcr's message with an example and what 0 means, exit 3, for every
// duration flag of every command.
func TestDurationFlagsExplained(t *testing.T) {
	inTemp(t)
	if err := os.WriteFile("strike.yaml", []byte(strikeModel), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, v := range []string{"5", "abc"} {
		code, out, errOut := gmcr(t, "", "inverse", "strike.yaml", "--state", "1", "--budget", v)
		expect(t, []string{"--budget", v}, code, exitBadInput, out, errOut, "--budget takes a duration with a unit, such as --budget 10s", "0 means no time limit")
		if strings.Contains(errOut, "time: ") {
			t.Errorf("--budget %s: raw Go error: %s", v, errOut)
		}
	}
	root := newRootCmd(&env{ctx: context.Background(), stdin: strings.NewReader(""), stdout: io.Discard, stderr: io.Discard})
	n := 0
	for _, c := range root.Commands() {
		c.Flags().VisitAll(func(f *pflag.Flag) {
			if f.Value.Type() != "duration" {
				return
			}
			n++
			if durationZero[f.Name] == "" {
				t.Errorf("%s --%s: no entry in durationZero", c.Name(), f.Name)
			}
			args := []string{c.Name(), "--" + f.Name, "5"}
			code, out, errOut := gmcr(t, "", args...)
			expect(t, args, code, exitBadInput, out, errOut, "--"+f.Name+" takes a duration with a unit", durationZero[f.Name])
		})
	}
	if n < 2 {
		t.Errorf("found %d duration flags, want at least 2 (inverse --budget, serve --timeout)", n)
	}
}

// Robustness's text table writes state patterns grouped by DM ("Y NN"), as
// every other table does; its JSON keeps the documented ungrouped form.
func TestRobustnessPatternsGrouped(t *testing.T) {
	inTemp(t)
	if err := os.WriteFile("strike.yaml", []byte(strikeModel), 0o644); err != nil {
		t.Fatal(err)
	}
	out, _ := check(t, "", 0, []string{"robustness", "strike.yaml", "-q"})
	js, _ := check(t, "", 0, []string{"robustness", "strike.yaml", "-q", "-f", "json"})
	var doc struct {
		States []struct {
			State   int    `json:"state"`
			Pattern string `json:"pattern"`
		} `json:"states"`
	}
	if err := json.Unmarshal([]byte(js), &doc); err != nil || len(doc.States) == 0 {
		t.Fatalf("robustness JSON: %v\n%s", err, js)
	}
	lines := strings.Split(out, "\n")
	for _, st := range doc.States {
		// U controls the first option, F the other two.
		if len(st.Pattern) != 3 || strings.Contains(st.Pattern, " ") {
			t.Errorf("JSON pattern of state %d is %q, want 3 letters ungrouped", st.State, st.Pattern)
			continue
		}
		want := fmt.Sprintf("%-6d %s ", st.State, st.Pattern[:1]+" "+st.Pattern[1:])
		if !slices.ContainsFunc(lines, func(l string) bool { return strings.HasPrefix(l, want) }) {
			t.Errorf("no text row starting %q:\n%s", want, out)
		}
	}
}
