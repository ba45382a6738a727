package gmcrplus

import (
	"bytes"
	"errors"
	"fmt"
	"github.com/gmcr/gmcr/internal/english"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/gmcr/gmcr/model"
)

// Extras holds what a GMCR+ 0.4.1 save file says beyond what a model.Model
// can hold. Decode fills it; Encode writes it back (a nil *Extras means
// none).
type Extras struct {
	// Coalitions is the file's fixed coalition structure ("coalitions"):
	// each inner list holds the indexes (0-based, in model order) of DMs
	// that act as one. Nil when the file has none, or when its list does
	// not split the DMs into disjoint groups (GMCR+ 0.4.1 then falls back
	// to every DM on its own, and Decode adds a warning).
	Coalitions [][]int
	// InactiveStatements maps a DM index to the preference statements the
	// file keeps for that DM while it uses manual rankings
	// (useManualPreferenceRanking): GMCR+ keeps them, the model holds only
	// the ranking.
	InactiveStatements map[int][]model.Statement
	// Program and Version are the file's "program" and "version" fields.
	Program, Version string
	// Warnings lists what Decode ignored or dropped, each starting with
	// the file name and JSON path.
	Warnings []string
}

// Read reads the GMCR+ 0.4.1 save file at path; see Decode.
func Read(path string) (*model.Model, *Extras, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return nil, nil, &Error{File: path, Msg: "cannot read the file: " + err.Error()}
	}
	return Decode(data, path)
}

// Decode reads a GMCR+ 0.4.1 save file held in data; filename names it in
// errors and in the model (Title is its base name without extension).
//
// Options keep the file's order; each DM's option list keeps the order of
// its "options" entry, which is the order GMCR+ numbers states by. Every
// option must be controlled by exactly one DM (a repetition within one
// DM's list is ignored with a warning, as GMCR+ ignores it). Option and DM
// ids are generated from the names: lowercase ASCII letters and digits,
// every other run of characters becoming "_", leading and trailing "_"
// dropped, prefixed with "o" (options) or "dm" (DMs) when empty or starting
// with a digit, with "o_" or "dm_" when a keyword of the statement
// language, made unique with "_2", "_3", .... Names are kept as they are.
//
// Each condition becomes a model.Statement whose Text reads like
// "(a and not b) or c" and whose Expr is the equivalent tree (Lit, Not of
// Lit, And, Or), with Col set as statement.Parse sets it. A DM's
// preferences are its statements, or, when the file uses manual rankings,
// its preferenceRanking (tie groups kept, empty groups dropped), which must
// name every feasible state once. A preference condition that always or
// never holds cannot change a ranking and is dropped with a warning; a DM
// left without statements gets a ranking tying every feasible state, as in
// GMCR+. A DM's "misperceptions" (GMCR+ hypergames) become its
// model.DM.Misperceived conditions: the DM does not perceive a state
// where any holds. An infeasible condition or misperception that always
// holds is an error, one that never holds (an empty compound) is dropped
// with a warning. A condition naming an option twice is an error (GMCR+
// 0.4.1 pairs its options and values up wrongly then), and so is a
// compound condition of more than 1024 members (more than Encode writes).
//
// Errors are *Error values giving the file, line, column and JSON path.
// Decode never panics.
func Decode(data []byte, filename string) (*model.Model, *Extras, error) {
	if filename == "" {
		filename = "<input>"
	}
	// A byte order mark is not part of the JSON, nor of any column.
	d := &decoder{file: filename, body: bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))}
	m, ex, err := d.decode()
	if err != nil {
		return nil, nil, err
	}
	return m, ex, nil
}

type decoder struct {
	file string
	body []byte // the file without a byte order mark

	nOpts    int
	warnings []string
}

// cond is a condition read from the file.
type cond struct {
	d    dnf
	node *jnode
	path string
}

type dmRaw struct {
	name      string
	node      *jnode
	optsNode  *jnode
	opts      []int
	prefsNode *jnode
	prefs     []cond
	misp      []cond
	rankNode  *jnode
	rankPath  string
}

func (d *decoder) errAt(n *jnode, path, format string, args ...any) *Error {
	e := &Error{File: d.file, Path: path, Msg: fmt.Sprintf(format, args...)}
	if n != nil {
		e.Line, e.Col = lineCol(d.body, n.off)
	}
	return e
}

