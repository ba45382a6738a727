package statement

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// MaxDepth is the deepest nesting of parentheses and negations Parse
// accepts; deeper statements are rejected with a SyntaxError.
const MaxDepth = 200

// SyntaxError reports a statement that does not parse. Col is the 1-based
// column (counted in characters, not bytes) in the statement's text where
// the problem is; it is one past the last character when the statement
// ends too early.
type SyntaxError struct {
	Col int
	Msg string
}

// Error returns "col N: msg".
func (e *SyntaxError) Error() string {
	return fmt.Sprintf("col %d: %s", e.Col, e.Msg)
}

// Keywords lists the reserved words of the language, lower case; they are
// matched case-insensitively and cannot be option ids.
var Keywords = []string{"not", "and", "or", "if", "iff"}

// IsKeyword reports whether word is a reserved word of the language, in
// any case ("AND", "Not", ...).
func IsKeyword(word string) bool {
	for _, k := range Keywords {
		if strings.EqualFold(word, k) {
			return true
		}
	}
	return false
}

// ValidID reports whether id has the form of an option id: a letter or
// underscore followed by letters, digits, underscores or dots (ASCII only).
// It does not check for keywords; see IsKeyword.
func ValidID(id string) bool {
	if id == "" || !idStart(id[0]) {
		return false
	}
	for i := 1; i < len(id); i++ {
		if !idPart(id[i]) {
			return false
		}
	}
	return true
}

func idStart(c byte) bool {
	return c == '_' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}

func idPart(c byte) bool {
	return idStart(c) || c == '.' || '0' <= c && c <= '9'
}

// token kinds
type kind int

const (
	tEOF kind = iota
	tID
	tNot
	tAnd
	tOr
	tIf
	tIff
	tLParen
	tRParen
)

type token struct {
	kind kind
	text string // as written
	col  int    // 1-based, in characters
}

// quoted returns the token as it should appear in a message.
func (t token) quoted() string { return fmt.Sprintf("%q", t.text) }

// lex splits text into tokens. It fails on the first character that
// cannot start a token.
func lex(text string) ([]token, *SyntaxError) {
	var toks []token
	col := 1
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		start := col
		switch {
		case unicode.IsSpace(r):
			i += size
			col++
			continue
		case idStart(text[i]):
			j := i
			for j < len(text) && idPart(text[j]) {
				j++
			}
			word := text[i:j]
			k := tID
			switch strings.ToLower(word) {
			case "not":
				k = tNot
			case "and":
				k = tAnd
			case "or":
				k = tOr
			case "if":
				k = tIf
			case "iff":
				k = tIff
			}
			toks = append(toks, token{k, word, start})
			col += j - i
			i = j
			continue
		case '0' <= r && r <= '9':
			j := i
			for j < len(text) && idPart(text[j]) {
				j++
			}
			return nil, &SyntaxError{start, fmt.Sprintf("invalid option id %q: an id starts with a letter or _", text[i:j])}
		}
		var k kind
		n := 1
		switch {
		case r == '(':
			k = tLParen
		case r == ')':
			k = tRParen
		case r == '!' || r == '~':
			k = tNot
		case r == '-':
			if strings.HasPrefix(text[i:], "->") {
				return nil, &SyntaxError{start, `unsupported operator "->": write "b IF a" for "a implies b"`}
			}
			k = tNot
		case r == '&':
			k = tAnd
			if strings.HasPrefix(text[i:], "&&") {
				return nil, &SyntaxError{start, `unsupported operator "&&": write "&" or "and"`}
			}
		case r == '|':
			k = tOr
			if strings.HasPrefix(text[i:], "||") {
				return nil, &SyntaxError{start, `unsupported operator "||": write "|" or "or"`}
			}
		case strings.HasPrefix(text[i:], "<->"):
			k, n = tIff, 3
		case strings.HasPrefix(text[i:], "<-"):
			k, n = tIf, 2
		case r == '<':
			return nil, &SyntaxError{start, `unexpected "<": write "<-" (IF) or "<->" (IFF)`}
		case r == '=' && strings.HasPrefix(text[i:], "=>"):
			return nil, &SyntaxError{start, `unsupported operator "=>": write "b IF a" for "a implies b"`}
		case r == utf8.RuneError && size <= 1:
			return nil, &SyntaxError{start, fmt.Sprintf("invalid UTF-8 byte %#02x", text[i])}
		default:
			return nil, &SyntaxError{start, fmt.Sprintf("unexpected character %q", r)}
		}
		toks = append(toks, token{k, text[i : i+n], start})
		i += n
		col += n
	}
	toks = append(toks, token{kind: tEOF, col: col})
	return toks, nil
}

