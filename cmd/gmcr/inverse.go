package main

import (
	"io"
	"slices"
	"strings"
	"time"

	"github.com/gmcr/gmcr/analysis"
	"github.com/gmcr/gmcr/inverse"
	"github.com/gmcr/gmcr/report"
	"github.com/gmcr/gmcr/stability"
	"github.com/gmcr/gmcr/statespace"
	"github.com/spf13/cobra"
)

func newInverseCmd(e *env) *cobra.Command {
	var o struct {
		scenario, format, output, concept string
		states, dms, fixed, known         []string
		maxStates, countLimit             int
		workLimit                         int64
		budget                            time.Duration
		quiet                             bool
		stmt                              stmtFlags
	}
	cmd := &cobra.Command{
		Use:   "inverse [FILE] --state S [--concept C]",
		Short: "Find the preferences that would make states equilibria (inverse GMCR)",
		Long: `Inverse answers "what would the DMs have to want for these states to be
stable?" (inverse GMCR: Kinsara, Kilgour & Hipel 2015; Wang, Hipel, Fang &
Dang 2018). The unknowns are the DMs' rankings of the states, ties allowed.

It says whether rankings exist under which every target state is an
equilibrium under the concept (Nash, GMR, SMR, SEQ or SIM), or stable for the
DMs named by --for. If none exist it names a set of requirements that
conflict, from which none can be dropped. If some do, it gives the closest
to the model's current preferences: the fewest changed comparisons among
the pairs of states the stability definitions consult for the targets,
shown as what each DM would have to prefer differently, and, for small
models, how many preference profiles qualify. The answer is exact (SAT and
MaxSAT by gophersat), not a search over the top states of each ranking.

--state takes a state number, a Y/N pattern or sq; repeat it or separate by
commas for several targets. --fixed keeps DMs' preferences as they are.
--known adds a preference that must hold: "US:12>5" (US strictly prefers
state 12 to state 5) or "US:12>=5" (at least as much). The markdown format
is the text answer as a Markdown document headed by the model's title; the
json format is described by docs/inverse.schema.json. Without FILE, the
built-in example is used.

The proof that a change is the closest stops after --work-limit solver
conflicts (default 300000, enough for the questions of the README): the
best change found is then shown, marked not proven closest, and the answer
is the same on every machine. --budget adds a wall-clock limit (default
none); when it triggers first the answer depends on the machine's speed
and load.
` + statementsHelp,
		Example: `  # What would make state 3 of the built-in example an SEQ equilibrium?
  gmcr inverse --state 3 --concept SEQ

  # Keep Russia's and Ukraine's preferences; the US must still prefer state 2 to state 1
  gmcr inverse --state 3 --concept GMR --fixed RU,UA --known "US:2>1"

  # Stability for Ukraine only, as JSON
  gmcr inverse --state 3 --concept SEQ --for UA --format json

  # Which orderings and selections of the DMs' statements would do it?
  gmcr inverse --state 3 --concept SEQ --space statements --edits reorder,drop,negate --keep US:1`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if o.budget < 0 {
				return badInputf("--budget must be a duration such as 30s or 2m, or 0 for no limit; got %v", o.budget)
			}
			if o.workLimit < 0 {
				return badInputf("--work-limit must be a number of solver conflicts, or 0 for no limit; got %d", o.workLimit)
			}
			if o.countLimit < -1 {
				return badInputf("--count-limit must be -1 (never count), 0 (the default, 20000) or a positive number of profiles; got %d", o.countLimit)
			}
			f, err := parseFormat(o.format, report.Text, report.Markdown, report.JSON)
			if err != nil {
				return err
			}
			statements, err := o.stmt.statementSpace(cmd)
			if err != nil {
				return err
			}
			c, err := stability.ParseConcept(o.concept)
			if err != nil {
				return badInput(err)
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
			p := inverse.Problem{Concept: c, CountLimit: o.countLimit, Budget: o.budget, Work: o.workLimit}
			for _, ref := range splitList(o.states) {
				s, err := analysis.State(ss, ref)
				if err != nil {
					return badInput(err)
				}
				if !slices.Contains(p.Targets, s) { // "1,sq" may name one state twice
					p.Targets = append(p.Targets, s)
				}
			}
			if len(p.Targets) == 0 {
				return badInputf("give a target state with --state (a number, a Y/N pattern or sq)")
			}
			if p.DMs, err = dmList(ss, o.dms); err != nil {
				return err
			}
			if p.Fixed, err = dmList(ss, o.fixed); err != nil {
				return err
			}
			for _, k := range o.known {
				pref, err := inverse.ParsePref(ss, k)
				if err != nil {
					return badInput(err)
				}
				p.Known = append(p.Known, pref)
			}
			if statements {
				return o.stmt.run(e, o.output, f, r, p)
			}
			res, err := inverse.Solve(e.ctx, ss, r.Prefs, p)
			if err != nil {
				return badInput(err)
			}
			return e.writeOutput(o.output, func(w io.Writer) error {
				return report.WriteInverse(w, ss, &p, res, f)
			})
		},
	}
	formatFlag(cmd, &o.format, report.Text, report.Markdown, report.JSON)
	outputFlag(cmd, &o.output)
	cmd.Flags().StringArrayVarP(&o.states, "state", "s", nil, "target state(s): number, Y/N pattern or sq; repeat or comma-separate")
	cmd.Flags().StringVarP(&o.concept, "concept", "c", "SEQ", "solution concept: Nash, GMR, SMR, SEQ or SIM")
	cmd.Flags().StringArrayVar(&o.dms, "for", nil, "DMs for which the targets must be stable, as for --dm (default: every DM, i.e. equilibria)")
	cmd.Flags().StringArrayVar(&o.fixed, "fixed", nil, "DMs whose preferences may not change, as for --dm")
	cmd.Flags().StringArrayVar(&o.known, "known", nil, `a preference that must hold, "DM:A>B" or "DM:A>=B" (repeatable)`)
	cmd.Flags().IntVar(&o.countLimit, "count-limit", 0, "count the solutions only if there are at most this many profiles to enumerate (0: 20000; -1: never)")
	workLimitFlag(cmd, &o.workLimit)
	budgetFlag(cmd, &o.budget)
	o.stmt.register(cmd)
	_ = cmd.MarkFlagRequired("state")
	maxStatesFlag(cmd, &o.maxStates)
	scenarioFlag(cmd, &o.scenario)
	quietFlag(cmd, &o.quiet)
	return cmd
}

// splitList splits repeated, comma-separated flag values.
func splitList(vals []string) []string {
	var out []string
	for _, v := range vals {
		for _, p := range strings.Split(v, ",") {
			if p = strings.TrimSpace(p); p != "" {
				out = append(out, p)
			}
		}
	}
	return out
}

// dmList resolves the values of a repeatable DM flag, each read as --dm
// reads its value (analysis.DMs: comma-separated ids, names or numbers, a
// whole value naming one DM first, "all" every DM), each DM once.
func dmList(ss *statespace.StateSpace, refs []string) ([]int, error) {
	var out []int
	for _, ref := range refs {
		if strings.TrimSpace(ref) == "" {
			continue
		}
		dms, err := analysis.DMs(ss, ref)
		if err != nil {
			return nil, badInput(err)
		}
		for _, i := range dms {
			if !slices.Contains(out, i) {
				out = append(out, i)
			}
		}
	}
	return out, nil
}
