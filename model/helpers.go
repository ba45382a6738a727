package model

import (
	"fmt"
	"strings"

	"github.com/gmcr/gmcr/model/statement"
)

// The feasibility helpers of a model file, as they appear in
// Origin.Helper and under "feasibility:" in a model file.
const (
	MutuallyExclusive = "mutually_exclusive" // at most one of the options is taken
	AtLeastOne        = "at_least_one"       // at least one of the options is taken
	ExactlyOne        = "exactly_one"        // exactly one of the options is taken
	Requires          = "requires"           // Options[0] is taken only if all of Options[1:] are
)

// Helpers lists the feasibility helpers in the order Marshal writes them.
var Helpers = []string{MutuallyExclusive, AtLeastOne, ExactlyOne, Requires}

// Origin records the feasibility helper an infeasibility condition
// (Model.Infeasible) was expanded from.
type Origin struct {
	Helper string // MutuallyExclusive, AtLeastOne, ExactlyOne or Requires
	// Options are the helper's option ids; for Requires, the requiring
	// option first, then the options it requires.
	Options []string
}

// Statement returns the infeasibility condition o stands for, with Text,
// Expr and Origin (a copy of o) set and no Evidence or Pos:
//
//	mutually_exclusive [a, b, c]  "(a and b) or (a and c) or (b and c)"
//	at_least_one [a, b]           "not (a or b)"
//	exactly_one [a, b]            "(a and b) or not (a or b)"
//	requires a: [b, c]            "a and not (b and c)"
//
// Text is readable rather than a statement, e.g. "requires: a requires b
// and c". The error, an *Error without position, reports an unknown
// helper or too few options (mutually_exclusive needs two, at_least_one
// and exactly_one one, requires an option and at least one it requires).
// Option ids are not checked here; Model.Validate does that.
func (o Origin) Statement() (Statement, error) {
	if msg, hint := o.problem(); msg != "" {
		return Statement{}, &Error{Msg: msg, Hint: hint}
	}
	o.Options = append([]string(nil), o.Options...)
	return Statement{Text: o.text(), Expr: o.expr(), Origin: &o}, nil
}

// problem describes what makes o unusable, or returns "".
func (o Origin) problem() (msg, hint string) {
	n := len(o.Options)
	switch o.Helper {
	case MutuallyExclusive:
		if n < 2 {
			return "mutually_exclusive needs at least two options", "it says that at most one of them is taken"
		}
	case AtLeastOne, ExactlyOne:
		if n < 1 {
			return o.Helper + " needs at least one option", ""
		}
	case Requires:
		if n < 2 {
			return "requires needs an option and at least one option it requires", ""
		}
	default:
		return fmt.Sprintf("unknown feasibility helper %q", o.Helper), "use " + strings.Join(Helpers, ", ")
	}
	return "", ""
}

// andList writes "a", "a and b", "a, b and c".
func andList(ids []string) string {
	if len(ids) <= 1 {
		return strings.Join(ids, "")
	}
	return strings.Join(ids[:len(ids)-1], ", ") + " and " + ids[len(ids)-1]
}

func (o Origin) text() string {
	switch o.Helper {
	case MutuallyExclusive:
		return "mutually_exclusive: at most one of " + andList(o.Options)
	case AtLeastOne:
		return "at_least_one: at least one of " + andList(o.Options)
	case ExactlyOne:
		return "exactly_one: exactly one of " + andList(o.Options)
	case Requires:
		return "requires: " + o.Options[0] + " requires " + andList(o.Options[1:])
	}
	return ""
}

func lit(id string) *statement.Expr { return &statement.Expr{Op: statement.Lit, Option: id} }

func lits(ids []string) []*statement.Expr {
	out := make([]*statement.Expr, len(ids))
	for i, id := range ids {
		out[i] = lit(id)
	}
	return out
}

// group returns the And or Or of ids, or the single literal.
func group(op statement.Op, ids []string) *statement.Expr {
	if len(ids) == 1 {
		return lit(ids[0])
	}
	return &statement.Expr{Op: op, Args: lits(ids)}
}

func not(e *statement.Expr) *statement.Expr {
	return &statement.Expr{Op: statement.Not, Args: []*statement.Expr{e}}
}

// pairs returns the And of every pair of ids (the condition "two or more
// are taken"), flattened into one Or, or the single And for two ids.
func pairs(ids []string) []*statement.Expr {
	var out []*statement.Expr
	for i := range ids {
		for j := i + 1; j < len(ids); j++ {
			out = append(out, group(statement.And, []string{ids[i], ids[j]}))
		}
	}
	return out
}

func orOf(args []*statement.Expr) *statement.Expr {
	if len(args) == 1 {
		return args[0]
	}
	return &statement.Expr{Op: statement.Or, Args: args}
}

// expr builds the condition; o must have no problem. The tree has the
// shape statement.Parse gives the condition's canonical text.
func (o Origin) expr() *statement.Expr {
	switch o.Helper {
	case MutuallyExclusive:
		return orOf(pairs(o.Options))
	case AtLeastOne:
		return not(group(statement.Or, o.Options))
	case ExactlyOne:
		none := not(group(statement.Or, o.Options))
		return orOf(append(pairs(o.Options), none))
	case Requires:
		return &statement.Expr{Op: statement.And, Args: []*statement.Expr{
			lit(o.Options[0]), not(group(statement.And, o.Options[1:])),
		}}
	}
	return nil
}
