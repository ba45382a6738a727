package statespace

import (
	"fmt"

	"github.com/gmcr/gmcr/model/statement"
)

// Condition is a statement compiled against a state space's option bits, so
// that it can be evaluated on a decimal state code without map look-ups.
type Condition struct {
	root *cnode
}

type cnode struct {
	op   statement.Op
	mask uint64 // the option's bit, for Lit
	args []*cnode
}

// Compile turns a parsed statement into a Condition over the bits of ss.
// It fails if the statement names an option ss does not have.
func (ss *StateSpace) Compile(e *statement.Expr) (Condition, error) {
	n, err := ss.compile(e)
	return Condition{n}, err
}

func (ss *StateSpace) compile(e *statement.Expr) (*cnode, error) {
	n := &cnode{op: e.Op}
	if e.Op == statement.Lit {
		b, ok := ss.bitOf[e.Option]
		if !ok {
			return nil, fmt.Errorf("unknown option %q", e.Option)
		}
		n.mask = 1 << uint(b)
		return n, nil
	}
	for _, a := range e.Args {
		c, err := ss.compile(a)
		if err != nil {
			return nil, err
		}
		n.args = append(n.args, c)
	}
	return n, nil
}

// Holds reports whether the condition is true at the state with the given
// decimal code.
func (c Condition) Holds(code uint64) bool { return c.root.holds(code) }

func (n *cnode) holds(code uint64) bool {
	switch n.op {
	case statement.Lit:
		return code&n.mask != 0
	case statement.Not:
		return !n.args[0].holds(code)
	case statement.And:
		for _, a := range n.args {
			if !a.holds(code) {
				return false
			}
		}
		return true
	case statement.Or:
		for _, a := range n.args {
			if a.holds(code) {
				return true
			}
		}
		return false
	case statement.If:
		return n.args[0].holds(code) || !n.args[1].holds(code)
	case statement.Iff:
		return n.args[0].holds(code) == n.args[1].holds(code)
	}
	return true // statement.True
}

// support returns the bits of the options that n mentions.
func (n *cnode) support() uint64 {
	if n.op == statement.Lit {
		return n.mask
	}
	var m uint64
	for _, a := range n.args {
		m |= a.support()
	}
	return m
}

// tri is a three-valued truth value for partial assignments.
type tri int8

const (
	no tri = iota
	yes
	unknown
)

func not3(t tri) tri {
	switch t {
	case no:
		return yes
	case yes:
		return no
	}
	return unknown
}

// eval3 evaluates n where only the bits in known are assigned (values in
// code); the result is unknown when it depends on an unassigned bit.
func (n *cnode) eval3(code, known uint64) tri {
	switch n.op {
	case statement.Lit:
		if known&n.mask == 0 {
			return unknown
		}
		if code&n.mask != 0 {
			return yes
		}
		return no
	case statement.Not:
		return not3(n.args[0].eval3(code, known))
	case statement.And:
		r := yes
		for _, a := range n.args {
			switch a.eval3(code, known) {
			case no:
				return no
			case unknown:
				r = unknown
			}
		}
		return r
	case statement.Or:
		r := no
		for _, a := range n.args {
			switch a.eval3(code, known) {
			case yes:
				return yes
			case unknown:
				r = unknown
			}
		}
		return r
	case statement.If: // a IF b == a or not b
		a, b := n.args[0].eval3(code, known), not3(n.args[1].eval3(code, known))
		if a == yes || b == yes {
			return yes
		}
		if a == no && b == no {
			return no
		}
		return unknown
	case statement.Iff:
		a, b := n.args[0].eval3(code, known), n.args[1].eval3(code, known)
		if a == unknown || b == unknown {
			return unknown
		}
		if a == b {
			return yes
		}
		return no
	}
	return yes
}
