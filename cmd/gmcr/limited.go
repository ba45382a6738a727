package main

import (
	"errors"
	"io"
	"strings"

	"github.com/gmcr/gmcr/analysis"
	"github.com/gmcr/gmcr/limitedmove"
	"github.com/gmcr/gmcr/report"
	"github.com/spf13/cobra"
)

func newLimitedCmd(e *env) *cobra.Command {
	var o struct {
		scenario, format, output, state string
		horizon, maxStates              int
		nm, quiet                       bool
	}
	cmd := &cobra.Command{
		Use:   "limited [FILE] [--horizon H] [--nm] [--state S]",
		Short: "Limited-move (Lh) and non-myopic (NM) stability for two-DM conflicts",
		Long: `Limited computes limited-move stability Lh and, with --nm, non-myopic
stability NM (Kilgour 1985; Fang, Hipel & Kilgour 1989) for a conflict with
two decision makers, as GMCR II offers them.

With horizon h, a DM to move looks h moves ahead, the two DMs alternating:
for each of its moves it anticipates the outcome the other DM would bring
about with h-1 moves left, and it moves only if the best of those outcomes
is better for it than staying. A state is Lh stable for a DM that would
stay. L1 is Nash stability. NM is Lh stability for every large enough h.
Ties between anticipated outcomes the mover ranks equally are broken
towards the smallest state number (gmcr's rule; the papers assume strict
preferences).

The tables are computed only until they repeat (a cycle, often within a
few horizons); a larger horizon is read from the cycle, so its memory does
not grow with h. An anticipated sequence can be up to h moves long, but
from the cycle on it repeats: it is printed up to the repeat, then the
repeated moves once, as "[moves] repeated N times", then the moves after
the last repetition, and its length ("(999 moves)"). JSON (docs/limited.schema.json) gives the same
parts: "anticipated" holds the moves before the repeated part (all of
them when nothing repeats), and "anticipated_repeat" the repeated moves,
their number of repetitions ("times"), the moves after them ("then") and
the whole sequence's length. So the output stays about as large at
h = 1000, the largest horizon gmcr takes, as at h = 20.

For each state the output gives each DM's mark (s: stays, u: moves), the
anticipated sequence of moves of a DM that would move, and the equilibria
(--format markdown: the same as a Markdown document).
--state lists one state (number, Y/N pattern, state id in graph form, or
sq). gmcr implements the two-DM definitions of these concepts: a model with
more is refused (so is the built-in example, used without FILE: it has
four DMs).`,
		Example: `  # L2 and NM for the Prisoner's Dilemma
  gmcr examples prisoners-dilemma -o pd.yaml
  gmcr limited pd.yaml --horizon 2 --nm

  # Why mutual cooperation is L4 stable
  gmcr limited pd.yaml --horizon 4 --state 1

  # The same table as Markdown, for a written report
  gmcr limited pd.yaml --nm --format markdown -o limited.md`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			f, err := parseFormat(o.format, report.LimitedFormats...)
			if err != nil {
				return err
			}
			if err := checkHorizon(o.horizon); err != nil {
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
			la, err := limitedmove.AnalyzeWithin(e.ctx, r.Space, r.Prefs, o.horizon, o.nm, currentLimit())
			if errors.Is(err, limitedmove.ErrDMs) {
				return badInput(err)
			}
			if err != nil {
				return engineError(e.ctx, err)
			}
			var states []int
			if o.state != "" {
				s, err := analysis.State(r.Space, strings.Join(strings.Fields(o.state), ""))
				if err != nil {
					return badInput(err)
				}
				states = []int{s}
			}
			return e.writeOutput(o.output, func(w io.Writer) error {
				return report.WriteLimited(w, r, la, states, f)
			})
		},
	}
	formatFlag(cmd, &o.format, report.LimitedFormats...)
	outputFlag(cmd, &o.output)
	maxStatesFlag(cmd, &o.maxStates)
	scenarioFlag(cmd, &o.scenario)
	quietFlag(cmd, &o.quiet)
	cmd.Flags().IntVar(&o.horizon, "horizon", 2, "the horizon h of Lh: the number of moves each DM looks ahead (1 is Nash; at most 1000)")
	cmd.Flags().BoolVar(&o.nm, "nm", false, "also compute non-myopic stability NM (Lh for every large enough h)")
	cmd.Flags().Var(stateValue(&o.state), "state", "list only this state (number, Y/N pattern, state id, or sq)")
	return cmd
}
