package inverse

import (
	"sort"

	"github.com/gmcr/gmcr/preference"
	"github.com/gmcr/gmcr/stability"
	"github.com/gmcr/gmcr/statespace"
)

// ctxKey names the context graph of DM i's opponents from state s1.
type ctxKey struct{ dm, s1 int }

// encoder builds the CNF of one inverse question over a subset of its
// constraints. Variables are DIMACS numbers (1-based); literal -v is the
// negation of v.
//
// The preference of DM i between two states a, b enters only through the
// atom le_i(a,b), "a is no better than b for i". Atoms are tied together by
// giving each relevant state an ordinal level in order (unary) encoding,
// so every assignment is a total preorder on the relevant states.
type encoder struct {
	ss      *statespace.StateSpace
	prof    *preference.Profile
	prob    *Problem
	nv      int
	clauses [][]int
	tru     int
	atoms   []map[[2]int]int // per DM: (a,b) -> var of le(a,b)
	smr     map[[3]int]int   // (target, dm, s2) -> SMR sanction var
	reach   map[ctxKey][]int // context -> per node: var "reached", 0 for the start
	ctxs    map[ctxKey]*moveGraph
	exact   map[ctxKey]bool
	targets map[int]bool
	cost    []int // soft literals (each weighs 1)
	// depth bounds the unrolling of exact SEQ searches; truncated records
	// that some search was cut short of the number of its nodes, so that an
	// unsatisfiable answer or a cost proves nothing.
	depth     int
	truncated bool
	// own records which requirement consults which pair of states, for
	// the optimizer's dominance reduction (maxsat.go).
	own ownership
	// floor is a proven lower bound on the cost of every real solution
	// (0: none); maxConflicts bounds the solver's conflicts (0: no
	// bound), capped records that the bound stopped it, and spent counts
	// the conflicts of every solver call so far.
	floor        int
	maxConflicts int
	capped       bool
	spent        int
}

func newEncoder(ss *statespace.StateSpace, prof *preference.Profile, prob *Problem, exact map[ctxKey]bool) *encoder {
	e := &encoder{ss: ss, prof: prof, prob: prob, smr: map[[3]int]int{}, reach: map[ctxKey][]int{},
		ctxs: map[ctxKey]*moveGraph{}, exact: exact, targets: map[int]bool{}}
	e.atoms = make([]map[[2]int]int, len(ss.DMs))
	for i := range e.atoms {
		e.atoms[i] = map[[2]int]int{}
	}
	e.tru = e.newVar()
	e.add(e.tru)
	for _, t := range prob.Targets {
		e.targets[t] = true
	}
	return e
}

func (e *encoder) newVar() int { e.nv++; return e.nv }

func (e *encoder) add(lits ...int) { e.clauses = append(e.clauses, append([]int(nil), lits...)) }

// le returns the literal of "a is no better than b for DM i".
func (e *encoder) le(i, a, b int) int {
	if a == b {
		return e.tru
	}
	e.own.touch(i, a, b)
	k := [2]int{a, b}
	if v, ok := e.atoms[i][k]; ok {
		return v
	}
	v := e.newVar()
	e.atoms[i][k] = v
	return v
}

// improves returns the literal of "DM j prefers to strictly".
func (e *encoder) improves(j, from, to int) int { return -e.le(j, to, from) }

