package strength_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/gmcr/gmcr/examples"
	"github.com/gmcr/gmcr/model"
	"github.com/gmcr/gmcr/stability"
	"github.com/gmcr/gmcr/strength"
	"github.com/gmcr/gmcr/uncertain"
)

func conceptOf(b stability.Concept, e uncertain.Extension) uncertain.Concept {
	return uncertain.Concept{Base: b, Ext: e}
}

func numbers(states []int) string {
	var out []string
	for _, s := range states {
		out = append(out, fmt.Sprint(s+1))
	}
	return "[" + strings.Join(out, " ") + "]"
}

// TestPrisonersDilemmaStrength checks the hand derivation of
// examples/EXPECTED.md ("prisoners-dilemma-strength"): mutual defection
// (4) is a strong equilibrium under every concept, mutual cooperation (1)
// a weak one under GMR, SMR and SEQ (weakly stable for P1, strongly for
// P2), with the witness and status quo paths stated there.
func TestPrisonersDilemmaStrength(t *testing.T) {
	ex, err := examples.Get("prisoners-dilemma-strength")
	if err != nil {
		t.Fatal(err)
	}
	m, err := model.Parse(ex.Data, ex.File)
	if err != nil {
		t.Fatal(err)
	}
	a := analyze(t, m)
	for _, b := range []stability.Concept{stability.Nash, stability.GMR, stability.SMR, stability.SEQ} {
		c := conceptOf(b, uncertain.A)
		strong, weak := a.Equilibria(c)
		wantWeak := "[1]"
		if b == stability.Nash {
			wantWeak = "[]"
		}
		if numbers(strong) != "[4]" || numbers(weak) != wantWeak {
			t.Errorf("%v: strong %s weak %s, want [4] and %s", b, numbers(strong), numbers(weak), wantWeak)
		}
		if b != stability.Nash && (!a.Weak(c, 0, 0) || !a.Strong(c, 1, 0)) {
			t.Errorf("%v at state 1: P1 weak %v, P2 strong %v; want both", b, a.Weak(c, 0, 0), a.Strong(c, 1, 0))
		}
	}
	if got := a.Relation.Compare(0, 1, 0); got != ">>" {
		t.Errorf("P1 compares 2 with 1: %s, want >>", got)
	}
	if got := a.Relation.Compare(1, 3, 0); got != "<<" {
		t.Errorf("P2 compares 4 with 1: %s, want <<", got)
	}
	exp, err := strength.Explain(context.Background(), a.Relation, conceptOf(stability.GMR, uncertain.A), 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	if !exp.Stable || exp.Strong || len(exp.Moves) != 1 {
		t.Fatalf("explanation %+v", exp)
	}
	if w := exp.Moves[0]; w.Move != 1 || w.End != 3 || w.Strong || len(w.Sequence) != 1 || w.Sequence[0] != (strength.Step{Mover: 1, From: 1, To: 3}) {
		t.Fatalf("witness %+v", w)
	}
	byImp, _ := strength.Evolve(a.Relation, 0, strength.Improvements)
	byStrong, _ := strength.Evolve(a.Relation, 0, strength.StrongMoves)
	if byImp.Dist(3) != 2 || byStrong.Dist(3) != -1 || byStrong.Dist(1) != 1 {
		t.Fatalf("status quo: to 4 in %d by improvements, %d by strong ones; to 2 in %d", byImp.Dist(3), byStrong.Dist(3), byStrong.Dist(1))
	}
}

// TestHybridPrisonersDilemma: the strength example with P1 also unable to
// compare mutual cooperation (1) with mutual defection (4). P1's UI
// 1 -> 2 is answered only by P2's 2 -> 4: under (a) and (b) 4 does not
// deter (unknown), so 1 is unstable for P1; under (c) and (d) it deters,
// and an unknown end counts as strong, so 1 is strongly GMR and SEQ stable
// for P1 and a strong equilibrium; under SMR, P1 can answer from 4 by
// moving to 3, only mildly worse than 1, so 1 is only weakly SMR stable.
func TestHybridPrisonersDilemma(t *testing.T) {
	ex, _ := examples.Get("prisoners-dilemma-strength")
	src := strings.Replace(string(ex.Data), "        - 3\n", "        - 3\n      unknown: [[1, 4]]\n", 1)
	m, err := model.Parse([]byte(src), "hybrid.yaml")
	if err != nil {
		t.Fatal(err)
	}
	a := analyze(t, m)
	for _, b := range []stability.Concept{stability.GMR, stability.SMR, stability.SEQ} {
		for e, want := range map[uncertain.Extension]string{uncertain.A: "[4] []", uncertain.B: "[4] []", uncertain.C: "[1 4] []", uncertain.D: "[1 4] []"} {
			if b == stability.SMR && (e == uncertain.C || e == uncertain.D) {
				want = "[4] [1]"
			}
			strong, weak := a.Equilibria(conceptOf(b, e))
			if got := numbers(strong) + " " + numbers(weak); got != want {
				t.Errorf("%v(%v): strong and weak equilibria %s, want %s", b, e, got, want)
			}
		}
	}
	if got := a.Relation.Compare(0, 3, 0); got != "U" {
		t.Errorf("P1 compares 4 with 1: %s, want U", got)
	}
}

// TestTooManyStrongStatements: tiers are 31-bit numbers, so more than 30
// strong statements are refused with a message, not overflowed.
func TestTooManyStrongStatements(t *testing.T) {
	var b strings.Builder
	b.WriteString("title: many\noptions: [{id: a}, {id: b}]\ndecision_makers:\n  - id: X\n    options: [a]\n    preferences:\n      statements:\n")
	for j := 0; j < 31; j++ {
		b.WriteString("        - {statement: a, strong: true}\n")
	}
	b.WriteString("  - id: Y\n    options: [b]\n    preferences: {statements: [b]}\n")
	m, err := model.Parse([]byte(b.String()), "many.yaml")
	if err != nil {
		t.Fatal(err)
	}
	ss, p := prepare(t, m)
	if _, err := strength.NewRelation(ss, p); err == nil || !strings.Contains(err.Error(), "31 strong statements; at most 30") {
		t.Fatalf("error %v", err)
	}
}

// TestExplainSMREscape checks the explanation of a weak SMR stability
// caused by the DM's own escape: P1 ranks 2 >> 1 > 3 >> 4, P2 ranks
// 4 > 3 > 1 > 2. From state 1, P1's move 1 -> 2 is answered by P2's
// 2 -> 4, strongly worse for P1, but P1 escapes 4 -> 3, only mildly worse
// than 1: the sanction is mild, and the witness must name the escape.
func TestExplainSMREscape(t *testing.T) {
	m, err := model.Parse([]byte(`title: t
options: [{id: d1}, {id: d2}]
decision_makers:
  - id: P1
    options: [d1]
    preferences: {ranking: [2, ">>", 1, 3, ">>", 4]}
  - id: P2
    options: [d2]
    preferences: {ranking: [4, 3, 1, 2]}
`), "smr.yaml")
	if err != nil {
		t.Fatal(err)
	}
	a := analyze(t, m)
	ex, err := strength.Explain(context.Background(), a.Relation, conceptOf(stability.SMR, uncertain.A), 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	if !ex.Stable || ex.Strong || len(ex.Moves) != 1 {
		t.Fatalf("SMR at 1 for P1: stable %v strong %v moves %+v; want weakly stable, one move", ex.Stable, ex.Strong, ex.Moves)
	}
	w := ex.Moves[0]
	if w.Move != 1 || w.End != 3 || w.Strong || w.Escape != 2 || w.Escaped != nil {
		t.Errorf("witness %+v: want move to 2, mild sanction ending at 4 with escape to 3", w)
	}
}
