package evolve_test

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/gmcr/gmcr/analysis"
	"github.com/gmcr/gmcr/bench"
	"github.com/gmcr/gmcr/coalition"
	"github.com/gmcr/gmcr/evolve"
	"github.com/gmcr/gmcr/internal/bruteforce"
	"github.com/gmcr/gmcr/internal/testmodel"
	"github.com/gmcr/gmcr/model"
	"github.com/gmcr/gmcr/reach"
	"github.com/gmcr/gmcr/stability"
)

// random returns the i-th random conflict of the agreement tests: 2 to 4
// DMs, 2 to 7 options, every model feature on.
func random(t testing.TB, i int) *model.Model {
	t.Helper()
	dms := 2 + i%3
	p := testmodel.Mixed(dms, dms+(i/3)%4, int64(5000+i))
	p.Irreversible = 0.25
	return testmodel.Random(t, p)
}

func run(t testing.TB, m *model.Model) *analysis.Result { return testmodel.Run(t, m) }

func example(t testing.TB, name string) *model.Model { return testmodel.Example(t, name) }

// bf is the brute-force view of a conflict.
type bf struct {
	m      *model.Model
	codes  []uint64
	scores [][]int64
	movers [][]int
	memo   map[[2]int][]int
}

func newBF(m *model.Model, coalitions bool) *bf {
	b := &bf{m: m, codes: bruteforce.Feasible(m), memo: map[[2]int][]int{}}
	b.scores = bruteforce.Scores(m, b.codes)
	for i := range m.DMs {
		b.movers = append(b.movers, []int{i})
	}
	if coalitions {
		b.movers = append(b.movers, coalition.All(len(m.DMs))...)
	}
	return b
}

// next returns mover k's improvement steps from x, from the definitions
// (remembered: the brute-force checker recomputes everything).
func (b *bf) next(k, x int) []int {
	if r, ok := b.memo[[2]int{k, x}]; ok {
		return r
	}
	var r []int
	if len(b.movers[k]) == 1 {
		r = bruteforce.Improvements(b.m, b.codes, b.scores, b.movers[k][0], x)
	} else {
		r = bruteforce.CoalitionImprovements(b.m, b.codes, b.scores, b.movers[k], x)
	}
	b.memo[[2]int{k, x}] = r
	return r
}

// dist is the brute-force distance map over (state, last mover) pairs,
// the start at 0.
func (b *bf) dist(s int) map[int]int {
	type pair struct{ st, last int }
	seen := map[pair]bool{{s, -1}: true}
	out := map[int]int{s: 0}
	level := []pair{{s, -1}}
	for d := 1; len(level) > 0; d++ {
		var nxt []pair
		for _, cur := range level {
			for k := range b.movers {
				if k == cur.last {
					continue
				}
				for _, t := range b.next(k, cur.st) {
					if !seen[pair{t, k}] {
						seen[pair{t, k}] = true
						nxt = append(nxt, pair{t, k})
						if _, ok := out[t]; !ok {
							out[t] = d
						}
					}
				}
			}
		}
		level = nxt
	}
	return out
}

// count returns the number of legal improvement sequences of exactly d
// steps from s to t (the shortest paths when d is t's distance).
func (b *bf) count(s, t, d int) int {
	var rec func(x, last, left int) int
	rec = func(x, last, left int) int {
		if left == 0 {
			if x == t {
				return 1
			}
			return 0
		}
		c := 0
		for k := range b.movers {
			if k != last {
				for _, y := range b.next(k, x) {
					c += rec(y, k, left-1)
				}
			}
		}
		return c
	}
	return rec(s, -1, d)
}

