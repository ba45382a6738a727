package inverse

import (
	"context"

	"errors"
	"fmt"
	"github.com/crillab/gophersat/solver"
	"sort"
	"strings"

	"github.com/gmcr/gmcr/model/statement"
	"github.com/gmcr/gmcr/preference"
	"github.com/gmcr/gmcr/stability"
	"github.com/gmcr/gmcr/statespace"
)

// This file answers the inverse question over the second preference space
// of the issue: the DMs' option-prioritization statements (definitions
// sheet §2). The unknowns are, for each DM that is not fixed, which of its
// statements (and of the candidate statements offered for it) it holds,
// whether each is negated, and in which order of importance. A list
// phi_1..phi_k scores p(s) = sum of 2^(k-j) over the phi_j true at s, so t
// is preferred to s exactly when, at the first statement of the list on
// which t and s differ, t satisfies it; t and s tie when no statement of
// the list tells them apart. That rule is what the encoding states.

// Edits says which edits of a DM's statement list a solution may make.
// Reorder moves statements; Drop leaves statements of the current list
// out; Negate turns a statement into its negation. Offering candidates
// (StatementProblem.Candidates) allows adding them.
type Edits struct {
	Reorder, Drop, Negate bool
}

// String lists the allowed edits, e.g. "reorder, drop".
func (e Edits) String() string {
	var out []string
	if e.Reorder {
		out = append(out, "reorder")
	}
	if e.Drop {
		out = append(out, "drop")
	}
	if e.Negate {
		out = append(out, "negate")
	}
	if len(out) == 0 {
		return "none"
	}
	return strings.Join(out, ", ")
}

// Candidate is a statement a DM does not hold today but might: a
// solution may add it anywhere in the DM's list (one edit).
type Candidate struct {
	DM   int
	Text string
	Expr *statement.Expr
}

// StatementRef names one statement of a DM: Index < k (the DM's number of
// statements) is its current statement Index (0-based); Index >= k is the
// DM's candidate Index-k, in the order the candidates were given.
type StatementRef struct {
	DM, Index int
}

// StatementProblem is one inverse question over statement lists. The
// embedded Problem gives the concept, targets, DMs, fixed DMs, known
// pairwise preferences, budget and count limit, as for rankings. DMs
// with a direct ranking instead of statements keep their preferences.
type StatementProblem struct {
	Problem
	Edits      Edits
	Candidates []Candidate
	// Keep lists statements that must stay in their DM's list as stated
	// (neither dropped nor negated).
	Keep []StatementRef
	// Order lists pairs of statements of one DM: the first must come
	// before the second whenever both are in the list.
	Order [][2]StatementRef
}

// Statement constraint kinds (extending Kind).
const (
	KeepStatement Kind = iota + 16 // Ref must stay in the list, as stated
	KeepOrder                      // Ref before Then, when both are in the list
)

// StatementConstraint is one requirement of a StatementProblem: a
// Constraint of the rankings space (StableFor, Known, FixedDM) or a
// KeepStatement or KeepOrder requirement on statements.
type StatementConstraint struct {
	Constraint
	Ref, Then StatementRef
}

// Item is one entry of a statement list: statement Index of the DM (an
// index >= the DM's number of statements names a candidate, as in
// StatementRef), negated or not.
type Item struct {
	Index   int
	Negated bool
}

// EditKind is the kind of one edit of a statement list.
type EditKind int

// The edit kinds.
const (
	Moved EditKind = iota
	Dropped
	Negated
	Added
)

// Edit is one edit of DM's statement list: statement Index (as in
// StatementRef) is moved (to 0-based position To of the new list),
// dropped, negated (now at To) or added (at To).
type Edit struct {
	DM    int
	Kind  EditKind
	Index int
	To    int
}

// StatementResult answers a StatementProblem.
type StatementResult struct {
	Exists bool
	// Conflict, when no solution exists, is a set of requirements that
	// cannot hold together, none of which can be dropped (by deletion).
	Conflict []StatementConstraint
	// Minimal reports whether every requirement of Conflict was tried
	// for removal (false when Problem.Work or Problem.Budget ran out first).
	Minimal bool
	// Lists holds, per DM, the statement list of the closest solution
	// (nil for a DM with a direct ranking).
	Lists [][]Item
	// Prefs is the preference profile the lists induce.
	Prefs *preference.Profile
	// Edits are the edits from the current lists to Lists, by DM; a
	// statement moved and negated counts twice. Moves are the fewest
	// that reorder the kept statements (their number minus the longest
	// run already in order).
	Edits []Edit
	// Optimal reports whether Lists are proven to need the fewest edits.
	Optimal bool
	// Count is the number of combinations of statement lists (one per DM
	// that is not fixed) that solve the problem, -1 when too many to
	// enumerate.
	Count int64
	// Consulted is the number of pairs of states (over all DMs) whose
	// comparison the question consults; Changes lists those whose
	// relation the solution changes.
	Consulted int
	Changes   []Change
	// Refinements counts the solutions a relaxed SEQ search let through
	// that had to be cut off (unfounded sets) before the answer.
	Refinements int
}

