package server

import (
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Save refuses a write-protected model file, as the CLI's -o does, unless
// the request says overwrite (the CLI's --overwrite).
func TestSaveRefusesWriteProtectedFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "pd.yaml")
	if err := os.WriteFile(path, []byte(pd(t).Source), 0o444); err != nil {
		t.Fatal(err)
	}
	_, ts := newTest(t, Config{File: path})
	var src Source
	if code := call(t, ts, "GET", "/api/file", nil, &src); code != 200 {
		t.Fatalf("GET: %d", code)
	}
	var saved Saved
	for _, force := range []bool{false, true} {
		code := call(t, ts, "PUT", "/api/file", SaveRequest{Source: "title: x\n", Version: src.Version, Force: force}, &saved)
		if code != http.StatusForbidden || !strings.Contains(saved.Error, "pd.yaml is write-protected (mode 0444)") || !strings.Contains(saved.Error, "chmod u+w pd.yaml") {
			t.Errorf("force=%v: %d %+v", force, code, saved)
		}
		if got, _ := os.ReadFile(path); string(got) != pd(t).Source {
			t.Fatalf("force=%v: the write-protected file was replaced", force)
		}
	}
	saved = Saved{}
	if code := call(t, ts, "PUT", "/api/file", SaveRequest{Source: "title: x\n", Version: src.Version, Overwrite: true}, &saved); code != 200 || saved.Error != "" {
		t.Fatalf("overwrite: %d %+v", code, saved)
	}
	if got, _ := os.ReadFile(path); string(got) != "title: x\n" {
		t.Errorf("overwrite did not save: %q", got)
	}
}
