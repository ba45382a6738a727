package main

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/gmcr/gmcr/analysis"
	"github.com/gmcr/gmcr/internal/english"
	"github.com/gmcr/gmcr/model"
	"github.com/gmcr/gmcr/report"
	"github.com/gmcr/gmcr/scenario"
	"github.com/spf13/cobra"
)

func newCompareCmd(e *env) *cobra.Command {
	var o struct {
		format, output, concepts string
		scenarios                []string
		maxStates                int
		quiet, uncertain         bool
	}
	cmd := &cobra.Command{
		Use:   "compare [FILE] [--scenario ID ...]",
		Short: "Compare the equilibria of a model's what-if scenarios with the model's",
		Long: `Compare analyses a model and its what-if scenarios (the "scenarios:" of
the model file; see docs/model-format.md) and shows, for each solution
concept, which equilibria each scenario keeps, which appear and which
disappear, and why.

A scenario can fix options as taken (force) or not taken (forbid), add
infeasibility conditions, replace the status quo, and change decision
makers' preferences. Since state numbers differ between the model and a
scenario, states are identified by the options taken in them (a Y/N
pattern grouped by DM) and shown with their number in each model.

For an equilibrium that disappears, the reason is that the state became
infeasible, or the DMs for which it is no longer stable, each with the
unilateral improvement an analyst would cite: the DM's most preferred one
among those nothing sanctions in the scenario (the text says whether the
DM prefers a sanctioned one), with its rank, and what that move was in the
model (not an improvement, or sanctioned). For one that appears: the DMs
for which it became stable, each with its most preferred improvement that
was unsanctioned in the model, and what it is in the scenario.

--scenario takes a scenario id; repeat it or separate ids with commas.
Without it, every scenario is compared, in file order. --force OPT,
--forbid OPT and --set-status-quo STATE add a what-if of their own,
compared as one more scenario (id ` + scenario.WhatIfID + `); with them and
without --scenario, only that what-if is compared.

Here --scenario chooses which scenarios to compare. In the commands
  ` + listWhatIf + `
--scenario ID instead analyses that one scenario in full, and there a
state number (--state, --from, --to) is the state's number in the
scenario (its column in the tables compare prints), not in the base model.

With --uncertain, the scenarios are compared under preference
uncertainty instead: Nash, GMR, SMR and SEQ in the four extensions (a)-(d)
of gmcr uncertain. A scenario may mark statements unsure, add groups of
states whose order is unknown, or clear them (docs/model-format.md); the
ordinary concepts ignore those marks, so such a scenario changes nothing
in the plain comparison. For each scenario and definition, it says how
many of the base model's equilibria are kept and which are lost or
gained.

A scenario that cannot be analysed (for example one whose conditions
rule out every state) does not stop the comparison: it keeps its place
and label, the list of scenarios shows its error (the json format gives
it an "error" field instead of its analysis), and the others are
compared. The output is still written, but gmcr then lists the failed
scenarios and exits with status 3, as gmcr report does.

FILE is a YAML or JSON model file or "-" for standard input. Without FILE,
the built-in example (which defines scenarios) is used. The json format is
described by docs/comparison.schema.json.`,
		Example: `  # Every scenario of the built-in example
  gmcr compare

  # Two scenarios, SEQ and SIM only, as Markdown
  gmcr examples ukraine-security -o ukraine.yaml
  gmcr compare ukraine.yaml --scenario russia_at_table,russia_excluded --concepts SEQ,SIM --format markdown

  # A what-if not written in the model: the US troops option forbidden
  gmcr compare --forbid us_troops

  # Which conclusions survive when the analyst's inferences are unknown
  gmcr compare --uncertain --scenario inferences_unknown

  # JSON for other programs
  gmcr compare ukraine.yaml --scenario us_troops_ruled_out --format json -o troops.json`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			f, err := parseFormat(o.format, report.Text, report.Markdown, report.JSON)
			if err != nil {
				return err
			}
			concepts, err := parseConcepts(o.concepts)
			if err != nil {
				return err
			}
			var ids []string
			for _, s := range o.scenarios {
				for _, id := range strings.Split(s, ",") {
					if id = strings.TrimSpace(id); id != "" {
						ids = append(ids, id)
					}
				}
			}
			m, ex, err := e.load(argOrEmpty(args), o.quiet)
			if err != nil {
				return err
			}
			if q := quickWhatIf(cmd); !q.Empty() {
				withQuick, id, err := scenario.AddWhatIf(m, "", q)
				if err != nil {
					return badInput(err)
				}
				if len(ids) == 0 {
					ids = []string{id}
				} else {
					ids = append(ids, id)
				}
				m = withQuick
			}
			if len(m.Scenarios) == 0 {
				what := "the model"
				if m.File != "" {
					what = m.File
				}
				hint := `add them under "scenarios:" (see docs/model-format.md)`
				if ex != nil {
					hint = "GMCR+ files have no scenarios; convert the file to YAML with 'gmcr convert' and add them under \"scenarios:\""
				}
				return badInputf("%s defines no scenarios to compare: %s", what, hint)
			}
			if o.uncertain {
				if cmd.Flags().Changed("concepts") {
					return badInputf("--concepts does not apply with --uncertain: the sixteen definitions (Nash, GMR, SMR, SEQ in extensions a-d) are all compared")
				}
				uc, err := scenario.CompareUncertainEach(e.ctx, m, ids, memoryOptions(analysis.Options{MaxStates: o.maxStates}))
				if err != nil {
					var me *model.Error
					var ml model.ErrorList
					if errors.As(err, &me) || errors.As(err, &ml) {
						return badInput(err)
					}
					return engineError(e.ctx, err)
				}
				if err := e.writeOutput(o.output, func(w io.Writer) error {
					return report.WriteUncertainComparison(w, uc, f)
				}); err != nil {
					return err
				}
				failed := make([]*scenario.Outcome, 0, len(uc.Failed()))
				for _, fo := range uc.Failed() {
					failed = append(failed, &scenario.Outcome{Scenario: fo.Scenario, Err: fo.Err})
				}
				return failedScenarios(o.output, "comparison", len(uc.Scenarios), failed)
			}
			c, err := scenario.CompareEach(e.ctx, m, ids, memoryOptions(analysis.Options{Concepts: concepts, MaxStates: o.maxStates}))
			if err != nil {
				var me *model.Error
				var ml model.ErrorList
				if errors.As(err, &me) || errors.As(err, &ml) {
					return badInput(err)
				}
				return engineError(e.ctx, err)
			}
			if err := e.writeOutput(o.output, func(w io.Writer) error {
				return report.WriteComparison(w, c, f, report.Options{})
			}); err != nil {
				return err
			}
			return failedScenarios(o.output, "comparison", len(c.Scenarios), c.Failed())
		},
	}
	formatFlag(cmd, &o.format, report.Text, report.Markdown, report.JSON)
	outputFlag(cmd, &o.output)
	conceptsFlag(cmd, &o.concepts)
	cmd.Flags().StringSliceVarP(&o.scenarios, "scenario", "s", nil, "compare only scenario `ID` (repeat, or separate ids with commas; default: every scenario)")
	whatIfFlags(cmd)
	builtinExample(cmd)
	maxStatesFlag(cmd, &o.maxStates)
	quietFlag(cmd, &o.quiet)
	cmd.Flags().BoolVar(&o.uncertain, "uncertain", false, "compare under preference uncertainty: Nash, GMR, SMR and SEQ in extensions (a)-(d)")
	return cmd
}

