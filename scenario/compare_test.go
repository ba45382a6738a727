package scenario_test

import (
	"context"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/gmcr/gmcr/analysis"
	"github.com/gmcr/gmcr/examples"
	"github.com/gmcr/gmcr/model"
	"github.com/gmcr/gmcr/scenario"
	"github.com/gmcr/gmcr/stability"
	"github.com/gmcr/gmcr/uncertain"
)

// pd is the Prisoner's Dilemma of examples/prisoners-dilemma.yaml with a
// scenario that forbids d2 (P2 never defects).
const pd = `title: Prisoner's Dilemma
options: [{id: d1}, {id: d2}]
decision_makers:
  - id: P1
    options: [d1]
    preferences: {statements: ["not d2", "d1"]}
  - id: P2
    options: [d2]
    preferences: {statements: ["not d1", "d2"]}
scenarios:
  - id: no_d2
    forbid: [d2]
`

// TestComparePrisonersDilemma checks Compare against a derivation by
// hand.
//
// Base (examples/EXPECTED.md): codes 0 (CC), 1 (DC), 2 (CD), 3 (DD) are
// states 1-4; Nash = {4}; GMR = SMR = SEQ = SIM = {1, 4}. P1 ranks
// 2 > 1 > 4 > 3, P2 ranks 3 > 1 > 4 > 2.
//
// Scenario no_d2: only codes 0 and 1 remain, as states 1 and 2. P2 has
// no move at all. P1 prefers 2 (score 3) to 1 (score 2), and its only
// move from 1 is the UI 1 -> 2, which P2 cannot sanction (it cannot
// move) and, for SIM, cannot answer at the same time. So state 1 is
// unstable for P1 and state 2 is stable for both, under every concept:
// the equilibria are {2} (code 1) under all five.
//
// Differences:
//   - Nash: base 4 (code 3) disappears: infeasible. Code 1 appears: in
//     the base, state 2 was unstable for P2 only (its UI 2 -> 4, taking
//     d2), and that target is infeasible in the scenario.
//   - GMR, SMR, SEQ, SIM: the same appearance (P2's UI 2 -> 4 was
//     unsanctioned in the base: P1 moving 4 -> 3 helps P2); 4 disappears
//     (infeasible); and 1 (code 0) disappears: unstable for P1 (UI to
//     scenario state 2), a UI that the base sanctioned (GMR, SMR, SEQ:
//     P2 moves 2 -> 4, P1 ranks 4 below 1; SIM: P2 moves to 3 at the
//     same time, giving 4).
func TestComparePrisonersDilemma(t *testing.T) {
	m := load(t, pd)
	c, err := scenario.Compare(context.Background(), m, nil, analysis.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Scenarios) != 1 || c.Scenarios[0].Scenario.ID != "no_d2" || c.Scenarios[0].Result.Space.Len() != 2 {
		t.Fatalf("unexpected outcome %+v", c.Scenarios)
	}
	if !reflect.DeepEqual(c.Concepts, stability.Concepts) {
		t.Errorf("concepts %v", c.Concepts)
	}
	o := c.Scenarios[0]
	appeared := scenario.Change{
		State:  scenario.State{Code: 1, Base: 1, Scenario: 1},
		Reason: scenario.StabilityChanged,
		Shifts: []scenario.Shift{{DM: 1, UI: scenario.State{Code: 3, Base: 3, Scenario: -1}, Rank: 3, MostPreferred: true, Other: scenario.MoveInfeasible}},
	}
	dd := scenario.Change{State: scenario.State{Code: 3, Base: 3, Scenario: -1}, Reason: scenario.Infeasible}
	for k, d := range o.Diffs {
		concept := c.Concepts[k]
		if d.Concept != concept || len(d.Kept) != 0 {
			t.Errorf("%v: concept %v, kept %v", concept, d.Concept, d.Kept)
		}
		if !reflect.DeepEqual(d.Appeared, []scenario.Change{appeared}) {
			t.Errorf("%v: appeared %+v", concept, d.Appeared)
		}
		if concept == stability.Nash {
			if !reflect.DeepEqual(d.Disappeared, []scenario.Change{dd}) {
				t.Errorf("Nash: disappeared %+v", d.Disappeared)
			}
			continue
		}
		if len(d.Disappeared) != 2 || !reflect.DeepEqual(d.Disappeared[1], dd) {
			t.Fatalf("%v: disappeared %+v", concept, d.Disappeared)
		}
		cc := d.Disappeared[0]
		if cc.State != (scenario.State{Code: 0, Base: 0, Scenario: 0}) || cc.Reason != scenario.StabilityChanged || len(cc.Shifts) != 1 {
			t.Fatalf("%v: %+v", concept, cc)
		}
		sh := cc.Shifts[0]
		if sh.DM != 0 || sh.UI != (scenario.State{Code: 1, Base: 1, Scenario: 1}) || sh.Other != scenario.MoveSanctioned || sh.Sanction == nil {
			t.Fatalf("%v: shift %+v", concept, sh)
		}
		// The sanction, in base indices: P2 moves 2 -> 4 (1 -> 3), or
		// for SIM chooses 3 (index 2) at the same time; it ends at 4.
		w := sh.Sanction
		if w.End != 3 || w.UI != 1 {
			t.Errorf("%v: sanction %+v", concept, w)
		}
		if concept == stability.SIM {
			if len(w.Choices) != 1 || w.Choices[0].DM != 1 || w.Choices[0].State != 2 {
				t.Errorf("SIM choices %+v", w.Choices)
			}
		} else if len(w.Sequence) != 1 || w.Sequence[0].Mover != 1 || w.Sequence[0].From != 1 || w.Sequence[0].To != 3 {
			t.Errorf("%v: sequence %+v", concept, w.Sequence)
		}
	}
	if got := c.Taken(3); !reflect.DeepEqual(got, []string{"d1", "d2"}) {
		t.Errorf("Taken(3) = %v", got)
	}
}

