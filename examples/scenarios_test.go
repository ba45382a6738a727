package examples_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/gmcr/gmcr/analysis"
	"github.com/gmcr/gmcr/examples"
	"github.com/gmcr/gmcr/internal/bruteforce"
	"github.com/gmcr/gmcr/model"
	"github.com/gmcr/gmcr/scenario"
	"github.com/gmcr/gmcr/stability"
	"github.com/gmcr/gmcr/uncertain"
)

// TestFlagshipScenarios pins the comparison of the flagship's scenarios
// given in EXPECTED.md (computed by gmcr's engine, see there): for each
// scenario, its number of feasible states, the Nash, SEQ and SIM
// equilibria as base state numbers (states are the same option
// combinations in both models), and the number of GMR and SMR equilibria.
// It also checks that every scenario cites the report and explains
// itself.
func TestFlagshipScenarios(t *testing.T) {
	ex, err := examples.Get(examples.Default)
	if err != nil {
		t.Fatal(err)
	}
	m, err := model.Parse(ex.Data, ex.File)
	if err != nil {
		t.Fatal(err)
	}
	for _, sc := range m.Scenarios {
		if !strings.Contains(sc.Source, "[P") || strings.TrimSpace(sc.Note) == "" || sc.Name == "" {
			t.Errorf("scenario %s: name %q, source %q, note %q", sc.ID, sc.Name, sc.Source, sc.Note)
		}
	}
	want := map[string]struct {
		states         int
		nash, seq, sim string
		gmr, smr       int
	}{
		"russia_at_table":           {144, "176", "59 75 79 163 171 176", "164 172 176 260 268", 43, 21},
		"russia_excluded":           {144, "9", "9", "6 8 9 14 16 22 24 30 32", 41, 17},
		"us_troops_not_ruled_out":   {288, "176 192", "11 27 31 59 75 79 91 95 123 127 163 171 176 192", "6 8 11 12 14 16 22 24 27 28 30 31 32 38 40 46 48 102 104 110 112 118 120 124 126 128 164 172 176 180 188 192 260 268 276 284", 127, 52},
		"us_troops_ruled_out":       {192, "176", "59 75 79 163 171 176", "6 8 14 16 22 24 30 32 164 172 176 260 268", 81, 38},
		"force_only_with_ceasefire": {144, "176", "59 75 79 176", "176", 36, 36},
		"force_without_ceasefire":   {288, "176", "59 75 79 176", "176 260 268", 80, 80},
		"inferences_unknown":        {288, "176", "59 75 79 163 171 176", "6 8 14 16 22 24 30 32 164 172 176 260 268", 81, 38},
	}
	c, err := scenario.Compare(context.Background(), m, nil, analysis.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Scenarios) != len(want) {
		t.Fatalf("%d scenarios, want %d", len(c.Scenarios), len(want))
	}
	baseNumbers := func(r *analysis.Result, concept stability.Concept) string {
		var parts []string
		for _, s := range r.Stability.Equilibria(concept) {
			b, ok := c.Base.Space.Index(r.Space.Codes[s])
			if !ok {
				t.Fatalf("a scenario state is not a base state")
			}
			parts = append(parts, fmt.Sprint(b+1))
		}
		return strings.Join(parts, " ")
	}
	for _, o := range c.Scenarios {
		w, ok := want[o.Scenario.ID]
		if !ok {
			t.Errorf("unexpected scenario %s", o.Scenario.ID)
			continue
		}
		r := o.Result
		got := fmt.Sprintf("%d | %s | %s | %s | %d %d", r.Space.Len(), baseNumbers(r, stability.Nash), baseNumbers(r, stability.SEQ), baseNumbers(r, stability.SIM),
			len(r.Stability.Equilibria(stability.GMR)), len(r.Stability.Equilibria(stability.SMR)))
		exp := fmt.Sprintf("%d | %s | %s | %s | %d %d", w.states, w.nash, w.seq, w.sim, w.gmr, w.smr)
		if got != exp {
			t.Errorf("%s:\n got %s\nwant %s", o.Scenario.ID, got, exp)
		}
	}
}

// TestFlagshipUncertainty pins the comparison of the flagship's scenario
// inferences_unknown (every statement its notes call an analyst
// inference marked unsure) under the sixteen definitions of preference
// uncertainty, as README.md states it, and checks the scenario's
// equilibria under each definition against the brute-force checker.
// Each cell: base equilibria kept "of" the base's, and "+" new ones.
func TestFlagshipUncertainty(t *testing.T) {
	ex, err := examples.Get(examples.Default)
	if err != nil {
		t.Fatal(err)
	}
	m, err := model.Parse(ex.Data, ex.File)
	if err != nil {
		t.Fatal(err)
	}
	c, err := scenario.CompareUncertain(context.Background(), m, []string{"inferences_unknown"}, analysis.Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"Nash": "0 of 1 | 1 of 1 +79 | 0 of 1 | 1 of 1 +79",
		"GMR":  "32 of 81 | 81 of 81 +63 | 81 of 81 +63 | 81 of 81 +63",
		"SMR":  "24 of 38 | 38 of 38 +42 | 38 of 38 +42 | 38 of 38 +42",
		"SEQ":  "1 of 6 +27 | 6 of 6 +138 | 6 of 6 +138 | 6 of 6 +138",
	}
	o := c.Scenarios[0]
	for _, b := range []stability.Concept{stability.Nash, stability.GMR, stability.SMR, stability.SEQ} {
		var cells []string
		for _, e := range uncertain.Extensions {
			d := o.Diff(uncertain.Concept{Base: b, Ext: e})
			cell := fmt.Sprintf("%d of %d", len(d.Kept), len(d.Kept)+len(d.Disappeared))
			if len(d.Appeared) > 0 {
				cell += fmt.Sprintf(" +%d", len(d.Appeared))
			}
			cells = append(cells, cell)
		}
		if got := strings.Join(cells, " | "); got != want[b.String()] {
			t.Errorf("%v: got %s, want %s", b, got, want[b.String()])
		}
	}
	if testing.Short() {
		return
	}
	sm, err := scenario.Apply(m, "inferences_unknown")
	if err != nil {
		t.Fatal(err)
	}
	brute := bruteforce.AnalyzeUncertain(sm)
	for _, k := range uncertain.Concepts {
		table := brute[k.String()]
		var want []int
		for s := range table[0] {
			all := true
			for i := range table {
				all = all && table[i][s]
			}
			if all {
				want = append(want, s)
			}
		}
		if got := o.U.Equilibria(k); fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("%v: engine %v, brute force %v", k, got, want)
		}
	}
}
