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
// Markdown or JSON).
func WriteInverse(out io.Writer, ss *statespace.StateSpace, p *inverse.Problem, res *inverse.Result, f Format) error {
	if f == JSON {
		return writeDoc(out, inverseDoc(ss, p, res))
	}
	w := bufio.NewWriter(out)
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
	fmt.Fprintf(w, "Which preferences make %s %s %s under %s?\n", english.Noun(len(tg), "state"), english.Join(tg), what, p.Concept)
	if len(p.Fixed) > 0 {
		var fx []string
		for _, i := range p.Fixed {
			fx = append(fx, ss.DMs[i].ID)
		}
		fmt.Fprintf(w, "Preferences kept as they are: %s.\n", strings.Join(fx, ", "))
	}
	for _, k := range p.Known {
		fmt.Fprintf(w, "Known: %s.\n", k.Describe(ss))
	}
	fmt.Fprintln(w)
	if !res.Exists {
		fmt.Fprintln(w, "None: no ranking of the states (ties allowed) satisfies every requirement.")
		if res.Minimal {
			fmt.Fprintln(w, "These requirements conflict (drop any one of them and the rest can hold):")
		} else {
			fmt.Fprintln(w, "These requirements conflict (the time budget ran out before the set was made minimal):")
		}
		for _, c := range res.Conflict {
			fmt.Fprintf(w, "  - %s\n", c.Describe(ss, p.Concept))
		}
		return w.Flush()
	}
	switch res.Count {
	case -1:
		fmt.Fprintln(w, "Such preferences exist (too many preference profiles to count them).")
	default:
		fmt.Fprintf(w, "Such preferences exist: %s (a ranking with ties for each DM not fixed) %s.\n", english.Count(int(res.Count), "preference profile"), english.Verb(int(res.Count), "qualifies", "qualify"))
	}
	if len(res.Changes) == 0 {
		fmt.Fprintf(w, "The current preferences already qualify: no change is needed (%s consulted).\n", english.Count(res.Consulted, "comparison"))
		return w.Flush()
	}
	closest := "The closest change"
	if !res.Optimal {
		closest = "A close change, not proven closest (the time budget ran out or the question is too large to prove; raise --budget or give 0 for no time limit)"
		if p.Budget <= 0 {
			// With no time limit only the size of the question (or a
			// cut-short SEQ search) stops the proof: --budget cannot help.
			closest = "A close change, not proven closest (the question is too large to prove a change closest, whatever the time budget)"
		}
	}
	fmt.Fprintf(w, "%s: %d of the %s between states that decide the question.\n\n", closest, len(res.Changes), english.Count(res.Consulted, "comparison"))
	fmt.Fprintln(w, "What each DM would have to want differently:")
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
		fmt.Fprintf(w, "  %s", ss.DMs[i].ID)
		if n := res.Reordered[i]; n > 0 {
			fmt.Fprintf(w, " (%s of states ranked differently in all)", english.Count(n, "pair"))
		}
		fmt.Fprintln(w, ":")
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
				fmt.Fprintf(w, "    be indifferent between %s and %s; %s\n", sa, sb, today)
			} else {
				fmt.Fprintf(w, "    prefer %s to %s; %s\n", sa, sb, today)
			}
		}
	}
	return w.Flush()
}
