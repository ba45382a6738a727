package main

import (
	"errors"
	"io"
	"strings"

	"github.com/gmcr/gmcr/analysis"
	"github.com/gmcr/gmcr/limitedmove"
	"github.com/gmcr/gmcr/report"
	"github.com/gmcr/gmcr/stability"
	"github.com/spf13/cobra"
)

func newExplainCmd(e *env) *cobra.Command {
	var o struct {
		scenario                           string
		format, output, dm, state, concept string
		maxStates, horizon                 int
		quiet                              bool
	}
	cmd := &cobra.Command{
		Use:   "explain [FILE] --state N [--dm D] [--concept C]",
		Short: "Explain why a state is stable or unstable for a DM",
		Long: `Explain shows why a state is stable or unstable for a decision maker (DM)
under a solution concept, so that the result can be checked by hand.

Each explanation gives the concept's definition first, labelled and set
apart, then the findings. It lists every unilateral improvement (UI) of the
DM from the state: the move, the options it takes or stops taking, the
DM's ranks of both states, and which UI the DM prefers most. For each UI it
gives a sanction (a witness): for GMR, SMR and SEQ the other DMs' legal
sequence of moves (for SEQ, each their own improvement) ending in a state
no better for the DM than the original; for SMR also the DM's best
counter-move from there; for SIM each other DM's simultaneous choice. Or
it says that no sanction exists, and shows what was tried: how many
responses the other DMs have (the list when short) and the one the DM
likes least, with how they reach it; the UI is then unsanctioned, and the
state unstable for the DM under the concept.

--state takes a state number (see 'gmcr states'), a Y/N pattern with one
letter per option in 'gmcr states' order (spaces ignored), or sq for the
model's status quo. --dm takes a DM's id, name or number; without it every
DM is explained. --concept takes one concept or several, comma-separated,
or all (the default: the five standard concepts, and the sixteen
unknown-preference definitions when the model has unknown comparisons).
It also takes the richer concepts 'gmcr analyze --concepts' names:
gmr-a .. seq-d (unknown preferences: each move the extension considers,
with its sanction or none), l1, l2, .. or lh with --horizon, and nm
(limited-move and non-myopic stability, two DMs: each move of the DM with
the sequence it anticipates and the anticipated outcome), and sgmr, ssmr,
sseq (strength of preference: each move with its best sanction, and
whether it ends strongly or only mildly worse). The json format is described by
docs/explanation.schema.json.

FILE is a YAML, JSON or GMCR+ model file, or "-" for a YAML or JSON model on
standard input. Without FILE, the built-in example is used.`,
		Example: `  # Why is the status quo of the built-in example stable or not, for every DM?
  gmcr explain --state sq

  # One DM, one concept
  gmcr examples elmira -o elmira.yaml
  gmcr explain elmira.yaml --state 1 --dm LG --concept SEQ

  # Unknown preferences, extension (a), and limited-move stability L3
  gmcr examples prisoners-dilemma-unknown -o pdu.yaml
  gmcr explain pdu.yaml --state 1 --dm P1 --concept gmr-a,l3

  # A state by its Y/N pattern, as JSON
  gmcr explain elmira.yaml --state "N YNN Y" --dm Uniroyal --concept GMR,SMR --format json`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			f, err := parseFormat(o.format, report.Text, report.Markdown, report.JSON)
			if err != nil {
				return err
			}
			if err := checkHorizon(o.horizon); err != nil {
				return err
			}
			sel, err := analysis.ParseConcepts(o.concept, o.horizon)
			if err != nil {
				return badInput(err)
			}
			concepts := sel.Standard
			m, _, err := e.loadScenario(cmd, argOrEmpty(args), o.scenario, o.quiet)
			if err != nil {
				return err
			}
			r, err := analysis.Prepare(e.ctx, m, memoryOptions(analysis.Options{MaxStates: o.maxStates}))
			if err != nil {
				return engineError(e.ctx, err)
			}
			s, err := analysis.State(r.Space, strings.Join(strings.Fields(o.state), ""))
			if err != nil {
				return badInput(err)
			}
			dms, err := dmsFlag(r.Space, o.dm)
			if err != nil {
				return err
			}
			var exs []*stability.Explanation
			for _, c := range concepts {
				if c == stability.SIM && !r.Space.Simultaneous() && len(concepts) > 1 {
					continue // not defined for this graph-form model; the others are
				}
				for _, i := range dms {
					if err := e.ctx.Err(); err != nil {
						return err
					}
					ex, err := stability.Explain(r.Space, r.Prefs, c, i, s)
					if err != nil {
						return failure(err)
					}
					exs = append(exs, ex)
				}
			}
			keys := sel.Extra
			if sel.All {
				keys = analysis.WithImplied(r, keys)
			}
			keys = analysis.ExpandKeys(r, keys)
			var xexs []*analysis.ExtraExplanation
			for _, k := range keys {
				for _, i := range dms {
					ex, err := analysis.ExplainExtra(e.ctx, r, k, i, s, memoryOptions(analysis.Options{}))
					if errors.Is(err, limitedmove.ErrDMs) {
						return badInput(err)
					}
					if err != nil {
						return engineError(e.ctx, err)
					}
					xexs = append(xexs, ex)
				}
			}
			return e.writeOutput(o.output, func(w io.Writer) error {
				return report.WriteExplanationsExtra(w, r, exs, xexs, f, report.Options{})
			})
		},
	}
	formatFlag(cmd, &o.format, report.Text, report.Markdown, report.JSON)
	outputFlag(cmd, &o.output)
	cmd.Flags().StringVarP(&o.state, "state", "s", "", "the state: a number, a Y/N pattern, or sq for the status quo (required)")
	cmd.Flags().StringVarP(&o.dm, "dm", "d", "", "the DM: id, name or number; several comma-separated; a value that names one DM as a whole (even \"all\" or a name with commas) is that DM (default: every DM)")
	o.concept = "all"
	cmd.Flags().VarP(conceptsValue(&o.concept), "concept", "c", "solution concepts: Nash,GMR,SMR,SEQ,SIM, gmr-a..seq-d, l1,l2,..,lh,nm, sgmr,ssmr,sseq, or all")
	cmd.Flags().IntVar(&o.horizon, "horizon", 2, "the horizon h of lh (limited-move stability), 1 to 1000")
	cmd.Flags().Var(conceptsValue(&o.concept), "concepts", "same as --concept")
	_ = cmd.Flags().MarkHidden("concepts")
	_ = cmd.MarkFlagRequired("state")
	maxStatesFlag(cmd, &o.maxStates)
	scenarioFlag(cmd, &o.scenario)
	quietFlag(cmd, &o.quiet)
	return cmd
}
