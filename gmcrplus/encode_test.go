package gmcrplus

import (
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/gmcr/gmcr/model"
	"github.com/gmcr/gmcr/model/statement"
)

// Expression builders.
func ref(id string) *statement.Expr { return &statement.Expr{Op: statement.Lit, Option: id} }
func op(o statement.Op, args ...*statement.Expr) *statement.Expr {
	return &statement.Expr{Op: o, Args: args}
}
func st(text string, e *statement.Expr) model.Statement { return model.Statement{Text: text, Expr: e} }

// numbering returns m's option ids in GMCR+ numbering order (by DM).
func numbering(m *model.Model) []string {
	var ids []string
	for _, dm := range m.DMs {
		ids = append(ids, dm.Options...)
	}
	return ids
}

func takenFunc(ids []string, code int) func(string) bool {
	return func(id string) bool {
		for k, x := range ids {
			if x == id {
				return code&(1<<k) != 0
			}
		}
		panic("unknown option " + id)
	}
}

func anyHolds(sts []model.Statement, taken func(string) bool) bool {
	for _, s := range sts {
		if s.Expr.Eval(taken) {
			return true
		}
	}
	return false
}

// feasibleCodes lists the decimal codes of m's feasible states, ascending.
func feasibleCodes(m *model.Model) []int {
	ids := numbering(m)
	var out []int
	for code := 0; code < 1<<len(ids); code++ {
		if !anyHolds(m.Infeasible, takenFunc(ids, code)) {
			out = append(out, code)
		}
	}
	return out
}

// prefKeys returns, for each feasible state (in order), a key such that
// comparing keys as strings compares the DM's preference.
func prefKeys(m *model.Model, j int, codes []int) []string {
	ids := numbering(m)
	p := m.DMs[j].Prefs
	keys := make([]string, len(codes))
	if len(p.Ranking) > 0 {
		for g, group := range p.Ranking {
			for _, s := range group {
				keys[s-1] = fmt.Sprintf("%08d", len(p.Ranking)-g)
			}
		}
		return keys
	}
	for i, code := range codes {
		var b strings.Builder
		for _, s := range p.Statements {
			if s.Expr.Eval(takenFunc(ids, code)) {
				b.WriteByte('1')
			} else {
				b.WriteByte('0')
			}
		}
		keys[i] = b.String()
	}
	return keys
}

// equivalent checks that a and b describe the same conflict: same options
// and DMs in numbering order, same feasible states, same preferences, same
// misperceived states and coalitions.
func equivalent(t *testing.T, a *model.Model, aex *Extras, b *model.Model, bex *Extras) {
	t.Helper()
	na, nb := numbering(a), numbering(b)
	if len(na) != len(nb) || len(a.DMs) != len(b.DMs) {
		t.Fatalf("sizes differ: %d/%d options, %d/%d DMs", len(na), len(nb), len(a.DMs), len(b.DMs))
	}
	name := func(n, id string) string {
		if n == "" {
			return id
		}
		return n
	}
	for k := range na {
		oa, ob := a.Option(na[k]), b.Option(nb[k])
		if name(oa.Name, oa.ID) != ob.Name || oa.Reversibility != ob.Reversibility {
			t.Errorf("option %d: %q %v vs %q %v", k, oa.Name, oa.Reversibility, ob.Name, ob.Reversibility)
		}
	}
	for j := range a.DMs {
		if name(a.DMs[j].Name, a.DMs[j].ID) != b.DMs[j].Name || len(a.DMs[j].Options) != len(b.DMs[j].Options) {
			t.Errorf("DM %d: %q %v vs %q %v", j, a.DMs[j].Name, a.DMs[j].Options, b.DMs[j].Name, b.DMs[j].Options)
		}
	}
	ca, cb := feasibleCodes(a), feasibleCodes(b)
	if !reflect.DeepEqual(ca, cb) {
		t.Fatalf("feasible states differ:\n%v\n%v", ca, cb)
	}
	for j := range a.DMs {
		ka, kb := prefKeys(a, j, ca), prefKeys(b, j, cb)
		for s := range ka {
			for u := range ka {
				if (ka[s] > ka[u]) != (kb[s] > kb[u]) {
					t.Fatalf("DM %d: states %d and %d compare differently", j, s+1, u+1)
				}
			}
		}
	}
	if aex == nil {
		aex = &Extras{}
	}
	for j := range a.DMs {
		for _, code := range ca {
			ma := anyHolds(a.DMs[j].Misperceived, takenFunc(na, code))
			mb := anyHolds(b.DMs[j].Misperceived, takenFunc(nb, code))
			if ma != mb {
				t.Errorf("DM %d: state with code %d misperceived %v vs %v", j, code, ma, mb)
			}
		}
	}
	wantCo := aex.Coalitions
	if wantCo == nil {
		for j := range a.DMs {
			wantCo = append(wantCo, []int{j})
		}
	}
	if !reflect.DeepEqual(wantCo, bex.Coalitions) {
		t.Errorf("coalitions %v vs %v", wantCo, bex.Coalitions)
	}
}

