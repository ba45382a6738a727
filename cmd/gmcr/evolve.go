package main

import (
	"errors"
	"github.com/gmcr/gmcr/internal/english"
	"io"
	"strings"

	"github.com/gmcr/gmcr/analysis"
	"github.com/gmcr/gmcr/evolve"
	"github.com/gmcr/gmcr/limitedmove"
	"github.com/gmcr/gmcr/report"
	"github.com/gmcr/gmcr/stability"
	"github.com/gmcr/gmcr/uncertain"
	"github.com/spf13/cobra"
)

// evolveFormat is the --format of evolve: a report format, or a diagram.
type evolveFormat struct {
	report  report.Format
	diagram string // "", "dot", "svg", "png" or "pdf"
}

func parseEvolveFormat(s string) (evolveFormat, error) {
	switch t := strings.ToLower(strings.TrimSpace(s)); t {
	case "dot", "gv", "svg", "png", "pdf":
		if t == "gv" {
			t = "dot"
		}
		return evolveFormat{diagram: t}, nil
	}
	f, err := report.ParseFormat(s)
	if err != nil || (f != report.Text && f != report.Markdown && f != report.JSON) {
		return evolveFormat{}, badInputf("format %q is not available here; use one of text, markdown, json, dot, svg, png, pdf", s)
	}
	return evolveFormat{report: f}, nil
}

// stateRef reads a --from or --to value (spaces in a Y/N pattern are
// ignored).
func stateRef(r *analysis.Result, flag, ref string) (int, error) {
	s, err := analysis.State(r.Space, strings.Join(strings.Fields(ref), ""))
	if err != nil {
		return -1, badInputf("%s: %v", flag, err)
	}
	return s, nil
}

