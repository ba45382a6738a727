package model

import (
	"fmt"
	"slices"
	"strings"

	"github.com/gmcr/gmcr/model/statement"
	"gopkg.in/yaml.v3"
)

// State is a state of a conflict in graph form (Kilgour, Hipel & Fang
// 1987; Fang, Hipel & Kilgour 1993, ch. 3): the graph model needs no
// options, only a finite set of states, each DM's moves between them
// (DM.Moves) and each DM's preferences. A graph-form model lists its
// states in Model.States; they are numbered 1, 2, ... in that order.
//
// When the model has options, a state may say which are taken (Taken;
// every other option is not taken). Preference statements and
// misperception conditions are then evaluated on these values, and every
// move of a DM changes only options that DM controls. Two states may not
// have the same values.
type State struct {
	ID          string // required; unique among states
	Name        string
	Description string
	Taken       []string // ids of the options taken in the state
	Evidence
	Pos Pos
}

// Move lists arcs of one DM's graph in a graph-form model: the DM can move
// in one step from state From to each state in To (state ids). A move
// never leads from a state to itself.
type Move struct {
	From string
	To   []string
	Evidence
	Pos Pos
}

// GraphForm reports whether m is a conflict in graph form (m.States is
// not empty).
func (m *Model) GraphForm() bool { return len(m.States) > 0 }

// StateIndex returns the 0-based index of the graph-form state with the
// given id, or -1.
func (m *Model) StateIndex(id string) int {
	for i := range m.States {
		if m.States[i].ID == id {
			return i
		}
	}
	return -1
}

var (
	stateFields = []string{"id", "name", "description", "taken", "note", "source"}
	arcFields   = []string{"from", "to", "note", "source"}
)

// states decodes the top-level "states" list of a graph-form model,
// recording state j under state/j, and remembers the ids so that rankings
// and the status quo may name states by id.
func (d *decoder) states(m *Model, n *yaml.Node) {
	d.mark("states", n)
	items, ok := d.seq(n, `"states"`, `write each state as "- id: ..."`)
	if !ok {
		d.breakKey("states")
		return
	}
	if len(items) == 0 {
		d.errorf(n, "list the states of the conflict, each with an id, or leave out \"states:\" for a model in option form", "empty states list")
		d.emptyStates = d.errs[len(d.errs)-1]
		return
	}
	d.stateIDs = map[string]int{}
	for _, it := range items {
		key := fmt.Sprintf("state/%d", len(m.States))
		hint := `write each state as "- id: ..."`
		if it.Kind == yaml.ScalarNode && it.ShortTag() == "!!str" {
			hint = fmt.Sprintf(`write "- id: %s"`, it.Value)
		}
		f, ok := d.mapping(it, "a state", stateFields, hint)
		if !ok {
			d.breakKey("states")
			continue
		}
		st := State{Pos: d.pos(it)}
		d.mark(key, it)
		st.ID = d.elementID(f, key, "a state id", "states")
		st.Name = d.text(f, "name")
		st.Description = d.text(f, "description")
		if tn := f.get("taken"); tn != nil {
			d.mark(key+"/taken", tn)
			st.Taken, _ = d.idList(tn, `"taken"`, key+"/taken")
		}
		st.Evidence = d.evidence(f)
		if _, dup := d.stateIDs[st.ID]; !dup && st.ID != "" {
			d.stateIDs[st.ID] = len(m.States) + 1
		}
		m.States = append(m.States, st)
	}
}

// moves decodes a DM's "moves": entries {from, to, note, source}, where
// to is a state id or a list of them, or the short form [from, to].
// Entry j is recorded under key/move/j.
func (d *decoder) moves(n *yaml.Node, key string) []Move {
	items, _ := d.seq(n, `"moves"`, `write moves: [{from: a, to: b}]`)
	var out []Move
	for _, it := range items {
		mkey := fmt.Sprintf("%s/move/%d", key, len(out))
		d.mark(mkey, it)
		mv := Move{Pos: d.pos(it)}
		switch it.Kind {
		case yaml.SequenceNode:
			if len(it.Content) != 2 {
				d.errorf(it, "write [from, to], or {from: a, to: [b, c]} for several arcs", "a move in short form lists two states, found %d", len(it.Content))
				continue
			}
			from, ok1 := d.id(d.resolve(it.Content[0]), "a state id")
			to, ok2 := d.id(d.resolve(it.Content[1]), "a state id")
			if !ok1 || !ok2 {
				continue
			}
			mv.From, mv.To = from, []string{to}
		default:
			f, ok := d.mapping(it, "a move", arcFields, `write each move as "- {from: a, to: b}"`)
			if !ok {
				continue
			}
			fn, tn := f.get("from"), f.get("to")
			if fn == nil || tn == nil {
				d.errorf(it, "write {from: a, to: b} (to may list several states)", `a move needs "from" and "to"`)
				continue
			}
			from, ok := d.id(fn, "a state id")
			if !ok {
				continue
			}
			mv.From = from
			if tn.Kind == yaml.SequenceNode {
				mv.To, ok = d.idListOf(tn, `"to"`, mkey+"/to", "a state id")
				if !ok {
					continue
				}
			} else {
				to, ok := d.id(tn, "a state id")
				if !ok {
					continue
				}
				mv.To = []string{to}
			}
			mv.Evidence = d.evidence(f)
		}
		out = append(out, mv)
	}
	return out
}

