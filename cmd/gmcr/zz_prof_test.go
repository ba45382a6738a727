package main

import (
	"context"
	"io"
	"strings"
	"testing"
)

func BenchmarkWholeCompare16(b *testing.B) {
	for b.Loop() {
		runContext(context.Background(), []string{"compare", "/tmp/perf-b/s16.yaml", "-q", "-o", "/dev/null"}, strings.NewReader(""), io.Discard, io.Discard)
	}
}
