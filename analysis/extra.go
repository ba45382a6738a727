package analysis

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/gmcr/gmcr/internal/bitset"
	"github.com/gmcr/gmcr/reach"
	"github.com/gmcr/gmcr/stability"
)

// Extra is one solution concept beyond the five of package stability,
// decided by a package of its own (uncertain, limitedmove, ...) and
// reported beside them: a column of the tableau, a key of the JSON and
// CSV outputs, its equilibria and its explanations. Run fills
// Result.Extra with the extra concepts Options.Extra names (and, with
// Options.Implied, those the model calls for), in report order.
type Extra struct {
	Name    string // as reports print it: "GMR(a)", "L3", "NM"
	Key     string // as --concepts reads it: "gmr-a", "l3", "nm"
	Family  string // the family's name (Family.Name): "uncertain", "limited-move"
	Meaning string // a condition, as stability.Concept.Meaning: "stable for a DM when ..."
	Source  string // paper and section
	// Note is the family's legend: one text shared by its concepts, which
	// reports print once.
	Note string
	// stable[dm] and rational[dm] (nil: not told) mark the states stable
	// for the DM, and those where it has no move the concept considers
	// (the tableau's "r").
	stable, rational []bitset.Set
	eq               []int
	// strong[dm] (nil: the family does not tell) marks the states
	// strongly stable for the DM (strength of preference); strongEq are
	// the states strongly stable for every DM.
	strong   []bitset.Set
	strongEq []int
}

// WithStrength records, for a concept of strength of preference, which
// stable states are strongly stable: strong(dm, s) is asked for every DM
// and every state (of the n) stable for it. It returns x.
func (x *Extra) WithStrength(n int, strong func(dm, s int) bool) *Extra {
	dms := len(x.stable)
	x.strong = make([]bitset.Set, dms)
	for i := range dms {
		x.strong[i] = bitset.New(n)
		for s := 0; s < n; s++ {
			if x.stable[i].Has(s) && strong(i, s) {
				x.strong[i].Add(s)
			}
		}
	}
	x.strongEq = nil
	for _, s := range x.eq {
		all := true
		for i := 0; i < dms && all; i++ {
			all = x.strong[i].Has(s)
		}
		if all {
			x.strongEq = append(x.strongEq, s)
		}
	}
	return x
}

// HasStrength reports whether x tells strong from weak stability.
func (x *Extra) HasStrength() bool { return x.strong != nil }

// Strong reports whether state s is strongly stable for DM dm under x;
// false when x does not tell (HasStrength).
func (x *Extra) Strong(dm, s int) bool { return x.strong != nil && x.strong[dm].Has(s) }

// StrongEquilibria returns the equilibria (0-based, ascending) strongly
// stable for every DM; nil when x does not tell strength.
func (x *Extra) StrongEquilibria() []int { return x.strongEq }

// WeakEquilibria returns the equilibria (0-based, ascending) weakly
// stable for some DM; nil when x does not tell strength.
func (x *Extra) WeakEquilibria() []int {
	if x.strong == nil {
		return nil
	}
	// strongEq is a subsequence of eq (both ascending): one merge, not a
	// search per equilibrium (a 16-option conflict has tens of thousands).
	var out []int
	j := 0
	for _, s := range x.eq {
		if j < len(x.strongEq) && x.strongEq[j] == s {
			j++
			continue
		}
		out = append(out, s)
	}
	return out
}

// NewExtra returns the extra concept described by info (its Name, Key,
// Family, Meaning, Source and Note) for the n states and dms DMs of a
// result, deciding stable(dm, s) and, when rational is not nil,
// rational(dm, s) once for every DM and state. Families call it from
// their Compute.
func NewExtra(info Extra, dms, n int, stable, rational func(dm, s int) bool) *Extra {
	x := info
	x.stable = make([]bitset.Set, dms)
	if rational != nil {
		x.rational = make([]bitset.Set, dms)
	}
	for i := 0; i < dms; i++ {
		x.stable[i] = bitset.New(n)
		if rational != nil {
			x.rational[i] = bitset.New(n)
		}
		for s := 0; s < n; s++ {
			if stable(i, s) {
				x.stable[i].Add(s)
				if rational != nil && rational(i, s) {
					x.rational[i].Add(s)
				}
			}
		}
	}
	for s := 0; s < n; s++ {
		all := true
		for i := 0; i < dms && all; i++ {
			all = x.stable[i].Has(s)
		}
		if all {
			x.eq = append(x.eq, s)
		}
	}
	return &x
}

// Stable reports whether state s is stable for DM dm under x.
func (x *Extra) Stable(dm, s int) bool { return x.stable != nil && x.stable[dm].Has(s) }

// Rational reports whether DM dm, stable at s under x, has no move there
// that x considers; false when the family does not tell.
func (x *Extra) Rational(dm, s int) bool { return x.rational != nil && x.rational[dm].Has(s) }

// HasRational reports whether the family tells Rational.
func (x *Extra) HasRational() bool { return x.rational != nil }

