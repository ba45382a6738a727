package gmcrplus

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"

	"github.com/gmcr/gmcr/model"
)

// FormatVersion is the GMCR+ version whose save files Encode writes; Encode
// records it in the file's "version" field (its "program" field is "gmcr").
const FormatVersion = "0.4.1"

// maxEnumOptions bounds the conflicts for which Encode enumerates states to
// turn statements into a ranking.
const maxEnumOptions = 20

func encErr(format string, args ...any) error {
	return fmt.Errorf("gmcrplus: encode: "+format, args...)
}

// Encode writes m (and ex, which may be nil) as a GMCR+ 0.4.1 save file.
//
// Options are written regrouped by DM, each DM's options in its order, as
// GMCR+ saves them; state numbers are therefore unchanged. Statements are
// converted to disjunctive normal form: a preference statement becomes one
// condition (a compound one when it needs several terms) and an infeasible
// condition or misperception (model.DM.Misperceived, written as the DM's
// "misperceptions") becomes one condition per term. A statement
// whose normal form has more than 1024 terms cannot be written and makes
// Encode fail, naming it; a preference statement that always or never holds
// is left out, since it cannot change the DM's ranking.
//
// GMCR+ uses rankings for all DMs or for none. When some DM has a ranking
// (other than one tying every state) the file uses manual rankings, and the
// ranking of a DM given by statements is computed from them (the statements
// are kept too). A ranking tying every state is otherwise written as an
// empty list of statements. A DM given by a ranking keeps the statements of
// ex.InactiveStatements, if any.
func Encode(m *model.Model, ex *Extras) ([]byte, error) {
	if m == nil {
		return nil, encErr("nil model")
	}
	if ex == nil {
		ex = &Extras{}
	}
	if len(m.DMs) < 2 {
		return nil, encErr("a conflict needs at least two decision makers; the model has %d", len(m.DMs))
	}
	if m.GraphForm() {
		return nil, encErr("the model is in graph form (states and moves listed); a GMCR+ file holds conflicts in option form only")
	}

	// Option order: by DM.
	modelIndex := map[string]int{}
	for i, o := range m.Options {
		if _, dup := modelIndex[o.ID]; dup {
			return nil, encErr("option id %q is used twice", o.ID)
		}
		modelIndex[o.ID] = i
	}
	var order []int         // written index -> index in m.Options
	pos := map[string]int{} // option id -> written index
	dmOpts := make([][]int, len(m.DMs))
	for j, dm := range m.DMs {
		if len(dm.Options) == 0 {
			return nil, encErr("DM %q controls no options", dm.ID)
		}
		for _, id := range dm.Options {
			i, ok := modelIndex[id]
			if !ok {
				return nil, encErr("DM %q controls unknown option %q", dm.ID, id)
			}
			if _, dup := pos[id]; dup {
				return nil, encErr("option %q is controlled twice; GMCR+ needs exactly one DM per option", id)
			}
			pos[id] = len(order)
			dmOpts[j] = append(dmOpts[j], len(order))
			order = append(order, i)
		}
	}
	for _, o := range m.Options {
		if _, ok := pos[o.ID]; !ok {
			return nil, encErr("option %q is controlled by no DM; GMCR+ needs a DM for every option", o.ID)
		}
	}
	nOpts := len(order)

	convert := func(what string, st model.Statement) (dnf, error) {
		d, err := toDNF(st.Expr, false, pos)
		if errors.Is(err, errTooBig) {
			return nil, encErr("%s (%q) cannot be expressed as GMCR+ conditions: %v", what, st.Text, err)
		}
		if err != nil {
			return nil, encErr("%s (%q): %v", what, st.Text, err)
		}
		return d, nil
	}
	// conditions converts statements that hold in the states to remove
	// (infeasibles, misperceptions): one term per condition.
	conditions := func(what string, sts []model.Statement) ([]term, error) {
		var out []term
		for k, st := range sts {
			d, err := convert(fmt.Sprintf("%s %d", what, k+1), st)
			if err != nil {
				return nil, err
			}
			if d.isTrue() {
				return nil, encErr("%s %d (%q) holds in every state, which GMCR+ cannot hold", what, k+1, st.Text)
			}
			out = append(out, d...)
		}
		return out, nil
	}
	// prefs converts preference statements, leaving out constant ones.
	prefs := func(dm model.DM, sts []model.Statement) ([]dnf, error) {
		var out []dnf
		for k, st := range sts {
			d, err := convert(fmt.Sprintf("DM %q preference statement %d", dm.ID, k+1), st)
			if err != nil {
				return nil, err
			}
			if !d.isTrue() && !d.isFalse() {
				out = append(out, d)
			}
		}
		return out, nil
	}

	infeas, err := conditions("infeasible condition", m.Infeasible)
	if err != nil {
		return nil, err
	}
	infeasCubes := make([]cube, len(infeas))
	for i, t := range infeas {
		infeasCubes[i] = t.cube()
	}
	var nFeasible uint64
	counted := false
	feasible := func() (uint64, error) {
		if !counted {
			n, err := countFeasible(nOpts, infeasCubes)
			if err != nil {
				return 0, encErr("%v", err)
			}
			nFeasible, counted = n, true
		}
		return nFeasible, nil
	}

	// Preferences.
	type dmOut struct {
		prefs   []dnf
		ranking [][]int
		misp    []term
	}
	outs := make([]dmOut, len(m.DMs))
	manual := false
	for j, dm := range m.DMs {
		p := dm.Prefs
		if len(p.Statements) > 0 && len(p.Ranking) > 0 {
			return nil, encErr("DM %q has both preference statements and a ranking", dm.ID)
		}
		if len(p.Ranking) > 0 {
			n, err := feasible()
			if err != nil {
				return nil, err
			}
			if msg := checkRanking(p.Ranking, n); msg != "" {
				return nil, encErr("DM %q ranking: %s", dm.ID, msg)
			}
			if len(p.Ranking) > 1 || len(ex.InactiveStatements[j]) > 0 {
				manual = true
			}
		}
		if outs[j].prefs, err = prefs(dm, p.Statements); err != nil {
			return nil, err
		}
		if len(p.Ranking) > 0 {
			if outs[j].prefs, err = prefs(dm, ex.InactiveStatements[j]); err != nil {
				return nil, err
			}
		}
	}
	if !manual {
		// Every ranking ties all states: GMCR+ says so with no statement.
		for j, dm := range m.DMs {
			if len(dm.Prefs.Ranking) > 0 {
				outs[j].prefs = nil
			}
		}
	} else {
		for j, dm := range m.DMs {
			if len(dm.Prefs.Ranking) > 0 {
				outs[j].ranking = dm.Prefs.Ranking
				continue
			}
			if nOpts > maxEnumOptions {
				return nil, encErr("DM %q: GMCR+ needs a ranking for every DM once one DM has one, and %d options are too many to compute it from the statements (at most %d)",
					dm.ID, nOpts, maxEnumOptions)
			}
			outs[j].ranking = rankStates(nOpts, infeasCubes, outs[j].prefs)
		}
	}

	// Misperceptions.
	for j, dm := range m.DMs {
		if outs[j].misp, err = conditions(fmt.Sprintf("DM %q misperception", dm.ID), dm.Misperceived); err != nil {
			return nil, err
		}
	}

	// Coalitions.
	coalitions := ex.Coalitions
	if coalitions == nil {
		for j := range m.DMs {
			coalitions = append(coalitions, []int{j})
		}
	} else if msg := partitionProblem(coalitions, len(m.DMs)); msg != "" {
		return nil, encErr("coalitions: %s", msg)
	}

	// Write.
	var b bytes.Buffer
	str := func(s string) {
		q, _ := json.Marshal(s)
		b.Write(q)
	}
	ints := func(xs []int) {
		b.WriteByte('[')
		for i, x := range xs {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(strconv.Itoa(x))
		}
		b.WriteByte(']')
	}
	conjunction := func(t term) {
		b.WriteByte('[')
		for i, l := range t {
			if i > 0 {
				b.WriteString(", ")
			}
			v := "N"
			if l.val {
				v = "Y"
			}
			fmt.Fprintf(&b, "[%d, %q]", l.opt, v)
		}
		b.WriteByte(']')
	}
	condList := func(ts []term) {
		b.WriteByte('[')
		for i, t := range ts {
			if i > 0 {
				b.WriteString(", ")
			}
			conjunction(t)
		}
		b.WriteByte(']')
	}
	name := func(name, id string) {
		if name == "" {
			name = id
		}
		str(name)
	}

	b.WriteString("{\n \"program\": \"gmcr\",\n \"version\": ")
	str(FormatVersion)
	b.WriteString(",\n \"options\": [")
	for k, i := range order {
		if k > 0 {
			b.WriteByte(',')
		}
		o := m.Options[i]
		dir := "both"
		switch o.Reversibility {
		case model.Forward:
			dir = "fwd"
		case model.Backward:
			dir = "back"
		}
		b.WriteString("\n  {\"name\": ")
		name(o.Name, o.ID)
		fmt.Fprintf(&b, ", \"permittedDirection\": %q}", dir)
	}
	b.WriteString("\n ],\n \"decisionMakers\": [")
	for j, dm := range m.DMs {
		if j > 0 {
			b.WriteByte(',')
		}
		b.WriteString("\n  {\n   \"name\": ")
		name(dm.Name, dm.ID)
		b.WriteString(",\n   \"options\": ")
		ints(dmOpts[j])
		b.WriteString(",\n   \"preferences\": [")
		for k, d := range outs[j].prefs {
			if k > 0 {
				b.WriteString(", ")
			}
			if len(d) == 1 {
				conjunction(d[0])
				continue
			}
			b.WriteString(`{"compound": true, "members": `)
			condList(d)
			b.WriteByte('}')
		}
		b.WriteString("],\n   \"misperceptions\": ")
		condList(outs[j].misp)
		if manual {
			b.WriteString(",\n   \"preferenceRanking\": [")
			for k, g := range outs[j].ranking {
				if k > 0 {
					b.WriteString(", ")
				}
				if len(g) == 1 {
					b.WriteString(strconv.Itoa(g[0]))
				} else {
					ints(g)
				}
			}
			b.WriteByte(']')
		}
		b.WriteString("\n  }")
	}
	b.WriteString("\n ],\n \"coalitions\": [")
	for k, g := range coalitions {
		if k > 0 {
			b.WriteString(", ")
		}
		if len(g) == 1 {
			b.WriteString(strconv.Itoa(g[0]))
		} else {
			ints(g)
		}
	}
	b.WriteString("],\n \"infeasibles\": [")
	for k, t := range infeas {
		if k > 0 {
			b.WriteByte(',')
		}
		b.WriteString("\n  ")
		conjunction(t)
	}
	if len(infeas) > 0 {
		b.WriteString("\n ")
	}
	fmt.Fprintf(&b, "],\n \"useManualPreferenceRanking\": %t\n}\n", manual)
	return b.Bytes(), nil
}

