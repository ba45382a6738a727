package report_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/gmcr/gmcr/analysis"
	"github.com/gmcr/gmcr/coalition"
	"github.com/gmcr/gmcr/evolve"
	"github.com/gmcr/gmcr/model"
	"github.com/gmcr/gmcr/report"
	"github.com/gmcr/gmcr/stability"
)

// cuba is the Cuban missile crisis in option form (Fraser & Hipel 1984),
// with an option whose name is itself an action ("USSR withdraws
// missiles"), which a move label must not confuse with its withdrawal.
func cuba(t testing.TB) *model.Model {
	return &model.Model{
		Title: "Cuban missile crisis",
		Options: []model.Option{
			{ID: "A", Name: "US air strike"}, {ID: "B", Name: "US blockade"},
			{ID: "W", Name: "USSR withdraws missiles"}, {ID: "E", Name: "USSR escalates"},
		},
		DMs: []model.DM{
			{ID: "US", Name: "United States", Options: []string{"A", "B"},
				Prefs: model.Preferences{Statements: []model.Statement{stmt(t, "W"), stmt(t, "not E"), stmt(t, "not A"), stmt(t, "B")}}},
			{ID: "USSR", Name: "Soviet Union", Options: []string{"W", "E"},
				Prefs: model.Preferences{Statements: []model.Statement{stmt(t, "not A"), stmt(t, "E IFF A"), stmt(t, "not W"), stmt(t, "not B")}}},
		},
		Infeasible: []model.Statement{stmt(t, "W and E")},
		StatusQuo:  &model.StatusQuo{},
	}
}

// allExplanations explains every state for every DM under every concept.
func allExplanations(t testing.TB, r *analysis.Result) []*stability.Explanation {
	var exs []*stability.Explanation
	for s := 0; s < r.Space.Len(); s++ {
		exs = append(exs, explanations(t, r, s)...)
	}
	return exs
}

// TestExplanationDefinitionsApart: in every explanation (text, Markdown,
// JSON; every concept) the concept's definition is labelled as a
// definition and set apart before the findings, and no line states the
// definition as if it were a finding (issue 10, item 1).
func TestExplanationDefinitionsApart(t *testing.T) {
	for _, m := range []*model.Model{cuba(t), elmira(t)} {
		r := run(t, m, nil)
		exs := allExplanations(t, r)
		for _, f := range []report.Format{report.Text, report.Markdown} {
			var buf bytes.Buffer
			if err := report.WriteExplanations(&buf, r, exs, f, report.Options{}); err != nil {
				t.Fatal(err)
			}
			out := buf.String()
			for _, c := range stability.Concepts {
				for _, line := range strings.Split(out, "\n") {
					if strings.Contains(line, c.Meaning()) && !strings.Contains(line, "Definition") {
						t.Errorf("%v: the %v definition appears outside a Definition line: %q", f, c, line)
					}
				}
			}
			// Each explanation: heading, Definition, then Findings, then
			// the verdict, in that order.
			blocks := strings.Split(out, " stability of state ")[1:]
			if len(blocks) != len(exs) {
				t.Fatalf("%v: %d explanations written, %d asked for", f, len(blocks), len(exs))
			}
			for k, b := range blocks {
				d, fi, v := strings.Index(b, "Definition"), strings.Index(b, "Findings"), strings.Index(b, "Verdict")
				if d < 0 || fi < d || v < fi {
					t.Fatalf("%v: explanation %d lacks Definition < Findings < Verdict:\n%s", f, k, b)
				}
				if !strings.Contains(b[d:fi], exs[k].Concept.Definition()) {
					t.Errorf("%v: explanation %d: the definition is not in its Definition part", f, k)
				}
			}
		}
		var buf bytes.Buffer
		if err := report.WriteExplanations(&buf, r, exs, report.JSON, report.Options{}); err != nil {
			t.Fatal(err)
		}
		var doc struct {
			Explanations []struct {
				Concept, Definition, Verdict string
			}
		}
		if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
			t.Fatal(err)
		}
		for k, je := range doc.Explanations {
			if je.Definition != exs[k].Concept.Definition() || !strings.HasPrefix(je.Definition, "Under "+je.Concept+", a state is stable for a DM when") {
				t.Errorf("JSON explanation %d: definition %q", k, je.Definition)
			}
		}
	}
}

