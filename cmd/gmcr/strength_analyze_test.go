package main

import (
	"os"
	"strings"
	"testing"
)

// TestAnalyzeStrength runs analyze and explain with the strength columns
// on prisoners-dilemma-strength (examples/EXPECTED.md: state 4 a strong
// equilibrium, state 1 a weak one, P1 weakly and P2 strongly stable
// there) and checks that "all" adds them only when the model states
// strength.
func TestAnalyzeStrength(t *testing.T) {
	inTemp(t)
	check(t, "", 0, []string{"examples", "prisoners-dilemma-strength", "-o", "pds.yaml"})
	check(t, "", 0, []string{"examples", "prisoners-dilemma", "-o", "pd.yaml"})
	check(t, "", 0, []string{"analyze", "pds.yaml"}, "Concepts: Nash, GMR, SMR, SEQ, SIM, sGMR, sSMR, sSEQ",
		"sGMR  2 states: 1, 4 (strong: 4; weak: 1)", "sSEQ  2 states: 1, 4 (strong: 4; weak: 1)", "W = weakly stable")
	out, _ := check(t, "", 0, []string{"analyze", "pd.yaml"})
	if strings.Contains(out, "sGMR") {
		t.Errorf("analyze pd.yaml shows strength columns:\n%s", out)
	}
	check(t, "", 0, []string{"analyze", "pd.yaml", "--concepts", "sgmr", "--layout", "rows"}, "sGMR")
	check(t, "", 0, []string{"analyze", "pds.yaml", "--concepts", "ssmr", "-f", "csv"},
		"stable_sSMR_P1,stable_sSMR_P2,eq_sSMR,strong_sSMR_P1,strong_sSMR_P2,strong_eq_sSMR\n", "\n1,0,NN,N,N,2,2,1,1,1,0,1,0\n", "\n4,3,YY,Y,Y,3,3,1,1,1,1,1,1\n")
	check(t, "", 0, []string{"analyze", "pds.yaml", "--concepts", "strong", "-f", "json"}, `"strong_equilibria": {`, `"sGMR": [`, `"strongly_stable":{"P1":["sGMR","sSMR","sSEQ"]`)
	check(t, "", 0, []string{"explain", "pds.yaml", "--state", "1", "--dm", "P1", "--concept", "sgmr"}, "state 1 is weakly stable for P1 under sGMR")
	check(t, "", 0, []string{"explain", "pds.yaml", "--state", "1", "--dm", "P2", "--concept", "sSEQ"}, "state 1 is strongly stable for P2 under sSEQ", "P2 strongly prefers state 1 to it")
	check(t, "", exitBadInput, []string{"analyze", "pd.yaml", "--concepts", "snash"}, "unknown solution concept", "sgmr, ssmr, sseq")
	check(t, "", 0, []string{"analyze", "--help"}, "sgmr, ssmr, sseq", "sgmr,ssmr,sseq (strong)")
}

// pdHybrid is the Prisoner's Dilemma with strength cuts and P1's unknown
// comparison of states 1 and 4 (hybrid preferences).
const pdHybrid = `title: PD hybrid
options:
  - id: d1
  - id: d2
decision_makers:
  - id: P1
    options: [d1]
    preferences:
      ranking: [2, ">>", 1, 4, 3]
      unknown:
        - states: [1, 4]
  - id: P2
    options: [d2]
    preferences:
      ranking: [3, 1, ">>", 4, 2]
`

// TestAnalyzeStrengthHybrid checks that with unknown comparisons a plain
// word gives the four extensions, in analyze and explain: P2's answer to
// P1's defection ends in state 4, of unknown preference to P1, so state 1
// is unstable for P1 in (a) and (b) and strongly stable in (c) and (d).
func TestAnalyzeStrengthHybrid(t *testing.T) {
	inTemp(t)
	if err := os.WriteFile("h.yaml", []byte(pdHybrid), 0o644); err != nil {
		t.Fatal(err)
	}
	check(t, "", 0, []string{"analyze", "h.yaml", "--concepts", "sgmr"}, "sGMR(a)  1 state: 4 (strong: 4; weak: none)",
		"sGMR(b)  1 state: 4", "sGMR(c)  2 states: 1, 4 (strong: 1, 4; weak: none)", "sGMR(d)  2 states: 1, 4")
	out, _ := check(t, "", 0, []string{"explain", "h.yaml", "--state", "1", "--dm", "P1", "--concept", "sgmr"},
		"state 1 is unstable for P1 under sGMR(a)", "state 1 is unstable for P1 under sGMR(b)",
		"state 1 is strongly stable for P1 under sGMR(c)", "state 1 is strongly stable for P1 under sGMR(d)")
	if strings.Count(out, "Verdict") != 4 {
		t.Errorf("want four explanations:\n%s", out)
	}
}
