package coalition_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/gmcr/gmcr/analysis"
	"github.com/gmcr/gmcr/bench"
	"github.com/gmcr/gmcr/coalition"
	"github.com/gmcr/gmcr/stability"
)

// TestCancel: on the 16-option benchmark conflict (65,536 states), a
// cancelled context stops Analyze (both CSEQ variants), Upsets with
// details, ExplainState and NewImprover with context.Canceled, whether it
// is cancelled before the call or while it runs. The bound on the time is
// generous (the machine may be loaded); a run that ignored the context
// would take far longer for the joint variant and the details.
func TestCancel(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a 65,536-state model")
	}
	r, err := analysis.Run(context.Background(), bench.Conflict(bench.DMs, 16), analysis.Options{Concepts: []stability.Concept{stability.Nash, stability.GMR}})
	if err != nil {
		t.Fatal(err)
	}
	ss, p := r.Space, r.Prefs
	a, err := coalition.Analyze(context.Background(), ss, p, coalition.Config{Concepts: []coalition.Concept{coalition.CNash, coalition.CGMR}})
	if err != nil {
		t.Fatal(err)
	}
	calls := map[string]func(ctx context.Context) error{
		"Analyze": func(ctx context.Context) error {
			_, err := coalition.Analyze(ctx, ss, p, coalition.Config{})
			return err
		},
		"Analyze joint": func(ctx context.Context) error {
			_, err := coalition.Analyze(ctx, ss, p, coalition.Config{Sanctions: coalition.Joint})
			return err
		},
		"Upsets details": func(ctx context.Context) error {
			_, err := coalition.Upsets(ctx, r.Stability, a, coalition.AllMoves)
			return err
		},
		"ExplainState": func(ctx context.Context) error {
			_, err := coalition.ExplainState(ctx, a, 0)
			return err
		},
		"NewImprover": func(ctx context.Context) error {
			_, err := coalition.NewImprover(ctx, ss, p, coalition.All(len(ss.DMs)))
			return err
		},
	}
	for name, call := range calls {
		for _, delay := range []time.Duration{0, 20 * time.Millisecond} {
			ctx, cancel := context.WithCancel(context.Background())
			if delay == 0 {
				cancel()
			} else {
				time.AfterFunc(delay, cancel)
			}
			start := time.Now()
			err := call(ctx)
			took := time.Since(start)
			cancel()
			if delay == 0 && !errors.Is(err, context.Canceled) {
				t.Errorf("%s with a cancelled context: %v", name, err)
			}
			if err != nil && !errors.Is(err, context.Canceled) {
				t.Errorf("%s: %v", name, err)
			}
			if took > 10*time.Second {
				t.Errorf("%s returned %v after cancellation", name, took)
			}
		}
	}
}
