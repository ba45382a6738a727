package strength

import (
	"context"
	"fmt"
	"sync"

	"github.com/gmcr/gmcr/internal/bitset"
	"github.com/gmcr/gmcr/reach"
	"github.com/gmcr/gmcr/stability"
	"github.com/gmcr/gmcr/uncertain"
)

// Concepts are the definitions Analyze decides: Nash, GMR, SMR and SEQ,
// each in the extensions (a)-(d) of package uncertain (which coincide when
// no comparison is unknown).
var Concepts = uncertain.Concepts

// index is c's position in Concepts.
func index(c uncertain.Concept) int {
	b := 0
	switch c.Base {
	case stability.GMR:
		b = 1
	case stability.SMR:
		b = 2
	case stability.SEQ:
		b = 3
	}
	return 4*b + int(c.Ext)
}

func movesUnknown(e uncertain.Extension) bool    { return e == uncertain.A || e == uncertain.C }
func sanctionUnknown(e uncertain.Extension) bool { return e == uncertain.C || e == uncertain.D }

// Analysis holds, for every state, DM and definition, whether the state is
// stable (General, package uncertain's definitions) and whether it is
// strongly stable; a state stable but not strongly stable is weakly
// stable.
type Analysis struct {
	Relation *Relation
	General  *uncertain.Analysis
	strong   [16][]bitset.Set // [concept index][DM]
}

// Stable reports whether s is stable for dm under c (strongly or weakly).
func (a *Analysis) Stable(c uncertain.Concept, dm, s int) bool { return a.General.Stable(c, dm, s) }

// Strong reports whether s is strongly stable for dm under c. A Nash
// stable state is strongly stable: it has no move to sanction.
func (a *Analysis) Strong(c uncertain.Concept, dm, s int) bool {
	return a.strong[index(c)][dm].Has(s)
}

// Weak reports whether s is weakly stable for dm under c: stable, but not
// strongly.
func (a *Analysis) Weak(c uncertain.Concept, dm, s int) bool {
	return a.Stable(c, dm, s) && !a.Strong(c, dm, s)
}

// Equilibria returns the states (0-based, ascending) that are strong
// equilibria under c (strongly stable for every DM) and those that are
// weak equilibria (stable for every DM, weakly for at least one).
func (a *Analysis) Equilibria(c uncertain.Concept) (strong, weak []int) {
	n := a.Relation.Space.Len()
	for s := 0; s < n; s++ {
		all, allStrong := true, true
		for dm := range a.Relation.Space.DMs {
			if !a.Stable(c, dm, s) {
				all = false
				break
			}
			allStrong = allStrong && a.Strong(c, dm, s)
		}
		switch {
		case all && allStrong:
			strong = append(strong, s)
		case all:
			weak = append(weak, s)
		}
	}
	return strong, weak
}

