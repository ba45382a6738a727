package main

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/gmcr/gmcr/bench"
	"github.com/gmcr/gmcr/model"
)

func TestGenerate(t *testing.T) {
	inTemp(t)
	args := []string{"generate", "--dms", "4", "--options", "10", "--infeasible", "0.3", "--statements", "5",
		"--compound", "0.5", "--irreversible", "0.2", "--ranking", "0.5", "--seed", "42"}
	out, errOut := check(t, "", 0, args, "decision_makers:", "dms=4 options=10 infeasible=0.3 statements=5 compound=0.5 irreversible=0.2 ranking=0.5 seed=42")
	if errOut != "" {
		t.Errorf("generate wrote to stderr: %q", errOut)
	}
	// Deterministic: the same flags give the same bytes, also in a file.
	again, _ := check(t, "", 0, args)
	if again != out {
		t.Error("two runs with the same flags differ")
	}
	check(t, "", 0, append(args, "-o", "g.yaml"))
	if data, err := os.ReadFile("g.yaml"); err != nil || string(data) != out {
		t.Errorf("-o g.yaml holds other bytes than standard output (%v)", err)
	}
	// The output is a valid model with the requested shape.
	m, err := model.Parse([]byte(out), "g.yaml")
	if err != nil {
		t.Fatalf("generated model does not load: %v", err)
	}
	if len(m.DMs) != 4 || len(m.Options) != 10 {
		t.Errorf("generated %d DMs and %d options, want 4 and 10", len(m.DMs), len(m.Options))
	}
	check(t, "", 0, []string{"validate", "g.yaml"}, "ok: 10 options, 4 DMs")
	check(t, "", 0, []string{"analyze", "g.yaml", "-q", "-f", "csv"}, "number,code,pattern")
	// Another seed, another conflict.
	other, _ := check(t, "", 0, append(args[:len(args)-1:len(args)-1], "43"))
	if other == out {
		t.Error("seeds 42 and 43 give the same file")
	}
	// Misperceptions: written under each DM and loaded back.
	mis, _ := check(t, "", 0, []string{"generate", "--misperceived", "1", "--seed", "5", "-q"}, "ranking=0.2 misperceived=1 seed=5", "    misperceived:\n      - ")
	mm, err := model.Parse([]byte(mis), "mis.yaml")
	if err != nil {
		t.Fatalf("generated model with misperceptions does not load: %v", err)
	}
	for _, dm := range mm.DMs {
		if len(dm.Misperceived) != 1 {
			t.Errorf("DM %s has %d misperceptions, want 1", dm.ID, len(dm.Misperceived))
		}
	}
	// Defaults.
	def, _ := check(t, "", 0, []string{"generate"}, "dms=3 options=8", "seed=1")
	if def2, _ := check(t, "", 0, []string{"generate"}); def2 != def {
		t.Error("two runs with the default flags differ")
	}
}

// TestGenerateBenchModels checks that docs/benchmarks.md is right in
// saying that the benchmark conflicts are what gmcr generate writes with
// --infeasible 0.05 --ranking 0.
func TestGenerateBenchModels(t *testing.T) {
	for _, opts := range []int{8, 12} {
		want, err := model.Marshal(bench.Conflict(bench.DMs, opts))
		if err != nil {
			t.Fatal(err)
		}
		out, _ := check(t, "", 0, []string{"generate", "--dms", "4", "--options", fmt.Sprint(opts), "--infeasible", "0.05", "--ranking", "0"})
		if out != string(want) {
			t.Errorf("gmcr generate for %d options differs from bench.Conflict", opts)
		}
	}
}

