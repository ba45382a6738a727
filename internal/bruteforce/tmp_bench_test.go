package bruteforce

import (
	"testing"
	"time"

	"github.com/gmcr/gmcr/generate"
)

func TestTmpTiming(t *testing.T) {
	var worst time.Duration
	start := time.Now()
	for seed := int64(0); seed < 200; seed++ {
		dms := 2 + int(seed%4)
		opts := dms + int((seed/4)%int64(10-dms))
		p := generate.DefaultParams(dms, opts, seed)
		p.Irreversible = []float64{0, 0.3, 0.6}[seed%3]
		p.Compound = []float64{0, 0.4, 0.8}[(seed/3)%3]
		p.Infeasible = []float64{0, 0.2, 0.5}[(seed/5)%3]
		p.Ranking = []float64{0, 0.3, 1}[(seed/7)%3]
		p.Statements = 1 + int(seed%5)
		m, _ := generate.Conflict(p)
		t0 := time.Now()
		r := Analyze(m)
		if d := time.Since(t0); d > worst {
			worst = d
			t.Logf("seed %d dms %d opts %d states %d: %v", seed, dms, opts, len(r.Codes), d)
		}
	}
	t.Logf("total %v", time.Since(start))
}
