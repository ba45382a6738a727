package model

import (
	"bytes"
	"encoding/json"
	"os"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"gopkg.in/yaml.v3"
)

func compileSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	f, err := os.Open("../docs/model.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft2020)
	if err := c.AddResource("model.schema.json", doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile("model.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// asJSON converts a YAML (or JSON) model file to the JSON value a schema
// validator reads; yaml.v3 resolves aliases and merge keys.
func asJSON(t *testing.T, data []byte) any {
	t.Helper()
	var v any
	if err := yaml.Unmarshal(data, &v); err != nil {
		t.Fatal(err)
	}
	j, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	out, err := jsonschema.UnmarshalJSON(bytes.NewReader(j))
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestSchemaAcceptsValidModels checks that every valid model of the tests
// conforms to docs/model.schema.json.
func TestSchemaAcceptsValidModels(t *testing.T) {
	s := compileSchema(t)
	inputs := map[string][]byte{"base": []byte(base), "jsonBase": []byte(jsonBase)}
	for _, f := range validFiles(t) {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		inputs[f] = data
		m, err := Parse(data, f)
		if err != nil {
			t.Fatal(err)
		}
		if inputs[f+" marshalled"], err = Marshal(m); err != nil {
			t.Fatal(err)
		}
	}
	var err error
	if inputs["built marshalled"], err = Marshal(built()); err != nil {
		t.Fatal(err)
	}
	for name, data := range inputs {
		if _, err := Parse(data, name); err != nil {
			t.Fatalf("%s: not a valid model: %v", name, err)
		}
		if err := s.Validate(asJSON(t, data)); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}

// TestSchemaRejects checks that the schema is not vacuous: structural
// mistakes that the loader reports are schema violations too.
func TestSchemaRejects(t *testing.T) {
	s := compileSchema(t)
	tests := []struct{ name, in string }{
		{"missing title", edit(t, "title: Test\n", "")},
		{"unknown field", edit(t, "  - id: a\n", "  - id: a\n    nmae: A\n")},
		{"options is text", edit(t, "options: [c]", "options: c")},
		{"one decision maker", edit(t, "  - id: P2\n    options: [c]\n    preferences:\n      ranking: [1, [2, 3], 4]\n", "")},
		{"statements and ranking", edit(t, "      ranking: [1, [2, 3], 4]\n", "      ranking: [1, [2, 3], 4]\n      statements: [c]\n")},
		{"no preferences", edit(t, "    preferences:\n      ranking: [1, [2, 3], 4]\n", "")},
		{"ranking zero", edit(t, "[1, [2, 3], 4]", "[0]")},
		{"ranking nested", edit(t, "[1, [2, 3], 4]", "[1, [2, [3]]]")},
		{"keyword id", edit(t, "  - id: c\n", "  - id: Or\n")},
		{"invalid id", edit(t, "  - id: c\n", "  - id: 3c\n")},
		{"reversibility", edit(t, "  - id: a\n", "  - id: a\n    reversibility: fwd\n")},
		{"mutually exclusive of one", base + "feasibility:\n  mutually_exclusive: [[a]]\n"},
		{"mutually exclusive of one, mapping", base + "feasibility:\n  mutually_exclusive: [{options: [a]}]\n"},
		{"requires without requires", base + "feasibility:\n  requires: [{option: a}]\n"},
		{"status quo repeated", base + "status_quo: [a, a]\n"},
	}
	for _, tt := range tests {
		if _, err := Parse([]byte(tt.in), "m.yaml"); err == nil {
			t.Errorf("%s: the loader accepts it", tt.name)
		}
		if err := s.Validate(asJSON(t, []byte(tt.in))); err == nil {
			t.Errorf("%s: the schema accepts it", tt.name)
		} else if testing.Verbose() {
			t.Logf("%s: %v", tt.name, err)
		}
	}
}

// TestSchemaRankingForms: the schema accepts rankings by number, pattern
// and options taken, with a numbering record, and rejects other entries.
func TestSchemaRankingForms(t *testing.T) {
	s := compileSchema(t)
	doc := func(ranking string) []byte {
		return []byte(`title: PD
options: [{id: d1}, {id: d2}]
decision_makers:
  - {id: P1, options: [d1], preferences: {ranking: ` + ranking + `}}
  - {id: P2, options: [d2], preferences: {ranking: [1, 2, 3, 4], numbering: {states: 4, options: [d1, d2]}}}
`)
	}
	for _, ok := range []string{`[2, 1, 4, 3]`, `["Y N", "NN", ["YY", "NY"]]`, `[{taken: [d1]}, {taken: []}, 4, 3]`,
		`[2, ">>", 1, {cut: ">>", note: n, source: "[P1]"}, 4, 3]`, `["Y N", ">>", "NN", ["YY", "NY"]]`} {
		if err := s.Validate(asJSON(t, doc(ok))); err != nil {
			t.Errorf("schema rejects ranking %s: %v", ok, err)
		}
		if _, err := Parse(doc(ok), "pd.yaml"); err != nil {
			t.Errorf("loader rejects ranking %s: %v", ok, err)
		}
	}
	for _, bad := range []string{`["maybe", 1, 2, 3]`, `[{took: [d1]}, 1, 2, 3]`, `[0, 1, 2, 3]`, `[2, ">", 1, 4, 3]`, `[2, {cut: ">>", why: x}, 1, 4, 3]`} {
		if err := s.Validate(asJSON(t, doc(bad))); err == nil {
			t.Errorf("schema accepts ranking %s", bad)
		}
	}
}
