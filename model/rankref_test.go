package model_test

import (
	"reflect"
	"strings"
	"testing"

	"github.com/gmcr/gmcr/model"
)

// pdRanked is the Prisoner's Dilemma with direct rankings; RANK1 and RANK2
// are replaced by each test. States: 1 = NN, 2 = YN, 3 = NY, 4 = YY.
const pdRanked = `title: PD
options: [{id: d1}, {id: d2}]
decision_makers:
  - id: P1
    options: [d1]
    preferences:
      ranking: RANK1
  - id: P2
    options: [d2]
    preferences:
      ranking: RANK2
`

func parseRanked(t *testing.T, r1, r2 string) (*model.Model, error) {
	t.Helper()
	src := strings.NewReplacer("RANK1", r1, "RANK2", r2).Replace(pdRanked)
	return model.Parse([]byte(src), "pd.yaml")
}

// A ranking may name states by number, by Y/N pattern or by the options
// taken; all three mean the same states.
func TestRankingByPatternAndTaken(t *testing.T) {
	want := [][]int{{2}, {1}, {4}, {3}}
	for _, r := range []string{
		`[2, 1, 4, 3]`,
		`["YN", "NN", "YY", "NY"]`,
		`["Y N", "n n", "YY", "N Y"]`,
		`[{taken: [d1]}, {taken: []}, {taken: [d1, d2]}, {taken: [d2]}]`,
		`["YN", 1, {taken: [d2, d1]}, 3]`,
	} {
		m, err := parseRanked(t, r, `[3, 1, 4, 2]`)
		if err != nil {
			t.Fatalf("%s: %v", r, err)
		}
		if got := m.DMs[0].Prefs.Ranking; !reflect.DeepEqual(got, want) {
			t.Errorf("%s: ranking %v, want %v", r, got, want)
		}
	}
	// Ties, and numbering follows feasibility: with "d1 and d2" infeasible,
	// YY does not exist and NY is state 3.
	src := strings.Replace(pdRanked, "decision_makers:", "feasibility: {infeasible: [\"d1 and d2\"]}\ndecision_makers:", 1)
	src = strings.NewReplacer("RANK1", `[["YN", "NY"], "NN"]`, "RANK2", `[1, 2, 3]`).Replace(src)
	m, err := model.Parse([]byte(src), "pd.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if got := m.DMs[0].Prefs.Ranking; !reflect.DeepEqual(got, [][]int{{2, 3}, {1}}) {
		t.Errorf("with YY infeasible: %v, want [[2 3] [1]]", got)
	}
}

func TestRankingRefErrors(t *testing.T) {
	for _, tc := range []struct{ r, want string }{
		{`["YNY", 1, 2, 3]`, `pd.yaml:7:17: pattern "YNY" has 3 letters; the model has 2 options`},
		{`[{taken: [d3]}, 1, 2, 3]`, `unknown option "d3" in a ranking entry`},
		{`[{taken: [d1, d1]}, 1, 2, 3]`, `option "d1" is listed twice in a ranking entry`},
		{`[{took: [d1]}, 1, 2, 3]`, `unknown field "took" in a ranking entry`},
		{`["maybe", 1, 2, 3]`, `a ranking entry must be a state number, a Y/N pattern or {taken: [...]}, found the text "maybe"`},
	} {
		_, err := parseRanked(t, tc.r, `[1, 2, 3, 4]`)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want %q", tc.r, err, tc.want)
		}
	}
	src := strings.Replace(pdRanked, "decision_makers:", "feasibility: {infeasible: [\"d1 and d2\"]}\ndecision_makers:", 1)
	src = strings.NewReplacer("RANK1", `["YY", 1, 2]`, "RANK2", `[1, 2, 3]`).Replace(src)
	if _, err := model.Parse([]byte(src), "pd.yaml"); err == nil || !strings.Contains(err.Error(), `state YY is not feasible: the condition "d1 and d2" holds at it`) {
		t.Errorf("infeasible pattern: %v", err)
	}
}

// A ranking by number that records the state space it was written for
// gets a warning when the model has changed since.
func TestRankingNumberingWarning(t *testing.T) {
	ok := `[2, 1, 4, 3]
      numbering: {states: 4, options: [d1, d2]}`
	m, err := parseRanked(t, ok, `[3, 1, 4, 2]`)
	if err != nil || len(m.Warnings) != 0 {
		t.Fatalf("matching numbering: %v, warnings %v", err, m.Warnings)
	}
	// A constraint added later: same options, 3 states; the ranking is
	// then also incomplete, which the analysis reports, but the warning
	// names the cause.
	for _, tc := range []struct{ numbering, want string }{
		{`{states: 5, options: [d1, d2]}`, "4 feasible states was written for"},
		{`{states: 4, options: [d2, d1]}`, "option order d2 d1, now d1 d2"},
		{`{states: 6}`, "6 feasible states, now 4"},
	} {
		m, err := parseRanked(t, "[2, 1, 4, 3]\n      numbering: "+tc.numbering, `[3, 1, 4, 2]`)
		if err != nil {
			t.Fatal(err)
		}
		if len(m.Warnings) != 1 || !strings.Contains(m.Warnings[0], "pd.yaml:8:18: the ranking of decision maker P1 was written for another state space") {
			t.Errorf("numbering %s: warnings %q", tc.numbering, m.Warnings)
			continue
		}
		if tc.want != "4 feasible states was written for" && !strings.Contains(m.Warnings[0], tc.want) {
			t.Errorf("numbering %s: warning %q lacks %q", tc.numbering, m.Warnings[0], tc.want)
		}
	}
}

// Marshal writes a ranking in the form it was read in.
func TestRankingFormRoundTrip(t *testing.T) {
	for _, tc := range []struct{ r, want string }{
		{`["Y N", "NN", ["YY", "NY"]]`, `- ["Y Y", "N Y"]`},
		{`[{taken: [d1]}, 1, [4, 3]]`, `{taken: [d1]}`},
		{"[2, 1, 4, 3]\n      numbering: {states: 4, options: [d1, d2]}", "numbering: {states: 4, options: [d1, d2]}"},
	} {
		m, err := parseRanked(t, tc.r, `[3, 1, 4, 2]`)
		if err != nil {
			t.Fatal(err)
		}
		out, err := model.Marshal(m)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(out), tc.want) {
			t.Errorf("%s: marshalled without %q:\n%s", tc.r, tc.want, out)
		}
		back, err := model.Parse(out, "back.yaml")
		if err != nil {
			t.Fatalf("%s: re-reading: %v\n%s", tc.r, err, out)
		}
		if !reflect.DeepEqual(back.DMs[0].Prefs.Ranking, m.DMs[0].Prefs.Ranking) {
			t.Errorf("%s: round trip %v, want %v", tc.r, back.DMs[0].Prefs.Ranking, m.DMs[0].Prefs.Ranking)
		}
	}
}
