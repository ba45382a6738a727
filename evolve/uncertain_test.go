package evolve_test

import (
	"context"
	"reflect"
	"slices"
	"testing"

	"github.com/gmcr/gmcr/analysis"
	"github.com/gmcr/gmcr/evolve"
	"github.com/gmcr/gmcr/internal/bruteforce"
	"github.com/gmcr/gmcr/internal/testmodel"
	"github.com/gmcr/gmcr/uncertain"
)

// TestAgreementUncertain checks status quo analysis under unknown
// preferences on 300 random conflicts with unknown comparisons, with known
// improvements and with credible moves as steps, against a breadth-first
// search on the checker's relation (bruteforce.StatusQuoUncertain): the
// same reached states at the same distances; every listed path legal (no
// DM twice in a row, each step one of its mover's moves allowed by the
// relation, marked unknown exactly when its comparison is), as long as
// the distance, ending at its target; the equilibria of the sixteen
// definitions followed as targets.
func TestAgreementUncertain(t *testing.T) {
	ctx := context.Background()
	n := 300
	if testing.Short() {
		n = 80
	}
	unknownSteps := 0
	for i := 0; i < n; i++ {
		m := testmodel.WithUnknown(t, random(t, i+700), int64(i))
		sel, _ := analysis.ParseConcepts("all", 2)
		r, err := analysis.Run(ctx, m, analysis.Options{Concepts: sel.Standard, Implied: true})
		if err != nil {
			t.Fatal(err)
		}
		rel, err := uncertain.NewRelation(r.Space, r.Prefs)
		if err != nil {
			t.Fatal(err)
		}
		codes := bruteforce.Feasible(m)
		brel := bruteforce.Relations(m, codes)
		var extra []evolve.Equilibria
		for _, x := range r.Extra {
			extra = append(extra, evolve.Equilibria{Name: x.Name, States: x.Equilibria()})
		}
		start := i % r.Space.Len()
		for _, credible := range []bool{false, true} {
			res, err := evolve.Analyze(ctx, r.Stability, start, evolve.Options{Paths: 3, Relation: rel, Credible: credible, Extra: extra})
			if err != nil {
				t.Fatal(err)
			}
			want := bruteforce.StatusQuoUncertain(m, codes, brel, start, credible)
			got := map[int]int{}
			for _, x := range res.Reached {
				got[x] = res.Dist(x)
			}
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("conflict %d (credible %v): reached %v, brute force %v", i, credible, got, want)
			}
			if !res.Uncertain || res.Credible != credible {
				t.Fatalf("conflict %d: result says uncertain %v credible %v", i, res.Uncertain, res.Credible)
			}
			for _, tg := range res.Targets {
				for _, x := range r.Extra {
					if slices.Contains(x.Equilibria(), tg.State) != slices.Contains(tg.Extra, x.Name) {
						t.Fatalf("conflict %d: target %d extra concepts %v, %s equilibria %v", i, tg.State+1, tg.Extra, x.Name, x.Equilibria())
					}
				}
				if tg.Dist != got[tg.State] && !(tg.Dist < 0 && !hasKey(got, tg.State)) {
					t.Fatalf("conflict %d: target %d at %d steps, reached at %d", i, tg.State+1, tg.Dist, got[tg.State])
				}
				for _, p := range tg.Paths {
					if len(p) != max(tg.Dist, 0) {
						t.Fatalf("conflict %d: path of %d steps to a target %d away", i, len(p), tg.Dist)
					}
					at, last := start, -1
					for _, st := range p {
						j := st.Movers[0]
						r := brel[j][st.To][st.From]
						ok := len(st.Movers) == 1 && st.From == at && j != last && slices.Contains(bruteforce.Moves(m, codes, j, st.From), st.To) &&
							(r == '>' || credible && r == 'U') && st.Unknown == (r == 'U')
						if !ok {
							t.Fatalf("conflict %d (credible %v): illegal step %+v (relation %c)", i, credible, st, r)
						}
						if st.Unknown {
							unknownSteps++
						}
						at, last = st.To, j
					}
					if at != tg.State {
						t.Fatalf("conflict %d: path ends at %d, not %d", i, at+1, tg.State+1)
					}
				}
			}
		}
	}
	if unknownSteps < 20 {
		t.Errorf("only %d steps of unknown preference in the paths checked", unknownSteps)
	}
}

func hasKey(m map[int]int, k int) bool { _, ok := m[k]; return ok }

// TestUncertainRefusesCoalitions checks that coalitional steps are
// refused under unknown preferences.
func TestUncertainRefusesCoalitions(t *testing.T) {
	m := testmodel.Example(t, "prisoners-dilemma-unknown")
	r := run(t, m)
	rel, err := uncertain.NewRelation(r.Space, r.Prefs)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := evolve.Analyze(context.Background(), r.Stability, 0, evolve.Options{Relation: rel, Coalitions: true}); err == nil {
		t.Error("coalitional steps under unknown preferences accepted")
	}
}
