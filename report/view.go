package report

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/gmcr/gmcr/analysis"
	"github.com/gmcr/gmcr/internal/english"
	"github.com/gmcr/gmcr/preference"
	"github.com/gmcr/gmcr/stability"
	"github.com/gmcr/gmcr/statespace"
)

// view is what every format reads: the result with the few look-ups the
// formats share, all derived from the result without deciding anything.
type view struct {
	r        *analysis.Result
	ss       *statespace.StateSpace
	p        *preference.Profile
	a        *stability.Analysis // nil for a states listing
	concepts []stability.Concept
	sq       int // status quo state, -1 if none
	// eq[k][s] reports whether state s is an equilibrium under concepts[k].
	eq [][]bool
	// eqList[k] holds the equilibria under concepts[k], ascending.
	eqList [][]int
	// mixed gives each DM its concept for the mixed equilibria, nil for
	// none; mixedEq marks and mixedList lists those equilibria.
	mixed     []stability.Concept
	mixedEq   []bool
	mixedList []int
	// cols are the concept columns every analysis format shows: the
	// standard concepts computed, then the extra ones (analysis.Extra),
	// in report order.
	cols []col
}

// col is one concept column: a standard concept (extra nil) or an extra
// one, with its equilibria.
type col struct {
	name   string
	std    stability.Concept
	extra  *analysis.Extra
	eq     []bool // eq[s]: s is an equilibrium
	eqList []int
}

// stable reports whether s is stable for DM dm under c.
func (v *view) stable(c col, dm, s int) bool {
	if c.extra != nil {
		return c.extra.Stable(dm, s)
	}
	return v.a.Stable(c.std, dm, s)
}

// meaning is c's definition as a condition.
func (c col) meaning() string {
	if c.extra != nil {
		return c.extra.Meaning
	}
	return c.std.Meaning()
}

// csvName is c's name in CSV headers: "GMR(a)" is "GMR_a".
func (c col) csvName() string {
	return strings.NewReplacer("(", "_", ")", "").Replace(c.name)
}

// mixedName labels the mixed (per-DM concept) equilibria.
const mixedName = "Mixed"

// setMixed computes the mixed equilibria for the per-DM concepts perDM
// (nil: none).
func (v *view) setMixed(perDM []stability.Concept) error {
	if perDM == nil {
		return nil
	}
	if len(perDM) != len(v.ss.DMs) {
		return fmt.Errorf("report: %s for %s", english.Count(len(perDM), "per-DM concept"), english.Count(len(v.ss.DMs), "DM"))
	}
	for i, c := range perDM {
		if !v.a.Has(c) {
			return fmt.Errorf("report: the concept %v of DM %s was not computed", c, v.ss.DMs[i].ID)
		}
	}
	v.mixed = perDM
	v.mixedList = v.a.EquilibriaMixed(perDM)
	v.mixedEq = make([]bool, v.ss.Len())
	for _, s := range v.mixedList {
		v.mixedEq[s] = true
	}
	return nil
}

// mixedText describes the per-DM concepts: "P1 SMR, P2 Nash".
func (v *view) mixedText() string {
	parts := make([]string, len(v.mixed))
	for i, c := range v.mixed {
		parts[i] = v.ss.DMs[i].ID + " " + c.String()
	}
	return strings.Join(parts, ", ")
}

func newView(r *analysis.Result, needStability bool) (*view, error) {
	if r == nil || r.Space == nil || r.Prefs == nil {
		return nil, errors.New("report: the result holds no state space or preferences")
	}
	v := &view{r: r, ss: r.Space, p: r.Prefs, sq: -1}
	if needStability {
		if r.Stability == nil {
			return nil, errors.New("report: the result holds no stability analysis (use analysis.Run)")
		}
		v.a = r.Stability
		v.concepts = r.Stability.Concepts
		for _, c := range v.concepts {
			list := r.Stability.Equilibria(c)
			set := make([]bool, v.ss.Len())
			for _, s := range list {
				set[s] = true
			}
			v.eq = append(v.eq, set)
			v.eqList = append(v.eqList, list)
			v.cols = append(v.cols, col{name: c.String(), std: c, eq: set, eqList: list})
		}
		for _, x := range r.Extra {
			list := x.Equilibria()
			set := make([]bool, v.ss.Len())
			for _, s := range list {
				set[s] = true
			}
			v.cols = append(v.cols, col{name: x.Name, extra: x, eq: set, eqList: list})
		}
	}
	if r.Space.Model != nil && r.Space.Model.StatusQuo != nil {
		sq, err := analysis.StatusQuo(r.Space)
		if err != nil {
			return nil, err
		}
		v.sq = sq
	}
	return v, nil
}

// title returns the model's title, or a stand-in.
func (v *view) title() string {
	if m := v.r.Model; m != nil && m.Title != "" {
		return m.Title
	}
	return "Untitled conflict"
}

