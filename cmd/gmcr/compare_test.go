package main

import (
	"encoding/json"
	"os"
	"strings"
	"testing"
)

func TestCompare(t *testing.T) {
	inTemp(t)
	out, errOut := check(t, "", 0, []string{"compare", "--concepts", "SEQ"},
		"scenarios compared", "S1 russia_at_table: Russia takes part in the guarantee talks", "Number of equilibria", "SEQ equilibria",
		"S6 force_without_ceasefire: 4 kept, 0 appeared, 2 disappeared")
	if !strings.Contains(errOut, "built-in example") {
		t.Errorf("no note on the built-in example: %q", errOut)
	}
	if strings.Contains(out, "SIM equilibria") {
		t.Error("--concepts SEQ shows SIM")
	}
	check(t, "", 0, []string{"examples", "ukraine-security", "-o", "ukraine.yaml"})
	out, _ = check(t, "", 0, []string{"compare", "ukraine.yaml", "-s", "russia_excluded", "--scenario", "us_troops_ruled_out", "-c", "Nash", "-q"},
		"S1 russia_excluded", "S2 us_troops_ruled_out")
	if strings.Contains(out, "S3 ") || strings.Contains(out, "russia_at_table") {
		t.Errorf("--scenario does not select:\n%s", out)
	}
	out, _ = check(t, "", 0, []string{"compare", "ukraine.yaml", "-s", "russia_excluded", "-c", "SEQ", "-f", "json", "-q"})
	var doc struct {
		Kind      string `json:"kind"`
		Scenarios []struct {
			ID       string `json:"id"`
			Concepts map[string]struct {
				Equilibria  []int `json:"equilibria"`
				Disappeared []struct {
					Reason string `json:"reason"`
				} `json:"disappeared"`
			} `json:"concepts"`
		} `json:"scenarios"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Kind != "comparison" || len(doc.Scenarios) != 1 || len(doc.Scenarios[0].Concepts["SEQ"].Equilibria) != 1 || len(doc.Scenarios[0].Concepts["SEQ"].Disappeared) != 6 {
		t.Errorf("unexpected JSON %+v", doc)
	}
	check(t, "", exitBadInput, []string{"compare", "ukraine.yaml", "-s", "russia_at_tabel"}, `gmcr: ukraine.yaml: unknown scenario "russia_at_tabel" (did you mean "russia_at_table"?)`)
	check(t, "", exitBadInput, []string{"compare", "ukraine.yaml", "-f", "csv"}, `format "csv" is not available here; use one of text, markdown, json`)
	check(t, "", exitBadInput, []string{"compare", "elmira.yaml"}, `gmcr: elmira.yaml defines no scenarios to compare: add them under "scenarios:" (see docs/model-format.md)`)
	check(t, "", 0, []string{"compare", "ukraine.yaml", "-q", "-c", "SIM", "-f", "markdown", "-o", "cmp.md"})
	data, err := os.ReadFile("cmp.md")
	if err != nil || !strings.HasPrefix(string(data), "# Security guarantees for Ukraine (August 2025): scenarios compared") {
		t.Errorf("cmp.md: %v\n%.200s", err, data)
	}
}

func TestAnalyzeScenario(t *testing.T) {
	inTemp(t)
	check(t, "", 0, []string{"analyze", "--scenario", "russia_at_table", "-c", "SEQ", "-q"},
		"Security guarantees for Ukraine (August 2025) - scenario russia_at_table", "144 feasible states; status quo: state 1",
		"SEQ  6 states: 11, 27, 31, 67, 75, 80")
	check(t, "", exitBadInput, []string{"analyze", "--scenario", "nope", "-q"}, `gmcr: ukraine-security.yaml: unknown scenario "nope"`)
	check(t, "", exitBadInput, []string{"analyze", "elmira.yaml", "--scenario", "x"}, `gmcr: elmira.yaml: unknown scenario "x": the model defines no scenarios`)
}

func TestAnalyzeDMConcepts(t *testing.T) {
	inTemp(t)
	out, _ := check(t, "", 0, []string{"analyze", "elmira.yaml", "--dm-concepts", "Uniroyal=SMR,LG=Nash,default=SEQ", "-f", "json"})
	var doc struct {
		States []struct {
			Number int                 `json:"number"`
			Stable map[string][]string `json:"stable"`
		} `json:"states"`
		Mixed struct {
			Concepts   map[string]string `json:"concepts"`
			Equilibria []int             `json:"equilibria"`
		} `json:"mixed"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"MoE": "SEQ", "Uniroyal": "SMR", "LG": "Nash"}
	for k, v := range want {
		if doc.Mixed.Concepts[k] != v {
			t.Errorf("mixed concepts %v, want %v", doc.Mixed.Concepts, want)
		}
	}
	// The mixed equilibria are the states stable for each DM under its
	// concept, read from the per-state stability of the same document.
	var expect []int
	for _, s := range doc.States {
		ok := true
		for dm, c := range want {
			has := false
			for _, x := range s.Stable[dm] {
				has = has || x == c
			}
			ok = ok && has
		}
		if ok {
			expect = append(expect, s.Number)
		}
	}
	if len(expect) == 0 || !sameInts(expect, doc.Mixed.Equilibria) {
		t.Errorf("mixed equilibria %v, want %v", doc.Mixed.Equilibria, expect)
	}
	// The named concepts are computed even when --concepts omits them.
	check(t, "", 0, []string{"analyze", "elmira.yaml", "--concepts", "Nash", "--dm-concepts", "default=SMR"},
		"Concepts: Nash, SMR", "Mixed  8 states: 1, 4, 5, 6, 7, 10, 11, 12 (MoE SMR, Uniroyal SMR, LG SMR)")
	check(t, "", 0, []string{"analyze", "elmira.yaml", "--dm-concepts", "default=GMR", "-f", "csv"}, ",eq_Mixed\n")
	for _, tc := range []struct{ spec, msg string }{
		{"MoE=SMR", "gmcr: --dm-concepts gives no concept to Uniroyal, LG: name them, or add default=CONCEPT"},
		{"MoE=SMR,LG", `gmcr: --dm-concepts: "LG" is not DM=CONCEPT; write for example MoE=SMR,default=GMR`},
		{"XX=SMR", "gmcr: --dm-concepts: unknown DM \"XX\"; the DMs are MoE, Uniroyal, LG (or write default=CONCEPT)"},
		{"MoE=XYZ,default=GMR", `gmcr: --dm-concepts: unknown solution concept "XYZ"; use one of Nash, GMR, SMR, SEQ, SIM`},
		{"moe=SMR,MoE=GMR,default=GMR", "gmcr: --dm-concepts names MoE twice"},
	} {
		check(t, "", exitBadInput, []string{"analyze", "elmira.yaml", "--dm-concepts", tc.spec}, tc.msg)
	}
	// concept: in the model file.
	data, err := os.ReadFile("elmira.yaml")
	if err != nil {
		t.Fatal(err)
	}
	all := strings.NewReplacer("  - id: MoE\n", "  - id: MoE\n    concept: SMR\n", "  - id: Uniroyal\n", "  - id: Uniroyal\n    concept: Nash\n", "  - id: LG\n", "  - id: LG\n    concept: SEQ\n").Replace(string(data))
	if err := os.WriteFile("all.yaml", []byte(all), 0o644); err != nil {
		t.Fatal(err)
	}
	check(t, "", 0, []string{"analyze", "all.yaml"}, "(MoE SMR, Uniroyal Nash, LG SEQ)")
	check(t, "", 0, []string{"analyze", "all.yaml", "--dm-concepts", "LG=GMR"}, "(MoE SMR, Uniroyal Nash, LG GMR)")
	part := strings.Replace(string(data), "  - id: LG\n", "  - id: LG\n    concept: SEQ\n", 1)
	if err := os.WriteFile("part.yaml", []byte(part), 0o644); err != nil {
		t.Fatal(err)
	}
	// Concepts for some DMs only: the ordinary analysis, with a note.
	_, stderr := check(t, "", 0, []string{"analyze", "part.yaml"}, "Equilibria")
	if !strings.Contains(stderr, "the model gives a solution concept (concept:) to LG but not to MoE, Uniroyal") || !strings.Contains(stderr, "left out") {
		t.Errorf("no note about the partial concepts: %s", stderr)
	}
	check(t, "", 0, []string{"analyze", "part.yaml", "--dm-concepts", "default=Nash"}, "(MoE Nash, Uniroyal Nash, LG SEQ)")
}

func sameInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// TestCompareAgreesWithExplainScenario: what compare says about a state
// of a scenario, 'gmcr explain --scenario' (which its notes point to) says
// too, with the state's scenario number. In the built-in example, state
// 9 (only Ukraine's summit consent) becomes a Nash equilibrium when
// Russia is excluded, because the US's move that brought Russia in no
// longer exists.
func TestCompareAgreesWithExplainScenario(t *testing.T) {
	out, _ := check(t, "", 0, []string{"compare", "-q", "--scenario", "russia_excluded", "--concepts", "Nash"},
		"+ NN NY NNN NN (base 9, scenario 9): now stable for US",
		"'gmcr explain FILE --scenario ID --state N' in a scenario (N: its number in the scenario)")
	if strings.Contains(out, "for the base model.") {
		t.Errorf("compare's notes still send the reader to the base model only:\n%s", out)
	}
	check(t, "", 0, []string{"explain", "-q", "--scenario", "russia_excluded", "--state", "9", "--dm", "US", "--concept", "Nash"},
		"state 9 is stable for US under Nash")
	check(t, "", 0, []string{"explain", "-q", "--state", "9", "--dm", "US", "--concept", "Nash"},
		"state 9 is unstable for US under Nash")
}

// TestCompareUncertain runs compare --uncertain on the flagship's
// scenario that marks the analyst's inferences unsure, and on a model
// file with a scenario whose unknown group names a state it lacks.
func TestCompareUncertain(t *testing.T) {
	inTemp(t)
	check(t, "", 0, []string{"compare", "--uncertain", "-s", "inferences_unknown", "-q"},
		"scenarios under preference uncertainty", "Scenario inferences_unknown: The analyst's inferences are left unknown",
		"Nash     0 of 1", "SEQ      1 of 6 +27")
	out, _ := check(t, "", 0, []string{"compare", "--uncertain", "-s", "inferences_unknown", "-f", "json", "-q"})
	var doc struct {
		Kind      string `json:"kind"`
		Scenarios []struct {
			Definitions []struct {
				Concept string            `json:"concept"`
				Kept    []json.RawMessage `json:"kept"`
			} `json:"definitions"`
		} `json:"scenarios"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Kind != "uncertain-comparison" || len(doc.Scenarios) != 1 || len(doc.Scenarios[0].Definitions) != 16 ||
		doc.Scenarios[0].Definitions[12].Concept != "SEQ(a)" || len(doc.Scenarios[0].Definitions[12].Kept) != 1 {
		t.Errorf("unexpected JSON %+v", doc)
	}
	check(t, "", exitBadInput, []string{"compare", "--uncertain", "-c", "SEQ", "-q"}, "--concepts does not apply with --uncertain")
	// The plain comparison says the scenario changes only unknown comparisons.
	check(t, "", 0, []string{"compare", "-s", "inferences_unknown", "-c", "Nash", "-q"}, "unknown comparisons only, which these concepts ignore: see compare --uncertain")
	bad := `title: T
options: [{id: a}, {id: b}]
decision_makers:
  - {id: P1, options: [a], preferences: {statements: [a]}}
  - {id: P2, options: [b], preferences: {statements: [b]}}
scenarios:
  - id: s
    preferences:
      P2: {unknown: [[1, 7]]}
`
	if err := os.WriteFile("bad.yaml", []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	check(t, "", exitBadInput, []string{"compare", "bad.yaml", "--uncertain"}, `bad.yaml:9:22: state 7 in an unknown group of decision maker "P2" does not exist: the model has states 1 to 4`)
	check(t, "", exitBadInput, []string{"uncertain", "bad.yaml", "--scenario", "s"}, `bad.yaml:9:22: state 7 in an unknown group`)
}
