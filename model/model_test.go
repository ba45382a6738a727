package model

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/gmcr/gmcr/model/statement"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// validFiles are the valid model files of testdata.
func validFiles(t testing.TB) []string {
	t.Helper()
	var out []string
	for _, pat := range []string{"testdata/*.yaml", "testdata/*.json"} {
		files, err := filepath.Glob(pat)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			if !strings.HasSuffix(f, ".golden.yaml") {
				out = append(out, f)
			}
		}
	}
	if len(out) == 0 {
		t.Fatal("no test files")
	}
	return out
}

// dump writes every field of m, positions included, one item a line.
func dump(m *Model) string {
	var b strings.Builder
	p := func(format string, args ...any) { fmt.Fprintf(&b, format+"\n", args...) }
	ev := func(e Evidence) string {
		if e == (Evidence{}) {
			return ""
		}
		return fmt.Sprintf(" note=%q source=%q", e.Note, e.Source)
	}
	st := func(indent string, s Statement) {
		origin := ""
		if s.Origin != nil {
			origin = fmt.Sprintf(" origin=%s%v", s.Origin.Helper, s.Origin.Options)
		}
		if s.Unsure {
			origin += " unsure"
		}
		p("%s@%v %q -> %s%s%s", indent, s.Pos, s.Text, s.Expr, origin, ev(s.Evidence))
	}
	p("file %q", m.File)
	p("title %q", m.Title)
	p("description %q", m.Description)
	if m.Evidence != (Evidence{}) {
		p("model%s", ev(m.Evidence))
	}
	for _, s := range m.Sources {
		p("source ref=%q note=%q", s.Ref, s.Note)
	}
	for _, o := range m.Options {
		p("option @%v %s name=%q description=%q %v%s", o.Pos, o.ID, o.Name, o.Description, o.Reversibility, ev(o.Evidence))
	}
	for _, dm := range m.DMs {
		concept := ""
		if dm.Concept != "" {
			concept = " concept=" + dm.Concept
		}
		p("dm @%v %s name=%q options=%v%s%s", dm.Pos, dm.ID, dm.Name, dm.Options, concept, ev(dm.Evidence))
		p("  preferences @%v%s", dm.Prefs.Pos, ev(dm.Prefs.Evidence))
		for _, s := range dm.Prefs.Statements {
			st("    ", s)
		}
		for _, g := range dm.Prefs.Unknown {
			p("    unknown @%v %v%s", g.Pos, g.States, ev(g.Evidence))
		}
		if dm.Prefs.Ranking != nil {
			p("    ranking %v", dm.Prefs.Ranking)
		}
		for _, s := range dm.Misperceived {
			st("  misperceived ", s)
		}
		for _, mv := range dm.Moves {
			p("  move @%v %s -> %v%s", mv.Pos, mv.From, mv.To, ev(mv.Evidence))
		}
	}
	for _, st := range m.States {
		p("state @%v %s name=%q description=%q taken=%v%s", st.Pos, st.ID, st.Name, st.Description, st.Taken, ev(st.Evidence))
	}
	for _, s := range m.Infeasible {
		st("infeasible ", s)
	}
	if sq := m.StatusQuo; sq != nil {
		if sq.State != "" {
			p("status quo @%v state=%s%s", sq.Pos, sq.State, ev(sq.Evidence))
		} else {
			p("status quo @%v taken=%v%s", sq.Pos, sq.Taken, ev(sq.Evidence))
		}
	}
	for _, sc := range m.Scenarios {
		p("scenario @%v %s name=%q description=%q force=%v forbid=%v%s", sc.Pos, sc.ID, sc.Name, sc.Description, sc.Force, sc.Forbid, ev(sc.Evidence))
		for _, s := range sc.Infeasible {
			st("  infeasible ", s)
		}
		if sq := sc.StatusQuo; sq != nil {
			p("  status quo @%v taken=%v%s", sq.Pos, sq.Taken, ev(sq.Evidence))
		}
		for _, c := range sc.Prefs {
			p("  preferences @%v %s%s", c.Pos, c.DM, ev(c.Evidence))
			for _, s := range c.Statements {
				st("    statement ", s)
			}
			if c.Ranking != nil {
				p("    ranking %v", c.Ranking)
			}
			for _, s := range c.Remove {
				st("    remove ", s)
			}
			for _, pl := range c.Add {
				st(fmt.Sprintf("    add at=%d @%v ", pl.At, pl.AtPos), pl.Statement)
			}
			for _, pl := range c.Move {
				st(fmt.Sprintf("    move to=%d @%v ", pl.At, pl.AtPos), pl.Statement)
			}
			for _, s := range c.Sure {
				st("    sure ", s)
			}
			for _, s := range c.Unsure {
				st("    unsure ", s)
			}
			for _, g := range c.Unknown {
				p("    unknown @%v %v%s", g.Pos, g.States, ev(g.Evidence))
			}
			if c.ClearUnknown {
				p("    clear_unknown")
			}
		}
	}
	return b.String()
}

