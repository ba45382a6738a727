package gmcrplus

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/gmcr/gmcr/model"
	"github.com/gmcr/gmcr/model/statement"
)

func read(t *testing.T, name string) (*model.Model, *Extras) {
	t.Helper()
	m, ex, err := Read("testdata/" + name)
	if err != nil {
		t.Fatalf("Read(%s): %v", name, err)
	}
	return m, ex
}

// holds evaluates st with exactly the options in taken taken.
func holds(st model.Statement, taken ...string) bool {
	return st.Expr.Eval(func(id string) bool { return slices.Contains(taken, id) })
}

func texts(sts []model.Statement) []string {
	var out []string
	for _, s := range sts {
		out = append(out, s.Text)
	}
	return out
}

func checkOptions(t *testing.T, m *model.Model, want []model.Option) {
	t.Helper()
	if len(m.Options) != len(want) {
		t.Fatalf("got %d options, want %d", len(m.Options), len(want))
	}
	for i, w := range want {
		g := m.Options[i]
		if g.ID != w.ID || g.Name != w.Name || g.Reversibility != w.Reversibility {
			t.Errorf("option %d = {%q %q %v}, want {%q %q %v}", i, g.ID, g.Name, g.Reversibility, w.ID, w.Name, w.Reversibility)
		}
	}
}

func checkDMs(t *testing.T, m *model.Model, ids, names []string, opts [][]string) {
	t.Helper()
	if len(m.DMs) != len(ids) {
		t.Fatalf("got %d DMs, want %d", len(m.DMs), len(ids))
	}
	for j, dm := range m.DMs {
		if dm.ID != ids[j] || dm.Name != names[j] || !slices.Equal(dm.Options, opts[j]) {
			t.Errorf("DM %d = {%q %q %v}, want {%q %q %v}", j, dm.ID, dm.Name, dm.Options, ids[j], names[j], opts[j])
		}
	}
}

func TestPrisoners(t *testing.T) {
	m, ex := read(t, "prisoners.gmcr")
	if m.Title != "prisoners" || m.File != "testdata/prisoners.gmcr" {
		t.Errorf("Title, File = %q, %q", m.Title, m.File)
	}
	// File order is kept; the DM lists give GMCR+'s numbering order.
	checkOptions(t, m, []model.Option{
		{ID: "confess_b", Name: "Confess (B)", Reversibility: model.Both},
		{ID: "confess_a", Name: "Confess (A)", Reversibility: model.Forward},
	})
	checkDMs(t, m, []string{"prisoner_a", "prisoner_b"}, []string{"Prisoner A", "Prisoner B"},
		[][]string{{"confess_a"}, {"confess_b"}})
	if p := m.Options[0].Pos; p.File != "testdata/prisoners.gmcr" || p.Line != 5 || p.Col != 5 {
		t.Errorf("options[0].Pos = %+v, want line 5 col 5", p)
	}
	a, b := m.DMs[0].Prefs, m.DMs[1].Prefs
	if a.Ranking != nil || b.Ranking != nil {
		t.Errorf("unexpected rankings %v %v", a.Ranking, b.Ranking)
	}
	if got := texts(a.Statements); !slices.Equal(got, []string{"not confess_b", "confess_a"}) {
		t.Errorf("A statements = %q", got)
	}
	if got := texts(b.Statements); !slices.Equal(got, []string{"not confess_a", "confess_b"}) {
		t.Errorf("B statements = %q", got)
	}
	s0 := a.Statements[0]
	if s0.Expr.Op != statement.Not || s0.Expr.Args[0].Op != statement.Lit || s0.Expr.Args[0].Option != "confess_b" || s0.Expr.Args[0].Col != 5 {
		t.Errorf("A statement 1 expr = %+v", s0.Expr)
	}
	if holds(s0, "confess_b") || !holds(s0) || !holds(s0, "confess_a") {
		t.Error("not confess_b evaluates wrongly")
	}
	if s0.Pos.Line != 12 {
		t.Errorf("A statement 1 at line %d, want 12", s0.Pos.Line)
	}
	if len(m.Infeasible) != 0 {
		t.Errorf("infeasible = %q", texts(m.Infeasible))
	}
	if !reflect.DeepEqual(ex.Coalitions, [][]int{{0}, {1}}) {
		t.Errorf("coalitions = %v", ex.Coalitions)
	}
	// Prisoner B does not perceive the state where both confess.
	if len(m.DMs[0].Misperceived) != 0 || len(m.DMs[1].Misperceived) != 1 {
		t.Fatalf("misperceived = %q, %q", texts(m.DMs[0].Misperceived), texts(m.DMs[1].Misperceived))
	}
	mp := m.DMs[1].Misperceived[0]
	if mp.Text != "confess_a and confess_b" || !holds(mp, "confess_a", "confess_b") || holds(mp, "confess_a") {
		t.Errorf("misperception %q wrong", mp.Text)
	}
	if mp.Pos.Line != 19 || mp.Pos.Col != 26 {
		t.Errorf("misperception at %d:%d, want 19:26", mp.Pos.Line, mp.Pos.Col)
	}
	if err := m.Validate(); err != nil {
		t.Errorf("Validate: %v", err)
	}
	if ex.Program != "gmcr-py" || ex.Version != "0.4.1" || len(ex.Warnings) != 0 || ex.InactiveStatements != nil {
		t.Errorf("extras = %+v", ex)
	}
}

