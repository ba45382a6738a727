// Package robustness measures how the equilibria of a conflict depend on
// uncertain preferences: for every state and solution concept, the share
// of perturbed preference profiles under which the state is an equilibrium.
//
// Two kinds of perturbation are offered (definitions: docs/definitions.md,
// "Robustness"). OneStep lists every single edit of one DM's preference
// statements (drop one, swap two adjacent, negate one) or of a direct
// ranking (swap two adjacent tie groups, lift a state above or drop it
// below the rest of its tie group). Sample draws profiles at random, each
// DM's statements reordered within the ranges the analyst marks as
// uncertain and each doubtful statement kept, dropped or negated with
// equal probability; it is seeded and gives the same counts whatever the
// number of workers. The state space and the statements' truth tables are
// computed once and shared by every profile.
package robustness

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"slices"
	"sort"
	"sync"

	"github.com/gmcr/gmcr/internal/bitset"
	"github.com/gmcr/gmcr/preference"
	"github.com/gmcr/gmcr/reach"
	"github.com/gmcr/gmcr/stability"
	"github.com/gmcr/gmcr/statespace"
)

// Kind is the kind of a one-step perturbation.
type Kind int

// The one-step perturbations.
const (
	Drop       Kind = iota // drop statement Index
	Swap                   // swap statements Index and Index+1
	Negate                 // negate statement Index
	SwapGroups             // swap tie groups Index and Index+1 of a ranking
	Lift                   // put State just above the rest of its tie group
	Lower                  // put State just below the rest of its tie group
)

var kindNames = [...]string{"drop", "swap", "negate", "swap-groups", "lift", "lower"}

func (k Kind) String() string { return kindNames[k] }

// Perturbation is one edit of one DM's preferences.
type Perturbation struct {
	DM    int
	Kind  Kind
	Index int // statement or tie group (0-based)
	State int // Lift, Lower: the state
}

// Describe says p in words, with 1-based statement and state numbers.
func (p Perturbation) Describe(ss *statespace.StateSpace) string {
	d := ss.DMs[p.DM].ID
	sts := ss.Model.DMs[p.DM].Prefs.Statements
	q := func(j int) string {
		if j < len(sts) {
			return fmt.Sprintf("%d (%q)", j+1, sts[j].Text)
		}
		return fmt.Sprint(j + 1)
	}
	switch p.Kind {
	case Drop:
		return fmt.Sprintf("%s: drop statement %s", d, q(p.Index))
	case Swap:
		return fmt.Sprintf("%s: swap statements %s and %s", d, q(p.Index), q(p.Index+1)) // plural: always two
	case Negate:
		return fmt.Sprintf("%s: negate statement %s", d, q(p.Index))
	case SwapGroups:
		return fmt.Sprintf("%s: swap ranking groups %d and %d", d, p.Index+1, p.Index+2)
	case Lift:
		return fmt.Sprintf("%s: rank state %d just above the states tied with it", d, statespace.Number(p.State))
	}
	return fmt.Sprintf("%s: rank state %d just below the states tied with it", d, statespace.Number(p.State))
}

// Space holds what every profile shares: the state space and, per DM,
// the truth table of each preference statement (nil for a ranking DM).
type Space struct {
	SS    *statespace.StateSpace
	Base  *preference.Profile
	truth [][]bitset.Set // [DM][statement]
	// layout is the preference-free part of the class orders of GMR, SMR,
	// SEQ and SIM (moves do not depend on preferences), made once;
	// classes are the base profile's orders, whose DMs a perturbed
	// profile reuses where their levels did not change.
	layout  *reach.Layout
	classes *reach.Classes
}

// NewSpace prepares ss (with its current preferences base) for
// perturbation. Errors: a statement that does not compile.
func NewSpace(ss *statespace.StateSpace, base *preference.Profile) (*Space, error) {
	sp := &Space{SS: ss, Base: base, truth: make([][]bitset.Set, len(ss.DMs)), layout: reach.NewLayout(ss)}
	var err error
	if sp.classes, err = sp.layout.Classes(context.Background(), base, nil); err != nil {
		return nil, err
	}
	for i, d := range ss.Model.DMs {
		if len(d.Prefs.Ranking) > 0 {
			continue
		}
		for _, st := range d.Prefs.Statements {
			c, err := ss.Compile(st.Expr)
			if err != nil {
				return nil, fmt.Errorf("statement %q of %s: %w", st.Text, d.ID, err)
			}
			set := bitset.New(ss.Len())
			for s, code := range ss.Codes {
				if c.Holds(code) {
					set.Add(s)
				}
			}
			sp.truth[i] = append(sp.truth[i], set)
		}
	}
	return sp, nil
}

