package reach

import (
	"context"
	"math"

	"github.com/gmcr/gmcr/preference"
	"github.com/gmcr/gmcr/statespace"
)

// NoMove is the value MaxOverMoves gives a state from which the DM has no
// move (or no improvement).
const NoMove = math.MinInt32

// MaxOverMoves returns, for every state s, the maximum of w over DM dm's
// unilateral moves from s, R_dm(s), or over its unilateral improvements,
// R_dm+(s), when improving; NoMove where there is none. w has one entry
// per state.
//
// With classes (NewClasses of the same state space and preferences) and a
// DM whose options are all reversible, the moves from s are the other
// members of s's class and the improvements those ranked higher, so prefix
// and suffix maxima over the class order answer every state in O(1);
// otherwise the moves are enumerated. It is how the stability pass checks
// all of a DM's improvements at once (for GMR: the maximum over R_i+(s) of
// the sanction minima must not exceed level_i(s)). Errors: ctx's error.
func MaxOverMoves(ctx context.Context, ss *statespace.StateSpace, p *preference.Profile, classes *Classes, dm int, w []int32, improving bool) ([]int32, error) {
	out, err := MaxOverMovesEach(ctx, ss, p, classes, dm, [][]int32{w}, improving)
	if err != nil {
		return nil, err
	}
	return out[0], nil
}

// MaxOverMovesEach is MaxOverMoves for several weight vectors at once:
// out[k][s] is the maximum of ws[k] over DM dm's moves (improvements) from
// s. The moves are enumerated once for all of them.
func MaxOverMovesEach(ctx context.Context, ss *statespace.StateSpace, p *preference.Profile, classes *Classes, dm int, ws [][]int32, improving bool) ([][]int32, error) {
	n := ss.Len()
	out := make([][]int32, len(ws))
	for k := range out {
		out[k] = make([]int32, n)
	}
	if classes != nil && classes.dms[dm].kind == chain {
		dc := &classes.dms[dm]
		// pre[t]: max of w over the class positions before t; suf[t]:
		// after t.
		pre := make([]int32, n)
		var suf []int32
		if !improving {
			suf = make([]int32, n)
		}
		for k, w := range ws {
			for t := 0; t < n; t++ {
				pre[t] = NoMove
				if t > 0 && sameClass(dc, int32(t)) {
					pre[t] = max(pre[t-1], w[dc.order[t-1]])
				}
			}
			if improving {
				for s := range out[k] {
					out[k][s] = pre[dc.group[dc.pos[s]]] // the positions ranked strictly higher
				}
				continue
			}
			for t := n - 1; t >= 0; t-- {
				suf[t] = NoMove
				if t+1 < n && sameClass(dc, int32(t+1)) {
					suf[t] = max(suf[t+1], w[dc.order[t+1]])
				}
			}
			for s := range out[k] {
				pos := dc.pos[s]
				out[k][s] = max(pre[pos], suf[pos])
			}
		}
		return out, nil
	}
	if classes != nil && classes.dms[dm].kind == lattice {
		return maxOverLattice(&classes.dms[dm], ss.Codes, p.Level[dm], ws, improving), nil
	}
	lv := p.Level[dm]
	for s := 0; s < n; s++ {
		if s&0xffff == 0 && ctx.Err() != nil {
			return nil, ctx.Err()
		}
		for k := range out {
			out[k][s] = NoMove
		}
		it := ss.Iter(dm, s)
		for t, ok := it.Next(); ok; t, ok = it.Next() {
			if improving && lv[t] <= lv[s] {
				continue
			}
			for k, w := range ws {
				out[k][s] = max(out[k][s], w[t])
			}
		}
	}
	return out, nil
}

