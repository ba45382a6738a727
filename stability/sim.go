package stability

import (
	"slices"

	"github.com/gmcr/gmcr/preference"
	"github.com/gmcr/gmcr/statespace"
)

// simChecker decides simultaneous stability (SIM, definitions sheet §4) for
// one DM i: a UI s -> s1 is sanctioned iff for some choice, by every other
// DM j, of staying or of one of j's own UIs from s, the state combining
// i's change and all those changes at once is feasible and no better for i
// than s.
type simChecker struct {
	ss  *statespace.StateSpace
	p   *preference.Profile
	i   int
	opp []int
	// choices[k] holds opponent opp[k]'s option patterns (its bits, shifted
	// down) that it may choose at the current state: its current pattern
	// first, then those of its UIs.
	choices [][]uint64
	pick    []int
	order   []int
}

func newSimChecker(ss *statespace.StateSpace, p *preference.Profile, i int) *simChecker {
	opp := Opponents(ss, i)
	return &simChecker{ss: ss, p: p, i: i, opp: opp, choices: make([][]uint64, len(opp)), pick: make([]int, len(opp))}
}

// load fills choices for state s.
func (c *simChecker) load(s int) {
	code := c.ss.Codes[s]
	for k, j := range c.opp {
		d := &c.ss.DMs[j]
		lvj := c.p.Level[j]
		ch := append(c.choices[k][:0], (code&d.Mask)>>d.Lo)
		it := c.ss.Iter(j, s)
		for t, ok := it.Next(); ok; t, ok = it.Next() {
			if lvj[t] > lvj[s] {
				ch = append(ch, (c.ss.Codes[t]&d.Mask)>>d.Lo)
			}
		}
		c.choices[k] = ch
	}
}

// stable reports whether every UI in uis (i's UIs from s) is sanctioned.
func (c *simChecker) stable(s int, uis []int) bool {
	if len(uis) == 0 {
		return true
	}
	c.load(s)
	// The most attractive UI is the hardest to sanction: trying it first
	// ends the search early when the state is unstable.
	lv := c.p.Level[c.i]
	c.order = append(c.order[:0], uis...)
	slices.SortFunc(c.order, func(a, b int) int { return int(lv[b]) - int(lv[a]) })
	for _, s1 := range c.order {
		if c.sanction(s, s1) < 0 {
			return false
		}
	}
	return true
}

// sanction returns a state t sanctioning the UI s -> s1, or -1; pick then
// holds each opponent's choice index into choices.
func (c *simChecker) sanction(s, s1 int) int {
	lv := c.p.Level[c.i]
	di := &c.ss.DMs[c.i]
	mine := c.ss.Codes[s1] & di.Mask
	for k := range c.pick {
		c.pick[k] = 0
	}
	for {
		t := mine
		for k, j := range c.opp {
			d := &c.ss.DMs[j]
			t |= c.choices[k][c.pick[k]] << d.Lo
		}
		if ti, ok := c.ss.Index(t); ok && lv[ti] <= lv[s] {
			return ti
		}
		// Next combination (odometer).
		k := 0
		for ; k < len(c.pick); k++ {
			c.pick[k]++
			if c.pick[k] < len(c.choices[k]) {
				break
			}
			c.pick[k] = 0
		}
		if k == len(c.pick) {
			return -1
		}
	}
}

// tried lists the responses examined for the UI s -> s1 that sanction
// found unsanctioned: every combination of the opponents' choices (loaded
// for s), the feasible states they combine into, and the one the DM likes
// least with the choices that give it.
func (c *simChecker) tried(s, s1 int) *Tried {
	lv := c.p.Level[c.i]
	di := &c.ss.DMs[c.i]
	mine := c.ss.Codes[s1] & di.Mask
	t := &Tried{Responses: 1, Strongest: -1, Counter: -1}
	for k := range c.pick {
		c.pick[k] = 0
		t.Responses *= len(c.choices[k])
	}
	var best []int
	seen := map[int]bool{}
	for {
		code := mine
		for k, j := range c.opp {
			code |= c.choices[k][c.pick[k]] << c.ss.DMs[j].Lo
		}
		if x, ok := c.ss.Index(code); ok {
			seen[x] = true
			if t.Strongest < 0 || lv[x] < lv[t.Strongest] || (lv[x] == lv[t.Strongest] && x < t.Strongest) {
				t.Strongest = x
				best = append(best[:0], c.pick...)
			}
		}
		k := 0
		for ; k < len(c.pick); k++ {
			c.pick[k]++
			if c.pick[k] < len(c.choices[k]) {
				break
			}
			c.pick[k] = 0
		}
		if k == len(c.pick) {
			break
		}
	}
	if len(seen) <= MaxTriedListed {
		for x := range seen {
			t.States = append(t.States, x)
		}
		slices.Sort(t.States)
	}
	code := c.ss.Codes[s]
	for k, j := range c.opp {
		d := &c.ss.DMs[j]
		x, _ := c.ss.Index(code&^d.Mask | c.choices[k][best[k]]<<d.Lo)
		t.Choices = append(t.Choices, Choice{DM: j, State: x, Stays: best[k] == 0})
	}
	return t
}
