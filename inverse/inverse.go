// Package inverse answers the inverse question of the graph model: which
// preferences would make given states equilibria (Kinsara, Kilgour & Hipel
// 2015, IEEE Trans. SMC: Systems 45(5); Wang, Hipel, Fang & Dang 2018,
// EJOR 270, matrix form). The unknowns are the DMs' rankings of the states
// (total preorders, ties allowed); the question is encoded in SAT and
// solved, with the closest solution found by MaxSAT, by gophersat.
//
// Only comparisons that the stability definitions consult are encoded: for
// a target s and DM i, the comparisons of s with i's moves from s and with
// the states the other DMs can reach from them (and, for SMR, i's moves
// from those), and for SEQ the opponents' comparisons along each move of
// the sanctioning sequences. Each consulted pair gets two atoms (a <= b,
// b <= a); transitivity and the SEQ sanction searches' need for a real
// sequence of improvements from the start are added lazily, as cuts and
// loop formulas, whenever a solution violates them. The closest solution
// is proven optimal by a MaxSAT search over a reduced problem (maxsat.go).
// A solution is extended to a ranking of every state that keeps every
// other comparison as it was and moves the relevant states as little as
// possible. Every solver call stops promptly when ctx is cancelled.
package inverse

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"time"

	"github.com/gmcr/gmcr/preference"
	"github.com/gmcr/gmcr/stability"
	"github.com/gmcr/gmcr/statespace"
)

// Pref is a known pairwise preference of one DM: Better is preferred to
// Worse (strictly, or at least as much when Weak).
type Pref struct {
	DM            int
	Better, Worse int // state indices
	Weak          bool
}

// Problem is one inverse question.
type Problem struct {
	// Concept is Nash, GMR, SMR, SEQ or SIM (SIM: option form only).
	Concept stability.Concept
	// Targets are the states (0-based indices) that must be stable.
	Targets []int
	// DMs are the DMs for which every target must be stable; nil means
	// every DM (the targets are then equilibria).
	DMs []int
	// Fixed DMs keep their current preferences.
	Fixed []int
	// Known pairwise preferences hold in every solution.
	Known []Pref
	// Budget bounds the time spent proving the closest solution closest
	// and shrinking a conflict (0: no limit): when it runs out the search
	// stops, inside a solver call if need be, and Result.Optimal or
	// Result.Minimal say so.
	// A run that stops on Budget depends on the machine's speed and load.
	Budget time.Duration
	// Work bounds the same search by effort instead of time: at most this
	// many SAT-solver conflicts, summed over every solver call (0: no
	// limit). It stops at the same point on every machine, so the answer
	// is the same; DefaultWork is the CLI's default.
	Work int64
	// CountLimit bounds the number of preference profiles Solve
	// enumerates to count the solutions; 0 means 20,000, negative never
	// counts.
	CountLimit int
}

// Kind is the kind of a constraint of an inverse problem.
type Kind int

// The constraint kinds.
const (
	StableFor Kind = iota // Target must be stable for DM
	Known                 // Pref must hold
	FixedDM               // DM's preferences must not change
)

// Describe says p in words, with state numbers as printed: "US prefers
// state 12 to state 5".
func (p Pref) Describe(ss *statespace.StateSpace) string {
	format := "%s prefers state %d to state %d"
	if p.Weak {
		format = "%s likes state %d at least as much as state %d"
	}
	return fmt.Sprintf(format, ss.DMs[p.DM].ID, statespace.Number(p.Better), statespace.Number(p.Worse))
}

// Constraint is one requirement of a Problem; a conflict is explained as
// a set of them.
type Constraint struct {
	Kind   Kind
	Target int // StableFor: the state
	DM     int // StableFor, FixedDM: the DM
	Pref   Pref
}

// Describe says c in words, with state numbers as printed.
func (c Constraint) Describe(ss *statespace.StateSpace, concept stability.Concept) string {
	switch c.Kind {
	case StableFor:
		return fmt.Sprintf("state %d must be %s stable for %s", statespace.Number(c.Target), concept, ss.DMs[c.DM].ID)
	case Known:
		return c.Pref.Describe(ss) + " (known)"
	}
	return fmt.Sprintf("the preferences of %s are fixed", ss.DMs[c.DM].ID)
}

