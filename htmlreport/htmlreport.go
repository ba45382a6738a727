// Package htmlreport writes the shareable report of an analysis: one
// self-contained HTML file, with no script and no request outside itself,
// that opens in any browser and prints for a workshop. It holds the model
// with its notes and sources, the stability tableau, the equilibria, the
// explanations of the equilibria, the stability under unknown preferences
// and under strength of preference (when the model has them), the status
// quo evolution diagram and the scenario comparison. WriteMarkdown writes
// the same report as one Markdown document.
//
// The package only assembles: every figure and table comes from package
// report (the CLI's text and SVG outputs) or from the model as written;
// nothing is decided here.
package htmlreport

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"github.com/gmcr/gmcr/internal/english"
	"html/template"
	"io"
	"math"
	"regexp"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/gmcr/gmcr/analysis"
	"github.com/gmcr/gmcr/evolve"
	"github.com/gmcr/gmcr/model"
	"github.com/gmcr/gmcr/report"
	"github.com/gmcr/gmcr/scenario"
	"github.com/gmcr/gmcr/stability"
	"github.com/gmcr/gmcr/statespace"
	"github.com/gmcr/gmcr/strength"
	"github.com/gmcr/gmcr/uncertain"
)

// DefaultMaxExplained is the most equilibria of one concept whose
// explanations the report includes.
const DefaultMaxExplained = 6

// Options tunes Write.
type Options struct {
	// Mixed gives each DM its own concept for the mixed equilibria (see
	// report.Options.Mixed); nil for none.
	Mixed []stability.Concept
	// Explain lists the concepts whose equilibria are explained, for every
	// DM; nil means SEQ and Nash when computed (the self-enforcing
	// outcomes).
	Explain []stability.Concept
	// MaxExplained bounds the equilibria explained per concept (0:
	// DefaultMaxExplained); the report says how many were left out.
	MaxExplained int
	// Comparison is scenario.Compare's result for the model, or nil for no
	// scenario section.
	Comparison *scenario.Comparison
	// Failed lists the scenarios that could not be analysed (see
	// CompareScenarios); the scenario section shows each with its error.
	Failed []ScenarioFailure
	// Generator names the program, e.g. "gmcr v1.2.0", in the footer.
	Generator string
}

type section struct {
	ID, Title string
	Failed    []failedView // scenarios that could not be analysed
	Intro     string
	Pre       string        // preformatted text from package report
	Print     printFit      // how Pre is set on paper
	HTML      template.HTML // an SVG figure
	Caption   string        // the figure's caption
	Note      string
}

type dmView struct {
	ID, Name, Note, Source, Concept string
	Options                         []model.Option
	Statements                      []model.Statement
	Ranking                         string
	PrefNotes                       []report.PrefNote
}

type page struct {
	Title, Description string
	File               string
	Sources            []model.Source
	DMs                []dmView
	Infeasible         []model.Statement
	StatusQuo          string
	States             int
	Equilibria         []eqLine
	Sections           []section
	Generator          string
}

type eqLine struct{ Concept, States string }