func TestRankingWithTies(t *testing.T) {
	m, ex := read(t, "ranking.gmcr")
	checkOptions(t, m, []model.Option{
		{ID: "build_dam", Name: "Build dam", Reversibility: model.Forward},
		{ID: "sue", Name: "Sue", Reversibility: model.Both},
		{ID: "protest", Name: "Protest", Reversibility: model.Backward},
	})
	// Residents list Protest before Sue: that is the numbering order.
	checkDMs(t, m, []string{"government", "residents"}, []string{"Government", "Residents"},
		[][]string{{"build_dam"}, {"protest", "sue"}})
	gov, res := m.DMs[0].Prefs, m.DMs[1].Prefs
	if gov.Statements != nil || res.Statements != nil {
		t.Error("manual rankings must not come with statements")
	}
	if want := [][]int{{2}, {1, 6}, {4}, {3, 5}}; !reflect.DeepEqual(gov.Ranking, want) {
		t.Errorf("government ranking = %v, want %v", gov.Ranking, want)
	}
	// The empty tie group is dropped.
	if want := [][]int{{1}, {3}, {5, 2}, {4}, {6}}; !reflect.DeepEqual(res.Ranking, want) {
		t.Errorf("residents ranking = %v, want %v", res.Ranking, want)
	}
	if got := texts(m.Infeasible); !slices.Equal(got, []string{"sue and protest"}) {
		t.Errorf("infeasible = %q", got)
	}
	if got := texts(ex.InactiveStatements[0]); !slices.Equal(got, []string{"build_dam"}) {
		t.Errorf("inactive statements of DM 0 = %q", got)
	}
	inact := ex.InactiveStatements[1]
	if got := texts(inact); !slices.Equal(got, []string{"sue or protest"}) {
		t.Errorf("inactive statements of DM 1 = %q", got)
	}
	if e := inact[0].Expr; e.Op != statement.Or || len(e.Args) != 2 || e.Args[1].Option != "protest" || e.Args[1].Col != 8 {
		t.Errorf("sue or protest: expr %+v", e)
	}
	if !reflect.DeepEqual(ex.Coalitions, [][]int{{0, 1}}) {
		t.Errorf("coalitions = %v", ex.Coalitions)
	}
}