// verify re-checks a path against the definitions alone: it starts at s,
// each step leaves the state the previous one reached, each unilateral
// step is a legal move (bruteforce.Moves) that its DM strictly prefers,
// each coalitional step is realised by its legal sequence of the members'
// moves and strictly preferred by every member, and no mover makes two
// steps in a row (for DMs alone: no DM moves twice in a row).
func (b *bf) verify(s int, p evolve.Path) error {
	at := s
	var last []int
	for j, st := range p {
		if st.From != at {
			return fmt.Errorf("step %d leaves %d, not %d", j+1, st.From+1, at+1)
		}
		if slices.Equal(st.Movers, last) {
			return fmt.Errorf("step %d: %v moves twice in a row", j+1, st.Movers)
		}
		for _, k := range st.Movers {
			if b.scores[k][st.To] <= b.scores[k][st.From] {
				return fmt.Errorf("step %d: %d -> %d is no improvement for DM %d", j+1, st.From+1, st.To+1, k)
			}
		}
		switch {
		case len(st.Movers) == 1:
			if !slices.Contains(bruteforce.Moves(b.m, b.codes, st.Movers[0], st.From), st.To) || st.Sequence != nil {
				return fmt.Errorf("step %d: %d -> %d is no unilateral move of DM %d", j+1, st.From+1, st.To+1, st.Movers[0])
			}
		default:
			x, lastDM := st.From, -1
			for _, u := range st.Sequence {
				if u.From != x || u.Mover == lastDM || !slices.Contains(st.Movers, u.Mover) ||
					!slices.Contains(bruteforce.Moves(b.m, b.codes, u.Mover, u.From), u.To) {
					return fmt.Errorf("step %d: bad coalitional sequence %v", j+1, st.Sequence)
				}
				x, lastDM = u.To, u.Mover
			}
			if x != st.To || len(st.Sequence) == 0 {
				return fmt.Errorf("step %d: sequence %v does not reach %d", j+1, st.Sequence, st.To+1)
			}
		}
		at, last = st.To, st.Movers
	}
	return nil
}

func pathKey(p evolve.Path, movers [][]int) []int {
	var out []int
	for _, st := range p {
		out = append(out, slices.IndexFunc(movers, func(m []int) bool { return slices.Equal(m, st.Movers) }), st.To)
	}
	return out
}

// checkResult compares a result with the brute-force distances and checks
// every listed path.
func checkResult(t *testing.T, i int, b *bf, res *evolve.Result, k int) {
	t.Helper()
	want := b.dist(res.Start)
	if len(res.Reached) != len(want) {
		t.Fatalf("conflict %d from %d: %d states reached, brute force %d", i, res.Start+1, len(res.Reached), len(want))
	}
	for x, d := range want {
		if res.Dist(x) != d {
			t.Fatalf("conflict %d from %d: state %d at %d steps, brute force %d", i, res.Start+1, x+1, res.Dist(x), d)
		}
	}
	for _, tg := range res.Targets {
		if tg.Dist != res.Dist(tg.State) {
			t.Fatalf("target %d: dist %d vs %d", tg.State+1, tg.Dist, res.Dist(tg.State))
		}
		if tg.Dist < 0 {
			if tg.Paths != nil || tg.Count != 0 {
				t.Fatalf("unreachable target with paths")
			}
			continue
		}
		if len(tg.Paths) == 0 || len(tg.Paths) > k || len(tg.Paths) != min(k, tg.Count) {
			t.Fatalf("conflict %d: target %d: %d paths of %d (k=%d)", i, tg.State+1, len(tg.Paths), tg.Count, k)
		}
		if tg.Dist > 0 && tg.Dist <= 4 {
			if c := b.count(res.Start, tg.State, tg.Dist); c != tg.Count {
				t.Fatalf("conflict %d: target %d: %d shortest paths, brute force %d", i, tg.State+1, tg.Count, c)
			}
		}
		var prev []int
		for _, p := range tg.Paths {
			if len(p) != tg.Dist {
				t.Fatalf("path of %d steps to a state at distance %d", len(p), tg.Dist)
			}
			if len(p) > 0 && p[len(p)-1].To != tg.State {
				t.Fatalf("path does not end at the target")
			}
			if err := b.verify(res.Start, p); err != nil {
				t.Fatalf("conflict %d: path %v to %d: %v", i, p, tg.State+1, err)
			}
			key := pathKey(p, res.Movers)
			if prev != nil && slices.Compare(prev, key) >= 0 {
				t.Fatalf("paths not in strictly increasing order: %v then %v", prev, key)
			}
			prev = key
		}
	}
	// Every edge is a step from a reached state to a reached state.
	for _, e := range res.Edges() {
		if res.Dist(e.From) < 0 || res.Dist(e.To) < 0 {
			t.Fatalf("edge %v leaves the reachable set", e)
		}
	}
}

