package printout_test

import (
	"bytes"
	"context"
	"image/png"
	"os"
	"regexp"
	"strconv"
	"testing"

	"github.com/gmcr/gmcr/analysis"
	"github.com/gmcr/gmcr/evolve"
	"github.com/gmcr/gmcr/htmlreport"
	"github.com/gmcr/gmcr/internal/testmodel"
	"github.com/gmcr/gmcr/printout"
	"github.com/gmcr/gmcr/report"
)

// needBrowser skips the test when no browser is installed, except in CI
// (.ci/run installs Chromium).
func needBrowser(t *testing.T) {
	t.Helper()
	if _, err := printout.Browser(); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal(err)
		}
		t.Skip(err)
	}
}

var (
	pdfPage  = regexp.MustCompile(`/Type\s*/Page\b`)
	mediaBox = regexp.MustCompile(`/MediaBox\s*\[\s*0 0 ([0-9.]+) ([0-9.]+)\s*\]`)
)

// pages returns the width and height, in points, of each page of pdf.
func pages(t *testing.T, pdf []byte) [][2]float64 {
	t.Helper()
	if !bytes.HasPrefix(pdf, []byte("%PDF-")) {
		t.Fatalf("not a PDF: %.20q", pdf)
	}
	var out [][2]float64
	for _, m := range mediaBox.FindAllSubmatch(pdf, -1) {
		w, _ := strconv.ParseFloat(string(m[1]), 64)
		h, _ := strconv.ParseFloat(string(m[2]), 64)
		out = append(out, [2]float64{w, h})
	}
	if n := len(pdfPage.FindAll(pdf, -1)); n != len(out) {
		t.Fatalf("%d pages but %d media boxes", n, len(out))
	}
	return out
}

func reportOf(t *testing.T, name string) []byte {
	t.Helper()
	r := testmodel.Run(t, testmodel.Example(t, name))
	var b bytes.Buffer
	if err := htmlreport.Write(context.Background(), &b, r, htmlreport.Options{Generator: "gmcr test"}); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// The report prints on the paper asked for, its wide tableau on landscape
// pages, and the same report gives the same PDF.
func TestReportPDF(t *testing.T) {
	needBrowser(t)
	ctx := context.Background()
	html := reportOf(t, "ukraine-security")
	a4, _ := printout.PaperByName("a4")
	pdf, err := printout.ReportPDF(ctx, html, a4)
	if err != nil {
		t.Fatal(err)
	}
	portrait, landscape := 0, 0
	for _, p := range pages(t, pdf) {
		switch {
		case p[0] > 594 && p[0] < 596 && p[1] > 841 && p[1] < 843:
			portrait++
		case p[1] > 594 && p[1] < 596 && p[0] > 841 && p[0] < 843:
			landscape++
		default:
			t.Errorf("a page of %gx%g points, not A4", p[0], p[1])
		}
	}
	if portrait < 10 || landscape < 3 {
		t.Errorf("%d portrait and %d landscape A4 pages; want the tableau's 288 rows on landscape pages and the rest portrait", portrait, landscape)
	}
	again, err := printout.ReportPDF(ctx, html, a4)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(pdf, again) {
		t.Error("two printings of the same report differ")
	}
	letter, _ := printout.PaperByName("letter")
	small, err := printout.ReportPDF(ctx, reportOf(t, "prisoners-dilemma"), letter)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range pages(t, small) {
		if p != [2]float64{612, 792} {
			t.Errorf("a Letter page of %gx%g points", p[0], p[1])
		}
	}
}

func evolutionSVG(t *testing.T) []byte {
	t.Helper()
	r := testmodel.Run(t, testmodel.Example(t, "ukraine-security"))
	sq, err := analysis.StatusQuo(r.Space)
	if err != nil {
		t.Fatal(err)
	}
	ev, err := evolve.Analyze(context.Background(), r.Stability, sq, evolve.Options{})
	if err != nil {
		t.Fatal(err)
	}
	d, err := ev.DiagramOf(evolve.DiagramOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := report.WriteEvolutionSVG(context.Background(), &b, r, ev, d); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

var viewBox = regexp.MustCompile(`viewBox="[-0-9.]+ [-0-9.]+ ([0-9.]+) ([0-9.]+)"`)

// A figure prints on one page of its own size, and draws as a PNG at twice
// its size, the same bytes each time.
func TestFigure(t *testing.T) {
	needBrowser(t)
	ctx := context.Background()
	svg := evolutionSVG(t)
	m := viewBox.FindSubmatch(svg)
	w, _ := strconv.ParseFloat(string(m[1]), 64)
	h, _ := strconv.ParseFloat(string(m[2]), 64)
	pdf, err := printout.FigurePDF(ctx, svg)
	if err != nil {
		t.Fatal(err)
	}
	ps := pages(t, pdf)
	if len(ps) != 1 || ps[0][0] < w-2 || ps[0][0] > w+2 || ps[0][1] < h-2 || ps[0][1] > h+2 {
		t.Errorf("pages %v, want one of %gx%g points", ps, w, h)
	}
	pic, err := printout.FigurePNG(ctx, svg, 2)
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := png.DecodeConfig(bytes.NewReader(pic))
	if err != nil {
		t.Fatal(err)
	}
	// Graphviz sizes in points: 4/3 pixels each, twice over.
	if want := int(w*4/3*2 + 0.5); cfg.Width < want-3 || cfg.Width > want+3 {
		t.Errorf("PNG %dx%d, want about %d wide", cfg.Width, cfg.Height, want)
	}
	again, err := printout.FigurePNG(ctx, svg, 2)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(pic, again) {
		t.Error("two drawings of the same figure differ")
	}
	if err := os.WriteFile(os.TempDir()+"/gmcr-printout-test.png", pic, 0o644); err != nil {
		t.Log(err)
	}
}

func TestPaperByName(t *testing.T) {
	if _, err := printout.PaperByName("a3"); err == nil {
		t.Error("a3 accepted")
	}
	if p, err := printout.PaperByName("letter"); err != nil || p.Width != 8.5 {
		t.Errorf("letter: %v %v", p, err)
	}
}