// stable adds the clauses that make target s stable for DM i under the
// problem's concept (definitions sheet §4).
func (e *encoder) stable(s, i int) {
	ss := e.ss
	c := e.prob.Concept
	for _, s1 := range moves(ss, i, s) {
		e.own.begin(i, s1, s)
		noUI := e.le(i, s1, s)
		if c == stability.Nash {
			e.add(noUI)
			e.own.end()
			continue
		}
		clause := []int{noUI}
		key := ctxKey{i, s1}
		var ctx *moveGraph
		if c != stability.SIM {
			ctx = e.context(key)
		}
		switch c {
		case stability.GMR:
			for _, s2 := range ctx.reached() {
				clause = append(clause, e.le(i, s2, s))
			}
		case stability.SMR:
			for _, s2 := range ctx.reached() {
				clause = append(clause, e.smrSanction(s, i, s2))
			}
		case stability.SIM:
			clause = append(clause, e.simSanctions(s, i, s1)...)
		case stability.SEQ:
			r := e.reachVars(key)
			for k, n := range ctx.nodes {
				if k == 0 {
					continue
				}
				z := e.newVar()
				e.add(-z, r[k])
				e.add(-z, e.le(i, n.state, s))
				clause = append(clause, z)
			}
		}
		e.add(clause...)
		e.own.end()
	}
}

func (e *encoder) context(key ctxKey) *moveGraph {
	if c, ok := e.ctxs[key]; ok {
		return c
	}
	c := buildContext(e.ss, others(e.ss, key.dm), key.s1)
	e.ctxs[key] = c
	return c
}

// smrSanction returns a variable that implies s2 <=_i s and s3 <=_i s for
// every s3 in R_i(s2): s2 is an SMR sanction against i at target s.
func (e *encoder) smrSanction(s, i, s2 int) int {
	k := [3]int{s, i, s2}
	if v, ok := e.smr[k]; ok {
		e.own.reuse(k)
		return v
	}
	v := e.newVar()
	e.smr[k] = v
	defer e.own.record(k)()
	e.add(-v, e.le(i, s2, s))
	for _, s3 := range moves(e.ss, i, s2) {
		e.add(-v, e.le(i, s3, s))
	}
	return v
}

// reachVars returns, per node of the context, a variable that implies the
// node is reached from the start by moves each of which is a unilateral
// improvement for its mover (R_{N-i}+). The relaxed encoding only requires
// each reached node to have a reached predecessor with an improving edge,
// which a cycle of nodes could satisfy on its own; it is exact for the
// question "is the problem infeasible" and is checked, and refined to the
// exact layered encoding, by Solve. The layered encoding unrolls the search
// to the number of nodes, so every reached node has a real path.
func (e *encoder) reachVars(key ctxKey) []int {
	if r, ok := e.reach[key]; ok {
		e.own.reuse(key)
		return r
	}
	defer e.own.record(key)()
	c := e.context(key)
	n := len(c.nodes)
	if !e.exact[key] {
		r := make([]int, n)
		for k := 1; k < n; k++ {
			r[k] = e.newVar()
		}
		for k := 1; k < n; k++ {
			sup := []int{-r[k]}
			for _, ei := range c.in[k] {
				ed := c.edges[ei]
				imp := e.improves(ed.mover, c.nodes[ed.from].state, c.nodes[k].state)
				if ed.from == 0 {
					sup = append(sup, imp)
					continue
				}
				x := e.newVar()
				e.add(-x, r[ed.from])
				e.add(-x, imp)
				sup = append(sup, x)
			}
			e.add(sup...)
		}
		e.reach[key] = r
		return r
	}
	// Layered: prev[k] is "reached within d steps" (0 = false, for d = 0
	// every node but the start).
	prev := make([]int, n)
	steps := n - 1
	if e.depth > 0 && steps > e.depth {
		steps = e.depth
		e.truncated = true
	}
	for d := 1; d <= steps; d++ {
		cur := make([]int, n)
		for k := 1; k < n; k++ {
			var sup []int
			if prev[k] != 0 {
				sup = append(sup, prev[k])
			}
			for _, ei := range c.in[k] {
				ed := c.edges[ei]
				imp := e.improves(ed.mover, c.nodes[ed.from].state, c.nodes[k].state)
				if ed.from == 0 {
					sup = append(sup, imp)
					continue
				}
				if prev[ed.from] == 0 {
					continue
				}
				x := e.newVar()
				e.add(-x, prev[ed.from])
				e.add(-x, imp)
				sup = append(sup, x)
			}
			if len(sup) == 0 {
				continue
			}
			cur[k] = e.newVar()
			e.add(append([]int{-cur[k]}, sup...)...)
		}
		prev = cur
	}
	r := make([]int, n)
	for k := 1; k < n; k++ {
		if prev[k] == 0 {
			r[k] = -e.tru
		} else {
			r[k] = prev[k]
		}
	}
	e.reach[key] = r
	return r
}