// TestAgreement checks reachability and distances from the status quo on
// 600 random conflicts against bruteforce.StatusQuoReachable, every
// listed path with the verifier, and the number of shortest paths against
// an enumeration of legal sequences.
func TestAgreement(t *testing.T) {
	ctx := context.Background()
	n := 600
	if testing.Short() {
		n = 100
	}
	multi := 0
	for i := 0; i < n; i++ {
		m := random(t, i)
		r := run(t, m)
		sq, err := analysis.StatusQuo(r.Space)
		if err != nil || sq < 0 {
			t.Fatalf("conflict %d: no status quo: %v", i, err)
		}
		b := newBF(m, false)
		want := bruteforce.StatusQuoReachable(m, b.codes, b.scores, sq)
		res, err := evolve.Analyze(ctx, r.Stability, sq, evolve.Options{Paths: 3, To: []int{i % r.Space.Len()}})
		if err != nil {
			t.Fatal(err)
		}
		got := map[int]int{}
		for _, x := range res.Reached {
			got[x] = res.Dist(x)
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("conflict %d: reached %v, StatusQuoReachable %v", i, got, want)
		}
		checkResult(t, i, b, res, 3)
		for _, tg := range res.Targets {
			if tg.Count > 1 {
				multi++
			}
		}
	}
	if multi < 20 {
		t.Errorf("only %d targets with several shortest paths", multi)
	}
}

// TestAgreementCoalitions checks coalitional mode on 200 random conflicts
// against a brute-force search whose steps are bruteforce.Improvements
// and bruteforce.CoalitionImprovements.
func TestAgreementCoalitions(t *testing.T) {
	ctx := context.Background()
	n := 200
	if testing.Short() {
		n = 40
	}
	coalSteps := 0
	for i := 0; i < n; i++ {
		m := random(t, i)
		r := run(t, m)
		start := (i * 7) % r.Space.Len()
		b := newBF(m, true)
		res, err := evolve.Analyze(ctx, r.Stability, start, evolve.Options{Coalitions: true, Paths: 4})
		if err != nil {
			t.Fatal(err)
		}
		checkResult(t, i, b, res, 4)
		for _, tg := range res.Targets {
			for _, p := range tg.Paths {
				for _, st := range p {
					if len(st.Movers) > 1 {
						coalSteps++
					}
				}
			}
		}
	}
	if coalSteps < 20 {
		t.Errorf("only %d coalitional steps on listed paths", coalSteps)
	}
}

func steps(p evolve.Path) []string {
	var out []string
	for _, st := range p {
		out = append(out, fmt.Sprintf("%v:%d->%d", st.Movers, st.From+1, st.To+1))
	}
	return out
}

// TestPrisonersDilemma: from mutual cooperation (1), P1 defects (1 -> 2)
// or P2 does (1 -> 3); the other then defects too, so mutual defection (4,
// the Nash equilibrium) is reached in 2 steps by exactly two paths. State
// 1 is itself a GMR, SMR, SEQ and SIM equilibrium (distance 0).
func TestPrisonersDilemma(t *testing.T) {
	r := run(t, example(t, "prisoners-dilemma"))
	res, err := evolve.Analyze(context.Background(), r.Stability, 0, evolve.Options{Paths: 5})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(res.Reached, []int{0, 1, 2, 3}) || res.Dist(1) != 1 || res.Dist(2) != 1 || res.Dist(3) != 2 {
		t.Fatalf("reached %v", res.Reached)
	}
	if len(res.Targets) != 2 {
		t.Fatalf("targets %+v", res.Targets)
	}
	t1, t4 := res.Targets[0], res.Targets[1]
	if t1.State != 0 || t1.Dist != 0 || !slices.Equal(t1.Concepts, []stability.Concept{stability.GMR, stability.SMR, stability.SEQ, stability.SIM}) || len(t1.Paths) != 1 || len(t1.Paths[0]) != 0 {
		t.Errorf("target 1: %+v", t1)
	}
	got := [][]string{steps(t4.Paths[0]), steps(t4.Paths[1])}
	want := [][]string{{"[0]:1->2", "[1]:2->4"}, {"[1]:1->3", "[0]:3->4"}}
	if t4.State != 3 || t4.Dist != 2 || t4.Count != 2 || !reflect.DeepEqual(got, want) {
		t.Errorf("target 4: %+v, paths %v", t4, got)
	}
	// Coalitions add the pair's return from 4 to 1 as an edge; distances
	// do not change.
	res, err = evolve.Analyze(context.Background(), r.Stability, 0, evolve.Options{Coalitions: true})
	if err != nil {
		t.Fatal(err)
	}
	if res.Dist(3) != 2 || len(res.Movers) != 3 {
		t.Fatalf("coalitional: dist %d, movers %v", res.Dist(3), res.Movers)
	}
	var pair []string
	for _, e := range res.Edges() {
		if len(e.Movers) > 1 {
			pair = append(pair, fmt.Sprintf("%d->%d", e.From+1, e.To+1))
		}
	}
	if !slices.Equal(pair, []string{"4->1"}) {
		t.Errorf("coalitional edges %v", pair)
	}
}

