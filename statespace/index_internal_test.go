package statespace

import (
	"context"
	"slices"
	"testing"

	"github.com/gmcr/gmcr/generate"
)

// TestBinarySearchIndex checks that the binary-search look-up used for
// large or sparse code spaces answers exactly as the direct table, for
// every code, and gives the same moves.
func TestBinarySearchIndex(t *testing.T) {
	for seed := int64(0); seed < 30; seed++ {
		p := generate.DefaultParams(3, 6+int(seed%6), seed)
		p.Infeasible = 1.5
		p.Irreversible = 0.3
		m, err := generate.Conflict(p)
		if err != nil {
			t.Fatal(err)
		}
		ss, err := Build(context.Background(), m, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if ss.dense == nil {
			t.Fatal("expected a direct table for a small model")
		}
		sparse := *ss
		sparse.dense = nil
		for code := uint64(0); code < 1<<uint(len(ss.Options))+3; code++ {
			i, ok := ss.Index(code)
			j, ok2 := sparse.Index(code)
			if i != j || ok != ok2 {
				t.Fatalf("seed %d code %d: table (%d, %v), binary search (%d, %v)", seed, code, i, ok, j, ok2)
			}
		}
		for dm := range ss.DMs {
			for s := range ss.Codes {
				a, b := ss.AppendMoves(nil, dm, s), sparse.AppendMoves(nil, dm, s)
				if !slices.Equal(a, b) {
					t.Fatalf("seed %d: moves differ", seed)
				}
			}
		}
	}
}
