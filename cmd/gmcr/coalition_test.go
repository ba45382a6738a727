package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"testing"
	"time"
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
	Upsets []struct {
		States      []int
		Equilibrium []string
		UpsetBy     []struct {
			Coalition []string
			Concepts  []string
		} `json:"upset_by"`
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
		"  176                                             Nash, GMR, SMR, SEQ      -      -      -      -      -      -         -         -         -         -            -\n",
		"  CNash: 1 state: 176\n")
	check(t, "", 0, []string{"examples", "prisoners-dilemma", "-o", "pd.yaml"})
	check(t, "", 0, []string{"coalition", "pd.yaml"}, "  4           Nash, GMR, SMR, SEQ   NGSQ\n")
	check(t, "", 0, []string{"coalition", "pd.yaml", "--cseq-sanctions", "joint"}, "CSEQ sanctions: joint")
	check(t, "", 0, []string{"coalition", "pd.yaml", "--state", "4", "--details"},
		"State 4 (Y Y; equilibrium under Nash, GMR, SMR, SEQ) can be upset by 1 coalition:",
		"      4 -> 1: P1 moves 4 -> 3 (stops taking option d1 (Player 1 defects)), then P2 moves 3 -> 1 (stops taking option d2 (Player 2 defects)); ranks P1 3 -> 2, P2 3 -> 2 (unsanctioned under CNash, CGMR, CSMR, CSEQ).\n",
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
		{"pd.yaml", []string{"coalition", "pd.yaml", "-f", "json", "--details"}},
		{ukPath, []string{"coalition", ukPath, "-f", "json", "--concepts", "Nash,SMR,SEQ", "--details"}},
		{"elmira.yaml", []string{"coalition", "elmira.yaml", "-f", "json", "--details"}},
		{"elmira.yaml", []string{"coalition", "elmira.yaml", "-f", "json", "--details", "--cseq-sanctions", "joint"}},
	} {
		out, _ := check(t, "", 0, c.args)
		n += verifyUpsets(t, parseCoalitions(t, out), loadBF(t, c.path))
	}
	if n < 100 {
		t.Errorf("only %d upsetting moves verified", n)
	}

	// The summary (upsets, grouped) says what the details say, for every
	// equilibrium exactly once.
	for _, args := range [][]string{{"coalition", ukPath, "-f", "json"}, {"coalition", "elmira.yaml", "-f", "json", "--cseq-sanctions", "joint"}} {
		out, _ := check(t, "", 0, args)
		sum := parseCoalitions(t, out)
		out, _ = check(t, "", 0, append(args, "--details"))
		det := parseCoalitions(t, out)
		want := map[int]string{}
		for _, ch := range det.Checks {
			want[ch.State] = ""
			for _, u := range ch.Upsets {
				want[ch.State] += fmt.Sprint(u.Concept, u.Coalition)
			}
		}
		got := map[int]string{}
		for _, g := range sum.Upsets {
			for _, s := range g.States {
				if _, dup := got[s]; dup {
					t.Fatalf("%v: state %d in two groups", args, s)
				}
				got[s] = ""
				// Checks list concept by concept, then coalitions.
				for _, c := range []string{"CNash", "CGMR", "CSMR", "CSEQ"} {
					for _, by := range g.UpsetBy {
						if slices.Contains(by.Concepts, c) {
							got[s] += fmt.Sprint(c, by.Coalition)
						}
					}
				}
			}
		}
		if !reflect.DeepEqual(got, want) || len(sum.Checks) != 0 {
			t.Errorf("%v: summary %v, details %v", args, got, want)
		}
	}

	// --max-moves lists the first moves and says how many are left out.
	check(t, "", 0, []string{"coalition", ukPath, "--details", "--max-moves", "1", "--concepts", "GMR"}, "Not listed (--max-moves): ", " more under CGMR.")

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
		{[]string{"coalition", "elmira.yaml", "--cseq-sanctions", "all"}, `unknown CSEQ sanctions "all"; use unilateral or joint`},
	} {
		check(t, "", exitBadInput, tc.args, tc.want)
	}
}

// TestCoalitionInterrupted: interrupting `coalition` (with or without
// --details or joint sanctions) or `evolve --coalitions` on the 16-option
// benchmark conflict, before the run or while it runs, exits 130 and
// leaves the previous output file as it was. (Ctrl-C and SIGTERM both
// cancel this context in run.)
func TestCoalitionInterrupted(t *testing.T) {
	if testing.Short() {
		t.Skip("analyses a 65,536-state model")
	}
	inTemp(t)
	check(t, "", 0, []string{"generate", "--dms", "4", "--options", "16", "--infeasible", "0.05", "--ranking", "0", "-o", "b16.yaml"})
	// Every upsetting move of this model is far too many: refused.
	check(t, "", exitBadInput, []string{"coalition", "b16.yaml", "-q", "--details"}, "--details would list ", "--max-moves N")
	for _, args := range [][]string{
		{"coalition", "b16.yaml", "-q", "-o", "out.txt"},
		{"coalition", "b16.yaml", "-q", "--details", "-f", "json", "-o", "out.txt"},
		{"coalition", "b16.yaml", "-q", "--cseq-sanctions", "joint", "-o", "out.txt"},
		{"evolve", "b16.yaml", "-q", "--coalitions", "-o", "out.txt"},
	} {
		// 50 ms lands inside the analysis: the summary of this model takes
		// a few hundred ms on an idle machine, so a longer delay could see
		// it finish.
		for _, delay := range []time.Duration{0, 50 * time.Millisecond} {
			if err := os.WriteFile("out.txt", []byte("previous\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			ctx, cancel := context.WithCancel(context.Background())
			if delay == 0 {
				cancel()
			} else {
				time.AfterFunc(delay, cancel)
			}
			start := time.Now()
			code, _, errOut := gmcrContext(t, ctx, "", args...)
			cancel()
			if code != exitInterrupted {
				t.Errorf("%v after %v: exit %d (%s), want %d", args, delay, code, errOut, exitInterrupted)
			}
			if took := time.Since(start); took > 20*time.Second {
				t.Errorf("%v: returned %v after the interruption", args, took)
			}
			if b, _ := os.ReadFile("out.txt"); string(b) != "previous\n" {
				t.Errorf("%v: the output file was replaced", args)
			}
		}
	}
}
