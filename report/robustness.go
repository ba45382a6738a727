package report

import (
	"bufio"
	"fmt"
	"github.com/gmcr/gmcr/internal/english"
	"html"
	"io"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/gmcr/gmcr/robustness"
	"github.com/gmcr/gmcr/stability"
	"github.com/gmcr/gmcr/statespace"
)

// Robustness is what WriteRobustness reports: the counts of one run, the
// base equilibria, and for one-step runs the perturbations themselves.
type Robustness struct {
	Space     *statespace.StateSpace
	Mode      string // "one-step" or "sample"
	Counts    *robustness.Counts
	Base      map[stability.Concept][]int
	OneStep   *robustness.OneStepResult // nil when sampling
	Seed      int64
	Uncertain []string // what was marked uncertain, in words
	Top       int      // rows in text and SVG; 0: all
	Title     string   // the model's title, heading the SVG; may be empty
}

// RobustnessDoc is the JSON document of a robustness run
// (docs/robustness.schema.json).
type RobustnessDoc struct {
	Schema        string          `json:"$schema"`
	Kind          string          `json:"kind"`
	FormatVersion int             `json:"format_version"`
	Mode          string          `json:"mode"`
	Profiles      int             `json:"profiles"`
	Seed          *int64          `json:"seed"`
	Concepts      []string        `json:"concepts"`
	Uncertain     []string        `json:"uncertain"`
	States        []RobustnessRow `json:"states"`
}

// RobustnessRow is one state's figures.
type RobustnessRow struct {
	State int `json:"state"`
	// ID is the state's id in a graph-form model, as in the analysis
	// document; Pattern is absent when the model has no options.
	ID          string                   `json:"id,omitempty"`
	Pattern     string                   `json:"pattern,omitempty"`
	Equilibrium map[string]bool          `json:"equilibrium"`
	Share       map[string]ShareInterval `json:"share"`
	DestroyedBy map[string][]string      `json:"destroyed_by,omitempty"`
}

// ShareInterval is a share of profiles with its 95% Wilson interval.
type ShareInterval struct {
	Count int     `json:"count"`
	Share float64 `json:"share"`
	Low   float64 `json:"low"`
	High  float64 `json:"high"`
}

// rows returns the states worth reporting (an equilibrium of the model or
// of some profile), most robust first: by the mean share over concepts,
// then by state number.
func (r *Robustness) rows() []int {
	c := r.Counts
	n := r.Space.Len()
	mean := make([]float64, n)
	var out []int
	for s := 0; s < n; s++ {
		keep := false
		for _, k := range c.Concepts {
			if c.Eq[k][s] > 0 || inSorted(r.Base[k], s) {
				keep = true
			}
			if c.Profiles > 0 {
				mean[s] += float64(c.Eq[k][s]) / float64(c.Profiles)
			}
		}
		if keep {
			out = append(out, s)
		}
	}
	sort.SliceStable(out, func(a, b int) bool { return mean[out[a]] > mean[out[b]] })
	return out
}

func inSorted(xs []int, x int) bool {
	k := sort.SearchInts(xs, x)
	return k < len(xs) && xs[k] == x
}

func (r *Robustness) doc() RobustnessDoc {
	c := r.Counts
	d := RobustnessDoc{Schema: schemaBase + "robustness.schema.json", Kind: "robustness", FormatVersion: 1, Mode: r.Mode, Profiles: c.Profiles, Uncertain: append([]string{}, r.Uncertain...), States: []RobustnessRow{}}
	if r.OneStep == nil {
		seed := r.Seed
		d.Seed = &seed
	}
	for _, k := range c.Concepts {
		d.Concepts = append(d.Concepts, k.String())
	}
	for _, s := range r.rows() {
		row := RobustnessRow{State: statespace.Number(s), ID: r.Space.StateID(s), Pattern: r.Space.Pattern(s), Equilibrium: map[string]bool{}, Share: map[string]ShareInterval{}}
		for _, k := range c.Concepts {
			p, lo, hi := c.Share(k, s)
			row.Share[k.String()] = ShareInterval{Count: c.Eq[k][s], Share: round4(p), Low: round4(lo), High: round4(hi)}
			base := inSorted(r.Base[k], s)
			row.Equilibrium[k.String()] = base
			if r.OneStep != nil && base {
				if row.DestroyedBy == nil {
					row.DestroyedBy = map[string][]string{}
				}
				ds := []string{}
				for _, p := range r.OneStep.Destroyers(k, s) {
					ds = append(ds, p.Describe(r.Space))
				}
				row.DestroyedBy[k.String()] = ds
			}
		}
		d.States = append(d.States, row)
	}
	return d
}

