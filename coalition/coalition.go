// Package coalition implements coalition analysis in the graph model
// (definitions sheet §5): the coalitional improvements of a group of
// decision makers (DMs), coalitional Nash, GMR, SMR and SEQ stability
// (Kilgour, Hipel, Fang & Peng 2001; Inohara & Hipel 2008), which
// individually stable equilibria a coalition can upset, and the analysis of
// a fixed coalition structure as GMCR+ files hold it.
//
// Definitions used (docs/post-analysis.md has them with their sources):
//
//   - A coalition H is a set of two or more DMs. It moves by any legal
//     sequence of unilateral moves of its members (§3: no member moves twice
//     in a row): R_H(s).
//   - A coalitional improvement of H from s is a state t in R_H(s) that
//     every member of H strictly prefers to s (Kilgour et al. 2001).
//   - A sanction of a coalitional improvement s -> s1 is a state s2 that the
//     DMs outside H reach from s1 by a legal sequence of their unilateral
//     moves (R_{N-H}(s1)), and that some member of H does not prefer to s:
//     then the coalition as a whole has no reason to move, since one of its
//     members would not join. See Concept for each concept.
//
// Analyze decides every state for every coalition at once, in time and
// memory linear in states x DMs for the benchmark conflicts: reachability
// by a coalition's moves is read off the components of its members' move
// graph (closure.go), and "some reachable state is better for every
// member" off down-sets of the members' preference levels folded over
// those components (downset.go). Explain and Upsets with details search
// from one state at a time and are meant for the states of interest.
//
// The package computes and never prints; package report formats its
// results.
package coalition

import (
	"fmt"
	"slices"
	"strings"

	"github.com/gmcr/gmcr/analysis"
	"github.com/gmcr/gmcr/preference"
	"github.com/gmcr/gmcr/reach"
	"github.com/gmcr/gmcr/statespace"
)

// MaxDMs is the largest number of DMs for which All enumerates every
// coalition: there are 2^n - n - 1 of them.
const MaxDMs = 12

// All returns every coalition of two or more of the n DMs 0..n-1, each as
// ascending DM indices, ordered by size and then lexicographically:
// for n = 3, [0 1] [0 2] [1 2] [0 1 2]. It returns nil when n > MaxDMs.
func All(n int) [][]int {
	if n > MaxDMs {
		return nil
	}
	var out [][]int
	for size := 2; size <= n; size++ {
		var rec func(start int, cur []int)
		rec = func(start int, cur []int) {
			if len(cur) == size {
				out = append(out, slices.Clone(cur))
				return
			}
			for i := start; i < n; i++ {
				rec(i+1, append(cur, i))
			}
		}
		rec(0, nil)
	}
	return out
}

// Parse reads a coalition given by a user: DM references (id, name or
// number, as analysis.DM reads them) separated by commas or "+", for
// example "RU,UA" or "RU+UA". It returns the DM indices ascending. Errors:
// an unknown DM, a DM named twice, or fewer than two DMs (a coalition has
// two or more members; one DM alone is analysed by package stability).
func Parse(ss *statespace.StateSpace, ref string) ([]int, error) {
	parts := strings.FieldsFunc(ref, func(r rune) bool { return r == ',' || r == '+' })
	var out []int
	for _, p := range parts {
		if strings.TrimSpace(p) == "" {
			continue
		}
		i, err := analysis.DM(ss, p)
		if err != nil {
			return nil, fmt.Errorf("coalition %q: %w", ref, err)
		}
		if slices.Contains(out, i) {
			return nil, fmt.Errorf("coalition %q names DM %s twice", ref, ss.DMs[i].ID)
		}
		out = append(out, i)
	}
	if len(out) < 2 {
		return nil, fmt.Errorf("coalition %q has %d member(s); a coalition needs two or more DMs, e.g. %s", ref, len(out), example(ss))
	}
	slices.Sort(out)
	return out, nil
}

func example(ss *statespace.StateSpace) string {
	if len(ss.DMs) < 2 {
		return "A,B"
	}
	return ss.DMs[0].ID + "," + ss.DMs[1].ID
}

// Name returns the coalition's DM ids joined with "+", e.g. "RU+UA".
func Name(ss *statespace.StateSpace, h []int) string {
	ids := make([]string, len(h))
	for k, i := range h {
		ids[k] = ss.DMs[i].ID
	}
	return strings.Join(ids, "+")
}

