package coalition_test

import (
	"slices"
	"testing"

	"github.com/gmcr/gmcr/coalition"
	"github.com/gmcr/gmcr/internal/bruteforce"
	"github.com/gmcr/gmcr/internal/testmodel"
)

// TestGraphFormImprovements checks, on the random graph-form conflicts of up to 48 states among the first 150,
// the coalitional improvements of every coalition from every state
// against bruteforce.CoalitionImprovements, and that a fixed coalition
// structure is refused.
func TestGraphFormImprovements(t *testing.T) {
	for i := 0; i < 150; i++ {
		m := testmodel.RandomGraph(t, int64(i))
		r := prepare(t, m)
		codes := bruteforce.Feasible(m)
		if len(codes) > 48 {
			continue // keeps the brute force quick
		}
		scores := bruteforce.Scores(m, codes)
		for s := range codes {
			for _, h := range coalition.All(len(m.DMs)) {
				want := bruteforce.CoalitionImprovements(m, codes, scores, h, s)
				var got []int
				for _, imp := range coalition.Improvements(r.Space, r.Prefs, h, s) {
					got = append(got, imp.To)
				}
				slices.Sort(got)
				if !slices.Equal(got, want) && !(len(got) == 0 && len(want) == 0) {
					t.Fatalf("conflict %d, coalition %v, state %d: %v, want %v", i, h, s+1, got, want)
				}
			}
		}
		if _, err := coalition.NewStructure(r.Space, r.Prefs, [][]int{{0, 1}}); err == nil && i == 0 {
			t.Fatal("a coalition structure on a graph-form model was accepted")
		}
	}
}
