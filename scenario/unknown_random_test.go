package scenario_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/gmcr/gmcr/analysis"
	"github.com/gmcr/gmcr/generate"
	"github.com/gmcr/gmcr/internal/testmodel"
	"github.com/gmcr/gmcr/model"
	"github.com/gmcr/gmcr/model/statement"
	"github.com/gmcr/gmcr/scenario"
	"github.com/gmcr/gmcr/statespace"
	"github.com/gmcr/gmcr/uncertain"
)

// TestUnknownScenariosAgree builds, on 300 random conflicts with unknown
// comparisons, a random scenario that marks statements sure or unsure,
// clears a DM's unknown comparisons, adds unknown groups and sometimes
// forbids an option; and, independently, the model that scenario should
// give, written directly (marks set on the statements, groups added, the
// condition added, every group renumbered by the states' codes). Apply
// must give the same unknown comparisons (every DM, every pair of
// states) and the same equilibria under the sixteen definitions.
func TestUnknownScenariosAgree(t *testing.T) {
	n := 300
	if testing.Short() {
		n = 60
	}
	checked, forbidden := 0, 0
	for seed := int64(0); seed < int64(n); seed++ {
		dms := 2 + int(seed%3)
		p := generate.DefaultParams(dms, dms+int(seed/3%3), seed)
		p.Ranking = 0.2
		base := testmodel.WithUnknown(t, testmodel.Random(t, p), seed)
		base.StatusQuo = nil
		rng := rand.New(rand.NewPCG(uint64(seed), 0x73636e))
		sc := model.Scenario{ID: "s"}
		want := base.Clone()
		var addGroups [][]model.UnknownGroup // per DM, base numbering
		bs, err := statespace.Build(context.Background(), base, statespace.Options{})
		if err != nil {
			t.Fatal(err)
		}
		for i, d := range base.DMs {
			addGroups = append(addGroups, nil)
			c := model.PrefChange{DM: d.ID}
			wp := &want.DMs[i].Prefs
			if len(d.Prefs.Statements) > 0 {
				if rng.IntN(5) == 0 && (len(d.Prefs.Unknown) > 0 || anyUnsure(d.Prefs.Statements)) {
					c.ClearUnknown = true
					wp.Unknown = nil
					for j := range wp.Statements {
						wp.Statements[j].Unsure = false
					}
				}
				for j, st := range d.Prefs.Statements {
					if repeated(d.Prefs.Statements[:j], st) {
						continue // a scenario names a statement by its form: the first of equal ones
					}
					unsure := st.Unsure && !c.ClearUnknown
					switch {
					case unsure && rng.IntN(2) == 0:
						c.Sure = append(c.Sure, st)
						wp.Statements[j].Unsure = false
					case !unsure && rng.IntN(3) == 0:
						c.Unsure = append(c.Unsure, st)
						wp.Statements[j].Unsure = true
					}
				}
			}
			if rng.IntN(2) == 0 && bs.Len() >= 2 {
				perm := rng.Perm(bs.Len())[:2+rng.IntN(min(3, bs.Len()-1))]
				var g model.UnknownGroup
				for _, s := range perm {
					g.States = append(g.States, s+1)
				}
				c.Unknown = append(c.Unknown, g)
				addGroups[i] = append(addGroups[i], g)
			}
			if c.Edits() || c.ChangesUnknown() {
				sc.Prefs = append(sc.Prefs, c)
			}
		}
		forbid := ""
		ranked := false
		for _, d := range base.DMs {
			ranked = ranked || len(d.Prefs.Ranking) > 0
		}
		// (Rankings would need renumbering in the model written directly.)
		if rng.IntN(3) == 0 && !ranked {
			forbid = base.Options[rng.IntN(len(base.Options))].ID
			sc.Forbid = []string{forbid}
			e := &statement.Expr{Op: statement.Lit, Option: forbid}
			want.Infeasible = append(want.Infeasible, model.Statement{Text: forbid, Expr: e})
		}
		if len(sc.Prefs) == 0 && forbid == "" {
			continue
		}
		base.Scenarios = []model.Scenario{sc}
		got, err := scenario.Apply(base, "s")
		if err != nil {
			if forbid != "" {
				continue // e.g. no feasible state left
			}
			t.Fatalf("seed %d: %v", seed, err)
		}
		// The model written directly: every group renumbered by code.
		ws, err := statespace.Build(context.Background(), want, statespace.Options{})
		if err != nil {
			continue
		}
		for i := range want.DMs {
			groups := append(want.DMs[i].Prefs.Unknown, addGroups[i]...)
			var out []model.UnknownGroup
			for _, g := range groups {
				var states []int
				for _, s := range g.States {
					if x, ok := ws.Index(bs.Codes[s-1]); ok {
						states = append(states, x+1)
					}
				}
				if len(states) >= 2 {
					out = append(out, model.UnknownGroup{States: states})
				}
			}
			want.DMs[i].Prefs.Unknown = out
		}
		rg, ug := relations(t, got)
		rw, uw := relations(t, want)
		if fmt.Sprint(rg.Space.Codes) != fmt.Sprint(rw.Space.Codes) {
			t.Fatalf("seed %d: states differ", seed)
		}
		for i := range rg.Space.DMs {
			for s := 0; s < rg.Space.Len(); s++ {
				for x := 0; x < rg.Space.Len(); x++ {
					if ug.Relation.Unknown(i, s, x) != uw.Relation.Unknown(i, s, x) {
						t.Fatalf("seed %d: DM %d, states %d and %d: unknown %v after Apply, %v written directly",
							seed, i+1, s+1, x+1, ug.Relation.Unknown(i, s, x), uw.Relation.Unknown(i, s, x))
					}
				}
			}
		}
		for _, k := range uncertain.Concepts {
			if a, b := fmt.Sprint(ug.Equilibria(k)), fmt.Sprint(uw.Equilibria(k)); a != b {
				t.Fatalf("seed %d: %v equilibria %s after Apply, %s written directly", seed, k, a, b)
			}
		}
		checked++
		if forbid != "" {
			forbidden++
		}
	}
	t.Logf("%d seeds checked, %d with a forbidden option", checked, forbidden)
	if checked < n/2 || forbidden < n/10 {
		t.Errorf("only %d of %d seeds checked, %d with a forbidden option", checked, n, forbidden)
	}
}

func anyUnsure(sts []model.Statement) bool {
	for _, st := range sts {
		if st.Unsure {
			return true
		}
	}
	return false
}

func relations(t *testing.T, m *model.Model) (*analysis.Result, *uncertain.Analysis) {
	t.Helper()
	r, err := analysis.Run(context.Background(), m, analysis.Options{Concepts: nil})
	if err != nil {
		t.Fatal(err)
	}
	rel, err := uncertain.NewRelation(r.Space, r.Prefs)
	if err != nil {
		t.Fatal(err)
	}
	ua, err := uncertain.Analyze(context.Background(), rel, r.Stability)
	if err != nil {
		t.Fatal(err)
	}
	return r, ua
}

func repeated(before []model.Statement, st model.Statement) bool {
	for _, b := range before {
		if b.Expr.Equal(st.Expr) {
			return true
		}
	}
	return false
}
