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
	cr := coalitionResults(t, r, 0, nil, false)
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
			return report.WriteCoalitions(b, r, coalitionResults(t, r, 6, nil, true), f, report.Options{})
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
	if err := report.WriteCoalitions(&buf, r, coalitionResults(t, r, -1, nil, true), report.Text, report.Options{}); err != nil {
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

// hypergame is cuba with the USSR not perceiving the US air strike.
func hypergame(t testing.TB) *model.Model {
	m := cuba(t)
	m.Title = "Cuban missile crisis, as the USSR sees it"
	m.DMs[1].Misperceived = []model.Statement{stmt(t, "A")}
	return m
}

// TestMisperceptionsShown: a state a DM does not perceive has its own
// tableau mark (not r), a legend line, a JSON field and a CSV column, in
// analyze and states, in every format (issue 10, item 2).
func TestMisperceptionsShown(t *testing.T) {
	m := hypergame(t)
	r := run(t, m, nil)
	var notSeen []int // states the USSR does not perceive (A taken)
	for s := 0; s < r.Space.Len(); s++ {
		if !r.Space.Perceives(1, s) {
			notSeen = append(notSeen, s)
		}
	}
	if len(notSeen) != 6 {
		t.Fatalf("the USSR misses %d states, want 6", len(notSeen))
	}
	write := func(states bool, f report.Format, opt report.Options) string {
		t.Helper()
		var buf bytes.Buffer
		var err error
		if states {
			err = report.WriteStates(&buf, r, f, opt)
		} else {
			err = report.Write(&buf, r, f, opt)
		}
		if err != nil {
			t.Fatal(err)
		}
		return buf.String()
	}
	// Text and Markdown tableau, both layouts: the USSR's marks at the
	// states it does not see are "-", and the legend says what "-" means.
	for _, f := range []report.Format{report.Text, report.Markdown} {
		for _, layout := range []report.Layout{report.Columns, report.Rows} {
			out := write(false, f, report.Options{Layout: layout})
			if !strings.Contains(out, "the DM does not perceive the state") || !strings.Contains(out, `USSR does not perceive the states where "A" holds (6 of 12 states)`) {
				t.Errorf("%v %v: no legend line for misperceptions", f, layout)
			}
			if layout == report.Columns {
				// The USSR's row under each concept: "-" exactly at notSeen.
				re := regexp.MustCompile(`(?m)^\|?\s*USSR\s*\|?((?:\s*\S+\s*\|?){12})\s*$`)
				rows := re.FindAllStringSubmatch(out, -1)
				marks := 0
				for _, row := range rows {
					cells := strings.Fields(strings.ReplaceAll(row[1], "|", " "))
					markRow := len(cells) == 12
					for _, c := range cells {
						markRow = markRow && strings.Contains("rsu-", c) && len(c) == 1
					}
					if !markRow {
						continue // the rank row, the legend
					}
					marks++
					for s, c := range cells {
						want := !r.Space.Perceives(1, s)
						if (c == "-") != want {
							t.Errorf("%v: USSR mark %q at state %d (perceived %v)", f, c, s+1, !want)
						}
					}
				}
				if marks != len(stability.Concepts) {
					t.Errorf("%v columns: %d USSR mark rows, want %d:\n%s", f, marks, len(stability.Concepts), out)
				}
			}
		}
		out := write(true, f, report.Options{})
		if !strings.Contains(out, "Not perceived by") || strings.Count(out, "USSR") < 7 {
			t.Errorf("%v states: no 'Not perceived by' column:\n%s", f, out)
		}
	}
	// CSV: a perceived_USSR column in analyze and states, no column for
	// the US, which perceives everything.
	for _, states := range []bool{false, true} {
		rows := strings.Split(strings.TrimSpace(write(states, report.CSV, report.Options{})), "\n")
		hdr := strings.Split(rows[0], ",")
		col := -1
		for k, h := range hdr {
			if h == "perceived_USSR" {
				col = k
			}
			if h == "perceived_US" {
				t.Error("a perceived column for a DM that perceives every state")
			}
		}
		if col < 0 {
			t.Fatalf("states=%v: no perceived_USSR column in %v", states, hdr)
		}
		for s, row := range rows[1:] {
			cell := strings.Split(row, ",")[col]
			if (cell == "1") != r.Space.Perceives(1, s) {
				t.Errorf("states=%v: perceived_USSR %s at state %d", states, cell, s+1)
			}
		}
	}
	// JSON: not_perceived_by on exactly those states; the DM's conditions
	// in the model.
	for _, states := range []bool{false, true} {
		var doc struct {
			Model struct {
				DMs []struct {
					ID           string
					Misperceived []string
				}
			}
			States []struct {
				Number         int
				NotPerceivedBy []string `json:"not_perceived_by"`
			}
		}
		if err := json.Unmarshal([]byte(write(states, report.JSON, report.Options{})), &doc); err != nil {
			t.Fatal(err)
		}
		if len(doc.Model.DMs[0].Misperceived) != 0 || strings.Join(doc.Model.DMs[1].Misperceived, ";") != "A" {
			t.Errorf("model DMs' misperceived: %+v", doc.Model.DMs)
		}
		for s, st := range doc.States {
			want := ""
			if !r.Space.Perceives(1, s) {
				want = "USSR"
			}
			if strings.Join(st.NotPerceivedBy, ",") != want {
				t.Errorf("state %d: not_perceived_by %v, want %q", st.Number, st.NotPerceivedBy, want)
			}
		}
	}
	// The schema knows the field: it accepts it (TestSchema) and refuses
	// an empty list or a non-string.
	sch := docSchema(t, "analysis")
	out := []byte(write(false, report.JSON, report.Options{}))
	rejects(t, sch, "hypergame analysis", out, `"not_perceived_by":["USSR"]`, `"not_perceived_by":[]`)
	rejects(t, sch, "hypergame analysis", out, `"not_perceived_by":["USSR"]`, `"not_perceived_by":[1]`)
	rejects(t, sch, "hypergame analysis", out, `"misperceived": [`, `"misperceived": 1, "x": [`)
	// A model without misperceptions shows none of it.
	plain := run(t, cuba(t), nil)
	var buf bytes.Buffer
	for _, f := range report.Formats {
		if err := report.Write(&buf, plain, f, report.Options{}); err != nil {
			t.Fatal(err)
		}
	}
	if strings.Contains(buf.String(), "perceive") {
		t.Error("a model without misperceptions mentions perception")
	}
}

// TestAnalysisCSVOptionColumns: analyze's CSV has one Y/N column per
// option, named by its id, as the states listing has (issue 10, item 10).
func TestAnalysisCSVOptionColumns(t *testing.T) {
	r := run(t, elmira(t), nil)
	var a, st bytes.Buffer
	if err := report.Write(&a, r, report.CSV, report.Options{}); err != nil {
		t.Fatal(err)
	}
	if err := report.WriteStates(&st, r, report.CSV, report.Options{}); err != nil {
		t.Fatal(err)
	}
	arows := strings.Split(strings.TrimSpace(a.String()), "\n")
	srows := strings.Split(strings.TrimSpace(st.String()), "\n")
	if len(arows) != len(srows) {
		t.Fatalf("%d analysis rows, %d states rows", len(arows), len(srows))
	}
	// The states listing's columns (number, code, pattern, options, ranks)
	// open every analysis row.
	for k := range srows {
		if !strings.HasPrefix(arows[k]+",", srows[k]+",") {
			t.Fatalf("row %d: analysis %q does not start with the states row %q", k, arows[k], srows[k])
		}
	}
	if !strings.HasPrefix(arows[0], "number,code,pattern,modify,delay,accept,abandon,insist,rank_MoE,") {
		t.Errorf("header %q", arows[0])
	}
}

// TestJSONKeysInModelOrder: option and DM maps of every JSON document keep
// the model's order, not the alphabet's (issue 10, item 10).
func TestJSONKeysInModelOrder(t *testing.T) {
	r := run(t, elmira(t), nil)
	var buf bytes.Buffer
	if err := report.Write(&buf, r, report.JSON, report.Options{Mixed: []stability.Concept{stability.SMR, stability.GMR, stability.Nash}}); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{
		`"options":{"modify":false,"delay":true,"accept":false,"abandon":false,"insist":false}`,
		`"rank":{"MoE":6,"Uniroyal":1,"LG":4}`,
		`"stable":{"MoE":`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("the analysis JSON lacks %s", want)
		}
	}
	if i, j := strings.Index(out, `"MoE": "SMR"`), strings.Index(out, `"LG": "Nash"`); i < 0 || j < i {
		t.Errorf("mixed concepts not in model order")
	}
	// Coalition and evolution ranks and concept maps: model order too.
	uk := exampleRun(t, "ukraine-security", nil)
	buf.Reset()
	if err := report.WriteCoalitions(&buf, uk, coalitionResults(t, uk, -1, nil, true), report.JSON, report.Options{}); err != nil {
		t.Fatal(err)
	}
	if !regexp.MustCompile(`"ranks": \{\s*"RU": \[[^]]*\],\s*"UA"`).MatchString(buf.String()) {
		t.Error("coalition ranks not in model order (RU before UA)")
	}
	if i, j := strings.Index(buf.String(), `"CNash"`), strings.Index(buf.String(), `"CGMR"`); i < 0 || j < i {
		t.Error("coalition equilibria not in report order")
	}
}

