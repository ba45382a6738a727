package model

import (
	"fmt"
	"strings"

	"gopkg.in/yaml.v3"
)

var (
	scenarioFields = []string{"id", "name", "description", "note", "source", "force", "forbid",
		"infeasible", MutuallyExclusive, AtLeastOne, ExactlyOne, Requires, "status_quo", "preferences"}
	changeFields = []string{"statements", "ranking", "remove", "add", "move", "sure", "unsure", "unknown", "clear_unknown", "note", "source"}
	addFields    = []string{"statement", "at", "unsure", "note", "source"}
	moveFields   = []string{"statement", "to", "note", "source"}
)

func init() {
	misplaced["a scenario"] = map[string]string{
		"feasibility": `write the conditions directly in the scenario: infeasible:, mutually_exclusive:, at_least_one:, exactly_one:, requires:`,
		"title":       `did you mean "name"?`,
		"taken":       `it belongs under "status_quo:"`,
		"statements":  `it belongs under "preferences:", under the decision maker's id`,
		"ranking":     `it belongs under "preferences:", under the decision maker's id`,
		"remove":      `it belongs under "preferences:", under the decision maker's id`,
		"add":         `it belongs under "preferences:", under the decision maker's id`,
		"move":        `it belongs under "preferences:", under the decision maker's id`,
		"fix":         `did you mean "force" (fixed as taken) or "forbid" (fixed as not taken)`,
		"fixed":       `did you mean "force" (fixed as taken) or "forbid" (fixed as not taken)`,
		"take":        `did you mean "force"?`,
		"exclude":     `did you mean "forbid"?`,
		"forbidden":   `did you mean "forbid"?`,
		"forced":      `did you mean "force"?`,
	}
	misplaced["scenario preferences"] = map[string]string{
		"delete":    `did you mean "remove"?`,
		"drop":      `did you mean "remove"?`,
		"insert":    `did you mean "add"?`,
		"replace":   `write statements: [...] or ranking: [...] to replace the preferences`,
		"known":     `did you mean "clear_unknown: true" (drop the unknown comparisons) or "sure" (clear statements' unsure marks)?`,
		"clear":     `did you mean "clear_unknown: true"?`,
		"certain":   `did you mean "sure"?`,
		"uncertain": `did you mean "unsure" (statements) or "unknown" (groups of states)?`,
	}
	misplaced["an add entry"] = map[string]string{"to": `did you mean "at"? add uses at, move uses to`, "position": `did you mean "at"?`}
	misplaced["a move entry"] = map[string]string{"at": `did you mean "to"? move uses to, add uses at`, "position": `did you mean "to"?`}
}

// scenarios decodes the scenarios list. Scenario i is recorded under
// scen/i; its parts under scen/i/id, scen/i/force/j, scen/i/forbid/j,
// scen/i/inf/j (conditions), scen/i/sq (status quo) and scen/i/pref/j
// (preference changes, see change).
func (d *decoder) scenarios(m *Model, n *yaml.Node) {
	items, _ := d.seq(n, `"scenarios"`, `write each scenario as "- id: ..."`)
	for _, it := range items {
		i := len(m.Scenarios)
		key := fmt.Sprintf("scen/%d", i)
		f, ok := d.mapping(it, "a scenario", scenarioFields, `write each scenario as "- id: ..."`)
		if !ok {
			continue
		}
		sc := Scenario{Pos: d.pos(it)}
		d.mark(key, it)
		d.breakMistyped(f, "id", key)
		sc.ID = d.elementID(f, key, "a scenario id")
		sc.Name = d.text(f, "name")
		sc.Description = d.text(f, "description")
		sc.Evidence = d.evidence(f)
		for _, list := range []struct {
			field string
			dst   *[]string
			pos   *[]Pos
		}{{"force", &sc.Force, &sc.ForcePos}, {"forbid", &sc.Forbid, &sc.ForbidPos}} {
			if ln := f.get(list.field); ln != nil {
				ids, good := d.idList(ln, fmt.Sprintf("%q", list.field), key+"/"+list.field)
				if !good {
					d.breakKey(key + "/" + list.field)
				}
				*list.dst = ids
				*list.pos = make([]Pos, len(ids))
				for j := range ids {
					(*list.pos)[j] = d.loc.at(fmt.Sprintf("%s/%s/%d", key, list.field, j), sc.Pos)
				}
			}
		}
		d.conditions(f, &sc.Infeasible, key+"/inf")
		if sn := f.get("status_quo"); sn != nil {
			sc.StatusQuo = d.statusQuoNode(sn, key+"/sq")
		}
		if pn := f.get("preferences"); pn != nil {
			sc.Prefs = d.changes(pn, key)
		}
		m.Scenarios = append(m.Scenarios, sc)
	}
}

