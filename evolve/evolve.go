// Package evolve implements status quo analysis (Li, Kilgour & Hipel 2005;
// definitions sheet §5): from a status quo state, which states the
// conflict can evolve to by legal sequences of unilateral improvements of
// any DMs, in how few steps, and along which paths, above all to the
// equilibria found by package stability.
//
// Definitions used (docs/post-analysis.md has them with their sources):
//
//   - Unilateral mode (the default, Li, Kilgour & Hipel 2005): the states
//     reachable from the status quo s are R_N+(s), the states reached by a
//     legal sequence of unilateral improvements (UIs) by the DMs N, each
//     step a UI for the DM making it, judged from the state it moves from,
//     and no DM moving twice in a row (§3). It is computed with
//     reach.Search over reach.Graph{Movers: N, Improving: true}.
//
//   - Coalitional mode (Options.Coalitions): a step may also be a
//     coalitional improvement (Kilgour, Hipel, Fang & Peng 2001): a
//     coalition H of two or more DMs moves from x to some t in R_H(x), a
//     state its members reach from x by a legal sequence of their
//     unilateral moves, which every member strictly prefers to x. The
//     movers of the evolution are then the DMs alone and the coalitions,
//     and no mover (a DM alone, or the same coalition) makes two steps in a
//     row; this extends the legal-sequence rule from DMs to movers, as
//     Inohara & Hipel (2008) do for classes of coalitions. A DM may make a
//     step alone right after a step of a coalition it belongs to.
//
//   - Under unknown preferences (Options.Relation; Li, Kilgour & Hipel
//     2005 with the move sets of Li, Hipel, Kilgour & Fang 2004): each
//     step is an improvement its mover knows (t >_j x), or, with
//     Options.Credible, also a move to a state of unknown preference for
//     it; docs/definitions.md §9.2 states the choice.
//
// The distance of a state is the fewest steps of such a sequence; the
// status quo has distance 0. Shortest paths are listed in lexicographic
// order of their steps, each step compared by mover (DMs in model order,
// then coalitions by size and then members) and then by target state; the
// first is the one reach.Search finds. The package computes and never
// prints; package report formats its results.
package evolve

import (
	"context"
	"fmt"
	"github.com/gmcr/gmcr/internal/english"
	"slices"

	"github.com/gmcr/gmcr/coalition"
	"github.com/gmcr/gmcr/preference"
	"github.com/gmcr/gmcr/reach"
	"github.com/gmcr/gmcr/stability"
	"github.com/gmcr/gmcr/statespace"
	"github.com/gmcr/gmcr/uncertain"
)

// MaxPaths is the largest number of shortest paths listed per target.
const MaxPaths = 100

// MaxCount caps Target.Count: counts above it are reported as MaxCount.
const MaxCount = 1 << 30

// Options tunes Analyze.
type Options struct {
	// Coalitions also lets coalitions of two or more DMs make coalitional
	// improvements as steps (see the package comment).
	Coalitions bool
	// Paths is the most shortest paths listed per target, 1..MaxPaths;
	// 0 means 1.
	Paths int
	// To lists target states (0-based) to report besides the equilibria.
	To []int
	// Concepts whose equilibria are targets; nil means every concept the
	// stability analysis computed. Each must have been computed.
	Concepts []stability.Concept
	// Relation, when not nil, makes this a status quo analysis under
	// unknown preferences (docs/definitions.md §9.2): a step is a
	// unilateral improvement its mover knows, t >_j x (R_j^+, the moves
	// of extensions (b) and (d)), or, with Credible, also a move to a
	// state of unknown preference for it (R_j^{+,U}, those of (a) and
	// (c)). Not with Coalitions.
	Relation *uncertain.Relation
	Credible bool
	// Extra lists further equilibria to follow, those of concepts beyond
	// package stability's (analysis.Extra), in report order.
	Extra []Equilibria
}

// Equilibria names the equilibria of a concept beyond package
// stability's: "GMR(a)", "L3", with its states (0-based, ascending).
type Equilibria struct {
	Name   string
	States []int
}

