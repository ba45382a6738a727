package main

import (
	"context"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/gmcr/gmcr/analysis"
	"github.com/gmcr/gmcr/examples"
	"github.com/gmcr/gmcr/gmcrplus"
	"github.com/gmcr/gmcr/internal/escape"
	"github.com/gmcr/gmcr/limitedmove"
	"github.com/gmcr/gmcr/model"
	"github.com/gmcr/gmcr/report"
	"github.com/gmcr/gmcr/stability"
	"github.com/gmcr/gmcr/statespace"
	"github.com/spf13/cobra"
)

// The flags shared by several commands are declared by these helpers, so
// that they read the same everywhere.

func formatFlag(cmd *cobra.Command, p *string, formats ...report.Format) {
	names := make([]string, len(formats))
	for i, f := range formats {
		names[i] = f.String()
	}
	cmd.Flags().StringVarP(p, "format", "f", "text", "output format: "+strings.Join(names, "|"))
}

func outputFlag(cmd *cobra.Command, p *string) {
	*p = ""
	cmd.Flags().VarP(&nonEmpty{p, "name a file, or leave out -o (or give -o -) to write to standard output"}, "output", "o", "write to `FILE` (replaced atomically) instead of standard output")
	// Read by the root command into env.force (see newRootCmd).
	// (Not --force: that is the what-if flag fixing an option as taken,
	// named after the model's scenario field force:.)
	cmd.Flags().Bool("overwrite", false, "with -o: replace FILE even if it is write-protected")
}

func conceptsFlag(cmd *cobra.Command, p *string) {
	*p = "all"
	cmd.Flags().VarP(conceptsValue(p), "concepts", "c", "solution concepts, comma-separated: Nash,GMR,SMR,SEQ,SIM or all")
}

// conceptsValue is a concepts flag's value: an empty one is refused rather
// than read as "all".
func conceptsValue(p *string) *nonEmpty {
	return &nonEmpty{p, "give solution concepts, comma-separated (e.g. Nash,GMR), or all"}
}

// nonEmpty is a string flag that refuses an empty value (as a mistyped
// shell variable gives), which would otherwise silently mean the default.
type nonEmpty struct {
	p    *string
	hint string // what to write instead
}

func (v *nonEmpty) String() string {
	if v.p == nil {
		return ""
	}
	return *v.p
}
func (v *nonEmpty) Type() string { return "string" }
func (v *nonEmpty) Set(s string) error {
	if strings.TrimSpace(s) == "" {
		return fmt.Errorf("the value is empty: %s", v.hint)
	}
	*v.p = s
	return nil
}

func maxStatesFlag(cmd *cobra.Command, p *int) {
	cmd.Flags().Var((*maxStates)(p), "max-states", "refuse models with more feasible states than `N` (0: the default limit, 16777216); the memory check applies whatever N is")
}

// maxStates is the --max-states value: a whole number, at least 0. There
// is no "no limit" value: the memory check (memoryOptions) always applies,
// so a larger N is as far as one can go.
type maxStates int

func (m *maxStates) String() string { return strconv.Itoa(int(*m)) }
func (m *maxStates) Type() string   { return "int" }
func (m *maxStates) Set(v string) error {
	n, err := strconv.ParseInt(strings.TrimSpace(v), 10, 64)
	switch {
	case err != nil && errors.Is(err, strconv.ErrRange) && !strings.HasPrefix(strings.TrimSpace(v), "-"):
		return fmt.Errorf("%q is too large: give at most %d states (the memory check still applies)", v, math.MaxInt32)
	case err != nil:
		return fmt.Errorf("%q is not a number of states: give a positive whole number, or 0 for the default (16777216)", v)
	case n < 0:
		return fmt.Errorf("%q is negative: give a positive number of states, or 0 for the default (16777216); no value switches the memory check off", v)
	case n > math.MaxInt32:
		return fmt.Errorf("%q is too large: give at most %d states (the memory check still applies)", v, math.MaxInt32)
	}
	*m = maxStates(n)
	return nil
}

func quietFlag(cmd *cobra.Command, p *bool) {
	cmd.Flags().BoolVarP(p, "quiet", "q", false, "print no warnings or notes on standard error")
}

// parseFormat reads a --format value and checks that the command offers
// it.
func parseFormat(s string, allowed ...report.Format) (report.Format, error) {
	f, err := report.ParseFormat(s)
	for _, a := range allowed {
		if err == nil && a == f {
			return f, nil
		}
	}
	names := make([]string, len(allowed))
	for i, a := range allowed {
		names[i] = a.String()
	}
	if err != nil {
		return 0, badInputf("unknown format %q; use one of %s", s, strings.Join(names, ", "))
	}
	return 0, badInputf("format %q is not available here; use one of %s", s, strings.Join(names, ", "))
}

