package model

import (
	"fmt"

	"gopkg.in/yaml.v3"
)

// UnknownGroup is a group of states (ordered numbers, 1-based, as in
// Preferences.Ranking) whose mutual comparisons a DM cannot make: for each
// two states s != t of the group the DM's preference is unknown (U in Li,
// Hipel, Kilgour & Fang 2004). A model file writes it under the DM's
// "preferences: unknown:" as a list of states, or {states: [...], note,
// source}; in graph form states may be named by id.
type UnknownGroup struct {
	States []int
	Evidence
	Pos Pos
}

var unknownFields = []string{"states", "note", "source"}

// unsure decodes a statement's "unsure" field: true or false.
func (d *decoder) unsure(f fields) bool {
	n := f.get("unsure")
	if n == nil {
		return false
	}
	if n.Kind != yaml.ScalarNode || n.ShortTag() != "!!bool" {
		d.errorf(n, "write unsure: true", "unsure must be true or false, found %s", describe(n))
		return false
	}
	return n.Value == "true" || n.Value == "True" || n.Value == "TRUE"
}

// unknownGroups decodes a DM's "unknown" list, recording group j under
// key/unknown/j.
func (d *decoder) unknownGroups(n *yaml.Node, key string) []UnknownGroup {
	items, _ := d.seq(n, `"unknown"`, "write unknown: [[3, 5]] (groups of states whose order is unknown)")
	var out []UnknownGroup
	for _, it := range items {
		gkey := fmt.Sprintf("%s/unknown/%d", key, len(out))
		d.mark(gkey, it)
		g := UnknownGroup{Pos: d.pos(it)}
		sn := it
		if it.Kind == yaml.MappingNode {
			f, ok := d.mapping(it, "an unknown group", unknownFields, "")
			if !ok {
				continue
			}
			g.Evidence = d.evidence(f)
			sn = f.get("states")
			if sn == nil {
				d.errorf(it, "write {states: [3, 5]}", `unknown group has no "states"`)
				continue
			}
		}
		if sn.Kind != yaml.SequenceNode {
			d.errorf(sn, "write the states whose order is unknown as a list, e.g. [3, 5]", "an unknown group must be a list of states, found %s", describe(sn))
			continue
		}
		good := true
		for _, s := range sn.Content {
			s = d.resolve(s)
			if v, ok := d.unknownState(s); ok {
				g.States = append(g.States, v)
			} else {
				good = false
			}
		}
		if good {
			out = append(out, g)
		}
	}
	return out
}

// HasUnknown reports whether any DM of m has unknown comparisons (unknown
// groups or unsure statements).
func (m *Model) HasUnknown() bool {
	for _, d := range m.DMs {
		if len(d.Prefs.Unknown) > 0 {
			return true
		}
		for _, st := range d.Prefs.Statements {
			if st.Unsure {
				return true
			}
		}
	}
	return false
}

// unknownChecks checks DM i's unknown groups (at least two states each,
// positive, none twice in a group) and that unsure marks appear only on
// preference statements.
func (v *validator) unknownChecks(i int, key string) {
	dm := &v.m.DMs[i]
	name := v.dmRef(i)
	for j, g := range dm.Prefs.Unknown {
		p := v.at(fmt.Sprintf("%s/unknown/%d", key, j), g.Pos)
		if len(g.States) < 2 {
			v.add(p, "a group lists at least two states whose mutual order is unknown", "unknown group of decision maker %s has %d state(s)", name, len(g.States))
		}
		seen := map[int]bool{}
		for _, s := range g.States {
			if s < 1 {
				v.add(p, "states are numbered from 1", "state number must be positive, found %d", s)
				continue
			}
			if seen[s] {
				v.add(p, "", "state %d appears twice in an unknown group of decision maker %s", s, name)
			}
			seen[s] = true
		}
	}
	for j, st := range dm.Misperceived {
		if st.Unsure {
			v.add(v.at(fmt.Sprintf("%s/mis/%d", key, j), st.Pos), "unsure marks preference statements only", "a misperception condition cannot be unsure")
		}
	}
}

// unknownNode writes a DM's unknown groups: a flow list per group, or a
// mapping with states, note and source; graph-form states by id.
func unknownNode(m *Model, groups []UnknownGroup) *yaml.Node {
	seq := seqNode(false)
	for _, g := range groups {
		states := seqNode(true)
		for _, s := range g.States {
			if m.GraphForm() && s >= 1 && s <= len(m.States) {
				states.Content = append(states.Content, str(m.States[s-1].ID))
			} else {
				states.Content = append(states.Content, num(s))
			}
		}
		if g.Evidence == (Evidence{}) {
			seq.Content = append(seq.Content, states)
			continue
		}
		e := mapNode()
		put(e, "states", states)
		putEvidence(e, g.Evidence)
		seq.Content = append(seq.Content, e)
	}
	return seq
}

// unknownState decodes a state of an unknown group: a state number, or in
// graph form a state id.
func (d *decoder) unknownState(n *yaml.Node) (int, bool) {
	if d.stateIDs != nil {
		if v, named := d.graphStateRef(n, "in the unknown group"); named {
			return v, v > 0
		}
	}
	if n.Kind == yaml.ScalarNode && n.ShortTag() == "!!int" {
		var v int
		if err := n.Decode(&v); err != nil {
			d.errorf(n, "", "state number %s is too large", clip(n.Value))
			return 0, false
		}
		return v, true
	}
	hint := "list state numbers (see gmcr states)"
	if d.stateIDs != nil {
		hint = "list state ids or numbers"
	}
	d.errorf(n, hint, "an unknown group lists states, found %s", describe(n))
	return 0, false
}
