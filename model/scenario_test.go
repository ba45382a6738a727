package model

import (
	"reflect"
	"strings"
	"testing"

	"github.com/gmcr/gmcr/model/statement"
)

// TestScenarioErrors checks the loader's messages for scenarios: base
// (the model of load_test.go, 14 lines) followed by "scenarios:" on line
// 15 and the case's text from line 16.
func TestScenarioErrors(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"scenarios not a list", "  x: 1", "m.yaml:16:3: \"scenarios\" must be a list, found a mapping (write each scenario as \"- id: ...\")"},
		{"scenario is text", "  - s1", "m.yaml:16:5: a scenario must be a mapping, found the text \"s1\" (write each scenario as \"- id: ...\")"},
		{"no id", "  - name: x", "m.yaml:16:5: scenario has no id (add \"id: <a letter or _ followed by letters, digits, _ or .>\")"},
		{"invalid id", "  - id: 1s", "m.yaml:16:9: invalid scenario id \"1s\" (an id is a letter or _ followed by letters, digits, _ or .)"},
		{"duplicate id", "  - id: s\n  - id: s", "m.yaml:17:9: duplicate scenario id \"s\" (first at 16:9)"},
		{"unknown field", "  - id: s\n    forbidden: [a]", "m.yaml:17:5: unknown field \"forbidden\" in a scenario (did you mean \"forbid\"?)"},
		{"feasibility field", "  - id: s\n    feasibility: {infeasible: [a]}", "m.yaml:17:5: unknown field \"feasibility\" in a scenario (write the conditions directly in the scenario: infeasible:, mutually_exclusive:, at_least_one:, exactly_one:, requires:)"},
		{"force unknown option", "  - id: s\n    force: [a, bb]", "m.yaml:17:16: unknown option \"bb\" in \"force\" of scenario \"s\" (did you mean \"b\"?)"},
		{"force is text", "  - id: s\n    force: a", "m.yaml:17:12: \"force\" must be a list, found the text \"a\" (write [a] for a single option)"},
		{"forbid twice", "  - id: s\n    forbid: [a, a]", "m.yaml:17:17: option \"a\" is listed twice in \"forbid\" of scenario \"s\""},
		{"force and forbid", "  - id: s\n    force: [a, b]\n    forbid: [b]", "m.yaml:18:14: option \"b\" is both forced and forbidden in scenario \"s\" (a scenario fixes an option as taken (force) or as not taken (forbid), not both)"},
		{"infeasible unknown option", "  - id: s\n    infeasible: [\"a and  x\"]", "m.yaml:17:26: unknown option \"x\" in statement (known: a, b, c)"},
		{"requires unknown option", "  - id: s\n    requires: [{option: a, requires: [cc]}]", "m.yaml:17:39: unknown option \"cc\" in requires (did you mean \"c\"?)"},
		{"status quo unknown option", "  - id: s\n    status_quo: {taken: [a, z]}", "m.yaml:17:29: unknown option \"z\" in the status_quo of scenario \"s\" (known: a, b, c)"},
		{"preferences is a list", "  - id: s\n    preferences: [a]", "m.yaml:17:18: a scenario's preferences must be a mapping from decision maker ids to changes, found a list (write preferences: {DM_ID: {remove: [...], add: [...], move: [...]}}, one entry per decision maker)"},
		{"unknown dm", "  - id: s\n    preferences:\n      P3: {remove: [a]}", "m.yaml:18:7: unknown decision maker \"P3\" in the preferences of scenario \"s\" (known: P1, P2)"},
		{"dm twice", "  - id: s\n    preferences:\n      P1: {remove: [a]}\n      P1: {add: [b]}", "m.yaml:19:7: decision maker \"P1\" appears twice in the scenario's preferences (first at 18:7; put all its changes in one entry)"},
		{"no changes", "  - id: s\n    preferences:\n      P1: {note: x}", "m.yaml:18:7: scenario \"s\" changes nothing in the preferences of decision maker \"P1\" (write remove:, add:, move:, sure:, unsure:, unknown:, clear_unknown:, or statements: / ranking: to replace the preferences)"},
		{"replace and edit", "  - id: s\n    preferences:\n      P1: {statements: [b], remove: [a]}", "m.yaml:18:7: scenario \"s\" both replaces and edits the preferences of decision maker \"P1\" (use statements: or ranking: to replace the preferences, or remove:, add: and move: to edit the statements, not both)"},
		{"statements and ranking", "  - id: s\n    preferences:\n      P1: {statements: [b], ranking: [1, 2, 3, 4]}", "m.yaml:18:7: scenario \"s\" gives decision maker \"P1\" both statements and a ranking (keep one of statements and ranking)"},
		{"edit a ranking", "  - id: s\n    preferences:\n      P2: {remove: [c]}", "m.yaml:18:7: decision maker \"P2\" has a ranking, not statements: remove, add, move, sure and unsure edit statements (replace its preferences with ranking: [...] or statements: [...])"},
		{"remove missing", "  - id: s\n    preferences:\n      P1: {remove: [\"not  a\"]}", "m.yaml:18:22: decision maker \"P1\" has no statement \"not a\" to remove (did you mean \"not b\"?)"},
		{"remove missing, list", "  - id: s\n    preferences:\n      P1: {remove: [\"c\"]}", "m.yaml:18:22: decision maker \"P1\" has no statement \"c\" to remove (its statements are \"a\", \"not b\"; statements match by their parsed form)"},
		{"remove twice", "  - id: s\n    preferences:\n      P1: {remove: [\"!b\", \"not b\"]}", "m.yaml:18:28: statement \"not b\" is listed twice in remove"},
		{"remove all", "  - id: s\n    preferences:\n      P1: {remove: [a, not b]}", "m.yaml:18:7: the scenario leaves decision maker \"P1\" with no preference statements (keep or add at least one statement, or replace the preferences with statements: or ranking:)"},
		{"add present", "  - id: s\n    preferences:\n      P1: {add: [\"~b\"]}", "m.yaml:18:19: decision maker \"P1\" already has the statement \"not b\" (it is statement 2; use move to change its priority)"},
		{"add out of range", "  - id: s\n    preferences:\n      P1:\n        remove: [a]\n        add: [{statement: b, at: 3}]", "m.yaml:20:34: at 3 is out of range for decision maker \"P1\": after the removals and earlier additions it has 1 statement, so at is 1 to 2 (1 is the most important; leave at out to add the statement last)"},
		{"add at zero", "  - id: s\n    preferences:\n      P1: {add: [{statement: b, at: 0}]}", "m.yaml:18:37: at must be 1 or more, found 0 (positions count from 1, the most important statement)"},
		{"add at text", "  - id: s\n    preferences:\n      P1: {add: [{statement: b, at: first}]}", "m.yaml:18:37: at must be a position (a whole number from 1), found the text \"first\" (1 is the most important statement, 2 the next...)"},
		{"add with to", "  - id: s\n    preferences:\n      P1: {add: [{statement: b, to: 1}]}", "m.yaml:18:33: unknown field \"to\" in an add entry (did you mean \"at\"? add uses at, move uses to)"},
		{"add unknown option", "  - id: s\n    preferences:\n      P1: {add: [\"b or  cc\"]}", "m.yaml:18:25: unknown option \"cc\" in statement (did you mean \"c\"?)"},
		{"add syntax", "  - id: s\n    preferences:\n      P1: {add: [\"b or\"]}", "m.yaml:18:23: invalid statement: missing operand after \"or\""},
		{"move missing", "  - id: s\n    preferences:\n      P1: {move: [{statement: c, to: 1}]}", "m.yaml:18:31: decision maker \"P1\" has no statement \"c\" to move (use add to add it; its statements are \"a\", \"not b\"; statements match by their parsed form)"},
		{"move removed", "  - id: s\n    preferences:\n      P1:\n        remove: [a]\n        move: [{statement: a, to: 1}]", "m.yaml:20:28: decision maker \"P1\" has no statement \"a\" to move (this scenario removes it)"},
		{"move out of range", "  - id: s\n    preferences:\n      P1: {move: [{statement: a, to: 3}]}", "m.yaml:18:38: to 3 is out of range for decision maker \"P1\": it has 2 statements, so to is 1 to 2 (1 is the most important)"},
		{"move without to", "  - id: s\n    preferences:\n      P1: {move: [{statement: a}]}", "m.yaml:18:19: a move entry has no \"to\" (write to: <new position, 1 = most important>)"},
		{"move as text", "  - id: s\n    preferences:\n      P1: {move: [a]}", "m.yaml:18:19: a move entry must be a mapping with statement and to, found the text \"a\" (write - {statement: \"...\", to: 1})"},
		{"unsure missing", "  - id: s\n    preferences:\n      P1: {unsure: [\"not  a\"]}", "m.yaml:18:22: decision maker \"P1\" has no statement \"not a\" to mark unsure (did you mean \"not b\"?)"},
		{"unsure twice", "  - id: s\n    preferences:\n      P1: {unsure: [a, a]}", "m.yaml:18:24: statement \"a\" is listed twice in unsure"},
		{"sure without mark", "  - id: s\n    preferences:\n      P1: {sure: [a]}", "m.yaml:18:19: statement \"a\" of decision maker \"P1\" is already sure (it has no unsure mark to clear)"},
		{"sure and unsure", "  - id: s\n    preferences:\n      P1: {sure: [a], unsure: [a]}", "m.yaml:18:19: statement \"a\" is listed in both sure and unsure (a statement is either sure or unsure)"},
		{"unsure added twice", "  - id: s\n    preferences:\n      P1: {add: [{statement: c, unsure: true}], unsure: [c]}", "m.yaml:18:58: statement \"c\" of decision maker \"P1\" is already unsure (it is marked unsure in the model or where this scenario adds it)"},
		{"unsure of a ranking", "  - id: s\n    preferences:\n      P2: {unsure: [c]}", "m.yaml:18:7: decision maker \"P2\" has a ranking, not statements: remove, add, move, sure and unsure edit statements (replace its preferences with ranking: [...] or statements: [...])"},
		{"unsure and replace", "  - id: s\n    preferences:\n      P1: {statements: [b], unsure: [b]}", "m.yaml:18:7: scenario \"s\" both replaces the preferences of decision maker \"P1\" and marks statements sure or unsure (write unsure: true on the statements under statements:, or edit the model's statements with sure: and unsure:)"},
		{"unsure is text", "  - id: s\n    preferences:\n      P1: {unsure: a}", "m.yaml:18:20: \"unsure\" must be a list, found the text \"a\" (write unsure: [\"...\"] (statements the decision maker has))"},
		{"unknown group of one", "  - id: s\n    preferences:\n      P2: {unknown: [[3]]}", "m.yaml:18:22: unknown group of decision maker \"P2\" in scenario \"s\" has 1 state(s) (a group lists at least two states whose mutual order is unknown)"},
		{"unknown group twice", "  - id: s\n    preferences:\n      P2: {unknown: [[3, 2, 3]]}", "m.yaml:18:22: state 3 appears twice in an unknown group of decision maker \"P2\" in scenario \"s\""},
		{"unknown group text", "  - id: s\n    preferences:\n      P2: {unknown: [[3, x]]}", "m.yaml:18:26: an unknown group lists states, found the text \"x\" (list state numbers (see gmcr states))"},
		{"clear nothing", "  - id: s\n    preferences:\n      P1: {clear_unknown: true}", "m.yaml:18:27: scenario \"s\" clears the unknown comparisons of decision maker \"P1\", which has none (leave clear_unknown out: the model gives this decision maker no unknown groups or unsure statements)"},
		{"clear not bool", "  - id: s\n    preferences:\n      P1: {clear_unknown: yes}", "m.yaml:18:27: clear_unknown must be true or false, found the text \"yes\" (write clear_unknown: true)"},
		{"known field", "  - id: s\n    preferences:\n      P1: {known: true}", "m.yaml:18:12: unknown field \"known\" in scenario preferences (did you mean \"clear_unknown: true\" (drop the unknown comparisons) or \"sure\" (clear statements' unsure marks)?)"},
		{"ranking repeated", "  - id: s\n    preferences:\n      P2: {ranking: [1, [2, 1]]}\n", "m.yaml:18:29: state 1 appears twice in the ranking of decision maker \"P2\" (first at 18:22)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := Parse([]byte(base+"scenarios:\n"+tt.in+"\n"), "m.yaml")
			if err == nil {
				t.Fatalf("no error; model %+v", m)
			}
			checkErrorType(t, err)
			if got := err.Error(); got != tt.want {
				t.Errorf("got\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}

func parsed(t *testing.T, texts ...string) []Statement {
	t.Helper()
	out := make([]Statement, len(texts))
	for i, s := range texts {
		e, err := statement.Parse(s)
		if err != nil {
			t.Fatal(err)
		}
		out[i] = Statement{Text: s, Expr: e}
	}
	return out
}

func texts(sts []Statement) []string {
	out := make([]string, len(sts))
	for i, s := range sts {
		out[i] = s.Text
	}
	return out
}

// TestEditStatements checks the order and meaning of remove, add and
// move on a list of five statements.
func TestEditStatements(t *testing.T) {
	base := parsed(t, "a", "not b", "c IF d", "a and b", "not (c or d)")
	place := func(text string, at int) Placement { return Placement{Statement: parsed(t, text)[0], At: at} }
	tests := []struct {
		name string
		c    PrefChange
		want []string
	}{
		// Removal matches the parsed tree: "!b" removes "not b".
		{"remove", PrefChange{Remove: parsed(t, "!b", "not (c | d)")}, []string{"a", "c IF d", "a and b"}},
		// At 0 appends; at 1 makes it the most important; additions
		// count positions in the list as it is after the earlier ones.
		{"add", PrefChange{Add: []Placement{place("d", 0), place("b", 1), place("c", 3)}},
			[]string{"b", "a", "c", "not b", "c IF d", "a and b", "not (c or d)", "d"}},
		{"move", PrefChange{Move: []Placement{place("not (c or d)", 1), place("a", 5)}},
			[]string{"not (c or d)", "not b", "c IF d", "a and b", "a"}},
		// Removals first, then additions, then moves (which may move an
		// added statement), whatever the order in the file.
		{"all", PrefChange{Remove: parsed(t, "a and b"), Add: []Placement{place("b", 2)}, Move: []Placement{place("b", 5), place("c IF d", 1)}},
			[]string{"c IF d", "a", "not b", "not (c or d)", "b"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := texts(base)
			got, err := tt.c.EditStatements(base)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(texts(got), tt.want) {
				t.Errorf("got %q, want %q", texts(got), tt.want)
			}
			if !reflect.DeepEqual(texts(base), before) {
				t.Errorf("the input was modified: %q", texts(base))
			}
		})
	}
	_, err := (&PrefChange{DM: "P", Remove: parsed(t, "zz"), Add: []Placement{place("a", 0), place("q", 9)}}).EditStatements(base)
	want := `decision maker "P" has no statement "zz" to remove (its statements are "a", "not b", "c IF d", "a and b", "not (c or d)"; statements match by their parsed form)
decision maker "P" already has the statement "a" (it is statement 1; use move to change its priority)
at 9 is out of range for decision maker "P": after the removals and earlier additions it has 5 statements, so at is 1 to 6 (1 is the most important; leave at out to add the statement last)`
	if err == nil || err.Error() != want {
		t.Errorf("got\n%v\nwant\n%s", err, want)
	}
}

func TestScenarioLookup(t *testing.T) {
	m, err := Load("testdata/scenarios.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if sc, err := m.Scenario("edited"); err != nil || sc.ID != "edited" || len(sc.Prefs) != 2 {
		t.Errorf("Scenario(edited) = %+v, %v", sc, err)
	}
	for id, want := range map[string]string{
		"edtied": `testdata/scenarios.yaml: unknown scenario "edtied" (did you mean "edited"?)`,
		"zzz":    `testdata/scenarios.yaml: unknown scenario "zzz" (the model defines fixed, constrained, edited, replaced)`,
	} {
		if _, err := m.Scenario(id); err == nil || err.Error() != want {
			t.Errorf("Scenario(%q): got %v, want %s", id, err, want)
		}
	}
	m.Scenarios = nil
	if _, err := m.Scenario("x"); err == nil || err.Error() != `testdata/scenarios.yaml: unknown scenario "x": the model defines no scenarios (add them under "scenarios:" (see docs/model-format.md))` {
		t.Errorf("no scenarios: %v", err)
	}
}

// TestClone checks that a clone shares nothing with the original.
func TestClone(t *testing.T) {
	m, err := Load("testdata/scenarios.yaml")
	if err != nil {
		t.Fatal(err)
	}
	before := dump(m)
	c := m.Clone()
	if dump(c) != before {
		t.Fatal("the clone differs")
	}
	c.DMs[0].Options[0] = "x"
	c.DMs[0].Prefs.Statements[0].Expr.Option = "x"
	c.DMs[1].Prefs.Ranking[0][0] = 99
	c.Infeasible = append(c.Infeasible, Statement{})
	c.StatusQuo.Taken[0] = "x"
	c.Scenarios[0].Force[0] = "x"
	c.Scenarios[1].Infeasible[2].Origin.Options[0] = "x"
	c.Scenarios[1].StatusQuo.Taken[0] = "x"
	c.Scenarios[2].Prefs[0].Add[1].Statement.Expr.Args[0].Option = "x"
	c.Scenarios[2].Prefs[1].Ranking[1][0] = 99
	if dump(m) != before {
		t.Error("changing the clone changed the original")
	}
}

func TestConceptField(t *testing.T) {
	in := strings.Replace(base, "    options: [c]\n", "    options: [c]\n    concept: SMRR\n", 1)
	_, err := Parse([]byte(in), "m.yaml")
	want := `m.yaml:13:14: unknown solution concept "SMRR" for decision maker "P2" (did you mean "SMR"? it is Nash, GMR, SMR, SEQ or SIM)`
	if err == nil || err.Error() != want {
		t.Errorf("got %v, want %s", err, want)
	}
	for _, c := range []string{"Nash", "r", "gmr", "SMR", "Seq", "SIM"} {
		in := strings.Replace(base, "    options: [c]\n", "    options: [c]\n    concept: "+c+"\n", 1)
		m, err := Parse([]byte(in), "m.yaml")
		if err != nil || m.DMs[1].Concept != c {
			t.Errorf("concept %s: %v", c, err)
		}
	}
}

// TestScenarioSchemaRejects checks that the model schema rejects
// structural mistakes in scenarios too.
func TestScenarioSchemaRejects(t *testing.T) {
	s := compileSchema(t)
	for _, in := range []string{
		"  - {name: x}",
		"  - {id: s, force: a}",
		"  - {id: s, preferences: {P1: {}}}",
		"  - {id: s, preferences: {P1: {statements: [a], remove: [a]}}}",
		"  - {id: s, preferences: {P1: {move: [{statement: a}]}}}",
		"  - {id: s, preferences: {P1: {add: [{statement: a, at: 0}]}}}",
		"  - {id: s, feasibility: {infeasible: [a]}}",
	} {
		doc := base + "scenarios:\n" + in + "\n"
		if _, err := Parse([]byte(doc), "m.yaml"); err == nil {
			t.Errorf("%s: the loader accepts it", in)
		}
		if err := s.Validate(asJSON(t, []byte(doc))); err == nil {
			t.Errorf("%s: the schema accepts it", in)
		}
	}
}
