package model_test

import (
	"fmt"
	"runtime"
	"strings"
	"testing"

	"github.com/gmcr/gmcr/model"
)

// allocated returns the bytes f allocates: a measure of work that, unlike
// time, does not depend on the machine's load.
func allocated(f func()) uint64 {
	var a, b runtime.MemStats
	runtime.ReadMemStats(&a)
	f()
	runtime.ReadMemStats(&b)
	return b.TotalAlloc - a.TotalAlloc
}

// growth is the ratio of the work of make(2n) to that of make(n): about
// 2 for linear work, 4 for quadratic.
func growth(t *testing.T, n int, make func(n int) []byte) float64 {
	t.Helper()
	parse := func(data []byte) func() {
		return func() { model.Parse(data, "m.yaml") }
	}
	small, large := make(n), make(2*n)
	parse(small)() // warm up
	return float64(allocated(parse(large))) / float64(allocated(parse(small)))
}

const twoOptions = `title: t
options: [{id: a}, {id: b}]
decision_makers:
  - {id: A, options: [a], preferences: {statements: [a]}}
  - {id: B, options: [b], preferences: {statements: [b]}}
`

// TestLoadingIsLinear checks that loading grows linearly with the input
// where it used to grow quadratically: many statements on one line (each
// converted the whole line to find its columns), and many references to
// unknown options among many options (each compared with every option id
// for a "did you mean" hint, though only the first errors are shown).
func TestLoadingIsLinear(t *testing.T) {
	oneLine := func(n int) []byte {
		items := make([]string, n)
		for i := range items {
			items[i] = `"a and b"`
		}
		return []byte(twoOptions + "feasibility: {infeasible: [" + strings.Join(items, ", ") + "]}\n")
	}
	if g := growth(t, 3000, oneLine); g > 3 {
		t.Errorf("statements on one line: twice as many cost %.1f times the work", g)
	}
	unknown := func(n int) []byte {
		var b strings.Builder
		b.WriteString("title: t\noptions:\n  - id: z\n")
		for i := range n {
			fmt.Fprintf(&b, "  - id: opt%d\n", i)
		}
		b.WriteString("decision_makers:\n  - id: A\n    preferences: {statements: [opt0]}\n    options: [")
		for i := range n {
			if i > 0 {
				b.WriteString(", ")
			}
			fmt.Fprintf(&b, "opt%d", i)
		}
		b.WriteString("]\n  - {id: B, options: [z], preferences: {statements: [z]}}\nfeasibility:\n  infeasible:\n")
		for i := range n {
			fmt.Fprintf(&b, "    - \"qpt%dx and opt1\"\n", i)
		}
		return []byte(b.String())
	}
	if g := growth(t, 400, unknown); g > 3 {
		t.Errorf("unknown options: twice as many cost %.1f times the work", g)
	}
	// The hints that are shown are still computed.
	_, err := model.Parse(unknown(50), "m.yaml")
	if err == nil || !strings.Contains(err.Error(), `unknown option "qpt10x" in statement (did you mean "opt10"?)`) {
		t.Errorf("first unknown option without its hint: %v", err)
	}
}

// BenchmarkParseStatementsOnOneLine parses 40,000 infeasibility
// statements written on one line (47 s before positions were computed
// per line instead of per statement).
func BenchmarkParseStatementsOnOneLine(b *testing.B) {
	items := make([]string, 40000)
	for i := range items {
		items[i] = `"a and b"`
	}
	data := []byte(twoOptions + "feasibility: {infeasible: [" + strings.Join(items, ", ") + "]}\n")
	for b.Loop() {
		if _, err := model.Parse(data, "m.yaml"); err != nil {
			b.Fatal(err)
		}
	}
}
