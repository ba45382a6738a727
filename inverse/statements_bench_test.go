package inverse

import (
	"context"
	"fmt"
	"testing"

	"github.com/gmcr/gmcr/analysis"
	"github.com/gmcr/gmcr/generate"
	"github.com/gmcr/gmcr/stability"
)

// BenchmarkSolveStatements times the inverse question over statement lists
// "which orderings and selections of the DMs' statements make the state in
// which every option is taken an equilibrium" (every edit allowed, fewest
// edits proven, no counting) for
// generated 4-DM conflicts without infeasible states (2^options states)
// whose DMs hold 6 statements each.
func BenchmarkSolveStatements(b *testing.B) {
	for _, opts := range []int{6, 8, 10, 12} {
		for _, c := range []stability.Concept{stability.GMR, stability.SEQ} {
			p := generate.DefaultParams(4, opts, 1)
			p.Infeasible = 0
			p.Ranking = 0
			p.Statements = 6
			m, err := generate.Conflict(p)
			if err != nil {
				b.Fatal(err)
			}
			r, err := analysis.Prepare(context.Background(), m, analysis.Options{})
			if err != nil {
				b.Fatal(err)
			}
			sp := StatementProblem{Problem: Problem{Concept: c, Targets: []int{r.Space.Len() - 1}, CountLimit: -1},
				Edits: Edits{Reorder: true, Drop: true, Negate: true}}
			b.Run(fmt.Sprintf("states=%d/%s", r.Space.Len(), c), func(b *testing.B) {
				for b.Loop() {
					res, err := SolveStatements(context.Background(), r.Space, r.Prefs, sp)
					if err != nil {
						b.Fatal(err)
					}
					if !res.Exists || !res.Optimal {
						b.Fatalf("exists %v, optimal %v", res.Exists, res.Optimal)
					}
					b.ReportMetric(float64(res.Cost()), "edits")
				}
			})
		}
	}
}
