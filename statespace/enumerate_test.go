package statespace_test

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/gmcr/gmcr/model"
	"github.com/gmcr/gmcr/model/statement"
	"github.com/gmcr/gmcr/statespace"
)

// randomExpr is a random statement over the options ids, depth at most d.
func randomExpr(r *rand.Rand, ids []string, d int) *statement.Expr {
	if d == 0 || r.IntN(3) == 0 {
		return &statement.Expr{Op: statement.Lit, Option: ids[r.IntN(len(ids))]}
	}
	switch r.IntN(5) {
	case 0:
		return &statement.Expr{Op: statement.Not, Args: []*statement.Expr{randomExpr(r, ids, d-1)}}
	case 1, 2:
		op := statement.And
		if r.IntN(2) == 0 {
			op = statement.Or
		}
		n := 2 + r.IntN(3)
		e := &statement.Expr{Op: op}
		for range n {
			e.Args = append(e.Args, randomExpr(r, ids, d-1))
		}
		return e
	case 3:
		return &statement.Expr{Op: statement.If, Args: []*statement.Expr{randomExpr(r, ids, d-1), randomExpr(r, ids, d-1)}}
	}
	return &statement.Expr{Op: statement.Iff, Args: []*statement.Expr{randomExpr(r, ids, d-1), randomExpr(r, ids, d-1)}}
}

// randomModel has DMs with the given numbers of options (random
// reversibility) and up to conds random infeasibility conditions.
func randomModel(r *rand.Rand, widths []int, conds int) *model.Model {
	m := &model.Model{}
	var ids []string
	for i, w := range widths {
		d := model.DM{ID: fmt.Sprintf("D%d", i)}
		for k := range w {
			id := fmt.Sprintf("o%d_%d", i, k)
			rev := model.Both
			switch r.IntN(6) {
			case 0:
				rev = model.Forward
			case 1:
				rev = model.Backward
			}
			m.Options = append(m.Options, model.Option{ID: id, Reversibility: rev})
			d.Options = append(d.Options, id)
			ids = append(ids, id)
		}
		m.DMs = append(m.DMs, d)
	}
	for range r.IntN(conds + 1) {
		e := randomExpr(r, ids, 3)
		m.Infeasible = append(m.Infeasible, model.Statement{Text: e.String(), Expr: e})
	}
	return m
}

// scanCodes is the definition: every code of the code space at which no
// condition holds, in ascending order.
func scanCodes(t *testing.T, ss *statespace.StateSpace, m *model.Model) []uint64 {
	t.Helper()
	var conds []statespace.Condition
	for _, st := range m.Infeasible {
		c, err := ss.Compile(st.Expr)
		if err != nil {
			t.Fatal(err)
		}
		conds = append(conds, c)
	}
	var out []uint64
codes:
	for code := uint64(0); code < 1<<uint(len(ss.Options)); code++ {
		for _, c := range conds {
			if c.Holds(code) {
				continue codes
			}
		}
		out = append(out, code)
	}
	return out
}

// TestEnumerateMatchesScan compares the search over the constraints with
// a scan of the whole code space on random models: same states, same
// (ascending) numbering.
func TestEnumerateMatchesScan(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 12))
	for i := range 600 {
		widths := []int{1 + r.IntN(4), 1 + r.IntN(4), r.IntN(4)}
		m := randomModel(r, widths, 6)
		ss, err := statespace.Build(context.Background(), m, statespace.Options{MaxStates: -1})
		want := func() []uint64 {
			// Build a state space without conditions for Compile.
			bare := *m
			bare.Infeasible = nil
			full, err := statespace.Build(context.Background(), &bare, statespace.Options{MaxStates: -1})
			if err != nil {
				t.Fatal(err)
			}
			return scanCodes(t, full, m)
		}()
		if len(want) == 0 {
			if !errors.Is(err, statespace.EmptyError) {
				t.Fatalf("model %d: no feasible state, got %v", i, err)
			}
			continue
		}
		if err != nil {
			t.Fatalf("model %d: %v", i, err)
		}
		if !slices.Equal(ss.Codes, want) {
			t.Fatalf("model %d (%v): codes %v, want %v", i, m.Infeasible, ss.Codes, want)
		}
	}
}

// naiveMoves is the definition of a unilateral move (definitions sheet
// §1), checked state by state.
func naiveMoves(ss *statespace.StateSpace, dm, s int) []int {
	d := ss.DMs[dm]
	fwd, back := ss.Irreversible(dm)
	var out []int
	for t := range ss.Codes {
		x := ss.Codes[s] ^ ss.Codes[t]
		if t == s || x&^d.Mask != 0 || !ss.Perceives(dm, s) || !ss.Perceives(dm, t) {
			continue
		}
		// A forward-only option may not be dropped, a backward-only one
		// not taken.
		if x&fwd&ss.Codes[s] != 0 || x&back&ss.Codes[t] != 0 {
			continue
		}
		out = append(out, t)
	}
	return out
}

