package statespace

import (
	"fmt"
	"slices"
)

// Graph form (definitions sheet §7, "Graph form"; Kilgour, Hipel & Fang
// 1987): a model that lists its states (model.Model.States) and each DM's
// moves as arcs. Its state space keeps the states in the model's order
// (state i is the model's i-th state, number i+1) and takes each DM's moves
// from its arcs instead of from option bits; everything downstream
// (preferences, reachability, stability, explanations, status quo
// analysis) sees the same StateSpace methods.
//
// Codes[i] is the state's option values as a decimal code when the model
// has options (so statements and misperceptions evaluate on it), and i
// when it has none. Codes are then not ascending: Index uses a map.

// buildGraph fills the state space of a graph-form model; the options and
// DMs are already set.
func (ss *StateSpace) buildGraph(limit int) (*StateSpace, error) {
	m := ss.Model
	n := len(m.States)
	if limit > 0 && n > limit {
		return nil, &TooLargeError{States: uint64(n), Exact: true, Limit: limit, Options: len(ss.Options), Codeword: "listed"}
	}
	index := make(map[string]int32, n)
	ss.Codes = make([]uint64, n)
	ss.byCode = make(map[uint64]int32, n)
	for i, st := range m.States {
		index[st.ID] = int32(i)
		code := uint64(i)
		if len(ss.Options) > 0 {
			code = 0
			for _, id := range st.Taken {
				b, ok := ss.bitOf[id]
				if !ok {
					return nil, fmt.Errorf("state %q takes unknown option %q", st.ID, id)
				}
				code |= 1 << uint(b)
			}
		}
		if j, dup := ss.byCode[code]; dup {
			return nil, fmt.Errorf("states %q and %q take the same options", m.States[j].ID, st.ID)
		}
		ss.Codes[i] = code
		ss.byCode[code] = int32(i)
	}
	if n == 0 {
		return nil, EmptyError
	}
	if err := ss.perceive(); err != nil {
		return nil, err
	}
	ss.adj = make([][][]int32, len(ss.DMs))
	for k, d := range m.DMs {
		adj := make([][]int32, n)
		for _, mv := range d.Moves {
			from, ok := index[mv.From]
			if !ok {
				return nil, fmt.Errorf("move of DM %q starts at unknown state %q", d.ID, mv.From)
			}
			for _, id := range mv.To {
				to, ok := index[id]
				if !ok {
					return nil, fmt.Errorf("move of DM %q leads to unknown state %q", d.ID, id)
				}
				if to == from || slices.Contains(adj[from], to) {
					continue // refused by model.Validate; harmless here
				}
				// A DM has no moves from or into a state it does not
				// perceive (§1, misperception).
				if ss.Perceives(k, int(from)) && ss.Perceives(k, int(to)) {
					adj[from] = append(adj[from], to)
				}
			}
		}
		for s := range adj {
			slices.Sort(adj[s])
		}
		ss.adj[k] = adj
	}
	return ss, nil
}

// Graph reports whether the state space is of a model in graph form: its
// moves come from listed arcs, not from options.
func (ss *StateSpace) Graph() bool { return ss.adj != nil }

// Simultaneous reports whether simultaneous moves (SIM, definitions sheet
// §4) are defined: in option form always; in graph form only when the
// states have option values, so that the changes of several DMs can be
// combined (each DM's moves change only its own options).
func (ss *StateSpace) Simultaneous() bool { return !ss.Graph() || len(ss.Options) > 0 }

// graphMover returns the first DM (in model order) with an arc s -> t, or
// -1.
func (ss *StateSpace) graphMover(s, t int) int {
	for k := range ss.adj {
		if _, ok := slices.BinarySearch(ss.adj[k][s], int32(t)); ok {
			return k
		}
	}
	return -1
}

// StateID returns the id of state s in a graph-form model, or "".
func (ss *StateSpace) StateID(s int) string {
	if !ss.Model.GraphForm() {
		return ""
	}
	return ss.Model.States[s].ID
}
