package htmlreport_test

import (
	"bytes"
	"context"
	"regexp"
	"strings"
	"testing"

	"github.com/gmcr/gmcr/analysis"
	"github.com/gmcr/gmcr/examples"
	"github.com/gmcr/gmcr/htmlreport"
	"github.com/gmcr/gmcr/model"
	"github.com/gmcr/gmcr/scenario"
)

func load(t *testing.T, name string) *model.Model {
	t.Helper()
	ex, err := examples.Get(name)
	if err != nil {
		t.Fatal(err)
	}
	m, err := model.Parse(ex.Data, ex.File)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestFlagshipReport(t *testing.T) {
	ctx := context.Background()
	m := load(t, "ukraine-security")
	r, err := analysis.Run(ctx, m, analysis.Options{})
	if err != nil {
		t.Fatal(err)
	}
	c, err := scenario.Compare(ctx, m, nil, analysis.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := htmlreport.Write(ctx, &b, r, htmlreport.Options{Comparison: c, Generator: "gmcr test"}); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{
		"<title>Security guarantees for Ukraine (August 2025) — gmcr report</title>",
		"288 feasible states", "status quo: state 1 (no option taken)",
		// The README's equilibria.
		"<th scope=\"row\">SEQ</th><td>59, 75, 79, 163, 171, 176</td>",
		"<th scope=\"row\">Nash</th><td>176</td>",
		// Notes and sources of the model.
		"[P16]", "us_troops",
		// Sections: tableau, explanations, evolution diagram, scenarios.
		`id="tableau"`, `id="explanations"`, "SEQ stability of state 59", `id="evolution"`, "<figure><svg", `id="scenarios"`, "russia_at_table",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("the report lacks %q", want)
		}
	}
	// Self-contained: no script, no external resource.
	if strings.Contains(out, "<script") {
		t.Error("the report has a script")
	}
	if ext := regexp.MustCompile(`(?i)(src|href)\s*=\s*"(https?:)?//`).FindString(out); ext != "" {
		t.Errorf("the report loads %s", ext)
	}
	if strings.Contains(out, "<?xml") {
		t.Error("the SVG's XML prologue is inside the HTML")
	}
	// Deterministic.
	var again bytes.Buffer
	if err := htmlreport.Write(ctx, &again, r, htmlreport.Options{Comparison: c, Generator: "gmcr test"}); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(b.Bytes(), again.Bytes()) {
		t.Error("two reports of one model differ")
	}
}

func TestReportWithoutStatusQuoAndLimits(t *testing.T) {
	ctx := context.Background()
	r, err := analysis.Run(ctx, load(t, "prisoners-dilemma"), analysis.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := htmlreport.Write(ctx, &b, r, htmlreport.Options{MaxExplained: 1}); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	if strings.Contains(out, `id="evolution"`) || strings.Contains(out, `id="scenarios"`) {
		t.Error("sections without data")
	}
	// SEQ has equilibria 1 and 4: one is explained, one left out.
	if !strings.Contains(out, "Left out: 1 more SEQ equilibria") || !strings.Contains(out, "Rapoport") {
		t.Errorf("%s", out)
	}
	if err := htmlreport.Write(ctx, &b, &analysis.Result{}, htmlreport.Options{}); err == nil {
		t.Error("a result without analysis is accepted")
	}
}
