package report

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/gmcr/gmcr/internal/escape"
	"github.com/gmcr/gmcr/scenario"
	"github.com/gmcr/gmcr/stability"
	"github.com/gmcr/gmcr/statespace"
	"github.com/gmcr/gmcr/uncertain"
)

// WriteUncertainComparison writes a comparison of scenarios under
// preference uncertainty (scenario.CompareUncertain): for each scenario,
// a table of how many of the base model's equilibria each of the sixteen
// definitions keeps (and how many appear), then the states lost and
// gained, grouped by the definitions that share them. Formats: text,
// markdown, json (docs/uncertain-comparison.schema.json).
func WriteUncertainComparison(w io.Writer, c *scenario.UncertainComparison, f Format) error {
	if c == nil || c.Base == nil || c.BaseU == nil {
		return fmt.Errorf("report: empty uncertain comparison")
	}
	switch f {
	case Text, Markdown:
		bw := bufio.NewWriter(w)
		writeUncertainComparisonText(bw, c, f == Markdown)
		return bw.Flush()
	case JSON:
		return writeUncertainComparisonJSON(w, c)
	}
	return fmt.Errorf("the %v format is not available for comparisons; use text, markdown or json", f)
}

var baseConcepts = []stability.Concept{stability.Nash, stability.GMR, stability.SMR, stability.SEQ}

func writeUncertainComparisonText(w *bufio.Writer, c *scenario.UncertainComparison, md bool) {
	bv, _ := newView(c.Base, false)
	bv.display()
	d := mdDoc{w, md}
	head := func(s string) {
		if md {
			fmt.Fprintf(w, "## %s\n\n", mdLine(s))
		} else {
			fmt.Fprintf(w, "%s\n%s\n", s, strings.Repeat("=", len([]rune(s))))
		}
	}
	d.title(bv.title() + ": scenarios under preference uncertainty")
	d.line(fmt.Sprintf("Base model: %s. Unknown comparisons: %s.", plural(c.Base.Space.Len(), "feasible state"), strings.Join(unknownSummary(bv), "; ")))
	d.line("Definitions: Nash, GMR, SMR and SEQ in the extensions (a)-(d) of Li, Hipel, Kilgour & Fang (2004); see gmcr uncertain.")
	d.line(`A cell "k of n" counts the base model's n equilibria under that definition that are still equilibria in the scenario; "+m" counts new ones.`)
	if !md {
		fmt.Fprintln(w)
	}
	for _, o := range c.Scenarios {
		var sv *view
		if o.Err == nil {
			sv, _ = newView(o.Result, false)
		}
		name := "Scenario " + o.Scenario.ID
		if o.Scenario.Name != "" {
			name += ": " + escape.Terminal(o.Scenario.Name)
		}
		head(name)
		if o.Err != nil {
			d.line("Could not be analysed: " + o.Err.Error())
			if !md {
				fmt.Fprintln(w)
			}
			continue
		}
		d.line(fmt.Sprintf("%s. Unknown comparisons: %s.", capitalize(plural(o.Result.Space.Len(), "feasible state")), strings.Join(unknownSummary(sv), "; ")))
		if !md {
			fmt.Fprintln(w)
		}
		rows := [][]string{{"concept", "(a)", "(b)", "(c)", "(d)"}}
		for _, b := range baseConcepts {
			row := []string{b.String()}
			for _, e := range uncertain.Extensions {
				d := o.Diff(uncertain.Concept{Base: b, Ext: e})
				cell := fmt.Sprintf("%d of %d", len(d.Kept), len(d.Kept)+len(d.Disappeared))
				if len(d.Appeared) > 0 {
					cell += fmt.Sprintf(" +%d", len(d.Appeared))
				}
				row = append(row, cell)
			}
			rows = append(rows, row)
		}
		writeTable(w, rows, md)
		lost := groupByStates(o, func(d *scenario.UncertainDiff) []scenario.State { return d.Disappeared })
		gained := groupByStates(o, func(d *scenario.UncertainDiff) []scenario.State { return d.Appeared })
		if len(lost)+len(gained) == 0 {
			fmt.Fprintln(w)
			d.line("Every equilibrium of the base model is kept under every definition, and none appears.")
			if !md {
				fmt.Fprintln(w)
			}
			continue
		}
		infeasible := false
		list := func(title string, groups []stateGroup, inScenario bool) {
			if len(groups) == 0 {
				return
			}
			fmt.Fprintln(w)
			d.line(title)
			for _, g := range groups {
				var nums []string
				for _, s := range g.states {
					n, where := s.Base, bv
					if inScenario {
						n, where = s.Scenario, sv
					}
					if n < 0 {
						nums = append(nums, "("+where.patternOfCode(s.Code)+", infeasible)")
						continue
					}
					num := strconv.Itoa(statespace.Number(n))
					if !inScenario && s.Scenario < 0 {
						num += "x"
						infeasible = true
					}
					nums = append(nums, num)
				}
				d.item(1, "  ", fmt.Sprintf("%s: %s", strings.Join(g.concepts, ", "), strings.Join(nums, ", ")))
			}
			d.endList()
		}
		list("Equilibria lost (state numbers of the base model):", lost, false)
		list("Equilibria gained (state numbers of the scenario):", gained, true)
		if infeasible {
			if !md {
				fmt.Fprintln(w)
			}
			d.line("x: infeasible in the scenario.")
		}
		if !md {
			fmt.Fprintln(w)
		}
	}
}

