package model_test

import (
	"strings"
	"testing"

	"github.com/gmcr/gmcr/model"
	"github.com/gmcr/gmcr/model/statement"
)

// commented is a model file with comments in the places people write
// them: a header, line comments on keys, scalars and list items, a comment
// above a list item, and a footer.
const commented = `# A commented model: the header comment.
title: Commented   # the title's line comment
options:
  # P1's option
  - id: a
    name: A          # a's name
  - id: b            # b's line comment
  - id: c
decision_makers:
  - id: P1
    options: [a, c]
    preferences:
      statements:
        - a          # most important
        - "not c"    # second
  # P2 comes second
  - id: P2
    options: [b]
    preferences:
      statements: [b]
# the footer
`

// An edit made to the parsed model (as the workbench's forms make) keeps
// the comments of what survives it, the flow lists and the quoting, and
// writes the same model as Marshal.
func TestMarshalLikeKeepsComments(t *testing.T) {
	m, err := model.Parse([]byte(commented), "c.yaml")
	if err != nil {
		t.Fatal(err)
	}
	// The edit: a's name changes, option b gets a description, a new
	// statement goes first for P1, and c is removed from nothing (kept).
	m.Options[0].Name = "Option A"
	m.Options[1].Description = "the second option"
	expr, err := statement.Parse("a and not c")
	if err != nil {
		t.Fatal(err)
	}
	m.DMs[0].Prefs.Statements = append([]model.Statement{{Text: "a and not c", Expr: expr}}, m.DMs[0].Prefs.Statements...)
	plain, err := model.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(plain), "#") {
		t.Fatalf("Marshal keeps comments? %s", plain)
	}
	out, err := model.MarshalLike(m, []byte(commented))
	if err != nil {
		t.Fatal(err)
	}
	text := string(out)
	for _, want := range []string{
		"# A commented model: the header comment.\ntitle: Commented # the title's line comment\n",
		"  # P1's option\n  - id: a\n    name: Option A # a's name\n",
		"  - id: b # b's line comment\n    description: the second option\n",
		"    options: [a, c]\n",
		"        - a # most important\n        - \"not c\" # second\n",
		"  # P2 comes second\n  - id: P2\n",
		"      statements: [b]\n",
		"# the footer\n",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the edited file lacks %q:\n%s", want, text)
		}
	}
	// The same model as Marshal writes.
	a, err := model.Parse(plain, "c.yaml")
	if err != nil {
		t.Fatal(err)
	}
	b, err := model.Parse(out, "c.yaml")
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	ja, _ := model.MarshalJSON(a)
	jb, _ := model.MarshalJSON(b)
	if string(ja) != string(jb) {
		t.Errorf("MarshalLike wrote another model:\n%s\nwant\n%s", jb, ja)
	}

	// An unedited model comes back as written, apart from spacing.
	m, _ = model.Parse([]byte(commented), "c.yaml")
	out, err = model.MarshalLike(m, []byte(commented))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := squeeze(string(out)), squeeze(commented); got != want {
		t.Errorf("unedited:\n%s\nwant\n%s", out, commented)
	}

	// JSON or broken text to follow: Marshal's output.
	for _, like := range []string{`{"title": "x"}`, "title: [", ""} {
		out, err := model.MarshalLike(m, []byte(like))
		if err != nil || string(out) != string(mustMarshal(t, m)) {
			t.Errorf("like %q: %v\n%s", like, err, out)
		}
	}
}

func mustMarshal(t *testing.T, m *model.Model) []byte {
	t.Helper()
	b, err := model.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// squeeze drops runs of spaces, so that files differing only in the
// spacing before comments compare equal.
func squeeze(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