// TestWideDMMoves checks the moves of DMs with many options (found among
// the states sharing the other DMs' options) against the definition, and
// that IterFrom resumes where Pos left off.
func TestWideDMMoves(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for i := range 40 {
		m := randomModel(r, []int{13 + r.IntN(3), 1 + r.IntN(3)}, 8)
		ss, err := statespace.Build(context.Background(), m, statespace.Options{MaxStates: -1})
		if errors.Is(err, statespace.EmptyError) {
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		for s := 0; s < ss.Len(); s += 1 + ss.Len()/50 {
			for dm := range ss.DMs {
				var got []int
				ss.Moves(dm, s, func(t int) bool { got = append(got, t); return true })
				if want := naiveMoves(ss, dm, s); !slices.Equal(got, want) {
					t.Fatalf("model %d, DM %d, state %d: moves %v, want %v", i, dm, s, got, want)
				}
				it := ss.Iter(dm, s)
				if first, ok := it.Next(); ok {
					rest := ss.IterFrom(dm, s, it.Pos())
					var tail []int
					for t, ok := rest.Next(); ok; t, ok = rest.Next() {
						tail = append(tail, t)
					}
					if !slices.Equal(append([]int{first}, tail...), got) {
						t.Fatalf("model %d, DM %d, state %d: resumed moves %v, want %v", i, dm, s, tail, got[1:])
					}
				}
			}
		}
	}
}

// pairs is a model with 2n options and n+1 feasible states: "l_i IFF not
// h_i" is infeasible (so DM L's option l_i is taken exactly when DM H's h_i
// is), and at most one l_i is taken. Scanning its code space takes 4^n
// steps.
func pairs(n int) *model.Model {
	m := &model.Model{DMs: []model.DM{{ID: "L"}, {ID: "H"}}}
	var excl []*statement.Expr
	for i := range n {
		l, h := fmt.Sprintf("l%d", i), fmt.Sprintf("h%d", i)
		m.Options = append(m.Options, model.Option{ID: l}, model.Option{ID: h})
		m.DMs[0].Options = append(m.DMs[0].Options, l)
		m.DMs[1].Options = append(m.DMs[1].Options, h)
		e := &statement.Expr{Op: statement.Iff, Args: []*statement.Expr{{Op: statement.Lit, Option: l}, {Op: statement.Not, Args: []*statement.Expr{{Op: statement.Lit, Option: h}}}}}
		m.Infeasible = append(m.Infeasible, model.Statement{Text: e.String(), Expr: e})
		excl = append(excl, &statement.Expr{Op: statement.Lit, Option: l})
	}
	for i := range excl {
		for j := i + 1; j < len(excl); j++ {
			e := &statement.Expr{Op: statement.And, Args: []*statement.Expr{excl[i], excl[j]}}
			m.Infeasible = append(m.Infeasible, model.Statement{Text: e.String(), Expr: e})
		}
	}
	return m
}

// TestFewStatesManyOptions enumerates a model of 60 options and 31
// feasible states (a scan of its code space would never end), and checks
// that --max-states counts feasible states there.
func TestFewStatesManyOptions(t *testing.T) {
	m := pairs(30)
	ss, err := statespace.Build(context.Background(), m, statespace.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if ss.Len() != 31 {
		t.Fatalf("%d states, want 31", ss.Len())
	}
	// The states: nothing taken, or one pair l_i, h_i (bits i and 30+i).
	for s, code := range ss.Codes {
		want := uint64(0)
		if s > 0 {
			want = 1<<uint(s-1) | 1<<uint(30+s-1)
		}
		if code != want {
			t.Errorf("state %d: code %b, want %b", s+1, code, want)
		}
	}
	for s := 0; s < ss.Len(); s++ {
		for dm := range ss.DMs {
			var got []int
			ss.Moves(dm, s, func(t int) bool { got = append(got, t); return true })
			if want := naiveMoves(ss, dm, s); !slices.Equal(got, want) {
				t.Fatalf("DM %d, state %d: moves %v, want %v", dm, s, got, want)
			}
		}
	}
	_, err = statespace.Build(context.Background(), m, statespace.Options{MaxStates: 30})
	var tl *statespace.TooLargeError
	if !errors.As(err, &tl) || tl.States != 31 || !tl.Exact {
		t.Errorf("MaxStates 30: %v, want 31 states over the limit", err)
	}
}

// BenchmarkBuildFewStatesManyOptions enumerates pairs(22): 44 options, 23
// feasible states (50 s when the enumeration walked the code space).
func BenchmarkBuildFewStatesManyOptions(b *testing.B) {
	m := pairs(22)
	for b.Loop() {
		if _, err := statespace.Build(context.Background(), m, statespace.Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
