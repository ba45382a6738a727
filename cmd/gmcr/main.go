// Command gmcr analyses conflicts with the Graph Model for Conflict
// Resolution (GMCR): it reads a model file (YAML or JSON, or a GMCR+ save
// file), computes which states are stable for each decision maker under
// the standard solution concepts (Nash, GMR, SMR, SEQ, SIM), and reports
// the equilibria, the feasible states, or why one state is stable or not.
//
// Run "gmcr --help" for the commands, and "gmcr analyze" to analyse the
// built-in example.
//
// Exit codes: 0 success; 3 bad input (a model error, an unknown flag or
// value, a state or DM that does not exist); 1 any other error; 130 when
// interrupted (except serve, for which Ctrl-C or SIGTERM is the normal,
// graceful end: 0). gmcr itself never exits with 2: that is the Go runtime's code
// for a crash (out of memory, a bug), so a script can tell a crash from bad
// input.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/gmcr/gmcr/internal/escape"
	"github.com/spf13/cobra"
)

// Exit codes.
const (
	exitOK          = 0
	exitError       = 1   // internal or other errors (e.g. writing the output)
	exitBadInput    = 3   // model errors, unknown flags or values, bad state or DM
	exitInterrupted = 130 // interrupted by Ctrl-C (SIGINT) or SIGTERM
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// run executes gmcr with the given arguments and streams and returns the
// exit code. Ctrl-C (or SIGTERM) cancels the work in progress; a second
// one kills the process.
//
// A command that has not returned forcedExitDelay after the signal (it is
// blocked in a system call that no context reaches, e.g. writing to a pipe
// that nobody reads) is ended: the temporary output files are removed and
// gmcr exits with code 130 as if the command had stopped.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	finished := make(chan struct{})
	defer close(finished)
	go func() {
		select {
		case <-finished:
			return
		case <-ctx.Done():
		}
		stop() // restore the default handling: a second Ctrl-C kills
		select {
		case <-finished:
		case <-time.After(forcedExitDelay):
			removeTemps()
			fmt.Fprintln(stderr, "gmcr: interrupted")
			os.Exit(exitInterrupted)
		}
	}()
	return runContext(ctx, args, stdin, stdout, stderr)
}

// forcedExitDelay is how long run waits for an interrupted command to
// stop by itself.
const forcedExitDelay = 2 * time.Second

// runContext is run with a given context; cancelling it interrupts the
// command as Ctrl-C does.
func runContext(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) (code int) {
	defer func() {
		// gmcr never panics at its user: a bug is reported as an error.
		if p := recover(); p != nil {
			fmt.Fprintf(stderr, "gmcr: internal error: %v\n(please report this as a bug, with the command and the model file)\n", p)
			code = exitError
		}
	}()
	e := &env{ctx: ctx, stdin: stdin, stdout: stdout, stderr: stderr}
	root := newRootCmd(e)
	root.SetArgs(args)
	err := root.ExecuteContext(ctx)
	if err == nil {
		return exitOK
	}
	if ctx.Err() != nil && (errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) || errors.Is(err, ctx.Err())) {
		fmt.Fprintln(stderr, "gmcr: interrupted")
		return exitInterrupted
	}
	var ce *cmdError
	if errors.As(err, &ce) {
		if !ce.silent {
			printError(stderr, ce.err)
		}
		return ce.code
	}
	// Errors that no command returned come from parsing the command line:
	// an unknown command, flag or argument count.
	printError(stderr, err)
	fmt.Fprintf(stderr, "Run '%s --help' for usage.\n", commandPath(root, args))
	return exitBadInput
}

// printError writes err to w as "gmcr: <message>", one line of the
// message at a time (a model with several errors lists them all), with
// control characters and bidi controls from the model made visible
// (escape.Terminal).
func printError(w io.Writer, err error) {
	msg := strings.TrimRight(err.Error(), "\n")
	for _, line := range strings.Split(msg, "\n") {
		fmt.Fprintf(w, "gmcr: %s\n", escape.Terminal(line))
	}
}

// commandPath returns "gmcr" or "gmcr <command>" for the command that
// args name, for the usage hint.
func commandPath(root *cobra.Command, args []string) string {
	if c, _, err := root.Find(args); err == nil && c != nil {
		return c.CommandPath()
	}
	return "gmcr"
}

// cmdError is an error returned by a command, with its exit code.
type cmdError struct {
	code   int
	err    error
	silent bool // the command has already reported the problem
}

func (e *cmdError) Error() string { return e.err.Error() }
func (e *cmdError) Unwrap() error { return e.err }

// badInput marks err as the user's input being wrong (exit code 3).
func badInput(err error) error {
	if err == nil {
		return nil
	}
	var ce *cmdError
	if errors.As(err, &ce) {
		return err
	}
	return &cmdError{code: exitBadInput, err: err}
}

// badInputf is badInput(fmt.Errorf(...)).
func badInputf(format string, a ...any) error { return badInput(fmt.Errorf(format, a...)) }

// failure marks err as an internal or other error (exit code 1), unless it
// is already classified.
func failure(err error) error {
	if err == nil {
		return nil
	}
	var ce *cmdError
	if errors.As(err, &ce) {
		return err
	}
	return &cmdError{code: exitError, err: err}
}