// Write writes the report of r (analysis.Run's result) to w. The evolution
// diagram is drawn when the model has a status quo. Errors come from the
// report formats, the evolution analysis and ctx.
func Write(ctx context.Context, w io.Writer, r *analysis.Result, opt Options) error {
	if r == nil || r.Stability == nil || r.Model == nil {
		return errors.New("htmlreport: the result holds no stability analysis (use analysis.Run)")
	}
	m := report.Display(r).Model // no control or bidi character from the model reaches the page
	p := page{Title: m.Title, Description: m.Description, File: m.File, Sources: m.Sources, States: r.Space.Len(), Generator: opt.Generator}
	if p.Title == "" {
		p.Title = "Untitled conflict"
	}
	for _, d := range m.DMs {
		v := dmView{ID: d.ID, Name: d.Name, Note: d.Note, Source: d.Source, Concept: d.Concept, Statements: d.Prefs.Statements}
		for _, id := range d.Options {
			if o := m.Option(id); o != nil {
				v.Options = append(v.Options, *o)
			}
		}
		if len(d.Prefs.Ranking) > 0 {
			v.Ranking = report.RankingText(d.Prefs, report.StateNamer(m))
		}
		v.PrefNotes = report.PrefNotes(d.Prefs, report.StateNamer(m))
		p.DMs = append(p.DMs, v)
	}
	for _, st := range m.Infeasible {
		p.Infeasible = append(p.Infeasible, st)
	}
	sq, err := analysis.StatusQuo(r.Space)
	if err != nil {
		return err
	}
	if sq >= 0 {
		p.StatusQuo = fmt.Sprintf("state %d (%s)", statespace.Number(sq), strings.Join(taken(r.Space, sq), ", "))
		if len(taken(r.Space, sq)) == 0 {
			p.StatusQuo = fmt.Sprintf("state %d (no option taken)", statespace.Number(sq))
		}
		if len(r.Space.Options) == 0 { // graph form: the state's id names it
			p.StatusQuo = fmt.Sprintf("state %d (%s)", statespace.Number(sq), r.Space.StateID(sq))
		}
	}
	for _, c := range r.Stability.Concepts {
		p.Equilibria = append(p.Equilibria, eqLine{c.String(), numbers(r.Stability.Equilibria(c))})
	}
	if opt.Mixed != nil {
		p.Equilibria = append(p.Equilibria, eqLine{"Mixed", numbers(r.Stability.EquilibriaMixed(opt.Mixed))})
	}

	text := func(f func(w io.Writer) error) (string, error) {
		var b bytes.Buffer
		err := f(&b)
		return b.String(), err
	}
	tab, err := text(func(w io.Writer) error {
		return report.Write(w, r, report.Text, report.Options{Mixed: opt.Mixed})
	})
	if err != nil {
		return err
	}
	p.Sections = append(p.Sections, section{ID: "tableau", Title: "Stability tableau", Pre: tab,
		Intro: "Y = option taken, N = not taken; rank 1 = most preferred; r = rational (no unilateral improvement), s = stable (every improvement sanctioned), u = unstable; * = equilibrium.",
		Note:  richerNote(r.Model)})

	expl, note, err := explanations(ctx, r, opt, report.Text)
	if err != nil {
		return err
	}
	if expl != "" {
		p.Sections = append(p.Sections, section{ID: "explanations", Title: "Why the equilibria are stable", Pre: expl, Note: note})
	}

	richer, err := richerSections(ctx, r, report.Text)
	if err != nil {
		return err
	}
	p.Sections = append(p.Sections, richer...)

	if sq >= 0 {
		s, err := evolution(ctx, r, sq)
		if err != nil {
			return err
		}
		p.Sections = append(p.Sections, s)
	}
	if opt.Comparison != nil || len(opt.Failed) > 0 {
		sec := section{ID: "scenarios", Title: "What-if scenarios"}
		if opt.Comparison != nil && len(opt.Comparison.Scenarios) > 0 {
			cmp, err := text(func(w io.Writer) error {
				return report.WriteComparison(w, opt.Comparison, report.Text, report.Options{})
			})
			if err != nil {
				return err
			}
			sec.Pre = cmp
		}
		for _, f := range opt.Failed {
			v := failedView{Err: f.Err.Error()}
			if f.Scenario != nil {
				v.ID, v.Name = f.Scenario.ID, f.Scenario.Name
			}
			sec.Failed = append(sec.Failed, v)
		}
		if n := len(opt.Failed); n > 0 {
			sec.Title += fmt.Sprintf(" (%d failed)", n)
		}
		p.Sections = append(p.Sections, sec)
	}
	for i := range p.Sections {
		p.Sections[i].Print = fitPrint(p.Sections[i].Pre)
	}
	return tmpl().Execute(w, p)
}

// Paper widths, in points, that preformatted text must fit when printed:
// the narrower of A4 and US Letter, less the print stylesheet's 14 mm
// margins on each side (A4 portrait 210 mm, Letter landscape 11 in).
const (
	portraitWidth  = 210/25.4*72 - 2*14/25.4*72 // ≈ 516 pt
	landscapeWidth = 11*72 - 2*14/25.4*72       // ≈ 713 pt
	monoEm         = 0.61                       // advance of DejaVu Sans Mono, Courier and Menlo, in ems
	printMaxPt     = 8.5                        // body text of a printed tableau
	printMinPt     = 6.5                        // the smallest size still read comfortably on paper
)

// columnGaps counts the runs of two or more spaces between words of line:
// the gaps between the columns of an aligned table.
func columnGaps(line string) int {
	return len(gapRE.FindAllStringIndex(strings.TrimSpace(line), -1))
}

var gapRE = regexp.MustCompile(`\S {2,}`)