// Change is one pair of states a DM would have to rank differently.
type Change struct {
	DM       int
	A, B     int // states, A < B
	Was, Now int // +1: A preferred to B; 0: tied; -1: B preferred
}

// Result answers a Problem.
type Result struct {
	Exists bool
	// Conflict, when no solution exists, is a set of constraints that
	// cannot hold together and from which no constraint can be dropped
	// without making the rest satisfiable (found by deletion).
	Conflict []Constraint
	// Minimal reports whether every constraint of Conflict was tried for
	// removal (false when Problem.Work or Problem.Budget ran out first).
	Minimal bool
	// Prefs is the solution closest to the current preferences: the
	// fewest Changes among the pairs the question consults.
	Prefs *preference.Profile
	// Optimal reports whether Prefs is proven closest (false when
	// Problem.Budget ran out first).
	Optimal bool
	// Changes lists the consulted pairs whose relation changes, by DM.
	Changes []Change
	// Consulted is the number of pairs of states (over all DMs) whose
	// comparison the question consults.
	Consulted int
	// Reordered counts, per DM, every pair of states whose relation differs
	// between Prefs and the current preferences (consulted or not).
	Reordered []int
	// Count is the number of preference profiles (a total preorder on the
	// states for every DM that is not fixed) that solve the problem, or -1
	// when there were too many to enumerate.
	Count int64
	// Refinements counts the loop formulas added to SEQ sanction searches
	// (and the searches re-encoded exactly, should a solution still fail
	// the check).
	Refinements int
}

// Constraints returns the constraints of p, in the order Solve uses.
func (p *Problem) Constraints(ss *statespace.StateSpace) []Constraint {
	dms := p.DMs
	if dms == nil {
		for i := range ss.DMs {
			dms = append(dms, i)
		}
	}
	var out []Constraint
	for _, t := range p.Targets {
		for _, i := range dms {
			out = append(out, Constraint{Kind: StableFor, Target: t, DM: i})
		}
	}
	for _, k := range p.Known {
		out = append(out, Constraint{Kind: Known, Pref: k})
	}
	for _, i := range p.Fixed {
		out = append(out, Constraint{Kind: FixedDM, DM: i})
	}
	return out
}

func (p *Problem) check(ss *statespace.StateSpace) error {
	switch p.Concept {
	case stability.Nash, stability.GMR, stability.SMR, stability.SEQ:
	case stability.SIM:
		if !ss.Simultaneous() {
			return errors.New("SIM needs a model in option form (simultaneous moves combine options); this model is in graph form: use Nash, GMR, SMR or SEQ")
		}
	default:
		return fmt.Errorf("the inverse question is answered for Nash, GMR, SMR, SEQ and SIM, not %s", p.Concept)
	}
	if len(p.Targets) == 0 {
		return errors.New("no target state given")
	}
	n := ss.Len()
	for _, t := range p.Targets {
		if t < 0 || t >= n {
			return fmt.Errorf("target state %d does not exist; the model has states 1..%d", statespace.Number(t), n)
		}
	}
	dm := func(i int) error {
		if i < 0 || i >= len(ss.DMs) {
			return fmt.Errorf("DM index %d out of range", i)
		}
		return nil
	}
	for _, i := range append(append([]int(nil), p.DMs...), p.Fixed...) {
		if err := dm(i); err != nil {
			return err
		}
	}
	for _, k := range p.Known {
		if err := dm(k.DM); err != nil {
			return err
		}
		if k.Better < 0 || k.Better >= n || k.Worse < 0 || k.Worse >= n {
			return fmt.Errorf("known preference names a state outside 1..%d", n)
		}
		if k.Better == k.Worse && !k.Weak {
			return fmt.Errorf("known preference: state %d cannot be preferred to itself", statespace.Number(k.Better))
		}
	}
	return nil
}

