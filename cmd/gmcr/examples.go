package main

import (
	"fmt"
	"github.com/gmcr/gmcr/model"
	"io"
	"path/filepath"
	"strings"

	"github.com/gmcr/gmcr/examples"
	"github.com/jedib0t/go-pretty/v6/text"
	"github.com/spf13/cobra"
)

func newExamplesCmd(e *env) *cobra.Command {
	var o struct{ output string }
	cmd := &cobra.Command{
		Use:   "examples [NAME]",
		Short: "List the built-in example models, or write one out",
		Long: `Without NAME, examples lists the model files built into gmcr, with their
titles and summaries; the one marked (default) is what analyze, states and
explain use when given no file. With NAME, it writes that model file to
standard output, or to -o FILE: a starting point for a model of your own.`,
		Example: `  gmcr examples
  gmcr examples elmira -o elmira.yaml
  gmcr examples prisoners-dilemma`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				if o.output != "" {
					return badInputf("--output needs an example NAME; run 'gmcr examples' to list them")
				}
				return e.writeOutput("", func(w io.Writer) error { return listExamples(w) })
			}
			ex, err := examples.Get(args[0])
			if err != nil {
				return badInput(err)
			}
			data := ex.Data // the file as written, comments included
			if ext := strings.ToLower(filepath.Ext(o.output)); ext == ".json" || ext == ".gmcr" {
				m, err := model.Parse(ex.Data, ex.File)
				if err == nil {
					data, err = e.encodeFor(o.output, m, false)
				}
				if err != nil {
					return failure(err)
				}
			}
			return e.writeOutput(o.output, func(w io.Writer) error {
				_, err := w.Write(data)
				return err
			})
		},
	}
	outputFlag(cmd, &o.output)
	return cmd
}

func listExamples(w io.Writer) error {
	all := examples.All()
	width := 0
	for _, ex := range all {
		width = max(width, len(ex.Name))
	}
	for _, ex := range all {
		title := ex.Title
		if ex.Name == examples.Default {
			title += " (default)"
		}
		if _, err := fmt.Fprintf(w, "%-*s  %s\n", width, ex.Name, title); err != nil {
			return err
		}
		if ex.Summary != "" {
			pad := strings.Repeat(" ", width+2)
			wrapped := text.WrapSoft(ex.Summary, max(40, 78-width-2))
			for _, line := range strings.Split(wrapped, "\n") {
				if _, err := fmt.Fprintf(w, "%s%s\n", pad, strings.TrimRight(line, " ")); err != nil {
					return err
				}
			}
		}
	}
	_, err := fmt.Fprintf(w, "\nWrite one out with 'gmcr examples NAME -o NAME.yaml'.\n")
	return err
}
