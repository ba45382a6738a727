package main

import (
	"sync"
	"time"

	"github.com/gmcr/gmcr/analysis"
	"github.com/gmcr/gmcr/internal/memlimit"
)

// memoryOptions sets o's memory limit to the smallest of the limits in
// force for this process (memlimit.Available: MemAvailable, cgroup v1/v2
// limits, RLIMIT_AS, GOMEMLIMIT). No flag switches the check off.
func memoryOptions(o analysis.Options) analysis.Options {
	l := currentLimit()
	o.MemoryLimit, o.MemorySource = l.Bytes, l.Source
	return o
}

var limitCache struct {
	sync.Mutex
	at    time.Time
	limit memlimit.Limit
}

// currentLimit is memlimit.Available, read at most once a second: a model
// with thousands of scenarios prepares each of them.
func currentLimit() memlimit.Limit {
	limitCache.Lock()
	defer limitCache.Unlock()
	if now := time.Now(); limitCache.at.IsZero() || now.Sub(limitCache.at) > time.Second {
		limitCache.limit, limitCache.at = memlimit.Available(), now
	}
	return limitCache.limit
}