func parseConcepts(s string) ([]stability.Concept, error) {
	cs, err := stability.ParseConcepts(s)
	if err != nil {
		return nil, badInput(err)
	}
	return cs, nil
}

// warnf writes a note to standard error unless quiet.
func (e *env) warnf(quiet bool, format string, a ...any) {
	if !quiet {
		for _, line := range strings.Split(fmt.Sprintf(format, a...), "\n") {
			fmt.Fprintf(e.stderr, "gmcr: %s\n", escape.Terminal(line))
		}
	}
}

// load reads the model file at path ("-": standard input). With no path
// (path == "") it parses the built-in example examples.Default and says
// so on standard error unless quiet. Errors are bad input.
func (e *env) load(path string, quiet bool) (*model.Model, *gmcrplus.Extras, error) {
	if path == "" {
		ex, err := examples.Get(examples.Default)
		if err != nil {
			return nil, nil, failure(err)
		}
		m, err := model.Parse(ex.Data, ex.File)
		if err != nil {
			return nil, nil, failure(fmt.Errorf("the built-in example %s does not load: %w", ex.Name, err))
		}
		e.warnf(quiet, "no model file given: using the built-in example %q (%s); 'gmcr examples %s -o %s' saves a copy", ex.Name, ex.Title, ex.Name, ex.File)
		return m, nil, nil
	}
	e.inputs = append(e.inputs, path)
	m, ex, err := analysis.LoadContext(e.ctx, path, e.stdin, analysis.LoadOptions{MaxBytes: int64(e.maxInput)})
	if err != nil {
		if e.ctx.Err() != nil {
			return nil, nil, e.ctx.Err()
		}
		return nil, nil, badInput(err)
	}
	if ex != nil {
		for _, w := range ex.Warnings {
			e.warnf(quiet, "warning: %s", w)
		}
	}
	for _, w := range m.Warnings {
		e.warnf(quiet, "warning: %s", w)
	}
	return m, ex, nil
}

// noteExtras says what a GMCR+ file holds that the analysis leaves out.
// (Its misperceptions are not among them: they are the DMs' Misperceived
// conditions, which the analysis uses.)
func (e *env) noteExtras(ex *gmcrplus.Extras, quiet bool) {
	if ex == nil {
		return
	}
	if coalitions(ex) {
		e.warnf(quiet, "note: the file's coalitions are not used: gmcr analyses every DM on its own")
	}
}

// misperceives reports whether some DM of m has misperceptions
// (model.DM.Misperceived).
func misperceives(m *model.Model) bool {
	for _, d := range m.DMs {
		if len(d.Misperceived) > 0 {
			return true
		}
	}
	return false
}

// engineError classifies an error of the analysis engine: cancellation
// passes through (exit 130), anything else is the model's fault.
func engineError(ctx context.Context, err error) error {
	if err == nil {
		return nil
	}
	if ctx.Err() != nil && (errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded)) {
		return err
	}
	return badInput(err)
}

// argOrEmpty returns args[0], or "" when there is none.
func argOrEmpty(args []string) string {
	if len(args) == 0 {
		return ""
	}
	return args[0]
}

// coalitions reports whether a GMCR+ file joins two or more DMs in a
// coalition (a list of singletons is every DM acting alone).
func coalitions(ex *gmcrplus.Extras) bool {
	for _, g := range ex.Coalitions {
		if len(g) > 1 {
			return true
		}
	}
	return false
}

// dmsFlag resolves a --dm value as analysis.DMs does: comma-separated
// DMs by id, name or number (each once, in the order given), or every DM
// when it is empty or "all", a value naming one DM as a whole winning
// first. An unknown DM is bad input.
func dmsFlag(ss *statespace.StateSpace, spec string) ([]int, error) {
	dms, err := analysis.DMs(ss, spec)
	if err != nil {
		return nil, badInput(err)
	}
	return dms, nil
}

// checkHorizon refuses a --horizon outside 1..limitedmove.MaxHorizon, the
// range the API takes too.
func checkHorizon(h int) error {
	if h < 1 || h > limitedmove.MaxHorizon {
		return badInputf("--horizon must be at least 1 and at most %d, got %d", limitedmove.MaxHorizon, h)
	}
	return nil
}
