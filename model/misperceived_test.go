package model

import (
	"strings"
	"testing"
)

// TestMisperceivedErrors checks the messages for mistakes in a DM's
// "misperceived" list: they point at the file, line and column as for
// feasibility.infeasible entries.
func TestMisperceivedErrors(t *testing.T) {
	after := func(lines string) string { return edit(t, "    options: [c]\n", "    options: [c]\n"+lines) }
	tests := []struct{ name, in, want string }{
		// `    misperceived: ["a and  zz"]`: the list opens at column 19, the
		// text at 21, and zz is its 8th character; in `      - statement:
		// not bb` the text starts at column 20.
		{"unknown option, flow", after("    misperceived: [\"a and  zz\"]\n"),
			`m.yaml:13:28: unknown option "zz" in statement (known: a, b, c)`},
		{"unknown option, mapping", after("    misperceived:\n      - statement: not bb\n        note: why\n"),
			`m.yaml:14:24: unknown option "bb" in statement (did you mean "b"?)`},
		// `      - a and or b`: the text starts at column 9, "or" at its 7th
		// character.
		{"syntax", after("    misperceived:\n      - a and or b\n"),
			`m.yaml:14:15: invalid statement: missing operand after "and"`},
		{"not a list", after("    misperceived: a\n"),
			`m.yaml:13:19: "misperceived" must be a list, found the text "a" (write misperceived: ["..."] for a single condition)`},
		{"entry without statement", after("    misperceived: [{note: x}]\n"),
			`m.yaml:13:20: statement entry has no "statement" (write "- statement: ..." with optional note and source)`},
		{"misspelt field", after("    misperceptions: [a]\n"),
			`m.yaml:13:5: unknown field "misperceptions" in a decision maker (did you mean "misperceived"?)`},
		{"at top level", base + "misperceived: [a]\n",
			`m.yaml:15:1: unknown field "misperceived" in the model (it belongs under a decision maker)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := Parse([]byte(tt.in), "m.yaml")
			if err == nil {
				t.Fatalf("no error; model %+v", m)
			}
			checkErrorType(t, err)
			if got := err.Error(); got != tt.want {
				t.Errorf("got\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}

// TestMisperceivedValidate checks that Validate finds an unknown option in
// a misperception of a model built in code.
func TestMisperceivedValidate(t *testing.T) {
	m := built()
	m.DMs[1].Misperceived = parsed(t, "a and zz")
	want := `unknown option "zz" in statement`
	if err := m.Validate(); err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("got %v, want %s", err, want)
	}
}

// TestMisperceivedRoundTrip checks that both entry forms load, that Marshal
// writes them back under the DM, and that the result loads as the same
// model.
func TestMisperceivedRoundTrip(t *testing.T) {
	m, err := Load("testdata/hypergame.yaml")
	if err != nil {
		t.Fatal(err)
	}
	firm, reg := m.DMs[0].Misperceived, m.DMs[1].Misperceived
	if len(firm) != 2 || len(reg) != 1 {
		t.Fatalf("misperceived: %q, %q", texts(firm), texts(reg))
	}
	if firm[0].Text != "sue" || firm[1].Expr.String() != "comply and lobby" || firm[1].Source != "[I2]" ||
		reg[0].Text != "lobby and   not comply" || reg[0].Pos.Line != 27 || reg[0].Pos.Col != 21 {
		t.Errorf("misperceived decoded wrongly:\n%s", dump(m))
	}
	out, err := Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"    concept: GMR\n    misperceived:\n      - \"lobby and   not comply\"\n",
		"    misperceived:\n      - \"sue\"\n      - statement: \"comply and lobby\"\n        note: the firm never weighs lobbying while it complies\n        source: '[I2]'\n",
	} {
		if !strings.Contains(string(out), want) {
			t.Errorf("Marshal output lacks\n%s\ngot:\n%s", want, out)
		}
	}
	back, err := Parse(out, "back.yaml")
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if d := diff(canon(m), canon(back)); d != "" {
		t.Error(d)
	}
	// Clone copies the conditions.
	c := m.Clone()
	c.DMs[0].Misperceived[1].Expr.Args[0].Option = "x"
	c.DMs[1].Misperceived = nil
	if m.DMs[0].Misperceived[1].Expr.String() != "comply and lobby" || len(m.DMs[1].Misperceived) != 1 {
		t.Error("changing the clone's misperceptions changed the original")
	}
}

// TestMisperceivedSchema checks that docs/model.schema.json accepts the
// field and rejects what the loader rejects.
func TestMisperceivedSchema(t *testing.T) {
	s := compileSchema(t)
	with := func(v string) string {
		return edit(t, "    options: [c]\n", "    options: [c]\n    misperceived: "+v+"\n")
	}
	if err := s.Validate(asJSON(t, []byte(with(`["a and b", {statement: c, note: x}]`)))); err != nil {
		t.Errorf("the schema rejects a valid misperceived list: %v", err)
	}
	for _, v := range []string{"a", "[{note: x}]", "[[a]]", "[{statement: a, at: 1}]"} {
		doc := with(v)
		if _, err := Parse([]byte(doc), "m.yaml"); err == nil {
			t.Errorf("misperceived: %s: the loader accepts it", v)
		}
		if err := s.Validate(asJSON(t, []byte(doc))); err == nil {
			t.Errorf("misperceived: %s: the schema accepts it", v)
		}
	}
}
