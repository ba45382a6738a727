package coalition_test

import (
	"context"
	"reflect"
	"slices"
	"testing"

	"github.com/gmcr/gmcr/analysis"
	"github.com/gmcr/gmcr/coalition"
	"github.com/gmcr/gmcr/internal/bruteforce"
	"github.com/gmcr/gmcr/internal/testmodel"
	"github.com/gmcr/gmcr/model"
	"github.com/gmcr/gmcr/reach"
	"github.com/gmcr/gmcr/stability"
)

// random returns the i-th random conflict of the agreement tests: 2 to 4
// DMs, 2 to 6 options, every model feature on.
func random(t testing.TB, i int) *model.Model {
	t.Helper()
	dms := 2 + i%3
	p := testmodel.Mixed(dms, dms+(i/3)%3, int64(1000+i))
	p.Irreversible = 0.3
	return testmodel.Random(t, p)
}

// randomMisperceived is the i-th random conflict with misperceptions
// (a hypergame: DMs without moves from or into some states).
func randomMisperceived(t testing.TB, i int) *model.Model {
	t.Helper()
	dms := 2 + i%3
	p := testmodel.Mixed(dms, dms+1+(i/3)%3, int64(5000+i))
	p.Misperceived = 0.6
	return testmodel.Random(t, p)
}

func prepare(t testing.TB, m *model.Model) *analysis.Result { return testmodel.Run(t, m) }

func example(t testing.TB, name string) *model.Model { return testmodel.Example(t, name) }

// bfStable decides coalitional stability from the definitions, with the
// brute-force checker's reachability.
func bfStable(m *model.Model, codes []uint64, scores [][]int64, c coalition.Concept, h []int, s int) bool {
	var comp []int
	for i := range m.DMs {
		if !slices.Contains(h, i) {
			comp = append(comp, i)
		}
	}
	better := func(x int) bool {
		for _, k := range h {
			if scores[k][x] <= scores[k][s] {
				return false
			}
		}
		return true
	}
	for _, s1 := range bruteforce.CoalitionImprovements(m, codes, scores, h, s) {
		ok := false
		switch c {
		case coalition.CGMR, coalition.CSEQ:
			for _, s2 := range bruteforce.Reach(m, codes, scores, comp, s1, c == coalition.CSEQ) {
				ok = ok || !better(s2)
			}
		case coalition.CSMR:
			for _, s2 := range bruteforce.Reach(m, codes, scores, comp, s1, false) {
				if better(s2) {
					continue
				}
				all := true
				for _, s3 := range bruteforce.Reach(m, codes, scores, h, s2, false) {
					all = all && !better(s3)
				}
				ok = ok || all
			}
		}
		if !ok {
			return false
		}
	}
	return true
}

// TestAgreement checks, on 600 random conflicts (every fourth with
// misperceptions), the coalitional improvements of every coalition from
// every state against bruteforce.CoalitionImprovements, and the four
// coalitional concepts of the all-states engine against the definitions.
func TestAgreement(t *testing.T) {
	ctx := context.Background()
	n := 600
	if testing.Short() {
		n = 100
	}
	nonEmpty := 0
	differ := map[[2]coalition.Concept]int{}
	for i := 0; i < n; i++ {
		m := random(t, i)
		if i%4 == 3 {
			m = randomMisperceived(t, i)
		}
		r := prepare(t, m)
		codes := bruteforce.Feasible(m)
		scores := bruteforce.Scores(m, codes)
		if !slices.Equal(codes, r.Space.Codes) {
			t.Fatalf("conflict %d: state spaces differ", i)
		}
		all := coalition.All(len(m.DMs))
		for s := range codes {
			for _, h := range all {
				want := bruteforce.CoalitionImprovements(m, codes, scores, h, s)
				var got []int
				for _, imp := range coalition.Improvements(r.Space, r.Prefs, h, s) {
					got = append(got, imp.To)
					checkSequence(t, r, imp)
				}
				if !slices.Equal(got, want) {
					t.Fatalf("conflict %d, coalition %v, state %d: improvements %v, want %v", i, h, s+1, got, want)
				}
				if len(got) > 0 {
					nonEmpty++
				}
			}
		}
		a, err := coalition.Analyze(ctx, r.Space, r.Prefs, coalition.Config{})
		if err != nil {
			t.Fatal(err)
		}
		for hi, h := range a.Coalitions {
			for _, c := range coalition.Concepts {
				for s := range codes {
					if got, want := a.Stable(c, hi, s), bfStable(m, codes, scores, c, h, s); got != want {
						t.Fatalf("conflict %d (%s), %v for %v at state %d: %v, definitions say %v", i, m.Title, c, h, s+1, got, want)
					}
					for _, d := range coalition.Concepts {
						if len(h) > 1 && a.Stable(c, hi, s) != a.Stable(d, hi, s) {
							differ[[2]coalition.Concept{c, d}]++
						}
					}
				}
			}
		}
	}
	// The conflicts must exercise the definitions: coalitions with
	// improvements, and concepts that tell states apart.
	if nonEmpty < 1000 {
		t.Errorf("only %d (coalition, state) pairs with a coalitional improvement", nonEmpty)
	}
	for _, pr := range [][2]coalition.Concept{{coalition.CNash, coalition.CGMR}, {coalition.CSMR, coalition.CGMR}, {coalition.CSEQ, coalition.CGMR}, {coalition.CSMR, coalition.CSEQ}} {
		if differ[pr] == 0 {
			t.Errorf("%v and %v never differ for a coalition", pr[0], pr[1])
		}
	}
	t.Logf("%d pairs with improvements; differences %v", nonEmpty, differ)
}

