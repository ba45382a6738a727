package main

import "testing"

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
	check(t, "", 2, []string{"explain", "--scenario", "nope", "--state", "1"}, `unknown scenario "nope"`)
}