// graphStateRef decodes an entry that names a graph-form state by id;
// where says where the entry is ("in the ranking") for messages.
func (d *decoder) graphStateRef(n *yaml.Node, where string) (int, bool) {
	if d.stateIDs == nil || n.Kind != yaml.ScalarNode || n.ShortTag() != "!!str" {
		return 0, false
	}
	num, ok := d.stateIDs[n.Value]
	if !ok {
		ids := make([]string, 0, len(d.stateIDs))
		for id := range d.stateIDs {
			ids = append(ids, id)
		}
		slices.Sort(ids)
		d.errorf(n, didYouMean(n.Value, ids), "unknown state %q %s", n.Value, where)
		return 0, true // reported; the caller must not report it again
	}
	return num, true
}

// graph checks the parts of a model that concern graph form: the states,
// the DMs' moves, and what option form has but graph form does not
// (feasibility conditions, irreversible options, option-form status quo
// and scenarios that change the states).
func (v *validator) graph() {
	m := v.m
	if !m.GraphForm() {
		if v.lc.isBroken("states") {
			return
		}
		for i := range m.DMs {
			if len(m.DMs[i].Moves) > 0 {
				key := fmt.Sprintf("dm/%d", i)
				v.add(v.at(key+"/move/0", m.DMs[i].Moves[0].Pos), `list the states under "states:" to write the model in graph form; in option form the moves follow from the options`, "decision maker %s lists moves, but the model has no states", v.dmRef(i))
			}
		}
		if sq := m.StatusQuo; sq != nil && sq.State != "" {
			v.add(v.at("sq", sq.Pos), "in option form, give the options taken: status_quo: {taken: [a, b]}", "status_quo names state %q, but the model has no states", sq.State)
		}
		return
	}
	ids := map[string]int{}
	codes := map[string]int{} // taken options, sorted and joined -> state
	for i := range m.States {
		st := &m.States[i]
		key := fmt.Sprintf("state/%d", i)
		p := v.at(key, st.Pos)
		idp := v.at(key+"/id", p)
		switch {
		case st.ID == "":
			if !v.lc.isBroken(key) {
				v.add(p, `add "id: <`+idForm+`>"`, "state has no id")
			}
		case !statement.ValidID(st.ID):
			v.add(idp, idHint, "invalid state id %q", st.ID)
		default:
			if j, dup := ids[st.ID]; dup {
				first := v.at(fmt.Sprintf("state/%d/id", j), v.at(fmt.Sprintf("state/%d", j), m.States[j].Pos))
				v.add(idp, firstHint(first, "state", j), "duplicate state id %q", st.ID)
			} else {
				ids[st.ID] = i
			}
		}
		seen := map[string]bool{}
		unknown := false // an unknown option makes the state's values unknown: no "same options" check
		for j, id := range st.Taken {
			op := v.at(fmt.Sprintf("%s/taken/%d", key, j), p)
			if _, ok := v.opts[id]; !ok {
				unknown = true
				if v.refs {
					v.add(op, v.unknownHint(id), "unknown option %q taken in state %q", id, st.ID)
				} else if len(m.Options) == 0 {
					v.add(op, `list the options under "options:" and give each to a decision maker`, "state %q takes option %q, but the model has no options", st.ID, id)
				}
				continue
			}
			if seen[id] {
				v.add(op, "", "option %q is listed twice in state %q", id, st.ID)
			}
			seen[id] = true
		}
		if len(m.Options) > 0 && v.refs && !unknown {
			sig := takenKey(m, st.Taken)
			if j, dup := codes[sig]; dup {
				v.add(p, fmt.Sprintf("state %q has the same options taken; two states with the same option values are the same state", m.States[j].ID),
					"states %q and %q take the same options", m.States[j].ID, st.ID)
			} else {
				codes[sig] = i
			}
		}
	}
	for i, o := range m.Options {
		if o.Reversibility != Both {
			v.add(v.at(fmt.Sprintf("option/%d", i), o.Pos), "in graph form the moves are listed: leave out reversibility and list only the moves that are possible",
				"option %q is %s, but reversibility has no meaning in graph form", o.ID, o.Reversibility)
		}
	}
	if len(m.Infeasible) > 0 {
		st := m.Infeasible[0]
		v.add(v.at("inf/0", st.Pos), "a graph-form model lists its states: leave out the states you do not want instead",
			"feasibility conditions do not apply to a model in graph form")
	}
	if sq := m.StatusQuo; sq != nil {
		sp := v.at("sq", sq.Pos)
		switch {
		case sq.State == "":
			v.add(sp, "give the status quo as a state id: status_quo: s1", "in graph form the status quo is a state id, not a list of options taken")
		case v.lc.isBroken("states"):
		default:
			if _, ok := ids[sq.State]; !ok && !slices.Contains(stateIDs(m), sq.State) { // a listed state's bad id is reported there
				v.add(sp, didYouMean(sq.State, stateIDs(m)), "status_quo names unknown state %q", sq.State)
			}
		}
	}
	// Option values as bit masks (option index in m.Options), so that
	// checking millions of arcs stays cheap; nil with more than 64
	// options or unchecked references.
	var masks []uint64
	if v.refs && len(m.Options) > 0 && len(m.Options) <= 64 {
		masks = make([]uint64, len(m.States))
		for i, st := range m.States {
			for _, id := range st.Taken {
				if k, ok := v.opts[id]; ok {
					masks[i] |= 1 << uint(k)
				}
			}
		}
	}
	for i := range m.DMs {
		v.dmMoves(i, ids, masks)
	}
	for i := range m.Scenarios {
		sc := &m.Scenarios[i]
		if len(sc.Force) > 0 || len(sc.Forbid) > 0 || len(sc.Infeasible) > 0 || (sc.StatusQuo != nil && sc.StatusQuo.State == "") {
			v.add(v.at(fmt.Sprintf("scen/%d", i), sc.Pos), "in graph form a scenario may change preferences only",
				"scenario %q changes the states (force, forbid, feasibility or status quo by options), which a graph-form model lists explicitly", sc.ID)
		}
	}
}