// checkSequence re-checks an improvement's legal sequence: chained from
// From to To, each step a unilateral move of a member, no member twice in
// a row, and To better for every member than From.
func checkSequence(t *testing.T, r *analysis.Result, imp coalition.Improvement) {
	t.Helper()
	at, last := imp.From, -1
	for _, st := range imp.Sequence {
		if st.From != at || st.Mover == last || !coalition.Contains(imp.Coalition, st.Mover) {
			t.Fatalf("bad sequence %v for %v", imp.Sequence, imp)
		}
		legal := false
		r.Space.Moves(st.Mover, st.From, func(x int) bool { legal = legal || x == st.To; return true })
		if !legal {
			t.Fatalf("step %v is not a unilateral move", st)
		}
		at, last = st.To, st.Mover
	}
	if at != imp.To || len(imp.Sequence) == 0 || !coalition.Improves(r.Prefs, imp.Coalition, imp.To, imp.From) {
		t.Fatalf("sequence %v does not realise %d -> %d", imp.Sequence, imp.From+1, imp.To+1)
	}
}

// TestSingletonsAreIndividual checks that for one DM alone each
// coalitional concept is the individual one, and the inclusions
// CNash ⊆ CSMR ⊆ CGMR and CNash ⊆ CSEQ ⊆ CGMR for every coalition.
func TestSingletonsAreIndividual(t *testing.T) {
	ctx := context.Background()
	for i := 0; i < 200; i++ {
		m := random(t, i)
		if i%4 == 3 {
			m = randomMisperceived(t, i)
		}
		r := prepare(t, m)
		a, err := coalition.Analyze(ctx, r.Space, r.Prefs, coalition.Config{})
		if err != nil {
			t.Fatal(err)
		}
		// Taking the DMs alone from the individual analysis changes
		// nothing.
		b, err := coalition.Analyze(ctx, r.Space, r.Prefs, coalition.Config{Individual: r.Stability})
		if err != nil {
			t.Fatal(err)
		}
		for h := range a.Coalitions {
			for _, c := range coalition.Concepts {
				for s := 0; s < r.Space.Len(); s++ {
					if a.Stable(c, h, s) != b.Stable(c, h, s) {
						t.Fatalf("conflict %d: %v for %v at %d differs with Individual", i, c, a.Coalitions[h], s+1)
					}
				}
			}
		}
		for dm := range m.DMs {
			if a.Index([]int{dm}) != dm {
				t.Fatalf("DM %d alone is not coalition %d", dm, dm)
			}
			for _, c := range coalition.Concepts {
				for s := 0; s < r.Space.Len(); s++ {
					if a.Stable(c, dm, s) != r.Stability.Stable(c.Individual(), dm, s) {
						t.Fatalf("conflict %d: %v for DM %d alone at %d differs from %v", i, c, dm, s+1, c.Individual())
					}
				}
			}
		}
		for h := range a.Coalitions {
			for s := 0; s < r.Space.Len(); s++ {
				st := func(c coalition.Concept) bool { return a.Stable(c, h, s) }
				if st(coalition.CNash) && !st(coalition.CSMR) || st(coalition.CSMR) && !st(coalition.CGMR) ||
					st(coalition.CNash) && !st(coalition.CSEQ) || st(coalition.CSEQ) && !st(coalition.CGMR) {
					t.Fatalf("conflict %d: inclusions fail for %v at %d", i, a.Coalitions[h], s+1)
				}
			}
		}
	}
}