// golden compares got with the golden file, or rewrites it with -update.
func golden(t *testing.T, path, got string) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs (go test -update rewrites it); got:\n%s", path, got)
	}
}

func TestGolden(t *testing.T) {
	for _, f := range validFiles(t) {
		t.Run(filepath.Base(f), func(t *testing.T) {
			m, err := Load(f)
			if err != nil {
				t.Fatal(err)
			}
			golden(t, strings.TrimSuffix(f, filepath.Ext(f))+filepath.Ext(f)+".golden", dump(m))
		})
	}
}

func TestJSONMatchesYAML(t *testing.T) {
	for _, name := range []string{"sustainable", "scenarios-unknown"} {
		y, err := Load("testdata/" + name + ".yaml")
		if err != nil {
			t.Fatal(err)
		}
		j, err := Load("testdata/" + name + ".json")
		if err != nil {
			t.Fatal(err)
		}
		if d := diff(canon(y), canon(j)); d != "" {
			t.Errorf("%s: %s", name, d)
		}
	}
}

// canon returns a copy of m without positions, file names and expression
// columns, with empty slices as nil, for semantic comparison.
func canon(m *Model) *Model {
	c := *m
	c.File = ""
	c.Sources = append([]Source(nil), m.Sources...)
	if len(c.Sources) == 0 {
		c.Sources = nil
	}
	c.Options = nil
	for _, o := range m.Options {
		o.Pos = Pos{}
		c.Options = append(c.Options, o)
	}
	cst := func(sts []Statement) []Statement {
		var out []Statement
		for _, s := range sts {
			s.Pos = Pos{}
			s.Expr = noCols(s.Expr)
			if s.Origin != nil {
				o := *s.Origin
				s.Origin = &o
			}
			out = append(out, s)
		}
		return out
	}
	c.DMs = nil
	for _, dm := range m.DMs {
		dm.Pos, dm.Prefs.Pos = Pos{}, Pos{}
		if len(dm.Options) == 0 {
			dm.Options = nil
		}
		dm.Prefs.Statements = cst(dm.Prefs.Statements)
		dm.Misperceived = cst(dm.Misperceived)
		if len(dm.Prefs.Ranking) == 0 {
			dm.Prefs.Ranking = nil
		}
		var unknown []UnknownGroup
		for _, g := range dm.Prefs.Unknown {
			g.Pos = Pos{}
			unknown = append(unknown, g)
		}
		dm.Prefs.Unknown = unknown
		var moves []Move
		for _, mv := range dm.Moves {
			mv.Pos = Pos{}
			moves = append(moves, mv)
		}
		dm.Moves = moves
		c.DMs = append(c.DMs, dm)
	}
	c.Infeasible = cst(m.Infeasible)
	c.States = nil
	for _, st := range m.States {
		st.Pos = Pos{}
		if len(st.Taken) == 0 {
			st.Taken = nil
		}
		c.States = append(c.States, st)
	}
	csq := func(in *StatusQuo) *StatusQuo {
		if in == nil {
			return nil
		}
		sq := *in
		sq.Pos = Pos{}
		if len(sq.Taken) == 0 {
			sq.Taken = nil
		}
		return &sq
	}
	c.StatusQuo = csq(m.StatusQuo)
	c.Scenarios = nil
	for _, sc := range m.Scenarios {
		sc.Pos, sc.ForcePos, sc.ForbidPos = Pos{}, nil, nil
		sc.Infeasible = cst(sc.Infeasible)
		sc.StatusQuo = csq(sc.StatusQuo)
		var prefs []PrefChange
		for _, pc := range sc.Prefs {
			pc.Pos = Pos{}
			pc.Statements = cst(pc.Statements)
			pc.Remove = cst(pc.Remove)
			cpl := func(pls []Placement) []Placement {
				var out []Placement
				for _, pl := range pls {
					pl.AtPos = Pos{}
					pl.Statement = cst([]Statement{pl.Statement})[0]
					out = append(out, pl)
				}
				return out
			}
			pc.Add, pc.Move = cpl(pc.Add), cpl(pc.Move)
			pc.Sure, pc.Unsure = cst(pc.Sure), cst(pc.Unsure)
			var unknown []UnknownGroup
			for _, g := range pc.Unknown {
				g.Pos = Pos{}
				unknown = append(unknown, g)
			}
			pc.Unknown = unknown
			prefs = append(prefs, pc)
		}
		sc.Prefs = prefs
		c.Scenarios = append(c.Scenarios, sc)
	}
	return &c
}