func TestRoundTripFiles(t *testing.T) {
	for _, f := range []string{"prisoners.gmcr", "ranking.gmcr", "compound.gmcr", "old.gmcr"} {
		t.Run(f, func(t *testing.T) {
			m, ex := read(t, f)
			data, err := Encode(m, ex)
			if err != nil {
				t.Fatalf("Encode: %v", err)
			}
			if !json.Valid(data) {
				t.Fatalf("Encode wrote invalid JSON:\n%s", data)
			}
			m2, ex2, err := Decode(data, "again.gmcr")
			if err != nil {
				t.Fatalf("Decode(Encode): %v\n%s", err, data)
			}
			equivalent(t, m, ex, m2, ex2)
			if len(ex2.Warnings) != 0 {
				t.Errorf("warnings on re-reading: %q", ex2.Warnings)
			}
			// The statements hidden behind rankings survive as well.
			for j, sts := range ex.InactiveStatements {
				if got, want := texts(ex2.InactiveStatements[j]), texts(sts); !reflect.DeepEqual(got, want) {
					t.Errorf("inactive statements of DM %d: %q, want %q", j, got, want)
				}
			}
		})
	}
}

// handModel is a model built in code: ids differ from names, statements
// use IF, IFF and nested negations, an infeasible condition holds an OR.
func handModel() *model.Model {
	return &model.Model{
		Title: "hand",
		Options: []model.Option{
			{ID: "c", Name: "Option C"},
			{ID: "a", Name: "Option A", Reversibility: model.Forward},
			{ID: "b", Name: "Option B", Reversibility: model.Backward},
		},
		DMs: []model.DM{
			{ID: "d1", Name: "First", Options: []string{"a"}, Prefs: model.Preferences{Statements: []model.Statement{
				st("a IF b", op(statement.If, ref("a"), ref("b"))),
				st("b iff c", op(statement.Iff, ref("b"), ref("c"))),
				st("not (a and b)", op(statement.Not, op(statement.And, ref("a"), ref("b")))),
				st("a or not a", op(statement.Or, ref("a"), op(statement.Not, ref("a")))),
			}}},
			{ID: "d2", Name: "Second", Options: []string{"b", "c"}, Prefs: model.Preferences{Statements: []model.Statement{
				st("c", ref("c")),
				st("not (a iff c)", op(statement.Not, op(statement.Iff, ref("a"), ref("c")))),
			}}},
		},
		Infeasible: []model.Statement{
			st("a and (b or c)", op(statement.And, ref("a"), op(statement.Or, ref("b"), ref("c")))),
		},
	}
}

