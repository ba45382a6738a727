package examples_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/gmcr/gmcr/analysis"
	"github.com/gmcr/gmcr/examples"
	"github.com/gmcr/gmcr/model"
	"github.com/gmcr/gmcr/scenario"
	"github.com/gmcr/gmcr/stability"
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
