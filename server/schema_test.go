package server

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// schema compiles docs/NAME.schema.json with the other schemas of docs/
// available for its references.
func schema(t *testing.T, name string) *jsonschema.Schema {
	t.Helper()
	const base = "https://github.com/gmcr/gmcr/docs/"
	paths, _ := filepath.Glob("../docs/*.schema.json")
	if len(paths) == 0 {
		t.Fatal("no schemas in docs/")
	}
	c := jsonschema.NewCompiler()
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			t.Fatal(err)
		}
		doc, err := jsonschema.UnmarshalJSON(f)
		f.Close()
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		if err := c.AddResource(base+filepath.Base(p), doc); err != nil {
			t.Fatal(err)
		}
	}
	s, err := c.Compile(base + name + ".schema.json")
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func conforms(t *testing.T, name string, doc json.RawMessage) {
	t.Helper()
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(doc))
	if err != nil {
		t.Fatalf("%s: not JSON: %v", name, err)
	}
	if err := schema(t, name).Validate(inst); err != nil {
		t.Errorf("the API's %s document does not follow docs/%s.schema.json: %v", name, name, err)
	}
}

// TestDocumentsFollowSchemas checks that the documents the API embeds are
// the CLI's, as docs/api.md says: they follow the published schemas.
func TestDocumentsFollowSchemas(t *testing.T) {
	_, ts := newTest(t, Config{})
	u := Input{Source: exampleSource(t, "ukraine-security")}
	var d Document
	if code := call(t, ts, "POST", "/api/explain", ExplainRequest{Input: u, State: "176"}, &d); code != 200 {
		t.Fatal(code)
	}
	conforms(t, "explanation", d.Document)
	var ev Evolution
	if code := call(t, ts, "POST", "/api/evolve", EvolveRequest{Input: u, Paths: 3}, &ev); code != 200 {
		t.Fatal(code)
	}
	conforms(t, "evolution", ev.Document.Document)
	if code := call(t, ts, "POST", "/api/compare", CompareRequest{Input: u}, &d); code != 200 {
		t.Fatal(code)
	}
	conforms(t, "comparison", d.Document)
	if code := call(t, ts, "POST", "/api/coalition", u, &d); code != 200 {
		t.Fatal(code)
	}
	conforms(t, "coalitions", d.Document)
}
