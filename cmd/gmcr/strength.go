package main

import (
	"io"
	"strings"

	"github.com/gmcr/gmcr/analysis"
	"github.com/gmcr/gmcr/report"
	"github.com/gmcr/gmcr/stability"
	"github.com/gmcr/gmcr/strength"
	"github.com/gmcr/gmcr/uncertain"
	"github.com/spf13/cobra"
)

func newStrengthCmd(e *env) *cobra.Command {
	var o struct {
		scenario, format, output, state, dm, concept, from string
		maxStates                                          int
		quiet                                              bool
	}
	cmd := &cobra.Command{
		Use:   "strength [FILE] [--state S [--dm D] [--concept C] | --from S]",
		Short: "Strong and weak stability (strength of preference; with unknown comparisons, hybrid preferences)",
		Long: `Strength analyses a model whose decision makers prefer some states
strongly and others only mildly (Hamouda, Kilgour & Hipel 2004, 2006):
statements marked strong: true (a DM's most important ones) or cuts ">>"
in a ranking (see docs/model-format.md, "Strength of preference").

A state is strongly stable for a DM under GMR, SMR or SEQ when every
move it would make can be sanctioned into a state it finds strongly
worse than where it started; weakly stable when it is stable but some
move can only be sanctioned into a state mildly worse or equally good.
Nash stability does not change (a Nash stable state has nothing to
sanction and counts as strongly stable). A strong equilibrium is
strongly stable for every DM; a weak equilibrium is stable for every DM
and weakly for some.

When the model also leaves comparisons unknown (hybrid preferences, Xu,
Hipel, Kilgour & Chen 2010), every concept comes in the extensions (a)-(d)
of gmcr uncertain, and in (c) and (d) a sanction ending in a state of
unknown preference counts as strong.

The output has a row per state with, per concept, each DM's mark (S
strong, W weak, . unstable) and the equilibrium mark (--format markdown:
the same as a Markdown document); --format json
(docs/strength.schema.json) and csv give the same per DM. With --state it
explains the state (json: docs/strength-explanation.schema.json): each move and its best sanction, and whether the
sanction ends strongly or only mildly worse. With --from (a state or sq)
it is a status quo analysis (json: docs/strength-evolution.schema.json): the states reached by strong improvements
only, by improvements, and by improvements or moves of unknown
preference, in how many steps, and which are strong or weak equilibria.
Without FILE, the built-in example is used (it states no strength: every
preference is then mild).`,
		Example: `  # Strong and weak stability of the built-in strength example
  gmcr examples prisoners-dilemma-strength -o pd.yaml
  gmcr strength pd.yaml

  # Why mutual cooperation is only weakly GMR-stable for P1
  gmcr strength pd.yaml --state 1 --dm P1 --concept GMR

  # Which equilibria the status quo can reach
  gmcr strength pd.yaml --from sq`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if o.state == "" {
				for _, fl := range []string{"dm", "concept"} {
					if cmd.Flags().Changed(fl) {
						return badInputf("--%s applies only with --state (the state to explain); add --state N, or leave out --%s", fl, fl)
					}
				}
			}
			if o.state != "" && o.from != "" {
				return badInputf("give --state (explain a state) or --from (status quo analysis), not both")
			}
			f, err := parseFormat(o.format, report.StrengthFormats...)
			if err != nil {
				return err
			}
			if (o.state != "" || o.from != "") && f == report.CSV {
				return badInputf("explanations and status quo analyses are written as text, markdown or json")
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
			rel, err := strength.NewRelation(r.Space, r.Prefs)
			if err != nil {
				return badInput(err)
			}
			if !m.HasStrength() {
				e.warnf(o.quiet, "note: the model states no strength of preference (no strong statement, no ranking cut): every preference is mild, so only Nash stable states are strongly stable")
			}
			if o.state != "" {
				return e.explainStrength(o.output, r, rel, o.state, o.dm, o.concept, f)
			}
			sa, err := strength.Analyze(e.ctx, rel, r.Stability)
			if err != nil {
				return engineError(e.ctx, err)
			}
			if o.from != "" {
				s, err := analysis.State(r.Space, strings.Join(strings.Fields(o.from), ""))
				if err != nil {
					return badInput(err)
				}
				ev := &report.StrengthEvolution{Start: s}
				for _, k := range strength.MoveKinds {
					run, err := strength.Evolve(rel, s, k)
					if err != nil {
						return failure(err)
					}
					ev.Runs = append(ev.Runs, run)
				}
				return e.writeOutput(o.output, func(w io.Writer) error {
					return report.WriteStrengthEvolution(w, r, sa, ev, f)
				})
			}
			return e.writeOutput(o.output, func(w io.Writer) error {
				return report.WriteStrength(w, r, sa, f)
			})
		},
	}
	formatFlag(cmd, &o.format, report.StrengthFormats...)
	outputFlag(cmd, &o.output)
	maxStatesFlag(cmd, &o.maxStates)
	scenarioFlag(cmd, &o.scenario)
	quietFlag(cmd, &o.quiet)
	cmd.Flags().Var(stateValue(&o.state), "state", "explain this state (number, Y/N pattern, state id in graph form, or sq)")
	cmd.Flags().StringVar(&o.dm, "dm", "", "with --state: the DMs to explain (id, name or number; comma-separated; as for explain --dm; default all)")
	cmd.Flags().StringVar(&o.concept, "concept", "", `with --state: the concepts, e.g. "GMR,SEQ" or with unknown comparisons "GMR(a),SEQ(d)" (default all)`)
	cmd.Flags().Var(&nonEmpty{&o.from, "give a state (number, Y/N pattern, state id, or sq), or leave out --from"}, "from", "status quo analysis from this state (number, Y/N pattern, state id, or sq)")
	return cmd
}

// explainStrength writes the explanations --state asks for.
func (e *env) explainStrength(output string, r *analysis.Result, rel *strength.Relation, state, dm, concept string, f report.Format) error {
	s, err := analysis.State(r.Space, strings.Join(strings.Fields(state), ""))
	if err != nil {
		return badInput(err)
	}
	dms, err := dmsFlag(r.Space, dm)
	if err != nil {
		return err
	}
	hybrid := false
	for i := range r.Space.DMs {
		hybrid = hybrid || rel.Any(i)
	}
	var concepts []uncertain.Concept
	for _, c := range strength.Concepts {
		if hybrid || c.Ext == uncertain.A {
			concepts = append(concepts, c)
		}
	}
	if c := strings.TrimSpace(concept); c != "" && !strings.EqualFold(c, "all") {
		concepts = nil
		for _, part := range strings.Split(c, ",") {
			uc, err := uncertain.ParseConcept(part)
			if err != nil {
				b, err2 := stability.ParseConcept(strings.TrimSpace(part))
				if err2 != nil || b == stability.SIM {
					return badInputf("unknown concept %q for strength of preference; use Nash, GMR, SMR or SEQ (with unknown comparisons, an extension a-d, e.g. GMR(a))", part)
				}
				uc = uncertain.Concept{Base: b, Ext: uncertain.A}
			}
			concepts = append(concepts, uc)
		}
	}
	var exs []*strength.Explanation
	for _, c := range concepts {
		for _, i := range dms {
			ex, err := strength.Explain(e.ctx, rel, c, i, s)
			if err != nil {
				return engineError(e.ctx, err)
			}
			exs = append(exs, ex)
		}
	}
	return e.writeOutput(output, func(w io.Writer) error {
		return report.WriteStrengthExplanations(w, r, rel, exs, f)
	})
}