// patternOfCode is the grouped Y/N pattern of the state with this code,
// from the options alone (the state may be infeasible in v).
func (v *view) patternOfCode(code uint64) string {
	var b strings.Builder
	for i := range v.ss.DMs {
		if i > 0 {
			b.WriteByte(' ')
		}
		for _, bit := range v.dmOptions(i) {
			b.WriteByte(yn(code&(1<<uint(bit)) != 0))
		}
	}
	return b.String()
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// stateGroup is a list of states shared by several definitions.
type stateGroup struct {
	concepts []string
	states   []scenario.State
}

// groupByStates groups the definitions of o by the list pick gives,
// leaving out empty lists, in definition order.
func groupByStates(o *scenario.UncertainOutcome, pick func(*scenario.UncertainDiff) []scenario.State) []stateGroup {
	var out []stateGroup
	key := func(states []scenario.State) string {
		var b strings.Builder
		for _, s := range states {
			b.WriteString(strconv.FormatUint(s.Code, 10))
			b.WriteByte(',')
		}
		return b.String()
	}
	at := map[string]int{}
	for i := range o.Diffs {
		d := &o.Diffs[i]
		states := pick(d)
		if len(states) == 0 {
			continue
		}
		k := key(states)
		if j, ok := at[k]; ok {
			out[j].concepts = append(out[j].concepts, d.Concept.String())
			continue
		}
		at[k] = len(out)
		out = append(out, stateGroup{concepts: []string{d.Concept.String()}, states: states})
	}
	return out
}

type ucJSONState struct {
	Code     uint64 `json:"code"`
	Base     *int   `json:"base"`
	Scenario *int   `json:"scenario"`
}

type ucJSONDiff struct {
	Concept     string        `json:"concept"`
	Kept        []ucJSONState `json:"kept"`
	Appeared    []ucJSONState `json:"appeared"`
	Disappeared []ucJSONState `json:"disappeared"`
}

type ucJSONScenario struct {
	ID     string       `json:"id"`
	Name   string       `json:"name,omitempty"`
	States int          `json:"states,omitempty"`
	Diffs  []ucJSONDiff `json:"definitions,omitempty"`
	Error  string       `json:"error,omitempty"` // instead of states and definitions
}

type ucJSON struct {
	Schema        string           `json:"$schema"`
	Kind          string           `json:"kind"`
	FormatVersion int              `json:"format_version"`
	Title         string           `json:"title"`
	States        int              `json:"states"`
	Equilibria    map[string][]int `json:"equilibria"`
	Scenarios     []ucJSONScenario `json:"scenarios"`
}

func writeUncertainComparisonJSON(w io.Writer, c *scenario.UncertainComparison) error {
	bv, _ := newView(c.Base, false)
	out := ucJSON{Schema: "https://github.com/gmcr/gmcr/docs/uncertain-comparison.schema.json", Kind: "uncertain-comparison", FormatVersion: 1, Title: bv.title(), States: c.Base.Space.Len(), Equilibria: map[string][]int{}}
	for _, k := range uncertain.Concepts {
		nums := []int{}
		for _, s := range c.BaseU.Equilibria(k) {
			nums = append(nums, statespace.Number(s))
		}
		out.Equilibria[k.String()] = nums
	}
	conv := func(states []scenario.State) []ucJSONState {
		res := []ucJSONState{}
		for _, s := range states {
			js := ucJSONState{Code: s.Code}
			if s.Base >= 0 {
				n := statespace.Number(s.Base)
				js.Base = &n
			}
			if s.Scenario >= 0 {
				n := statespace.Number(s.Scenario)
				js.Scenario = &n
			}
			res = append(res, js)
		}
		return res
	}
	out.Scenarios = []ucJSONScenario{}
	for _, o := range c.Scenarios {
		if o.Err != nil {
			out.Scenarios = append(out.Scenarios, ucJSONScenario{ID: o.Scenario.ID, Name: o.Scenario.Name, Error: o.Err.Error()})
			continue
		}
		js := ucJSONScenario{ID: o.Scenario.ID, Name: o.Scenario.Name, States: o.Result.Space.Len()}
		for i := range o.Diffs {
			d := &o.Diffs[i]
			js.Diffs = append(js.Diffs, ucJSONDiff{Concept: d.Concept.String(), Kept: conv(d.Kept), Appeared: conv(d.Appeared), Disappeared: conv(d.Disappeared)})
		}
		out.Scenarios = append(out.Scenarios, js)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}