// printFit says how a block of preformatted text prints: its font size,
// and whether it needs a landscape page.
type printFit struct {
	Size      string // a CSS length, e.g. "7.2pt"
	Landscape bool
}

// fitPrint chooses the print size of text so that its aligned lines (the
// tableau's rows: lines with two or more column gaps) fit the
// page without wrapping, which would break a row into two lines and make
// the columns unreadable; prose lines may wrap. A table too wide for a
// portrait page at printMinPt goes on landscape pages.
func fitPrint(text string) printFit {
	cols := 0
	for _, line := range strings.Split(text, "\n") {
		if columnGaps(line) >= 2 {
			cols = max(cols, utf8.RuneCountInString(strings.TrimRight(line, " ")))
		}
	}
	size := func(width float64) float64 {
		if cols == 0 {
			return printMaxPt
		}
		return min(printMaxPt, width/(monoEm*float64(cols)))
	}
	f := printFit{}
	pt := size(portraitWidth)
	if pt < printMinPt {
		f.Landscape = true
		pt = max(size(landscapeWidth), 5)
	}
	// One decimal, rounded down so that the widest row still fits.
	f.Size = fmt.Sprintf("%.1fpt", math.Floor(pt*10)/10)
	return f
}

func taken(ss *statespace.StateSpace, s int) []string {
	var out []string
	for b, o := range ss.Options {
		if ss.Taken(s, b) {
			out = append(out, o.ID)
		}
	}
	return out
}

func numbers(states []int) string {
	if len(states) == 0 {
		return "none"
	}
	parts := make([]string, len(states))
	for i, s := range states {
		parts[i] = fmt.Sprint(statespace.Number(s))
	}
	return strings.Join(parts, ", ")
}

// explanations explains, for every DM, the first equilibria of each concept
// of opt.Explain.
func explanations(ctx context.Context, r *analysis.Result, opt Options, f report.Format) (string, string, error) {
	concepts := opt.Explain
	if concepts == nil {
		for _, c := range []stability.Concept{stability.SEQ, stability.Nash} {
			if r.Stability.Has(c) {
				concepts = append(concepts, c)
			}
		}
	}
	limit := opt.MaxExplained
	if limit <= 0 {
		limit = DefaultMaxExplained
	}
	var exs []*stability.Explanation
	var left []string
	for _, c := range concepts {
		eq := r.Stability.Equilibria(c)
		if len(eq) > limit {
			left = append(left, fmt.Sprintf("%d more %v equilibria", len(eq)-limit, c))
			eq = eq[:limit]
		}
		for _, s := range eq {
			for i := range r.Space.DMs {
				if err := ctx.Err(); err != nil {
					return "", "", err
				}
				ex, err := stability.Explain(r.Space, r.Prefs, c, i, s)
				if err != nil {
					return "", "", err
				}
				exs = append(exs, ex)
			}
		}
	}
	if len(exs) == 0 {
		return "", "", nil
	}
	var b bytes.Buffer
	if err := report.WriteExplanations(&b, r, exs, f, report.Options{}); err != nil {
		return "", "", err
	}
	note := ""
	if len(left) > 0 {
		note = "Left out: " + strings.Join(left, "; ") + ". 'gmcr explain FILE --state N' explains any state."
	}
	return b.String(), note, nil
}

// evolution is the status quo section: the diagram and the paths.
func evolution(ctx context.Context, r *analysis.Result, sq int) (section, error) {
	s := section{ID: "evolution", Title: "Evolution from the status quo"}
	ev, err := evolve.Analyze(ctx, r.Stability, sq, evolve.Options{})
	if err != nil {
		return s, err
	}
	var b bytes.Buffer
	if err := report.WriteEvolution(&b, r, ev, report.Text, report.Options{}); err != nil {
		return s, err
	}
	s.Pre = b.String()
	// On paper a diagram must be read without zooming: the shortest paths
	// to the key equilibria (gmcr evolve's default), not every reachable
	// state, which for the flagship is 42 states too small to read.
	d, err := ev.DiagramOf(evolve.DiagramOptions{Show: evolve.ShowKey})
	var tl *evolve.TooLargeError
	if errors.As(err, &tl) {
		s.Note = err.Error()
		return s, nil
	}
	if err != nil {
		return s, err
	}
	var svg bytes.Buffer
	if err := report.WriteEvolutionSVG(ctx, &svg, r, ev, d); err != nil {
		return s, err
	}
	// The SVG comes from Graphviz via package report; drop its XML
	// prologue so that it can sit inside the HTML.
	out := svg.String()
	if i := strings.Index(out, "<svg"); i >= 0 {
		out = out[i:]
	}
	s.HTML = template.HTML(out)
	s.Caption = fmt.Sprintf("Figure: how the conflict can evolve from the status quo, state %d, to its key equilibria. Boxes are states, arrows the DMs' unilateral improvements; the legend above the diagram says what the fills and borders mean. %s reachable; the text below lists the paths to every equilibrium, and gmcr evolve --format svg --draw targets (or all) draws them.", statespace.Number(sq), english.Count(len(ev.Reached), "state")+" "+english.Noun(len(ev.Reached), "is"))
	return s, nil
}

