package statement

import (
	"errors"
	"math/rand"
	"strings"
	"testing"
	"unicode/utf8"
)

func lit(id string) *Expr          { return &Expr{Op: Lit, Option: id} }
func not(a *Expr) *Expr            { return &Expr{Op: Not, Args: []*Expr{a}} }
func and(args ...*Expr) *Expr      { return &Expr{Op: And, Args: args} }
func or(args ...*Expr) *Expr       { return &Expr{Op: Or, Args: args} }
func ifThen(a, b *Expr) *Expr      { return &Expr{Op: If, Args: []*Expr{a, b}} }
func iff(a, b *Expr) *Expr         { return &Expr{Op: Iff, Args: []*Expr{a, b}} }
func withCol(e *Expr, c int) *Expr { e.Col = c; return e }

func TestParseTrees(t *testing.T) {
	a, b, c, d := lit("a"), lit("b"), lit("c"), lit("d")
	tests := []struct {
		in    string
		want  *Expr
		canon string
	}{
		{"a", a, "a"},
		{"  x_1.y  ", lit("x_1.y"), "x_1.y"},
		{"_", lit("_"), "_"},
		{"not a", not(a), "not a"},
		{"NOT a", not(a), "not a"},
		{"!a", not(a), "not a"},
		{"-a", not(a), "not a"},
		{"~a", not(a), "not a"},
		{"not not a", not(not(a)), "not not a"},
		{"!-~a", not(not(not(a))), "not not not a"},
		{"a and b", and(a, b), "a and b"},
		{"a & b & c", and(a, b, c), "a and b and c"},
		{"a AND b And c", and(a, b, c), "a and b and c"},
		{"a or b or c", or(a, b, c), "a or b or c"},
		{"a|b", or(a, b), "a or b"},
		{"a and b or c and d", or(and(a, b), and(c, d)), "a and b or c and d"},
		{"a and (b or c)", and(a, or(b, c)), "a and (b or c)"},
		{"(a and b) and c", and(and(a, b), c), "(a and b) and c"},
		{"a and (b and c)", and(a, and(b, c)), "a and (b and c)"},
		{"((a))", a, "a"},
		{"not (a or b)", not(or(a, b)), "not (a or b)"},
		{"not a and b", and(not(a), b), "not a and b"},
		{"a IF b", ifThen(a, b), "a IF b"},
		{"a if b", ifThen(a, b), "a IF b"},
		{"a <- b", ifThen(a, b), "a IF b"},
		{"a<-b", ifThen(a, b), "a IF b"},
		{"a IF b IF c", ifThen(ifThen(a, b), c), "a IF b IF c"},
		{"a IF (b IF c)", ifThen(a, ifThen(b, c)), "a IF (b IF c)"},
		{"a or b IF c and d", ifThen(or(a, b), and(c, d)), "a or b IF c and d"},
		{"a IFF b", iff(a, b), "a IFF b"},
		{"a <-> b", iff(a, b), "a IFF b"},
		{"a iff b IFF c", iff(iff(a, b), c), "a IFF b IFF c"},
		{"a IFF (b IFF c)", iff(a, iff(b, c)), "a IFF (b IFF c)"},
		{"a IF b IFF c", iff(ifThen(a, b), c), "a IF b IFF c"},
		{"a IFF b IF c", iff(a, ifThen(b, c)), "a IFF b IF c"},
		{"(a IFF b) IF c", ifThen(iff(a, b), c), "(a IFF b) IF c"},
		{"not (a IF b)", not(ifThen(a, b)), "not (a IF b)"},
		{"android and orange", and(lit("android"), lit("orange")), "android and orange"},
		{"notA", lit("notA"), "notA"},
		{"a.and", lit("a.and"), "a.and"},
		{"a\tand\nb", and(a, b), "a and b"},
	}
	for _, tt := range tests {
		got, err := Parse(tt.in)
		if err != nil {
			t.Errorf("Parse(%q): %v", tt.in, err)
			continue
		}
		if !got.Equal(tt.want) {
			t.Errorf("Parse(%q) = %s, want %s", tt.in, got, tt.want)
		}
		if s := got.String(); s != tt.canon {
			t.Errorf("Parse(%q).String() = %q, want %q", tt.in, s, tt.canon)
		}
	}
}

