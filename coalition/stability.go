package coalition

import (
	"context"
	"errors"
	"fmt"
	"github.com/gmcr/gmcr/internal/english"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/gmcr/gmcr/internal/bitset"
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
	// States to decide, 0-based; nil means every state. The coalitional
	// improvements and CNash and CSMR cost a search per state, so large
	// models are best analysed at the states of interest only.
	States []int
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
// coalitions, which of cfg's states are stable for each coalition under
// each concept. Time: per coalition, one search over (state, last mover)
// pairs per decided state for the coalitional improvements and CNash; one
// reach.MinOver pass for CGMR and one for CSEQ; for CSMR one search per
// coalitional improvement. Errors: a coalition that is empty, not ascending
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
	a := &Analysis{Space: ss, Prefs: p, index: map[string]int{}}
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
	var classes *reach.Classes
	if want[CGMR] || want[CSEQ] {
		classes = reach.NewClasses(ss, p)
	}
	// Coalitions are independent: analyse them on every core.
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	errs := make([]error, len(a.Coalitions))
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	var wg sync.WaitGroup
	for h := range a.Coalitions {
		wg.Add(1)
		sem <- struct{}{}
		go func(h int) {
			defer wg.Done()
			defer func() { <-sem }()
			if errs[h] = a.analyzeCoalition(ctx, h, want, classes); errs[h] != nil {
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

// minOver returns, per member k of co (in co's order), the minimum of k's
// preference level over R_{N-H}(x) (R+ when improving) for every state x.
func minOver(ctx context.Context, ss *statespace.StateSpace, p *preference.Profile, co []int, improving bool, classes *reach.Classes) ([][]int32, error) {
	ws := make([][]int32, len(co))
	for j, k := range co {
		ws[j] = p.Level[k]
	}
	g := &reach.Graph{Space: ss, Prefs: p, Movers: Complement(ss, co), Improving: improving, Classes: classes}
	return reach.MinOver(ctx, g, ws...)
}

// sanctionedByMin reports whether some member co[j] has a minimum level
// over the sanctioning set from s1 at or below its level at s.
func sanctionedByMin(p *preference.Profile, co []int, mins [][]int32, s1, s int) bool {
	for j, k := range co {
		if mins[j][s1] <= p.Level[k][s] {
			return true
		}
	}
	return false
}

func (a *Analysis) analyzeCoalition(ctx context.Context, h int, want [numConcepts]bool, classes *reach.Classes) error {
	ss, p := a.Space, a.Prefs
	co := a.Coalitions[h]
	n := ss.Len()
	for _, c := range a.Concepts {
		a.stable[c][h] = bitset.New(n)
	}
	var minP, minSeq [][]int32
	var err error
	if want[CGMR] {
		if minP, err = minOver(ctx, ss, p, co, false, classes); err != nil {
			return err
		}
	}
	if want[CSEQ] {
		if minSeq, err = minOver(ctx, ss, p, co, true, classes); err != nil {
			return err
		}
	}
	own := dmReacher(ss, p, co, false)
	var smr *smrChecker
	if want[CSMR] {
		smr = newSMRChecker(ss, p, co)
	}
	for i, s := range a.States {
		if i&0xff == 0 && ctx.Err() != nil {
			return ctx.Err()
		}
		var cis []int
		own.each(s, func(t int) bool {
			if Improves(p, co, t, s) {
				cis = append(cis, t)
			}
			return true
		})
		all := func(ok func(s1 int) bool) bool {
			for _, s1 := range cis {
				if !ok(s1) {
					return false
				}
			}
			return true
		}
		if want[CNash] && len(cis) == 0 {
			a.stable[CNash][h].Add(s)
		}
		if want[CGMR] && all(func(s1 int) bool { return sanctionedByMin(p, co, minP, s1, s) }) {
			a.stable[CGMR][h].Add(s)
		}
		if want[CSEQ] && all(func(s1 int) bool { return sanctionedByMin(p, co, minSeq, s1, s) }) {
			a.stable[CSEQ][h].Add(s)
		}
		if want[CSMR] && all(func(s1 int) bool { return smr.sanction(s1, s) >= 0 }) {
			a.stable[CSMR][h].Add(s)
		}
	}
	return nil
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
// indices, one or more DMs) under c. Witnesses are shortest legal
// sequences found breadth first (reach.Search). Errors: a bad coalition, s
// out of range, an unknown concept.
func Explain(ss *statespace.StateSpace, p *preference.Profile, c Concept, h []int, s int) (*Explanation, error) {
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
	for _, imp := range Improvements(ss, p, h, s) {
		w := Witness{Improvement: imp, End: -1, Deterred: -1}
		var stop func(x int) bool
		switch c {
		case CGMR, CSEQ:
			stop = fails
		case CSMR:
			stop = func(x int) bool { return smr.holds(x, s) }
		}
		if stop != nil {
			g := &reach.Graph{Space: ss, Prefs: p, Movers: comp, Improving: c == CSEQ}
			tr := reach.Search(g, imp.To, stop)
			if tr.Goal >= 0 {
				w.Sanctioned, w.End, w.Sequence = true, tr.Goal, tr.Path(tr.Goal)
				for _, k := range h {
					if !p.Prefers(k, tr.Goal, s) {
						w.Deterred = k
						break
					}
				}
			} else {
				states := tr.States()
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

// Check is the coalitional check of one individually stable equilibrium.
type Check struct {
	State int
	// Concepts are the individual concepts (with a coalitional
	// counterpart) under which State is an equilibrium, in report order.
	Concepts []stability.Concept
	// Upsets lists, for each of those concepts in order and each coalition
	// of two or more DMs in class order, the coalitions for which State is
	// unstable under the coalitional counterpart, with the explanation
	// (its unsanctioned improvements are the upsetting moves).
	Upsets []*Explanation
}

// Upsets checks every equilibrium of ind under Nash, GMR, SMR and SEQ
// (those computed in both ind and a) against the coalitions of two or more
// DMs in a: an equilibrium is upset by coalition H under concept c when it
// is unstable for H under c's coalitional counterpart. Equilibria that a
// does not decide are skipped. The result is in ascending state order.
func Upsets(ctx context.Context, ind *stability.Analysis, a *Analysis) ([]Check, error) {
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
	// States are independent: explain them on every core, keeping the
	// order of states in the result.
	out := make([]Check, len(states))
	errs := make([]error, len(states))
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	var wg sync.WaitGroup
	for i, s := range states {
		if err := ctx.Err(); err != nil {
			break
		}
		wg.Add(1)
		sem <- struct{}{}
		go func(i, s int) {
			defer wg.Done()
			defer func() { <-sem }()
			ch := Check{State: s, Concepts: concepts[s]}
			for _, c := range ch.Concepts {
				cc, _ := Counterpart(c)
				for h, co := range a.Coalitions {
					if len(co) < 2 || a.Stable(cc, h, s) {
						continue
					}
					ex, err := Explain(a.Space, a.Prefs, cc, co, s)
					if err != nil {
						errs[i] = err
						return
					}
					ch.Upsets = append(ch.Upsets, ex)
				}
			}
			out[i] = ch
		}(i, s)
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

// ExplainState explains state s for every coalition of two or more DMs in
// a's class (in class order) under each of a's concepts (in report order,
// concept by concept). Errors: s out of range.
func ExplainState(a *Analysis, s int) ([]*Explanation, error) {
	var out []*Explanation
	for _, c := range a.Concepts {
		for _, h := range a.Coalitions {
			if len(h) < 2 {
				continue
			}
			ex, err := Explain(a.Space, a.Prefs, c, h, s)
			if err != nil {
				return nil, err
			}
			out = append(out, ex)
		}
	}
	return out, nil
}
