package report_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/gmcr/gmcr/analysis"
	"github.com/gmcr/gmcr/evolve"
	"github.com/gmcr/gmcr/report"
	"github.com/gmcr/gmcr/stability"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

// docSchema compiles docs/NAME.schema.json, with every other schema of
// docs/ available for its references.
func docSchema(t *testing.T, name string) *jsonschema.Schema {
	t.Helper()
	const base = "https://github.com/gmcr/gmcr/docs/"
	paths, err := filepath.Glob("../docs/*.schema.json")
	if err != nil || len(paths) == 0 {
		t.Fatalf("no schemas in docs/: %v", err)
	}
	c := jsonschema.NewCompiler()
	for _, path := range paths {
		f, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		doc, err := jsonschema.UnmarshalJSON(f)
		f.Close()
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		if err := c.AddResource(base+filepath.Base(path), doc); err != nil {
			t.Fatal(err)
		}
	}
	sch, err := c.Compile(base + name + ".schema.json")
	if err != nil {
		t.Fatalf("%s.schema.json: %v", name, err)
	}
	return sch
}

// compileDocSchemas returns the schemas of the explanation, evolution and
// coalition documents.
func compileDocSchemas(t *testing.T) (explanation, evolution, coalitions *jsonschema.Schema) {
	t.Helper()
	return docSchema(t, "explanation"), docSchema(t, "evolution"), docSchema(t, "coalitions")
}

// validate checks that out is JSON following sch.
func validate(t *testing.T, sch *jsonschema.Schema, name string, out []byte) {
	t.Helper()
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(out))
	if err != nil {
		t.Fatalf("%s: not JSON: %v", name, err)
	}
	if err := sch.Validate(inst); err != nil {
		t.Errorf("%s does not follow its schema: %v", name, err)
	}
}

// covers checks that the documents out exercise every optional part of
// their schema named by keys.
func covers(t *testing.T, name string, out []byte, keys ...string) {
	t.Helper()
	for _, k := range keys {
		if !bytes.Contains(out, []byte(k)) {
			t.Errorf("%s never hold %q", name, k)
		}
	}
}

// rejects checks that sch refuses out with old replaced by new.
func rejects(t *testing.T, sch *jsonschema.Schema, name string, out []byte, old, new string) {
	t.Helper()
	if !bytes.Contains(out, []byte(old)) {
		t.Fatalf("%s lacks %q", name, old)
	}
	bad := bytes.Replace(out, []byte(old), []byte(new), 1)
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(bad))
	if err != nil {
		t.Fatalf("%s: not JSON: %v", name, err)
	}
	if sch.Validate(inst) == nil {
		t.Errorf("the schema accepts %s with %q as %q", name, old, new)
	}
}

// TestExplanationSchema validates WriteExplanations's JSON against
// docs/explanation.schema.json: every concept and DM at every state of
// Elmira, the Prisoner's Dilemma and Chicken, and state 40 of the built-in
// example (SMR counter-moves and escapes, SIM choices, unsanctioned and
// rational cases).
func TestExplanationSchema(t *testing.T) {
	sch, _, _ := compileDocSchemas(t)
	var last, all []byte
	for _, name := range []string{"elmira", "prisoners-dilemma", "chicken"} {
		r := exampleRun(t, name, nil)
		for s := 0; s < r.Space.Len(); s++ {
			var buf bytes.Buffer
			if err := report.WriteExplanations(&buf, r, explanations(t, r, s), report.JSON, report.Options{}); err != nil {
				t.Fatal(err)
			}
			validate(t, sch, name+" explanations", buf.Bytes())
			last = buf.Bytes()
			all = append(all, last...)
		}
	}
	// State 40 of the built-in example has SMR UIs whose GMR sanction the
	// DM escapes.
	uk := exampleRun(t, "ukraine-security", nil)
	var buf bytes.Buffer
	if err := report.WriteExplanations(&buf, uk, explanations(t, uk, 39), report.JSON, report.Options{}); err != nil {
		t.Fatal(err)
	}
	validate(t, sch, "ukraine-security explanations", buf.Bytes())
	all = append(all, buf.Bytes()...)
	covers(t, "the explanations", all, `"choices"`, `"best_counter"`, `"escaped_sanction"`, `"sequence"`, `"end": null`)
	rejects(t, sch, "an explanation", last, `"kind": "explanations"`, `"kind": "explanation"`)
	rejects(t, sch, "an explanation", last, `"sanctioned": false`, `"sanctioned": true`)
}

