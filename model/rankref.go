package model

import (
	"fmt"
	"math"

	"slices"
	"sort"
	"strings"

	"github.com/gmcr/gmcr/internal/english"
	"gopkg.in/yaml.v3"
)

// RankingForm is how a direct ranking names its states in a model file.
// The analysis always uses ordered state numbers (Preferences.Ranking);
// the form only says how Marshal writes them back.
type RankingForm int

const (
	// RankByNumber: ordered state numbers (1, 2, ...), which change
	// meaning when an option or a constraint is added.
	RankByNumber RankingForm = iota
	// RankByPattern: Y/N patterns, one letter per option in numbering
	// order ("YN NY"), which keep their meaning while the options stay.
	RankByPattern
	// RankByTaken: the options taken ({taken: [a, b]}), which keep their
	// meaning while the options named exist.
	RankByTaken
)

// Numbering records the state space a ranking by state numbers was
// written for: the number of feasible states and the option ids in
// numbering order. When the model no longer matches it, Parse adds a
// warning (Model.Warnings), since the numbers may now name other states.
type Numbering struct {
	States  int
	Options []string
	Pos     Pos
}

// maxRefOptions is the most options for which a ranking may name states
// by pattern or options taken: resolving them enumerates the 2^n codes.
const maxRefOptions = 24

// refMark marks a ranking entry given by pattern or options taken until
// resolveRankRefs replaces it by the state's number: refMark - k stands
// for the decoder's k-th reference. A state number written this negative
// in a file is still reported, as a state the model does not have. Half
// of math.MinInt, so that it is an int on 32-bit platforms too.
const refMark = math.MinInt / 2

// stateRef is a ranking entry written as a pattern or as options taken.
type stateRef struct {
	pattern string   // Y/N letters, spaces removed; "" when taken is used
	taken   []string // option ids; nil when pattern is used
	pos     Pos
}

// isPatternText reports whether s holds only Y/N letters and spaces, and
// some letter.
func isPatternText(s string) bool {
	letters := 0
	for _, r := range s {
		switch r {
		case 'Y', 'N', 'y', 'n':
			letters++
		case ' ', '\t':
		default:
			return false
		}
	}
	return letters > 0
}

// stateRefEntry decodes a ranking entry that is not a number: a Y/N
// pattern, or a mapping {taken: [ids]}. It returns the placeholder that
// stands for it, and the form it uses.
func (d *decoder) stateRefEntry(n *yaml.Node) (int, RankingForm, bool) {
	switch {
	case n.Kind == yaml.ScalarNode && n.ShortTag() == "!!str" && isPatternText(n.Value):
		d.refs = append(d.refs, stateRef{pattern: strings.ToUpper(strings.Join(strings.Fields(n.Value), "")), pos: d.pos(n)})
		return refMark - (len(d.refs) - 1), RankByPattern, true
	case n.Kind == yaml.MappingNode:
		f, ok := d.mapping(n, "a ranking entry", []string{"taken"}, "")
		if !ok {
			return 0, 0, false
		}
		tn := f.get("taken")
		if tn == nil {
			d.errorf(n, "write {taken: [a, b]} for the state in which exactly a and b are taken, {taken: []} for none", `a ranking entry given as a mapping needs "taken"`)
			return 0, 0, false
		}
		items, ok := d.seq(tn, `"taken"`, "list the option ids, e.g. taken: [a, b]")
		if !ok {
			return 0, 0, false
		}
		taken := []string{}
		for _, it := range items {
			id, good := d.id(it, "an option id")
			if !good {
				return 0, 0, false
			}
			taken = append(taken, id)
		}
		d.refs = append(d.refs, stateRef{taken: taken, pos: d.pos(n)})
		return refMark - (len(d.refs) - 1), RankByTaken, true
	}
	return 0, 0, false
}