// Analyze decides, for every state and DM, stability (package uncertain,
// which it runs) and strong stability under the sixteen definitions. base
// must hold the ordinary Nash, GMR, SMR and SEQ analysis of the same state
// space and preferences.
//
// Where DM i has no unknown comparison with s (and, for SEQ, no other DM
// has unknown comparisons), strong stability is decided for all states at
// once from tier minima: a move s -> s1 is strongly sanctioned under GMR
// iff the lowest tier of i over R_{N-i}(s1) is below i's tier at s; under
// SMR the same with each state's tier raised to the highest tier i can
// reach from it in one move; under SEQ over the sanctioners' credible
// moves. Elsewhere each move is checked by a breadth-first search of the
// opponents' legal sequences. It returns ctx's error when cancelled.
func Analyze(ctx context.Context, r *Relation, base *stability.Analysis) (*Analysis, error) {
	gen, err := uncertain.Analyze(ctx, r.Relation, base)
	if err != nil {
		return nil, err
	}
	ss := r.Space
	n := ss.Len()
	a := &Analysis{Relation: r, General: gen}
	for k := range a.strong {
		a.strong[k] = make([]bitset.Set, len(ss.DMs))
		for i := range ss.DMs {
			a.strong[k][i] = bitset.New(n)
		}
	}
	classes, err := reach.NewClassesContext(ctx, ss, r.Prefs)
	if err != nil {
		return nil, err
	}
	othersUnknown := make([]bool, len(ss.DMs))
	for i := range ss.DMs {
		for j := range ss.DMs {
			if j != i && r.Any(j) {
				othersUnknown[i] = true
			}
		}
	}
	errs := make([]error, len(ss.DMs))
	var wg sync.WaitGroup
	sem := make(chan struct{}, 2)
	for i := range ss.DMs {
		wg.Add(1)
		sem <- struct{}{}
		go func(i int) {
			defer wg.Done()
			defer func() { <-sem }()
			errs[i] = a.analyzeDM(ctx, classes, i, othersUnknown[i])
		}(i)
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return a, nil
}

// analyzeDM fills the strong stability of DM i.
func (a *Analysis) analyzeDM(ctx context.Context, classes *reach.Classes, i int, othersUnknown bool) error {
	r := a.Relation
	ss := r.Space
	ch := newChecker(r, i)
	if err := ch.minima(ctx, classes, othersUnknown); err != nil {
		return err
	}
	// best[k][s]: the highest of the sanction minima over i's UIs from s.
	var best [3][]int32
	for k, mins := range [][]int32{ch.minReach, ch.minEscape, ch.minCred} {
		out, err := reach.MaxOverMoves(ctx, ss, r.Prefs, classes, i, mins, true)
		if err != nil {
			return err
		}
		best[k] = out
	}
	tier := r.Tier[i]
	for s := 0; s < ss.Len(); s++ {
		if s&1023 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		fast := !r.HasUnknown(i, s)
		for _, c := range Concepts {
			var ok bool
			switch {
			case c.Base == stability.Nash:
				ok = a.General.Stable(c, i, s)
			case fast && c.Base == stability.GMR:
				ok = best[0][s] < tier[s]
			case fast && c.Base == stability.SMR:
				ok = best[1][s] < tier[s]
			case fast && c.Base == stability.SEQ:
				ok = best[2][s] < tier[s]
			default:
				ok = ch.stable(c, s, true, nil)
			}
			if ok {
				a.strong[index(c)][i].Add(s)
			}
		}
	}
	return nil
}

// checker decides the definitions for one focal DM with reusable search
// buffers.
type checker struct {
	r     *Relation
	i     int
	opp   []int
	stamp []uint32 // per (state, last opponent) pair: the search that visited it
	from  []int32  // per pair: the pair it was reached from (-1: first step)
	epoch uint32
	queue []int32
	found int32 // the pair where the last successful search stopped
	// ignoreEscape makes deters skip SMR's escape check (to find the
	// sanction an escape defeats, for explanations).
	ignoreEscape bool
	// The minimum of i's tier over R_{N-i}(s1) (minReach), of the tier
	// raised to the highest tier i reaches in one move (minEscape), and of
	// the tier over the sanctioners' credible reach (minCred), per s1.
	minReach, minEscape, minCred []int32
}

func newChecker(r *Relation, i int) *checker {
	var opp []int
	for j := range r.Space.DMs {
		if j != i {
			opp = append(opp, j)
		}
	}
	size := r.Space.Len() * len(opp)
	return &checker{r: r, i: i, opp: opp, stamp: make([]uint32, size), from: make([]int32, size)}
}

// minima computes minReach, minEscape and minCred. SEQ's sanctioners
// move by improvements, or also by moves of unknown preference when some
// of them has unknown comparisons (credible).
func (ch *checker) minima(ctx context.Context, classes *reach.Classes, credible bool) error {
	r := ch.r
	tier := r.Tier[ch.i]
	up, err := reach.MaxOverMoves(ctx, r.Space, r.Prefs, classes, ch.i, tier, false)
	if err != nil {
		return err
	}
	escape := make([]int32, len(tier))
	for x := range escape {
		escape[x] = max(tier[x], up[x])
	}
	out, err := reach.MinOver(ctx, &reach.Graph{Space: r.Space, Prefs: r.Prefs, Movers: ch.opp, Classes: classes}, tier, escape)
	if err != nil {
		return err
	}
	ch.minReach, ch.minEscape = out[0], out[1]
	g := &reach.Graph{Space: r.Space, Prefs: r.Prefs, Movers: ch.opp, Improving: true, Classes: classes}
	if credible {
		g = &reach.Graph{Space: r.Space, Prefs: r.Prefs, Movers: ch.opp,
			Allow: func(j, x, t int) bool { return r.Better(j, t, x) || r.Unknown(j, t, x) }}
	}
	out, err = reach.MinOver(ctx, g, tier)
	if err != nil {
		return err
	}
	ch.minCred = out[0]
	return nil
}

// moves returns the focal DM's moves from s that extension e considers:
// its unilateral improvements, and under (a) and (c) also its moves to
// states of unknown preference.
func (ch *checker) moves(e uncertain.Extension, s int) []int {
	var out []int
	ch.r.Space.Moves(ch.i, s, func(t int) bool {
		if ch.r.Better(ch.i, t, s) || (movesUnknown(e) && ch.r.Unknown(ch.i, t, s)) {
			out = append(out, t)
		}
		return true
	})
	return out
}

// deters reports whether state x, reached by a sanction against a move
// from s, deters the focal DM under c: x is strongly less preferred than s
// (when strong; otherwise no better than s), or of unknown comparison with
// s in extensions (c) and (d); for SMR, every move of the DM from x too.
func (ch *checker) deters(c uncertain.Concept, strong bool, s, x int) bool {
	if !ch.inPhi(c, strong, s, x) {
		return false
	}
	if c.Base == stability.SMR && !ch.ignoreEscape {
		return ch.escape(c, strong, s, x) < 0
	}
	return true
}

// inPhi reports whether x is strongly less preferred than s for the
// focal DM (when strong; otherwise no better than s), or of unknown
// comparison with s in extensions (c) and (d).
func (ch *checker) inPhi(c uncertain.Concept, strong bool, s, x int) bool {
	r, i := ch.r, ch.i
	if sanctionUnknown(c.Ext) && r.Unknown(i, x, s) {
		return true
	}
	if strong {
		return r.StronglyBetter(i, s, x)
	}
	return r.NotBetter(i, x, s)
}

// escape returns a move of the focal DM from x (SMR's counter-response to
// a sanction ending in x) to a state outside the deterring set of inPhi,
// or -1.
func (ch *checker) escape(c uncertain.Concept, strong bool, s, x int) int {
	out := -1
	ch.r.Space.Moves(ch.i, x, func(t int) bool {
		if !ch.inPhi(c, strong, s, t) {
			out = t
			return false
		}
		return true
	})
	return out
}

// Witness is one move of the focal DM considered by a definition, with its
// sanction: Sequence is the opponents' legal sequence from the move's
// target to End (nil, End -1, when there is none). Strong reports that End
// is strongly less preferred than the state left (or, in extensions (c)
// and (d), of unknown comparison with it); otherwise End is only mildly
// less preferred, equally preferred, or unknown.
type Witness struct {
	Move     int
	Unknown  bool // the move is to a state of unknown preference
	Sequence []Step
	End      int
	Strong   bool
	// Escape, under SMR, is set (else -1) when End alone is strongly less
	// preferred (or unknown in (c) and (d)) but the DM moves from End to
	// Escape, a state that is not: the reason the sanction is mild.
	Escape int
	// Escaped, under SMR, is set when the witness fails at a level only
	// because of the DM's escape: for a move without a sanction (End -1),
	// the shortest sequence to a state no better than the state left from
	// which the DM escapes to a better one (Strong false); for a mild
	// sanction with no Escape, the shortest sequence to a strongly less
	// preferred state from which the DM escapes to one that is not (Strong
	// true).
	Escaped *Escaped
}

// Escaped is a sanction SMR rejects: Sequence (from the move's target)
// ends in End, a deterring state (strongly when Strong), from which the
// focal DM moves to Escape, a state that does not deter it.
type Escaped struct {
	Sequence []Step
	End      int
	Escape   int
	Strong   bool
}

// Step is one move of a sanctioning sequence: the DM Mover (an index into
// the state space's DMs) moves From one state To another (state indices).
// It is the unknown-preference package's step, so that witnesses of the
// two analyses compare and print alike.
type Step = uncertain.Step

// stable decides c at s for the focal DM, strongly when strong; when wit
// is not nil it receives every considered move with its best sanction
// (strong if one exists, else mild), and the search does not stop at the
// first move without a sanction.
func (ch *checker) stable(c uncertain.Concept, s int, strong bool, wit *[]Witness) bool {
	moves := ch.moves(c.Ext, s)
	r := ch.r
	if c.Base == stability.Nash {
		if wit != nil {
			for _, m := range moves {
				*wit = append(*wit, Witness{Move: m, Unknown: r.Unknown(ch.i, m, s), End: -1, Escape: -1})
			}
		}
		return len(moves) == 0
	}
	tier := r.Tier[ch.i][s]
	mins := ch.minReach
	if c.Base == stability.SEQ {
		mins = ch.minCred
	}
	stable := true
	for _, s1 := range moves {
		if wit == nil && strong && mins != nil {
			if !sanctionUnknown(c.Ext) && mins[s1] >= tier {
				return false // no reachable state has a lower tier
			}
			if sanctionUnknown(c.Ext) && c.Base != stability.SMR && mins[s1] < tier {
				continue // a lower tier: strongly worse, or unknown
			}
		}
		end := ch.search(c, strong, s, s1)
		w := Witness{Move: s1, Unknown: r.Unknown(ch.i, s1, s), End: end, Strong: strong && end >= 0, Escape: -1}
		if end >= 0 && wit != nil {
			w.Sequence = ch.path(s1)
		}
		if end < 0 && strong && wit != nil {
			// No strong sanction: look for a mild one to show.
			if e := ch.search(c, false, s, s1); e >= 0 {
				w.End, w.Sequence = e, ch.path(s1)
			}
		}
		if wit != nil && c.Base == stability.SMR && !w.Strong {
			ch.explainEscape(c, s, s1, &w)
		}
		if wit != nil {
			*wit = append(*wit, w)
		}
		if end < 0 {
			stable = false
			if wit == nil {
				return false
			}
		}
	}
	return stable
}

// explainEscape fills w.Escape or w.Escaped for an SMR witness that is
// not strong.
func (ch *checker) explainEscape(c uncertain.Concept, s, s1 int, w *Witness) {
	if w.End >= 0 && ch.inPhi(c, true, s, w.End) {
		w.Escape = ch.escape(c, true, s, w.End)
		return
	}
	level := w.End >= 0 // a mild sanction: why no strong one
	ch.ignoreEscape = true
	defer func() { ch.ignoreEscape = false }()
	if x := ch.search(c, level, s, s1); x >= 0 {
		w.Escaped = &Escaped{Sequence: ch.path(s1), End: x, Escape: ch.escape(c, level, s, x), Strong: level}
	}
}

// search looks breadth first, over pairs (state, last opponent), for a
// state reached from s1 by a legal sequence of the opponents' moves (for
// SEQ, each a unilateral improvement or a move of unknown preference for
// its mover) that deters the focal DM from leaving s. It returns the
// state, or -1; the pair it was found at is ch.found.
func (ch *checker) search(c uncertain.Concept, strong bool, s, s1 int) int {
	ch.epoch++
	if ch.epoch == 0 {
		clear(ch.stamp)
		ch.epoch = 1
	}
	h := len(ch.opp)
	q := ch.queue[:0]
	r := ch.r
	visit := func(t, k int, parent int32) bool {
		u := int32(t*h + k)
		if ch.stamp[u] == ch.epoch {
			return false
		}
		ch.stamp[u] = ch.epoch
		ch.from[u] = parent
		if ch.deters(c, strong, s, t) {
			ch.found = u
			return true
		}
		q = append(q, u)
		return false
	}
	step := func(k, x int, parent int32) (int, bool) {
		j := ch.opp[k]
		res, done := -1, false
		r.Space.Moves(j, x, func(t int) bool {
			if c.Base == stability.SEQ && !r.Better(j, t, x) && !r.Unknown(j, t, x) {
				return true
			}
			if visit(t, k, parent) {
				res, done = t, true
			}
			return !done
		})
		return res, done
	}
	defer func() { ch.queue = q[:0] }()
	for k := range ch.opp {
		if t, done := step(k, s1, -1); done {
			return t
		}
	}
	for head := 0; head < len(q); head++ {
		v := q[head]
		x, last := int(v)/h, int(v)%h
		for k := range ch.opp {
			if k == last {
				continue
			}
			if t, done := step(k, x, v); done {
				return t
			}
		}
	}
	return -1
}

// path rebuilds the sequence of the last successful search, from s1.
func (ch *checker) path(s1 int) []Step {
	h := len(ch.opp)
	var rev []Step
	for u := ch.found; u >= 0; u = ch.from[u] {
		x, k := int(u)/h, int(u)%h
		from := s1
		if p := ch.from[u]; p >= 0 {
			from = int(p) / h
		}
		rev = append(rev, Step{Mover: ch.opp[k], From: from, To: x})
	}
	out := make([]Step, len(rev))
	for i := range rev {
		out[i] = rev[len(rev)-1-i]
	}
	return out
}

// Explanation gives, for one DM, state and definition, every move of the
// DM the definition considers, each with its best sanction witness.
type Explanation struct {
	Concept uncertain.Concept
	DM      int
	State   int
	Stable  bool // stable (strongly or weakly)
	Strong  bool // strongly stable
	Moves   []Witness
}

// Explain explains the strong or weak stability of state s for DM dm
// under c. Witnesses are shortest sequences (breadth first): a strong
// sanction where one exists, else a mild one. Errors: dm or s out of
// range.
func Explain(ctx context.Context, r *Relation, c uncertain.Concept, dm, s int) (*Explanation, error) {
	if dm < 0 || dm >= len(r.Space.DMs) {
		return nil, fmt.Errorf("DM index %d out of range", dm)
	}
	if s < 0 || s >= r.Space.Len() {
		return nil, fmt.Errorf("state %d does not exist; the model has states 1..%d", s+1, r.Space.Len())
	}
	ch := newChecker(r, dm)
	ex := &Explanation{Concept: c, DM: dm, State: s}
	ex.Strong = ch.stable(c, s, true, &ex.Moves)
	ex.Stable = true
	for _, w := range ex.Moves {
		if w.End < 0 {
			ex.Stable = false
		}
	}
	return ex, ctx.Err()
}
