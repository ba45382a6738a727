package model

import (
	"fmt"
	"strings"

	"github.com/gmcr/gmcr/model/statement"
)

// ConceptNames are the solution concept names DM.Concept accepts (in any
// case), as package stability spells them; "R" is also accepted for Nash.
var ConceptNames = []string{"Nash", "GMR", "SMR", "SEQ", "SIM"}

// validConcept reports whether s names a solution concept.
func validConcept(s string) bool {
	if strings.EqualFold(s, "R") {
		return true
	}
	for _, n := range ConceptNames {
		if strings.EqualFold(n, s) {
			return true
		}
	}
	return false
}

// concept checks DM i's Concept.
func (v *validator) concept(i int, key string, dmPos Pos) {
	c := v.m.DMs[i].Concept
	if c == "" || validConcept(c) {
		return
	}
	hint := "it is " + strings.Join(ConceptNames[:4], ", ") + " or " + ConceptNames[4]
	if best := closest(c, ConceptNames); best != "" {
		hint = fmt.Sprintf("did you mean %q? %s", best, hint)
	}
	v.add(v.at(key+"/concept", dmPos), hint, "unknown solution concept %q for decision maker %s", c, v.dmRef(i))
}

// scenarios checks every scenario (see Scenario): a well-formed, unique
// id; force and forbid name existing options, each once, and no option in
// both; the extra conditions as feasibility conditions; the status quo as
// the base one; and each preference change: a known DM named once,
// replacement or edits but not both, statements and rankings as in the
// base model, and edits that apply to the DM's statements (see
// PrefChange.EditStatements).
func (v *validator) scenarios() {
	m := v.m
	ids := map[string]int{}
	dmIdx := map[string]int{}
	var dmIDs []string
	for i, d := range m.DMs {
		if _, dup := dmIdx[d.ID]; !dup && d.ID != "" {
			dmIdx[d.ID] = i
			dmIDs = append(dmIDs, d.ID)
		}
	}
	for i := range m.Scenarios {
		sc := &m.Scenarios[i]
		key := fmt.Sprintf("scen/%d", i)
		p := v.at(key, sc.Pos)
		idp := v.at(key+"/id", p)
		name := fmt.Sprintf("#%d", i+1)
		switch {
		case sc.ID == "":
			if !v.lc.isBroken(key) {
				v.add(p, `add "id: <`+idForm+`>"`, "scenario has no id")
			}
		case !statement.ValidID(sc.ID):
			v.add(idp, idHint, "invalid scenario id %q", sc.ID)
		default:
			name = fmt.Sprintf("%q", sc.ID)
			if j, dup := ids[sc.ID]; dup {
				first := v.at(fmt.Sprintf("scen/%d/id", j), v.at(fmt.Sprintf("scen/%d", j), m.Scenarios[j].Pos))
				v.add(idp, firstHint(first, "scenario", j), "duplicate scenario id %q", sc.ID)
			} else {
				ids[sc.ID] = i
			}
		}
		forced := map[string]bool{}
		for _, list := range []struct {
			field string
			ids   []string
		}{{"force", sc.Force}, {"forbid", sc.Forbid}} {
			seen := map[string]bool{}
			for j, id := range list.ids {
				op := v.at(fmt.Sprintf("%s/%s/%d", key, list.field, j), p)
				if _, ok := v.opts[id]; !ok {
					if v.refs {
						v.add(op, v.unknownHint(id), "unknown option %q in %q of scenario %s", id, list.field, name)
					}
					continue
				}
				if seen[id] {
					v.add(op, "", "option %q is listed twice in %q of scenario %s", id, list.field, name)
					continue
				}
				seen[id] = true
				if list.field == "force" {
					forced[id] = true
				} else if forced[id] {
					v.add(op, "a scenario fixes an option as taken (force) or as not taken (forbid), not both", "option %q is both forced and forbidden in scenario %s", id, name)
				}
			}
		}
		for j := range sc.Infeasible {
			v.condition(fmt.Sprintf("%s/inf/%d", key, j), &sc.Infeasible[j])
		}
		if sq := sc.StatusQuo; sq != nil {
			v.statusQuo(sq, key+"/sq", "the status_quo of scenario "+name)
		}
		seenDM := map[string]int{}
		for j := range sc.Prefs {
			v.change(sc, j, key, p, name, dmIdx, dmIDs, seenDM)
		}
	}
}

