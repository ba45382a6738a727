package model

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/gmcr/gmcr/model/statement"
)

// Validate checks a model's structure, for models built in code; Parse
// runs the same checks with file positions. It returns nil, an *Error or
// an ErrorList (see Parse), with positions taken from the Pos fields
// (zero Pos fields give messages with the file name only). It checks:
//
//   - a title, at least one option and at least two decision makers;
//   - option ids: present, of the form of statement.ValidID, not a
//     keyword of the statement language, unique; reversibility in range;
//   - decision maker ids: present, well formed and unique; each DM
//     controls at least one option, every option id it names exists and is
//     named once, and every option is controlled by exactly one DM;
//   - each DM has exactly one of Statements and Ranking; each statement
//     has a well-formed Expr whose options exist; ranking entries are
//     positive and not repeated, tie groups not empty;
//   - infeasibility conditions as statements; for those with an Origin,
//     the helper is known, has enough options, none repeated, and a
//     requires entry does not require its own option;
//   - the status quo names existing options, each once;
//   - every source has a Ref;
//   - a DM's Concept, when set, names a solution concept (ConceptNames,
//     or "R", in any case);
//   - a DM's Misperceived conditions as statements (their Origin, if
//     any, is ignored);
//   - scenarios (see Scenario): unique, well-formed ids; force and forbid
//     name existing options, each once, and no option in both; extra
//     conditions and status quo are checked as the model's; preference
//     changes name a known DM once, replace or edit (not both), and their
//     edits apply to the DM's statements (PrefChange.EditStatements).
//
// Checks that need the state space (a ranking naming every feasible state,
// at least one feasible state, a feasible status quo, the model's size)
// belong to the analysis engine.
func (m *Model) Validate() error {
	return m.validate(nil).err()
}

const (
	idForm = "a letter or _ followed by letters, digits, _ or ."
	idHint = "an id is " + idForm
)

// validate runs the checks; lc, when not nil, holds positions from the
// model file and marks parts that could not be decoded.
func (m *Model) validate(lc *locator) ErrorList {
	v := &validator{m: m, lc: lc, opts: map[string]int{}}
	v.run()
	return v.errs
}

type validator struct {
	m     *Model
	lc    *locator
	errs  ErrorList
	opts  map[string]int // option id -> index of its first definition
	known []string       // option ids in order
	refs  bool           // whether references to options can be checked
	hints int            // "did you mean" hints computed so far
}

// maxHints is the most "did you mean" hints a validation computes: each
// compares the word with every option id, and only the first MaxErrors
// errors are shown anyway, so thousands of unknown references among
// thousands of options would otherwise take minutes.
const maxHints = 2 * MaxErrors

// at returns the position for key, falling back on fb; File is always set.
func (v *validator) at(key string, fb Pos) Pos {
	p := v.lc.at(key, fb)
	if p.File == "" {
		p.File = v.m.File
	}
	return p
}

func (v *validator) add(p Pos, hint, format string, args ...any) {
	if p.File == "" {
		p.File = v.m.File
	}
	v.errs.add(p, hint, format, args...)
}

// firstHint points at an earlier definition.
func firstHint(p Pos, what string, index int) string {
	if p.Line > 0 {
		if p.Col > 0 {
			return fmt.Sprintf("first at %d:%d", p.Line, p.Col)
		}
		return fmt.Sprintf("first at line %d", p.Line)
	}
	return fmt.Sprintf("first as %s %d", what, index+1)
}

func (v *validator) unknownHint(id string) string {
	if v.hints >= maxHints {
		return ""
	}
	v.hints++
	return didYouMean(id, v.known)
}

// dmRef names decision maker i in messages.
func (v *validator) dmRef(i int) string {
	if id := v.m.DMs[i].ID; id != "" {
		return fmt.Sprintf("%q", id)
	}
	return fmt.Sprintf("#%d", i+1)
}

