package main

import (
	"io"

	"github.com/gmcr/gmcr/analysis"
	"github.com/gmcr/gmcr/report"
	"github.com/spf13/cobra"
)

func newStatesCmd(e *env) *cobra.Command {
	var o struct {
		scenario       string
		format, output string
		maxStates      int
		quiet          bool
	}
	cmd := &cobra.Command{
		Use:   "states [FILE]",
		Short: "List the feasible states of a model with each DM's ranking",
		Long: `States lists the feasible states of a model, one per row: the state
number, its decimal code, Y (taken) or N (not taken) for every option
(grouped by DM), and each DM's rank of the state (1 = most preferred; tied
states share a rank). The numbers are those that rankings in model files
and every other gmcr command use: options ordered by DM, option k adding 2^k
to the code, feasible states numbered by ascending code (as in GMCR+).

Use it to write a direct ranking, or to check that statements rank the
states as intended. Without FILE, the built-in example is listed.`,
		Example: `  # The states of a model and how each DM ranks them
  gmcr examples elmira -o elmira.yaml
  gmcr states elmira.yaml

  # As CSV, for a spreadsheet
  gmcr states elmira.yaml --format csv -o states.csv`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			f, err := parseFormat(o.format, report.Formats...)
			if err != nil {
				return err
			}
			m, _, err := e.loadScenario(cmd, argOrEmpty(args), o.scenario, o.quiet)
			if err != nil {
				return err
			}
			r, err := analysis.Prepare(e.ctx, m, memoryOptions(analysis.Options{MaxStates: o.maxStates}))
			if err != nil {
				return engineError(e.ctx, err)
			}
			return e.writeOutput(o.output, func(w io.Writer) error {
				return report.WriteStates(w, r, f, report.Options{})
			})
		},
	}
	formatFlag(cmd, &o.format, report.Formats...)
	outputFlag(cmd, &o.output)
	maxStatesFlag(cmd, &o.maxStates)
	scenarioFlag(cmd, &o.scenario)
	quietFlag(cmd, &o.quiet)
	return cmd
}
