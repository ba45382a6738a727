package coalition

import (
	"context"
	"slices"

	"github.com/gmcr/gmcr/preference"
	"github.com/gmcr/gmcr/reach"
	"github.com/gmcr/gmcr/statespace"
)

// Improver finds the coalitional improvements of fixed coalitions from
// many states, as status quo analysis with coalitional steps needs. For
// each coalition it keeps the components of the members' move graph
// (closure.go) and the CNash down-sets, so a state from which the
// coalition has no coalitional improvement is answered at once and any
// other by a scan of cl_H(x) alone. It is not safe for concurrent use.
type Improver struct {
	ss         *statespace.StateSpace
	p          *preference.Profile
	coalitions [][]int
	cls        []*closure
	nash       [][][]int32 // per coalition and component: the CNash down-set
	stamp      [][]uint32  // per coalition and component: the search that last saw it
	// Per coalition, each component's states (the positions of
	// closure.members) ordered by the level of one member, the key
	// member, descending (byKey), with that level alongside (keyLv): a
	// scan for the states every member prefers to x stops at the first
	// state the key member does not prefer.
	byKey, keyLv [][]int32
	key          []int // per coalition: the key member's DM index
	gen          uint32
	stack        []int32
	q            []int32
	search       reach.Searcher
}

// NewImprover prepares the coalitions (each ascending DM indices, one or
// more DMs) of ss. Time and memory: linear in states x coalitions.
// Errors: a bad coalition, ctx's error.
func NewImprover(ctx context.Context, ss *statespace.StateSpace, p *preference.Profile, coalitions [][]int) (*Improver, error) {
	mi, err := newMoveIndex(ctx, ss)
	if err != nil {
		return nil, err
	}
	im := &Improver{ss: ss, p: p, coalitions: coalitions}
	for _, co := range coalitions {
		if err := checkCoalition(ss, co); err != nil {
			return nil, err
		}
		cl, err := mi.closure(ctx, co)
		if err != nil {
			return nil, err
		}
		d := len(co)
		buf := make([]int32, d)
		nash, err := joinFold(ctx, cl, d, func(s int32, acc []int32) []int32 {
			for j, k := range co {
				buf[j] = p.Level[k][s] - 1
			}
			return addPoint(acc, d, buf)
		})
		if err != nil {
			return nil, err
		}
		// The key member: the one with the most levels, which rules out
		// the most states.
		key := co[0]
		for _, m := range co {
			if p.Levels[m] > p.Levels[key] {
				key = m
			}
		}
		lv := p.Level[key]
		byKey := slices.Clone(cl.members)
		for c := 0; c < cl.ncomp; c++ {
			slices.SortFunc(byKey[cl.memStart[c]:cl.memStart[c+1]], func(a, b int32) int {
				if la, lb := lv[a], lv[b]; la != lb {
					return int(lb) - int(la)
				}
				return int(a - b)
			})
		}
		keyLv := make([]int32, len(byKey))
		for i, t := range byKey {
			keyLv[i] = lv[t]
		}
		im.byKey, im.keyLv, im.key = append(im.byKey, byKey), append(im.keyLv, keyLv), append(im.key, key)
		im.cls = append(im.cls, cl)
		im.nash = append(im.nash, nash)
		im.stamp = append(im.stamp, make([]uint32, cl.ncomp))
	}
	return im, nil
}

// Targets appends to dst the coalitional improvements of coalition k (an
// index into the coalitions given to NewImprover) from state x, ascending:
// the states of R_H(x) that every member strictly prefers to x, those of
// Improvements. Errors: ctx's error (checked while scanning).
func (im *Improver) Targets(ctx context.Context, k, x int, dst []int) ([]int, error) {
	co, cl := im.coalitions[k], im.cls[k]
	d := len(co)
	im.q = im.q[:0]
	for _, m := range co {
		im.q = append(im.q, im.p.Level[m][x])
	}
	c0 := cl.comp[x]
	qKey := im.p.Level[im.key[k]][x]
	if !covers(im.nash[k][c0], d, im.q) {
		return dst, nil // nothing in cl_H(x) is better for every member
	}
	im.gen++
	if im.gen == 0 {
		for _, st := range im.stamp {
			clear(st)
		}
		im.gen = 1
	}
	st := im.stamp[k]
	st[c0] = im.gen
	im.stack = append(im.stack[:0], c0)
	start := len(dst)
	seen := 0
	for len(im.stack) > 0 {
		c := im.stack[len(im.stack)-1]
		im.stack = im.stack[:len(im.stack)-1]
		// Only components whose down-set still holds x's levels can
		// contain or lead to an improvement.
		if !covers(im.nash[k][c], d, im.q) {
			continue
		}
		lo, hi := cl.memStart[c], cl.memStart[c+1]
		byKey, keyLv := im.byKey[k][lo:hi], im.keyLv[k][lo:hi]
		for i, t := range byKey {
			if keyLv[i] <= qKey {
				break // neither this state nor the rest is better for the key member
			}
			if seen++; seen&0xffff == 0 && ctx.Err() != nil {
				return nil, ctx.Err()
			}
			if Improves(im.p, co, int(t), x) {
				dst = append(dst, int(t))
			}
		}
		for _, e := range cl.successors(c) {
			if st[e] != im.gen {
				st[e] = im.gen
				im.stack = append(im.stack, e)
			}
		}
	}
	slices.Sort(dst[start:])
	return dst, nil
}

// Sequence returns a shortest legal sequence of coalition k's members'
// unilateral moves from x to t (the one Improvements gives), or nil when
// t is not in R_H(x).
func (im *Improver) Sequence(k, x, t int) []reach.Step {
	return im.search.Path(&reach.Graph{Space: im.ss, Prefs: im.p, Movers: im.coalitions[k]}, x, t)
}