// dmNames refuses DM names that would make a DM reference silently pick
// another DM. Commands and the server take a DM as an id, a name or a
// number (--dm, analysis.DM), trying the id first, then the name, in any
// case, then the position: a name equal to another DM's id, or a name
// that is another DM's number, would mean that other DM. (A name two DMs
// share is allowed, as GMCR+ files may have it: giving it is refused as
// ambiguous when it is used.)
func (v *validator) dmNames() {
	m := v.m
	for i := range m.DMs {
		name := strings.TrimSpace(m.DMs[i].Name)
		if name == "" || v.lc.isBroken(fmt.Sprintf("dm/%d", i)) {
			continue
		}
		key := fmt.Sprintf("dm/%d", i)
		np := v.at(key+"/name", v.at(key, m.DMs[i].Pos))
		for j := range m.DMs {
			if j == i {
				continue
			}
			o := &m.DMs[j]
			if o.ID != "" && strings.EqualFold(name, o.ID) {
				v.add(np, fmt.Sprintf("rename one of them: --dm %s would mean decision maker %q", name, o.ID),
					"the name %q of decision maker %s is the id of decision maker %q", m.DMs[i].Name, v.dmRef(i), o.ID)
			}
		}
		if others := dmList(m, i, name); others != nil {
			v.add(np, fmt.Sprintf("rename it, or write the name without commas: --dm %q would mean this decision maker, not %s", name, strings.Join(others, " and ")),
				"the name %q of decision maker %s lists other decision makers (%s), as a comma-separated --dm value does", m.DMs[i].Name, v.dmRef(i), strings.Join(others, ", "))
		}
		if n, err := strconv.Atoi(name); err == nil && n >= 1 && n <= len(m.DMs) && n != i+1 {
			v.add(np, fmt.Sprintf("use a name that is not a number from 1 to %d: --dm %d picks a decision maker by name or by number", len(m.DMs), n),
				"the name %q of decision maker %s is the number of decision maker %s", m.DMs[i].Name, v.dmRef(i), v.dmRef(n-1))
		}
	}
}

// dmList returns the ids of the other DMs that the comma-separated parts
// of name (the name of DM i) refer to by id, name or number, when name has
// two or more parts and every part names a DM other than i; else nil.
// Such a name reads as a list of DMs on the command line, where a whole
// --dm value matching a DM's name selects that DM first.
func dmList(m *Model, i int, name string) []string {
	parts := strings.Split(name, ",")
	if len(parts) < 2 {
		return nil
	}
	var ids []string
	for _, p := range parts {
		p = strings.TrimSpace(p)
		k := -1
		for j := range m.DMs {
			d := &m.DMs[j]
			if j != i && p != "" && (strings.EqualFold(p, d.ID) || strings.EqualFold(p, strings.TrimSpace(d.Name))) {
				k = j
				break
			}
		}
		if n, err := strconv.Atoi(p); k < 0 && err == nil && n >= 1 && n <= len(m.DMs) && n != i+1 {
			k = n - 1
		}
		if k < 0 {
			return nil
		}
		ids = append(ids, m.DMs[k].ID)
	}
	return ids
}

func (v *validator) run() {
	m, lc := v.m, v.lc
	if strings.TrimSpace(m.Title) == "" && !lc.isBroken("title") {
		v.add(v.at("title", Pos{}), `add "title: <a short name for the conflict>"`, "missing title")
	}
	for i, s := range m.Sources {
		if strings.TrimSpace(s.Ref) == "" && !lc.isBroken(fmt.Sprintf("source/%d", i)) {
			v.add(v.at(fmt.Sprintf("source/%d", i), Pos{}), `write "ref: <citation>"`, "source has no ref")
		}
	}
	v.options()
	v.dms()
	v.dmNames()
	v.graph()
	for i := range m.Infeasible {
		v.infeasible(i)
	}
	if sq := m.StatusQuo; sq != nil {
		v.statusQuo(sq, "sq", "status_quo")
	}
	v.scenarios()
}

// statusQuo checks a status quo recorded under key; where names it in
// messages.
func (v *validator) statusQuo(sq *StatusQuo, key, where string) {
	seen := map[string]bool{}
	for j, id := range sq.Taken {
		p := v.at(fmt.Sprintf("%s/%d", key, j), sq.Pos)
		if _, ok := v.opts[id]; !ok {
			if v.refs {
				v.add(p, v.unknownHint(id), "unknown option %q in %s", id, where)
			}
			continue
		}
		if seen[id] {
			v.add(p, "", "option %q is listed twice in %s", id, where)
		}
		seen[id] = true
	}
}

