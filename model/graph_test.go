package model

import (
	"strings"
	"testing"
)

// graphBase is a small valid graph-form model; the bad inputs below are
// edits of it.
const graphBase = `title: Graph
states:
  - id: x
  - id: y
    name: Why
  - id: z
decision_makers:
  - id: A
    moves:
      - {from: x, to: [y, z]}
      - [z, x]
    preferences:
      ranking: [y, [x, 3]]
  - id: B
    moves:
      - {from: y, to: z, note: because}
    preferences:
      ranking: [3, 2, 1]
status_quo: x
`

func graphEdit(t *testing.T, pairs ...string) string {
	t.Helper()
	s := graphBase
	for i := 0; i+1 < len(pairs); i += 2 {
		if !strings.Contains(s, pairs[i]) {
			t.Fatalf("graphBase has no %q", pairs[i])
		}
		s = strings.Replace(s, pairs[i], pairs[i+1], 1)
	}
	return s
}

func TestGraphFormParse(t *testing.T) {
	m, err := Parse([]byte(graphBase), "g.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if !m.GraphForm() || len(m.States) != 3 || m.States[1].Name != "Why" {
		t.Fatalf("states: %+v", m.States)
	}
	a := m.DMs[0]
	if len(a.Moves) != 2 || a.Moves[0].From != "x" || strings.Join(a.Moves[0].To, ",") != "y,z" || a.Moves[1].From != "z" || a.Moves[1].To[0] != "x" {
		t.Fatalf("moves of A: %+v", a.Moves)
	}
	if m.DMs[1].Moves[0].Note != "because" {
		t.Fatalf("move evidence lost: %+v", m.DMs[1].Moves)
	}
	// Ranking entries name states by id or number.
	if got := a.Prefs.Ranking; len(got) != 2 || got[0][0] != 2 || got[1][0] != 1 || got[1][1] != 3 {
		t.Fatalf("ranking of A: %v", got)
	}
	if m.StatusQuo == nil || m.StatusQuo.State != "x" {
		t.Fatalf("status quo: %+v", m.StatusQuo)
	}
	// Marshal writes the same model back.
	data, err := Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	m2, err := Parse(data, "again.yaml")
	if err != nil {
		t.Fatalf("%v\n%s", err, data)
	}
	if len(m2.States) != 3 || len(m2.DMs[0].Moves) != 2 || m2.StatusQuo.State != "x" || m2.DMs[1].Moves[0].Note != "because" ||
		len(m2.DMs[0].Prefs.Ranking) != 2 || m2.DMs[0].Prefs.Ranking[1][1] != 3 {
		t.Fatalf("round trip lost something:\n%s", data)
	}
	if !strings.Contains(string(data), "ranking: [y, [x, z]]") {
		t.Errorf("graph-form ranking not written with state ids:\n%s", data)
	}
	// The JSON form of the same model reads the same.
	js := `{"title": "J", "states": [{"id": "p"}, {"id": "q", "taken": ["o"]}], "options": [{"id": "o"}],
	  "decision_makers": [{"id": "A", "options": ["o"], "moves": [{"from": "p", "to": "q"}], "preferences": {"statements": ["o"]}},
	                      {"id": "B", "preferences": {"ranking": ["q", "p"]}}],
	  "status_quo": {"state": "q"}}`
	mj, err := Parse([]byte(js), "g.json")
	if err != nil {
		t.Fatal(err)
	}
	if len(mj.States) != 2 || mj.States[1].Taken[0] != "o" || mj.StatusQuo.State != "q" || len(mj.DMs[1].Moves) != 0 {
		t.Fatalf("JSON graph form: %+v", mj)
	}
}