// Solve answers p for the model of ss whose current preferences are prof.
// It returns whether preferences exist under which every target is stable
// for the DMs p names, and either the closest such preferences or a
// conflicting set of constraints. Errors: an invalid problem (SIM, no
// target, a state or DM out of range) or ctx's error.
func Solve(ctx context.Context, ss *statespace.StateSpace, prof *preference.Profile, p Problem) (*Result, error) {
	if err := p.check(ss); err != nil {
		return nil, err
	}
	cons := p.Constraints(ss)
	stop := newStopRule(p.Budget, p.Work)
	sol, err := closest(ctx, ss, prof, &p, cons, stop)
	if err != nil {
		return nil, err
	}
	res := &Result{Count: -1}
	if sol == nil {
		res.Conflict, res.Minimal, err = minimise(ctx, ss, prof, &p, cons, stop)
		if err != nil {
			return nil, err
		}
		res.Count = 0
		return res, nil
	}
	res.Exists = true
	res.Prefs = sol.prefs
	res.Changes = sol.changes
	res.Consulted = sol.consulted
	res.Refinements = sol.refinements
	res.Optimal = sol.optimal
	res.Reordered = make([]int, len(ss.DMs))
	for i := range ss.DMs {
		res.Reordered[i] = reordered(prof, sol.prefs, i)
	}
	if p.CountLimit >= 0 {
		limit := p.CountLimit
		if limit == 0 {
			limit = 20000
		}
		res.Count, err = count(ctx, ss, prof, &p, int64(limit))
		if err != nil {
			return nil, err
		}
	}
	return res, nil
}

type solution struct {
	prefs       *preference.Profile
	changes     []Change
	consulted   int
	refinements int
	optimal     bool
}

// attempt solves the problem restricted to cons; nil means unsatisfiable.
// The encoding leaves out transitivity and lets SEQ sanction searches
// support themselves in a loop; a solution that uses either gets a
// transitivity cut or a loop formula (both hold for every real solution)
// and the problem is solved again. A solution with neither is real, and
// optimal if it was optimal for the encoding. Should the stability engine
// still find a target unstable, the failing DMs' sanction searches are
// encoded exactly (a safety net).
//
// lim, when not nil, sets a floor on the cost (see encoder.floor) and
// deterministic caps; when a cap stops the search before a real solution
// is found, attempt returns nil with lim.capped set (nil then does not
// mean unsatisfiable), and lim.lb is the lower bound proven so far.
func attempt(ctx context.Context, ss *statespace.StateSpace, prof *preference.Profile, p *Problem, cons []Constraint, optimize bool, stop *stopRule, lim *limits) (*solution, error) {
	if lim == nil {
		lim = &limits{}
	}
	exact := map[ctxKey]bool{}
	fixed := map[int]bool{}
	for _, c := range cons {
		if c.Kind == FixedDM {
			fixed[c.DM] = true
		}
	}
	refinements := 0
	var cuts []cut
	var loops []loop
	lb := 0
	depth := 8 // unrolling of exact SEQ searches, doubled while it matters
	for round := 1; ; round++ {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if lim.rounds > 0 && round > lim.rounds {
			lim.capped, lim.lb = true, lb
			return nil, nil
		}
		e := newEncoder(ss, prof, p, exact)
		e.depth = depth
		e.floor = lim.floor
		if lim.conflicts > 0 {
			if lim.spent >= lim.conflicts {
				lim.capped, lim.lb = true, lb
				return nil, nil
			}
			e.maxConflicts = lim.conflicts - lim.spent
		}
		for _, c := range cons {
			switch c.Kind {
			case StableFor:
				e.stable(c.Target, c.DM)
			case Known:
				k := c.Pref
				e.own.begin(-1, 0, 0)
				if k.Weak {
					e.add(e.le(k.DM, k.Worse, k.Better))
				} else {
					e.add(-e.le(k.DM, k.Better, k.Worse))
				}
				e.own.end()
			}
		}
		e.completePairs()
		for i := range fixed {
			e.fixed(i)
		}
		e.finish(optimize)
		for _, c := range cuts {
			e.addCut(c)
		}
		for _, l := range loops {
			e.addLoop(l)
		}
		model, cost, optimal, err := e.solveCNF(ctx, optimize, lb, stop)
		lim.spent += e.spent
		if err != nil {
			return nil, err
		}
		if e.capped && model == nil {
			lim.capped, lim.lb = true, lb
			return nil, nil
		}
		if e.truncated {
			// A search cut short is a restriction: its optimum bounds
			// nothing from below, and infeasibility proves nothing.
			optimal = optimal && cost <= lb
			if model == nil {
				depth *= 2
				continue
			}
		} else if optimal {
			lb = max(lb, cost)
		}
		if model == nil {
			return nil, nil
		}
		orders := make([]map[int]int, len(ss.DMs))
		cyclic := false
		for i := range ss.DMs {
			var cs []cut
			cs, orders[i] = e.cycles(model, i)
			cuts = append(cuts, cs...)
			cyclic = cyclic || len(cs) > 0
		}
		if cyclic {
			continue
		}
		if ls := e.unfoundedLoops(model); len(ls) > 0 {
			loops = append(loops, ls...)
			refinements += len(ls)
			continue
		}
		sol := e.extend(orders, fixed)
		sol.refinements = refinements
		sol.optimal = optimal
		lim.capped = lim.capped || e.capped
		a, err := stability.Analyze(ctx, ss, sol.prefs, stability.Config{Concepts: []stability.Concept{p.Concept}, Workers: 1})
		if err != nil {
			return nil, err
		}
		grew := false
		ok := true
		for _, c := range cons {
			if c.Kind != StableFor || a.Stable(p.Concept, c.DM, c.Target) {
				continue
			}
			ok = false
			if p.Concept != stability.SEQ {
				return nil, fmt.Errorf("inverse: internal error: solution leaves state %d unstable for %s", statespace.Number(c.Target), ss.DMs[c.DM].ID)
			}
			for _, s1 := range moves(ss, c.DM, c.Target) {
				if k := (ctxKey{c.DM, s1}); !exact[k] {
					exact[k] = true
					grew = true
					refinements++
				}
			}
		}
		if ok {
			return sol, nil
		}
		if !grew {
			return nil, errors.New("inverse: internal error: exact SEQ encoding gave an unstable target")
		}
	}
}

