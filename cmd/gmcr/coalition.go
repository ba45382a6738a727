package main

import (
	"io"
	"slices"
	"strings"

	"github.com/gmcr/gmcr/analysis"
	"github.com/gmcr/gmcr/coalition"
	"github.com/gmcr/gmcr/report"
	"github.com/gmcr/gmcr/stability"
	"github.com/spf13/cobra"
)

// coalitionAllStates is the most states for which the coalition command
// analyses every state (and so lists the coalitional equilibria); larger
// models are analysed at their equilibria and --state only.
const coalitionAllStates = 4096

func newCoalitionCmd(e *env) *cobra.Command {
	var o struct {
		scenario                        string
		format, output, concepts, state string
		coalitions                      []string
		maxStates                       int
		quiet                           bool
	}
	cmd := &cobra.Command{
		Use:   "coalition [FILE] [--coalition A,B ...] [--state N]",
		Short: "Coalition analysis: which equilibria a group of DMs can upset",
		Long: `Coalition analyses what groups of decision makers (DMs) can do together
(Kilgour, Hipel, Fang & Peng 2001; Inohara & Hipel 2008).

A coalition of two or more DMs moves by any legal sequence of its members'
unilateral moves (no member twice in a row). A coalitional improvement is
such a move to a state that every member prefers. For each equilibrium
that stability analysis finds for the DMs acting alone (Nash, GMR, SMR,
SEQ), coalition reports which coalitions can upset it and how: the
coalitional improvement, as the members' moves step by step, that the
other DMs cannot sanction. The coalitional concepts extend the individual
ones: CNash (no coalitional improvement), CGMR and CSMR (every improvement
sanctioned by the other DMs' moves, the sanction ending where some member
is no better off; for CSMR the coalition cannot escape it), CSEQ (the
sanctions are the other DMs' own improvements). For models of up to 4096
states, it also lists the coalitional equilibria: states stable for every
DM alone and every coalition.

Without --coalition every coalition of two or more DMs is analysed;
--coalition A,B (repeatable) names the ones to analyse, by DM id, name or
number. --state N explains one state for every coalition and concept.
--concepts chooses among Nash, GMR, SMR, SEQ (SIM has no coalitional
counterpart).

A GMCR+ file's fixed coalition structure is analysed too: each of its
coalitions acts as one DM owning its members' options and prefers a state
only if every member does.

The json format is described by docs/coalitions.schema.json.

FILE is a YAML or JSON model file, a GMCR+ save file (.gmcr), or "-" for
standard input. Without FILE, the built-in example is used.`,
		Example: `  # Which equilibria of the built-in example can coalitions upset?
  gmcr coalition

  # The Prisoner's Dilemma: both players together leave mutual defection
  gmcr examples prisoners-dilemma -o pd.yaml
  gmcr coalition pd.yaml --state 4

  # Only one coalition, as JSON
  gmcr examples elmira -o elmira.yaml
  gmcr coalition elmira.yaml --coalition MoE,LG --format json`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			f, err := parseFormat(o.format, report.Text, report.Markdown, report.JSON)
			if err != nil {
				return err
			}
			if strings.EqualFold(strings.TrimSpace(o.concepts), "all") {
				o.concepts = "Nash,GMR,SMR,SEQ"
			}
			individual, err := parseConcepts(o.concepts)
			if err != nil {
				return err
			}
			var concepts []coalition.Concept
			for _, c := range individual {
				cc, ok := coalition.Counterpart(c)
				if !ok {
					return badInputf("the %v concept has no coalitional counterpart; use Nash, GMR, SMR or SEQ", c)
				}
				concepts = append(concepts, cc)
			}
			m, ex, err := e.loadScenario(cmd, argOrEmpty(args), o.scenario, o.quiet)
			if err != nil {
				return err
			}
			if ex != nil && coalitions(ex) && misperceives(m) {
				e.warnf(o.quiet, "note: the analysis of the file's coalition structure ignores misperceptions: each coalition moves as if it perceived every state (the other results use them)")
			}
			progress, done := e.progress(o.quiet, len(m.DMs))
			r, err := analysis.Run(e.ctx, m, memoryOptions(analysis.Options{Concepts: individual, MaxStates: o.maxStates, Progress: progress}))
			done()
			if err != nil {
				return engineError(e.ctx, err)
			}
			ss := r.Space
			var named [][]int
			for _, ref := range o.coalitions {
				h, err := coalition.Parse(ss, ref)
				if err != nil {
					return badInput(err)
				}
				named = append(named, h)
			}
			if named == nil && len(ss.DMs) > coalition.MaxDMs {
				return badInputf("the model has %d DMs: too many to analyse every coalition (at most %d); name coalitions with --coalition", len(ss.DMs), coalition.MaxDMs)
			}
			state := -1
			if o.state != "" {
				if state, err = stateRef(r, "--state", o.state); err != nil {
					return err
				}
			}
			var states []int
			if ss.Len() > coalitionAllStates {
				for _, c := range individual {
					states = append(states, r.Stability.Equilibria(c)...)
				}
				if state >= 0 {
					states = append(states, state)
				}
				slices.Sort(states)
				states = slices.Compact(states)
				if states == nil {
					states = []int{}
				}
			}
			a, err := coalition.Analyze(e.ctx, ss, r.Prefs, coalition.Config{Coalitions: named, Concepts: concepts, States: states})
			if err != nil {
				return engineError(e.ctx, err)
			}
			cr := &report.CoalitionResults{Analysis: a, State: state}
			if cr.Checks, err = coalition.Upsets(e.ctx, r.Stability, a); err != nil {
				return failure(err)
			}
			if state >= 0 {
				if cr.Explanations, err = coalition.ExplainState(a, state); err != nil {
					return failure(err)
				}
			}
			if ex != nil && coalitions(ex) {
				st, err := coalition.NewStructure(ss, r.Prefs, ex.Coalitions)
				if err != nil {
					return badInput(err)
				}
				var sc []stability.Concept
				for _, c := range individual {
					if slices.Contains(coalition.StructureConcepts, c) {
						sc = append(sc, c)
					}
				}
				if cr.Structure, err = coalition.AnalyzeStructure(e.ctx, st, sc); err != nil {
					return engineError(e.ctx, err)
				}
			}
			return e.writeOutput(o.output, func(w io.Writer) error {
				return report.WriteCoalitions(w, r, cr, f, report.Options{})
			})
		},
	}
	formatFlag(cmd, &o.format, report.Text, report.Markdown, report.JSON)
	outputFlag(cmd, &o.output)
	cmd.Flags().StringVarP(&o.concepts, "concepts", "c", "Nash,GMR,SMR,SEQ", "individual concepts whose equilibria are checked, and whose coalitional counterparts are computed: Nash,GMR,SMR,SEQ")
	cmd.Flags().StringArrayVar(&o.coalitions, "coalition", nil, "analyse the coalition `A,B` (DM ids, names or numbers; repeatable; default: every coalition of two or more DMs)")
	cmd.Flags().StringVarP(&o.state, "state", "s", "", "explain `STATE` for every coalition and concept (a number, a Y/N pattern, or sq)")
	maxStatesFlag(cmd, &o.maxStates)
	scenarioFlag(cmd, &o.scenario)
	quietFlag(cmd, &o.quiet)
	return cmd
}
