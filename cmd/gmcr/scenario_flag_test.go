package main

import (
	"context"
	"encoding/json"
	"io"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestScenarioFlag checks that every command analysing one model takes
// --scenario: the built-in example's russia_excluded scenario forbids one
// option, leaving 144 of the 288 states.
func TestScenarioFlag(t *testing.T) {
	for _, args := range [][]string{
		{"states", "--scenario", "russia_excluded"},
		{"analyze", "--scenario", "russia_excluded", "--concepts", "Nash"},
		{"explain", "--scenario", "russia_excluded", "--state", "sq", "--dm", "US", "--concept", "Nash"},
		{"evolve", "--scenario", "russia_excluded"},
		{"coalition", "--scenario", "russia_excluded", "--coalition", "US,CO", "--concepts", "Nash"},
	} {
		check(t, "", 0, args, "144 feasible states")
	}
	check(t, "", exitBadInput, []string{"explain", "--scenario", "nope", "--state", "1"}, `unknown scenario "nope"`)
}

// TestWhatIfFlags checks that every command marked as taking what-ifs
// takes --force, --forbid and --set-status-quo, and means by them what the
// built-in example's scenarios mean.
func TestWhatIfFlags(t *testing.T) {
	for _, args := range [][]string{
		{"states", "--forbid", "us_include_russia"},
		{"analyze", "--forbid", "us_include_russia", "--concepts", "Nash"},
		{"explain", "--forbid", "us_include_russia", "--state", "sq", "--dm", "US", "--concept", "Nash"},
		{"evolve", "--forbid", "us_include_russia"},
		{"coalition", "--forbid", "us_include_russia", "--coalition", "US,CO", "--concepts", "Nash"},
	} {
		check(t, "", 0, args, "144 feasible states", "what-if: forbid us_include_russia")
	}
	// Forcing us_include_russia is the russia_at_table scenario.
	a, _ := check(t, "", 0, []string{"analyze", "--force", "us_include_russia", "-q", "--format", "json"})
	b, _ := check(t, "", 0, []string{"analyze", "--scenario", "russia_at_table", "-q", "--format", "json"})
	if equilibriaJSON(t, a) != equilibriaJSON(t, b) {
		t.Errorf("--force us_include_russia: equilibria %s, scenario russia_at_table %s", equilibriaJSON(t, a), equilibriaJSON(t, b))
	}
	// A new status quo: evolve from the Nash equilibrium reaches nothing.
	check(t, "", 0, []string{"evolve", "--set-status-quo", "176"}, "status quo: state 176")
	check(t, "", 0, []string{"explain", "--set-status-quo", "YY YY NYY YN", "--state", "sq", "--dm", "RU", "--concept", "Nash"}, "state 176 is stable for RU under Nash")
	// With --scenario, --set-status-quo numbers the scenario's states.
	check(t, "", 0, []string{"evolve", "--scenario", "russia_excluded", "--set-status-quo", "144"}, "status quo: state 144")
	// compare sets the what-if beside the model.
	check(t, "", 0, []string{"compare", "--forbid", "us_troops", "--concepts", "Nash"}, "what_if", "Changes: forbid us_troops", "192 feasible states")
	check(t, "", exitBadInput, []string{"analyze", "--force", "us_trops"}, `cannot force option "us_trops"`, `did you mean "us_troops"?`)
	check(t, "", exitBadInput, []string{"analyze", "--forbid", "zzz"}, `cannot forbid option "zzz"`, "the options are ru_ceasefire, ru_summit")
	check(t, "", exitBadInput, []string{"states", "--set-status-quo", "999"}, "new status quo: state 999 does not exist")
	check(t, "", exitBadInput, []string{"compare", "--forbid", "x"}, `cannot forbid option "x"`)
}

// TestWhatIfContradictsScenario checks that every command analysing one
// model refuses --force of an option its --scenario forbids (and --forbid
// of one it forces) with exit 3, naming the scenario's entry, instead of
// silently analysing the flag's model under the scenario's name.
func TestWhatIfContradictsScenario(t *testing.T) {
	for _, cmd := range [][]string{
		{"states"},
		{"analyze", "--concepts", "Nash"},
		{"explain", "--state", "1", "--dm", "US", "--concept", "Nash"},
		{"evolve"},
		{"coalition", "--coalition", "US,CO", "--concepts", "Nash"},
	} {
		check(t, "", exitBadInput, append(cmd, "--scenario", "russia_excluded", "--force", "us_include_russia"),
			`--force us_include_russia contradicts scenario "russia_excluded", which forbids option "us_include_russia" here`)
		check(t, "", exitBadInput, append(cmd, "--scenario", "russia_at_table", "--forbid", "us_include_russia"),
			`--forbid us_include_russia contradicts scenario "russia_at_table", which forces option "us_include_russia" here`)
	}
	// A flag agreeing with the scenario, or about another option, is fine.
	check(t, "", 0, []string{"states", "--scenario", "russia_excluded", "--forbid", "us_include_russia"}, "144 feasible states")
}

// equilibriaJSON returns the "equilibria" member of an analysis in JSON.
func equilibriaJSON(t *testing.T, doc string) string {
	t.Helper()
	var v struct {
		Equilibria json.RawMessage `json:"equilibria"`
	}
	if err := json.Unmarshal([]byte(doc), &v); err != nil {
		t.Fatalf("%v in %s", err, doc)
	}
	return string(v.Equilibria)
}

// TestBuiltinExampleList checks that the commands the help says fall back
// to the built-in example are exactly those that do.
func TestBuiltinExampleList(t *testing.T) {
	root := newRootCmd(&env{ctx: context.Background(), stdin: strings.NewReader(""), stdout: io.Discard, stderr: io.Discard})
	extra := map[string][]string{ // the flags a command needs besides FILE
		"explain":    {"--state", "sq", "--dm", "US", "--concept", "Nash"},
		"coalition":  {"--coalition", "US,CO", "--concepts", "Nash"},
		"compare":    {"--concepts", "Nash"},
		"analyze":    {"--concepts", "Nash"},
		"generate":   {"--dms", "2", "--options", "2"},
		"report":     {"-o", filepath.Join(t.TempDir(), "r.html")},
		"inverse":    {"--state", "sq", "--concept", "Nash"},
		"robustness": {"--concepts", "Nash"},
	}
	var uses []string
	for _, c := range root.Commands() {
		if c.Name() == "help" || c.Name() == "completion" {
			continue
		}
		// serve runs until cancelled: give it a moment to load the model.
		ctx, cancel := context.WithCancel(context.Background())
		if c.Name() == "serve" {
			ctx, cancel = context.WithTimeout(context.Background(), 3*time.Second)
		}
		_, _, stderr := gmcrContext(t, ctx, "", append([]string{c.Name()}, extra[c.Name()]...)...)
		cancel()
		does := strings.Contains(stderr, "using the built-in example")
		marked := c.Annotations[annotBuiltin] != ""
		if does != marked {
			t.Errorf("%s: uses the built-in example: %v; marked so: %v (stderr %q)", c.Name(), does, marked, stderr)
		}
		if !does && strings.Contains(c.Long, "the built-in example is used") {
			t.Errorf("%s --help says it uses the built-in example, but it does not", c.Name())
		}
		if does {
			uses = append(uses, c.Name())
			if !strings.Contains(c.Long, "built-in example") {
				t.Errorf("%s --help does not say it uses the built-in example without FILE", c.Name())
			}
		}
	}
	if len(uses) < 6 {
		t.Errorf("only %v use the built-in example; analyze, coalition, compare, evolve, explain and states should", uses)
	}
	help, _ := check(t, "", 0, []string{"--help"})
	want := strings.Join(uses[:len(uses)-1], ", ") + " and " + uses[len(uses)-1]
	if !strings.Contains(help, want) {
		t.Errorf("gmcr --help does not list %q as using the built-in example:\n%s", want, help)
	}
	if strings.Contains(help, "{{") {
		t.Errorf("gmcr --help has an unfilled placeholder:\n%s", help)
	}
}
