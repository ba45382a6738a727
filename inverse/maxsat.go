package inverse

import (
	"context"
	"sort"

	"github.com/crillab/gophersat/solver"
)

// This file finds the closest solution: the fewest violated soft literals
// (changed comparisons) subject to the clauses, proven optimal.
//
// Two exact reductions shrink the question first, both keeping its
// optimum:
//
//   - Dominance. Each requirement "UI s -> s1 of DM i is deterred" (one
//     stability clause and the clauses it alone uses) is satisfied outright
//     by one comparison, s1 <=_i s (the killer: s1 is then no improvement).
//     A comparison that only this requirement consults can change nothing
//     but this requirement, so a solution changing it can keep it instead
//     and change the killer: no more changes, every clause still holds.
//     When the killer too is consulted by this requirement alone (and the
//     DM is not fixed), every other comparison private to the requirement
//     is fixed at its current value.
//   - Pure literals. A literal whose negation occurs in no remaining clause
//     is set true; a soft literal with no occurrence is set false.
//
// The search then narrows the gap between an upper bound (the best model
// so far) and a lower bound from two incremental searches run in turns
// with growing conflict budgets: one solver improving the best model (a
// pseudo-Boolean bound "at most best-1 violated"), and one asking whether
// "at most lb violated" is satisfiable, with lb the proven lower bound (a
// sequential counter over the soft literals that remain; unsatisfiable
// raises lb by one). They meet at the optimum. Small lower bounds, which
// the pseudo-Boolean solver proves badly, are exactly where the counter is
// small.

// pairKey names a pair of states a < b of DM dm.
type pairKey struct{ dm, a, b int }

func mkPair(dm, a, b int) pairKey {
	if a > b {
		a, b = b, a
	}
	return pairKey{dm, a, b}
}

// ownership records which requirement consults which pair of states.
// Requirements are numbered in the order they are begun; one with no
// killer (a known preference, a transitivity cut) has killer.dm -1.
type ownership struct {
	cur     int // requirement being encoded, -1 between requirements
	started bool
	killers []pairKey
	kills   [][2]int // per requirement: the killer is kills[r][0] <= kills[r][1]
	owners  map[pairKey][]int
	fixedDM map[int]bool
	cost    map[pairKey]int // the soft literal of a pair's change
	scopes  []*[]pairKey    // shared sub-encodings being built
	shared  map[any][]pairKey
}

func (o *ownership) init() {
	if o.started {
		return
	}
	o.started = true
	o.cur = -1
	o.owners = map[pairKey][]int{}
	o.fixedDM = map[int]bool{}
	o.cost = map[pairKey]int{}
	o.shared = map[any][]pairKey{}
}

// begin starts a requirement whose killer is "a <=_dm b" (dm -1: none).
func (o *ownership) begin(dm, a, b int) {
	o.init()
	k := pairKey{dm: -1}
	if dm >= 0 {
		k = mkPair(dm, a, b)
	}
	o.killers = append(o.killers, k)
	o.kills = append(o.kills, [2]int{a, b})
	o.cur = len(o.killers) - 1
}

func (o *ownership) end() { o.cur = -1 }

// touch records that the current requirement consults DM i's pair a, b.
func (o *ownership) touch(i, a, b int) {
	o.init()
	k := mkPair(i, a, b)
	for _, sc := range o.scopes {
		*sc = append(*sc, k)
	}
	if o.cur < 0 {
		return
	}
	if own := o.owners[k]; len(own) == 0 || own[len(own)-1] != o.cur {
		o.owners[k] = append(own, o.cur)
	}
}

// record starts recording the pairs a shared sub-encoding (named by key)
// consults; the returned function ends it.
func (o *ownership) record(key any) func() {
	o.init()
	sc := &[]pairKey{}
	o.scopes = append(o.scopes, sc)
	return func() {
		o.scopes = o.scopes[:len(o.scopes)-1]
		o.shared[key] = *sc
	}
}