func TestCompareErrors(t *testing.T) {
	m := load(t, pd)
	ctx := context.Background()
	if _, err := scenario.Compare(ctx, m, []string{"no_d3"}, analysis.Options{}); err == nil || err.Error() != `small.yaml: unknown scenario "no_d3" (did you mean "no_d2"?)` {
		t.Errorf("unknown: %v", err)
	}
	if _, err := scenario.Compare(ctx, m, []string{"no_d2", "no_d2"}, analysis.Options{}); err == nil || err.Error() != `scenario "no_d2" is listed twice` {
		t.Errorf("twice: %v", err)
	}
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := scenario.Compare(cancelled, m, nil, analysis.Options{}); err == nil {
		t.Error("cancelled: no error")
	}
	c, err := scenario.Compare(ctx, m, nil, analysis.Options{Concepts: []stability.Concept{stability.SEQ}})
	if err != nil || len(c.Concepts) != 1 || len(c.Scenarios[0].Diffs) != 1 || c.Scenarios[0].Diffs[0].Concept != stability.SEQ {
		t.Errorf("SEQ only: %v %+v", err, c)
	}
}

// flagshipEquivalents writes each scenario of the flagship model as a
// plain model, by editing the model file's text rather than with Apply:
// forced and forbidden options and extra conditions become feasibility
// conditions, preference edits are made on the statement lists.
var flagshipEquivalents = map[string][][2]string{
	"russia_at_table":           {{"feasibility:\n", "feasibility:\n  infeasible: [\"not us_include_russia\"]\n"}, {"status_quo:\n  taken: []", "status_quo:\n  taken: [us_include_russia]"}},
	"russia_excluded":           {{"feasibility:\n", "feasibility:\n  infeasible: [\"us_include_russia\"]\n"}},
	"us_troops_ruled_out":       {{"feasibility:\n", "feasibility:\n  infeasible: [\"us_troops\"]\n"}},
	"us_troops_not_ruled_out":   {{"        - statement: \"not us_troops\"\n          note: Trump ruled out sending US troops to help defend Ukraine.\n          source: \"[P16]\"\n", ""}},
	"force_only_with_ceasefire": {{"feasibility:\n", "feasibility:\n  infeasible: [\"co_force and not (ru_ceasefire and ua_ceasefire)\"]\n"}},
	"force_without_ceasefire":   {{"- statement: \"co_force IFF (ru_ceasefire and ua_ceasefire)\"", "- statement: \"co_force IF (ru_ceasefire and ua_ceasefire)\""}},
	"inferences_unknown":        nil, // see flagshipUnsure
}