// Statement returns the text of statement ref (a current statement or a
// candidate) of sp's model.
func (sp *StatementProblem) Statement(ss *statespace.StateSpace, ref StatementRef) string {
	sts := ss.Model.DMs[ref.DM].Prefs.Statements
	if ref.Index < len(sts) {
		return sts[ref.Index].Text
	}
	k := ref.Index - len(sts)
	for _, c := range sp.Candidates {
		if c.DM == ref.DM {
			if k == 0 {
				return c.Text
			}
			k--
		}
	}
	return "?"
}

// refWords says ref in words: "statement 2 (\"...\")" or "candidate
// \"...\"".
func (sp *StatementProblem) refWords(ss *statespace.StateSpace, ref StatementRef) string {
	if k := len(ss.Model.DMs[ref.DM].Prefs.Statements); ref.Index >= k {
		return fmt.Sprintf("candidate %q", sp.Statement(ss, ref))
	}
	return fmt.Sprintf("statement %d (%q)", ref.Index+1, sp.Statement(ss, ref))
}

// Describe says c in words.
func (sp *StatementProblem) Describe(ss *statespace.StateSpace, c StatementConstraint) string {
	switch c.Kind {
	case KeepStatement:
		return fmt.Sprintf("%s keeps %s in its list as stated", ss.DMs[c.Ref.DM].ID, sp.refWords(ss, c.Ref))
	case KeepOrder:
		return fmt.Sprintf("%s puts %s before %s whenever it holds both", ss.DMs[c.Ref.DM].ID, sp.refWords(ss, c.Ref), sp.refWords(ss, c.Then))
	case FixedDM:
		return fmt.Sprintf("the statements of %s are fixed", ss.DMs[c.DM].ID)
	}
	return c.Constraint.Describe(ss, sp.Concept)
}

// Constraints returns the requirements of sp, in the order
// SolveStatements uses.
func (sp *StatementProblem) Constraints(ss *statespace.StateSpace) []StatementConstraint {
	var out []StatementConstraint
	for _, c := range sp.Problem.Constraints(ss) {
		out = append(out, StatementConstraint{Constraint: c})
	}
	for _, r := range sp.Keep {
		out = append(out, StatementConstraint{Constraint: Constraint{Kind: KeepStatement, DM: r.DM}, Ref: r})
	}
	for _, o := range sp.Order {
		out = append(out, StatementConstraint{Constraint: Constraint{Kind: KeepOrder, DM: o[0].DM}, Ref: o[0], Then: o[1]})
	}
	return out
}

// pool is what one DM's lists are made of: the truth of every current
// statement and candidate at every state.
type pool struct {
	k     int      // current statements
	truth [][]bool // [statement or candidate][state]
	ok    bool     // the DM has statements (not a ranking)
}

func (sp *StatementProblem) pools(ss *statespace.StateSpace) ([]pool, error) {
	pools := make([]pool, len(ss.DMs))
	compile := func(i int, text string, e *statement.Expr) error {
		if e == nil {
			return fmt.Errorf("statement %q of %s could not be read", text, ss.DMs[i].ID)
		}
		c, err := ss.Compile(e)
		if err != nil {
			return fmt.Errorf("statement %q of %s: %w", text, ss.DMs[i].ID, err)
		}
		t := make([]bool, ss.Len())
		for s, code := range ss.Codes {
			t[s] = c.Holds(code)
		}
		pools[i].truth = append(pools[i].truth, t)
		return nil
	}
	for i, d := range ss.Model.DMs {
		if len(d.Prefs.Ranking) > 0 {
			continue
		}
		pools[i].ok = true
		pools[i].k = len(d.Prefs.Statements)
		for _, st := range d.Prefs.Statements {
			if err := compile(i, st.Text, st.Expr); err != nil {
				return nil, err
			}
		}
	}
	for _, c := range sp.Candidates {
		if c.DM < 0 || c.DM >= len(ss.DMs) {
			return nil, fmt.Errorf("candidate statement %q: DM index %d out of range", c.Text, c.DM)
		}
		if !pools[c.DM].ok {
			return nil, fmt.Errorf("candidate statement %q: %s ranks the states directly and has no statements to add to", c.Text, ss.DMs[c.DM].ID)
		}
		if err := compile(c.DM, c.Text, c.Expr); err != nil {
			return nil, err
		}
	}
	for i := range pools {
		if len(pools[i].truth) > maxListLen {
			return nil, fmt.Errorf("%s has %d statements and candidates; at most %d are supported", ss.DMs[i].ID, len(pools[i].truth), maxListLen)
		}
	}
	return pools, nil
}

