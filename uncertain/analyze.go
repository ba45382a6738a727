package uncertain

import (
	"context"
	"fmt"
	"strings"
	"sync"

	"github.com/gmcr/gmcr/internal/bitset"
	"github.com/gmcr/gmcr/reach"
	"github.com/gmcr/gmcr/stability"
)

// Extension is one of the four ways of treating unknown comparisons (Li,
// Hipel, Kilgour & Fang 2004, §III): whether the focal DM i considers moves
// to states of unknown preference, and whether a sanction ending in a
// state of unknown preference deters it.
//
//	     i's moves considered      a sanction s2 must satisfy
//	(a)  R_i^{+,U}(s)              s2 in Phi_i^{<=}(s)    (known no better)
//	(b)  R_i^{+}(s)                s2 in Phi_i^{<=}(s)
//	(c)  R_i^{+,U}(s)              s2 in Phi_i^{<=,U}(s)  (not known better)
//	(d)  R_i^{+}(s)                s2 in Phi_i^{<=,U}(s)
type Extension int

// The four extensions.
const (
	A Extension = iota
	B
	C
	D
)

// Extensions lists the extensions in report order.
var Extensions = []Extension{A, B, C, D}

func (e Extension) String() string { return string(rune('a' + int(e))) }

// movesUnknown reports whether extension e lets the focal DM consider
// moves to states of unknown preference.
func (e Extension) movesUnknown() bool { return e == A || e == C }

// sanctionUnknown reports whether a sanction may end in a state of
// unknown preference.
func (e Extension) sanctionUnknown() bool { return e == C || e == D }

// Concept is one of the sixteen definitions: Nash, GMR, SMR or SEQ in an
// extension.
type Concept struct {
	Base stability.Concept // Nash, GMR, SMR or SEQ
	Ext  Extension
}

// String is "GMR(a)".
func (c Concept) String() string { return fmt.Sprintf("%v(%v)", c.Base, c.Ext) }

// Concepts lists the sixteen definitions: Nash(a)..Nash(d), GMR(a)..,
// SMR(a).., SEQ(a)..SEQ(d).
var Concepts = func() []Concept {
	var out []Concept
	for _, b := range []stability.Concept{stability.Nash, stability.GMR, stability.SMR, stability.SEQ} {
		for _, e := range Extensions {
			out = append(out, Concept{b, e})
		}
	}
	return out
}()

// ParseConcept reads "GMR(a)", "gmr-a" or "GMRa", in any case.
func ParseConcept(s string) (Concept, error) {
	t := strings.ToLower(strings.NewReplacer("(", "", ")", "", "-", "", "_", "", " ", "").Replace(s))
	for _, c := range Concepts {
		if strings.ToLower(c.Base.String())+c.Ext.String() == t {
			return c, nil
		}
	}
	return Concept{}, fmt.Errorf("unknown concept %q under preference uncertainty; use Nash, GMR, SMR or SEQ with an extension a-d, e.g. GMR(a)", s)
}

