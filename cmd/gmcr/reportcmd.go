package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/gmcr/gmcr/analysis"
	"github.com/gmcr/gmcr/htmlreport"
	"github.com/gmcr/gmcr/internal/english"
	"github.com/gmcr/gmcr/printout"
	"github.com/spf13/cobra"
)

func newReportCmd(e *env) *cobra.Command {
	var o struct {
		output, concepts, scenario, dmConcepts string
		format, paper                          string
		maxStates, explain                     int
		quiet                                  bool
	}
	cmd := &cobra.Command{
		Use:   "report [FILE]",
		Short: "Write a self-contained HTML (or Markdown) report to share and print",
		Long: `Report writes one HTML file that opens in any browser without gmcr and
without a network: the model with its notes and sources, the stability
tableau, the equilibria, the explanations of the SEQ and Nash equilibria,
the stability under unknown preferences and the strong and weak stability
(when the model has unknown comparisons or strength of preference, as gmcr
uncertain and gmcr strength give them), the evolution diagram from the
status quo (when the model has one) and the
comparison of the model's what-if scenarios (when it has some). It prints
on paper as well: each part on a new page, rows and the diagram kept
whole, a wide tableau on landscape pages.

--format markdown writes the same report as one Markdown document, built
from the Markdown of gmcr analyze, explain, uncertain, strength, evolve
and compare, for analysts who write their own reports around it (the
evolution diagram is left out: gmcr evolve --format svg draws it).

--format pdf prints the report to a PDF (--paper a4 or letter) through
Chrome or Chromium, which must be installed; the PDF is the same for the
same model and browser.

A scenario that cannot be analysed (for example one whose conditions rule
out every state) does not stop the report: the scenario section shows it,
with its error, in a red box, and compares the others. The report is
still written, but gmcr then lists the failed scenarios and exits with
status 3, as for other errors in the model, so that scripts notice.

FILE is a YAML or JSON model file or a GMCR+ save file; without FILE the
built-in example is reported.

Without -o the report goes to standard output when that is a pipe or a
file (gmcr report m.yaml > m.html); on a terminal gmcr refuses (exit 3)
and asks for -o FILE, since pages of HTML are of no use there; -o -
writes to the terminal anyway.`,
		Example: `  # The built-in example
  gmcr report -o report.html

  # A model file, explaining up to 20 equilibria per concept
  gmcr examples elmira -o elmira.yaml
  gmcr report elmira.yaml --explain 20 -o elmira.html

  # The same report as Markdown
  gmcr report elmira.yaml --format markdown -o elmira.md

  # A PDF on US Letter paper (needs Chrome or Chromium)
  gmcr report --format pdf --paper letter -o report.pdf`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			concepts, err := parseConcepts(o.concepts)
			if err != nil {
				return err
			}
			o.format = strings.ToLower(strings.TrimSpace(o.format))
			if o.format == "md" {
				o.format = "markdown"
			}
			if o.format != "html" && o.format != "markdown" && o.format != "pdf" {
				return badInputf("unknown format %q; use html, markdown or pdf", o.format)
			}
			paper, err := printout.PaperByName(strings.ToLower(strings.TrimSpace(o.paper)))
			if err != nil {
				return badInput(fmt.Errorf("--paper: %w", err))
			}
			if o.format == "pdf" {
				if err := e.binaryOutput(o.output, o.format); err != nil {
					return err
				}
			} else if err := e.documentOutput(o.output, "the HTML report", "report.html"); err != nil {
				return err
			}
			if o.explain < 0 {
				return badInputf("--explain must be at least 0, got %d", o.explain)
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
			opts := memoryOptions(analysis.Options{Concepts: concepts, MaxStates: o.maxStates})
			progress, done := e.progress(o.quiet, len(m.DMs))
			opts.Progress = progress
			r, err := analysis.Run(e.ctx, m, opts)
			done()
			if err != nil {
				return engineError(e.ctx, err)
			}
			hopt := htmlreport.Options{Mixed: mixed, MaxExplained: o.explain, Generator: "gmcr " + versionString()}
			if len(m.Scenarios) > 0 && o.scenario == "" {
				opts.Progress = nil
				if hopt.Comparison, hopt.Failed, err = htmlreport.CompareScenarios(e.ctx, m, opts); err != nil {
					return engineError(e.ctx, err)
				}
			}
			write := func(w io.Writer) error { return htmlreport.Write(e.ctx, w, r, hopt) }
			if o.format == "markdown" {
				write = func(w io.Writer) error { return htmlreport.WriteMarkdown(e.ctx, w, r, hopt) }
			}
			if o.format == "pdf" {
				var page bytes.Buffer
				if err := write(&page); err != nil {
					return failure(err)
				}
				pdf, err := printout.ReportPDF(e.ctx, page.Bytes(), paper)
				if err != nil {
					return printoutError(e, err)
				}
				write = func(w io.Writer) error {
					_, err := w.Write(pdf)
					return err
				}
			}
			if err := e.writeOutput(o.output, write); err != nil {
				return err
			}
			if n := len(hopt.Failed); n > 0 {
				where := "standard output"
				if o.output != "" && o.output != "-" {
					where = o.output
				}
				msgs := make([]string, n)
				for i, f := range hopt.Failed {
					msgs[i] = fmt.Sprintf("scenario %q: %v", f.Scenario.ID, f.Err)
				}
				shows := "it with its error"
				if n > 1 {
					shows = "them with their errors"
				}
				return badInputf("%d of %s failed; the report, written to %s, shows %s and compares the others:\n%s",
					n, english.Count(len(m.Scenarios), "scenario"), where, shows, strings.Join(msgs, "\n"))
			}
			return nil
		},
	}
	outputFlag(cmd, &o.output)
	cmd.Flags().StringVarP(&o.format, "format", "f", "html", "output format: html|markdown|pdf")
	cmd.Flags().StringVar(&o.paper, "paper", "a4", "paper of the pdf format: a4|letter")
	conceptsFlag(cmd, &o.concepts)
	cmd.Flags().IntVar(&o.explain, "explain", htmlreport.DefaultMaxExplained, "explain at most `N` equilibria per concept")
	cmd.Flags().StringVar(&o.dmConcepts, "dm-concepts", "", "add the mixed (per-DM concept) equilibria; `SPEC` as for analyze")
	scenarioFlag(cmd, &o.scenario)
	maxStatesFlag(cmd, &o.maxStates)
	quietFlag(cmd, &o.quiet)
	return cmd
}
