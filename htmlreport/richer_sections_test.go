package htmlreport_test

import (
	"bytes"
	"context"
	"html"
	"strings"
	"testing"

	"github.com/gmcr/gmcr/analysis"
	"github.com/gmcr/gmcr/htmlreport"
	"github.com/gmcr/gmcr/stability"
)

// TestRicherSections checks that the report of a model with unknown
// comparisons or strength of preference carries the analyses that take
// them into account (the results derived by hand in examples/EXPECTED.md),
// and that a plain model's report has neither section.
func TestRicherSections(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		example  string
		concepts []stability.Concept
		want     []string
		absent   []string
	}{
		{"prisoners-dilemma-unknown", nil,
			[]string{`id="uncertain"`, "Stability with unknown preferences", "GMR(c)  2 states: 1, 4", "GMR(a)  1 state: 4"},
			[]string{`id="strength"`}},
		{"prisoners-dilemma-strength", nil,
			[]string{`id="strength"`, "Strong and weak stability", "GMR     strong: 4; weak: 1", "Nash    strong: 4; weak: none"},
			[]string{`id="uncertain"`}},
		{"prisoners-dilemma", nil, nil, []string{`id="uncertain"`, `id="strength"`}},
		// Without GMR computed the extensions cannot be decided: the
		// tableau's note points to gmcr uncertain instead.
		{"prisoners-dilemma-unknown", []stability.Concept{stability.Nash}, []string{"gmcr uncertain"}, []string{`id="uncertain"`}},
	} {
		m := load(t, tc.example)
		r, err := analysis.Run(ctx, m, analysis.Options{Concepts: tc.concepts})
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		if err := htmlreport.Write(ctx, &b, r, htmlreport.Options{}); err != nil {
			t.Fatal(err)
		}
		out := html.UnescapeString(b.String())
		for _, w := range tc.want {
			if !strings.Contains(out, w) {
				t.Errorf("%s %v: the report lacks %q", tc.example, tc.concepts, w)
			}
		}
		for _, w := range tc.absent {
			if strings.Contains(out, w) {
				t.Errorf("%s %v: the report has %q", tc.example, tc.concepts, w)
			}
		}
	}
}