func TestGraphFormErrors(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string
	}{
		{"unknown from", graphEdit(t, "[z, x]", "[w, x]"), `g.yaml:11:9: move of decision maker "A" starts at unknown state "w" (known: x, y, z)`},
		{"unknown to", graphEdit(t, "to: z, note", "to: zz, note"), `move of decision maker "B" leads to unknown state "zz" (did you mean "z"?)`},
		{"loop", graphEdit(t, "[z, x]", "[z, z]"), `move of decision maker "A" from "z" to itself`},
		{"twice", graphEdit(t, "[z, x]", "[x, y]"), `move of decision maker "A" from "x" to "y" is listed twice`},
		{"short form", graphEdit(t, "[z, x]", "[z, x, y]"), `a move in short form lists two states, found 3`},
		{"no to", graphEdit(t, "{from: y, to: z, note: because}", "{from: y}"), `a move needs "from" and "to"`},
		{"duplicate state", graphEdit(t, "  - id: z\n", "  - id: y\n"), `duplicate state id "y"`},
		{"unknown ranked state", graphEdit(t, "ranking: [y,", "ranking: [yy,"), `g.yaml:13:17: unknown state "yy" in the ranking (did you mean "y"?)`},
		{"unknown status quo", graphEdit(t, "status_quo: x", "status_quo: q"), `status_quo names unknown state "q"`},
		{"taken without options", graphEdit(t, "  - id: x\n", "  - id: x\n    taken: [o]\n"), `state "x" takes option "o", but the model has no options`},
		{"feasibility", graphEdit(t, "status_quo: x", "status_quo: x\noptions: [{id: o}]\nfeasibility: {infeasible: [o]}"), `feasibility conditions do not apply to a model in graph form`},
		{"status quo by options", graphEdit(t, "status_quo: x", "status_quo: {taken: []}"), `in graph form the status quo is a state id`},
		{"invalid state id", graphEdit(t, "  - id: z\n", "  - id: 3z\n"), `invalid state id "3z"`},
		{"empty states", graphEdit(t, "states:\n  - id: x\n  - id: y\n    name: Why\n  - id: z\n", "states: []\n"), `empty states list`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse([]byte(tc.in), "g.yaml")
			if err == nil {
				t.Fatalf("no error; want %q", tc.want)
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error\n  %v\nwant it to contain\n  %s", err, tc.want)
			}
		})
	}
}

// TestGraphFormOptionValues checks the rules for states with option
// values: distinct values, moves that change only the mover's options,
// reversible options only; and that moves in an option-form model are
// refused.
func TestGraphFormOptionValues(t *testing.T) {
	const ok = `title: V
options: [{id: a}, {id: b}]
states:
  - {id: n, taken: []}
  - {id: A, taken: [a]}
  - {id: B, taken: [b]}
decision_makers:
  - {id: P, options: [a], moves: [[n, A]], preferences: {statements: [a]}}
  - {id: Q, options: [b], moves: [[n, B]], preferences: {statements: [b]}}
`
	if _, err := Parse([]byte(ok), "v.yaml"); err != nil {
		t.Fatal(err)
	}
	tests := []struct{ name, old, new, want string }{
		{"same values", "{id: B, taken: [b]}", "{id: B, taken: [a]}", `states "A" and "B" take the same options`},
		{"other's option", "moves: [[n, B]]", "moves: [[n, B], [A, B]]", `move of decision maker "Q" from "A" to "B" changes option "a", controlled by decision maker "P"`},
		{"irreversible", "{id: a}", "{id: a, reversibility: forward}", `option "a" is forward, but reversibility has no meaning in graph form`},
		{"unknown option", "taken: [b]}", "taken: [c]}", `unknown option "c" taken in state "B"`},
		{"moves in option form", "states:\n  - {id: n, taken: []}\n  - {id: A, taken: [a]}\n  - {id: B, taken: [b]}\n", "", `decision maker "P" lists moves, but the model has no states`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			in := strings.Replace(ok, tc.old, tc.new, 1)
			if in == ok {
				t.Fatalf("edit %q not applied", tc.old)
			}
			_, err := Parse([]byte(in), "v.yaml")
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %v; want it to contain %s", err, tc.want)
			}
		})
	}
}

func TestGraphFormClone(t *testing.T) {
	m, err := Parse([]byte(graphBase), "g.yaml")
	if err != nil {
		t.Fatal(err)
	}
	c := m.Clone()
	c.States[0].ID = "changed"
	c.DMs[0].Moves[0].To[0] = "changed"
	if m.States[0].ID != "x" || m.DMs[0].Moves[0].To[0] != "y" {
		t.Fatal("the clone shares states or moves with the original")
	}
}

// TestGraphFormMessages checks that messages about graph-form references
// name the right thing: the unknown group, a state id in a move's list,
// a status quo state that is not text (no second message about options
// taken).
func TestGraphFormMessages(t *testing.T) {
	tests := []struct {
		name, in, want, not string
	}{
		{"unknown group", graphEdit(t, "ranking: [3, 2, 1]", "ranking: [3, 2, 1]\n      unknown: [[x, s99]]"),
			`unknown state "s99" in the unknown group`, "in the ranking"},
		{"number in to list", graphEdit(t, "{from: x, to: [y, z]}", "{from: x, to: [y, 3]}"),
			`a state id must be text, found the number 3`, "option id"},
		{"status quo state number", graphEdit(t, "status_quo: x", "status_quo: {state: 1}"),
			`a state id must be text, found the number 1`, "options taken"},
		{"status quo number", graphEdit(t, "status_quo: x", "status_quo: 1"),
			`a state id must be text, found the number 1`, "options taken"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse([]byte(tc.in), "g.yaml")
			if err == nil || !strings.Contains(err.Error(), tc.want) || strings.Contains(err.Error(), tc.not) {
				t.Fatalf("error\n  %v\nwant it to contain %q and not %q", err, tc.want, tc.not)
			}
		})
	}
}
