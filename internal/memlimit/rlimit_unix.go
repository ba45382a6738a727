//go:build unix

package memlimit

import (
	"os"
	"strconv"
	"strings"
	"syscall"
)

// addressSpace is the room left under RLIMIT_AS: the limit minus the
// address space the process already has mapped.
func addressSpace() []Limit {
	var rl syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_AS, &rl); err != nil || rl.Cur == 0 || rl.Cur >= 1<<62 {
		return nil
	}
	room := int64(rl.Cur) - vmSize()
	if room < 1 {
		room = 1
	}
	return []Limit{{Bytes: room, Source: "the address-space limit (ulimit -v, RLIMIT_AS)"}}
}

// vmSize is the process's mapped address space in bytes (VmSize), or 0.
func vmSize() int64 {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(data), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmSize:"); ok {
			kb, err := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), 10, 64)
			if err == nil {
				return kb << 10
			}
		}
	}
	return 0
}
