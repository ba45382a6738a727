package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// docsSchema compiles docs/NAME.schema.json with the other schemas of
// docs/ available for its references.
func docsSchema(t *testing.T, docs, name string) *jsonschema.Schema {
	t.Helper()
	const base = "https://github.com/gmcr/gmcr/docs/"
	paths, _ := filepath.Glob(filepath.Join(docs, "*.schema.json"))
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
		t.Fatalf("%s.schema.json: %v", name, err)
	}
	return s
}

// TestMoreDocumentsFollowSchemas checks the JSON documents of strength
// --state and --from, uncertain --state, limited and robustness against
// their schemas in docs/, each naming its schema in "$schema" and giving
// format_version, on models that exercise their optional parts.
func TestMoreDocumentsFollowSchemas(t *testing.T) {
	docs, err := filepath.Abs(filepath.Join(repoRoot, "docs"))
	if err != nil {
		t.Fatal(err)
	}
	inTemp(t)
	if err := os.WriteFile("strike.yaml", []byte(strikeModel), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, x := range []string{"prisoners-dilemma", "prisoners-dilemma-strength", "prisoners-dilemma-unknown", "announcement", "chicken"} {
		check(t, "", 0, []string{"examples", x, "-o", x + ".yaml"})
	}
	check(t, "", 0, []string{"generate", "--dms", "2", "--options", "6", "--seed", "1", "-o", "g.yaml"})
	type run struct {
		schema string
		args   []string
	}
	var runs []run
	for _, m := range []string{"prisoners-dilemma-strength.yaml", "prisoners-dilemma-unknown.yaml", "strike.yaml"} {
		for _, s := range []string{"1", "2", "3", "4"} {
			runs = append(runs, run{"strength-explanation", []string{"strength", m, "--state", s}})
		}
		runs = append(runs, run{"strength-evolution", []string{"strength", m, "--from", "1"}}, run{"strength-evolution", []string{"strength", m, "--from", "3"}})
	}
	for _, s := range []string{"1", "2", "3", "4"} {
		runs = append(runs, run{"uncertain-explanation", []string{"uncertain", "prisoners-dilemma-unknown.yaml", "--state", s}})
	}
	for _, m := range []string{"prisoners-dilemma.yaml", "announcement.yaml", "chicken.yaml", "g.yaml"} {
		runs = append(runs, run{"limited", []string{"limited", m, "--horizon", "3", "--nm"}}, run{"limited", []string{"limited", m, "--horizon", "200"}})
	}
	for _, m := range []string{"prisoners-dilemma.yaml", "strike.yaml", "announcement.yaml"} {
		runs = append(runs, run{"robustness", []string{"robustness", m}})
	}
	runs = append(runs, run{"robustness", []string{"robustness", "strike.yaml", "--mode", "sample", "--samples", "20", "--doubt", "U:3"}})
	seen := map[string]string{}
	for _, r := range runs {
		args := append(r.args, "-q", "--format", "json")
		out, _ := check(t, "", 0, args)
		inst, err := jsonschema.UnmarshalJSON(bytes.NewReader([]byte(out)))
		if err != nil {
			t.Fatalf("%v: not JSON: %v", args, err)
		}
		if err := docsSchema(t, docs, r.schema).Validate(inst); err != nil {
			t.Errorf("gmcr %s does not follow docs/%s.schema.json: %v", strings.Join(args, " "), r.schema, err)
		}
		var head struct {
			Schema  string `json:"$schema"`
			Version int    `json:"format_version"`
		}
		if err := json.Unmarshal([]byte(out), &head); err != nil || head.Schema != "https://github.com/gmcr/gmcr/docs/"+r.schema+".schema.json" || head.Version < 1 {
			t.Errorf("gmcr %s: $schema %q, format_version %d", strings.Join(args, " "), head.Schema, head.Version)
		}
		seen[r.schema] += out
	}
	// The optional parts of the new schemas appear in some document.
	for schema, keys := range map[string][]string{
		"strength-explanation":  {`"end_relation"`, `"sanction": "strong"`, `"sanction": "mild"`},
		"strength-evolution":    {`"paths"`, `"credible"`},
		"uncertain-explanation": {`"relation": "U"`},
		"limited":               {`"anticipated_repeat"`, `"nm_cycle_start"`, `"id"`},
	} {
		for _, k := range keys {
			if !strings.Contains(seen[schema], k) {
				t.Errorf("no %s document holds %s", schema, k)
			}
		}
	}
}