func (v *validator) options() {
	m, lc := v.m, v.lc
	// References to options are checked only when every option has an id.
	v.refs = !lc.isBroken("options") && len(m.Options) > 0
	for _, o := range m.Options {
		if o.ID == "" {
			v.refs = false
		}
	}
	if len(m.Options) == 0 && !lc.isBroken("options") && !m.GraphForm() {
		v.add(v.at("options", Pos{}), `list the options under "options:", each with an id`, "no options")
	}
	for i, o := range m.Options {
		key := fmt.Sprintf("option/%d", i)
		p := v.at(key, o.Pos)
		idp := v.at(key+"/id", p)
		switch {
		case o.ID == "":
			if !lc.isBroken(key) {
				v.add(p, `add "id: <`+idForm+`>"`, "option has no id")
			}
			continue
		case !statement.ValidID(o.ID):
			v.add(idp, idHint, "invalid option id %q", o.ID)
		case statement.IsKeyword(o.ID):
			v.add(idp, "not, and, or, if and iff, in any case, are operators of the statement language", "option id %q is a reserved word", o.ID)
		}
		if j, dup := v.opts[o.ID]; dup {
			first := v.at(fmt.Sprintf("option/%d/id", j), v.at(fmt.Sprintf("option/%d", j), m.Options[j].Pos))
			v.add(idp, firstHint(first, "option", j), "duplicate option id %q", o.ID)
			// A duplicate id is usually a mistyped one: the references to
			// the id it should have had would each be reported as unknown.
			// Report the cause alone.
			v.refs = false
			continue
		}
		v.opts[o.ID] = i
		v.known = append(v.known, o.ID)
		if o.Reversibility < Both || o.Reversibility > Backward {
			v.add(p, "use Both, Forward or Backward", "option %q has invalid reversibility %d", o.ID, int(o.Reversibility))
		}
	}
}

func (v *validator) dms() {
	m, lc := v.m, v.lc
	if !lc.isBroken("decision_makers") {
		switch len(m.DMs) {
		case 0:
			v.add(v.at("decision_makers", Pos{}), `list at least two under "decision_makers:", each with an id, options and preferences`, "no decision makers")
		case 1:
			v.add(v.at("decision_makers", Pos{}), "a conflict needs at least two; add the other side", "only one decision maker")
		}
	}
	owner := map[string]int{}
	meant := map[string]bool{} // options an unknown reference probably means
	dmIDs := map[string]int{}
	for i := range m.DMs {
		dm := &m.DMs[i]
		key := fmt.Sprintf("dm/%d", i)
		p := v.at(key, dm.Pos)
		idp := v.at(key+"/id", p)
		switch {
		case dm.ID == "":
			if !lc.isBroken(key) {
				v.add(p, `add "id: <`+idForm+`>"`, "decision maker has no id")
			}
		case !statement.ValidID(dm.ID):
			v.add(idp, idHint, "invalid decision maker id %q", dm.ID)
		}
		if dm.ID != "" {
			if j, dup := dmIDs[dm.ID]; dup {
				first := v.at(fmt.Sprintf("dm/%d/id", j), v.at(fmt.Sprintf("dm/%d", j), m.DMs[j].Pos))
				v.add(idp, firstHint(first, "decision maker", j), "duplicate decision maker id %q", dm.ID)
			} else {
				dmIDs[dm.ID] = i
			}
		}
		name := v.dmRef(i)
		if len(dm.Options) == 0 && !lc.isBroken(key+"/options") && !m.GraphForm() {
			v.add(v.at(key+"/options", p), "list the ids of the options it controls under \"options:\"", "decision maker %s controls no options", name)
		}
		seen := map[string]bool{}
		for j, id := range dm.Options {
			op := v.at(fmt.Sprintf("%s/options/%d", key, j), v.at(key+"/options", p))
			if _, ok := v.opts[id]; !ok {
				if v.refs {
					v.add(op, v.unknownHint(id), "unknown option %q in the options of decision maker %s", id, name)
					// The option it probably means is not reported as
					// controlled by no DM: one typo, one error.
					if c := closest(id, v.known); c != "" {
						meant[c] = true
					}
				}
				continue
			}
			if seen[id] {
				v.add(op, "", "option %q is listed twice for decision maker %s", id, name)
				continue
			}
			seen[id] = true
			if k, owned := owner[id]; owned {
				v.add(op, "each option belongs to exactly one decision maker", "option %q is controlled by both %s and %s", id, v.dmRef(k), name)
				continue
			}
			owner[id] = i
		}
		v.concept(i, key, p)
		v.prefs(i, key, p)
		v.unknownChecks(i, key)
		v.strengthChecks(i, key)
		for j := range dm.Misperceived {
			v.statement(fmt.Sprintf("%s/mis/%d", key, j), &dm.Misperceived[j], true)
		}
	}
	if v.refs && len(m.DMs) > 0 && !lc.isBroken("owners") && !lc.isBroken("decision_makers") {
		for i, o := range m.Options {
			if _, ok := owner[o.ID]; !ok && o.ID != "" && v.opts[o.ID] == i && !meant[o.ID] {
				v.add(v.at(fmt.Sprintf("option/%d", i), o.Pos), "add it to the options of one decision maker", "option %q is controlled by no decision maker", o.ID)
			}
		}
	}
}

