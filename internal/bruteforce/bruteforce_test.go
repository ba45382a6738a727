package bruteforce

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/gmcr/gmcr/model"
	"github.com/gmcr/gmcr/model/statement"
)

// Statement builders (there is no parser to lean on in these tests).

func lit(id string) *statement.Expr { return &statement.Expr{Op: statement.Lit, Option: id} }
func not(e *statement.Expr) *statement.Expr {
	return &statement.Expr{Op: statement.Not, Args: []*statement.Expr{e}}
}
func and(es ...*statement.Expr) *statement.Expr { return &statement.Expr{Op: statement.And, Args: es} }
func or(es ...*statement.Expr) *statement.Expr  { return &statement.Expr{Op: statement.Or, Args: es} }
func iff(a, b *statement.Expr) *statement.Expr {
	return &statement.Expr{Op: statement.Iff, Args: []*statement.Expr{a, b}}
}

// ifE is "a IF b": b implies a.
func ifE(a, b *statement.Expr) *statement.Expr {
	return &statement.Expr{Op: statement.If, Args: []*statement.Expr{a, b}}
}

func stmts(es ...*statement.Expr) []model.Statement {
	var out []model.Statement
	for _, e := range es {
		out = append(out, model.Statement{Text: "(built in test)", Expr: e})
	}
	return out
}

// dmSpec describes one DM of a test model.
type dmSpec struct {
	id      string
	options []string
	stmts   []*statement.Expr
	ranking [][]int
}

// build makes a model; every option is "both" unless listed in rev.
func build(dms []dmSpec, rev map[string]model.Reversibility, infeasible ...*statement.Expr) *model.Model {
	m := &model.Model{Title: "test"}
	for _, d := range dms {
		for _, id := range d.options {
			m.Options = append(m.Options, model.Option{ID: id, Reversibility: rev[id]})
		}
		m.DMs = append(m.DMs, model.DM{
			ID:      d.id,
			Options: d.options,
			Prefs:   model.Preferences{Statements: stmts(d.stmts...), Ranking: d.ranking},
		})
	}
	m.Infeasible = stmts(infeasible...)
	return m
}

// table turns "TFT..." into []bool.
func table(s string) []bool {
	var out []bool
	for _, c := range s {
		out = append(out, c == 'T')
	}
	return out
}

func checkStable(t *testing.T, r *Result, concept string, dm int, want string) {
	t.Helper()
	if got := r.Stable[concept][dm]; !reflect.DeepEqual(got, table(want)) {
		t.Errorf("%s, DM %d: stable %v, want %s", concept, dm, got, want)
	}
}

func checkEq(t *testing.T, r *Result, want map[string][]int) {
	t.Helper()
	for _, c := range Concepts {
		if !reflect.DeepEqual(r.Equilibria[c], want[c]) {
			t.Errorf("%s equilibria %v, want %v", c, r.Equilibria[c], want[c])
		}
	}
}

// prisonersDilemma: option d1 (P1 defects) has code 1, d2 has code 2.
// States (index = code): 0 CC, 1 DC, 2 CD, 3 DD.
// P1: "not d2" (weight 2), "d1" (weight 1): scores CC 2, DC 3, CD 0, DD 1,
// that is DC > CC > DD > CD. P2 symmetric: CC 2, DC 0, CD 3, DD 1.
func prisonersDilemma() *model.Model {
	return build([]dmSpec{
		{id: "P1", options: []string{"d1"}, stmts: []*statement.Expr{not(lit("d2")), lit("d1")}},
		{id: "P2", options: []string{"d2"}, stmts: []*statement.Expr{not(lit("d1")), lit("d2")}},
	}, nil)
}

