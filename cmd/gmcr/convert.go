package main

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/gmcr/gmcr/gmcrplus"
	"github.com/gmcr/gmcr/model"
	"github.com/spf13/cobra"
)

func newConvertCmd(e *env) *cobra.Command {
	var o struct {
		to, output string
		quiet      bool
		graph      bool
	}
	cmd := &cobra.Command{
		Use:   "convert IN --to yaml|json|gmcr [-o OUT]",
		Short: "Convert a model between YAML, JSON and GMCR+ files",
		Long: `Convert reads a model (a YAML or JSON model file, a GMCR+ save file, or
"-" for standard input) and writes it as a YAML model file, a JSON model
file (the same schema as YAML, see docs/model-format.md) or a GMCR+ 0.4.1
save file (.gmcr).

--to names the output format; without it, the extension of -o OUT decides
(.yaml/.yml, .json, .gmcr). The output goes to standard output unless -o is
given; the file is replaced atomically.

Converting a GMCR+ file to YAML or JSON keeps the model, misperceptions
included (a DM's "misperceived:" list); what GMCR+ holds beyond it
(coalitions, statements kept behind a manual ranking) is dropped with a
warning. Converting to GMCR+ turns preference statements into the
conjunctions GMCR+ can hold.

--graph writes an option-form model in graph form (YAML or JSON): its
feasible states listed as s1, s2, ... (gmcr's numbers) with the options
taken in each, and each decision maker's unilateral moves as arcs, with
irreversible options and misperceptions applied. The analysis of the
result is the same; edit its moves to express what option form cannot
(a move possible in some states only). See docs/model-format.md, "Graph
form".`,
		Example: `  # YAML to GMCR+, and back
  gmcr examples elmira -o elmira.yaml
  gmcr convert elmira.yaml --to gmcr -o elmira.gmcr
  gmcr convert elmira.gmcr -o elmira-again.yaml

  # YAML to JSON on standard output
  gmcr convert elmira.yaml --to json

  # Option form to graph form
  gmcr convert elmira.yaml --graph -o elmira-graph.yaml`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			to := strings.ToLower(strings.TrimSpace(o.to))
			if to == "" {
				switch strings.ToLower(filepath.Ext(o.output)) {
				case ".yaml", ".yml":
					to = "yaml"
				case ".json":
					to = "json"
				case ".gmcr":
					to = "gmcr"
				default:
					return badInputf("give the output format with --to yaml|json|gmcr (or an -o file ending in .yaml, .json or .gmcr)")
				}
			}
			if to == "yml" {
				to = "yaml"
			}
			if to != "yaml" && to != "json" && to != "gmcr" {
				return badInputf("unknown output format %q; use one of yaml, json, gmcr", o.to)
			}
			if o.graph && to == "gmcr" {
				// Refused before reading, so that no warning about the
				// file comes before the refusal.
				return badInputf("--graph writes a model file (--to yaml or json); a GMCR+ file holds option form only")
			}
			m, ex, err := e.load(args[0], o.quiet)
			if err != nil {
				return err
			}
			if to == "gmcr" && m.GraphForm() {
				return badInputf("%s is in graph form (states and moves listed), but a GMCR+ file holds conflicts in option form only; "+
					"convert it --to yaml or json instead", args[0])
			}
			if o.graph {
				if m, err = e.toGraphForm(m, to, o.quiet); err != nil {
					return err
				}
			}
			var out []byte
			switch to {
			case "gmcr":
				e.noteLostInGMCRPlus(m, o.quiet)
				out, err = gmcrplus.Encode(m, ex)
			default:
				e.noteDropped(ex, o.quiet)
				out, err = model.Marshal(m)
				if err == nil && to == "json" {
					out, err = yamlToJSON(out)
				}
			}
			if err != nil {
				// The model was read and validated, so a failure to write
				// it is a limit of the target format or a bug.
				return failure(fmt.Errorf("cannot convert %s to %s: %w", args[0], to, err))
			}
			return e.writeOutput(o.output, func(w io.Writer) error {
				_, err := w.Write(out)
				return err
			})
		},
	}
	cmd.Flags().StringVarP(&o.to, "to", "t", "", "output format: yaml|json|gmcr (default: from the -o extension)")
	cmd.Flags().BoolVar(&o.graph, "graph", false, "write the model in graph form: states and each DM's moves listed (yaml or json)")
	outputFlag(cmd, &o.output)
	quietFlag(cmd, &o.quiet)
	return cmd
}

// noteDropped warns about what a GMCR+ file held that a model file cannot.
func (e *env) noteDropped(ex *gmcrplus.Extras, quiet bool) {
	if ex == nil {
		return
	}
	if coalitions(ex) {
		e.warnf(quiet, "warning: the GMCR+ coalitions are dropped: model files cannot hold them")
	}
	if len(ex.InactiveStatements) > 0 {
		e.warnf(quiet, "warning: the preference statements GMCR+ kept behind manual rankings are dropped; the rankings are kept")
	}
}

// encodeFor writes m in the format the output path's extension names:
// GMCR+ for .gmcr, JSON for .json, YAML otherwise (and for standard
// output).
func (e *env) encodeFor(path string, m *model.Model, quiet bool) ([]byte, error) {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".gmcr":
		e.noteLostInGMCRPlus(m, quiet)
		return gmcrplus.Encode(m, nil)
	case ".json":
		data, err := model.Marshal(m)
		if err != nil {
			return nil, err
		}
		return yamlToJSON(data)
	}
	return model.Marshal(m)
}

// noteLostInGMCRPlus warns about what a model holds that a GMCR+ file
// cannot: GMCR+ 0.4.1 stores options, DMs, conditions and preferences by
// name and index only.
func (e *env) noteLostInGMCRPlus(m *model.Model, quiet bool) {
	var lost []string
	if m.StatusQuo != nil {
		lost = append(lost, "the status quo")
	}
	if len(m.Scenarios) > 0 {
		lost = append(lost, plural(len(m.Scenarios), "scenario"))
	}
	evidence := m.Description != ""
	concepts := false
	for _, o := range m.Options {
		evidence = evidence || o.Evidence != (model.Evidence{}) || o.Description != ""
	}
	for _, d := range m.DMs {
		evidence = evidence || d.Evidence != (model.Evidence{}) || d.Prefs.Evidence != (model.Evidence{})
		concepts = concepts || d.Concept != ""
		for _, st := range d.Prefs.Statements {
			evidence = evidence || st.Evidence != (model.Evidence{})
		}
	}
	for _, st := range m.Infeasible {
		evidence = evidence || st.Evidence != (model.Evidence{})
	}
	if concepts {
		lost = append(lost, "the DMs' concept: fields")
	}
	if m.HasUnknown() {
		lost = append(lost, "unknown comparisons (unknown groups, unsure marks)")
	}
	if m.HasStrength() {
		lost = append(lost, "strength of preference (strong marks, ranking cuts)")
	}
	if evidence || len(m.Sources) > 0 {
		lost = append(lost, "descriptions, notes, sources")
	}
	lost = append(lost, "the title and the ids (GMCR+ keeps names; ids are rebuilt from them when read back)")
	e.warnf(quiet, "warning: a GMCR+ file cannot hold %s; they are left out", strings.Join(lost, ", "))
}

// yamlToJSON is model.YAMLToJSON.
var yamlToJSON = model.YAMLToJSON
