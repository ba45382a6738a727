package main

import (
	"io"
	"sort"
	"strconv"
	"strings"

	"github.com/gmcr/gmcr/analysis"
	"github.com/gmcr/gmcr/inverse"
	"github.com/gmcr/gmcr/model/statement"
	"github.com/gmcr/gmcr/report"
	"github.com/gmcr/gmcr/statespace"
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
	for _, w := range splitList([]string{o.edits}) {
		switch strings.ToLower(w) {
		case "reorder":
			sp.Edits.Reorder = true
		case "drop":
			sp.Edits.Drop = true
		case "negate":
			sp.Edits.Negate = true
		default:
			return badInputf("--edits: %q is not an edit; use reorder, drop or negate (comma-separated)", w)
		}
	}
	for _, a := range o.adds {
		dm, text, ok := strings.Cut(a, ":")
		if !ok {
			return badInputf("--add %q: write DM:STATEMENT, e.g. \"US:o1 & not o2\"", a)
		}
		i, err := analysis.DM(ss, dm)
		if err != nil {
			return badInput(err)
		}
		text = strings.TrimSpace(text)
		expr, err := statement.Parse(text)
		if err != nil {
			return badInputf("--add %q: %v", a, err)
		}
		if _, err := ss.Compile(expr); err != nil {
			return badInputf("--add %q: %v", a, err)
		}
		sp.Candidates = append(sp.Candidates, inverse.Candidate{DM: i, Text: text, Expr: expr})
	}
	for _, k := range o.keep {
		refs, err := stmtRefs(ss, &sp, k, "--keep")
		if err != nil {
			return err
		}
		sp.Keep = append(sp.Keep, refs...)
	}
	for _, k := range o.keepOrder {
		refs, err := stmtRefs(ss, &sp, k, "--keep-order")
		if err != nil {
			return err
		}
		if len(refs) < 2 {
			return badInputf("--keep-order %q: name at least two statements", k)
		}
		sort.Slice(refs, func(a, b int) bool { return refs[a].Index < refs[b].Index })
		for a := range refs {
			for b := a + 1; b < len(refs); b++ {
				if refs[a].Index != refs[b].Index {
					sp.Order = append(sp.Order, [2]inverse.StatementRef{refs[a], refs[b]})
				}
			}
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

// stmtRefs reads "DM:1,3": statement numbers (1-based; candidates follow
// the DM's statements) of one DM.
func stmtRefs(ss *statespace.StateSpace, sp *inverse.StatementProblem, s, flag string) ([]inverse.StatementRef, error) {
	dm, rest, ok := strings.Cut(s, ":")
	if !ok {
		return nil, badInputf("%s %q: write DM:N,M with statement numbers, e.g. \"US:1,3\"", flag, s)
	}
	i, err := analysis.DM(ss, dm)
	if err != nil {
		return nil, badInput(err)
	}
	d := ss.Model.DMs[i]
	if len(d.Prefs.Ranking) > 0 {
		return nil, badInputf("%s %q: %s ranks the states directly and has no statements", flag, s, d.ID)
	}
	n := len(d.Prefs.Statements)
	for _, c := range sp.Candidates {
		if c.DM == i {
			n++
		}
	}
	var out []inverse.StatementRef
	for _, f := range strings.Split(rest, ",") {
		k, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || k < 1 || k > n {
			return nil, badInputf("%s %q: %q is not a statement number of %s (1..%d)", flag, s, strings.TrimSpace(f), d.ID, n)
		}
		out = append(out, inverse.StatementRef{DM: i, Index: k - 1})
	}
	return out, nil
}

// statementsHelp is the part of `gmcr inverse --help` on --space
// statements.
const statementsHelp = `
--space statements solves instead for the DMs' option-prioritization
statements, what an analyst can elicit: which statements each DM holds
(--edits drop), in which order of importance (reorder), whether it wants
the opposite of one (negate), and which candidate statements offered with
--add it takes up. A list scores states as the model does (a statement
weighs twice the sum of those below it), so a state is preferred exactly
when the first statement telling the two apart holds there. The closest
solution needs the fewest edits: a moved, dropped, negated or added
statement counts one each (moves: the fewest statements taken out and put
back elsewhere). --keep keeps statements in a list as stated; --keep-order
keeps statements in their present order whenever both are held. DMs with
a direct ranking keep it.`
