package analysis_test

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/gmcr/gmcr/analysis"
	"github.com/gmcr/gmcr/generate"
	"github.com/gmcr/gmcr/internal/testmodel"
	"github.com/gmcr/gmcr/model"
	"github.com/gmcr/gmcr/stability"
	"github.com/gmcr/gmcr/strength"
	"github.com/gmcr/gmcr/uncertain"
)

// runSpec analyses m with the --concepts value spec.
func runSpec(t *testing.T, m *model.Model, spec string) *analysis.Result {
	t.Helper()
	sel, err := analysis.ParseConcepts(spec, 2)
	if err != nil {
		t.Fatal(err)
	}
	r, err := analysis.Run(context.Background(), m, analysis.Options{Concepts: sel.Standard, Extra: sel.Extra, Implied: sel.All})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func extraNames(r *analysis.Result) []string {
	var out []string
	for _, x := range r.Extra {
		out = append(out, x.Name)
	}
	return out
}

func TestParseStrengthWords(t *testing.T) {
	for spec, want := range map[string][]string{
		"strong":          {"sgmr", "ssmr", "sseq"},
		"sSEQ,sgmr,sgmr":  {"sseq", "sgmr"},
		"sgmr-a,sSMR(d)":  {"sgmr-a", "ssmr-d"},
		"strength,gmr-a":  {"sgmr", "ssmr", "sseq", "gmr-a"},
		"GMR,sseq-b,nash": {"sseq-b"},
	} {
		sel, err := analysis.ParseConcepts(spec, 2)
		if err != nil {
			t.Fatalf("%q: %v", spec, err)
		}
		if !slices.Equal(sel.Extra, want) {
			t.Errorf("%q: extra %v, want %v", spec, sel.Extra, want)
		}
	}
	for _, bad := range []string{"snash", "ssim", "sgmr-e", "sgmrx", "s"} {
		if _, err := analysis.ParseConcepts(bad, 2); err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
}

// TestStrengthExample checks the hand-derived results of
// examples/EXPECTED.md for prisoners-dilemma-strength: under GMR, SMR and
// SEQ state 4 is a strong equilibrium and state 1 a weak one (weakly
// stable for P1, strongly for P2); states 2 and 3 are unstable for P2 and
// P1; "all" adds the three columns because the model states strength,
// and not for the flagship or the plain Prisoner's Dilemma.
func TestStrengthExample(t *testing.T) {
	pds := testmodel.Example(t, "prisoners-dilemma-strength")
	r := runSpec(t, pds, "all")
	if got := extraNames(r); !slices.Equal(got, []string{"sGMR", "sSMR", "sSEQ"}) {
		t.Fatalf("all on prisoners-dilemma-strength: extra %v", got)
	}
	for _, x := range r.Extra {
		if !x.HasStrength() {
			t.Fatalf("%s tells no strength", x.Name)
		}
		if got := x.StrongEquilibria(); !slices.Equal(got, []int{3}) {
			t.Errorf("%s strong equilibria %v, want [3] (state 4)", x.Name, got)
		}
		if got := x.WeakEquilibria(); !slices.Equal(got, []int{0}) {
			t.Errorf("%s weak equilibria %v, want [0] (state 1)", x.Name, got)
		}
		// marks[dm][s]: S strong, W weak, u unstable.
		want := [2]string{"WSuS", "SuSS"}
		for dm := range 2 {
			got := ""
			for s := range 4 {
				switch {
				case x.Strong(dm, s):
					got += "S"
				case x.Stable(dm, s):
					got += "W"
				default:
					got += "u"
				}
			}
			if got != want[dm] {
				t.Errorf("%s DM %d marks %s, want %s", x.Name, dm, got, want[dm])
			}
		}
	}
	ex, err := analysis.ExplainExtra(context.Background(), r, "sgmr", 0, 0, analysis.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !ex.Stable || ex.Strength != "weak" || len(ex.Moves) != 1 || ex.Moves[0].To != 1 || ex.Moves[0].End != 3 || ex.Moves[0].Relation != "<" {
		t.Errorf("sGMR explanation of state 1 for P1: %+v", ex)
	}
	ex, err = analysis.ExplainExtra(context.Background(), r, "sseq", 1, 0, analysis.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !ex.Stable || ex.Strength != "strong" || len(ex.Moves) != 1 || ex.Moves[0].To != 2 || ex.Moves[0].End != 3 || ex.Moves[0].Relation != "<<" {
		t.Errorf("sSEQ explanation of state 1 for P2: %+v", ex)
	}
	for _, name := range []string{"prisoners-dilemma", "prisoners-dilemma-unknown", "ukraine-security"} {
		if got := extraNames(runSpec(t, testmodel.Example(t, name), "all")); slices.ContainsFunc(got, func(n string) bool { return n[0] == 's' }) {
			t.Errorf("all on %s adds %v", name, got)
		}
	}
}

// randomStrengthModel is the seed-th random conflict with strength of
// preference (2-4 DMs, graph form in one seed of five), with unknown
// comparisons (hybrid preferences) in every other one.
func randomStrengthModel(t *testing.T, seed int64) *model.Model {
	t.Helper()
	var m *model.Model
	if seed%5 == 4 {
		m = testmodel.RandomGraph(t, seed)
	} else {
		dms := 2 + int(seed%3)
		p := generate.DefaultParams(dms, min(dms+int(seed/3%3), 6), seed)
		p.Irreversible = []float64{0, 0.3}[seed/7%2]
		p.Infeasible = []float64{0, 0.3}[seed/11%2]
		p.Ranking = []float64{0, 0.4}[seed/13%2]
		p.Compound = 0.3
		p.Statements = 2 + int(seed%4)
		m = testmodel.Random(t, p)
	}
	if seed%2 == 1 {
		m = testmodel.WithUnknown(t, m, seed)
	}
	return testmodel.WithStrength(t, m, seed)
}

// TestStrengthColumnsAgree runs "all,strong" on 100 random conflicts with
// strength of preference and compares every strength column (stable,
// strongly stable, strong and weak equilibria) with strength.Analyze run
// directly; with unknown comparisons the words give the four extensions.
func TestStrengthColumnsAgree(t *testing.T) {
	bases := []stability.Concept{stability.GMR, stability.SMR, stability.SEQ}
	weak, strong := 0, 0
	for seed := int64(0); seed < 100; seed++ {
		m := randomStrengthModel(t, seed+500)
		r := runSpec(t, m, "all,strong")
		rel, err := strength.NewRelation(r.Space, r.Prefs)
		if err != nil {
			t.Fatal(err)
		}
		base, err := stability.Analyze(context.Background(), r.Space, r.Prefs, stability.Config{Concepts: []stability.Concept{stability.Nash, stability.GMR, stability.SMR, stability.SEQ}})
		if err != nil {
			t.Fatal(err)
		}
		sa, err := strength.Analyze(context.Background(), rel, base)
		if err != nil {
			t.Fatal(err)
		}
		var want []uncertain.Concept
		var names []string
		for _, b := range bases {
			if m.HasUnknown() {
				for _, e := range uncertain.Extensions {
					want = append(want, uncertain.Concept{Base: b, Ext: e})
					names = append(names, fmt.Sprintf("s%v(%v)", b, e))
				}
			} else {
				want = append(want, uncertain.Concept{Base: b, Ext: uncertain.A})
				names = append(names, "s"+b.String())
			}
		}
		var xs []*analysis.Extra
		for _, x := range r.Extra {
			if x.Family == "strength" {
				xs = append(xs, x)
			}
		}
		var got []string
		for _, x := range xs {
			got = append(got, x.Name)
		}
		if !slices.Equal(got, names) {
			t.Fatalf("seed %d: strength columns %v, want %v", seed, got, names)
		}
		for k, x := range xs {
			c := want[k]
			var sEq, wEq []int
			for s := 0; s < r.Space.Len(); s++ {
				all, allStrong := true, true
				for dm := range r.Space.DMs {
					if x.Stable(dm, s) != sa.Stable(c, dm, s) || x.Strong(dm, s) != sa.Strong(c, dm, s) {
						t.Fatalf("seed %d, %s, state %d, DM %d: column stable %v strong %v, strength.Analyze %v %v",
							seed, x.Name, s+1, dm, x.Stable(dm, s), x.Strong(dm, s), sa.Stable(c, dm, s), sa.Strong(c, dm, s))
					}
					if sa.Weak(c, dm, s) {
						weak++
					} else if sa.Strong(c, dm, s) {
						strong++
					}
					all = all && sa.Stable(c, dm, s)
					allStrong = allStrong && sa.Strong(c, dm, s)
				}
				if all && allStrong {
					sEq = append(sEq, s)
				} else if all {
					wEq = append(wEq, s)
				}
			}
			gs, gw := x.StrongEquilibria(), x.WeakEquilibria()
			ws, ww := sa.Equilibria(c)
			if !slices.Equal(gs, ws) || !slices.Equal(gw, ww) || !slices.Equal(gs, sEq) || !slices.Equal(gw, wEq) {
				t.Fatalf("seed %d, %s: equilibria strong %v weak %v, strength.Analyze %v %v", seed, x.Name, gs, gw, ws, ww)
			}
			if !slices.Equal(x.Equilibria(), slices.Sorted(slices.Values(append(slices.Clone(gs), gw...)))) {
				t.Fatalf("seed %d, %s: equilibria %v are not the strong %v and weak %v", seed, x.Name, x.Equilibria(), gs, gw)
			}
		}
	}
	// The random conflicts must exercise both verdicts.
	if weak < 50 || strong < 50 {
		t.Errorf("only %d weakly and %d strongly stable cases", weak, strong)
	}
	t.Logf("%d weakly and %d strongly stable (state, DM, concept) cases", weak, strong)
}

// Deferring the strength family leaves sGMR, sSMR and sSEQ out of Run's
// implied concepts (the uncertain ones stay), and ImpliedExtras or
// StrengthExtras decide later exactly what Run would have.
func TestDeferStrength(t *testing.T) {
	ctx := context.Background()
	hybrid := testmodel.WithUnknown(t, testmodel.Example(t, "prisoners-dilemma-strength"), 3)
	for _, m := range []*model.Model{testmodel.Example(t, "prisoners-dilemma-strength"), hybrid} {
		full, err := analysis.Run(ctx, m, analysis.Options{Implied: true})
		if err != nil {
			t.Fatal(err)
		}
		lazy, err := analysis.Run(ctx, m, analysis.Options{Implied: true, Defer: []string{"strength"}})
		if err != nil {
			t.Fatal(err)
		}
		var want []*analysis.Extra
		for _, x := range full.Extra {
			if x.Family == "strength" {
				want = append(want, x)
			}
		}
		if len(want) == 0 || len(lazy.Extra) != len(full.Extra)-len(want) {
			t.Fatalf("%s: %d extra concepts deferred, %v left of %v", m.Title, len(want), extraNames(lazy), extraNames(full))
		}
		for _, x := range lazy.Extra {
			if x.Family == "strength" {
				t.Errorf("%s: %s decided though deferred", m.Title, x.Name)
			}
		}
		later, err := analysis.ImpliedExtras(ctx, lazy, "strength", analysis.Options{})
		if err != nil {
			t.Fatal(err)
		}
		sa, err := analysis.Strength(ctx, lazy, analysis.Options{})
		if err != nil {
			t.Fatal(err)
		}
		for _, got := range [][]*analysis.Extra{later, analysis.StrengthExtras(lazy, sa)} {
			if len(got) != len(want) {
				t.Fatalf("%s: %d concepts later, want %d", m.Title, len(got), len(want))
			}
			for i, x := range got {
				w := want[i]
				if x.Name != w.Name || !slices.Equal(x.Equilibria(), w.Equilibria()) || !slices.Equal(x.StrongEquilibria(), w.StrongEquilibria()) || !slices.Equal(x.WeakEquilibria(), w.WeakEquilibria()) {
					t.Errorf("%s: later %s %v/%v, Run's %s %v/%v", m.Title, x.Name, x.StrongEquilibria(), x.WeakEquilibria(), w.Name, w.StrongEquilibria(), w.WeakEquilibria())
				}
			}
		}
	}
	// A family named explicitly (Options.Extra) is decided even when
	// deferred, and an unknown family is an error.
	r, err := analysis.Run(ctx, testmodel.Example(t, "prisoners-dilemma-strength"), analysis.Options{Implied: true, Extra: []string{"sgmr"}, Defer: []string{"strength"}})
	if err != nil || !slices.Equal(extraNames(r), []string{"sGMR"}) {
		t.Errorf("explicit sgmr, deferred family: %v %v", extraNames(r), err)
	}
	if _, err := analysis.ImpliedExtras(ctx, r, "nonesuch", analysis.Options{}); err == nil {
		t.Error("unknown family: no error")
	}
	// The PD's strong equilibrium is mutual defection (examples/EXPECTED.md).
	if xs, err := analysis.ImpliedExtras(ctx, r, "strength", analysis.Options{}); err != nil || len(xs) != 3 || !slices.Equal(xs[0].StrongEquilibria(), []int{3}) || !slices.Equal(xs[0].WeakEquilibria(), []int{0}) {
		t.Errorf("PD strength later: %v", err)
	}
}
