// Package statement holds the preference-statement language of option
// prioritization (Fang, Hipel, Kilgour & Peng 2003, part 1; GMCR II): a
// propositional formula over options, each literal saying whether an option
// is taken.
//
// Syntax (keywords are case-insensitive):
//
//	expr   := iff
//	iff    := ifs ( ("IFF" | "<->") ifs )*
//	ifs    := or ( ("IF" | "<-") or )*     A IF B  means  B implies A
//	or     := and ( ("or" | "|") and )*
//	and    := unary ( ("and" | "&") unary )*
//	unary  := ("not" | "!" | "-" | "~") unary | "(" expr ")" | OPTION_ID
//
// An option id is a letter or underscore followed by letters, digits,
// underscores or dots.
package statement

// Op is the kind of a node of an Expr.
type Op int

// The node kinds.
const (
	Lit  Op = iota // option Option is taken
	Not            // Args[0] is false
	And            // every Args[i] is true
	Or             // some Args[i] is true
	If             // Args[0] IF Args[1]: Args[1] implies Args[0]
	Iff            // Args[0] and Args[1] have the same truth value
	True           // always true (used by feasibility helpers)
)

// Expr is a parsed statement: a tree of nodes. Col is the 1-based column,
// in the statement's text, where the node starts.
type Expr struct {
	Op     Op
	Option string  // option id, for Lit
	Args   []*Expr // operands, for Not, And, Or, If, Iff
	Col    int
}

// Eval reports whether e holds when taken(id) tells, for each option id,
// whether that option is taken.
func (e *Expr) Eval(taken func(id string) bool) bool {
	switch e.Op {
	case Lit:
		return taken(e.Option)
	case Not:
		return !e.Args[0].Eval(taken)
	case And:
		for _, a := range e.Args {
			if !a.Eval(taken) {
				return false
			}
		}
		return true
	case Or:
		for _, a := range e.Args {
			if a.Eval(taken) {
				return true
			}
		}
		return false
	case If:
		return e.Args[0].Eval(taken) || !e.Args[1].Eval(taken)
	case Iff:
		return e.Args[0].Eval(taken) == e.Args[1].Eval(taken)
	case True:
		return true
	}
	panic("statement: unknown Op")
}

// Options appends to dst every option id e mentions, in order of first
// appearance, and returns the extended slice.
func (e *Expr) Options(dst []string) []string {
	if e.Op == Lit {
		for _, id := range dst {
			if id == e.Option {
				return dst
			}
		}
		return append(dst, e.Option)
	}
	for _, a := range e.Args {
		dst = a.Options(dst)
	}
	return dst
}
