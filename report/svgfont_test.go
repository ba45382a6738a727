package report_test

import (
	"bytes"
	"context"
	"html"
	"regexp"
	"strconv"
	"testing"
	"unicode/utf8"

	"github.com/gmcr/gmcr/analysis"
	"github.com/gmcr/gmcr/evolve"
	"github.com/gmcr/gmcr/report"
)

var (
	svgViewBox = regexp.MustCompile(`viewBox="[-0-9.]+ [-0-9.]+ ([0-9.]+) [0-9.]+"`)
	svgShift   = regexp.MustCompile(`translate\(([-0-9.]+) `)
	svgText    = regexp.MustCompile(`<text text-anchor="(start|middle|end)" x="([-0-9.]+)"[^>]*?( font-weight="bold")?[^>]*? font-size="([0-9.]+)"[^>]*>([^<]*)</text>`)
)

// dejaVuEm is DejaVu Sans's average advance per character on the legend's
// English text, rounded up (measured from rsvg-convert's rendering: about
// 0.55 em, bold included): the font librsvg substitutes for Helvetica.
const dejaVuEm = 0.57

// The evolution SVG's text stays inside the figure when a renderer draws
// it in a font wider than the Helvetica Graphviz measured (rsvg-convert
// with DejaVu Sans cut off the legend's right end).
func TestEvolutionSVGFitsWiderFont(t *testing.T) {
	for _, tc := range []struct {
		name  string
		start int
	}{{"chicken", 0}, {"prisoners-dilemma", 0}, {"ukraine-security", -1}, {"elmira", -1}} {
		r := exampleRun(t, tc.name, nil)
		start := tc.start
		if start < 0 {
			sq, err := analysis.StatusQuo(r.Space)
			if err != nil || sq < 0 {
				t.Fatalf("%s: status quo %d %v", tc.name, sq, err)
			}
			start = sq
		}
		ev := evolution(t, r, start, evolve.Options{})
		d, err := ev.Diagram(0)
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if err := report.WriteEvolutionSVG(context.Background(), &buf, r, ev, d); err != nil {
			t.Fatal(err)
		}
		svg := buf.String()
		vb, sh := svgViewBox.FindStringSubmatch(svg), svgShift.FindStringSubmatch(svg)
		if vb == nil || sh == nil {
			t.Fatalf("%s: no viewBox or translate", tc.name)
		}
		width, _ := strconv.ParseFloat(vb[1], 64)
		shift, _ := strconv.ParseFloat(sh[1], 64)
		lo, hi := -shift, width-shift
		texts := svgText.FindAllStringSubmatch(svg, -1)
		if len(texts) < 5 {
			t.Fatalf("%s: only %d texts found", tc.name, len(texts))
		}
		for _, m := range texts {
			x, _ := strconv.ParseFloat(m[2], 64)
			size, _ := strconv.ParseFloat(m[4], 64)
			s := html.UnescapeString(m[5])
			w := float64(utf8.RuneCountInString(s)) * size * dejaVuEm
			left, right := x, x+w
			switch m[1] {
			case "middle":
				left, right = x-w/2, x+w/2
			case "end":
				left, right = x-w, x
			}
			if left < lo || right > hi {
				t.Errorf("%s: %q (%.0f..%.0f in a wider font) runs past the figure (%.0f..%.0f)", tc.name, s, left, right, lo, hi)
			}
		}
	}
}
