package stability_test

import (
	"context"
	"reflect"
	"slices"
	"testing"

	"github.com/gmcr/gmcr/generate"
	"github.com/gmcr/gmcr/internal/bruteforce"
	"github.com/gmcr/gmcr/internal/testmodel"
	"github.com/gmcr/gmcr/model"
	"github.com/gmcr/gmcr/preference"
	"github.com/gmcr/gmcr/stability"
	"github.com/gmcr/gmcr/statespace"
)

// TestWitnessesCheck re-checks every explanation of every state, DM and
// concept on random conflicts against the definitions alone, using only
// the brute-force checker's moves and scores: each witness's sequence must
// be legal (movers from N-i, never the same DM twice in a row, each step a
// unilateral move, for SEQ an improvement of its mover) and end in a state
// no better for the DM; SMR's end must leave the DM no better move; SIM's
// choices must be stays or UIs that combine into the end state. A UI
// reported unsanctioned must have no sanction by the brute-force search.
func TestWitnessesCheck(t *testing.T) {
	ctx := context.Background()
	checked := map[bool]int{}
	// Seeds 150 and up are graph-form conflicts (testmodel.RandomGraph).
	for seed := int64(0); seed < 250; seed++ {
		var m *model.Model
		if seed < 150 {
			p := randomParams(seed)
			if p.Options > 6 {
				p.Options = p.DMs + int(seed%3)
			}
			var err error
			if m, err = generate.Conflict(p); err != nil {
				t.Fatal(err)
			}
		} else {
			m = testmodel.RandomGraph(t, seed)
		}
		ss, _ := statespace.Build(ctx, m, statespace.Options{})
		prefs, _ := preference.Compute(ss)
		a, err := stability.Analyze(ctx, ss, prefs, stability.Config{})
		if err != nil {
			t.Fatal(err)
		}
		codes := bruteforce.Feasible(m)
		score := bruteforce.Scores(m, codes)
		for _, c := range a.Concepts {
			for i := range m.DMs {
				opp := stability.Opponents(ss, i)
				for s := range codes {
					ex, err := stability.Explain(ss, prefs, c, i, s)
					if err != nil {
						t.Fatal(err)
					}
					if ex.Stable != a.Stable(c, i, s) {
						t.Fatalf("seed %d: %v state %d DM %d: Explain says stable=%v, Analyze %v", seed, c, s+1, i, ex.Stable, a.Stable(c, i, s))
					}
					uis := bruteforce.Improvements(m, codes, score, i, s)
					var got []int
					for _, w := range ex.UIs {
						got = append(got, w.UI)
					}
					if !slices.Equal(got, uis) {
						t.Fatalf("seed %d: UIs of DM %d at %d: %v, want %v", seed, i, s+1, got, uis)
					}
					for _, w := range ex.UIs {
						checked[w.Sanctioned]++
						checkWitness(t, seed, m.DMs[i].ID, c, i, s, w, opp, m, codes, score)
					}
				}
			}
		}
	}
	t.Logf("checked %d sanctioned and %d unsanctioned UIs", checked[true], checked[false])
	if checked[true] < 1000 || checked[false] < 1000 {
		t.Fatalf("too few witnesses exercised: %v", checked)
	}
}

