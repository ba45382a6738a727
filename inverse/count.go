package inverse

import (
	"context"

	"github.com/gmcr/gmcr/preference"
	"github.com/gmcr/gmcr/stability"
	"github.com/gmcr/gmcr/statespace"
)

// count returns the number of preference profiles that solve p, by
// enumerating every total preorder on the states for every DM that is not
// fixed and analysing each; -1 when there are more than limit profiles.
func count(ctx context.Context, ss *statespace.StateSpace, prof *preference.Profile, p *Problem, limit int64) (int64, error) {
	n := ss.Len()
	fixed := map[int]bool{}
	for _, i := range p.Fixed {
		fixed[i] = true
	}
	var free []int
	total := int64(1)
	for i := range ss.DMs {
		if fixed[i] {
			continue
		}
		free = append(free, i)
		f := fubini(n, limit)
		if f < 0 || total > limit/f {
			return -1, nil
		}
		total *= f
	}
	orders := weakOrders(n)
	cur := &preference.Profile{}
	for i := range ss.DMs {
		cur.Level = append(cur.Level, prof.Level[i])
		cur.Score = append(cur.Score, prof.Score[i])
		cur.Levels = append(cur.Levels, prof.Levels[i])
	}
	dms := p.DMs
	if dms == nil {
		for i := range ss.DMs {
			dms = append(dms, i)
		}
	}
	var found int64
	var rec func(k int) error
	rec = func(k int) error {
		if k == len(free) {
			for _, kp := range p.Known {
				lb, lw := cur.Level[kp.DM][kp.Better], cur.Level[kp.DM][kp.Worse]
				if lb < lw || (!kp.Weak && lb == lw) {
					return nil
				}
			}
			a, err := stability.Analyze(ctx, ss, cur, stability.Config{Concepts: []stability.Concept{p.Concept}, Workers: 1})
			if err != nil {
				return err
			}
			for _, t := range p.Targets {
				for _, i := range dms {
					if !a.Stable(p.Concept, i, t) {
						return nil
					}
				}
			}
			found++
			return nil
		}
		i := free[k]
		for _, o := range orders {
			cur.Level[i] = o.level
			cur.Score[i] = o.score
			cur.Levels[i] = o.count
			if err := rec(k + 1); err != nil {
				return err
			}
		}
		return nil
	}
	if err := rec(0); err != nil {
		return 0, err
	}
	return found, nil
}

type weakOrder struct {
	level []int32
	score []int64
	count int
}

// weakOrders lists every total preorder on n items as dense levels.
func weakOrders(n int) []weakOrder {
	var out []weakOrder
	lv := make([]int32, n)
	var rec func(k int, max int32)
	rec = func(k int, max int32) {
		if k == n {
			// Dense: every level 0..max used.
			used := make([]bool, max+1)
			for _, l := range lv {
				used[l] = true
			}
			for _, u := range used {
				if !u {
					return
				}
			}
			o := weakOrder{level: append([]int32(nil), lv...), count: int(max) + 1}
			o.score = make([]int64, n)
			for s, l := range lv {
				o.score[s] = int64(l)
			}
			out = append(out, o)
			return
		}
		for l := int32(0); l < int32(n); l++ {
			lv[k] = l
			rec(k+1, maxI32(max, l))
		}
	}
	if n == 0 {
		return nil
	}
	rec(0, 0)
	return out
}

func maxI32(a, b int32) int32 {
	if a > b {
		return a
	}
	return b
}

// fubini returns the number of total preorders on n items, or -1 if it
// exceeds limit.
func fubini(n int, limit int64) int64 {
	// a(n) = sum_k C(n,k) a(n-k), a(0) = 1.
	a := []int64{1}
	for m := 1; m <= n; m++ {
		var s int64
		c := int64(1)
		for k := 1; k <= m; k++ {
			c = c * int64(m-k+1) / int64(k)
			s += c * a[m-k]
			if s > limit {
				return -1
			}
		}
		a = append(a, s)
	}
	return a[n]
}