func TestPrisonersDilemma(t *testing.T) {
	m := prisonersDilemma()
	r := Analyze(m)
	if !reflect.DeepEqual(r.Codes, []uint64{0, 1, 2, 3}) {
		t.Fatalf("codes %v", r.Codes)
	}
	if !reflect.DeepEqual(r.Scores, [][]int64{{2, 3, 0, 1}, {2, 0, 3, 1}}) {
		t.Fatalf("scores %v", r.Scores)
	}
	// Nash. P1: at CC it defects (3 > 2); at DC withdrawing loses (2 < 3);
	// at CD defecting gains (1 > 0); at DD withdrawing loses (0 < 1).
	checkStable(t, r, "Nash", 0, "FTFT")
	checkStable(t, r, "Nash", 1, "FFTT")
	// GMR. P1 at CC: its UI to DC is sanctioned by P2 moving DC -> DD,
	// which P1 scores 1 <= 2. P1 at CD: its UI to DD can be met only by
	// P2 moving DD -> DC, which P1 scores 3 > 0: unsanctioned.
	checkStable(t, r, "GMR", 0, "TTFT")
	checkStable(t, r, "GMR", 1, "TFTT")
	// SMR. P1 at CC: after the sanction DD, P1's only move is DD -> CD,
	// scored 0 <= 2, so it cannot escape: still stable.
	checkStable(t, r, "SMR", 0, "TTFT")
	checkStable(t, r, "SMR", 1, "TFTT")
	// SEQ. P1 at CC: the sanction DC -> DD is a UI for P2 (0 -> 1), so it
	// is credible. P1 at CD: P2's DD -> DC is no UI (1 -> 0).
	checkStable(t, r, "SEQ", 0, "TTFT")
	checkStable(t, r, "SEQ", 1, "TFTT")
	// SIM. P1 at CC moving to DC while P2 picks from {CC} ∪ R_2+(CC) =
	// {CC, CD}: choosing CD gives DD, scored 1 <= 2. P1 at CD moving to
	// DD: R_2+(CD) is empty, so only DD itself (1 > 0): unstable.
	checkStable(t, r, "SIM", 0, "TTFT")
	checkStable(t, r, "SIM", 1, "TFTT")
	checkEq(t, r, map[string][]int{
		"Nash": {4}, "GMR": {1, 4}, "SMR": {1, 4}, "SEQ": {1, 4}, "SIM": {1, 4},
	})
	if got := SIMSanctions(m, r.Codes, r.Scores, 0, 0, 1); !reflect.DeepEqual(got, []map[int]int{{1: 2}}) {
		t.Errorf("SIM sanctions of P1's CC -> DC: %v", got)
	}
}

// TestMisperception: the Prisoner's Dilemma of prisonersDilemma, but P2
// does not perceive DD (index 3): Misperceived "d1 and d2" (§1).
//
// Moves. P1 (bit 1) is unaffected: CC <-> DC, CD <-> DD. P2 (bit 2) keeps
// CC <-> CD, but loses DC -> DD (into DD) and DD -> DC (from DD): it has
// no moves at DC or DD.
//
// Scores as before: P1 2 3 0 1, P2 2 0 3 1 (CC DC CD DD).
//   - Nash. P1 as before: FTFT. P2: at CC it defects (3 > 2): F; at DC and
//     DD it has no moves: T; at CD withdrawing loses: T. So FTTT, and DC
//     (state 2) joins DD as an equilibrium.
//   - GMR. P1 at CC: its UI to DC could only be sanctioned by P2 moving
//     DC -> DD, which P2 no longer has: F (it was T). P1 at CD: its UI to
//     DD meets no P2 move at all: F. P1: FTFT. P2 at CC: its UI to CD is
//     sanctioned by P1 moving CD -> DD, scored 1 <= 2 by P2: T. P2: TTTT.
//   - SMR. As GMR; for P2 at CC, after the sanction DD, P2 has no move out
//     of DD (unperceived), so it cannot escape: TTTT.
//   - SEQ. As GMR; P1's CD -> DD is a UI for P1 (0 -> 1): P2 TTTT.
//   - SIM. The sheet asks only that the combined state be feasible. P1 at
//     CC: P2 choosing CD gives DD, scored 1 <= 2: T. P1 at CD: R_2+(CD) is
//     empty, DD scores 1 > 0: F. P1: TTFT. P2 at CC: P1 choosing DC gives
//     DD, 1 <= 2: T. P2: TTTT.
func TestMisperception(t *testing.T) {
	m := prisonersDilemma()
	m.DMs[1].Misperceived = stmts(and(lit("d1"), lit("d2")))
	codes := Feasible(m)
	for s, want := range [][]int{{1}, {0}, {3}, {2}} {
		if got := Moves(m, codes, 0, s); !reflect.DeepEqual(got, want) {
			t.Errorf("P1 moves from %d: %v, want %v", s, got, want)
		}
	}
	for s, want := range [][]int{{2}, nil, {0}, nil} {
		if got := Moves(m, codes, 1, s); !reflect.DeepEqual(got, want) {
			t.Errorf("P2 moves from %d: %v, want %v", s, got, want)
		}
	}
	for s, want := range []bool{true, true, true, false} {
		if !Perceives(m, 0, codes[s]) || Perceives(m, 1, codes[s]) != want {
			t.Errorf("state %d: perceived by P1 %v, by P2 %v", s, Perceives(m, 0, codes[s]), Perceives(m, 1, codes[s]))
		}
	}
	r := Analyze(m)
	checkStable(t, r, "Nash", 0, "FTFT")
	checkStable(t, r, "Nash", 1, "FTTT")
	for _, c := range []string{"GMR", "SMR", "SEQ"} {
		checkStable(t, r, c, 0, "FTFT")
		checkStable(t, r, c, 1, "TTTT")
	}
	checkStable(t, r, "SIM", 0, "TTFT")
	checkStable(t, r, "SIM", 1, "TTTT")
	checkEq(t, r, map[string][]int{
		"Nash": {2, 4}, "GMR": {2, 4}, "SMR": {2, 4}, "SEQ": {2, 4}, "SIM": {1, 2, 4},
	})
}