// maxListLen bounds a DM's statements plus candidates, so that scores fit
// in an int64.
const maxListLen = 62

func (sp *StatementProblem) check(ss *statespace.StateSpace, pools []pool) error {
	if err := sp.Problem.check(ss); err != nil {
		return err
	}
	ref := func(r StatementRef) error {
		if r.DM < 0 || r.DM >= len(ss.DMs) {
			return fmt.Errorf("DM index %d out of range", r.DM)
		}
		if !pools[r.DM].ok {
			return fmt.Errorf("%s ranks the states directly: it has no statements", ss.DMs[r.DM].ID)
		}
		if r.Index < 0 || r.Index >= len(pools[r.DM].truth) {
			return fmt.Errorf("%s has no statement %d (it has %d)", ss.DMs[r.DM].ID, r.Index+1, pools[r.DM].k)
		}
		return nil
	}
	for _, r := range sp.Keep {
		if err := ref(r); err != nil {
			return err
		}
	}
	for _, o := range sp.Order {
		if err := ref(o[0]); err != nil {
			return err
		}
		if err := ref(o[1]); err != nil {
			return err
		}
		if o[0].DM != o[1].DM {
			return errors.New("an order requirement must name two statements of one DM")
		}
		if o[0].Index == o[1].Index {
			return fmt.Errorf("an order requirement names statement %d of %s twice", o[0].Index+1, ss.DMs[o[0].DM].ID)
		}
	}
	return nil
}

// SolveStatements answers sp for the model of ss whose current
// preferences are prof: whether statement lists (within sp.Edits and the
// requirements) exist under which every target is stable for the DMs sp
// names, and either the lists needing the fewest edits or a conflicting
// set of requirements. Errors: an invalid problem (see Solve; a statement
// reference out of range) or ctx's error.
func SolveStatements(ctx context.Context, ss *statespace.StateSpace, prof *preference.Profile, sp StatementProblem) (*StatementResult, error) {
	pools, err := sp.pools(ss)
	if err != nil {
		return nil, err
	}
	if err := sp.check(ss, pools); err != nil {
		return nil, err
	}
	has := false
	for _, p := range pools {
		has = has || p.ok
	}
	if !has {
		return nil, errors.New("no DM states its preferences by statements (every DM ranks the states directly); ask over rankings instead (gmcr inverse --space rankings)")
	}
	cons := sp.Constraints(ss)
	stop := newStopRule(sp.Budget, sp.Work)
	sol, err := attemptStatements(ctx, ss, prof, &sp, pools, cons, true, stop)
	if err != nil {
		return nil, err
	}
	res := &StatementResult{Count: -1}
	if sol == nil {
		core := append([]StatementConstraint(nil), cons...)
		res.Minimal = true
		for k := len(core) - 1; k >= 0; k-- {
			if stop.expired() {
				res.Minimal = false
				break
			}
			trial := append(append([]StatementConstraint(nil), core[:k]...), core[k+1:]...)
			s, err := attemptStatements(ctx, ss, prof, &sp, pools, trial, false, stop)
			if err != nil {
				return nil, err
			}
			if s == nil {
				core = trial
			}
		}
		res.Conflict = core
		res.Count = 0
		return res, nil
	}
	res.Exists = true
	res.Lists = sol.lists
	res.Prefs = sol.prefs
	res.Optimal = sol.optimal
	res.Refinements = sol.refinements
	res.Consulted = sol.consulted
	res.Changes = sol.changes
	for i, l := range sol.lists {
		if pools[i].ok {
			res.Edits = append(res.Edits, listEdits(i, pools[i].k, l)...)
		}
	}
	if sp.CountLimit >= 0 {
		limit := sp.CountLimit
		if limit == 0 {
			limit = 20000
		}
		res.Count, err = countStatements(ctx, ss, prof, &sp, pools, cons, int64(limit))
		if err != nil {
			return nil, err
		}
	}
	return res, nil
}

// Cost is the number of edits of res.
func (res *StatementResult) Cost() int { return len(res.Edits) }

