package main

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/gmcr/gmcr/model"
)

// TestWarnLarge checks the up-front note for a model whose options allow
// more states than finish quickly (a 26-option model ran over 100 s), and
// silence below the threshold or with -q.
func TestWarnLarge(t *testing.T) {
	for _, c := range []struct {
		options int
		quiet   bool
		want    string
	}{
		{26, false, "26 options, so up to 2^26 = 67108864 states"},
		{largeOptions - 1, false, ""},
		{26, true, ""},
	} {
		var errOut bytes.Buffer
		e := &env{ctx: context.Background(), stderr: &errOut}
		e.warnLarge(&model.Model{Options: make([]model.Option, c.options)}, c.quiet)
		if got := errOut.String(); (c.want == "") != (got == "") || !strings.Contains(got, c.want) {
			t.Errorf("%d options, quiet %v: %q, want %q", c.options, c.quiet, got, c.want)
		}
	}
}