func TestPrisonersDilemmaReach(t *testing.T) {
	m := prisonersDilemma()
	codes := Feasible(m)
	scores := Scores(m, codes)
	// One DM cannot return to where it started: that would be two moves
	// in a row. R_{P1}(CC) = R_1(CC) = {DC}.
	if got := Reach(m, codes, scores, []int{0}, 0, false); !reflect.DeepEqual(got, []int{1}) {
		t.Errorf("R_P1(CC) = %v", got)
	}
	// Two DMs can go round the square and back: CC is in R_N(CC).
	paths := ReachPaths(m, codes, scores, []int{0, 1}, 0, false)
	if got := sortedKeys(paths); !reflect.DeepEqual(got, []int{0, 1, 2, 3}) {
		t.Errorf("R_N(CC) = %v", got)
	}
	wantBack := []Step{{0, 0, 1}, {1, 1, 3}, {0, 3, 2}, {1, 2, 0}}
	if !reflect.DeepEqual(paths[0], wantBack) {
		t.Errorf("path back to CC %v, want %v", paths[0], wantBack)
	}
	if s := paths[0][0].String(); s != "DM 1: 1 -> 2" {
		t.Errorf("Step.String() = %q", s)
	}
	// Improvements only: from CC each player defects, then the other one
	// does; DD is a dead end, so CC is not reached again.
	if got := Reach(m, codes, scores, []int{0, 1}, 0, true); !reflect.DeepEqual(got, []int{1, 2, 3}) {
		t.Errorf("R_N+(CC) = %v", got)
	}
	wantSQ := map[int]int{0: 0, 1: 1, 2: 1, 3: 2}
	if got := StatusQuoReachable(m, codes, scores, 0); !reflect.DeepEqual(got, wantSQ) {
		t.Errorf("status quo CC reaches %v, want %v", got, wantSQ)
	}
	// Coalition of both from DD: only CC is better for both (2 > 1).
	if got := CoalitionImprovements(m, codes, scores, []int{0, 1}, 3); !reflect.DeepEqual(got, []int{0}) {
		t.Errorf("coalition improvements from DD: %v", got)
	}
	if got := CoalitionImprovements(m, codes, scores, []int{0, 1}, 0); len(got) != 0 {
		t.Errorf("coalition improvements from CC: %v", got)
	}
}

