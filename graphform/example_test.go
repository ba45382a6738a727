package graphform_test

import (
	"context"
	"fmt"

	"github.com/gmcr/gmcr/examples"
	"github.com/gmcr/gmcr/graphform"
	"github.com/gmcr/gmcr/model"
	"github.com/gmcr/gmcr/statespace"
)

// The Prisoner's Dilemma written in graph form: its four states with their
// option values, and each player's moves as arcs.
func Example() {
	ex, _ := examples.Get("prisoners-dilemma")
	m, _ := model.Parse(ex.Data, ex.File)
	res, err := graphform.FromOptions(context.Background(), m, statespace.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, s := range res.Model.States {
		fmt.Println(s.ID, s.Taken)
	}
	for _, mv := range res.Model.DMs[0].Moves {
		fmt.Println("P1:", mv.From, "->", mv.To)
	}
	// Output:
	// s1 []
	// s2 [d1]
	// s3 [d2]
	// s4 [d1 d2]
	// P1: s1 -> [s2]
	// P1: s2 -> [s1]
	// P1: s3 -> [s4]
	// P1: s4 -> [s3]
}
