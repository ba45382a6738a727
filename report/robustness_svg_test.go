package report_test

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"html"
	"io"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/gmcr/gmcr/internal/testmodel"
	"github.com/gmcr/gmcr/report"
	"github.com/gmcr/gmcr/robustness"
	"github.com/gmcr/gmcr/stability"
)

// The robustness heatmap names the model it shows, so that a printed copy
// says which conflict it is about, and stays well-formed XML whatever the
// title holds.
func TestRobustnessSVGNamesModel(t *testing.T) {
	pd := testmodel.Run(t, testmodel.Example(t, "prisoners-dilemma"))
	sp, err := robustness.NewSpace(pd.Space, pd.Prefs)
	if err != nil {
		t.Fatal(err)
	}
	one, err := sp.RunOneStep(context.Background(), stability.Concepts, 0)
	if err != nil {
		t.Fatal(err)
	}
	long := strings.Repeat("Very long conflict title ", 8)
	for _, tc := range []struct{ title, want string }{
		{pd.Model.Title, pd.Model.Title},
		{"Tom & Jerry <\"talks\">\n\x01second line", `Tom & Jerry <"talks"> second line`},
		{long, "Very long conflict title"},
	} {
		r := &report.Robustness{Space: pd.Space, Mode: "one-step", Counts: &one.Counts, Base: one.Base, OneStep: one, Title: tc.title}
		var buf bytes.Buffer
		if err := report.WriteRobustnessSVG(&buf, r); err != nil {
			t.Fatal(err)
		}
		svg := buf.String()
		d := xml.NewDecoder(strings.NewReader(svg))
		for {
			_, err := d.Token()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				t.Fatalf("%q: not well-formed XML: %v\n%s", tc.title, err, svg)
			}
		}
		if !strings.Contains(svg, `font-weight="bold">`+html.EscapeString(tc.want)) {
			t.Errorf("%q: heading %q missing:\n%s", tc.title, tc.want, svg[:min(len(svg), 900)])
		}
		if strings.Contains(svg, `y="22" font-size="15"`) {
			t.Errorf("%q: the concept heading still takes the first line", tc.title)
		}
		if tc.title == long {
			m := regexp.MustCompile(`width="(\d+)"`).FindStringSubmatch(svg)
			if w, _ := strconv.Atoi(m[1]); w < 700 || !strings.Contains(svg, "…") {
				t.Errorf("long title: width %d, cut %v; want the figure widened and the title cut", w, strings.Contains(svg, "…"))
			}
		}
	}
}