// change checks preference change j of scenario sc, recorded under
// skey; sp is the scenario's position and name its name in messages.
func (v *validator) change(sc *Scenario, j int, skey string, sp Pos, name string, dmIdx map[string]int, dmIDs []string, seenDM map[string]int) {
	c := &sc.Prefs[j]
	key := fmt.Sprintf("%s/pref/%d", skey, j)
	p := v.at(key, c.Pos)
	if p == (Pos{File: v.m.File}) {
		p = sp
	}
	dp := v.at(key+"/dm", p)
	i, known := dmIdx[c.DM]
	if !known {
		if c.DM == "" {
			v.add(dp, "name the decision maker by its id", "a preference change of scenario %s names no decision maker", name)
		} else {
			hint := ""
			if v.hints < maxHints {
				v.hints++
				hint = didYouMean(c.DM, dmIDs)
			}
			v.add(dp, hint, "unknown decision maker %q in the preferences of scenario %s", c.DM, name)
		}
	} else if k, dup := seenDM[c.DM]; dup {
		first := v.at(fmt.Sprintf("%s/pref/%d/dm", skey, k), sc.Prefs[k].Pos)
		v.add(dp, firstHint(first, "change", k)+"; put all its changes in one entry", "decision maker %q appears twice in the preferences of scenario %s", c.DM, name)
		return
	} else {
		seenDM[c.DM] = j
	}
	dm := fmt.Sprintf("%q", c.DM)
	broken := v.lc.isBroken(key)
	hasS, hasR := len(c.Statements) > 0, len(c.Ranking) > 0
	if !broken {
		switch {
		case hasS && hasR:
			v.add(p, "keep one of statements and ranking", "scenario %s gives decision maker %s both statements and a ranking", name, dm)
			return
		case (hasS || hasR) && c.MarksOnly():
			v.add(p, "write unsure: true on the statements under statements:, or edit the model's statements with sure: and unsure:", "scenario %s both replaces the preferences of decision maker %s and marks statements sure or unsure", name, dm)
			return
		case (hasS || hasR) && c.Edits():
			v.add(p, "use statements: or ranking: to replace the preferences, or remove:, add: and move: to edit the statements, not both", "scenario %s both replaces and edits the preferences of decision maker %s", name, dm)
			return
		case !hasS && !hasR && !c.Edits() && !c.ChangesUnknown():
			v.add(p, "write remove:, add:, move:, sure:, unsure:, unknown:, clear_unknown:, or statements: / ranking: to replace the preferences", "scenario %s changes nothing in the preferences of decision maker %s", name, dm)
			return
		}
	}
	if known && c.ClearUnknown && !broken {
		d := &v.m.DMs[i]
		has := len(d.Prefs.Unknown) > 0
		for _, st := range d.Prefs.Statements {
			has = has || st.Unsure
		}
		if !has {
			v.add(v.at(key+"/clear", p), "leave clear_unknown out: the model gives this decision maker no unknown groups or unsure statements", "scenario %s clears the unknown comparisons of decision maker %s, which has none", name, dm)
		}
	}
	for k, g := range c.Unknown {
		gp := v.at(fmt.Sprintf("%s/unknown/%d", key, k), g.Pos)
		if len(g.States) < 2 {
			v.add(gp, "a group lists at least two states whose mutual order is unknown", "unknown group of decision maker %s in scenario %s has %d state(s)", dm, name, len(g.States))
		}
		seen := map[int]bool{}
		for _, s := range g.States {
			if s < 1 {
				v.add(gp, "states are numbered from 1", "state number must be positive, found %d", s)
				continue
			}
			if seen[s] {
				v.add(gp, "", "state %d appears twice in an unknown group of decision maker %s in scenario %s", s, dm, name)
			}
			seen[s] = true
		}
	}
	before := len(v.errs)
	for k := range c.Statements {
		v.statement(fmt.Sprintf("%s/st/%d", key, k), &c.Statements[k], true)
	}
	v.ranking(key, p, c.Ranking, dm)
	for k := range c.Remove {
		v.statement(fmt.Sprintf("%s/rm/%d", key, k), &c.Remove[k], true)
	}
	for k := range c.Add {
		v.statement(fmt.Sprintf("%s/add/%d", key, k), &c.Add[k].Statement, true)
		if c.Add[k].At < 0 {
			v.add(c.Add[k].AtPos, "positions count from 1, the most important statement", "at must be 1 or more, found %d", c.Add[k].At)
		}
	}
	for k := range c.Move {
		v.statement(fmt.Sprintf("%s/mv/%d", key, k), &c.Move[k].Statement, true)
	}
	for k := range c.Sure {
		v.statement(fmt.Sprintf("%s/sure/%d", key, k), &c.Sure[k], true)
	}
	for k := range c.Unsure {
		v.statement(fmt.Sprintf("%s/uns/%d", key, k), &c.Unsure[k], true)
	}
	if !known || broken || !c.Edits() || len(v.errs) > before {
		return
	}
	d := &v.m.DMs[i]
	if v.lc.isBroken(fmt.Sprintf("dm/%d/prefs", i)) {
		return
	}
	if len(d.Prefs.Statements) == 0 {
		if len(d.Prefs.Ranking) > 0 {
			v.add(p, "replace its preferences with ranking: [...] or statements: [...]", "decision maker %s has a ranking, not statements: remove, add, move, sure and unsure edit statements", dm)
		}
		return
	}
	for _, st := range d.Prefs.Statements {
		if st.Expr == nil || !wellFormed(st.Expr, 0) {
			return
		}
	}
	_, errs := c.edit(d.Prefs.Statements, v.m.File)
	for _, e := range errs {
		if e.Pos.Line == 0 {
			e.Pos = p
		}
		v.errs = append(v.errs, e)
	}
}
