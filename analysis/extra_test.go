package analysis_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/gmcr/gmcr/analysis"
	"github.com/gmcr/gmcr/generate"
	"github.com/gmcr/gmcr/internal/bruteforce"
	"github.com/gmcr/gmcr/internal/testmodel"
	"github.com/gmcr/gmcr/model"
	"github.com/gmcr/gmcr/stability"
)

func TestParseConcepts(t *testing.T) {
	std := stability.Concepts
	for _, tc := range []struct {
		spec    string
		horizon int
		want    analysis.Selection
	}{
		{"all", 2, analysis.Selection{Standard: std, All: true}},
		{"", 2, analysis.Selection{Standard: std, All: true}},
		{"GMR, gmr-a ,SEQ(d),nash", 2, analysis.Selection{Standard: []stability.Concept{stability.Nash, stability.GMR}, Extra: []string{"gmr-a", "seq-d"}}},
		{"l3,lh,nm,L3", 5, analysis.Selection{Extra: []string{"l3", "l5", "nm"}}},
		{"limited", 4, analysis.Selection{Extra: []string{"l4", "nm"}}},
		{"uncertain", 2, analysis.Selection{Extra: []string{"nash-a", "nash-b", "nash-c", "nash-d", "gmr-a", "gmr-b", "gmr-c", "gmr-d",
			"smr-a", "smr-b", "smr-c", "smr-d", "seq-a", "seq-b", "seq-c", "seq-d"}}},
		{"all,nm", 2, analysis.Selection{Standard: std, Extra: []string{"nm"}, All: true}},
		{"GMRa,SMR(b)", 2, analysis.Selection{Extra: []string{"gmr-a", "smr-b"}}},
	} {
		got, err := analysis.ParseConcepts(tc.spec, tc.horizon)
		if err != nil {
			t.Fatalf("%q: %v", tc.spec, err)
		}
		if !slices.Equal(got.Standard, tc.want.Standard) || !slices.Equal(got.Extra, tc.want.Extra) || got.All != tc.want.All {
			t.Errorf("%q: got %+v, want %+v", tc.spec, got, tc.want)
		}
	}
	// l0 names a horizon outside the range: it is told so, as l1001 is.
	if _, err := analysis.ParseConcepts("l0", 2); err == nil || !strings.Contains(err.Error(), "at least 1 and at most") {
		t.Errorf("l0: error %v, want the horizon's range", err)
	}
	for _, bad := range []string{"GMR,xyz", "l", "gmr-e", "sim-a", "l03"} {
		_, err := analysis.ParseConcepts(bad, 2)
		if err == nil || !strings.Contains(err.Error(), "unknown solution concept") {
			t.Errorf("%q: error %v, want an unknown-concept error", bad, err)
		}
	}
}

// TestExtraOrder checks that the extra concepts come out in report order
// (standard, then each family's own order) whatever order they are named
// in, and that "all" adds the unknown-preference definitions only for a
// model with unknown comparisons.
func TestExtraOrder(t *testing.T) {
	pdu := testmodel.Example(t, "prisoners-dilemma-unknown")
	names := func(m *model.Model, spec string) []string {
		t.Helper()
		sel, err := analysis.ParseConcepts(spec, 2)
		if err != nil {
			t.Fatal(err)
		}
		r, err := analysis.Run(context.Background(), m, analysis.Options{Concepts: sel.Standard, Extra: sel.Extra, Implied: sel.All})
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, x := range r.Extra {
			out = append(out, x.Name)
		}
		return out
	}
	if got := names(pdu, "nm,seq-d,l4,gmr-a,l2"); !slices.Equal(got, []string{"GMR(a)", "SEQ(d)", "L2", "L4", "NM"}) {
		t.Errorf("order: %v", got)
	}
	if got := names(pdu, "all"); len(got) != 16 || got[0] != "Nash(a)" || got[15] != "SEQ(d)" {
		t.Errorf("all on a model with unknown comparisons: %v", got)
	}
	if got := names(testmodel.Example(t, "prisoners-dilemma"), "all"); got != nil {
		t.Errorf("all on a model without unknown comparisons adds %v", got)
	}
	if got := names(testmodel.Example(t, "elmira"), "all"); got != nil {
		t.Errorf("all on elmira adds %v", got)
	}
	// Limited-move concepts refuse more than two DMs.
	sel, _ := analysis.ParseConcepts("l2", 2)
	if _, err := analysis.Run(context.Background(), testmodel.Example(t, "elmira"), analysis.Options{Concepts: []stability.Concept{}, Extra: sel.Extra}); err == nil || !strings.Contains(err.Error(), "two decision makers") {
		t.Errorf("L2 on elmira: %v", err)
	}
}