func (d *decoder) warn(n *jnode, path, format string, args ...any) {
	d.warnings = append(d.warnings, d.errAt(n, path, format, args...).Error())
}

func (d *decoder) pos(n *jnode) model.Pos {
	p := model.Pos{File: d.file}
	if n != nil {
		p.Line, p.Col = lineCol(d.body, n.off)
	}
	return p
}

// list returns the elements of n, which must be a list.
func (d *decoder) list(n *jnode, path string) ([]*jnode, error) {
	if n.kind != jArray {
		return nil, d.errAt(n, path, "must be a list, not %s", n.kind)
	}
	return n.elems, nil
}

// whole parses a JSON number that must be a whole number; huge values are
// kept as floats so that range checks still tell the truth.
func whole(s string) (float64, bool) {
	f, err := strconv.ParseFloat(s, 64)
	if err != nil && !errors.Is(err, strconv.ErrRange) {
		return 0, false
	}
	return f, f == math.Trunc(f) // true for ±Inf too: out of range, not fractional
}

// index reads an index in [0, limit) into a list of things (one names
// one of them).
func (d *decoder) index(n *jnode, path string, limit int, one string) (int, error) {
	if n.kind != jNumber {
		return 0, d.errAt(n, path, "%s index must be a number, not %s", one, n.kind)
	}
	f, ok := whole(n.s)
	if !ok {
		return 0, d.errAt(n, path, "%s index %s is not a whole number", one, n.s)
	}
	if f < 0 || f >= float64(limit) {
		return 0, d.errAt(n, path, "%s index %s out of range (file has %s)", one, n.s, english.Count(limit, one))
	}
	return int(f), nil
}

// name reads a "name" field; GMCR+ accepts anything str() can print, so
// numbers are taken too.
func (d *decoder) name(obj *jnode, path string) (string, error) {
	n := obj.get("name")
	if n == nil {
		return "", d.errAt(obj, path, `missing "name"`)
	}
	switch n.kind {
	case jString, jNumber:
		return n.s, nil
	}
	return "", d.errAt(n, path+".name", "must be a string, not %s", n.kind)
}

func (d *decoder) direction(n *jnode, path string) (model.Reversibility, error) {
	if n.kind == jString {
		switch n.s {
		case "both":
			return model.Both, nil
		case "fwd", "forward":
			return model.Forward, nil
		case "back", "backward":
			return model.Backward, nil
		}
		return 0, d.errAt(n, path, `unknown direction %q (want "both", "fwd" or "back")`, n.s)
	}
	return 0, d.errAt(n, path, `must be "both", "fwd" or "back", not %s`, n.kind)
}

// conj reads a list of [option index, "Y"|"N"] pairs.
func (d *decoder) conj(n *jnode, path string) (term, error) {
	if n.kind != jArray {
		return nil, d.errAt(n, path, `must be a list of [option index, "Y" or "N"] pairs, not %s`, n.kind)
	}
	t := make(term, 0, len(n.elems))
	for i, p := range n.elems {
		pp := fmt.Sprintf("%s[%d]", path, i)
		if p.kind != jArray || len(p.elems) != 2 {
			return nil, d.errAt(p, pp, `must be a pair [option index, "Y" or "N"]`)
		}
		o, err := d.index(p.elems[0], pp+"[0]", d.nOpts, "option")
		if err != nil {
			return nil, err
		}
		v := p.elems[1]
		if v.kind != jString || (v.s != "Y" && v.s != "N") {
			what := v.kind.String()
			if v.kind == jString {
				what = strconv.Quote(v.s)
			}
			return nil, d.errAt(v, pp+"[1]", `must be "Y" or "N", not %s`, what)
		}
		for _, l := range t {
			if l.opt == o {
				// GMCR+ 0.4.1 pairs options and values up wrongly then.
				return nil, d.errAt(p, pp, "option %d appears twice in one condition", o)
			}
		}
		t = append(t, lit{o, v.s == "Y"})
	}
	return t, nil
}