// changes decodes a scenario's preferences: a mapping from DM ids to
// preference changes. Change j is recorded under key/pref/j, its DM id
// under key/pref/j/dm.
func (d *decoder) changes(n *yaml.Node, key string) []PrefChange {
	n = d.resolve(n)
	if n.Kind != yaml.MappingNode {
		d.errorf(n, "write preferences: {DM_ID: {remove: [...], add: [...], move: [...]}}, one entry per decision maker",
			"a scenario's preferences must be a mapping from decision maker ids to changes, found %s", describe(n))
		return nil
	}
	var out []PrefChange
	seen := map[string]*yaml.Node{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := d.resolve(n.Content[i]), d.resolve(n.Content[i+1])
		if k.Kind != yaml.ScalarNode || k.ShortTag() == "!!merge" {
			d.errorf(k, "write the decision maker's id", "a key of a scenario's preferences must be a decision maker id, found %s", describe(k))
			continue
		}
		id, ok := d.id(k, "a decision maker id")
		if !ok {
			continue
		}
		if first, dup := seen[id]; dup {
			d.errorf(k, fmt.Sprintf("first at %d:%d; put all its changes in one entry", first.Line, first.Column), "decision maker %q appears twice in the scenario's preferences", id)
			continue
		}
		seen[id] = k
		ckey := fmt.Sprintf("%s/pref/%d", key, len(out))
		c := PrefChange{DM: id, Pos: d.pos(k)}
		d.mark(ckey, k)
		d.mark(ckey+"/dm", k)
		hint := "write remove:, add:, move:, or statements: / ranking: to replace the preferences"
		if v.Kind == yaml.SequenceNode {
			hint = "put the list under statements: (to replace the statements) or under remove:, add: or move:"
		}
		errsBefore := len(d.errs)
		f, ok := d.mapping(v, "scenario preferences", changeFields, hint)
		if !ok {
			d.breakKey(ckey)
			continue
		}
		c.Evidence = d.evidence(f)
		if sn := f.get("statements"); sn != nil {
			var good bool
			if c.Statements, good = d.statementList(sn, ckey); !good {
				d.breakKey(ckey)
			}
		}
		if rn := f.get("ranking"); rn != nil {
			var good bool
			if c.Ranking, good = d.ranking(rn, ckey); !good {
				d.breakKey(ckey)
			}
			for _, cut := range d.rankCuts {
				d.errs.add(cut.Pos, "a scenario replaces the order only; write the strength cuts in the model's own ranking", "a scenario's ranking cannot hold strength cuts (%s)", CutMark)
			}
		}
		if rn := f.get("remove"); rn != nil {
			items, good := d.seq(rn, `"remove"`, `write remove: ["..."] for a single statement`)
			if !good {
				d.breakKey(ckey)
			}
			for _, it := range items {
				st, good := d.statement(it, fmt.Sprintf("%s/rm/%d", ckey, len(c.Remove)))
				if !good {
					d.breakKey(ckey)
					continue
				}
				c.Remove = append(c.Remove, st)
			}
		}
		if an := f.get("add"); an != nil {
			items, good := d.seq(an, `"add"`, `write add: ["..."] or add: [{statement: "...", at: 1}]`)
			if !good {
				d.breakKey(ckey)
			}
			for _, it := range items {
				pl, good := d.placement(it, fmt.Sprintf("%s/add/%d", ckey, len(c.Add)), false)
				if !good {
					d.breakKey(ckey)
					continue
				}
				c.Add = append(c.Add, pl)
			}
		}
		if mn := f.get("move"); mn != nil {
			items, good := d.seq(mn, `"move"`, `write move: [{statement: "...", to: 1}]`)
			if !good {
				d.breakKey(ckey)
			}
			for _, it := range items {
				pl, good := d.placement(it, fmt.Sprintf("%s/mv/%d", ckey, len(c.Move)), true)
				if !good {
					d.breakKey(ckey)
					continue
				}
				c.Move = append(c.Move, pl)
			}
		}
		for _, mark := range []struct {
			field, short string
			dst          *[]Statement
		}{{"sure", "sure", &c.Sure}, {"unsure", "uns", &c.Unsure}} {
			mn := f.get(mark.field)
			if mn == nil {
				continue
			}
			items, good := d.seq(mn, fmt.Sprintf("%q", mark.field), fmt.Sprintf(`write %s: ["..."] (statements the decision maker has)`, mark.field))
			if !good {
				d.breakKey(ckey)
			}
			for _, it := range items {
				st, good := d.statement(it, fmt.Sprintf("%s/%s/%d", ckey, mark.short, len(*mark.dst)))
				if !good {
					d.breakKey(ckey)
					continue
				}
				*mark.dst = append(*mark.dst, st)
			}
		}
		if un := f.get("unknown"); un != nil {
			c.Unknown = d.unknownGroups(un, ckey)
		}
		if cn := f.get("clear_unknown"); cn != nil {
			d.mark(ckey+"/clear", cn)
			if cn.Kind != yaml.ScalarNode || cn.ShortTag() != "!!bool" {
				d.errorf(cn, "write clear_unknown: true", "clear_unknown must be true or false, found %s", describe(cn))
				d.breakKey(ckey)
			} else {
				c.ClearUnknown = strings.EqualFold(cn.Value, "true")
			}
		}
		if len(d.errs) > errsBefore {
			// Something of the change could not be decoded: checks of the
			// change as a whole (such as "changes nothing") would mislead.
			d.breakKey(ckey)
		}
		out = append(out, c)
	}
	return out
}

