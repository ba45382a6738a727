package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestMain lets a test run gmcr as a separate process (see gmcrProcess):
// start-up work (package initialisation, signals) can only be seen there.
func TestMain(m *testing.M) {
	if os.Getenv("GMCR_TEST_RUN_MAIN") == "1" {
		main()
		return
	}
	os.Exit(m.Run())
}

// gmcrProcess runs gmcr (this test binary acting as it) with args and the
// extra environment variables env, and returns its exit code and output.
func gmcrProcess(t *testing.T, env []string, stdin string, args ...string) (int, string, string) {
	t.Helper()
	cmd := gmcrCommand(t, env, args...)
	cmd.Stdin = strings.NewReader(stdin)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return code, out.String(), errb.String()
}

func gmcrCommand(t *testing.T, env []string, args ...string) *exec.Cmd {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Skip("cannot find the test binary:", err)
	}
	cmd := exec.Command(exe, args...)
	cmd.Env = append(append(os.Environ(), "GMCR_TEST_RUN_MAIN=1"), env...)
	return cmd
}

// TestStartupLeavesTempAlone checks that commands which draw nothing do
// not start the drawing library: it used to compile itself at start-up
// and keep a cache in $TMPDIR/go-graphviz, panicking when that folder
// belonged to another user or held a truncated file.
func TestStartupLeavesTempAlone(t *testing.T) {
	dir := inTemp(t)
	tmp := filepath.Join(dir, "tmp")
	cache := filepath.Join(dir, "cache")
	if err := os.Mkdir(tmp, 0o700); err != nil {
		t.Fatal(err)
	}
	env := []string{"TMPDIR=" + tmp, "XDG_CACHE_HOME=" + cache}
	for _, args := range [][]string{{"--version"}, {"validate", "elmira.yaml"}, {"analyze", "elmira.yaml"}, {"evolve", "elmira.yaml", "--format", "dot"}} {
		code, out, errOut := gmcrProcess(t, env, "", args...)
		expect(t, args, code, 0, out, errOut)
		if entries, _ := os.ReadDir(tmp); len(entries) > 0 {
			t.Errorf("gmcr %s wrote %s into the temp directory", strings.Join(args, " "), entries[0].Name())
		}
		if _, err := os.Stat(cache); err == nil {
			t.Errorf("gmcr %s created the drawing cache", strings.Join(args, " "))
		}
	}
}

// TestDrawingSurvivesBrokenCache checks that a truncated compilation cache
// of the drawing library neither panics nor fails the drawing.
func TestDrawingSurvivesBrokenCache(t *testing.T) {
	if testing.Short() {
		t.Skip("compiles Graphviz twice")
	}
	dir := inTemp(t)
	cache := filepath.Join(dir, "cache")
	env := []string{"TMPDIR=" + dir, "XDG_CACHE_HOME=" + cache}
	args := []string{"evolve", "elmira.yaml", "--format", "svg", "-q"}
	code, out, errOut := gmcrProcess(t, env, "", args...)
	expect(t, args, code, 0, out, errOut, "</svg>")
	want := out
	var n int
	filepath.Walk(cache, func(p string, fi os.FileInfo, err error) error {
		if err == nil && fi.Mode().IsRegular() {
			n++
			os.Truncate(p, fi.Size()/3)
		}
		return nil
	})
	if n == 0 {
		t.Fatalf("no compilation cache under %s", cache)
	}
	code, out, errOut = gmcrProcess(t, env, "", args...)
	expect(t, args, code, 0, out, errOut)
	if out != want {
		t.Errorf("the drawing changed after the cache was truncated")
	}
}
