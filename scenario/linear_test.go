package scenario_test

import (
	"fmt"
	"runtime"
	"strings"
	"testing"

	"github.com/gmcr/gmcr/model"
	"github.com/gmcr/gmcr/scenario"
)

// TestApplyEachIsLinear checks that applying every scenario of a model
// with many scenarios grows linearly with their number: each Apply used to
// validate and copy all the scenarios.
func TestApplyEachIsLinear(t *testing.T) {
	load := func(n int) *model.Model {
		var b strings.Builder
		b.WriteString("title: t\noptions: [{id: a}, {id: b}]\ndecision_makers:\n" +
			"  - {id: A, options: [a], preferences: {statements: [a]}}\n" +
			"  - {id: B, options: [b], preferences: {statements: [b]}}\nscenarios:\n")
		for i := range n {
			fmt.Fprintf(&b, "  - {id: s%d, force: [a], infeasible: [\"a and b\"]}\n", i)
		}
		m, err := model.Parse([]byte(b.String()), "m.yaml")
		if err != nil {
			t.Fatal(err)
		}
		return m
	}
	work := func(m *model.Model) uint64 {
		var a, b runtime.MemStats
		runtime.ReadMemStats(&a)
		for _, sc := range m.Scenarios {
			sm, err := scenario.Apply(m, sc.ID)
			if err != nil {
				t.Fatal(err)
			}
			if len(sm.Scenarios) != 0 || len(sm.Infeasible) != 2 {
				t.Fatalf("scenario %s: %d scenarios, %d conditions", sc.ID, len(sm.Scenarios), len(sm.Infeasible))
			}
		}
		runtime.ReadMemStats(&b)
		return b.TotalAlloc - a.TotalAlloc
	}
	small, large := load(500), load(1000)
	work(small)
	if g := float64(work(large)) / float64(work(small)); g > 3 {
		t.Errorf("twice as many scenarios cost %.1f times the work", g)
	}
}
