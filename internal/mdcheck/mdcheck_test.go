package mdcheck_test

import (
	"strings"
	"testing"

	"github.com/gmcr/gmcr/internal/mdcheck"
)

func TestCheck(t *testing.T) {
	good := "# T\n\n| a | b |\n| --- | --- |\n| x \\| y | z |\n\ntext\n"
	if err := mdcheck.Check(good); err != nil {
		t.Errorf("good document: %v", err)
	}
	cells, err := mdcheck.CellTexts(good)
	if err != nil {
		t.Fatal(err)
	}
	if len(cells) != 1 || len(cells[0]) != 2 || cells[0][1][0] != "x | y" || cells[0][1][1] != "z" {
		t.Errorf("cells %q", cells)
	}
	bad := "| a | b |\n| --- | --- |\n| x | y | z |\n"
	if err := mdcheck.Check(bad); err == nil || !strings.Contains(err.Error(), "line 3: 3 cells, the header has 2") {
		t.Errorf("a row with an extra cell: %v", err)
	}
	// A table that is not rendered as one: the delimiter row has fewer
	// cells than the header.
	if err := mdcheck.Check("| a | b |\n| --- |\n| x | y |\n"); err == nil {
		t.Error("a delimiter row with too few cells passed")
	}
	text, err := mdcheck.Text("A \\*b\\* &lt;i> R&amp;D\n")
	if err != nil {
		t.Fatal(err)
	}
	if strings.TrimSpace(text) != "A *b* <i> R&D" {
		t.Errorf("text %q", text)
	}
}
