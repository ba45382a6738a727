package report_test

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/gmcr/gmcr/internal/testmodel"
	"github.com/gmcr/gmcr/inverse"
	"github.com/gmcr/gmcr/model/statement"
	"github.com/gmcr/gmcr/report"
	"github.com/gmcr/gmcr/stability"
)

// TestInverseStatementsJSON checks the inverse documents over statement
// lists of the Prisoner's Dilemma against the schema: edits of every kind,
// a conflict, and a target that needs no edit.
func TestInverseStatementsJSON(t *testing.T) {
	inv := docSchema(t, "inverse")
	pd := testmodel.Run(t, testmodel.Example(t, "prisoners-dilemma"))
	notD1, err := statement.Parse("not d1")
	if err != nil {
		t.Fatal(err)
	}
	notD2, err := statement.Parse("not d2")
	if err != nil {
		t.Fatal(err)
	}
	all := inverse.Edits{Reorder: true, Drop: true, Negate: true}
	var docs bytes.Buffer
	for _, sp := range []inverse.StatementProblem{
		{Problem: inverse.Problem{Concept: stability.Nash, Targets: []int{0}}, Edits: inverse.Edits{Reorder: true, Drop: true}},
		{Problem: inverse.Problem{Concept: stability.Nash, Targets: []int{0}}, Edits: inverse.Edits{Negate: true}},
		{Problem: inverse.Problem{Concept: stability.Nash, Targets: []int{0}}, Edits: inverse.Edits{Reorder: true},
			Candidates: []inverse.Candidate{{DM: 0, Text: "not d1", Expr: notD1}, {DM: 1, Text: "not d2", Expr: notD2}}, Keep: []inverse.StatementRef{{DM: 0, Index: 1}}},
		// P1 must come to prefer mutual defection to mutual cooperation:
		// "I defect" moves above "the other cooperates".
		{Problem: inverse.Problem{Concept: stability.SEQ, Targets: []int{3}, Known: []inverse.Pref{{DM: 0, Better: 3, Worse: 0}}}, Edits: inverse.Edits{Reorder: true}},
		{Problem: inverse.Problem{Concept: stability.Nash, Targets: []int{0}, Fixed: []int{1}}, Edits: all},
		{Problem: inverse.Problem{Concept: stability.SEQ, Targets: []int{3}}, Edits: all},
	} {
		res, err := inverse.SolveStatements(context.Background(), pd.Space, pd.Prefs, sp)
		if err != nil {
			t.Fatal(err)
		}
		var out bytes.Buffer
		if err := report.WriteInverseStatements(&out, pd.Space, &sp, res, report.JSON); err != nil {
			t.Fatal(err)
		}
		validate(t, inv, "inverse statements", out.Bytes())
		docs.Write(out.Bytes())
		var txt bytes.Buffer
		if err := report.WriteInverseStatements(&txt, pd.Space, &sp, res, report.Text); err != nil {
			t.Fatal(err)
		}
		if !res.Exists && !strings.Contains(txt.String(), "conflict") {
			t.Errorf("no conflict explained:\n%s", txt.String())
		}
	}
	covers(t, "inverse statement documents", docs.Bytes(), `"space": "statements"`, `"kind": "drop"`, `"kind": "negate"`,
		`"kind": "add"`, `"kind": "move"`, `"negated": true`, `"candidate": true`, `"exists": false`, `"allowed_edits"`)
}