// relation returns how DM i's current preferences compare a with b:
// +1 a preferred, 0 tied, -1 b preferred.
func relation(p *preference.Profile, i, a, b int) int {
	la, lb := p.Level[i][a], p.Level[i][b]
	switch {
	case la > lb:
		return 1
	case la < lb:
		return -1
	}
	return 0
}

// origLE reports whether a <=_i b under the current preferences.
func (e *encoder) origLE(i, a, b int) bool { return e.prof.Level[i][a] <= e.prof.Level[i][b] }

// completePairs adds the reverse of every atom, so that each consulted
// pair's whole relation (better, tied, worse) is known to the solver.
func (e *encoder) completePairs() {
	for i := range e.atoms {
		for _, k := range sortedPairs(e.atoms[i]) {
			e.le(i, k[1], k[0])
		}
	}
}

// fixed adds unit clauses keeping every atom of DM i at its current value.
func (e *encoder) fixed(i int) {
	e.own.fix(i)
	keys := sortedPairs(e.atoms[i])
	for _, k := range keys {
		v := e.atoms[i][k]
		if e.origLE(i, k[0], k[1]) {
			e.add(v)
		} else {
			e.add(-v)
		}
	}
}

// finish adds, for every consulted pair, that the DM's relation is total
// (one of the two states is at least as good as the other) and, when
// optimizing, a soft constraint violated when the relation changes.
// Transitivity is not encoded: Solve checks each solution for a cycle of
// comparisons with a strict step and cuts it off (see cycles).
func (e *encoder) finish(optimize bool) {
	for i := range e.ss.DMs {
		for _, k := range sortedPairs(e.atoms[i]) {
			if k[0] > k[1] {
				continue
			}
			ab, ba := e.atoms[i][k], e.atoms[i][[2]int{k[1], k[0]}]
			e.add(ab, ba)
			if !optimize {
				continue
			}
			x := e.newVar()
			e.own.costOf(i, k[0], k[1], x)
			for _, lit := range []int{ab, ba} {
				if (lit == ab && !e.origLE(i, k[0], k[1])) || (lit == ba && !e.origLE(i, k[1], k[0])) {
					lit = -lit
				}
				e.add(lit, x)
			}
			e.cost = append(e.cost, x)
		}
	}
}

// cut is a clause over atoms, kept across re-encodings: it forbids a cycle
// of comparisons of one DM.
type cut struct {
	dm   int
	lits []cutLit
}

type cutLit struct {
	a, b int
	pos  bool // the literal le(a,b) (true) or its negation
}

func (e *encoder) addCut(c cut) {
	e.own.begin(-1, 0, 0)
	defer e.own.end()
	cl := make([]int, len(c.lits))
	for k, l := range c.lits {
		v := e.le(c.dm, l.a, l.b)
		if !l.pos {
			v = -v
		}
		cl[k] = v
	}
	e.add(cl...)
}

