package model

import (
	"strings"
	"testing"
)

func TestUnknownErrors(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"group of one", edit(t, "ranking: [1, [2, 3], 4]", "ranking: [1, [2, 3], 4]\n      unknown: [[2]]"), `unknown group of decision maker "P2" has 1 state(s)`},
		{"repeated", edit(t, "ranking: [1, [2, 3], 4]", "ranking: [1, [2, 3], 4]\n      unknown: [[2, 2]]"), `state 2 appears twice in an unknown group`},
		{"not a list", edit(t, "ranking: [1, [2, 3], 4]", "ranking: [1, [2, 3], 4]\n      unknown: [3]"), `an unknown group must be a list of states, found the number 3`},
		{"unsure text", edit(t, `statements: ["a", "not b"]`, `statements: [{statement: a, unsure: yes}]`), `unsure must be true or false`},
		{"unsure condition", base + "feasibility:\n  infeasible: [{statement: a, unsure: true}]\n", `an infeasibility condition cannot be unsure`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse([]byte(tc.in), "m.yaml")
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %v; want it to contain %s", err, tc.want)
			}
		})
	}
	// Graph form: unknown groups name states by id.
	m, err := Parse([]byte(graphEdit(t, "ranking: [3, 2, 1]", "ranking: [3, 2, 1]\n      unknown: [[x, z]]")), "g.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if g := m.DMs[1].Prefs.Unknown; len(g) != 1 || g[0].States[0] != 1 || g[0].States[1] != 3 || !m.HasUnknown() {
		t.Fatalf("unknown groups %+v", g)
	}
}