// TestMarkdownReportCarriesModelDoc: the Markdown analysis report carries
// the model's description, sources and every note and source of its DMs,
// options, conditions, statements and status quo, so it stands on its own
// (issue 10, item 12).
func TestMarkdownReportCarriesModelDoc(t *testing.T) {
	for _, name := range []string{"ukraine-security", "elmira"} {
		r := exampleRun(t, name, nil)
		var buf bytes.Buffer
		if err := report.Write(&buf, r, report.Markdown, report.Options{}); err != nil {
			t.Fatal(err)
		}
		// Undo the Markdown escapes to compare with the model's text.
		out := strings.NewReplacer(`\`, "", "&lt;", "<").Replace(buf.String())
		m := r.Model
		var want []string
		one := func(s string) string { return strings.Join(strings.Fields(s), " ") }
		ev := func(x model.Evidence) {
			for _, s := range []string{x.Note, x.Source} {
				if s != "" {
					want = append(want, one(s))
				}
			}
		}
		want = append(want, one(m.Description))
		for _, s := range m.Sources {
			want = append(want, one(s.Ref), one(s.Note))
		}
		for _, d := range m.DMs {
			ev(d.Evidence)
			ev(d.Prefs.Evidence)
			for _, st := range d.Prefs.Statements {
				want = append(want, one(st.Text))
				ev(st.Evidence)
			}
			for _, st := range d.Misperceived {
				ev(st.Evidence)
			}
		}
		for _, o := range m.Options {
			want = append(want, one(o.Name))
			ev(o.Evidence)
		}
		for _, st := range m.Infeasible {
			ev(st.Evidence)
		}
		if m.StatusQuo != nil {
			ev(m.StatusQuo.Evidence)
		}
		n := 0
		for _, w := range want {
			if w == "" {
				continue
			}
			n++
			if !strings.Contains(out, w) {
				t.Errorf("%s: the Markdown report lacks %q", name, w)
			}
		}
		if name == "ukraine-security" && n < 50 {
			t.Errorf("%s: only %d notes and sources checked", name, n)
		}
		if !strings.Contains(out, "## The model") {
			t.Errorf("%s: no model section", name)
		}
	}
}

// TestCoalitionNoSanctionShowsWhatWasTried: the coalition report never
// says an improvement is unsanctioned without what was tried, when some
// DM is outside the coalition (issue 10, item 5, in coalition outputs).
func TestCoalitionNoSanctionShowsWhatWasTried(t *testing.T) {
	uk := exampleRun(t, "ukraine-security", nil)
	n := 0
	for _, s := range []int{0} {
		var buf bytes.Buffer
		if err := report.WriteCoalitions(&buf, uk, coalitionResults(t, uk, s, nil, false), report.Text, report.Options{}); err != nil {
			t.Fatal(err)
		}
		for _, line := range strings.Split(buf.String(), "\n") {
			if !strings.Contains(line, "Unsanctioned:") || strings.Contains(line, "no DM is outside the coalition") {
				continue
			}
			n++
			if !regexp.MustCompile(`Tried: (by legal sequences of their (moves|unilateral improvements) from \d+, the DMs outside the coalition reach \d+ states?|the DMs outside the coalition have no legal)`).MatchString(line) {
				t.Fatalf("state %d: %q does not say what was tried", s+1, line)
			}
		}
	}
	if n == 0 {
		t.Fatal("no unsanctioned coalitional improvement checked")
	}
}