// cond reads a condition: a conjunction, or an object with "members" (a
// disjunction of conjunctions; GMCR+ 0.4.1 ignores the "compound" flag) or
// with "condition" (one conjunction).
func (d *decoder) cond(n *jnode, path string) (cond, error) {
	c := cond{node: n, path: path}
	switch n.kind {
	case jArray:
		t, err := d.conj(n, path)
		c.d = dnf{t}
		return c, err
	case jObject:
		if mem := n.get("members"); mem != nil {
			ms, err := d.list(mem, path+".members")
			if err != nil {
				return c, err
			}
			if len(ms) > maxTerms {
				return c, d.errAt(mem, path+".members", "a compound condition of %d members is more than gmcr handles (%d)", len(ms), maxTerms)
			}
			for i, e := range ms {
				t, err := d.conj(e, fmt.Sprintf("%s.members[%d]", path, i))
				if err != nil {
					return c, err
				}
				c.d = append(c.d, t)
			}
			return c, nil
		}
		if one := n.get("condition"); one != nil {
			t, err := d.conj(one, path+".condition")
			c.d = dnf{t}
			return c, err
		}
		return c, d.errAt(n, path, `a condition object needs "members" (a compound condition)`)
	}
	return c, d.errAt(n, path, `a condition must be a list of [option index, "Y" or "N"] pairs or a compound condition object, not %s`, n.kind)
}