// limits steers one attempt (see attempt).
type limits struct {
	floor     int  // a proven lower bound on every real solution's cost
	rounds    int  // at most this many encodings solved (0: no limit)
	conflicts int  // at most this many solver conflicts in all (0: no limit)
	spent     int  // the conflicts so far
	capped    bool // out: a cap stopped the search
	lb        int  // out, when capped: the lower bound proven so far
}

// Deterministic caps of closest's first and third stages (see closest);
// variables so that tests can send every question through each stage
// (fixedRounds 0 skips the first, floorConflicts 0 the third).
var (
	fixedRounds    = 3
	fixedConflicts = 2_000
	floorConflicts = 20_000
)

// closest finds the closest solution of cons (nil: none exists).
//
// With no DM fixed it is attempt. With fixed DMs the dominance reduction
// of maxsat.go loses its grip on the fixed DMs' requirements (a fixed
// DM's UI can only be deterred by a sanction, so the comparisons of the
// sanctioners stay free), and proving the last unit of the lower bound can
// take many rounds of transitivity cuts. So, in stages, each capped by
// counts (not time, so the answer does not depend on the machine's load):
//
//  1. attempt as usual, for at most fixedRounds (3) encodings and
//     fixedConflicts (2,000) solver conflicts; an answer proven closest
//     (or "none exists") ends it.
//  2. The relaxation: the same question with no DM fixed. Every solution
//     of the fixed question solves it too, and changes the same consulted
//     pairs (a fixed DM's comparisons are unchanged, so cost nothing in
//     either), so its proven optimum L is a lower bound of the fixed
//     question's optimum; if it has no solution, neither has the fixed
//     question. A fixed-question solution found in stage 1 that costs L is
//     then proven closest.
//  3. The fixed question with the hard constraint "at least L changes"
//     (valid for every real solution, by 2) and without the dominance
//     reduction (see solveCNF), for at most floorConflicts (20,000) solver
//     conflicts: when L is the optimum, the first solution that costs L
//     ends the search, with no lower bound left to prove.
//  4. Should that not settle it, attempt with no caps, as with no DM fixed.
//
// Every stage returns only solutions checked to be real, and each proof
// of optimality is of a lower bound valid for every real solution, so the
// answer is exact whichever stage gives it.
func closest(ctx context.Context, ss *statespace.StateSpace, prof *preference.Profile, p *Problem, cons []Constraint, stop *stopRule) (*solution, error) {
	var free []Constraint
	for _, c := range cons {
		if c.Kind != FixedDM {
			free = append(free, c)
		}
	}
	if len(free) == len(cons) {
		return attempt(ctx, ss, prof, p, cons, true, stop, nil)
	}
	var sol *solution
	first := &limits{rounds: fixedRounds, conflicts: fixedConflicts, capped: true}
	if fixedRounds > 0 {
		first.capped = false
		var err error
		sol, err = attempt(ctx, ss, prof, p, cons, true, stop, first)
		if err != nil || (sol != nil && sol.optimal) || (sol == nil && !first.capped) {
			reached(1)
			return sol, err
		}
	}
	// finish ends with sol if it is proven or time is up, else with
	// stage 4 (which always finds a solution when one exists, the
	// deadline notwithstanding).
	finish := func(sol *solution) (*solution, error) {
		if sol != nil && (sol.optimal || stop.expired()) {
			reached(3)
			return sol, nil
		}
		reached(4)
		last, err := attempt(ctx, ss, prof, p, cons, true, stop, nil)
		if err != nil {
			return nil, err
		}
		if last == nil || (sol != nil && !last.optimal && len(sol.changes) < len(last.changes)) {
			return sol, nil
		}
		return last, nil
	}
	if stop.expired() {
		return finish(sol)
	}
	relaxed, err := attempt(ctx, ss, prof, p, free, true, stop, nil)
	if err != nil {
		return nil, err
	}
	if relaxed == nil {
		reached(2)
		return nil, nil // the relaxation has no solution, so neither has cons
	}
	if !relaxed.optimal {
		return finish(sol)
	}
	floor := max(len(relaxed.changes), first.lb)
	if sol != nil && len(sol.changes) <= floor {
		reached(2)
		sol.optimal = true
		return sol, nil
	}
	if floorConflicts <= 0 {
		return finish(sol)
	}
	third := &limits{floor: floor, conflicts: floorConflicts}
	s3, err := attempt(ctx, ss, prof, p, cons, true, stop, third)
	switch {
	case err != nil:
		return nil, err
	case s3 == nil && !third.capped:
		reached(3)
		return nil, nil // unsatisfiable even without the reduction
	case s3 != nil && (s3.optimal || sol == nil || len(s3.changes) < len(sol.changes)):
		sol = s3
	}
	return finish(sol)
}