func checkWitness(t *testing.T, seed int64, dmID string, c stability.Concept, i, s int, w stability.Witness, opp []int,
	mm *model.Model, codes []uint64, score [][]int64) {
	t.Helper()
	fail := func(format string, args ...any) {
		t.Helper()
		t.Fatalf("seed %d, %v, DM %s, state %d, UI %d: "+format, append([]any{seed, c, dmID, s + 1, w.UI + 1}, args...)...)
	}
	if esc := w.Escaped; esc != nil {
		// An escaped GMR sanction: legal, no better for the DM, and the
		// DM's counter-move from it is better than the focal state.
		at, last := w.UI, -1
		for _, st := range esc.Sequence {
			if st.From != at || st.Mover == last || !slices.Contains(opp, st.Mover) ||
				!slices.Contains(bruteforce.Moves(mm, codes, st.Mover, st.From), st.To) {
				fail("illegal escape step %+v", st)
			}
			at, last = st.To, st.Mover
		}
		if at != esc.End || score[i][esc.End] > score[i][s] ||
			!slices.Contains(bruteforce.Moves(mm, codes, i, esc.End), esc.Counter) || score[i][esc.Counter] <= score[i][s] {
			fail("escape %+v does not check", esc)
		}
		if w.Sanctioned || c != stability.SMR {
			fail("an escape is reported only for an unsanctioned SMR UI")
		}
	}
	if !w.Sanctioned {
		checkTried(t, fail, c, i, s, w, opp, mm, codes, score)
		// No sanction may exist.
		switch c {
		case stability.GMR, stability.SEQ, stability.SMR:
			for _, t2 := range bruteforce.Reach(mm, codes, score, opp, w.UI, c == stability.SEQ) {
				ok := score[i][t2] <= score[i][s]
				if c == stability.SMR {
					for _, t3 := range bruteforce.Moves(mm, codes, i, t2) {
						if score[i][t3] > score[i][s] {
							ok = false
						}
					}
				}
				if ok {
					fail("reported unsanctioned, but state %d sanctions it", t2+1)
				}
			}
		case stability.SIM:
			if len(bruteforce.SIMSanctions(mm, codes, score, i, s, w.UI)) > 0 {
				fail("reported unsanctioned, but a SIM sanction exists")
			}
		}
		return
	}
	if score[i][w.End] > score[i][s] {
		fail("end state %d is better for the DM", w.End+1)
	}
	switch c {
	case stability.GMR, stability.SMR, stability.SEQ:
		at, last := w.UI, -1
		if len(w.Sequence) == 0 {
			fail("empty sequence")
		}
		for _, st := range w.Sequence {
			if st.From != at || st.Mover == last || !slices.Contains(opp, st.Mover) {
				fail("illegal step %+v", st)
			}
			if !slices.Contains(bruteforce.Moves(mm, codes, st.Mover, st.From), st.To) {
				fail("step %+v is not a unilateral move", st)
			}
			if c == stability.SEQ && score[st.Mover][st.To] <= score[st.Mover][st.From] {
				fail("SEQ step %+v is not an improvement for its mover", st)
			}
			at, last = st.To, st.Mover
		}
		if at != w.End {
			fail("sequence ends at %d, not %d", at+1, w.End+1)
		}
		if c == stability.SMR {
			for _, t3 := range bruteforce.Moves(mm, codes, i, w.End) {
				if score[i][t3] > score[i][s] {
					fail("the DM escapes the SMR sanction by moving to %d", t3+1)
				}
			}
		}
	case stability.SIM:
		targets := []int{w.UI}
		for _, ch := range w.Choices {
			if ch.Stays {
				if ch.State != s {
					fail("a staying choice must be the focal state")
				}
				continue
			}
			if !slices.Contains(bruteforce.Improvements(mm, codes, score, ch.DM, s), ch.State) {
				fail("choice %+v is not a UI of its DM", ch)
			}
			targets = append(targets, ch.State)
		}
		if got, ok := bruteforce.Combine(codes, s, targets); !ok || got != w.End {
			fail("choices combine to %d (feasible %v), not %d", got+1, ok, w.End+1)
		}
	}
}

// checkTried re-checks what an unsanctioned UI's explanation says was
// tried: the number of the other DMs' responses (the states they reach
// from the UI, or for SIM the combinations of their choices), the list
// when short, and the strongest response: one the DM likes least (for
// SMR: after its best counter-move), reached by the legal sequence or
// the choices shown, and still better for the DM than the focal state.
func checkTried(t *testing.T, fail func(string, ...any), c stability.Concept, i, s int, w stability.Witness, opp []int,
	mm *model.Model, codes []uint64, score [][]int64) {
	t.Helper()
	tr := w.Tried
	if c == stability.Nash {
		if tr != nil {
			fail("Nash reports responses tried")
		}
		return
	}
	if tr == nil {
		fail("no record of the responses tried")
	}
	// value is what the DM gets from a response: its score of it, or for
	// SMR of its best state from it.
	value := func(x int) int64 {
		v := score[i][x]
		if c == stability.SMR {
			for _, y := range bruteforce.Moves(mm, codes, i, x) {
				v = max(v, score[i][y])
			}
		}
		return v
	}
	var states []int
	count := 0
	if c == stability.SIM {
		count, states = bruteforce.SIMResponses(mm, codes, score, i, s, w.UI)
	} else {
		states = bruteforce.Reach(mm, codes, score, opp, w.UI, c == stability.SEQ)
		count = len(states)
	}
	if tr.Responses != count {
		fail("%d responses tried, the brute force finds %d", tr.Responses, count)
	}
	if len(states) <= stability.MaxTriedListed && !slices.Equal(tr.States, states) {
		fail("responses listed %v, want %v", tr.States, states)
	}
	if len(states) > stability.MaxTriedListed && tr.States != nil {
		fail("a long list of responses is listed")
	}
	if len(states) == 0 {
		if tr.Strongest != -1 {
			fail("a strongest response without responses")
		}
		return
	}
	if !slices.Contains(states, tr.Strongest) {
		fail("strongest response %d is not a response", tr.Strongest+1)
	}
	for _, x := range states {
		if value(x) < value(tr.Strongest) {
			fail("response %d is stronger than the one shown, %d", x+1, tr.Strongest+1)
		}
	}
	if value(tr.Strongest) <= score[i][s] {
		fail("the strongest response %d would be a sanction", tr.Strongest+1)
	}
	switch c {
	case stability.SMR:
		if tr.Counter != tr.Strongest && !slices.Contains(bruteforce.Moves(mm, codes, i, tr.Strongest), tr.Counter) ||
			score[i][tr.Counter] != value(tr.Strongest) {
			fail("counter-move %d from %d is not the DM's best", tr.Counter+1, tr.Strongest+1)
		}
	case stability.SIM:
		targets := []int{w.UI}
		for _, ch := range tr.Choices {
			if ch.Stays {
				if ch.State != s {
					fail("a staying choice must be the focal state")
				}
				continue
			}
			if !slices.Contains(bruteforce.Improvements(mm, codes, score, ch.DM, s), ch.State) {
				fail("choice %+v is not a UI of its DM", ch)
			}
			targets = append(targets, ch.State)
		}
		if got, ok := bruteforce.Combine(codes, s, targets); !ok || got != tr.Strongest {
			fail("choices combine to %d (feasible %v), not %d", got+1, ok, tr.Strongest+1)
		}
	}
	if c != stability.SIM {
		at, last := w.UI, -1
		for _, st := range tr.Sequence {
			if st.From != at || st.Mover == last || !slices.Contains(opp, st.Mover) ||
				!slices.Contains(bruteforce.Moves(mm, codes, st.Mover, st.From), st.To) {
				fail("illegal step %+v to the strongest response", st)
			}
			if c == stability.SEQ && score[st.Mover][st.To] <= score[st.Mover][st.From] {
				fail("SEQ step %+v is not an improvement for its mover", st)
			}
			at, last = st.To, st.Mover
		}
		if at != tr.Strongest || len(tr.Sequence) == 0 {
			fail("the sequence shown ends at %d, not at the strongest response %d", at+1, tr.Strongest+1)
		}
	}
}

