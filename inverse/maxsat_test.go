package inverse

import (
	"context"
	"errors"
	"math/bits"
	"testing"
	"time"

	"github.com/crillab/gophersat/solver"
)

// TestAtMost checks the sequential counter against counting: with the
// inputs fixed, the clauses are satisfiable exactly when at most k of
// them are true.
func TestAtMost(t *testing.T) {
	for n := 1; n <= 6; n++ {
		for k := 0; k <= n; k++ {
			lits := make([]int, n)
			for q := range lits {
				lits[q] = q + 1
			}
			cl, nv := atMost(nil, n, lits, k)
			for mask := 0; mask < 1<<n; mask++ {
				all := append([][]int(nil), cl...)
				for q := 0; q < n; q++ {
					if mask&(1<<q) != 0 {
						all = append(all, []int{q + 1})
					} else {
						all = append(all, []int{-(q + 1)})
					}
				}
				pb := solver.ParseSliceNb(all, nv)
				sat := pb.Status != solver.Unsat && solver.New(pb).Solve() == solver.Sat
				if want := bits.OnesCount(uint(mask)) <= k; sat != want {
					t.Fatalf("n=%d k=%d inputs %b: satisfiable %v, want %v", n, k, mask, sat, want)
				}
			}
		}
	}
}

// TestPureLiterals checks that pure-literal elimination sets a literal
// whose negation occurs nowhere, never sets a soft literal true, and sets
// a soft literal false once no clause needs it.
func TestPureLiterals(t *testing.T) {
	// 1 occurs only positively; 2 both ways; soft 3 occurs in a clause
	// satisfied by 1; soft -4 (costs when 4 is false) needs nothing.
	got := pureLiterals([][]int{{1, 2}, {-2, 1}, {1, 3}, {2, -2}}, 4, []int{3, -4})
	want := map[int]bool{1: true, -3: true, 4: true}
	for _, l := range got {
		if !want[l] {
			t.Errorf("unexpected literal %d in %v", l, got)
		}
		delete(want, l)
	}
	if len(want) > 0 {
		t.Errorf("missing %v in %v", want, got)
	}
}

// pigeonhole returns the clauses putting n+1 pigeons into n holes, one
// pigeon a hole: unsatisfiable, and exponentially hard for a CDCL solver.
func pigeonhole(n int) ([][]int, int) {
	v := func(p, h int) int { return p*n + h + 1 }
	var cl [][]int
	for p := 0; p <= n; p++ {
		var c []int
		for h := 0; h < n; h++ {
			c = append(c, v(p, h))
		}
		cl = append(cl, c)
	}
	for h := 0; h < n; h++ {
		for p := 0; p <= n; p++ {
			for q := p + 1; q <= n; q++ {
				cl = append(cl, []int{-v(p, h), -v(q, h)})
			}
		}
	}
	return cl, (n + 1) * n
}

// TestSolveStopsOnCancel cancels a solver call on a question that takes
// minutes (pigeonhole, 13 pigeons) and checks that it stops with ctx's
// error instead of finishing: the cancellation reaches inside gophersat.
func TestSolveStopsOnCancel(t *testing.T) {
	cl, nv := pigeonhole(12)
	e := &encoder{clauses: cl, nv: nv}
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(100*time.Millisecond, cancel)
	done := make(chan error, 1)
	go func() {
		m, _, _, err := e.solveCNF(ctx, false, 0, nil)
		if err == nil {
			err = errors.New("finished")
			if m == nil {
				err = errors.New("finished: unsatisfiable")
			}
		}
		done <- err
	}()
	select {
	case err := <-done:
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("solveCNF returned %v, want context.Canceled", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("solveCNF went on after the cancellation")
	}
}