func TestEncodeStatements(t *testing.T) {
	m := handModel()
	m.DMs[1].Misperceived = []model.Statement{st("b or (a and c)", op(statement.Or, ref("b"), op(statement.And, ref("a"), ref("c"))))}
	ex := &Extras{Coalitions: [][]int{{1, 0}}}
	data, err := Encode(m, ex)
	if err != nil {
		t.Fatal(err)
	}
	var f struct {
		Options []struct {
			Name, PermittedDirection string
		}
		DecisionMakers []struct {
			Options        []int
			Preferences    []json.RawMessage
			Misperceptions [][][2]any
		}
		Infeasibles                [][][2]any
		UseManualPreferenceRanking bool
		Coalitions                 []any
		Version                    string
	}
	if err := json.Unmarshal(data, &f); err != nil {
		t.Fatalf("%v\n%s", err, data)
	}
	// Options regrouped by DM; the always-true statement is left out; the
	// OR in the infeasible condition makes two conditions.
	if got := fmt.Sprint(f.Options); got != "[{Option A fwd} {Option B back} {Option C both}]" {
		t.Errorf("options = %s", got)
	}
	if len(f.DecisionMakers[0].Preferences) != 3 || len(f.DecisionMakers[1].Preferences) != 2 {
		t.Errorf("preferences = %s", data)
	}
	if got := fmt.Sprint(f.Infeasibles); got != "[[[0 Y] [1 Y]] [[0 Y] [2 Y]]]" {
		t.Errorf("infeasibles = %s", got)
	}
	if got := fmt.Sprint(f.DecisionMakers[1].Misperceptions); got != "[[[1 Y]] [[0 Y] [2 Y]]]" {
		t.Errorf("misperceptions = %s", got)
	}
	if f.UseManualPreferenceRanking || fmt.Sprint(f.Coalitions) != "[[1 0]]" || f.Version != "0.4.1" {
		t.Errorf("file = %s", data)
	}
	m2, ex2, err := Decode(data, "hand.gmcr")
	if err != nil {
		t.Fatalf("%v\n%s", err, data)
	}
	equivalent(t, m, ex, m2, ex2)
}

func TestEncodeMixedPreferences(t *testing.T) {
	m := handModel()
	// a and (b or c) is infeasible: codes 3, 5, 7 (a=1, b=2, c=4) go, and
	// states 1..5 are codes 0, 1, 2, 4, 6.
	m.DMs[0].Prefs = model.Preferences{Ranking: [][]int{{5}, {1, 2}, {4}, {3}}}
	data, err := Encode(m, &Extras{InactiveStatements: map[int][]model.Statement{0: {st("a", ref("a"))}}})
	if err != nil {
		t.Fatal(err)
	}
	m2, ex2, err := Decode(data, "mixed.gmcr")
	if err != nil {
		t.Fatalf("%v\n%s", err, data)
	}
	equivalent(t, m, nil, m2, ex2)
	if !reflect.DeepEqual(m2.DMs[0].Prefs.Ranking, [][]int{{5}, {1, 2}, {4}, {3}}) {
		t.Errorf("ranking = %v", m2.DMs[0].Prefs.Ranking)
	}
	// Second: c first, then not (a iff c). Codes 0,1,2,4,6 give (c, a!=c)
	// = (0,0) (0,1) (0,0) (1,1) (1,1).
	if want := [][]int{{4, 5}, {2}, {1, 3}}; !reflect.DeepEqual(m2.DMs[1].Prefs.Ranking, want) {
		t.Errorf("computed ranking = %v, want %v", m2.DMs[1].Prefs.Ranking, want)
	}
	if got := texts(ex2.InactiveStatements[0]); !reflect.DeepEqual(got, []string{"option_a"}) {
		t.Errorf("inactive statements = %q", got)
	}
	if got := texts(ex2.InactiveStatements[1]); len(got) != 2 || got[0] != "option_c" {
		t.Errorf("statements kept beside the computed ranking = %q", got)
	}
}

func TestEncodeAllTie(t *testing.T) {
	m := handModel()
	m.DMs[1].Prefs = model.Preferences{Ranking: [][]int{{1, 2, 3, 4, 5}}}
	data, err := Encode(m, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), `"useManualPreferenceRanking": false`) {
		t.Errorf("a ranking tying all states must not switch to manual rankings:\n%s", data)
	}
	m2, ex2, err := Decode(data, "tie.gmcr")
	if err != nil {
		t.Fatal(err)
	}
	equivalent(t, m, nil, m2, ex2)
}

