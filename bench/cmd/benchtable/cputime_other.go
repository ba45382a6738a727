//go:build !unix && !windows

package main

import "time"

// cpuTime returns 0: this platform offers no process CPU time to read.
func cpuTime() time.Duration { return 0 }