// TestExplainAgrees checks that Explain's verdict is Analyze's, and that
// every sanction witness is a legal sequence of the complement's moves
// ending in a state that fails the coalition.
func TestExplainAgrees(t *testing.T) {
	ctx := context.Background()
	tried := 0
	defer func() {
		if !t.Failed() && tried < 100 {
			t.Errorf("only %d unsanctioned improvements checked", tried)
		}
	}()
	for i := 0; i < 80; i++ {
		m := random(t, i)
		r := prepare(t, m)
		a, err := coalition.Analyze(ctx, r.Space, r.Prefs, coalition.Config{})
		if err != nil {
			t.Fatal(err)
		}
		codes := bruteforce.Feasible(m)
		scores := bruteforce.Scores(m, codes)
		for h, co := range a.Coalitions {
			comp := coalition.Complement(r.Space, co)
			for _, c := range coalition.Concepts {
				for s := 0; s < r.Space.Len(); s++ {
					ex, err := coalition.Explain(r.Space, r.Prefs, c, co, s)
					if err != nil {
						t.Fatal(err)
					}
					if ex.Stable != a.Stable(c, h, s) {
						t.Fatalf("conflict %d: Explain(%v, %v, %d) = %v, Analyze %v", i, c, co, s+1, ex.Stable, !ex.Stable)
					}
					for _, w := range ex.Improvements {
						if !w.Sanctioned {
							// What was tried: exactly the complement's
							// reachable states (issue 10, item 5).
							if c == coalition.CNash {
								if w.Tried != nil {
									t.Fatalf("CNash reports responses tried")
								}
								continue
							}
							want := bruteforce.Reach(m, codes, scores, comp, w.Improvement.To, c == coalition.CSEQ)
							if w.Tried == nil || w.Tried.Responses != len(want) ||
								(len(want) <= stability.MaxTriedListed && !slices.Equal(w.Tried.States, want)) ||
								(len(want) > stability.MaxTriedListed && w.Tried.States != nil) {
								t.Fatalf("conflict %d: %v %v at %d: tried %+v, the complement reaches %v", i, c, co, s+1, w.Tried, want)
							}
							tried++
							continue
						}
						at, last := w.Improvement.To, -1
						for _, st := range w.Sequence {
							if st.From != at || st.Mover == last || !slices.Contains(comp, st.Mover) {
								t.Fatalf("bad sanction %v", w.Sequence)
							}
							if c == coalition.CSEQ && !r.Prefs.Prefers(st.Mover, st.To, st.From) {
								t.Fatalf("CSEQ sanction step %v is no improvement", st)
							}
							at, last = st.To, st.Mover
						}
						if at != w.End || len(w.Sequence) == 0 || r.Prefs.Prefers(w.Deterred, w.End, s) || !slices.Contains(co, w.Deterred) {
							t.Fatalf("sanction %v does not end in a state failing %v", w, co)
						}
					}
				}
			}
		}
	}
}

