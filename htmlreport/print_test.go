package htmlreport

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
	"github.com/gmcr/gmcr/examples"
	"github.com/gmcr/gmcr/model"
)

func writeExample(t *testing.T, name string) string {
	t.Helper()
	ex, err := examples.Get(name)
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
	if err := Write(context.Background(), &b, r, Options{Generator: "gmcr test"}); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

var (
	sectionRE = regexp.MustCompile(`^<section id="[a-z]+"( class="landscape")?>`)
	preRE     = regexp.MustCompile(`(?s)<pre style="--print-size: ([0-9.]+)pt">(.*?)</pre>`)
)

// printedPre is a <pre> block of the report as printed.
type printedPre struct {
	landscape bool
	size      float64
	text      string
}

// printedPres returns the <pre> blocks of a report, and how many <pre>
// tags it has in all.
func printedPres(t *testing.T, out string) ([]printedPre, int) {
	var pres []printedPre
	for _, sec := range strings.Split(out, "<section ")[1:] {
		sec = "<section " + sec
		m := sectionRE.FindStringSubmatch(sec)
		if m == nil {
			t.Fatalf("a section does not open as expected: %.80q", sec)
		}
		for _, p := range preRE.FindAllStringSubmatch(sec, -1) {
			size, _ := strconv.ParseFloat(p[1], 64)
			pres = append(pres, printedPre{m[1] != "", size, html.UnescapeString(p[2])})
		}
	}
	return pres, strings.Count(out, "<pre")
}

// The report prints on A4 and Letter: every part starts a page, rows and
// figures are not split, the contents list is left out, and every
// tableau row fits the printed width on one line.
func TestReportPrints(t *testing.T) {
	for _, name := range []string{"ukraine-security", "elmira", "prisoners-dilemma"} {
		out := writeExample(t, name)
		for _, want := range []string{
			"@media print", "@page { margin: 14mm; }", "@page landscape { size: landscape; }",
			"section { break-before: page; }", "tr, th, td, li { break-inside: avoid; }",
			"thead { display: table-header-group; }", "nav { display: none; }",
			"figure { break-inside: avoid;", "section.landscape { page: landscape; }",
		} {
			if !strings.Contains(out, want) {
				t.Errorf("%s: the print stylesheet lacks %q", name, want)
			}
		}
		pres, all := printedPres(t, out)
		if len(pres) < 2 || all != len(pres) {
			t.Fatalf("%s: %d of %d <pre> blocks have a print size", name, len(pres), all)
		}
		for _, p := range pres {
			width := portraitWidth
			if p.landscape {
				width = landscapeWidth
			}
			if p.size < 5 || p.size > printMaxPt {
				t.Errorf("%s: print size %gpt", name, p.size)
			}
			for _, line := range strings.Split(p.text, "\n") {
				if columnGaps(line) < 2 {
					continue
				}
				if w := float64(utf8.RuneCountInString(strings.TrimRight(line, " "))) * monoEm * p.size; w > width {
					t.Errorf("%s: a table row %.0fpt wide at %gpt on a page %.0fpt wide wraps: %q", name, w, p.size, width, line)
				}
			}
		}
		if name == "ukraine-security" {
			// 288 states: one row each, about 140 characters, too wide
			// for portrait at a legible size.
			if !pres[0].landscape {
				t.Errorf("%s: the tableau does not print on landscape pages", name)
			}
		}
	}
}

// The status quo diagram has a caption saying what it shows.
func TestReportFigureCaption(t *testing.T) {
	out := writeExample(t, "ukraine-security")
	re := regexp.MustCompile(`(?s)<figure><svg.*?</svg>\s*<figcaption>([^<]+)</figcaption></figure>`)
	m := re.FindStringSubmatch(out)
	if m == nil {
		t.Fatal("the evolution figure has no caption")
	}
	for _, want := range []string{"state 1", "arrows", "legend"} {
		if !strings.Contains(m[1], want) {
			t.Errorf("the caption %q lacks %q", m[1], want)
		}
	}
}

// The same model gives the same bytes.
func TestReportDeterministic(t *testing.T) {
	a, b := writeExample(t, "elmira"), writeExample(t, "elmira")
	if a != b {
		t.Error("two reports of elmira differ")
	}
}

func TestFitPrint(t *testing.T) {
	row := "  1  " + strings.Repeat("x", 100) + "  y  z"
	for _, tc := range []struct {
		text      string
		landscape bool
		size      string
	}{
		{"prose only, however long " + strings.Repeat("word ", 60), false, "8.5pt"},
		{"a  b  c", false, "8.5pt"},
		{row, false, "7.6pt"},
		{"  1  " + strings.Repeat("x", 150) + "  y  z", true, "7.2pt"},
	} {
		f := fitPrint(tc.text)
		if f.Landscape != tc.landscape || f.Size != tc.size {
			t.Errorf("fitPrint(%d runes) = %+v, want landscape %v, %s", utf8.RuneCountInString(tc.text), f, tc.landscape, tc.size)
		}
	}
}