// reuse makes the current requirement consult every pair of a shared
// sub-encoding encoded earlier.
func (o *ownership) reuse(key any) {
	o.init()
	for _, k := range o.shared[key] {
		o.touch(k.dm, k.a, k.b)
	}
}

func (o *ownership) fix(i int) { o.init(); o.fixedDM[i] = true }

func (o *ownership) costOf(i, a, b, lit int) { o.init(); o.cost[mkPair(i, a, b)] = lit }

// dominated returns the soft literals of the pairs the reductions fix
// (each to be set false), in a deterministic order. holds(i, a, b)
// reports whether a <=_i b under the current preferences.
//
// A requirement whose killer holds today and is consulted by no other
// live requirement is dead: keeping the killer costs nothing and
// satisfies it, whatever its other pairs say, so it constrains nothing
// (and the pairs only dead requirements consult keep their current
// relation). Removing a dead requirement may make another killer
// private, so this runs to a fixpoint before the dominance step.
func (o *ownership) dominated(holds func(i, a, b int) bool) []int {
	if !o.started {
		return nil
	}
	alive := make([]bool, len(o.killers))
	for r := range alive {
		alive[r] = true
	}
	liveOwners := func(k pairKey) []int {
		var out []int
		for _, r := range o.owners[k] {
			if alive[r] {
				out = append(out, r)
			}
		}
		return out
	}
	private := func(r int) bool {
		own := liveOwners(o.killers[r])
		return len(own) == 1 && own[0] == r
	}
	for changed := true; changed; {
		changed = false
		for r, k := range o.killers {
			if !alive[r] || k.dm < 0 || !holds(k.dm, o.kills[r][0], o.kills[r][1]) {
				continue
			}
			if o.fixedDM[k.dm] || private(r) {
				alive[r] = false
				changed = true
			}
		}
	}
	reducible := make([]bool, len(o.killers))
	for r, k := range o.killers {
		if alive[r] && k.dm >= 0 && !o.fixedDM[k.dm] && private(r) {
			if _, soft := o.cost[k]; soft {
				reducible[r] = true
			}
		}
	}
	var out []int
	for k := range o.owners {
		own := liveOwners(k)
		switch {
		case len(own) == 0:
		case len(own) == 1 && reducible[own[0]] && k != o.killers[own[0]]:
		default:
			continue
		}
		if x, ok := o.cost[k]; ok {
			out = append(out, x)
		}
	}
	sort.Ints(out)
	for q := range out {
		out[q] = -out[q]
	}
	return out
}

// pureLiterals returns the literals that pure-literal elimination sets
// (soft literals, which cost when true, are only ever set false), given
// the clauses and soft literals of a problem over nv variables.
func pureLiterals(clauses [][]int, nv int, soft []int) []int {
	idx := func(l int) int {
		if l > 0 {
			return 2 * l
		}
		return -2*l + 1
	}
	isSoft := make([]bool, 2*nv+2)
	for _, l := range soft {
		isSoft[idx(l)] = true
	}
	occ := make([][]int32, 2*nv+2)
	cnt := make([]int, 2*nv+2)
	for c, cl := range clauses {
		for _, l := range cl {
			occ[idx(l)] = append(occ[idx(l)], int32(c))
			cnt[idx(l)]++
		}
	}
	sat := make([]bool, len(clauses))
	set := make([]bool, nv+1)
	var out []int
	queue := make([]int, 0, nv)
	for v := nv; v >= 1; v-- {
		queue = append(queue, v)
	}
	for len(queue) > 0 {
		v := queue[len(queue)-1]
		queue = queue[:len(queue)-1]
		if set[v] {
			continue
		}
		p, n := cnt[idx(v)], cnt[idx(-v)]
		lit := 0
		switch {
		case isSoft[idx(v)] || isSoft[idx(-v)]:
			// A soft literal l may only be made false, and only when
			// no clause needs it true.
			l := v
			if isSoft[idx(-v)] {
				l = -v
			}
			if cnt[idx(l)] == 0 {
				lit = -l
			}
		case n == 0 && p > 0:
			lit = v
		case p == 0 && n > 0:
			lit = -v
		}
		if lit == 0 {
			continue
		}
		set[v] = true
		out = append(out, lit)
		for _, c := range occ[idx(lit)] {
			if sat[c] {
				continue
			}
			sat[c] = true
			for _, l := range clauses[c] {
				cnt[idx(l)]--
				if u := max(l, -l); !set[u] {
					queue = append(queue, u)
				}
			}
		}
	}
	return out
}