type parser struct {
	toks  []token
	pos   int
	depth int
}

func (p *parser) peek() token { return p.toks[p.pos] }

func (p *parser) next() token {
	t := p.toks[p.pos]
	if t.kind != tEOF {
		p.pos++
	}
	return t
}

// prev returns the token before the current one, or a token of kind tEOF
// at the start.
func (p *parser) prev() (token, bool) {
	if p.pos == 0 {
		return token{}, false
	}
	return p.toks[p.pos-1], true
}

// Parse parses a statement (see the package documentation for the
// grammar). And and Or nodes are flat: "a and b and c" is one And node
// with three operands; parentheses are kept, so "(a and b) and c" is an
// And inside an And. IF and IFF are binary and group to the left:
// "a IF b IF c" is (a IF b) IF c. Every node's Col is set.
//
// Errors are of type *SyntaxError. Parse never panics; statements nested
// deeper than MaxDepth are rejected.
func Parse(text string) (*Expr, error) {
	toks, err := lex(text)
	if err != nil {
		return nil, err
	}
	if toks[0].kind == tEOF {
		return nil, &SyntaxError{1, "empty statement"}
	}
	p := &parser{toks: toks}
	e, err := p.expr()
	if err != nil {
		return nil, err
	}
	if t := p.peek(); t.kind != tEOF {
		return nil, p.unexpectedAfterOperand(t)
	}
	return e, nil
}

func (p *parser) expr() (*Expr, *SyntaxError) { return p.binary(tIff) }

// binary parses one precedence level: tIff, tIf, tOr or tAnd.
func (p *parser) binary(level kind) (*Expr, *SyntaxError) {
	sub := func() (*Expr, *SyntaxError) {
		switch level {
		case tIff:
			return p.binary(tIf)
		case tIf:
			return p.binary(tOr)
		case tOr:
			return p.binary(tAnd)
		}
		return p.unary()
	}
	left, err := sub()
	if err != nil {
		return nil, err
	}
	switch level {
	case tAnd, tOr:
		if p.peek().kind != level {
			return left, nil
		}
		op := And
		if level == tOr {
			op = Or
		}
		e := &Expr{Op: op, Args: []*Expr{left}, Col: left.Col}
		for p.peek().kind == level {
			p.next()
			right, err := sub()
			if err != nil {
				return nil, err
			}
			e.Args = append(e.Args, right)
		}
		return e, nil
	default:
		op := Iff
		if level == tIf {
			op = If
		}
		operands := 1
		for p.peek().kind == level {
			t := p.next()
			if operands++; operands > MaxDepth {
				return nil, &SyntaxError{t.col, fmt.Sprintf("more than %d operands chained with %s (each one nests a level: \"a IF b IF c\" is \"(a IF b) IF c\"); split the statement", MaxDepth, strings.ToUpper(t.text))}
			}
			right, err := sub()
			if err != nil {
				return nil, err
			}
			left = &Expr{Op: op, Args: []*Expr{left, right}, Col: left.Col}
		}
		return left, nil
	}
}

func (p *parser) unary() (*Expr, *SyntaxError) {
	t := p.peek()
	switch t.kind {
	case tID:
		p.next()
		return &Expr{Op: Lit, Option: t.text, Col: t.col}, nil
	case tNot, tLParen:
		if p.depth >= MaxDepth {
			return nil, &SyntaxError{t.col, fmt.Sprintf("statement nested too deeply (more than %d levels)", MaxDepth)}
		}
		p.depth++
		defer func() { p.depth-- }()
		p.next()
		if t.kind == tNot {
			arg, err := p.unary()
			if err != nil {
				return nil, err
			}
			return &Expr{Op: Not, Args: []*Expr{arg}, Col: t.col}, nil
		}
		e, err := p.expr()
		if err != nil {
			return nil, err
		}
		switch c := p.peek(); c.kind {
		case tRParen:
			p.next()
			return e, nil
		case tEOF:
			return nil, &SyntaxError{t.col, `unclosed "("`}
		default:
			return nil, p.unexpectedAfterOperand(c)
		}
	}
	return nil, p.missingOperand(t)
}

