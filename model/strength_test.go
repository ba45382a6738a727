package model

import (
	"strings"
	"testing"
)

func TestStrengthErrors(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"strong text", edit(t, `statements: ["a", "not b"]`, `statements: [{statement: a, strong: yes}]`), `m.yaml:10:43: strong must be true or false`},
		{"not first", edit(t, `statements: ["a", "not b"]`, `statements: ["a", {statement: "not b", strong: true}]`), `m.yaml:10:38: statement 2 of decision maker "P1" is strong but statement 1 above it is not`},
		{"strong and unsure", edit(t, `statements: ["a", "not b"]`, `statements: [{statement: a, strong: true, unsure: true}]`), `statement 1 of decision maker "P1" is both strong and unsure`},
		{"strong condition", base + "feasibility:\n  infeasible: [{statement: a, strong: true}]\n", `an infeasibility condition cannot be strong`},
		{"cut first", edit(t, "ranking: [1, [2, 3], 4]", `ranking: [">>", 1, [2, 3], 4]`), `m.yaml:14:17: a strength cut of decision maker "P2" comes before every state`},
		{"cut last", edit(t, "ranking: [1, [2, 3], 4]", `ranking: [1, [2, 3], 4, ">>"]`), `comes after every state of the ranking`},
		{"two cuts", edit(t, "ranking: [1, [2, 3], 4]", `ranking: [1, ">>", ">>", [2, 3], 4]`), `two strength cuts of decision maker "P2" lie between the same groups`},
		{"cut value", edit(t, "ranking: [1, [2, 3], 4]", `ranking: [1, {cut: ">"}, [2, 3], 4]`), `m.yaml:14:26: a strength cut is written cut: ">>"`},
		{"cut field", edit(t, "ranking: [1, [2, 3], 4]", `ranking: [1, {cut: ">>", why: x}, [2, 3], 4]`), `unknown field "why" in a strength cut`},
		{"cut in tie", edit(t, "ranking: [1, [2, 3], 4]", `ranking: [1, [2, ">>", 3], 4]`), `a ranking entry must be a state number`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse([]byte(tc.in), "m.yaml")
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %v; want it to contain %s", err, tc.want)
			}
		})
	}
}

// TestStrengthRoundTrip checks that strong statements and ranking cuts,
// with their evidence, survive Marshal and MarshalJSON, in option and
// graph form.
func TestStrengthRoundTrip(t *testing.T) {
	in := edit(t, `statements: ["a", "not b"]`, `statements: [{statement: a, strong: true}, "not b"]`,
		"ranking: [1, [2, 3], 4]", `ranking: [1, ">>", [2, 3], {cut: ">>", note: why, source: "[P2]"}, 4]`)
	g := graphEdit(t, "ranking: [3, 2, 1]", `ranking: [3, ">>", 2, 1]`)
	for _, doc := range []string{in, g} {
		m, err := Parse([]byte(doc), "m.yaml")
		if err != nil {
			t.Fatal(err)
		}
		if !m.HasStrength() {
			t.Fatal("HasStrength false")
		}
		check := func(m2 *Model) {
			t.Helper()
			for i := range m.DMs {
				a, b := m.DMs[i].Prefs, m2.DMs[i].Prefs
				if len(a.Cuts) != len(b.Cuts) {
					t.Fatalf("cuts %+v, read back %+v", a.Cuts, b.Cuts)
				}
				for k := range a.Cuts {
					if a.Cuts[k].After != b.Cuts[k].After || a.Cuts[k].Evidence != b.Cuts[k].Evidence {
						t.Fatalf("cut %+v, read back %+v", a.Cuts[k], b.Cuts[k])
					}
				}
				for k := range a.Statements {
					if a.Statements[k].Strong != b.Statements[k].Strong {
						t.Fatalf("statement %d strong %v, read back %v", k, a.Statements[k].Strong, b.Statements[k].Strong)
					}
				}
			}
		}
		y, err := Marshal(m)
		if err != nil {
			t.Fatal(err)
		}
		m2, err := Parse(y, "back.yaml")
		if err != nil {
			t.Fatalf("%v\n%s", err, y)
		}
		check(m2)
		j, err := MarshalJSON(m)
		if err != nil {
			t.Fatal(err)
		}
		m3, err := Parse(j, "back.json")
		if err != nil {
			t.Fatalf("%v\n%s", err, j)
		}
		check(m3)
	}
	m, _ := Parse([]byte(in), "m.yaml")
	if c := m.DMs[1].Prefs.Cuts; len(c) != 2 || c[0].After != 1 || c[1].After != 2 || c[1].Note != "why" {
		t.Fatalf("cuts %+v", c)
	}
}

func TestScenarioRankingRefusesCuts(t *testing.T) {
	in := base + "scenarios:\n  - name: s\n    preferences:\n      P2: {ranking: [1, \">>\", [2, 3], 4]}\n"
	_, err := Parse([]byte(in), "m.yaml")
	if err == nil || !strings.Contains(err.Error(), "a scenario's ranking cannot hold strength cuts") {
		t.Fatalf("error %v", err)
	}
}