// maxCounter bounds the size (soft literals times bound) of a sequential
// counter; above it only the pseudo-Boolean search runs.
const maxCounter = 4_000_000

// atMost appends to clauses a sequential counter (Sinz 2005) stating that
// at most k of lits are true; nv is the number of variables so far.
func atMost(clauses [][]int, nv int, lits []int, k int) ([][]int, int) {
	if k <= 0 {
		for _, l := range lits {
			clauses = append(clauses, []int{-l})
		}
		return clauses, nv
	}
	// s[j] after literal q: at least j+1 of lits[0..q] are true.
	prev := make([]int, k)
	for q, x := range lits {
		cur := make([]int, k)
		for j := range cur {
			nv++
			cur[j] = nv
		}
		clauses = append(clauses, []int{-x, cur[0]})
		if q > 0 {
			for j := 0; j < k; j++ {
				clauses = append(clauses, []int{-prev[j], cur[j]})
				if j > 0 {
					clauses = append(clauses, []int{-x, -prev[j-1], cur[j]})
				}
			}
			clauses = append(clauses, []int{-x, -prev[k-1]})
		}
		prev = cur
	}
	return clauses, nv
}

// solveCNF runs gophersat; it returns the model (indexed by DIMACS
// variable) or nil when the clauses are unsatisfiable. When optimizing, it
// returns a model with the fewest violated soft literals and optimal true,
// or, when deadline (zero: none) passes first, the best model found with
// optimal false. lb is a proven lower bound on the optimum. Errors: ctx's,
// when it is cancelled (checked inside every solver call).
//
// With e.floor > 0 (a lower bound on the cost of every real solution,
// proven elsewhere: see closest) the cost is also constrained to be at
// least e.floor, and the dominance and pure-literal reductions are not
// applied: they may map a real solution to one that costs less than the
// floor, so together with it they could cut off every optimum. With
// e.maxConflicts > 0 the search also stops, deterministically, after that
// many conflicts (e.capped then records it).
func (e *encoder) solveCNF(ctx context.Context, optimize bool, lb int, stop *stopRule) (model []bool, cost int, optimal bool, err error) {
	optimize = optimize && len(e.cost) > 0
	clauses := e.clauses
	if optimize && e.floor <= 0 {
		for _, u := range e.own.dominated(e.origLE) {
			clauses = append(clauses, []int{u})
		}
		for _, u := range pureLiterals(clauses, e.nv, e.cost) {
			clauses = append(clauses, []int{u})
		}
	}
	pb := solver.ParseSliceNb(clauses, e.nv)
	if pb.Status == solver.Unsat {
		return nil, -1, true, nil
	}
	if optimize {
		lits := make([]solver.Lit, len(e.cost))
		w := make([]int, len(e.cost))
		for q, v := range e.cost {
			lits[q] = solver.IntToLit(int32(v))
			w[q] = 1
		}
		pb.SetCostFunc(lits, w)
	}
	down := solver.New(pb)
	if optimize && e.floor > 0 {
		lits := make([]solver.Lit, len(e.cost))
		w := make([]int, len(e.cost))
		for q, v := range e.cost {
			lits[q] = solver.IntToLit(int32(v))
			w[q] = 1
		}
		down.AppendClause(solver.NewPBClause(lits, w, e.floor))
		lb = max(lb, e.floor)
	}
	overspent := func() bool { return e.maxConflicts > 0 && e.spent >= e.maxConflicts }
	down.Interrupt = func() bool {
		return ctx.Err() != nil || (e.maxConflicts > 0 && down.Stats.NbConflicts >= e.maxConflicts)
	}
	st := down.Solve()
	e.spent = down.Stats.NbConflicts
	stop.spend(e.spent)
	switch st {
	case solver.Unsat:
		return nil, -1, true, nil
	case solver.Indet:
		if err := ctx.Err(); err != nil {
			return nil, -1, false, err
		}
		e.capped = true
		return nil, -1, false, nil
	}
	model = down.Model()
	if !optimize {
		return model, 0, true, nil
	}
	count := func(m []bool) int {
		n := 0
		for _, v := range e.cost {
			if value(m, v) {
				n++
			}
		}
		return n
	}
	best := count(model)
	lb = max(lb, 0)
	// The soft literals not fixed false by the reductions.
	fixed := map[int]bool{}
	for _, cl := range clauses {
		if len(cl) == 1 {
			fixed[-cl[0]] = true
		}
	}
	var live []int
	for _, v := range e.cost {
		if !fixed[v] {
			live = append(live, v)
		}
	}
	neg := make([]solver.Lit, len(e.cost))
	for q, v := range e.cost {
		neg[q] = solver.IntToLit(int32(-v))
	}
	tighten := func() {
		// At most best-1 violated: at least len-best+1 negations true.
		w := make([]int, len(neg))
		for q := range w {
			w[q] = 1
		}
		down.AppendClause(solver.NewPBClause(append([]solver.Lit(nil), neg...), w, len(neg)-best+1))
	}
	if best > lb {
		tighten()
	}
	var up *solver.Solver
	upBound := -1
	budget := 2000
	// run lets s search for at most budget more conflicts; Indet means
	// the budget, the deadline or ctx stopped it.
	run := func(s *solver.Solver) solver.Status {
		start := s.Stats.NbConflicts
		limit := start + budget
		if e.maxConflicts > 0 {
			limit = min(limit, start+e.maxConflicts-e.spent)
		}
		if left := stop.left(); left >= 0 {
			limit = min(limit, start+int(left))
		}
		s.Interrupt = func() bool {
			return s.Stats.NbConflicts >= limit || ctx.Err() != nil || stop.late()
		}
		st := s.Solve()
		e.spent += s.Stats.NbConflicts - start
		stop.spend(s.Stats.NbConflicts - start)
		return st
	}
	stopped := func() (bool, error) {
		if err := ctx.Err(); err != nil {
			return true, err
		}
		if overspent() {
			e.capped = true
			return true, nil
		}
		return stop.expired(), nil
	}
	for best > lb {
		switch run(down) {
		case solver.Sat:
			model, best = down.Model(), count(down.Model())
			if best > lb {
				tighten()
			}
			continue
		case solver.Unsat:
			return model, best, true, nil
		}
		if stop, err := stopped(); stop {
			return model, best, false, err
		}
		if len(live)*max(lb, 1) <= maxCounter {
			if up == nil || upBound != lb {
				cl, nv := atMost(append([][]int(nil), clauses...), e.nv, live, lb)
				up = solver.New(solver.ParseSliceNb(cl, nv))
				upBound = lb
			}
			switch run(up) {
			case solver.Sat:
				m := up.Model()[:e.nv]
				if c := count(m); c < best {
					model, best = m, c
				}
				return model, best, true, nil
			case solver.Unsat:
				lb++
				continue
			}
			if stop, err := stopped(); stop {
				return model, best, false, err
			}
		}
		budget *= 2
	}
	return model, best, true, nil
}

