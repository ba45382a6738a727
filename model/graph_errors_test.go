package model

import (
	"strings"
	"testing"
)

// TestGraphFormOneClearError checks that one mistake in a graph-form model
// gives one clear error: no hint equal to the input, no follow-on errors
// from option form or from the "same options" check, states named by id.
func TestGraphFormOneClearError(t *testing.T) {
	const values = `title: V
options: [{id: a}, {id: b}]
states:
  - {id: n, taken: []}
  - {id: A, taken: [a]}
  - {id: B, taken: [zz]}
decision_makers:
  - {id: P, options: [a], moves: [[n, A]], preferences: {statements: [a]}}
  - {id: Q, options: [b], moves: [[n, B]], preferences: {statements: [b]}}
`
	tests := []struct {
		name, in, want string
		not            []string
	}{
		{"invalid id referenced", graphEdit(t, "  - id: x\n", "  - id: \"1\"\n", "{from: x,", "{from: \"1\",", "[z, x]", "[z, \"1\"]", "[x, 3]", "[\"1\", 3]", "status_quo: x", "status_quo: \"1\""),
			`g.yaml:3:9: invalid state id "1"`, []string{"did you mean", "unknown state"}},
		{"ranked twice", graphEdit(t, "ranking: [y, [x, 3]]", "ranking: [y, [x, 3], x]"),
			`state "x" appears twice in the ranking of decision maker "A"`, []string{"state 1 appears"}},
		{"empty states", graphEdit(t, "states:\n  - id: x\n  - id: y\n    name: Why\n  - id: z\n", "states: []\n"),
			`empty states list`, []string{"no options", "controls no options", "ranking entry", "\n"}},
		{"unknown option taken", values, `unknown option "zz" taken in state "B"`, []string{"take the same options"}},
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
			for _, n := range tc.not {
				if strings.Contains(strings.TrimSpace(err.Error()), n) {
					t.Errorf("error\n  %v\nshould not contain %q", err, n)
				}
			}
		})
	}
}
