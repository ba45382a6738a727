// Package printout turns gmcr's HTML report and SVG figures into PDF and
// PNG files for print, by handing them to a local Chrome or Chromium
// (headless, driven through the DevTools protocol by
// github.com/chromedp/chromedp). gmcr's built-in Graphviz draws SVG only;
// a browser is the renderer analysts already have that lays out the
// report's HTML and the figures' text exactly as they see them on screen.
//
// Nothing is drawn here: the report and the figures come from packages
// htmlreport and report, and are printed as they are.
package printout

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"html"
	"image/png"
	"os"
	"os/exec"
	"regexp"
	"runtime"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// Paper is a sheet size for a printed report.
type Paper struct {
	Name          string
	Width, Height float64 // inches, portrait
}

// Papers are the sheet sizes PDF accepts.
var Papers = []Paper{{"a4", 8.27, 11.69}, {"letter", 8.5, 11}}

// PaperByName returns the paper called name ("a4" or "letter").
func PaperByName(name string) (Paper, error) {
	for _, p := range Papers {
		if p.Name == name {
			return p, nil
		}
	}
	return Paper{}, fmt.Errorf("unknown paper %q; use a4 or letter", name)
}

// ErrNoBrowser is returned when no Chrome or Chromium is installed.
var ErrNoBrowser = errors.New("PDF and PNG are printed by Chrome or Chromium, and neither was found: install one (Debian/Ubuntu: apt-get install chromium), or write SVG or HTML and print that from a browser")

// Browser returns the path of a Chrome or Chromium, or ErrNoBrowser.
// $GMCR_BROWSER names one explicitly.
func Browser() (string, error) {
	if p := os.Getenv("GMCR_BROWSER"); p != "" {
		if _, err := os.Stat(p); err != nil {
			return "", fmt.Errorf("GMCR_BROWSER names %s, which cannot be found (%w)", p, ErrNoBrowser)
		}
		return p, nil
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome", "msedge"} {
		if p, err := exec.LookPath(name); err == nil {
			return p, nil
		}
	}
	var known []string
	switch runtime.GOOS {
	case "darwin":
		known = []string{"/Applications/Google Chrome.app/Contents/MacOS/Google Chrome", "/Applications/Chromium.app/Contents/MacOS/Chromium"}
	case "windows":
		for _, dir := range []string{os.Getenv("ProgramFiles"), os.Getenv("ProgramFiles(x86)"), os.Getenv("LocalAppData")} {
			if dir != "" {
				known = append(known, dir+`\Google\Chrome\Application\chrome.exe`, dir+`\Microsoft\Edge\Application\msedge.exe`)
			}
		}
	}
	for _, p := range known {
		if _, err := os.Stat(p); err == nil {
			return p, nil
		}
	}
	return "", ErrNoBrowser
}

// Timeout bounds one printing, browser start included.
const Timeout = 2 * time.Minute

// run starts a headless browser with a fresh profile, loads doc (an HTML
// document) into a blank page and runs then on it.
func run(ctx context.Context, doc string, then ...chromedp.Action) error {
	exe, err := Browser()
	if err != nil {
		return err
	}
	profile, err := os.MkdirTemp("", "gmcr-print-")
	if err != nil {
		return fmt.Errorf("a profile folder for the browser: %w", err)
	}
	defer func() {
		// The browser may hold its profile a moment after it stops.
		for range 20 {
			if os.RemoveAll(profile) == nil {
				return
			}
			time.Sleep(50 * time.Millisecond)
		}
	}()
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(exe),
		chromedp.Flag("headless", true),
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.UserDataDir(profile),
	}
	if os.Geteuid() == 0 {
		// Chromium refuses to start as root with its sandbox; the page
		// is gmcr's own, with no script and no request outside itself.
		opts = append(opts, chromedp.NoSandbox)
	}
	ctx, cancelT := context.WithTimeout(ctx, Timeout)
	defer cancelT()
	actx, cancelA := chromedp.NewExecAllocator(ctx, opts...)
	defer cancelA()
	// The protocol has events this chromedp version does not know; its
	// complaints about them are noise.
	bctx, cancelB := chromedp.NewContext(actx, chromedp.WithErrorf(func(string, ...any) {}))
	defer cancelB()
	load := chromedp.ActionFunc(func(ctx context.Context) error {
		tree, err := page.GetFrameTree().Do(ctx)
		if err != nil {
			return err
		}
		return page.SetDocumentContent(tree.Frame.ID, doc).Do(ctx)
	})
	actions := append([]chromedp.Action{chromedp.Navigate("about:blank"), load, chromedp.WaitReady("body", chromedp.ByQuery)}, then...)
	if err := chromedp.Run(bctx, actions...); err != nil {
		if ctx.Err() != nil && errors.Is(ctx.Err(), context.DeadlineExceeded) {
			return fmt.Errorf("the browser (%s) did not finish printing within %v", exe, Timeout)
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
		return fmt.Errorf("printing with %s: %w", exe, err)
	}
	return nil
}

