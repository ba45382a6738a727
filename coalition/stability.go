package coalition

import (
	"context"
	"errors"
	"fmt"
	"math"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/gmcr/gmcr/internal/bitset"
	"github.com/gmcr/gmcr/internal/english"
	"github.com/gmcr/gmcr/preference"
	"github.com/gmcr/gmcr/reach"
	"github.com/gmcr/gmcr/stability"
	"github.com/gmcr/gmcr/statespace"
)

// Concept is a coalitional solution concept. For a coalition H and a state
// s, with CI(s) the coalitional improvements of H from s, "s2 fails H" for
// "some member k of H does not strictly prefer s2 to s" (not s2 >_k s):
//
//	CNash  CI(s) is empty
//	CGMR   every s1 in CI(s) has an s2 in R_{N-H}(s1) that fails H
//	CSMR   every s1 in CI(s) has an s2 in R_{N-H}(s1) that fails H, and
//	       every s3 in R_H(s2) fails H as well
//	CSEQ   every s1 in CI(s) has an s2 in R+_{N-H}(s1) that fails H
//
// R_{N-H} is reachability by legal sequences of the unilateral moves of the
// DMs outside H, R+_{N-H} by their unilateral improvements (§3). This is
// gmcr's reading of Inohara & Hipel (2008), who extend Nash, GMR, SMR and
// SEQ from a DM to a coalition by replacing the DM's unilateral
// improvements by the coalition's coalitional improvements (Kilgour et al.
// 2001) and its opponents by the DMs outside the coalition; a sanction
// need only deter one member, since the coalition then does not form for
// that move. For a coalition of one DM each concept is the individual one
// (Nash, GMR, SMR, SEQ of §4); the tests check that.
type Concept int

// The coalitional concepts, in report order.
const (
	CNash Concept = iota // no coalitional improvement
	CGMR                 // every coalitional improvement can be sanctioned by the others' moves
	CSMR                 // sanctions the coalition cannot escape by a further coalitional move
	CSEQ                 // sanctions by the others' own unilateral improvements
	numConcepts
)

// Concepts lists every coalitional concept in report order.
var Concepts = []Concept{CNash, CGMR, CSMR, CSEQ}

var conceptNames = [...]string{"CNash", "CGMR", "CSMR", "CSEQ"}

var conceptMeanings = [...]string{
	"stable for a coalition when the coalition has no coalitional improvement from the state (a state its members reach by a legal sequence of their moves and every member prefers)",
	"stable for a coalition when every coalitional improvement can be answered by the DMs outside the coalition (some legal sequence of their moves) with a state that some member does not prefer to the original",
	"stable for a coalition when every coalitional improvement can be answered by the DMs outside the coalition (some legal sequence of their moves) with a state that some member does not prefer to the original, and from which no coalitional move of the coalition reaches a state every member prefers to the original",
	"stable for a coalition when every coalitional improvement can be answered by the DMs outside the coalition, with a legal sequence of their own unilateral improvements, with a state that some member does not prefer to the original",
}

// String returns the concept's name: "CNash", "CGMR", "CSMR" or "CSEQ".
func (c Concept) String() string {
	if c >= 0 && c < numConcepts {
		return conceptNames[c]
	}
	return fmt.Sprintf("Concept(%d)", int(c))
}

// Meaning returns a one-line plain-language definition of c, phrased as
// a condition ("stable for a coalition when ..."), never as a finding.
func (c Concept) Meaning() string { return conceptMeanings[c] }

// Definition returns c's definition as a sentence: "Under CGMR, a state
// is stable for a coalition when ...".
func (c Concept) Definition() string {
	return "Under " + c.String() + ", a state is " + c.Meaning() + "."
}

// Individual returns the individual concept that c extends: CNash -> Nash,
// CGMR -> GMR, CSMR -> SMR, CSEQ -> SEQ.
func (c Concept) Individual() stability.Concept {
	return [...]stability.Concept{stability.Nash, stability.GMR, stability.SMR, stability.SEQ}[c]
}

// Counterpart returns the coalitional concept extending the individual
// concept c, and false for SIM, which has none in the cited papers.
func Counterpart(c stability.Concept) (Concept, bool) {
	switch c {
	case stability.Nash:
		return CNash, true
	case stability.GMR:
		return CGMR, true
	case stability.SMR:
		return CSMR, true
	case stability.SEQ:
		return CSEQ, true
	}
	return 0, false
}

