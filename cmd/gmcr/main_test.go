package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/gmcr/gmcr/examples"
	"github.com/spf13/cobra"
)

// gmcr runs the command line in-process and returns the exit code and
// what it wrote.
func gmcr(t *testing.T, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	return gmcrContext(t, context.Background(), stdin, args...)
}

func gmcrContext(t *testing.T, ctx context.Context, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := runContext(ctx, args, strings.NewReader(stdin), &out, &errb)
	return code, out.String(), errb.String()
}

// inTemp runs the test in a fresh directory holding elmira.yaml.
func inTemp(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	t.Chdir(dir)
	ex, err := examples.Get("elmira")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile("elmira.yaml", ex.Data, 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

func expect(t *testing.T, args []string, code, want int, stdout, stderr string, contains ...string) {
	t.Helper()
	if code != want {
		t.Errorf("gmcr %s: exit %d, want %d\nstdout:\n%s\nstderr:\n%s", strings.Join(args, " "), code, want, stdout, stderr)
	}
	for _, c := range contains {
		if !strings.Contains(stdout+stderr, c) {
			t.Errorf("gmcr %s: output lacks %q\nstdout:\n%s\nstderr:\n%s", strings.Join(args, " "), c, stdout, stderr)
		}
	}
}

func check(t *testing.T, stdin string, want int, args []string, contains ...string) (string, string) {
	t.Helper()
	code, out, errOut := gmcr(t, stdin, args...)
	expect(t, args, code, want, out, errOut, contains...)
	return out, errOut
}

func TestVersionAndHelp(t *testing.T) {
	out, _ := check(t, "", 0, []string{"--version"})
	if !strings.HasPrefix(out, "gmcr ") {
		t.Errorf("--version printed %q", out)
	}
	check(t, "", 0, []string{"--help"}, "analyze", "states", "explain", "validate", "convert", "examples", "Exit codes")
	check(t, "", 0, nil, "Usage:")
	root := newRootCmd(&env{ctx: context.Background(), stdin: strings.NewReader(""), stdout: io.Discard, stderr: io.Discard})
	for _, c := range root.Commands() {
		if c.Name() == "help" || c.Name() == "completion" {
			continue
		}
		if c.Short == "" || c.Long == "" || c.Example == "" {
			t.Errorf("command %s lacks Short, Long or Example help", c.Name())
		}
		check(t, "", 0, []string{c.Name(), "--help"}, strings.SplitN(c.Long, "\n", 2)[0], "Usage:", "Examples:")
	}
}

// TestHelpExamples runs every command line in the Example help of every
// command, in order, in a scratch directory: the examples must work.
func TestHelpExamples(t *testing.T) {
	inTemp(t)
	root := newRootCmd(&env{ctx: context.Background(), stdin: strings.NewReader(""), stdout: io.Discard, stderr: io.Discard})
	cmds := append([]*cobra.Command{root}, root.Commands()...)
	n := 0
	for _, c := range cmds {
		for _, line := range strings.Split(c.Example, "\n") {
			line = strings.TrimSpace(line)
			if !strings.HasPrefix(line, "gmcr ") {
				continue
			}
			args := splitArgs(line)[1:]
			ctx, cancel := context.Background(), context.CancelFunc(func() {})
			if args[0] == "serve" {
				// The workbench serves until stopped: stop it at once,
				// and open no browser from a test.
				args = slices.DeleteFunc(args, func(a string) bool { return a == "--open" })
				ctx, cancel = context.WithTimeout(ctx, 300*time.Millisecond)
			}
			code, out, errOut := gmcrContext(t, ctx, "", args...)
			cancel()
			expect(t, args, code, 0, out, errOut)
			n++
		}
	}
	if n < 15 {
		t.Errorf("only %d example command lines found", n)
	}
}

// splitArgs splits a command line at spaces, keeping double-quoted
// strings together.
func splitArgs(s string) []string {
	var args []string
	var cur strings.Builder
	quoted, have := false, false
	for _, r := range s {
		switch {
		case r == '"':
			quoted, have = !quoted, true
		case r == ' ' && !quoted:
			if have {
				args = append(args, cur.String())
				cur.Reset()
				have = false
			}
		default:
			cur.WriteRune(r)
			have = true
		}
	}
	if have {
		args = append(args, cur.String())
	}
	return args
}

func TestAnalyze(t *testing.T) {
	inTemp(t)
	ex, _ := examples.Get(examples.Default)
	_, errOut := check(t, "", 0, []string{"analyze"}, ex.Title, "Equilibria")
	if !strings.Contains(errOut, "built-in example") {
		t.Errorf("no note about the built-in example on stderr: %q", errOut)
	}
	if _, errOut := check(t, "", 0, []string{"analyze", "-q"}); errOut != "" {
		t.Errorf("--quiet printed %q", errOut)
	}
	out, _ := check(t, "", 0, []string{"analyze", "elmira.yaml"}, "Elmira", "Nash  6 states: 5, 6, 7, 10, 11, 12")
	if !strings.Contains(out, "  modify ") {
		t.Error("a 12-state model is not shown in columns")
	}
	out, _ = check(t, "", 0, []string{"analyze", "elmira.yaml", "--layout", "rows"}, "Rank MoE")
	out, _ = check(t, "", 0, []string{"analyze", "elmira.yaml", "-f", "json", "--concepts", "nash,gmr"})
	var doc struct {
		Kind       string
		Equilibria map[string][]int
		StatusQuo  *int `json:"status_quo"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("JSON output: %v\n%s", err, out)
	}
	if doc.Kind != "analysis" || len(doc.Equilibria) != 2 || len(doc.Equilibria["Nash"]) != 6 || doc.StatusQuo == nil || *doc.StatusQuo != 1 {
		t.Errorf("JSON output: %+v", doc)
	}
	out, _ = check(t, "", 0, []string{"analyze", "elmira.yaml", "--format", "csv"}, "number,code,pattern,modify,delay,accept,abandon,insist,rank_MoE")
	if n := strings.Count(out, "\n"); n != 13 {
		t.Errorf("CSV has %d lines, want 13", n)
	}
	check(t, "", 0, []string{"analyze", "elmira.yaml", "--format", "markdown"}, "| State", "**E**")
	// Standard input.
	data, _ := os.ReadFile("elmira.yaml")
	check(t, string(data), 0, []string{"analyze", "-", "-f", "csv"}, "rank_Uniroyal")
}

func TestBadInput(t *testing.T) {
	inTemp(t)
	os.WriteFile("bad.yaml", []byte("title: x\noptions: [\n"), 0o644)
	os.WriteFile("empty-dms.yaml", []byte("title: x\noptions:\n  - id: a\ndecision_makers: []\n"), 0o644)
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"analyze", "missing.yaml"}, "missing.yaml: cannot read the file"},
		{[]string{"analyze", "bad.yaml"}, "bad.yaml:3"},
		{[]string{"validate", "bad.yaml"}, "bad.yaml:3"},
		{[]string{"states", "empty-dms.yaml"}, "empty-dms.yaml"},
		{[]string{"analyze", "elmira.yaml", "--concepts", "Nash,XYZ"}, `unknown solution concept "XYZ"`},
		{[]string{"analyze", "elmira.yaml", "--format", "xml"}, `unknown format "xml"`},
		{[]string{"analyze", "elmira.yaml", "--layout", "diagonal"}, `unknown layout "diagonal"`},
		{[]string{"analyze", "elmira.yaml", "--max-states", "5"}, "over the limit of 5"},
		{[]string{"explain", "elmira.yaml", "--state", "13"}, "state 13 does not exist; the model has states 1..12"},
		{[]string{"explain", "elmira.yaml", "--state", "0"}, "state 0 does not exist"},
		{[]string{"explain", "elmira.yaml", "--state", "YYYYY"}, "not feasible"},
		{[]string{"explain", "elmira.yaml", "--state", "abc"}, "give a state number 1..12"},
		{[]string{"explain", "elmira.yaml", "--state", "1", "--dm", "Nobody"}, `unknown DM "Nobody"; use one of MoE, Uniroyal, LG`},
		{[]string{"explain", "elmira.yaml", "--state", "1", "--concept", "ABC"}, `unknown solution concept "ABC"`},
		{[]string{"explain", "elmira.yaml", "--state", "1", "--format", "csv"}, `format "csv" is not available here`},
		{[]string{"explain", "elmira.yaml"}, `required flag(s) "state" not set`},
		{[]string{"analyze", "--no-such-flag"}, "unknown flag: --no-such-flag"},
		{[]string{"frobnicate"}, `unknown command "frobnicate"`},
		{[]string{"analyze", "a.yaml", "b.yaml"}, "accepts at most 1 arg"},
		{[]string{"convert", "elmira.yaml"}, "--to yaml|json|gmcr"},
		{[]string{"convert", "elmira.yaml", "--to", "xml"}, `unknown output format "xml"`},
		{[]string{"examples", "no-such-example"}, `unknown example "no-such-example"`},
		{[]string{"examples", "-o", "x.yaml"}, "needs an example NAME"},
		{[]string{"analyze", "-"}, "empty input"},
	} {
		code, out, errOut := gmcr(t, "", tc.args...)
		expect(t, tc.args, code, exitBadInput, out, errOut, tc.want)
		if !strings.HasPrefix(errOut, "gmcr: ") {
			t.Errorf("gmcr %s: stderr does not start with \"gmcr: \": %q", strings.Join(tc.args, " "), errOut)
		}
		if strings.Contains(errOut, "Usage:") || strings.Contains(errOut, "panic") {
			t.Errorf("gmcr %s: stderr has a usage dump or a panic:\n%s", strings.Join(tc.args, " "), errOut)
		}
	}
}

func TestStates(t *testing.T) {
	inTemp(t)
	out, _ := check(t, "", 0, []string{"states", "elmira.yaml"}, "modify", "Rank")
	if !strings.Contains(out, "    1     2  N       Y") {
		t.Errorf("states listing:\n%s", out)
	}
	out, _ = check(t, "", 0, []string{"states", "elmira.yaml", "-f", "csv"}, "number,code,pattern,modify,delay")
	if n := strings.Count(out, "\n"); n != 13 {
		t.Errorf("CSV has %d lines", n)
	}
	check(t, "", 0, []string{"states", "elmira.yaml", "-f", "json"}, `"kind": "states"`)
	check(t, "", 0, []string{"states", "-q"}, "feasible states")
}

func TestExplain(t *testing.T) {
	inTemp(t)
	check(t, "", 0, []string{"explain", "elmira.yaml", "--state", "1", "--dm", "LG", "--concept", "GMR"},
		"LG moves 1 -> 7 (takes option insist (Local government insists on the original control order))", "MoE moves 7 -> 8 (takes option modify (MoE modifies the control order))", "state 1 is stable for LG under GMR")
	check(t, "", 0, []string{"explain", "elmira.yaml", "--state", "sq", "--dm", "lg", "--concept", "SEQ"},
		"No sanction exists: the UI is unsanctioned, so state 1 is unstable for LG under SEQ")
	// A grouped Y/N pattern, a DM by name and by number.
	check(t, "", 0, []string{"explain", "elmira.yaml", "-s", "N YNN N", "-d", "local government (woolwich township and waterloo region)", "-c", "smr"}, "best counter-move")
	out, _ := check(t, "", 0, []string{"explain", "elmira.yaml", "-s", "1", "-d", "3", "-c", "all", "-f", "json"})
	var doc struct {
		Explanations []struct{ Concept, DM string }
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil || len(doc.Explanations) != 5 || doc.Explanations[4].DM != "LG" {
		t.Errorf("JSON explanations: %v %+v", err, doc)
	}
	// Every DM by default.
	out, _ = check(t, "", 0, []string{"explain", "elmira.yaml", "-s", "1", "-c", "Nash", "-f", "markdown"})
	if strings.Count(out, "## Nash stability of state 1") != 3 {
		t.Errorf("explain without --dm should cover the 3 DMs:\n%s", out)
	}
}

func TestValidate(t *testing.T) {
	inTemp(t)
	check(t, "", 0, []string{"validate", "elmira.yaml"}, "ok: 5 options, 3 DMs, 12 feasible states")
	os.WriteFile("bad.yaml", []byte("title: x\noptions: [\n"), 0o644)
	out, errOut := check(t, "", exitBadInput, []string{"validate", "elmira.yaml", "bad.yaml", "missing.yaml"}, "elmira.yaml: ok:", "bad.yaml:3", "missing.yaml", "2 of 3 files have errors")
	_ = out
	_ = errOut
	if out, errOut := check(t, "", 0, []string{"validate", "-q", "elmira.yaml"}); out+errOut != "" {
		t.Errorf("validate -q printed %q %q", out, errOut)
	}
	data, _ := os.ReadFile("elmira.yaml")
	check(t, string(data), 0, []string{"validate", "-"}, "ok: 5 options")
}

func TestConvert(t *testing.T) {
	inTemp(t)
	check(t, "", 0, []string{"convert", "elmira.yaml", "--to", "gmcr", "-o", "elmira.gmcr"})
	check(t, "", 0, []string{"convert", "elmira.yaml", "-o", "elmira.json"})
	check(t, "", 0, []string{"convert", "elmira.gmcr", "-o", "back.yaml"})
	for _, f := range []string{"elmira.gmcr", "elmira.json", "back.yaml"} {
		check(t, "", 0, []string{"validate", f}, "ok: 5 options, 3 DMs, 12 feasible states")
	}
	js, _ := os.ReadFile("elmira.json")
	if !json.Valid(js) || !strings.HasPrefix(string(js), "{\n  \"title\": ") {
		t.Errorf("JSON model file:\n%.300s", js)
	}
	// The same equilibria from every form of the model.
	eq := func(file string) string {
		out, _ := check(t, "", 0, []string{"analyze", file, "-f", "json"})
		var doc struct{ Equilibria json.RawMessage }
		json.Unmarshal([]byte(out), &doc)
		return string(doc.Equilibria)
	}
	want := eq("elmira.yaml")
	for _, f := range []string{"elmira.gmcr", "elmira.json", "back.yaml"} {
		if got := eq(f); got != want {
			t.Errorf("%s: equilibria %s, want %s", f, got, want)
		}
	}
	// GMCR+ from standard input.
	g, _ := os.ReadFile("elmira.gmcr")
	check(t, string(g), 0, []string{"convert", "-", "--to", "yaml"}, "decision_makers:")
}

func TestExamples(t *testing.T) {
	inTemp(t)
	out, _ := check(t, "", 0, []string{"examples"}, "(default)")
	for _, ex := range examples.All() {
		if !strings.Contains(out, ex.Name) || !strings.Contains(out, ex.Title) {
			t.Errorf("examples list lacks %s", ex.Name)
		}
		got, _ := check(t, "", 0, []string{"examples", ex.Name})
		if got != string(ex.Data) {
			t.Errorf("examples %s does not print the file", ex.Name)
		}
	}
	check(t, "", 0, []string{"examples", "chicken", "-o", "c.yaml"})
	check(t, "", 0, []string{"validate", "c.yaml"}, "ok:")
}

func TestOutputAtomic(t *testing.T) {
	dir := inTemp(t)
	check(t, "", 0, []string{"analyze", "elmira.yaml", "-o", "report.txt"})
	data, err := os.ReadFile("report.txt")
	if err != nil || !strings.Contains(string(data), "Equilibria") {
		t.Fatalf("report.txt: %v\n%s", err, data)
	}
	// A failing command leaves an existing output alone.
	os.WriteFile("keep.txt", []byte("old"), 0o600)
	check(t, "", exitBadInput, []string{"analyze", "missing.yaml", "-o", "keep.txt"})
	check(t, "", exitBadInput, []string{"analyze", "elmira.yaml", "-o", filepath.Join("no-such-dir", "x.txt")}, "does not exist; create it first")
	check(t, "", exitBadInput, []string{"analyze", "elmira.yaml", "-o", "elmira.yaml"}, "it is the model file being read")
	check(t, "", exitBadInput, []string{"analyze", "elmira.yaml", "-o", "."}, "is a directory")
	check(t, "", exitBadInput, []string{"analyze", "elmira.yaml", "-o", filepath.Join("elmira.yaml", "x")}, "is a file, not a directory")
	// Replacing keeps the file's permissions.
	check(t, "", 0, []string{"analyze", "elmira.yaml", "-o", "keep.txt"})
	if fi, _ := os.Stat("keep.txt"); fi.Mode().Perm() != 0o600 {
		t.Errorf("keep.txt mode %v, want 0600", fi.Mode().Perm())
	}
	// A write that fails half-way leaves the old content and no
	// temporary file.
	os.WriteFile("half.txt", []byte("old"), 0o644)
	err = writeFileAtomic("half.txt", func(w io.Writer) error {
		io.WriteString(w, strings.Repeat("partial ", 10000))
		return errors.New("boom")
	})
	if err == nil || err.Error() != "boom" {
		t.Errorf("writeFileAtomic error %v", err)
	}
	if b, _ := os.ReadFile("half.txt"); string(b) != "old" {
		t.Errorf("half.txt holds %q after a failed write", b)
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".tmp") {
			t.Errorf("temporary file %s left behind", e.Name())
		}
	}
}

func TestInterrupted(t *testing.T) {
	inTemp(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	args := []string{"analyze", "elmira.yaml", "-o", "never.txt"}
	code, out, errOut := gmcrContext(t, ctx, "", args...)
	expect(t, args, code, exitInterrupted, out, errOut, "gmcr: interrupted")
	if _, err := os.Stat("never.txt"); err == nil {
		t.Error("an interrupted analysis wrote its output")
	}
}

// TestOutputThroughLinksAndDevices checks that --output follows a symbolic
// link (replacing the file it points to, not the link) and writes a device
// in place instead of replacing it.
func TestOutputThroughLinksAndDevices(t *testing.T) {
	inTemp(t)
	check(t, "", 0, []string{"examples", "elmira", "-o", "elmira.yaml"})
	os.WriteFile("target.txt", []byte("old"), 0o644)
	if err := os.Symlink("target.txt", "link.txt"); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	check(t, "", 0, []string{"analyze", "elmira.yaml", "-o", "link.txt"})
	if fi, err := os.Lstat("link.txt"); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Fatalf("link.txt is no longer a symbolic link: %v", err)
	}
	if data, _ := os.ReadFile("target.txt"); !strings.Contains(string(data), "Equilibria") {
		t.Fatalf("target.txt was not written through the link: %q", data)
	}
	check(t, "", 0, []string{"analyze", "elmira.yaml", "-o", os.DevNull})
	if fi, err := os.Stat(os.DevNull); err != nil || fi.Mode().IsRegular() {
		t.Fatalf("%s was replaced by a regular file", os.DevNull)
	}
}

// TestBadInputIsNotACrash: bad input exits 3, never 2, which is the Go
// runtime's code for a crash (out of memory, an unrecovered panic), so a
// script can tell the two apart (issue 11).
func TestBadInputIsNotACrash(t *testing.T) {
	inTemp(t)
	for _, args := range [][]string{
		{"analyze", "missing.yaml"},
		{"analyze", "--no-such-flag"},
		{"explain", "elmira.yaml", "--state", "999", "--dm", "LG"},
		{"analyze", "elmira.yaml", "--max-states", "-1"},
	} {
		if code, _, errOut := gmcr(t, "", args...); code != 3 {
			t.Errorf("gmcr %v: exit %d, want 3 (bad input); stderr %q", args, code, errOut)
		}
	}
}
