package generate

import (
	"strings"

	"github.com/gmcr/gmcr/model/statement"
)

// prec is the binding strength of an operator in the statement grammar of
// package statement: iff < IF < or < and < not < literal.
func prec(op statement.Op) int {
	switch op {
	case statement.Iff:
		return 1
	case statement.If:
		return 2
	case statement.Or:
		return 3
	case statement.And:
		return 4
	case statement.Not:
		return 5
	}
	return 6
}

// binary reports whether op is written between its operands.
func binary(op statement.Op) bool {
	switch op {
	case statement.And, statement.Or, statement.If, statement.Iff:
		return true
	}
	return false
}

// format writes e in the statement language (keywords not, and, or, IF,
// IFF; parentheses only where the grammar needs them) and sets the Col of
// every node to the 1-based column where its text starts (for a
// parenthesized operand, just after the parenthesis; for a binary node,
// where its first operand's text, parenthesis included, starts).
func format(e *statement.Expr) string {
	var b strings.Builder
	write(&b, e)
	return b.String()
}

func write(b *strings.Builder, e *statement.Expr) {
	e.Col = b.Len() + 1
	switch e.Op {
	case statement.Lit:
		b.WriteString(e.Option)
	case statement.True:
		// Never produced by the generator, and the grammar has no
		// spelling for it.
		panic("generate: cannot format True")
	case statement.Not:
		b.WriteString("not ")
		operand(b, e.Args[0], prec(statement.Not))
	default:
		sep := map[statement.Op]string{
			statement.And: " and ",
			statement.Or:  " or ",
			statement.If:  " IF ",
			statement.Iff: " IFF ",
		}[e.Op]
		for i, a := range e.Args {
			if i > 0 {
				b.WriteString(sep)
			}
			operand(b, a, prec(e.Op))
		}
	}
}

// operand writes a, in parentheses if it is a binary operator that does not
// bind more strongly than its parent (of strength parent).
func operand(b *strings.Builder, a *statement.Expr, parent int) {
	if binary(a.Op) && prec(a.Op) <= parent {
		b.WriteString("(")
		write(b, a)
		b.WriteString(")")
		return
	}
	write(b, a)
}
