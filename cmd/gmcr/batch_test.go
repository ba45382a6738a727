package main

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/gmcr/gmcr/batch"
	"github.com/gmcr/gmcr/examples"
)

// TestBatchEqualsAnalyze runs 'gmcr batch' over the examples and their
// scenarios, whole and as two shards (one by --shard I/N, one by the
// Kubernetes index variable), and checks every result file against
// 'gmcr analyze --format json' of the same model and scenario, byte for
// byte; a model whose DMs name concepts gets its mixed equilibria as in
// analyze.
func TestBatchEqualsAnalyze(t *testing.T) {
	inTemp(t)
	os.MkdirAll("models", 0o755)
	for _, ex := range examples.All() {
		os.WriteFile(filepath.Join("models", ex.Name+".yaml"), ex.Data, 0o644)
	}
	// Chicken with a concept per DM: analyze adds the mixed equilibria.
	ch, _ := examples.Get("chicken")
	mixed := strings.Replace(string(ch.Data), "  - id: P1\n", "  - id: P1\n    concept: SMR\n", 1)
	mixed = strings.Replace(mixed, "  - id: P2\n", "  - id: P2\n    concept: Nash\n", 1)
	if mixed == string(ch.Data) || !strings.Contains(mixed, "concept: Nash") {
		t.Fatal("could not add concepts to the chicken example")
	}
	os.WriteFile(filepath.Join("models", "mixed.yaml"), []byte(mixed), 0o644)

	code, _, stderr := gmcr(t, "", "batch", "models", "--scenarios", "all", "--out", "whole")
	if code != 0 {
		t.Fatalf("batch: exit %d\n%s", code, stderr)
	}
	results, _ := filepath.Glob(filepath.Join("whole", "results", "*.json"))
	if len(results) < 10 {
		t.Fatalf("%d results", len(results))
	}
	for _, res := range results {
		id := strings.TrimSuffix(filepath.Base(res), ".json")
		name, sc, _ := strings.Cut(id, "@")
		args := []string{"analyze", filepath.Join("models", name+".yaml"), "--format", "json"}
		if sc != "" {
			args = append(args, "--scenario", sc)
		}
		code, want, stderr := gmcr(t, "", args...)
		if code != 0 {
			t.Fatalf("%v: exit %d: %s", args, code, stderr)
		}
		got, _ := os.ReadFile(res)
		if !bytes.Equal(got, []byte(want)) {
			t.Errorf("%s differs from gmcr %s", res, strings.Join(args, " "))
		}
		if name == "mixed" && !strings.Contains(want, `"mixed"`) {
			t.Errorf("analyze of the mixed model gives no mixed equilibria")
		}
	}
	// Shards 0/2 by flag and 1/2 by JOB_COMPLETION_INDEX.
	code, _, stderr = gmcr(t, "", "batch", "models", "--scenarios", "all", "--out", "sharded", "--shard", "0/2", "-q")
	if code != 0 {
		t.Fatalf("shard 0: exit %d\n%s", code, stderr)
	}
	t.Setenv("JOB_COMPLETION_INDEX", "1")
	code, _, stderr = gmcr(t, "", "batch", "models", "--scenarios", "all", "--out", "sharded", "--shard", "2", "-q")
	if code != 0 {
		t.Fatalf("shard 1: exit %d\n%s", code, stderr)
	}
	for _, res := range results {
		a, _ := os.ReadFile(res)
		b, err := os.ReadFile(filepath.Join("sharded", "results", filepath.Base(res)))
		if err != nil || !bytes.Equal(a, b) {
			t.Errorf("%s: the shards' result differs from the whole run's (%v)", filepath.Base(res), err)
		}
	}
	s0, _ := os.ReadFile(filepath.Join("sharded", "summary-0-of-2.jsonl"))
	s1, _ := os.ReadFile(filepath.Join("sharded", "summary-1-of-2.jsonl"))
	if n := bytes.Count(s0, []byte("\n")) + bytes.Count(s1, []byte("\n")); n != len(results) {
		t.Errorf("the shard summaries have %d rows, want %d", n, len(results))
	}
	// A failing model: recorded, exit 1, the rest done.
	os.WriteFile(filepath.Join("models", "broken.yaml"), []byte("decision_makers: [\n"), 0o644)
	// Jobs: every built-in example, mixed.yaml and broken.yaml.
	check(t, "", 1, []string{"batch", "models", "--out", "whole"}, "broken: failed", fmt.Sprintf("1 of %d jobs failed", len(examples.All())+2))
	check(t, "", exitBadInput, []string{"batch", "models"}, "--out DIR is required")
	check(t, "", exitBadInput, []string{"batch", "models", "--out", "x", "--shard", "3/2"}, "index 3 is not in 0..1")
}

// An --out that cannot be a directory (an existing file, or under one) is
// bad input (exit 3) said in words, not Go's "mkdir: not a directory";
// a missing directory is created with its parents.
func TestBatchOutNotADirectory(t *testing.T) {
	inTemp(t)
	check(t, "", 0, []string{"examples", "prisoners-dilemma", "-o", "m1.yaml"})
	if err := os.Mkdir("bdir", 0o755); err != nil {
		t.Fatal(err)
	}
	check(t, "", 0, []string{"examples", "prisoners-dilemma", "-o", "bdir/pd.yaml"})
	for _, out := range []string{"m1.yaml", "m1.yaml/sub"} {
		_, errOut := check(t, "", exitBadInput, []string{"batch", "bdir", "--out", out, "-q"}, "cannot use "+out+" as the output directory", "not a directory; name a directory")
		if strings.Contains(errOut, "mkdir") {
			t.Errorf("--out %s: raw error: %s", out, errOut)
		}
	}
	check(t, "", 0, []string{"batch", "bdir", "--out", "new/deeper/res", "-q"})
	if _, err := os.Stat("new/deeper/res/results"); err != nil {
		t.Errorf("missing --out directory not created: %v", err)
	}
}

// A directory that cannot be written (permissions, read-only file system)
// is bad input saying what to do, for -o and for batch --out; tested on
// the errors themselves, since a test running as root may write anywhere.
func TestOutputNotWritable(t *testing.T) {
	for _, e := range []error{fs.ErrPermission, syscall.EACCES, syscall.EROFS} {
		err := createError("ro/x.txt", "ro", &fs.PathError{Op: "open", Path: "ro/.x.txt.1.tmp", Err: e})
		var ce *cmdError
		if !errors.As(err, &ce) || ce.code != exitBadInput || !strings.Contains(err.Error(), "the directory ro is not writable") || strings.Contains(err.Error(), ".tmp") {
			t.Errorf("%v: %v", e, err)
		}
		be := &batch.OutputError{Dir: "ro", Err: e}
		if !strings.Contains(be.Error(), "cannot write in the output directory ro") || !strings.Contains(be.Error(), "choose a directory you can write") {
			t.Errorf("batch %v: %v", e, be)
		}
	}
	var ce *cmdError
	if err := createError("x", ".", syscall.EIO); !errors.As(err, &ce) || ce.code != exitError {
		t.Errorf("EIO: %v, want exit %d", err, exitError)
	}
}
