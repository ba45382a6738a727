package uncertain_test

import (
	"context"
	"slices"
	"testing"

	"github.com/gmcr/gmcr/generate"
	"github.com/gmcr/gmcr/internal/bruteforce"
	"github.com/gmcr/gmcr/internal/testmodel"
	"github.com/gmcr/gmcr/model"
	"github.com/gmcr/gmcr/preference"
	"github.com/gmcr/gmcr/stability"
	"github.com/gmcr/gmcr/statespace"
	"github.com/gmcr/gmcr/uncertain"
)

// randomUncertain returns the seed-th random conflict with unknown
// comparisons: option form (2 to 4 DMs, up to 6 options, irreversible
// options, infeasible states, rankings, compound statements, some
// misperceptions) for three seeds in four, graph form for the fourth.
func randomUncertain(t *testing.T, seed int64) *model.Model {
	t.Helper()
	var m *model.Model
	if seed%4 == 3 {
		m = testmodel.RandomGraph(t, seed/4*2) // even: without options, up to 13 states
	} else {
		dms := 2 + int(seed%3)
		p := generate.DefaultParams(dms, dms+int(seed/4%int64(7-dms)), seed)
		p.Irreversible = []float64{0, 0.3}[seed/3%2]
		p.Infeasible = []float64{0, 0.3}[seed/5%2]
		p.Ranking = []float64{0, 0.3}[seed/7%2]
		p.Compound = 0.3
		p.Statements = 2 + int(seed%4)
		p.Misperceived = []float64{0, 0, 0.5}[seed/11%3]
		m = testmodel.Random(t, p)
	}
	return testmodel.WithUnknown(t, m, seed)
}

