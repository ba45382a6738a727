package main

import (
	"context"
	"runtime"
	"strings"
	"sync"
	"testing"
)

// inverseUnder runs gmcr inverse in this process with GOMAXPROCS procs,
// with burners goroutines spinning on the CPU meanwhile (a slow, loaded
// machine), and returns its output.
func inverseUnder(t *testing.T, procs, burners int, args ...string) string {
	t.Helper()
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	for range burners {
		wg.Add(1)
		go func() {
			defer wg.Done()
			x := uint64(1)
			for ctx.Err() == nil {
				for range 1 << 16 {
					x = x*6364136223846793005 + 1442695040888963407
				}
			}
			_ = x
		}()
	}
	var out, errb strings.Builder
	code := runContext(context.Background(), append([]string{"inverse", "-q"}, args...), strings.NewReader(""), &out, &errb)
	cancel()
	wg.Wait()
	if code != 0 {
		t.Fatalf("gmcr inverse %v: exit %d: %s", args, code, errb.String())
	}
	return out.String()
}

// TestInverseDefaultDeterministic asks the README's flagship question
// (state 128 of the built-in example under SEQ, with the default limits)
// on one and two cores, the second time with the process slowed by
// goroutines burning CPU, and wants the same bytes, proven closest: the
// default stopping rule counts solver conflicts, not seconds.
func TestInverseDefaultDeterministic(t *testing.T) {
	args := []string{"--state", "YYYYNYNYN", "--concept", "SEQ"}
	a := inverseUnder(t, 2, 0, args...)
	if !strings.Contains(a, "The closest change: 5 of the 2706 comparisons") {
		t.Fatalf("flagship question not proven closest with the default work limit:\n%s", a)
	}
	if b := inverseUnder(t, 1, 2, args...); b != a {
		t.Errorf("GOMAXPROCS 1 and a loaded CPU changed the output:\n--- 2 cores ---\n%s\n--- 1 core, loaded ---\n%s", a, b)
	}
}

// TestInverseWorkLimitHit stops the same question's proof after 2,000
// solver conflicts, far too few to prove it: the answer must say so in
// the documented words, and be the same on one and two cores and under
// load.
func TestInverseWorkLimitHit(t *testing.T) {
	args := []string{"--state", "YYYYNYNYN", "--concept", "SEQ", "--work-limit", "2000"}
	a := inverseUnder(t, 2, 0, args...)
	const want = "A close change, not proven closest (the work limit ran out; raise --work-limit or give 0 for no limit): "
	if !strings.Contains(a, want) {
		t.Fatalf("want %q in:\n%s", want, a)
	}
	if b := inverseUnder(t, 1, 2, args...); b != a {
		t.Errorf("GOMAXPROCS 1 and a loaded CPU changed the output:\n--- 2 cores ---\n%s\n--- 1 core, loaded ---\n%s", a, b)
	}
	// --budget too: the report names both limits, since which stops the
	// proof first depends on the machine.
	c := inverseUnder(t, 2, 0, append(args, "--budget", "1h")...)
	if !strings.Contains(c, "not proven closest (the work limit or the time budget ran out; raise --work-limit and --budget, or give 0 for no limit)") {
		t.Errorf("with --budget 1h and --work-limit 2000:\n%s", c)
	}
}
