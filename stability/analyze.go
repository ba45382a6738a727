package stability

import (
	"context"
	"errors"
	"runtime"
	"sync"

	"github.com/gmcr/gmcr/internal/bitset"
	"github.com/gmcr/gmcr/preference"
	"github.com/gmcr/gmcr/reach"
	"github.com/gmcr/gmcr/statespace"
)

// Config tunes Analyze.
type Config struct {
	// Concepts to compute; nil means all.
	Concepts []Concept
	// Workers bounds the DMs analysed at once; 0 means GOMAXPROCS.
	Workers int
	// Progress, if set, is called (from any goroutine, serialized) after
	// each unit of work with the units done and the total.
	Progress func(done, total int)
	// KeepMinima keeps each DM's sanction minima of GMR, SMR and SEQ (4
	// bytes per state, DM and concept) so that Analysis.Sanctioned answers
	// in O(1); post-analyses that ask about many single UIs (scenario
	// comparison) set it.
	KeepMinima bool
	// Classes, if set, are the class orders of the same state space and
	// preferences (reach.Layout.Classes), used instead of computing them:
	// analyses of many preference profiles over one state space
	// (robustness) lay the classes out once and reuse the orders of the
	// DMs whose preferences did not change.
	Classes *reach.Classes
}

// Analysis holds the stability of every state for every DM under each
// computed concept.
type Analysis struct {
	Space    *statespace.StateSpace
	Prefs    *preference.Profile
	Concepts []Concept // computed concepts, in report order
	stable   [numConcepts][]bitset.Set
	classes  *reach.Classes
	// minima[c][dm][s1], when kept (Config.KeepMinima): a UI s -> s1 of
	// dm is sanctioned under c (GMR, SMR, SEQ) iff it is <= level_dm(s).
	minima [numConcepts][][]int32
	// simChoices holds every DM's SIM choice sets while Analyze runs
	// (simChoices); nil when SIM uses the general search.
	simChoices [][]uint64
}

// simFast selects the fast SIM pass where it applies; tests switch it off
// to check the general search too.
var simFast = true

// Has reports whether concept c was computed.
func (a *Analysis) Has(c Concept) bool { return c >= 0 && c < numConcepts && a.stable[c] != nil }

// Stable reports whether state s is stable for DM dm under concept c
// (false if c was not computed).
func (a *Analysis) Stable(c Concept, dm, s int) bool {
	return a.Has(c) && a.stable[c][dm].Has(s)
}

// Equilibria returns the states (0-based indices, ascending) stable for
// every DM under c, or nil if c was not computed.
func (a *Analysis) Equilibria(c Concept) []int {
	if !a.Has(c) {
		return nil
	}
	per := make([]Concept, len(a.Space.DMs))
	for i := range per {
		per[i] = c
	}
	return a.EquilibriaMixed(per)
}

// EquilibriaMixed returns the states stable for every DM i under its own
// concept perDM[i] (GMCR II's hybrid analysis): for example a cautious DM
// judged by SMR and a myopic one by Nash. Every concept must be computed.
func (a *Analysis) EquilibriaMixed(perDM []Concept) []int {
	if len(perDM) != len(a.Space.DMs) {
		return nil
	}
	eq := bitset.New(a.Space.Len())
	for i := range eq {
		eq[i] = ^uint64(0) // the first Intersect clears the padding bits
	}
	for i, c := range perDM {
		if !a.Has(c) {
			return nil
		}
		eq.Intersect(a.stable[c][i])
	}
	return eq.Elements(nil)
}

// memoryBudget bounds the memory the parallel sanction searches of Analyze
// may plan for when Config.Workers is 0.
const memoryBudget = 8 << 30

