package limitedmove_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/gmcr/gmcr/generate"
	"github.com/gmcr/gmcr/internal/bruteforce"
	"github.com/gmcr/gmcr/internal/memlimit"
	"github.com/gmcr/gmcr/internal/testmodel"
	"github.com/gmcr/gmcr/limitedmove"
	"github.com/gmcr/gmcr/model"
	"github.com/gmcr/gmcr/preference"
	"github.com/gmcr/gmcr/stability"
	"github.com/gmcr/gmcr/statespace"
)

func prepare(t *testing.T, m *model.Model) (*statespace.StateSpace, *preference.Profile) {
	t.Helper()
	ss, err := statespace.Build(context.Background(), m, statespace.Options{})
	if err != nil {
		t.Fatal(err)
	}
	p, err := preference.Compute(ss)
	if err != nil {
		t.Fatal(err)
	}
	return ss, p
}

// random2 returns the seed-th random two-DM conflict: option form (up to
// 5 options, irreversible options, infeasible states, rankings with ties,
// misperceptions) for most seeds, graph form for every fourth.
func random2(t *testing.T, seed int64) *model.Model {
	if seed%4 == 3 {
		// RandomGraph's seeds 8j give two DMs and no options.
		return testmodel.RandomGraph(t, seed/4*8)
	}
	p := generate.DefaultParams(2, 2+int(seed%4), seed)
	p.Irreversible = []float64{0, 0.3}[seed/3%2]
	p.Infeasible = []float64{0, 0.3}[seed/5%2]
	p.Ranking = []float64{0, 0.5}[seed/7%2]
	p.Misperceived = []float64{0, 0, 0.5}[seed/11%3]
	return testmodel.Random(t, p)
}

// TestAgreesWithBruteForce compares L_1..L_4 and NM on 1,000 random
// two-DM conflicts with the recursive definition of bruteforce, state by
// state and DM by DM, and the anticipated outcome G_h too.
func TestAgreesWithBruteForce(t *testing.T) {
	n := 1000
	if testing.Short() {
		n = 200
	}
	for seed := int64(0); seed < int64(n); seed++ {
		m := random2(t, seed)
		ss, p := prepare(t, m)
		a, err := limitedmove.Analyze(context.Background(), ss, p, 4, true)
		if err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
		codes := bruteforce.Feasible(m)
		scores := bruteforce.Scores(m, codes)
		for h := 1; h <= 4; h++ {
			for k := 0; k < 2; k++ {
				for s := range codes {
					out, move := bruteforce.Anticipated(m, codes, scores, h, k, s)
					if a.Outcome(h, k, s) != out || a.Stable(h, k, s) != (move < 0) {
						t.Fatalf("seed %d (%s): L%d, DM %d, state %d: engine G=%d stable=%v, brute force G=%d move=%d",
							seed, m.Title, h, k, s+1, a.Outcome(h, k, s)+1, a.Stable(h, k, s), out+1, move+1)
					}
				}
			}
		}
		nm := bruteforce.NMStable(m, codes, scores)
		for k := 0; k < 2; k++ {
			for s := range codes {
				if a.StableNM(k, s) != nm[k][s] {
					t.Fatalf("seed %d: NM, DM %d, state %d: engine %v, brute force %v", seed, k, s+1, a.StableNM(k, s), nm[k][s])
				}
			}
		}
	}
}

