package bruteforce

import (
	"sort"

	"github.com/gmcr/gmcr/model"
)

// Graph form (§7, "Graph form"): the model lists its states and each DM's
// arcs. State i is the model's i-th state (ordered number i+1). Its code is
// its option values (option k of the numbering order adds 2^k) when the
// model has options, else i; codes are then not ascending.

// graphCodes returns the codes of a graph-form model's states, in the
// model's order.
func graphCodes(m *model.Model) []uint64 {
	order := optionOrder(m)
	codes := make([]uint64, len(m.States))
	for i, st := range m.States {
		if len(order) == 0 {
			codes[i] = uint64(i)
			continue
		}
		for k, id := range order {
			for _, t := range st.Taken {
				if t == id {
					codes[i] |= 1 << k
				}
			}
		}
	}
	return codes
}

// graphMoves returns R_i(s) in a graph-form model: the heads of the DM's
// arcs whose tail is s, other than s, that the DM perceives (s itself is
// perceived: Moves checked it), ascending and without repeats.
func graphMoves(m *model.Model, codes []uint64, dm, s int) []int {
	set := map[int]bool{}
	for _, mv := range m.DMs[dm].Moves {
		if mv.From != m.States[s].ID {
			continue
		}
		for _, id := range mv.To {
			for t, st := range m.States {
				if st.ID == id && t != s && Perceives(m, dm, codes[t]) {
					set[t] = true
				}
			}
		}
	}
	out := []int{}
	for t := range set {
		out = append(out, t)
	}
	sort.Ints(out)
	return out
}

// simDefined reports whether SIM applies to m: always in option form, and
// in graph form when the model has options (§4, SIM combines option
// changes).
func simDefined(m *model.Model) bool { return !m.GraphForm() || len(m.Options) > 0 }