// item is one statement of an edited list: the original index and whether
// it is negated.
type item struct {
	index int
	neg   bool
}

// scores returns the option-prioritization scores of DM i's edited
// statement list.
func (sp *Space) scores(i int, list []item) []int64 {
	score := make([]int64, sp.SS.Len())
	sp.scoresInto(score, i, list)
	return score
}

// scoresInto writes the scores of DM i's edited statement list to score
// (one per state).
func (sp *Space) scoresInto(score []int64, i int, list []item) {
	clear(score)
	n := len(score)
	k := len(list)
	for j, it := range list {
		w := int64(1) << uint(k-1-j)
		t := sp.truth[i][it.index]
		for s := 0; s < n; s++ {
			if t.Has(s) != it.neg {
				score[s] += w
			}
		}
	}
}

// scratch is one profile's working memory in Sample.
type scratch struct {
	prof              *preference.Profile
	list, moved, kept []item
	drop              []bool
	score             [][]int64 // [DM][state]
	level             [][]int32 // [DM][state]
	sorted            []int64
	key               []byte
}

func (sp *Space) newScratch() *scratch {
	n, m := sp.SS.Len(), len(sp.SS.DMs)
	k := 0
	for _, t := range sp.truth {
		k = max(k, len(t))
	}
	sc := &scratch{
		prof: &preference.Profile{Level: make([][]int32, m), Score: make([][]int64, m), Levels: make([]int, m)},
		list: make([]item, 0, k), moved: make([]item, k), kept: make([]item, 0, k), drop: make([]bool, k),
		score: make([][]int64, m), level: make([][]int32, m), sorted: make([]int64, n),
	}
	for i := range m {
		sc.score[i] = make([]int64, n)
		sc.level[i] = make([]int32, n)
	}
	return sc
}

func identity(k int) []item {
	out := make([]item, k)
	for j := range out {
		out[j] = item{index: j}
	}
	return out
}

// OneStep lists every one-step perturbation of the model, DM by DM.
func (sp *Space) OneStep() []Perturbation {
	var out []Perturbation
	for i, d := range sp.SS.Model.DMs {
		if sp.truth[i] != nil {
			k := len(sp.truth[i])
			for j := 0; j < k; j++ {
				out = append(out, Perturbation{DM: i, Kind: Drop, Index: j})
			}
			for j := 0; j+1 < k; j++ {
				out = append(out, Perturbation{DM: i, Kind: Swap, Index: j})
			}
			for j := 0; j < k; j++ {
				out = append(out, Perturbation{DM: i, Kind: Negate, Index: j})
			}
			continue
		}
		g := d.Prefs.Ranking
		for j := 0; j+1 < len(g); j++ {
			out = append(out, Perturbation{DM: i, Kind: SwapGroups, Index: j})
		}
		for j, grp := range g {
			if len(grp) < 2 {
				continue
			}
			for _, num := range grp {
				out = append(out, Perturbation{DM: i, Kind: Lift, Index: j, State: num - 1})
				out = append(out, Perturbation{DM: i, Kind: Lower, Index: j, State: num - 1})
			}
		}
	}
	return out
}