// conds reads an optional list of conditions.
func (d *decoder) conds(n *jnode, path string) ([]cond, error) {
	if n == nil || n.kind == jNull {
		return nil, nil
	}
	items, err := d.list(n, path)
	if err != nil {
		return nil, err
	}
	out := make([]cond, 0, len(items))
	for i, e := range items {
		c, err := d.cond(e, fmt.Sprintf("%s[%d]", path, i))
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, nil
}

// constant tells whether c always holds (+1), never holds (-1) or neither
// (0). (A term cannot contradict itself: options are not repeated.)
func (c cond) constant() int {
	switch {
	case c.d.isFalse():
		return -1
	case c.d.isTrue():
		return 1
	}
	return 0
}

func (d *decoder) statement(c cond, ids []string) model.Statement {
	text, expr := textExpr(c.d, ids)
	return model.Statement{Text: text, Expr: expr, Pos: d.pos(c.node)}
}

func (d *decoder) decode() (*model.Model, *Extras, error) {
	if len(bytes.TrimSpace(d.body)) == 0 {
		return nil, nil, &Error{File: d.file, Msg: "empty file"}
	}
	root, err := parseJSON(d.body)
	if err != nil {
		var se *syntaxError
		errors.As(err, &se)
		e := &Error{File: d.file, Msg: "invalid JSON: " + se.msg}
		if strings.HasPrefix(se.msg, "duplicate key") {
			e.Msg = se.msg // valid JSON, but ambiguous
		}
		if b := bytes.TrimSpace(d.body); len(b) > 0 && b[0] != '{' {
			e.Msg += " (a .gmcr file is a GMCR+ save file, a JSON object; a YAML or JSON model file should be named .yaml or .json)"
		}
		e.Line, e.Col = lineCol(d.body, se.off)
		return nil, nil, e
	}
	if root.kind != jObject {
		return nil, nil, d.errAt(root, "", "a GMCR+ file must hold a JSON object, not %s", root.kind)
	}

	// Options.
	on := root.get("options")
	if on == nil {
		return nil, nil, d.errAt(root, "", `missing "options"`)
	}
	optNodes, err := d.list(on, "options")
	if err != nil {
		return nil, nil, err
	}
	d.nOpts = len(optNodes)
	opts := make([]model.Option, len(optNodes))
	for i, n := range optNodes {
		p := fmt.Sprintf("options[%d]", i)
		o := model.Option{Pos: d.pos(n)}
		switch n.kind {
		case jString: // not written by GMCR+, but unambiguous
			o.Name = n.s
		case jObject:
			if o.Name, err = d.name(n, p); err != nil {
				return nil, nil, err
			}
			key := "permittedDirection"
			dir := n.get(key)
			if dir == nil {
				key = "reversibility"
				dir = n.get(key)
			}
			if dir != nil {
				if o.Reversibility, err = d.direction(dir, p+"."+key); err != nil {
					return nil, nil, err
				}
			}
		default:
			return nil, nil, d.errAt(n, p, "an option must be an object with a name, not %s", n.kind)
		}
		opts[i] = o
	}

	// Manual rankings or prioritized statements.
	manual := false
	for _, key := range []string{"useManualPreferenceRanking", "useManualPreferenceVectors"} {
		n := root.get(key)
		if n == nil || n.kind == jNull {
			continue // absent or null: the older key may still say
		}
		if n.kind != jBool {
			return nil, nil, d.errAt(n, key, "must be true or false, not %s", n.kind)
		}
		manual = n.b
		break
	}

	// Decision makers.
	dn := root.get("decisionMakers")
	if dn == nil {
		return nil, nil, d.errAt(root, "", `missing "decisionMakers"`)
	}
	dmNodes, err := d.list(dn, "decisionMakers")
	if err != nil {
		return nil, nil, err
	}
	owner := make([]int, d.nOpts)
	for i := range owner {
		owner[i] = -1
	}
	dms := make([]dmRaw, len(dmNodes))
	for j, n := range dmNodes {
		p := fmt.Sprintf("decisionMakers[%d]", j)
		if n.kind != jObject {
			return nil, nil, d.errAt(n, p, "a decision maker must be an object, not %s", n.kind)
		}
		dm := dmRaw{node: n}
		if dm.name, err = d.name(n, p); err != nil {
			return nil, nil, err
		}
		dm.optsNode = n.get("options")
		if dm.optsNode == nil {
			return nil, nil, d.errAt(n, p, `missing "options"`)
		}
		items, err := d.list(dm.optsNode, p+".options")
		if err != nil {
			return nil, nil, err
		}
		for k, e := range items {
			pp := fmt.Sprintf("%s.options[%d]", p, k)
			o, err := d.index(e, pp, d.nOpts, "option")
			if err != nil {
				return nil, nil, err
			}
			switch owner[o] {
			case -1:
				owner[o] = j
				dm.opts = append(dm.opts, o)
			case j:
				d.warn(e, pp, "option %d is listed twice; the repetition is ignored, as GMCR+ does", o)
			default:
				return nil, nil, d.errAt(e, pp, "option %d (%q) is already controlled by decisionMakers[%d] (%q)",
					o, opts[o].Name, owner[o], dms[owner[o]].name)
			}
		}
		dm.prefsNode = n.get("preferences")
		if dm.prefs, err = d.conds(dm.prefsNode, p+".preferences"); err != nil {
			return nil, nil, err
		}
		if dm.misp, err = d.conds(n.get("misperceptions"), p+".misperceptions"); err != nil {
			return nil, nil, err
		}
		if manual {
			dm.rankPath = p + ".preferenceRanking"
			dm.rankNode = n.get("preferenceRanking")
			if dm.rankNode == nil {
				dm.rankPath = p + ".preferenceVector"
				dm.rankNode = n.get("preferenceVector")
			}
			if dm.rankNode == nil {
				return nil, nil, d.errAt(n, p, `missing "preferenceRanking" (the file uses manual preference rankings)`)
			}
		}
		dms[j] = dm
	}
	if len(dms) < 2 {
		return nil, nil, d.errAt(dn, "decisionMakers", "a conflict needs at least two decision makers; the file has %d", len(dms))
	}
	for j, dm := range dms {
		if len(dm.opts) == 0 {
			return nil, nil, d.errAt(dm.optsNode, fmt.Sprintf("decisionMakers[%d].options", j), "decision maker %q controls no options", dm.name)
		}
	}
	for i, o := range owner {
		if o < 0 {
			return nil, nil, d.errAt(optNodes[i], fmt.Sprintf("options[%d]", i),
				"option %q is controlled by no decision maker (GMCR+ numbers states by DM, so every option needs one)", opts[i].Name)
		}
	}

	// Infeasible conditions.
	infeas, err := d.conds(root.get("infeasibles"), "infeasibles")
	if err != nil {
		return nil, nil, err
	}

	// Ids and the model.
	used := map[string]bool{}
	ids := make([]string, d.nOpts)
	for i := range opts {
		ids[i] = makeID(opts[i].Name, "o", used)
		opts[i].ID = ids[i]
	}
	// bit[i]: the position of file option i in GMCR+'s numbering order.
	bit := make([]int, d.nOpts)
	k := 0
	for _, dm := range dms {
		for _, o := range dm.opts {
			bit[o] = k
			k++
		}
	}
	title := strings.TrimSuffix(filepath.Base(d.file), filepath.Ext(d.file))
	if strings.TrimSpace(title) == "" {
		title = "GMCR+ conflict"
	}
	m := &model.Model{
		Title:       title,
		Description: "Imported from the GMCR+ save file " + filepath.Base(d.file) + ".",
		Options:     opts,
		File:        d.file,
	}
	ex := &Extras{}
	if n := root.get("program"); n != nil && (n.kind == jString || n.kind == jNumber) {
		ex.Program = n.s
	}
	if n := root.get("version"); n != nil && (n.kind == jString || n.kind == jNumber) {
		ex.Version = n.s
	}

	var cubes []cube
	for _, c := range infeas {
		switch c.constant() {
		case 1:
			return nil, nil, d.errAt(c.node, c.path, "this condition holds in every state, so no state would be feasible")
		case -1:
			d.warn(c.node, c.path, "empty compound condition never holds; ignored")
			continue
		}
		m.Infeasible = append(m.Infeasible, d.statement(c, ids))
		for _, t := range c.d {
			var cb cube
			for _, l := range t {
				cb.care |= 1 << uint(bit[l.opt]%64)
				if l.val {
					cb.val |= 1 << uint(bit[l.opt]%64)
				}
			}
			cubes = append(cubes, cb)
		}
	}
	feasible := func() (uint64, error) { return countFeasible(d.nOpts, cubes) }

	usedDM := map[string]bool{}
	for j, raw := range dms {
		p := fmt.Sprintf("decisionMakers[%d]", j)
		dm := model.DM{ID: makeID(raw.name, "dm", usedDM), Name: raw.name, Pos: d.pos(raw.node)}
		for _, o := range raw.opts {
			dm.Options = append(dm.Options, ids[o])
		}
		var stmts []model.Statement
		for _, c := range raw.prefs {
			if k := c.constant(); k != 0 {
				what := "always holds"
				if k < 0 {
					what = "never holds"
				}
				d.warn(c.node, c.path, "preference condition %s, so it cannot change the ranking; ignored", what)
				continue
			}
			stmts = append(stmts, d.statement(c, ids))
		}
		switch {
		case manual:
			r, err := d.ranking(raw.rankNode, raw.rankPath, feasible)
			if err != nil {
				return nil, nil, err
			}
			dm.Prefs = model.Preferences{Ranking: r, Pos: d.pos(raw.rankNode)}
			if len(stmts) > 0 {
				if ex.InactiveStatements == nil {
					ex.InactiveStatements = map[int][]model.Statement{}
				}
				ex.InactiveStatements[j] = stmts
			}
		case len(stmts) > 0:
			dm.Prefs = model.Preferences{Statements: stmts, Pos: d.pos(raw.prefsNode)}
		default:
			// No statement: GMCR+ ties every feasible state.
			at, path := raw.prefsNode, p+".preferences"
			if at == nil {
				at, path = raw.node, p
			}
			n, err := feasible()
			if err != nil {
				return nil, nil, d.errAt(at, path, "no preference statements, and %v", err)
			}
			if n == 0 {
				return nil, nil, d.errAt(at, path, "no preference statements, and the infeasible conditions leave no feasible state")
			}
			if n > 1<<20 {
				return nil, nil, d.errAt(at, path, "no preference statements, and too many feasible states (%d) to tie them all", n)
			}
			tie := make([]int, n)
			for s := range tie {
				tie[s] = s + 1
			}
			dm.Prefs = model.Preferences{Ranking: [][]int{tie}, Pos: d.pos(at)}
		}
		for _, c := range raw.misp {
			switch c.constant() {
			case 1:
				return nil, nil, d.errAt(c.node, c.path, "this misperception holds in every state, so the DM would perceive no state")
			case -1:
				d.warn(c.node, c.path, "empty compound condition never holds; ignored")
				continue
			}
			dm.Misperceived = append(dm.Misperceived, d.statement(c, ids))
		}
		m.DMs = append(m.DMs, dm)
	}

	if err := d.coalitions(root.get("coalitions"), len(dms), ex); err != nil {
		return nil, nil, err
	}
	// A GMCR+ ranking is by state number, which changes meaning once an
	// option or a constraint is added to the converted model: name its
	// states by Y/N pattern when a model file is written (model.Marshal),
	// or, for models too large for that, record the numbering.
	for j := range m.DMs {
		p := &m.DMs[j].Prefs
		if len(p.Ranking) == 0 {
			continue
		}
		if d.nOpts <= 16 {
			p.RankingForm = model.RankByPattern
			continue
		}
		if n, err := feasible(); err == nil {
			var order []string
			for _, dm := range m.DMs {
				order = append(order, dm.Options...)
			}
			p.Numbering = &model.Numbering{States: int(n), Options: order}
		}
	}
	ex.Warnings = d.warnings
	return m, ex, nil
}

// ranking reads a preferenceRanking: ordered state numbers, most preferred
// first, a nested list being a group of tied states. It must name every
// feasible state exactly once.
func (d *decoder) ranking(n *jnode, path string, feasible func() (uint64, error)) ([][]int, error) {
	items, err := d.list(n, path)
	if err != nil {
		return nil, err
	}
	total, err := feasible()
	if err != nil {
		return nil, d.errAt(n, path, "cannot check the ranking: %v", err)
	}
	if total == 0 {
		return nil, d.errAt(n, path, "the infeasible conditions leave no feasible state to rank")
	}
	seen := map[int]bool{}
	state := func(e *jnode, p string) (int, error) {
		if e.kind != jNumber {
			return 0, d.errAt(e, p, "a state number must be a number, not %s", e.kind)
		}
		f, ok := whole(e.s)
		if !ok {
			return 0, d.errAt(e, p, "state number %s is not a whole number", e.s)
		}
		if f < 1 || f > float64(total) {
			return 0, d.errAt(e, p, "state %s out of range (the conflict has %d feasible states)", e.s, total)
		}
		s := int(f)
		if seen[s] {
			return 0, d.errAt(e, p, "state %d is listed more than once", s)
		}
		seen[s] = true
		return s, nil
	}
	var r [][]int
	for i, e := range items {
		p := fmt.Sprintf("%s[%d]", path, i)
		switch e.kind {
		case jArray:
			var g []int
			for k, x := range e.elems {
				if x.kind == jArray {
					return nil, d.errAt(x, fmt.Sprintf("%s[%d]", p, k), "tie groups cannot be nested")
				}
				s, err := state(x, fmt.Sprintf("%s[%d]", p, k))
				if err != nil {
					return nil, err
				}
				g = append(g, s)
			}
			if len(g) > 0 {
				r = append(r, g)
			}
		default:
			s, err := state(e, p)
			if err != nil {
				return nil, err
			}
			r = append(r, []int{s})
		}
	}
	if msg := checkRanking(r, total); msg != "" {
		return nil, d.errAt(n, path, "%s", msg)
	}
	return r, nil
}

// coalitions reads the optional "coalitions" list into ex.
func (d *decoder) coalitions(n *jnode, nDMs int, ex *Extras) error {
	if n == nil || n.kind == jNull {
		return nil
	}
	items, err := d.list(n, "coalitions")
	if err != nil {
		return err
	}
	var groups [][]int
	for i, e := range items {
		p := fmt.Sprintf("coalitions[%d]", i)
		switch e.kind {
		case jArray:
			var g []int
			for k, x := range e.elems {
				v, err := d.index(x, fmt.Sprintf("%s[%d]", p, k), nDMs, "decision maker")
				if err != nil {
					return err
				}
				g = append(g, v)
			}
			groups = append(groups, g)
		default:
			v, err := d.index(e, p, nDMs, "decision maker")
			if err != nil {
				return err
			}
			groups = append(groups, []int{v})
		}
	}
	if len(groups) == 0 {
		return nil
	}
	if msg := partitionProblem(groups, nDMs); msg != "" {
		d.warn(n, "coalitions", "%s; ignored, as GMCR+ does (every DM acts alone)", msg)
		return nil
	}
	ex.Coalitions = groups
	return nil
}

// partitionProblem describes why groups is not a partition of DMs 0..n-1,
// or returns "".
func partitionProblem(groups [][]int, n int) string {
	in := make([]int, n)
	for i := range in {
		in[i] = -1
	}
	for gi, g := range groups {
		if len(g) == 0 {
			return fmt.Sprintf("coalition %d is empty", gi)
		}
		for _, j := range g {
			if j < 0 || j >= n {
				return fmt.Sprintf("coalition %d names DM index %d, out of range", gi, j)
			}
			if in[j] >= 0 {
				return fmt.Sprintf("DM %d is in more than one coalition", j)
			}
			in[j] = gi
		}
	}
	for j, g := range in {
		if g < 0 {
			return fmt.Sprintf("DM %d is in no coalition", j)
		}
	}
	return ""
}
