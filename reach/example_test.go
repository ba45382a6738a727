package reach_test

import (
	"context"
	"fmt"

	"github.com/gmcr/gmcr/model"
	"github.com/gmcr/gmcr/preference"
	"github.com/gmcr/gmcr/reach"
	"github.com/gmcr/gmcr/statespace"
)

// Search lists the states two DMs can reach together from state 1 of a
// three-DM conflict, each with a shortest legal sequence: a DM never moves
// twice in a row, so reaching state 4 (both A's and B's options taken)
// takes one move by each, and returning to state 1 takes four.
func ExampleSearch() {
	m, err := model.Parse([]byte(`
title: three DMs
options: [{id: a}, {id: b}, {id: c}]
decision_makers:
  - {id: A, options: [a], preferences: {statements: [a]}}
  - {id: B, options: [b], preferences: {statements: [b]}}
  - {id: C, options: [c], preferences: {statements: [c]}}
`), "three.yaml")
	if err != nil {
		panic(err)
	}
	ctx := context.Background()
	ss, _ := statespace.Build(ctx, m, statespace.Options{})
	prefs, _ := preference.Compute(ss)
	g := &reach.Graph{Space: ss, Prefs: prefs, Movers: []int{0, 1}} // A and B
	tr := reach.Search(g, 0, nil)
	for _, t := range tr.States() {
		fmt.Printf("state %d (%s) in %d steps:", statespace.Number(t), ss.Pattern(t), tr.Dist(t))
		for _, st := range tr.Path(t) {
			fmt.Printf(" %s %d->%d", ss.DMs[st.Mover].ID, statespace.Number(st.From), statespace.Number(st.To))
		}
		fmt.Println()
	}
	// Output:
	// state 1 (NNN) in 4 steps: A 1->2 B 2->4 A 4->3 B 3->1
	// state 2 (YNN) in 1 steps: A 1->2
	// state 3 (NYN) in 1 steps: B 1->3
	// state 4 (YYN) in 2 steps: A 1->2 B 2->4
}
