package model

import (
	"strings"
	"testing"
)

const jsonBase = `{
  "title": "T",
  "options": [{"id": "a"}, {"id": "b"}],
  "decision_makers": [
    {"id": "P1", "options": ["a"], "preferences": {"statements": ["a and not b"]}},
    {"id": "P2", "options": ["b"], "preferences": {"ranking": [1, [2, 3], 4]}}
  ]
}
`

func TestJSON(t *testing.T) {
	m, err := Parse([]byte(jsonBase), "m.json")
	if err != nil {
		t.Fatal(err)
	}
	if p := m.DMs[0].Prefs.Statements[0].Pos; p != (Pos{"m.json", 5, 68}) {
		t.Errorf("statement at %v", p)
	}
	if p := m.Options[1].Pos; p != (Pos{"m.json", 3, 28}) {
		t.Errorf("option at %v", p)
	}
	// every JSON escape, a byte-order mark, tabs and CRLF line ends
	in := "\ufeff{\"title\": \"\\u00e9\\/\\ud83d\\ude00\\t\\\"\",\r\n\t\"options\": [{\"id\": \"a\"}, {\"id\": \"b\"}],\r\n" +
		"\t\"decision_makers\": [{\"id\": \"P\", \"options\": [\"a\"], \"preferences\": {\"statements\": [\"a\"]}}, " +
		"{\"id\": \"Q\", \"options\": [\"b\"], \"preferences\": {\"ranking\": [1e0]}}]}"
	_, err = Parse([]byte(in), "m.json")
	if err == nil || err.Error() != `m.json:3:149: a ranking entry must be a state number, a Y/N pattern or {taken: [...]}, found the number 1e0 (ranking entries are ordered state numbers (1, 2, ...), Y/N patterns ("YN NY") or {taken: [a, b]}, or lists of them for ties)` {
		t.Errorf("got %v", err)
	}
	in = strings.Replace(in, "1e0", "1", 1)
	m, err = Parse([]byte(in), "m.json")
	if err != nil {
		t.Fatal(err)
	}
	if m.Title != "é/😀\t\"" {
		t.Errorf("title %q", m.Title)
	}
	if p := m.Options[0].Pos; p != (Pos{"m.json", 2, 14}) {
		t.Errorf("option at %v", p)
	}
}

func TestJSONErrors(t *testing.T) {
	tests := []struct {
		name, in, file, want string
	}{
		{"trailing comma", strings.Replace(jsonBase, `"T",`, `"T",,`, 1), "m.json",
			`m.json:2:16: invalid JSON: expected a key in double quotes, found ','`},
		{"trailing comma in object", strings.Replace(jsonBase, `{"id": "a"}`, `{"id": "a",}`, 1), "m.json",
			`m.json:3:26: invalid JSON: expected a key in double quotes, found '}' (JSON allows no comma before "}")`},
		{"trailing comma in array", strings.Replace(jsonBase, `{"id": "b"}]`, `{"id": "b"},]`, 1), "m.json",
			`m.json:3:40: invalid JSON: expected a value, found ']' (JSON allows no comma before "]")`},
		{"missing comma", strings.Replace(jsonBase, `"T",`, `"T"`, 1), "m.json",
			`m.json:3:3: invalid JSON: expected "," or "}" after an object member, found '"' (a comma is missing)`},
		{"unquoted key", strings.Replace(jsonBase, `"title"`, `title`, 1), "m.json",
			`m.json:2:3: invalid JSON: expected a key in double quotes, found 't' (keys are written in double quotes)`},
		{"single quotes", strings.Replace(jsonBase, `"T"`, `'T'`, 1), "m.json",
			`m.json:2:12: invalid JSON: expected a value, found '\'' (JSON strings are written in double quotes)`},
		{"unterminated string", `{"title": "T`, "m.json",
			`m.json:1:11: invalid JSON: unterminated string (a closing '"' is missing)`},
		{"line break in string", "{\"title\": \"T\n\"}", "m.json",
			`m.json:1:13: invalid JSON: control character '\n' in a string (write \n for a line break, or close the string)`},
		{"bad escape", `{"title": "\q"}`, "m.json",
			`m.json:1:12: invalid JSON: invalid escape "\\q" (JSON escapes are \" \\ \/ \b \f \n \r \t and \uXXXX)`},
		{"bad number", `{"title": 012}`, "m.json",
			`m.json:1:11: invalid JSON: invalid number "012"`},
		{"comment", "{\n  // c\n}", "m.json",
			`m.json:2:3: JSON does not allow comments (remove the comment, or save the model as a .yaml file, where # starts a comment)`},
		{"leading comment", "// a model\n{}", "m.json",
			`m.json:1:1: JSON does not allow comments (remove the comment, or save the model as a .yaml file, where # starts a comment)`},
		{"end of file", jsonBase[:40], "m.json", // inside "a"
			`m.json:3:22: invalid JSON: unterminated string (a closing '"' is missing)`},
		{"end of file after colon", `{"title":`, "m.json",
			`m.json:1:10: invalid JSON: unexpected end of file, expected a value`},
		{"unclosed object", "{\"title\": \"T\"", "m.json",
			`m.json:1:14: invalid JSON: unexpected end of file in an object (a "}" is missing)`},
		{"text after", jsonBase + "x", "m.json",
			`m.json:9:1: invalid JSON: unexpected 'x' after the end of the JSON value`},
		{"invalid UTF-8", "{\"title\": \"\xff\"}", "m.json",
			`m.json:1:12: invalid UTF-8 in JSON text`},
		{"too deep", strings.Repeat("[", 1001), "m.json",
			`m.json:1:1001: invalid JSON: nested more than 1000 levels deep`},
		{"root is an array", `[1]`, "m.json",
			`m.json:1:1: the model must be a mapping, found a list (a model file is a mapping with title, options and decision_makers)`},
		{"not JSON but YAML flow", `{title: T, options: [{id: a}], decision_makers: []}`, "m.yaml",
			`m.yaml:1:49: no decision makers (list at least two under "decision_makers:", each with an id, options and preferences)`},
		{"neither", `{title: T, options: [}`, "m.yaml",
			`m.yaml:1:2: invalid JSON: expected a key in double quotes, found 't' (keys are written in double quotes)`},
		{"statement column", strings.Replace(jsonBase, `"a and not b"`, `"a and not bb"`, 1), "m.json",
			`m.json:5:78: unknown option "bb" in statement (did you mean "b"?)`},
		{"statement column after escape", strings.Replace(jsonBase, `"a and not b"`, `"a and\tnot bb"`, 1), "m.json",
			`m.json:5:68: unknown option "bb" in statement (did you mean "b"?; at column 11 of the statement)`},
		{"duplicate key", strings.Replace(jsonBase, `"title": "T",`, `"title": "T", "title": "U",`, 1), "m.json",
			`m.json:2:17: duplicate field "title" (first at 2:3)`},
		{"number as id", strings.Replace(jsonBase, `{"id": "b"}`, `{"id": 2}`, 1), "m.json",
			`m.json:3:35: an option id must be text, found the number 2 (an id starts with a letter or _)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse([]byte(tt.in), tt.file)
			if err == nil {
				t.Fatal("no error")
			}
			checkErrorType(t, err)
			if err.Error() != tt.want {
				t.Errorf("got\n%s\nwant\n%s\nquoted: %q", err, tt.want, err.Error())
			}
		})
	}
}