func round4(x float64) float64 { return float64(int64(x*10000+0.5)) / 10000 }

// WriteRobustness writes r in format f: Text (a ranked table), Markdown
// (the same, headed by the model's title) or JSON.
func WriteRobustness(out io.Writer, r *Robustness, f Format) error {
	switch f {
	case JSON:
		return writeDoc(out, r.doc())
	case Text, Markdown:
		return r.writeText(out, f == Markdown)
	}
	return fmt.Errorf("the %v format is not available here; use text, markdown or json (WriteRobustnessSVG draws svg)", f)
}

func (r *Robustness) writeText(out io.Writer, md bool) error {
	w := bufio.NewWriter(out)
	d := mdDoc{w, md}
	c := r.Counts
	if md {
		title := "Robustness of the equilibria"
		if r.Title != "" {
			title = r.Title + ": robustness of the equilibria"
		}
		d.title(title)
	}
	if r.OneStep != nil {
		d.line(fmt.Sprintf("Robustness under every one-step change of one DM's preferences (%d perturbed models).", c.Profiles))
	} else {
		d.line(fmt.Sprintf("Robustness over %d sampled preference profiles (seed %d).", c.Profiles, r.Seed))
		for _, u := range r.Uncertain {
			d.item(1, "  ", "uncertain: "+u)
		}
		d.endList()
	}
	d.line("Share of profiles under which the state is an equilibrium, 95% Wilson interval; * = equilibrium of the model as written.")
	if !md {
		fmt.Fprintln(w)
	}
	rows := r.rows()
	top := len(rows)
	if r.Top > 0 && r.Top < top {
		top = r.Top
	}
	label := func(s int) string { return groupedPatternOrIDIn(r.Space, s) }
	cell := func(k stability.Concept, s int) string {
		p, lo, hi := c.Share(k, s)
		mark := " "
		if inSorted(r.Base[k], s) {
			mark = "*"
		}
		return fmt.Sprintf("%s%3.0f%% [%3.0f-%3.0f%%]", mark, 100*p, 100*lo, 100*hi)
	}
	if md {
		table := [][]string{{"State", "Pattern"}}
		for _, k := range c.Concepts {
			table[0] = append(table[0], k.String())
		}
		for _, s := range rows[:top] {
			row := []string{strconv.Itoa(statespace.Number(s)), label(s)}
			for _, k := range c.Concepts {
				p, lo, hi := c.Share(k, s)
				mark := ""
				if inSorted(r.Base[k], s) {
					mark = "*"
				}
				row = append(row, fmt.Sprintf("%s%.0f%% [%.0f-%.0f%%]", mark, 100*p, 100*lo, 100*hi))
			}
			table = append(table, row)
		}
		writeTable(w, table, true)
		fmt.Fprintln(w)
	} else {
		width := max(len(r.Space.Options), 7)
		for _, s := range rows[:top] {
			width = max(width, len(label(s)))
		}
		fmt.Fprintf(w, "%-6s %-*s", "State", width, "Pattern")
		for _, k := range c.Concepts {
			fmt.Fprintf(w, "  %-18s", k)
		}
		fmt.Fprintln(w)
		for _, s := range rows[:top] {
			fmt.Fprintf(w, "%-6d %-*s", statespace.Number(s), width, label(s))
			for _, k := range c.Concepts {
				fmt.Fprintf(w, "  %s  ", cell(k, s))
			}
			fmt.Fprintln(w)
		}
	}
	if top < len(rows) {
		d.line(fmt.Sprintf("... %d more states (--top 0 shows all)", len(rows)-top))
	}
	if r.OneStep != nil {
		if md {
			d.w.WriteString("## The smallest change that destroys each equilibrium\n\n")
		} else {
			fmt.Fprintln(w)
			fmt.Fprintln(w, "The smallest change that destroys each equilibrium:")
		}
		for _, k := range c.Concepts {
			for _, s := range r.Base[k] {
				ds := r.OneStep.Destroyers(k, s)
				if len(ds) == 0 {
					d.item(1, "  ", fmt.Sprintf("%s %d: no one-step change destroys it", k, statespace.Number(s)))
					continue
				}
				var ex []string
				for q, p := range ds {
					if q == 2 {
						ex = append(ex, "...")
						break
					}
					ex = append(ex, p.Describe(r.Space))
				}
				verb := "destroy"
				if len(ds) == 1 {
					verb = "destroys"
				}
				d.item(1, "  ", fmt.Sprintf("%s %d: %s %s it, e.g. %s", k, statespace.Number(s), english.Count(len(ds), "one-step change"), verb, strings.Join(ex, "; ")))
			}
		}
		d.endList()
	}
	return w.Flush()
}