// Equilibria returns the states (0-based, ascending) stable for every DM
// under x.
func (x *Extra) Equilibria() []int { return x.eq }

// ExtraExplanation explains the stability of one state for one DM under
// an extra concept: every move of the DM the concept considers, each with
// the other DMs' response (a sanction, or the sequence the DM
// anticipates) and whether it deters the move.
type ExtraExplanation struct {
	Concept *Extra // Name, Meaning, Source and Note; it holds no stability
	DM      int
	State   int
	Stable  bool
	// Strength is "strong" or "weak" for a stable state under a concept
	// of strength of preference, else "".
	Strength string
	// Horizon is the horizon explained for limited-move concepts (for NM
	// one of the cycle the anticipation functions enter), else 0.
	Horizon int
	Moves   []ExtraMove
}

// ExtraMove is one move of the explained DM from the state, with the
// response to it.
type ExtraMove struct {
	To int
	// Kind says what the move is for the DM: MoveImprovement,
	// MoveUnknown or MoveAny.
	Kind string
	// Response is the other DMs' sequence of moves from To: a sanction,
	// or the anticipated continuation; empty when they need not move.
	Response []reach.Step
	// End is where Response ends (To itself when it is empty), or -1
	// when no response deters the move.
	End int
	// Deters reports that the response deters the move.
	Deters bool
	// Relation is the DM's comparison of End with the explained state:
	// ">" (prefers End), "<", "~" (indifferent), "U" (unknown); families
	// may add their own (see the report package's wording).
	Relation string
	// Chosen marks the move the DM would take (limited-move concepts).
	Chosen bool
}

// The kinds of ExtraMove.
const (
	MoveImprovement = "improvement" // a unilateral improvement
	MoveUnknown     = "unknown"     // a move to a state of unknown preference
	MoveAny         = "move"        // any unilateral move (limited-move stability)
)

// Family is a group of extra concepts decided by one package. Each
// family lives in a file of its own (extra_<name>.go) and is listed in
// families; Run and Explain dispatch to it by the keys it parses.
type Family struct {
	Name string
	// Words describes the --concepts words the family reads, for help
	// text and error messages.
	Words string
	// Parse returns the canonical keys that word (lower case, trimmed)
	// names, nil if it is not the family's; horizon is --horizon.
	Parse func(word string, horizon int) []string
	// Implied returns the keys "all" adds for a model (nil: none).
	Implied func(r *Result) []string
	// Expand returns the keys that key stands for on the model of r (nil
	// Expand: key alone); explanations use it.
	Expand func(r *Result, key string) []string
	// Compute decides the concepts keys names (canonical, without
	// repeats) for r, whose Stability is set; it returns them in the
	// family's report order.
	Compute func(ctx context.Context, r *Result, keys []string, opt Options) ([]*Extra, error)
	// Explain explains state s for DM dm under the concept key.
	Explain func(ctx context.Context, r *Result, key string, dm, s int, opt Options) (*ExtraExplanation, error)
}

// families lists the families in report order.
var families = []*Family{uncertainFamily, limitedFamily, strengthFamily}

// Families returns the registered families in report order.
func Families() []*Family { return slices.Clone(families) }

// Selection is what a --concepts value selects.
type Selection struct {
	Standard []stability.Concept // the standard concepts named, in report order (possibly none)
	Extra    []string            // canonical keys of the extra concepts named, without repeats
	// All is set when the value says "all" (or is empty): Run then adds
	// the extra concepts the model calls for (Options.Implied).
	All bool
}

// ParseConcepts reads a comma-separated list of concept names: the
// standard ones (stability.ParseConcept), the words of the families (for
// example gmr-a, seq-d, uncertain, l3, lh, nm), and "all": every standard
// concept plus the extra concepts the model's preferences call for (the
// sixteen unknown-preference definitions when a DM leaves comparisons
// unknown). horizon is the h that "lh" and "limited" use.
func ParseConcepts(spec string, horizon int) (Selection, error) {
	var sel Selection
	if strings.TrimSpace(spec) == "" {
		spec = "all"
	}
	var have [8]bool
	for _, part := range strings.Split(spec, ",") {
		w := strings.ToLower(strings.TrimSpace(part))
		if w == "all" {
			sel.All = true
			for _, c := range stability.Concepts {
				have[c] = true
			}
			continue
		}
		if c, err := stability.ParseConcept(w); err == nil {
			have[c] = true
			continue
		}
		// A word that names a horizon, or takes the one given, is told
		// about the horizon rather than called unknown.
		if err := checkHorizonWord(w, horizon); err != nil {
			return Selection{}, err
		}
		found := false
		for _, f := range families {
			if keys := f.Parse(w, horizon); keys != nil {
				found = true
				for _, k := range keys {
					if !slices.Contains(sel.Extra, k) {
						sel.Extra = append(sel.Extra, k)
					}
				}
				break
			}
		}
		if !found {
			var words []string
			for _, f := range families {
				words = append(words, f.Words)
			}
			return Selection{}, fmt.Errorf("unknown solution concept %q; use Nash, GMR, SMR, SEQ, SIM, %s, or all", strings.TrimSpace(part), strings.Join(words, ", "))
		}
	}
	for _, c := range stability.Concepts {
		if have[c] {
			sel.Standard = append(sel.Standard, c)
		}
	}
	return sel, nil
}