func noCols(e *statement.Expr) *statement.Expr {
	if e == nil {
		return nil
	}
	c := *e
	c.Col = 0
	c.Args = nil
	for _, a := range e.Args {
		c.Args = append(c.Args, noCols(a))
	}
	return &c
}

// diff describes how two canonical models differ, or returns "".
func diff(a, b *Model) string {
	if reflect.DeepEqual(a, b) {
		return ""
	}
	da, db := dump(a), dump(b)
	la, lb := strings.Split(da, "\n"), strings.Split(db, "\n")
	for i := range min(len(la), len(lb)) {
		if la[i] != lb[i] {
			return fmt.Sprintf("models differ:\n  %s\n  %s", la[i], lb[i])
		}
	}
	return fmt.Sprintf("models differ:\n%s\n---\n%s", da, db)
}

func TestMarshalRoundTrip(t *testing.T) {
	for _, f := range validFiles(t) {
		t.Run(filepath.Base(f), func(t *testing.T) {
			m, err := Load(f)
			if err != nil {
				t.Fatal(err)
			}
			out, err := Marshal(m)
			if err != nil {
				t.Fatal(err)
			}
			back, err := Parse(out, "marshalled.yaml")
			if err != nil {
				t.Fatalf("%v\n%s", err, out)
			}
			if d := diff(canon(m), canon(back)); d != "" {
				t.Errorf("%s\n%s", d, out)
			}
			again, err := Marshal(back)
			if err != nil {
				t.Fatal(err)
			}
			if string(again) != string(out) {
				t.Errorf("Marshal not stable:\n%s\n---\n%s", out, again)
			}
		})
	}
}

func TestMarshalGolden(t *testing.T) {
	m, err := Load("testdata/three.yaml")
	if err != nil {
		t.Fatal(err)
	}
	out, err := Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "testdata/three.marshal.golden.yaml", string(out))
}

// built is a model made in code, without positions.
func built() *Model {
	parse := func(s string) Statement {
		e, err := statement.Parse(s)
		if err != nil {
			panic(err)
		}
		return Statement{Text: s, Expr: e}
	}
	helper := func(h string, ids ...string) Statement {
		s, err := Origin{Helper: h, Options: ids}.Statement()
		if err != nil {
			panic(err)
		}
		return s
	}
	noText := parse("a IF b")
	noText.Text = ""
	return &Model{
		Title:   "Built",
		Options: []Option{{ID: "a", Reversibility: Forward}, {ID: "b"}, {ID: "c", Name: "C: the third"}},
		DMs: []DM{
			{ID: "X", Options: []string{"a", "b"}, Prefs: Preferences{Statements: []Statement{parse("a"), noText}}},
			{ID: "Y", Options: []string{"c"}, Prefs: Preferences{Ranking: [][]int{{2}, {1, 3}}}},
		},
		Infeasible: []Statement{
			parse("a and c"),
			helper(MutuallyExclusive, "a", "b", "c"),
			helper(AtLeastOne, "a", "c"),
			helper(ExactlyOne, "b", "c"),
			helper(Requires, "c", "a"),
		},
		StatusQuo: &StatusQuo{},
	}
}

