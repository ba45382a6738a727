package report

import (
	"bufio"
	"strings"
	"testing"
)

func TestMdLine(t *testing.T) {
	for in, want := range map[string]string{
		"# not a heading":     `\# not a heading`,
		"1. not a list":       `1\. not a list`,
		"12) not a list":      `12\) not a list`,
		"- not a bullet":      `\- not a bullet`,
		"> not a quote":       `\> not a quote`,
		"    not code":        "not code",
		"2 DMs, 2 options":    "2 DMs, 2 options",
		"a | b *c* <d> us_x":  `a | b \*c\* &lt;d> us_x`,
		"line\nbreak":         `line\\nbreak`,
		"ends with #":         `ends with \#`,
		"~~~ not a fence":     `\~\~\~ not a fence`,
		"x -> y (takes d1)":   "x -> y (takes d1)",
		"\x1b[2J clear":       `\\x1b\[2J clear`,
		"[link](http://x.y)":  `\[link\](http://x.y)`,
		"R&amp;D and A & B":   "R&amp;amp;D and A & B",
		"P1: P1 1->2 | P2: x": "P1: P1 1->2 | P2: x",
	} {
		if got := mdLine(in); got != want {
			t.Errorf("mdLine(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestWriteTable(t *testing.T) {
	var b strings.Builder
	w := bufio.NewWriter(&b)
	writeTable(w, [][]string{{"A", "B|C"}, {"  x  ", "- y"}, {"1. z"}}, true)
	w.Flush()
	want := "| A | B\\|C |\n| --- | --- |\n| x | - y |\n| 1. z |  |\n"
	if b.String() != want {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}
}