// numbering decodes a ranking's "numbering" field: {states: N, options:
// [ids]}.
func (d *decoder) numbering(n *yaml.Node) *Numbering {
	f, ok := d.mapping(n, `"numbering"`, []string{"states", "options"}, "write numbering: {states: 12, options: [a, b, c]}: the state space the ranking's numbers were written for")
	if !ok {
		return nil
	}
	nb := &Numbering{Pos: d.pos(n)}
	if sn := f.get("states"); sn != nil {
		if sn.Kind != yaml.ScalarNode || sn.ShortTag() != "!!int" || sn.Decode(&nb.States) != nil || nb.States < 1 {
			d.errorf(sn, "", `"states" must be a positive number of states, found %s`, describe(sn))
		}
	}
	if on := f.get("options"); on != nil {
		nb.Options, _ = d.idList(on, `"options"`, "numbering/options")
	}
	return nb
}

// optionOrder returns the option ids of m in numbering order (by DM, in
// model order), and whether every DM's options are known options.
func optionOrder(m *Model) []string {
	var ids []string
	for _, dm := range m.DMs {
		ids = append(ids, dm.Options...)
	}
	return ids
}

// feasibleCodes returns the feasible decimal codes of m in ascending
// order, evaluating m's infeasibility conditions on every code; ok is
// false when a condition could not be parsed or m has more than
// maxRefOptions options.
func feasibleCodes(m *Model) ([]uint64, bool) {
	ids := optionOrder(m)
	if len(ids) > maxRefOptions {
		return nil, false
	}
	for _, st := range m.Infeasible {
		if st.Expr == nil {
			return nil, false
		}
	}
	bit := map[string]int{}
	for b, id := range ids {
		bit[id] = b
	}
	var codes []uint64
	for code := uint64(0); code < 1<<len(ids); code++ {
		if feasible(m, bit, code) {
			codes = append(codes, code)
		}
	}
	return codes, true
}

func feasible(m *Model, bit map[string]int, code uint64) bool {
	taken := func(id string) bool { b, ok := bit[id]; return ok && code&(1<<uint(b)) != 0 }
	for _, st := range m.Infeasible {
		if st.Expr.Eval(taken) {
			return false
		}
	}
	return true
}

// resolveRankRefs replaces the placeholders of the rankings given by
// pattern or options taken by the states' ordered numbers, and checks the
// numbering records of rankings by number, adding warnings to m.
func (d *decoder) resolveRankRefs(m *Model) {
	var rankings []*[][]int
	var records []struct {
		nb   *Numbering
		whom string
	}
	for i := range m.DMs {
		rankings = append(rankings, &m.DMs[i].Prefs.Ranking)
		if nb := m.DMs[i].Prefs.Numbering; nb != nil {
			records = append(records, struct {
				nb   *Numbering
				whom string
			}{nb, "decision maker " + m.DMs[i].ID})
		}
	}
	for i := range m.Scenarios {
		for j := range m.Scenarios[i].Prefs {
			rankings = append(rankings, &m.Scenarios[i].Prefs[j].Ranking)
		}
	}
	if len(d.refs) == 0 && len(records) == 0 {
		return
	}
	ids := optionOrder(m)
	for _, id := range ids {
		if m.Option(id) == nil {
			return // validate reports the unknown option
		}
	}
	codes, ok := feasibleCodes(m)
	if !ok {
		if len(ids) > maxRefOptions && len(d.refs) > 0 {
			d.errs.add(d.refs[0].pos, "rank the states by number, or by option prioritization statements", "rankings by pattern or options taken are supported for models of at most %d options; this one has %d", maxRefOptions, len(ids))
		}
		return
	}
	numbers := make([]int, len(d.refs)) // 0: not resolved
	for k, r := range d.refs {
		code, err := r.code(m, ids)
		if err != "" {
			d.errs.add(r.pos, fmt.Sprintf("options in numbering order: %s", strings.Join(ids, " ")), "%s", err)
			continue
		}
		i := sort.Search(len(codes), func(i int) bool { return codes[i] >= code })
		if i == len(codes) || codes[i] != code {
			d.errs.add(r.pos, "a ranking lists feasible states only; `gmcr states` lists them", "state %s is not feasible: %s", r.text(ids, code), whyInfeasible(m, ids, code))
			continue
		}
		numbers[k] = i + 1
	}
	for _, rk := range rankings {
		for g := range *rk {
			for e, v := range (*rk)[g] {
				if v <= refMark && refMark-v < len(numbers) {
					(*rk)[g][e] = numbers[refMark-v]
				}
			}
		}
	}
	for _, r := range records {
		if r.nb.States == len(codes) && (r.nb.Options == nil || slices.Equal(r.nb.Options, ids)) {
			continue
		}
		var diff []string
		if r.nb.States != 0 && r.nb.States != len(codes) {
			diff = append(diff, fmt.Sprintf("%s, now %d", english.Count(r.nb.States, "feasible state"), len(codes)))
		}
		if r.nb.Options != nil && !slices.Equal(r.nb.Options, ids) {
			diff = append(diff, fmt.Sprintf("option order %s, now %s", strings.Join(r.nb.Options, " "), strings.Join(ids, " ")))
		}
		if len(diff) == 0 {
			continue
		}
		m.Warnings = append(m.Warnings, fmt.Sprintf("%s: the ranking of %s was written for another state space (%s), so its state numbers may now name other states; check them with 'gmcr states', or name the states by Y/N pattern or {taken: [...]}, then update numbering",
			r.nb.Pos, r.whom, strings.Join(diff, "; ")))
	}
}