func TestCompoundAndInfeasibles(t *testing.T) {
	m, ex := read(t, "compound.gmcr")
	checkOptions(t, m, []model.Option{
		{ID: "release_water", Name: "Release water", Reversibility: model.Both},
		{ID: "escalate", Name: "Escalate", Reversibility: model.Both},
		{ID: "attack", Name: "Attack", Reversibility: model.Forward},
		{ID: "escalate_2", Name: "Escalate", Reversibility: model.Both},
		{ID: "o2nd_front", Name: "2nd front", Reversibility: model.Backward},
	})
	checkDMs(t, m, []string{"syria", "iraq", "dm2_turkey"}, []string{"Syria", "Iraq", "2 Turkey"},
		[][]string{{"release_water", "escalate"}, {"attack", "o2nd_front"}, {"escalate_2"}})

	syria := m.DMs[0].Prefs.Statements
	want := []string{
		"(not release_water and not escalate) or attack",
		"escalate_2",
		"escalate and not o2nd_front",
	}
	if got := texts(syria); !slices.Equal(got, want) {
		t.Fatalf("Syria statements = %q, want %q", got, want)
	}
	cases := []struct {
		st    int
		taken []string
		want  bool
	}{
		{0, nil, true},
		{0, []string{"escalate"}, false},
		{0, []string{"escalate", "attack"}, true},
		{0, []string{"release_water"}, false},
		{1, []string{"escalate_2"}, true},
		{1, []string{"escalate"}, false},
		{2, []string{"escalate"}, true},
		{2, []string{"escalate", "o2nd_front"}, false},
	}
	for _, c := range cases {
		if got := holds(syria[c.st], c.taken...); got != c.want {
			t.Errorf("%q with %v taken = %v, want %v", syria[c.st].Text, c.taken, got, c.want)
		}
	}
	if e := syria[0].Expr; e.Op != statement.Or || e.Args[0].Op != statement.And || e.Args[1].Op != statement.Lit {
		t.Errorf("Syria statement 1 expr = %+v", e)
	}

	iraq := m.DMs[1].Prefs.Statements
	if got := texts(iraq); !slices.Equal(got, []string{"not attack", "(release_water and attack) or (not release_water and not attack)"}) {
		t.Errorf("Iraq statements = %q", got)
	}
	if !holds(iraq[1]) || holds(iraq[1], "attack") || !holds(iraq[1], "attack", "release_water") {
		t.Error("Iraq statement 2 evaluates wrongly")
	}

	// No statement: every feasible state ties (12 of the 32 are feasible).
	tie := m.DMs[2].Prefs
	if tie.Statements != nil || len(tie.Ranking) != 1 || len(tie.Ranking[0]) != 12 || tie.Ranking[0][11] != 12 {
		t.Errorf("Turkey prefs = %+v", tie)
	}

	inf := m.Infeasible
	if got := texts(inf); !slices.Equal(got, []string{
		"release_water and escalate",
		"(attack and escalate_2) or (o2nd_front and not attack)",
	}) {
		t.Fatalf("infeasible = %q", got)
	}
	if !holds(inf[1], "o2nd_front") || holds(inf[1], "o2nd_front", "attack") || !holds(inf[1], "attack", "escalate_2") {
		t.Error("infeasible 2 evaluates wrongly")
	}

	for j, dm := range m.DMs {
		want := []string(nil)
		if j == 1 {
			want = []string{"release_water or escalate"}
		}
		if got := texts(dm.Misperceived); !slices.Equal(got, want) {
			t.Errorf("DM %d misperceived = %q, want %q", j, got, want)
		}
	}
	if !reflect.DeepEqual(ex.Coalitions, [][]int{{0, 2}, {1}}) {
		t.Errorf("coalitions = %v", ex.Coalitions)
	}
	// The always-true preference and the empty compound infeasible are dropped.
	if len(ex.Warnings) != 2 ||
		!strings.HasPrefix(ex.Warnings[0], "testdata/compound.gmcr:38:5: infeasibles[2]: ") ||
		!strings.HasPrefix(ex.Warnings[1], "testdata/compound.gmcr:17:9: decisionMakers[0].preferences[3]: ") {
		t.Errorf("warnings = %q", ex.Warnings)
	}
	if ex.Program != "" || ex.Version != "" {
		t.Errorf("program, version = %q, %q", ex.Program, ex.Version)
	}
}

