package main

import (
	"io"

	"github.com/gmcr/gmcr/analysis"
	"github.com/gmcr/gmcr/report"
	"github.com/spf13/cobra"
)

func newAnalyzeCmd(e *env) *cobra.Command {
	var o struct {
		format, output, concepts, layout string
		maxStates                        int
		quiet                            bool
	}
	cmd := &cobra.Command{
		Use:     "analyze [FILE]",
		Aliases: []string{"analyse"},
		Short:   "Find the stable states and equilibria of a model",
		Long: `Analyze decides, for every feasible state and every decision maker (DM),
whether the state is stable under each solution concept, and lists the
equilibria (states stable for every DM).

The text and markdown formats print the tableau of GMCR II and GMCR+: one
column per state (its number and decimal code), the options grouped by DM
(Y = taken, N = not taken), each DM's rank of each state (1 = most
preferred), the stability marks (r = rational: no unilateral improvement;
s = stable: every unilateral improvement sanctioned; u = unstable) and the
equilibria (*). Models with more than 40 states are printed one state per
row instead; --layout chooses. The json format is described by
docs/analysis.schema.json; csv has one row per state.

FILE is a YAML or JSON model file, a GMCR+ save file (.gmcr), or "-" for
standard input. Without FILE, the built-in example is analysed.`,
		Example: `  # The built-in example, as a tableau
  gmcr analyze

  # A model file, as Markdown, written to a file
  gmcr examples elmira -o elmira.yaml
  gmcr analyze elmira.yaml --format markdown -o elmira.md

  # Only Nash and GMR, one state per row
  gmcr analyze elmira.yaml --concepts Nash,GMR --layout rows

  # JSON for other programs; CSV for a spreadsheet
  gmcr analyze elmira.yaml --format json -o elmira.json
  gmcr analyze elmira.yaml --format csv -o elmira.csv`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			f, err := parseFormat(o.format, report.Formats...)
			if err != nil {
				return err
			}
			layout, err := report.ParseLayout(o.layout)
			if err != nil {
				return badInput(err)
			}
			concepts, err := parseConcepts(o.concepts)
			if err != nil {
				return err
			}
			m, ex, err := e.load(argOrEmpty(args), o.quiet)
			if err != nil {
				return err
			}
			e.noteExtras(ex, o.quiet)
			progress, done := e.progress(o.quiet, len(m.DMs))
			r, err := analysis.Run(e.ctx, m, analysis.Options{Concepts: concepts, MaxStates: o.maxStates, Progress: progress})
			done()
			if err != nil {
				return engineError(e.ctx, err)
			}
			return e.writeOutput(o.output, func(w io.Writer) error {
				return report.Write(w, r, f, report.Options{Layout: layout})
			})
		},
	}
	formatFlag(cmd, &o.format, report.Formats...)
	outputFlag(cmd, &o.output)
	conceptsFlag(cmd, &o.concepts)
	cmd.Flags().StringVar(&o.layout, "layout", "auto", "tableau layout for text and markdown: auto|columns|rows (auto: columns up to 40 states)")
	maxStatesFlag(cmd, &o.maxStates)
	quietFlag(cmd, &o.quiet)
	return cmd
}
