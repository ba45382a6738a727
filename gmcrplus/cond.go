package gmcrplus

import (
	"errors"
	"fmt"
	"github.com/gmcr/gmcr/internal/english"
	"math/bits"
	"slices"
	"strings"

	"github.com/gmcr/gmcr/model/statement"
)

// lit says that option opt (an index) is taken (val) or not taken.
type lit struct {
	opt int
	val bool
}

// term is a conjunction of literals, sorted by option, each option at most
// once. The empty term always holds.
type term []lit

// dnf is a disjunction of terms. The empty dnf never holds.
type dnf []term

// maxTerms bounds the size of the disjunctive normal form Encode is willing
// to write for one statement; maxProduct bounds the work of one conjunction
// of two normal forms.
const (
	maxTerms   = 1024
	maxProduct = 1 << 16
)

var errTooBig = fmt.Errorf("its disjunctive normal form is too large (more than %d terms)", maxTerms)

// conj returns a ∧ b, or false when they contradict each other.
func conj(a, b term) (term, bool) {
	out := make(term, 0, len(a)+len(b))
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i].opt < b[j].opt:
			out = append(out, a[i])
			i++
		case a[i].opt > b[j].opt:
			out = append(out, b[j])
			j++
		default:
			if a[i].val != b[j].val {
				return nil, false
			}
			out = append(out, a[i])
			i++
			j++
		}
	}
	out = append(out, a[i:]...)
	return append(out, b[j:]...), true
}

// subset reports whether every literal of a is in b (so b implies a).
func subset(a, b term) bool {
	j := 0
	for _, l := range a {
		for j < len(b) && b[j].opt < l.opt {
			j++
		}
		if j == len(b) || b[j] != l {
			return false
		}
	}
	return true
}

// simplify drops duplicate and absorbed terms (a term implied by a shorter
// one), keeping the first-seen order of the terms that remain. It fails
// with errTooBig as soon as more than limit terms must remain: terms are
// examined shortest first, so a term kept is never absorbed later.
func simplify(d dnf, limit int) (dnf, error) {
	order := make([]int, len(d))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(x, y int) int { return len(d[x]) - len(d[y]) })
	keep := make([]bool, len(d))
	var kept []term
	for _, i := range order {
		absorbed := false
		for _, k := range kept {
			if subset(k, d[i]) {
				absorbed = true
				break
			}
		}
		if !absorbed {
			if len(kept) == limit {
				return nil, errTooBig
			}
			kept = append(kept, d[i])
			keep[i] = true
		}
	}
	out := make(dnf, 0, len(kept))
	for i, t := range d {
		if keep[i] {
			out = append(out, t)
		}
	}
	return out, nil
}

func union(a, b dnf) (dnf, error) {
	return simplify(append(append(dnf{}, a...), b...), maxTerms)
}

// product returns a ∧ b.
func product(a, b dnf) (dnf, error) {
	if len(a)*len(b) > maxProduct {
		return nil, errTooBig
	}
	out := make(dnf, 0, len(a)*len(b))
	for _, x := range a {
		for _, y := range b {
			if t, ok := conj(x, y); ok {
				out = append(out, t)
			}
		}
	}
	return simplify(out, maxTerms)
}

// toDNF converts e (negated when neg) into disjunctive normal form over the
// option indexes given by index.
func toDNF(e *statement.Expr, neg bool, index map[string]int) (dnf, error) {
	if e == nil {
		return nil, errors.New("missing expression")
	}
	arity := func(n int) error {
		if len(e.Args) != n || slices.Contains(e.Args, nil) {
			return fmt.Errorf("malformed expression: operator %d wants %s", e.Op, english.Count(n, "operand"))
		}
		return nil
	}
	switch e.Op {
	case statement.Lit:
		i, ok := index[e.Option]
		if !ok {
			return nil, fmt.Errorf("unknown option %q", e.Option)
		}
		return dnf{term{{i, !neg}}}, nil
	case statement.Not:
		if err := arity(1); err != nil {
			return nil, err
		}
		return toDNF(e.Args[0], !neg, index)
	case statement.True:
		if neg {
			return dnf{}, nil
		}
		return dnf{term{}}, nil
	case statement.And, statement.Or:
		if (e.Op == statement.And) != neg { // a conjunction
			acc := dnf{term{}}
			for _, a := range e.Args {
				d, err := toDNF(a, neg, index)
				if err == nil {
					acc, err = product(acc, d)
				}
				if err != nil {
					return nil, err
				}
			}
			return acc, nil
		}
		var all dnf // a disjunction: simplify once, at the end
		for _, a := range e.Args {
			d, err := toDNF(a, neg, index)
			if err != nil {
				return nil, err
			}
			if all = append(all, d...); len(all) > maxProduct {
				return nil, errTooBig
			}
		}
		return simplify(all, maxTerms)
	case statement.If: // Args[0] IF Args[1]  ==  Args[0] or not Args[1]
		if err := arity(2); err != nil {
			return nil, err
		}
		a, err := toDNF(e.Args[0], neg, index)
		if err != nil {
			return nil, err
		}
		b, err := toDNF(e.Args[1], !neg, index)
		if err != nil {
			return nil, err
		}
		if neg {
			return product(a, b)
		}
		return union(a, b)
	case statement.Iff:
		if err := arity(2); err != nil {
			return nil, err
		}
		var p [2][2]dnf // p[i][v]: operand i, negated when v==1
		for i := range 2 {
			for v := range 2 {
				d, err := toDNF(e.Args[i], v == 1, index)
				if err != nil {
					return nil, err
				}
				p[i][v] = d
			}
		}
		// Equal: (A and B) or (not A and not B); negated: (A and not B) or (not A and B).
		b0, b1 := 0, 1
		if neg {
			b0, b1 = 1, 0
		}
		x, err := product(p[0][0], p[1][b0])
		if err != nil {
			return nil, err
		}
		y, err := product(p[0][1], p[1][b1])
		if err != nil {
			return nil, err
		}
		return union(x, y)
	}
	return nil, fmt.Errorf("malformed expression: unknown operator %d", e.Op)
}

