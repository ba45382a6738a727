package server

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/gmcr/gmcr/generate"
	"github.com/gmcr/gmcr/model"
)

// benchConflict is the generated 16-option conflict of the edit
// benchmarks (4 DMs, 65,536 feasible states), as a model file's text;
// strong marks every DM's first statement strong, unknown gives every
// DM 32 unknown groups of 4 states.
func benchConflict(b *testing.B, strong, unknown bool) string {
	p := generate.DefaultParams(4, 16, 7)
	p.Infeasible = 0 // every one of the 65,536 states feasible
	m, err := generate.Conflict(p)
	if err != nil {
		b.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(7, 0x756e6b))
	for i := range m.DMs {
		if strong {
			m.DMs[i].Prefs.Statements[0].Strong = true
		}
		if unknown {
			for range 32 {
				var g model.UnknownGroup
				for _, s := range rng.Perm(1 << 16)[:4] {
					g.States = append(g.States, s+1)
				}
				m.DMs[i].Prefs.Unknown = append(m.DMs[i].Prefs.Unknown, g)
			}
		}
	}
	data, err := model.Marshal(m)
	if err != nil {
		b.Fatal(err)
	}
	return string(data)
}

// benchEdits measures what a user waits for after an edit of src: each
// iteration is a new text (the title changes) analysed and its first
// tableau page returned, with req's richer columns. It reports the CPU
// seconds of the whole process per edit (cpu-s/op) besides the wall
// time: the machine the benchmarks run on is often shared.
func benchEdits(b *testing.B, src string, req TableauRequest, check func(*Tableau) bool) {
	_, ts := newTest(b, Config{})
	b.ResetTimer()
	cpu0 := cpuSeconds()
	for i := 0; b.Loop(); i++ {
		req.Input = Input{Source: strings.Replace(src, "title: ", fmt.Sprintf("title: edit %d ", i), 1), Session: "bench"}
		req.Limit = 50
		var tb Tableau
		if code := call(b, ts, "POST", "/api/tableau", req, &tb); code != 200 || tb.Total != 1<<16 || !check(&tb) {
			b.Fatalf("%d %d %v %v", code, tb.Total, tb.Concepts, tb.Strength != nil)
		}
	}
	if cpu := cpuSeconds() - cpu0; cpu > 0 {
		b.ReportMetric(cpu/float64(b.N), "cpu-s/op")
	}
}

// BenchmarkEditToTableau measures what a user waits for after an edit of
// a generated 16-option model (4 DMs, 65,536 feasible states): a new text is analysed under
// all five concepts and the first tableau page is returned. The issue's
// target is under a second.
func BenchmarkEditToTableau(b *testing.B) {
	benchEdits(b, benchConflict(b, false, false), TableauRequest{}, func(t *Tableau) bool { return t.Strength == nil })
}

// BenchmarkEditToTableauStrength is BenchmarkEditToTableau for the same
// conflict with strength of preference (every DM's first statement
// strong) and the workbench's "Strength of preference" checkbox on: the
// tableau adds sGMR, sSMR and sSEQ, decided for the new text, and shows
// their S / W marks.
func BenchmarkEditToTableauStrength(b *testing.B) {
	benchEdits(b, benchConflict(b, true, false), TableauRequest{Strength: true}, func(t *Tableau) bool { return t.Strength != nil })
}

// BenchmarkEditToTableauStrengthOff is BenchmarkEditToTableauStrength
// with the checkbox off: the tableau shows the five ordinary concepts
// alone, and strength of preference, decided on demand, is not decided
// at all.
func BenchmarkEditToTableauStrengthOff(b *testing.B) {
	benchEdits(b, benchConflict(b, true, false), TableauRequest{}, func(t *Tableau) bool { return t.Strength == nil })
}

// BenchmarkEditToTableauUnknown is BenchmarkEditToTableau for the same
// conflict with unknown comparisons (32 unknown groups of 4 states per
// DM): the analysis also decides the sixteen definitions of the
// extensions (a)-(d), which the workbench shows beside every analysis.
func BenchmarkEditToTableauUnknown(b *testing.B) {
	benchEdits(b, benchConflict(b, false, true), TableauRequest{}, func(t *Tableau) bool { return t.Strength == nil })
}
