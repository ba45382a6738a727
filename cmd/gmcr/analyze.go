package main

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/gmcr/gmcr/analysis"
	"github.com/gmcr/gmcr/model"
	"github.com/gmcr/gmcr/report"
	"github.com/gmcr/gmcr/stability"
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
s = stable: every unilateral improvement sanctioned; u = unstable) and the
equilibria (*). Models with more than 40 states are printed one state per
row instead; --layout chooses. The json format is described by
docs/analysis.schema.json; csv has one row per state.

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
			r, err := analysis.Run(e.ctx, m, analysis.Options{Concepts: concepts, MaxStates: o.maxStates, Progress: progress, MemoryLimit: availableMemory()})
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

// dmConcepts resolves the per-DM concepts of a mixed analysis of m from
// spec, the --dm-concepts value ("RU=SMR,UA=Nash,default=GMR"): a DM
// takes the concept spec names for it, else the concept: of its model
// entry, else spec's default. It returns nil when spec is empty and no DM
// of m has a concept. Errors: a malformed entry, an unknown DM or concept,
// a DM named twice, and a DM left without a concept.
func dmConcepts(m *model.Model, spec string) ([]stability.Concept, error) {
	ids := make([]string, len(m.DMs))
	for i, d := range m.DMs {
		ids[i] = d.ID
	}
	named := make([]*stability.Concept, len(m.DMs))
	var def *stability.Concept
	if strings.TrimSpace(spec) != "" {
		seen := map[string]bool{}
		for _, part := range strings.Split(spec, ",") {
			k, val, ok := strings.Cut(part, "=")
			k, val = strings.TrimSpace(k), strings.TrimSpace(val)
			if !ok || k == "" || val == "" {
				return nil, fmt.Errorf("--dm-concepts: %q is not DM=CONCEPT; write for example %s=SMR,default=GMR", strings.TrimSpace(part), ids[0])
			}
			c, err := stability.ParseConcept(val)
			if err != nil {
				return nil, fmt.Errorf("--dm-concepts: %w", err)
			}
			if strings.EqualFold(k, "default") {
				if def != nil {
					return nil, fmt.Errorf("--dm-concepts gives default twice")
				}
				def = &c
				continue
			}
			i := -1
			for j, id := range ids {
				if id == k {
					i = j
				}
			}
			if i < 0 {
				for j, id := range ids {
					if strings.EqualFold(id, k) {
						i = j
					}
				}
			}
			if i < 0 {
				return nil, fmt.Errorf("--dm-concepts: unknown DM %q; the DMs are %s (or write default=CONCEPT)", k, strings.Join(ids, ", "))
			}
			if seen[ids[i]] {
				return nil, fmt.Errorf("--dm-concepts names %s twice", ids[i])
			}
			seen[ids[i]] = true
			named[i] = &c
		}
	}
	fromModel := 0
	for _, d := range m.DMs {
		if d.Concept != "" {
			fromModel++
		}
	}
	if strings.TrimSpace(spec) == "" && fromModel == 0 {
		return nil, nil
	}
	out := make([]stability.Concept, len(m.DMs))
	var missing, withConcept []string
	var firstMissing model.Pos
	for i, d := range m.DMs {
		switch {
		case named[i] != nil:
			out[i] = *named[i]
		case d.Concept != "":
			c, err := stability.ParseConcept(d.Concept)
			if err != nil {
				return nil, &model.Error{Pos: d.Pos, Msg: fmt.Sprintf("decision maker %s: %v", d.ID, err)}
			}
			out[i] = c
			withConcept = append(withConcept, d.ID)
		case def != nil:
			out[i] = *def
		default:
			if len(missing) == 0 {
				firstMissing = d.Pos
			}
			missing = append(missing, d.ID)
		}
	}
	if len(missing) > 0 {
		if strings.TrimSpace(spec) == "" {
			return nil, &partialConcepts{&model.Error{Pos: firstMissing, Msg: fmt.Sprintf("the model gives a solution concept (concept:) to %s but not to %s", strings.Join(withConcept, ", "), strings.Join(missing, ", ")),
				Hint: "add concept: to those decision makers, or pass --dm-concepts with default=CONCEPT"}}
		}
		return nil, fmt.Errorf("--dm-concepts gives no concept to %s: name them, or add default=CONCEPT", strings.Join(missing, ", "))
	}
	return out, nil
}

// partialConcepts reports a model whose concept: fields name a concept for
// some DMs only: the ordinary analysis goes on without the mixed one.
type partialConcepts struct{ err *model.Error }

func (p *partialConcepts) Error() string { return p.err.Error() }

// withConcepts returns concepts (nil: all) with the concepts of mixed
// added, in report order.
func withConcepts(concepts, mixed []stability.Concept) []stability.Concept {
	if concepts == nil || mixed == nil {
		return concepts
	}
	want := map[stability.Concept]bool{}
	for _, c := range concepts {
		want[c] = true
	}
	for _, c := range mixed {
		want[c] = true
	}
	var out []stability.Concept
	for _, c := range stability.Concepts {
		if want[c] {
			out = append(out, c)
		}
	}
	return out
}