// maxOverLattice is MaxOverMovesEach for a DM with irreversible options:
// its moves from x are the members of x's class whose bucket signature
// (phi) is a superset of x's, and its improvements those ranked above x,
// which come first in each bucket's order. Prefix maxima over each bucket
// (and suffix maxima, for x's own bucket without x) answer each bucket in
// O(1), after a binary search for the improvements.
func maxOverLattice(dc *dmClasses, codes []uint64, lv []int32, ws [][]int32, improving bool) [][]int32 {
	n := len(dc.order)
	nw := len(ws)
	width := uint(len(dc.irr))
	// pre[k][t]: max of ws[k] over the bucket's positions up to t;
	// suf[k][t]: after t (moves only).
	pre := make([][]int32, nw)
	suf := make([][]int32, nw)
	out := make([][]int32, nw)
	for k, w := range ws {
		out[k] = make([]int32, n)
		pre[k] = make([]int32, n)
		for t := 0; t < n; t++ {
			pre[k][t] = w[dc.order[t]]
			if sameClass(dc, int32(t)) {
				pre[k][t] = max(pre[k][t], pre[k][t-1])
			}
		}
		if !improving {
			suf[k] = make([]int32, n)
			for t := n - 1; t >= 0; t-- {
				suf[k][t] = NoMove
				if t+1 < n && sameClass(dc, int32(t+1)) {
					suf[k][t] = max(suf[k][t+1], w[dc.order[t+1]])
				}
			}
		}
	}
	for x := 0; x < n; x++ {
		for k := range out {
			out[k][x] = NoMove
		}
		px := dc.pos[x]
		phi := uint64(dc.phi(codes[x]))
		cell0 := int(dc.class[x]) << width
		for sup := phi; sup < 1<<width; sup = (sup + 1) | phi {
			last := dc.last[cell0+int(sup)]
			if last < 0 {
				continue
			}
			switch {
			case improving:
				start := dc.first.Prev(int(last))
				i, j := start, int(last)+1
				for i < j {
					h := int(uint(i+j) >> 1)
					if lv[dc.order[h]] > lv[x] {
						i = h + 1
					} else {
						j = h
					}
				}
				if i > start {
					for k := range out {
						out[k][x] = max(out[k][x], pre[k][i-1])
					}
				}
			case sup == phi: // x's own bucket, without x
				for k := range out {
					if sameClass(dc, px) {
						out[k][x] = max(out[k][x], pre[k][px-1])
					}
					out[k][x] = max(out[k][x], suf[k][px])
				}
			default:
				for k := range out {
					out[k][x] = max(out[k][x], pre[k][last])
				}
			}
		}
	}
	return out
}

// OrOverMoves returns, for every state s, the bitwise OR of w(t) over DM
// dm's unilateral moves t from s, R_dm(s), or over its unilateral
// improvements, R_dm+(s), when improving; 0 where there is none. With
// classes and a DM whose options are all reversible, prefix and suffix ORs
// over the class order answer every state in O(1) (as in MaxOverMoves);
// otherwise the moves are enumerated. SIM uses it to hold each DM's
// improvements from a state as a bit set of the DM's option patterns.
// Errors: ctx's error.
func OrOverMoves(ctx context.Context, ss *statespace.StateSpace, p *preference.Profile, classes *Classes, dm int, w func(t int) uint64, improving bool) ([]uint64, error) {
	n := ss.Len()
	out := make([]uint64, n)
	if classes != nil && classes.dms[dm].kind == chain {
		dc := &classes.dms[dm]
		// pre[t]: OR of w over the class positions before t; the suffix
		// ORs are computed into out on the way back.
		pre := make([]uint64, n)
		for t := 1; t < n; t++ {
			if sameClass(dc, int32(t)) {
				pre[t] = pre[t-1] | w(int(dc.order[t-1]))
			}
		}
		if improving {
			for s := range out {
				out[s] = pre[dc.group[dc.pos[s]]]
			}
			return out, nil
		}
		var suf uint64
		for t := n - 1; t >= 0; t-- {
			s := dc.order[t]
			out[s] = pre[t] | suf
			if sameClass(dc, int32(t)) {
				suf |= w(int(s))
			} else {
				suf = 0
			}
		}
		return out, nil
	}
	lv := p.Level[dm]
	for s := range out {
		if s&0xffff == 0 && ctx.Err() != nil {
			return nil, ctx.Err()
		}
		var m uint64
		it := ss.Iter(dm, s)
		for t, ok := it.Next(); ok; t, ok = it.Next() {
			if !improving || lv[t] > lv[s] {
				m |= w(t)
			}
		}
		out[s] = m
	}
	return out, nil
}