// TestEvolutionSchema validates WriteEvolution's JSON against
// docs/evolution.schema.json, with and without coalitional steps and with
// an unreachable target.
func TestEvolutionSchema(t *testing.T) {
	_, sch, _ := compileDocSchemas(t)
	pd := exampleRun(t, "prisoners-dilemma", nil)
	el := exampleRun(t, "elmira", nil)
	var unreachable, all []byte
	for _, tc := range []struct {
		name  string
		r     *analysis.Result
		start int
		opt   evolve.Options
	}{
		{"pd from 1", pd, 0, evolve.Options{Paths: 3}},
		{"pd from 4, coalitions", pd, 3, evolve.Options{Coalitions: true, Paths: 3, To: []int{0}}},
		{"pd from 4", pd, 3, evolve.Options{To: []int{0}}},
		{"elmira from 1", el, 0, evolve.Options{Paths: 2, To: []int{el.Space.Len() - 1}}},
		{"elmira from 2, coalitions, SEQ", el, 1, evolve.Options{Coalitions: true, Concepts: []stability.Concept{stability.SEQ}}},
	} {
		ev := evolution(t, tc.r, tc.start, tc.opt)
		var buf bytes.Buffer
		if err := report.WriteEvolution(&buf, tc.r, ev, report.JSON, report.Options{}); err != nil {
			t.Fatal(err)
		}
		validate(t, sch, tc.name, buf.Bytes())
		all = append(all, buf.Bytes()...)
		if bytes.Contains(buf.Bytes(), []byte(`"steps": null`)) {
			unreachable = buf.Bytes()
		}
	}
	covers(t, "the evolutions", all, `"sequence"`, `"steps": null`, `"withdraws": [
`)
	if unreachable == nil {
		t.Fatal("no evolution with an unreachable target")
	}
	rejects(t, sch, "an evolution", unreachable, `"reachable": false`, `"reachable": true`)
	rejects(t, sch, "an evolution", unreachable, `"kind": "evolution"`, `"kind": "evolve"`)
}

// TestCoalitionsSchema validates WriteCoalitions's JSON against
// docs/coalitions.schema.json: with and without an explained state, with
// a fixed coalition structure, and for a subset of the concepts.
func TestCoalitionsSchema(t *testing.T) {
	_, _, sch := compileDocSchemas(t)
	pd := exampleRun(t, "prisoners-dilemma", nil)
	el := exampleRun(t, "elmira", nil)
	ch := exampleRun(t, "chicken", nil)
	var pdDoc, all []byte
	for _, tc := range []struct {
		name string
		r    *analysis.Result
		cr   *report.CoalitionResults
	}{
		{"pd, state 4, structure", pd, coalitionResults(t, pd, 3, [][]int{{0, 1}}, true)},
		{"pd, state 1", pd, coalitionResults(t, pd, 0, nil, false)},
		{"chicken", ch, coalitionResults(t, ch, -1, nil, false)},
		{"elmira, state 1", el, coalitionResults(t, el, 0, [][]int{{0}, {1, 2}}, true)},
	} {
		var buf bytes.Buffer
		if err := report.WriteCoalitions(&buf, tc.r, tc.cr, report.JSON, report.Options{}); err != nil {
			t.Fatal(err)
		}
		validate(t, sch, tc.name, buf.Bytes())
		all = append(all, buf.Bytes()...)
		if pdDoc == nil {
			pdDoc = buf.Bytes()
		}
	}
	covers(t, "the coalition analyses", all, `"structure": {`, `"structure": null`, `"sanction": [`, `"deterred"`, `"unsanctioned": [
`, `"equilibria": {`)
	rejects(t, sch, "a coalition analysis", pdDoc, `"kind": "coalitions"`, `"kind": "coalition"`)
	rejects(t, sch, "a coalition analysis", pdDoc, `"name": "CNash"`, `"name": "Nash"`)
}