// listEdits returns the edits turning DM i's current list (statements
// 0..k-1 in order, none negated) into list: drops, additions, negations,
// and moves of the kept statements outside a longest run already in
// order.
func listEdits(i, k int, list []Item) []Edit {
	var out []Edit
	in := make([]bool, k)
	var kept []int // positions in list of current statements
	for pos, it := range list {
		if it.Index >= k {
			out = append(out, Edit{DM: i, Kind: Added, Index: it.Index, To: pos})
			continue
		}
		in[it.Index] = true
		kept = append(kept, pos)
		if it.Negated {
			out = append(out, Edit{DM: i, Kind: Negated, Index: it.Index, To: pos})
		}
	}
	for j := 0; j < k; j++ {
		if !in[j] {
			out = append(out, Edit{DM: i, Kind: Dropped, Index: j, To: -1})
		}
	}
	// Longest increasing run of current indices among kept (O(n^2): lists
	// are short).
	n := len(kept)
	best := make([]int, n)
	prev := make([]int, n)
	end := -1
	for a := 0; a < n; a++ {
		best[a], prev[a] = 1, -1
		for b := 0; b < a; b++ {
			if list[kept[b]].Index < list[kept[a]].Index && best[b]+1 > best[a] {
				best[a], prev[a] = best[b]+1, b
			}
		}
		if end < 0 || best[a] > best[end] {
			end = a
		}
	}
	stay := make([]bool, n)
	for a := end; a >= 0; a = prev[a] {
		stay[a] = true
	}
	for a := 0; a < n; a++ {
		if !stay[a] {
			out = append(out, Edit{DM: i, Kind: Moved, Index: list[kept[a]].Index, To: kept[a]})
		}
	}
	sort.SliceStable(out, func(a, b int) bool { return out[a].Kind < out[b].Kind })
	return out
}

// listScores returns the option-prioritization scores of list.
func listScores(p pool, list []Item, n int) []int64 {
	score := make([]int64, n)
	k := len(list)
	for j, it := range list {
		w := int64(1) << uint(k-1-j)
		t := p.truth[it.Index]
		for s := 0; s < n; s++ {
			if t[s] != it.Negated {
				score[s] += w
			}
		}
	}
	return score
}

func identityList(k int) []Item {
	l := make([]Item, k) // not nil, even when empty
	for j := range l {
		l[j] = Item{Index: j}
	}
	return l
}

// listVars are the variables of one free DM's list.
type listVars struct {
	sel, neg []int          // literals
	bef      [][]int        // bef[a][b]: a comes before b (literal)
	q        map[[2]int]int // (c,d): d is in the list and before c
	first    map[string]int // (D,c): c is the first of D in the list
	wins     map[string]int // (D,c,polarity): first of D and holds at the better state
}

type stmtSolution struct {
	lists       [][]Item
	prefs       *preference.Profile
	optimal     bool
	refinements int
	consulted   int
	changes     []Change
}

