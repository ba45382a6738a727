package analysis

import (
	"context"
	"slices"
	"strings"

	"github.com/gmcr/gmcr/reach"
	"github.com/gmcr/gmcr/stability"
	"github.com/gmcr/gmcr/strength"
	"github.com/gmcr/gmcr/uncertain"
)

const strengthName = "strength"

const strengthSource = "Hamouda, Kilgour & Hipel (2004), Group Decision and Negotiation 13(5); hybrid: Xu, Hipel, Kilgour & Chen (2010)"

const strengthNote = "sGMR, sSMR, sSEQ = GMR, SMR and SEQ with strength of preference (" + strengthSource + "): " +
	"S = strongly stable (every move the DM considers can be sanctioned into a state it finds strongly worse), W = weakly stable (stable, but some move only into a mildly worse or equally good state), u = unstable. " +
	"A strong equilibrium is strongly stable for every DM, a weak one stable for every DM and weakly for some; the equilibria lists give both. " +
	"With unknown comparisons (hybrid preferences) each comes in the extensions (a)-(d) of the unknown-preference concepts, and in (c) and (d) a sanction ending in a state of unknown preference counts as strong."

// strengthBases are the concepts strength of preference refines (Nash
// stability does not change).
var strengthBases = []stability.Concept{stability.GMR, stability.SMR, stability.SEQ}

// strengthKey is a key: "sgmr" (plain: extension (a) without unknown
// comparisons, all four with them) or "sgmr-a".
func strengthKey(b stability.Concept, ext string) string {
	k := "s" + strings.ToLower(b.String())
	if ext != "" {
		k += "-" + ext
	}
	return k
}

// parseStrengthKey reads a key of strengthKey; ext is "" for a plain one.
func parseStrengthKey(key string) (b stability.Concept, ext string, ok bool) {
	rest, found := strings.CutPrefix(key, "s")
	if !found {
		return 0, "", false
	}
	base, e, _ := strings.Cut(rest, "-")
	for _, c := range strengthBases {
		if strings.ToLower(c.String()) == base {
			switch e {
			case "", "a", "b", "c", "d":
				return c, e, true
			}
		}
	}
	return 0, "", false
}

func strengthConcept(b stability.Concept, ext string) uncertain.Concept {
	c := uncertain.Concept{Base: b, Ext: uncertain.A}
	if ext != "" {
		c.Ext = uncertain.Extension(ext[0] - 'a')
	}
	return c
}

func strengthInfo(b stability.Concept, ext string) Extra {
	name := "s" + b.String()
	if ext != "" {
		name += "(" + ext + ")"
	}
	meaning := "strongly stable for a DM when every move it considers can be answered by a " + b.String() +
		" sanction ending in a state it finds strongly worse than the original; weakly stable when it is " + b.String() +
		" stable (as for " + b.String() + " under unknown preferences"
	if ext != "" {
		meaning += ", extension (" + ext + ")"
	}
	meaning += ") but not strongly"
	return Extra{Name: name, Key: strengthKey(b, ext), Family: strengthName, Meaning: meaning, Source: strengthSource, Note: strengthNote}
}

// strengthStated reports whether the model states strength of
// preference: a strong statement or a ">>" cut in a ranking.
func strengthStated(r *Result) bool {
	if r.Model == nil {
		return false
	}
	for _, d := range r.Model.DMs {
		if len(d.Prefs.Cuts) > 0 {
			return true
		}
		for _, st := range d.Prefs.Statements {
			if st.Strong {
				return true
			}
		}
	}
	return false
}

var strengthFamily = &Family{
	Name:  strengthName,
	Words: "sgmr, ssmr, sseq (strong and weak stability under strength of preference; sgmr-a .. sseq-d: in an extension under unknown preferences; strong: all three)",
	Parse: func(w string, _ int) []string {
		if w == "strong" || w == "strength" {
			var out []string
			for _, b := range strengthBases {
				out = append(out, strengthKey(b, ""))
			}
			return out
		}
		w = strings.NewReplacer("(", "-", ")", "").Replace(w)
		if _, _, ok := parseStrengthKey(w); ok {
			return []string{w}
		}
		return nil
	},
	Implied: func(r *Result) []string {
		if !strengthStated(r) {
			return nil
		}
		var out []string
		for _, b := range strengthBases {
			out = append(out, strengthKey(b, ""))
		}
		return out
	},
	Expand: func(r *Result, key string) []string {
		b, ext, ok := parseStrengthKey(key)
		if !ok || ext != "" || r.Model == nil || !r.Model.HasUnknown() {
			return []string{key}
		}
		var out []string
		for _, e := range []string{"a", "b", "c", "d"} {
			out = append(out, strengthKey(b, e))
		}
		return out
	},
	Compute: func(ctx context.Context, r *Result, keys []string, opt Options) ([]*Extra, error) {
		sa, err := Strength(ctx, r, opt)
		if err != nil {
			return nil, err
		}
		return strengthExtras(r, sa, keys), nil
	},
	Explain: func(ctx context.Context, r *Result, key string, dm, s int, opt Options) (*ExtraExplanation, error) {
		b, ext, _ := parseStrengthKey(key)
		if ext == "" && r.Model != nil && r.Model.HasUnknown() {
			ext = "a"
		}
		c := strengthConcept(b, ext)
		rel, err := strength.NewRelation(r.Space, r.Prefs)
		if err != nil {
			return nil, wrap(r.Model, err)
		}
		ex, err := strength.Explain(ctx, rel, c, dm, s)
		if err != nil {
			return nil, err
		}
		info := strengthInfo(b, ext)
		out := &ExtraExplanation{Concept: &info, DM: dm, State: s, Stable: ex.Stable}
		if ex.Stable {
			out.Strength = "weak"
			if ex.Strong {
				out.Strength = "strong"
			}
		}
		for _, w := range ex.Moves {
			xm := ExtraMove{To: w.Move, Kind: MoveImprovement, End: w.End, Deters: w.End >= 0}
			if w.Unknown {
				xm.Kind = MoveUnknown
			}
			for _, st := range w.Sequence {
				xm.Response = append(xm.Response, reach.Step{Mover: st.Mover, From: st.From, To: st.To})
			}
			if w.End >= 0 {
				xm.Relation = rel.Compare(dm, w.End, s)
			}
			out.Moves = append(out.Moves, xm)
		}
		return out, nil
	},
}

