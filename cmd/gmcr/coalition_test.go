package main

import (
	"encoding/json"
	"path/filepath"
	"reflect"
	"testing"
)

// coalitionDoc is the part of `gmcr coalition --format json` the tests
// read.
type coalitionDoc struct {
	Kind       string
	Coalitions [][]string
	Checks     []struct {
		State       int
		Equilibrium []string
		Upsets      []struct {
			Concept      string
			Coalition    []string
			Improvements int
			Unsanctioned []struct {
				Coalition []string
				From, To  int
				Sequence  []struct {
					DM       string
					From, To int
				}
				Sanctioned bool
			}
		}
	}
	Equilibria map[string][]int
	Structure  *struct {
		Coalitions [][]string
		Equilibria map[string][]int
	}
}

func parseCoalitions(t *testing.T, out string) coalitionDoc {
	t.Helper()
	var doc coalitionDoc
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("JSON output: %v", err)
	}
	if doc.Kind != "coalitions" {
		t.Fatalf("kind %q", doc.Kind)
	}
	return doc
}

// verifyUpsets re-checks every printed upsetting move against the
// definitions: a legal sequence of the coalition's members' unilateral
// moves from the equilibrium to a state every member strictly prefers.
func verifyUpsets(t *testing.T, doc coalitionDoc, b *bfModel) int {
	t.Helper()
	n := 0
	for _, ch := range doc.Checks {
		for _, u := range ch.Upsets {
			var members []int
			for _, id := range u.Coalition {
				members = append(members, b.dm(t, id))
			}
			if len(u.Unsanctioned) == 0 || len(u.Unsanctioned) > u.Improvements {
				t.Fatalf("state %d: upset by %v with %d of %d moves unsanctioned", ch.State, u.Coalition, len(u.Unsanctioned), u.Improvements)
			}
			for _, imp := range u.Unsanctioned {
				n++
				if imp.Sanctioned || imp.From != ch.State {
					t.Fatalf("bad upsetting move %+v", imp)
				}
				for _, k := range members {
					if b.scores[k][imp.To-1] <= b.scores[k][imp.From-1] {
						t.Fatalf("%d -> %d is no improvement for %s", imp.From, imp.To, b.m.DMs[k].ID)
					}
				}
				b.verifySequence(t, members, imp.From-1, imp.To-1, imp.Sequence)
			}
		}
	}
	return n
}

func TestCoalition(t *testing.T) {
	compound, err := filepath.Abs("../../gmcrplus/testdata/compound.gmcr")
	if err != nil {
		t.Fatal(err)
	}
	dir := inTemp(t)
	check(t, "", 0, []string{"coalition", "-q"}, "coalition analysis", "Coalitions analysed (11): RU+UA, RU+US",
		"State 176 (YY YY NYY YN; equilibrium under Nash, GMR, SMR, SEQ): no coalition analysed can upset it.",
		"  CNash: 176\n")
	check(t, "", 0, []string{"examples", "prisoners-dilemma", "-o", "pd.yaml"})
	check(t, "", 0, []string{"coalition", "pd.yaml", "--state", "4"},
		"State 4 (Y Y; equilibrium under Nash, GMR, SMR, SEQ) can be upset by 1 coalition:",
		"      4 -> 1: P1 moves 4 -> 3 (stops taking option d1 (Player 1 defects)), then P2 moves 3 -> 1 (stops taking option d2 (Player 2 defects)); ranks P1 3 -> 2, P2 3 -> 2.\n",
		"P1+P2 has 1 coalitional improvement: CNash unstable, CGMR unstable, CSMR unstable, CSEQ unstable.")
	check(t, "", 0, []string{"coalition", "pd.yaml", "-f", "markdown"}, "# Prisoner's Dilemma: coalition analysis")

	out, _ := check(t, "", 0, []string{"coalition", "elmira.yaml", "--coalition", "MoE,LG", "--format", "json"})
	doc := parseCoalitions(t, out)
	if !reflect.DeepEqual(doc.Coalitions, [][]string{{"MoE", "LG"}}) || doc.Equilibria == nil {
		t.Errorf("elmira: %+v", doc)
	}

	// Every printed upsetting move re-checked against the definitions.
	ukPath := dir + "/uk.yaml"
	check(t, "", 0, []string{"examples", "ukraine-security", "-o", ukPath})
	n := 0
	for _, c := range []struct {
		path string
		args []string
	}{
		{"pd.yaml", []string{"coalition", "pd.yaml", "-f", "json"}},
		{ukPath, []string{"coalition", ukPath, "-f", "json", "--concepts", "Nash,SMR,SEQ"}},
		{"elmira.yaml", []string{"coalition", "elmira.yaml", "-f", "json"}},
	} {
		out, _ := check(t, "", 0, c.args)
		n += verifyUpsets(t, parseCoalitions(t, out), loadBF(t, c.path))
	}
	if n < 100 {
		t.Errorf("only %d upsetting moves verified", n)
	}

	// A GMCR+ file with a fixed coalition structure: DMs 1 and 3 joined.
	out, _ = check(t, "", 0, []string{"coalition", compound, "-f", "json"})
	doc = parseCoalitions(t, out)
	if doc.Structure == nil || len(doc.Structure.Coalitions) != 2 || len(doc.Structure.Coalitions[0]) != 2 {
		t.Errorf("structure: %+v", doc.Structure)
	}
	check(t, "", 0, []string{"coalition", compound}, "Fixed coalition structure ")
}

func TestCoalitionBadInput(t *testing.T) {
	inTemp(t)
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"coalition", "elmira.yaml", "--coalition", "MoE"}, `coalition "MoE" has 1 member(s); a coalition needs two or more DMs`},
		{[]string{"coalition", "elmira.yaml", "--coalition", "MoE,MoE"}, `coalition "MoE,MoE" names DM MoE twice`},
		{[]string{"coalition", "elmira.yaml", "--coalition", "MoE,Nobody"}, `unknown DM "Nobody"; use one of MoE, Uniroyal, LG`},
		{[]string{"coalition", "elmira.yaml", "--state", "13"}, "--state: state 13 does not exist; the model has states 1..12"},
		{[]string{"coalition", "elmira.yaml", "--concepts", "SIM"}, "the SIM concept has no coalitional counterpart"},
		{[]string{"coalition", "elmira.yaml", "--format", "csv"}, `format "csv" is not available here`},
	} {
		check(t, "", 2, tc.args, tc.want)
	}
}