func newEvolveCmd(e *env) *cobra.Command {
	var o struct {
		scenario                       string
		format, output, concepts, from string
		moves                          string
		to                             []string
		coalitions, quiet              bool
		paths, maxNodes, maxStates     int
		draw                           string
	}
	cmd := &cobra.Command{
		Use:   "evolve [FILE] [--from STATE] [--to STATE] [--coalitions] [--paths K]",
		Short: "Status quo analysis: how the conflict can evolve to its equilibria",
		Long: `Evolve performs a status quo analysis (Li, Kilgour & Hipel 2005): starting
from the status quo, which states the conflict can reach when the decision
makers (DMs) make unilateral improvements (UIs) one after another, each DM
moving only to a state it prefers and no DM moving twice in a row; in how
few steps; and along which paths. It reports every equilibrium (under the
concepts of --concepts) and every --to state: reachable or not, the fewest
steps, and shortest paths, each step naming the DM that moves, the options
it takes or stops taking (id and name), the state numbers and its ranks.

--from starts elsewhere than the model's status quo (a state number, a Y/N
pattern or sq). --to adds a state to follow (repeatable). --paths K lists
up to K distinct shortest paths per state (1 to 100), in a fixed order.
--coalitions also lets any coalition of two or more DMs make a coalitional
improvement as one step: a move to a state its members reach by a legal
sequence of their moves and all prefer; no DM or coalition then makes two
steps in a row.

When some DM leaves comparisons unknown (see 'gmcr uncertain'), a step is
judged under unknown preferences (docs/definitions.md §9.2); --moves says
which steps count:
  known       (the default then) only improvements the mover knows: the
              moves of extensions (b) and (d)
  credible    improvements and moves to states of unknown preference for
              the mover: the moves of extensions (a) and (c)
  improvements  the ordinary reading, every unsure statement held and
              unknown groups ignored (the default without unknown
              comparisons)
The targets are then also the equilibria of the sixteen unknown-preference
definitions (--concepts all; or name them, e.g. gmr-a,seq-d), and a step of
unknown preference is marked as such. --concepts takes the words of
'gmcr analyze --concepts' (gmr-a .. seq-d, l1, l2, .., nm).

The json format is described by docs/evolution.schema.json. --format dot
writes the evolution diagram for Graphviz; --format svg draws it (Graphviz
is built into gmcr); --format pdf (one page of the diagram's size) and
png (twice its size) print it through Chrome or Chromium, which must be
installed. A legend under the title explains the drawing. Each
step is labelled with the DM that moves and the options it changes (+id
taken, −id no longer taken). --draw chooses what is drawn:
  key      (default) the shortest paths (--paths per state) from the start
           to the equilibria of the strongest concept that has one
           reachable (the first of Nash, SEQ, SMR, SIM, GMR among
           --concepts), and to the --to states; those equilibria stand out
  targets  the shortest paths to the equilibria of every concept
  all      every reachable state and every step between them (only the
           listed paths when more than --max-nodes states are reachable)
If the drawing would have more than --max-nodes states, evolve stops with
exit code 3.

FILE is a YAML or JSON model file, a GMCR+ save file (.gmcr), or "-" for
standard input. Without FILE, the built-in example is used.`,
		Example: `  # From the built-in example's status quo to its equilibria
  gmcr evolve

  # The Prisoner's Dilemma from mutual cooperation, two paths per state
  gmcr examples prisoners-dilemma -o pd.yaml
  gmcr evolve pd.yaml --from 1 --paths 2

  # Under unknown preferences: which equilibria improvements and moves of
  # unknown preference reach from mutual cooperation
  gmcr examples prisoners-dilemma-unknown -o pdu.yaml
  gmcr evolve pdu.yaml --from 1 --moves credible

  # With coalitional improvements, following one state, as JSON
  gmcr evolve pd.yaml --from 4 --to 1 --coalitions --format json

  # The evolution diagram as SVG (no Graphviz needed) or DOT
  gmcr evolve --format svg -o evolution.svg
  gmcr evolve --format svg --draw targets --paths 2 -o more.svg
  gmcr evolve --format pdf -o evolution.pdf
  gmcr evolve pd.yaml --from 1 --format dot -o pd.dot`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			f, err := parseEvolveFormat(o.format)
			if err != nil {
				return err
			}
			if o.paths < 1 || o.paths > evolve.MaxPaths {
				return badInputf("--paths must be between 1 and %d, got %d", evolve.MaxPaths, o.paths)
			}
			if o.maxNodes < 1 {
				return badInputf("--max-nodes must be at least 1, got %d", o.maxNodes)
			}
			sel, err := analysis.ParseConcepts(o.concepts, 2)
			if err != nil {
				return badInput(err)
			}
			concepts := sel.Standard
			if concepts == nil {
				concepts = []stability.Concept{} // extra concepts only
			}
			switch o.moves {
			case "", "improvements", "known", "credible":
			default:
				return badInputf("--moves %q: use known, credible or improvements", o.moves)
			}
			m, ex, err := e.loadScenario(cmd, argOrEmpty(args), o.scenario, o.quiet)
			if err != nil {
				return err
			}
			e.noteExtras(ex, o.quiet)
			progress, done := e.progress(o.quiet, len(m.DMs))
			r, err := analysis.Run(e.ctx, m, memoryOptions(analysis.Options{Concepts: concepts, MaxStates: o.maxStates, Progress: progress,
				Extra: sel.Extra, Implied: sel.All}))
			done()
			if errors.Is(err, limitedmove.ErrDMs) {
				return badInput(err)
			}
			if err != nil {
				return engineError(e.ctx, err)
			}
			moves := o.moves
			if moves == "" {
				moves = "improvements"
				if m.HasUnknown() {
					moves = "known"
					e.warnf(o.quiet, "note: the model has unknown comparisons; steps are the improvements each mover knows (--moves known); --moves credible adds moves of unknown preference, --moves improvements reads the preferences as the standard concepts do")
				}
			}
			var rel *uncertain.Relation
			if moves != "improvements" {
				if o.coalitions {
					return badInputf("--coalitions applies with --moves improvements only: coalitional improvements are not defined under unknown preferences")
				}
				if rel, err = uncertain.NewRelation(r.Space, r.Prefs); err != nil {
					return badInput(err)
				}
			}
			var extra []evolve.Equilibria
			for _, x := range r.Extra {
				extra = append(extra, evolve.Equilibria{Name: x.Name, States: x.Equilibria()})
			}
			from := o.from
			if from == "" {
				if m.StatusQuo == nil {
					return badInputf("the model has no status_quo; give the starting state with --from (a number 1..%d, a Y/N pattern)", r.Space.Len())
				}
				from = "sq"
			}
			start, err := stateRef(r, "--from", from)
			if err != nil {
				return err
			}
			var to []int
			for _, ref := range o.to {
				for _, part := range strings.Split(ref, ",") {
					s, err := stateRef(r, "--to", part)
					if err != nil {
						return err
					}
					to = append(to, s)
				}
			}
			ev, err := evolve.Analyze(e.ctx, r.Stability, start, evolve.Options{Coalitions: o.coalitions, Paths: o.paths, To: to, Concepts: r.Stability.Concepts,
				Relation: rel, Credible: moves == "credible", Extra: extra})
			if err != nil {
				return engineError(e.ctx, err)
			}
			switch f.diagram {
			case "":
				return e.writeOutput(o.output, func(w io.Writer) error {
					return report.WriteEvolution(w, r, ev, f.report, report.Options{})
				})
			}
			show, ok := map[string]evolve.Show{"key": evolve.ShowKey, "targets": evolve.ShowTargets, "all": evolve.ShowAll}[strings.ToLower(o.draw)]
			if !ok {
				return badInputf("--draw %q: use key, targets or all", o.draw)
			}
			d, err := ev.DiagramOf(evolve.DiagramOptions{Show: show, MaxNodes: o.maxNodes})
			if err != nil {
				var tl *evolve.TooLargeError
				if errors.As(err, &tl) {
					return badInput(err)
				}
				return failure(err)
			}
			if d.Reduced && show == evolve.ShowAll {
				e.warnf(o.quiet, "note: %s reachable, over --max-nodes %d: the diagram shows only the listed shortest paths", english.Count(len(ev.Reached), "state")+" "+english.Noun(len(ev.Reached), "is"), o.maxNodes)
			}
			if printedFormat(f.diagram) {
				return e.printFigure(o.output, f.diagram, func(w io.Writer) error {
					return report.WriteEvolutionSVG(e.ctx, w, r, ev, d)
				})
			}
			return e.writeOutput(o.output, func(w io.Writer) error {
				if f.diagram == "dot" {
					return report.WriteEvolutionDOT(w, r, ev, d)
				}
				return report.WriteEvolutionSVG(e.ctx, w, r, ev, d)
			})
		},
	}
	cmd.Flags().StringVarP(&o.format, "format", "f", "text", "output format: text|markdown|json|dot|svg|png|pdf")
	outputFlag(cmd, &o.output)
	o.concepts = "all"
	cmd.Flags().VarP(conceptsValue(&o.concepts), "concepts", "c", "concepts whose equilibria are followed, comma-separated: Nash,GMR,SMR,SEQ,SIM, gmr-a..seq-d, l1,l2,..,nm, or all")
	cmd.Flags().StringVar(&o.moves, "moves", "", "which steps count under unknown preferences: known, credible or improvements (default known with unknown comparisons, else improvements)")
	cmd.Flags().StringVar(&o.from, "from", "", "start from `STATE` (a number, a Y/N pattern, or sq; default: the status quo)")
	cmd.Flags().StringArrayVar(&o.to, "to", nil, "also follow `STATE` (repeatable, or comma-separated)")
	cmd.Flags().BoolVar(&o.coalitions, "coalitions", false, "also allow coalitional improvements by coalitions of two or more DMs as steps")
	cmd.Flags().IntVar(&o.paths, "paths", 1, "list up to `K` shortest paths per state (1-100)")
	cmd.Flags().IntVar(&o.maxNodes, "max-nodes", evolve.DefaultMaxNodes, "draw at most `N` states in the diagram (dot, svg, png, pdf)")
	cmd.Flags().StringVar(&o.draw, "draw", "key", "what the diagram (dot, svg, png, pdf) draws: `key` (paths to the strongest concept's equilibria), targets (paths to every equilibrium) or all (every reachable state)")
	maxStatesFlag(cmd, &o.maxStates)
	scenarioFlag(cmd, &o.scenario)
	quietFlag(cmd, &o.quiet)
	return cmd
}