// Apply returns the profile with perturbation p applied.
func (sp *Space) Apply(p Perturbation) *preference.Profile {
	prof := sp.clone()
	var score []int64
	switch p.Kind {
	case Drop, Swap, Negate:
		list := identity(len(sp.truth[p.DM]))
		switch p.Kind {
		case Drop:
			list = append(list[:p.Index], list[p.Index+1:]...)
		case Swap:
			list[p.Index], list[p.Index+1] = list[p.Index+1], list[p.Index]
		case Negate:
			list[p.Index].neg = true
		}
		score = sp.scores(p.DM, list)
	default:
		g := sp.SS.Model.DMs[p.DM].Prefs.Ranking
		var groups [][]int
		for _, grp := range g {
			groups = append(groups, append([]int(nil), grp...))
		}
		switch p.Kind {
		case SwapGroups:
			groups[p.Index], groups[p.Index+1] = groups[p.Index+1], groups[p.Index]
		case Lift, Lower:
			var rest []int
			for _, num := range groups[p.Index] {
				if num-1 != p.State {
					rest = append(rest, num)
				}
			}
			alone := []int{p.State + 1}
			mid := [][]int{alone, rest}
			if p.Kind == Lower {
				mid = [][]int{rest, alone}
			}
			groups = append(groups[:p.Index], append(mid, groups[p.Index+1:]...)...)
		}
		score = make([]int64, sp.SS.Len())
		for gi, grp := range groups {
			for _, num := range grp {
				score[num-1] = int64(len(groups) - 1 - gi)
			}
		}
	}
	prof.Score[p.DM] = score
	prof.Level[p.DM], prof.Levels[p.DM] = denseLevels(score)
	return prof
}

func (sp *Space) clone() *preference.Profile {
	b := sp.Base
	return &preference.Profile{
		Level:  append([][]int32(nil), b.Level...),
		Score:  append([][]int64(nil), b.Score...),
		Levels: append([]int(nil), b.Levels...),
	}
}

// Uncertainty marks what the analyst is unsure of in one DM's statements.
type Uncertainty struct {
	DM int
	// Reorder lists groups of statement indices (0-based) whose order is
	// uncertain: in each sample the statements of a group are permuted at
	// random among the group's positions.
	Reorder [][]int
	// Doubtful statements are, in each sample, kept, dropped or negated,
	// each with probability 1/3.
	Doubtful []int
}

// Counts holds, per concept and state, the number of profiles under which
// the state is an equilibrium, out of Profiles.
type Counts struct {
	Concepts []stability.Concept
	Profiles int
	Eq       map[stability.Concept][]int // [concept][state]
}

func newCounts(concepts []stability.Concept, n int) *Counts {
	c := &Counts{Concepts: concepts, Eq: map[stability.Concept][]int{}}
	for _, k := range concepts {
		c.Eq[k] = make([]int, n)
	}
	return c
}

// Share returns the share of profiles under which s is a c equilibrium
// and its 95% Wilson score interval.
func (c *Counts) Share(k stability.Concept, s int) (p, lo, hi float64) {
	return Wilson(c.Eq[k][s], c.Profiles)
}

// Wilson returns k/n and the 95% Wilson score interval for it (Wilson
// 1927); n = 0 gives 0, 0, 1.
func Wilson(k, n int) (p, lo, hi float64) {
	if n == 0 {
		return 0, 0, 1
	}
	const z = 1.959963984540054
	nf := float64(n)
	p = float64(k) / nf
	d := 1 + z*z/nf
	centre := (p + z*z/(2*nf)) / d
	half := z / d * math.Sqrt(p*(1-p)/nf+z*z/(4*nf*nf))
	return p, math.Max(0, centre-half), math.Min(1, centre+half)
}

// analyse returns the equilibria of every concept under prof.
func (sp *Space) analyse(ctx context.Context, prof *preference.Profile, concepts []stability.Concept) (map[stability.Concept][]int, error) {
	var classes *reach.Classes
	if slices.ContainsFunc(concepts, func(c stability.Concept) bool { return c != stability.Nash }) {
		var err error
		if classes, err = sp.layout.Classes(ctx, prof, sp.classes); err != nil {
			return nil, err
		}
	}
	a, err := stability.Analyze(ctx, sp.SS, prof, stability.Config{Concepts: concepts, Workers: 1, Classes: classes})
	if err != nil {
		return nil, err
	}
	out := map[stability.Concept][]int{}
	for _, c := range concepts {
		out[c] = a.Equilibria(c)
	}
	return out, nil
}

// OneStepResult is the outcome of every one-step perturbation.
type OneStepResult struct {
	Counts
	Perturbations []Perturbation
	// Equilibria[k][c] are the c equilibria under Perturbations[k].
	Equilibria []map[stability.Concept][]int
	// Base are the equilibria of the unperturbed model.
	Base map[stability.Concept][]int
}

