package gmcrplus

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// checkDecode is the property FuzzDecode checks: Decode does not panic, its
// errors start with the file name, and whatever it accepts Encode writes
// back and Decode reads again.
func checkDecode(t *testing.T, data []byte) {
	m, ex, err := Decode(data, "fuzz.gmcr")
	if err != nil {
		if !strings.HasPrefix(err.Error(), "fuzz.gmcr:") {
			t.Fatalf("error does not start with the file name: %v", err)
		}
		return
	}
	out, err := Encode(m, ex)
	if err != nil {
		t.Fatalf("Encode of a decoded model: %v\ninput: %q", err, data)
	}
	if _, _, err := Decode(out, "again.gmcr"); err != nil {
		t.Fatalf("Decode(Encode(Decode(data))): %v\n%s", err, out)
	}
}

func seedFiles(t testing.TB) [][]byte {
	files, _ := filepath.Glob("testdata/*.gmcr")
	var out [][]byte
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, data)
	}
	return out
}

// FuzzDecode fuzzes Decode (see checkDecode). Seeds: the files of testdata
// and testdata/fuzz/FuzzDecode.
func FuzzDecode(f *testing.F) {
	for _, data := range seedFiles(f) {
		f.Add(data)
	}
	f.Fuzz(checkDecode)
}

// TestDecodeMutations runs the fuzz property on deterministic mutations of
// the test files, so that plain "go test" covers more than the seeds.
func TestDecodeMutations(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	const tokens = `[]{}",:0123456789-.eYN ` + "\n"
	snippets := []string{`"Y"`, `"N"`, `[]`, `{}`, `null`, `true`, `-1`, `1e9`, `[[0, "Y"]]`, `{"members": []}`, `7`, `"fwd"`}
	for _, seed := range seedFiles(t) {
		for range 400 {
			data := append([]byte(nil), seed...)
			for range 1 + r.IntN(3) {
				i := r.IntN(len(data))
				switch r.IntN(5) {
				case 0: // replace a byte
					data[i] = tokens[r.IntN(len(tokens))]
				case 1: // delete a span
					j := min(len(data), i+1+r.IntN(8))
					data = append(data[:i], data[j:]...)
				case 2: // insert a snippet
					s := snippets[r.IntN(len(snippets))]
					data = append(data[:i], append([]byte(s), data[i:]...)...)
				case 3: // replace a digit by another
					if data[i] >= '0' && data[i] <= '9' {
						data[i] = byte('0' + r.IntN(10))
					}
				case 4: // truncate
					data = data[:i]
				}
				if len(data) == 0 {
					break
				}
			}
			checkDecode(t, data)
		}
	}
}