// ConceptWords describes every word ParseConcepts reads, for help text.
func ConceptWords() string {
	words := []string{"Nash, GMR, SMR, SEQ, SIM"}
	for _, f := range families {
		words = append(words, f.Words)
	}
	return strings.Join(words, "; ")
}

// familyOf returns the family whose Parse reads key.
func familyOf(key string) *Family {
	for _, f := range families {
		if ks := f.Parse(key, 0); len(ks) == 1 && ks[0] == key {
			return f
		}
	}
	return nil
}

// WithImplied returns keys with the keys of the extra concepts the model
// of r calls for added (what "all" adds), in family order after keys.
func WithImplied(r *Result, keys []string) []string {
	out := slices.Clone(keys)
	for _, f := range families {
		if f.Implied == nil {
			continue
		}
		for _, k := range f.Implied(r) {
			if !slices.Contains(out, k) {
				out = append(out, k)
			}
		}
	}
	return out
}

// ExpandKeys returns the keys of the concepts that keys (canonical keys
// of ParseConcepts) stand for on the model of r, without repeats: a key
// a family expands for the model (strength's "sgmr" is "sgmr-a" ..
// "sgmr-d" on a model with unknown comparisons) is replaced by its
// expansion.
func ExpandKeys(r *Result, keys []string) []string {
	var out []string
	for _, k := range keys {
		ks := []string{k}
		if f := familyOf(k); f != nil && f.Expand != nil {
			ks = f.Expand(r, k)
		}
		for _, x := range ks {
			if !slices.Contains(out, x) {
				out = append(out, x)
			}
		}
	}
	return out
}

// computeExtra fills r.Extra with the concepts opt.Extra names and, with
// opt.Implied, those the model calls for: family by family, in report
// order.
func computeExtra(ctx context.Context, r *Result, opt Options) error {
	keys := opt.Extra
	if opt.Implied {
		keys = WithImplied(r, keys)
		if len(opt.Defer) > 0 {
			keys = slices.DeleteFunc(keys, func(k string) bool {
				f := familyOf(k)
				return f != nil && slices.Contains(opt.Defer, f.Name) && !slices.Contains(opt.Extra, k)
			})
		}
	}
	byFamily := map[*Family][]string{}
	for _, k := range keys {
		f := familyOf(k)
		if f == nil {
			return fmt.Errorf("unknown extra solution concept %q", k)
		}
		byFamily[f] = append(byFamily[f], k)
	}
	for _, f := range families {
		if len(byFamily[f]) == 0 {
			continue
		}
		xs, err := f.Compute(ctx, r, byFamily[f], opt)
		if err != nil {
			return err
		}
		r.Extra = append(r.Extra, xs...)
	}
	return nil
}

// ImpliedExtras decides the concepts of the family named family (Family.Name)
// that the model of r calls for, those Run adds with Options.Implied, in
// report order; nil when the model calls for none. r needs its states,
// preferences and stability (Run's result). It is what a caller that
// deferred the family (Options.Defer) runs when the concepts are asked
// for; the strength family can reuse an analysis already made
// (StrengthExtras). Errors: an unknown family, those of the family's
// Compute, or ctx.
func ImpliedExtras(ctx context.Context, r *Result, family string, opt Options) ([]*Extra, error) {
	for _, f := range families {
		if f.Name != family {
			continue
		}
		if f.Implied == nil {
			return nil, nil
		}
		keys := f.Implied(r)
		if len(keys) == 0 {
			return nil, nil
		}
		return f.Compute(ctx, r, keys, opt)
	}
	return nil, fmt.Errorf("unknown family of solution concepts %q", family)
}

// ExplainExtra explains state s for DM dm under the extra concept key
// (a canonical key of ParseConcepts' Selection.Extra). r needs its state
// space and preferences (Prepare's result suffices).
func ExplainExtra(ctx context.Context, r *Result, key string, dm, s int, opt Options) (*ExtraExplanation, error) {
	f := familyOf(key)
	if f == nil {
		return nil, fmt.Errorf("unknown extra solution concept %q", key)
	}
	if dm < 0 || dm >= len(r.Space.DMs) {
		return nil, fmt.Errorf("DM index %d out of range", dm)
	}
	if s < 0 || s >= r.Space.Len() {
		return nil, fmt.Errorf("state index %d out of range", s)
	}
	return f.Explain(ctx, r, key, dm, s, opt)
}

// relation is ">" "<" or "~": DM dm's comparison of t with s by the
// preference levels alone.
func (r *Result) relation(dm, t, s int) string {
	lv := r.Prefs.Level[dm]
	switch {
	case lv[t] > lv[s]:
		return ">"
	case lv[t] < lv[s]:
		return "<"
	}
	return "~"
}
