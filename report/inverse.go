package report

import (
	"bufio"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/gmcr/gmcr/internal/english"
	"github.com/gmcr/gmcr/inverse"
	"github.com/gmcr/gmcr/preference"
	"github.com/gmcr/gmcr/statespace"
)

// InverseDoc is the JSON document of an inverse question
// (docs/inverse.schema.json). States are printed numbers.
type InverseDoc struct {
	Kind      string             `json:"kind"`
	Space     string             `json:"space"` // "rankings" or "statements"
	Concept   string             `json:"concept"`
	Targets   []int              `json:"targets"`
	DMs       []string           `json:"dms"`
	Fixed     []string           `json:"fixed"`
	Exists    bool               `json:"exists"`
	Optimal   bool               `json:"optimal"`
	Conflict  []string           `json:"conflict"`
	Consulted int                `json:"consulted"`
	Changes   []InverseChange    `json:"changes"`
	Count     *int64             `json:"count"`
	Reordered map[string]int     `json:"reordered,omitempty"`
	Rankings  map[string][][]int `json:"rankings,omitempty"`
}

// InverseChange is one pair of states a DM would rank differently.
type InverseChange struct {
	DM  string `json:"dm"`
	A   int    `json:"a"`
	B   int    `json:"b"`
	Was string `json:"was"` // "better", "tied" or "worse": how the DM ranks A against B
	Now string `json:"now"`
}

func relWord(r int) string {
	switch r {
	case 1:
		return "better"
	case -1:
		return "worse"
	}
	return "tied"
}

// inverseDoc builds the JSON view of res.
func inverseDoc(ss *statespace.StateSpace, p *inverse.Problem, res *inverse.Result) InverseDoc {
	d := InverseDoc{Kind: "inverse", Space: "rankings", Concept: p.Concept.String(), Exists: res.Exists, Optimal: res.Optimal,
		Consulted: res.Consulted, Conflict: []string{}, Changes: []InverseChange{}, Fixed: []string{}, DMs: []string{}}
	for _, t := range p.Targets {
		d.Targets = append(d.Targets, statespace.Number(t))
	}
	for _, i := range dmsOf(ss, p) {
		d.DMs = append(d.DMs, ss.DMs[i].ID)
	}
	for _, i := range p.Fixed {
		d.Fixed = append(d.Fixed, ss.DMs[i].ID)
	}
	for _, c := range res.Conflict {
		d.Conflict = append(d.Conflict, c.Describe(ss, p.Concept))
	}
	for _, c := range res.Changes {
		d.Changes = append(d.Changes, InverseChange{DM: ss.DMs[c.DM].ID, A: statespace.Number(c.A), B: statespace.Number(c.B), Was: relWord(c.Was), Now: relWord(c.Now)})
	}
	if res.Count >= 0 {
		n := res.Count
		d.Count = &n
	}
	if res.Exists {
		d.Reordered = map[string]int{}
		d.Rankings = map[string][][]int{}
		for i, n := range res.Reordered {
			if n != 0 {
				d.Reordered[ss.DMs[i].ID] = n
				d.Rankings[ss.DMs[i].ID] = Ranking(res.Prefs, i)
			}
		}
	}
	return d
}

// Ranking returns DM i's ranking of the states under p as a model file's
// ranking: groups of tied state numbers, most preferred first.
func Ranking(p *preference.Profile, i int) [][]int {
	groups := make([][]int, p.Levels[i])
	for s, l := range p.Level[i] {
		g := p.Levels[i] - 1 - int(l)
		groups[g] = append(groups[g], statespace.Number(s))
	}
	return groups
}

func dmsOf(ss *statespace.StateSpace, p *inverse.Problem) []int {
	if p.DMs != nil {
		return p.DMs
	}
	var out []int
	for i := range ss.DMs {
		out = append(out, i)
	}
	return out
}

// WriteInverse writes the answer to an inverse question in format f (Text,
// Markdown or JSON). The Markdown document is headed by the model's title.
func WriteInverse(out io.Writer, ss *statespace.StateSpace, p *inverse.Problem, res *inverse.Result, f Format) error {
	switch f {
	case JSON:
		return writeDoc(out, inverseDoc(ss, p, res))
	case Text, Markdown:
		return writeInverseText(out, ss, p, res, f == Markdown, 1)
	}
	return fmt.Errorf("the %v format is not available here; use text, markdown or json", f)
}

// WriteInverseSection is WriteInverse for an answer that follows another
// report (gmcr robustness --make-stable): in Markdown it is a level-2
// section instead of a document with the model's title. Text is the same
// as WriteInverse's.
func WriteInverseSection(out io.Writer, ss *statespace.StateSpace, p *inverse.Problem, res *inverse.Result, f Format) error {
	if f == Text || f == Markdown {
		return writeInverseText(out, ss, p, res, f == Markdown, 2)
	}
	return WriteInverse(out, ss, p, res, f)
}

// inverseHeading is the Markdown heading of an inverse answer at level
// (1: a document of its own; 2: a section of the robustness report).
func inverseHeading(w *bufio.Writer, ss *statespace.StateSpace, level int, what string) {
	title := strings.ToUpper(what[:1]) + what[1:]
	if ss.Model != nil && ss.Model.Title != "" && level == 1 {
		title = ss.Model.Title + ": " + what
	}
	w.WriteString(strings.Repeat("#", level) + " " + mdLine(title) + "\n\n")
}