func (v *validator) prefs(i int, key string, dmPos Pos) {
	lc := v.lc
	pr := &v.m.DMs[i].Prefs
	fb := pr.Pos
	if fb == (Pos{}) {
		fb = dmPos
	}
	pp := v.at(key+"/prefs", fb)
	name := v.dmRef(i)
	if !lc.isBroken(key + "/prefs") {
		hasS, hasR := len(pr.Statements) > 0, len(pr.Ranking) > 0
		switch {
		case !hasS && !hasR:
			v.add(pp, `add "preferences:" with "statements:" (most important first) or "ranking:" (states, best first)`, "decision maker %s has no preferences", name)
		case hasS && hasR:
			v.add(pp, "keep one of statements and ranking", "decision maker %s has both statements and a ranking", name)
		}
	}
	for j := range pr.Statements {
		v.statement(fmt.Sprintf("%s/st/%d", key, j), &pr.Statements[j], true)
	}
	v.ranking(key, pp, pr.Ranking, name)
}

// ranking checks a direct ranking recorded under key (see
// decoder.ranking); pp is the position of the preferences, name the DM in
// messages.
func (v *validator) ranking(key string, pp Pos, ranking [][]int, name string) {
	seen := map[int]Pos{}
	for j, g := range ranking {
		gk := fmt.Sprintf("%s/rank/%d", key, j)
		gp := v.at(gk, pp)
		if len(g) == 0 {
			v.add(gp, "a tie group lists at least one state", "empty tie group in the ranking of decision maker %s", name)
		}
		for k, s := range g {
			sp := v.at(fmt.Sprintf("%s/%d", gk, k), gp)
			if s <= refMark {
				continue // a state by pattern or options that could not be numbered (reported)
			}
			if s < 1 {
				v.add(sp, "states are numbered from 1", "state number must be positive, found %d", s)
				continue
			}
			if first, dup := seen[s]; dup {
				h := "first earlier in the ranking"
				if first.Line > 0 {
					h = fmt.Sprintf("first at %d:%d", first.Line, first.Col)
				}
				v.add(sp, h, "%s appears twice in the ranking of decision maker %s", v.stateName(s), name)
				continue
			}
			seen[s] = sp
		}
	}
}

// stateName names state number s in messages: by its id in graph form
// (the ranking there lists ids), else by number.
func (v *validator) stateName(s int) string {
	if v.m != nil && s >= 1 && s <= len(v.m.States) && v.m.States[s-1].ID != "" {
		return fmt.Sprintf("state %q", v.m.States[s-1].ID)
	}
	return fmt.Sprintf("state %d", s)
}