// flagshipUnsure lists, per DM, the statements scenario
// inferences_unknown marks unsure; the equivalent model writes
// "unsure: true" under each in the DM's own list.
var flagshipUnsure = map[string][]string{
	"RU": {"not co_force", "ru_ceasefire IFF us_include_russia", "ru_summit IFF us_include_russia", "not us_guarantee"},
	"UA": {"ru_ceasefire", "ua_ceasefire IFF ru_ceasefire", "co_force", "us_guarantee", "us_troops or co_nato", "ua_summit", "not us_include_russia"},
	"US": {"ru_summit and ua_summit", "us_include_russia", "co_force", "us_guarantee IFF (ru_ceasefire and ua_ceasefire)", "not co_nato"},
	"CO": {"not co_nato", "not us_include_russia"},
}

// markUnsure writes "unsure: true" under the statements of flagshipUnsure
// in text, each in its DM's section.
func markUnsure(t *testing.T, text string) string {
	t.Helper()
	for _, dm := range []string{"RU", "UA", "US", "CO"} {
		start := strings.Index(text, "\n  - id: "+dm+"\n")
		if start < 0 {
			t.Fatalf("no DM %s", dm)
		}
		for _, st := range flagshipUnsure[dm] {
			line := "- statement: \"" + st + "\"\n"
			i := strings.Index(text[start:], line)
			if i < 0 {
				t.Fatalf("DM %s has no statement %q", dm, st)
			}
			at := start + i + len(line)
			text = text[:at] + "          unsure: true\n" + text[at:]
		}
	}
	return text
}

