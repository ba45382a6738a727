package model

import (
	"errors"
	"os"
	"testing"
)

// FuzzParse checks that Parse never panics, that its errors are an *Error
// or an ErrorList of positioned errors, and that every model it accepts
// survives Marshal and Parse unchanged.
func FuzzParse(f *testing.F) {
	f.Add([]byte(base))
	f.Add([]byte(jsonBase))
	for _, file := range validFiles(f) {
		data, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := Parse(data, "f")
		if err != nil {
			if m != nil {
				t.Fatal("model returned with an error")
			}
			var e *Error
			var l ErrorList
			switch {
			case errors.As(err, &e):
				checkPositioned(t, e)
			case errors.As(err, &l):
				if len(l) < 2 || len(l) > MaxErrors+1 {
					t.Fatalf("ErrorList of %d", len(l))
				}
				for i, e := range l {
					if i < MaxErrors {
						checkPositioned(t, e)
					}
				}
			default:
				t.Fatalf("error of type %T: %v", err, err)
			}
			return
		}
		if err := m.Validate(); err != nil {
			t.Fatalf("Parse accepted a model Validate rejects: %v", err)
		}
		out, err := Marshal(m)
		if err != nil {
			t.Fatalf("Marshal: %v", err)
		}
		back, err := Parse(out, "marshalled")
		if err != nil {
			t.Fatalf("Marshal wrote a model Parse rejects: %v\n%s", err, out)
		}
		if d := diff(canon(m), canon(back)); d != "" {
			t.Fatalf("%s\n%s", d, out)
		}
	})
}

func checkPositioned(t *testing.T, e *Error) {
	t.Helper()
	if e.Pos.File != "f" || e.Pos.Line < 1 || e.Pos.Col < 1 || e.Msg == "" {
		t.Fatalf("error without a full position: %q (%+v)", e.Error(), e.Pos)
	}
}
