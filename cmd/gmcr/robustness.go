package main

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/gmcr/gmcr/analysis"
	"github.com/gmcr/gmcr/inverse"
	"github.com/gmcr/gmcr/report"
	"github.com/gmcr/gmcr/robustness"
	"github.com/gmcr/gmcr/stability"
	"github.com/spf13/cobra"
)

func newRobustnessCmd(e *env) *cobra.Command {
	var o struct {
		scenario, format, output, concepts, mode, makeStable, makeConcept string
		makeSpace                                                         string
		reorder, doubt                                                    []string
		samples, top, maxStates, workers                                  int
		seed                                                              int64
		quiet                                                             bool
		makeWork                                                          int64
		makeBudget                                                        time.Duration
	}
	cmd := &cobra.Command{
		Use:   "robustness [FILE]",
		Short: "How robust the equilibria are to changes in the preferences",
		Long: `Robustness measures, for every state and solution concept, the share of
perturbed preference profiles under which the state is an equilibrium, with
a 95% Wilson confidence interval.

--mode one-step (the default) analyses every single edit of one DM's
preferences: drop one preference statement, swap two adjacent ones, negate
one; for a DM that ranks states directly, swap two adjacent tie groups or
break a tie either way. For every equilibrium it lists the one-step edits
that destroy it.

--mode sample draws --samples random profiles (seeded by --seed, the same
counts on any machine and any number of cores) from what is marked
uncertain: --reorder "RU:1-4" lets the order of RU's statements 1 to 4 vary
("RU" alone: all its statements); --doubt "RU:3" makes RU's statement 3
hold, be dropped or be negated with equal chance. Both are repeatable.

--make-stable S also asks the inverse question (see 'gmcr inverse') for
state S under --make-concept: the fewest changed comparisons that make it
an equilibrium (with --make-space statements: the fewest edits of the DMs'
statement lists, moves, drops and negations, as 'gmcr inverse --space
statements --edits reorder,drop,negate'), with the same --work-limit and
--budget. Rows are ordered most robust first; --top limits them
(text, markdown and the heatmap). markdown is the text report as a
Markdown document headed by the model's title; json follows
docs/robustness.schema.json; svg draws a heatmap of states x concepts;
pdf and png print it through Chrome or Chromium, which must be
installed. Without FILE, the built-in example is used.`,
		Example: `  # Every one-step change of the built-in example's preferences
  gmcr robustness

  # 1000 profiles in which Russia's two inferred statements may not hold
  gmcr robustness --mode sample --doubt RU:1,2 --samples 1000 --seed 7

  # A heatmap for print
  gmcr robustness --format svg -o robustness.svg
  gmcr robustness --format pdf -o robustness.pdf`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if o.workers < 0 {
				return badInputf("--workers must be 0 (one per core) or more, got %d", o.workers)
			}
			if o.top < 0 {
				return badInputf("--top must be 0 (every row) or more, got %d", o.top)
			}
			if o.makeWork < 0 || o.makeBudget < 0 {
				return badInputf("--work-limit and --budget must not be negative (0: no limit)")
			}
			for _, name := range []string{"make-concept", "make-space", "work-limit", "budget"} {
				if o.makeStable == "" && cmd.Flags().Changed(name) {
					return badInputf("--%s applies to --make-stable: add --make-stable STATE, or leave out --%s", name, name)
				}
			}
			var svg bool
			var f report.Format
			figure := strings.ToLower(o.format) // svg, png or pdf
			if figure == "svg" || printedFormat(figure) {
				svg = true
			} else {
				var err error
				if f, err = parseFormat(o.format, report.Text, report.Markdown, report.JSON); err != nil {
					return badInputf("unknown format %q; use one of text, markdown, json, svg, png, pdf", o.format)
				}
			}
			concepts, err := parseConcepts(o.concepts)
			if err != nil {
				return err
			}
			m, _, err := e.loadScenario(cmd, argOrEmpty(args), o.scenario, o.quiet)
			if err != nil {
				return err
			}
			r, err := analysis.Prepare(e.ctx, m, analysis.Options{MaxStates: o.maxStates})
			if err != nil {
				return engineError(e.ctx, err)
			}
			ss := r.Space
			sp, err := robustness.NewSpace(ss, r.Prefs)
			if err != nil {
				return badInput(err)
			}
			rep := &report.Robustness{Space: ss, Mode: o.mode, Top: o.top, Seed: o.seed, Title: m.Title}
			switch o.mode {
			case "one-step":
				if len(o.reorder)+len(o.doubt) > 0 {
					return badInputf("--reorder and --doubt apply to --mode sample")
				}
				res, err := sp.RunOneStep(e.ctx, concepts, o.workers)
				if err != nil {
					return engineError(e.ctx, err)
				}
				rep.Counts, rep.Base, rep.OneStep = &res.Counts, res.Base, res
			case "sample":
				us, words, err := robustness.ParseUncertainties(ss, o.reorder, o.doubt)
				if err != nil {
					return badInput(err)
				}
				if len(us) == 0 {
					// Every sample would be the model as written.
					return badInputf(`--mode sample needs something uncertain to vary: add --reorder "DM" or "DM:2-4" (statements whose order may vary) or --doubt "DM:3" (statements that may not hold)`)
				}
				if o.samples < 1 {
					return badInputf("--samples must be at least 1")
				}
				res, err := sp.Sample(e.ctx, concepts, us, o.samples, o.seed, o.workers)
				if err != nil {
					return badInput(err)
				}
				rep.Counts, rep.Base, rep.Uncertain = &res.Counts, res.Base, words
			default:
				return badInputf("unknown --mode %q; use one-step or sample", o.mode)
			}
			var inv *inverse.Result
			var prob inverse.Problem
			var invStmt *inverse.StatementResult
			var stmt *inverse.StatementProblem
			if o.makeStable != "" {
				s, err := analysis.State(ss, o.makeStable)
				if err != nil {
					return badInput(err)
				}
				c, err := stability.ParseConcept(o.makeConcept)
				if err != nil {
					return badInput(err)
				}
				prob = inverse.Problem{Concept: c, Targets: []int{s}, CountLimit: -1, Work: o.makeWork, Budget: o.makeBudget}
				switch o.makeSpace {
				case "statements":
					stmt = &inverse.StatementProblem{Problem: prob, Edits: inverse.Edits{Reorder: true, Drop: true, Negate: true}}
					if invStmt, err = inverse.SolveStatements(e.ctx, ss, r.Prefs, *stmt); err != nil {
						return badInput(err)
					}
				case "rankings":
					if inv, err = inverse.Solve(e.ctx, ss, r.Prefs, prob); err != nil {
						return badInput(err)
					}
				default:
					return badInputf("--make-space must be rankings or statements, not %q", o.makeSpace)
				}
			}
			if printedFormat(figure) {
				return e.printFigure(o.output, figure, func(w io.Writer) error {
					return report.WriteRobustnessSVG(w, rep)
				})
			}
			return e.writeOutput(o.output, func(w io.Writer) error {
				if svg {
					return report.WriteRobustnessSVG(w, rep)
				}
				if err := report.WriteRobustness(w, rep, f); err != nil {
					return err
				}
				if inv != nil && f != report.JSON {
					fmt.Fprintln(w)
					return report.WriteInverseSection(w, ss, &prob, inv, f)
				}
				if invStmt != nil && f != report.JSON {
					fmt.Fprintln(w)
					return report.WriteInverseStatementsSection(w, ss, stmt, invStmt, f)
				}
				return nil
			})
		},
	}
	cmd.Flags().StringVarP(&o.format, "format", "f", "text", "output format: text|markdown|json|svg|png|pdf")
	outputFlag(cmd, &o.output)
	conceptsFlag(cmd, &o.concepts)
	cmd.Flags().StringVar(&o.mode, "mode", "one-step", "one-step (every single edit) or sample (random profiles)")
	cmd.Flags().IntVarP(&o.samples, "samples", "n", 1000, "profiles to draw (--mode sample)")
	cmd.Flags().Int64Var(&o.seed, "seed", 1, "random seed (--mode sample)")
	cmd.Flags().StringArrayVar(&o.reorder, "reorder", nil, `statements whose order may vary, "DM" or "DM:2-4" (repeatable)`)
	cmd.Flags().StringArrayVar(&o.doubt, "doubt", nil, `statements that may not hold (kept, dropped or negated), "DM:3" or "DM:1,3" (repeatable)`)
	cmd.Flags().IntVar(&o.top, "top", 25, "rows shown in text, markdown and the heatmap (0: all)")
	cmd.Flags().IntVar(&o.workers, "workers", 0, "profiles analysed at once (0: one per core)")
	cmd.Flags().StringVar(&o.makeStable, "make-stable", "", "also find the smallest preference change making this state an equilibrium")
	cmd.Flags().StringVar(&o.makeConcept, "make-concept", "SEQ", "concept for --make-stable")
	workLimitFlag(cmd, &o.makeWork)
	budgetFlag(cmd, &o.makeBudget)
	cmd.Flags().StringVar(&o.makeSpace, "make-space", "rankings", "preferences --make-stable changes: rankings or statements (fewest statement edits)")
	maxStatesFlag(cmd, &o.maxStates)
	scenarioFlag(cmd, &o.scenario)
	quietFlag(cmd, &o.quiet)
	return cmd
}