// TestFlagshipScenariosIndependently checks Apply on the flagship: each
// scenario model has the same states and equilibria (by code) as its
// equivalent written by hand, and the base results do not change.
func TestFlagshipScenariosIndependently(t *testing.T) {
	ex, err := examples.Get(examples.Default)
	if err != nil {
		t.Fatal(err)
	}
	text := string(ex.Data)
	base, err := model.Parse(ex.Data, ex.File)
	if err != nil {
		t.Fatal(err)
	}
	noScen := text[:strings.Index(text, "\nscenarios:\n")+1]
	ctx := context.Background()
	eqCodes := func(r *analysis.Result) string {
		var b strings.Builder
		for _, c := range stability.Concepts {
			fmt.Fprintf(&b, "%v:", c)
			for _, s := range r.Stability.Equilibria(c) {
				fmt.Fprintf(&b, " %d", r.Space.Codes[s])
			}
			b.WriteString("\n")
		}
		return b.String()
	}
	if got := scenario.IDs(base); len(got) != len(flagshipEquivalents) {
		t.Fatalf("scenarios %v", got)
	}
	for _, id := range scenario.IDs(base) {
		edits, ok := flagshipEquivalents[id]
		if !ok {
			t.Fatalf("no equivalent for scenario %s", id)
		}
		plain := noScen
		if id == "inferences_unknown" {
			plain = markUnsure(t, plain)
		}
		for _, e := range edits {
			if !strings.Contains(plain, e[0]) {
				t.Fatalf("%s: the model has no %q", id, e[0])
			}
			plain = strings.Replace(plain, e[0], e[1], 1)
		}
		want, err := model.Parse([]byte(plain), id+".yaml")
		if err != nil {
			t.Fatalf("%s: %v", id, err)
		}
		got, err := scenario.Apply(base, id)
		if err != nil {
			t.Fatal(err)
		}
		rw, err := analysis.Run(ctx, want, analysis.Options{})
		if err != nil {
			t.Fatal(err)
		}
		rg, err := analysis.Run(ctx, got, analysis.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if fmt.Sprint(rw.Space.Codes) != fmt.Sprint(rg.Space.Codes) {
			t.Errorf("%s: states differ", id)
		}
		sw, _ := analysis.StatusQuo(rw.Space)
		sg, _ := analysis.StatusQuo(rg.Space)
		if sw != sg {
			t.Errorf("%s: status quo %d, want %d", id, sg, sw)
		}
		if a, b := eqCodes(rg), eqCodes(rw); a != b {
			t.Errorf("%s: equilibria (codes)\n%s\nwant\n%s", id, a, b)
		}
		if a, b := uncertainCodes(t, rg), uncertainCodes(t, rw); a != b {
			t.Errorf("%s: equilibria under uncertainty (codes)\n%s\nwant\n%s", id, a, b)
		}
	}
}

// uncertainCodes lists the equilibria (codes) of r under the sixteen
// definitions of preference uncertainty.
func uncertainCodes(t *testing.T, r *analysis.Result) string {
	t.Helper()
	rel, err := uncertain.NewRelation(r.Space, r.Prefs)
	if err != nil {
		t.Fatal(err)
	}
	ua, err := uncertain.Analyze(context.Background(), rel, r.Stability)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, k := range uncertain.Concepts {
		fmt.Fprintf(&b, "%v:", k)
		for _, s := range ua.Equilibria(k) {
			fmt.Fprintf(&b, " %d", r.Space.Codes[s])
		}
		b.WriteString("\n")
	}
	return b.String()
}

// TestShiftsCiteMostPreferredUI: every DM whose stability of an appeared
// or disappeared equilibrium changed is explained by its most preferred
// unsanctioned UI (not the lowest-numbered one), with its rank and
// whether it is the DM's most preferred UI of all, checked against
// stability.Explain on every scenario of the flagship example (issue 10,
// item 4).
func TestShiftsCiteMostPreferredUI(t *testing.T) {
	ex, err := examples.Get(examples.Default)
	if err != nil {
		t.Fatal(err)
	}
	base, err := model.Parse(ex.Data, ex.File)
	if err != nil {
		t.Fatal(err)
	}
	c, err := scenario.Compare(context.Background(), base, nil, analysis.Options{})
	if err != nil {
		t.Fatal(err)
	}
	checked, differs, notTop := 0, 0, 0
	for _, o := range c.Scenarios {
		for k, d := range o.Diffs {
			concept := c.Concepts[k]
			check := func(ch scenario.Change, unstable *analysis.Result, s int, uiIndex func(scenario.State) int) {
				for _, sh := range ch.Shifts {
					e, err := stability.Explain(unstable.Space, unstable.Prefs, concept, sh.DM, s)
					if err != nil {
						t.Fatal(err)
					}
					lv := unstable.Prefs.Level[sh.DM]
					ui := uiIndex(sh.UI)
					first, best, top := -1, -1, int32(-1)
					for _, w := range e.UIs {
						top = max(top, lv[w.UI])
						if w.Sanctioned {
							continue
						}
						if first < 0 {
							first = w.UI
						}
						if best < 0 || lv[w.UI] > lv[best] {
							best = w.UI
						}
					}
					if ui != best {
						t.Fatalf("%s %v: DM %d cites UI %d, its most preferred unsanctioned UI is %d", o.Scenario.ID, concept, sh.DM, ui+1, best+1)
					}
					if sh.Rank != unstable.Prefs.Rank(sh.DM, ui) || sh.MostPreferred != (lv[ui] == top) {
						t.Fatalf("%s %v: shift %+v: rank or most-preferred flag wrong", o.Scenario.ID, concept, sh)
					}
					checked++
					if first != best {
						differs++
					}
					if !sh.MostPreferred {
						notTop++
					}
				}
			}
			for _, ch := range d.Disappeared {
				if ch.Reason == scenario.StabilityChanged {
					check(ch, o.Result, ch.State.Scenario, func(st scenario.State) int { return st.Scenario })
				}
			}
			for _, ch := range d.Appeared {
				if ch.Reason == scenario.StabilityChanged {
					check(ch, c.Base, ch.State.Base, func(st scenario.State) int { return st.Base })
				}
			}
		}
	}
	t.Logf("%d shifts checked; %d differ from the lowest-numbered unsanctioned UI; %d cite a UI the DM ranks below a sanctioned one", checked, differs, notTop)
	if checked < 100 || differs == 0 {
		t.Fatalf("too few informative shifts: %d checked, %d differing", checked, differs)
	}
}
