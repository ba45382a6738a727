package examples_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/gmcr/gmcr/examples"
	"github.com/gmcr/gmcr/model"
)

// TestSourcesResolve checks that every example can be understood from the
// repository alone: each paragraph [Pn] an example cites is described by
// an entry of its sources (ref "[Pn]", with the model's own paraphrase as
// note), and no source points to a file outside the repository.
func TestSourcesResolve(t *testing.T) {
	cite := regexp.MustCompile(`\[P(\d+)\]`)
	for _, ex := range examples.All() {
		m, err := model.Parse(ex.Data, ex.File)
		if err != nil {
			t.Fatal(err)
		}
		described := map[string]bool{}
		for _, s := range m.Sources {
			if strings.Contains(s.Ref, "../") || strings.Contains(s.Note, "../") {
				t.Errorf("%s: source %q points outside the repository", ex.File, s.Ref)
			}
			if cite.MatchString(s.Ref) && cite.FindString(s.Ref) == s.Ref {
				if strings.TrimSpace(s.Note) == "" {
					t.Errorf("%s: source %s says nothing about the paragraph", ex.File, s.Ref)
				}
				described[s.Ref] = true
			}
		}
		cited := cite.FindAllString(string(ex.Data), -1)
		if len(cited) > 0 && len(m.Sources) == 0 {
			t.Errorf("%s cites paragraphs but has no sources", ex.File)
		}
		for _, c := range cited {
			if !described[c] {
				t.Errorf("%s cites %s, which no entry of its sources describes", ex.File, c)
			}
		}
	}
	// The flagship example cites all seventeen paragraphs of its report.
	ex, _ := examples.Get(examples.Default)
	m, _ := model.Parse(ex.Data, ex.File)
	if len(m.Sources) < 18 || !strings.Contains(m.Sources[0].Ref, "20 August 2025") {
		t.Errorf("%s: sources do not identify the report of 20 August 2025 and its 17 paragraphs: %+v", ex.File, m.Sources)
	}
}

// TestNoWarnings: the built-in examples load without warnings; Elmira's
// rankings by number record their numbering, so editing its options is
// caught.
func TestNoWarnings(t *testing.T) {
	for _, ex := range examples.All() {
		m, err := model.Parse(ex.Data, ex.File)
		if err != nil {
			t.Fatal(err)
		}
		if len(m.Warnings) > 0 {
			t.Errorf("%s: %q", ex.File, m.Warnings)
		}
	}
	ex, err := examples.Get("elmira")
	if err != nil {
		t.Fatal(err)
	}
	// Uniroyal's options in another order: the numbers mean other states.
	edited := strings.Replace(string(ex.Data), "options: [delay, accept, abandon]", "options: [accept, delay, abandon]", 1)
	m, err := model.Parse([]byte(edited), ex.File)
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Warnings) != 3 || !strings.Contains(m.Warnings[0], "written for another state space") {
		t.Errorf("reordered options: warnings %q, want one per ranking", m.Warnings)
	}
}
