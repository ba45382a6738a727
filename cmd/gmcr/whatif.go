package main

import (
	"fmt"
	"strings"

	"github.com/gmcr/gmcr/gmcrplus"
	"github.com/gmcr/gmcr/model"
	"github.com/gmcr/gmcr/scenario"
	"github.com/spf13/cobra"
)

// Annotations on the commands, read by the help texts that list commands
// (rootLong, and compare's notes), so those lists follow the command
// table.
const (
	// annotBuiltin marks a command that uses the built-in example when
	// given no model file (env.load with path "").
	annotBuiltin = "gmcr/builtin-example"
	// annotWhatIf marks a command that takes --scenario, --force, --forbid
	// and --set-status-quo (scenarioFlag).
	annotWhatIf = "gmcr/what-if"
)

// builtinExample marks cmd as using the built-in example when given no
// model file.
func builtinExample(cmd *cobra.Command) {
	if cmd.Annotations == nil {
		cmd.Annotations = map[string]string{}
	}
	cmd.Annotations[annotBuiltin] = "yes"
}

// whatIfFlags registers --force, --forbid and --set-status-quo, the quick
// what-ifs applied as a scenario (scenario.Quick).
func whatIfFlags(cmd *cobra.Command) {
	cmd.Flags().Var(&optionIDs{}, "force", "what-if: fix option `OPT` as taken (repeat, or separate ids with commas)")
	cmd.Flags().Var(&optionIDs{}, "forbid", "what-if: fix option `OPT` as not taken (repeat, or separate ids with commas)")
	cmd.Flags().Var(&nonEmpty{new(string), "give a state number or Y/N pattern, or leave out --set-status-quo"}, "set-status-quo", "what-if: make `STATE` the status quo (a number or Y/N pattern, in the numbering after --scenario, --force and --forbid)")
}

// optionIDs is the value of --force and --forbid: option ids, repeated or
// comma-separated. A value naming no option ("" or ",", as an unset shell
// variable gives) is refused rather than silently applying no what-if.
type optionIDs []string

func (v *optionIDs) String() string { return strings.Join(*v, ",") }
func (v *optionIDs) Type() string   { return "strings" }
func (v *optionIDs) Set(s string) error {
	ids := trimIDs(strings.Split(s, ","))
	if len(ids) == 0 {
		return fmt.Errorf("%q names no option: give option ids (e.g. --force a,b), or leave the flag out", s)
	}
	*v = append(*v, ids...)
	return nil
}

// quickWhatIf reads the flags of whatIfFlags.
func quickWhatIf(cmd *cobra.Command) scenario.Quick {
	var q scenario.Quick
	if cmd.Flags().Lookup("force") == nil {
		return q
	}
	q.Force = *cmd.Flags().Lookup("force").Value.(*optionIDs)
	q.Forbid = *cmd.Flags().Lookup("forbid").Value.(*optionIDs)
	sq := cmd.Flags().Lookup("set-status-quo").Value.String()
	q.StatusQuo = strings.Join(strings.Fields(sq), "")
	return q
}

func trimIDs(ids []string) []string {
	var out []string
	for _, id := range ids {
		if id = strings.TrimSpace(id); id != "" {
			out = append(out, id)
		}
	}
	return out
}

// scenarioFlag registers --scenario and the quick what-if flags, shared by
// the commands that analyse one model (loadScenario reads them), and marks
// cmd as using the built-in example without a model file.
func scenarioFlag(cmd *cobra.Command, id *string) {
	cmd.Flags().StringVar(id, "scenario", "", "use the model's what-if scenario `ID` (listed under the model's scenarios key) instead of the base model")
	whatIfFlags(cmd)
	builtinExample(cmd)
	cmd.Annotations[annotWhatIf] = "yes"
}