func (v *view) file() string {
	if m := v.r.Model; m != nil {
		return m.File
	}
	return ""
}

// dmOptions returns the bits of DM i's options, ascending.
func (v *view) dmOptions(i int) []int {
	d := v.ss.DMs[i]
	out := make([]int, 0, d.Width)
	for b := int(d.Lo); b < int(d.Lo+d.Width); b++ {
		out = append(out, b)
	}
	return out
}

// groupedPattern returns state s as Y/N letters with a space between DMs.
func (v *view) groupedPattern(s int) string {
	var b strings.Builder
	for i := range v.ss.DMs {
		if i > 0 {
			b.WriteByte(' ')
		}
		for _, bit := range v.dmOptions(i) {
			b.WriteByte(yn(v.ss.Taken(s, bit)))
		}
	}
	return b.String()
}

// patternKey describes the grouped pattern's letters: DM: option ids.
func (v *view) patternKey() string {
	if len(v.ss.Options) == 0 {
		return "none (a graph-form model without options)"
	}
	var parts []string
	for i, d := range v.ss.DMs {
		var ids []string
		for _, bit := range v.dmOptions(i) {
			ids = append(ids, v.ss.Options[bit].ID)
		}
		parts = append(parts, d.ID+": "+strings.Join(ids, " "))
	}
	return strings.Join(parts, " | ")
}

func yn(taken bool) byte {
	if taken {
		return 'Y'
	}
	return 'N'
}

// notPerceivedMark marks a state a DM does not perceive (a misperception).
const notPerceivedMark = "-"

// misperceiving lists the DMs that do not perceive every state, in model
// order.
func (v *view) misperceiving() []int {
	var out []int
	for i := range v.ss.DMs {
		if !v.ss.PerceivesAll(i) {
			out = append(out, i)
		}
	}
	return out
}

// notPerceivedBy lists the ids of the DMs that do not perceive state s.
func (v *view) notPerceivedBy(s int) []string {
	var out []string
	for _, i := range v.misperceiving() {
		if !v.ss.Perceives(i, s) {
			out = append(out, v.ss.DMs[i].ID)
		}
	}
	return out
}

// misperceptionNotes describes, per misperceiving DM, which states it does
// not perceive: `USSR does not perceive the states where "A" holds (6 of
// 12 states)`.
func (v *view) misperceptionNotes() []string {
	var out []string
	for _, i := range v.misperceiving() {
		conds := v.ss.Model.DMs[i].Misperceived
		texts := make([]string, len(conds))
		for k, c := range conds {
			texts[k] = fmt.Sprintf("%q", c.Text)
		}
		n := 0
		for s := 0; s < v.ss.Len(); s++ {
			if !v.ss.Perceives(i, s) {
				n++
			}
		}
		out = append(out, fmt.Sprintf("%s does not perceive the states where %s holds (%d of %s).", v.ss.DMs[i].ID, strings.Join(texts, " or "), n, english.Count(v.ss.Len(), "state")))
	}
	return out
}

// notPerceivedLegend explains the mark.
const notPerceivedLegend = notPerceivedMark + " = the DM does not perceive the state (a misperception: the model's \"misperceived\"); it has no moves from or into it, so the state counts as stable for it under every concept."

// mark is DM i's stability mark for state s under concept c: "-" when the
// DM does not perceive s (a misperception); "r" when
// Nash stability was computed and holds (the DM has no unilateral
// improvement), "s" when stable otherwise, "u" when unstable.
//
// Under an extra concept (analysis.Extra) "r" means the DM has no move the
// concept considers, when its family tells (HasRational), and the marks
// are otherwise "s" and "u"; under a concept of strength of preference
// (HasStrength) they are "S" (strongly stable), "W" (weakly) and "u".
func (v *view) mark(c col, i, s int) string {
	if !v.ss.Perceives(i, s) {
		return notPerceivedMark
	}
	if !v.stable(c, i, s) {
		return "u"
	}
	if c.extra != nil {
		if c.extra.HasStrength() {
			if c.extra.Strong(i, s) {
				return "S"
			}
			return "W"
		}
		if c.extra.Rational(i, s) {
			return "r"
		}
		return "s"
	}
	if v.a.Has(stability.Nash) && v.a.Stable(stability.Nash, i, s) {
		return "r"
	}
	return "s"
}

// compactConcepts shortens a list of concept names by writing the
// unknown-preference extensions of one concept together: "GMR(a),
// GMR(b), GMR(c), GMR(d)" is "GMR(a-d)", "SEQ(a), SEQ(c)" is "SEQ(a,c)".
func compactConcepts(names []string) []string {
	var out []string
	for i := 0; i < len(names); {
		base, ext, ok := extension(names[i])
		if !ok {
			out = append(out, names[i])
			i++
			continue
		}
		exts := []string{ext}
		j := i + 1
		for ; j < len(names); j++ {
			b, e, ok := extension(names[j])
			if !ok || b != base {
				break
			}
			exts = append(exts, e)
		}
		if strings.Join(exts, "") == "abcd" {
			out = append(out, base+"(a-d)")
		} else {
			out = append(out, base+"("+strings.Join(exts, ",")+")")
		}
		i = j
	}
	return out
}