// placement decodes an add entry (a statement, or {statement, at, note,
// source}) or, when move is set, a move entry ({statement, to, note,
// source}), recording the statement under key.
func (d *decoder) placement(n *yaml.Node, key string, move bool) (Placement, bool) {
	var pl Placement
	what, fieldsOf, posField := "an add entry", addFields, "at"
	if move {
		what, fieldsOf, posField = "a move entry", moveFields, "to"
	}
	if n.Kind != yaml.MappingNode {
		if move {
			d.errorf(n, `write - {statement: "...", to: 1}`, "a move entry must be a mapping with statement and to, found %s", describe(n))
			return pl, false
		}
		st, ok := d.statement(n, key)
		pl.Statement = st
		return pl, ok
	}
	f, _ := d.mapping(n, what, fieldsOf, "")
	tn := f.get("statement")
	if tn == nil {
		d.errorf(n, fmt.Sprintf(`write statement: "..." and %s: <position, 1 = most important>`, posField), "%s has no \"statement\"", what)
		return pl, false
	}
	st, ok := d.statement(tn, key)
	if !ok {
		return pl, false
	}
	st.Evidence = d.evidence(f)
	if !move {
		st.Unsure = d.unsure(f)
	}
	pl.Statement = st
	pn := f.get(posField)
	if pn == nil {
		if move {
			d.errorf(n, "write to: <new position, 1 = most important>", "a move entry has no \"to\"")
			return pl, false
		}
		return pl, true
	}
	pl.AtPos = d.pos(pn)
	v, ok := d.position(pn, posField)
	pl.At = v
	return pl, ok
}

// position decodes a 1-based statement position.
func (d *decoder) position(n *yaml.Node, field string) (int, bool) {
	if n.Kind == yaml.ScalarNode && n.ShortTag() == "!!int" {
		var v int
		if err := n.Decode(&v); err != nil || v > 1<<20 {
			d.errorf(n, "", "%s %s is too large", field, clip(n.Value))
			return 0, false
		}
		if v < 1 {
			d.errorf(n, "positions count from 1, the most important statement", "%s must be 1 or more, found %d", field, v)
			return 0, false
		}
		return v, true
	}
	d.errorf(n, "1 is the most important statement, 2 the next...", "%s must be a position (a whole number from 1), found %s", field, describe(n))
	return 0, false
}