func TestEncodeErrors(t *testing.T) {
	parity := ref("o0")
	opts := []model.Option{{ID: "o0"}}
	var ids []string
	for k := 1; k < 12; k++ {
		id := fmt.Sprintf("o%d", k)
		opts = append(opts, model.Option{ID: id})
		ids = append(ids, id)
		parity = op(statement.Iff, parity, ref(id))
	}
	big := &model.Model{Options: opts, DMs: []model.DM{
		{ID: "d1", Options: []string{"o0"}, Prefs: model.Preferences{Statements: []model.Statement{st("x", ref("o0")), st("parity", parity)}}},
		{ID: "d2", Options: ids},
	}}
	for _, c := range []struct {
		name string
		edit func(m *model.Model, ex *Extras)
		want string
	}{
		{"too big", nil, `gmcrplus: encode: DM "d1" preference statement 2 ("parity") cannot be expressed as GMCR+ conditions: its disjunctive normal form is too large`},
		{"unknown option", func(m *model.Model, ex *Extras) {
			m.DMs[0].Prefs.Statements[1] = st("zz", ref("zz"))
		}, `DM "d1" preference statement 2 ("zz"): unknown option "zz"`},
		{"unowned option", func(m *model.Model, ex *Extras) {
			m.Options = append(m.Options, model.Option{ID: "extra"})
		}, `option "extra" is controlled by no DM`},
		{"always infeasible", func(m *model.Model, ex *Extras) {
			m.DMs[0].Prefs.Statements = m.DMs[0].Prefs.Statements[:1]
			m.Infeasible = []model.Statement{st("o0 or not o0", op(statement.Or, ref("o0"), op(statement.Not, ref("o0"))))}
		}, `infeasible condition 1 ("o0 or not o0") holds in every state`},
		{"bad ranking", func(m *model.Model, ex *Extras) {
			m.DMs[0].Prefs = model.Preferences{Ranking: [][]int{{1}, {3}}}
		}, `DM "d1" ranking: state 2 is missing (the conflict has 4096 feasible states)`},
		{"bad coalitions", func(m *model.Model, ex *Extras) {
			m.DMs[0].Prefs.Statements = m.DMs[0].Prefs.Statements[:1]
			ex.Coalitions = [][]int{{0}}
		}, "coalitions: DM 1 is in no coalition"},
		{"too many options to rank", func(m *model.Model, ex *Extras) {
			for k := 12; k < 24; k++ {
				id := fmt.Sprintf("o%d", k)
				m.Options = append(m.Options, model.Option{ID: id})
				m.DMs[1].Options = append(m.DMs[1].Options, id)
				m.Infeasible = append(m.Infeasible, st(id, ref(id)))
			}
			m.DMs[0].Prefs.Statements = m.DMs[0].Prefs.Statements[:1]
			r := make([][]int, 1<<12)
			for s := range r {
				r[s] = []int{s + 1}
			}
			m.DMs[1].Prefs.Ranking = r
		}, `DM "d1": GMCR+ needs a ranking for every DM once one DM has one, and 24 options are too many`},
	} {
		t.Run(c.name, func(t *testing.T) {
			m := *big
			m.Options = append([]model.Option(nil), big.Options...)
			m.DMs = append([]model.DM(nil), big.DMs...)
			m.DMs[0].Prefs.Statements = append([]model.Statement(nil), big.DMs[0].Prefs.Statements...)
			m.DMs[1].Options = append([]string(nil), big.DMs[1].Options...)
			ex := &Extras{}
			if c.edit != nil {
				c.edit(&m, ex)
			}
			_, err := Encode(&m, ex)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("err = %v\nwant it to contain %q", err, c.want)
			}
		})
	}
}

// TestMisperceivedRoundTrip checks that the misperceptions of
// prisoners.gmcr survive Encode and Decode, and a trip through a YAML model
// file (model.Marshal and model.Parse) on the way.
func TestMisperceivedRoundTrip(t *testing.T) {
	m, ex := read(t, "prisoners.gmcr")
	data, err := Encode(m, ex)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), `"misperceptions": [[[0, "Y"], [1, "Y"]]]`) {
		t.Errorf("Encode wrote no misperception for Prisoner B:\n%s", data)
	}
	again, _, err := Decode(data, "again.gmcr")
	if err != nil {
		t.Fatalf("%v\n%s", err, data)
	}
	if got := texts(again.DMs[1].Misperceived); len(again.DMs[0].Misperceived) != 0 || !slices.Equal(got, []string{"confess_a and confess_b"}) {
		t.Errorf("after Encode and Decode: misperceived %q, %q", texts(again.DMs[0].Misperceived), got)
	}
	y, err := model.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(y), "misperceived:\n      - \"confess_a and confess_b\"\n") {
		t.Errorf("the YAML model lacks the misperception:\n%s", y)
	}
	fromYAML, err := model.Parse(y, "prisoners.yaml")
	if err != nil {
		t.Fatalf("%v\n%s", err, y)
	}
	data2, err := Encode(fromYAML, ex)
	if err != nil {
		t.Fatal(err)
	}
	if string(data2) != string(data) {
		t.Errorf("through YAML, Encode writes\n%s\nrather than\n%s", data2, data)
	}
}