func TestParseCols(t *testing.T) {
	got, err := Parse("not a and (b  or c)")
	if err != nil {
		t.Fatal(err)
	}
	want := withCol(and(
		withCol(not(withCol(lit("a"), 5)), 1),
		withCol(or(withCol(lit("b"), 12), withCol(lit("c"), 18)), 12),
	), 1)
	var check func(g, w *Expr)
	check = func(g, w *Expr) {
		if g.Col != w.Col {
			t.Errorf("%s: Col = %d, want %d", g, g.Col, w.Col)
		}
		for i := range g.Args {
			check(g.Args[i], w.Args[i])
		}
	}
	if !got.Equal(want) {
		t.Fatalf("got %s", got)
	}
	check(got, want)

	// columns count characters, not bytes
	_, err = Parse("é a")
	var se *SyntaxError
	if !errors.As(err, &se) || se.Col != 1 {
		t.Fatalf("got %v", err)
	}
	_, err = Parse("a\u00a0\u2003and $") // two non-ASCII spaces
	if !errors.As(err, &se) || se.Col != 8 {
		t.Fatalf("got %v", err)
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", "col 1: empty statement"},
		{"   ", "col 1: empty statement"},
		{"a and", `col 6: missing operand after "and"`},
		{"a and ", `col 7: missing operand after "and"`},
		{"a and or b", `col 7: missing operand after "and"`},
		{"not", `col 4: missing operand after "not"`},
		{"a &", `col 4: missing operand after "&"`},
		{"a IF", `col 5: missing operand after "IF"`},
		{"and a", `col 1: missing operand before "and"`},
		{"(or a)", `col 2: missing operand before "or"`},
		{"(a and b", `col 1: unclosed "("`},
		{"a and ((b)", `col 7: unclosed "("`},
		{"(", `col 1: unclosed "("`},
		{"a and (", `col 7: unclosed "("`},
		{"()", `col 1: empty parentheses "()"`},
		{"a and ()", `col 7: empty parentheses "()"`},
		{")", `col 1: unexpected ")"`},
		{"a)", `col 2: unexpected ")": no matching "("`},
		{"(a))", `col 4: unexpected ")": no matching "("`},
		{"a and )", `col 7: missing operand after "and"`},
		{"a b", `col 3: missing operator between "a" and "b"`},
		{"a (b)", `col 3: missing operator between "a" and "("`},
		{"(a) b", `col 5: missing operator between ")" and "b"`},
		{"(a b)", `col 4: missing operator between "a" and "b"`},
		{"a not b", `col 3: unexpected "not": missing "and" or "or" before it?`},
		{"a -> b", `col 3: unsupported operator "->": write "b IF a" for "a implies b"`},
		{"a => b", `col 3: unsupported operator "=>": write "b IF a" for "a implies b"`},
		{"a && b", `col 3: unsupported operator "&&": write "&" or "and"`},
		{"a || b", `col 3: unsupported operator "||": write "|" or "or"`},
		{"a < b", `col 3: unexpected "<": write "<-" (IF) or "<->" (IFF)`},
		{"a and 1b", `col 7: invalid option id "1b": an id starts with a letter or _`},
		{"a $ b", `col 3: unexpected character '$'`},
		{"a and ä", `col 7: unexpected character 'ä'`},
		{"a \xff", `col 3: invalid UTF-8 byte 0xff`},
		{strings.Repeat("(", 201) + "a" + strings.Repeat(")", 201), `col 201: statement nested too deeply (more than 200 levels)`},
		{strings.Repeat("not ", 300) + "a", `col 801: statement nested too deeply (more than 200 levels)`},
	}
	for _, tt := range tests {
		e, err := Parse(tt.in)
		if err == nil {
			t.Errorf("Parse(%q) = %s, want error %q", tt.in, e, tt.want)
			continue
		}
		var se *SyntaxError
		if !errors.As(err, &se) {
			t.Errorf("Parse(%q): error %T, want *SyntaxError", tt.in, err)
		}
		if err.Error() != tt.want {
			t.Errorf("Parse(%q): error %q, want %q", tt.in, err, tt.want)
		}
	}
	// exactly MaxDepth levels are fine
	in := strings.Repeat("(", MaxDepth) + "a" + strings.Repeat(")", MaxDepth)
	if _, err := Parse(in); err != nil {
		t.Errorf("depth %d: %v", MaxDepth, err)
	}
}

// truth evaluates text at every assignment of a and b, in the order
// (F,F), (F,T), (T,F), (T,T).
func truth(t *testing.T, text string) [4]bool {
	t.Helper()
	e, err := Parse(text)
	if err != nil {
		t.Fatalf("Parse(%q): %v", text, err)
	}
	var out [4]bool
	for i := range 4 {
		va, vb := i&2 != 0, i&1 != 0
		out[i] = e.Eval(func(id string) bool {
			switch id {
			case "a":
				return va
			case "b":
				return vb
			}
			t.Fatalf("unexpected option %q", id)
			return false
		})
	}
	return out
}

func TestTruthTables(t *testing.T) {
	//                     a=F,b=F a=F,b=T a=T,b=F a=T,b=T
	implies := [4]bool{true, false, true, true} // a IF b: b implies a
	equiv := [4]bool{true, false, false, true}
	tests := []struct {
		text string
		want [4]bool
	}{
		{"a IF b", implies},
		{"a <- b", implies},
		{"not b or a", implies},
		{"a IFF b", equiv},
		{"a <-> b", equiv},
		{"a and b", [4]bool{false, false, false, true}},
		{"a or b", [4]bool{false, true, true, true}},
		{"not a", [4]bool{true, true, false, false}},
		{"b IF a", [4]bool{true, true, false, true}},
		{"not (a IFF b)", [4]bool{false, true, true, false}},
		{"a IF a", [4]bool{true, true, true, true}},
	}
	for _, tt := range tests {
		if got := truth(t, tt.text); got != tt.want {
			t.Errorf("%s: truth table %v, want %v", tt.text, got, tt.want)
		}
	}
}