// TestPrisonersDilemma: mutual defection (4) is the only Nash equilibrium;
// the coalition of both players upsets it by returning to mutual
// cooperation (1), P1 withdrawing its defection first (4 -> 3), then P2
// (3 -> 1). No DM outside the grand coalition can sanction, so 4 is no
// coalitional equilibrium under any concept; mutual cooperation (1) is
// stable under CGMR, CSMR and CSEQ (the individual sanctions still work,
// and the pair has no improvement from 1), but not under CNash.
func TestPrisonersDilemma(t *testing.T) {
	r := prepare(t, example(t, "prisoners-dilemma"))
	ss, p := r.Space, r.Prefs
	imps := coalition.Improvements(ss, p, []int{0, 1}, 3)
	want := []coalition.Improvement{{Coalition: []int{0, 1}, From: 3, To: 0, Sequence: []reach.Step{{Mover: 0, From: 3, To: 2}, {Mover: 1, From: 2, To: 0}}}}
	if !reflect.DeepEqual(imps, want) {
		t.Fatalf("improvements from 4: %+v", imps)
	}
	a, err := coalition.Analyze(context.Background(), ss, p, coalition.Config{})
	if err != nil {
		t.Fatal(err)
	}
	eq := map[coalition.Concept][]int{}
	for _, c := range coalition.Concepts {
		eq[c] = a.Equilibria(c)
	}
	wantEq := map[coalition.Concept][]int{coalition.CNash: nil, coalition.CGMR: {0}, coalition.CSMR: {0}, coalition.CSEQ: {0}}
	if !reflect.DeepEqual(eq, wantEq) {
		t.Errorf("coalitional equilibria %v, want %v", eq, wantEq)
	}
	checks, err := coalition.Upsets(context.Background(), r.Stability, a, coalition.AllMoves)
	if err != nil {
		t.Fatal(err)
	}
	// GMR, SMR and SEQ equilibria are 1 and 4; Nash only 4.
	if len(checks) != 2 || checks[0].State != 0 || checks[1].State != 3 {
		t.Fatalf("checks %+v", checks)
	}
	if len(checks[0].Upsets) != 0 {
		t.Errorf("state 1 upset: %+v", checks[0].Upsets)
	}
	up := checks[1].Upsets
	if len(up) != 4 {
		t.Fatalf("state 4: %d upsets, want 4 (one per concept)", len(up))
	}
	for k, c := range []coalition.Concept{coalition.CNash, coalition.CGMR, coalition.CSMR, coalition.CSEQ} {
		if up[k].Concept != c || !slices.Equal(up[k].Coalition, []int{0, 1}) || up[k].Improvements != 1 ||
			len(up[k].Unsanctioned) != 1 || !reflect.DeepEqual(up[k].Unsanctioned[0], want[0]) {
			t.Errorf("upset %d: %+v", k, up[k])
		}
	}
}

// TestChicken: no coalition can upset any equilibrium of Chicken: from
// 1, 2 or 3 no state is better for both drivers.
func TestChicken(t *testing.T) {
	r := prepare(t, example(t, "chicken"))
	a, err := coalition.Analyze(context.Background(), r.Space, r.Prefs, coalition.Config{})
	if err != nil {
		t.Fatal(err)
	}
	checks, err := coalition.Upsets(context.Background(), r.Stability, a, coalition.AllMoves)
	if err != nil {
		t.Fatal(err)
	}
	var states []int
	for _, ch := range checks {
		states = append(states, ch.State)
		if len(ch.Upsets) != 0 {
			t.Errorf("state %d upset by %+v", ch.State+1, ch.Upsets)
		}
	}
	if !slices.Equal(states, []int{0, 1, 2}) {
		t.Errorf("checked states %v", states)
	}
	// From 4 (crash) both drivers prefer every other state, and the pair
	// reaches each of them.
	var to []int
	for _, imp := range coalition.Improvements(r.Space, r.Prefs, []int{0, 1}, 3) {
		to = append(to, imp.To)
	}
	if !slices.Equal(to, []int{0, 1, 2}) {
		t.Errorf("improvements from 4: %v", to)
	}
}

func TestParseAndAll(t *testing.T) {
	r := prepare(t, example(t, "elmira"))
	h, err := coalition.Parse(r.Space, "LG+MoE")
	if err != nil || !slices.Equal(h, []int{0, 2}) {
		t.Errorf("Parse LG+MoE = %v, %v", h, err)
	}
	for _, bad := range []string{"MoE", "MoE,MoE", "MoE,Nobody", ""} {
		if _, err := coalition.Parse(r.Space, bad); err == nil {
			t.Errorf("Parse(%q) accepted", bad)
		}
	}
	for in, want := range map[string]coalition.Concept{"CNash": coalition.CNash, "gmr": coalition.CGMR, "cSMR": coalition.CSMR, "SEQ": coalition.CSEQ, "R": coalition.CNash} {
		if c, err := coalition.ParseConcept(in); err != nil || c != want {
			t.Errorf("ParseConcept(%q) = %v, %v", in, c, err)
		}
	}
	if _, err := coalition.ParseConcept("SIM"); err == nil {
		t.Error("ParseConcept(SIM) accepted")
	}
	if got := coalition.All(3); !reflect.DeepEqual(got, [][]int{{0, 1}, {0, 2}, {1, 2}, {0, 1, 2}}) {
		t.Errorf("All(3) = %v", got)
	}
	if _, err := coalition.Analyze(context.Background(), r.Space, r.Prefs, coalition.Config{Coalitions: [][]int{{2, 0}}}); err == nil {
		t.Error("unsorted coalition accepted")
	}
	if _, err := coalition.Analyze(context.Background(), r.Space, r.Prefs, coalition.Config{States: []int{99}}); err == nil {
		t.Error("state out of range accepted")
	}
}