// WriteRobustnessSVG draws the states x concepts shares as an SVG heatmap that
// prints well in grey: darker is more robust, the figure is written in
// every cell, and base equilibria are outlined twice (a mark that needs no
// colour). The model's title heads it; a key under the scale says how to
// read a state's label and, when rows were left out, how many. The state
// labels' column is as wide as its longest label needs.
func WriteRobustnessSVG(out io.Writer, r *Robustness) error {
	c := r.Counts
	all := r.rows()
	rows := all
	if r.Top > 0 && r.Top < len(rows) {
		rows = rows[:r.Top]
	}
	const (
		cellW, cellH = 76, 22
		// Widths per character, as a fraction of the font size, that hold
		// the text in DejaVu Sans and DejaVu Sans Mono, which renderers
		// substitute for Helvetica and monospace (measured as for the
		// evolution legend).
		sansEm, boldEm, monoEm = 0.57, 0.6, 0.61
	)
	labels := make([]string, len(rows))
	left := 150
	for q, s := range rows {
		labels[q] = svgLine(robustnessLabel(r.Space, s), 40)
		num := fmt.Sprint(statespace.Number(s)) + " "
		w := 10 + int(sansEm*12*float64(len(num))+monoEm*10*float64(utf8.RuneCountInString(labels[q]))) + 12
		left = max(left, w)
	}
	title := "Share of one-step perturbations"
	if r.OneStep == nil {
		title = fmt.Sprintf("Share of %d sampled profiles", c.Profiles)
	}
	title += " under which each state is an equilibrium"
	note := fmt.Sprintf("%d profiles; double outline: equilibrium of the model as written", c.Profiles)
	if r.OneStep == nil {
		note = fmt.Sprintf("%d profiles (seed %d); double outline: equilibrium of the model as written", c.Profiles, r.Seed)
	}
	// The key under the scale: how to read a state's label, and what was
	// left out.
	var key []string
	if len(r.Space.Options) > 0 {
		var groups []string
		for _, d := range r.Space.DMs {
			ids := []string{d.ID + ":"}
			for b := int(d.Lo); b < int(d.Lo+d.Width); b++ {
				ids = append(ids, r.Space.Options[b].ID)
			}
			groups = append(groups, strings.Join(ids, " "))
		}
		key = append(key, "State: its number, then its options (Y = taken, N = not taken), by DM: "+strings.Join(groups, " | "))
	} else {
		key = append(key, "State: its number and id")
	}
	if r.OneStep == nil && len(r.Uncertain) > 0 {
		key = append(key, "Varied: "+strings.Join(r.Uncertain, "; ")+".")
	}
	if len(rows) < len(all) {
		key = append(key, fmt.Sprintf("Shown: the %s with the highest mean share, of %s that are an equilibrium in some profile (--top 0 shows all).", english.Count(len(rows), "state"), english.Count(len(all), "state")))
	} else {
		key = append(key, "States that are an equilibrium in some profile, the highest mean share first.")
	}
	// The model's title heads the figure so that a printed copy says which
	// conflict it shows; the figure widens to hold it.
	model := svgLine(r.Title, 120)
	top, textW := 70, int(boldEm*15*float64(utf8.RuneCountInString(title)))
	if model != "" {
		top += 20
		textW = max(textW, int(boldEm*17*float64(utf8.RuneCountInString(model))))
	}
	width := max(left+cellW*len(c.Concepts)+30, 600, textW+20)
	// Key lines wrap to the figure's width at 11 points.
	var keyLines []string
	for _, k := range key {
		keyLines = append(keyLines, wrapWords(svgLine(k, 2000), int(float64(width-20)/(sansEm*11)))...)
	}
	height := top + cellH*len(rows) + 70 + 15*len(keyLines)
	w := bufio.NewWriter(out)
	fmt.Fprintf(w, `<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" font-family="Helvetica, Arial, sans-serif">`+"\n", width, height, width, height)
	fmt.Fprintf(w, `<rect width="%d" height="%d" fill="white"/>`+"\n", width, height)
	y := 22
	if model != "" {
		fmt.Fprintf(w, `<title>%s</title>`+"\n", html.EscapeString(model))
		fmt.Fprintf(w, `<text x="10" y="%d" font-size="17" font-weight="bold">%s</text>`+"\n", y, html.EscapeString(model))
		y += 20
	}
	heading := `font-size="15" font-weight="bold"`
	if model != "" {
		heading = `font-size="14"` // second to the model's title
	}
	fmt.Fprintf(w, `<text x="10" y="%d" %s>%s</text>`+"\n", y, heading, html.EscapeString(title))
	fmt.Fprintf(w, `<text x="10" y="%d" font-size="11">%s</text>`+"\n", y+18, note)
	for j, k := range c.Concepts {
		fmt.Fprintf(w, `<text x="%d" y="%d" font-size="13" font-weight="bold" text-anchor="middle">%s</text>`+"\n", left+cellW*j+cellW/2, top-8, k)
	}
	fmt.Fprintf(w, `<text x="10" y="%d" font-size="12" font-weight="bold">State</text>`+"\n", top-8)
	for q, s := range rows {
		y := top + cellH*q
		fmt.Fprintf(w, `<text x="10" y="%d" font-size="12">%d <tspan font-family="DejaVu Sans Mono, Menlo, Consolas, monospace" font-size="10">%s</tspan></text>`+"\n", y+15, statespace.Number(s), html.EscapeString(labels[q]))
		for j, k := range c.Concepts {
			p, _, _ := c.Share(k, s)
			x := left + cellW*j
			g := int(255 - 215*p) // white to near-black grey-blue
			fill := fmt.Sprintf("rgb(%d,%d,%d)", g, g, min(255, g+25))
			fmt.Fprintf(w, `<rect x="%d" y="%d" width="%d" height="%d" fill="%s" stroke="#bbbbbb" stroke-width="0.5"/>`+"\n", x, y, cellW, cellH, fill)
			if inSorted(r.Base[k], s) {
				fmt.Fprintf(w, `<rect x="%d" y="%d" width="%d" height="%d" fill="none" stroke="black" stroke-width="2"/>`+"\n", x+1, y+1, cellW-2, cellH-2)
				fmt.Fprintf(w, `<rect x="%d" y="%d" width="%d" height="%d" fill="none" stroke="white" stroke-width="1.2"/>`+"\n", x+3, y+3, cellW-6, cellH-6)
			}
			col := "black"
			if p > 0.55 {
				col = "white"
			}
			fmt.Fprintf(w, `<text x="%d" y="%d" font-size="12" text-anchor="middle" fill="%s">%.0f%%</text>`+"\n", x+cellW/2, y+15, col, 100*p)
		}
	}
	// Legend: the scale, then the key.
	ly := top + cellH*len(rows) + 25
	for q := 0; q <= 10; q++ {
		g := int(255 - 215*float64(q)/10)
		fmt.Fprintf(w, `<rect x="%d" y="%d" width="18" height="12" fill="rgb(%d,%d,%d)" stroke="#bbbbbb" stroke-width="0.5"/>`+"\n", left+18*q, ly, g, g, min(255, g+25))
	}
	fmt.Fprintf(w, `<text x="%d" y="%d" font-size="11" text-anchor="end">0%%</text>`+"\n", left-4, ly+10)
	fmt.Fprintf(w, `<text x="%d" y="%d" font-size="11">100%%</text>`+"\n", left+18*11+4, ly+10)
	for q, line := range keyLines {
		fmt.Fprintf(w, `<text x="10" y="%d" font-size="11">%s</text>`+"\n", ly+40+15*q, html.EscapeString(line))
	}
	fmt.Fprintln(w, "</svg>")
	return w.Flush()
}

// robustnessLabel is state s's options as Y/N grouped by DM, or its id in
// graph form.
func robustnessLabel(ss *statespace.StateSpace, s int) string {
	if len(ss.Options) == 0 {
		return ss.StateID(s)
	}
	var b strings.Builder
	for i, d := range ss.DMs {
		if i > 0 {
			b.WriteByte(' ')
		}
		for bit := int(d.Lo); bit < int(d.Lo+d.Width); bit++ {
			b.WriteByte(yn(ss.Taken(s, bit)))
		}
	}
	return b.String()
}

// svgLine returns s as one line of SVG text: whitespace runs (newlines
// included) become one space, characters XML 1.0 forbids are dropped, and
// more than limit runes are cut with an ellipsis.
func svgLine(s string, limit int) string {
	s = strings.Join(strings.Fields(s), " ")
	s = strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0xFFFE || r == 0xFFFF || (r >= 0xD800 && r <= 0xDFFF) || r == utf8.RuneError {
			return -1
		}
		return r
	}, s)
	if utf8.RuneCountInString(s) > limit {
		s = strings.TrimSpace(string([]rune(s)[:limit-1])) + "…"
	}
	return s
}
