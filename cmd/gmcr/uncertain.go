package main

import (
	"io"
	"strings"

	"github.com/gmcr/gmcr/analysis"
	"github.com/gmcr/gmcr/report"
	"github.com/gmcr/gmcr/stability"
	"github.com/gmcr/gmcr/uncertain"
	"github.com/spf13/cobra"
)

func newUncertainCmd(e *env) *cobra.Command {
	var o struct {
		scenario, format, output, state, dm, concept string
		maxStates                                    int
		quiet                                        bool
	}
	cmd := &cobra.Command{
		Use:   "uncertain [FILE] [--state S [--dm D] [--concept C]]",
		Short: "Stability when some preferences are unknown (Nash, GMR, SMR, SEQ in extensions a-d)",
		Long: `Uncertain analyses a model whose decision makers leave some comparisons
of states unknown (preferences: unknown: groups of states, or statements
marked unsure: true; see docs/model-format.md). It decides the sixteen
definitions of Li, Hipel, Kilgour & Fang (2004): Nash, GMR, SMR and SEQ,
each in four extensions:

  (a) the DM considers moves to states of unknown preference too, and a
      sanction must end in a state it knows is no better;
  (b) only its unilateral improvements; the same sanctions as (a);
  (c) moves as (a); a sanction may end in a state of unknown preference;
  (d) moves as (b); sanctions as (c).

Within a concept, (a) is the strictest and (d) the most lenient:
stable under (a) implies stable under (b) and (c), each of which implies
(d). SEQ sanctions are legal sequences of the other DMs' improvements or
moves of unknown preference. Without unknown comparisons all four
extensions are the ordinary concept.

The output has a row per state with a mark per extension (* equilibrium)
for each concept, and the equilibria (--format markdown: the same as a
Markdown document); --format json (described by
docs/uncertain.schema.json) and csv add each DM's stability. With --state,
it explains the state instead (json: docs/uncertain-explanation.schema.json): for each DM (or --dm) and definition (or
--concept, e.g. GMR(a),SEQ(d)), the moves considered and the sanction
witness of each, or that none exists. --scenario ID analyses a scenario
of the model file; scenarios may mark statements unsure, add groups of
states of unknown order or clear them (docs/model-format.md), and
gmcr compare --uncertain compares every scenario with the model under
the sixteen definitions. Without FILE, the built-in example is used (it
has no unknown comparisons: every extension is then the ordinary
concept; its scenario inferences_unknown marks the analyst's inferences
unsure).`,
		Example: `  # The sixteen definitions for a model with an unknown comparison
  gmcr examples prisoners-dilemma-unknown -o pd.yaml
  gmcr uncertain pd.yaml

  # Why mutual cooperation is GMR-stable for P1 in extension (c) but not (a)
  gmcr uncertain pd.yaml --state 1 --dm P1 --concept "GMR(a),GMR(c)"

  # The sixteen definitions as Markdown, for a written report
  gmcr uncertain pd.yaml --format markdown -o uncertain.md

  # The built-in example with the analyst's inferences unknown
  gmcr uncertain --scenario inferences_unknown --state 176 --concept "Nash(a),SEQ(a)"`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if o.state == "" {
				for _, fl := range []string{"dm", "concept"} {
					if cmd.Flags().Changed(fl) {
						return badInputf("--%s applies only with --state (the state to explain); add --state N, or leave out --%s", fl, fl)
					}
				}
			}
			f, err := parseFormat(o.format, report.UncertainFormats...)
			if err != nil {
				return err
			}
			m, _, err := e.loadScenario(cmd, argOrEmpty(args), o.scenario, o.quiet)
			if err != nil {
				return err
			}
			base := []stability.Concept{stability.Nash, stability.GMR, stability.SMR, stability.SEQ}
			var r *analysis.Result
			if o.state == "" {
				r, err = analysis.Run(e.ctx, m, memoryOptions(analysis.Options{Concepts: base, MaxStates: o.maxStates}))
			} else {
				r, err = analysis.Prepare(e.ctx, m, memoryOptions(analysis.Options{MaxStates: o.maxStates}))
			}
			if err != nil {
				return engineError(e.ctx, err)
			}
			rel, err := uncertain.NewRelation(r.Space, r.Prefs)
			if err != nil {
				return badInput(err)
			}
			if !m.HasUnknown() && !o.quiet {
				e.warnf(o.quiet, "note: the model has no unknown comparisons; every extension is the ordinary concept")
			}
			if o.state == "" {
				ua, err := uncertain.Analyze(e.ctx, rel, r.Stability)
				if err != nil {
					return engineError(e.ctx, err)
				}
				return e.writeOutput(o.output, func(w io.Writer) error {
					return report.WriteUncertain(w, r, ua, f)
				})
			}
			if f == report.CSV {
				return badInputf("explanations are written as text, markdown or json")
			}
			s, err := analysis.State(r.Space, strings.Join(strings.Fields(o.state), ""))
			if err != nil {
				return badInput(err)
			}
			dms, err := dmsFlag(r.Space, o.dm)
			if err != nil {
				return err
			}
			concepts := uncertain.Concepts
			if c := strings.TrimSpace(o.concept); c != "" && !strings.EqualFold(c, "all") {
				concepts = nil
				for _, part := range strings.Split(c, ",") {
					uc, err := uncertain.ParseConcept(part)
					if err != nil {
						return badInput(err)
					}
					concepts = append(concepts, uc)
				}
			}
			var exs []*uncertain.Explanation
			for _, c := range concepts {
				for _, i := range dms {
					ex, err := uncertain.Explain(rel, c, i, s)
					if err != nil {
						return failure(err)
					}
					exs = append(exs, ex)
				}
			}
			return e.writeOutput(o.output, func(w io.Writer) error {
				return report.WriteUncertainExplanations(w, r, rel, exs, f)
			})
		},
	}
	formatFlag(cmd, &o.format, report.UncertainFormats...)
	outputFlag(cmd, &o.output)
	maxStatesFlag(cmd, &o.maxStates)
	scenarioFlag(cmd, &o.scenario)
	quietFlag(cmd, &o.quiet)
	cmd.Flags().Var(stateValue(&o.state), "state", "explain this state (number, Y/N pattern, state id in graph form, or sq)")
	cmd.Flags().StringVar(&o.dm, "dm", "", "with --state: the DMs to explain (id, name or number; comma-separated; as for explain --dm; default all)")
	cmd.Flags().StringVar(&o.concept, "concept", "", `with --state: the definitions, e.g. "GMR(a),SEQ(d)" (default all sixteen)`)
	return cmd
}
