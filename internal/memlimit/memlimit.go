// Package memlimit finds how much memory the process may still use: the
// smallest of the kernel's MemAvailable, the room left under the memory
// limits of the process's control groups (cgroup v2 memory.max and v1
// memory.limit_in_bytes, at every level up to the root), the room left
// under the address-space limit (RLIMIT_AS), and the Go runtime's soft
// memory limit (GOMEMLIMIT). gmcr refuses an analysis whose estimate
// exceeds it, instead of being killed by the kernel or dying with "out of
// memory" half-way.
//
// Only Linux exposes these files; elsewhere Available reports no limit.
package memlimit

import (
	"bufio"
	"bytes"
	"math"
	"os"
	"path"
	"path/filepath"
	"runtime/debug"
	"strconv"
	"strings"
)

// Limit is the memory the process may still use, in bytes, and what sets
// it.
type Limit struct {
	Bytes  int64  // 0: no limit is known
	Source string // e.g. "the cgroup memory limit (/sys/fs/cgroup/x/memory.max)"
}

// Known reports whether some limit was found.
func (l Limit) Known() bool { return l.Bytes > 0 }

// Available returns the smallest limit in force for this process.
func Available() Limit {
	ls := System{Root: "/"}.Limits()
	ls = append(ls, addressSpace()...)
	if l := debug.SetMemoryLimit(-1); l > 0 && l < math.MaxInt64 {
		ls = append(ls, Limit{Bytes: l, Source: "the Go memory limit GOMEMLIMIT"})
	}
	return Smallest(ls)
}

// Smallest returns the smallest known limit of ls (a zero Limit if none
// is known).
func Smallest(ls []Limit) Limit {
	var best Limit
	for _, l := range ls {
		if l.Known() && (!best.Known() || l.Bytes < best.Bytes) {
			best = l
		}
	}
	return best
}

// System reads the limits from a Linux file system tree rooted at Root
// ("/" for the real one; a folder of fake files in tests).
type System struct {
	Root string
}

func (s System) file(p string) string { return filepath.Join(s.Root, filepath.FromSlash(p)) }

// Limits returns every limit found: MemAvailable and the room under each
// memory cgroup level of the process. Unreadable files are skipped.
func (s System) Limits() []Limit {
	var ls []Limit
	if b := s.memAvailable(); b > 0 {
		ls = append(ls, Limit{Bytes: b, Source: "the memory available on this machine (MemAvailable)"})
	}
	return append(ls, s.cgroupLimits()...)
}

func (s System) memAvailable() int64 {
	data, err := os.ReadFile(s.file("/proc/meminfo"))
	if err != nil {
		return 0
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), "MemAvailable:"); ok {
			kb, err := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), 10, 64)
			if err != nil || kb <= 0 {
				return 0
			}
			return kb << 10
		}
	}
	return 0
}

// mount is a cgroup file system mounted at dir, showing the hierarchy
// from root.
type mount struct {
	dir, root string
	v2        bool
}

// cgroupLimits reads /proc/self/cgroup and /proc/self/mountinfo and, for
// the memory hierarchy (v1) and the unified one (v2), the limit minus the
// usage at every level from the process's group up to the mount's root.
func (s System) cgroupLimits() []Limit {
	groups, err := os.ReadFile(s.file("/proc/self/cgroup"))
	if err != nil {
		return nil
	}
	var v1Path, v2Path string
	haveV2 := false
	for _, line := range strings.Split(string(groups), "\n") {
		parts := strings.SplitN(line, ":", 3)
		if len(parts) != 3 {
			continue
		}
		if parts[0] == "0" && parts[1] == "" {
			v2Path, haveV2 = parts[2], true
		}
		for _, c := range strings.Split(parts[1], ",") {
			if c == "memory" {
				v1Path = parts[2]
			}
		}
	}
	mounts := s.mounts()
	var ls []Limit
	for _, m := range mounts {
		switch {
		case m.v2 && haveV2:
			ls = append(ls, s.walk(m, v2Path, "memory.max", "memory.current")...)
		case !m.v2 && v1Path != "":
			ls = append(ls, s.walk(m, v1Path, "memory.limit_in_bytes", "memory.usage_in_bytes")...)
		}
	}
	return ls
}

// mounts lists the cgroup v2 mounts and the v1 mounts of the memory
// controller.
func (s System) mounts() []mount {
	data, err := os.ReadFile(s.file("/proc/self/mountinfo"))
	if err != nil {
		return nil
	}
	var ms []mount
	for _, line := range strings.Split(string(data), "\n") {
		// id parent major:minor root mountpoint options [optional...] - fstype source superoptions
		pre, post, ok := strings.Cut(line, " - ")
		if !ok {
			continue
		}
		f, g := strings.Fields(pre), strings.Fields(post)
		if len(f) < 5 || len(g) < 1 {
			continue
		}
		switch g[0] {
		case "cgroup2":
			ms = append(ms, mount{dir: unescape(f[4]), root: unescape(f[3]), v2: true})
		case "cgroup":
			if len(g) >= 3 && hasOption(g[2], "memory") {
				ms = append(ms, mount{dir: unescape(f[4]), root: unescape(f[3])})
			}
		}
	}
	return ms
}

func hasOption(opts, name string) bool {
	for _, o := range strings.Split(opts, ",") {
		if o == name {
			return true
		}
	}
	return false
}

// unescape undoes mountinfo's octal escapes (\040 for a space).
func unescape(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+3 < len(s) {
			if n, err := strconv.ParseUint(s[i+1:i+4], 8, 8); err == nil {
				b.WriteByte(byte(n))
				i += 3
				continue
			}
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// walk reads limitFile and usageFile in the group at cg (a path in the
// hierarchy) and in each parent that the mount m shows.
func (s System) walk(m mount, cg, limitFile, usageFile string) []Limit {
	rel, ok := strings.CutPrefix(path.Clean(cg), path.Clean(m.root))
	if !ok {
		return nil // the group lies outside what this mount shows
	}
	rel = path.Clean("/" + rel)
	var ls []Limit
	for {
		dir := path.Join(m.dir, rel)
		if limit, ok := readBytes(s.file(path.Join(dir, limitFile))); ok {
			usage, _ := readBytes(s.file(path.Join(dir, usageFile)))
			room := limit - usage
			if room < 1 {
				room = 1 // at or over the limit: nothing may be used
			}
			ls = append(ls, Limit{Bytes: room, Source: "the memory limit of the process's control group (" + path.Join(dir, limitFile) + ")"})
		}
		if rel == "/" {
			return ls
		}
		rel = path.Dir(rel)
	}
}

// readBytes reads a cgroup number; "max" and v1's huge "unlimited" values
// are no limit.
func readBytes(file string) (int64, bool) {
	data, err := os.ReadFile(file)
	if err != nil {
		return 0, false
	}
	s := strings.TrimSpace(string(data))
	if s == "max" {
		return 0, false
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n <= 0 || n >= 1<<62 {
		return 0, false
	}
	return n, true
}
