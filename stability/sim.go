package stability

import (
	"context"
	"math"
	"math/bits"
	"slices"

	"github.com/gmcr/gmcr/internal/bitset"
	"github.com/gmcr/gmcr/reach"

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

// The fast SIM pass (simStable) holds a DM's choices at a state as a set of
// its option patterns, one bit per pattern: one word for a DM with at most
// 6 options, 2^(options-6) words for a wider one. It applies while these
// sets take at most simMaxWords words per state in all and the trie at
// most simMaxTrieWords words for every DM.
const (
	simMaxWords     = 64
	simMaxTrieWords = 1 << 25
)

// simFastOK reports whether the fast SIM pass applies to ss. A graph-form
// model keeps the general search, which looks each combined state up by
// its option values exactly as the definition reads for such a model.
func simFastOK(ss *statespace.StateSpace) bool {
	if ss.Graph() {
		return false
	}
	words := 0
	for j := range ss.DMs {
		if ss.DMs[j].Width >= 30 {
			return false
		}
		words += reach.PatternWords(ss, j)
	}
	if words > simMaxWords {
		return false
	}
	for i := range ss.DMs {
		if simTrieWords(ss, i) > simMaxTrieWords {
			return false
		}
	}
	return true
}

// simLevels returns the DMs in the order simStable's trie branches on them
// for DM i: i first, then its opponents by ascending number of options
// (ties in model order), so that the widest one is last (its patterns are
// tested a whole set at a time, never one by one).
func simLevels(ss *statespace.StateSpace, i int) []int {
	opp := Opponents(ss, i)
	slices.SortStableFunc(opp, func(a, b int) int { return int(ss.DMs[a].Width) - int(ss.DMs[b].Width) })
	return append([]int{i}, opp...)
}

// simTrieWords returns the words of simStable's trie for DM i: level k has
// one pattern set of DM ord[k] per pattern tuple of ord[0..k-1].
func simTrieWords(ss *statespace.StateSpace, i int) int {
	ord := simLevels(ss, i)
	total, bits := 0, uint(0)
	for k := 1; k < len(ord); k++ {
		bits += ss.DMs[ord[k-1]].Width
		if bits >= 40 {
			return math.MaxInt
		}
		total += (1 << bits) * reach.PatternWords(ss, ord[k])
	}
	return total
}

// simChoices returns, for every DM j, the sets of j's SIM choices at every
// state as option patterns (j's bits shifted down): state s's set is
// words_j = reach.PatternWords(ss, j) words from s*words_j, and bit x of it
// is set iff j may stay at s (x is s's own pattern) or has a UI from s
// with pattern x.
func simChoices(ctx context.Context, ss *statespace.StateSpace, p *preference.Profile, classes *reach.Classes) ([][]uint64, error) {
	out := make([][]uint64, len(ss.DMs))
	for j := range ss.DMs {
		d := ss.DMs[j]
		pat := func(t int) uint64 { return (ss.Codes[t] & d.Mask) >> d.Lo }
		if reach.PatternWords(ss, j) == 1 {
			bit := func(t int) uint64 { return 1 << pat(t) }
			m, err := reach.OrOverMoves(ctx, ss, p, classes, j, bit, true)
			if err != nil {
				return nil, err
			}
			for s := range m {
				m[s] |= bit(s)
			}
			out[j] = m
			continue
		}
		m, words, err := reach.PatternsOverMoves(ctx, ss, p, classes, j, true)
		if err != nil {
			return nil, err
		}
		for s := 0; s < ss.Len(); s++ {
			x := pat(s)
			m[s*words+int(x>>6)] |= 1 << (x & 63)
		}
		out[j] = m
	}
	return out, nil
}

// simStable decides SIM stability of every state for DM i (definitions
// sheet §4) from the choice sets of simChoices.
//
// A UI s -> s1 is sanctioned iff some state t no better for i than s
// (level_i(t) <= level_i(s)) is the combination of s1's pattern of i's
// options with a choice of every opponent j from j's choices at s: the
// DMs own disjoint options, so t is just the tuple of the DMs' patterns.
// The states are visited in ascending order of i's level, and before a
// level's states are decided every state up to that level is entered in a
// trie keyed by the DMs' patterns (simLevels' order): a node holds, as a
// pattern set of the next DM, which of its patterns lead to an entered
// state. A UI is then sanctioned iff a depth-first walk of the trie from
// s1's pattern, following at each level only the patterns in that
// opponent's choice set (an AND of two sets), reaches a leaf. No
// combination that leads to no entered state is ever tried, so the walk is
// short both when a sanction exists and when none does. Time: O(states x
// DMs) to fill the trie plus the walks; memory: simTrieWords words.
func simStable(ctx context.Context, ss *statespace.StateSpace, p *preference.Profile, choices [][]uint64, i int) (bitset.Set, error) {
	n := ss.Len()
	stable := bitset.New(n)
	ord := simLevels(ss, i)
	m := len(ord) - 1 // opponents
	lo := make([]uint, len(ord))
	width := make([]uint, len(ord))
	mask := make([]uint64, len(ord))
	words := make([]int, len(ord))
	for k, j := range ord {
		d := ss.DMs[j]
		lo[k], width[k], mask[k] = d.Lo, d.Width, d.Mask
		words[k] = reach.PatternWords(ss, j)
	}
	pat := func(code uint64, k int) uint64 { return (code & mask[k]) >> lo[k] }
	wi := words[0]
	if m == 0 {
		// No opponent: SIM is Nash.
		for s := 0; s < n; s++ {
			own := pat(ss.Codes[s], 0)
			set := choices[i][s*wi : (s+1)*wi]
			ui := false
			for q, w := range set {
				if q == int(own>>6) {
					w &^= 1 << (own & 63)
				}
				ui = ui || w != 0
			}
			if !ui {
				stable.Add(s)
			}
		}
		return stable, nil
	}
	// node[k] (k = 1..m) holds, for every pattern tuple of ord[0..k-1]
	// packed in prefix, the set (words[k] words from prefix*words[k]) of
	// the patterns of DM ord[k] that lead to an entered state.
	node := make([][]uint64, m+1)
	size := uint(0)
	for k := 1; k <= m; k++ {
		size += width[k-1]
		node[k] = make([]uint64, (1<<size)*words[k])
	}
	enter := func(t int) {
		code := ss.Codes[t]
		prefix := uint64(0)
		for k := 1; k <= m; k++ {
			prefix = prefix<<width[k-1] | pat(code, k-1)
			x := pat(code, k)
			node[k][int(prefix)*words[k]+int(x>>6)] |= 1 << (x & 63)
		}
	}
	ch := make([][]uint64, m+1)
	var walk func(k int, prefix uint64) bool
	walk = func(k int, prefix uint64) bool {
		wk := words[k]
		nd := node[k][int(prefix)*wk : (int(prefix)+1)*wk]
		for q, c := range ch[k] {
			cand := nd[q] & c
			if k == m {
				if cand != 0 {
					return true
				}
				continue
			}
			for ; cand != 0; cand &= cand - 1 {
				x := uint64(q)<<6 | uint64(bits.TrailingZeros64(cand))
				if walk(k+1, prefix<<width[k]|x) {
					return true
				}
			}
		}
		return false
	}
	// The states in ascending order of i's level (a counting sort).
	lv := p.Level[i]
	start := make([]int, p.Levels[i]+1)
	for _, l := range lv {
		start[l+1]++
	}
	for l := 1; l < len(start); l++ {
		start[l] += start[l-1]
	}
	order := make([]int32, n)
	next := append([]int(nil), start[:len(start)-1]...)
	for s, l := range lv {
		order[next[l]] = int32(s)
		next[l]++
	}
	done := 0
	for l := 0; l+1 < len(start); l++ {
		group := order[start[l]:start[l+1]]
		for _, t := range group {
			enter(int(t))
		}
		for _, s32 := range group {
			if done++; done&0xffff == 0 && ctx.Err() != nil {
				return nil, ctx.Err()
			}
			s := int(s32)
			own := pat(ss.Codes[s], 0)
			for k := 1; k <= m; k++ {
				ch[k] = choices[ord[k]][s*words[k] : (s+1)*words[k]]
			}
			ok := true
		uis:
			for q, w := range choices[i][s*wi : (s+1)*wi] {
				if q == int(own>>6) {
					w &^= 1 << (own & 63)
				}
				for ; w != 0; w &= w - 1 {
					if !walk(1, uint64(q)<<6|uint64(bits.TrailingZeros64(w))) {
						ok = false
						break uis
					}
				}
			}
			if ok {
				stable.Add(s)
			}
		}
	}
	return stable, nil
}
