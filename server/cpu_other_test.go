//go:build !unix

package server

// cpuSeconds is 0 where the process's processor time is not read: the
// benchmarks then report wall time alone.
func cpuSeconds() float64 { return 0 }
