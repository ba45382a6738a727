package model_test

import (
	"strings"
	"testing"

	"github.com/gmcr/gmcr/model"
	"github.com/gmcr/gmcr/model/statement"
)

// TestBadCharactersPositioned checks that a control character or invalid
// UTF-8 deep in a YAML file is reported where it is, with what to do (the
// YAML parser reports both at 1:1).
func TestBadCharactersPositioned(t *testing.T) {
	base := twoOptions + "feasibility:\n  infeasible:\n    - \"a and b\"\n"
	for _, c := range []struct {
		name, bad, want string
	}{
		{"control", "    - \"a and \x01b\"\n", `m.yaml:9:14: control character U+0001 is not allowed in YAML (remove it, or in a double-quoted string write it as an escape such as "\t")`},
		{"escape", "    - \"a\x1b[2J\"\n", "m.yaml:9:9: control character U+001B"},
		{"C1", "    - \"a \u0090\"\n", "m.yaml:9:10: control character U+0090"},
		{"latin-1", "    - \"caf\xe9\"\n", "m.yaml:9:11: invalid UTF-8 (byte 0xe9) (a model file must be UTF-8"},
	} {
		_, err := model.Parse([]byte(base+c.bad), "m.yaml")
		if err == nil || !strings.HasPrefix(err.Error(), c.want) {
			t.Errorf("%s: got %v, want %s...", c.name, err, c.want)
		}
	}
	// Tabs, carriage returns and NEL are allowed.
	if _, err := model.Parse([]byte(strings.ReplaceAll(base, "\n", "\r\n")+"    - \"a\tand b\"\n"), "m.yaml"); err != nil {
		t.Errorf("CRLF and tab: %v", err)
	}
}

// TestLongChains checks that IF/IFF chains and deep expressions say why
// they are refused.
func TestLongChains(t *testing.T) {
	chain := strings.Repeat("a IF ", statement.MaxDepth) + "b"
	_, err := statement.Parse(chain)
	if err == nil || !strings.Contains(err.Error(), "more than 200 operands chained with IF") {
		t.Errorf("long IF chain: %v", err)
	}
	if _, err := statement.Parse(strings.Repeat("a IFF ", statement.MaxDepth-1) + "b"); err != nil {
		t.Errorf("IFF chain of %d operands: %v", statement.MaxDepth, err)
	}
	// A chain built in Go, beyond what a file can hold.
	e := &statement.Expr{Op: statement.Lit, Option: "a"}
	for range 10001 {
		e = &statement.Expr{Op: statement.If, Args: []*statement.Expr{e, {Op: statement.Lit, Option: "b"}}}
	}
	m, err := model.Parse([]byte(twoOptions), "m.yaml")
	if err != nil {
		t.Fatal(err)
	}
	m.Infeasible = []model.Statement{{Text: "long", Expr: e}}
	if err := m.Validate(); err == nil || !strings.Contains(err.Error(), "nested more than 10000 levels deep") {
		t.Errorf("deep expression: %v", err)
	}
}
