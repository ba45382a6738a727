//go:build unix

package main

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestBlockedInputInterrupted checks that a signal ends a command waiting
// for input that never comes: a named pipe without a writer, or a silent
// standard input.
func TestBlockedInputInterrupted(t *testing.T) {
	dir := inTemp(t)
	fifo := filepath.Join(dir, "model.fifo")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skip("no named pipes here:", err)
	}
	pr, pw := io.Pipe()
	defer pw.Close()
	for _, c := range []struct {
		args  []string
		stdin io.Reader
	}{
		{[]string{"validate", fifo}, strings.NewReader("")},
		{[]string{"analyze", "-"}, pr},
	} {
		ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
		var out, errb strings.Builder
		done := make(chan int, 1)
		go func() { done <- runContext(ctx, c.args, c.stdin, &out, &errb) }()
		select {
		case code := <-done:
			expect(t, c.args, code, exitInterrupted, out.String(), errb.String(), "gmcr: interrupted")
		case <-time.After(10 * time.Second):
			t.Errorf("gmcr %s ignored the interruption", strings.Join(c.args, " "))
		}
		cancel()
	}
}

// TestOutputFIFOWithoutReaderInterrupted checks that -o to a named pipe
// that nobody opens for reading gives way to a signal.
func TestOutputFIFOWithoutReaderInterrupted(t *testing.T) {
	dir := inTemp(t)
	fifo := filepath.Join(dir, "out.fifo")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skip("no named pipes here:", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	args := []string{"analyze", "elmira.yaml", "-o", fifo}
	var out, errb strings.Builder
	done := make(chan int, 1)
	go func() { done <- runContext(ctx, args, strings.NewReader(""), &out, &errb) }()
	select {
	case code := <-done:
		expect(t, args, code, exitInterrupted, out.String(), errb.String(), "gmcr: interrupted")
	case <-time.After(10 * time.Second):
		t.Fatal("gmcr -o FIFO ignored the interruption")
	}
}

// TestInterruptedWhileWriting checks that an interruption during the
// writing of the output stops it: exit 130, the previous output file
// untouched and no temporary file left; on standard output the rest is
// not written.
func TestInterruptedWhileWriting(t *testing.T) {
	dir := inTemp(t)
	check(t, "", 0, []string{"generate", "--options", "18", "--dms", "3", "--infeasible", "0", "--seed", "2", "-q", "-o", "m18.yaml"})
	if err := os.WriteFile("out.csv", []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go func() {
		// Cancel as soon as the temporary output file appears.
		for ctx.Err() == nil {
			if m, _ := filepath.Glob(filepath.Join(dir, ".out.csv.*.tmp")); len(m) > 0 {
				cancel()
				return
			}
			time.Sleep(time.Millisecond)
		}
	}()
	args := []string{"states", "m18.yaml", "--format", "csv", "-o", "out.csv", "-q"}
	code, out, errOut := gmcrContext(t, ctx, "", args...)
	expect(t, args, code, exitInterrupted, out, errOut, "gmcr: interrupted")
	if b, _ := os.ReadFile("out.csv"); string(b) != "old" {
		t.Errorf("out.csv holds %d bytes after the interruption, want the old content", len(b))
	}
	if m, _ := filepath.Glob(filepath.Join(dir, ".out.csv.*.tmp")); len(m) > 0 {
		t.Errorf("temporary file left: %v", m)
	}

	// Standard output: the interruption comes with the first block.
	ctx2, cancel2 := context.WithCancel(context.Background())
	defer cancel2()
	w := &cancelOnWrite{cancel: cancel2}
	var errb strings.Builder
	args = []string{"states", "m18.yaml", "--format", "csv", "-q"}
	code = runContext(ctx2, args, strings.NewReader(""), w, &errb)
	expect(t, args, code, exitInterrupted, "", errb.String(), "gmcr: interrupted")
	if w.n > 1<<20 {
		t.Errorf("%d bytes written to standard output after the interruption", w.n)
	}
}

// cancelOnWrite counts what it is given and cancels on the first write.
type cancelOnWrite struct {
	cancel context.CancelFunc
	n      int
}

func (c *cancelOnWrite) Write(p []byte) (int, error) {
	c.cancel()
	c.n += len(p)
	return len(p), nil
}

// TestSignalWhileBlockedOnOutput sends SIGTERM to a gmcr whose standard
// output is a pipe nobody reads: the write blocks in the kernel, where no
// context reaches, and gmcr must still exit 130 promptly.
func TestSignalWhileBlockedOnOutput(t *testing.T) {
	inTemp(t)
	check(t, "", 0, []string{"generate", "--options", "16", "--dms", "3", "--infeasible", "0", "--seed", "2", "-q", "-o", "m16.yaml"})
	for _, sig := range []os.Signal{syscall.SIGTERM, os.Interrupt} {
		cmd := gmcrCommand(t, nil, "states", "m16.yaml", "--format", "csv", "-q")
		stdout, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		var errb strings.Builder
		cmd.Stderr = &errb
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		// Wait until the pipe is full (the first bytes arrive), then signal.
		buf := make([]byte, 1)
		if _, err := io.ReadFull(stdout, buf); err != nil {
			t.Fatal(err)
		}
		time.Sleep(200 * time.Millisecond)
		start := time.Now()
		cmd.Process.Signal(sig)
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		select {
		case <-done:
			if code := cmd.ProcessState.ExitCode(); code != exitInterrupted {
				t.Errorf("%v: exit %d, want %d; stderr:\n%s", sig, code, exitInterrupted, errb.String())
			}
			if d := time.Since(start); d > 5*time.Second {
				t.Errorf("%v: took %v to stop", sig, d)
			}
		case <-time.After(15 * time.Second):
			cmd.Process.Kill()
			t.Fatalf("%v ignored while the output was blocked", sig)
		}
	}
}

// TestWriteProtectedOutput checks that -o refuses to replace a file
// nobody may write, as the shell does, unless --overwrite.
func TestWriteProtectedOutput(t *testing.T) {
	inTemp(t)
	if err := os.WriteFile("ro.txt", []byte("old"), 0o444); err != nil {
		t.Fatal(err)
	}
	check(t, "", exitBadInput, []string{"analyze", "elmira.yaml", "-o", "ro.txt"}, "cannot write ro.txt: the file is write-protected (mode 0444)", "--overwrite")
	if b, _ := os.ReadFile("ro.txt"); string(b) != "old" {
		t.Fatalf("ro.txt replaced: %q", b)
	}
	check(t, "", 0, []string{"analyze", "elmira.yaml", "-o", "ro.txt", "--overwrite"})
	b, _ := os.ReadFile("ro.txt")
	fi, _ := os.Stat("ro.txt")
	if !strings.Contains(string(b), "Equilibria") || fi.Mode().Perm() != 0o444 {
		t.Errorf("--overwrite: ro.txt mode %v, content %.40q", fi.Mode().Perm(), b)
	}
	check(t, "", exitBadInput, []string{"examples", "elmira", "-o", "ro.txt"}, "write-protected")
}

// TestServeStopsOnSIGTERM checks what gmcr serve --help promises: SIGTERM
// (as Ctrl-C) stops the workbench gracefully, with "workbench stopped"
// and status 0, not the 130 of an interrupted command.
func TestServeStopsOnSIGTERM(t *testing.T) {
	inTemp(t)
	if serveShutdownDelay >= forcedExitDelay {
		t.Fatalf("the shutdown delay %v is not within the forced exit delay %v", serveShutdownDelay, forcedExitDelay)
	}
	for _, sig := range []os.Signal{syscall.SIGTERM, os.Interrupt} {
		cmd := gmcrCommand(t, nil, "serve", "elmira.yaml")
		stdout, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		var errb syncBuffer
		cmd.Stderr = &errb
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		line := make([]byte, 256)
		n, err := stdout.Read(line)
		if err != nil || !strings.Contains(string(line[:n]), "gmcr workbench: open http://127.0.0.1:") {
			cmd.Process.Kill()
			t.Fatalf("no URL: %q %v %s", line[:n], err, errb.String())
		}
		cmd.Process.Signal(sig)
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		select {
		case <-done:
			if code := cmd.ProcessState.ExitCode(); code != 0 || !strings.Contains(errb.String(), "gmcr: workbench stopped") {
				t.Errorf("%v: exit %d, want 0 with \"workbench stopped\"; stderr:\n%s", sig, code, errb.String())
			}
		case <-time.After(15 * time.Second):
			cmd.Process.Kill()
			t.Fatalf("%v did not stop the workbench", sig)
		}
	}
	out, _ := check(t, "", 0, []string{"serve", "--help"})
	if !strings.Contains(out, "exits with status 0") {
		t.Errorf("serve --help does not say how it exits:\n%s", out)
	}
}
