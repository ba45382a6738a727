package main

import (
	"bytes"
	"image/png"
	"os"
	"testing"

	"github.com/gmcr/gmcr/printout"
)

// The figures and the report print to PNG and PDF through a browser; bad
// paper names and a missing browser are the user's to fix (exit code 3),
// and leave no file behind.
func TestPrintedFormats(t *testing.T) {
	inTemp(t)
	check(t, "", 3, []string{"report", "elmira.yaml", "-f", "pdf", "--paper", "a3", "-o", "r.pdf"}, "unknown paper", "a4 or letter")
	check(t, "", 3, []string{"report", "elmira.yaml", "-f", "docx", "-o", "r.docx"}, "html, markdown or pdf")
	check(t, "", 3, []string{"robustness", "elmira.yaml", "-f", "jpeg", "-o", "r.jpg"}, "svg, png, pdf")
	t.Setenv("GMCR_BROWSER", "/no/such/browser")
	check(t, "", 3, []string{"evolve", "elmira.yaml", "-q", "-f", "png", "-o", "e.png"}, "/no/such/browser", "install one")
	for _, f := range []string{"r.pdf", "r.docx", "r.jpg", "e.png"} {
		if _, err := os.Stat(f); err == nil {
			t.Errorf("%s was written", f)
		}
	}
	t.Setenv("GMCR_BROWSER", "")
	if _, err := printout.Browser(); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal(err)
		}
		t.Skip(err)
	}
	check(t, "", 0, []string{"evolve", "elmira.yaml", "-q", "-f", "png", "-o", "e.png"})
	check(t, "", 0, []string{"robustness", "elmira.yaml", "-q", "-f", "pdf", "-o", "r.pdf"})
	check(t, "", 0, []string{"report", "elmira.yaml", "-q", "-f", "pdf", "-o", "report.pdf"})
	pic, err := os.ReadFile("e.png")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := png.DecodeConfig(bytes.NewReader(pic)); err != nil {
		t.Errorf("e.png: %v", err)
	}
	for _, f := range []string{"r.pdf", "report.pdf"} {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.HasPrefix(data, []byte("%PDF-")) {
			t.Errorf("%s is not a PDF: %.20q", f, data)
		}
	}
}