// tmpl is parsed on first use, not at start-up: most gmcr commands never
// write an HTML report.
var tmpl = sync.OnceValue(func() *template.Template {
	return template.Must(template.New("report").Funcs(template.FuncMap{"inc": func(i int) int { return i + 1 }}).Parse(`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>{{.Title}} — gmcr report</title>
<style>
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; max-width: 1100px; margin: 2em auto; padding: 0 1em; color: #0f172a; line-height: 1.45; }
h1 { margin-bottom: .2em; } h2 { border-bottom: 2px solid #cbd5e1; padding-bottom: .2em; margin-top: 2em; }
.meta, .note { color: #475569; font-size: .9em; }
pre { background: #f8fafc; border: 1px solid #e2e8f0; padding: .8em; overflow-x: auto; font-size: 12px; line-height: 1.3; }
table { border-collapse: collapse; margin: .5em 0 1em; font-size: .92em; }
th, td { border: 1px solid #cbd5e1; padding: .25em .5em; text-align: left; vertical-align: top; }
th { background: #f1f5f9; }
code { background: #f1f5f9; padding: 0 .2em; }
figure { margin: 1em 0; overflow-x: auto; } figure svg { max-width: 100%; height: auto; }
nav ol { columns: 2; }
.failed { border: 2px solid #b91c1c; border-left-width: 8px; background: #fef2f2; padding: .2em .8em; margin: 1em 0; }
.failed pre { background: #fff; border-color: #fecaca; white-space: pre-wrap; }
figcaption { color: #475569; font-size: .9em; margin-top: .4em; }
/* Print: A4 or Letter, each part on a new page, rows and figures kept
   whole, the contents list (links only) left out; a tableau too wide for a
   portrait page prints on landscape pages at a size that keeps each row
   on one line (--print-size is set per block, .landscape per section). */
@page { margin: 14mm; }
@page landscape { size: landscape; }
@media print {
  body { max-width: none; margin: 0; padding: 0; font-size: 10pt; line-height: 1.35; }
  * { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
  nav { display: none; }
  section { break-before: page; }
  section#model { break-before: auto; }
  h2, h3, h4 { break-after: avoid; }
  h2 { margin-top: 0; }
  tr, th, td, li { break-inside: avoid; }
  thead { display: table-header-group; }
  table { width: 100%; }
  pre { font-size: var(--print-size, 8pt); white-space: pre-wrap; overflow: visible; border: 0; background: none; padding: 0; }
  section.landscape { page: landscape; }
  figure { break-inside: avoid; overflow: visible; }
  figure svg { width: auto; height: auto; max-width: 100%; max-height: 205mm; }
  a { color: inherit; text-decoration: none; }
}
</style>
</head>
<body>
<header>
<h1>{{.Title}}</h1>
<p class="meta">Graph Model for Conflict Resolution analysis{{if .File}} of <code>{{.File}}</code>{{end}} · {{.States}} feasible states{{if .StatusQuo}} · status quo: {{.StatusQuo}}{{end}}</p>
</header>
<nav aria-label="Contents"><ol>
<li><a href="#model">The model</a></li>
<li><a href="#equilibria">Equilibria</a></li>
{{range .Sections}}<li><a href="#{{.ID}}">{{.Title}}</a></li>
{{end}}</ol></nav>

<section id="model">
<h2>The model</h2>
{{if .Description}}<p>{{.Description}}</p>{{end}}
{{if .Sources}}<h3>Sources</h3><ul>{{range .Sources}}<li>{{.Ref}}{{if .Note}} — <span class="note">{{.Note}}</span>{{end}}</li>{{end}}</ul>{{end}}
<h3>Decision makers and options</h3>
<table>
<thead><tr><th scope="col">Decision maker</th><th scope="col">Option</th><th scope="col">Reversibility</th><th scope="col">Note</th><th scope="col">Source</th></tr></thead>
<tbody>
{{range $d := .DMs}}{{range $i, $o := .Options}}<tr>{{if eq $i 0}}<th scope="row" rowspan="{{len $d.Options}}">{{$d.ID}}{{if $d.Name}}<br><span class="note">{{$d.Name}}</span>{{end}}</th>{{end}}<td><code>{{$o.ID}}</code> {{$o.Name}}</td><td>{{$o.Reversibility}}</td><td>{{$o.Note}}</td><td>{{$o.Source}}</td></tr>
{{end}}{{end}}</tbody>
</table>
{{if .Infeasible}}<h3>Infeasible states</h3><p>A state is infeasible when any of these holds:</p><ul>{{range .Infeasible}}<li><code>{{.Text}}</code>{{if .Note}} — <span class="note">{{.Note}}</span>{{end}}{{if .Source}} <span class="note">{{.Source}}</span>{{end}}</li>{{end}}</ul>{{end}}
<h3>Preferences</h3>
{{range .DMs}}<h4>{{.ID}}{{if .Name}}: {{.Name}}{{end}}</h4>
{{if .Note}}<p class="note">{{.Note}}{{if .Source}} ({{.Source}}){{end}}</p>{{end}}
{{if .Ranking}}<p>Direct ranking (best first; = ties, &gt;&gt; strength cut): <code>{{.Ranking}}</code></p>{{else}}<table><thead><tr><th scope="col">#</th><th scope="col">Preference statement (most important first)</th><th scope="col">Note</th><th scope="col">Source</th></tr></thead><tbody>
{{range $i, $s := .Statements}}<tr><td>{{inc $i}}</td><td><code>{{$s.Text}}</code>{{if $s.Strong}} <strong>(strong)</strong>{{end}}{{if $s.Unsure}} <em>(unsure)</em>{{end}}</td><td>{{$s.Note}}</td><td>{{$s.Source}}</td></tr>
{{end}}</tbody></table>{{end}}
{{if .PrefNotes}}<ul>{{range .PrefNotes}}<li>{{.Text}}{{if .Note}} — <span class="note">{{.Note}}</span>{{end}}{{if .Source}} <span class="note">({{.Source}})</span>{{end}}</li>{{end}}</ul>{{end}}
{{end}}
</section>

<section id="equilibria">
<h2>Equilibria</h2>
<table><thead><tr><th scope="col">Concept</th><th scope="col">Equilibria (state numbers)</th></tr></thead><tbody>
{{range .Equilibria}}<tr><th scope="row">{{.Concept}}</th><td>{{.States}}</td></tr>
{{end}}</tbody></table>
<p class="note">Nash: no DM has a unilateral improvement. GMR: every improvement can be answered by the others with a state no better for the mover. SMR: as GMR, and the mover cannot escape the answer. SEQ: as GMR, answered only by the others' own improvements. SIM: improvements can be answered by the others' simultaneous moves.</p>
</section>

{{range .Sections}}<section id="{{.ID}}"{{if .Print.Landscape}} class="landscape"{{end}}>
<h2>{{.Title}}</h2>
{{if .Intro}}<p class="note">{{.Intro}}</p>{{end}}
{{range .Failed}}<div class="failed" role="alert"><p><strong>Scenario <code>{{.ID}}</code>{{if .Name}} ({{.Name}}){{end}} could not be analysed</strong>; the comparison leaves it out.</p><pre>{{.Err}}</pre></div>
{{end}}{{if .HTML}}<figure>{{.HTML}}{{if .Caption}}<figcaption>{{.Caption}}</figcaption>{{end}}</figure>{{end}}
{{if .Note}}<p class="note">{{.Note}}</p>{{end}}
{{if .Pre}}<pre style="--print-size: {{.Print.Size}}">{{.Pre}}</pre>{{end}}
</section>
{{end}}
<footer><p class="meta">Written by {{if .Generator}}{{.Generator}}{{else}}gmcr{{end}}. State numbers: options ordered by DM; option k adds 2<sup>k</sup> to the decimal code; feasible codes in ascending order are states 1, 2, …</p></footer>
</body>
</html>
`))
})