// isFalse reports whether d never holds; d must be simplified (which
// drops contradictory terms).
func (d dnf) isFalse() bool { return len(d) == 0 }

// isTrue reports whether d holds in every state, such as "a or not a". It
// subtracts d's terms from the set of all states; it answers false when d
// mentions more than 64 options or the check grows too large.
func (d dnf) isTrue() bool {
	bit := map[int]int{}
	for _, t := range d {
		if len(t) == 0 {
			return true
		}
		for _, l := range t {
			if _, ok := bit[l.opt]; !ok {
				bit[l.opt] = len(bit)
			}
		}
	}
	if len(d) == 0 || len(bit) > 64 {
		return false
	}
	rest := []cube{{}}
	for _, t := range d {
		var c cube
		for _, l := range t {
			c.care |= 1 << uint(bit[l.opt])
			if l.val {
				c.val |= 1 << uint(bit[l.opt])
			}
		}
		if rest = subtract(rest, c); len(rest) > maxCubes {
			return false
		}
	}
	return len(rest) == 0
}

// subtract removes the states of c from the disjoint cubes of set.
func subtract(set []cube, c cube) []cube {
	var next []cube
	for _, f := range set {
		if f.care&c.care&(f.val^c.val) != 0 { // disjoint
			next = append(next, f)
			continue
		}
		cur := f
		for free := c.care &^ f.care; free != 0; free &= free - 1 {
			bit := free & -free
			next = append(next, cube{cur.care | bit, cur.val | (^c.val & bit)})
			cur = cube{cur.care | bit, cur.val | (c.val & bit)}
		}
	}
	return next
}

// textExpr renders d over the option ids as statement text and the
// equivalent expression tree, with each node's Col pointing into the text.
// d must hold at least one term and no empty term.
func textExpr(d dnf, ids []string) (string, *statement.Expr) {
	var b strings.Builder
	lit := func(l lit) *statement.Expr {
		col := b.Len() + 1
		if l.val {
			b.WriteString(ids[l.opt])
			return &statement.Expr{Op: statement.Lit, Option: ids[l.opt], Col: col}
		}
		b.WriteString("not ")
		x := &statement.Expr{Op: statement.Lit, Option: ids[l.opt], Col: b.Len() + 1}
		b.WriteString(ids[l.opt])
		return &statement.Expr{Op: statement.Not, Args: []*statement.Expr{x}, Col: col}
	}
	conjExpr := func(t term, paren bool) *statement.Expr {
		if len(t) == 1 {
			return lit(t[0])
		}
		if paren {
			b.WriteByte('(')
		}
		e := &statement.Expr{Op: statement.And, Col: b.Len() + 1}
		for i, l := range t {
			if i > 0 {
				b.WriteString(" and ")
			}
			e.Args = append(e.Args, lit(l))
		}
		if paren {
			b.WriteByte(')')
		}
		return e
	}
	if len(d) == 1 {
		e := conjExpr(d[0], false)
		return b.String(), e
	}
	e := &statement.Expr{Op: statement.Or}
	for i, t := range d {
		if i > 0 {
			b.WriteString(" or ")
		}
		e.Args = append(e.Args, conjExpr(t, true))
	}
	e.Col = e.Args[0].Col // as statement.Parse sets it
	return b.String(), e
}

// cube is a set of states given by the options it fixes (care) and their
// values (val), options numbered as bits.
type cube struct{ care, val uint64 }

func (t term) cube() cube {
	var c cube
	for _, l := range t {
		c.care |= 1 << uint(l.opt)
		if l.val {
			c.val |= 1 << uint(l.opt)
		}
	}
	return c
}

// maxCubes bounds the work of countFeasible.
const maxCubes = 1 << 16

// countFeasible counts the states over m options (m <= 62) that match none
// of the infeasible cubes, by subtracting each from a set of disjoint cubes
// (as GMCR+ itself does with its "Y/N/-" patterns).
func countFeasible(m int, infeasible []cube) (uint64, error) {
	if m > 62 {
		return 0, fmt.Errorf("too many options (%d) to number states", m)
	}
	feas := []cube{{}}
	for _, c := range infeasible {
		if feas = subtract(feas, c); len(feas) > maxCubes {
			return 0, errors.New("the infeasible conditions are too complex to count the feasible states")
		}
	}
	var n uint64
	for _, f := range feas {
		n += 1 << uint(m-bits.OnesCount64(f.care))
	}
	return n, nil
}

// checkRanking checks that r names every state 1..n exactly once and
// returns a message describing the first problem, or "".
func checkRanking(r [][]int, n uint64) string {
	seen := make(map[int]bool)
	for _, g := range r {
		for _, s := range g {
			if s < 1 || uint64(s) > n {
				return fmt.Sprintf("state %d out of range (the conflict has %d feasible states)", s, n)
			}
			if seen[s] {
				return fmt.Sprintf("state %d is listed more than once", s)
			}
			seen[s] = true
		}
	}
	if uint64(len(seen)) < n {
		if n > uint64(len(seen))+1<<20 {
			return fmt.Sprintf("lists %s but the conflict has %s", english.Count(len(seen), "state"), english.Count(int(n), "feasible state"))
		}
		for s := 1; ; s++ {
			if !seen[s] {
				return fmt.Sprintf("state %d is missing (the conflict has %s)", s, english.Count(int(n), "feasible state"))
			}
		}
	}
	return ""
}