func TestValidateBuilt(t *testing.T) {
	m := built()
	if err := m.Validate(); err != nil {
		t.Fatal(err)
	}
	out, err := Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	back, err := Parse(out, "")
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	m.DMs[0].Prefs.Statements[1].Text = "a IF b" // Marshal writes the Expr
	if d := diff(canon(m), canon(back)); d != "" {
		t.Errorf("%s\n%s", d, out)
	}
}

func TestValidateErrors(t *testing.T) {
	tests := []struct {
		name   string
		change func(m *Model)
		want   string
	}{
		{"no title", func(m *Model) { m.Title = " " }, `m.yaml: missing title (add "title: <a short name for the conflict>")`},
		{"bad id", func(m *Model) { m.Options[0].ID = "a b"; m.DMs[0].Options[0] = "a b" },
			"m.yaml: invalid option id \"a b\" (an id is a letter or _ followed by letters, digits, _ or .)\nm.yaml: unknown option \"a\" in statement (known: a b, b, c)\nm.yaml: unknown option \"a\" in mutually_exclusive (known: a b, b, c)\nm.yaml: unknown option \"a\" in at_least_one (known: a b, b, c)\nm.yaml: unknown option \"a\" in requires (known: a b, b, c)"},
		{"reversibility", func(m *Model) { m.Options[1].Reversibility = 7 }, `m.yaml: option "b" has invalid reversibility 7 (use Both, Forward or Backward)`},
		{"duplicate", func(m *Model) { m.Options[1].ID = "a"; m.DMs[0].Options[1] = "c" },
			// The references to "b" are not reported as unknown: the
			// duplicate "a" is their cause.
			"m.yaml: duplicate option id \"a\" (first as option 1)\nm.yaml: option \"c\" is controlled by both \"X\" and \"Y\" (each option belongs to exactly one decision maker)"},
		{"no expression", func(m *Model) { m.Infeasible[0].Expr = nil }, `m.yaml: statement "a and c" has no expression (set Expr, for example with statement.Parse)`},
		{"malformed", func(m *Model) { m.Infeasible[0].Expr = &statement.Expr{Op: statement.If} }, `m.yaml: malformed statement "<malformed>": IF and IFF take two operands, not 0`},
		{"unknown in statement", func(m *Model) { m.Infeasible[0] = Statement{Expr: lit("zz")} }, `m.yaml: unknown option "zz" in statement (known: a, b, c)`},
		{"unknown helper", func(m *Model) { m.Infeasible[1].Origin = &Origin{Helper: "at_most_one", Options: []string{"a"}} },
			`m.yaml: unknown feasibility helper "at_most_one" (use mutually_exclusive, at_least_one, exactly_one, requires)`},
		{"both prefs", func(m *Model) { m.DMs[1].Prefs.Statements = m.DMs[0].Prefs.Statements }, `m.yaml: decision maker "Y" has both statements and a ranking (keep one of statements and ranking)`},
		{"ranking", func(m *Model) { m.DMs[1].Prefs.Ranking = [][]int{{1}, {}, {1, -2}} },
			"m.yaml: empty tie group in the ranking of decision maker \"Y\" (a tie group lists at least one state)\nm.yaml: state 1 appears twice in the ranking of decision maker \"Y\" (first earlier in the ranking)\nm.yaml: state number must be positive, found -2 (states are numbered from 1)"},
		{"status quo", func(m *Model) { m.StatusQuo.Taken = []string{"q", "a", "a"} },
			"m.yaml: unknown option \"q\" in status_quo (known: a, b, c)\nm.yaml: option \"a\" is listed twice in status_quo"},
		{"source", func(m *Model) { m.Sources = []Source{{Note: "x"}} }, `m.yaml: source has no ref (write "ref: <citation>")`},
		{"no id dm", func(m *Model) { m.DMs[1].ID = "" }, `m.yaml: decision maker has no id (add "id: <a letter or _ followed by letters, digits, _ or .>")`},
		{"positions kept", func(m *Model) { m.DMs[1].Pos = Pos{"x.yaml", 3, 4}; m.DMs[1].Options = nil },
			"m.yaml: option \"c\" is controlled by no decision maker (add it to the options of one decision maker)\nx.yaml:3:4: decision maker \"Y\" controls no options (list the ids of the options it controls under \"options:\")"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := built()
			m.File = "m.yaml"
			tt.change(m)
			err := m.Validate()
			if err == nil {
				t.Fatal("no error")
			}
			checkErrorType(t, err)
			if err.Error() != tt.want {
				t.Errorf("got\n%s\nwant\n%s\nquoted: %q", err, tt.want, err.Error())
			}
			if _, err := Marshal(m); err == nil {
				t.Error("Marshal accepted an invalid model")
			}
		})
	}
}

