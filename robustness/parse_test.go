package robustness

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/gmcr/gmcr/analysis"
	"github.com/gmcr/gmcr/statespace"
)

// pdSpace is the Prisoner's Dilemma of examples/prisoners-dilemma.yaml
// with a third DM that ranks the states directly.
func pdSpace(t *testing.T) *statespace.StateSpace {
	t.Helper()
	const src = `title: PD
options: [{id: d1}, {id: d2}, {id: d3}]
decision_makers:
  - {id: P1, options: [d1], preferences: {statements: ["not d2", "d1"]}}
  - {id: P2, options: [d2], preferences: {statements: ["not d1", "d2"]}}
  - {id: P3, options: [d3], preferences: {ranking: [1, 2, 3, 4, 5, 6, 7, 8]}}
`
	m, _, err := analysis.Parse([]byte(src), "pd.yaml")
	if err != nil {
		t.Fatal(err)
	}
	r, err := analysis.Prepare(context.Background(), m, analysis.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return r.Space
}

func TestParseUncertainties(t *testing.T) {
	ss := pdSpace(t)
	us, words, err := ParseUncertainties(ss, []string{"P1", "P2:1-2"}, []string{"P1:2", "2:1,2"})
	if err != nil {
		t.Fatal(err)
	}
	if len(us) != 2 || us[0].DM != 0 || us[1].DM != 1 {
		t.Fatalf("%+v", us)
	}
	if !slices.Equal(us[0].Reorder[0], []int{0, 1}) || !slices.Equal(us[0].Doubtful, []int{1}) || !slices.Equal(us[1].Doubtful, []int{0, 1}) {
		t.Errorf("%+v", us)
	}
	if len(words) != 5 || !strings.Contains(words[0], "P1: the order of statements 1, 2 may vary") || !strings.Contains(words[2], `P1: statement 2 ("d1") holds, is dropped or is negated`) {
		t.Errorf("%q", words)
	}
	for _, bad := range []struct{ reorder, doubt, want string }{
		{"P1:3", "", "statements 1..2"},
		{"P1:2-1", "", "statements 1..2"},
		{"", "P3:1", "ranks the states directly"},
		{"P9", "", "P9"},
	} {
		var r, d []string
		if bad.reorder != "" {
			r = []string{bad.reorder}
		}
		if bad.doubt != "" {
			d = []string{bad.doubt}
		}
		if _, _, err := ParseUncertainties(ss, r, d); err == nil || !strings.Contains(err.Error(), bad.want) {
			t.Errorf("%q %q: %v, want an error with %q", bad.reorder, bad.doubt, err, bad.want)
		}
	}
}
