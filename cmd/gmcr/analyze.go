package main

import (
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/gmcr/gmcr/analysis"
	"github.com/gmcr/gmcr/limitedmove"
	"github.com/gmcr/gmcr/report"
	"github.com/gmcr/gmcr/stability"
	"github.com/spf13/cobra"
)

func newAnalyzeCmd(e *env) *cobra.Command {
	var o struct {
		format, output, concepts, layout string
		scenario, dmConcepts             string
		maxStates, horizon               int
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
misperceive), stable_<concept>_<DM> and eq_<concept> (1/0), and for sGMR, sSMR, sSEQ
also strong_<concept>_<DM> and strong_eq_<concept> (1/0).

--concepts also takes the richer concepts of the literature, shown as
further columns (text, markdown, json, csv) after the standard five:

  gmr-a .. seq-d   Nash, GMR, SMR or SEQ in extension (a)-(d) under
                   unknown preferences (Li, Hipel, Kilgour & Fang 2004);
                   "uncertain" names all sixteen; see 'gmcr uncertain'
  l1, l2, ...      limited-move stability Lh with that horizon; "lh" uses
                   --horizon; two DMs only (Kilgour 1985); see 'gmcr limited'
  nm               non-myopic stability (Lh for every large enough h);
                   "limited" names lh and nm
  sgmr, ssmr, sseq strong and weak stability under strength of preference
                   (Hamouda, Kilgour & Hipel 2004): marks S strongly
                   stable, W weakly stable, u unstable, and strong and
                   weak equilibria; "strong" names all three; with
                   unknown comparisons each gives the four extensions
                   (sGMR(a)..sGMR(d); sgmr-a names one); see 'gmcr strength'

"all" (the default) is the five standard concepts, plus the sixteen
unknown-preference definitions when some DM leaves comparisons unknown;
sGMR, sSMR and sSEQ when the model states strength of preference (a
strong statement or a ">>" cut in a ranking); Lh and NM are shown only
when named, or when --horizon is given. 'gmcr explain --concept gmr-a'
(or l3, nm, sgmr) explains them.

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

  # Unknown preferences and limited-move stability as further columns
  gmcr examples prisoners-dilemma-unknown -o pdu.yaml
  gmcr analyze pdu.yaml --concepts all,l3,nm

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
			// The horizon first: "lh" and "limited" read it, and a bad
			// one is about --horizon, not an unknown concept.
			if err := checkHorizon(o.horizon); err != nil {
				return err
			}
			sel, err := analysis.ParseConcepts(o.concepts, o.horizon)
			if err != nil {
				return badInput(err)
			}
			if cmd.Flags().Changed("horizon") && !slices.ContainsFunc(sel.Extra, isHorizonKey) {
				sel.Extra = append(sel.Extra, fmt.Sprintf("l%d", o.horizon))
			}
			concepts := sel.Standard
			if concepts == nil {
				concepts = []stability.Concept{} // extra concepts only
			}
			m, ex, err := e.loadScenario(cmd, argOrEmpty(args), o.scenario, o.quiet)
			if err != nil {
				return err
			}
			e.noteExtras(ex, o.quiet)
			// Only when the user left the concepts to gmcr: then the
			// note says what the standard and the Nash(a)..SEQ(d)
			// columns mean; a user naming concepts chose them.
			if m.HasUnknown() && !cmd.Flags().Changed("concepts") {
				e.warnf(o.quiet, "note: the model has unknown comparisons; the standard concepts order every pair as the statements or ranking do (every unsure statement held); the columns Nash(a)..SEQ(d) (--concepts uncertain) take them into account")
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
			r, err := analysis.Run(e.ctx, m, memoryOptions(analysis.Options{Concepts: concepts, MaxStates: o.maxStates, Progress: progress,
				Extra: sel.Extra, Implied: sel.All}))
			done()
			if errors.Is(err, limitedmove.ErrDMs) {
				return badInput(err)
			}
			if err != nil {
				return engineError(e.ctx, err)
			}
			if slices.Contains(mixed, stability.SIM) && !r.Space.Simultaneous() {
				// Analyze drops SIM on a graph-form model; a DM judged by SIM has no answer.
				return badInput(fileErr(m.File, fmt.Errorf("--dm-concepts: %w", stability.ErrNoSimultaneous)))
			}
			return e.writeOutput(o.output, func(w io.Writer) error {
				return report.Write(w, r, f, report.Options{Layout: layout, Mixed: mixed})
			})
		},
	}
	formatFlag(cmd, &o.format, report.Formats...)
	outputFlag(cmd, &o.output)
	o.concepts = "all"
	cmd.Flags().VarP(conceptsValue(&o.concepts), "concepts", "c", "solution concepts, comma-separated: Nash,GMR,SMR,SEQ,SIM, gmr-a..seq-d (uncertain), l1,l2,..,lh,nm (limited), sgmr,ssmr,sseq (strong), or all")
	cmd.Flags().IntVar(&o.horizon, "horizon", 2, "the horizon h of lh (limited-move stability): the moves each DM looks ahead; 1 to 1000; given alone, adds Lh")
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

// isHorizonKey reports whether an extra concept key is a limited-move
// horizon ("l3").
func isHorizonKey(k string) bool {
	return len(k) > 1 && k[0] == 'l' && strings.Trim(k[1:], "0123456789") == ""
}

// fileErr prefixes err with the model file's name, when there is one.
func fileErr(file string, err error) error {
	if file == "" {
		return err
	}
	return fmt.Errorf("%s: %w", file, err)
}
