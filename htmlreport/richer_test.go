package htmlreport_test

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/gmcr/gmcr/analysis"
	"github.com/gmcr/gmcr/htmlreport"
)

// TestReportNotesRicherPreferences checks that the report says, as gmcr
// analyze does, when the model's unknown comparisons or strength of
// preference are not what the standard tableau shows, and says nothing
// for a model with neither.
func TestReportNotesRicherPreferences(t *testing.T) {
	ctx := context.Background()
	for _, c := range []struct{ example, want, not string }{
		{"prisoners-dilemma-unknown", "The model has unknown comparisons", "strength of preference:"},
		{"prisoners-dilemma-strength", "The model states strength of preference", "unknown comparisons:"},
		{"prisoners-dilemma", "", "The model has unknown"},
		{"prisoners-dilemma", "", "The model states strength"},
	} {
		r, err := analysis.Run(ctx, load(t, c.example), analysis.Options{})
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		if err := htmlreport.Write(ctx, &b, r, htmlreport.Options{}); err != nil {
			t.Fatal(err)
		}
		out := b.String()
		if c.want != "" && !strings.Contains(out, c.want) {
			t.Errorf("%s: the report lacks %q", c.example, c.want)
		}
		if strings.Contains(out, c.not) {
			t.Errorf("%s: the report says %q", c.example, c.not)
		}
	}
}

// TestReportGraphFormStatusQuo checks that a graph-form model's status quo
// is named by its id, not "no option taken".
func TestReportGraphFormStatusQuo(t *testing.T) {
	ctx := context.Background()
	r, err := analysis.Run(ctx, load(t, "announcement"), analysis.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := htmlreport.Write(ctx, &b, r, htmlreport.Options{}); err != nil {
		t.Fatal(err)
	}
	if out := b.String(); !strings.Contains(out, "state 1 (quiet)") || strings.Contains(out, "no option taken") {
		t.Errorf("the status quo is not named by its id")
	}
}

// TestReportModelShowsRicherPreferences checks that the model section
// keeps strength and uncertainty: strong statements marked, the ranking
// written readably with its cut and the cut's note, unknown groups with
// their notes.
func TestReportModelShowsRicherPreferences(t *testing.T) {
	ctx := context.Background()
	for _, c := range []struct {
		example string
		want    []string
	}{
		{"prisoners-dilemma-strength", []string{"<code>2 &gt;&gt; 1, 4, 3</code>", "<code>not d1</code> <strong>(strong)</strong>",
			"<li>strength cut (&gt;&gt;) after state 2: every state above it is strongly preferred to every state below it — <span class=\"note\">Winning alone"}},
		{"prisoners-dilemma-unknown", []string{"<code>2, 1, 4, 3</code>", "<li>unknown comparisons among states 1, 4: the DM cannot compare them — <span class=\"note\">P1 cannot say"}},
	} {
		r, err := analysis.Run(ctx, load(t, c.example), analysis.Options{})
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		if err := htmlreport.Write(ctx, &b, r, htmlreport.Options{}); err != nil {
			t.Fatal(err)
		}
		out := b.String()
		for _, w := range c.want {
			if !strings.Contains(out, w) {
				t.Errorf("%s: the report lacks %q", c.example, w)
			}
		}
		if strings.Contains(out, "[[") {
			t.Errorf("%s: the report prints a Go slice", c.example)
		}
	}
}