func analyze(t *testing.T, m *model.Model) *uncertain.Analysis {
	t.Helper()
	ctx := context.Background()
	ss, err := statespace.Build(ctx, m, statespace.Options{})
	if err != nil {
		t.Fatal(err)
	}
	p, err := preference.Compute(ss)
	if err != nil {
		t.Fatal(err)
	}
	base, err := stability.Analyze(ctx, ss, p, stability.Config{Concepts: []stability.Concept{stability.Nash, stability.GMR, stability.SMR, stability.SEQ}})
	if err != nil {
		t.Fatal(err)
	}
	rel, err := uncertain.NewRelation(ss, p)
	if err != nil {
		t.Fatal(err)
	}
	a, err := uncertain.Analyze(ctx, rel, base)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// TestAgreesWithBruteForce compares the sixteen definitions on 1,000
// random conflicts with unknown comparisons with the definitional checker
// (bruteforce.AnalyzeUncertain), for every DM and state, and the unknown
// relation itself pair by pair.
func TestAgreesWithBruteForce(t *testing.T) {
	n := 1000
	if testing.Short() {
		n = 200
	}
	for seed := int64(0); seed < int64(n); seed++ {
		m := randomUncertain(t, seed)
		a := analyze(t, m)
		codes := bruteforce.Feasible(m)
		rel := bruteforce.Relations(m, codes)
		for i := range m.DMs {
			for s := range codes {
				for u := range codes {
					if got, want := a.Relation.Compare(i, s, u), string(rel[i][s][u]); got != want {
						t.Fatalf("seed %d (%s): DM %s relation of %d to %d: %s, brute force %s", seed, m.Title, m.DMs[i].ID, s+1, u+1, got, want)
					}
				}
			}
		}
		want := bruteforce.AnalyzeUncertain(m)
		for _, c := range uncertain.Concepts {
			table := want[c.String()]
			for i := range m.DMs {
				for s := range codes {
					if got := a.Stable(c, i, s); got != table[i][s] {
						t.Fatalf("seed %d (%s): %v stability of state %d for DM %s: engine %v, brute force %v", seed, m.Title, c, s+1, m.DMs[i].ID, got, table[i][s])
					}
				}
			}
		}
	}
}

// TestExplainWitnesses checks every witness Explain gives on 150 random
// conflicts against the definitions: each sequence is legal (opponents
// only, no one twice in a row, each step a move of its mover and, for SEQ,
// an improvement or a move of unknown preference for it) and ends in a
// deterring state; a move reported unsanctioned has no deterring state in
// the brute-force reach; and Stable agrees with Analyze.
func TestExplainWitnesses(t *testing.T) {
	for seed := int64(0); seed < 150; seed++ {
		m := randomUncertain(t, seed+9000)
		a := analyze(t, m)
		codes := bruteforce.Feasible(m)
		rel := bruteforce.Relations(m, codes)
		for _, c := range uncertain.Concepts {
			for i := range m.DMs {
				for s := range codes {
					ex, err := uncertain.Explain(a.Relation, c, i, s)
					if err != nil {
						t.Fatal(err)
					}
					if ex.Stable != a.Stable(c, i, s) {
						t.Fatalf("seed %d %v: Explain and Analyze differ at %d", seed, c, s+1)
					}
					ext := c.Ext.String()
					phi := func(x int) bool {
						r := rel[i][x][s]
						return r == '<' || r == '~' || (r == 'U' && (ext == "c" || ext == "d"))
					}
					deters := func(x int) bool {
						if !phi(x) {
							return false
						}
						if c.Base == stability.SMR {
							for _, y := range bruteforce.Moves(m, codes, i, x) {
								if !phi(y) {
									return false
								}
							}
						}
						return true
					}
					// legal reports whether seq is a legal sequence of the
					// opponents' moves from s1 that ends in end.
					legal := func(seq []uncertain.Step, s1, end int) bool {
						at, last := s1, -1
						for _, st := range seq {
							ok := st.From == at && st.Mover != last && st.Mover != i
							ok = ok && slices.Contains(bruteforce.Moves(m, codes, st.Mover, st.From), st.To)
							if c.Base == stability.SEQ {
								r := rel[st.Mover][st.To][st.From]
								ok = ok && (r == '>' || r == 'U')
							}
							if !ok {
								return false
							}
							at, last = st.To, st.Mover
						}
						return len(seq) > 0 && at == end
					}
					for _, w := range ex.Moves {
						if w.Escaped != nil && (c.Base != stability.SMR || w.End >= 0) {
							t.Fatalf("seed %d %v: escaped sanction %+v on a move that is not an unsanctioned SMR move", seed, c, w)
						}
						r := rel[i][w.Move][s]
						if r != '>' && !(r == 'U' && (ext == "a" || ext == "c")) || w.Unknown != (r == 'U') {
							t.Fatalf("seed %d %v: move %d -> %d is not one the definition considers", seed, c, s+1, w.Move+1)
						}
						if c.Base == stability.Nash {
							continue
						}
						if w.End < 0 {
							inPhi := false
							for _, x := range bruteforce.StableUncertainReach(m, codes, rel, i, w.Move, c.Base == stability.SEQ) {
								if deters(x) {
									t.Fatalf("seed %d %v: move to %d reported unsanctioned, but %d deters", seed, c, w.Move+1, x+1)
								}
								inPhi = inPhi || phi(x)
							}
							// Under SMR an unsanctioned move reached into Phi(s)
							// must show the sanction and the DM's escape.
							if c.Base == stability.SMR && inPhi != (w.Escaped != nil) {
								t.Fatalf("seed %d %v: move to %d: a state of Phi reachable %v, escaped sanction %+v", seed, c, w.Move+1, inPhi, w.Escaped)
							}
							if e := w.Escaped; e != nil {
								if !legal(e.Sequence, w.Move, e.End) || !phi(e.End) || phi(e.Escape) ||
									!slices.Contains(bruteforce.Moves(m, codes, i, e.End), e.Escape) {
									t.Fatalf("seed %d %v: escaped sanction %+v does not check", seed, c, e)
								}
							}
							continue
						}
						if !legal(w.Sequence, w.Move, w.End) || !deters(w.End) {
							t.Fatalf("seed %d %v: witness %+v does not check", seed, c, w)
						}
					}
				}
			}
		}
	}
}