// Destroyers returns the perturbations under which base equilibrium s of
// concept c is no longer an equilibrium.
func (r *OneStepResult) Destroyers(c stability.Concept, s int) []Perturbation {
	var out []Perturbation
	for k, eq := range r.Equilibria {
		if !contains(eq[c], s) {
			out = append(out, r.Perturbations[k])
		}
	}
	return out
}

// Creators returns the perturbations under which s, not a c equilibrium of
// the base model, becomes one.
func (r *OneStepResult) Creators(c stability.Concept, s int) []Perturbation {
	var out []Perturbation
	for k, eq := range r.Equilibria {
		if contains(eq[c], s) {
			out = append(out, r.Perturbations[k])
		}
	}
	return out
}

func contains(xs []int, x int) bool {
	k := sort.SearchInts(xs, x)
	return k < len(xs) && xs[k] == x
}

// RunOneStep analyses the model under every one-step perturbation, on
// workers goroutines (0: GOMAXPROCS).
func (sp *Space) RunOneStep(ctx context.Context, concepts []stability.Concept, workers int) (*OneStepResult, error) {
	concepts = sp.defined(concepts)
	ps := sp.OneStep()
	base, err := sp.analyse(ctx, sp.Base, concepts)
	if err != nil {
		return nil, err
	}
	r := &OneStepResult{Counts: *newCounts(concepts, sp.SS.Len()), Perturbations: ps, Base: base,
		Equilibria: make([]map[stability.Concept][]int, len(ps))}
	err = parallel(ctx, len(ps), workers, func(k int) error {
		eq, err := sp.analyse(ctx, sp.Apply(ps[k]), concepts)
		r.Equilibria[k] = eq
		return err
	})
	if err != nil {
		return nil, err
	}
	r.Profiles = len(ps)
	for _, eq := range r.Equilibria {
		for _, c := range concepts {
			for _, s := range eq[c] {
				r.Eq[c][s]++
			}
		}
	}
	return r, nil
}

// SampleResult is the outcome of random sampling.
type SampleResult struct {
	Counts
	Seed int64
	Base map[stability.Concept][]int
}

// Sample analyses n random profiles drawn under us (see Uncertainty) with
// the given seed, on workers goroutines (0: GOMAXPROCS). Profile k uses
// its own generator seeded by (seed, k), so the counts do not depend on
// the number of workers. Errors: an uncertainty naming a DM that ranks
// directly or a statement out of range, or ctx's error.
func (sp *Space) Sample(ctx context.Context, concepts []stability.Concept, us []Uncertainty, n int, seed int64, workers int) (*SampleResult, error) {
	concepts = sp.defined(concepts)
	for _, u := range us {
		if u.DM < 0 || u.DM >= len(sp.SS.DMs) {
			return nil, fmt.Errorf("uncertainty for DM index %d out of range", u.DM)
		}
		k := len(sp.truth[u.DM])
		if sp.truth[u.DM] == nil {
			return nil, fmt.Errorf("DM %s ranks the states directly; only preference statements can be marked uncertain", sp.SS.DMs[u.DM].ID)
		}
		for _, grp := range append(append([][]int(nil), u.Reorder...), u.Doubtful) {
			for _, j := range grp {
				if j < 0 || j >= k {
					return nil, fmt.Errorf("DM %s has statements 1..%d; statement %d does not exist", sp.SS.DMs[u.DM].ID, k, j+1)
				}
			}
		}
	}
	base, err := sp.analyse(ctx, sp.Base, concepts)
	if err != nil {
		return nil, err
	}
	res := &SampleResult{Counts: *newCounts(concepts, sp.SS.Len()), Seed: seed, Base: base}
	var mu sync.Mutex
	// Profiles drawn more than once (few uncertain statements give few
	// distinct profiles) are analysed once: memo maps a digest of the
	// varied DMs' levels to the equilibria.
	memo := map[[32]byte]map[stability.Concept][]int{}
	// Each profile needs scratch of the same sizes (statement lists,
	// scores, levels, the digest's bytes); a pool keeps it from being
	// allocated per profile. Nothing that outlives the profile (the memo
	// holds equilibria only) points into it.
	pool := sync.Pool{New: func() any { return sp.newScratch() }}
	err = parallel(ctx, n, workers, func(k int) error {
		sc := pool.Get().(*scratch)
		defer pool.Put(sc)
		rng := rand.New(rand.NewPCG(uint64(seed), uint64(k)))
		prof := sc.prof
		copy(prof.Level, sp.Base.Level)
		copy(prof.Score, sp.Base.Score)
		copy(prof.Levels, sp.Base.Levels)
		for _, u := range us {
			list := sc.list[:0]
			for j := range sp.truth[u.DM] {
				list = append(list, item{index: j})
			}
			for _, grp := range u.Reorder {
				perm := rng.Perm(len(grp))
				if len(grp) > len(sc.moved) {
					sc.moved = make([]item, len(grp))
				}
				moved := sc.moved[:len(grp)]
				for a, b := range perm {
					moved[a] = list[grp[b]]
				}
				for a, pos := range grp {
					list[pos] = moved[a]
				}
			}
			drop := sc.drop[:len(list)]
			clear(drop)
			for _, j := range u.Doubtful {
				switch rng.IntN(3) {
				case 1:
					drop[j] = true
				case 2:
					for q := range list {
						if list[q].index == j {
							list[q].neg = true
						}
					}
				}
			}
			kept := sc.kept[:0]
			for _, it := range list {
				if !drop[it.index] {
					kept = append(kept, it)
				}
			}
			score := sc.score[u.DM]
			sp.scoresInto(score, u.DM, kept)
			prof.Score[u.DM] = score
			prof.Levels[u.DM] = denseLevelsInto(sc.level[u.DM], sc.sorted, score)
			prof.Level[u.DM] = sc.level[u.DM]
		}
		buf := sc.key[:0]
		for _, u := range us {
			for _, l := range prof.Level[u.DM] {
				buf = binary.LittleEndian.AppendUint32(buf, uint32(l))
			}
		}
		sc.key = buf
		key := sha256.Sum256(buf)
		mu.Lock()
		eq, ok := memo[key]
		mu.Unlock()
		if !ok {
			var err error
			if eq, err = sp.analyse(ctx, prof, concepts); err != nil {
				return err
			}
		}
		mu.Lock()
		memo[key] = eq
		for _, c := range concepts {
			for _, s := range eq[c] {
				res.Eq[c][s]++
			}
		}
		mu.Unlock()
		return nil
	})
	if err != nil {
		return nil, err
	}
	res.Profiles = n
	return res, nil
}

