package server

import (
	"fmt"

	"github.com/gmcr/gmcr/generate"
	"github.com/gmcr/gmcr/model"
	"strings"
	"testing"
)

// BenchmarkEditToTableau measures what a user waits for after an edit of
// a generated 16-option model (4 DMs, 65,536 feasible states): a new text is analysed under
// all five concepts and the first tableau page is returned. The issue's
// target is under a second.
func BenchmarkEditToTableau(b *testing.B) {
	p := generate.DefaultParams(4, 16, 7)
	p.Infeasible = 0 // every one of the 65,536 states feasible
	m, err := generate.Conflict(p)
	if err != nil {
		b.Fatal(err)
	}
	data, err := model.Marshal(m)
	if err != nil {
		b.Fatal(err)
	}
	src := string(data)
	_, ts := newTest(b, Config{})
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		in := Input{Source: strings.Replace(src, "title: ", fmt.Sprintf("title: edit %d ", i), 1), Session: "bench"}
		var tb Tableau
		if code := call(b, ts, "POST", "/api/tableau", TableauRequest{Input: in, Limit: 50}, &tb); code != 200 || tb.Total != 1<<16 {
			b.Fatalf("%d %d", code, tb.Total)
		}
	}
}

// BenchmarkEditToTableauStrength is BenchmarkEditToTableau for the same
// conflict with strength of preference (every DM's first statement
// strong): the analysis adds sGMR, sSMR and sSEQ, and the tableau page
// shows their S / W marks.
func BenchmarkEditToTableauStrength(b *testing.B) {
	p := generate.DefaultParams(4, 16, 7)
	p.Infeasible = 0
	m, err := generate.Conflict(p)
	if err != nil {
		b.Fatal(err)
	}
	for i := range m.DMs {
		m.DMs[i].Prefs.Statements[0].Strong = true
	}
	data, err := model.Marshal(m)
	if err != nil {
		b.Fatal(err)
	}
	src := string(data)
	_, ts := newTest(b, Config{})
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		in := Input{Source: strings.Replace(src, "title: ", fmt.Sprintf("title: edit %d ", i), 1), Session: "bench"}
		var tb Tableau
		if code := call(b, ts, "POST", "/api/tableau", TableauRequest{Input: in, Limit: 50, Strength: true}, &tb); code != 200 || tb.Total != 1<<16 || tb.Strength == nil {
			b.Fatalf("%d %d %v", code, tb.Total, tb.Strength)
		}
	}
}
