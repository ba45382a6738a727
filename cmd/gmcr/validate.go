package main

import (
	"errors"
	"fmt"
	"github.com/gmcr/gmcr/internal/english"
	"github.com/gmcr/gmcr/model"
	"github.com/gmcr/gmcr/scenario"
	"strings"

	"github.com/gmcr/gmcr/analysis"
	"github.com/spf13/cobra"
)

func newValidateCmd(e *env) *cobra.Command {
	var o struct {
		maxStates int
		quiet     bool
	}
	cmd := &cobra.Command{
		Use:   "validate FILE...",
		Short: "Check model files for errors",
		Long: `Validate reads each model file and checks it the way analyze would: the
file's syntax and schema, option and DM ids, preference statements and
rankings, feasibility constraints (at least one feasible state), the status
quo, and the model's size (--max-states). It prints
"ok: N options, M DMs, K feasible states" for a good model, or every error
found with its file, line and column, and exits with code 3 if any file
has errors.`,
		Example: `  gmcr examples elmira -o elmira.yaml
  gmcr validate elmira.yaml

  # Several files at once; --quiet prints only the errors
  gmcr examples chicken -o chicken.yaml
  gmcr validate --quiet elmira.yaml chicken.yaml`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			bad := 0
			for _, path := range args {
				prefix := ""
				if len(args) > 1 {
					prefix = path + ": "
				}
				m, _, err := e.load(path, o.quiet)
				if err == nil {
					var r *analysis.Result
					r, err = analysis.Prepare(e.ctx, m, memoryOptions(analysis.Options{MaxStates: o.maxStates}))
					if err != nil {
						err = engineError(e.ctx, err)
					} else if err = e.validateExtras(m, o.maxStates); err == nil && !o.quiet {
						extra := ""
						if n := len(m.Scenarios); n > 0 {
							extra = ", " + plural(n, "scenario")
						}
						if _, werr := fmt.Fprintf(e.stdout, "%sok: %s, %s, %s%s\n", prefix, plural(len(r.Space.Options), "option"), plural(len(r.Space.DMs), "DM"), plural(r.Space.Len(), "feasible state"), extra); werr != nil {
							return failure(fmt.Errorf("writing the output: %w", werr))
						}
					}
				}
				if err != nil {
					if e.ctx.Err() != nil {
						return err
					}
					printError(e.stderr, err)
					bad++
				}
			}
			if bad > 0 {
				return &cmdError{code: exitBadInput, err: fmt.Errorf("%d of %d %s errors", bad, len(args), english.Noun(bad, "file")+" "+english.Noun(bad, "has")), silent: len(args) == 1}
			}
			return nil
		},
	}
	maxStatesFlag(cmd, &o.maxStates)
	quietFlag(cmd, &o.quiet)
	return cmd
}

// plural returns "1 word" or "n words" (english.Count).
func plural(n int, word string) string { return english.Count(n, word) }

// validateExtras checks what analyze would reject later: the DMs'
// concept: fields, and every scenario (applied and prepared like the base
// model).
func (e *env) validateExtras(m *model.Model, maxStates int) error {
	if _, err := dmConcepts(m, ""); err != nil {
		var partial *partialConcepts
		if !errors.As(err, &partial) {
			return badInput(err)
		}
		e.warnf(false, "note: %v; analyze leaves out the mixed (per-DM concept) equilibria", err)
	}
	var errs []error
	for _, sc := range m.Scenarios {
		sm, err := scenario.Apply(m, sc.ID)
		if err == nil {
			_, err = analysis.Prepare(e.ctx, sm, memoryOptions(analysis.Options{MaxStates: maxStates}))
		}
		if e.ctx.Err() != nil {
			return e.ctx.Err()
		}
		if err != nil && !strings.Contains(err.Error(), fmt.Sprintf("scenario %q", sc.ID)) {
			err = fmt.Errorf("scenario %q: %w", sc.ID, err)
		}
		if err != nil {
			errs = append(errs, err)
		}
	}
	if len(errs) > 0 {
		return badInput(errors.Join(errs...))
	}
	return nil
}