func (c Concept) index() int {
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

// Analysis holds the stability of every state for every DM under the
// sixteen definitions.
type Analysis struct {
	Relation *Relation
	stable   [16][]bitset.Set // [concept index][DM]
}

// Stable reports whether state s is stable for DM dm under c.
func (a *Analysis) Stable(c Concept, dm, s int) bool { return a.stable[c.index()][dm].Has(s) }

// Equilibria returns the states (0-based, ascending) stable for every DM
// under c.
func (a *Analysis) Equilibria(c Concept) []int {
	var out []int
	for s := 0; s < a.Relation.Space.Len(); s++ {
		all := true
		for dm := range a.Relation.Space.DMs {
			if !a.Stable(c, dm, s) {
				all = false
				break
			}
		}
		if all {
			out = append(out, s)
		}
	}
	return out
}

// Analyze decides the sixteen definitions for every state and DM.
//
// Where DM i has no state of unknown comparison with s, and (for SEQ) no
// other DM has unknown comparisons at all, the four extensions coincide
// with the ordinary concept, which base (an ordinary analysis of the same
// state space and preferences with Nash, GMR, SMR and SEQ) already holds.
// Everywhere else each of i's moves is checked by a breadth-first search
// of the opponents' legal sequences that stops at the first sanction.
// DMs are analysed in parallel. It returns ctx's error when cancelled.
func Analyze(ctx context.Context, r *Relation, base *stability.Analysis) (*Analysis, error) {
	for _, c := range []stability.Concept{stability.Nash, stability.GMR, stability.SMR, stability.SEQ} {
		if !base.Has(c) {
			return nil, fmt.Errorf("uncertain: the base analysis lacks %v", c)
		}
	}
	ss := r.Space
	n := ss.Len()
	a := &Analysis{Relation: r}
	for k := range a.stable {
		a.stable[k] = make([]bitset.Set, len(ss.DMs))
	}
	othersUnknown := make([]bool, len(ss.DMs))
	for i := range ss.DMs {
		for j := range ss.DMs {
			if j != i && r.Any(j) {
				othersUnknown[i] = true
			}
		}
	}
	classes, err := reach.NewClassesContext(ctx, ss, r.Prefs)
	if err != nil {
		return nil, err
	}
	errs := make([]error, len(ss.DMs))
	var wg sync.WaitGroup
	sem := make(chan struct{}, 2)
	for i := range ss.DMs {
		for k := range a.stable {
			a.stable[k][i] = bitset.New(n)
		}
		wg.Add(1)
		sem <- struct{}{}
		go func(i int) {
			defer wg.Done()
			defer func() { <-sem }()
			ch := newChecker(r, i)
			ct, err := newClassTables(ctx, r, i, classes, ch.opp)
			if err != nil {
				errs[i] = err
				return
			}
			// The minima serve the states the classes do not decide: all
			// of them without classes, those of i's unknown groups with.
			if ct == nil || r.dms[i].member != nil {
				if err := ch.minima(ctx, classes, othersUnknown[i]); err != nil {
					errs[i] = err
					return
				}
			}
			var moves []int
			lv := r.Prefs.Level[i]
			// seqFast decides SEQ at a state without unknown comparisons
			// for i when other DMs have some: i's moves are its UIs and a
			// sanction is a state i ranks no higher, so the minimum of
			// i's level over R_{N-i}^{+,U}(s1) decides.
			seqFast := func(s int) bool {
				ok := true
				r.Space.Moves(i, s, func(t int) bool {
					if lv[t] > lv[s] && ch.minCred[t] > lv[s] {
						ok = false
					}
					return ok
				})
				return ok
			}
			for s := 0; s < n; s++ {
				if s&1023 == 0 {
					if err := ctx.Err(); err != nil {
						errs[i] = err
						return
					}
				}
				fast := !r.HasUnknown(i, s)
				byClass := ct != nil && !r.inGroup(i, s)
				if byClass {
					moves = moves[:0]
					r.Space.Moves(i, s, func(t int) bool {
						moves = append(moves, t)
						return true
					})
				}
				for _, c := range Concepts {
					var ok bool
					switch {
					case byClass:
						ok = ct.stable(c, s, moves)
					case fast && (c.Base != stability.SEQ || !othersUnknown[i]):
						ok = base.Stable(c.Base, i, s)
					case fast:
						ok = seqFast(s)
					default:
						ok = ch.stable(c, s, nil)
					}
					if ok {
						a.stable[c.index()][i].Add(s)
					}
				}
			}
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
	// The minimum of i's level over R_{N-i}(s1) and over
	// R_{N-i}^{+,U}(s1), per s1 (nil when not computed): they settle most
	// moves without a search.
	minReach, minCred []int32
}

// minima computes minReach and minCred; when no other DM has unknown
// comparisons, SEQ's credible moves are the improvements.
func (ch *checker) minima(ctx context.Context, classes *reach.Classes, credible bool) error {
	lv := ch.r.Prefs.Level[ch.i]
	out, err := reach.MinOver(ctx, &reach.Graph{Space: ch.r.Space, Prefs: ch.r.Prefs, Movers: ch.opp, Classes: classes}, lv)
	if err != nil {
		return err
	}
	ch.minReach = out[0]
	if !credible {
		out, err = reach.MinOver(ctx, &reach.Graph{Space: ch.r.Space, Prefs: ch.r.Prefs, Movers: ch.opp, Improving: true, Classes: classes}, lv)
		if err != nil {
			return err
		}
		ch.minCred = out[0]
		return nil
	}
	allow := func(j, x, t int) bool { return ch.r.Better(j, t, x) || ch.r.Unknown(j, t, x) }
	out, err = reach.MinOver(ctx, &reach.Graph{Space: ch.r.Space, Prefs: ch.r.Prefs, Movers: ch.opp, Allow: allow}, lv)
	if err != nil {
		return err
	}
	ch.minCred = out[0]
	return nil
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

// moves returns the focal DM's moves from s that extension e considers:
// its unilateral improvements, and under (a) and (c) also its moves to
// states of unknown preference.
func (ch *checker) moves(e Extension, s int) []int {
	var out []int
	ch.r.Space.Moves(ch.i, s, func(t int) bool {
		if ch.r.Better(ch.i, t, s) || (e.movesUnknown() && ch.r.Unknown(ch.i, t, s)) {
			out = append(out, t)
		}
		return true
	})
	return out
}

// deters reports whether state x, reached by a sanction against a move
// from s, deters the focal DM under c: x in Phi(s) and, for SMR, every
// move of the DM from x too.
func (ch *checker) deters(c Concept, s, x int) bool {
	ok := func(t int) bool {
		if c.Ext.sanctionUnknown() {
			return ch.r.NotKnownBetter(ch.i, t, s)
		}
		return ch.r.NotBetter(ch.i, t, s)
	}
	if !ok(x) {
		return false
	}
	if c.Base == stability.SMR && !ch.ignoreEscape {
		return ch.escape(c, s, x) < 0
	}
	return true
}

// escape returns a move of the focal DM from x (SMR's counter-response to
// a sanction ending in x) to a state outside Phi(s) under c, or -1.
func (ch *checker) escape(c Concept, s, x int) int {
	out := -1
	ch.r.Space.Moves(ch.i, x, func(t int) bool {
		var deter bool
		if c.Ext.sanctionUnknown() {
			deter = ch.r.NotKnownBetter(ch.i, t, s)
		} else {
			deter = ch.r.NotBetter(ch.i, t, s)
		}
		if !deter {
			out = t
		}
		return deter
	})
	return out
}

// Witness is one move of the focal DM considered by a definition, with its
// sanction: Sequence is the opponents' legal sequence from the move's
// target to End (nil and End -1 when there is none).
type Witness struct {
	Move     int
	Unknown  bool // the move is to a state of unknown preference
	Sequence []Step
	End      int
	// Escaped is set, under SMR, for a move without a sanction when some
	// legal sequence of the opponents ends in a state that would deter
	// the DM were it not for the DM's own escape from it: the shortest
	// such sequence and the escape that defeats it.
	Escaped *Escaped
}

// Escaped is a sanction SMR rejects: Sequence (from the move's target)
// ends in End, a state in Phi(s), from which the focal DM moves to Escape,
// a state outside Phi(s).
type Escaped struct {
	Sequence []Step
	End      int
	Escape   int
}

// Step is one move of a sanctioning sequence.
type Step struct {
	Mover, From, To int
}

// stable decides concept c at state s for the focal DM; when wit is not
// nil it receives every considered move with its sanction, and the search
// does not stop at the first unsanctioned move.
func (ch *checker) stable(c Concept, s int, wit *[]Witness) bool {
	moves := ch.moves(c.Ext, s)
	if c.Base == stability.Nash {
		if wit != nil {
			for _, m := range moves {
				*wit = append(*wit, Witness{Move: m, Unknown: ch.r.Unknown(ch.i, m, s), End: -1})
			}
		}
		return len(moves) == 0
	}
	stable := true
	lv := ch.r.Prefs.Level[ch.i]
	for _, s1 := range moves {
		if wit == nil && c.Base != stability.SMR {
			// The minimum level over the sanctioning reach settles a
			// move unless the unknown comparisons with s matter.
			mins := ch.minReach
			if c.Base == stability.SEQ {
				mins = ch.minCred
			}
			if mins != nil {
				if !c.Ext.sanctionUnknown() && mins[s1] > lv[s] {
					return false // every reachable state ranks above s
				}
				if c.Ext.sanctionUnknown() && mins[s1] <= lv[s] {
					continue // a state ranked no higher is not known better
				}
			}
		}
		end := ch.search(c, s, s1)
		if wit != nil {
			w := Witness{Move: s1, Unknown: ch.r.Unknown(ch.i, s1, s), End: end}
			if end >= 0 {
				w.Sequence = ch.path(s1)
			} else if c.Base == stability.SMR {
				ch.ignoreEscape = true
				if x := ch.search(c, s, s1); x >= 0 {
					w.Escaped = &Escaped{Sequence: ch.path(s1), End: x, Escape: ch.escape(c, s, x)}
				}
				ch.ignoreEscape = false
			}
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

// search looks breadth first, over pairs (state, last opponent), for a
// state reached from s1 by a legal sequence of the opponents' moves (for
// SEQ, each a unilateral improvement or a move to a state of unknown
// preference for its mover, judged from the state it moves from) that
// deters the focal DM from leaving s. It returns the state, or -1; the
// pair it was found at is ch.found.
func (ch *checker) search(c Concept, s, s1 int) int {
	ch.epoch++
	if ch.epoch == 0 { // wrapped: clear
		clear(ch.stamp)
		ch.epoch = 1
	}
	h := len(ch.opp)
	q := ch.queue[:0]
	ss := ch.r.Space
	visit := func(t, k int, parent int32) (int, bool) {
		u := int32(t*h + k)
		if ch.stamp[u] == ch.epoch {
			return -1, false
		}
		ch.stamp[u] = ch.epoch
		ch.from[u] = parent
		if ch.deters(c, s, t) {
			ch.found = u
			return t, true
		}
		q = append(q, u)
		return -1, false
	}
	step := func(k, x int, parent int32) (int, bool) {
		j := ch.opp[k]
		var res int
		var done bool
		ss.Moves(j, x, func(t int) bool {
			if c.Base == stability.SEQ && !ch.r.Better(j, t, x) && !ch.r.Unknown(j, t, x) {
				return true
			}
			res, done = visit(t, k, parent)
			return !done
		})
		return res, done
	}
	for k := range ch.opp {
		if t, done := step(k, s1, -1); done {
			ch.queue = q
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
				ch.queue = q
				return t
			}
		}
	}
	ch.queue = q
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
