package gmcrplus_test

import (
	"strings"
	"testing"

	"github.com/gmcr/gmcr/gmcrplus"
)

// TestDuplicateKeys checks that a repeated key is refused with its
// position, as in YAML and JSON model files, instead of the last one
// silently winning.
func TestDuplicateKeys(t *testing.T) {
	for _, c := range []struct{ data, want string }{
		{`{"options": 5, "program": "gmcr", "options": []}`, `m.gmcr:1:35: duplicate key "options" (first at 1:2); keep one`},
		{"{\"decisionMakers\": [{\"name\": \"A\",\n \"name\": \"B\"}]}", `m.gmcr:2:2: duplicate key "name" (first at 1:22)`},
	} {
		_, _, err := gmcrplus.Decode([]byte(c.data), "m.gmcr")
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: got %v, want %s", c.data, err, c.want)
		}
	}
}
