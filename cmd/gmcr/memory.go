package main

import (
	"github.com/gmcr/gmcr/analysis"
	"github.com/gmcr/gmcr/internal/memlimit"
)

// memoryOptions sets o's memory limit to the smallest of the limits in
// force for this process (memlimit.Available: MemAvailable, cgroup v1/v2
// limits, RLIMIT_AS, GOMEMLIMIT). No flag switches the check off.
func memoryOptions(o analysis.Options) analysis.Options {
	l := memlimit.Available()
	o.MemoryLimit, o.MemorySource = l.Bytes, l.Source
	return o
}