// missingOperand reports t, found where an operand was expected.
func (p *parser) missingOperand(t token) *SyntaxError {
	prev, ok := p.prev()
	switch {
	case t.kind == tEOF && !ok:
		return &SyntaxError{t.col, "empty statement"}
	case t.kind == tRParen && ok && prev.kind == tLParen:
		return &SyntaxError{prev.col, `empty parentheses "()"`}
	case ok && prev.kind != tLParen:
		return &SyntaxError{t.col, fmt.Sprintf("missing operand after %s", prev.quoted())}
	case t.kind == tEOF:
		// just after "(" at the end
		return &SyntaxError{prev.col, `unclosed "("`}
	case t.kind == tRParen:
		return &SyntaxError{t.col, `unexpected ")"`}
	}
	return &SyntaxError{t.col, fmt.Sprintf("missing operand before %s", t.quoted())}
}

// unexpectedAfterOperand reports t, found after a complete operand where
// an operator, ")" or the end was expected.
func (p *parser) unexpectedAfterOperand(t token) *SyntaxError {
	switch t.kind {
	case tRParen:
		return &SyntaxError{t.col, `unexpected ")": no matching "("`}
	case tNot:
		return &SyntaxError{t.col, fmt.Sprintf("unexpected %s: missing \"and\" or \"or\" before it?", t.quoted())}
	case tID, tLParen:
		prev, _ := p.prev()
		return &SyntaxError{t.col, fmt.Sprintf("missing operator between %s and %s", prev.quoted(), t.quoted())}
	}
	return &SyntaxError{t.col, fmt.Sprintf("unexpected %s", t.quoted())}
}

// precedence of a node when printed; higher binds tighter.
func prec(op Op) int {
	switch op {
	case Iff:
		return 1
	case If:
		return 2
	case Or:
		return 3
	case And:
		return 4
	}
	return 5
}

// String returns e in canonical form: keywords "not", "and", "or", "IF"
// and "IFF", single spaces around binary operators and only the
// parentheses the tree needs. For every tree Parse returns, Parse reads
// String's result back to an Equal tree. A True node, which has no
// syntax, is written "<true>" (which does not parse); an And or Or with a
// single operand is written as that operand, and one with none as "<true>"
// or "<false>".
func (e *Expr) String() string {
	if e == nil {
		return "<nil>"
	}
	var b strings.Builder
	e.write(&b)
	return b.String()
}

func (e *Expr) write(b *strings.Builder) {
	child := func(c *Expr, parens bool) {
		if c == nil {
			b.WriteString("<nil>")
			return
		}
		if parens {
			b.WriteByte('(')
		}
		c.write(b)
		if parens {
			b.WriteByte(')')
		}
	}
	switch e.Op {
	case Lit:
		b.WriteString(e.Option)
	case True:
		b.WriteString("<true>")
	case Not:
		b.WriteString("not ")
		if len(e.Args) == 0 {
			b.WriteString("<nil>")
			return
		}
		a := e.Args[0]
		child(a, a != nil && prec(a.Op) < prec(Not))
	case And, Or:
		if len(e.Args) == 0 {
			if e.Op == And {
				b.WriteString("<true>")
			} else {
				b.WriteString("<false>")
			}
			return
		}
		if len(e.Args) == 1 {
			child(e.Args[0], false)
			return
		}
		sep := " and "
		if e.Op == Or {
			sep = " or "
		}
		for i, a := range e.Args {
			if i > 0 {
				b.WriteString(sep)
			}
			child(a, a != nil && prec(a.Op) <= prec(e.Op))
		}
	case If, Iff:
		if len(e.Args) != 2 {
			b.WriteString("<malformed>")
			return
		}
		sep := " IF "
		if e.Op == Iff {
			sep = " IFF "
		}
		l, r := e.Args[0], e.Args[1]
		child(l, l != nil && prec(l.Op) < prec(e.Op))
		b.WriteString(sep)
		child(r, r != nil && prec(r.Op) <= prec(e.Op))
	default:
		b.WriteString("<malformed>")
	}
}

// Equal reports whether e and f are the same tree: the same Op, Option and
// operands, node by node. Col is ignored. Two nil trees are equal.
func (e *Expr) Equal(f *Expr) bool {
	if e == nil || f == nil {
		return e == f
	}
	if e.Op != f.Op || e.Option != f.Option || len(e.Args) != len(f.Args) {
		return false
	}
	for i := range e.Args {
		if !e.Args[i].Equal(f.Args[i]) {
			return false
		}
	}
	return true
}