// dmMoves checks DM i's arcs: known states, no loops, no arc twice, and,
// when the states have option values, only the DM's own options change.
func (v *validator) dmMoves(i int, ids map[string]int, masks []uint64) {
	m := v.m
	dm := &m.DMs[i]
	key := fmt.Sprintf("dm/%d", i)
	name := v.dmRef(i)
	own := map[string]bool{}
	var ownMask uint64
	for _, id := range dm.Options {
		own[id] = true
		if k, ok := v.opts[id]; ok && k < 64 {
			ownMask |= 1 << uint(k)
		}
	}
	owner := map[string]string{}
	for _, d := range m.DMs {
		for _, id := range d.Options {
			owner[id] = d.ID
		}
	}
	// Arcs listed twice are rare: look for them with a sort, and only then
	// with a map that finds the second listing.
	var keys []int64
	for _, mv := range dm.Moves {
		from, ok := ids[mv.From]
		for _, t := range mv.To {
			if to, ok2 := ids[t]; ok && ok2 {
				keys = append(keys, int64(from)<<32|int64(to))
			}
		}
	}
	slices.Sort(keys)
	var seen map[[2]int]bool
	for k := 1; k < len(keys); k++ {
		if keys[k] == keys[k-1] {
			seen = map[[2]int]bool{}
			break
		}
	}
	known := stateIDs(m)
	for j, mv := range dm.Moves {
		p := v.at(fmt.Sprintf("%s/move/%d", key, j), mv.Pos)
		from, ok := ids[mv.From]
		if !ok {
			if !v.lc.isBroken("states") && !slices.Contains(known, mv.From) { // a listed state's bad id is reported there
				v.add(p, didYouMean(mv.From, known), "move of decision maker %s starts at unknown state %q", name, mv.From)
			}
			continue
		}
		if len(mv.To) == 0 {
			v.add(p, "list at least one state under \"to\"", "move of decision maker %s from %q leads nowhere", name, mv.From)
		}
		for _, t := range mv.To {
			to, ok := ids[t]
			switch {
			case !ok:
				if !v.lc.isBroken("states") && !slices.Contains(known, t) { // a listed state's bad id is reported there
					v.add(p, didYouMean(t, known), "move of decision maker %s leads to unknown state %q", name, t)
				}
				continue
			case to == from:
				v.add(p, "a move changes the state; staying put is not a move", "move of decision maker %s from %q to itself", name, t)
				continue
			case seen != nil && seen[[2]int{from, to}]:
				v.add(p, "", "move of decision maker %s from %q to %q is listed twice", name, mv.From, t)
				continue
			}
			if seen != nil {
				seen[[2]int{from, to}] = true
			}
			if len(m.Options) == 0 || !v.refs {
				continue
			}
			if masks != nil {
				if x := masks[from] ^ masks[to]; x == 0 || x&^ownMask == 0 {
					continue // no change (a duplicate state), or only the DM's own options
				}
			}
			changed := changedOptions(m.States[from].Taken, m.States[to].Taken)
			if len(changed) == 0 {
				continue // reported as a duplicate state
			}
			for _, o := range changed {
				if !own[o] {
					who := "no decision maker"
					if w, ok := owner[o]; ok {
						who = fmt.Sprintf("decision maker %q", w)
					}
					v.add(p, "when states have option values, a decision maker's move changes only options it controls; give the option to the mover or remove the move",
						"move of decision maker %s from %q to %q changes option %q, controlled by %s", name, mv.From, t, o, who)
					break
				}
			}
		}
	}
}

