package report_test

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/gmcr/gmcr/analysis"
	"github.com/gmcr/gmcr/coalition"
	"github.com/gmcr/gmcr/report"
)

// coalitionResults runs the coalition analysis of r for every coalition,
// explaining state (-1: none), with the fixed structure blocks (nil:
// none), under concepts (none given: all).
func coalitionResults(t *testing.T, r *analysis.Result, state int, blocks [][]int, details bool, concepts ...coalition.Concept) *report.CoalitionResults {
	t.Helper()
	ctx := context.Background()
	a, err := coalition.Analyze(ctx, r.Space, r.Prefs, coalition.Config{Concepts: concepts})
	if err != nil {
		t.Fatal(err)
	}
	cr := &report.CoalitionResults{Analysis: a, State: state, Details: details}
	if cr.Checks, err = coalition.Upsets(ctx, r.Stability, a, detailMoves(details)); err != nil {
		t.Fatal(err)
	}
	if state >= 0 {
		if cr.Explanations, err = coalition.ExplainState(ctx, a, state); err != nil {
			t.Fatal(err)
		}
	}
	if blocks != nil {
		st, err := coalition.NewStructure(r.Space, r.Prefs, blocks)
		if err != nil {
			t.Fatal(err)
		}
		if cr.Structure, err = coalition.AnalyzeStructure(ctx, st, nil); err != nil {
			t.Fatal(err)
		}
	}
	return cr
}

// detailMoves is Upsets' maxMoves for details on (every move) or off.
func detailMoves(details bool) int {
	if details {
		return coalition.AllMoves
	}
	return 0
}

// writeCoalitions writes cr in every format, checks the JSON, and
// compares the text and Markdown, and the JSON when goldenJSON is set,
// with their golden files prefix.ext.
func writeCoalitions(t *testing.T, prefix string, r *analysis.Result, cr *report.CoalitionResults, goldenJSON bool) string {
	t.Helper()
	var txt string
	for _, f := range []report.Format{report.Text, report.Markdown, report.JSON} {
		var buf bytes.Buffer
		if err := report.WriteCoalitions(&buf, r, cr, f, report.Options{}); err != nil {
			t.Fatal(err)
		}
		if f == report.JSON && !json.Valid(buf.Bytes()) {
			t.Errorf("%s: invalid JSON", prefix)
		}
		if f == report.Text {
			txt = buf.String()
		}
		if f != report.JSON || goldenJSON {
			golden(t, prefix+"."+ext[f], buf.Bytes())
		}
	}
	return txt
}

// TestCoalitionGolden: the Prisoner's Dilemma (both players leave mutual
// defection together), with state 4 explained and both players as one
// fixed coalition; Chicken (nothing to upset); the built-in example under
// CNash and CSEQ (its GMR equilibria are many), state 1 explained.
func TestCoalitionGolden(t *testing.T) {
	pd := exampleRun(t, "prisoners-dilemma", nil)
	txt := writeCoalitions(t, "pd-coalition", pd, coalitionResults(t, pd, 3, [][]int{{0, 1}}, true), true)
	for _, want := range []string{
		"State 4 (Y Y; equilibrium under Nash, GMR, SMR, SEQ) can be upset by 1 coalition:",
		"4 -> 1: P1 moves 4 -> 3 (stops taking option d1 (Player 1 defects)), then P2 moves 3 -> 1 (stops taking option d2 (Player 2 defects)); ranks P1 3 -> 2, P2 3 -> 2.",
		"  4           Nash, GMR, SMR, SEQ   NGSQ\n",
		"  1           GMR, SMR, SEQ            -\n",
		"  P1+P2          3     3     3     3\n",
		"CNash: none",
		"CGMR: 1 state: 1",
		"Nash equilibria: 1, 2, 3",
	} {
		if !strings.Contains(txt, want) {
			t.Errorf("the PD text lacks %q", want)
		}
	}
	ch := exampleRun(t, "chicken", nil)
	txt = writeCoalitions(t, "chicken-coalition", ch, coalitionResults(t, ch, -1, nil, false), true)
	if !strings.Contains(txt, "  1           GMR, SMR                 -\n  2, 3        Nash, GMR, SMR, SEQ      -\n") || strings.Contains(txt, "Upsetting moves") {
		t.Errorf("Chicken: an equilibrium upset:\n%s", txt)
	}
	uk := exampleRun(t, "ukraine-security", nil)
	txt = writeCoalitions(t, "ukraine-coalition", uk, coalitionResults(t, uk, 0, nil, false, coalition.CNash, coalition.CSEQ), false)
	for _, want := range []string{
		"  176         Nash, SEQ              -      -      -      -      -      -         -         -         -         -            -\n",
		"  163, 171    SEQ                    Q      -      Q      -      -      -         Q         Q         -         -            Q\n",
		"CNash: 1 state: 176\n",
	} {
		if !strings.Contains(txt, want) {
			t.Errorf("the Ukraine text lacks %q", want)
		}
	}
	var buf bytes.Buffer
	if err := report.WriteCoalitions(&buf, pd, coalitionResults(t, pd, -1, nil, false), report.CSV, report.Options{}); err == nil {
		t.Error("CSV accepted")
	}
	if err := report.WriteCoalitions(&buf, ch, coalitionResults(t, pd, -1, nil, false), report.Text, report.Options{}); err == nil {
		t.Error("an analysis of another model accepted")
	}
}
