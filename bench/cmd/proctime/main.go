// Command proctime runs a command several times and prints its wall time,
// its CPU time (user + system, from the kernel's resource usage of the
// child process, in microseconds) and its peak resident memory: the
// fastest of the runs for the times, and the largest peak. It is how
// bench/analyses.sh times whole gmcr processes, start-up included, with a
// finer resolution than /usr/bin/time.
//
// Usage:
//
//	proctime [-n RUNS] [-timeout DURATION] -- COMMAND [ARG...]
//
// Output (one line, tab-separated): wall seconds, CPU seconds, peak RSS in
// KiB (0 where the platform does not report it, as on Windows), exit code. A run that exceeds -timeout is killed; proctime then
// prints "timeout" in place of the times and exits 3. A run that fails
// makes proctime exit with 1 after printing its standard error.
package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"time"
)

func main() {
	runs := flag.Int("n", 5, "number of runs")
	timeout := flag.Duration("timeout", 0, "kill a run after this long (0: no limit)")
	flag.Parse()
	args := flag.Args()
	if len(args) == 0 {
		fmt.Fprintln(os.Stderr, "proctime: no command; usage: proctime [-n RUNS] [-timeout D] -- COMMAND [ARG...]")
		os.Exit(2)
	}
	bestWall, bestCPU := time.Duration(1<<62), time.Duration(1<<62)
	var maxRSS int64
	for r := 0; r < max(*runs, 1); r++ {
		ctx := context.Background()
		cancel := func() {}
		if *timeout > 0 {
			ctx, cancel = context.WithTimeout(ctx, *timeout)
		}
		cmd := exec.CommandContext(ctx, args[0], args[1:]...)
		var stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = nil, &stderr
		start := time.Now()
		err := cmd.Run()
		wall := time.Since(start)
		timedOut := ctx.Err() != nil
		cancel()
		if timedOut {
			fmt.Printf("timeout\ttimeout\t-\t-\n")
			os.Exit(3)
		}
		var ee *exec.ExitError
		if err != nil && !errors.As(err, &ee) {
			fmt.Fprintf(os.Stderr, "proctime: %v\n", err)
			os.Exit(1)
		}
		cpu := cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
		maxRSS = max(maxRSS, peakRSSKiB(cmd.ProcessState))
		if code := cmd.ProcessState.ExitCode(); code != 0 {
			os.Stderr.Write(stderr.Bytes())
			fmt.Printf("%.6f\t%.6f\t%d\t%d\n", wall.Seconds(), cpu.Seconds(), maxRSS, code)
			os.Exit(1)
		}
		bestWall, bestCPU = min(bestWall, wall), min(bestCPU, cpu)
	}
	fmt.Printf("%.6f\t%.6f\t%d\t0\n", bestWall.Seconds(), bestCPU.Seconds(), maxRSS)
}