func TestOldFormat(t *testing.T) {
	m, ex := read(t, "old.gmcr")
	checkOptions(t, m, []model.Option{
		{ID: "modify", Name: "Modify", Reversibility: model.Forward},
		{ID: "delay", Name: "Delay", Reversibility: model.Backward},
		{ID: "accept", Name: "Accept", Reversibility: model.Both},
	})
	checkDMs(t, m, []string{"ministry", "company"}, []string{"Ministry", "Company"},
		[][]string{{"modify"}, {"delay", "accept"}})
	if want := [][]int{{1, 3}, {5}, {2}, {4, 6}}; !reflect.DeepEqual(m.DMs[0].Prefs.Ranking, want) {
		t.Errorf("ministry ranking = %v, want %v", m.DMs[0].Prefs.Ranking, want)
	}
	if want := [][]int{{2}, {6}, {1}, {5}, {3}, {4}}; !reflect.DeepEqual(m.DMs[1].Prefs.Ranking, want) {
		t.Errorf("company ranking = %v, want %v", m.DMs[1].Prefs.Ranking, want)
	}
	if got := texts(ex.InactiveStatements[1]); len(ex.InactiveStatements) != 1 || !slices.Equal(got, []string{"not delay"}) {
		t.Errorf("inactive statements = %v", ex.InactiveStatements)
	}
	if m.DMs[0].Misperceived != nil || m.DMs[1].Misperceived != nil {
		t.Errorf("misperceived = %v, %v", m.DMs[0].Misperceived, m.DMs[1].Misperceived)
	}
	if ex.Coalitions != nil || ex.Version != "" || ex.Program != "gmcr-py" {
		t.Errorf("extras = %+v", ex)
	}
}

func TestMakeID(t *testing.T) {
	used := map[string]bool{}
	for _, c := range []struct{ name, want string }{
		{"Cooperate with 2", "cooperate_with_2"},
		{"  US -- Support! ", "us_support"},
		{"2nd front", "o2nd_front"},
		{"Or", "o_or"},
		{"NOT", "o_not"},
		{"", "o"},
		{"???", "o_2"},
		{"cooperate with 2", "cooperate_with_2_2"},
		{"Cooperate_with_2 2", "cooperate_with_2_2_2"},
	} {
		if got := makeID(c.name, "o", used); got != c.want {
			t.Errorf("makeID(%q) = %q, want %q", c.name, got, c.want)
		}
	}
}