// rankStates ranks the feasible states over nOpts options (their ordered
// numbers, by ascending decimal code) by option prioritization: a state
// with a truer earlier statement is preferred, states with the same truth
// values tie.
func rankStates(nOpts int, infeasible []cube, stmts []dnf) [][]int {
	cubes := make([][]cube, len(stmts))
	for j, d := range stmts {
		for _, t := range d {
			cubes[j] = append(cubes[j], t.cube())
		}
	}
	matches := func(code uint64, cs []cube) bool {
		for _, c := range cs {
			if code&c.care == c.val {
				return true
			}
		}
		return false
	}
	type state struct {
		num int
		key []byte
	}
	var states []state
	for code := uint64(0); code < 1<<uint(nOpts); code++ {
		if matches(code, infeasible) {
			continue
		}
		key := make([]byte, len(stmts))
		for j := range stmts {
			if matches(code, cubes[j]) {
				key[j] = 1
			}
		}
		states = append(states, state{len(states) + 1, key})
	}
	slices.SortStableFunc(states, func(a, b state) int { return bytes.Compare(b.key, a.key) })
	var r [][]int
	for i, s := range states {
		if i > 0 && bytes.Equal(s.key, states[i-1].key) {
			r[len(r)-1] = append(r[len(r)-1], s.num)
		} else {
			r = append(r, []int{s.num})
		}
	}
	return r
}