// TestCoalitionDefinitionsApart: the coalition report labels its
// definitions, so no concept's meaning reads as a finding.
func TestCoalitionDefinitionsApart(t *testing.T) {
	r := run(t, cuba(t), nil)
	cr := coalitionResults(t, r, 0, nil)
	for _, md := range []bool{false, true} {
		f := report.Text
		if md {
			f = report.Markdown
		}
		var buf bytes.Buffer
		if err := report.WriteCoalitions(&buf, r, cr, f, report.Options{}); err != nil {
			t.Fatal(err)
		}
		out := buf.String()
		d := strings.Index(out, "Definitions")
		if d < 0 {
			t.Fatalf("%v: no Definitions part:\n%s", f, out)
		}
		for _, c := range coalition.Concepts {
			i := strings.Index(out, c.Definition())
			if i < d || strings.Count(out, c.Definition()) != 1 {
				t.Errorf("%v: %v's definition is not (only) under Definitions", f, c)
			}
		}
	}
}

// TestNoSanctionShowsWhatWasTried: every "No sanction exists" in an
// explanation comes after what was tried (the number of the other DMs'
// responses and the one the DM likes least), in text and Markdown, and
// every unsanctioned GMR, SMR, SEQ or SIM UI carries "tried" in JSON
// (issue 10, item 5).
func TestNoSanctionShowsWhatWasTried(t *testing.T) {
	for _, m := range []*model.Model{cuba(t), elmira(t), wide(t)} {
		r := run(t, m, nil)
		exs := allExplanations(t, r)
		unsanctioned := 0
		for _, ex := range exs {
			for _, u := range ex.UIs {
				if !u.Sanctioned && ex.Concept != stability.Nash {
					unsanctioned++
				}
			}
		}
		if unsanctioned == 0 {
			t.Fatalf("%s: no unsanctioned UI to check", m.Title)
		}
		tried := regexp.MustCompile(`Tried: (by legal sequences of their (moves|unilateral improvements) from state \d+, the other DMs reach \d+ states?|the other DMs have no legal (move|unilateral improvement) from state \d+|the other DMs' simultaneous choices .* make \d+ combinations?)`)
		for _, f := range []report.Format{report.Text, report.Markdown} {
			var buf bytes.Buffer
			if err := report.WriteExplanations(&buf, r, exs, f, report.Options{}); err != nil {
				t.Fatal(err)
			}
			lines := strings.Split(buf.String(), "\n")
			n := 0
			for k, line := range lines {
				if !strings.Contains(line, "No sanction exists") {
					continue
				}
				n++
				// Walk back to the UI's own line: a Tried line must be there.
				found := false
				for j := k - 1; j >= 0 && !regexp.MustCompile(`^\s*\d+\. `).MatchString(lines[j]); j-- {
					if tried.MatchString(lines[j]) {
						found = true
					}
				}
				if !found {
					t.Fatalf("%s %v: %q without what was tried before it:\n%s", m.Title, f, line, strings.Join(lines[max(0, k-12):k+1], "\n"))
				}
			}
			if n != unsanctioned {
				t.Errorf("%s %v: %d 'No sanction exists' lines, %d unsanctioned UIs", m.Title, f, n, unsanctioned)
			}
			if strings.Count(buf.String(), "likes least") == 0 && strings.Count(buf.String(), "worst off") == 0 {
				t.Errorf("%s %v: no strongest response shown", m.Title, f)
			}
		}
		var buf bytes.Buffer
		if err := report.WriteExplanations(&buf, r, exs, report.JSON, report.Options{}); err != nil {
			t.Fatal(err)
		}
		var doc struct {
			Explanations []struct {
				Concept string
				UIs     []struct {
					Sanctioned bool
					Tried      *struct {
						Responses int
						Strongest *struct{ Number, Rank int }
						Text      string
					}
				} `json:"uis"`
			}
		}
		if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
			t.Fatal(err)
		}
		n := 0
		for k, je := range doc.Explanations {
			for j, u := range je.UIs {
				want := !u.Sanctioned && je.Concept != "Nash"
				if (u.Tried != nil) != want {
					t.Fatalf("%s: JSON explanation %d UI %d: tried present %v, want %v", m.Title, k, j, u.Tried != nil, want)
				}
				if want {
					n++
					w := exs[k].UIs[j].Tried
					if u.Tried.Responses != w.Responses || !tried.MatchString(u.Tried.Text) ||
						(w.Strongest >= 0) != (u.Tried.Strongest != nil) {
						t.Fatalf("%s: JSON explanation %d UI %d: tried %+v does not match %+v", m.Title, k, j, u.Tried, w)
					}
					if je.Concept != "SMR" && u.Tried.Strongest != nil && u.Tried.Strongest.Rank >= r.Prefs.Rank(exs[k].DM, exs[k].State) {
						t.Fatalf("%s: JSON explanation %d UI %d: the strongest response would sanction", m.Title, k, j)
					}
				}
			}
		}
		if n != unsanctioned {
			t.Errorf("%s: %d JSON tried records, %d unsanctioned UIs", m.Title, n, unsanctioned)
		}
	}
}