// Complement returns the DMs not in h, ascending: N-H.
func Complement(ss *statespace.StateSpace, h []int) []int {
	var out []int
	for i := range ss.DMs {
		if !slices.Contains(h, i) {
			out = append(out, i)
		}
	}
	return out
}

// Contains reports whether coalition h (ascending DM indices) has DM i.
func Contains(h []int, i int) bool {
	_, ok := slices.BinarySearch(h, i)
	return ok
}

// Improves reports whether every member of h strictly prefers state t to
// state s (t is "better for H", the order of coalitional improvements).
func Improves(p *preference.Profile, h []int, t, s int) bool {
	for _, k := range h {
		if !p.Prefers(k, t, s) {
			return false
		}
	}
	return len(h) > 0
}

// Improvement is one coalitional improvement: Coalition (ascending DM
// indices) moves the conflict from state From to state To by the legal
// sequence Sequence of its members' unilateral moves (a shortest one:
// breadth first, DMs in model order, moves in ascending state order).
type Improvement struct {
	Coalition []int
	From, To  int
	Sequence  []reach.Step
}

// Improvements returns the coalitional improvements of coalition h from
// state s (definitions sheet §5): every t in R_h(s) that each member of h
// strictly prefers to s, in ascending state order, each with a shortest
// legal sequence reaching it. h may have a single member: the result is
// then that DM's unilateral improvements.
func Improvements(ss *statespace.StateSpace, p *preference.Profile, h []int, s int) []Improvement {
	tr := reach.Search(&reach.Graph{Space: ss, Prefs: p, Movers: h}, s, nil)
	var out []Improvement
	for _, t := range tr.States() {
		if Improves(p, h, t, s) {
			out = append(out, Improvement{Coalition: h, From: s, To: t, Sequence: tr.Path(t)})
		}
	}
	return out
}

// reacher computes R_H(s) and R_H+(s) as plain state sets, many times over
// one state space, without the maps of reach.Search: a breadth-first
// search over (state, last mover) pairs with stamped visit marks. Movers
// are numbered 0..h-1; step enumerates mover k's moves from x (its
// improvements only, for R_H+), until yield returns false.
type reacher struct {
	h     int
	step  func(k, x int, yield func(t int) bool)
	stamp []uint32 // per pair node state*h+k
	seen  []uint32 // per state
	gen   uint32
	queue []int32
}

// dmReacher moves the DMs movers of ss, by any unilateral move, or by
// unilateral improvements only when improving.
func dmReacher(ss *statespace.StateSpace, p *preference.Profile, movers []int, improving bool) *reacher {
	step := func(k, x int, yield func(t int) bool) {
		dm := movers[k]
		it := ss.Iter(dm, x)
		for t, ok := it.Next(); ok; t, ok = it.Next() {
			if improving && !p.Prefers(dm, t, x) {
				continue
			}
			if !yield(t) {
				return
			}
		}
	}
	return newReacher(ss.Len(), len(movers), step)
}

func newReacher(n, h int, step func(k, x int, yield func(t int) bool)) *reacher {
	return &reacher{h: h, step: step, stamp: make([]uint32, n*h), seen: make([]uint32, n)}
}

// each calls yield for every state reached from s by one or more steps of
// a legal sequence (no mover twice in a row), in breadth-first order,
// until yield returns false.
func (r *reacher) each(s int, yield func(t int) bool) {
	h := r.h
	if h == 0 {
		return
	}
	r.gen++
	if r.gen == 0 { // wrapped: clear the marks
		clear(r.stamp)
		clear(r.seen)
		r.gen = 1
	}
	r.queue = r.queue[:0]
	stopped := false
	expand := func(x, last int) {
		for k := 0; k < h && !stopped; k++ {
			if k == last {
				continue
			}
			r.step(k, x, func(t int) bool {
				u := t*h + k
				if r.stamp[u] == r.gen {
					return true
				}
				r.stamp[u] = r.gen
				r.queue = append(r.queue, int32(u))
				if r.seen[t] != r.gen {
					r.seen[t] = r.gen
					if !yield(t) {
						stopped = true
						return false
					}
				}
				return true
			})
		}
	}
	expand(s, -1)
	for i := 0; i < len(r.queue) && !stopped; i++ {
		u := int(r.queue[i])
		expand(u/h, u%h)
	}
}

// set returns the states each yields, ascending.
func (r *reacher) set(s int) []int32 {
	var out []int32
	r.each(s, func(t int) bool { out = append(out, int32(t)); return true })
	slices.Sort(out)
	return out
}
