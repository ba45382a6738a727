package batch_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gmcr/gmcr/batch"
	"github.com/gmcr/gmcr/examples"
	"github.com/gmcr/gmcr/report"
)

// TestForceKeepsWriteProtectedResult checks that --force does not silently
// replace a write-protected result file (as -o refuses without
// --overwrite): that job fails with a clear error and the file is kept;
// with Overwrite it is replaced.
func TestForceKeepsWriteProtectedResult(t *testing.T) {
	t.Chdir(t.TempDir())
	ex, _ := examples.Get("chicken")
	if err := os.WriteFile("chicken.yaml", ex.Data, 0o644); err != nil {
		t.Fatal(err)
	}
	jobs, err := batch.Collect([]string{"chicken.yaml"}, batch.BaseOnly, 0)
	if err != nil {
		t.Fatal(err)
	}
	opt := batch.Options{Out: "out", Format: report.JSON, Version: "test"}
	if _, err := batch.Run(context.Background(), jobs, opt); err != nil {
		t.Fatal(err)
	}
	res := filepath.Join("out", "results", "chicken.json")
	if err := os.Chmod(res, 0o444); err != nil {
		t.Fatal(err)
	}
	opt.Force = true
	sum, err := batch.Run(context.Background(), jobs, opt)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Failed != 1 || !strings.Contains(sum.Records[0].Error, "write-protected") || !strings.Contains(sum.Records[0].Error, "--overwrite") {
		t.Fatalf("--force over a write-protected result: %+v", sum.Records)
	}
	if fi, err := os.Stat(res); err != nil || fi.Mode().Perm() != 0o444 {
		t.Fatalf("the write-protected result was changed: %v %v", fi.Mode(), err)
	}
	opt.Overwrite = true
	if sum, err = batch.Run(context.Background(), jobs, opt); err != nil || sum.Failed != 0 {
		t.Fatalf("--overwrite: %v %+v", err, sum.Records)
	}
}
