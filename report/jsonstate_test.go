package report

import (
	"bytes"
	"context"
	"testing"

	"github.com/gmcr/gmcr/analysis"
	"github.com/gmcr/gmcr/examples"
	"github.com/gmcr/gmcr/generate"
	"github.com/gmcr/gmcr/model"
	"github.com/gmcr/gmcr/stability"
)

// TestStateEncoderMatchesEncode checks that the direct state encoder
// writes, for every state, the bytes encode(stateJSON(v, s)) writes: on
// every bundled example (graph form, misperceptions, status quo) with all
// concepts and with a subset, and on the states document (no analysis).
func TestStateEncoderMatchesEncode(t *testing.T) {
	var models []*model.Model
	for _, ex := range examples.All() {
		m, err := model.Parse(ex.Data, ex.Name+".yaml")
		if err != nil {
			t.Fatalf("%s: %v", ex.Name, err)
		}
		models = append(models, m)
	}
	for seed := range int64(5) {
		m, err := generate.Conflict(generate.DefaultParams(3, 7, seed+1))
		if err != nil {
			t.Fatal(err)
		}
		models = append(models, m)
	}
	for _, m := range models {
		// The third adds strength columns (strongly_stable).
		for _, opt := range []analysis.Options{{}, {Concepts: []stability.Concept{stability.GMR, stability.SIM}}, {Extra: []string{"sgmr", "sseq-c"}}} {
			r, err := analysis.Run(context.Background(), m, opt)
			if err != nil {
				t.Fatalf("%s: %v", m.Title, err)
			}
			for _, needStability := range []bool{true, false} {
				v, err := newView(r, needStability)
				if err != nil {
					t.Fatal(err)
				}
				if !needStability {
					v.a = nil
				}
				e, err := newStateEncoder(v)
				if err != nil || e == nil {
					t.Fatalf("%s: encoder %v, %v", m.Title, e, err)
				}
				for s := 0; s < v.ss.Len(); s++ {
					want, err := encode(stateJSON(v, s), "", false)
					if err != nil {
						t.Fatal(err)
					}
					got, err := e.appendState(nil, s)
					if err != nil {
						t.Fatal(err)
					}
					if !bytes.Equal(got, want) {
						t.Fatalf("%s state %d:\n got %s\nwant %s", m.Title, s, got, want)
					}
				}
			}
		}
	}
}

func TestAppendString(t *testing.T) {
	for _, s := range []string{"", "plain id", `q"uote`, `back\slash`, "tab\there", "<&>", "é", "\x7f"} {
		want, _ := encode(s, "", false)
		got, err := appendString(nil, s)
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("appendString(%q) = %s, %v; want %s", s, got, err, want)
		}
	}
}
