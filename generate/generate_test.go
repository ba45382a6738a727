package generate

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"math"
	"reflect"
	"strings"
	"testing"

	"github.com/gmcr/gmcr/model"
	"github.com/gmcr/gmcr/model/statement"
)

func mustConflict(t *testing.T, p Params) *model.Model {
	t.Helper()
	m, err := Conflict(p)
	if err != nil {
		t.Fatalf("Conflict(%v): %v", p, err)
	}
	return m
}

// someParams returns a spread of parameter sets, small and large.
func someParams() []Params {
	var ps []Params
	for seed := int64(0); seed < 40; seed++ {
		dms := 2 + int(seed%4)
		opts := dms + int(seed%7)
		ps = append(ps, DefaultParams(dms, opts, seed))
	}
	heavy := DefaultParams(3, 8, 7)
	heavy.Infeasible, heavy.Compound, heavy.Irreversible, heavy.Ranking = 2, 1, 0.5, 1
	ps = append(ps, heavy, DefaultParams(2, 62, 3), DefaultParams(10, 40, 4), DefaultParams(2, 2, 5))
	return ps
}

func TestSameSeedSameModel(t *testing.T) {
	for _, p := range someParams() {
		a, b := mustConflict(t, p), mustConflict(t, p)
		if !reflect.DeepEqual(a, b) {
			t.Errorf("%v: two runs differ", p)
		}
	}
}

func TestDifferentSeedsDiffer(t *testing.T) {
	base := mustConflict(t, DefaultParams(3, 6, 0))
	for seed := int64(1); seed <= 20; seed++ {
		m := mustConflict(t, DefaultParams(3, 6, seed))
		m.Title = base.Title // the title names the seed; compare the rest
		if reflect.DeepEqual(base, m) {
			t.Errorf("seeds 0 and %d give the same conflict", seed)
		}
	}
}

// fingerprint renders everything random about a model.
func fingerprint(m *model.Model) string {
	var b strings.Builder
	for _, o := range m.Options {
		fmt.Fprintf(&b, "%s:%v ", o.ID, o.Reversibility)
	}
	for _, c := range m.Infeasible {
		fmt.Fprintf(&b, "| %s ", c.Text)
	}
	for _, dm := range m.DMs {
		fmt.Fprintf(&b, "# %s %v", dm.ID, dm.Options)
		for _, st := range dm.Prefs.Statements {
			fmt.Fprintf(&b, " ; %s", st.Text)
		}
		fmt.Fprintf(&b, " %v", dm.Prefs.Ranking)
	}
	fmt.Fprintf(&b, " sq %v", m.StatusQuo.Taken)
	return b.String()
}

// TestGolden pins the output for fixed seeds, so that a change of Go
// version or of this package that changes generated conflicts is noticed.
// If the change is deliberate, update the hashes (the test prints the new
// ones).
func TestGolden(t *testing.T) {
	heavy := DefaultParams(3, 7, 11)
	heavy.Infeasible, heavy.Compound, heavy.Irreversible, heavy.Ranking = 1, 0.8, 0.5, 0.7
	cases := []struct {
		p    Params
		want string
	}{
		{DefaultParams(3, 6, 1), "47782803b59f8795"},
		{heavy, "7d326b672ce17097"},
		{DefaultParams(4, 30, 42), "d6abf6964e0b4c5b"},
	}
	for _, c := range cases {
		fp := fingerprint(mustConflict(t, c.p))
		got := fmt.Sprintf("%x", sha256.Sum256([]byte(fp)))[:16]
		if got != c.want {
			t.Errorf("%v: fingerprint hash %s, want %s\n%s", c.p, got, c.want, fp)
		}
	}
}

func TestBadParams(t *testing.T) {
	ok := DefaultParams(3, 6, 1)
	mod := func(f func(*Params)) Params { p := ok; f(&p); return p }
	bad := []Params{
		mod(func(p *Params) { p.DMs = 1; p.Options = 1 }),
		mod(func(p *Params) { p.DMs = 0 }),
		mod(func(p *Params) { p.Options = 2 }),
		mod(func(p *Params) { p.Options = 63 }),
		mod(func(p *Params) { p.Infeasible = -0.1 }),
		mod(func(p *Params) { p.Infeasible = math.NaN() }),
		mod(func(p *Params) { p.Infeasible = MaxInfeasible + 1 }),
		mod(func(p *Params) { p.Statements = 0 }),
		mod(func(p *Params) { p.Statements = 63 }),
		mod(func(p *Params) { p.Compound = 1.5 }),
		mod(func(p *Params) { p.Irreversible = -1 }),
		mod(func(p *Params) { p.Ranking = math.NaN() }),
		mod(func(p *Params) { p.Misperceived = -0.5 }),
		mod(func(p *Params) { p.Misperceived = math.NaN() }),
		mod(func(p *Params) { p.Misperceived = MaxMisperceived + 1 }),
	}
	for _, p := range bad {
		if m, err := Conflict(p); err == nil || m != nil || !errors.Is(err, ErrParams) {
			t.Errorf("Conflict(%v) = %v, %v; want nil and an ErrParams error", p, m, err)
		}
	}
	if _, err := Conflict(mod(func(p *Params) { p.Options = 62 })); err != nil {
		t.Errorf("62 options: %v", err)
	}
}

