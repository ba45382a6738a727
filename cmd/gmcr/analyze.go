package main

import (
	"errors"
	"io"

	"github.com/gmcr/gmcr/analysis"
	"github.com/gmcr/gmcr/report"
	"github.com/spf13/cobra"
)

func newAnalyzeCmd(e *env) *cobra.Command {
	var o struct {
		format, output, concepts, layout string
		scenario, dmConcepts             string
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
s = stable: every unilateral improvement sanctioned; u = unstable; - = a
state the DM does not perceive, in a model with misperceptions) and the
equilibria (*). Models with more than 40 states are printed one state per
row instead; --layout chooses. The markdown format also carries the
model's description, sources and notes, so the report stands on its own.
The json format is described by docs/analysis.schema.json. csv has one
row per state: number, code, pattern, one Y/N column per option (as
'gmcr states' writes), rank_<DM>, perceived_<DM> (1/0, only for DMs that
misperceive), stable_<concept>_<DM> and eq_<concept> (1/0).

--scenario ID analyses one of the model's what-if scenarios (scenarios:
in the model file) instead of the model itself; 'gmcr compare' compares
scenarios with the model.

--dm-concepts adds GMCR II's hybrid ("mixed") analysis: each DM is judged
by its own solution concept, and the states stable for every DM under its
own concept are listed as the "Mixed" equilibria (json: "mixed"; csv:
eq_Mixed). Write DM=CONCEPT pairs, comma-separated, with DMs by id; the
entry default=CONCEPT applies to every DM not named. A DM not named takes
the concept: field of its entry in the model file, if any, before the
default. Every DM must end up with a concept, or the command fails. When
--dm-concepts is not given and every DM of the model file has a concept:,
the mixed analysis uses those. The concepts named are computed (and shown)
even when --concepts leaves them out.

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
  gmcr analyze elmira.yaml --format csv -o elmira.csv

  # Hybrid analysis: Uniroyal judged by SMR, every other DM by Nash
  gmcr analyze elmira.yaml --dm-concepts Uniroyal=SMR,default=Nash

  # One what-if scenario of the built-in example
  gmcr analyze --scenario russia_at_table --concepts SEQ`,
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
			m, ex, err := e.loadScenario(cmd, argOrEmpty(args), o.scenario, o.quiet)
			if err != nil {
				return err
			}
			e.noteExtras(ex, o.quiet)
			if m.HasUnknown() {
				e.warnf(o.quiet, "note: the model has unknown comparisons; this analysis orders every pair as the statements or ranking do (every unsure statement held); gmcr uncertain takes them into account")
			}
			mixed, err := dmConcepts(m, o.dmConcepts)
			var partial *partialConcepts
			if errors.As(err, &partial) {
				e.warnf(o.quiet, "note: %v; the mixed (per-DM concept) equilibria are left out", err)
				mixed, err = nil, nil
			}
			if err != nil {
				return badInput(err)
			}
			concepts = withConcepts(concepts, mixed)
			progress, done := e.progress(o.quiet, len(m.DMs))
			r, err := analysis.Run(e.ctx, m, memoryOptions(analysis.Options{Concepts: concepts, MaxStates: o.maxStates, Progress: progress}))
			done()
			if err != nil {
				return engineError(e.ctx, err)
			}
			return e.writeOutput(o.output, func(w io.Writer) error {
				return report.Write(w, r, f, report.Options{Layout: layout, Mixed: mixed})
			})
		},
	}
	formatFlag(cmd, &o.format, report.Formats...)
	outputFlag(cmd, &o.output)
	conceptsFlag(cmd, &o.concepts)
	cmd.Flags().StringVar(&o.layout, "layout", "auto", "tableau layout for text and markdown: auto|columns|rows (auto: columns up to 40 states)")
	scenarioFlag(cmd, &o.scenario)
	cmd.Flags().StringVar(&o.dmConcepts, "dm-concepts", "", "judge each DM by its own concept and add the mixed (hybrid) equilibria; `SPEC` is DM=CONCEPT,... with optional default=CONCEPT")
	maxStatesFlag(cmd, &o.maxStates)
	quietFlag(cmd, &o.quiet)
	return cmd
}

// dmConcepts and withConcepts are analysis.DMConcepts and
// analysis.WithConcepts; a *partialConcepts is analysis's
// *PartialConceptsError.
var (
	dmConcepts   = analysis.DMConcepts
	withConcepts = analysis.WithConcepts
)

type partialConcepts = analysis.PartialConceptsError
