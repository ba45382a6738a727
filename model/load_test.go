package model

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// base is a small valid model; the bad inputs below are edits of it.
const base = `title: Test
options:
  - id: a
  - id: b
  - id: c
decision_makers:
  - id: P1
    options: [a, b]
    preferences:
      statements: ["a", "not b"]
  - id: P2
    options: [c]
    preferences:
      ranking: [1, [2, 3], 4]
`

// edit returns base with each pair old, new replaced once.
func edit(t *testing.T, pairs ...string) string {
	t.Helper()
	s := base
	for i := 0; i+1 < len(pairs); i += 2 {
		if !strings.Contains(s, pairs[i]) {
			t.Fatalf("base has no %q", pairs[i])
		}
		s = strings.Replace(s, pairs[i], pairs[i+1], 1)
	}
	return s
}

func TestBaseIsValid(t *testing.T) {
	if _, err := Parse([]byte(base), "m.yaml"); err != nil {
		t.Fatal(err)
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string
	}{
		// syntax
		{"yaml bad indent", edit(t, "title: Test\n", "title: Test\n  extra: 1\n"), `m.yaml:2:3: invalid YAML: mapping values are not allowed in this context (check the indentation, and quote text that contains ": ")`},
		{"yaml tab", edit(t, "  - id: c\n", "\t- id: c\n"), `m.yaml:5:1: invalid YAML: found a tab character that violates indentation (indent with spaces, not tabs)`},
		{"yaml unclosed flow list", edit(t, "[a, b]", "[a, b"), `m.yaml:8:5: invalid YAML: did not find expected ',' or ']'`},
		{"yaml unknown anchor", edit(t, "[c]", "*cs"), `m.yaml:12:14: invalid YAML: unknown anchor 'cs' referenced`},
		{"empty file", "", `m.yaml:1:1: empty model file (a model needs at least title, options and decision_makers)`},
		{"comments only", "# nothing here\n", `m.yaml:1:1: empty model file (a model needs at least title, options and decision_makers)`},
		{"two documents", base + "---\ntitle: Other\n", `m.yaml:15:1: more than one YAML document in the file (a model file holds one document; remove the "---" line)`},
		{"root is a list", "- a\n- b\n", `m.yaml:1:1: the model must be a mapping, found a list (a model file is a mapping with title, options and decision_makers)`},
		{"root is text", "hello\n", `m.yaml:1:1: the model must be a mapping, found the text "hello" (a model file is a mapping with title, options and decision_makers)`},
		// types
		{"title is a list", edit(t, "title: Test", "title: [Test]"), `m.yaml:1:8: "title" must be text, found a list`},
		{"options is text", edit(t, "options:\n  - id: a\n  - id: b\n  - id: c\n", "options: a\n"), `m.yaml:2:10: "options" must be a list, found the text "a" (write each option as "- id: ...")`},
		{"option is text", edit(t, "  - id: a\n", "  - a\n"), `m.yaml:3:5: an option must be a mapping, found the text "a" (write "- id: a")`},
		{"option id is a number", edit(t, "  - id: a\n", "  - id: 1\n"), `m.yaml:3:9: an option id must be text, found the number 1 (an id starts with a letter or _)`},
		{"option id is a bool", edit(t, "  - id: a\n", "  - id: true\n"), `m.yaml:3:9: an option id must be text, found true (quote it to use "true" as an id)`},
		{"dm options is text", edit(t, "options: [c]", "options: c"), `m.yaml:12:14: "options" must be a list, found the text "c" (write [c] for a single option)`},
		{"dm option is a list", edit(t, "options: [c]", "options: [[c]]"), `m.yaml:12:15: an option id must be text, found a list`},
		{"statements is text", edit(t, `statements: ["a", "not b"]`, `statements: "a"`), `m.yaml:10:19: "statements" must be a list, found the text "a" (write statements: ["..."] for a single statement)`},
		{"preferences is a list", edit(t, "preferences:\n      statements: [\"a\", \"not b\"]", `preferences: ["a", "not b"]`), `m.yaml:9:18: preferences must be a mapping, found a list (put the list under "statements:" (option prioritization) or "ranking:" (states, best first))`},
		{"statement is a bool", edit(t, `statements: ["a", "not b"]`, `statements: [true, "a"]`), `m.yaml:10:20: a statement must be text, found true (quote it)`},
		{"statement entry without statement", edit(t, `statements: ["a", "not b"]`, `statements: [{note: x}]`), `m.yaml:10:20: statement entry has no "statement" (write "- statement: ..." with optional note and source)`},
		{"ranking entry is text", edit(t, "[1, [2, 3], 4]", "[1, x, 4]"), `m.yaml:14:20: a ranking entry must be a state number, a Y/N pattern or {taken: [...]}, found the text "x" (ranking entries are ordered state numbers (1, 2, ...), Y/N patterns ("YN NY") or {taken: [a, b]}, or lists of them for ties)`},
		{"ranking nested too deep", edit(t, "[1, [2, 3], 4]", "[1, [2, [3]], 4]"), `m.yaml:14:24: a ranking entry must be a state number, a Y/N pattern or {taken: [...]}, found a list (a tie group lists states and cannot hold lists)`},
		{"ranking float", edit(t, "[1, [2, 3], 4]", "[1.5]"), `m.yaml:14:17: a ranking entry must be a state number, a Y/N pattern or {taken: [...]}, found the number 1.5 (ranking entries are ordered state numbers (1, 2, ...), Y/N patterns ("YN NY") or {taken: [a, b]}, or lists of them for ties)`},
		{"ranking too large", edit(t, "[1, [2, 3], 4]", "[99999999999999999999]"), `m.yaml:14:17: state number 99999999999999999999 is too large`},
		{"reversibility unknown", edit(t, "  - id: a\n", "  - id: a\n    reversibility: fwd\n"), `m.yaml:4:20: unknown reversibility "fwd" (did you mean "forward"? it is both, forward or backward)`},
		{"reversibility typo", edit(t, "  - id: a\n", "  - id: a\n    reversibility: forwards\n"), `m.yaml:4:20: unknown reversibility "forwards" (did you mean "forward"? it is both, forward or backward)`},
		{"name is a mapping", edit(t, "  - id: a\n", "  - id: a\n    name: {x: 1}\n"), `m.yaml:4:11: "name" must be text, found a mapping`},
		// fields
		{"unknown field with suggestion", edit(t, "  - id: a\n", "  - id: a\n    nmae: A\n"), `m.yaml:4:5: unknown field "nmae" in an option (did you mean "name"?)`},
		{"unknown field", edit(t, "  - id: a\n", "  - id: a\n    colour: red\n"), `m.yaml:4:5: unknown field "colour" in an option (known fields: id, name, description, reversibility, note, source)`},
		{"helper at top level", edit(t, "title: Test\n", "title: Test\nmutually_exclusive: [[a, b]]\n"), `m.yaml:2:1: unknown field "mutually_exclusive" in the model (it belongs under "feasibility:")`},
		{"ranking under dm", edit(t, "    options: [c]\n", "    options: [c]\n    ranking: [1]\n"), `m.yaml:13:5: unknown field "ranking" in a decision maker (it belongs under "preferences:")`},
		{"duplicate field", edit(t, "title: Test\n", "title: Test\ntitle: Again\n"), `m.yaml:2:1: duplicate field "title" (first at 1:1)`},
		{"missing title", edit(t, "title: Test\n", ""), `m.yaml:1:1: missing title (add "title: <a short name for the conflict>")`},
		{"empty title", edit(t, "title: Test\n", "title: \"\"\n"), `m.yaml:1:8: missing title (add "title: <a short name for the conflict>")`},
		{"missing options", edit(t, "options:\n  - id: a\n  - id: b\n  - id: c\n", ""), `m.yaml:1:1: no options (list the options under "options:", each with an id)`},
		{"missing decision makers", "title: T\noptions: [{id: a}]\n", `m.yaml:1:1: no decision makers (list at least two under "decision_makers:", each with an id, options and preferences)`},
		{"one decision maker", edit(t, "  - id: P2\n    options: [c]\n    preferences:\n      ranking: [1, [2, 3], 4]\n", ""), `m.yaml:5:5: option "c" is controlled by no decision maker (add it to the options of one decision maker)
m.yaml:7:3: only one decision maker (a conflict needs at least two; add the other side)`},
		{"option without id", edit(t, "  - id: b\n", "  - name: B\n"), `m.yaml:4:5: option has no id (add "id: <a letter or _ followed by letters, digits, _ or .>")`},
		{"dm without id", edit(t, "  - id: P2\n", "  - name: P2\n"), `m.yaml:11:5: decision maker has no id (add "id: <a letter or _ followed by letters, digits, _ or .>")`},
		{"dm without options", edit(t, "    options: [c]\n", ""), `m.yaml:5:5: option "c" is controlled by no decision maker (add it to the options of one decision maker)
m.yaml:11:5: decision maker "P2" controls no options (list the ids of the options it controls under "options:")`},
		{"dm with no options", edit(t, "options: [c]", "options: []"), `m.yaml:5:5: option "c" is controlled by no decision maker (add it to the options of one decision maker)
m.yaml:12:14: decision maker "P2" controls no options (list the ids of the options it controls under "options:")`},
		{"dm without preferences", edit(t, "    preferences:\n      ranking: [1, [2, 3], 4]\n", ""), `m.yaml:11:5: decision maker "P2" has no preferences (add "preferences:" with "statements:" (most important first) or "ranking:" (states, best first))`},
		{"empty preferences", edit(t, "    preferences:\n      ranking: [1, [2, 3], 4]\n", "    preferences: {}\n"), `m.yaml:13:18: decision maker "P2" has no preferences (add "preferences:" with "statements:" (most important first) or "ranking:" (states, best first))`},
		{"statements and ranking", edit(t, "      ranking: [1, [2, 3], 4]\n", "      ranking: [1, [2, 3], 4]\n      statements: [c]\n"), `m.yaml:14:7: decision maker "P2" has both statements and a ranking (keep one of statements and ranking)`},
		{"empty statements", edit(t, `statements: ["a", "not b"]`, `statements: []`), `m.yaml:10:19: empty statements list (list the statements, most important first)`},
		{"empty ranking", edit(t, "[1, [2, 3], 4]", "[]"), `m.yaml:14:16: empty ranking (list the state numbers, best first)`},
		// ids and references
		{"invalid option id", edit(t, "  - id: c\n", "  - id: 1c\n", "[c]", "[1c]"), `m.yaml:5:9: invalid option id "1c" (an id is a letter or _ followed by letters, digits, _ or .)`},
		{"keyword option id", edit(t, "  - id: c\n", "  - id: OR\n", "[c]", "[OR]"), `m.yaml:5:9: option id "OR" is a reserved word (not, and, or, if and iff, in any case, are operators of the statement language)`},
		// The duplicate is the cause: the references to "b", which the
		// second id should have been, are not reported as unknown too.
		{"duplicate option id", edit(t, "  - id: b\n", "  - id: a\n"), `m.yaml:4:9: duplicate option id "a" (first at 3:9)`},
		{"duplicate dm id", edit(t, "  - id: P2\n", "  - id: P1\n"), `m.yaml:11:9: duplicate decision maker id "P1" (first at 7:9)`},
		// A DM name that another DM's id or number also answers to would
		// make --dm pick the other DM silently.
		{"dm name is another's id", edit(t, "  - id: P1\n", "  - id: P1\n    name: p2\n"), `m.yaml:8:11: the name "p2" of decision maker "P1" is the id of decision maker "P2" (rename one of them: --dm p2 would mean decision maker "P2")`},
		{"dm name is another's number", edit(t, "  - id: P1\n", "  - id: P1\n    name: \"2\"\n"), `m.yaml:8:11: the name "2" of decision maker "P1" is the number of decision maker "P2" (use a name that is not a number from 1 to 2: --dm 2 picks a decision maker by name or by number)`},
		{"invalid dm id", edit(t, "  - id: P2\n", "  - id: P 2\n"), `m.yaml:11:9: invalid decision maker id "P 2" (an id is a letter or _ followed by letters, digits, _ or .)`},
		// One typo, one error: "c", which "C" probably means, is not also
		// reported as controlled by no decision maker.
		{"unknown option in dm", edit(t, "options: [c]", "options: [C, d]"), `m.yaml:12:15: unknown option "C" in the options of decision maker "P2" (did you mean "c"?)
m.yaml:12:18: unknown option "d" in the options of decision maker "P2" (known: a, b, c)`},
		{"option owned twice", edit(t, "options: [c]", "options: [c, a]"), `m.yaml:12:18: option "a" is controlled by both "P1" and "P2" (each option belongs to exactly one decision maker)`},
		{"option listed twice", edit(t, "options: [c]", "options: [c, c]"), `m.yaml:12:18: option "c" is listed twice for decision maker "P2"`},
		{"option owned by nobody", edit(t, "options: [a, b]", "options: [a]"), `m.yaml:4:5: option "b" is controlled by no decision maker (add it to the options of one decision maker)`},
		// statements
		{"statement syntax, flow double-quoted", edit(t, `"not b"`, `"not b and"`), `m.yaml:10:35: invalid statement: missing operand after "and"`},
		{"statement syntax, single-quoted", edit(t, `"not b"`, `'(a or b'`), `m.yaml:10:26: invalid statement: unclosed "("`},
		{"statement unknown option, flow", edit(t, `"not b"`, `"not b and zz"`), `m.yaml:10:36: unknown option "zz" in statement (known: a, b, c)`},
		{"statement unknown option, block plain", edit(t, `statements: ["a", "not b"]`, "statements:\n        - a\n        - not b or  cc"), `m.yaml:12:21: unknown option "cc" in statement (did you mean "c"?)`},
		{"statement unknown option, mapping", edit(t, `statements: ["a", "not b"]`, "statements:\n        - statement: a and   bb\n          note: why"), `m.yaml:11:30: unknown option "bb" in statement (did you mean "b"?)`},
		{"statement unknown option, escaped", edit(t, `"not b"`, `"not\tb and zz"`), `m.yaml:10:26: unknown option "zz" in statement (known: a, b, c; at column 11 of the statement)`},
		{"statement syntax, folded", edit(t, `statements: ["a", "not b"]`, "statements:\n        - >-\n          a and\n          (b"), `m.yaml:11:11: invalid statement: unclosed "(" (at column 7 of the statement)`},
		{"statement syntax, multi-line plain", edit(t, `statements: ["a", "not b"]`, "statements:\n        - a and\n          b b"), `m.yaml:11:11: invalid statement: missing operator between "b" and "b" (at column 9 of the statement)`},
		// ranking
		{"ranking not positive", edit(t, "[1, [2, 3], 4]", "[0, [2, 3], -4]"), `m.yaml:14:17: state number must be positive, found 0 (states are numbered from 1)
m.yaml:14:28: state number must be positive, found -4 (states are numbered from 1)`},
		{"ranking repeated", edit(t, "[1, [2, 3], 4]", "[1, [2, 1], 4, 2]"), `m.yaml:14:24: state 1 appears twice in the ranking of decision maker "P2" (first at 14:17)
m.yaml:14:31: state 2 appears twice in the ranking of decision maker "P2" (first at 14:21)`},
		{"ranking empty tie group", edit(t, "[1, [2, 3], 4]", "[1, [], 2]"), `m.yaml:14:20: empty tie group in the ranking of decision maker "P2" (a tie group lists at least one state)`},
		// feasibility
		{"feasibility unknown field", base + "feasibility:\n  exclusive: [[a, b]]\n", `m.yaml:16:3: unknown field "exclusive" in feasibility (did you mean "mutually_exclusive"?)`},
		{"feasibility is a list", base + "feasibility: [a]\n", `m.yaml:15:14: feasibility must be a mapping, found a list (write feasibility: {infeasible: [...], mutually_exclusive: [...], ...})`},
		{"infeasible unknown option", base + "feasibility:\n  infeasible: [\"a and  x\"]\n", `m.yaml:16:24: unknown option "x" in statement (known: a, b, c)`},
		{"infeasible syntax", base + "feasibility:\n  infeasible:\n    - a and or b\n", `m.yaml:17:13: invalid statement: missing operand after "and"`},
		{"mutually exclusive unknown option", base + "feasibility:\n  mutually_exclusive: [[a, bb]]\n", `m.yaml:16:28: unknown option "bb" in mutually_exclusive (did you mean "b"?)`},
		{"mutually exclusive one option", base + "feasibility:\n  mutually_exclusive: [[a]]\n", `m.yaml:16:24: mutually_exclusive needs at least two options (it says that at most one of them is taken)`},
		{"mutually exclusive repeated option", base + "feasibility:\n  mutually_exclusive:\n    - options: [a, b, a]\n      note: x\n", `m.yaml:17:23: option "a" is listed twice in mutually_exclusive`},
		{"mutually exclusive entry is text", base + "feasibility:\n  mutually_exclusive: [a, b]\n", `m.yaml:16:23: "mutually_exclusive" must be a list of lists of option ids (write mutually_exclusive: [[a, b]], one list per group)`},
		{"at least one empty", base + "feasibility:\n  at_least_one: [[]]\n", `m.yaml:16:18: at_least_one needs at least one option`},
		{"exactly one without options", base + "feasibility:\n  exactly_one:\n    - note: x\n", `m.yaml:17:7: exactly_one entry has no "options" (write options: [a, b])`},
		{"requires without option", base + "feasibility:\n  requires:\n    - requires: [a]\n", `m.yaml:17:7: requires entry has no "option" (name the option that needs the others)`},
		{"requires without requires", base + "feasibility:\n  requires:\n    - option: a\n", `m.yaml:17:7: requires entry has no "requires" (list the options it requires)`},
		{"requires itself", base + "feasibility:\n  requires:\n    - {option: a, requires: [b, a]}\n", `m.yaml:17:33: option "a" requires itself`},
		{"requires unknown", base + "feasibility:\n  requires:\n    - {option: aa, requires: bb}\n", `m.yaml:17:16: unknown option "aa" in requires (did you mean "a"?)
m.yaml:17:30: unknown option "bb" in requires (did you mean "b"?)`},
		{"requires empty list", base + "feasibility:\n  requires:\n    - {option: a, requires: []}\n", `m.yaml:17:7: requires needs an option and at least one option it requires`},
		// status quo
		{"status quo unknown option", base + "status_quo:\n  taken: [a, x]\n", `m.yaml:16:14: unknown option "x" in status_quo (known: a, b, c)`},
		{"status quo repeated option", base + "status_quo: [a, a]\n", `m.yaml:15:17: option "a" is listed twice in status_quo`},
		{"status quo without taken", base + "status_quo:\n  note: now\n", `m.yaml:16:3: status_quo has no "taken" (write taken: [] when no option is taken)`},
		{"status quo is text", base + "status_quo: a\n", `m.yaml:15:13: status_quo must be a mapping, found the text "a" (write status_quo: {taken: [a, b]})`},
		{"status quo taken is text", base + "status_quo: {taken: a}\n", `m.yaml:15:21: "taken" must be a list, found the text "a" (write [a] for a single option)`},
		// sources
		{"source without ref", edit(t, "title: Test\n", "title: Test\nsources:\n  - note: x\n"), `m.yaml:3:5: source has no ref (write "ref: <citation>")`},
		{"sources is text", edit(t, "title: Test\n", "title: Test\nsources: x\n"), `m.yaml:2:10: "sources" must be a list, found the text "x" (write each source as "- ref: ...")`},
		// many
		{"several problems, sorted", edit(t, "title: Test\n", "", "options: [c]", "options: [c, x]", `"not b"`, `"not y"`), `m.yaml:1:1: missing title (add "title: <a short name for the conflict>")
m.yaml:9:30: unknown option "y" in statement (known: a, b, c)
m.yaml:11:18: unknown option "x" in the options of decision maker "P2" (known: a, b, c)`},
		{"too many errors", edit(t, "options: [c]", "options: [c, x1, x2, x3, x4, x5, x6, x7, x8, x9, x10, x11, x12, x13, x14, x15, x16, x17, x18, x19, x20, x21, x22]"), `m.yaml:12:18: unknown option "x1" in the options of decision maker "P2" (known: a, b, c)
m.yaml:12:22: unknown option "x2" in the options of decision maker "P2" (known: a, b, c)
m.yaml:12:26: unknown option "x3" in the options of decision maker "P2" (known: a, b, c)
m.yaml:12:30: unknown option "x4" in the options of decision maker "P2" (known: a, b, c)
m.yaml:12:34: unknown option "x5" in the options of decision maker "P2" (known: a, b, c)
m.yaml:12:38: unknown option "x6" in the options of decision maker "P2" (known: a, b, c)
m.yaml:12:42: unknown option "x7" in the options of decision maker "P2" (known: a, b, c)
m.yaml:12:46: unknown option "x8" in the options of decision maker "P2" (known: a, b, c)
m.yaml:12:50: unknown option "x9" in the options of decision maker "P2" (known: a, b, c)
m.yaml:12:54: unknown option "x10" in the options of decision maker "P2" (known: a, b, c)
m.yaml:12:59: unknown option "x11" in the options of decision maker "P2" (known: a, b, c)
m.yaml:12:64: unknown option "x12" in the options of decision maker "P2" (known: a, b, c)
m.yaml:12:69: unknown option "x13" in the options of decision maker "P2" (known: a, b, c)
m.yaml:12:74: unknown option "x14" in the options of decision maker "P2" (known: a, b, c)
m.yaml:12:79: unknown option "x15" in the options of decision maker "P2" (known: a, b, c)
m.yaml:12:84: unknown option "x16" in the options of decision maker "P2" (known: a, b, c)
m.yaml:12:89: unknown option "x17" in the options of decision maker "P2" (known: a, b, c)
m.yaml:12:94: unknown option "x18" in the options of decision maker "P2" (known: a, b, c)
m.yaml:12:99: unknown option "x19" in the options of decision maker "P2" (known: a, b, c)
m.yaml:12:104: unknown option "x20" in the options of decision maker "P2" (known: a, b, c)
m.yaml: too many errors (2 more not shown)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := Parse([]byte(tt.in), "m.yaml")
			if err == nil {
				t.Fatalf("no error; model %+v", m)
			}
			if m != nil {
				t.Errorf("model %v returned with error", m)
			}
			checkErrorType(t, err)
			if got := err.Error(); got != tt.want {
				t.Errorf("got\n%s\nwant\n%s\nquoted: %q", got, tt.want, got)
			}
		})
	}
}

// checkErrorType checks that err is an *Error or an ErrorList of two or
// more sorted entries.
func checkErrorType(t *testing.T, err error) {
	t.Helper()
	var e *Error
	var l ErrorList
	switch {
	case errors.As(err, &e):
	case errors.As(err, &l):
		if len(l) < 2 {
			t.Errorf("ErrorList of %d", len(l))
		}
		for i := 1; i < len(l); i++ {
			a, b := l[i-1].Pos, l[i].Pos
			if a.File == b.File && (a.Line > b.Line || a.Line == b.Line && a.Col > b.Col) && b.Line != 0 {
				t.Errorf("not sorted: %v before %v", a, b)
			}
		}
	default:
		t.Errorf("error of type %T", err)
	}
}

func TestLoad(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "m.yaml")
	if err := os.WriteFile(path, []byte(base), 0o644); err != nil {
		t.Fatal(err)
	}
	m, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if m.File != path || m.Options[0].Pos.File != path {
		t.Errorf("File not set: %q %v", m.File, m.Options[0].Pos)
	}
	if _, err := Load(filepath.Join(dir, "missing.yaml")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing file: %v", err)
	}
}

func TestAliases(t *testing.T) {
	// merge keys: fields set in the mapping win over merged ones, earlier
	// merged mappings over later ones
	in := edit(t, "  - id: a\n  - id: b\n", "  - &x {id: a, name: A, note: nx}\n  - &y {id: y, name: Y, source: sy}\n  - {<<: [*x, *y], id: b}\n",
		"options: [a, b]", "options: [a, b, y]")
	m, err := Parse([]byte(in), "m.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if o := m.Options[2]; o.ID != "b" || o.Name != "A" || o.Note != "nx" || o.Source != "sy" {
		t.Errorf("merged option %+v", o)
	}
	// aliases of aliases: the decoder never expands them deeper than the
	// schema goes, so this is quick
	var b strings.Builder
	b.WriteString(base + "feasibility:\n  mutually_exclusive: &m0 [[a, b]]\n  exactly_one: [")
	for i := 1; i <= 12; i++ {
		fmt.Fprintf(&b, "&m%d [*m%d, *m%d, *m%d, *m%d, *m%d, *m%d, *m%d, *m%d], ", i, i-1, i-1, i-1, i-1, i-1, i-1, i-1, i-1)
	}
	b.WriteString("[a]]\n  at_least_one: *m12\n")
	_, err = Parse([]byte(b.String()), "m.yaml")
	if err == nil || !strings.HasPrefix(err.Error(), "m.yaml:16:23: an option id must be text, found a list") {
		t.Errorf("got %v", err)
	}
	// many aliases of a large decision maker: the work grows with the
	// product of the sizes
	var big strings.Builder
	big.WriteString("title: T\noptions: [{id: a}, {id: b}]\ndm: &d\n  id: P\n  options: [a]\n  preferences:\n    statements:\n")
	for range 2000 {
		big.WriteString("      - a and not b or b and not a or a and b or not a and not b\n")
	}
	big.WriteString("decision_makers: [")
	for range 2000 {
		big.WriteString("*d, ")
	}
	big.WriteString("{id: Q, options: [b], preferences: {ranking: [1]}}]\n")
	in = strings.Replace(big.String(), "dm: &d\n", "description: &d\n", 1)
	_, err = Parse([]byte(in), "m.yaml")
	if err == nil || err.Error() != "m.yaml:1:1: the file uses aliases (*name) so heavily that reading it would take too long (repeat the content instead of aliasing it)" {
		t.Errorf("got %v", err)
	}
}

// TestOneTypoOneError: a misspelt field gives one error, the cause
// ("unknown field ... (did you mean ...?)"), never a second one about the
// field it meant being missing (issue 10, item 9), in YAML and JSON.
func TestOneTypoOneError(t *testing.T) {
	for _, tc := range []struct{ name, old, new, want string }{
		{"title", "title: Test", "titel: Test", `unknown field "titel" in the model (did you mean "title"?)`},
		{"options", "options:\n  - id: a", "option:\n  - id: a", `unknown field "option" in the model (did you mean "options"?)`},
		{"decision_makers", "decision_makers:", "decision_maker:", `unknown field "decision_maker" in the model (did you mean "decision_makers"?)`},
		{"option id", "  - id: a\n", "  - ID: a\n", `unknown field "ID" in an option (did you mean "id"?)`},
		{"DM id", "  - id: P2", "  - ids: P2", `unknown field "ids" in a decision maker (did you mean "id"?)`},
		{"DM options", "    options: [c]", "    option: [c]", `unknown field "option" in a decision maker (did you mean "options"?)`},
		{"DM controls", "    options: [c]", "    controls: [c]", `unknown field "controls" in a decision maker (did you mean "options"?)`},
		{"preferences", "    preferences:\n      ranking", "    preference:\n      ranking", `unknown field "preference" in a decision maker (did you mean "preferences"?)`},
		{"statements", "statements: [", "statement: [", `unknown field "statement" in preferences (did you mean "statements"?)`},
		{"ranking", "ranking: [1", "rankings: [1", `unknown field "rankings" in preferences (did you mean "ranking"?)`},
		{"option in a DM's options", "options: [c]", "options: [cc]", `unknown option "cc" in the options of decision maker "P2" (did you mean "c"?)`},
		{"status quo taken", "", "", `unknown field "take" in status_quo (did you mean "taken"?)`},
		{"source ref", "", "", `unknown field "refs" in a source (did you mean "ref"?)`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := base
			switch tc.name {
			case "status quo taken":
				in += "status_quo: {take: [a]}\n"
			case "source ref":
				in = "sources:\n  - refs: report.txt\n" + in
			default:
				in = edit(t, tc.old, tc.new)
			}
			_, err := Parse([]byte(in), "m.yaml")
			if err == nil {
				t.Fatal("no error")
			}
			var list ErrorList
			if errors.As(err, &list) {
				t.Fatalf("%d errors for one typo:\n%v", len(list), err)
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("got %v, want %q", err, tc.want)
			}
		})
	}
	// The same in a JSON model.
	js := `{"title": "t", "options": [{"id": "a"}, {"id": "b"}], "decision_makers": [
  {"id": "P1", "options": ["a"], "preferences": {"statements": ["a"]}},
  {"id": "P2", "options": ["b"], "preference": {"statements": ["b"]}}]}`
	_, err := Parse([]byte(js), "m.json")
	var list ErrorList
	if err == nil || errors.As(err, &list) || !strings.Contains(err.Error(), `unknown field "preference" in a decision maker (did you mean "preferences"?)`) {
		t.Errorf("JSON: got %v", err)
	}
}