// strengthExtras builds the concepts keys names from sa: by base, then
// extension; a plain key of a hybrid model stands for the four
// extensions.
func strengthExtras(r *Result, sa *strength.Analysis, keys []string) []*Extra {
	hybrid := r.Model != nil && r.Model.HasUnknown()
	var out []*Extra
	var done []string
	for _, b := range strengthBases {
		for _, ext := range []string{"", "a", "b", "c", "d"} {
			want := false
			for _, k := range keys {
				kb, ke, _ := parseStrengthKey(k)
				if kb != b {
					continue
				}
				if ke == ext && (ext != "" || !hybrid) || ke == "" && hybrid && ext != "" {
					want = true
				}
			}
			name := strengthKey(b, ext)
			if !want || slices.Contains(done, name) {
				continue
			}
			done = append(done, name)
			c := strengthConcept(b, ext)
			x := NewExtra(strengthInfo(b, ext), len(r.Space.DMs), r.Space.Len(),
				func(dm, s int) bool { return sa.Stable(c, dm, s) }, nil)
			out = append(out, x.WithStrength(r.Space.Len(), func(dm, s int) bool { return sa.Strong(c, dm, s) }))
		}
	}
	return out
}

// StrengthExtras returns the extra concepts sGMR, sSMR and sSEQ (with
// unknown comparisons sGMR(a) .. sSEQ(d)) as Run adds them for a model
// that states strength (Options.Implied), built from sa, the result of
// Strength for r: what a caller that deferred the strength family
// (Options.Defer) and already holds gmcr strength's analysis uses instead
// of deciding it again. nil when the model states no strength.
func StrengthExtras(r *Result, sa *strength.Analysis) []*Extra {
	keys := strengthFamily.Implied(r)
	if len(keys) == 0 {
		return nil
	}
	return strengthExtras(r, sa, keys)
}

// Strength decides strong and weak stability under GMR, SMR and SEQ for
// r (Hamouda, Kilgour & Hipel 2004; with unknown comparisons, the hybrid
// extensions (a)-(d) of Xu, Hipel, Kilgour & Chen 2010): strength.Analyze
// on r's states and preferences, with r.Stability when it holds Nash,
// GMR, SMR and SEQ (else they are decided first). It is what gmcr strength
// reports; Run's extra concepts sGMR, sSMR and sSEQ carry the same marks.
// Errors: a relation that cannot be built (wrapped with the model's
// file), or ctx.
func Strength(ctx context.Context, r *Result, opt Options) (*strength.Analysis, error) {
	rel, err := strength.NewRelation(r.Space, r.Prefs)
	if err != nil {
		return nil, wrap(r.Model, err)
	}
	base, err := baseFour(ctx, r, opt)
	if err != nil {
		return nil, err
	}
	sa, err := strength.Analyze(ctx, rel, base)
	if err != nil {
		return nil, wrap(r.Model, err)
	}
	return sa, nil
}

// ExplainStrength explains state s (0-based) under strength of preference
// and definition c (extension (a) without unknown comparisons, where the
// four are equal) for each DM of dms, in order: each move with its best
// sanction and whether that ends strongly or mildly worse for the DM (what
// gmcr strength --state reports), with the relation the explanations
// refer to. r needs its states and preferences (Prepare's result
// suffices).
func ExplainStrength(ctx context.Context, r *Result, c uncertain.Concept, dms []int, s int) (*strength.Relation, []*strength.Explanation, error) {
	rel, err := strength.NewRelation(r.Space, r.Prefs)
	if err != nil {
		return nil, nil, wrap(r.Model, err)
	}
	var out []*strength.Explanation
	for _, i := range dms {
		ex, err := strength.Explain(ctx, rel, c, i, s)
		if err != nil {
			return nil, nil, err
		}
		out = append(out, ex)
	}
	return rel, out, nil
}

// StrengthEvolution is the status quo analysis under strength of
// preference from state start (0-based): one strength.Evolution per move
// kind of strength.MoveKinds (strong improvements only; improvements;
// improvements or moves of unknown preference), as gmcr strength --from
// reports it.
func StrengthEvolution(r *Result, start int) ([]*strength.Evolution, error) {
	rel, err := strength.NewRelation(r.Space, r.Prefs)
	if err != nil {
		return nil, wrap(r.Model, err)
	}
	var out []*strength.Evolution
	for _, k := range strength.MoveKinds {
		ev, err := strength.Evolve(rel, start, k)
		if err != nil {
			return nil, err
		}
		out = append(out, ev)
	}
	return out, nil
}

// StrengthBytesPerStateDM estimates the memory Strength's result holds
// per feasible state and DM, from its layout: 32 bitsets (stable and
// strongly stable under 16 definitions, 4 bytes), the tiers (4), the
// relation's statement truths (8) and unknown-group lists (24 and more),
// rounded up. Servers that keep the analysis count it against their
// memory limit; it is not a measured peak.
const StrengthBytesPerStateDM = 64
