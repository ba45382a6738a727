package escape_test

import (
	"testing"

	"github.com/gmcr/gmcr/internal/escape"
)

func TestEscapes(t *testing.T) {
	const hostile = "T \x1b[31mRED\x1b[0m \x1b]0;pwned\a \u202eevil | pipe\n# heading \U0001F600 caf\xe9"
	for _, c := range []struct {
		name string
		f    func(string) string
		in   string
		want string
	}{
		{"terminal", escape.Terminal, hostile, `T \x1b[31mRED\x1b[0m \x1b]0;pwned\x07 \u202eevil | pipe\n# heading ` + "\U0001F600" + ` caf\xe9`},
		{"terminal clean", escape.Terminal, "Ünïcödé 😀 text", "Ünïcödé 😀 text"},
		{"lines", escape.TerminalLines, "para 1\n\n\tpara 2\x1b[2J", "para 1\n\n\tpara 2\\x1b[2J"},
		{"terminal C1", escape.Terminal, "a\u0085b\u009bc", `a\x85b\x9bc`},
		{"markdown", escape.Markdown, "T | with | pipes\n# heading *x* <b>", `T \| with \| pipes\\n# heading \*x\* &lt;b>`},
		{"markdown underscores", escape.Markdown, "us_troops _x_ a\\_b", `us_troops \_x\_ a\\\_b`},
		{"markdown closing #", escape.Markdown, "Issue #", `Issue \#`},
		{"markdown strike and entity", escape.Markdown, "~~gone~~ &amp; R&D, A & B", `\~\~gone\~\~ &amp;amp; R&amp;D, A & B`},
		{"csv formula", escape.CSV, "=HYPERLINK(\"x\")", `'=HYPERLINK("x")`},
		{"csv plain", escape.CSV, "plain, text", "plain, text"},
		{"dot", escape.DOT, "a \"b\" \\ c\nd\x1b", `a \"b\" \\ c\\nd\\x1b`},
		{"html", escape.HTML, "<b>\u202e&", `&lt;b&gt;\u202e&amp;`},
	} {
		if got := c.f(c.in); got != c.want {
			t.Errorf("%s:\n got %q\nwant %q", c.name, got, c.want)
		}
	}
}
