package model

import (
	"strings"
	"testing"
)

// The model as a whole takes note: and source: like every element
// (README, docs/model-format.md); Marshal and MarshalJSON keep them.
func TestTopLevelNoteAndSource(t *testing.T) {
	src := "title: T\nnote: why this framing\nsource: \"[P1]\"\n" + strings.TrimPrefix(base, "title: Test\n")
	m, err := Parse([]byte(src), "m.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if m.Note != "why this framing" || m.Source != "[P1]" {
		t.Fatalf("evidence = %+v", m.Evidence)
	}
	for name, marshal := range map[string]func(*Model) ([]byte, error){"yaml": Marshal, "json": MarshalJSON} {
		data, err := marshal(m)
		if err != nil {
			t.Fatal(err)
		}
		back, err := Parse(data, "m."+name)
		if err != nil {
			t.Fatalf("%s: %v\n%s", name, err, data)
		}
		if back.Evidence != m.Evidence {
			t.Errorf("%s round trip: %+v, want %+v\n%s", name, back.Evidence, m.Evidence, data)
		}
	}
	if err := compileSchema(t).Validate(asJSON(t, []byte(src))); err != nil {
		t.Errorf("schema: %v", err)
	}
}