// Analyze computes the stability of every state of ss for every DM under
// cfg.Concepts. DMs are analysed in parallel. Time: for GMR, SMR and SEQ,
// linear in the edges of the (state, last mover) graph of each DM's
// opponents (see reach.MinOver); memory O(states x DMs). It returns ctx's
// error when cancelled.
func Analyze(ctx context.Context, ss *statespace.StateSpace, p *preference.Profile, cfg Config) (*Analysis, error) {
	concepts := cfg.Concepts
	if concepts == nil {
		concepts = Concepts
	}
	if !ss.Simultaneous() {
		concepts = withoutSIM(concepts)
		if len(concepts) == 0 {
			return nil, ErrNoSimultaneous
		}
	}
	a := &Analysis{Space: ss, Prefs: p}
	var want [numConcepts]bool
	for _, c := range concepts {
		want[c] = true
	}
	for _, c := range Concepts {
		if want[c] {
			a.Concepts = append(a.Concepts, c)
			a.stable[c] = make([]bitset.Set, len(ss.DMs))
			if cfg.KeepMinima && (c == GMR || c == SMR || c == SEQ) {
				a.minima[c] = make([][]int32, len(ss.DMs))
			}
		}
	}
	workers := cfg.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
		// Each worker's sanction search holds up to ~34 bytes per graph
		// node; keep the parallel searches within memoryBudget.
		per := 34 * reach.NodesFor(ss.Len(), len(ss.DMs)-1)
		if fit := int(memoryBudget / max(per, 1)); fit < workers {
			workers = max(fit, 1)
		}
	}
	n := len(ss.DMs)
	// Each DM's analysis reports up to three units: the GMR/SMR search,
	// the SEQ search and the pass over the states.
	perDM := 1
	if want[GMR] || want[SMR] {
		perDM++
	}
	if want[SEQ] {
		perDM++
	}
	var mu sync.Mutex
	done := 0
	tick := func() {
		if cfg.Progress == nil {
			return
		}
		mu.Lock()
		done++
		cfg.Progress(done, n*perDM)
		mu.Unlock()
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	fastSIM := want[SIM] && simFast && simFastOK(ss)
	a.classes = cfg.Classes
	if (want[GMR] || want[SMR] || want[SEQ] || fastSIM) && a.classes == nil {
		var err error
		if a.classes, err = reach.NewClassesContext(ctx, ss, p); err != nil {
			return nil, err
		}
	}
	if fastSIM {
		var err error
		if a.simChoices, err = simChoices(ctx, ss, p, a.classes); err != nil {
			return nil, err
		}
	}
	errs := make([]error, n)
	sem := make(chan struct{}, workers)
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		if ctx.Err() != nil {
			break
		}
		wg.Add(1)
		sem <- struct{}{}
		go func(i int) {
			defer wg.Done()
			defer func() { <-sem }()
			if err := a.analyzeDM(ctx, i, want, tick); err != nil {
				errs[i] = err
				cancel()
			}
		}(i)
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	a.simChoices = nil
	return a, nil
}

// ErrNoSimultaneous is the error for SIM on a graph-form model whose
// states have no option values: simultaneous moves combine the changes of
// several DMs' options, which such a model does not have. Analyze leaves
// SIM out of the concepts for such a model, and fails with this error
// only when SIM is the only concept asked for.
var ErrNoSimultaneous = errors.New("SIM is not defined for a graph-form model whose states have no option values " +
	"(simultaneous moves combine the DMs' option changes); use Nash, GMR, SMR or SEQ, or give the states option values")

func withoutSIM(cs []Concept) []Concept {
	var out []Concept
	for _, c := range cs {
		if c != SIM {
			out = append(out, c)
		}
	}
	return out
}

// Opponents returns every DM index but i, ascending: N-i.
func Opponents(ss *statespace.StateSpace, i int) []int {
	var out []int
	for j := range ss.DMs {
		if j != i {
			out = append(out, j)
		}
	}
	return out
}

// counterValue returns, per state x, the best level DM i can reach at x or
// by one unilateral move from x: max(level_i(x), max level_i over R_i(x)).
// SMR sanctions s2 iff counterValue(s2) <= level_i(s).
func counterValue(ctx context.Context, ss *statespace.StateSpace, p *preference.Profile, classes *reach.Classes, i int) ([]int32, error) {
	lv := p.Level[i]
	c, err := reach.MaxOverMoves(ctx, ss, p, classes, i, lv, false)
	if err != nil {
		return nil, err
	}
	for x := range c {
		c[x] = max(c[x], lv[x])
	}
	return c, nil
}