// ParseConcept reads a coalitional concept name, case-insensitively, with
// or without the leading "C": "CGMR", "cgmr" and "GMR" all name CGMR.
func ParseConcept(s string) (Concept, error) {
	t := strings.ToUpper(strings.TrimSpace(s))
	for i, n := range conceptNames {
		if t == strings.ToUpper(n) || "C"+t == strings.ToUpper(n) {
			return Concept(i), nil
		}
	}
	if t == "R" || t == "CR" {
		return CNash, nil
	}
	return 0, fmt.Errorf("unknown coalitional concept %q; use one of CNash, CGMR, CSMR, CSEQ", s)
}

// Config tunes Analyze.
type Config struct {
	// Coalitions to analyse besides every DM alone: each is ascending DM
	// indices of two or more DMs. Nil means every coalition (All); an
	// empty non-nil slice means none (only the DMs alone).
	Coalitions [][]int
	// Concepts to compute; nil means all.
	Concepts []Concept
	// States to report, 0-based; nil means every state. Every state is
	// computed in any case (the computation is for all states at once);
	// States only restricts Decided, Stable and Equilibria.
	States []int
	// Sanctions chooses who sanctions under CSEQ: Unilateral (the
	// default) or Joint.
	Sanctions Sanctions
	// Individual, if set, is stability.Analyze's result for the same state
	// space and preferences: each DM alone then takes its CNash, CGMR,
	// CSMR and (with Unilateral sanctions) CSEQ stability from the
	// individual Nash, GMR, SMR and SEQ, which they equal (the tests check
	// it), instead of computing it again.
	Individual *stability.Analysis
}

// Analysis holds, for a class of coalitions, which states are stable for
// each coalition under each computed concept.
type Analysis struct {
	Space *statespace.StateSpace
	Prefs *preference.Profile
	// Coalitions is the class analysed: every DM alone first (index i is
	// DM i), then the coalitions of Config.Coalitions, without repeats.
	Coalitions [][]int
	Concepts   []Concept // computed, in report order
	// States are the decided states, ascending.
	States []int
	// Sanctions is the CSEQ variant computed (Config.Sanctions).
	Sanctions Sanctions

	shared *shared // for Upsets' details

	decided bitset.Set
	stable  [numConcepts][]bitset.Set // [concept][coalition]
	index   map[string]int
}

func key(h []int) string { return fmt.Sprint(h) }

// Index returns the position of coalition h (ascending DM indices) in
// a.Coalitions, or -1.
func (a *Analysis) Index(h []int) int {
	if i, ok := a.index[key(h)]; ok {
		return i
	}
	return -1
}

// Has reports whether concept c was computed.
func (a *Analysis) Has(c Concept) bool { return c >= 0 && c < numConcepts && a.stable[c] != nil }

// Decided reports whether state s was analysed.
func (a *Analysis) Decided(s int) bool { return s >= 0 && s < a.Space.Len() && a.decided.Has(s) }

// Stable reports whether state s is stable for coalition a.Coalitions[h]
// under c (false when c was not computed or s not decided).
func (a *Analysis) Stable(c Concept, h, s int) bool {
	return a.Has(c) && a.Decided(s) && a.stable[c][h].Has(s)
}

// StableCount returns the number of decided states stable for coalition
// a.Coalitions[h] under c (0 when c was not computed).
func (a *Analysis) StableCount(c Concept, h int) int {
	if !a.Has(c) {
		return 0
	}
	n := 0
	for _, s := range a.States {
		if a.stable[c][h].Has(s) {
			n++
		}
	}
	return n
}

// StableForDM reports whether s is stable under c for every coalition of
// the class that contains DM dm (dm alone included): the DM has no reason
// to leave s, alone or with any partner of the class.
func (a *Analysis) StableForDM(c Concept, dm, s int) bool {
	for h, co := range a.Coalitions {
		if Contains(co, dm) && !a.Stable(c, h, s) {
			return false
		}
	}
	return a.Has(c) && a.Decided(s)
}

// Equilibria returns the decided states stable under c for every coalition
// of the class (every DM alone included): the coalitional equilibria.
func (a *Analysis) Equilibria(c Concept) []int {
	if !a.Has(c) {
		return nil
	}
	var out []int
	for _, s := range a.States {
		ok := true
		for h := range a.Coalitions {
			if !a.stable[c][h].Has(s) {
				ok = false
				break
			}
		}
		if ok {
			out = append(out, s)
		}
	}
	return out
}

// checkCoalition validates one coalition of DM indices.
func checkCoalition(ss *statespace.StateSpace, h []int) error {
	if len(h) == 0 {
		return fmt.Errorf("an empty coalition")
	}
	for k, i := range h {
		if i < 0 || i >= len(ss.DMs) {
			return fmt.Errorf("coalition %v: DM index %d out of range", h, i)
		}
		if k > 0 && h[k-1] >= i {
			return fmt.Errorf("coalition %v: DM indices must be ascending without repeats", h)
		}
	}
	return nil
}

