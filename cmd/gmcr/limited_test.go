package main

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/gmcr/gmcr/limitedmove"
	"github.com/gmcr/gmcr/server"
)

// TestLimited runs gmcr limited on the Prisoner's Dilemma (hand-derived in
// package limitedmove), the graph-form announcement game, and a
// three-DM model, which is refused.
func TestLimited(t *testing.T) {
	inTemp(t)
	check(t, "", 0, []string{"examples", "prisoners-dilemma", "-o", "pd.yaml"})
	check(t, "", 0, []string{"limited", "pd.yaml", "--horizon", "2", "--nm"}, "L2   2 states: 1, 4", "NM   2 states: 1, 4", "P2: P2 2->4; anticipated outcome 4")
	out, _ := check(t, "", 0, []string{"limited", "pd.yaml", "--horizon", "1", "-f", "json"})
	var doc struct {
		Equilibria map[string][]int
		States     []struct{ Stable map[string]bool }
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil || len(doc.States) != 4 || len(doc.Equilibria["L1"]) != 1 || doc.Equilibria["L1"][0] != 4 {
		t.Errorf("JSON: %v\n%s", err, out)
	}
	check(t, "", 0, []string{"examples", "announcement", "-o", "ann.yaml"})
	check(t, "", 0, []string{"limited", "ann.yaml", "--horizon", "3", "--state", "announced"}, "F: F 2->3, G 3->1; anticipated outcome 1")
	check(t, "", exitBadInput, []string{"limited", "elmira.yaml"}, "implemented for conflicts with two decision makers", "this model has 3 decision makers")
	check(t, "", exitBadInput, []string{"limited", "pd.yaml", "--horizon", "0"}, "--horizon must be at least 1")
}

// TestLimitedBounded checks that anticipated sequences that grow with the
// horizon are printed in bounded form: the text and JSON at h = 1000 are
// about as large as at h = 200, and the JSON's parts add up to the
// sequence's length.
func TestLimitedBounded(t *testing.T) {
	inTemp(t)
	check(t, "", 0, []string{"generate", "--dms", "2", "--options", "6", "--seed", "1", "-o", "g.yaml"})
	var sizes [2][2]int
	for i, h := range []string{"200", "1000"} {
		out, _ := check(t, "", 0, []string{"limited", "g.yaml", "--horizon", h, "-q"}, "] repeated ")
		js, _ := check(t, "", 0, []string{"limited", "g.yaml", "--horizon", h, "-q", "-f", "json"})
		sizes[i] = [2]int{len(out), len(js)}
		var doc struct {
			FormatVersion int `json:"format_version"`
			States        []struct {
				Anticipated map[string][]json.RawMessage
				Repeat      map[string]struct {
					Moves  []json.RawMessage
					Times  int
					Then   []json.RawMessage
					Length int
				} `json:"anticipated_repeat"`
			}
		}
		if err := json.Unmarshal([]byte(js), &doc); err != nil || doc.FormatVersion != 2 {
			t.Fatalf("h %s: %v, format_version %d", h, err, doc.FormatVersion)
		}
		repeats := 0
		for _, st := range doc.States {
			for dm, r := range st.Repeat {
				repeats++
				if n := len(st.Anticipated[dm]) + r.Times*len(r.Moves) + len(r.Then); r.Times < 2 || n != r.Length || n > 1000+1 {
					t.Errorf("h %s: %s: %d + %d×%d + %d moves, length %d", h, dm, len(st.Anticipated[dm]), r.Times, len(r.Moves), len(r.Then), r.Length)
				}
			}
		}
		if repeats == 0 {
			t.Errorf("h %s: no repeated sequence in the JSON", h)
		}
	}
	for f := range 2 {
		if sizes[1][f] > sizes[0][f]*11/10 {
			t.Errorf("output grows with the horizon: %d bytes at h = 200, %d at h = 1000 (text, json: %v)", sizes[0][f], sizes[1][f], sizes)
		}
	}
}

// A horizon out of 1..limitedmove.MaxHorizon is an error about the
// horizon, whichever way it is given: --horizon with lh or limited
// (not "unknown solution concept"), with a standard concept, to limited
// and explain, or as l<h>; the range is the API's.
func TestHorizonRange(t *testing.T) {
	inTemp(t)
	check(t, "", 0, []string{"examples", "prisoners-dilemma", "-o", "pd.yaml"})
	for _, args := range [][]string{
		{"analyze", "pd.yaml", "-c", "lh", "--horizon", "0"},
		{"analyze", "pd.yaml", "-c", "limited", "--horizon", "0"},
		{"analyze", "pd.yaml", "-c", "Nash,lh", "--horizon", "-3"},
		{"analyze", "pd.yaml", "-c", "Nash", "--horizon", "0"},
		{"explain", "pd.yaml", "--state", "1", "--dm", "P1", "-c", "lh", "--horizon", "0"},
		{"limited", "pd.yaml", "--horizon", "0"},
		{"limited", "pd.yaml", "--horizon", "1001"},
		{"limited", "pd.yaml", "--horizon", "100000000"},
		{"analyze", "pd.yaml", "-c", "lh", "--horizon", "1001"},
	} {
		_, errOut := check(t, "", exitBadInput, args, "--horizon must be at least 1 and at most 1000")
		if strings.Contains(errOut, "unknown solution concept") {
			t.Errorf("%v: %s", args, errOut)
		}
	}
	for _, args := range [][]string{
		{"analyze", "pd.yaml", "-c", "l1001"},
		{"evolve", "pd.yaml", "-c", "l5000"},
	} {
		check(t, "", exitBadInput, args, "at most 1000, got")
	}
	check(t, "", 0, []string{"limited", "pd.yaml", "--horizon", "1000"}, "L1000")
	if server.MaxHorizon != limitedmove.MaxHorizon {
		t.Errorf("API horizon cap %d, CLI %d", server.MaxHorizon, limitedmove.MaxHorizon)
	}
}
