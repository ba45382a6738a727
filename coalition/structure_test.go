package coalition_test

import (
	"context"
	"slices"
	"testing"

	"github.com/gmcr/gmcr/coalition"
	"github.com/gmcr/gmcr/internal/bruteforce"
	"github.com/gmcr/gmcr/model"
	"github.com/gmcr/gmcr/stability"
)

// TestStructureSingletons: a structure of single DMs is the ordinary
// analysis.
func TestStructureSingletons(t *testing.T) {
	for i := 0; i < 150; i++ {
		m := random(t, i)
		r := prepare(t, m)
		var blocks [][]int
		for d := range m.DMs {
			blocks = append(blocks, []int{d})
		}
		st, err := coalition.NewStructure(r.Space, r.Prefs, blocks)
		if err != nil {
			t.Fatal(err)
		}
		if !st.Trivial() {
			t.Fatal("singletons not trivial")
		}
		sa, err := coalition.AnalyzeStructure(context.Background(), st, nil)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range coalition.StructureConcepts {
			for d := range m.DMs {
				for s := 0; s < r.Space.Len(); s++ {
					if sa.Stable(c, d, s) != r.Stability.Stable(c, d, s) {
						t.Fatalf("conflict %d: %v for DM %d at %d differs", i, c, d, s+1)
					}
				}
			}
			if !slices.Equal(sa.Equilibria(c), r.Stability.Equilibria(c)) {
				t.Fatalf("conflict %d: %v equilibria differ", i, c)
			}
		}
	}
}

// bfBlockMoves lists block b's moves from s by comparing s with every
// feasible state: t differs from s only in options of the block's
// members, each changed option in its permitted direction.
func bfBlockMoves(m *model.Model, codes []uint64, block []int, s int) []int {
	var mine, fwd, back uint64
	k := 0
	for d, dm := range m.DMs {
		for _, id := range dm.Options {
			if slices.Contains(block, d) {
				mine |= 1 << k
				switch m.Option(id).Reversibility {
				case model.Forward:
					fwd |= 1 << k
				case model.Backward:
					back |= 1 << k
				}
			}
			k++
		}
	}
	var out []int
	for t, c := range codes {
		diff := c ^ codes[s]
		if t == s || diff&^mine != 0 {
			continue
		}
		if diff&fwd&codes[s] != 0 || diff&back&^codes[s] != 0 {
			continue // withdraws a forward-only option or takes a backward-only one
		}
		out = append(out, t)
	}
	return out
}

// bfStructureStable decides the stability of s for block b from the
// definitions, by an explicit search over (state, last block) pairs.
func bfStructureStable(m *model.Model, codes []uint64, scores [][]int64, blocks [][]int, c stability.Concept, b, s int) bool {
	prefers := func(x int, t, u int) bool {
		for _, k := range blocks[x] {
			if scores[k][t] <= scores[k][u] {
				return false
			}
		}
		return true
	}
	reachOthers := func(s1 int, improving bool) []int {
		type pair struct{ st, last int }
		seen := map[pair]bool{}
		got := map[int]bool{}
		queue := []pair{{s1, -1}}
		for len(queue) > 0 {
			cur := queue[0]
			queue = queue[1:]
			for o := range blocks {
				if o == b || o == cur.last {
					continue
				}
				for _, t := range bfBlockMoves(m, codes, blocks[o], cur.st) {
					if improving && !prefers(o, t, cur.st) {
						continue
					}
					if !seen[pair{t, o}] {
						seen[pair{t, o}] = true
						got[t] = true
						queue = append(queue, pair{t, o})
					}
				}
			}
		}
		var out []int
		for t := range got {
			out = append(out, t)
		}
		return out
	}
	for _, s1 := range bfBlockMoves(m, codes, blocks[b], s) {
		if !prefers(b, s1, s) {
			continue
		}
		ok := false
		switch c {
		case stability.GMR, stability.SEQ:
			for _, s2 := range reachOthers(s1, c == stability.SEQ) {
				ok = ok || !prefers(b, s2, s)
			}
		case stability.SMR:
			for _, s2 := range reachOthers(s1, false) {
				if prefers(b, s2, s) {
					continue
				}
				all := true
				for _, s3 := range bfBlockMoves(m, codes, blocks[b], s2) {
					all = all && !prefers(b, s3, s)
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

// TestStructureAgreement checks AnalyzeStructure against the definitions
// on random conflicts with the first two DMs joined.
func TestStructureAgreement(t *testing.T) {
	differ := map[stability.Concept]int{}
	for i := 0; i < 120; i++ {
		m := random(t, i)
		r := prepare(t, m)
		blocks := [][]int{{0, 1}}
		for d := 2; d < len(m.DMs); d++ {
			blocks = append(blocks, []int{d})
		}
		if i%2 == 1 && len(m.DMs) == 4 {
			blocks = [][]int{{1, 3}, {0}, {2}}
		}
		st, err := coalition.NewStructure(r.Space, r.Prefs, blocks)
		if err != nil {
			t.Fatal(err)
		}
		sa, err := coalition.AnalyzeStructure(context.Background(), st, nil)
		if err != nil {
			t.Fatal(err)
		}
		codes := bruteforce.Feasible(m)
		scores := bruteforce.Scores(m, codes)
		for b := range st.Blocks {
			for s := range codes {
				var moves []int
				st.Moves(b, s, func(t int) bool { moves = append(moves, t); return true })
				if want := bfBlockMoves(m, codes, st.Blocks[b], s); !slices.Equal(moves, want) {
					t.Fatalf("conflict %d block %v state %d: moves %v, want %v", i, st.Blocks[b], s+1, moves, want)
				}
				for _, c := range coalition.StructureConcepts {
					if got, want := sa.Stable(c, b, s), bfStructureStable(m, codes, scores, st.Blocks, c, b, s); got != want {
						t.Fatalf("conflict %d: %v for block %v at %d: %v, want %v", i, c, st.Blocks[b], s+1, got, want)
					}
					if sa.Stable(c, b, s) != sa.Stable(stability.Nash, b, s) {
						differ[c]++
					}
				}
			}
		}
	}
	// The sanctions must matter somewhere.
	for _, c := range []stability.Concept{stability.GMR, stability.SMR, stability.SEQ} {
		if differ[c] == 0 {
			t.Errorf("%v never differs from Nash for a structure", c)
		}
	}
}

// TestStructurePrisoners: with both players in one coalition, the block
// has no opponent; it leaves only mutual defection (4), from which mutual
// cooperation is better for both. States 2 and 3 are each some player's
// best, so the block cannot improve on them.
func TestStructurePrisoners(t *testing.T) {
	r := prepare(t, example(t, "prisoners-dilemma"))
	st, err := coalition.NewStructure(r.Space, r.Prefs, [][]int{{1, 0}})
	if err != nil {
		t.Fatal(err)
	}
	sa, err := coalition.AnalyzeStructure(context.Background(), st, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range coalition.StructureConcepts {
		if got := sa.Equilibria(c); !slices.Equal(got, []int{0, 1, 2}) {
			t.Errorf("%v equilibria %v, want [0 1 2]", c, got)
		}
	}
	for _, bad := range [][][]int{{{0}}, {{0, 1}, {1}}, {{0, 5}, {1}}, {{}, {0, 1}}} {
		if _, err := coalition.NewStructure(r.Space, r.Prefs, bad); err == nil {
			t.Errorf("structure %v accepted", bad)
		}
	}
	if _, err := coalition.AnalyzeStructure(context.Background(), st, []stability.Concept{stability.SIM}); err == nil {
		t.Error("SIM accepted for a structure")
	}
}