// loop is a set of nodes of a relaxed sanction search (context key) that
// a solution marked reached although no sequence of improvements from
// the start reaches them: they only supported one another. Its loop
// formula (as in answer-set solving: Lin & Zhao 2004) says that if any of
// them is reached, some improving move from a reached node outside the set
// enters it. Every real sanction satisfies it, so adding it loses no
// solution; it is kept across re-encodings like the transitivity cuts.
type loop struct {
	key   ctxKey
	nodes []int
}

// addLoop adds the loop formula of l: ext -> one entering move, and
// reached(k) -> ext for every node k of the set.
func (e *encoder) addLoop(l loop) {
	r := e.reachVars(l.key)
	c := e.context(l.key)
	in := map[int]bool{}
	for _, k := range l.nodes {
		in[k] = true
	}
	ext := e.newVar()
	sup := []int{-ext}
	for _, k := range l.nodes {
		for _, ei := range c.in[k] {
			ed := c.edges[ei]
			if in[ed.from] {
				continue
			}
			imp := e.improves(ed.mover, c.nodes[ed.from].state, c.nodes[k].state)
			if ed.from == 0 {
				sup = append(sup, imp)
				continue
			}
			y := e.newVar()
			e.add(-y, r[ed.from])
			e.add(-y, imp)
			sup = append(sup, y)
		}
		e.add(-r[k], ext)
	}
	e.add(sup...)
}