// loadScenario is load followed by applying the model's scenario id (when
// not empty) and the quick what-if of cmd's flags (scenario.WhatIf); an
// unknown id or option is bad input.
func (e *env) loadScenario(cmd *cobra.Command, path, id string, quiet bool) (*model.Model, *gmcrplus.Extras, error) {
	m, ex, err := e.load(path, quiet)
	if err != nil {
		return m, ex, err
	}
	e.warnLarge(m, quiet)
	q := quickWhatIf(cmd)
	if id == "" && q.Empty() {
		return m, ex, nil
	}
	sm, err := scenario.WhatIf(m, id, q)
	if err != nil {
		return nil, nil, badInput(err)
	}
	if !q.Empty() {
		e.warnf(quiet, "what-if: %s", q)
		if sq := scenario.ReplacesStatusQuo(m, id, q); sq != nil {
			p := sq.Pos
			if p.File == "" {
				p.File = m.File
			}
			e.warnf(quiet, "what-if: --set-status-quo replaces the status_quo of scenario %q (%s)", id, p)
		}
		if q.StatusQuo == "" && len(q.Force)+len(q.Forbid) > 0 {
			if moved := statusQuoMove(m, sm); moved != "" {
				e.warnf(quiet, "what-if: the status quo moves: %s (give --set-status-quo to choose another)", moved)
			}
		}
	}
	return sm, ex, nil
}

// statusQuoMove describes how the status quo of after differs from that
// of before ("a now taken; b no longer taken"), or returns "" when it does
// not (or either model has no option-form status quo).
func statusQuoMove(before, after *model.Model) string {
	if before.StatusQuo == nil || after.StatusQuo == nil || before.StatusQuo.State != "" || after.StatusQuo.State != "" {
		return ""
	}
	was, now := map[string]bool{}, map[string]bool{}
	for _, o := range before.StatusQuo.Taken {
		was[o] = true
	}
	for _, o := range after.StatusQuo.Taken {
		now[o] = true
	}
	var added, dropped []string
	for _, o := range after.StatusQuo.Taken {
		if !was[o] {
			added = append(added, o)
		}
	}
	for _, o := range before.StatusQuo.Taken {
		if !now[o] {
			dropped = append(dropped, o)
		}
	}
	var parts []string
	if len(added) > 0 {
		parts = append(parts, strings.Join(added, ", ")+" now taken")
	}
	if len(dropped) > 0 {
		parts = append(parts, strings.Join(dropped, ", ")+" no longer taken")
	}
	return strings.Join(parts, "; ")
}

// commandsWith returns the names of root's commands annotated with key,
// in the order of the command table, as "a, b and c".
func commandsWith(root *cobra.Command, key string) string {
	var names []string
	for _, c := range root.Commands() {
		if c.Annotations[key] != "" {
			names = append(names, c.Name())
		}
	}
	switch len(names) {
	case 0:
		return ""
	case 1:
		return names[0]
	}
	return fmt.Sprintf("%s and %s", strings.Join(names[:len(names)-1], ", "), names[len(names)-1])
}

// Placeholders in the commands' Long help, filled from the command table
// by fillCommandLists once every command is added.
const (
	listBuiltin = "{{commands using the built-in example}}"
	listWhatIf  = "{{commands taking what-ifs}}"
)

// fillCommandLists replaces the placeholders in the Long help of root and
// its commands with the lists of commands they stand for.
func fillCommandLists(root *cobra.Command) {
	r := strings.NewReplacer(listBuiltin, commandsWith(root, annotBuiltin), listWhatIf, commandsWith(root, annotWhatIf))
	// Most help texts have no placeholder: a plain search is much cheaper
	// than the replacer at every start.
	fill := func(s string) string {
		if strings.Contains(s, "{{commands ") {
			return r.Replace(s)
		}
		return s
	}
	root.Long = fill(root.Long)
	for _, c := range root.Commands() {
		c.Long = fill(c.Long)
	}
}

// largeOptions is the option count from which gmcr warns before enumerating
// the states: 2^23 candidate states take tens of seconds to enumerate and,
// when most are feasible, minutes and gigabytes to analyse (a 2-DM,
// 26-option generated model ran over 100 s at about 3 GB).
const largeOptions = 23

// warnLarge says up front when m's option form allows so many states that
// the command may run for minutes, and how to refuse such a model instead.
func (e *env) warnLarge(m *model.Model, quiet bool) {
	if n := len(m.Options); n >= largeOptions && !m.GraphForm() && n < 63 {
		e.warnf(quiet, "note: the model has %d options, so up to 2^%d = %d states to enumerate before feasibility is known; with many feasible states this can take minutes and several GiB (give --max-states N to refuse a larger state space up front)", n, n, int64(1)<<n)
	}
}
