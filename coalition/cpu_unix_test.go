//go:build unix

package coalition_test

import (
	"syscall"
	"time"
)

// processCPU returns the process's user plus system CPU time so far: on a
// shared machine it measures the work, where wall time measures the load.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
