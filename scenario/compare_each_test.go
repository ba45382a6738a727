package scenario_test

import (
	"context"
	"strings"
	"testing"

	"github.com/gmcr/gmcr/analysis"
	"github.com/gmcr/gmcr/model"
	"github.com/gmcr/gmcr/scenario"
)

// withBroken is pd with a second scenario that rules out every state (it
// passes validation, but cannot be analysed) and a third that works.
const withBroken = pd + `  - id: broken
    force: [d1]
    infeasible: ["d1"]
  - id: no_d1
    forbid: [d1]
`

// CompareEach keeps a broken scenario in place with its error and
// compares the others exactly as Compare compares them alone.
func TestCompareEachKeepsFailedScenario(t *testing.T) {
	ctx := context.Background()
	m, err := model.Parse([]byte(withBroken), "pd.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := scenario.Compare(ctx, m, nil, analysis.Options{}); err == nil || !strings.Contains(err.Error(), `"broken"`) {
		t.Fatalf("Compare: err %v, want the broken scenario's", err)
	}
	c, err := scenario.CompareEach(ctx, m, nil, analysis.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Scenarios) != 3 {
		t.Fatalf("%d outcomes, want 3", len(c.Scenarios))
	}
	ids := []string{"no_d2", "broken", "no_d1"}
	for i, o := range c.Scenarios {
		if o.Scenario.ID != ids[i] {
			t.Errorf("outcome %d is %s, want %s", i, o.Scenario.ID, ids[i])
		}
	}
	bad := c.Scenarios[1]
	if bad.Err == nil || bad.Result != nil || bad.Diffs != nil {
		t.Fatalf("broken: err %v, result %v, diffs %v", bad.Err, bad.Result != nil, bad.Diffs)
	}
	if msg := bad.Err.Error(); !strings.HasPrefix(msg, `pd.yaml:14:13: `) || !strings.Contains(msg, "no state is feasible") {
		t.Errorf("broken: %q, want its position and why", msg)
	}
	if f := c.Failed(); len(f) != 1 || f[0] != bad {
		t.Errorf("Failed() = %v", f)
	}
	// The working scenarios: as Compare gives them.
	good, err := scenario.Compare(ctx, m, []string{"no_d2", "no_d1"}, analysis.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for i, j := range []int{0, 2} {
		o, want := c.Scenarios[j], good.Scenarios[i]
		if o.Err != nil || len(o.Diffs) != len(want.Diffs) {
			t.Fatalf("%s: err %v, %d diffs", o.Scenario.ID, o.Err, len(o.Diffs))
		}
		for k := range o.Diffs {
			if got, w := diffText(o.Diffs[k]), diffText(want.Diffs[k]); got != w {
				t.Errorf("%s %v: %s, want %s", o.Scenario.ID, o.Diffs[k].Concept, got, w)
			}
		}
	}
	// An unknown id is still an error of the call, not a failed scenario.
	if _, err := scenario.CompareEach(ctx, m, []string{"no_d2", "nope"}, analysis.Options{}); err == nil || !strings.Contains(err.Error(), `unknown scenario "nope"`) {
		t.Errorf("unknown id: err %v", err)
	}
	if _, err := scenario.CompareEach(ctx, m, []string{"no_d2", "no_d2"}, analysis.Options{}); err == nil {
		t.Error("a scenario listed twice: no error")
	}
}

// diffText lists a diff's kept, appeared and disappeared codes.
func diffText(d scenario.Diff) string {
	var b strings.Builder
	for _, s := range d.Kept {
		b.WriteString(" k" + string(rune('0'+s.Code)))
	}
	for _, ch := range d.Appeared {
		b.WriteString(" +" + string(rune('0'+ch.State.Code)) + ch.Reason.String())
	}
	for _, ch := range d.Disappeared {
		b.WriteString(" -" + string(rune('0'+ch.State.Code)) + ch.Reason.String())
	}
	return b.String()
}