// TestChicken: from both swerving (1), either driver goes straight (1 -> 2
// or 1 -> 3), and then the other has no improvement: 2 and 3 (the Nash
// equilibria) are reached in one step; 4 (crash) never.
func TestChicken(t *testing.T) {
	r := run(t, example(t, "chicken"))
	res, err := evolve.Analyze(context.Background(), r.Stability, 0, evolve.Options{Paths: 2, To: []int{3}})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, tg := range res.Targets {
		s := fmt.Sprintf("%d:%d", tg.State+1, tg.Dist)
		for _, p := range tg.Paths {
			s += fmt.Sprint(steps(p))
		}
		got = append(got, s)
	}
	want := []string{"1:0[]", "2:1[[0]:1->2]", "3:1[[1]:1->3]", "4:-1"}
	if !slices.Equal(got, want) {
		t.Errorf("targets %v, want %v", got, want)
	}
	if !res.Targets[3].Requested || len(res.Targets[3].Concepts) != 0 {
		t.Errorf("target 4: %+v", res.Targets[3])
	}
}

// TestFirstPathIsSearch: the first path listed is reach.Search's.
func TestFirstPathIsSearch(t *testing.T) {
	r := run(t, example(t, "ukraine-security"))
	sq, _ := analysis.StatusQuo(r.Space)
	res, err := evolve.Analyze(context.Background(), r.Stability, sq, evolve.Options{Paths: 3})
	if err != nil {
		t.Fatal(err)
	}
	all := []int{0, 1, 2, 3}
	tr := reach.Search(&reach.Graph{Space: r.Space, Prefs: r.Prefs, Movers: all, Improving: true}, sq, nil)
	n := 0
	for _, tg := range res.Targets {
		if tg.Dist <= 0 {
			continue
		}
		n++
		want := tr.Path(tg.State)
		for j, st := range tg.Paths[0] {
			if st.Movers[0] != want[j].Mover || st.From != want[j].From || st.To != want[j].To {
				t.Fatalf("target %d: path %v, Search %v", tg.State+1, steps(tg.Paths[0]), want)
			}
		}
	}
	if n == 0 {
		t.Error("no reachable equilibrium in the Ukraine example")
	}
}

