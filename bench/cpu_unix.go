//go:build unix

package bench

import (
	"syscall"
	"time"
)

// CPUTime returns the processor time (user and system) the process has
// used so far, or 0 where it cannot be read. Benchmarks on a shared
// machine report it beside the wall time (b.ReportMetric(...,
// "cpu-ns/op")): under load the wall time measures the other processes
// too.
func CPUTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
