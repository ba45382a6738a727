package main

import (
	"io"
	"strings"

	"github.com/gmcr/gmcr/analysis"
	"github.com/gmcr/gmcr/inverse"
	"github.com/gmcr/gmcr/report"
	"github.com/spf13/cobra"
)

// stmtFlags are the flags of `gmcr inverse --space statements`.
type stmtFlags struct {
	space, edits          string
	keep, keepOrder, adds []string
}

func (o *stmtFlags) register(cmd *cobra.Command) {
	cmd.Flags().StringVar(&o.space, "space", "rankings", "preferences to solve for: rankings (of the states) or statements (orderings and selections of each DM's preference statements)")
	cmd.Flags().StringVar(&o.edits, "edits", "reorder,drop", "with --space statements: the edits allowed, any of reorder, drop, negate")
	cmd.Flags().StringArrayVar(&o.keep, "keep", nil, `with --space statements: statements that stay in a DM's list as stated, "DM:1,3" (repeatable)`)
	cmd.Flags().StringArrayVar(&o.keepOrder, "keep-order", nil, `with --space statements: statements that keep their present order whenever both are held, "DM:1,2,4" (repeatable)`)
	cmd.Flags().StringArrayVar(&o.adds, "add", nil, `with --space statements: a candidate statement a DM might come to hold, "DM:o1 & not o2" (repeatable); numbered after the DM's statements`)
}

// statementSpace reports whether --space asks for statements; it rejects
// statement flags given with rankings.
func (o *stmtFlags) statementSpace(cmd *cobra.Command) (bool, error) {
	switch strings.ToLower(strings.TrimSpace(o.space)) {
	case "rankings", "ranking":
		for _, f := range []string{"edits", "keep", "keep-order", "add"} {
			if cmd.Flags().Changed(f) {
				return false, badInputf("--%s applies to --space statements only", f)
			}
		}
		return false, nil
	case "statements", "statement":
		return true, nil
	}
	return false, badInputf("--space must be rankings or statements, not %q", o.space)
}

// runStatements answers p over statement lists and writes the answer.
func (o *stmtFlags) run(e *env, output string, f report.Format, r *analysis.Result, p inverse.Problem) error {
	ss := r.Space
	sp := inverse.StatementProblem{Problem: p}
	var err error
	if sp.Edits, err = inverse.ParseEdits(o.edits); err != nil {
		return badInputf("--%v", err)
	}
	for _, a := range o.adds {
		c, err := inverse.ParseCandidate(ss, a)
		if err != nil {
			return badInputf("--add: %v", err)
		}
		sp.Candidates = append(sp.Candidates, c)
	}
	for _, k := range o.keep {
		if err := sp.AddKeep(ss, k); err != nil {
			return badInputf("--keep: %v", err)
		}
	}
	for _, k := range o.keepOrder {
		if err := sp.AddKeepOrder(ss, k); err != nil {
			return badInputf("--keep-order: %v", err)
		}
	}
	res, err := inverse.SolveStatements(e.ctx, ss, r.Prefs, sp)
	if err != nil {
		return badInput(err)
	}
	return e.writeOutput(output, func(w io.Writer) error {
		return report.WriteInverseStatements(w, ss, &sp, res, f)
	})
}

// statementsHelp is the part of `gmcr inverse --help` on --space
// statements.
const statementsHelp = `
--space statements solves instead for the DMs' option-prioritization
statements, what an analyst can elicit: which statements each DM holds
(--edits drop), in which order of importance (reorder), whether it wants
the opposite of one (negate), and which candidate statements offered with
--add it takes up. A list scores states as the model does (a statement
outweighs all those below it together), so a state is preferred exactly
when the first statement telling the two apart holds there. The closest
solution needs the fewest edits: a moved, dropped, negated or added
statement counts one each (moves: the fewest statements taken out and put
back elsewhere). --keep keeps statements in a list as stated; --keep-order
keeps statements in their present order whenever both are held. DMs with
a direct ranking keep it.`