// Analyze decides, for the class made of every DM alone and cfg's
// coalitions, which states are stable for each coalition under each
// concept, for every state at once (see analyzeCoalition and
// docs/post-analysis.md). Time and memory, per coalition: linear in the
// states for CNash, CGMR and CSMR (component folds; the down-sets they
// carry are small when the members' preferences have few levels), plus
// one reach.MinWithin pass for CSEQ, or for CSEQ with Joint sanctions an
// explicit graph of the outsiders' joint improvements (slower: a scan of
// each outsider group's components per state). Coalitions run in
// parallel. Errors: a coalition that is empty, not ascending
// or names a DM that does not exist; a state out of range; more than MaxDMs
// DMs with cfg.Coalitions nil; ctx's error when cancelled.
func Analyze(ctx context.Context, ss *statespace.StateSpace, p *preference.Profile, cfg Config) (*Analysis, error) {
	n := len(ss.DMs)
	coalitions := cfg.Coalitions
	if coalitions == nil {
		if n > MaxDMs {
			return nil, fmt.Errorf("the model has %d DMs: too many to analyse every coalition (at most %d); name the coalitions to analyse", n, MaxDMs)
		}
		coalitions = All(n)
	}
	if cfg.Sanctions != Unilateral && cfg.Sanctions != Joint {
		return nil, fmt.Errorf("unknown CSEQ sanctions %v", cfg.Sanctions)
	}
	a := &Analysis{Space: ss, Prefs: p, index: map[string]int{}, Sanctions: cfg.Sanctions}
	add := func(h []int) {
		k := key(h)
		if _, dup := a.index[k]; dup {
			return
		}
		a.index[k] = len(a.Coalitions)
		a.Coalitions = append(a.Coalitions, slices.Clone(h))
	}
	for i := 0; i < n; i++ {
		add([]int{i})
	}
	for _, h := range coalitions {
		if err := checkCoalition(ss, h); err != nil {
			return nil, err
		}
		add(h)
	}
	concepts := cfg.Concepts
	if concepts == nil {
		concepts = Concepts
	}
	var want [numConcepts]bool
	for _, c := range concepts {
		if c < 0 || c >= numConcepts {
			return nil, fmt.Errorf("unknown coalitional concept %v", c)
		}
		want[c] = true
	}
	for _, c := range Concepts {
		if want[c] {
			a.Concepts = append(a.Concepts, c)
			a.stable[c] = make([]bitset.Set, len(a.Coalitions))
		}
	}
	a.decided = bitset.New(ss.Len())
	if cfg.States == nil {
		for s := 0; s < ss.Len(); s++ {
			a.decided.Add(s)
		}
	} else {
		for _, s := range cfg.States {
			if s < 0 || s >= ss.Len() {
				return nil, fmt.Errorf("state %d does not exist; the model has %s", statespace.Number(s), english.States(ss.Len()))
			}
			a.decided.Add(s)
		}
	}
	a.States = a.decided.Elements(nil)
	if ind := cfg.Individual; ind != nil && (ind.Space != ss || ind.Prefs != p) {
		return nil, fmt.Errorf("the individual analysis belongs to another model")
	}
	sh := &shared{}
	var err error
	if sh.mi, err = newMoveIndex(ctx, ss); err != nil {
		return nil, err
	}
	if want[CSEQ] && cfg.Sanctions == Unilateral {
		if sh.classes, err = reach.NewClassesContext(ctx, ss, p); err != nil {
			return nil, err
		}
	}
	a.shared = sh
	// Coalitions are independent: analyse them on every core.
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	errs := make([]error, len(a.Coalitions))
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	var wg sync.WaitGroup
	for h := range a.Coalitions {
		if ctx.Err() != nil {
			break
		}
		wg.Add(1)
		sem <- struct{}{}
		go func(h int) {
			defer wg.Done()
			defer func() { <-sem }()
			if errs[h] = a.analyzeCoalition(ctx, h, want, sh, cfg.Individual); errs[h] != nil {
				cancel()
			}
		}(h)
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil && !errors.Is(err, context.Canceled) {
			return nil, err
		}
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return a, nil
}

// shared is what the coalitions of one Analyze share.
type shared struct {
	mi      *moveIndex
	mu      sync.Mutex // guards classes when made late (Upsets' details)
	classes *reach.Classes
}

// analyzeCoalition decides every state for coalition a.Coalitions[h], with
// q(s) the members' levels at s and cl_H, cl_{N-H} the closures of
// closure.go (s is unstable iff some state of a set has levels strictly
// above q(s) for every member, i.e. q(s) lies in a down-set; downset.go):
//
//	CNash  q(s) in U(s) = the union over t in cl_H(s) of the points level(t)-1
//	CGMR   as CNash with the points min{level(x) : x in cl_{N-H}(t)} - 1
//	CSEQ   as CNash with the points min(level(t), min{level(x) : x in R+_{N-H}(t)}) - 1
//	CSMR   q(s) in the union over t in cl_H(s) of
//	       down(level(t)-1) ∩ E(t), E(t) = the intersection of U(x) over x in cl_{N-H}(t)
//
// CGMR: the improvement s -> t is unsanctioned iff every member k has
// level_k(t) > q_k and every state of R_{N-H}(t) above q_k as well, i.e.
// q < the coordinatewise minimum over cl_{N-H}(t) (t itself is above q).
// CSMR: x in R_{N-H}(t) is a sanction end iff no state of cl_H(x) is
// above q for every member, i.e. q is not in U(x); t is unsanctioned iff
// q is in U(x) for every such x, and t itself qualifies trivially.
// Cost: one or two closures, a few folds over the states, and for CSEQ
// one reach.MinWithin pass.
func (a *Analysis) analyzeCoalition(ctx context.Context, h int, want [numConcepts]bool, sh *shared, ind *stability.Analysis) error {
	ss, p := a.Space, a.Prefs
	co := a.Coalitions[h]
	if len(co) == 1 && ind != nil && ind.Space == ss && ind.Prefs == p {
		// A DM alone: the individual concepts, when all were computed.
		have := true
		for _, c := range a.Concepts {
			have = have && ind.Has(c.Individual()) && (c != CSEQ || a.Sanctions == Unilateral)
		}
		if have {
			for _, c := range a.Concepts {
				set := bitset.New(ss.Len())
				for _, s := range a.States {
					if ind.Stable(c.Individual(), co[0], s) {
						set.Add(s)
					}
				}
				a.stable[c][h] = set
			}
			return nil
		}
	}
	cd, err := newCoalitionData(ctx, sh, ss, p, a.Sanctions, co, want)
	if err != nil {
		return err
	}
	q := make([]int32, len(co))
	for _, c := range a.Concepts {
		set := bitset.New(ss.Len())
		for _, s := range a.States {
			if !cd.unstable(c, s, q) {
				set.Add(s)
			}
		}
		a.stable[c][h] = set
	}
	return nil
}

// coalitionData is what deciding the concepts for one coalition needs,
// for every state at once (see analyzeCoalition).
type coalitionData struct {
	co, others []int
	d          int
	lv         [][]int32 // per member: its levels
	clH, clO   *closure  // the members' and the outsiders' closures
	val        [numConcepts][][]int32
	minG, minQ [][]int32 // per member, per state: the CGMR and CSEQ points + 1
	e          []downset // CSMR: per outsiders' component, the intersection of the CNash down-sets
}

func newCoalitionData(ctx context.Context, sh *shared, ss *statespace.StateSpace, p *preference.Profile, sanctions Sanctions, co []int, want [numConcepts]bool) (*coalitionData, error) {
	d := len(co)
	cd := &coalitionData{co: co, others: Complement(ss, co), d: d, lv: make([][]int32, d)}
	for j, k := range co {
		cd.lv[j] = p.Level[k]
	}
	lv := cd.lv
	var err error
	if cd.clH, err = sh.mi.closure(ctx, co); err != nil {
		return nil, err
	}
	// fold joins over cl_H the single point value(j, s) - 1 per state.
	fold := func(value func(j int, s int32) int32) ([][]int32, error) {
		buf := make([]int32, d)
		return joinFold(ctx, cd.clH, d, func(s int32, acc []int32) []int32 {
			for j := range buf {
				buf[j] = value(j, s) - 1
			}
			return addPoint(acc, d, buf)
		})
	}
	if want[CNash] || want[CSMR] {
		if cd.val[CNash], err = fold(func(j int, s int32) int32 { return lv[j][s] }); err != nil {
			return nil, err
		}
	}
	if want[CGMR] || want[CSMR] {
		if cd.clO, err = sh.mi.closure(ctx, cd.others); err != nil {
			return nil, err
		}
	}
	if want[CGMR] {
		cd.minG = make([][]int32, d)
		for j := range lv {
			if cd.minG[j], err = cd.clO.minFold(ctx, lv[j]); err != nil {
				return nil, err
			}
		}
		if cd.val[CGMR], err = fold(func(j int, s int32) int32 { return cd.minG[j][s] }); err != nil {
			return nil, err
		}
	}
	if want[CSEQ] {
		mins := lv
		switch {
		case len(cd.others) == 0:
		case sanctions == Joint:
			jg, err := newJointGraph(ctx, sh.mi, p, cd.others)
			if err != nil {
				return nil, err
			}
			if mins, err = jg.minOver(ctx, lv); err != nil {
				return nil, err
			}
		default:
			sh.mu.Lock()
			if sh.classes == nil {
				sh.classes, err = reach.NewClassesContext(ctx, ss, p)
			}
			classes := sh.classes
			sh.mu.Unlock()
			if err != nil {
				return nil, err
			}
			g := &reach.Graph{Space: ss, Prefs: p, Movers: cd.others, Improving: true, Classes: classes}
			if mins, err = reach.MinWithin(ctx, g, lv...); err != nil {
				return nil, err
			}
		}
		cd.minQ = make([][]int32, d)
		for j := range lv {
			cd.minQ[j] = make([]int32, len(lv[j]))
			for s := range lv[j] {
				cd.minQ[j][s] = min(lv[j][s], mins[j][s])
			}
		}
		if cd.val[CSEQ], err = fold(func(j int, s int32) int32 { return cd.minQ[j][s] }); err != nil {
			return nil, err
		}
	}
	if want[CSMR] {
		clH, clO, nash := cd.clH, cd.clO, cd.val[CNash]
		cd.e = make([]downset, clO.ncomp)
		for i, c := range clO.order {
			if i&0x3fff == 0 && ctx.Err() != nil {
				return nil, ctx.Err()
			}
			v := downset{top: true}
			for _, x := range clO.states(c) {
				v = meet(v, downset{pts: nash[clH.comp[x]]}, d)
			}
			for _, y := range clO.successors(c) {
				v = meet(v, cd.e[y], d)
			}
			cd.e[c] = v
		}
		g := make([]int32, d)
		if cd.val[CSMR], err = joinFold(ctx, clH, d, func(t int32, acc []int32) []int32 {
			for j := range g {
				g[j] = lv[j][t] - 1
			}
			return meetPoint(acc, d, g, cd.e[clO.comp[t]])
		}); err != nil {
			return nil, err
		}
	}
	return cd, nil
}

// level writes the members' levels at s into q.
func (cd *coalitionData) level(s int, q []int32) {
	for j := range cd.lv {
		q[j] = cd.lv[j][s]
	}
}

// unstable reports whether s is unstable for the coalition under c (q is
// scratch space of the coalition's size).
func (cd *coalitionData) unstable(c Concept, s int, q []int32) bool {
	cd.level(s, q)
	return covers(cd.val[c][cd.clH.comp[s]], cd.d, q)
}

// improvements appends to dst the coalitional improvements from s,
// ascending (q holds the members' levels at s).
func (cd *coalitionData) improvements(s int, q []int32, dst []int) []int {
	cl := cd.clH
	if !covers(cd.val[CNash][cl.comp[s]], cd.d, q) {
		return dst
	}
	start := len(dst)
	seen := map[int32]bool{cl.comp[s]: true}
	stack := []int32{cl.comp[s]}
	for len(stack) > 0 {
		c := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if !covers(cd.val[CNash][c], cd.d, q) {
			continue
		}
		for _, t := range cl.states(c) {
			better := true
			for j := range cd.lv {
				better = better && cd.lv[j][t] > q[j]
			}
			if better {
				dst = append(dst, int(t))
			}
		}
		for _, x := range cl.successors(c) {
			if !seen[x] {
				seen[x] = true
				stack = append(stack, x)
			}
		}
	}
	slices.Sort(dst[start:])
	return dst
}

// unsanctioned reports whether the coalitional improvement s -> t is
// unsanctioned under c (q holds the members' levels at s): always under
// CNash; under CGMR and CSEQ iff the point of t is above q for every
// member; under CSMR iff q lies in E(t).
func (cd *coalitionData) unsanctioned(c Concept, t int, q []int32) bool {
	above := func(m [][]int32) bool {
		for j := range m {
			if m[j][t] <= q[j] {
				return false
			}
		}
		return true
	}
	switch c {
	case CGMR:
		return above(cd.minG)
	case CSEQ:
		return above(cd.minQ)
	case CSMR:
		e := cd.e[cd.clO.comp[t]]
		return e.top || covers(e.pts, cd.d, q)
	}
	return true
}

// smrChecker finds CSMR sanctions for one coalition, remembering R_H(x) for
// the states x it has looked at.
type smrChecker struct {
	ss    *statespace.StateSpace
	p     *preference.Profile
	co    []int
	own   *reacher
	other *reacher
	memo  map[int][]int32
}

func newSMRChecker(ss *statespace.StateSpace, p *preference.Profile, co []int) *smrChecker {
	return &smrChecker{ss: ss, p: p, co: co, own: dmReacher(ss, p, co, false),
		other: dmReacher(ss, p, Complement(ss, co), false), memo: map[int][]int32{}}
}

// holds reports whether x is a CSMR sanction end against s: x fails the
// coalition and so does every state of R_H(x).
func (c *smrChecker) holds(x, s int) bool {
	if Improves(c.p, c.co, x, s) {
		return false
	}
	r, ok := c.memo[x]
	if !ok {
		r = c.own.set(x)
		c.memo[x] = r
	}
	for _, y := range r {
		if Improves(c.p, c.co, int(y), s) {
			return false
		}
	}
	return true
}

// sanction returns a state of R_{N-H}(s1) that is a CSMR sanction end
// against s, or -1.
func (c *smrChecker) sanction(s1, s int) int {
	found := -1
	c.other.each(s1, func(x int) bool {
		if c.holds(x, s) {
			found = x
			return false
		}
		return true
	})
	return found
}

// Witness explains one coalitional improvement s -> Improvement.To of the
// explained coalition under a concept.
type Witness struct {
	Improvement Improvement
	// Sanctioned is false when no sanction exists under the concept (always
	// for CNash).
	Sanctioned bool
	// Sequence is the legal sequence of moves (unilateral improvements for
	// CSEQ) of the DMs outside the coalition from Improvement.To to End.
	Sequence []reach.Step
	// End is the sanction state, -1 when not sanctioned.
	End int
	// Deterred is a member of the coalition that does not strictly prefer
	// End to the explained state (the first in DM order), -1 when not
	// sanctioned.
	Deterred int
	// Tried, for an improvement without a sanction under CGMR, CSMR or
	// CSEQ, records what the search examined, so that "no sanction" can be
	// checked; nil otherwise (CNash considers no sanctions).
	Tried *Tried
}

// Tried is what the search for a sanction of one coalitional improvement
// examined: the states the DMs outside the coalition reach from
// Improvement.To by legal sequences of their moves (for CSEQ, of their
// unilateral improvements). None of them is a sanction: under CGMR and
// CSEQ every member prefers each to the explained state; under CSMR each
// such state is either preferred by every member or one from which the
// coalition moves on to a state every member prefers.
type Tried struct {
	// Responses is the number of states reached (0 when no DM is outside
	// the coalition or none can move).
	Responses int
	// States lists them, ascending, when there are at most
	// stability.MaxTriedListed; nil otherwise.
	States []int
}

// Explanation lists, for one coalition, state and concept, every
// coalitional improvement with a sanction witness or the fact that none
// exists. The state is stable for the coalition iff every improvement is
// sanctioned (for CNash: iff there is none).
type Explanation struct {
	Concept      Concept
	Coalition    []int
	State        int
	Stable       bool
	Improvements []Witness
}

// Explain explains the stability of state s for coalition h (ascending DM
// indices, one or more DMs) under c, CSEQ with unilateral sanctions.
// Witnesses are shortest legal sequences found breadth first
// (reach.Search). Errors: a bad coalition, s out of range, an unknown
// concept.
func Explain(ss *statespace.StateSpace, p *preference.Profile, c Concept, h []int, s int) (*Explanation, error) {
	return explain(context.Background(), ss, p, Unilateral, c, h, s)
}

// ExplainContext is Explain with the CSEQ variant sanctions and
// cancellation: it returns ctx's error when ctx is cancelled. With Joint
// sanctions, a CSEQ witness's Sequence lists the outsiders' unilateral
// moves realising each step (a group's coalitional improvement as its
// members' legal sequence), found breadth first over the steps.
func ExplainContext(ctx context.Context, ss *statespace.StateSpace, p *preference.Profile, sanctions Sanctions, c Concept, h []int, s int) (*Explanation, error) {
	return explain(ctx, ss, p, sanctions, c, h, s)
}

func explain(ctx context.Context, ss *statespace.StateSpace, p *preference.Profile, sanctions Sanctions, c Concept, h []int, s int) (*Explanation, error) {
	if err := checkCoalition(ss, h); err != nil {
		return nil, err
	}
	if s < 0 || s >= ss.Len() {
		return nil, fmt.Errorf("state %d does not exist; the model has %s", statespace.Number(s), english.States(ss.Len()))
	}
	if c < 0 || c >= numConcepts {
		return nil, fmt.Errorf("unknown coalitional concept %v", c)
	}
	ex := &Explanation{Concept: c, Coalition: slices.Clone(h), State: s, Stable: true}
	comp := Complement(ss, h)
	fails := func(x int) bool { return !Improves(p, h, x, s) }
	var smr *smrChecker
	if c == CSMR {
		smr = newSMRChecker(ss, p, h)
	}
	var sr reach.Searcher
	for _, imp := range Improvements(ss, p, h, s) {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		w := Witness{Improvement: imp, End: -1, Deterred: -1}
		var stop func(x int) bool
		switch c {
		case CGMR, CSEQ:
			stop = fails
		case CSMR:
			stop = func(x int) bool { return smr.holds(x, s) }
		}
		if stop != nil {
			end, seq, reached := -1, []reach.Step(nil), []int(nil)
			if c == CSEQ && sanctions == Joint {
				var err error
				if end, seq, reached, err = jointSearch(ctx, ss, p, comp, imp.To, stop); err != nil {
					return nil, err
				}
			} else {
				g := &reach.Graph{Space: ss, Prefs: p, Movers: comp, Improving: c == CSEQ}
				tr := sr.Search(g, imp.To, stop)
				if end = tr.Goal; end >= 0 {
					seq = tr.Path(end)
				} else {
					reached = tr.States()
				}
			}
			if end >= 0 {
				w.Sanctioned, w.End, w.Sequence = true, end, seq
				for _, k := range h {
					if !p.Prefers(k, end, s) {
						w.Deterred = k
						break
					}
				}
			} else {
				states := reached
				w.Tried = &Tried{Responses: len(states)}
				if len(states) <= stability.MaxTriedListed {
					w.Tried.States = states
				}
			}
		}
		if !w.Sanctioned {
			ex.Stable = false
		}
		ex.Improvements = append(ex.Improvements, w)
	}
	return ex, nil
}

// Upset is a coalition that can upset an equilibrium under a coalitional
// concept: the equilibrium is unstable for it.
type Upset struct {
	Concept   Concept
	Coalition []int
	// With details (Upsets): Improvements is the number of the
	// coalition's coalitional improvements from the equilibrium,
	// UnsanctionedCount the number unsanctioned under Concept (all of them
	// under CNash), and Unsanctioned the first of those (ascending, at
	// most the maximum asked for), each with a shortest legal sequence of
	// the members' moves: the upsetting moves. Zero and nil without
	// details.
	Improvements      int
	UnsanctionedCount int
	Unsanctioned      []Improvement
}

// AllMoves asks Upsets to list every upsetting move; CountMoves to count
// them without listing any (no searches).
const (
	AllMoves   = math.MaxInt
	CountMoves = -1
)

// Check is the coalitional check of one individually stable equilibrium.
type Check struct {
	State int
	// Concepts are the individual concepts (with a coalitional
	// counterpart) under which State is an equilibrium, in report order.
	Concepts []stability.Concept
	// Upsets lists, for each of those concepts in order and each coalition
	// of two or more DMs in class order, the coalitions for which State is
	// unstable under the coalitional counterpart.
	Upsets []Upset
}

// Upsets checks every equilibrium of ind under Nash, GMR, SMR and SEQ
// (those computed in both ind and a) against the coalitions of two or more
// DMs in a: an equilibrium is upset by coalition H under concept c when it
// is unstable for H under c's coalitional counterpart. Equilibria that a
// does not decide are skipped. The result is in ascending state order.
// With maxMoves 0 the result comes from a's stability sets alone. With
// CountMoves each upset also counts its coalitional improvements and
// unsanctioned ones. With maxMoves > 0 (AllMoves: no limit), each upset
// also counts its
// coalitional improvements and unsanctioned ones and lists the first
// maxMoves of the latter, the upsetting moves: for each coalition the
// all-states data of Analyze is rebuilt once, which tells at once whether
// each coalitional improvement is sanctioned; a breadth-first search from
// the equilibrium then finds the listed moves' sequences. Errors: ctx's
// error.
func Upsets(ctx context.Context, ind *stability.Analysis, a *Analysis, maxMoves int) ([]Check, error) {
	var states []int
	concepts := map[int][]stability.Concept{}
	for _, c := range ind.Concepts {
		cc, ok := Counterpart(c)
		if !ok || !a.Has(cc) {
			continue
		}
		for _, s := range ind.Equilibria(c) {
			if !a.Decided(s) {
				continue
			}
			if _, seen := concepts[s]; !seen {
				states = append(states, s)
			}
			concepts[s] = append(concepts[s], c)
		}
	}
	slices.Sort(states)
	out := make([]Check, len(states))
	// byCo: per coalition index, the upsets that name it.
	byCo := map[int][]*Upset{}
	for i, s := range states {
		out[i] = Check{State: s, Concepts: concepts[s]}
		for _, c := range out[i].Concepts {
			cc, _ := Counterpart(c)
			for h, co := range a.Coalitions {
				if len(co) >= 2 && !a.Stable(cc, h, s) {
					out[i].Upsets = append(out[i].Upsets, Upset{Concept: cc, Coalition: co})
				}
			}
		}
	}
	if maxMoves == 0 || a.shared == nil {
		return out, ctx.Err()
	}
	for i := range out {
		for k := range out[i].Upsets {
			u := &out[i].Upsets[k]
			h := a.Index(u.Coalition)
			byCo[h] = append(byCo[h], u)
		}
	}
	stateOf := map[*Upset]int{}
	for i := range out {
		for k := range out[i].Upsets {
			stateOf[&out[i].Upsets[k]] = out[i].State
		}
	}
	var hs []int
	for h := range byCo {
		hs = append(hs, h)
	}
	slices.Sort(hs)
	// Coalitions are independent: on every core.
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	errs := make([]error, len(hs))
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	var wg sync.WaitGroup
	for i, h := range hs {
		if ctx.Err() != nil {
			break
		}
		wg.Add(1)
		sem <- struct{}{}
		go func(i, h int) {
			defer wg.Done()
			defer func() { <-sem }()
			if errs[i] = a.details(ctx, h, byCo[h], stateOf, maxMoves); errs[i] != nil {
				cancel()
			}
		}(i, h)
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil && !errors.Is(err, context.Canceled) {
			return nil, err
		}
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return out, nil
}

// details fills the upsets of coalition a.Coalitions[h] (ups, with their
// states in stateOf).
func (a *Analysis) details(ctx context.Context, h int, ups []*Upset, stateOf map[*Upset]int, maxMoves int) error {
	co := a.Coalitions[h]
	var want [numConcepts]bool
	want[CNash] = true
	for _, u := range ups {
		want[u.Concept] = true
	}
	cd, err := newCoalitionData(ctx, a.shared, a.Space, a.Prefs, a.Sanctions, co, want)
	if err != nil {
		return err
	}
	byState := map[int][]*Upset{}
	var order []int
	for _, u := range ups {
		s := stateOf[u]
		if _, ok := byState[s]; !ok {
			order = append(order, s)
		}
		byState[s] = append(byState[s], u)
	}
	q := make([]int32, len(co))
	var targets []int
	g := &reach.Graph{Space: a.Space, Prefs: a.Prefs, Movers: co}
	var sr reach.Searcher
	for _, s := range order {
		if err := ctx.Err(); err != nil {
			return err
		}
		cd.level(s, q)
		targets = cd.improvements(s, q, targets[:0])
		need := map[int]bool{}
		for _, u := range byState[s] {
			u.Improvements = len(targets)
			for _, t := range targets {
				if cd.unsanctioned(u.Concept, t, q) {
					if u.UnsanctionedCount < maxMoves {
						need[t] = true
					}
					u.UnsanctionedCount++
				}
			}
		}
		if len(need) == 0 {
			continue
		}
		// Each needed target's sequence: the one a breadth-first search
		// from s finds (reach.Searcher.Path), once per target.
		seq := map[int][]reach.Step{}
		for _, u := range byState[s] {
			for _, t := range targets {
				if len(u.Unsanctioned) == maxMoves {
					break
				}
				if cd.unsanctioned(u.Concept, t, q) {
					path, ok := seq[t]
					if !ok {
						path = sr.Path(g, s, t)
						seq[t] = path
					}
					u.Unsanctioned = append(u.Unsanctioned, Improvement{Coalition: co, From: s, To: t, Sequence: slices.Clone(path)})
				}
			}
		}
	}
	return nil
}

// ExplainState explains state s for every coalition of two or more DMs in
// a's class (in class order) under each of a's concepts (in report order,
// concept by concept), with a's CSEQ sanctions. Errors: s out of range,
// ctx's error.
func ExplainState(ctx context.Context, a *Analysis, s int) ([]*Explanation, error) {
	var out []*Explanation
	for _, c := range a.Concepts {
		for _, h := range a.Coalitions {
			if len(h) < 2 {
				continue
			}
			ex, err := explain(ctx, a.Space, a.Prefs, a.Sanctions, c, h, s)
			if err != nil {
				return nil, err
			}
			out = append(out, ex)
		}
	}
	return out, nil
}
