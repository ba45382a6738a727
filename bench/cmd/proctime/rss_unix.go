//go:build unix

package main

import (
	"os"
	"runtime"
	"syscall"
)

// peakRSSKiB returns the child's peak resident memory in KiB from the
// kernel's resource usage, or 0 when the platform does not report it.
// Linux reports ru_maxrss in KiB, macOS and iOS in bytes.
func peakRSSKiB(ps *os.ProcessState) int64 {
	ru, ok := ps.SysUsage().(*syscall.Rusage)
	if !ok || ru == nil {
		return 0
	}
	rss := int64(ru.Maxrss)
	if runtime.GOOS == "darwin" || runtime.GOOS == "ios" {
		rss /= 1024
	}
	return rss
}
