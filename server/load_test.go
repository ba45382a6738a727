package server

import (
	"context"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/gmcr/gmcr/analysis"
	"github.com/gmcr/gmcr/model"
	"github.com/gmcr/gmcr/scenario"
	"github.com/gmcr/gmcr/stability"
	"github.com/gmcr/gmcr/statespace"
)

// TestLoad is a bounded load test over loopback: many pages editing and
// analysing at once (each edit a different model: the flagship example's
// scenarios, and retitled copies), with every answer checked against the
// library run directly, and the server's memory and cache checked to stay
// bounded.
func TestLoad(t *testing.T) {
	workers, rounds := 12, 12
	if testing.Short() {
		workers, rounds = 4, 4
	}
	s, ts := newTest(t, Config{MaxAnalyses: 2, CacheEntries: 6})
	src := exampleSource(t, "ukraine-security")
	m, err := model.Parse([]byte(src), "ukraine-security.yaml")
	if err != nil {
		t.Fatal(err)
	}
	// The expected SEQ equilibria of every variant, from the library.
	ids := append([]string{""}, scenario.IDs(m)...)
	want := map[string][]int{}
	for _, id := range ids {
		sm := m
		if id != "" {
			if sm, err = scenario.Apply(m, id); err != nil {
				t.Fatal(err)
			}
		}
		r, err := analysis.Run(context.Background(), sm, analysis.Options{})
		if err != nil {
			t.Fatal(err)
		}
		for _, st := range r.Stability.Equilibria(stability.SEQ) {
			want[id] = append(want[id], statespace.Number(st))
		}
	}
	var before runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)

	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			session := fmt.Sprintf("page%d", w)
			for k := range rounds {
				id := ids[(w+k)%len(ids)]
				// A retitled copy is a new text: a new analysis, as a
				// user's edit would cause.
				text := strings.Replace(src, "title: ", fmt.Sprintf("title: v%d-%d ", w, k%3), 1)
				in := Input{Source: text, Scenario: id, Session: session}
				var tb Tableau
				code := call(t, ts, "POST", "/api/tableau", TableauRequest{Input: in, Filter: Filter{Equilibrium: "SEQ"}, Limit: 1000}, &tb)
				if code != 200 {
					t.Errorf("worker %d round %d: tableau %d", w, k, code)
					return
				}
				var got []int
				for _, r := range tb.Rows {
					got = append(got, r.Number)
				}
				if !slices.Equal(got, want[id]) {
					t.Errorf("scenario %q: SEQ %v, want %v", id, got, want[id])
				}
				if len(got) > 0 {
					var d Document
					if code := call(t, ts, "POST", "/api/explain", ExplainRequest{Input: in, State: StateRef(fmt.Sprint(got[0])), Concept: "SEQ"}, &d); code != 200 || !strings.Contains(d.Text, "is stable for") {
						t.Errorf("explain: %d %.200s", code, d.Text)
					}
				}
			}
		}()
	}
	wg.Wait()

	s.engine.mu.Lock()
	entries := len(s.engine.entries)
	s.engine.mu.Unlock()
	if entries > 6 {
		t.Errorf("%d analyses cached, limit 6", entries)
	}
	var after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&after)
	grown := int64(after.HeapInuse) - int64(before.HeapInuse)
	t.Logf("%d requests by %d pages; heap in use grew by %.1f MiB", 2*workers*rounds, workers, float64(grown)/(1<<20))
	// Six cached analyses of a 288-state model take well under a MiB
	// each; 64 MiB would mean the server keeps what it should drop.
	if grown > 64<<20 {
		t.Errorf("heap in use grew by %d bytes", grown)
	}
}
