package htmlreport_test

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/gmcr/gmcr/analysis"
	"github.com/gmcr/gmcr/htmlreport"
	"github.com/gmcr/gmcr/internal/mdcheck"
	"github.com/gmcr/gmcr/scenario"
	"github.com/gmcr/gmcr/stability"
)

// TestMarkdownReport checks the Markdown form of the report: one
// document with one title, the sections of the HTML report in order with
// the commands' headings one level down, the README's equilibria of the
// flagship example, and well-formed tables.
func TestMarkdownReport(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		example  string
		sections []string
		want     []string
	}{
		{"ukraine-security",
			[]string{"## Equilibria", "## The model", "## Why the equilibria are stable", "### SEQ stability of state 59 for RU", "## Evolution from the status quo", "## What-if scenarios"},
			[]string{"- **SEQ**: 6 states: 59, 75, 79, 163, 171, 176", "- **Nash**: 1 state: 176", "russia_at_table", "Written by gmcr test."}},
		{"prisoners-dilemma-unknown",
			[]string{"## Equilibria", "## Stability with unknown preferences", "### Equilibria", "### Legend"},
			[]string{"- GMR(c): 2 states: 1, 4", "| 1 | 0 | N N | .... | ..\\*\\* | ..\\*\\* | ..\\*\\* |",
				"## Stability with unknown preferences\n\nNash, GMR, SMR and SEQ in the four extensions",
				"  - unknown comparisons among states 1, 4: the DM cannot compare them — P1 cannot say"}},
		{"prisoners-dilemma-strength",
			[]string{"## Strong and weak stability", "### Equilibria"},
			[]string{"- GMR strong: 4; weak: 1", "| 1 | 0 | N N | .. . | WS W | WS W | WS W |",
				"(= ties, >> strength cut): 2 >> 1, 4, 3\n  - strength cut (>>) after state 2: every state above it is strongly preferred to every state below it — Winning alone",
				"1. `not d1` (strong) — P2 cares strongly"}},
	} {
		m := load(t, tc.example)
		r, err := analysis.Run(ctx, m, analysis.Options{})
		if err != nil {
			t.Fatal(err)
		}
		opt := htmlreport.Options{Generator: "gmcr test"}
		if len(m.Scenarios) > 0 {
			if opt.Comparison, err = scenario.Compare(ctx, m, nil, analysis.Options{}); err != nil {
				t.Fatal(err)
			}
		}
		var b, again bytes.Buffer
		if err := htmlreport.WriteMarkdown(ctx, &b, r, opt); err != nil {
			t.Fatal(err)
		}
		if err := htmlreport.WriteMarkdown(ctx, &again, r, opt); err != nil {
			t.Fatal(err)
		}
		doc := b.String()
		if doc != again.String() {
			t.Errorf("%s: two runs differ", tc.example)
		}
		if err := mdcheck.Check(doc); err != nil {
			t.Errorf("%s: %v", tc.example, err)
		}
		if !strings.HasPrefix(doc, "# "+m.Title+"\n") || strings.Count(doc, "\n# ") != 0 {
			t.Errorf("%s: the document does not have one title", tc.example)
		}
		at := 0
		for _, s := range tc.sections {
			i := strings.Index(doc[at:], "\n"+s+"\n")
			if i < 0 {
				t.Errorf("%s: no section %q after byte %d", tc.example, s, at)
				continue
			}
			at += i + 1
		}
		for _, w := range tc.want {
			if !strings.Contains(doc, w) {
				t.Errorf("%s: the report lacks %q", tc.example, w)
			}
		}
	}
}

// Without GMR, SMR and SEQ the Markdown report cannot give the extensions
// and says so, as the HTML report's note under the tableau does.
func TestMarkdownReportRicherNote(t *testing.T) {
	ctx := context.Background()
	r, err := analysis.Run(ctx, load(t, "prisoners-dilemma-unknown"), analysis.Options{Concepts: []stability.Concept{stability.Nash}})
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := htmlreport.WriteMarkdown(ctx, &b, r, htmlreport.Options{}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "\nNote: The model has unknown comparisons") || strings.Contains(b.String(), "## Stability with unknown preferences") {
		t.Errorf("no note, or a section that needs GMR:\n%s", b.String())
	}
}