// bfJointReach is the set of states the DMs of comp reach from s1 by a
// sequence of joint improvements (coalition.Joint), from the brute-force
// checker's unilateral and coalitional improvements, breadth first.
func bfJointReach(m *model.Model, codes []uint64, scores [][]int64, comp []int, s1 int) []int {
	var groups [][]int
	for mask := 1; mask < 1<<len(comp); mask++ {
		var g []int
		for i, k := range comp {
			if mask&(1<<i) != 0 {
				g = append(g, k)
			}
		}
		groups = append(groups, g)
	}
	seen := map[int]bool{}
	queue := []int{s1}
	var out []int
	for i := 0; i < len(queue); i++ {
		x := queue[i]
		for _, g := range groups {
			var next []int
			if len(g) == 1 {
				next = bruteforce.Improvements(m, codes, scores, g[0], x)
			} else {
				next = bruteforce.CoalitionImprovements(m, codes, scores, g, x)
			}
			for _, t := range next {
				if !seen[t] {
					seen[t] = true
					out = append(out, t)
					queue = append(queue, t)
				}
			}
		}
	}
	return out
}

// TestJointSanctions checks CSEQ with joint sanctions against the
// definition on 600 random conflicts (every fourth with misperceptions):
// the improvement s -> s1 of H is sanctioned iff some state the outsiders
// reach from s1 by joint improvements fails H. It also checks Explain's
// verdicts and witnesses on the first 60, and that the variants differ
// somewhere.
func TestJointSanctions(t *testing.T) {
	ctx := context.Background()
	n := 600
	if testing.Short() {
		n = 100
	}
	differ := 0
	for i := 0; i < n; i++ {
		m := random(t, i)
		if i%4 == 3 {
			m = randomMisperceived(t, i)
		}
		r := prepare(t, m)
		codes := bruteforce.Feasible(m)
		scores := bruteforce.Scores(m, codes)
		a, err := coalition.Analyze(ctx, r.Space, r.Prefs, coalition.Config{Concepts: []coalition.Concept{coalition.CSEQ}, Sanctions: coalition.Joint})
		if err != nil {
			t.Fatal(err)
		}
		u, err := coalition.Analyze(ctx, r.Space, r.Prefs, coalition.Config{Concepts: []coalition.Concept{coalition.CSEQ}})
		if err != nil {
			t.Fatal(err)
		}
		for hi, h := range a.Coalitions {
			comp := coalition.Complement(r.Space, h)
			for s := range codes {
				want := true
				for _, s1 := range bruteforce.CoalitionImprovements(m, codes, scores, h, s) {
					ok := false
					for _, s2 := range bfJointReach(m, codes, scores, comp, s1) {
						for _, k := range h {
							ok = ok || scores[k][s2] <= scores[k][s]
						}
					}
					want = want && ok
				}
				if got := a.Stable(coalition.CSEQ, hi, s); got != want {
					t.Fatalf("conflict %d (%s): joint CSEQ for %v at %d: %v, definition says %v", i, m.Title, h, s+1, got, want)
				}
				if a.Stable(coalition.CSEQ, hi, s) != u.Stable(coalition.CSEQ, hi, s) {
					differ++
				}
				if i >= 60 {
					continue
				}
				ex, err := coalition.ExplainContext(ctx, r.Space, r.Prefs, coalition.Joint, coalition.CSEQ, h, s)
				if err != nil {
					t.Fatal(err)
				}
				if ex.Stable != want {
					t.Fatalf("conflict %d: joint Explain(%v, %d) = %v", i, h, s+1, ex.Stable)
				}
				for _, w := range ex.Improvements {
					if !w.Sanctioned {
						continue
					}
					at := w.Improvement.To
					for _, st := range w.Sequence {
						legal := false
						r.Space.Moves(st.Mover, st.From, func(x int) bool { legal = legal || x == st.To; return true })
						if st.From != at || !legal || !slices.Contains(comp, st.Mover) {
							t.Fatalf("bad joint sanction %v", w.Sequence)
						}
						at = st.To
					}
					if at != w.End || r.Prefs.Prefers(w.Deterred, w.End, s) {
						t.Fatalf("joint sanction %v does not end in a state failing %v", w, h)
					}
				}
			}
		}
	}
	if differ == 0 {
		t.Error("joint and unilateral CSEQ sanctions never differ")
	}
	t.Logf("joint and unilateral CSEQ differ at %d (coalition, state) pairs", differ)
}