// holdsAt evaluates e with the options of taken taken.
func holdsAt(e *statement.Expr, taken map[string]bool) bool {
	return e.Eval(func(id string) bool { return taken[id] })
}

// checkText checks that Text parses to Expr, node columns included.
func checkText(t *testing.T, where string, st model.Statement) {
	t.Helper()
	e, err := statement.Parse(st.Text)
	if err != nil {
		t.Errorf("%s: %q: %v", where, st.Text, err)
		return
	}
	if !reflect.DeepEqual(e, st.Expr) {
		t.Errorf("%s: %q does not parse to its Expr", where, st.Text)
	}
}

func TestInvariants(t *testing.T) {
	for _, p := range someParams() {
		m := mustConflict(t, p)
		where := p.String()
		if !strings.Contains(m.Title, p.String()) {
			t.Errorf("%s: title %q does not give the params", where, m.Title)
		}
		if len(m.DMs) != p.DMs || len(m.Options) != p.Options {
			t.Fatalf("%s: %d DMs, %d options", where, len(m.DMs), len(m.Options))
		}
		// Options spread evenly, in DM order, ids o1.. and dm1...
		k := 0
		for i, dm := range m.DMs {
			if dm.ID != fmt.Sprintf("dm%d", i+1) {
				t.Errorf("%s: DM id %s", where, dm.ID)
			}
			n := len(dm.Options)
			if n < 1 || n < p.Options/p.DMs || n > (p.Options+p.DMs-1)/p.DMs {
				t.Errorf("%s: DM %s has %d options", where, dm.ID, n)
			}
			for _, id := range dm.Options {
				if id != m.Options[k].ID || id != fmt.Sprintf("o%d", k+1) {
					t.Errorf("%s: option %d is %s / %s", where, k, id, m.Options[k].ID)
				}
				k++
			}
		}
		if k != len(m.Options) {
			t.Errorf("%s: DMs own %d of %d options", where, k, len(m.Options))
		}
		known := map[string]bool{}
		for _, o := range m.Options {
			known[o.ID] = true
		}
		checkIDs := func(st model.Statement) {
			for _, id := range st.Expr.Options(nil) {
				if !known[id] {
					t.Errorf("%s: %q names unknown option %s", where, st.Text, id)
				}
			}
			checkText(t, where, st)
		}
		// Status quo: feasible, so at least one state is.
		sq := map[string]bool{}
		for _, id := range m.StatusQuo.Taken {
			sq[id] = true
		}
		for _, c := range m.Infeasible {
			checkIDs(c)
			if c.Expr.Op != statement.And || len(c.Expr.Args) < 2 || len(c.Expr.Args) > 3 {
				t.Errorf("%s: condition %q is not a conjunction of 2-3 literals", where, c.Text)
			}
			if len(c.Expr.Options(nil)) != len(c.Expr.Args) {
				t.Errorf("%s: condition %q repeats an option", where, c.Text)
			}
			if holdsAt(c.Expr, sq) {
				t.Errorf("%s: status quo infeasible by %q", where, c.Text)
			}
		}
		small := 1<<p.Options <= MaxRankingCodes
		var ids []string
		for _, o := range m.Options {
			ids = append(ids, o.ID)
		}
		nFeasible := 0
		if small {
			nFeasible = len(feasibleCodes(m, ids))
			if nFeasible < 1 {
				t.Errorf("%s: no feasible state", where)
			}
		}
		for _, dm := range m.DMs {
			pr := dm.Prefs
			if (len(pr.Statements) > 0) == (len(pr.Ranking) > 0) {
				t.Errorf("%s: DM %s needs exactly one of statements and ranking", where, dm.ID)
			}
			if len(pr.Ranking) > 0 {
				if !small {
					t.Errorf("%s: ranking in a large model", where)
				}
				seen := map[int]bool{}
				for _, g := range pr.Ranking {
					if len(g) == 0 {
						t.Errorf("%s: empty tie group", where)
					}
					for _, n := range g {
						if n < 1 || n > nFeasible || seen[n] {
							t.Errorf("%s: DM %s ranks %d badly", where, dm.ID, n)
						}
						seen[n] = true
					}
				}
				if len(seen) != nFeasible {
					t.Errorf("%s: DM %s ranks %d of %d states", where, dm.ID, len(seen), nFeasible)
				}
				continue
			}
			if len(pr.Statements) != p.Statements {
				t.Errorf("%s: DM %s has %d statements", where, dm.ID, len(pr.Statements))
			}
			for _, st := range pr.Statements {
				checkIDs(st)
			}
		}
		if v, ok := any(m).(interface{ Validate() error }); ok {
			if err := v.Validate(); err != nil {
				t.Errorf("%s: Validate: %v", where, err)
			}
		}
	}
}