func TestBadInput(t *testing.T) {
	r := run(t, example(t, "chicken"))
	ctx := context.Background()
	for _, c := range []struct {
		start int
		opt   evolve.Options
	}{
		{-1, evolve.Options{}},
		{4, evolve.Options{}},
		{0, evolve.Options{To: []int{7}}},
		{0, evolve.Options{Paths: -1}},
		{0, evolve.Options{Paths: evolve.MaxPaths + 1}},
	} {
		if _, err := evolve.Analyze(ctx, r.Stability, c.start, c.opt); err == nil {
			t.Errorf("Analyze(%d, %+v) accepted", c.start, c.opt)
		}
	}
	a, err := stability.Analyze(ctx, r.Space, r.Prefs, stability.Config{Concepts: []stability.Concept{stability.Nash}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := evolve.Analyze(ctx, a, 0, evolve.Options{Concepts: []stability.Concept{stability.GMR}}); err == nil {
		t.Error("a concept not computed was accepted")
	}
}

// TestDiagram: the whole reachable subgraph when small; only the listed
// paths when over the limit; an error when even they are too many.
func TestDiagram(t *testing.T) {
	r := run(t, example(t, "prisoners-dilemma"))
	res, err := evolve.Analyze(context.Background(), r.Stability, 0, evolve.Options{})
	if err != nil {
		t.Fatal(err)
	}
	d, err := res.Diagram(0)
	if err != nil {
		t.Fatal(err)
	}
	if d.Reduced || !slices.Equal(d.Nodes, []int{0, 1, 2, 3}) || len(d.Edges) != 4 {
		t.Fatalf("diagram %+v", d)
	}
	on := 0
	for _, e := range d.Edges {
		if e.OnPath {
			on++
		}
	}
	if on != 2 { // the first path 1 -> 2 -> 4
		t.Errorf("%d edges on the listed path, want 2", on)
	}
	d, err = res.Diagram(3)
	if err != nil {
		t.Fatal(err)
	}
	if !d.Reduced || !slices.Equal(d.Nodes, []int{0, 1, 3}) || len(d.Edges) != 2 {
		t.Fatalf("reduced diagram %+v", d)
	}
	if _, err := res.Diagram(2); err == nil {
		t.Error("a diagram over the limit was accepted")
	}
}

// TestCancelCoalitions: with coalitional steps on the 16-option benchmark
// conflict (65,536 states), a context cancelled before or during the run
// stops Analyze with context.Canceled (generous time bound: the machine
// may be loaded).
func TestCancelCoalitions(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a 65,536-state model")
	}
	r, err := analysis.Run(context.Background(), bench.Conflict(bench.DMs, 16), analysis.Options{Concepts: []stability.Concept{stability.Nash}})
	if err != nil {
		t.Fatal(err)
	}
	for _, delay := range []time.Duration{0, 50 * time.Millisecond} {
		ctx, cancel := context.WithCancel(context.Background())
		if delay == 0 {
			cancel()
		} else {
			time.AfterFunc(delay, cancel)
		}
		start := time.Now()
		_, err := evolve.Analyze(ctx, r.Stability, 0, evolve.Options{Coalitions: true})
		cancel()
		if !errors.Is(err, context.Canceled) {
			t.Errorf("delay %v: %v, want context.Canceled", delay, err)
		}
		if took := time.Since(start); took > 10*time.Second {
			t.Errorf("delay %v: returned after %v", delay, took)
		}
	}
}

// TestDiagramOf: by default only the paths to the equilibria of the
// strongest concept with a reachable one; the key concept falls back along
// Strength when a stronger concept has no reachable equilibrium.
func TestDiagramOf(t *testing.T) {
	ctx := context.Background()
	r := run(t, example(t, "ukraine-security"))
	res, err := evolve.Analyze(ctx, r.Stability, 0, evolve.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if c, ok := res.KeyConcept(); !ok || c != stability.Nash {
		t.Errorf("key concept %v %v, want Nash", c, ok)
	}
	num := func(states []int) []int {
		out := make([]int, len(states))
		for i, s := range states {
			out[i] = s + 1
		}
		return out
	}
	d, err := res.DiagramOf(evolve.DiagramOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(num(d.Nodes), []int{1, 65, 68, 80, 176}) || len(d.Edges) != 4 || !d.Reduced || !d.Paths || !slices.Equal(d.Key, []stability.Concept{stability.Nash}) {
		t.Errorf("key diagram: nodes %v, %d edges, %+v", num(d.Nodes), len(d.Edges), d)
	}
	all, err := res.DiagramOf(evolve.DiagramOptions{Show: evolve.ShowAll})
	if err != nil {
		t.Fatal(err)
	}
	if len(all.Nodes) != len(res.Reached) || all.Paths {
		t.Errorf("ShowAll: %d nodes of %d reached", len(all.Nodes), len(res.Reached))
	}
	tg, err := res.DiagramOf(evolve.DiagramOptions{Show: evolve.ShowTargets})
	if err != nil {
		t.Fatal(err)
	}
	if len(tg.Nodes) <= len(d.Nodes) || len(tg.Nodes) >= len(all.Nodes) {
		t.Errorf("ShowTargets: %d nodes; key %d, all %d", len(tg.Nodes), len(d.Nodes), len(all.Nodes))
	}
	for _, s := range tg.Nodes {
		if res.Dist(s) < 0 {
			t.Errorf("ShowTargets draws unreachable state %d", s+1)
		}
	}
	// Without Nash, SEQ is the strongest: its reachable equilibria are 59,
	// 75 and 176, and the diagram draws one path to each.
	res, err = evolve.Analyze(ctx, r.Stability, 0, evolve.Options{Concepts: []stability.Concept{stability.GMR, stability.SEQ}})
	if err != nil {
		t.Fatal(err)
	}
	if c, _ := res.KeyConcept(); c != stability.SEQ {
		t.Errorf("key concept %v, want SEQ", c)
	}
	d, err = res.DiagramOf(evolve.DiagramOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []int{59, 75, 176} {
		if !slices.Contains(num(d.Nodes), want) {
			t.Errorf("SEQ key diagram lacks %d: %v", want, num(d.Nodes))
		}
	}
	for _, no := range []int{79, 163, 171} {
		if slices.Contains(num(d.Nodes), no) {
			t.Errorf("SEQ key diagram draws unreachable %d", no)
		}
	}
	if _, err := res.DiagramOf(evolve.DiagramOptions{MaxNodes: 3}); err == nil {
		t.Error("a diagram over the limit was accepted")
	}
}
