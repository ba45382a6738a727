package limitedmove_test

import (
	"context"
	"reflect"
	"testing"

	"github.com/gmcr/gmcr/limitedmove"
)

// SequenceCompact stands for exactly Sequence's moves, and stays small
// when the sequence grows with the horizon.
func TestSequenceCompact(t *testing.T) {
	ctx := context.Background()
	repeated := 0
	for seed := int64(0); seed < 80; seed++ {
		ss, p := prepare(t, random2(t, seed+7000))
		a, err := limitedmove.Analyze(ctx, ss, p, 400, true) // nm: the cycle is found
		if err != nil {
			t.Fatal(err)
		}
		for _, h := range []int{1, 2, 3, 7, 40, 399, 400} {
			for k := 0; k < 2; k++ {
				for s := 0; s < ss.Len(); s++ {
					full := a.Sequence(h, k, s)
					c := a.SequenceCompact(h, k, s)
					if got := c.Expand(); c.Len != len(full) || !(len(full) == 0 && len(got) == 0 || reflect.DeepEqual(got, full)) {
						t.Fatalf("seed %d, h %d, DM %d, state %d: compact %+v expands to %d moves, want %d", seed, h, k, s+1, c, len(got), len(full))
					}
					if c.Times > 0 {
						repeated++
						if c.Times < 2 || len(c.Cycle) == 0 {
							t.Fatalf("seed %d: a cycle written %d times: %+v", seed, c.Times, c)
						}
					}
					if size := len(c.Prefix) + len(c.Cycle) + len(c.Suffix); size > 2*ss.Len()*max(a.Period, 1)+a.Start+1 {
						t.Fatalf("seed %d, h %d: compact form of %d moves", seed, h, size)
					}
				}
			}
		}
	}
	if repeated == 0 {
		t.Fatal("no random conflict had a repeating sequence: the test checks nothing")
	}
}

// In conflicts where the DMs chase each other round a cycle of states,
// the anticipated sequences are as long as the horizon; their compact
// forms are not. (Random conflicts 1, 23 and 61 have cycles of period 1, 2
// and 4, and sequences of about h moves.)
func TestSequenceCompactLong(t *testing.T) {
	for _, seed := range []int64{1, 23, 61} {
		ss, p := prepare(t, random2(t, seed))
		a, err := limitedmove.Analyze(context.Background(), ss, p, 2000, false)
		if err != nil {
			t.Fatal(err)
		}
		long := 0
		for k := 0; k < 2; k++ {
			for s := 0; s < ss.Len(); s++ {
				full, c := a.Sequence(2000, k, s), a.SequenceCompact(2000, k, s)
				long = max(long, len(full))
				size := len(c.Prefix) + len(c.Cycle) + len(c.Suffix)
				if c.Len != len(full) || size > 2*ss.Len()*a.Period+a.Start+1 || len(full) > size && c.Times < 2 {
					t.Errorf("seed %d, DM %d, state %d: %d moves, compact %d+%d×%d+%d", seed, k, s+1, len(full), len(c.Prefix), c.Times, len(c.Cycle), len(c.Suffix))
				}
			}
		}
		if long < 1990 {
			t.Fatalf("seed %d: longest sequence %d moves, want about 2000", seed, long)
		}
	}
}