// TestSanctionedAgreesWithExplain checks Analysis.Sanctioned (with the
// sanction minima kept, and without) and ExplainUI against Explain's
// witnesses for every concept, DM, state and UI of random conflicts.
func TestSanctionedAgreesWithExplain(t *testing.T) {
	ctx := context.Background()
	for seed := int64(0); seed < 120; seed++ {
		p := randomParams(seed)
		if p.Options > 7 {
			continue
		}
		m, err := generate.Conflict(p)
		if err != nil {
			t.Fatal(err)
		}
		ss, err := statespace.Build(ctx, m, statespace.Options{})
		if err != nil {
			t.Fatal(err)
		}
		prefs, err := preference.Compute(ss)
		if err != nil {
			t.Fatal(err)
		}
		kept, err := stability.Analyze(ctx, ss, prefs, stability.Config{KeepMinima: true})
		if err != nil {
			t.Fatal(err)
		}
		plain, err := stability.Analyze(ctx, ss, prefs, stability.Config{})
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range stability.Concepts {
			for dm := range ss.DMs {
				for s := 0; s < ss.Len(); s++ {
					ex, err := stability.Explain(ss, prefs, c, dm, s)
					if err != nil {
						t.Fatal(err)
					}
					for _, w := range ex.UIs {
						one, err := stability.ExplainUI(ss, prefs, c, dm, s, w.UI)
						if err != nil {
							t.Fatal(err)
						}
						if !reflect.DeepEqual(one, w) {
							t.Fatalf("seed %d %v dm %d state %d UI %d: ExplainUI %+v, Explain %+v", seed, c, dm, s+1, w.UI+1, one, w)
						}
						if a, b := kept.Sanctioned(c, dm, s, w.UI), plain.Sanctioned(c, dm, s, w.UI); a != w.Sanctioned || b != w.Sanctioned {
							t.Fatalf("seed %d %v dm %d state %d UI %d: Sanctioned %v (kept minima) %v (search), witness %v", seed, c, dm, s+1, w.UI+1, a, b, w.Sanctioned)
						}
					}
				}
			}
		}
	}
}

func TestExplainUIErrors(t *testing.T) {
	ctx := context.Background()
	m, err := generate.Conflict(generate.DefaultParams(2, 3, 1))
	if err != nil {
		t.Fatal(err)
	}
	ss, _ := statespace.Build(ctx, m, statespace.Options{})
	prefs, _ := preference.Compute(ss)
	for _, bad := range [][3]int{{0, 0, 0}, {5, 0, 1}, {0, -1, 0}, {0, 0, ss.Len()}} {
		if _, err := stability.ExplainUI(ss, prefs, stability.GMR, bad[0], bad[1], bad[2]); err == nil {
			t.Errorf("ExplainUI(dm %d, state %d, UI %d) accepted", bad[0], bad[1], bad[2])
		}
	}
}