// TestUpsetDetails checks, on 200 random conflicts (every fourth with
// misperceptions, every other one with joint CSEQ sanctions), that the
// upsetting moves Upsets lists with details are exactly Explain's
// unsanctioned improvements, with the same sequences, and the counts its
// improvements.
func TestUpsetDetails(t *testing.T) {
	ctx := context.Background()
	n := 200
	if testing.Short() {
		n = 50
	}
	moves := 0
	for i := 0; i < n; i++ {
		m := random(t, i)
		if i%4 == 3 {
			m = randomMisperceived(t, i)
		}
		sanctions := coalition.Unilateral
		if i%2 == 1 {
			sanctions = coalition.Joint
		}
		r := prepare(t, m)
		a, err := coalition.Analyze(ctx, r.Space, r.Prefs, coalition.Config{Sanctions: sanctions, Individual: r.Stability})
		if err != nil {
			t.Fatal(err)
		}
		checks, err := coalition.Upsets(ctx, r.Stability, a, coalition.AllMoves)
		if err != nil {
			t.Fatal(err)
		}
		for _, ch := range checks {
			for _, u := range ch.Upsets {
				ex, err := coalition.ExplainContext(ctx, r.Space, r.Prefs, sanctions, u.Concept, u.Coalition, ch.State)
				if err != nil {
					t.Fatal(err)
				}
				var want []coalition.Improvement
				for _, w := range ex.Improvements {
					if !w.Sanctioned {
						want = append(want, w.Improvement)
					}
				}
				if ex.Stable || u.Improvements != len(ex.Improvements) || !reflect.DeepEqual(u.Unsanctioned, want) {
					t.Fatalf("conflict %d, state %d, %v for %v: %d improvements, unsanctioned %+v; Explain: %d, %+v", i, ch.State+1, u.Concept, u.Coalition, u.Improvements, u.Unsanctioned, len(ex.Improvements), want)
				}
				moves += len(want)
			}
		}
		// Counted only: the same counts, nothing listed.
		counted, err := coalition.Upsets(ctx, r.Stability, a, coalition.CountMoves)
		if err != nil {
			t.Fatal(err)
		}
		for k, ch := range checks {
			for j, u := range ch.Upsets {
				c := counted[k].Upsets[j]
				if c.Improvements != u.Improvements || c.UnsanctionedCount != u.UnsanctionedCount || c.Unsanctioned != nil {
					t.Fatalf("conflict %d, state %d: counted upset %+v, listed %+v", i, ch.State+1, c, u)
				}
			}
		}
		// At most two moves listed: the first two, with the same counts.
		capped, err := coalition.Upsets(ctx, r.Stability, a, 2)
		if err != nil {
			t.Fatal(err)
		}
		for k, ch := range checks {
			for j, u := range ch.Upsets {
				c := capped[k].Upsets[j]
				if c.Improvements != u.Improvements || c.UnsanctionedCount != len(u.Unsanctioned) || u.UnsanctionedCount != len(u.Unsanctioned) ||
					!reflect.DeepEqual(c.Unsanctioned, u.Unsanctioned[:min(2, len(u.Unsanctioned))]) {
					t.Fatalf("conflict %d, state %d: capped upset %+v, uncapped %+v", i, ch.State+1, c, u)
				}
			}
		}
	}
	if moves < 500 {
		t.Errorf("only %d upsetting moves compared", moves)
	}
	t.Logf("%d upsetting moves compared", moves)
}
