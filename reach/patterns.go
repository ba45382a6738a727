package reach

import (
	"context"

	"github.com/gmcr/gmcr/preference"
	"github.com/gmcr/gmcr/statespace"
)

// PatternWords returns the number of uint64 words a set of DM dm's option
// patterns takes in PatternsOverMoves: one bit per pattern, 2^width bits,
// at least one word.
func PatternWords(ss *statespace.StateSpace, dm int) int {
	return max(1, 1<<ss.DMs[dm].Width/64)
}

// PatternsOverMoves returns, for every state s, the set of DM dm's option
// patterns (its bits of a state's code, shifted down by its lowest bit) of
// the states in R_dm(s), or in R_dm+(s) when improving: state s's set is
// out[s*words : (s+1)*words], words = PatternWords(ss, dm), bit x of the
// set being bit x%64 of word x/64. It is OrOverMoves for DMs with more than
// 6 options, whose patterns do not fit in one word; SIM uses it for the
// choices of such a DM.
//
// With classes (NewClasses of the same state space and preferences) and a
// DM whose options are all reversible, the moves from s are the other
// members of s's class (its improvements those ranked higher), so one pass
// over the class order fills every set: time and memory O(states x
// words). Otherwise the moves are enumerated. Errors: ctx's error.
func PatternsOverMoves(ctx context.Context, ss *statespace.StateSpace, p *preference.Profile, classes *Classes, dm int, improving bool) ([]uint64, int, error) {
	n := ss.Len()
	d := ss.DMs[dm]
	words := PatternWords(ss, dm)
	out := make([]uint64, n*words)
	pat := func(t int) uint64 { return (ss.Codes[t] & d.Mask) >> d.Lo }
	set := func(s int, x uint64) { out[s*words+int(x>>6)] |= 1 << (x & 63) }
	if classes != nil && classes.dms[dm].kind == chain {
		dc := &classes.dms[dm]
		// run: the patterns of the class positions before t; snap: those
		// before t's tie group, i.e. the improvements of its members.
		run := make([]uint64, words)
		snap := make([]uint64, words)
		classStart := 0
		flush := func(end int) {
			// Moves (not improving): the whole class but the state itself.
			for t := classStart; t < end; t++ {
				s := int(dc.order[t])
				x := pat(s)
				copy(out[s*words:(s+1)*words], run)
				out[s*words+int(x>>6)] &^= 1 << (x & 63)
			}
		}
		for t := 0; t < n; t++ {
			if t&0xfffff == 0 && ctx.Err() != nil {
				return nil, 0, ctx.Err()
			}
			if !sameClass(dc, int32(t)) {
				if !improving {
					flush(t)
				}
				clear(run)
				classStart = t
			}
			if dc.group[t] == int32(t) {
				copy(snap, run)
			}
			s := int(dc.order[t])
			if improving {
				copy(out[s*words:(s+1)*words], snap)
			}
			x := pat(s)
			run[x>>6] |= 1 << (x & 63)
		}
		if !improving {
			flush(n)
		}
		return out, words, nil
	}
	lv := p.Level[dm]
	for s := 0; s < n; s++ {
		if s&0xffff == 0 && ctx.Err() != nil {
			return nil, 0, ctx.Err()
		}
		it := ss.Iter(dm, s)
		for t, ok := it.Next(); ok; t, ok = it.Next() {
			if !improving || lv[t] > lv[s] {
				set(s, pat(t))
			}
		}
	}
	return out, words, nil
}
