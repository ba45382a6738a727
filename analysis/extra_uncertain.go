package analysis

import (
	"context"
	"strings"

	"github.com/gmcr/gmcr/reach"
	"github.com/gmcr/gmcr/stability"
	"github.com/gmcr/gmcr/uncertain"
)

// uncertainSource is the paper of the sixteen definitions.
const uncertainName = "uncertain"

const uncertainSource = "Li, Hipel, Kilgour & Fang (2004), IEEE Trans. SMC-A 34(4), §III"

// uncertainNote is the family's legend.
const uncertainNote = "X(a)..X(d) = concept X under unknown preferences (" + uncertainSource + "): " +
	"in (a) and (c) the DM also considers moves to states of unknown preference, in (b) and (d) only its unilateral improvements; " +
	"in (a) and (b) a sanction must end in a state the DM knows is no better, in (c) and (d) it may end in one of unknown preference. " +
	"r = the DM has no move the extension considers."

// uncertainKey is a concept's --concepts key: "gmr-a".
func uncertainKey(c uncertain.Concept) string {
	return strings.ToLower(c.Base.String()) + "-" + c.Ext.String()
}

// uncertainMeaning states definition c of Li, Hipel, Kilgour & Fang
// (2004) as a condition, as stability.Concept.Meaning does.
func uncertainMeaning(c uncertain.Concept) string {
	moves := "its unilateral improvements"
	if c.Ext == uncertain.A || c.Ext == uncertain.C {
		moves = "its unilateral improvements and its moves to states of unknown preference"
	}
	phi := "it knows is no better than the original"
	if c.Ext == uncertain.C || c.Ext == uncertain.D {
		phi = "it does not know to be better than the original (no better, or of unknown preference)"
	}
	switch c.Base {
	case stability.Nash:
		return "stable for a DM when it has no move the extension considers (" + moves + ")"
	case stability.GMR:
		return "stable for a DM when every move it considers (" + moves + ") can be answered by some legal sequence of the other DMs' moves ending in a state " + phi
	case stability.SMR:
		return "stable for a DM when every move it considers (" + moves + ") can be answered by some legal sequence of the other DMs' moves ending in a state " + phi +
			", from which every move of the DM's own also ends in such a state"
	}
	return "stable for a DM when every move it considers (" + moves + ") can be answered by some legal sequence of the other DMs' unilateral improvements or moves to states of unknown preference for them, ending in a state " + phi
}

func uncertainInfo(c uncertain.Concept) Extra {
	return Extra{Name: c.String(), Key: uncertainKey(c), Family: uncertainName,
		Meaning: uncertainMeaning(c), Source: uncertainSource, Note: uncertainNote}
}