// onStage, when set (by tests), learns which stage of closest answered.
var onStage func(stage int)

func reached(stage int) {
	if onStage != nil {
		onStage(stage)
	}
}

func expired(deadline time.Time) bool { return !deadline.IsZero() && time.Now().After(deadline) }

// minimise shrinks an unsatisfiable set of constraints by deletion: each
// constraint is dropped in turn and kept out if the rest stay
// unsatisfiable.
func minimise(ctx context.Context, ss *statespace.StateSpace, prof *preference.Profile, p *Problem, cons []Constraint, stop *stopRule) ([]Constraint, bool, error) {
	core := append([]Constraint(nil), cons...)
	for k := len(core) - 1; k >= 0; k-- {
		if stop.expired() {
			return core, false, nil
		}
		trial := append(append([]Constraint(nil), core[:k]...), core[k+1:]...)
		sol, err := attempt(ctx, ss, prof, p, trial, false, stop, nil)
		if err != nil {
			return nil, false, err
		}
		if sol == nil {
			core = trial
		}
	}
	return core, true, nil
}

// extend turns a solution into a full preference profile: fixed DMs and
// DMs without consulted states keep their preferences; for the others,
// the consulted states take the solved order (orders, from cycles) and are placed among
// the other states (whose order is kept) so as to change as few of their
// comparisons with them as possible.
func (e *encoder) extend(orders []map[int]int, fixed map[int]bool) *solution {
	ss, prof := e.ss, e.prof
	sol := &solution{prefs: &preference.Profile{}}
	for i := range ss.DMs {
		score := prof.Score[i]
		if !fixed[i] && len(orders[i]) > 0 {
			score = place(prof.Level[i], prof.Levels[i], orders[i])
		}
		lvl, cnt := denseLevels(score)
		sol.prefs.Score = append(sol.prefs.Score, score)
		sol.prefs.Level = append(sol.prefs.Level, lvl)
		sol.prefs.Levels = append(sol.prefs.Levels, cnt)
	}
	for i := range ss.DMs {
		for _, k := range sortedPairs(e.atoms[i]) {
			if k[0] > k[1] {
				continue
			}
			sol.consulted++
			was, now := relation(prof, i, k[0], k[1]), relation(sol.prefs, i, k[0], k[1])
			if was != now {
				sol.changes = append(sol.changes, Change{DM: i, A: k[0], B: k[1], Was: was, Now: now})
			}
		}
	}
	return sol
}