// TestShares checks that the share parameters act roughly as documented.
func TestShares(t *testing.T) {
	count := func(p Params) (irrev, opts, ranking, dms, compound, stmts, conds int) {
		for seed := int64(0); seed < 200; seed++ {
			p.Seed = seed
			m := mustConflict(t, p)
			for _, o := range m.Options {
				if o.Reversibility != model.Both {
					irrev++
				}
			}
			opts += len(m.Options)
			conds += len(m.Infeasible)
			for _, dm := range m.DMs {
				dms++
				if len(dm.Prefs.Ranking) > 0 {
					ranking++
				}
				for _, st := range dm.Prefs.Statements {
					stmts++
					switch st.Expr.Op {
					case statement.Or, statement.If, statement.Iff:
						compound++
					}
				}
			}
		}
		return
	}
	p := DefaultParams(3, 6, 0)
	p.Irreversible, p.Ranking, p.Compound, p.Infeasible = 0.5, 0.5, 0.5, 0.5
	irrev, opts, ranking, dms, compound, stmts, conds := count(p)
	near := func(name string, got, total int, want float64) {
		if f := float64(got) / float64(total); math.Abs(f-want) > 0.1 {
			t.Errorf("%s: share %.3f, want about %.2f", name, f, want)
		}
	}
	near("irreversible", irrev, opts, 0.5)
	near("ranking", ranking, dms, 0.5)
	near("compound", compound, stmts, 0.5)
	near("infeasible per option", conds, 2*opts, 0.25) // 0.5 per option
	// Large models never rank.
	p = DefaultParams(2, 10, 0)
	p.Ranking = 1
	if _, _, ranking, _, _, _, _ = count(p); ranking != 0 {
		t.Errorf("%d rankings in a model of 1024 codes", ranking)
	}
	p = DefaultParams(2, 9, 0)
	p.Ranking = 1
	if _, _, ranking, dms, _, _, _ = count(p); ranking != dms {
		t.Errorf("%d rankings for %d DMs with Ranking = 1 in a model of 512 codes", ranking, dms)
	}
}

// TestMisperceived checks the misperception conditions: none by default,
// about Misperceived per DM otherwise, each a conjunction of 2-3 literals
// of distinct options that is false at the status quo, and the rest of the
// conflict the same as without them.
func TestMisperceived(t *testing.T) {
	total, dms := 0, 0
	for seed := int64(0); seed < 200; seed++ {
		p := DefaultParams(2+int(seed%3), 6, seed)
		plain := mustConflict(t, p)
		for _, dm := range plain.DMs {
			if dm.Misperceived != nil {
				t.Fatalf("%v: misperceptions by default", p)
			}
		}
		p.Misperceived = 1.5
		m := mustConflict(t, p)
		if !strings.Contains(m.Title, "misperceived=1.5 seed=") || strings.Contains(plain.Title, "misperceived") {
			t.Errorf("titles %q, %q", plain.Title, m.Title)
		}
		if fingerprint(m) != fingerprint(plain) {
			t.Errorf("%v: misperceptions change the rest of the conflict", p)
		}
		sq := map[string]bool{}
		for _, id := range m.StatusQuo.Taken {
			sq[id] = true
		}
		for _, dm := range m.DMs {
			dms++
			if n := len(dm.Misperceived); n < 1 || n > 2 {
				t.Errorf("%v: DM %s has %d misperceptions, want 1 or 2", p, dm.ID, n)
			}
			total += len(dm.Misperceived)
			for _, c := range dm.Misperceived {
				checkText(t, p.String(), c)
				if c.Expr.Op != statement.And || len(c.Expr.Args) < 2 || len(c.Expr.Args) > 3 || len(c.Expr.Options(nil)) != len(c.Expr.Args) {
					t.Errorf("%v: misperception %q is not a conjunction of 2-3 literals of distinct options", p, c.Text)
				}
				if holdsAt(c.Expr, sq) {
					t.Errorf("%v: DM %s does not perceive the status quo (%q)", p, dm.ID, c.Text)
				}
			}
		}
		if err := m.Validate(); err != nil {
			t.Errorf("%v: Validate: %v", p, err)
		}
	}
	if f := float64(total) / float64(dms); math.Abs(f-1.5) > 0.1 {
		t.Errorf("%.3f misperceptions per DM, want about 1.5", f)
	}
}