// TestChicken: option di means "driver i goes straight". States (index =
// code): 0 both swerve, 1 P1 straight, 2 P2 straight, 3 crash.
// P1: "not d2" (2), "d1 IFF not d2" (1): scores 2, 3, 1, 0, that is
// win > both swerve > lose > crash. P2 symmetric: 2, 1, 3, 0.
func TestChicken(t *testing.T) {
	m := build([]dmSpec{
		{id: "P1", options: []string{"d1"}, stmts: []*statement.Expr{not(lit("d2")), iff(lit("d1"), not(lit("d2")))}},
		{id: "P2", options: []string{"d2"}, stmts: []*statement.Expr{not(lit("d1")), iff(lit("d2"), not(lit("d1")))}},
	}, nil)
	r := Analyze(m)
	if !reflect.DeepEqual(r.Scores, [][]int64{{2, 3, 1, 0}, {2, 1, 3, 0}}) {
		t.Fatalf("scores %v", r.Scores)
	}
	// Nash: the two "one goes straight" states.
	checkStable(t, r, "Nash", 0, "FTTF")
	checkStable(t, r, "Nash", 1, "FTTF")
	// GMR/SMR at "both swerve": P1's UI to 1 is sanctioned by P2 going
	// straight too (crash, 0 <= 2), and from the crash P1 can only swerve
	// (1 <= 2). At the crash P1's UI to 2 is met only by P2 swerving,
	// giving 0, which P1 scores 2 > 0.
	checkStable(t, r, "GMR", 0, "TTTF")
	checkStable(t, r, "SMR", 0, "TTTF")
	// SEQ: P2 going straight from 1 to the crash costs P2 (1 -> 0), so
	// the sanction is not credible.
	checkStable(t, r, "SEQ", 0, "FTTF")
	checkStable(t, r, "SEQ", 1, "FTTF")
	// SIM: at "both swerve" P2 may itself go straight (its UI 0 -> 2), and
	// together with P1's move that is the crash. At the crash, P2's only
	// choices are staying (giving 2) and swerving (its UI 3 -> 1, giving
	// 0): P1 scores both above 0.
	checkStable(t, r, "SIM", 0, "TTTF")
	checkStable(t, r, "SIM", 1, "TTTF")
	checkEq(t, r, map[string][]int{
		"Nash": {2, 3}, "GMR": {1, 2, 3}, "SMR": {1, 2, 3}, "SEQ": {2, 3}, "SIM": {1, 2, 3},
	})
}

// threeDM is a case where the sanction needs the sequence B, C, B: with
// each opponent moving at most once (GMCR+ 0.4.1, sheet §6) it is missed.
//
// Options in numbering order: a (A, 1), b1 (B, 2), b2 (B, 4), c (C, 8).
// Infeasible: "c and not b1 and not b2" (c needs some b) and "b2 and not c"
// (b2 needs c). Feasible codes: 0 1 2 3 10 11 12 13 14 15, state indices
// 0..9, ordered numbers 1..10.
//
// From code 1 (a taken): B can only go to 3 (b1; b2 needs c); C cannot
// move (c needs a b). From 3, C takes c: 11. From 11, B may switch to b2
// alone (13) or to both (15); dropping b entirely (9) is infeasible. From
// 13 or 15 C cannot drop c (b2 needs c). So R_{B,C}(1) = {3, 11, 13, 15},
// while one move each reaches only {3, 11}.
//
// A ranks directly: codes {1, 3, 11, 15} (numbers 2, 4, 6, 10) first, tied;
// then code 0 (number 1); then the rest, tied. So A's UI 0 -> 1 is
// sanctioned only by 13, which needs B, C, B.
// B: "b1 or b2", "b2". C: "c".
func threeDM() *model.Model {
	return build([]dmSpec{
		{id: "A", options: []string{"a"}, ranking: [][]int{{2, 4, 6, 10}, {1}, {3, 5, 7, 8, 9}}},
		{id: "B", options: []string{"b1", "b2"}, stmts: []*statement.Expr{or(lit("b1"), lit("b2")), lit("b2")}},
		{id: "C", options: []string{"c"}, stmts: []*statement.Expr{lit("c")}},
	}, nil,
		and(lit("c"), not(lit("b1")), not(lit("b2"))),
		and(lit("b2"), not(lit("c"))),
	)
}

