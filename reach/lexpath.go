package reach

import "sync/atomic"

// pathSearches counts the Path calls answered by Search (for the tests).
var pathSearches atomic.Int64

// Path returns Search(g, start, nil).Path(t): the shortest legal sequence
// from start to t that Search finds, or nil when t is not reached. It
// usually visits far fewer (state, last mover) pairs than the search.
//
// Why it is the same sequence: Search discovers the pairs of each
// distance in the order of their first sequences, compared step by step
// by mover (its position in g.Movers) and then by the target's position
// among the mover's moves (MoveIter order); by induction on the distance,
// the sequence Search keeps for t is the least, in that order, of all the
// shortest legal sequences reaching t. Path finds that least sequence
// depth first, trying the movers and moves in the same order, with a bound
// d on the length raised from a lower bound of the distance until a
// sequence of d steps exists. A move changes only its mover's options, so
// the DMs of g.Movers whose options differ between x and t are steps
// still to take: branches that cannot reach t within the steps left are
// cut, and a pair already known not to reach t in r steps is not tried
// again.
//
// A graph-form model (whose states have no option values), t == start (a
// sequence returning to start), or a depth-first walk that grows beyond
// what a search of the whole pair graph would visit, falls back to
// Search. The Searcher's memory is reused; the result does not point into
// it.
func (sr *Searcher) Path(g *Graph, start, t int) []Step {
	ss := g.Space
	h := len(g.Movers)
	n := ss.Len()
	if ss.Graph() || t == start || h == 0 || h > 64 {
		return sr.bfsPath(g, start, t)
	}
	var union uint64
	masks := make([]uint64, h)
	for k, dm := range g.Movers {
		masks[k] = ss.DMs[dm].Mask
		union |= masks[k]
	}
	codes := ss.Codes
	target := codes[t]
	if (codes[start]^target)&^union != 0 {
		return nil // t differs from start in options no mover controls
	}
	// need(x): the movers whose options differ between x and t.
	need := func(x int) int {
		diff := codes[x] ^ target
		c := 0
		for _, m := range masks {
			if diff&m != 0 {
				c++
			}
		}
		return c
	}
	if sr.ss != ss {
		sr.ss, sr.searches, sr.tables = ss, 0, map[int]*moveTable{}
	}
	if len(sr.failGen) < n*h {
		sr.failGen = make([]uint32, n*h)
		sr.fail = make([]uint64, n*h)
		sr.gen = 0
	}
	sr.gen++
	if sr.gen == 0 {
		clear(sr.failGen)
		sr.gen = 1
	}
	lp := lexPath{g: g, sr: sr, t: t, need: need, budget: n * h}
	for d := max(need(start), 1); d < 64; d++ {
		lp.steps = lp.steps[:0]
		if lp.from(start, -1, d) {
			out := make([]Step, len(lp.steps))
			for i, st := range lp.steps {
				out[len(out)-1-i] = st
			}
			return out
		}
		if lp.budget < 0 {
			break
		}
	}
	return sr.bfsPath(g, start, t)
}

// bfsPath is Path by Search.
func (sr *Searcher) bfsPath(g *Graph, start, t int) []Step {
	pathSearches.Add(1)
	tr := sr.Search(g, start, func(y int) bool { return y == t })
	if tr.Goal < 0 {
		return nil
	}
	return tr.Path(t)
}

// lexPath is one depth-first walk of Path.
type lexPath struct {
	g      *Graph
	sr     *Searcher
	t      int
	need   func(x int) int
	budget int    // pairs still to expand before falling back to Search
	steps  []Step // the sequence found, last step first
}

// from reports whether a legal sequence of exactly r steps leads from x,
// reached with last mover last (-1 at the start), to t, and if so appends
// the least one's steps, last first. A failure is remembered for the pair
// (x, last), r < 64.
func (lp *lexPath) from(x, last, r int) bool {
	if r == 0 {
		return x == lp.t
	}
	if lp.need(x) > r {
		return false
	}
	sr := lp.sr
	h := len(lp.g.Movers)
	u := x*h + last
	if last >= 0 {
		if sr.failGen[u] == sr.gen && sr.fail[u]&(1<<uint(r)) != 0 {
			return false
		}
		if lp.budget--; lp.budget < 0 {
			return false
		}
	}
	for k := 0; k < h; k++ {
		if k == last {
			continue
		}
		it := lp.g.iter(k, x)
		for y, ok := it.next(); ok; y, ok = it.next() {
			if lp.from(y, k, r-1) {
				lp.steps = append(lp.steps, Step{Mover: lp.g.Movers[k], From: x, To: y})
				return true
			}
			if lp.budget < 0 {
				return false
			}
		}
	}
	if last >= 0 {
		if sr.failGen[u] != sr.gen {
			sr.failGen[u], sr.fail[u] = sr.gen, 0
		}
		sr.fail[u] |= 1 << uint(r)
	}
	return false
}