func TestDecodeErrors(t *testing.T) {
	const opts = `"options": [{"name": "a"}, {"name": "b"}, {"name": "c"}, {"name": "d"}, {"name": "e"}]`
	for _, c := range []struct{ name, data, want string }{
		{"empty", "  \n", "x.gmcr: empty file"},
		{"syntax", "{\n  \"options\": [\n    {\"name\" \"a\"}]}", "x.gmcr:3:13: invalid JSON: invalid character '\"' after object key"},
		{"truncated", "{\"options\": [", "x.gmcr:1:14: invalid JSON: unexpected end of JSON input"},
		{"trailing", "{}\n{}", "x.gmcr:2:1: invalid JSON: invalid character '{' after top-level value"},
		{"not object", "[1]", "x.gmcr:1:1: a GMCR+ file must hold a JSON object, not a list"},
		{"no options", "{}", `x.gmcr:1:1: missing "options"`},
		{"bad direction", `{"options": [{"name": "a", "permittedDirection": "up"}]}`,
			`x.gmcr:1:50: options[0].permittedDirection: unknown direction "up" (want "both", "fwd" or "back")`},
		{"option out of range", `{` + opts + `, "decisionMakers": [{"name": "P", "options": [0, 1]},
			{"name": "Q", "options": [2, 3, 7]}]}`,
			"x.gmcr:2:36: decisionMakers[1].options[2]: option index 7 out of range (file has 5 options)"},
		{"not an integer", `{` + opts + `, "decisionMakers": [{"name": "P", "options": [0.5]}]}`,
			"decisionMakers[0].options[0]: option index 0.5 is not a whole number"},
		{"owned twice", `{` + opts + `, "decisionMakers": [{"name": "P", "options": [0, 1]}, {"name": "Q", "options": [1]}]}`,
			`decisionMakers[1].options[0]: option 1 ("b") is already controlled by decisionMakers[0] ("P")`},
		{"unowned", `{` + opts + `, "decisionMakers": [{"name": "P", "options": [0, 1]}, {"name": "Q", "options": [2, 4]}]}`,
			`x.gmcr:1:59: options[3]: option "d" is controlled by no decision maker`},
		{"one DM", `{` + opts + `, "decisionMakers": [{"name": "P", "options": [0, 1, 2, 3, 4]}]}`,
			"decisionMakers: a conflict needs at least two decision makers; the file has 1"},
		{"bad value", `{` + opts + `, "decisionMakers": [{"name": "P", "options": [0, 1, 2], "preferences": [[[0, "y"]]]},
			{"name": "Q", "options": [3, 4]}]}`,
			`decisionMakers[0].preferences[0][0][1]: must be "Y" or "N", not "y"`},
		{"bad pair", `{` + opts + `, "decisionMakers": [{"name": "P", "options": [0, 1, 2], "preferences": [[[0, "Y", 1]]]}]}`,
			`decisionMakers[0].preferences[0][0]: must be a pair [option index, "Y" or "N"]`},
		{"repeated option", `{` + opts + `, "decisionMakers": [{"name": "P", "options": [0], "preferences": [[[0, "Y"], [0, "N"]]]}]}`,
			"decisionMakers[0].preferences[0][1]: option 0 appears twice in one condition"},
		{"bad compound", `{` + opts + `, "decisionMakers": [{"name": "P", "options": [0], "preferences": [{"compound": true}]}]}`,
			`decisionMakers[0].preferences[0]: a condition object needs "members"`},
		{"bad member", `{` + opts + `, "decisionMakers": [{"name": "P", "options": [0], "preferences": [{"members": [[[9, "Y"]]]}]}]}`,
			"decisionMakers[0].preferences[0].members[0][0][0]: option index 9 out of range (file has 5 options)"},
		{"always infeasible", `{"options": [{"name": "a"}, {"name": "b"}], "decisionMakers": [{"name": "P", "options": [0]}, {"name": "Q", "options": [1]}],
			"infeasibles": [[]]}`,
			"x.gmcr:2:20: infeasibles[0]: this condition holds in every state, so no state would be feasible"},
		{"missing ranking", `{"useManualPreferenceRanking": true, "options": [{"name": "a"}, {"name": "b"}],
			"decisionMakers": [{"name": "P", "options": [0], "preferences": []}, {"name": "Q", "options": [1]}]}`,
			`decisionMakers[0]: missing "preferenceRanking"`},
		{"ranking out of range", `{"useManualPreferenceRanking": true, "options": [{"name": "a"}, {"name": "b"}],
			"decisionMakers": [{"name": "P", "options": [0], "preferenceRanking": [1, [2, 3], 5]}, {"name": "Q", "options": [1], "preferenceRanking": [1, 2, 3, 4]}]}`,
			"decisionMakers[0].preferenceRanking[2]: state 5 out of range (the conflict has 4 feasible states)"},
		{"ranking duplicate", `{"useManualPreferenceRanking": true, "options": [{"name": "a"}, {"name": "b"}],
			"decisionMakers": [{"name": "P", "options": [0], "preferenceRanking": [1, [2, 1]]}, {"name": "Q", "options": [1], "preferenceRanking": [1, 2, 3, 4]}]}`,
			"decisionMakers[0].preferenceRanking[1][1]: state 1 is listed more than once"},
		{"ranking incomplete", `{"useManualPreferenceRanking": true, "options": [{"name": "a"}, {"name": "b"}],
			"infeasibles": [[[0, "Y"], [1, "Y"]]],
			"decisionMakers": [{"name": "P", "options": [0], "preferenceRanking": [1, 3]}, {"name": "Q", "options": [1], "preferenceRanking": [1, 2, 3]}]}`,
			"decisionMakers[0].preferenceRanking: state 2 is missing (the conflict has 3 feasible states)"},
		{"nested ties", `{"useManualPreferenceRanking": true, "options": [{"name": "a"}, {"name": "b"}],
			"decisionMakers": [{"name": "P", "options": [0], "preferenceRanking": [[1, [2]]]}, {"name": "Q", "options": [1], "preferenceRanking": [1, 2, 3, 4]}]}`,
			"decisionMakers[0].preferenceRanking[0][1]: tie groups cannot be nested"},
		{"coalition out of range", `{"options": [{"name": "a"}, {"name": "b"}], "coalitions": [0, [1, 2]],
			"decisionMakers": [{"name": "P", "options": [0]}, {"name": "Q", "options": [1]}]}`,
			"coalitions[1][1]: decision maker index 2 out of range (file has 2 decision makers)"},
		{"tautology infeasible", `{"options": [{"name": "a"}, {"name": "b"}], "decisionMakers": [{"name": "P", "options": [0]}, {"name": "Q", "options": [1]}],
			"infeasibles": [{"compound": true, "members": [[[0, "Y"]], [[0, "N"], [1, "Y"]], [[1, "N"]]]}]}`,
			"infeasibles[0]: this condition holds in every state"},
		{"no feasible state", `{"options": [{"name": "a"}, {"name": "b"}], "decisionMakers": [{"name": "P", "options": [0]}, {"name": "Q", "options": [1]}],
			"infeasibles": [[[0, "Y"]], [[0, "N"]]]}`,
			"decisionMakers[0]: no preference statements, and the infeasible conditions leave no feasible state"},
		{"flag", `{"useManualPreferenceRanking": "yes", "options": []}`,
			"useManualPreferenceRanking: must be true or false, not a string"},
	} {
		t.Run(c.name, func(t *testing.T) {
			m, ex, err := Decode([]byte(c.data), "x.gmcr")
			if err == nil {
				t.Fatalf("no error; model %+v, extras %+v", m, ex)
			}
			if !strings.HasPrefix(err.Error(), "x.gmcr") || !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %q\nwant it to contain %q", err, c.want)
			}
		})
	}
}