// unfoundedLoops returns, for every relaxed sanction search, the nodes the
// model marks reached that no sequence of improvements (under the
// model's comparisons) reaches from the start.
func (e *encoder) unfoundedLoops(model []bool) []loop {
	keys := make([]ctxKey, 0, len(e.reach))
	for k := range e.reach {
		if !e.exact[k] {
			keys = append(keys, k)
		}
	}
	sort.Slice(keys, func(a, b int) bool {
		if keys[a].dm != keys[b].dm {
			return keys[a].dm < keys[b].dm
		}
		return keys[a].s1 < keys[b].s1
	})
	var out []loop
	for _, key := range keys {
		r := e.reach[key]
		c := e.ctxs[key]
		reached := make([]bool, len(c.nodes))
		reached[0] = true
		queue := []int{0}
		out0 := make([][]int, len(c.nodes))
		for ei, ed := range c.edges {
			out0[ed.from] = append(out0[ed.from], ei)
		}
		for len(queue) > 0 {
			x := queue[0]
			queue = queue[1:]
			for _, ei := range out0[x] {
				ed := c.edges[ei]
				if reached[ed.to] || !value(model, e.improves(ed.mover, c.nodes[x].state, c.nodes[ed.to].state)) {
					continue
				}
				reached[ed.to] = true
				queue = append(queue, ed.to)
			}
		}
		var u []int
		for k := 1; k < len(c.nodes); k++ {
			if !reached[k] && value(model, r[k]) {
				u = append(u, k)
			}
		}
		if len(u) > 0 {
			out = append(out, loop{key: key, nodes: u})
		}
	}
	return out
}

// simSanctions returns one variable per SIM sanction of the UI s -> s1 of
// DM i (definitions sheet §4): a choice x_j in {s} ∪ R_j(s) for every
// other DM j such that the state t made of i's change and every j's
// change at once is feasible. The variable implies that each x_j other
// than s is an improvement of j from s and that t <=_i s.
func (e *encoder) simSanctions(s, i, s1 int) []int {
	ss := e.ss
	type choice struct {
		state int
		bits  uint64 // j's options in x_j
	}
	opts := [][]choice{}
	var movers []int
	for j := range ss.DMs {
		if j == i {
			continue
		}
		cs := []choice{{s, ss.Codes[s] & ss.DMs[j].Mask}}
		for _, x := range moves(ss, j, s) {
			cs = append(cs, choice{x, ss.Codes[x] & ss.DMs[j].Mask})
		}
		opts = append(opts, cs)
		movers = append(movers, j)
	}
	var out []int
	pick := make([]int, len(opts))
	var rec func(k int, code uint64)
	rec = func(k int, code uint64) {
		if k == len(opts) {
			t, ok := ss.Index(code)
			if !ok {
				return
			}
			z := e.newVar()
			e.add(-z, e.le(i, t, s))
			for q, j := range movers {
				if x := opts[q][pick[q]].state; x != s {
					e.add(-z, e.improves(j, s, x))
				}
			}
			out = append(out, z)
			return
		}
		j := movers[k]
		for c, ch := range opts[k] {
			pick[k] = c
			rec(k+1, code&^ss.DMs[j].Mask|ch.bits)
		}
	}
	rec(0, ss.Codes[s1])
	return out
}