func TestThreeDMLegalSequences(t *testing.T) {
	m := threeDM()
	codes := Feasible(m)
	if !reflect.DeepEqual(codes, []uint64{0, 1, 2, 3, 10, 11, 12, 13, 14, 15}) {
		t.Fatalf("codes %v", codes)
	}
	scores := Scores(m, codes)
	if !reflect.DeepEqual(scores[0], []int64{2, 3, 1, 3, 1, 3, 1, 1, 1, 3}) {
		t.Fatalf("A's ranking scores %v", scores[0])
	}
	idx := func(code uint64) int { return slices.Index(codes, code) }
	BC := []int{1, 2}
	paths := ReachPaths(m, codes, scores, BC, idx(1), false)
	want := []int{idx(3), idx(11), idx(13), idx(15)}
	if got := sortedKeys(paths); !reflect.DeepEqual(got, want) {
		t.Errorf("R_BC(code 1) = %v, want %v", got, want)
	}
	wantPath := []Step{{1, idx(1), idx(3)}, {2, idx(3), idx(11)}, {1, idx(11), idx(13)}}
	if !reflect.DeepEqual(paths[idx(13)], wantPath) {
		t.Errorf("path to code 13: %v, want %v", paths[idx(13)], wantPath)
	}
	// B alone: exactly its moves; it never returns to code 1 (that would
	// take two B moves in a row).
	if got, moves := Reach(m, codes, scores, []int{1}, idx(1), false), Moves(m, codes, 1, idx(1)); !reflect.DeepEqual(got, moves) || !reflect.DeepEqual(got, []int{idx(3)}) {
		t.Errorf("R_B(code 1) = %v, R_B moves %v", got, moves)
	}
	// From code 3, C taking c and then dropping it again would return to
	// 3, but C cannot move twice in a row, and a B move in between leads
	// only to states where c cannot be dropped: 3 is not in R_BC(3).
	want3 := []int{idx(1), idx(11), idx(13), idx(15)}
	if got := Reach(m, codes, scores, BC, idx(3), false); !reflect.DeepEqual(got, want3) {
		t.Errorf("R_BC(code 3) = %v, want %v", got, want3)
	}
	// Every step B, C, B above is also an improvement for its mover
	// (B: 0 -> 2 -> 3, C: 0 -> 1), so R_BC+(1) is the same set.
	if got := Reach(m, codes, scores, BC, idx(1), true); !reflect.DeepEqual(got, want) {
		t.Errorf("R_BC+(code 1) = %v, want %v", got, want)
	}
	s := idx(0)
	for concept, stable := range map[string]bool{
		"Nash": false, // A's UI 0 -> 1 (score 2 -> 3)
		"GMR":  true,  // sanctioned by 13 (score 1 <= 2) via B, C, B
		"SMR":  true,  // from 13 A can only drop a: 12, score 1 <= 2
		"SEQ":  true,  // B, C, B are all UIs
		// SIM: B's only UI from 0 is code 2 (b1; b2 needs c), C has
		// none (c needs a b). A's move alone gives 1, combined with
		// B's gives 3; A scores both 3 > 2: unstable.
		"SIM": false,
	} {
		if got := Stable(m, codes, scores, concept, 0, s); got != stable {
			t.Errorf("%s stability of code 0 for A: %v, want %v", concept, got, stable)
		}
	}
}

// TestIrreversible: P1 has option x, forward (never withdrawn); P2 has y.
// P1: "not x"; P2: "not y". Scores P1: 1 0 1 0, P2: 1 1 0 0 (codes 0..3).
// P1 regrets taking x but cannot withdraw it: code 1 is Nash stable for
// P1 only because x is forward.
func TestIrreversible(t *testing.T) {
	dms := []dmSpec{
		{id: "P1", options: []string{"x"}, stmts: []*statement.Expr{not(lit("x"))}},
		{id: "P2", options: []string{"y"}, stmts: []*statement.Expr{not(lit("y"))}},
	}
	m := build(dms, map[string]model.Reversibility{"x": model.Forward})
	codes := Feasible(m)
	for s, want := range [][]int{{1}, {}, {3}, {}} {
		if got := Moves(m, codes, 0, s); len(got)+len(want) > 0 && !reflect.DeepEqual(got, want) {
			t.Errorf("forward x: P1 moves from %d: %v, want %v", s, got, want)
		}
	}
	r := Analyze(m)
	// Code 0: neither wants to take its option. Code 1: P1 is stuck, P2
	// would lose by taking y. Codes 2, 3: P2 drops y.
	checkEq(t, r, map[string][]int{
		"Nash": {1, 2}, "GMR": {1, 2}, "SMR": {1, 2}, "SEQ": {1, 2}, "SIM": {1, 2},
	})
	// With x reversible, P1 withdraws x at code 1; P2's only reply from 0
	// is taking y (code 2), which P1 scores 1 > 0: no sanction.
	r = Analyze(build(dms, nil))
	checkEq(t, r, map[string][]int{
		"Nash": {1}, "GMR": {1}, "SMR": {1}, "SEQ": {1}, "SIM": {1},
	})
	// y backward: P2 can only drop y.
	m = build(dms, map[string]model.Reversibility{"y": model.Backward})
	codes = Feasible(m)
	for s, want := range [][]int{{}, {}, {0}, {1}} {
		if got := Moves(m, codes, 1, s); len(got)+len(want) > 0 && !reflect.DeepEqual(got, want) {
			t.Errorf("backward y: P2 moves from %d: %v, want %v", s, got, want)
		}
	}
}