// ReportPDF prints an HTML report (htmlreport.Write's output) on paper, as
// a browser's Print would, with its print stylesheet: the sections it
// puts on landscape pages come out landscape, and each page's footer has
// the report's title and "page N of M". The PDF's dates and document
// id are fixed (see stable), so the same report gives the same bytes with
// the same browser.
func ReportPDF(ctx context.Context, report []byte, paper Paper) ([]byte, error) {
	var pdf []byte
	err := run(ctx, string(report), chromedp.ActionFunc(func(ctx context.Context) error {
		var err error
		pdf, _, err = page.PrintToPDF().WithPrintBackground(true).
			WithDisplayHeaderFooter(true).WithHeaderTemplate("<span></span>").WithFooterTemplate(footer).
			WithPaperWidth(paper.Width).WithPaperHeight(paper.Height).
			WithMarginTop(0.55).WithMarginBottom(0.55).WithMarginLeft(0.55).WithMarginRight(0.55).
			Do(ctx)
		return err
	}))
	if err != nil {
		return nil, err
	}
	return stable(pdf), nil
}

// footer is the printed report's page footer: its title (the page's
// <title>) and the page number, so that loose pages can be put back in
// order.
const footer = `<div style="font: 8px sans-serif; color: #475569; width: 100%; margin: 0 14mm; display: flex; justify-content: space-between;"><span class="title"></span><span>page <span class="pageNumber"></span> of <span class="totalPages"></span></span></div>`

var svgSize = regexp.MustCompile(`<svg\b[^>]*?\swidth="([0-9.]+)(pt|px)?"[^>]*?\sheight="([0-9.]+)(pt|px)?"`)

// figurePage is an HTML page holding svg alone, on a page of its own size.
func figurePage(svg []byte) (string, float64, float64, error) {
	if i := bytes.Index(svg, []byte("<svg")); i > 0 {
		svg = svg[i:] // the XML prologue and DOCTYPE have no place in HTML
	}
	m := svgSize.FindSubmatch(svg)
	if m == nil {
		return "", 0, 0, errors.New("printout: the figure has no width and height")
	}
	px := func(v, unit []byte) float64 {
		var f float64
		fmt.Sscan(string(v), &f)
		if string(unit) == "pt" {
			f *= 4.0 / 3
		}
		return f
	}
	w, h := px(m[1], m[2]), px(m[3], m[4])
	doc := fmt.Sprintf(`<!doctype html><html><head><meta charset="utf-8"><title>%s</title><style>@page { size: %.2fpx %.2fpx; margin: 0; } html, body { margin: 0; padding: 0; background: white; } svg { display: block; }</style></head><body>%s</body></html>`,
		html.EscapeString("figure"), w, h, svg)
	return doc, w, h, nil
}

// FigurePDF prints an SVG figure (report's evolution diagram or
// robustness heatmap) as a one-page PDF of the figure's own size, its
// text kept as text. Dates and document id are fixed, as in ReportPDF.
func FigurePDF(ctx context.Context, svg []byte) ([]byte, error) {
	doc, _, _, err := figurePage(svg)
	if err != nil {
		return nil, err
	}
	var pdf []byte
	err = run(ctx, doc, chromedp.ActionFunc(func(ctx context.Context) error {
		var err error
		pdf, _, err = page.PrintToPDF().WithPrintBackground(true).WithPreferCSSPageSize(true).
			WithMarginTop(0).WithMarginBottom(0).WithMarginLeft(0).WithMarginRight(0).Do(ctx)
		return err
	}))
	if err != nil {
		return nil, err
	}
	return stable(pdf), nil
}

// FigurePNG draws an SVG figure as a PNG at scale times its size (2 gives
// about 200 dots per inch for a figure printed at its own size).
func FigurePNG(ctx context.Context, svg []byte, scale float64) ([]byte, error) {
	doc, w, h, err := figurePage(svg)
	if err != nil {
		return nil, err
	}
	var out []byte
	err = run(ctx, doc,
		chromedp.ActionFunc(func(ctx context.Context) error {
			return emulation.SetDeviceMetricsOverride(int64(w+0.999), int64(h+0.999), scale, false).Do(ctx)
		}),
		chromedp.ActionFunc(func(ctx context.Context) error {
			var err error
			out, err = page.CaptureScreenshot().WithFormat(page.CaptureScreenshotFormatPng).
				WithClip(&page.Viewport{X: 0, Y: 0, Width: w, Height: h, Scale: 1}).
				WithFromSurface(true).Do(ctx)
			return err
		}))
	if err != nil {
		return nil, err
	}
	if _, err := png.DecodeConfig(bytes.NewReader(out)); err != nil {
		return nil, fmt.Errorf("the browser's picture is not a PNG: %w", err)
	}
	return out, nil
}

// pdfDate and pdfID are what makes two printings of one document differ:
// the time of printing, and a document id made from it.
var (
	pdfDate = regexp.MustCompile(`/(CreationDate|ModDate) \(D:[0-9]{14}[^)]*\)`)
	pdfID   = regexp.MustCompile(`/ID \[<[0-9A-Fa-f]+> <[0-9A-Fa-f]+>\]`)
)

// stable fixes the dates and the document id of a PDF, replacing each by
// a text of the same length so that the file's byte offsets still hold.
func stable(pdf []byte) []byte {
	zero := func(b []byte) []byte {
		out := bytes.Clone(b)
		for i, c := range out {
			if c >= '0' && c <= '9' || c >= 'A' && c <= 'F' || c >= 'a' && c <= 'f' {
				out[i] = '0'
			}
		}
		return out
	}
	pdf = pdfDate.ReplaceAllFunc(pdf, func(b []byte) []byte {
		i := bytes.Index(b, []byte("(D:"))
		return append(bytes.Clone(b[:i+3]), zero(b[i+3:])...)
	})
	return pdfID.ReplaceAllFunc(pdf, func(b []byte) []byte {
		i := bytes.IndexByte(b, '[')
		return append(bytes.Clone(b[:i]), zero(b[i:])...)
	})
}
