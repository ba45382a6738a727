package memlimit

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// fakeRoot writes files (path -> content) under a temporary folder.
func fakeRoot(t *testing.T, files map[string]string) string {
	t.Helper()
	root := t.TempDir()
	for p, content := range files {
		f := filepath.Join(root, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(f), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(f, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

const meminfo = "MemTotal:       25000000 kB\nMemFree:         1000000 kB\nMemAvailable:   20000000 kB\n"

func TestCgroupV2(t *testing.T) {
	root := fakeRoot(t, map[string]string{
		"/proc/meminfo":     meminfo,
		"/proc/self/cgroup": "0::/user.slice/job\n",
		"/proc/self/mountinfo": "25 1 0:22 / /sys/fs/cgroup rw,nosuid - cgroup2 cgroup2 rw\n" +
			"26 1 0:23 / /proc rw - proc proc rw\n",
		"/sys/fs/cgroup/user.slice/job/memory.max":     "max\n",
		"/sys/fs/cgroup/user.slice/job/memory.current": "1000\n",
		"/sys/fs/cgroup/user.slice/memory.max":         "1073741824\n",
		"/sys/fs/cgroup/user.slice/memory.current":     "73741824\n",
	})
	got := Smallest(System{Root: root}.Limits())
	if got.Bytes != 1<<30-73741824 || !strings.Contains(got.Source, "/sys/fs/cgroup/user.slice/memory.max") {
		t.Errorf("v2 limit %+v, want the parent's 1 GiB minus its usage", got)
	}
}

func TestCgroupV1InContainer(t *testing.T) {
	// The container sees its own group as the mount's root.
	root := fakeRoot(t, map[string]string{
		"/proc/meminfo":     meminfo,
		"/proc/self/cgroup": "5:cpu:/\n4:memory:/docker/abc\n0::/\n",
		"/proc/self/mountinfo": "35 31 0:32 /docker/abc /sys/fs/cgroup/memory rw,relatime - cgroup cgroup rw,memory\n" +
			"32 31 0:29 / /sys/fs/cgroup/cpu rw,relatime - cgroup cgroup rw,cpu\n",
		"/sys/fs/cgroup/memory/memory.limit_in_bytes": "536870912\n",
		"/sys/fs/cgroup/memory/memory.usage_in_bytes": "36870912\n",
	})
	got := Smallest(System{Root: root}.Limits())
	if got.Bytes != 500000000 || !strings.Contains(got.Source, "memory.limit_in_bytes") {
		t.Errorf("v1 limit %+v, want 500000000 from memory.limit_in_bytes", got)
	}
}

func TestNoCgroupLimit(t *testing.T) {
	root := fakeRoot(t, map[string]string{
		"/proc/meminfo":        meminfo,
		"/proc/self/cgroup":    "4:memory:/x\n0::/x\n",
		"/proc/self/mountinfo": "35 31 0:32 / /sys/fs/cgroup/memory rw - cgroup cgroup rw,memory\n25 1 0:22 / /sys/fs/cgroup/unified rw - cgroup2 cgroup2 rw\n",
		// v1's "unlimited" is a huge number; v2's is "max".
		"/sys/fs/cgroup/memory/x/memory.limit_in_bytes": "9223372036854771712\n",
		"/sys/fs/cgroup/unified/x/memory.max":           "max\n",
	})
	got := Smallest(System{Root: root}.Limits())
	if got.Bytes != 20000000<<10 || !strings.Contains(got.Source, "MemAvailable") {
		t.Errorf("limit %+v, want MemAvailable", got)
	}
}

func TestOverTheLimit(t *testing.T) {
	root := fakeRoot(t, map[string]string{
		"/proc/self/cgroup":             "0::/\n",
		"/proc/self/mountinfo":          "25 1 0:22 / /sys/fs/cgroup rw - cgroup2 cgroup2 rw\n",
		"/sys/fs/cgroup/memory.max":     "1000\n",
		"/sys/fs/cgroup/memory.current": "5000\n",
	})
	if got := Smallest(System{Root: root}.Limits()); got.Bytes != 1 {
		t.Errorf("limit %+v, want 1 byte left", got)
	}
}

func TestNothingKnown(t *testing.T) {
	if got := Smallest(System{Root: t.TempDir()}.Limits()); got.Known() {
		t.Errorf("limit %+v from an empty tree", got)
	}
}

func TestUnescape(t *testing.T) {
	if got := unescape(`/a\040b`); got != "/a b" {
		t.Errorf("unescape: %q", got)
	}
}
