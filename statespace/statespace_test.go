package statespace_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/gmcr/gmcr/model"
	"github.com/gmcr/gmcr/model/statement"
	"github.com/gmcr/gmcr/statespace"
)

func mustParse(t *testing.T, s string) *statement.Expr {
	t.Helper()
	e, err := statement.Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// threeOptions: DM A owns a1 (forward) and a2 (backward), DM B owns b1;
// "a2 and b1" is infeasible. The model lists the options out of DM order to
// check that numbering follows DM order.
func threeOptions(t *testing.T) *model.Model {
	return &model.Model{
		Options: []model.Option{{ID: "b1"}, {ID: "a2", Reversibility: model.Backward}, {ID: "a1", Reversibility: model.Forward}},
		DMs: []model.DM{
			{ID: "A", Options: []string{"a1", "a2"}},
			{ID: "B", Options: []string{"b1"}},
		},
		Infeasible: []model.Statement{{Text: "a2 and b1", Expr: mustParse(t, "a2 and b1")}},
	}
}

func TestNumberingAndMoves(t *testing.T) {
	ss, err := statespace.Build(context.Background(), threeOptions(t), statespace.Options{})
	if err != nil {
		t.Fatal(err)
	}
	// Bits: a1=1, a2=2, b1=4. Infeasible: a2&b1 = codes 6, 7.
	if want := []uint64{0, 1, 2, 3, 4, 5}; !slices.Equal(ss.Codes, want) {
		t.Fatalf("codes %v, want %v", ss.Codes, want)
	}
	if got := ss.Pattern(3); got != "YYN" {
		t.Errorf("pattern of state 4 = %s", got)
	}
	moves := func(dm, s int) []int {
		var out []int
		ss.Moves(dm, s, func(t int) bool { out = append(out, t); return true })
		it := ss.Iter(dm, s)
		var viaIter []int
		for x, ok := it.Next(); ok; x, ok = it.Next() {
			viaIter = append(viaIter, x)
		}
		if !slices.Equal(out, viaIter) {
			t.Fatalf("Moves %v and Iter %v differ", out, viaIter)
		}
		return out
	}
	// From code 0 (a1=N, a2=N): a1 may be taken (forward), a2 may not
	// (backward: only Y->N). So A's only move is to code 1 = state 1.
	if got := moves(0, 0); !slices.Equal(got, []int{1}) {
		t.Errorf("A's moves from state 1: %v, want [1]", got)
	}
	// From code 3 (a1=Y, a2=Y): a1 stays (forward), a2 may be withdrawn:
	// to code 1.
	if got := moves(0, 3); !slices.Equal(got, []int{1}) {
		t.Errorf("A's moves from state 4: %v, want [1]", got)
	}
	// From code 2 (a2=Y only): withdraw a2 (0), take a1 (3), both (1).
	if got := moves(0, 2); !slices.Equal(got, []int{0, 1, 3}) {
		t.Errorf("A's moves from state 3: %v, want [0 1 3]", got)
	}
	// B from code 2 (a2=Y): taking b1 gives code 6, infeasible.
	if got := moves(1, 2); len(got) != 0 {
		t.Errorf("B's moves from state 3: %v, want none", got)
	}
	if got := moves(1, 1); !slices.Equal(got, []int{5}) {
		t.Errorf("B's moves from state 2: %v, want [5]", got)
	}
	if ss.MoverOf(1, 5) != 1 || ss.MoverOf(0, 5) != -1 {
		t.Error("MoverOf")
	}
}

func TestTooLargeAndEmpty(t *testing.T) {
	m := threeOptions(t)
	_, err := statespace.Build(context.Background(), m, statespace.Options{MaxStates: 4})
	var tl *statespace.TooLargeError
	if !errors.As(err, &tl) || tl.States != 6 || !tl.Exact || !strings.Contains(err.Error(), "--max-states") {
		t.Fatalf("err = %v", err)
	}
	m.Infeasible = append(m.Infeasible, model.Statement{Text: "not b1 or b1", Expr: mustParse(t, "not b1 or b1")})
	if _, err := statespace.Build(context.Background(), m, statespace.Options{}); !errors.Is(err, statespace.EmptyError) {
		t.Fatalf("err = %v, want EmptyError", err)
	}
}

func TestCancel(t *testing.T) {
	var opts []model.Option
	var ids []string
	for i := 0; i < 24; i++ {
		id := "o" + string(rune('a'+i))
		opts = append(opts, model.Option{ID: id})
		ids = append(ids, id)
	}
	m := &model.Model{Options: opts, DMs: []model.DM{{ID: "A", Options: ids[:12]}, {ID: "B", Options: ids[12:]}},
		// A condition that never decides early forces a full walk.
		Infeasible: []model.Statement{{Text: "oa iff ob", Expr: mustParse(t, "(oa and not oa) and ob")}}}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := statespace.Build(ctx, m, statespace.Options{MaxStates: -1}); !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
}