func TestOriginStatement(t *testing.T) {
	tests := []struct {
		o         Origin
		text      string
		condition string // canonical form of the Expr
	}{
		{Origin{MutuallyExclusive, []string{"a", "b"}}, "mutually_exclusive: at most one of a and b", "a and b"},
		{Origin{MutuallyExclusive, []string{"a", "b", "c"}}, "mutually_exclusive: at most one of a, b and c", "a and b or a and c or b and c"},
		{Origin{AtLeastOne, []string{"a"}}, "at_least_one: at least one of a", "not a"},
		{Origin{AtLeastOne, []string{"a", "b"}}, "at_least_one: at least one of a and b", "not (a or b)"},
		{Origin{ExactlyOne, []string{"a"}}, "exactly_one: exactly one of a", "not a"},
		{Origin{ExactlyOne, []string{"a", "b", "c"}}, "exactly_one: exactly one of a, b and c", "a and b or a and c or b and c or not (a or b or c)"},
		{Origin{Requires, []string{"a", "b"}}, "requires: a requires b", "a and not b"},
		{Origin{Requires, []string{"a", "b", "c"}}, "requires: a requires b and c", "a and not (b and c)"},
	}
	for _, tt := range tests {
		s, err := tt.o.Statement()
		if err != nil {
			t.Fatal(err)
		}
		if s.Text != tt.text || s.Expr.String() != tt.condition || !reflect.DeepEqual(*s.Origin, tt.o) {
			t.Errorf("%v: got %q, %q, %v", tt.o, s.Text, s.Expr, s.Origin)
		}
		e, err := statement.Parse(tt.condition)
		if err != nil || !e.Equal(s.Expr) {
			t.Errorf("%v: tree is not Parse's tree of %q", tt.o, tt.condition)
		}
		// the condition holds exactly at the states the helper forbids
		ids := tt.o.Options
		for mask := 0; mask < 1<<len(ids); mask++ {
			taken := map[string]bool{}
			n := 0
			for i, id := range ids {
				if mask&(1<<i) != 0 {
					taken[id] = true
					n++
				}
			}
			var forbidden bool
			switch tt.o.Helper {
			case MutuallyExclusive:
				forbidden = n > 1
			case AtLeastOne:
				forbidden = n == 0
			case ExactlyOne:
				forbidden = n != 1
			case Requires:
				forbidden = taken[ids[0]] && n < len(ids)
			}
			if got := s.Expr.Eval(func(id string) bool { return taken[id] }); got != forbidden {
				t.Errorf("%v at %v: condition %v, want %v", tt.o, taken, got, forbidden)
			}
		}
	}
	for _, o := range []Origin{{MutuallyExclusive, []string{"a"}}, {AtLeastOne, nil}, {Requires, []string{"a"}}, {"nope", []string{"a", "b"}}} {
		_, err := o.Statement()
		var e *Error
		if !errors.As(err, &e) {
			t.Errorf("%v: error %v", o, err)
		}
	}
}

func TestErrorFormat(t *testing.T) {
	tests := []struct {
		e    Error
		want string
	}{
		{Error{Pos{"f.yaml", 3, 7}, "bad", "fix it"}, "f.yaml:3:7: bad (fix it)"},
		{Error{Pos{"f.yaml", 3, 0}, "bad", ""}, "f.yaml:3: bad"},
		{Error{Pos{"f.yaml", 0, 0}, "bad", ""}, "f.yaml: bad"},
		{Error{Pos{"", 2, 5}, "bad", ""}, "2:5: bad"},
		{Error{Pos{}, "bad", "h"}, "bad (h)"},
	}
	for _, tt := range tests {
		if got := tt.e.Error(); got != tt.want {
			t.Errorf("got %q, want %q", got, tt.want)
		}
	}
	l := ErrorList{{Pos{"f", 1, 1}, "a", ""}, {Pos{"f", 2, 1}, "b", ""}}
	if l.Error() != "f:1:1: a\nf:2:1: b" {
		t.Errorf("got %q", l.Error())
	}
}