// randomExtra is the seed-th random conflict for the extra concepts: two
// DMs in two seeds of three (so that Lh and NM apply), 2-4 otherwise, with
// unknown comparisons.
func randomExtra(t *testing.T, seed int64) *model.Model {
	t.Helper()
	var m *model.Model
	if seed%5 == 4 {
		m = testmodel.RandomGraph(t, seed)
	} else {
		dms := 2
		if seed%3 == 2 {
			dms = 3 + int(seed/3%2)
		}
		p := generate.DefaultParams(dms, dms+int(seed/5%int64(7-dms)), seed)
		p.Irreversible = []float64{0, 0.3}[seed/7%2]
		p.Infeasible = []float64{0, 0.3}[seed/11%2]
		p.Ranking = []float64{0, 0.4}[seed/13%2]
		p.Compound = 0.3
		p.Misperceived = []float64{0, 0, 0.5}[seed/17%3]
		m = testmodel.Random(t, p)
	}
	return testmodel.WithUnknown(t, m, seed)
}

// TestExtraAgreesWithBruteForce runs the analysis with every extra
// concept (the sixteen by "all", L1-L4 and NM when there are two DMs) on
// 150 random conflicts and compares each column, its r marks and its
// equilibria with the definitional checker; the standard concepts stay
// those of a plain analysis.
func TestExtraAgreesWithBruteForce(t *testing.T) {
	n := 150
	if testing.Short() {
		n = 40
	}
	ctx := context.Background()
	for seed := int64(0); seed < int64(n); seed++ {
		m := randomExtra(t, seed)
		two := len(m.DMs) == 2
		spec := "all"
		if two {
			spec = "all,l1,l2,l3,l4,nm"
		}
		sel, err := analysis.ParseConcepts(spec, 2)
		if err != nil {
			t.Fatal(err)
		}
		r, err := analysis.Run(ctx, m, analysis.Options{Concepts: sel.Standard, Extra: sel.Extra, Implied: sel.All})
		if err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
		codes := bruteforce.Feasible(m)
		want := bruteforce.AnalyzeUncertain(m)
		scores := bruteforce.Scores(m, codes)
		var nm [2][]bool
		if two {
			nm = bruteforce.NMStable(m, codes, scores)
		}
		if len(r.Extra) != map[bool]int{true: 16}[m.HasUnknown()]+map[bool]int{true: 5}[two] {
			t.Fatalf("seed %d: %d extra concepts", seed, len(r.Extra))
		}
		for _, x := range r.Extra {
			var eq []int
			for s := range codes {
				all := true
				for i := range m.DMs {
					var w, rational bool
					switch {
					case x.Family == "uncertain":
						w = want[x.Name][i][s]
						rational = want["Nash("+x.Name[len(x.Name)-2:]][i][s]
					case x.Name == "NM":
						w = nm[i][s]
					default:
						h := int(x.Name[1] - '0')
						w = bruteforce.LimitedStable(m, codes, scores, h, i, s)
					}
					if x.Stable(i, s) != w {
						t.Fatalf("seed %d (%s): %s stability of state %d for %s: %v, brute force %v", seed, m.Title, x.Name, s+1, m.DMs[i].ID, x.Stable(i, s), w)
					}
					if x.HasRational() && x.Rational(i, s) != (w && rational) {
						t.Fatalf("seed %d: %s r mark of state %d for %s: %v", seed, x.Name, s+1, m.DMs[i].ID, x.Rational(i, s))
					}
					all = all && w
				}
				if all {
					eq = append(eq, s)
				}
			}
			if !slices.Equal(x.Equilibria(), eq) {
				t.Fatalf("seed %d: %s equilibria %v, brute force %v", seed, x.Name, x.Equilibria(), eq)
			}
		}
	}
}