// extension splits "GMR(a)" into "GMR" and "a".
func extension(name string) (base, ext string, ok bool) {
	n := len(name)
	if n < 4 || name[n-1] != ')' || name[n-3] != '(' || name[n-2] < 'a' || name[n-2] > 'd' {
		return "", "", false
	}
	return name[:n-3], name[n-2 : n-1], true
}

// equilibriumOf lists the concepts under which s is an equilibrium.
func (v *view) equilibriumOf(s int) []string {
	var out []string
	for _, c := range v.cols {
		if c.eq[s] {
			out = append(out, c.name)
		}
	}
	if v.mixed != nil && v.mixedEq[s] {
		out = append(out, mixedName)
	}
	return out
}

// rankOf returns DM i's rank of s (1 = most preferred) and the number of
// distinct ranks it uses.
func (v *view) rankOf(i, s int) (int, int) { return v.p.Rank(i, s), v.p.Levels[i] }

func number(s int) string { return strconv.Itoa(statespace.Number(s)) }

func code(ss *statespace.StateSpace, s int) string { return strconv.FormatUint(ss.Codes[s], 10) }

// numberList formats state indices as printed numbers: "1, 4, 9".
func numberList(states []int) string {
	parts := make([]string, len(states))
	for i, s := range states {
		parts[i] = number(s)
	}
	return strings.Join(parts, ", ")
}

// plural returns "n word" or "n words" (english.Count).
func plural(n int, word string) string { return english.Count(n, word) }

// summary is the one-line description under the title.
func (v *view) summary() string {
	s := fmt.Sprintf("%s, %s, %s", plural(len(v.ss.DMs), "DM"), plural(len(v.ss.Options), "option"), plural(v.ss.Len(), "feasible state"))
	if v.sq >= 0 {
		s += fmt.Sprintf("; status quo: state %s", number(v.sq))
	}
	return s
}

// seqSimNote says why gmcr has no "SEQ & SIM" column.
const seqSimNote = `gmcr does not report GMCR+'s "SEQ & SIM" column: GMCR+ marks a state stable there when it is stable by SEQ or by SIM; read "stable by both" from the SEQ and SIM results.`

// rankNote explains ranks.
const rankNote = "Rank: 1 = most preferred; tied states share a rank."

// dmNames returns prefix + "id = name; ..." + suffix for the DMs whose
// name differs from their id, or "" when none does.
func (v *view) dmNames(prefix, suffix string) string {
	var parts []string
	for _, d := range v.ss.DMs {
		if d.Name != "" && d.Name != d.ID {
			parts = append(parts, d.ID+" = "+d.Name)
		}
	}
	if len(parts) == 0 {
		return ""
	}
	return prefix + strings.Join(parts, "; ") + suffix
}

// optionLabel is "option W (USSR withdraws missiles)", or "option W" when
// the option's name adds nothing to its id.
func optionLabel(o statespace.Option) string {
	if o.Name != "" && o.Name != o.ID {
		return "option " + o.ID + " (" + o.Name + ")"
	}
	return "option " + o.ID
}

// optionLabels is "option a (A)" or "options a (A), b (B)".
func optionLabels(opts []statespace.Option) string {
	parts := make([]string, len(opts))
	for i, o := range opts {
		parts[i] = strings.TrimPrefix(optionLabel(o), "option ")
	}
	if len(opts) == 1 {
		return "option " + parts[0]
	}
	return "options " + strings.Join(parts, ", ")
}

// describeChange says which options differ between the states with codes
// from and to, as the mover changes them: "takes option B (US blockade);
// stops taking option W (USSR withdraws missiles)". With many (a
// coalition moving together) the verbs are plural: "take", "stop taking".
// Every move label of every report comes from here, so the verb always
// says the direction and the option's name never has to (a name that is
// itself an action, "withdraws missiles", is not read as a withdrawal).
func describeChange(opts []statespace.Option, from, to uint64, many bool) string {
	var takes, stops []statespace.Option
	for b, o := range opts {
		bit := uint64(1) << uint(b)
		switch {
		case from&bit == 0 && to&bit != 0:
			takes = append(takes, o)
		case from&bit != 0 && to&bit == 0:
			stops = append(stops, o)
		}
	}
	take, stop := "takes ", "stops taking "
	if many {
		take, stop = "take ", "stop taking "
	}
	var parts []string
	if len(takes) > 0 {
		parts = append(parts, take+optionLabels(takes))
	}
	if len(stops) > 0 {
		parts = append(parts, stop+optionLabels(stops))
	}
	if len(parts) == 0 {
		return "changes no option"
	}
	return strings.Join(parts, "; ")
}