// Step is one step of an evolution path: Movers move the conflict from
// state From to state To.
type Step struct {
	// Movers holds one DM index for a unilateral improvement, or the
	// ascending DM indices of a coalition for a coalitional improvement.
	Movers   []int
	From, To int
	// Sequence is, for a coalitional improvement, a shortest legal
	// sequence of the members' unilateral moves from From to To; nil for a
	// unilateral improvement.
	Sequence []reach.Step
	// Unknown marks a step of unknown preference for its mover (with
	// Options.Unknown).
	Unknown bool
}

// Path is a sequence of steps from the start, each leaving the state the
// previous one reached.
type Path []Step

// Target is a state the report follows: an equilibrium, or a state named
// in Options.To.
type Target struct {
	State int
	// Concepts are the concepts under which State is an equilibrium, in
	// report order (empty for a requested state that is none).
	Concepts []stability.Concept
	// Extra names the further concepts (Options.Extra) under which State
	// is an equilibrium, in their order.
	Extra []string
	// Requested is true when State was named in Options.To.
	Requested bool
	// Dist is the fewest steps reaching State from the start: 0 for the
	// start itself, -1 when State is not reachable.
	Dist int
	// Paths are up to Options.Paths distinct shortest paths, in
	// lexicographic order (see the package comment); the start itself has
	// one empty path. Nil when State is not reachable.
	Paths []Path
	// Count is the number of distinct shortest paths (at most MaxCount).
	Count int
}

// Edge is one improvement step available on the way from the start: some
// legal sequence from the start reaches From with a last mover other than
// Movers, and Movers may then move to To.
type Edge struct {
	From, To int
	Movers   []int
	// Unknown marks a step of unknown preference for its mover (under
	// unknown preferences with credible moves).
	Unknown bool
}

// Result is a status quo analysis.
type Result struct {
	Space *statespace.StateSpace
	Prefs *preference.Profile
	// Start is the status quo state the evolution starts from.
	Start int
	// Coalitions reports whether coalitional improvements were steps.
	Coalitions bool
	// Uncertain reports a status quo analysis under unknown preferences
	// (Options.Relation), Credible that its steps include moves of
	// unknown preference.
	Uncertain, Credible bool
	// Movers are the possible movers: each DM alone (index i is DM i),
	// then, with Coalitions, every coalition of two or more DMs
	// (coalition.All order).
	Movers [][]int
	// Reached lists the start and every state reachable from it, by
	// ascending distance and then state.
	Reached []int
	// Targets are the equilibria of the chosen concepts and the states of
	// Options.To, ascending by state.
	Targets []Target

	// dist[t]: the fewest steps from the start to state t, -1 if t is not
	// reachable.
	dist  []int32
	g     *graph
	edges []Edge
	done  bool
}

// Dist returns the fewest steps from the start to state t (0 for the start
// itself), or -1 if t is not reachable.
func (r *Result) Dist(t int) int {
	if t < 0 || t >= len(r.dist) {
		return -1
	}
	return int(r.dist[t])
}

// MaxDist returns the largest distance of a reached state.
func (r *Result) MaxDist() int {
	if len(r.Reached) == 0 {
		return 0
	}
	return r.Dist(r.Reached[len(r.Reached)-1])
}

// Edges returns every improvement step out of a reached (state, last
// mover) pair, deduplicated, ordered by From, To and mover. They are
// listed on the first call (which diagrams make), not kept by Analyze: a
// large model has many times more steps than states.
func (r *Result) Edges() []Edge {
	if !r.done {
		r.edges, r.done = r.g.edgeList(), true
	}
	return r.edges
}

// Target returns the target for state s, or nil.
func (r *Result) Target(s int) *Target {
	for i := range r.Targets {
		if r.Targets[i].State == s {
			return &r.Targets[i]
		}
	}
	return nil
}

