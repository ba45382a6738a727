// Package generate builds deterministic random conflicts in option form
// (definitions sheet §1 and §2) for tests, benchmarks and the
// `gmcr generate` command.
//
// The same Params always give the same *model.Model, on every run and every
// Go version: all randomness comes from a PCG source seeded with
// Params.Seed, and only its raw 64-bit output is used.
package generate

import (
	"errors"
	"fmt"
	"github.com/gmcr/gmcr/internal/english"
	"math"
	"strconv"
	"strings"

	"github.com/gmcr/gmcr/model"
	"github.com/gmcr/gmcr/model/statement"
)

// Limits on Params.
const (
	// MaxOptions is the largest number of options: decimal codes (§1) must
	// fit in 62 bits so that they stay positive in every integer type.
	MaxOptions = 62
	// MaxStatements is the largest number of preference statements per DM,
	// so that option-prioritization scores (§2), below 2^k, fit in an
	// int64.
	MaxStatements = 62
	// MaxInfeasible bounds Params.Infeasible.
	MaxInfeasible = 10.0
	// MaxMisperceived bounds Params.Misperceived.
	MaxMisperceived = 10.0
	// MaxRankingCodes is the largest number of decimal codes (2^options)
	// for which a DM may be given a direct ranking (§2): the generator must
	// list every feasible state, so rankings are only made for small
	// models.
	MaxRankingCodes = 512
)

// tieChance is the probability that a state of a generated direct ranking
// is tied with the state ranked just before it.
const tieChance = 0.3

// Params says what conflict to generate.
type Params struct {
	// DMs is the number of decision makers, at least 2 (§1). They get the
	// ids dm1, dm2, ...
	DMs int
	// Options is the total number of options, at least DMs and at most
	// MaxOptions. They are spread over the DMs as evenly as possible, the
	// first DMs getting one more when the division is not exact; each DM
	// has at least one. Ids o1, o2, ... follow DM order, so option ok is
	// option k-1 of the numbering of §1.
	Options int
	// Infeasible is the expected number of infeasibility conditions per
	// option, in [0, MaxInfeasible]. Each condition is a conjunction of 2
	// or 3 literals, so each removes about a quarter or an eighth of the
	// states.
	Infeasible float64
	// Statements is the number of preference statements (§2) per DM that
	// is not given a ranking, in [1, MaxStatements].
	Statements int
	// Compound is the share, in [0, 1], of statements that are compound:
	// a disjunction of conjunctions, an IF or an IFF. The other statements
	// are a literal or a conjunction of two literals.
	Compound float64
	// Irreversible is the share, in [0, 1], of options that are forward or
	// backward (half each on average) rather than both (§1).
	Irreversible float64
	// Ranking is the share, in [0, 1], of DMs given a direct ranking with
	// random ties (§2) instead of statements. It applies only when
	// 2^Options <= MaxRankingCodes; for larger models every DM gets
	// statements.
	Ranking float64
	// Misperceived is the expected number of misperception conditions
	// (model.DM.Misperceived, §1: the DM does not perceive a state where
	// one holds) per DM, in [0, MaxMisperceived]; 0, the default, makes
	// every DM perceive every state. Each condition is a conjunction of 2
	// or 3 literals, like an infeasibility condition, and is false at the
	// status quo, which every DM therefore perceives.
	Misperceived float64
	// Seed selects the conflict.
	Seed int64
}

// DefaultParams returns Params for dms DMs and options options with the
// defaults: 0.2 infeasibility conditions per option, 4 statements per DM,
// a quarter of them compound, 10% irreversible options and a fifth of the
// DMs ranking directly (when the model is small enough, see
// MaxRankingCodes).
func DefaultParams(dms, options int, seed int64) Params {
	return Params{
		DMs:          dms,
		Options:      options,
		Infeasible:   0.2,
		Statements:   4,
		Compound:     0.25,
		Irreversible: 0.1,
		Ranking:      0.2,
		Seed:         seed,
	}
}

// check reports nonsense parameters.
func (p Params) check() error {
	share := func(name string, v float64) error {
		if math.IsNaN(v) || v < 0 || v > 1 {
			return fmt.Errorf("generate: %s must be in [0, 1], got %v", name, v)
		}
		return nil
	}
	switch {
	case p.DMs < 2:
		return fmt.Errorf("generate: need at least 2 DMs, got %d", p.DMs)
	case p.Options < p.DMs:
		return fmt.Errorf("generate: need at least one option per DM: %s for %s", english.Count(p.Options, "option"), english.Count(p.DMs, "DM"))
	case p.Options > MaxOptions:
		return fmt.Errorf("generate: at most %d options, got %d", MaxOptions, p.Options)
	case math.IsNaN(p.Infeasible) || p.Infeasible < 0 || p.Infeasible > MaxInfeasible:
		return fmt.Errorf("generate: infeasible conditions per option must be in [0, %v], got %v", MaxInfeasible, p.Infeasible)
	case p.Statements < 1 || p.Statements > MaxStatements:
		return fmt.Errorf("generate: statements per DM must be in [1, %d], got %d", MaxStatements, p.Statements)
	case math.IsNaN(p.Misperceived) || p.Misperceived < 0 || p.Misperceived > MaxMisperceived:
		return fmt.Errorf("generate: misperception conditions per DM must be in [0, %v], got %v", MaxMisperceived, p.Misperceived)
	}
	for _, e := range []error{
		share("compound share", p.Compound),
		share("irreversible share", p.Irreversible),
		share("ranking share", p.Ranking),
	} {
		if e != nil {
			return e
		}
	}
	return nil
}