func TestDecodeWarnings(t *testing.T) {
	data := `{"options": [{"name": "a"}, {"name": "b"}], "coalitions": [0, 0],
	"decisionMakers": [{"name": "P", "options": [0, 0], "preferences": [[[0, "Y"]]]}, {"name": "Q", "options": [1], "preferences": [[[1, "N"]]]}]}`
	_, ex, err := Decode([]byte("\xef\xbb\xbf"+data), "w.gmcr")
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"w.gmcr:2:50: decisionMakers[0].options[1]: option 0 is listed twice; the repetition is ignored, as GMCR+ does",
		"w.gmcr:1:59: coalitions: DM 0 is in more than one coalition; ignored, as GMCR+ does (every DM acts alone)",
	}
	if !slices.Equal(ex.Warnings, want) || ex.Coalitions != nil {
		t.Errorf("warnings = %q\nwant %q", ex.Warnings, want)
	}
}

func TestReadMissingFile(t *testing.T) {
	_, _, err := Read("testdata/nonexistent.gmcr")
	if err == nil || !strings.HasPrefix(err.Error(), "testdata/nonexistent.gmcr: cannot read the file") {
		t.Errorf("err = %v", err)
	}
}

func TestLargeCompound(t *testing.T) {
	var opts, members []string
	for i := range 10 {
		opts = append(opts, fmt.Sprintf(`{"name": "o%d"}`, i))
	}
	for code := range 1000 {
		var pairs []string
		for i := range 10 {
			v := "N"
			if code&(1<<i) != 0 {
				v = "Y"
			}
			pairs = append(pairs, fmt.Sprintf(`[%d, %q]`, i, v))
		}
		members = append(members, "["+strings.Join(pairs, ", ")+"]")
	}
	data := `{"options": [` + strings.Join(opts, ", ") + `], "decisionMakers": [
		{"name": "P", "options": [0, 1, 2, 3, 4], "preferences": [{"compound": true, "members": [` + strings.Join(members, ", ") + `]}]},
		{"name": "Q", "options": [5, 6, 7, 8, 9], "preferences": [[[0, "Y"]]]}]}`
	m, ex, err := Decode([]byte(data), "big.gmcr")
	if err != nil {
		t.Fatal(err)
	}
	out, err := Encode(m, ex)
	if err != nil {
		t.Fatal(err)
	}
	m2, ex2, err := Decode(out, "big2.gmcr")
	if err != nil {
		t.Fatal(err)
	}
	equivalent(t, m, ex, m2, ex2)
}
