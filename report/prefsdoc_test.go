package report_test

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/gmcr/gmcr/analysis"
	"github.com/gmcr/gmcr/examples"
	"github.com/gmcr/gmcr/model"
	"github.com/gmcr/gmcr/report"
)

func TestRankingText(t *testing.T) {
	p := model.Preferences{Ranking: [][]int{{2}, {1, 4}, {3}, {5}}, Cuts: []model.Cut{{After: 1}, {After: 3}}}
	got := report.RankingText(p, func(n int) string { return fmt.Sprint(n) })
	if want := "2 >> 1 = 4, 3 >> 5"; got != want {
		t.Errorf("RankingText = %q, want %q", got, want)
	}
}

// TestModelDocRicherPreferences checks the "The model" section of the
// Markdown analysis report: strong statements marked, cuts and unknown
// groups listed with their notes.
func TestModelDocRicherPreferences(t *testing.T) {
	for _, c := range []struct {
		example string
		want    []string
	}{
		{"prisoners-dilemma-strength", []string{"2 >> 1, 4, 3\n  - strength cut (>>) after state 2: every state above it is strongly preferred to every state below it — Winning alone",
			"1. `not d1` (strong) — P2 cares strongly", "Strength of preference: a state is strongly preferred"}},
		{"prisoners-dilemma-unknown", []string{"  - unknown comparisons among states 1, 4: the DM cannot compare them — P1 cannot say", "Unknown comparisons: an unsure statement"}},
	} {
		ex, err := examples.Get(c.example)
		if err != nil {
			t.Fatal(err)
		}
		m, err := model.Parse(ex.Data, ex.File)
		if err != nil {
			t.Fatal(err)
		}
		r, err := analysis.Run(context.Background(), m, analysis.Options{})
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		if err := report.Write(&b, r, report.Markdown, report.Options{}); err != nil {
			t.Fatal(err)
		}
		out := b.String()
		for _, w := range c.want {
			if !strings.Contains(out, w) {
				t.Errorf("%s: the Markdown report lacks %q:\n%s", c.example, w, out)
			}
		}
	}
}