// TestMoveLabels: every move label of every report says "takes option W
// (name)" or "stops taking option W (name)", never "withdraws W", so an
// option whose name is an action ("USSR withdraws missiles") is not read
// as its own withdrawal (issue 10, item 13).
func TestMoveLabels(t *testing.T) {
	r := run(t, cuba(t), nil)
	var outs []string
	add := func(name string, write func(*bytes.Buffer) error) {
		t.Helper()
		var buf bytes.Buffer
		if err := write(&buf); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		outs = append(outs, buf.String())
	}
	exs := allExplanations(t, r)
	ev := evolution(t, r, 0, evolve.Options{Coalitions: true, Paths: 3})
	d, err := ev.Diagram(0)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []report.Format{report.Text, report.Markdown, report.JSON} {
		add("explain", func(b *bytes.Buffer) error { return report.WriteExplanations(b, r, exs, f, report.Options{}) })
		add("evolve", func(b *bytes.Buffer) error { return report.WriteEvolution(b, r, ev, f, report.Options{}) })
		add("coalition", func(b *bytes.Buffer) error {
			return report.WriteCoalitions(b, r, coalitionResults(t, r, 6, nil), f, report.Options{})
		})
	}
	add("dot", func(b *bytes.Buffer) error { return report.WriteEvolutionDOT(b, r, ev, d) })
	all := strings.Join(outs, "\n")
	bad := regexp.MustCompile(`withdraws? [A-Z]\b|withdraw(s)? option`)
	if m := bad.FindString(strings.ReplaceAll(all, "USSR withdraws missiles", "")); m != "" {
		t.Errorf("a move label says %q", m)
	}
	for _, want := range []string{"takes option B (US blockade)", "stops taking option A (US air strike)", "takes option W (USSR withdraws missiles)"} {
		if !strings.Contains(all, want) {
			t.Errorf("no move label %q", want)
		}
	}
}

// TestCoalitionMovesPreferredFirst: the coalition report cites the
// upsetting moves a coalition's members prefer most (by the worst
// member's rank of the target), not the lowest-numbered ones (issue 10,
// item 4, in coalition outputs).
func TestCoalitionMovesPreferredFirst(t *testing.T) {
	r := exampleRun(t, "ukraine-security", nil)
	var buf bytes.Buffer
	if err := report.WriteCoalitions(&buf, r, coalitionResults(t, r, -1, nil), report.Text, report.Options{}); err != nil {
		t.Fatal(err)
	}
	move := regexp.MustCompile(`^\s+\d+ -> \d+: .*; ranks (.*)\.$`)
	rank := regexp.MustCompile(`-> (\d+)`)
	prev, groups, moves := -1, 0, 0
	for _, line := range strings.Split(buf.String(), "\n") {
		if strings.Contains(line, "the members' most preferred first:") {
			prev = -1
			groups++
			continue
		}
		m := move.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		worst := 0
		for _, x := range rank.FindAllStringSubmatch(m[1], -1) {
			var n int
			fmt.Sscan(x[1], &n)
			worst = max(worst, n)
		}
		if worst < prev {
			t.Errorf("moves not in order of the members' preference: %q after a move with worst rank %d", line, prev)
		}
		prev = worst
		moves++
	}
	if groups == 0 || moves <= groups {
		t.Fatalf("nothing to check: %d groups, %d moves", groups, moves)
	}
}
