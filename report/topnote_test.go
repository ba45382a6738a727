package report_test

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/gmcr/gmcr/analysis"
	"github.com/gmcr/gmcr/model"
	"github.com/gmcr/gmcr/report"
)

// The Markdown report shows the model's top-level note and source.
func TestMarkdownReportShowsTopLevelNote(t *testing.T) {
	src := `title: T
note: framed as a two-player game
source: "[P3]"
options: [{id: a}, {id: b}]
decision_makers:
  - {id: P, options: [a], preferences: {statements: [a]}}
  - {id: Q, options: [b], preferences: {statements: [b]}}
`
	m, err := model.Parse([]byte(src), "t.yaml")
	if err != nil {
		t.Fatal(err)
	}
	r, err := analysis.Run(context.Background(), m, analysis.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := report.Write(&buf, r, report.Markdown, report.Options{}); err != nil {
		t.Fatal(err)
	}
	out := strings.ReplaceAll(buf.String(), `\`, "")
	if !strings.Contains(out, "**Note:** framed as a two-player game **Source:** [P3]") {
		t.Errorf("the report lacks the model's note and source:\n%s", out)
	}
}