func (a *Analysis) analyzeDM(ctx context.Context, i int, want [numConcepts]bool, tick func()) error {
	ss, p := a.Space, a.Prefs
	n := ss.Len()
	lv := p.Level[i]
	opp := Opponents(ss, i)
	var minP, minC, minSeq []int32
	if want[GMR] || want[SMR] {
		g := &reach.Graph{Space: ss, Prefs: p, Movers: opp, Classes: a.classes}
		ws := [][]int32{lv}
		if want[SMR] {
			c, err := counterValue(ctx, ss, p, a.classes, i)
			if err != nil {
				return err
			}
			ws = append(ws, c)
		}
		out, err := reach.MinWithin(ctx, g, ws...)
		if err != nil {
			return err
		}
		minP = out[0]
		if want[SMR] {
			minC = out[1]
		}
		tick()
	}
	if want[SEQ] {
		g := &reach.Graph{Space: ss, Prefs: p, Movers: opp, Improving: true, Classes: a.classes}
		out, err := reach.MinWithin(ctx, g, lv)
		if err != nil {
			return err
		}
		minSeq = out[0]
		tick()
	}
	for c, min := range map[Concept][]int32{GMR: minP, SMR: minC, SEQ: minSeq} {
		if a.minima[c] != nil {
			a.minima[c][i] = min
		}
	}
	sets := map[Concept]bitset.Set{}
	for _, c := range Concepts {
		if want[c] {
			sets[c] = bitset.New(n)
		}
	}
	// A UI s -> s1 is sanctioned iff min[s1] <= level_i(s); every UI is,
	// iff the maximum of min over R_i+(s) is (NoMove when there is none).
	// One pass over i's improvements serves every concept.
	var cs []Concept
	var mins [][]int32
	for _, k := range []struct {
		c   Concept
		min []int32
	}{{Nash, lv}, {GMR, minP}, {SMR, minC}, {SEQ, minSeq}} {
		if want[k.c] {
			cs, mins = append(cs, k.c), append(mins, k.min)
		}
	}
	if len(cs) > 0 {
		mxs, err := reach.MaxOverMovesEach(ctx, ss, p, a.classes, i, mins, true)
		if err != nil {
			return err
		}
		for j, c := range cs {
			mx, set := mxs[j], sets[c]
			for s := 0; s < n; s++ {
				if mx[s] == reach.NoMove || (c != Nash && mx[s] <= lv[s]) {
					set.Add(s)
				}
			}
		}
	}
	if want[SIM] && a.simChoices != nil {
		set, err := simStable(ctx, ss, p, a.simChoices, i)
		if err != nil {
			return err
		}
		sets[SIM] = set
	} else if want[SIM] {
		sim := newSimChecker(ss, p, i)
		var uis []int
		for s := 0; s < n; s++ {
			if s&0xffff == 0 && ctx.Err() != nil {
				return ctx.Err()
			}
			uis = uis[:0]
			it := ss.Iter(i, s)
			for t, ok := it.Next(); ok; t, ok = it.Next() {
				if lv[t] > lv[s] {
					uis = append(uis, t)
				}
			}
			if sim.stable(s, uis) {
				sets[SIM].Add(s)
			}
		}
	}
	for c, set := range sets {
		a.stable[c][i] = set
	}
	tick()
	return nil
}

// Sanctioned reports whether the unilateral improvement s -> s1 of DM dm
// (s1 must be one) is sanctioned under concept c, as Explain's witness
// for it would say. With the sanction minima kept (Config.KeepMinima) it
// answers in O(1) for GMR, SMR and SEQ; otherwise, and for SIM, it
// searches for a sanction of that one UI. Nash never sanctions.
func (a *Analysis) Sanctioned(c Concept, dm, s, s1 int) bool {
	switch c {
	case Nash:
		return false
	case GMR, SMR, SEQ:
		if m := a.minima[c]; m != nil && m[dm] != nil {
			return m[dm][s1] <= a.Prefs.Level[dm][s]
		}
	case SIM:
		sim := newSimChecker(a.Space, a.Prefs, dm)
		sim.load(s)
		return sim.sanction(s, s1) >= 0
	}
	w, err := ExplainUI(a.Space, a.Prefs, c, dm, s, s1)
	return err == nil && w.Sanctioned
}
