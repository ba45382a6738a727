package stability_test

import (
	"context"
	"fmt"

	"github.com/gmcr/gmcr/model"
	"github.com/gmcr/gmcr/model/statement"
	"github.com/gmcr/gmcr/preference"
	"github.com/gmcr/gmcr/stability"
	"github.com/gmcr/gmcr/statespace"
)

func lit(id string) *statement.Expr { return &statement.Expr{Op: statement.Lit, Option: id} }
func not(e *statement.Expr) *statement.Expr {
	return &statement.Expr{Op: statement.Not, Args: []*statement.Expr{e}}
}

// prisonersDilemma builds the Prisoner's Dilemma in option form: each
// player's one option is to defect. Each prefers the other to cooperate
// first, and then to defect itself.
func prisonersDilemma() *model.Model {
	return &model.Model{
		Title:   "Prisoner's Dilemma",
		Options: []model.Option{{ID: "d1"}, {ID: "d2"}},
		DMs: []model.DM{
			{ID: "P1", Options: []string{"d1"}, Prefs: model.Preferences{Statements: []model.Statement{{Text: "not d2", Expr: not(lit("d2"))}, {Text: "d1", Expr: lit("d1")}}}},
			{ID: "P2", Options: []string{"d2"}, Prefs: model.Preferences{Statements: []model.Statement{{Text: "not d1", Expr: not(lit("d1"))}, {Text: "d2", Expr: lit("d2")}}}},
		},
	}
}

// Analyze finds mutual defection (state 4: both options taken) to be the
// only Nash equilibrium of the Prisoner's Dilemma, while mutual cooperation
// (state 1) is stable by GMR, SMR, SEQ and SIM: a defector is sanctioned by
// the other's defection, which is also the other's own improvement.
func ExampleAnalyze() {
	ctx := context.Background()
	m := prisonersDilemma()
	ss, err := statespace.Build(ctx, m, statespace.Options{})
	if err != nil {
		panic(err)
	}
	prefs, err := preference.Compute(ss)
	if err != nil {
		panic(err)
	}
	a, err := stability.Analyze(ctx, ss, prefs, stability.Config{})
	if err != nil {
		panic(err)
	}
	for _, c := range a.Concepts {
		var nums []int
		for _, s := range a.Equilibria(c) {
			nums = append(nums, statespace.Number(s))
		}
		fmt.Println(c, nums)
	}
	// Output:
	// Nash [4]
	// GMR [1 4]
	// SMR [1 4]
	// SEQ [1 4]
	// SIM [1 4]
}
