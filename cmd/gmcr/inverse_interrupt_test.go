package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestInverseInterrupted cancels `gmcr inverse` while it proves the
// closest solution of the built-in example's largest question (state 128
// under SEQ with no time limit: seconds of SAT solving) and checks that it
// stops inside the solver call with exit 130, leaving the previous output
// file as it was. runContext has no forced exit behind it (run exits after
// forcedExitDelay whatever the command does), so only a solver that stops
// by itself passes.
func TestInverseInterrupted(t *testing.T) {
	interruptInverse(t, 700*time.Millisecond)
}

// TestInverseFixedInterrupted is TestInverseInterrupted with Russia's
// preferences fixed, cancelled early (in the first stage of the search)
// and later (in the relaxation with no DM fixed, whose lower bound proves
// the answer: about ten seconds of CPU in all).
func TestInverseFixedInterrupted(t *testing.T) {
	for _, d := range []time.Duration{700 * time.Millisecond, 3 * time.Second} {
		t.Run(d.String(), func(t *testing.T) { interruptInverse(t, d, "--fixed", "RU") })
	}
}

func interruptInverse(t *testing.T, delay time.Duration, extra ...string) {
	dir := inTemp(t)
	if err := os.WriteFile("out.txt", []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	before := map[string]bool{}
	ents, _ := os.ReadDir(dir)
	for _, e := range ents {
		before[e.Name()] = true
	}
	args := append([]string{"inverse", "--state", "YYYYNYNYN", "--concept", "SEQ", "--budget", "0", "-q", "-o", "out.txt"}, extra...)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var out, errb strings.Builder
	done := make(chan int, 1)
	go func() { done <- runContext(ctx, args, strings.NewReader(""), &out, &errb) }()
	time.Sleep(delay)
	cancel()
	start := time.Now()
	select {
	case code := <-done:
		expect(t, args, code, exitInterrupted, out.String(), errb.String(), "gmcr: interrupted")
		t.Logf("stopped %v after the cancellation", time.Since(start))
	case <-time.After(forcedExitDelay + 8*time.Second):
		t.Fatal("gmcr inverse went on solving after the cancellation")
	}
	if b, _ := os.ReadFile("out.txt"); string(b) != "old" {
		t.Errorf("out.txt changed: %q", b)
	}
	ents, _ = os.ReadDir(dir)
	for _, e := range ents {
		if !before[e.Name()] {
			t.Errorf("left behind: %s", filepath.Join(dir, e.Name()))
		}
	}
}
