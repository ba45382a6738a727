package web_test

import (
	"encoding/xml"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// svgDoc is what the tests read of an exported SVG.
type svgDoc struct {
	Width  string `xml:"width,attr"`
	Height string `xml:"height,attr"`
	Title  string `xml:"title"`
	Texts  []struct {
		Text string `xml:",chardata"`
	} `xml:"text"`
	Rects []struct {
		Fill string `xml:"fill,attr"`
		SW   string `xml:"stroke-width,attr"`
	} `xml:"rect"`
}

// The moves graph's SVG export (also drawn as its PNG export) prints on its
// own: it names the model and what is drawn, has a legend, marks the
// status quo and the equilibria by their borders as well as their
// colours, and is the same for the same graph.
func TestWorkbenchMovesGraphExport(t *testing.T) {
	for _, tc := range []struct{ name, title string }{
		{"sanctions-transitions", "Sanctions and compliance"},
		{"elmira", "Elmira"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := newBrowser(t, writeExample(t, tc.name))
			b.viewport(1366, 768)
			b.waitJS("analysed", `/\d+ states · /.test(document.querySelector('#status-text').textContent)`)
			b.clickTab("tab-graph")
			b.waitText("graph drawn", "#g-note", "states")
			var one, two string
			b.run("export", chromedp.Evaluate(`window.gmcrGraphSVG()`, &one))
			b.run("export again", chromedp.Evaluate(`window.gmcrGraphSVG()`, &two))
			if one != two {
				t.Error("two exports of the same graph differ")
			}
			if err := os.WriteFile(filepath.Join(b.out, "46-moves-export-"+tc.name+".svg"), []byte(one), 0o644); err != nil {
				t.Log(err)
			}
			var d svgDoc
			if err := xml.Unmarshal([]byte(one), &d); err != nil {
				t.Fatalf("not well-formed XML: %v", err)
			}
			if d.Width == "" || d.Height == "" {
				t.Errorf("no width or height: %q x %q (the PNG export needs them)", d.Width, d.Height)
			}
			var texts []string
			for _, x := range d.Texts {
				texts = append(texts, x.Text)
			}
			all := strings.Join(texts, "\n")
			for _, want := range []string{tc.title, "Moves graph of every DM", "status quo (double border)", "equilibrium under ", "(thick border)", "unilateral improvement of the DM named on the arrow", "Y = taken"} {
				if !strings.Contains(all+"\n"+d.Title, want) {
					t.Errorf("the export lacks %q:\n%s", want, all)
				}
			}
			// The status quo's double border (two blue rectangles, in the
			// graph and in the legend) and the thick border of equilibria.
			blue, thick := 0, 0
			for _, r := range d.Rects {
				if r.Fill == "#dbeafe" {
					blue++
				}
				if r.SW == "3" {
					thick++
				}
			}
			if blue != 4 || thick < 2 {
				t.Errorf("%d status quo rectangles (want 4: a double border in the graph and the legend), %d thick borders (want an equilibrium, or the status quo as one, and the legend's)", blue, thick)
			}
			b.noJSErrors()
		})
	}
}
