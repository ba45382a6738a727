package uncertain_test

import (
	"fmt"
	"testing"

	"github.com/gmcr/gmcr/model"
	"github.com/gmcr/gmcr/stability"
	"github.com/gmcr/gmcr/uncertain"
)

// TestPrisonersDilemmaUnknown checks a hand-derived case
// (testdata/pd-unknown.yaml): P1 ranks 2 > 1 > 4 > 3 but does not know
// how 1 (mutual cooperation) compares with 4 (mutual defection); P2 ranks
// 3 > 1 > 4 > 2. At state 1, P1's improvement 1 -> 2 is answered by P2's
// 2 -> 4, which P1 cannot compare with 1: it deters under (c) and (d)
// only. P2's improvement 1 -> 3 is answered by P1's 3 -> 4 (worse for P2,
// and an improvement for P1). State 4 is rational for both; states 2 and
// 3 are unstable for the DM that is not defecting.
func TestPrisonersDilemmaUnknown(t *testing.T) {
	m, err := model.Load("testdata/pd-unknown.yaml")
	if err != nil {
		t.Fatal(err)
	}
	a := analyze(t, m)
	want := map[string][]int{"a": {4}, "b": {4}, "c": {1, 4}, "d": {1, 4}}
	for _, c := range uncertain.Concepts {
		w := want[c.Ext.String()]
		if c.Base == stability.Nash {
			w = []int{4}
		}
		var got []int
		for _, s := range a.Equilibria(c) {
			got = append(got, s+1)
		}
		if fmt.Sprint(got) != fmt.Sprint(w) {
			t.Errorf("%v equilibria %v, want %v", c, got, w)
		}
	}
	// P1 at state 1: unstable under GMR(a) and GMR(b), stable under (c), (d).
	for e, stable := range map[uncertain.Extension]bool{uncertain.A: false, uncertain.B: false, uncertain.C: true, uncertain.D: true} {
		if got := a.Stable(uncertain.Concept{Base: stability.GMR, Ext: e}, 0, 0); got != stable {
			t.Errorf("GMR(%v) of state 1 for P1: %v, want %v", e, got, stable)
		}
	}
	ex, err := uncertain.Explain(a.Relation, uncertain.Concept{Base: stability.SEQ, Ext: uncertain.C}, 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	if !ex.Stable || len(ex.Moves) != 1 || ex.Moves[0].Move != 1 || ex.Moves[0].End != 3 ||
		fmt.Sprint(ex.Moves[0].Sequence) != "[{1 1 3}]" || a.Relation.Compare(0, 3, 0) != "U" {
		t.Errorf("SEQ(c) explanation: %+v", ex)
	}
}

// TestUnsureStatements checks the comparison rule for unsure statements
// on a DM with statements "a" (unsure) then "b" (sure): states are
// compared by the first statement that separates them; an unsure one may
// or may not be held.
func TestUnsureStatements(t *testing.T) {
	m, err := model.Parse([]byte(`title: U
options: [{id: a}, {id: b}]
decision_makers:
  - id: X
    options: [a]
    preferences:
      statements: [{statement: a, unsure: true}, b]
  - id: Y
    options: [b]
    preferences: {statements: [b]}
`), "u.yaml")
	if err != nil {
		t.Fatal(err)
	}
	a := analyze(t, m)
	// States: 1 = {}, 2 = {a}, 3 = {b}, 4 = {a, b}.
	want := map[[2]int]string{
		{2, 1}: "U", // a separates them, unsure: with it 2 > 1, without it a tie
		{3, 1}: ">", // b alone separates them
		{4, 3}: "U",
		{3, 2}: "U", // a says 2, b says 3: depends on a
		{4, 1}: ">", // a and b agree
		{4, 2}: ">", // b separates them
	}
	for k, w := range want {
		if got := a.Relation.Compare(0, k[0]-1, k[1]-1); got != w {
			t.Errorf("X's relation of %d to %d: %s, want %s", k[0], k[1], got, w)
		}
	}
}

func TestParseConcept(t *testing.T) {
	for in, want := range map[string]string{"GMR(a)": "GMR(a)", "seq-d": "SEQ(d)", "nashb": "Nash(b)", " SMR (c) ": "SMR(c)"} {
		c, err := uncertain.ParseConcept(in)
		if err != nil || c.String() != want {
			t.Errorf("ParseConcept(%q) = %v, %v; want %s", in, c, err, want)
		}
	}
	if _, err := uncertain.ParseConcept("SIM(a)"); err == nil {
		t.Error("SIM(a) accepted")
	}
}

// TestExplainSMREscape checks the explanation of an SMR failure caused by
// the DM's own escape (testdata/smr-escape.yaml): P1 ranks 2 > 1 > 4 > 3
// but cannot compare 1 with 3; P2 ranks 4 > 3 > 1 > 2. From state 1, P1's
// improvement 1 -> 2 is answered by P2's 2 -> 4, worse for P1 (GMR(a)
// holds), but P1 escapes 4 -> 3, a state it cannot compare with 1, so
// SMR(a) fails: the explanation must show the sanction and the escape.
func TestExplainSMREscape(t *testing.T) {
	m, err := model.Load("testdata/smr-escape.yaml")
	if err != nil {
		t.Fatal(err)
	}
	a := analyze(t, m)
	c := uncertain.Concept{Base: stability.SMR, Ext: uncertain.A}
	ex, err := uncertain.Explain(a.Relation, c, 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	if ex.Stable || len(ex.Moves) != 1 {
		t.Fatalf("SMR(a) at 1 for P1: stable %v, moves %+v; want unstable with one move", ex.Stable, ex.Moves)
	}
	w := ex.Moves[0]
	if w.Move != 1 || w.End != -1 || w.Escaped == nil {
		t.Fatalf("witness %+v: want move to 2, no sanction, an escaped sanction", w)
	}
	e := w.Escaped
	if len(e.Sequence) != 1 || e.Sequence[0] != (uncertain.Step{Mover: 1, From: 1, To: 3}) || e.End != 3 || e.Escape != 2 {
		t.Errorf("escaped sanction %+v: want P2 2 -> 4, escape 4 -> 3", e)
	}
}
