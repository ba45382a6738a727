package htmlreport_test

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/gmcr/gmcr/analysis"
	"github.com/gmcr/gmcr/htmlreport"
	"github.com/gmcr/gmcr/model"
)

// brokenScenario's second scenario rules out every state: it passes
// validation (each condition alone is fine) but cannot be analysed.
const brokenScenario = `title: Broken scenario
options:
  - id: a
  - id: b
decision_makers:
  - id: P1
    options: [a]
    preferences:
      statements: ["a"]
  - id: P2
    options: [b]
    preferences:
      statements: ["b"]
scenarios:
  - id: good
    forbid: [a]
  - id: broken
    name: Nothing is possible
    force: [a]
    infeasible: ["a"]
  - id: also_good
    forbid: [b]
`

// One broken scenario does not stop the report: it is shown in place with
// its error, and the other scenarios are still compared.
func TestReportShowsFailedScenario(t *testing.T) {
	ctx := context.Background()
	m, err := model.Parse([]byte(brokenScenario), "b.yaml")
	if err != nil {
		t.Fatal(err)
	}
	r, err := analysis.Run(ctx, m, analysis.Options{})
	if err != nil {
		t.Fatal(err)
	}
	cmp, failed, err := htmlreport.CompareScenarios(ctx, m, analysis.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(failed) != 1 || failed[0].Scenario.ID != "broken" || !strings.Contains(failed[0].Err.Error(), "b.yaml:19:13: ") {
		t.Fatalf("failed = %+v, want scenario broken with its position", failed)
	}
	if cmp == nil || len(cmp.Scenarios) != 2 || cmp.Scenarios[0].Scenario.ID != "good" || cmp.Scenarios[1].Scenario.ID != "also_good" {
		t.Fatalf("comparison = %+v, want good and also_good", cmp)
	}
	var b bytes.Buffer
	if err := htmlreport.Write(ctx, &b, r, htmlreport.Options{Comparison: cmp, Failed: failed}); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{
		`What-if scenarios (1 failed)`,
		`<div class="failed" role="alert"><p><strong>Scenario <code>broken</code> (Nothing is possible) could not be analysed</strong>`,
		`<pre>b.yaml:19:13: the 2 infeasible conditions`,
		`S1 good`, `S2 also_good`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("the report lacks %q", want)
		}
	}

	// The Markdown report shows the failure in the same place.
	b.Reset()
	if err := htmlreport.WriteMarkdown(ctx, &b, r, htmlreport.Options{Comparison: cmp, Failed: failed}); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"\n## What-if scenarios (1 failed)\n",
		"> **Scenario broken (Nothing is possible) could not be analysed**; the comparison leaves it out: b.yaml:19:13: the 2 infeasible conditions",
		"S1", "good",
	} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("the Markdown report lacks %q:\n%s", want, b.String())
		}
	}

	// Every scenario broken: the section still shows the failure.
	only := strings.Replace(brokenScenario, "  - id: good\n    forbid: [a]\n", "", 1)
	only = strings.Replace(only, "  - id: also_good\n    forbid: [b]\n", "", 1)
	m, err = model.Parse([]byte(only), "b.yaml")
	if err != nil {
		t.Fatal(err)
	}
	cmp, failed, err = htmlreport.CompareScenarios(ctx, m, analysis.Options{})
	if err != nil || cmp != nil || len(failed) != 1 {
		t.Fatalf("all broken: cmp %v, failed %v, err %v", cmp, failed, err)
	}
	b.Reset()
	if err := htmlreport.Write(ctx, &b, r, htmlreport.Options{Failed: failed}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), `id="scenarios"`) || !strings.Contains(b.String(), "could not be analysed") {
		t.Errorf("all broken: no scenario section with the failure")
	}
	b.Reset()
	if err := htmlreport.WriteMarkdown(ctx, &b, r, htmlreport.Options{Failed: failed}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "\n## What-if scenarios (1 failed)\n\n\n> **Scenario broken") {
		t.Errorf("all broken: no Markdown scenario section with the failure:\n%s", b.String())
	}

	// A model whose scenarios all work: no failures.
	cmp, failed, err = htmlreport.CompareScenarios(ctx, load(t, "ukraine-security"), analysis.Options{})
	if err != nil || failed != nil || cmp == nil || len(cmp.Scenarios) == 0 {
		t.Errorf("flagship: cmp %v, failed %v, err %v", cmp != nil, failed, err)
	}
}