// TestL1IsNash checks L_1 = Nash (a DM looking one move ahead moves iff it
// has a unilateral improvement) on random conflicts, and the anticipated
// sequences: legal, alternating, ending in G_h.
func TestL1IsNash(t *testing.T) {
	for seed := int64(0); seed < 200; seed++ {
		m := random2(t, seed+3000)
		ss, p := prepare(t, m)
		a, err := limitedmove.Analyze(context.Background(), ss, p, 6, false)
		if err != nil {
			t.Fatal(err)
		}
		nash, err := stability.Analyze(context.Background(), ss, p, stability.Config{Concepts: []stability.Concept{stability.Nash}})
		if err != nil {
			t.Fatal(err)
		}
		for k := 0; k < 2; k++ {
			for s := 0; s < ss.Len(); s++ {
				if a.Stable(1, k, s) != nash.Stable(stability.Nash, k, s) {
					t.Fatalf("seed %d: L1 and Nash differ at %d for DM %d", seed, s+1, k)
				}
				for h := 1; h <= 6; h++ {
					seq := a.Sequence(h, k, s)
					at, mover := s, k
					for _, st := range seq {
						legal := false
						ss.Moves(st.Mover, st.From, func(x int) bool { legal = legal || x == st.To; return !legal })
						if st.From != at || st.Mover != mover || !legal {
							t.Fatalf("seed %d: bad step %+v", seed, st)
						}
						at, mover = st.To, 1-mover
					}
					if len(seq) > h || at != a.Outcome(h, k, s) || (len(seq) == 0) != a.Stable(h, k, s) {
						t.Fatalf("seed %d: sequence %v does not end in G_%d(%d, %d) = %d", seed, seq, h, k, s+1, a.Outcome(h, k, s)+1)
					}
				}
			}
		}
	}
}

func TestRefusesMoreDMs(t *testing.T) {
	m := testmodel.Random(t, generate.DefaultParams(3, 4, 1))
	ss, p := prepare(t, m)
	_, err := limitedmove.Analyze(context.Background(), ss, p, 2, true)
	if !errors.Is(err, limitedmove.ErrDMs) {
		t.Fatalf("error %v", err)
	}
	if _, err := limitedmove.Analyze(context.Background(), ss, p, 0, false); err == nil {
		t.Fatal("h = 0 accepted")
	}
}

// TestPrisonersDilemma: hand-derived. States 1 CC, 2 DC, 3 CD, 4 DD;
// P1: 2 > 1 > 4 > 3, P2: 3 > 1 > 4 > 2. L1 = Nash: only 4 stable for
// both. L2 at 1 for P1: its move to 2 is answered by P2's best reply from
// 2 with one move left, 2 -> 4 (4 > 2 for P2); 4 < 1 for P1, so P1 stays:
// 1 is L2 stable for both (by symmetry). At 4, P1's move to 3 leads to 3
// (P2 stays at its best state), worse: 4 stays L2 stable. At 2, P2 moves
// to 4 anticipating P1's reply from 4 (P1 with one move: 4 -> 3 is worse
// for P1, stays), 4 > 2 for P2: 2 is not L2 stable for P2.
func TestPrisonersDilemma(t *testing.T) {
	m := testmodel.Example(t, "prisoners-dilemma")
	ss, p := prepare(t, m)
	a, err := limitedmove.Analyze(context.Background(), ss, p, 2, true)
	if err != nil {
		t.Fatal(err)
	}
	eq := func(h int) string {
		var out []int
		for _, s := range a.Equilibria(h) {
			out = append(out, s+1)
		}
		return fmt.Sprint(out)
	}
	if got := eq(1); got != "[4]" {
		t.Errorf("L1 equilibria %s, want [4]", got)
	}
	if got := eq(2); got != "[1 4]" {
		t.Errorf("L2 equilibria %s, want [1 4]", got)
	}
	if got := fmt.Sprint(a.Sequence(2, 1, 1)); got != "[{1 1 3}]" {
		t.Errorf("P2's anticipated sequence at 2 with h=2: %s", got)
	}
}

