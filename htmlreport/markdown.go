package htmlreport

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/gmcr/gmcr/analysis"
	"github.com/gmcr/gmcr/evolve"
	"github.com/gmcr/gmcr/internal/escape"
	"github.com/gmcr/gmcr/report"
)

// WriteMarkdown writes the report of r as one GitHub-flavoured Markdown
// document, for analysts who write their own reports around it: the
// sections of Write, each from the Markdown output of the command that
// makes it (gmcr analyze, explain, uncertain, strength, evolve and
// compare), with their headings one level down under the report's
// sections. The evolution diagram is left out (gmcr evolve --format svg
// draws it); its paths and tables are in. Errors as Write's.
func WriteMarkdown(ctx context.Context, w io.Writer, r *analysis.Result, opt Options) error {
	if r == nil || r.Stability == nil || r.Model == nil {
		return errors.New("htmlreport: the result holds no stability analysis (use analysis.Run)")
	}
	var out bytes.Buffer
	// The analysis: title, tableau, legend, equilibria and the model with
	// its notes and sources.
	if err := report.Write(&out, r, report.Markdown, report.Options{Mixed: opt.Mixed}); err != nil {
		return err
	}
	add := func(title, intro, doc, note string) {
		out.WriteString("\n")
		out.WriteString(demote(title, intro, doc))
		if note != "" {
			out.WriteString("\n" + escape.Markdown(note) + "\n")
		}
	}
	expl, note, err := explanations(ctx, r, opt, report.Markdown)
	if err != nil {
		return err
	}
	if expl != "" {
		add("Why the equilibria are stable", "", expl, note)
	}
	richer, err := richerSections(ctx, r, report.Markdown)
	if err != nil {
		return err
	}
	if note := richerNote(r.Model); note != "" && len(richer) == 0 {
		// The sections that take them into account need Nash, GMR, SMR
		// and SEQ: say what the tableau leaves out, as the HTML does.
		out.WriteString("\n" + escape.Markdown("Note: "+note) + "\n")
	}
	for _, s := range richer {
		add(s.Title, s.Intro, s.Pre, s.Note)
	}
	sq, err := analysis.StatusQuo(r.Space)
	if err != nil {
		return err
	}
	if sq >= 0 {
		ev, err := evolve.Analyze(ctx, r.Stability, sq, evolve.Options{})
		if err != nil {
			return err
		}
		var b bytes.Buffer
		if err := report.WriteEvolution(&b, r, ev, report.Markdown, report.Options{}); err != nil {
			return err
		}
		add("Evolution from the status quo", "", b.String(), "")
	}
	if opt.Comparison != nil || len(opt.Failed) > 0 {
		title := "What-if scenarios"
		if n := len(opt.Failed); n > 0 {
			title += fmt.Sprintf(" (%d failed)", n)
		}
		var b bytes.Buffer
		if opt.Comparison != nil && len(opt.Comparison.Scenarios) > 0 {
			if err := report.WriteComparison(&b, opt.Comparison, report.Markdown, report.Options{}); err != nil {
				return err
			}
		}
		for _, f := range opt.Failed {
			name := "Scenario"
			if f.Scenario != nil {
				name = "Scenario " + f.Scenario.ID
				if f.Scenario.Name != "" {
					name += " (" + f.Scenario.Name + ")"
				}
			}
			fmt.Fprintf(&b, "\n> **%s could not be analysed**; the comparison leaves it out: %s\n", escape.Markdown(name), escape.Markdown(f.Err.Error()))
		}
		add(title, "", b.String(), "")
	}
	if opt.Generator != "" {
		fmt.Fprintf(&out, "\n---\n\nWritten by %s.\n", escape.Markdown(opt.Generator))
	}
	_, err = w.Write(out.Bytes())
	return err
}

// demote returns the Markdown document doc as a section titled title,
// with the paragraph intro (when not empty) under the title: doc's
// level-1 heading (the command's own title) becomes the level-2 heading
// title, and every other heading goes one level down. A line of doc
// starting with "#" is always a heading: the report writers escape a "#"
// that starts a line of text from the model.
func demote(title, intro, doc string) string {
	head := "## " + escape.Markdown(title) + "\n"
	if intro != "" {
		head += "\n" + escape.Markdown(intro) + "\n"
	}
	var b strings.Builder
	titled := false
	for _, line := range strings.SplitAfter(doc, "\n") {
		switch {
		case !titled && strings.HasPrefix(line, "# "):
			titled = true
			b.WriteString(head)
		case strings.HasPrefix(line, "#"):
			b.WriteString("#" + line)
		default:
			b.WriteString(line)
		}
	}
	if !titled {
		return head + "\n" + b.String()
	}
	return b.String()
}
