package analysis_test

import (
	"context"
	"errors"
	"slices"
	"testing"

	"github.com/gmcr/gmcr/analysis"
	"github.com/gmcr/gmcr/internal/testmodel"
	"github.com/gmcr/gmcr/limitedmove"
	"github.com/gmcr/gmcr/stability"
	"github.com/gmcr/gmcr/strength"
	"github.com/gmcr/gmcr/uncertain"
)

// The entry points for front ends (the workbench's server) give the same
// stability as Run's extra concepts, and the values of
// examples/EXPECTED.md.
func TestStrengthEntryPoints(t *testing.T) {
	ctx := context.Background()
	r := runSpec(t, testmodel.Example(t, "prisoners-dilemma-strength"), "all")
	sa, err := analysis.Strength(ctx, r, analysis.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, x := range r.Extra {
		c := uncertain.Concept{Ext: uncertain.A}
		switch x.Name {
		case "sGMR":
			c.Base = stability.GMR
		case "sSMR":
			c.Base = stability.SMR
		case "sSEQ":
			c.Base = stability.SEQ
		default:
			continue
		}
		strong, weak := sa.Equilibria(c)
		if !slices.Equal(strong, x.StrongEquilibria()) || !slices.Equal(weak, x.WeakEquilibria()) || !slices.Equal(strong, []int{3}) || !slices.Equal(weak, []int{0}) {
			t.Errorf("%s: Strength strong %v weak %v; extra strong %v weak %v; want strong [3] weak [0]", x.Name, strong, weak, x.StrongEquilibria(), x.WeakEquilibria())
		}
	}
	// State 1 (0-based 0) under SMR: P1's move is sanctioned mildly, P2's
	// strongly.
	_, exs, err := analysis.ExplainStrength(ctx, r, uncertain.Concept{Base: stability.SMR, Ext: uncertain.A}, []int{0, 1}, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(exs) != 2 || !exs[0].Stable || exs[0].Strong || !exs[1].Stable || !exs[1].Strong || exs[0].DM != 0 || exs[1].DM != 1 {
		t.Errorf("explanations: %+v, %+v", exs[0], exs[1])
	}
	// From state 1: state 4 by improvements in 2 steps, not by strong
	// improvements; state 2 by a strong one in 1.
	runs, err := analysis.StrengthEvolution(r, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(runs) != len(strength.MoveKinds) || runs[0].Kind != strength.StrongMoves || runs[0].Dist(3) != -1 || runs[0].Dist(1) != 1 || runs[1].Dist(3) != 2 {
		t.Errorf("status quo analysis: %d runs; strong to 4: %d, to 2: %d; improvements to 4: %d", len(runs), runs[0].Dist(3), runs[0].Dist(1), runs[1].Dist(3))
	}
	if _, err := analysis.StrengthEvolution(r, 9); err == nil {
		t.Error("state 10 of 4: no error")
	}
}

func TestUncertainEntryPoints(t *testing.T) {
	ctx := context.Background()
	m := testmodel.Example(t, "prisoners-dilemma-unknown")
	// Prepare's result suffices: Uncertain decides the four concepts
	// the extensions refine itself.
	r, err := analysis.Prepare(ctx, m, analysis.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ua, err := analysis.Uncertain(ctx, r, analysis.Options{})
	if err != nil {
		t.Fatal(err)
	}
	all := runSpec(t, m, "all")
	for _, x := range all.Extra {
		if x.Family != "uncertain" {
			continue
		}
		c, err := uncertain.ParseConcept(x.Key)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(ua.Equilibria(c), x.Equilibria()) {
			t.Errorf("%s: Uncertain %v, extra %v", x.Name, ua.Equilibria(c), x.Equilibria())
		}
	}
	gmrC := uncertain.Concept{Base: stability.GMR, Ext: uncertain.C}
	if !slices.Equal(ua.Equilibria(gmrC), []int{0, 3}) {
		t.Errorf("GMR(c) %v, want [0 3]", ua.Equilibria(gmrC))
	}
	_, exs, err := analysis.ExplainUncertain(r, gmrC, []int{0}, 0)
	if err != nil || len(exs) != 1 || !exs[0].Stable {
		t.Errorf("GMR(c) of state 1 for P1: %v %+v", err, exs)
	}
	_, exs, err = analysis.ExplainUncertain(r, uncertain.Concept{Base: stability.GMR, Ext: uncertain.A}, []int{0}, 0)
	if err != nil || len(exs) != 1 || exs[0].Stable {
		t.Errorf("GMR(a) of state 1 for P1: %v %+v", err, exs)
	}
}

func TestLimitedEntryPoint(t *testing.T) {
	ctx := context.Background()
	r, err := analysis.Prepare(ctx, testmodel.Example(t, "prisoners-dilemma"), analysis.Options{})
	if err != nil {
		t.Fatal(err)
	}
	la, err := analysis.Limited(ctx, r, 2, true, analysis.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(la.Equilibria(2), []int{0, 3}) || !slices.Equal(la.Equilibria(0), []int{0, 3}) {
		t.Errorf("L2 %v, NM %v; want [0 3] for both", la.Equilibria(2), la.Equilibria(0))
	}
	three, err := analysis.Prepare(ctx, testmodel.Example(t, "elmira"), analysis.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := analysis.Limited(ctx, three, 2, false, analysis.Options{}); !errors.Is(err, limitedmove.ErrDMs) {
		t.Errorf("three DMs: %v", err)
	}
	var me *limitedmove.MemoryError
	if _, err := analysis.Limited(ctx, r, 50, true, analysis.Options{MemoryLimit: 10}); !errors.As(err, &me) {
		t.Errorf("tiny memory limit: %v", err)
	}
}

// Implied on a model that calls for no extra concept keeps the estimate of
// the concepts asked for: a Nash-only analysis that fits is not refused
// as if a full one were run.
func TestImpliedKeepsEstimate(t *testing.T) {
	m := testmodel.Example(t, "prisoners-dilemma")
	nash := []stability.Concept{stability.Nash}
	var limit int64
	for limit = 64; limit < 1<<20; limit *= 2 {
		if _, err := analysis.Run(context.Background(), m, analysis.Options{Concepts: nash, MemoryLimit: limit}); err == nil {
			break
		}
	}
	if _, err := analysis.Run(context.Background(), m, analysis.Options{Concepts: nash, MemoryLimit: limit, Implied: true}); err != nil {
		t.Errorf("Nash with Implied under the Nash-only limit %d: %v", limit, err)
	}
	var me *analysis.MemoryError
	if _, err := analysis.Run(context.Background(), m, analysis.Options{MemoryLimit: limit}); !errors.As(err, &me) {
		t.Fatalf("the full analysis fits in %d bytes too, so the test tells nothing: %v", limit, err)
	}
	if _, err := analysis.Run(context.Background(), testmodel.Example(t, "prisoners-dilemma-unknown"), analysis.Options{Concepts: nash, MemoryLimit: limit, Implied: true}); !errors.As(err, &me) {
		t.Errorf("a model with unknowns, Implied: the extensions need the full analysis, yet %d bytes were accepted: %v", limit, err)
	}
}