func TestGenerateBadFlags(t *testing.T) {
	inTemp(t)
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--dms", "1"}, "--dms must be at least 2, got 1"},
		{[]string{"--dms", "5", "--options", "4"}, "--options must be at least --dms"},
		{[]string{"--options", "63"}, "--options must be at most 62, got 63"},
		{[]string{"--infeasible", "-0.5"}, "--infeasible must be between 0 and 10"},
		{[]string{"--infeasible", "11"}, "--infeasible must be between 0 and 10"},
		{[]string{"--statements", "0"}, "--statements must be between 1 and 62, got 0"},
		{[]string{"--statements", "63"}, "--statements must be between 1 and 62"},
		{[]string{"--compound", "1.5"}, "--compound must be a share between 0 and 1, got 1.5"},
		{[]string{"--irreversible", "-1"}, "--irreversible must be a share between 0 and 1"},
		{[]string{"--ranking", "NaN"}, "--ranking must be a share between 0 and 1, got NaN"},
		{[]string{"--misperceived", "-1"}, "--misperceived must be between 0 and 10 conditions per DM, got -1"},
		{[]string{"--dms", "abc"}, `invalid argument "abc" for "--dms" flag`},
		{[]string{"--seed", "1.5"}, `invalid argument "1.5" for "--seed" flag`},
		{[]string{"--colour", "red"}, "unknown flag: --colour"},
		{[]string{"extra.yaml"}, `unknown command "extra.yaml" for "gmcr generate"`},
	} {
		args := append([]string{"generate"}, tc.args...)
		args = append(args, "-o", "never.yaml")
		code, out, errOut := gmcr(t, "", args...)
		expect(t, args, code, exitBadInput, out, errOut, tc.want)
		if !strings.HasPrefix(errOut, "gmcr: ") || strings.Contains(errOut, "panic") {
			t.Errorf("gmcr %s: stderr %q", strings.Join(args, " "), errOut)
		}
		if out != "" {
			t.Errorf("gmcr %s: wrote %q to stdout", strings.Join(args, " "), out)
		}
		if _, err := os.Stat("never.yaml"); err == nil {
			t.Errorf("gmcr %s: wrote never.yaml", strings.Join(args, " "))
		}
	}
	// A note, not an error, for models too large to analyse by default.
	_, errOut := check(t, "", 0, []string{"generate", "--options", "30", "-o", "big.yaml"}, "up to 2^30 = 1073741824 states", "--max-states")
	if !strings.HasPrefix(errOut, "gmcr: note: ") {
		t.Errorf("note on stderr: %q", errOut)
	}
	if _, errOut := check(t, "", 0, []string{"generate", "--options", "30", "-q"}); errOut != "" {
		t.Errorf("--quiet printed %q", errOut)
	}
}

// TestMaxStates checks that analyze, states and explain refuse a model
// with more feasible states than --max-states, saying how many states it
// has and how to go on, and accept it when the limit is raised.
func TestMaxStates(t *testing.T) {
	inTemp(t)
	// 12 options and no infeasibility conditions: exactly 4096 states.
	check(t, "", 0, []string{"generate", "--dms", "2", "--options", "12", "--infeasible", "0", "-o", "m12.yaml"})
	for _, cmd := range [][]string{
		{"analyze", "m12.yaml"},
		{"states", "m12.yaml"},
		{"explain", "m12.yaml", "--state", "1"},
	} {
		args := append(cmd, "--max-states", "1000")
		code, out, errOut := gmcr(t, "", args...)
		expect(t, args, code, exitBadInput, out, errOut,
			"m12.yaml: the model has 4096 feasible states", "over the limit of 1000", "--max-states")
		if out != "" {
			t.Errorf("gmcr %s wrote %q to stdout", strings.Join(args, " "), out)
		}
		// A limit at the state count, and a far larger one, both go on.
		check(t, "", 0, append(cmd, "--max-states", "4096", "-q", "-o", "out.txt"))
		check(t, "", 0, append(cmd, "--max-states", "2000000000", "-q", "-o", "out.txt"))
	}
	// The default limit, 2^24 states: 25 options without conditions have
	// 2^25.
	check(t, "", 0, []string{"generate", "--dms", "5", "--options", "25", "--infeasible", "0", "-q", "-o", "m25.yaml"})
	check(t, "", exitBadInput, []string{"states", "m25.yaml"},
		"the model has 33554432 feasible states", "over the limit of 16777216", "--max-states")
}

// TestProgressSilent checks that the progress bar is off when standard
// error is not a terminal (a file, a pipe, a buffer) or with --quiet.
func TestProgressSilent(t *testing.T) {
	f, err := os.CreateTemp(t.TempDir(), "stderr")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for _, tc := range []struct {
		name  string
		e     *env
		quiet bool
	}{
		{"file", &env{ctx: context.Background(), stderr: f}, false},
		{"buffer", &env{ctx: context.Background(), stderr: &strings.Builder{}}, false},
		{"quiet", &env{ctx: context.Background(), stderr: os.Stderr}, true},
	} {
		update, done := tc.e.progress(tc.quiet, 4)
		if update != nil {
			t.Errorf("%s: a progress callback is returned", tc.name)
		}
		done()
	}
	if fi, _ := f.Stat(); fi.Size() != 0 {
		t.Errorf("progress wrote %d bytes to a file", fi.Size())
	}
}