// TestLargeHorizonFromCycle checks that Analyze stops at the first
// repeated table and answers any larger horizon from the cycle: L_h and
// G_h for h = 1..150 agree with a horizon-by-horizon iteration of the
// recursive definition (the brute-force moves and scores), and a horizon
// of a million keeps only the tables up to the cycle.
func TestLargeHorizonFromCycle(t *testing.T) {
	const H = 150
	for seed := int64(0); seed < 120; seed++ {
		m := random2(t, seed+5000)
		ss, p := prepare(t, m)
		codes := bruteforce.Feasible(m)
		scores := bruteforce.Scores(m, codes)
		a, err := limitedmove.Analyze(context.Background(), ss, p, H, false)
		if err != nil {
			t.Fatal(err)
		}
		// out[k][s], move[k][s] of the current horizon, from the previous.
		n := len(codes)
		out := [2][]int{make([]int, n), make([]int, n)}
		for k := range out {
			for s := range out[k] {
				out[k][s] = s
			}
		}
		for h := 1; h <= H; h++ {
			var nout, nmove [2][]int
			for k := 0; k < 2; k++ {
				nout[k], nmove[k] = make([]int, n), make([]int, n)
				for s := 0; s < n; s++ {
					o, mv := s, -1
					for _, x := range bruteforce.Moves(m, codes, k, s) {
						a := out[1-k][x]
						better := scores[k][a] > scores[k][o] || (scores[k][a] == scores[k][o] && a < o)
						if mv < 0 {
							better = scores[k][a] > scores[k][s]
						}
						if better {
							o, mv = a, x
						}
					}
					nout[k][s], nmove[k][s] = o, mv
				}
			}
			out = nout
			for k := 0; k < 2; k++ {
				for s := 0; s < n; s++ {
					if a.Outcome(h, k, s) != nout[k][s] || a.Stable(h, k, s) != (nmove[k][s] < 0) {
						t.Fatalf("seed %d: L%d, DM %d, state %d: engine G=%d stable=%v, reference G=%d move=%d",
							seed, h, k, s+1, a.Outcome(h, k, s)+1, a.Stable(h, k, s), nout[k][s]+1, nmove[k][s]+1)
					}
				}
			}
		}
		if a.Period > 0 && len(a.Tables) != a.Start+a.Period {
			t.Fatalf("seed %d: %d tables kept for a cycle from %d of length %d", seed, len(a.Tables), a.Start, a.Period)
		}
		big, err := limitedmove.Analyze(context.Background(), ss, p, 1_000_000, false)
		if err != nil {
			t.Fatal(err)
		}
		if len(big.Tables) > 2*n*n+2 || big.H() != 1_000_000 || big.Period < 1 {
			t.Fatalf("seed %d: horizon 10^6 kept %d tables (period %d) for %d states", seed, len(big.Tables), big.Period, n)
		}
		// Against the reference: a horizon of at most H in the same place of
		// the cycle.
		h := 1_000_000
		if a.Period == 0 {
			t.Fatalf("seed %d: no cycle within %d horizons", seed, H)
		}
		hp := H
		if d := (h - H) % a.Period; d > 0 {
			hp = H + d - a.Period
		}
		for k := 0; k < 2; k++ {
			for s := 0; s < n; s++ {
				if big.Outcome(h, k, s) != a.Outcome(hp, k, s) || big.Stable(h, k, s) != a.Stable(hp, k, s) {
					t.Fatalf("seed %d: horizon 10^6 does not follow the cycle at state %d", seed, s+1)
				}
			}
		}
	}
}

// TestMemoryGuard checks that a limit too small for the tables is refused
// with an estimate, before they are computed.
func TestMemoryGuard(t *testing.T) {
	ss, p := prepare(t, random2(t, 1))
	_, err := limitedmove.AnalyzeWithin(context.Background(), ss, p, 1000, false, memlimit.Limit{Bytes: 500, Source: "a test limit"})
	var me *limitedmove.MemoryError
	if !errors.As(err, &me) || me.Need <= me.Limit || !strings.Contains(err.Error(), "a test limit") {
		t.Fatalf("got %v, want a MemoryError naming the limit", err)
	}
	if _, err := limitedmove.AnalyzeWithin(context.Background(), ss, p, 1000, true, memlimit.Limit{Bytes: 1 << 30}); err != nil {
		t.Fatal(err)
	}
}