// ScenarioFailure is a scenario that could not be applied or analysed.
type ScenarioFailure struct {
	Scenario *model.Scenario
	Err      error
}

type failedView struct{ ID, Name, Err string }

// CompareScenarios compares every scenario of m with m, with
// scenario.CompareEach: a scenario that cannot be applied or analysed
// does not stop the report: it is returned in failed, in file order, and
// cmp compares the others (nil when none is left). err is ctx's error
// when cancelled, or an error of the base model's analysis or of a
// comparison itself.
func CompareScenarios(ctx context.Context, m *model.Model, opt analysis.Options) (cmp *scenario.Comparison, failed []ScenarioFailure, err error) {
	ids := scenario.IDs(m)
	if len(ids) == 0 {
		return nil, nil, nil
	}
	cmp, err = scenario.CompareEach(ctx, m, ids, opt)
	if err != nil {
		return nil, nil, err
	}
	var good []*scenario.Outcome
	for _, o := range cmp.Scenarios {
		if o.Err != nil {
			failed = append(failed, ScenarioFailure{Scenario: o.Scenario, Err: o.Err})
			continue
		}
		good = append(good, o)
	}
	if len(good) == 0 {
		return nil, failed, nil
	}
	cmp.Scenarios = good
	return cmp, failed, nil
}