// parallel runs f(0..n-1) on workers goroutines, stopping at the first
// error or when ctx is cancelled.
func parallel(ctx context.Context, n, workers int, f func(k int) error) error {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	jobs := make(chan int)
	errs := make(chan error, workers)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := range jobs {
				if err := f(k); err != nil {
					errs <- err
					cancel()
					return
				}
			}
		}()
	}
	for k := 0; k < n; k++ {
		select {
		case jobs <- k:
		case <-ctx.Done():
		}
		if ctx.Err() != nil {
			break
		}
	}
	close(jobs)
	wg.Wait()
	select {
	case err := <-errs:
		return err
	default:
	}
	return ctx.Err()
}

// denseLevels maps scores to levels 0..count-1 preserving order.
func denseLevels(score []int64) ([]int32, int) {
	lv := make([]int32, len(score))
	return lv, denseLevelsInto(lv, make([]int64, len(score)), score)
}

// denseLevelsInto writes denseLevels(score) to lv, using sorted (as long
// as score) as scratch, and returns the number of levels.
func denseLevelsInto(lv []int32, sorted, score []int64) int {
	u := sorted[:len(score)]
	copy(u, score)
	slices.Sort(u)
	u = slices.Compact(u)
	for s, v := range score {
		k, _ := slices.BinarySearch(u, v)
		lv[s] = int32(k)
	}
	return len(u)
}

// defined returns concepts without SIM when the state space is a graph-form
// model without options, where SIM is not defined (stability.Analyze leaves
// it out); an analysis with nothing else left fails with
// stability.ErrNoSimultaneous.
func (sp *Space) defined(concepts []stability.Concept) []stability.Concept {
	if sp.SS.Simultaneous() {
		return concepts
	}
	var out []stability.Concept
	for _, c := range concepts {
		if c != stability.SIM {
			out = append(out, c)
		}
	}
	if len(out) == 0 && len(concepts) > 0 {
		return concepts // let stability.Analyze refuse with ErrNoSimultaneous
	}
	return out
}
