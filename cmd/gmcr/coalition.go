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

// maxDetailMoves is the most upsetting moves --details lists without
// --max-moves: each takes about a kilobyte of JSON.
const maxDetailMoves = 200000

func newCoalitionCmd(e *env) *cobra.Command {
	var o struct {
		scenario                        string
		format, output, concepts, state string
		sanctions                       string
		coalitions                      []string
		maxStates                       int
		quiet, details                  bool
		maxMoves                        int
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
SEQ), coalition reports which coalitions can upset it, and with --details
how: the coalitional improvements, as the members' moves step by step,
that the other DMs cannot sanction. The coalitional concepts extend the individual
ones: CNash (no coalitional improvement), CGMR and CSMR (every improvement
sanctioned by the other DMs' moves, the sanction ending where some member
is no better off; for CSMR the coalition cannot escape it), CSEQ (the
sanctions are the other DMs' own improvements, or with --cseq-sanctions
joint also joint improvements of groups of them).

Every state is analysed. The report is a summary: the coalitional
equilibria (states stable for every DM alone and every coalition), how many
states are stable for each coalition, and a table of the individually
stable equilibria against the coalitions, each cell naming the concepts
under which the coalition upsets the equilibrium. --details adds every
upsetting move (each unsanctioned coalitional improvement, as the members'
moves step by step); on large models there can be millions of them:
--max-moves N lists the first N of each (the counts stay exact), and
without it a run that would list more than 200,000 stops and says so.

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

  # Every upsetting move, and CSEQ with joint sanctions by the other DMs
  gmcr coalition pd.yaml --details --cseq-sanctions joint

  # Only one coalition, as JSON
  gmcr examples elmira -o elmira.yaml
  gmcr coalition elmira.yaml --coalition MoE,LG --format json`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if o.maxMoves < 0 {
				return badInputf("--max-moves must be 0 (every move) or more, got %d", o.maxMoves)
			}
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
			sanctions, err := coalition.ParseSanctions(o.sanctions)
			if err != nil {
				return badInput(err)
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
			a, err := coalition.Analyze(e.ctx, ss, r.Prefs, coalition.Config{Coalitions: named, Concepts: concepts, Sanctions: sanctions, Individual: r.Stability})
			if err != nil {
				return engineError(e.ctx, err)
			}
			cr := &report.CoalitionResults{Analysis: a, State: state, Details: o.details}
			moves := 0
			if o.details {
				moves = coalition.AllMoves
				if o.maxMoves > 0 {
					moves = o.maxMoves
				} else {
					// Count first: every upsetting move of a large model
					// can be far too many to hold or write.
					counted, err := coalition.Upsets(e.ctx, r.Stability, a, coalition.CountMoves)
					if err != nil {
						return engineError(e.ctx, err)
					}
					total := 0
					for _, ch := range counted {
						for _, u := range ch.Upsets {
							total += u.UnsanctionedCount
						}
					}
					if total > maxDetailMoves {
						return badInputf("--details would list %d upsetting moves (at most %d at once); list the first few of each with --max-moves N, or narrow with --coalition or --concepts", total, maxDetailMoves)
					}
				}
			}
			if cr.Checks, err = coalition.Upsets(e.ctx, r.Stability, a, moves); err != nil {
				return engineError(e.ctx, err)
			}
			if state >= 0 {
				if cr.Explanations, err = coalition.ExplainState(e.ctx, a, state); err != nil {
					return engineError(e.ctx, err)
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
	o.concepts = "Nash,GMR,SMR,SEQ"
	cmd.Flags().VarP(conceptsValue(&o.concepts), "concepts", "c", "individual concepts whose equilibria are checked, and whose coalitional counterparts are computed: Nash,GMR,SMR,SEQ")
	cmd.Flags().StringArrayVar(&o.coalitions, "coalition", nil, "analyse the coalition `A,B` (DM ids, names or numbers; repeatable; default: every coalition of two or more DMs)")
	cmd.Flags().VarP(stateValue(&o.state), "state", "s", "explain `STATE` for every coalition and concept (a number, a Y/N pattern, or sq)")
	cmd.Flags().BoolVar(&o.details, "details", false, "list every upsetting move: each unsanctioned coalitional improvement from each upset equilibrium, step by step (long and slow on large models)")
	cmd.Flags().IntVar(&o.maxMoves, "max-moves", 0, "with --details, list at most `N` upsetting moves per equilibrium, coalition and concept (the counts stay exact); 0: all")
	cmd.Flags().StringVar(&o.sanctions, "cseq-sanctions", "unilateral", "who sanctions under CSEQ: unilateral (the other DMs' own unilateral improvements) or joint (also joint improvements of groups of them)")
	maxStatesFlag(cmd, &o.maxStates)
	scenarioFlag(cmd, &o.scenario)
	quietFlag(cmd, &o.quiet)
	return cmd
}