// richerSections returns the sections of a model that says more than
// the standard concepts read: the sixteen definitions under preference
// uncertainty when it has unknown comparisons (gmcr uncertain's table),
// strong and weak stability when it states strength of preference (gmcr
// strength's table). Both need the ordinary Nash, GMR, SMR and SEQ
// analysis; without it (--concepts left one out) the tableau's note
// points to the commands instead.
func richerSections(ctx context.Context, r *analysis.Result, f report.Format) ([]section, error) {
	m := r.Model
	if !m.HasUnknown() && !m.HasStrength() {
		return nil, nil
	}
	for _, c := range []stability.Concept{stability.Nash, stability.GMR, stability.SMR, stability.SEQ} {
		if !r.Stability.Has(c) {
			return nil, nil
		}
	}
	var out []section
	var b bytes.Buffer
	if m.HasUnknown() {
		rel, err := uncertain.NewRelation(r.Space, r.Prefs)
		if err != nil {
			return nil, err
		}
		ua, err := uncertain.Analyze(ctx, rel, r.Stability)
		if err != nil {
			return nil, err
		}
		if err := report.WriteUncertain(&b, r, ua, f); err != nil {
			return nil, err
		}
		out = append(out, section{ID: "uncertain", Title: "Stability with unknown preferences", Pre: b.String(),
			Intro: "Nash, GMR, SMR and SEQ in the four extensions of Li, Hipel, Kilgour & Fang (2004), which take the unknown comparisons into account.",
			Note:  "'gmcr uncertain FILE --state N' explains a state under each definition."})
		b.Reset()
	}
	if m.HasStrength() {
		rel, err := strength.NewRelation(r.Space, r.Prefs)
		if err != nil {
			return nil, err
		}
		sa, err := strength.Analyze(ctx, rel, r.Stability)
		if err != nil {
			return nil, err
		}
		if err := report.WriteStrength(&b, r, sa, f); err != nil {
			return nil, err
		}
		out = append(out, section{ID: "strength", Title: "Strong and weak stability", Pre: b.String(),
			Intro: "Stability under strength of preference (Hamouda, Kilgour & Hipel): whether each sanction leaves the DM strongly or only mildly worse off.",
			Note:  "'gmcr strength FILE --state N' explains a state; --from sq gives the status quo analysis under strength of preference."})
	}
	return out, nil
}

// richerNote says what the tableau leaves out for a model with unknown
// comparisons or strength of preference, as gmcr analyze's notes do: the
// standard concepts read every such preference as an ordinary one.
func richerNote(m *model.Model) string {
	var notes []string
	if m.HasUnknown() {
		notes = append(notes, "The model has unknown comparisons: the standard concepts above order every pair as the statements or ranking do (every unsure statement held); gmcr uncertain (or gmcr analyze --concepts uncertain) gives the stability under extensions (a)-(d), which take them into account.")
	}
	if m.HasStrength() {
		notes = append(notes, "The model states strength of preference: the standard concepts above read every preference as mild; gmcr strength gives strong and weak stability.")
	}
	return strings.Join(notes, " ")
}