func TestOptions(t *testing.T) {
	e, err := Parse("b and (a or not b) IF c")
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Join(e.Options(nil), ",")
	if got != "b,a,c" {
		t.Errorf("Options = %s", got)
	}
}

func TestHelpers(t *testing.T) {
	for _, w := range []string{"and", "AND", "Not", "iff", "If", "oR"} {
		if !IsKeyword(w) {
			t.Errorf("IsKeyword(%q) = false", w)
		}
	}
	for _, w := range []string{"andy", "a", "nota", ""} {
		if IsKeyword(w) {
			t.Errorf("IsKeyword(%q) = true", w)
		}
	}
	for _, id := range []string{"a", "_", "A1", "a.b", "x_y.", "and"} {
		if !ValidID(id) {
			t.Errorf("ValidID(%q) = false", id)
		}
	}
	for _, id := range []string{"", "1a", ".a", "a-b", "a b", "é"} {
		if ValidID(id) {
			t.Errorf("ValidID(%q) = true", id)
		}
	}
}

func TestStringOddTrees(t *testing.T) {
	tests := []struct {
		e    *Expr
		want string
	}{
		{nil, "<nil>"},
		{&Expr{Op: True}, "<true>"},
		{and(), "<true>"},
		{or(), "<false>"},
		{and(lit("a")), "a"},
		{&Expr{Op: If, Args: []*Expr{lit("a")}}, "<malformed>"},
		{&Expr{Op: Op(99)}, "<malformed>"},
		{and(lit("a"), nil), "a and <nil>"},
	}
	for _, tt := range tests {
		if got := tt.e.String(); got != tt.want {
			t.Errorf("String() = %q, want %q", got, tt.want)
		}
	}
}

// randExpr builds a random tree of the shapes Parse produces.
func randExpr(r *rand.Rand, depth int) *Expr {
	ids := []string{"a", "b", "c", "x.1", "_y"}
	if depth == 0 || r.Intn(4) == 0 {
		return lit(ids[r.Intn(len(ids))])
	}
	switch r.Intn(6) {
	case 0:
		return not(randExpr(r, depth-1))
	case 1, 2:
		n := 2 + r.Intn(3)
		e := &Expr{Op: And}
		if r.Intn(2) == 0 {
			e.Op = Or
		}
		for range n {
			e.Args = append(e.Args, randExpr(r, depth-1))
		}
		return e
	case 3, 4:
		return ifThen(randExpr(r, depth-1), randExpr(r, depth-1))
	}
	return iff(randExpr(r, depth-1), randExpr(r, depth-1))
}

func TestRoundTrip(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	for range 3000 {
		e := randExpr(r, 5)
		s := e.String()
		got, err := Parse(s)
		if err != nil {
			t.Fatalf("Parse(%q): %v", s, err)
		}
		if !got.Equal(e) {
			t.Fatalf("round trip of %q gave %s", s, got)
		}
		if got.String() != s {
			t.Fatalf("String not stable: %q then %q", s, got.String())
		}
	}
}

func TestEqual(t *testing.T) {
	a := and(lit("a"), not(lit("b")))
	if !a.Equal(withCol(and(withCol(lit("a"), 3), not(lit("b"))), 7)) {
		t.Error("Col must be ignored")
	}
	for _, b := range []*Expr{and(lit("a"), lit("b")), or(lit("a"), not(lit("b"))), and(lit("a")), nil} {
		if a.Equal(b) {
			t.Errorf("%s Equal %s", a, b)
		}
	}
	var n *Expr
	if !n.Equal(nil) {
		t.Error("nil != nil")
	}
}

// FuzzParse checks that Parse never panics, that its errors are
// *SyntaxError with a column inside the text (or one past its end), and
// that every successful parse round-trips through String.
func FuzzParse(f *testing.F) {
	for _, s := range []string{"a", "not a and (b or c)", "a IF b IFF c", "a <-> !b | ~c & -d", "((a)", "a and", ")"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		e, err := Parse(text)
		if err != nil {
			var se *SyntaxError
			if !errors.As(err, &se) {
				t.Fatalf("error %T %v", err, err)
			}
			if se.Col < 1 || se.Col > utf8.RuneCountInString(text)+1 {
				t.Fatalf("Col %d out of range for %q", se.Col, text)
			}
			return
		}
		s := e.String()
		e2, err := Parse(s)
		if err != nil {
			t.Fatalf("Parse(%q) = %s, String %q does not parse: %v", text, e, s, err)
		}
		if !e2.Equal(e) {
			t.Fatalf("Parse(%q) = %s, reparsed as %s", text, e, e2)
		}
		if e2.String() != s {
			t.Fatalf("String not stable for %q", text)
		}
	})
}
