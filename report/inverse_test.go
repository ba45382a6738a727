package report_test

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/gmcr/gmcr/internal/testmodel"
	"github.com/gmcr/gmcr/inverse"
	"github.com/gmcr/gmcr/report"
	"github.com/gmcr/gmcr/robustness"
	"github.com/gmcr/gmcr/stability"
)

// TestInverseAndRobustnessJSON checks the inverse and robustness documents
// of the Prisoner's Dilemma and the built-in example against their schemas.
func TestInverseAndRobustnessJSON(t *testing.T) {
	inv, rob := docSchema(t, "inverse"), docSchema(t, "robustness")
	ctx := context.Background()
	pd := testmodel.Run(t, testmodel.Example(t, "prisoners-dilemma"))
	var all bytes.Buffer
	for _, p := range []inverse.Problem{
		{Concept: stability.Nash, Targets: []int{0}},                     // mutual cooperation: needs changes
		{Concept: stability.Nash, Targets: []int{0}, Fixed: []int{0, 1}}, // impossible
		{Concept: stability.SEQ, Targets: []int{3}},                      // already an equilibrium
	} {
		res, err := inverse.Solve(ctx, pd.Space, pd.Prefs, p)
		if err != nil {
			t.Fatal(err)
		}
		var out bytes.Buffer
		if err := report.WriteInverse(&out, pd.Space, &p, res, report.JSON); err != nil {
			t.Fatal(err)
		}
		validate(t, inv, "inverse", out.Bytes())
		all.Write(out.Bytes())
		var txt bytes.Buffer
		if err := report.WriteInverse(&txt, pd.Space, &p, res, report.Text); err != nil {
			t.Fatal(err)
		}
		if !res.Exists && !strings.Contains(txt.String(), "conflict") {
			t.Errorf("no conflict explained:\n%s", txt.String())
		}
	}
	covers(t, "inverse documents", all.Bytes(), `"exists": false`, `"exists": true`, `"rankings"`, `"was": "worse"`)

	uk := testmodel.Run(t, testmodel.Example(t, "ukraine-security"))
	sp, err := robustness.NewSpace(uk.Space, uk.Prefs)
	if err != nil {
		t.Fatal(err)
	}
	one, err := sp.RunOneStep(ctx, stability.Concepts, 0)
	if err != nil {
		t.Fatal(err)
	}
	smp, err := sp.Sample(ctx, stability.Concepts, []robustness.Uncertainty{{DM: 0, Doubtful: []int{3, 4}}}, 50, 1, 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range []*report.Robustness{
		{Space: uk.Space, Mode: "one-step", Counts: &one.Counts, Base: one.Base, OneStep: one},
		{Space: uk.Space, Mode: "sample", Counts: &smp.Counts, Base: smp.Base, Seed: 1, Uncertain: []string{"RU: statements 4, 5"}},
	} {
		var out bytes.Buffer
		if err := report.WriteRobustness(&out, r, report.JSON); err != nil {
			t.Fatal(err)
		}
		validate(t, rob, "robustness "+r.Mode, out.Bytes())
		if r.OneStep != nil {
			covers(t, "one-step robustness", out.Bytes(), `"destroyed_by"`, `"state": 176`)
		}
		var svg bytes.Buffer
		if err := report.WriteRobustnessSVG(&svg, r); err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(svg.String(), "<svg") || !strings.HasSuffix(svg.String(), "</svg>\n") {
			t.Errorf("not an SVG document")
		}
	}
	// State 176 is the base Nash equilibrium: under one-step changes it
	// stays one in 68 of 77 profiles (9 changes destroy it).
	if got := one.Eq[stability.Nash][175]; one.Profiles != 77 || got != 68 {
		t.Errorf("state 176: Nash in %d of %d one-step profiles, want 68 of 77", got, one.Profiles)
	}
}

// TestInverseNotProvenWording checks that "not proven closest" names the
// limits that were set (the work limit, the time budget, both) and, with
// neither, says that no limit can help.
func TestInverseNotProvenWording(t *testing.T) {
	pd := testmodel.Run(t, testmodel.Example(t, "prisoners-dilemma"))
	for _, tc := range []struct {
		budget   time.Duration
		work     int64
		want, no string
	}{
		{10 * time.Second, 0, "(the time budget ran out; raise --budget or give 0 for no time limit)", "whatever the limits"},
		{0, 1000, "(the work limit ran out; raise --work-limit or give 0 for no limit)", "budget"},
		{10 * time.Second, 1000, "(the work limit or the time budget ran out; raise --work-limit and --budget, or give 0 for no limit)", "whatever the limits"},
		{0, 0, "(the question is too large to prove a change closest, whatever the limits)", "raise"},
	} {
		p := inverse.Problem{Concept: stability.Nash, Targets: []int{0}, Budget: tc.budget, Work: tc.work}
		res, err := inverse.Solve(context.Background(), pd.Space, pd.Prefs, p)
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Changes) == 0 {
			t.Fatal("mutual cooperation needs no change")
		}
		res.Optimal = false // as when the proof is cut short
		var txt bytes.Buffer
		if err := report.WriteInverse(&txt, pd.Space, &p, res, report.Text); err != nil {
			t.Fatal(err)
		}
		if s := txt.String(); !strings.Contains(s, tc.want) || strings.Contains(s, tc.no) {
			t.Errorf("budget %v: want %q and not %q:\n%s", tc.budget, tc.want, tc.no, s)
		}
	}
}

// TestInverseKnownOnce checks that a known preference is marked known
// once per line: the heading line says "Known: ..." without repeating it,
// a conflict names it "(known)".
func TestInverseKnownOnce(t *testing.T) {
	pd := testmodel.Run(t, testmodel.Example(t, "prisoners-dilemma"))
	p := inverse.Problem{Concept: stability.Nash, Targets: []int{0}, Known: []inverse.Pref{{DM: 0, Better: 1, Worse: 0}, {DM: 0, Better: 0, Worse: 1, Weak: true}}}
	res, err := inverse.Solve(context.Background(), pd.Space, pd.Prefs, p)
	if err != nil {
		t.Fatal(err)
	}
	var txt bytes.Buffer
	if err := report.WriteInverse(&txt, pd.Space, &p, res, report.Text); err != nil {
		t.Fatal(err)
	}
	out := txt.String()
	for _, want := range []string{
		"Known: P1 prefers state 2 to state 1.\n",
		"Known: P1 likes state 1 at least as much as state 2.\n",
		"  - P1 prefers state 2 to state 1 (known)\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("missing %q in:\n%s", want, out)
		}
	}
	for _, line := range strings.Split(out, "\n") {
		if n := strings.Count(strings.ToLower(line), "known"); n > 1 {
			t.Errorf("%q says known %d times", line, n)
		}
	}
}