// Analyze runs a status quo analysis from state start over a's state space
// and preferences (a is stability.Analyze's result; its equilibria are the
// targets). Errors: start or a state of opt.To out of range, opt.Paths
// outside 0..MaxPaths, a concept a did not compute, coalitional mode with
// more than coalition.MaxDMs DMs, ctx's error when cancelled.
func Analyze(ctx context.Context, a *stability.Analysis, start int, opt Options) (*Result, error) {
	ss, p := a.Space, a.Prefs
	n := ss.Len()
	if start < 0 || start >= n {
		return nil, fmt.Errorf("state %d does not exist; the model has %s", statespace.Number(start), english.States(n))
	}
	for _, t := range opt.To {
		if t < 0 || t >= n {
			return nil, fmt.Errorf("state %d does not exist; the model has %s", statespace.Number(t), english.States(n))
		}
	}
	k := opt.Paths
	if k == 0 {
		k = 1
	}
	if k < 1 || k > MaxPaths {
		return nil, fmt.Errorf("the number of paths must be between 1 and %d, got %d", MaxPaths, opt.Paths)
	}
	concepts := opt.Concepts
	if concepts == nil {
		concepts = a.Concepts
	}
	for _, c := range concepts {
		if c == stability.SIM && !ss.Simultaneous() && len(concepts) > 1 {
			continue // not defined for this graph-form model (stability.ErrNoSimultaneous)
		}
		if !a.Has(c) {
			return nil, fmt.Errorf("the %v equilibria were not computed", c)
		}
	}
	if opt.Relation != nil && opt.Coalitions {
		return nil, fmt.Errorf("coalitional steps are not defined under unknown preferences; leave out coalitions")
	}
	r := &Result{Space: ss, Prefs: p, Start: start, Coalitions: opt.Coalitions, Uncertain: opt.Relation != nil, Credible: opt.Relation != nil && opt.Credible, dist: make([]int32, n)}
	for i := range ss.DMs {
		r.Movers = append(r.Movers, []int{i})
	}
	if opt.Coalitions {
		if len(ss.DMs) > coalition.MaxDMs {
			return nil, fmt.Errorf("the model has %d DMs: too many for coalitional steps (at most %d)", len(ss.DMs), coalition.MaxDMs)
		}
		r.Movers = append(r.Movers, coalition.All(len(ss.DMs))...)
	}
	g := newGraph(ss, p, r.Movers)
	if rel := opt.Relation; rel != nil {
		g.steps = func(j, x, t int) bool { return rel.Better(j, t, x) || opt.Credible && rel.Unknown(j, t, x) }
		g.unknown = func(j, x, t int) bool { return rel.Unknown(j, t, x) }
	}
	if opt.Coalitions {
		var err error
		if g.im, err = coalition.NewImprover(ctx, ss, p, r.Movers); err != nil {
			return nil, err
		}
	}
	if err := g.bfs(ctx, start); err != nil {
		return nil, err
	}
	r.g = g
	// Distances: the fewest steps over the pairs of each state.
	for x := range r.dist {
		r.dist[x] = -1
	}
	r.dist[start] = 0
	r.Reached = append(r.Reached, start)
	for _, v := range g.order {
		x := g.state(v)
		if r.dist[x] < 0 {
			r.dist[x] = g.dist[v]
			r.Reached = append(r.Reached, x)
		}
	}
	var tr *reach.Tree
	if !opt.Coalitions {
		// The unilateral case is reach.Search's: its distances and first
		// paths must be ours.
		all := make([]int, len(ss.DMs))
		for i := range all {
			all[i] = i
		}
		var sr reach.Searcher
		tr = sr.Search(&reach.Graph{Space: ss, Prefs: p, Movers: all, Improving: g.steps == nil, Allow: g.steps}, start, nil)
		for _, x := range tr.States() {
			if x != start && tr.Dist(x) != r.Dist(x) {
				return nil, fmt.Errorf("evolve: internal error: state %d at distance %d, reach.Search says %d", statespace.Number(x), r.Dist(x), tr.Dist(x))
			}
		}
		if len(tr.States())+boolInt(!tr.Reached(start)) != len(r.Reached) {
			return nil, fmt.Errorf("evolve: internal error: %d states reached, reach.Search reaches %d", len(r.Reached)-1, len(tr.States()))
		}
	}
	// Reached in order of discovery has ascending distances: sort each
	// distance's states.
	slices.SortFunc(r.Reached, func(x, y int) int {
		if d := r.dist[x] - r.dist[y]; d != 0 {
			return int(d)
		}
		return x - y
	})

	// Targets.
	eqOf := map[int][]stability.Concept{}
	for _, c := range stability.Concepts {
		if !slices.Contains(concepts, c) {
			continue
		}
		for _, s := range a.Equilibria(c) {
			eqOf[s] = append(eqOf[s], c)
		}
	}
	extraOf := map[int][]string{}
	for _, x := range opt.Extra {
		for _, s := range x.States {
			if s < 0 || s >= n {
				return nil, fmt.Errorf("state %d of the %s equilibria does not exist; the model has %s", statespace.Number(s), x.Name, english.States(n))
			}
			extraOf[s] = append(extraOf[s], x.Name)
		}
	}
	req := map[int]bool{}
	for _, t := range opt.To {
		req[t] = true
	}
	var states []int
	for s := range eqOf {
		states = append(states, s)
	}
	for s := range extraOf {
		if _, ok := eqOf[s]; !ok {
			states = append(states, s)
		}
	}
	for s := range req {
		_, eq := eqOf[s]
		_, xeq := extraOf[s]
		if !eq && !xeq {
			states = append(states, s)
		}
	}
	slices.Sort(states)
	for _, s := range states {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		t := Target{State: s, Concepts: eqOf[s], Extra: extraOf[s], Requested: req[s], Dist: r.Dist(s)}
		switch {
		case t.Dist == 0:
			t.Paths, t.Count = []Path{{}}, 1
		case t.Dist > 0:
			t.Paths, t.Count = g.paths(s, t.Dist, k)
			if tr != nil {
				if want := g.fromReach(tr.Path(s)); !slices.EqualFunc(t.Paths[0], want, stepEqual) {
					return nil, fmt.Errorf("evolve: internal error: first path to state %d differs from reach.Search's", statespace.Number(s))
				}
			}
		}
		r.Targets = append(r.Targets, t)
	}
	return r, nil
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

func stepEqual(a, b Step) bool {
	return a.From == b.From && a.To == b.To && slices.Equal(a.Movers, b.Movers)
}

// graph is the search over (state, last mover) pairs. Node ids:
// state*(m+1) + last+1, m movers, last = -1 at the start. Its tables are
// dense, 4 bytes per node and per DAG edge.
type graph struct {
	ss     *statespace.StateSpace
	p      *preference.Profile
	movers [][]int
	m      int
	dist   []int32 // per node: its distance, -1 if not reached
	// The DAG predecessors of each node v = (t, k) (the pairs u with
	// dist(u)+1 == dist(v) from which mover k steps to t), as linked lists
	// of states: predHead[v] is the last entry of v's list (-1: none),
	// predState[e] a state x and predNext[e] the previous entry. Entry x
	// stands for every pair (x, last) with last != k at distance
	// dist(v)-1: a mover's steps from x do not depend on the last mover,
	// so they all step to t, and one entry instead of one per pair keeps
	// the lists several times shorter.
	predHead            []int32
	predState, predNext []int32
	order               []int64             // discovered nodes, level by level
	im                  *coalition.Improver // coalitional improvements (coalitional mode)
	targets             []int
	start               int64
	// paths' scratch: per node, the target search that last marked it
	// useful (stamp) and its path count then (count).
	stamp []uint32
	count []int32
	gen   uint32
	// steps, under unknown preferences, allows DM j's step from x to t;
	// unknown tells one of unknown preference for j. Nil otherwise.
	steps, unknown func(j, x, t int) bool
}

func newGraph(ss *statespace.StateSpace, p *preference.Profile, movers [][]int) *graph {
	nodes := ss.Len() * (len(movers) + 1)
	g := &graph{ss: ss, p: p, movers: movers, m: len(movers), dist: make([]int32, nodes), predHead: make([]int32, nodes)}
	for v := range g.dist {
		g.dist[v], g.predHead[v] = -1, -1
	}
	return g
}

func (g *graph) node(state, last int) int64 { return int64(state)*int64(g.m+1) + int64(last+1) }
func (g *graph) state(v int64) int          { return int(v / int64(g.m+1)) }
func (g *graph) last(v int64) int           { return int(v%int64(g.m+1)) - 1 }

// preds calls yield for every DAG predecessor of v.
func (g *graph) preds(v int64, yield func(u int64)) {
	k, d := g.last(v), g.dist[v]-1
	for e := g.predHead[v]; e >= 0; e = g.predNext[e] {
		x := int(g.predState[e])
		for last := -1; last < g.m; last++ {
			if u := g.node(x, last); last != k && g.dist[u] == d {
				yield(u)
			}
		}
	}
}

// improvements calls yield for every step of mover k from state x, in
// ascending order of the target state. Errors: ctx's error.
func (g *graph) improvements(ctx context.Context, k, x int, yield func(t int)) error {
	mv := g.movers[k]
	if len(mv) == 1 {
		dm := mv[0]
		it := g.ss.Iter(dm, x)
		for t, ok := it.Next(); ok; t, ok = it.Next() {
			if g.steps != nil && g.steps(dm, x, t) || g.steps == nil && g.p.Prefers(dm, t, x) {
				yield(t)
			}
		}
		return nil
	}
	var err error
	if g.targets, err = g.im.Targets(ctx, k, x, g.targets[:0]); err != nil {
		return err
	}
	for _, t := range g.targets {
		yield(t)
	}
	return nil
}

// bfs finds every reachable (state, last mover) pair, its distance and
// its DAG predecessors, level by level. Within a level the pairs of one
// state x are taken together, so that each mover's steps from x are
// listed once for all of them (a coalition's steps come from a scan of
// its closure): nothing the analysis reports depends on the order in
// which a level's pairs are expanded, as every use of the predecessors
// sorts them.
func (g *graph) bfs(ctx context.Context, start int) error {
	g.start = g.node(start, -1)
	g.dist[g.start] = 0
	queue := []int64{g.start}
	var group []int64
	for lo := 0; lo < len(queue); {
		hi := len(queue)
		level := queue[lo:hi]
		slices.Sort(level) // node ids order by state, then by last mover
		for i := 0; i < len(level); {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			x := g.state(level[i])
			group = group[:0]
			for ; i < len(level) && g.state(level[i]) == x; i++ {
				group = append(group, level[i])
			}
			d := g.dist[group[0]]
			for k := 0; k < g.m; k++ {
				if len(group) == 1 && g.last(group[0]) == k {
					continue
				}
				err := g.improvements(ctx, k, x, func(t int) {
					v := g.node(t, k)
					dv := g.dist[v]
					if dv < 0 {
						g.dist[v] = d + 1
						queue = append(queue, v)
						dv = d + 1
					}
					if dv == d+1 {
						g.predState = append(g.predState, int32(x))
						g.predNext = append(g.predNext, g.predHead[v])
						g.predHead[v] = int32(len(g.predState) - 1)
					}
				})
				if err != nil {
					return err
				}
			}
		}
		lo = hi
	}
	g.order = queue[1:]
	return nil
}

// edgeList lists the steps the search took: every step of every mover k
// from every reached pair (x, last) with last != k, deduplicated, ordered
// by From, To and mover. It enumerates the steps again rather than keep
// them from the search.
func (g *graph) edgeList() []Edge {
	ctx := context.Background()
	type step struct{ to, k int }
	var out []Edge
	var steps []step
	n := g.ss.Len()
	for x := 0; x < n; x++ {
		var any bool
		steps = steps[:0]
		for k := 0; k < g.m; k++ {
			from := false // some reached pair (x, last) with last != k
			for last := -1; last < g.m && !from; last++ {
				from = last != k && g.dist[g.node(x, last)] >= 0
			}
			if !from {
				continue
			}
			any = true
			_ = g.improvements(ctx, k, x, func(t int) { steps = append(steps, step{t, k}) })
		}
		if !any {
			continue
		}
		slices.SortFunc(steps, func(a, b step) int {
			if a.to != b.to {
				return a.to - b.to
			}
			return a.k - b.k
		})
		for _, st := range slices.Compact(steps) {
			e := Edge{From: x, To: st.to, Movers: g.movers[st.k]}
			if g.unknown != nil && len(e.Movers) == 1 {
				e.Unknown = g.unknown(e.Movers[0], x, st.to)
			}
			out = append(out, e)
		}
	}
	return out
}

// step returns the path step of the DAG edge u -> v.
func (g *graph) step(u, v int64) Step {
	k := g.last(v)
	st := Step{Movers: g.movers[k], From: g.state(u), To: g.state(v)}
	if g.unknown != nil && len(st.Movers) == 1 {
		st.Unknown = g.unknown(st.Movers[0], st.From, st.To)
	}
	if len(st.Movers) > 1 {
		st.Sequence = g.im.Sequence(k, st.From, st.To)
	}
	return st
}

// fromReach converts a reach.Search path (over the DMs) to steps.
func (g *graph) fromReach(path []reach.Step) Path {
	out := make(Path, len(path))
	for i, st := range path {
		out[i] = Step{Movers: g.movers[st.Mover], From: st.From, To: st.To}
		if g.unknown != nil {
			out[i].Unknown = g.unknown(st.Mover, st.From, st.To)
		}
	}
	return out
}

// paths returns up to k shortest paths to state t (at distance d > 0) in
// lexicographic order, and the number of shortest paths.
func (g *graph) paths(t, d, k int) ([]Path, int) {
	if g.stamp == nil {
		g.stamp = make([]uint32, len(g.dist))
		g.count = make([]int32, len(g.dist))
	}
	g.gen++
	gen := g.gen
	// The useful nodes: those on some shortest path to t, found backwards
	// from the pairs of t at distance d through the DAG; stamp marks them
	// (count -1: not counted yet).
	useful := func(v int64) bool { return g.stamp[v] == gen }
	mark := func(v int64) { g.stamp[v], g.count[v] = gen, -1 }
	var stack []int64
	for last := 0; last < g.m; last++ {
		v := g.node(t, last)
		if dv := g.dist[v]; dv >= 0 && int(dv) == d {
			mark(v)
			stack = append(stack, v)
		}
	}
	succ := map[int64][]int64{}
	for len(stack) > 0 {
		v := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		g.preds(v, func(u int64) {
			succ[u] = append(succ[u], v)
			if !useful(u) {
				mark(u)
				stack = append(stack, u)
			}
		})
	}
	// Order each node's successors by (mover, state).
	for u, vs := range succ {
		slices.SortFunc(vs, func(a, b int64) int {
			if la, lb := g.last(a), g.last(b); la != lb {
				return la - lb
			}
			return g.state(a) - g.state(b)
		})
		succ[u] = slices.Compact(vs)
	}
	// Count the paths from each node to t, deepest nodes first.
	var cnt func(v int64) int
	cnt = func(v int64) int {
		if useful(v) && g.count[v] >= 0 {
			return int(g.count[v])
		}
		c := 0
		if g.state(v) == t && int(g.dist[v]) == d {
			c = 1
		}
		for _, w := range succ[v] {
			c += cnt(w)
			if c > MaxCount {
				c = MaxCount
			}
		}
		if useful(v) {
			g.count[v] = int32(c)
		}
		return c
	}
	total := cnt(g.start)
	// The first k paths, depth first in successor order.
	var out []Path
	var cur []int64
	var walk func(v int64)
	walk = func(v int64) {
		if len(out) >= k {
			return
		}
		if g.state(v) == t && int(g.dist[v]) == d {
			p := make(Path, 0, len(cur))
			prev := g.start
			for _, w := range cur {
				p = append(p, g.step(prev, w))
				prev = w
			}
			out = append(out, p)
			return
		}
		for _, w := range succ[v] {
			cur = append(cur, w)
			walk(w)
			cur = cur[:len(cur)-1]
		}
	}
	walk(g.start)
	return out, total
}