// cycles checks DM i's solved comparisons for a cycle a1 <= a2 <= ... <= a1
// with a strict step, which no ranking can satisfy, and returns one cut per
// strict step inside a strongly connected set of states (the shortest
// cycle through it). order, when there are none, gives each consulted state
// a level consistent with every comparison.
func (e *encoder) cycles(model []bool, i int) (cuts []cut, order map[int]int) {
	type arc struct {
		to     int
		strict bool
	}
	adj := map[int][]arc{}
	var states []int
	seen := map[int]bool{}
	for _, k := range sortedPairs(e.atoms[i]) {
		for _, x := range k {
			if !seen[x] {
				seen[x] = true
				states = append(states, x)
			}
		}
		if !value(model, e.atoms[i][k]) {
			continue // k[0] > k[1]: the arc k[1] -> k[0] is added from the other atom
		}
		strict := !value(model, e.atoms[i][[2]int{k[1], k[0]}])
		adj[k[0]] = append(adj[k[0]], arc{k[1], strict})
	}
	sort.Ints(states)
	comp := scc(states, func(x int) []int {
		var out []int
		for _, a := range adj[x] {
			out = append(out, a.to)
		}
		return out
	})
	for _, u := range states {
		for _, a := range adj[u] {
			if !a.strict || comp[a.to] != comp[u] {
				continue
			}
			// Shortest path a.to -> u inside the component closes the cycle.
			prev := map[int]int{a.to: a.to}
			queue := []int{a.to}
			for len(queue) > 0 && func() bool { _, ok := prev[u]; return !ok }() {
				x := queue[0]
				queue = queue[1:]
				for _, b := range adj[x] {
					if _, ok := prev[b.to]; !ok && comp[b.to] == comp[u] {
						prev[b.to] = x
						queue = append(queue, b.to)
					}
				}
			}
			c := cut{dm: i, lits: []cutLit{{a: a.to, b: u, pos: true}}} // not (a.to <= u is false)
			for x := u; x != a.to; x = prev[x] {
				c.lits = append(c.lits, cutLit{a: prev[x], b: x, pos: false})
			}
			cuts = append(cuts, c)
		}
	}
	if len(cuts) > 0 {
		return cuts, nil
	}
	// Levels: components in topological order, each at least its
	// members' highest current level and above every component below it.
	order = map[int]int{}
	members := map[int][]int{}
	for _, x := range states {
		members[comp[x]] = append(members[comp[x]], x)
	}
	level := map[int]int{}
	var visit func(c int) int
	visit = func(c int) int {
		if l, ok := level[c]; ok {
			return l
		}
		level[c] = -1 // acyclic between components: never read
		l := 0
		for _, x := range members[c] {
			l = max(l, 2*int(e.prof.Level[i][x]))
		}
		for _, x := range members[c] {
			for _, y := range states {
				// y's component lies below c if y < x is solved.
				if comp[y] == c {
					continue
				}
				if v, ok := e.atoms[i][[2]int{y, x}]; ok && value(model, v) {
					if w := e.atoms[i][[2]int{x, y}]; !value(model, w) {
						l = max(l, visit(comp[y])+1)
					}
				}
			}
		}
		level[c] = l
		return l
	}
	for _, x := range states {
		order[x] = visit(comp[x])
	}
	return nil, order
}

// scc returns a component number for every state (Tarjan).
func scc(states []int, succ func(int) []int) map[int]int {
	index := map[int]int{}
	low := map[int]int{}
	on := map[int]bool{}
	comp := map[int]int{}
	var stack []int
	next, nc := 0, 0
	var strong func(v int)
	strong = func(v int) {
		index[v], low[v] = next, next
		next++
		stack = append(stack, v)
		on[v] = true
		for _, w := range succ(v) {
			if _, ok := index[w]; !ok {
				strong(w)
				low[v] = min(low[v], low[w])
			} else if on[w] {
				low[v] = min(low[v], index[w])
			}
		}
		if low[v] == index[v] {
			for {
				w := stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				on[w] = false
				comp[w] = nc
				if w == v {
					break
				}
			}
			nc++
		}
	}
	for _, v := range states {
		if _, ok := index[v]; !ok {
			strong(v)
		}
	}
	return comp
}

func sortedPairs(m map[[2]int]int) [][2]int {
	keys := make([][2]int, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(a, b int) bool {
		if keys[a][0] != keys[b][0] {
			return keys[a][0] < keys[b][0]
		}
		return keys[a][1] < keys[b][1]
	})
	return keys
}

// value reads a literal from a model returned by solveCNF.
func value(model []bool, lit int) bool {
	if lit < 0 {
		return !model[-lit-1]
	}
	return model[lit-1]
}