// statement checks a statement's Expr; refs says whether to check its
// option ids too.
func (v *validator) statement(key string, st *Statement, refs bool) {
	base := v.at(key, st.Pos)
	if st.Expr == nil {
		if !v.lc.isBroken(key) {
			v.add(base, "set Expr, for example with statement.Parse", "statement %q has no expression", clip(st.Text))
		}
		return
	}
	if why := malformed(st.Expr, 0); why != "" {
		v.add(base, "", "malformed statement %q: %s", clip(st.Expr.String()), why)
		return
	}
	if !refs || !v.refs {
		return
	}
	var walk func(e *statement.Expr)
	walk = func(e *statement.Expr) {
		if e.Op == statement.Lit {
			if _, ok := v.opts[e.Option]; !ok {
				p, exact := v.lc.col(key, e.Col, base)
				hint := v.unknownHint(e.Option)
				if !exact && v.lc != nil && e.Col > 0 {
					hint = strings.TrimPrefix(hint+fmt.Sprintf("; at column %d of the statement", e.Col), "; ")
				}
				v.add(p, hint, "unknown option %q in statement", e.Option)
			}
		}
		for _, a := range e.Args {
			walk(a)
		}
	}
	walk(st.Expr)
}

// wellFormed reports whether e can be evaluated (see malformed).
func wellFormed(e *statement.Expr, depth int) bool { return malformed(e, depth) == "" }

// maxExprDepth is the deepest expression tree a statement may have.
const maxExprDepth = 10000

// malformed says why e cannot be evaluated, or returns "" when every node
// has a known operator and the right number of operands and the tree is at
// most maxExprDepth deep.
func malformed(e *statement.Expr, depth int) string {
	if e == nil {
		return "an operand is missing"
	}
	if depth > maxExprDepth {
		return fmt.Sprintf("it is nested more than %d levels deep (each operand of an IF or IFF chain adds a level); split it into several statements", maxExprDepth)
	}
	n := len(e.Args)
	switch e.Op {
	case statement.Lit:
		if e.Option == "" || n != 0 {
			return "an option reference has no option id"
		}
		return ""
	case statement.True:
		if n != 0 {
			return "TRUE takes no operands"
		}
		return ""
	case statement.Not:
		if n != 1 {
			return fmt.Sprintf("NOT takes one operand, not %d", n)
		}
	case statement.And, statement.Or:
		if n == 0 {
			return "AND or OR without operands"
		}
	case statement.If, statement.Iff:
		if n != 2 {
			return fmt.Sprintf("IF and IFF take two operands, not %d", n)
		}
	default:
		return fmt.Sprintf("unknown operator %d", e.Op)
	}
	for _, a := range e.Args {
		if why := malformed(a, depth+1); why != "" {
			return why
		}
	}
	return ""
}

func (v *validator) infeasible(i int) {
	v.condition(fmt.Sprintf("inf/%d", i), &v.m.Infeasible[i])
}

// condition checks an infeasibility condition recorded under key.
func (v *validator) condition(key string, st *Statement) {
	if st.Unsure {
		v.add(v.at(key, st.Pos), "unsure marks preference statements only", "an infeasibility condition cannot be unsure")
	}
	if st.Strong {
		v.add(v.at(key, st.Pos), "strong marks preference statements only", "an infeasibility condition cannot be strong")
	}
	o := st.Origin
	if o == nil {
		v.statement(key, st, true)
		return
	}
	base := v.at(key, st.Pos)
	if msg, hint := o.problem(); msg != "" {
		v.add(base, hint, "%s", msg)
		return
	}
	seen := map[string]bool{}
	ok := true
	for j, id := range o.Options {
		p := v.at(fmt.Sprintf("%s/opt/%d", key, j), base)
		if _, known := v.opts[id]; !known {
			if v.refs {
				v.add(p, v.unknownHint(id), "unknown option %q in %s", id, o.Helper)
			}
			ok = false
			continue
		}
		if seen[id] {
			if o.Helper == Requires && id == o.Options[0] {
				v.add(p, "", "option %q requires itself", id)
			} else {
				v.add(p, "", "option %q is listed twice in %s", id, o.Helper)
			}
			ok = false
		}
		seen[id] = true
	}
	if ok {
		v.statement(key, st, false)
	}
}
