package report_test

import (
	"bytes"
	"context"
	"html"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/gmcr/gmcr/analysis"
	"github.com/gmcr/gmcr/internal/testmodel"
	"github.com/gmcr/gmcr/model"
	"github.com/gmcr/gmcr/report"
	"github.com/gmcr/gmcr/robustness"
	"github.com/gmcr/gmcr/stability"
)

// A graph-form conflict whose state ids are long: the heatmap's label
// column must widen for them.
const longIDs = `title: Long state names
decision_makers:
  - id: A
    moves:
      - {from: negotiations_continue_without_any_sanctions, to: sanctions_imposed_while_negotiations_continue}
      - {from: sanctions_imposed_while_negotiations_continue, to: negotiations_continue_without_any_sanctions}
    preferences:
      ranking: [negotiations_continue_without_any_sanctions, sanctions_imposed_while_negotiations_continue, talks_broken_off_for_good]
  - id: B
    moves:
      - {from: negotiations_continue_without_any_sanctions, to: talks_broken_off_for_good}
      - {from: talks_broken_off_for_good, to: negotiations_continue_without_any_sanctions}
    preferences:
      ranking: [talks_broken_off_for_good, negotiations_continue_without_any_sanctions, sanctions_imposed_while_negotiations_continue]
states:
  - id: negotiations_continue_without_any_sanctions
  - id: sanctions_imposed_while_negotiations_continue
  - id: talks_broken_off_for_good
`

func robustnessSVG(t *testing.T, r *analysis.Result, title string, top int) string {
	t.Helper()
	sp, err := robustness.NewSpace(r.Space, r.Prefs)
	if err != nil {
		t.Fatal(err)
	}
	one, err := sp.RunOneStep(context.Background(), stability.Concepts, 0)
	if err != nil {
		t.Fatal(err)
	}
	rep := &report.Robustness{Space: r.Space, Mode: "one-step", Counts: &one.Counts, Base: one.Base, OneStep: one, Title: title, Top: top}
	var buf bytes.Buffer
	if err := report.WriteRobustnessSVG(&buf, rep); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

var (
	heatLabel = regexp.MustCompile(`<text x="10" y="\d+" font-size="12">(\d+) <tspan [^>]*font-size="10">([^<]*)</tspan></text>`)
	heatCell  = regexp.MustCompile(`<rect x="(\d+)" y="\d+" width="76"`)
	heatText  = regexp.MustCompile(`<text x="(\d+)" y="\d+" font-size="(\d+)"( font-weight="bold")?>([^<]*)</text>`)
	svgWidth  = regexp.MustCompile(`^<svg [^>]*width="(\d+)"`)
)

// The heatmap's labels do not run into its cells or past its edge in the
// fonts renderers substitute (DejaVu Sans and Sans Mono, wider than
// Helvetica), it names the model, says how to read a state's label and
// what was left out, and the same run gives the same bytes.
func TestRobustnessSVGLayout(t *testing.T) {
	m, err := model.Parse([]byte(longIDs), "long.yaml")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name  string
		r     *analysis.Result
		top   int
		wants []string
	}{
		{"ukraine-security", testmodel.Run(t, testmodel.Example(t, "ukraine-security")), 25,
			[]string{"by DM: RU: ru_ceasefire ru_summit | UA:", "Shown: the 25 states with the highest mean share, of", "--top 0 shows all"}},
		{"elmira", testmodel.Run(t, testmodel.Example(t, "elmira")), 0,
			[]string{"MoE: modify | Uniroyal: delay accept abandon | LG: insist", "the highest mean share first"}},
		{"long ids", testmodel.Run(t, m), 0, []string{"State: its number and id"}},
	} {
		svg := robustnessSVG(t, tc.r, tc.r.Model.Title, tc.top)
		if again := robustnessSVG(t, tc.r, tc.r.Model.Title, tc.top); again != svg {
			t.Errorf("%s: two drawings of the same run differ", tc.name)
		}
		wm := svgWidth.FindStringSubmatch(svg)
		if wm == nil {
			t.Fatalf("%s: no width", tc.name)
		}
		width, _ := strconv.Atoi(wm[1])
		firstCell := width
		for _, c := range heatCell.FindAllStringSubmatch(svg, -1) {
			x, _ := strconv.Atoi(c[1])
			firstCell = min(firstCell, x)
		}
		labels := heatLabel.FindAllStringSubmatch(svg, -1)
		if len(labels) == 0 {
			t.Fatalf("%s: no state labels", tc.name)
		}
		for _, l := range labels {
			right := 10 + 0.6*12*float64(len(l[1])+1) + 0.61*10*float64(utf8.RuneCountInString(html.UnescapeString(l[2])))
			if right > float64(firstCell) {
				t.Errorf("%s: label %q %q ends at %.0f, over the cells from %d", tc.name, l[1], l[2], right, firstCell)
			}
		}
		var texts []string
		for _, m := range heatText.FindAllStringSubmatch(svg, -1) {
			x, _ := strconv.Atoi(m[1])
			size, _ := strconv.Atoi(m[2])
			s := html.UnescapeString(m[4])
			texts = append(texts, s)
			em := 0.57
			if m[3] != "" {
				em = 0.6
			}
			if right := float64(x) + em*float64(size)*float64(utf8.RuneCountInString(s)); right > float64(width) {
				t.Errorf("%s: %q ends at %.0f, past the figure's %d", tc.name, s, right, width)
			}
		}
		all := strings.Join(texts, "\n")
		if !strings.Contains(all, tc.r.Model.Title) {
			t.Errorf("%s: the model's title is missing", tc.name)
		}
		for _, want := range append(tc.wants, "double outline: equilibrium of the model as written") {
			if !strings.Contains(strings.ReplaceAll(all, "\n", " "), want) {
				t.Errorf("%s: the figure lacks %q:\n%s", tc.name, want, all)
			}
		}
	}
}

// A sampled run's heatmap says what was varied and the seed, so that a
// printed copy can be reproduced.
func TestRobustnessSVGSampleKey(t *testing.T) {
	r := testmodel.Run(t, testmodel.Example(t, "prisoners-dilemma"))
	sp, err := robustness.NewSpace(r.Space, r.Prefs)
	if err != nil {
		t.Fatal(err)
	}
	one, err := sp.RunOneStep(context.Background(), stability.Concepts, 0)
	if err != nil {
		t.Fatal(err)
	}
	rep := &report.Robustness{Space: r.Space, Mode: "sample", Counts: &one.Counts, Base: one.Base, Seed: 7, Uncertain: []string{"P1: statement 1 may not hold"}, Title: r.Model.Title}
	var buf bytes.Buffer
	if err := report.WriteRobustnessSVG(&buf, rep); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"(seed 7)", "Varied: P1: statement 1 may not hold."} {
		if !strings.Contains(buf.String(), want) {
			t.Errorf("the sampled heatmap lacks %q", want)
		}
	}
}