// changedOptions returns the options taken in exactly one of a and b.
func changedOptions(a, b []string) []string {
	in := map[string]int{}
	for _, id := range a {
		in[id] |= 1
	}
	for _, id := range b {
		in[id] |= 2
	}
	var out []string
	for _, id := range append(append([]string(nil), a...), b...) {
		if in[id] == 1 || in[id] == 2 {
			out = append(out, id)
			in[id] = 0
		}
	}
	return out
}

// takenKey is a canonical form of a set of taken options: the option
// indices in m.Options, in ascending order.
func takenKey(m *Model, taken []string) string {
	var b strings.Builder
	for i, o := range m.Options {
		for _, id := range taken {
			if id == o.ID {
				fmt.Fprintf(&b, "%d,", i)
				break
			}
		}
	}
	return b.String()
}

func stateIDs(m *Model) []string {
	out := make([]string, len(m.States))
	for i, s := range m.States {
		out[i] = s.ID
	}
	return out
}

// statesNode writes the states of a graph-form model.
func statesNode(m *Model) *yaml.Node {
	seq := seqNode(false)
	for _, s := range m.States {
		e := mapNode()
		put(e, "id", str(s.ID))
		putText(e, "name", s.Name)
		putText(e, "description", s.Description)
		if len(s.Taken) > 0 {
			put(e, "taken", ids(s.Taken))
		}
		putEvidence(e, s.Evidence)
		seq.Content = append(seq.Content, e)
	}
	return seq
}

// movesNode writes a DM's moves: one flow mapping per entry.
func movesNode(moves []Move) *yaml.Node {
	seq := seqNode(false)
	for _, mv := range moves {
		e := mapNode()
		e.Style = yaml.FlowStyle
		put(e, "from", str(mv.From))
		if len(mv.To) == 1 {
			put(e, "to", str(mv.To[0]))
		} else {
			put(e, "to", ids(mv.To))
		}
		putEvidence(e, mv.Evidence)
		seq.Content = append(seq.Content, e)
	}
	return seq
}

// stateRankingNode writes a graph-form ranking with state ids.
func stateRankingNode(m *Model, ranking [][]int) *yaml.Node {
	seq := seqNode(true)
	name := func(n int) *yaml.Node {
		if n >= 1 && n <= len(m.States) {
			return str(m.States[n-1].ID)
		}
		return num(n)
	}
	for _, g := range ranking {
		if len(g) == 1 {
			seq.Content = append(seq.Content, name(g[0]))
			continue
		}
		t := seqNode(true)
		for _, s := range g {
			t.Content = append(t.Content, name(s))
		}
		seq.Content = append(seq.Content, t)
	}
	return seq
}

func cloneStates(in []State) []State {
	if in == nil {
		return nil
	}
	out := make([]State, len(in))
	for i, st := range in {
		st.Taken = append([]string(nil), st.Taken...)
		out[i] = st
	}
	return out
}

func cloneMoves(in []Move) []Move {
	if in == nil {
		return nil
	}
	out := make([]Move, len(in))
	for i, mv := range in {
		mv.To = append([]string(nil), mv.To...)
		out[i] = mv
	}
	return out
}