var uncertainFamily = &Family{
	Name:  uncertainName,
	Words: "gmr-a .. seq-d (Nash, GMR, SMR, SEQ in extension a-d under unknown preferences; uncertain: all sixteen)",
	Parse: func(w string, _ int) []string {
		if w == "uncertain" || w == "unknown" {
			var out []string
			for _, c := range uncertain.Concepts {
				out = append(out, uncertainKey(c))
			}
			return out
		}
		c, err := uncertain.ParseConcept(w)
		if err != nil {
			return nil
		}
		return []string{uncertainKey(c)}
	},
	Implied: func(r *Result) []string {
		if r.Model == nil || !r.Model.HasUnknown() {
			return nil
		}
		var out []string
		for _, c := range uncertain.Concepts {
			out = append(out, uncertainKey(c))
		}
		return out
	},
	Compute: func(ctx context.Context, r *Result, keys []string, opt Options) ([]*Extra, error) {
		ua, err := Uncertain(ctx, r, opt)
		if err != nil {
			return nil, err
		}
		var out []*Extra
		for _, c := range uncertain.Concepts {
			for _, k := range keys {
				if k == uncertainKey(c) {
					nash := uncertain.Concept{Base: stability.Nash, Ext: c.Ext}
					out = append(out, NewExtra(uncertainInfo(c), len(r.Space.DMs), r.Space.Len(),
						func(dm, s int) bool { return ua.Stable(c, dm, s) },
						func(dm, s int) bool { return ua.Stable(nash, dm, s) }))
				}
			}
		}
		return out, nil
	},
	Explain: func(ctx context.Context, r *Result, key string, dm, s int, opt Options) (*ExtraExplanation, error) {
		c, err := uncertain.ParseConcept(key)
		if err != nil {
			return nil, err
		}
		rel, err := uncertain.NewRelation(r.Space, r.Prefs)
		if err != nil {
			return nil, err
		}
		ex, err := uncertain.Explain(rel, c, dm, s)
		if err != nil {
			return nil, err
		}
		info := uncertainInfo(c)
		out := &ExtraExplanation{Concept: &info, DM: dm, State: s, Stable: ex.Stable}
		for _, m := range ex.Moves {
			xm := ExtraMove{To: m.Move, Kind: MoveImprovement, End: m.End, Deters: m.End >= 0}
			if m.Unknown {
				xm.Kind = MoveUnknown
			}
			for _, st := range m.Sequence {
				xm.Response = append(xm.Response, reach.Step{Mover: st.Mover, From: st.From, To: st.To})
			}
			if m.End >= 0 {
				xm.Relation = rel.Compare(dm, m.End, s)
			}
			out.Moves = append(out.Moves, xm)
		}
		return out, nil
	},
}

// Uncertain decides the sixteen definitions of Li, Hipel, Kilgour & Fang
// (2004) for r: uncertain.Analyze on r's states and preferences, with
// r.Stability when it holds Nash, GMR, SMR and SEQ (else they are decided
// first). It is what gmcr uncertain reports; Run's extra concepts
// (Result.Extra) carry the same stability per concept. Errors: a
// relation that cannot be built (wrapped with the model's file), or ctx.
func Uncertain(ctx context.Context, r *Result, opt Options) (*uncertain.Analysis, error) {
	rel, err := uncertain.NewRelation(r.Space, r.Prefs)
	if err != nil {
		return nil, wrap(r.Model, err)
	}
	base, err := baseFour(ctx, r, opt)
	if err != nil {
		return nil, err
	}
	ua, err := uncertain.Analyze(ctx, rel, base)
	if err != nil {
		return nil, wrap(r.Model, err)
	}
	return ua, nil
}

// ExplainUncertain explains state s (0-based) under the unknown-preference
// definition c for each DM of dms, in order, with the relation the
// explanations refer to (what gmcr uncertain --state reports). r needs its
// states and preferences (Prepare's result suffices).
func ExplainUncertain(r *Result, c uncertain.Concept, dms []int, s int) (*uncertain.Relation, []*uncertain.Explanation, error) {
	rel, err := uncertain.NewRelation(r.Space, r.Prefs)
	if err != nil {
		return nil, nil, wrap(r.Model, err)
	}
	var out []*uncertain.Explanation
	for _, i := range dms {
		ex, err := uncertain.Explain(rel, c, i, s)
		if err != nil {
			return nil, nil, err
		}
		out = append(out, ex)
	}
	return rel, out, nil
}

// baseFour returns r.Stability when it holds Nash, GMR, SMR and SEQ, else
// an analysis of those four: what the extensions under unknown and strong
// preferences refine.
func baseFour(ctx context.Context, r *Result, opt Options) (*stability.Analysis, error) {
	four := []stability.Concept{stability.Nash, stability.GMR, stability.SMR, stability.SEQ}
	for _, c := range four {
		if r.Stability == nil || !r.Stability.Has(c) {
			a, err := stability.Analyze(ctx, r.Space, r.Prefs, stability.Config{Concepts: four, Workers: opt.Workers})
			if err != nil {
				return nil, wrap(r.Model, err)
			}
			return a, nil
		}
	}
	return r.Stability, nil
}
