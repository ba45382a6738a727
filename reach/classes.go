package reach

import (
	"slices"

	"github.com/gmcr/gmcr/internal/bitset"

	"github.com/gmcr/gmcr/preference"
	"github.com/gmcr/gmcr/statespace"
)

// Classes groups, for every DM k, the states that agree outside k's
// options (k's "class" of a state). When every option of k is reversible,
// k's unilateral moves from x are exactly the other members of x's class,
// and its unilateral improvements the members ranked strictly higher by k.
// MinOver uses this to replace the moves inside a class, a clique of c^2
// edges, by chains of 2c auxiliary nodes, which is what makes GMR, SMR and
// SEQ fast on large models.
type Classes struct {
	dms []dmClasses
}

type dmClasses struct {
	hub   bool       // all of the DM's options are reversible: hubs apply
	order []int32    // position -> state, grouped by class, each class by descending level
	pos   []int32    // state -> position
	group []int32    // position -> first position of its tie group within the class
	first bitset.Set // positions that start a class
	mask  uint64     // the DM's option bits
}

// NewClasses computes the classes of every DM of ss, ordered by each DM's
// preference levels in p. Memory: 12 bytes per state per DM whose options
// are all reversible; nothing for the others.
func NewClasses(ss *statespace.StateSpace, p *preference.Profile) *Classes {
	c := &Classes{dms: make([]dmClasses, len(ss.DMs))}
	for k, d := range ss.DMs {
		if !ss.Reversible(k) {
			continue
		}
		n := ss.Len()
		lv := p.Level[k]
		order := make([]int32, n)
		for s := range order {
			order[s] = int32(s)
		}
		codes := ss.Codes
		slices.SortFunc(order, func(a, b int32) int {
			ca, cb := codes[a]&^d.Mask, codes[b]&^d.Mask
			switch {
			case ca < cb:
				return -1
			case ca > cb:
				return 1
			case lv[a] > lv[b]:
				return -1
			case lv[a] < lv[b]:
				return 1
			}
			return int(a - b)
		})
		pos := make([]int32, n)
		group := make([]int32, n)
		first := bitset.New(n + 1)
		first.Add(n)
		for t, s := range order {
			pos[s] = int32(t)
			same := t > 0 && codes[order[t-1]]&^d.Mask == codes[s]&^d.Mask
			if !same {
				first.Add(t)
			}
			if same && lv[order[t-1]] == lv[s] {
				group[t] = group[t-1]
			} else {
				group[t] = int32(t)
			}
		}
		c.dms[k] = dmClasses{hub: true, order: order, pos: pos, group: group, first: first, mask: d.Mask}
	}
	return c
}
