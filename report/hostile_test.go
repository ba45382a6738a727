package report_test

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/gmcr/gmcr/analysis"
	"github.com/gmcr/gmcr/evolve"
	"github.com/gmcr/gmcr/model"
	"github.com/gmcr/gmcr/report"
)

// hostileTitle holds what a model file may carry into a title: a colour
// escape, a terminal-title change, a screen clear, a right-to-left
// override, a line break that would start a Markdown heading, and pipes.
const hostileTitle = "T \x1b[31mRED\x1b[0m \x1b]0;pwned\a \u202eevil\u202c | pipe\n# heading \x1b[2J"

func hostileModel(t *testing.T) *model.Model {
	data := "title: " + `"T \e[31mRED\e[0m \e]0;pwned\a \u202Eevil\u202C | pipe\n# heading \e[2J"` + `
options:
  - {id: a, name: "opt | pipe \n newline \e[2J"}
  - {id: b}
decision_makers:
  - {id: P1, name: "name|with|pipes \u202Eevil", options: [a], preferences: {statements: ["not b", a]}}
  - {id: P2, options: [b], preferences: {statements: ["not a", b]}, note: "line one\nline two \e]0;x\a"}
status_quo: {taken: []}
`
	m, err := model.Parse([]byte(data), "m.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if m.Title != hostileTitle {
		t.Fatalf("title %q", m.Title)
	}
	return m
}

// raw reports the first control character (other than line feed) or bidi
// control in s.
func raw(s string) (rune, bool) {
	for _, r := range s {
		if (r < 0x20 && r != '\n') || r == 0x7f || (r >= 0x80 && r <= 0x9f) || (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069) {
			return r, true
		}
	}
	return 0, false
}

// TestHostileTextEscaped checks that no control character or bidi
// control from the model reaches text, Markdown, CSV or DOT output, that
// a line break in the title does not start a Markdown heading, and that
// JSON keeps the text as it is.
func TestHostileTextEscaped(t *testing.T) {
	r, err := analysis.Run(context.Background(), hostileModel(t), analysis.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ev, err := evolve.Analyze(context.Background(), r.Stability, 0, evolve.Options{})
	if err != nil {
		t.Fatal(err)
	}
	d, err := ev.Diagram(0)
	if err != nil {
		t.Fatal(err)
	}
	outputs := map[string]func(*bytes.Buffer) error{}
	for _, f := range []report.Format{report.Text, report.Markdown, report.CSV} {
		outputs["analysis "+f.String()] = func(b *bytes.Buffer) error { return report.Write(b, r, f, report.Options{}) }
		outputs["states "+f.String()] = func(b *bytes.Buffer) error { return report.WriteStates(b, r, f, report.Options{}) }
	}
	for _, f := range []report.Format{report.Text, report.Markdown} {
		outputs["evolve "+f.String()] = func(b *bytes.Buffer) error { return report.WriteEvolution(b, r, ev, f, report.Options{}) }
	}
	outputs["dot"] = func(b *bytes.Buffer) error { return report.WriteEvolutionDOT(b, r, ev, d) }
	for name, write := range outputs {
		var b bytes.Buffer
		if err := write(&b); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if c, bad := raw(b.String()); bad {
			t.Errorf("%s: raw character %U in the output", name, c)
		}
		if strings.Contains(name, "markdown") {
			for _, line := range strings.Split(b.String(), "\n") {
				if strings.HasPrefix(line, "# heading") {
					t.Errorf("%s: the title's line break started a heading", name)
				}
			}
			if !strings.Contains(b.String(), `# T \\x1b\[31mRED\\x1b\[0m \\x1b\]0;pwned\\x07 \\u202eevil\\u202c | pipe\\n# heading \\x1b\[2J`) {
				t.Errorf("%s: the title is not shown escaped:\n%s", name, b.String())
			}
		}
		if strings.Contains(name, "text") && !strings.Contains(b.String(), `T \x1b[31mRED\x1b[0m \x1b]0;pwned\x07 \u202eevil\u202c | pipe\n# heading \x1b[2J`) {
			t.Errorf("%s: the title is not shown escaped:\n%s", name, b.String())
		}
	}
	var b bytes.Buffer
	if err := report.Write(&b, r, report.JSON, report.Options{}); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Model struct{ Title string }
	}
	if err := json.Unmarshal(b.Bytes(), &doc); err != nil || doc.Model.Title != hostileTitle {
		t.Errorf("JSON title %q (%v), want the title as written", doc.Model.Title, err)
	}
	if r.Model.Title != hostileTitle {
		t.Error("writing changed the model")
	}
}
