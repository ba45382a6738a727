package evolve_test

import (
	"context"
	"reflect"
	"testing"

	"github.com/gmcr/gmcr/evolve"
	"github.com/gmcr/gmcr/internal/bruteforce"
	"github.com/gmcr/gmcr/internal/testmodel"
)

// TestGraphFormAgreement checks status quo analysis on 200 random
// graph-form conflicts against bruteforce.StatusQuoReachable, from a
// different start state in each, and every listed path with the verifier.
func TestGraphFormAgreement(t *testing.T) {
	ctx := context.Background()
	for i := 0; i < 200; i++ {
		m := testmodel.RandomGraph(t, int64(i))
		r := run(t, m)
		start := i % r.Space.Len()
		b := newBF(m, false)
		want := bruteforce.StatusQuoReachable(m, b.codes, b.scores, start)
		res, err := evolve.Analyze(ctx, r.Stability, start, evolve.Options{Paths: 3, To: []int{(i + 1) % r.Space.Len()}})
		if err != nil {
			t.Fatal(err)
		}
		got := map[int]int{}
		for _, x := range res.Reached {
			got[x] = res.Dist(x)
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("conflict %d: reached %v, StatusQuoReachable %v", i, got, want)
		}
		checkResult(t, i, b, res, 3)
	}
}
