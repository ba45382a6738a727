package analysis

import (
	"context"
	"fmt"
	"github.com/gmcr/gmcr/internal/english"
	"slices"
	"strconv"
	"strings"

	"github.com/gmcr/gmcr/internal/memlimit"
	"github.com/gmcr/gmcr/limitedmove"
	"github.com/gmcr/gmcr/reach"
)

const limitedName = "limited-move"

const limitedSource = "Kilgour (1985); Fang, Hipel & Kilgour (1989), EJOR 41, §3"

const limitedNote = "Lh, NM = limited-move stability with horizon h and non-myopic stability (" + limitedSource + "), two DMs: " +
	"a DM looks h moves ahead, the DMs alternating, and moves only if the outcome it anticipates beats staying; NM is Lh for every large enough h. " +
	"Ties between outcomes the mover ranks equally go to the smallest state number. s = the DM stays, u = it moves."

// limitedHorizon reads a canonical key: "l3" is 3, "nm" is 0.
func limitedHorizon(key string) int {
	if key == "nm" {
		return 0
	}
	h, _ := strconv.Atoi(strings.TrimPrefix(key, "l"))
	return h
}

func limitedInfo(key string) Extra {
	x := Extra{Key: key, Family: limitedName, Source: limitedSource, Note: limitedNote}
	if h := limitedHorizon(key); h > 0 {
		x.Name = "L" + strconv.Itoa(h)
		x.Meaning = fmt.Sprintf("stable for a DM when, looking %s ahead with the two DMs alternating, the DM anticipates no outcome from its moves that it prefers to staying", english.Count(h, "move"))
	} else {
		x.Name = "NM"
		x.Meaning = "stable for a DM when it is L_h stable for every large enough horizon h (non-myopic stability)"
	}
	return x
}

// checkHorizonWord returns an error when w is a limited-move word whose
// horizon is out of range: "lh" or "limited" with horizon outside
// 1..limitedmove.MaxHorizon, or "l<h>" with h above it.
func checkHorizonWord(w string, horizon int) error {
	switch w {
	case "lh", "limited":
		if err := limitedmove.CheckHorizon(horizon); err != nil {
			return fmt.Errorf("solution concept %q: %w", w, err)
		}
		return nil
	}
	if rest, ok := strings.CutPrefix(w, "l"); ok && rest != "" {
		if h, err := strconv.Atoi(rest); err == nil && (h < 1 || h > limitedmove.MaxHorizon) {
			return fmt.Errorf("solution concept %q: %w", w, limitedmove.CheckHorizon(h))
		}
	}
	return nil
}

var limitedFamily = &Family{
	Name:  limitedName,
	Words: "l1, l2, ... (limited-move stability Lh with that horizon; lh: with --horizon), nm (non-myopic; limited: lh and nm), two DMs only",
	Parse: func(w string, horizon int) []string {
		switch w {
		case "nm":
			return []string{"nm"}
		case "lh":
			if horizon < 1 {
				return nil
			}
			return []string{"l" + strconv.Itoa(horizon)}
		case "limited":
			if horizon < 1 {
				return nil
			}
			return []string{"l" + strconv.Itoa(horizon), "nm"}
		}
		if rest, ok := strings.CutPrefix(w, "l"); ok && rest != "" {
			h, err := strconv.Atoi(rest)
			if err == nil && h >= 1 && strconv.Itoa(h) == rest {
				return []string{w}
			}
		}
		return nil
	},
	Compute: func(ctx context.Context, r *Result, keys []string, opt Options) ([]*Extra, error) {
		la, err := limitedAnalysis(ctx, r, keys, opt)
		if err != nil {
			return nil, err
		}
		// Report order: L1, L2, ..., then NM.
		sorted := slices.Clone(keys)
		slices.SortFunc(sorted, func(a, b string) int {
			ha, hb := limitedHorizon(a), limitedHorizon(b)
			if ha == 0 {
				ha = int(^uint(0) >> 1)
			}
			if hb == 0 {
				hb = int(^uint(0) >> 1)
			}
			return ha - hb
		})
		var out []*Extra
		for _, k := range sorted {
			h := limitedHorizon(k)
			stable := func(dm, s int) bool { return la.Stable(h, dm, s) }
			if h == 0 {
				stable = la.StableNM
			}
			out = append(out, NewExtra(limitedInfo(k), 2, r.Space.Len(), stable, nil))
		}
		return out, nil
	},
	Explain: func(ctx context.Context, r *Result, key string, dm, s int, opt Options) (*ExtraExplanation, error) {
		la, err := limitedAnalysis(ctx, r, []string{key}, opt)
		if err != nil {
			return nil, err
		}
		h := limitedHorizon(key)
		info := limitedInfo(key)
		out := &ExtraExplanation{Concept: &info, DM: dm, State: s}
		if h == 0 {
			// NM: explain a horizon of the cycle where the DM moves, if
			// any, else the first of the cycle (at least 1).
			out.Stable = la.StableNM(dm, s)
			h = max(la.Start, 1)
			for k := max(la.Start, 1); k < la.Start+la.Period; k++ {
				if !la.Stable(k, dm, s) {
					h = k
					break
				}
			}
		} else {
			out.Stable = la.Stable(h, dm, s)
		}
		out.Horizon = h
		chosen := -1
		if seq := la.Sequence(h, dm, s); len(seq) > 0 {
			chosen = seq[0].To
		}
		lv := r.Prefs.Level[dm]
		r.Space.Moves(dm, s, func(t int) bool {
			m := ExtraMove{To: t, Kind: MoveAny, Chosen: t == chosen, End: t}
			if h > 1 {
				for _, st := range la.Sequence(h-1, 1-dm, t) {
					m.Response = append(m.Response, reach.Step{Mover: st.Mover, From: st.From, To: st.To})
				}
				m.End = la.Outcome(h-1, 1-dm, t)
			}
			m.Deters = lv[m.End] <= lv[s]
			m.Relation = r.relation(dm, m.End, s)
			out.Moves = append(out.Moves, m)
			return true
		})
		return out, nil
	},
}

// limitedAnalysis computes the anticipation tables the keys need: up to
// the largest horizon, and NM when "nm" is among them.
func limitedAnalysis(ctx context.Context, r *Result, keys []string, opt Options) (*limitedmove.Analysis, error) {
	hmax, nm := 1, false
	for _, k := range keys {
		if h := limitedHorizon(k); h == 0 {
			nm = true
		} else {
			hmax = max(hmax, h)
		}
	}
	return Limited(ctx, r, hmax, nm, opt)
}

// Limited decides limited-move stability for every horizon 1..h and, with
// nm, non-myopic stability (Kilgour 1985; Fang, Hipel & Kilgour 1989), for
// a two-DM r: limitedmove.AnalyzeWithin under opt's memory limit, as gmcr
// limited reports it. Errors (wrapped with the model's file):
// limitedmove.ErrDMs for another number of DMs, *limitedmove.MemoryError
// when the tables would exceed the limit, a horizon below 1, or ctx.
func Limited(ctx context.Context, r *Result, h int, nm bool, opt Options) (*limitedmove.Analysis, error) {
	la, err := limitedmove.AnalyzeWithin(ctx, r.Space, r.Prefs, h, nm, memlimit.Limit{Bytes: opt.MemoryLimit, Source: opt.MemorySource})
	if err != nil {
		return nil, wrap(r.Model, err)
	}
	return la, nil
}
