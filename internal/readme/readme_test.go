package readme

import (
	"context"
	"flag"
	"os"
	"strconv"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the generated passages of README.md")

const readmePath = "../../README.md"

// TestREADME checks that every passage of README.md about the built-in
// examples' results is what the engine computes now. After a change to
// the engine or the examples, `go generate ./internal/readme` rewrites
// them; read the diff before committing it.
func TestREADME(t *testing.T) {
	blocks, err := Blocks(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(readmePath)
	if err != nil {
		t.Fatal(err)
	}
	got, err := Replace(string(data), blocks)
	if err != nil {
		t.Fatal(err)
	}
	if *update {
		if got != string(data) {
			if err := os.WriteFile(readmePath, []byte(got), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		return
	}
	if got != string(data) {
		old, want := strings.Split(string(data), "\n"), strings.Split(got, "\n")
		for i := range min(len(old), len(want)) {
			if old[i] != want[i] {
				t.Fatalf("README.md disagrees with the engine from line %d:\n  README: %s\n  engine: %s\nRun `go generate ./internal/readme` and check the diff.", i+1, old[i], want[i])
			}
		}
		t.Fatalf("README.md disagrees with the engine in length (%d lines, want %d); run `go generate ./internal/readme`", len(old), len(want))
	}
}

func TestReplace(t *testing.T) {
	doc := "a\n" + Begin("x") + "old\n" + End("x") + "b\n"
	got, err := Replace(doc, map[string]string{"x": "new"})
	if err != nil || got != "a\n"+Begin("x")+"new\n"+End("x")+"b\n" {
		t.Errorf("Replace: %q, %v", got, err)
	}
	for _, tc := range []struct {
		doc    string
		blocks map[string]string
		want   string
	}{
		{doc, map[string]string{}, `block "x" that package readme does not make`},
		{doc, map[string]string{"x": "", "y": ""}, `lacks the generated block "y"`},
		{"a\n" + Begin("x"), map[string]string{"x": ""}, "must pair up"},
		{Begin("x") + End("y"), map[string]string{"x": ""}, "expected BEGIN x"},
	} {
		if _, err := Replace(tc.doc, tc.blocks); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Replace(%q): %v, want an error containing %q", tc.doc, err, tc.want)
		}
	}
}

// TestBlocksPrint shows the passages (go test -v -run BlocksPrint).
func TestBlocksPrint(t *testing.T) {
	if !testing.Verbose() {
		t.Skip("only with -v")
	}
	blocks, err := Blocks(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"pd-tableau", "example-results", "example-evolve", "example-coalitions", "example-whatif", "example-gmcrplus"} {
		t.Logf("== %s\n%s", name, blocks[name])
	}
}

// TestWhatIfNamesEveryScenario checks that the README's what-if passage
// accounts for every scenario of the flagship example that gmcr compare
// lists: a row of the table, or named as left out with the reason.
func TestWhatIfNamesEveryScenario(t *testing.T) {
	x, err := load(context.Background(), "ukraine-security")
	if err != nil {
		t.Fatal(err)
	}
	block, err := whatIf(context.Background(), x)
	if err != nil {
		t.Fatal(err)
	}
	for i, sc := range x.m.Scenarios {
		if !strings.Contains(block, "(`"+sc.ID+"`) |") && !strings.Contains(block, "`"+sc.ID+"` (S"+strconv.Itoa(i+1)+" in `gmcr compare`), which only marks comparisons unknown") {
			t.Errorf("the what-if passage neither shows nor explains leaving out scenario %s (S%d):\n%s", sc.ID, i+1, block)
		}
	}
}