// place returns new scores for every state: states not in moved keep their
// order (original level l sits at slot 2l+1); the moved states, grouped by
// their new level, go to slots in increasing order (an even slot lies
// between two original levels, an odd one ties with a level), chosen by
// dynamic programming to change the fewest comparisons with unmoved states.
func place(orig []int32, levels int, moved map[int]int) []int64 {
	M := levels
	cnt := make([]int, M)
	for s, l := range orig {
		if _, ok := moved[s]; !ok {
			cnt[l]++
		}
	}
	P := make([]int, M+1)
	for l := 0; l < M; l++ {
		P[l+1] = P[l] + cnt[l]
	}
	// changed counts unmoved states whose relation with a state of
	// original level a changes when it is put at slot q.
	changed := func(a, q int) int {
		below := (q + 1) / 2 // levels l with 2l+1 < q
		if q%2 == 1 {
			below = (q - 1) / 2
		}
		c := 0
		if a < below {
			c += P[below] - P[a]
		}
		above := below
		if q%2 == 1 {
			if l0 := (q - 1) / 2; l0 != a {
				c += cnt[l0]
			}
			above++
		}
		if a+1 > above {
			c += P[min(a+1, M)] - P[above]
		}
		return c
	}
	var keys []int
	groups := map[int][]int{}
	for s, l := range moved {
		if _, ok := groups[l]; !ok {
			keys = append(keys, l)
		}
		groups[l] = append(groups[l], s)
	}
	sort.Ints(keys)
	Q := 2*M + 1
	const inf = int(^uint(0) >> 2)
	best := make([][]int, len(keys))
	from := make([][]int, len(keys))
	for g, l := range keys {
		best[g] = make([]int, Q)
		from[g] = make([]int, Q)
		run, arg := inf, -1 // min of best[g-1][q'] over q' < q
		for q := 0; q < Q; q++ {
			c := 0
			for _, s := range groups[l] {
				c += changed(int(orig[s]), q)
			}
			prev, pq := 0, -1
			if g > 0 {
				prev, pq = run, arg
				if q%2 == 0 && best[g-1][q] < prev {
					prev, pq = best[g-1][q], q
				}
			}
			if prev >= inf {
				best[g][q] = inf
			} else {
				best[g][q] = prev + c
			}
			from[g][q] = pq
			if g > 0 && best[g-1][q] < run {
				run, arg = best[g-1][q], q
			}
		}
	}
	slot := make([]int, len(keys))
	if len(keys) > 0 {
		g := len(keys) - 1
		q := 0
		for x := 0; x < Q; x++ {
			if best[g][x] < best[g][q] {
				q = x
			}
		}
		for ; g >= 0; g-- {
			slot[g] = q
			q = from[g][q]
		}
	}
	sub := int64(len(keys) + 1)
	score := make([]int64, len(orig))
	for s, l := range orig {
		score[s] = int64(2*int(l)+1) * sub
	}
	for g, l := range keys {
		k := int64(slot[g]) * sub
		if slot[g]%2 == 0 {
			k += int64(g + 1)
		}
		for _, s := range groups[l] {
			score[s] = k
		}
	}
	return score
}

// denseLevels maps scores to levels 0..count-1 preserving order.
func denseLevels(score []int64) ([]int32, int) {
	d := append([]int64(nil), score...)
	sort.Slice(d, func(a, b int) bool { return d[a] < d[b] })
	u := d[:0]
	for k, v := range d {
		if k == 0 || v != d[k-1] {
			u = append(u, v)
		}
	}
	lv := make([]int32, len(score))
	for s, v := range score {
		lv[s] = int32(sort.Search(len(u), func(k int) bool { return u[k] >= v }))
	}
	return lv, len(u)
}

// reordered counts the pairs of states whose relation for DM i differs
// between profiles a and b; -1 for models over maxReordered states.
func reordered(a, b *preference.Profile, i int) int {
	n := len(a.Level[i])
	if n > maxReordered {
		return -1
	}
	c := 0
	for x := 0; x < n; x++ {
		for y := x + 1; y < n; y++ {
			if relation(a, i, x, y) != relation(b, i, x, y) {
				c++
			}
		}
	}
	return c
}

const maxReordered = 1 << 13