func writeInverseText(out io.Writer, ss *statespace.StateSpace, p *inverse.Problem, res *inverse.Result, md bool, level int) error {
	w := bufio.NewWriter(out)
	d := mdDoc{w, md}
	if md {
		inverseHeading(w, ss, level, "preferences that make states equilibria (inverse GMCR)")
	}
	var names []string
	for _, i := range dmsOf(ss, p) {
		names = append(names, ss.DMs[i].ID)
	}
	var tg []string
	for _, t := range p.Targets {
		tg = append(tg, fmt.Sprintf("%d (%s)", statespace.Number(t), patternOrID(ss, t)))
	}
	what := "an equilibrium"
	if len(p.Targets) > 1 {
		what = "equilibria"
	}
	if p.DMs != nil {
		what = "stable for " + strings.Join(names, ", ")
	}
	d.line(fmt.Sprintf("Which preferences make %s %s %s under %s?", english.Noun(len(tg), "state"), english.Join(tg), what, p.Concept))
	if len(p.Fixed) > 0 {
		var fx []string
		for _, i := range p.Fixed {
			fx = append(fx, ss.DMs[i].ID)
		}
		d.line(fmt.Sprintf("Preferences kept as they are: %s.", strings.Join(fx, ", ")))
	}
	for _, k := range p.Known {
		d.line(fmt.Sprintf("Known: %s.", k.Describe(ss)))
	}
	if !md {
		fmt.Fprintln(w)
	}
	if !res.Exists {
		d.line("None: no ranking of the states (ties allowed) satisfies every requirement.")
		if res.Minimal {
			d.line("These requirements conflict (drop any one of them and the rest can hold):")
		} else {
			d.line("These requirements conflict (" + limitRanOut(p, false) + " before the set was made minimal):")
		}
		for _, c := range res.Conflict {
			d.item(1, "  - ", c.Describe(ss, p.Concept))
		}
		d.endList()
		return w.Flush()
	}
	switch res.Count {
	case -1:
		d.line("Such preferences exist (too many preference profiles to count them).")
	default:
		d.line(fmt.Sprintf("Such preferences exist: %s (a ranking with ties for each DM not fixed) %s.", english.Count(int(res.Count), "preference profile"), english.Verb(int(res.Count), "qualifies", "qualify")))
	}
	if len(res.Changes) == 0 {
		d.line(fmt.Sprintf("The current preferences already qualify: no change is needed (%s consulted).", english.Count(res.Consulted, "comparison")))
		return w.Flush()
	}
	closest := "The closest change"
	if !res.Optimal {
		closest = "A close change, not proven closest (" + limitRanOut(p, true) + ")"
		if p.Budget <= 0 && p.Work <= 0 {
			// With no limit only the size of the question (or a
			// cut-short SEQ search) stops the proof: no limit can help.
			closest = "A close change, not proven closest (the question is too large to prove a change closest, whatever the limits)"
		}
	}
	d.line(fmt.Sprintf("%s: %d of the %s between states that decide the question.", closest, len(res.Changes), english.Count(res.Consulted, "comparison")))
	if md {
		w.WriteString(strings.Repeat("#", level+1) + " What each DM would have to want differently\n\n")
	} else {
		fmt.Fprintln(w)
		fmt.Fprintln(w, "What each DM would have to want differently:")
	}
	byDM := map[int][]inverse.Change{}
	var dms []int
	for _, c := range res.Changes {
		if _, ok := byDM[c.DM]; !ok {
			dms = append(dms, c.DM)
		}
		byDM[c.DM] = append(byDM[c.DM], c)
	}
	sort.Ints(dms)
	for _, i := range dms {
		head := ss.DMs[i].ID
		if n := res.Reordered[i]; n > 0 {
			head += fmt.Sprintf(" (%s of states ranked differently in all)", english.Count(n, "pair"))
		}
		d.item(1, "  ", head+":")
		for _, c := range byDM[i] {
			a, b, was := c.A, c.B, c.Was
			if c.Now == -1 {
				a, b, was = b, a, -was
			}
			sa := fmt.Sprintf("state %d (%s)", statespace.Number(a), patternOrID(ss, a))
			sb := fmt.Sprintf("state %d (%s)", statespace.Number(b), patternOrID(ss, b))
			today := "today it ranks them equally"
			switch was {
			case 1:
				today = fmt.Sprintf("today it prefers state %d", statespace.Number(a))
			case -1:
				today = fmt.Sprintf("today it prefers state %d", statespace.Number(b))
			}
			if c.Now == 0 {
				d.item(2, "    ", fmt.Sprintf("be indifferent between %s and %s; %s", sa, sb, today))
			} else {
				d.item(2, "    ", fmt.Sprintf("prefer %s to %s; %s", sa, sb, today))
			}
		}
	}
	d.endList()
	return w.Flush()
}

// limitRanOut names the limit that stopped a proof, in the flags' words;
// with both set it names both, since which triggered first depends on the
// machine. advice adds how to go further.
func limitRanOut(p *inverse.Problem, advice bool) string {
	var s, a string
	switch {
	case p.Work > 0 && p.Budget > 0:
		s, a = "the work limit or the time budget ran out", "; raise --work-limit and --budget, or give 0 for no limit"
	case p.Budget > 0:
		s, a = "the time budget ran out", "; raise --budget or give 0 for no time limit"
	default:
		s, a = "the work limit ran out", "; raise --work-limit or give 0 for no limit"
	}
	if advice {
		s += a
	}
	return s
}