// TestExplainExtra checks the explanations of the extra concepts on 120
// random conflicts: the verdict agrees with the analysis; an unknown-
// preference witness is a legal sequence of the other DMs ending where it
// says, with the relation the checker gives; a limited-move explanation
// lists every move of the DM with the outcome the checker anticipates,
// and marks the move the checker's DM takes.
func TestExplainExtra(t *testing.T) {
	ctx := context.Background()
	for seed := int64(0); seed < 120; seed++ {
		m := randomExtra(t, seed+5000)
		two := len(m.DMs) == 2
		keys := []string{"nash-a", "gmr-b", "smr-c", "seq-d", "seq-a"}
		if two {
			keys = append(keys, "l1", "l3", "nm")
		}
		r, err := analysis.Run(ctx, m, analysis.Options{Concepts: []stability.Concept{}, Extra: keys})
		if err != nil {
			t.Fatal(err)
		}
		codes := bruteforce.Feasible(m)
		rel := bruteforce.Relations(m, codes)
		scores := bruteforce.Scores(m, codes)
		for _, x := range r.Extra {
			for i := range m.DMs {
				for s := range codes {
					ex, err := analysis.ExplainExtra(ctx, r, x.Key, i, s, analysis.Options{})
					if err != nil {
						t.Fatal(err)
					}
					if ex.Stable != x.Stable(i, s) {
						t.Fatalf("seed %d %s: explanation of state %d for %s says stable=%v", seed, x.Name, s+1, m.DMs[i].ID, ex.Stable)
					}
					for _, mv := range ex.Moves {
						at, last := mv.To, -1
						for j, st := range mv.Response {
							ok := st.From == at && slices.Contains(bruteforce.Moves(m, codes, st.Mover, st.From), st.To)
							if ex.Horizon > 0 {
								ok = ok && st.Mover == (i+1+j)%2 // the DMs alternate, the other first
							} else {
								ok = ok && st.Mover != i && st.Mover != last
							}
							if !ok {
								t.Fatalf("seed %d %s: illegal step %+v", seed, x.Name, st)
							}
							at, last = st.To, st.Mover
						}
						if mv.End >= 0 && at != mv.End {
							t.Fatalf("seed %d %s: response ends at %d, not %d", seed, x.Name, at+1, mv.End+1)
						}
						if x.Family == "uncertain" && mv.End >= 0 && mv.Relation != string(rel[i][mv.End][s]) {
							t.Fatalf("seed %d %s: relation %s, brute force %c", seed, x.Name, mv.Relation, rel[i][mv.End][s])
						}
					}
					if ex.Horizon == 0 || ex.Horizon > 4 {
						continue // the checker's recursion grows exponentially with h
					}
					moves := bruteforce.Moves(m, codes, i, s)
					if len(moves) != len(ex.Moves) {
						t.Fatalf("seed %d %s: %d moves explained, %d exist", seed, x.Name, len(ex.Moves), len(moves))
					}
					_, chosen := bruteforce.Anticipated(m, codes, scores, ex.Horizon, i, s)
					for k, mv := range ex.Moves {
						want, _ := bruteforce.Anticipated(m, codes, scores, ex.Horizon-1, 1-i, moves[k])
						if mv.To != moves[k] || mv.End != want || mv.Chosen != (moves[k] == chosen) || mv.Deters != (scores[i][want] <= scores[i][s]) {
							t.Fatalf("seed %d %s h=%d: move %d -> %d: %+v; brute force outcome %d, chosen %d", seed, x.Name, ex.Horizon, s+1, moves[k]+1, mv, want+1, chosen+1)
						}
					}
				}
			}
		}
	}
}