// code returns the decimal code r names, or a message saying what is
// wrong with it.
func (r stateRef) code(m *Model, ids []string) (uint64, string) {
	var code uint64
	if r.taken == nil {
		if len(r.pattern) != len(ids) {
			return 0, fmt.Sprintf("pattern %q has %s; the model has %s", r.pattern, english.Count(len(r.pattern), "letter"), english.Count(len(ids), "option"))
		}
		for b, c := range r.pattern {
			if c == 'Y' {
				code |= 1 << uint(b)
			}
		}
		return code, ""
	}
	for _, id := range r.taken {
		b := slices.Index(ids, id)
		if b < 0 {
			msg := fmt.Sprintf("unknown option %q in a ranking entry", id)
			if c := closest(id, ids); c != "" {
				msg += fmt.Sprintf(" (did you mean %q?)", c)
			}
			return 0, msg
		}
		if code&(1<<uint(b)) != 0 {
			return 0, fmt.Sprintf("option %q is listed twice in a ranking entry", id)
		}
		code |= 1 << uint(b)
	}
	return code, ""
}

// text names the state r refers to, as written.
func (r stateRef) text(ids []string, code uint64) string {
	if r.taken != nil {
		return fmt.Sprintf("{taken: [%s]}", strings.Join(r.taken, ", "))
	}
	return r.pattern
}

// whyInfeasible names the first infeasibility condition that holds at
// code.
func whyInfeasible(m *Model, ids []string, code uint64) string {
	bit := map[string]int{}
	for b, id := range ids {
		bit[id] = b
	}
	taken := func(id string) bool { b, ok := bit[id]; return ok && code&(1<<uint(b)) != 0 }
	for _, st := range m.Infeasible {
		if st.Expr.Eval(taken) {
			return fmt.Sprintf("the condition %q holds at it", st.Text)
		}
	}
	return "an infeasibility condition holds at it"
}

// StatePattern returns the Y/N pattern of the state with the given code:
// one letter per option in numbering order.
func StatePattern(m *Model, code uint64) string {
	ids := optionOrder(m)
	b := make([]byte, len(ids))
	for i := range ids {
		b[i] = 'N'
		if code&(1<<uint(i)) != 0 {
			b[i] = 'Y'
		}
	}
	return string(b)
}