// simCase: A, B, C own a (1), b (2), c (4).
// A: "not (b and c)" (2), "a" (1): scores by code 2 3 2 3 2 3 0 1.
// B: "b IF not a": scores 0 1 1 1 0 1 1 1 (only a and b both off is bad).
// C: "c".
// With sevenInfeasible, code 7 (all taken) is infeasible.
func simCase(sevenInfeasible bool) *model.Model {
	var inf []*statement.Expr
	if sevenInfeasible {
		inf = append(inf, and(lit("a"), lit("b"), lit("c")))
	}
	return build([]dmSpec{
		{id: "A", options: []string{"a"}, stmts: []*statement.Expr{not(and(lit("b"), lit("c"))), lit("a")}},
		{id: "B", options: []string{"b"}, stmts: []*statement.Expr{ifE(lit("b"), not(lit("a")))}},
		{id: "C", options: []string{"c"}, stmts: []*statement.Expr{lit("c")}},
	}, nil, inf...)
}

func TestSIM(t *testing.T) {
	m := simCase(false)
	codes := Feasible(m)
	scores := Scores(m, codes)
	if !reflect.DeepEqual(scores, [][]int64{{2, 3, 2, 3, 2, 3, 0, 1}, {0, 1, 1, 1, 0, 1, 1, 1}, {0, 0, 0, 0, 1, 1, 1, 1}}) {
		t.Fatalf("scores %v", scores)
	}
	// A at 0, UI 0 -> 1. B's UIs from 0: {2}; C's: {4}. Only both
	// together with A's move give 7, which A scores 1 <= 2.
	if got := SIMSanctions(m, codes, scores, 0, 0, 1); !reflect.DeepEqual(got, []map[int]int{{1: 2, 2: 4}}) {
		t.Errorf("SIM sanctions %v", got)
	}
	if got, ok := Combine(codes, 0, []int{1, 2, 4}); !ok || got != 7 {
		t.Errorf("Combine = %d, %v", got, ok)
	}
	for concept, stable := range map[string]bool{
		"Nash": false,
		// R_BC(1) = {1, 3, 5, 7}: B and C in turn reach 7.
		"GMR": true,
		// From 7 A can only drop a: 6, scored 0 <= 2.
		"SMR": true,
		// Once a is taken B gains nothing by b (scores all 1), so
		// R_BC+(1) = {5} (C takes c), scored 3 > 2.
		"SEQ": false,
		"SIM": true,
	} {
		if got := Stable(m, codes, scores, concept, 0, 0); got != stable {
			t.Errorf("%s stability of 0 for A: %v, want %v", concept, got, stable)
		}
	}

	// Code 7 infeasible: the joint move is impossible, so SIM fails;
	// R_BC(1) shrinks to {3, 5}, so GMR fails too.
	m = simCase(true)
	codes = Feasible(m)
	scores = Scores(m, codes)
	if len(codes) != 7 {
		t.Fatalf("codes %v", codes)
	}
	if _, ok := Combine(codes, 0, []int{1, 2, 4}); ok {
		t.Errorf("Combine reached an infeasible state")
	}
	if got := SIMSanctions(m, codes, scores, 0, 0, 1); len(got) != 0 {
		t.Errorf("SIM sanctions %v", got)
	}
	for _, concept := range Concepts {
		if Stable(m, codes, scores, concept, 0, 0) {
			t.Errorf("%s: 0 stable for A without state 7", concept)
		}
	}
}

func TestUnknownConcept(t *testing.T) {
	defer func() {
		if r := recover(); r == nil || !strings.Contains(r.(string), "unknown stability concept") {
			t.Errorf("recover() = %v", r)
		}
	}()
	m := prisonersDilemma()
	codes := Feasible(m)
	Stable(m, codes, Scores(m, codes), "GMCR", 0, 0)
}