// String describes p in the form used for Model.Title. Misperceived is
// named only when it is not 0.
func (p Params) String() string {
	g := func(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }
	mis := ""
	if p.Misperceived != 0 {
		mis = " misperceived=" + g(p.Misperceived)
	}
	return fmt.Sprintf("dms=%d options=%d infeasible=%s statements=%d compound=%s irreversible=%s ranking=%s%s seed=%d",
		p.DMs, p.Options, g(p.Infeasible), p.Statements, g(p.Compound), g(p.Irreversible), g(p.Ranking), mis, p.Seed)
}

// ErrParams is wrapped by every error Conflict returns for bad Params.
var ErrParams = errors.New("generate: invalid parameters")

// Conflict generates the conflict described by p. It returns an error
// (wrapping ErrParams) if p is nonsense: fewer than 2 DMs, fewer options
// than DMs, more than MaxOptions options, or a count or share out of range.
//
// The model has: DMs dm1..dmN owning options o1..oM in DM order (so
// Model.Options is in the numbering order of §1); infeasibility conditions
// that are short conjunctions of literals; preferences that are either
// statements (literals, and, or, IF, IFF, not) over any DM's options or,
// for small models, a direct ranking of the feasible states by their
// ordered numbers (§1) with random ties; when Params.Misperceived > 0,
// misperception conditions per DM, short conjunctions too; and a status
// quo.
//
// At least one state is always feasible: the generator first draws a random
// anchor state, and makes every infeasibility condition false there (by
// flipping one literal when a drawn condition would hold at the anchor).
// The anchor is the model's status quo. Misperception conditions are made
// false there the same way, so every DM perceives the status quo.
func Conflict(p Params) (*model.Model, error) {
	if err := p.check(); err != nil {
		return nil, fmt.Errorf("%w: %s", ErrParams, strings.TrimPrefix(err.Error(), "generate: "))
	}
	r := newRNG(p.Seed)
	g := &gen{p: p, r: r}

	m := &model.Model{
		Title:       "Random conflict (" + p.String() + ")",
		Description: "Generated by gmcr's generate package; the same parameters always give this conflict.",
	}

	// Options, spread over the DMs in order.
	g.ids = make([]string, p.Options)
	for k := range g.ids {
		g.ids[k] = "o" + strconv.Itoa(k+1)
		rev := model.Both
		if r.chance(p.Irreversible) {
			if r.intn(2) == 0 {
				rev = model.Forward
			} else {
				rev = model.Backward
			}
		}
		m.Options = append(m.Options, model.Option{
			ID:            g.ids[k],
			Name:          "Option " + strconv.Itoa(k+1),
			Reversibility: rev,
		})
	}
	next := 0
	for i := 0; i < p.DMs; i++ {
		n := p.Options / p.DMs
		if i < p.Options%p.DMs {
			n++
		}
		dm := model.DM{
			ID:      "dm" + strconv.Itoa(i+1),
			Name:    "DM " + strconv.Itoa(i+1),
			Options: append([]string(nil), g.ids[next:next+n]...),
		}
		next += n
		m.DMs = append(m.DMs, dm)
	}

	// The anchor state, feasible by construction.
	g.anchor = make([]bool, p.Options)
	for k := range g.anchor {
		g.anchor[k] = r.intn(2) == 1
	}
	var sq model.StatusQuo
	for k, taken := range g.anchor {
		if taken {
			sq.Taken = append(sq.Taken, g.ids[k])
		}
	}
	m.StatusQuo = &sq

	// Infeasibility conditions: their number is floor(x) plus one more
	// with probability frac(x), x = Infeasible * Options.
	x := p.Infeasible * float64(p.Options)
	nCond := int(math.Floor(x))
	if r.chance(x - math.Floor(x)) {
		nCond++
	}
	for c := 0; c < nCond; c++ {
		m.Infeasible = append(m.Infeasible, g.condition())
	}

	// Preferences.
	small := p.Options <= 30 && 1<<p.Options <= MaxRankingCodes
	var feasibleCount int
	if small {
		feasibleCount = len(feasibleCodes(m, g.ids))
	}
	for i := range m.DMs {
		if small && r.chance(p.Ranking) {
			m.DMs[i].Prefs.Ranking = g.ranking(feasibleCount)
			continue
		}
		for j := 0; j < p.Statements; j++ {
			m.DMs[i].Prefs.Statements = append(m.DMs[i].Prefs.Statements, g.statement())
		}
	}

	// Misperceptions, drawn last so that the rest of the conflict does not
	// depend on Misperceived: per DM, floor(x) conditions plus one more
	// with probability frac(x), x = Misperceived. With x = 0 nothing is
	// drawn at all.
	if x := p.Misperceived; x > 0 {
		for i := range m.DMs {
			n := int(math.Floor(x))
			if r.chance(x - math.Floor(x)) {
				n++
			}
			for range n {
				m.DMs[i].Misperceived = append(m.DMs[i].Misperceived, g.condition())
			}
		}
	}
	return m, nil
}