// attemptStatements solves the problem restricted to cons; nil means
// unsatisfiable. SEQ searches are encoded relaxed (a reached node needs a
// reached predecessor with an improving move), and every solution is
// checked for nodes the relaxation let through that no improving sequence
// reaches (an unfounded set, which only a cycle of nodes supporting each
// other can give); each such set gets a clause saying one of its nodes is
// reached only if an improving move enters the set from a reached node
// outside it, and the problem is solved again. Those clauses hold for
// every real solution, so a solution without unfounded sets is exact, and
// a cost proven least is proven least for the exact problem. The
// stability engine re-checks the answer.
func attemptStatements(ctx context.Context, ss *statespace.StateSpace, prof *preference.Profile, sp *StatementProblem, pools []pool, cons []StatementConstraint, optimize bool, stop *stopRule) (*stmtSolution, error) {
	free := make([]bool, len(ss.DMs))
	for i := range free {
		free[i] = pools[i].ok
	}
	for _, c := range cons {
		if c.Kind == FixedDM {
			free[c.DM] = false
		}
	}
	e := newEncoder(ss, prof, &sp.Problem, map[ctxKey]bool{})
	for _, c := range cons {
		switch c.Kind {
		case StableFor:
			e.stable(c.Target, c.DM)
		case Known:
			k := c.Pref
			if k.Weak {
				e.add(e.le(k.DM, k.Worse, k.Better))
			} else {
				e.add(-e.le(k.DM, k.Better, k.Worse))
			}
		}
	}
	e.completePairs()
	vars := make([]*listVars, len(ss.DMs))
	for i := range ss.DMs {
		if !free[i] {
			e.fixed(i)
			continue
		}
		vars[i] = e.listVars(pools[i], sp.Edits, optimize)
		e.linkAtoms(i, pools[i], vars[i], sp.Edits.Negate)
	}
	for _, c := range cons {
		v := vars[c.Ref.DM]
		switch c.Kind {
		case KeepStatement:
			if v == nil {
				// A fixed DM keeps every current statement; a
				// candidate is then not in its list.
				if c.Ref.Index >= pools[c.Ref.DM].k {
					e.add(-e.tru)
				}
				continue
			}
			e.add(v.sel[c.Ref.Index])
			e.add(-v.neg[c.Ref.Index])
		case KeepOrder:
			a, b := c.Ref.Index, c.Then.Index
			if v == nil {
				k := pools[c.Ref.DM].k
				if a < k && b < k && a > b {
					e.add(-e.tru)
				}
				continue
			}
			e.add(-v.sel[a], -v.sel[b], v.bef[a][b])
		}
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	var goals []seqGoal
	for _, c := range cons {
		if c.Kind == StableFor && sp.Concept == stability.SEQ {
			for _, s1 := range moves(ss, c.DM, c.Target) {
				goals = append(goals, seqGoal{c.DM, c.Target, s1})
			}
		}
	}
	model, optimal, refinements := e.solveLists(ctx, goals, optimize, stop)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if model == nil {
		return nil, nil
	}
	sol := &stmtSolution{lists: make([][]Item, len(ss.DMs)), prefs: &preference.Profile{}, optimal: optimal, refinements: refinements}
	for i := range ss.DMs {
		score := prof.Score[i]
		if pools[i].ok {
			sol.lists[i] = identityList(pools[i].k)
		}
		if vars[i] != nil {
			sol.lists[i] = vars[i].list(model)
			score = listScores(pools[i], sol.lists[i], ss.Len())
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
			// The encoding states the list's comparison exactly: the
			// solver's atom must agree with the scores.
			for _, kk := range [][2]int{k, {k[1], k[0]}} {
				if value(model, e.atoms[i][kk]) != (sol.prefs.Level[i][kk[0]] <= sol.prefs.Level[i][kk[1]]) {
					return nil, fmt.Errorf("inverse: internal error: statement encoding disagrees with the scores of %s on states %d and %d", ss.DMs[i].ID, statespace.Number(kk[0]), statespace.Number(kk[1]))
				}
			}
		}
	}
	// The stability engine judges the targets again.
	for _, c := range cons {
		if c.Kind != StableFor {
			continue
		}
		ex, err := stability.Explain(ss, sol.prefs, sp.Concept, c.DM, c.Target)
		if err != nil {
			return nil, err
		}
		if !ex.Stable {
			return nil, fmt.Errorf("inverse: internal error: statement solution leaves state %d unstable for %s", statespace.Number(c.Target), ss.DMs[c.DM].ID)
		}
	}
	return sol, nil
}

// seqHolds reports whether every SEQ requirement encoded holds in model
// with reachability taken exactly: for each target s, DM i and move s1,
// either s1 is no improvement or some state that improving sequences of
// the opponents really reach from s1 is no better than s for i. A
// relaxed search may claim unreachable nodes without harm when the
// sanction chosen is real.
func (e *encoder) seqHolds(model []bool, goals []seqGoal) bool {
	for _, g := range goals {
		if value(model, e.le(g.dm, g.s1, g.s)) {
			continue
		}
		c := e.ctxs[ctxKey{g.dm, g.s1}]
		truly := e.trulyReached(model, c)
		ok := false
		for k := 1; k < len(c.nodes) && !ok; k++ {
			ok = truly[k] && value(model, e.le(g.dm, c.nodes[k].state, g.s))
		}
		if !ok {
			return false
		}
	}
	return true
}

// seqGoal is one SEQ requirement: move s -> s1 of DM dm is sanctioned.
type seqGoal struct{ dm, s, s1 int }

// trulyReached marks the nodes of c that moves each improving for its
// mover (as model says) reach from the start.
func (e *encoder) trulyReached(model []bool, c *moveGraph) []bool {
	out := make([][]int, len(c.nodes))
	for x, ed := range c.edges {
		out[ed.from] = append(out[ed.from], x)
	}
	truly := make([]bool, len(c.nodes))
	truly[0] = true
	queue := []int{0}
	for len(queue) > 0 {
		u := queue[0]
		queue = queue[1:]
		for _, x := range out[u] {
			ed := c.edges[x]
			if !truly[ed.to] && value(model, e.improves(ed.mover, c.nodes[ed.from].state, c.nodes[ed.to].state)) {
				truly[ed.to] = true
				queue = append(queue, ed.to)
			}
		}
	}
	return truly
}

// unfounded adds the clauses that cut off every unfounded set of the
// relaxed SEQ searches in model (see attemptStatements) and reports
// whether there was one.
func (e *encoder) unfounded(model []bool) bool {
	keys := make([]ctxKey, 0, len(e.reach))
	for k := range e.reach {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(a, b int) bool {
		if keys[a].dm != keys[b].dm {
			return keys[a].dm < keys[b].dm
		}
		return keys[a].s1 < keys[b].s1
	})
	added := false
	for _, key := range keys {
		r, c := e.reach[key], e.ctxs[key]
		imp := func(ed edge) int { return e.improves(ed.mover, c.nodes[ed.from].state, c.nodes[ed.to].state) }
		truly := e.trulyReached(model, c)
		in := make([]bool, len(c.nodes))
		var set []int
		for k := 1; k < len(c.nodes); k++ {
			if value(model, r[k]) && !truly[k] {
				in[k] = true
				set = append(set, k)
			}
		}
		if len(set) == 0 {
			continue
		}
		var support []int
		for _, k := range set {
			for _, x := range c.in[k] {
				ed := c.edges[x]
				if in[ed.from] {
					continue
				}
				if ed.from == 0 {
					support = append(support, imp(ed))
					continue
				}
				y := e.newVar()
				e.add(-y, r[ed.from])
				e.add(-y, imp(ed))
				support = append(support, y)
			}
		}
		for _, k := range set {
			e.add(append([]int{-r[k]}, support...)...)
		}
		added = true
	}
	return added
}

// listVars creates the variables of one free DM's list, the clauses
// that make them a list (a strict total order of importance), the edits
// allowed, and the soft literals counting edits.
func (e *encoder) listVars(p pool, ed Edits, optimize bool) *listVars {
	m := len(p.truth)
	v := &listVars{sel: make([]int, m), neg: make([]int, m), bef: make([][]int, m),
		q: map[[2]int]int{}, first: map[string]int{}, wins: map[string]int{}}
	for c := 0; c < m; c++ {
		switch {
		case c < p.k && !ed.Drop:
			v.sel[c] = e.tru
		default:
			v.sel[c] = e.newVar()
		}
		if ed.Negate {
			v.neg[c] = e.newVar()
			e.add(-v.neg[c], v.sel[c]) // only a statement in the list is negated
		} else {
			v.neg[c] = -e.tru
		}
		v.bef[c] = make([]int, m)
	}
	for a := 0; a < m; a++ {
		for b := a + 1; b < m; b++ {
			if a < p.k && b < p.k && !ed.Reorder {
				v.bef[a][b] = e.tru
			} else {
				v.bef[a][b] = e.newVar()
			}
			v.bef[b][a] = -v.bef[a][b]
		}
	}
	for a := 0; a < m; a++ {
		for b := 0; b < m; b++ {
			for c := 0; c < m; c++ {
				if a != b && b != c && a != c {
					e.add(-v.bef[a][b], -v.bef[b][c], v.bef[a][c])
				}
			}
		}
	}
	if !optimize {
		return v
	}
	for c := 0; c < m; c++ {
		if c >= p.k {
			e.cost = append(e.cost, v.sel[c]) // added
			continue
		}
		if ed.Drop {
			e.cost = append(e.cost, -v.sel[c])
		}
		if ed.Negate {
			e.cost = append(e.cost, v.neg[c])
		}
	}
	if ed.Reorder && p.k > 1 {
		// stay[c]: c is kept in place; kept statements in place keep
		// their current order, so the fewest moved = kept - longest run.
		stay := make([]int, p.k)
		for c := range stay {
			stay[c] = e.newVar()
			e.add(-stay[c], v.sel[c])
			for b := 0; b < c; b++ {
				e.add(-stay[b], -stay[c], v.bef[b][c])
			}
			moved := e.newVar()
			e.add(-v.sel[c], stay[c], moved)
			e.cost = append(e.cost, moved)
		}
	}
	return v
}

// before returns the literal "d is in the list and comes before c".
func (e *encoder) before(v *listVars, c, d int) int {
	k := [2]int{c, d}
	if x, ok := v.q[k]; ok {
		return x
	}
	x := e.newVar()
	e.add(-x, v.sel[d])
	e.add(-x, v.bef[d][c])
	e.add(x, -v.sel[d], -v.bef[d][c])
	v.q[k] = x
	return x
}

// firstOf returns the literal "c is the first statement of the set D (a
// key listing its members) in the list".
func (e *encoder) firstOf(v *listVars, key string, D []int, c int) int {
	k := fmt.Sprintf("%s/%d", key, c)
	if x, ok := v.first[k]; ok {
		return x
	}
	x := e.newVar()
	e.add(-x, v.sel[c])
	back := []int{x, -v.sel[c]}
	for _, d := range D {
		if d == c {
			continue
		}
		q := e.before(v, c, d)
		e.add(-x, -q)
		back = append(back, q)
	}
	e.add(back...)
	v.first[k] = x
	return x
}

// linkAtoms ties every comparison atom le_i(a,b) of DM i to its list:
// with D the statements on which a and b differ, a is better than b iff
// the first statement of D in the list holds at a (after negation), and
// a and b tie iff no statement of D is in the list.
func (e *encoder) linkAtoms(i int, p pool, v *listVars, negate bool) {
	for _, k := range sortedPairs(e.atoms[i]) {
		a, b := k[0], k[1]
		atom := e.atoms[i][k]
		var D []int
		var key strings.Builder
		for c := range p.truth {
			if p.truth[c][a] != p.truth[c][b] {
				D = append(D, c)
				fmt.Fprintf(&key, "%d,", c)
			}
		}
		// gt: a is better than b. atom = not gt.
		var terms []int
		for _, c := range D {
			f := e.firstOf(v, key.String(), D, c)
			if !negate {
				if p.truth[c][a] {
					terms = append(terms, f)
				}
				continue
			}
			// a wins on c iff c holds at a and is not negated, or fails at
			// a and is negated.
			pol := p.truth[c][a]
			wk := fmt.Sprintf("%s/%d/%v", key.String(), c, pol)
			w, ok := v.wins[wk]
			if !ok {
				w = e.newVar()
				nl := v.neg[c]
				if pol {
					nl = -nl
				}
				e.add(-w, f)
				e.add(-w, nl)
				e.add(w, -f, -nl)
				v.wins[wk] = w
			}
			terms = append(terms, w)
		}
		// atom <-> not (OR terms)
		cl := []int{atom}
		for _, t := range terms {
			e.add(-atom, -t)
			cl = append(cl, t)
		}
		e.add(cl...)
	}
}

// list reads a DM's list from a model: the statements in it, in order.
func (v *listVars) list(model []bool) []Item {
	out := []Item{} // not nil: nil marks a DM without statements
	for c := range v.sel {
		if value(model, v.sel[c]) {
			out = append(out, Item{Index: c, Negated: value(model, v.neg[c])})
		}
	}
	sort.SliceStable(out, func(x, y int) bool { return value(model, v.bef[out[x].Index][out[y].Index]) })
	return out
}

// countStatements counts the combinations of lists (one per free DM)
// that satisfy every requirement of cons, by enumerating the lists each
// free DM may hold and analysing each combination; -1 when there are
// more than limit combinations.
func countStatements(ctx context.Context, ss *statespace.StateSpace, prof *preference.Profile, sp *StatementProblem, pools []pool, cons []StatementConstraint, limit int64) (int64, error) {
	var free []int
	lists := map[int][][]Item{}
	total := int64(1)
	fixed := map[int]bool{}
	for _, c := range cons {
		if c.Kind == FixedDM {
			fixed[c.DM] = true
		}
	}
	for i := range ss.DMs {
		if !pools[i].ok || fixed[i] {
			continue
		}
		// Enumerate only when the sequences tried stay few.
		if n := listCount(len(pools[i].truth), sp.Edits); n < 0 || n > maxTried {
			return -1, nil
		}
		lists[i] = allowedLists(pools[i], sp.Edits, i, cons)
		n := int64(len(lists[i]))
		if n == 0 {
			return 0, nil
		}
		if total > limit/n {
			return -1, nil
		}
		total *= n
		free = append(free, i)
	}
	// Fixed DMs with requirements on their lists.
	for _, c := range cons {
		if (c.Kind == KeepStatement || c.Kind == KeepOrder) && (fixed[c.DM] || !pools[c.DM].ok) {
			if !listAllows(identityList(pools[c.DM].k), c) {
				return 0, nil
			}
		}
	}
	cur := &preference.Profile{Level: append([][]int32(nil), prof.Level...), Score: append([][]int64(nil), prof.Score...), Levels: append([]int(nil), prof.Levels...)}
	var found int64
	var rec func(k int) error
	rec = func(k int) error {
		if k == len(free) {
			for _, c := range cons {
				if c.Kind == Known {
					kp := c.Pref
					lb, lw := cur.Level[kp.DM][kp.Better], cur.Level[kp.DM][kp.Worse]
					if lb < lw || (!kp.Weak && lb == lw) {
						return nil
					}
				}
			}
			if err := ctx.Err(); err != nil {
				return err
			}
			// Only the targets are judged (stability.Explain), which
			// is much cheaper than analysing every state.
			for _, c := range cons {
				if c.Kind != StableFor {
					continue
				}
				ex, err := stability.Explain(ss, cur, sp.Concept, c.DM, c.Target)
				if err != nil {
					return err
				}
				if !ex.Stable {
					return nil
				}
			}
			found++
			return nil
		}
		i := free[k]
		for _, l := range lists[i] {
			cur.Score[i] = listScores(pools[i], l, ss.Len())
			cur.Level[i], cur.Levels[i] = denseLevels(cur.Score[i])
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

// maxTried bounds the candidate lists countStatements enumerates per DM.
const maxTried = 1 << 20

// listCount bounds from above the number of lists a DM with m statements
// and candidates may hold under ed: the sequences of distinct members,
// with signs when negation is allowed (allowedLists tries them all); -1 if
// above 1<<40.
func listCount(m int, ed Edits) int64 {
	var total int64
	const big = int64(1) << 40
	for size := 0; size <= m; size++ {
		// Upper bound: P(m,size) * 2^size.
		n := int64(1)
		for j := 0; j < size; j++ {
			n *= int64(m - j)
			if ed.Negate {
				n *= 2
			}
			if n > big {
				return -1
			}
		}
		total += n
		if total > big {
			return -1
		}
	}
	return total
}

// allowedLists enumerates every list DM i may hold under ed and the
// statement requirements of cons.
func allowedLists(p pool, ed Edits, i int, cons []StatementConstraint) [][]Item {
	m := len(p.truth)
	var out [][]Item
	used := make([]bool, m)
	var cur []Item
	var rec func()
	rec = func() {
		if listAllowed(cur, p.k, ed) {
			ok := true
			for _, c := range cons {
				if (c.Kind == KeepStatement || c.Kind == KeepOrder) && c.Ref.DM == i && !listAllows(cur, c) {
					ok = false
					break
				}
			}
			if ok {
				out = append(out, append([]Item(nil), cur...))
			}
		}
		for c := 0; c < m; c++ {
			if used[c] {
				continue
			}
			used[c] = true
			for _, neg := range []bool{false, true} {
				if neg && !ed.Negate {
					continue
				}
				cur = append(cur, Item{Index: c, Negated: neg})
				rec()
				cur = cur[:len(cur)-1]
			}
			used[c] = false
		}
	}
	rec()
	return out
}

// listAllowed reports whether list is within the edits ed of the current
// list of k statements.
func listAllowed(list []Item, k int, ed Edits) bool {
	in := 0
	last := -1
	for _, it := range list {
		if it.Negated && !ed.Negate {
			return false
		}
		if it.Index < k {
			in++
			if !ed.Reorder && it.Index < last {
				return false
			}
			last = it.Index
		}
	}
	return ed.Drop || in == k
}

// listAllows reports whether list meets the statement requirement c.
func listAllows(list []Item, c StatementConstraint) bool {
	pos := func(x int) (int, bool) {
		for p, it := range list {
			if it.Index == x {
				return p, it.Negated
			}
		}
		return -1, false
	}
	switch c.Kind {
	case KeepStatement:
		p, neg := pos(c.Ref.Index)
		return p >= 0 && !neg
	case KeepOrder:
		a, _ := pos(c.Ref.Index)
		b, _ := pos(c.Then.Index)
		return a < 0 || b < 0 || a < b
	}
	return true
}

// solveLists returns a model of the clauses in which no relaxed SEQ
// search has an unfounded set, or nil if there is none; when optimizing,
// one with the fewest violated soft literals (e.cost). Each solver is
// kept while unfounded sets are cut off (clauses appended to it). The
// search for the fewest goes upwards: at most 0, 1, 2, ... soft literals
// violated, the first satisfiable bound being the least (the least
// numbers of edits are small, so the bounds stay tight and the calls
// quick). No bound is tried once stop has expired; the first model
// is then returned with optimal false.
func (e *encoder) solveLists(ctx context.Context, goals []seqGoal, optimize bool, stop *stopRule) (model []bool, optimal bool, refinements int) {
	// A solver is made with spare variables, so that the clauses cutting
	// off unfounded sets (which bring variables of their own) can be
	// appended to it; gophersat cannot grow its variables.
	const spare = 4096
	var limit int
	fresh := func(extra *solver.PBConstr) *solver.Solver {
		limit = e.nv + spare
		s := solver.New(solver.ParseSliceNb(e.clauses, limit))
		if extra != nil {
			s.AppendClause(extra.Clause())
		}
		return s
	}
	// exact solves, cutting off unfounded sets, until a model without
	// one or unsatisfiability.
	exact := func(extra *solver.PBConstr) []bool {
		s := fresh(extra)
		for {
			if ctx.Err() != nil {
				return nil // the caller reports ctx's error
			}
			before := s.Stats.NbConflicts
			st := s.Solve()
			stop.spend(s.Stats.NbConflicts - before)
			if st != solver.Sat {
				return nil
			}
			m := s.Model()
			if e.seqHolds(m, goals) {
				return m
			}
			n0 := len(e.clauses)
			if !e.unfounded(m) {
				panic("inverse: a failing SEQ sanction without an unfounded set")
			}
			refinements++
			if e.nv > limit {
				s = fresh(extra)
				continue
			}
			for _, cl := range e.clauses[n0:] {
				lits := make([]solver.Lit, len(cl))
				for q, l := range cl {
					lits[q] = solver.IntToLit(int32(l))
				}
				s.AppendClause(solver.NewClause(lits))
			}
		}
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
	if pb := solver.ParseSliceNb(e.clauses, e.nv); pb.Status == solver.Unsat {
		return nil, true, 0
	}
	model = exact(nil)
	if model == nil {
		return nil, true, refinements
	}
	best := count(model)
	if !optimize || best == 0 {
		return model, true, refinements
	}
	negInts := make([]int, len(e.cost))
	for q, v := range e.cost {
		negInts[q] = -v
	}
	for k := 0; k < best; k++ {
		if stop.expired() || ctx.Err() != nil {
			return model, false, refinements
		}
		// At most k costs: at least len-k of their negations.
		atMost := solver.AtLeast(negInts, len(e.cost)-k)
		if m := exact(&atMost); m != nil {
			return m, true, refinements
		}
	}
	return model, true, refinements
}
