package scenario_test

import (
	"context"
	"fmt"

	"github.com/gmcr/gmcr/analysis"
	"github.com/gmcr/gmcr/model"
	"github.com/gmcr/gmcr/scenario"
	"github.com/gmcr/gmcr/stability"
	"github.com/gmcr/gmcr/uncertain"
)

// ExampleCompareUncertain compares the Prisoner's Dilemma with a scenario
// in which P1 is unsure of its first statement (that P2 should not
// defect): its comparison of mutual cooperation (state 1) with mutual
// defection (state 4) becomes unknown. Mutual cooperation stays a GMR
// equilibrium only in extensions (c) and (d): P1's defection (1 -> 2) is
// answered by P2's (2 -> 4), a sanction that deters under (a) and (b) only
// if P1 knows 4 is no better than 1.
func ExampleCompareUncertain() {
	const pd = `title: Prisoner's Dilemma
options: [{id: d1}, {id: d2}]
decision_makers:
  - {id: P1, options: [d1], preferences: {statements: ["not d2", "d1"]}}
  - {id: P2, options: [d2], preferences: {statements: ["not d1", "d2"]}}
scenarios:
  - id: unsure
    preferences:
      P1: {unsure: ["not d2"]}
`
	m, err := model.Parse([]byte(pd), "pd.yaml")
	if err != nil {
		fmt.Println(err)
		return
	}
	c, err := scenario.CompareUncertain(context.Background(), m, nil, analysis.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	o := c.Scenarios[0]
	for _, e := range uncertain.Extensions {
		d := o.Diff(uncertain.Concept{Base: stability.GMR, Ext: e})
		fmt.Printf("GMR(%v): kept %d, lost %d, gained %d\n", e, len(d.Kept), len(d.Disappeared), len(d.Appeared))
	}
	// Output:
	// GMR(a): kept 1, lost 1, gained 0
	// GMR(b): kept 1, lost 1, gained 0
	// GMR(c): kept 2, lost 0, gained 0
	// GMR(d): kept 2, lost 0, gained 0
}