// gen holds the state of one generation.
type gen struct {
	p      Params
	r      *rng
	ids    []string // option ids, numbering order
	anchor []bool   // the feasible anchor state
}

// picker returns a function drawing option indices: distinct ones until
// every option has been drawn, then repeating in the same random order.
func (g *gen) picker() func() int {
	perm := g.r.perm(len(g.ids))
	i := 0
	return func() int {
		k := perm[i%len(perm)]
		i++
		return k
	}
}

// lit returns a literal of option k, negated with probability 1/2.
func (g *gen) lit(k int) *statement.Expr {
	e := &statement.Expr{Op: statement.Lit, Option: g.ids[k]}
	if g.r.intn(2) == 0 {
		return e
	}
	return &statement.Expr{Op: statement.Not, Args: []*statement.Expr{e}}
}

// conj returns a conjunction of n literals drawn with pick (the literal
// itself when n is 1).
func (g *gen) conj(n int, pick func() int) *statement.Expr {
	if n == 1 {
		return g.lit(pick())
	}
	e := &statement.Expr{Op: statement.And}
	for range n {
		e.Args = append(e.Args, g.lit(pick()))
	}
	return e
}

// small returns 1 or, when there are at least two options, 2 with
// probability 2/5: the length of a short conjunction.
func (g *gen) small() int {
	if len(g.ids) >= 2 && g.r.intn(5) < 2 {
		return 2
	}
	return 1
}

// condition returns an infeasibility or misperception condition: a
// conjunction of 2 or 3 literals of distinct options (3 with probability
// 1/3, when there are at least 3 options) that is false at the anchor.
func (g *gen) condition() model.Statement {
	n := 2
	if len(g.ids) >= 3 && g.r.intn(3) == 0 {
		n = 3
	}
	e := g.conj(n, g.picker())
	holds := e.Eval(func(id string) bool { return g.anchor[g.index(id)] })
	if holds {
		// Flip one literal so the anchor stays feasible.
		i := g.r.intn(n)
		a := e.Args[i]
		if a.Op == statement.Not {
			e.Args[i] = a.Args[0]
		} else {
			e.Args[i] = &statement.Expr{Op: statement.Not, Args: []*statement.Expr{a}}
		}
	}
	return toStatement(e)
}

// statement returns a preference statement: with probability
// Params.Compound a compound one (a disjunction of two short conjunctions,
// "literal IF short conjunction" or "literal IFF literal", each a third of
// the time), else a short conjunction.
func (g *gen) statement() model.Statement {
	pick := g.picker()
	var e *statement.Expr
	if g.r.chance(g.p.Compound) {
		switch g.r.intn(3) {
		case 0:
			e = &statement.Expr{Op: statement.Or, Args: []*statement.Expr{
				g.conj(g.small(), pick), g.conj(g.small(), pick),
			}}
		case 1:
			e = &statement.Expr{Op: statement.If, Args: []*statement.Expr{
				g.lit(pick()), g.conj(g.small(), pick),
			}}
		default:
			e = &statement.Expr{Op: statement.Iff, Args: []*statement.Expr{
				g.lit(pick()), g.lit(pick()),
			}}
		}
	} else {
		e = g.conj(g.small(), pick)
	}
	return toStatement(e)
}

// ranking returns a direct ranking of the ordered numbers 1..n in random
// order, each state tied with the one before it with probability tieChance.
func (g *gen) ranking(n int) [][]int {
	var groups [][]int
	for i, k := range g.r.perm(n) {
		if i > 0 && g.r.chance(tieChance) {
			groups[len(groups)-1] = append(groups[len(groups)-1], k+1)
			continue
		}
		groups = append(groups, []int{k + 1})
	}
	return groups
}

// index returns the numbering position of option id.
func (g *gen) index(id string) int {
	for k, v := range g.ids {
		if v == id {
			return k
		}
	}
	panic("generate: unknown option " + id)
}

// feasibleCodes returns the feasible decimal codes of m in ascending order
// (§1), ids being the options in numbering order. Only for small models.
func feasibleCodes(m *model.Model, ids []string) []uint64 {
	var codes []uint64
	for code := uint64(0); code < 1<<len(ids); code++ {
		taken := func(id string) bool {
			for k, v := range ids {
				if v == id {
					return code&(1<<k) != 0
				}
			}
			panic("generate: unknown option " + id)
		}
		ok := true
		for _, c := range m.Infeasible {
			if c.Expr.Eval(taken) {
				ok = false
				break
			}
		}
		if ok {
			codes = append(codes, code)
		}
	}
	return codes
}