// failedScenarios is the error (exit status 3) naming the scenarios of
// failed that could not be analysed, after what (a comparison) of total
// scenarios was written to output; nil when none failed.
func failedScenarios(output, what string, total int, failed []*scenario.Outcome) error {
	n := len(failed)
	if n == 0 {
		return nil
	}
	where := "standard output"
	if output != "" && output != "-" {
		where = output
	}
	msgs := make([]string, n)
	for i, f := range failed {
		msgs[i] = fmt.Sprintf("scenario %q: %v", f.Scenario.ID, f.Err)
	}
	return failedMessage(n, total, what, where, msgs)
}

// failedMessage is the error (exit status 3) saying that n of total
// scenarios failed, with msgs their errors, and that what, written to
// where, shows them and compares the others, or that none is left to
// compare when all failed.
func failedMessage(n, total int, what, where string, msgs []string) error {
	shows := "it with its error"
	if n > 1 {
		shows = "them with their errors"
	}
	rest := "compares the others"
	switch {
	case n >= total && n == 1:
		return badInputf("the only scenario failed; the %s, written to %s, shows it with its error and has no other scenario to compare:\n%s",
			what, where, strings.Join(msgs, "\n"))
	case n >= total:
		rest = "has no other scenario to compare"
		return badInputf("all %s failed; the %s, written to %s, shows %s and %s:\n%s",
			english.Count(total, "scenario"), what, where, shows, rest, strings.Join(msgs, "\n"))
	}
	return badInputf("%d of %s failed; the %s, written to %s, shows %s and %s:\n%s",
		n, english.Count(total, "scenario"), what, where, shows, rest, strings.Join(msgs, "\n"))
}
