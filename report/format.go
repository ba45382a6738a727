// Package report formats the results of a gmcr analysis for people and
// programs: the stability tableau a GMCR analyst expects (text or
// Markdown), a JSON document described by docs/analysis.schema.json, CSV
// with one row per state, a listing of the feasible states, and the
// explanation of one state's stability for one DM with its sanction
// witnesses.
//
// The package only formats. It reads what analysis.Run (or
// analysis.Prepare) and stability.Explain computed and never decides
// anything itself; every output is deterministic, byte for byte, for the
// same result.
package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/gmcr/gmcr/analysis"
	"github.com/gmcr/gmcr/stability"
)

// Format is an output format.
type Format int

// The output formats.
const (
	Text     Format = iota // aligned plain-text tables for a terminal
	Markdown               // GitHub-flavoured Markdown tables
	JSON                   // a JSON document (docs/analysis.schema.json)
	CSV                    // comma-separated values, one row per state
)

var formatNames = [...]string{"text", "markdown", "json", "csv"}

// Formats lists every format, in the order help text lists them.
var Formats = []Format{Text, Markdown, JSON, CSV}

// String returns the format's name as ParseFormat reads it.
func (f Format) String() string {
	if f >= 0 && int(f) < len(formatNames) {
		return formatNames[f]
	}
	return fmt.Sprintf("Format(%d)", int(f))
}

// FormatNames returns the valid format names joined with "|", for help
// text.
func FormatNames() string { return strings.Join(formatNames[:], "|") }

// ParseFormat reads a format name, case-insensitively; "md" is Markdown
// and "txt" is Text. The error lists the valid names.
func ParseFormat(s string) (Format, error) {
	t := strings.ToLower(strings.TrimSpace(s))
	switch t {
	case "md":
		return Markdown, nil
	case "txt":
		return Text, nil
	}
	for i, n := range formatNames {
		if n == t {
			return Format(i), nil
		}
	}
	return 0, fmt.Errorf("unknown format %q; use one of %s", s, strings.Join(formatNames[:], ", "))
}

// Layout says how the tableau of the text and Markdown formats is laid
// out.
type Layout int

// The tableau layouts.
const (
	// Auto lays the tableau out in columns unless the model has more
	// states than Options.MaxColumns, and then in rows.
	Auto Layout = iota
	// Columns is the GMCR II / GMCR+ layout: one column per state; rows
	// for the options (grouped by DM), the DMs' ranks, the stability
	// marks and the equilibria.
	Columns
	// Rows transposes it: one row per state.
	Rows
)

var layoutNames = [...]string{"auto", "columns", "rows"}

// String returns the layout's name as ParseLayout reads it.
func (l Layout) String() string {
	if l >= 0 && int(l) < len(layoutNames) {
		return layoutNames[l]
	}
	return fmt.Sprintf("Layout(%d)", int(l))
}

// ParseLayout reads a layout name ("auto", "columns" or "rows"),
// case-insensitively. The error lists the valid names.
func ParseLayout(s string) (Layout, error) {
	t := strings.ToLower(strings.TrimSpace(s))
	for i, n := range layoutNames {
		if n == t {
			return Layout(i), nil
		}
	}
	return 0, fmt.Errorf("unknown layout %q; use one of %s", s, strings.Join(layoutNames[:], ", "))
}

// DefaultMaxColumns is the number of states above which the Auto layout
// puts one state per row.
const DefaultMaxColumns = 40

// Options tunes the reports.
type Options struct {
	// Layout of the text and Markdown tableau; the zero value is Auto.
	Layout Layout
	// MaxColumns is the most states the Auto layout shows as columns;
	// 0 means DefaultMaxColumns.
	MaxColumns int
	// Mixed, when not nil, gives each DM (in model order) its own solution
	// concept, and Write adds the "Mixed" equilibria: the states stable
	// for every DM under its own concept (GMCR II's hybrid analysis;
	// stability.Analysis.EquilibriaMixed). Every concept named must have
	// been computed.
	Mixed []stability.Concept
}

func (o Options) columns(states int) bool {
	switch o.Layout {
	case Columns:
		return true
	case Rows:
		return false
	}
	limit := o.MaxColumns
	if limit <= 0 {
		limit = DefaultMaxColumns
	}
	return states <= limit
}

// Write writes the full analysis r (analysis.Run's result, with its
// stability computed) in format f: the tableau of options, ranks,
// stability marks and equilibria, or their JSON or CSV form. With
// opt.Mixed, every format also gives the mixed (per-DM concept)
// equilibria: a "Mixed" line and row in text and Markdown, "mixed" in
// JSON, an eq_Mixed column in CSV. Errors: a result without stability, an
// opt.Mixed of the wrong length or naming a concept that was not
// computed.
func Write(w io.Writer, r *analysis.Result, f Format, opt Options) error {
	v, err := newView(r, true)
	if err != nil {
		return err
	}
	if err := v.setMixed(opt.Mixed); err != nil {
		return err
	}
	if f != JSON {
		v.display()
	}
	switch f {
	case Text:
		return writeTableau(w, v, false, opt)
	case Markdown:
		return writeTableau(w, v, true, opt)
	case JSON:
		return writeJSON(w, v, "analysis")
	case CSV:
		return writeCSV(w, v)
	}
	return fmt.Errorf("unknown format %v", f)
}

// WriteStates writes the feasible states of r (analysis.Prepare's result
// suffices): each state's number, decimal code, Y/N per option and every
// DM's rank of it.
func WriteStates(w io.Writer, r *analysis.Result, f Format, opt Options) error {
	v, err := newView(r, false)
	if err != nil {
		return err
	}
	if f != JSON {
		v.display()
	}
	switch f {
	case Text:
		return writeStatesTable(w, v, false)
	case Markdown:
		return writeStatesTable(w, v, true)
	case JSON:
		return writeJSON(w, v, "states")
	case CSV:
		return writeStatesCSV(w, v)
	}
	return fmt.Errorf("unknown format %v", f)
}
