package model

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/gmcr/gmcr/model/statement"
	"gopkg.in/yaml.v3"
)

// Load reads the model file at path and returns Parse's result for it.
// Besides Parse's errors it returns the error of reading the file (an
// *fs.PathError).
func Load(path string) (*Model, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return Parse(data, path)
}

// Parse reads a model from data, the content of a model file named
// filename (used in positions and messages only; it may be empty). The
// format is chosen by content: text whose first character (after spaces
// and a byte-order mark) is "{" or "[" is read as JSON (or, if it is not
// valid JSON and filename does not end in ".json", as a YAML flow
// document), anything else as YAML; docs/model-format.md describes the
// schema.
//
// Parse expands the feasibility helpers into Model.Infeasible, fills every
// Pos, and checks the model as Validate does. On failure it returns a nil
// Model and either an *Error (one problem) or an ErrorList (several,
// sorted by position, at most MaxErrors of them plus a count of the
// rest). Checks that need the state space (rankings that miss states,
// constraints that leave no feasible state, an infeasible status quo, the
// model's size) are left to the analysis engine.
func Parse(data []byte, filename string) (*Model, error) {
	d := &decoder{
		file:  filename,
		lines: strings.Split(string(data), "\n"),
		loc:   &locator{pos: map[string]Pos{}, stmt: map[string]stmtLoc{}, broken: map[string]bool{}},
	}
	root, err := d.document(data)
	if err != nil {
		return nil, err
	}
	d.aliasLimit = 64*len(data) + 4<<20
	m, err := d.model(root)
	if err != nil {
		return nil, err
	}
	if d.emptyStates != nil {
		// Neither form's checks apply: option form's would all fail
		// ("no options", ranking entries by id) for a graph-form intent.
		return nil, ErrorList{d.emptyStates}.err()
	}
	d.resolveRankRefs(m)
	d.errs = append(d.errs, m.validate(d.loc)...)
	if err := d.errs.err(); err != nil {
		return nil, err
	}
	d.warnAllDM(m)
	return m, nil
}

// warnAllDM warns about a DM whose id or name is "all" (in any case): a
// --dm value (and an API "dm" field) naming a DM selects that DM before
// "all" means every DM, so "--dm all" no longer asks for every DM.
func (d *decoder) warnAllDM(m *Model) {
	for i := range m.DMs {
		dm := &m.DMs[i]
		key := fmt.Sprintf("dm/%d", i)
		var p Pos
		what, value := "id", dm.ID
		switch {
		case strings.EqualFold(dm.ID, "all"):
			p = d.loc.at(key+"/id", d.loc.at(key, dm.Pos))
		case strings.EqualFold(strings.TrimSpace(dm.Name), "all"):
			p = d.loc.at(key+"/name", d.loc.at(key, dm.Pos))
			what, value = "name", dm.Name
		default:
			continue
		}
		if p.File == "" {
			p.File = m.File
		}
		m.Warnings = append(m.Warnings, fmt.Sprintf("%s: the %s %q of decision maker %q is also the word for every decision maker: --dm all selects this one decision maker; leave --dm out to take every decision maker, or rename it", p, what, value, dm.ID))
	}
}

// decoder builds a Model from a yaml.Node tree, collecting errors.
type decoder struct {
	file  string
	lines []string
	errs  ErrorList
	loc   *locator
	// work done through aliases so far, and its limit
	aliasWork, aliasLimit int
	sizes                 map[*yaml.Node]int
	// stateIDs maps the state ids of a graph-form model to their numbers
	// (1-based); nil in option form.
	stateIDs map[string]int
	// emptyStates is the error for "states: []", set when given: the
	// model's form is then unknown, so it is the only error reported.
	emptyStates *Error
	// ranking entries given by pattern or options taken (rankref.go), and
	// the form of the ranking being decoded
	refs     []stateRef
	rankForm RankingForm
	// rankCuts are the strength cuts of the ranking last decoded.
	rankCuts []Cut
	// runeLine caches the runes of line runeLineNo: many statements on
	// one long line would otherwise convert it once each.
	runeLineNo int
	runeLine   []rune
}

// lineRunes returns line l (1-based) as runes, without a leading BOM.
func (d *decoder) lineRunes(l int) []rune {
	if d.runeLineNo != l {
		line := []rune(d.lines[l-1])
		if l == 1 && len(line) > 0 && line[0] == '\ufeff' {
			line = line[1:]
		}
		d.runeLineNo, d.runeLine = l, line
	}
	return d.runeLine
}

// hasRunePrefix reports whether runes starts with s.
func hasRunePrefix(runes []rune, s string) bool {
	i := 0
	for _, r := range s {
		if i >= len(runes) || runes[i] != r {
			return false
		}
		i++
	}
	return true
}

// locator remembers, for the checks of Model.validate, where in the file
// each part of the model was, and which parts could not be decoded (so
// that validate does not report them a second time). Keys are paths such
// as "dm/0/options/2".
type locator struct {
	pos    map[string]Pos
	stmt   map[string]stmtLoc
	broken map[string]bool
}

// stmtLoc is where a statement's text is: base is the position of its
// first character; when inline, the statement is on one line and written
// without escapes, so column c of the statement is at base.Col + c - 1.
type stmtLoc struct {
	base   Pos
	inline bool
}

// at returns the position recorded for key, or fallback.
func (l *locator) at(key string, fallback Pos) Pos {
	if l != nil {
		if p, ok := l.pos[key]; ok {
			return p
		}
	}
	return fallback
}

// isBroken reports whether key could not be decoded.
func (l *locator) isBroken(key string) bool { return l != nil && l.broken[key] }

// col returns the position of column col (1-based, 0 for unknown) of the
// statement recorded under key, or fallback. exact is false when the
// position is that of the statement rather than of the column (the
// statement spans lines or has escapes, or was not read from a file).
func (l *locator) col(key string, col int, fallback Pos) (p Pos, exact bool) {
	if l == nil {
		return fallback, false
	}
	s, ok := l.stmt[key]
	if !ok {
		return fallback, false
	}
	p = s.base
	if s.inline && col > 0 {
		p.Col += col - 1
		return p, true
	}
	return p, false
}

func (d *decoder) pos(n *yaml.Node) Pos {
	return Pos{File: d.file, Line: n.Line, Col: n.Column}
}

func (d *decoder) errorf(n *yaml.Node, hint, format string, args ...any) {
	d.errs.add(d.pos(n), hint, format, args...)
}

func (d *decoder) mark(key string, n *yaml.Node) { d.loc.pos[key] = d.pos(n) }

func (d *decoder) breakKey(keys ...string) {
	for _, k := range keys {
		d.loc.broken[k] = true
	}
}

// document parses data into the root node of the model.
func (d *decoder) document(data []byte) (*yaml.Node, error) {
	trimmed := bytes.TrimLeft(bytes.TrimPrefix(data, []byte("\ufeff")), " \t\r\n")
	if len(trimmed) == 0 {
		return nil, &Error{Pos: Pos{File: d.file, Line: 1, Col: 1}, Msg: "empty model file", Hint: "a model needs at least title, options and decision_makers"}
	}
	jsonName := strings.HasSuffix(strings.ToLower(d.file), ".json")
	if trimmed[0] == '{' || trimmed[0] == '[' || (jsonName && trimmed[0] == '/') {
		root, jerr := parseJSON(data)
		if jerr == nil {
			return root, nil
		}
		if rest := data[min(jerr.off, len(data)):]; bytes.HasPrefix(rest, []byte("//")) || bytes.HasPrefix(rest, []byte("/*")) {
			jerr.msg = "JSON does not allow comments"
			jerr.hint = "remove the comment, or save the model as a .yaml file, where # starts a comment"
		}
		// A YAML flow document also starts with "{" or "[", unless the
		// file is named as JSON.
		if !jsonName {
			if root, err := d.yamlDocument(data); err == nil {
				return root, nil
			}
		}
		line, col := position(data, jerr.off)
		return nil, &Error{Pos: Pos{File: d.file, Line: line, Col: col}, Msg: jerr.msg, Hint: jerr.hint}
	}
	return d.yamlDocument(data)
}

// yamlDocument parses data as a single YAML document.
func (d *decoder) yamlDocument(data []byte) (root *yaml.Node, err error) {
	defer func() {
		if r := recover(); r != nil {
			root, err = nil, &Error{Pos: Pos{File: d.file, Line: 1, Col: 1}, Msg: fmt.Sprintf("invalid YAML: %v", r)}
		}
	}()
	if off, msg, hint, bad := badCharacter(data); bad {
		line, col := position(data, off)
		return nil, &Error{Pos: Pos{File: d.file, Line: line, Col: col}, Msg: msg, Hint: hint}
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, &Error{Pos: Pos{File: d.file, Line: 1, Col: 1}, Msg: "empty model file", Hint: "a model needs at least title, options and decision_makers"}
		}
		return nil, d.yamlError(data, err)
	}
	var next yaml.Node
	if err := dec.Decode(&next); err == nil {
		if len(next.Content) > 0 && !isNull(next.Content[0]) {
			return nil, &Error{Pos: d.pos(&next), Msg: "more than one YAML document in the file", Hint: `a model file holds one document; remove the "---" line`}
		}
	} else if !errors.Is(err, io.EOF) {
		return nil, d.yamlError(data, err)
	}
	if len(doc.Content) == 0 || isNull(doc.Content[0]) {
		return nil, &Error{Pos: Pos{File: d.file, Line: 1, Col: 1}, Msg: "empty model file", Hint: "a model needs at least title, options and decision_makers"}
	}
	return doc.Content[0], nil
}

// badCharacter finds the first bytes YAML does not allow in a file:
// invalid UTF-8, or a control character other than tab, line feed and
// carriage return (YAML 1.2 §5.1). The YAML parser reports them without a
// position; this gives their line and column and what to do.
func badCharacter(data []byte) (off int, msg, hint string, bad bool) {
	for off < len(data) {
		c := data[off]
		if c >= 0x20 && c < 0x7f || c == '\t' || c == '\n' || c == '\r' {
			off++
			continue
		}
		r, size := utf8.DecodeRune(data[off:])
		switch {
		case r == utf8.RuneError && size <= 1:
			return off, fmt.Sprintf("invalid UTF-8 (byte 0x%02x)", c),
				"a model file must be UTF-8: save it again as UTF-8 (it may be Latin-1 or Windows-1252)", true
		case r < 0x20 || r == 0x7f || (r >= 0x80 && r <= 0x9f && r != 0x85):
			return off, fmt.Sprintf("control character U+%04X is not allowed in YAML", r),
				`remove it, or in a double-quoted string write it as an escape such as "\t"`, true
		}
		off += size
	}
	return 0, "", "", false
}

var bigIntRE = regexp.MustCompile(`^[-+]?[0-9]+$`)

var yamlLineRE = regexp.MustCompile(`^line (\d+): (.*)$`)

// yamlParserErrors are yaml.v3 messages that come from its parser, which
// reports 0-based line numbers (its scanner reports 1-based ones).
var yamlParserErrors = map[string]bool{
	"did not find expected <document start>": true,
	"did not find expected node content":     true,
	"did not find expected key":              true,
	"did not find expected '-' indicator":    true,
	"did not find expected ',' or ']'":       true,
	"did not find expected ',' or '}'":       true,
}

var yamlAnchorRE = regexp.MustCompile(`^(?:unknown anchor|anchor) '([^']*)'`)

// yamlError turns a yaml.v3 syntax error into an *Error. yaml.v3 reports
// only a line; the column is that of the line's first non-blank character.
func (d *decoder) yamlError(data []byte, err error) *Error {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	line := 1
	if m := yamlLineRE.FindStringSubmatch(msg); m != nil {
		line, _ = strconv.Atoi(m[1])
		msg = m[2]
		if yamlParserErrors[msg] {
			line++
		}
	} else if m := yamlAnchorRE.FindStringSubmatch(msg); m != nil {
		if i := bytes.Index(data, []byte("*"+m[1])); i >= 0 {
			l, c := position(data, i)
			return &Error{Pos: Pos{File: d.file, Line: l, Col: c}, Msg: "invalid YAML: " + msg}
		}
	}
	line = max(1, min(line, len(d.lines)))
	text := d.lines[line-1]
	col := 1
	for _, r := range text {
		if r != ' ' && r != '\t' {
			break
		}
		col++
	}
	if col > utf8.RuneCountInString(text) {
		col = 1
	}
	hint := ""
	switch {
	case strings.Contains(msg, "tab"), strings.HasPrefix(strings.TrimLeft(text, " "), "\t"):
		// yaml.v3 names the line before the tab; point at the tab.
		for l := line; l <= min(line+2, len(d.lines)); l++ {
			lt := d.lines[l-1]
			if i := strings.IndexByte(lt, '\t'); i >= 0 && strings.TrimLeft(lt[:i], " ") == "" {
				line, col = l, i+1
				break
			}
		}
		hint = "indent with spaces, not tabs"
	case strings.Contains(msg, "mapping values are not allowed"):
		hint = `check the indentation, and quote text that contains ": "`
	case strings.Contains(msg, "did not find expected key"), strings.Contains(msg, "did not find expected '-'"):
		hint = "check the indentation"
	case strings.Contains(msg, "found character that cannot start any token"):
		hint = "quote text that starts with a special character such as ` @ % or a tab"
	}
	return &Error{Pos: Pos{File: d.file, Line: line, Col: col}, Msg: "invalid YAML: " + msg, Hint: hint}
}

// errAliasBudget aborts decoding a document whose aliases would make
// the decoder do far more work than the document's size suggests.
var errAliasBudget = errors.New("excessive aliasing")

// resolve follows an alias to the node it names, charging the size of
// that node to the alias budget.
func (d *decoder) resolve(n *yaml.Node) *yaml.Node {
	if n != nil && n.Kind == yaml.AliasNode {
		t := resolve(n)
		d.aliasWork += d.size(t)
		if d.aliasWork > d.aliasLimit {
			panic(errAliasBudget)
		}
		return t
	}
	return resolve(n)
}

// size estimates the work of decoding n: its nodes and text, aliases
// inside it counted once.
func (d *decoder) size(n *yaml.Node) int {
	if s, ok := d.sizes[n]; ok {
		return s
	}
	s := 16 + len(n.Value)
	if n.Kind != yaml.AliasNode {
		for _, c := range n.Content {
			s += d.size(c)
		}
	}
	if d.sizes == nil {
		d.sizes = map[*yaml.Node]int{}
	}
	d.sizes[n] = s
	return s
}

// resolve follows an alias to the node it names.
func resolve(n *yaml.Node) *yaml.Node {
	for i := 0; n != nil && n.Kind == yaml.AliasNode && i < 100; i++ {
		n = n.Alias
	}
	if n == nil || n.Kind == yaml.AliasNode {
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!null"}
	}
	if n.Kind == yaml.DocumentNode {
		if len(n.Content) == 0 {
			return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!null", Line: n.Line, Column: n.Column}
		}
		return resolve(n.Content[0])
	}
	return n
}

func isNull(n *yaml.Node) bool {
	n = resolve(n)
	return n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null"
}

// describe names what a node holds, for messages: "a list", "a mapping",
// "a string", "the number 3", "true", "nothing".
func describe(n *yaml.Node) string {
	n = resolve(n)
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	}
	switch n.ShortTag() {
	case "!!str":
		return fmt.Sprintf("the text %q", clip(n.Value))
	case "!!int", "!!float":
		return "the number " + clip(n.Value)
	case "!!bool":
		return n.Value
	case "!!null":
		return "nothing"
	}
	return fmt.Sprintf("a value tagged %s", n.Tag)
}

func clip(s string) string {
	if r := []rune(s); len(r) > 40 {
		return string(r[:37]) + "..."
	}
	return s
}

// fields is a decoded mapping: its node and its fields' values by name.
// Null values are left out, as if the field were absent.
type fields struct {
	node *yaml.Node
	vals map[string]*yaml.Node
	// meant holds the known fields that an unknown field was reported as
	// a likely misspelling of ("did you mean ...?").
	meant map[string]bool
}

func (f fields) get(name string) *yaml.Node { return f.vals[name] }

// mistyped reports whether field name is absent because the file
// misspelt it: an unknown field was reported as probably meaning it. The
// checks that a required field is present skip such a field, so one typo
// gives one error, the cause ("unknown field ... did you mean ...?"),
// not a second one about the missing field.
func (f fields) mistyped(name string) bool { return f.vals[name] == nil && f.meant[name] }

// breakMistyped marks keys broken (see locator.broken) when field name
// is absent because it was misspelt.
func (d *decoder) breakMistyped(f fields, name string, keys ...string) {
	if f.mistyped(name) {
		d.breakKey(keys...)
	}
}

// misplaced gives hints for fields that belong elsewhere, by context.
var misplaced = map[string]map[string]string{
	"the model": {
		"infeasible":         `it belongs under "feasibility:"`,
		"mutually_exclusive": `it belongs under "feasibility:"`,
		"at_least_one":       `it belongs under "feasibility:"`,
		"exactly_one":        `it belongs under "feasibility:"`,
		"requires":           `it belongs under "feasibility:"`,
		"statements":         `it belongs under a decision maker's "preferences:"`,
		"ranking":            `it belongs under a decision maker's "preferences:"`,
		"preferences":        `it belongs under a decision maker`,
		"taken":              `it belongs under "status_quo:"`,
		"misperceived":       `it belongs under a decision maker`,
		"misperceptions":     `it belongs under a decision maker, as "misperceived:"`,
		"name":               `did you mean "title"?`,
		"dms":                `did you mean "decision_makers"?`,
		"decisionmakers":     `did you mean "decision_makers"?`,
		"players":            `did you mean "decision_makers"?`,
		"actors":             `did you mean "decision_makers"?`,
		"feasible":           `did you mean "feasibility"?`,
		"statusquo":          `did you mean "status_quo"?`,
	},
	"a decision maker": {
		"statements":     `it belongs under "preferences:"`,
		"ranking":        `it belongs under "preferences:"`,
		"controls":       `did you mean "options"?`,
		"misperceptions": `did you mean "misperceived"?`,
	},
	"an option": {
		"owner": `list the option under its decision maker's "options:" instead`,
		"dm":    `list the option under its decision maker's "options:" instead`,
		"title": `did you mean "name"?`,
	},
	"status_quo": {
		"options": `did you mean "taken"?`,
		"state":   `did you mean "taken"?`,
	},
	"feasibility": {
		"mutually_exclusive_options": `did you mean "mutually_exclusive"?`,
		"exclusive":                  `did you mean "mutually_exclusive"?`,
		"at_most_one":                `did you mean "mutually_exclusive"?`,
		"one_of":                     `did you mean "exactly_one"?`,
	},
}

// mapping decodes n as a mapping with the known fields; what names it in
// messages ("an option"). It reports unknown and repeated fields and
// non-text keys. ok is false when n is not a mapping.
func (d *decoder) mapping(n *yaml.Node, what string, known []string, hint string) (fields, bool) {
	n = d.resolve(n)
	f := fields{node: n, vals: map[string]*yaml.Node{}, meant: map[string]bool{}}
	if n.Kind != yaml.MappingNode {
		d.errorf(n, hint, "%s must be a mapping, found %s", what, describe(n))
		return f, false
	}
	d.collect(n, what, known, f.vals, f.meant, map[string]bool{}, map[*yaml.Node]bool{})
	return f, true
}

// collect adds to vals the fields of mapping n that are not yet set, then
// those of the mappings its merge keys ("<<: *base") name, each mapping
// once. set holds the fields set so far, null ones included.
func (d *decoder) collect(n *yaml.Node, what string, known []string, vals map[string]*yaml.Node, meant, set map[string]bool, visited map[*yaml.Node]bool) {
	visited[n] = true
	seen := map[string]*yaml.Node{}
	var merges []*yaml.Node
	pairs := n.Content
	for i := 0; i+1 < len(pairs); i += 2 {
		k, v := d.resolve(pairs[i]), pairs[i+1]
		if k.Kind != yaml.ScalarNode {
			d.errorf(k, "", "a field name must be text, found %s", describe(k))
			continue
		}
		if k.ShortTag() == "!!merge" {
			merges = append(merges, v)
			continue
		}
		name := k.Value
		if first, dup := seen[name]; dup {
			d.errorf(k, fmt.Sprintf("first at %d:%d", first.Line, first.Column), "duplicate field %q", name)
			continue
		}
		seen[name] = k
		if !slices.Contains(known, name) {
			h := misplaced[what][strings.ToLower(name)]
			if c, ok := strings.CutPrefix(h, `did you mean "`); ok {
				meant[strings.TrimSuffix(c, `"?`)] = true
			}
			if h == "" {
				if c := closest(name, known); c != "" {
					h = fmt.Sprintf("did you mean %q?", c)
					meant[c] = true
				} else {
					h = "known fields: " + strings.Join(known, ", ")
				}
			}
			d.errorf(k, h, "unknown field %q in %s", name, what)
			continue
		}
		if set[name] {
			continue
		}
		set[name] = true
		if v = d.resolve(v); !isNull(v) {
			vals[name] = v
		}
	}
	for _, mv := range merges {
		mv = d.resolve(mv)
		srcs := []*yaml.Node{mv}
		if mv.Kind == yaml.SequenceNode {
			srcs = mv.Content
		}
		for _, src := range srcs {
			src = d.resolve(src)
			if src.Kind != yaml.MappingNode {
				d.errorf(src, "write <<: *anchor, naming a mapping", "a merge key (<<) must name a mapping, found %s", describe(src))
				continue
			}
			if !visited[src] {
				d.collect(src, what, known, vals, meant, set, visited)
			}
		}
	}
}

// text decodes an optional free-text field: any scalar, as written.
func (d *decoder) text(f fields, name string) string {
	n := f.get(name)
	if n == nil {
		return ""
	}
	if n.Kind != yaml.ScalarNode {
		d.errorf(n, "", "%q must be text, found %s", name, describe(n))
		return ""
	}
	return n.Value
}

// evidence decodes the note and source fields.
func (d *decoder) evidence(f fields) Evidence {
	return Evidence{Note: d.text(f, "note"), Source: d.text(f, "source")}
}

// id decodes an id: a string scalar. ok is false (and an error reported)
// for anything else; what names the id in messages ("option id").
func (d *decoder) id(n *yaml.Node, what string) (string, bool) {
	n = d.resolve(n)
	if n.Kind == yaml.ScalarNode && n.ShortTag() == "!!str" {
		return n.Value, true
	}
	hint := ""
	switch {
	case n.Kind == yaml.ScalarNode && n.ShortTag() == "!!bool":
		hint = fmt.Sprintf("quote it to use %q as an id", n.Value)
	case n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null":
		return "", false
	case n.Kind == yaml.ScalarNode:
		hint = "an id starts with a letter or _"
	}
	d.errorf(n, hint, "%s must be text, found %s", what, describe(n))
	return "", false
}

// seq decodes a list; hint helps when n is something else. A null n is
// an absent list.
func (d *decoder) seq(n *yaml.Node, what, hint string) ([]*yaml.Node, bool) {
	if n == nil {
		return nil, true
	}
	n = d.resolve(n)
	if n.Kind == yaml.SequenceNode {
		out := make([]*yaml.Node, len(n.Content))
		for i, c := range n.Content {
			out[i] = d.resolve(c)
		}
		return out, true
	}
	if isNull(n) {
		return nil, true
	}
	d.errorf(n, hint, "%s must be a list, found %s", what, describe(n))
	return nil, false
}

// idList decodes a list of option ids, recording each element's position
// under key/j. ok is false when something could not be decoded.
func (d *decoder) idList(n *yaml.Node, what, key string) ([]string, bool) {
	return d.idListOf(n, what, key, "an option id")
}

// idListOf is idList for a list of ids of another kind: elem names one
// ("a state id") in messages.
func (d *decoder) idListOf(n *yaml.Node, what, key, elem string) ([]string, bool) {
	hint := ""
	if r := resolve(n); r.Kind == yaml.ScalarNode && r.ShortTag() == "!!str" {
		hint = fmt.Sprintf("write [%s] for a single option", r.Value)
	}
	items, ok := d.seq(n, what, hint)
	ids := make([]string, 0, len(items))
	for _, it := range items {
		if isNull(it) {
			d.errorf(it, "", "empty entry in %s", what)
			ok = false
			continue
		}
		id, good := d.id(it, elem)
		if !good {
			ok = false
			continue
		}
		d.mark(fmt.Sprintf("%s/%d", key, len(ids)), it)
		ids = append(ids, id)
	}
	return ids, ok
}

var (
	topFields      = []string{"title", "description", "note", "source", "sources", "options", "decision_makers", "feasibility", "status_quo", "scenarios", "states"}
	sourceFields   = []string{"ref", "note"}
	optionFields   = []string{"id", "name", "description", "reversibility", "note", "source"}
	dmFields       = []string{"id", "name", "options", "preferences", "concept", "misperceived", "moves", "note", "source"}
	prefFields     = []string{"statements", "ranking", "numbering", "unknown", "note", "source"}
	stmtFields     = []string{"statement", "unsure", "strong", "note", "source"}
	feasFields     = []string{"infeasible", MutuallyExclusive, AtLeastOne, ExactlyOne, Requires}
	groupFields    = []string{"options", "note", "source"}
	requiresFields = []string{"option", "requires", "note", "source"}
	sqFields       = []string{"taken", "state", "note", "source"}
)

// model decodes the root node. Its error is about excessive aliasing
// only; other problems are collected in d.errs.
func (d *decoder) model(root *yaml.Node) (m *Model, err error) {
	defer func() {
		if r := recover(); r != nil {
			if r != errAliasBudget {
				panic(r)
			}
			m, err = nil, &Error{Pos: Pos{File: d.file, Line: 1, Col: 1}, Msg: "the file uses aliases (*name) so heavily that reading it would take too long", Hint: "repeat the content instead of aliasing it"}
		}
	}()
	m = &Model{File: d.file}
	top, ok := d.mapping(root, "the model", topFields, "a model file is a mapping with title, options and decision_makers")
	d.mark("title", top.node)
	d.mark("options", top.node)
	d.mark("decision_makers", top.node)
	if !ok {
		d.breakKey("title", "options", "decision_makers")
		return m, nil
	}
	if n := top.get("title"); n != nil {
		d.mark("title", n)
		if n.Kind != yaml.ScalarNode {
			d.breakKey("title")
		}
	}
	d.breakMistyped(top, "title", "title")
	d.breakMistyped(top, "options", "options", "owners")
	d.breakMistyped(top, "decision_makers", "decision_makers")
	m.Title = d.text(top, "title")
	m.Description = d.text(top, "description")
	m.Evidence = d.evidence(top)
	d.sources(m, top.get("sources"))
	d.options(m, top.get("options"))
	if n := top.get("states"); n != nil {
		d.states(m, n) // before the DMs: rankings may name states by id
	}
	d.dms(m, top.get("decision_makers"))
	if n := top.get("feasibility"); n != nil {
		d.feasibility(m, n)
	}
	if n := top.get("status_quo"); n != nil {
		d.statusQuo(m, n)
	}
	if n := top.get("scenarios"); n != nil {
		d.scenarios(m, n)
	}
	return m, nil
}

func (d *decoder) sources(m *Model, n *yaml.Node) {
	items, _ := d.seq(n, `"sources"`, `write each source as "- ref: ..."`)
	for _, it := range items {
		key := fmt.Sprintf("source/%d", len(m.Sources))
		d.mark(key, it)
		if it.Kind == yaml.ScalarNode && !isNull(it) {
			m.Sources = append(m.Sources, Source{Ref: it.Value})
			continue
		}
		f, ok := d.mapping(it, "a source", sourceFields, `write "- ref: <citation>"`)
		if !ok {
			continue
		}
		d.breakMistyped(f, "ref", key)
		m.Sources = append(m.Sources, Source{Ref: d.text(f, "ref"), Note: d.text(f, "note")})
	}
}

var reversibilities = map[string]Reversibility{"both": Both, "forward": Forward, "backward": Backward}

func (d *decoder) options(m *Model, n *yaml.Node) {
	if n != nil {
		d.mark("options", n)
	}
	items, ok := d.seq(n, `"options"`, `write each option as "- id: ..."`)
	if !ok {
		d.breakKey("options", "owners")
	}
	for _, it := range items {
		key := fmt.Sprintf("option/%d", len(m.Options))
		hint := `write each option as "- id: ..."`
		if it.Kind == yaml.ScalarNode && it.ShortTag() == "!!str" {
			hint = fmt.Sprintf(`write "- id: %s"`, it.Value)
		}
		f, ok := d.mapping(it, "an option", optionFields, hint)
		if !ok {
			d.breakKey("options", "owners")
			continue
		}
		o := Option{Pos: d.pos(it)}
		d.mark(key, it)
		d.breakMistyped(f, "id", key, "options", "owners")
		o.ID = d.elementID(f, key, "an option id", "options", "owners")
		o.Name = d.text(f, "name")
		o.Description = d.text(f, "description")
		if rn := f.get("reversibility"); rn != nil {
			s := d.text(f, "reversibility")
			r, known := reversibilities[s]
			if rn.Kind == yaml.ScalarNode && !known {
				hint := "it is both, forward or backward"
				switch strings.ToLower(s) {
				case "fwd":
					hint = `did you mean "forward"? ` + hint
				case "back", "bwd":
					hint = `did you mean "backward"? ` + hint
				default:
					if c := closest(s, []string{"both", "forward", "backward"}); c != "" {
						hint = fmt.Sprintf("did you mean %q? %s", c, hint)
					}
				}
				d.errorf(rn, hint, "unknown reversibility %q", s)
			}
			o.Reversibility = r
		}
		o.Evidence = d.evidence(f)
		m.Options = append(m.Options, o)
	}
}

// elementID decodes the id field of the list element recorded under key;
// a bad id breaks key and the further keys given (so that follow-on
// errors about it are left out). A missing id gives "".
func (d *decoder) elementID(f fields, key, what string, alsoBreak ...string) string {
	idn := f.get("id")
	if idn == nil {
		return ""
	}
	d.mark(key+"/id", idn)
	id, good := d.id(idn, what)
	if !good {
		d.breakKey(append([]string{key}, alsoBreak...)...)
	}
	return id
}

func (d *decoder) dms(m *Model, n *yaml.Node) {
	if n != nil {
		d.mark("decision_makers", n)
	}
	items, ok := d.seq(n, `"decision_makers"`, `write each decision maker as "- id: ..."`)
	if !ok {
		d.breakKey("decision_makers")
	}
	for _, it := range items {
		i := len(m.DMs)
		key := fmt.Sprintf("dm/%d", i)
		f, ok := d.mapping(it, "a decision maker", dmFields, `write each decision maker as "- id: ..."`)
		if !ok {
			d.breakKey("decision_makers")
			continue
		}
		dm := DM{Pos: d.pos(it)}
		d.mark(key, it)
		d.breakMistyped(f, "id", key)
		d.breakMistyped(f, "options", key+"/options", "owners")
		d.breakMistyped(f, "preferences", key+"/prefs")
		dm.ID = d.elementID(f, key, "a decision maker id")
		dm.Name = d.text(f, "name")
		if nn := f.get("name"); nn != nil {
			d.mark(key+"/name", nn)
		}
		if on := f.get("options"); on != nil {
			d.mark(key+"/options", on)
			var good bool
			dm.Options, good = d.idList(on, `"options"`, key+"/options")
			if !good {
				d.breakKey(key+"/options", "owners")
			}
		}
		dm.Evidence = d.evidence(f)
		if cn := f.get("concept"); cn != nil {
			d.mark(key+"/concept", cn)
			dm.Concept = d.text(f, "concept")
		}
		if pn := f.get("preferences"); pn != nil {
			d.mark(key+"/prefs", pn)
			dm.Prefs = d.prefs(pn, key)
		}
		if mn := f.get("misperceived"); mn != nil {
			dm.Misperceived = d.misperceived(mn, key)
		}
		if mn := f.get("moves"); mn != nil {
			dm.Moves = d.moves(mn, key)
		}
		m.DMs = append(m.DMs, dm)
	}
}

func (d *decoder) prefs(n *yaml.Node, key string) Preferences {
	p := Preferences{Pos: d.pos(n)}
	hint := `write preferences: {statements: [...]} or preferences: {ranking: [...]}`
	if n.Kind == yaml.SequenceNode {
		hint = `put the list under "statements:" (option prioritization) or "ranking:" (states, best first)`
	}
	f, ok := d.mapping(n, "preferences", prefFields, hint)
	if !ok {
		d.breakKey(key + "/prefs")
		return p
	}
	p.Evidence = d.evidence(f)
	d.breakMistyped(f, "statements", key+"/prefs")
	d.breakMistyped(f, "ranking", key+"/prefs")
	if sn := f.get("statements"); sn != nil {
		var ok bool
		if p.Statements, ok = d.statementList(sn, key); !ok {
			d.breakKey(key + "/prefs")
		}
	}
	if rn := f.get("ranking"); rn != nil {
		var ok bool
		if p.Ranking, ok = d.ranking(rn, key); !ok {
			d.breakKey(key + "/prefs")
		}
		p.RankingForm = d.rankForm
		p.Cuts = d.rankCuts
	}
	if nn := f.get("numbering"); nn != nil {
		p.Numbering = d.numbering(nn)
	}
	if un := f.get("unknown"); un != nil {
		p.Unknown = d.unknownGroups(un, key)
	}
	return p
}

// statementList decodes a non-empty list of statements, recording the
// statement j under key/st/j. ok is false when something could not be
// decoded.
func (d *decoder) statementList(sn *yaml.Node, key string) ([]Statement, bool) {
	hint := ""
	if sn.Kind == yaml.ScalarNode {
		hint = "write statements: [\"...\"] for a single statement"
	}
	items, ok := d.seq(sn, `"statements"`, hint)
	if ok && len(items) == 0 {
		d.errorf(sn, "list the statements, most important first", "empty statements list")
		ok = false
	}
	var out []Statement
	for _, it := range items {
		skey := fmt.Sprintf("%s/st/%d", key, len(out))
		if st, good := d.statement(it, skey); good {
			out = append(out, st)
		} else {
			ok = false
		}
	}
	return out, ok
}

// misperceived decodes a DM's misperception conditions (DM.Misperceived):
// a list whose entries take the forms of feasibility.infeasible entries,
// recording condition j under key/mis/j. An entry that cannot be decoded
// is left out; one whose text does not parse is kept without an Expr and
// marked broken, as infeasible entries are.
func (d *decoder) misperceived(mn *yaml.Node, key string) []Statement {
	items, _ := d.seq(mn, `"misperceived"`, `write misperceived: ["..."] for a single condition`)
	var out []Statement
	for _, it := range items {
		if st, ok := d.statement(it, fmt.Sprintf("%s/mis/%d", key, len(out))); ok {
			out = append(out, st)
		}
	}
	return out
}

// ranking decodes a non-empty direct ranking, recording group j under
// key/rank/j and its k-th state under key/rank/j/k. ok is false when
// something could not be decoded.
func (d *decoder) ranking(rn *yaml.Node, key string) ([][]int, bool) {
	d.rankForm = RankByNumber
	d.rankCuts = nil
	items, ok := d.seq(rn, `"ranking"`, "write the states best first, by number, Y/N pattern or {taken: [...]}, e.g. ranking: [3, [1, 2], 4]")
	if ok && len(items) == 0 {
		d.errorf(rn, "list the state numbers, best first", "empty ranking")
		ok = false
	}
	var out [][]int
	for _, it := range items {
		if c, isCut, good := d.rankingCut(it); isCut {
			c.After = len(out)
			if good {
				d.rankCuts = append(d.rankCuts, c)
			} else {
				ok = false
			}
			continue
		}
		gkey := fmt.Sprintf("%s/rank/%d", key, len(out))
		d.mark(gkey, it)
		var group []int
		if it.Kind == yaml.SequenceNode {
			for _, s := range it.Content {
				s = d.resolve(s)
				if v, good := d.stateNumber(s); good {
					d.mark(fmt.Sprintf("%s/%d", gkey, len(group)), s)
					group = append(group, v)
				} else {
					ok = false
				}
			}
		} else if v, good := d.stateNumber(it); good {
			d.mark(gkey+"/0", it)
			group = []int{v}
		} else {
			ok = false
			continue
		}
		out = append(out, group)
	}
	return out, ok
}

// stateNumber decodes an entry of a ranking: a state number (its sign is
// checked later), or a state by Y/N pattern or options taken, which
// stands as a placeholder until resolveRankRefs numbers it.
func (d *decoder) stateNumber(n *yaml.Node) (int, bool) {
	if d.stateIDs != nil {
		// Graph form: a state id or number; patterns and options taken
		// do not name listed states.
		if v, named := d.graphStateRef(n, "in the ranking"); named {
			return v, v > 0
		}
		if n.Kind == yaml.MappingNode {
			d.errorf(n, "name the state by its id or number", "in graph form a ranking entry is a state id or number")
			return 0, false
		}
	} else if v, form, ok := d.stateRefEntry(n); ok {
		if form > d.rankForm {
			d.rankForm = form
		}
		return v, true
	} else if n.Kind == yaml.MappingNode {
		return 0, false
	}
	if n.Kind == yaml.ScalarNode && n.ShortTag() == "!!int" {
		var v int
		if err := n.Decode(&v); err != nil {
			d.errorf(n, "", "state number %s is too large", clip(n.Value))
			return 0, false
		}
		return v, true
	}
	if n.Kind == yaml.ScalarNode && n.ShortTag() == "!!float" && bigIntRE.MatchString(n.Value) {
		d.errorf(n, "", "state number %s is too large", clip(n.Value))
		return 0, false
	}
	hint := `ranking entries are ordered state numbers (1, 2, ...), Y/N patterns ("YN NY") or {taken: [a, b]}, or lists of them for ties`
	if n.Kind == yaml.SequenceNode {
		hint = "a tie group lists states and cannot hold lists"
	}
	d.errorf(n, hint, "a ranking entry must be a state number, a Y/N pattern or {taken: [...]}, found %s", describe(n))
	return 0, false
}

// statement decodes a statement entry: text, or a mapping with statement,
// note and source. It records the statement's location under key.
func (d *decoder) statement(n *yaml.Node, key string) (Statement, bool) {
	var st Statement
	tn := n
	if n.Kind == yaml.MappingNode {
		f, _ := d.mapping(n, "a statement", stmtFields, "")
		st.Evidence = d.evidence(f)
		st.Unsure = d.unsure(f)
		st.Strong = d.strong(f)
		tn = f.get("statement")
		if tn == nil {
			d.errorf(n, `write "- statement: ..." with optional note and source`, `statement entry has no "statement"`)
			return st, false
		}
	}
	if tn.Kind != yaml.ScalarNode || tn.ShortTag() != "!!str" {
		hint := ""
		if tn.Kind == yaml.ScalarNode && !isNull(tn) {
			hint = "quote it"
		}
		if isNull(tn) {
			d.errorf(tn, "", "empty statement")
		} else {
			d.errorf(tn, hint, "a statement must be text, found %s", describe(tn))
		}
		return st, false
	}
	st.Text = tn.Value
	loc := d.stmtLoc(tn)
	st.Pos = loc.base
	d.loc.stmt[key] = loc
	d.loc.pos[key] = loc.base
	e, err := statement.Parse(st.Text)
	if err != nil {
		var se *statement.SyntaxError
		if errors.As(err, &se) {
			p, exact := d.loc.col(key, se.Col, loc.base)
			hint := ""
			if !exact {
				hint = fmt.Sprintf("at column %d of the statement", se.Col)
			}
			d.errs.add(p, hint, "invalid statement: %s", se.Msg)
		} else {
			d.errs.add(loc.base, "", "invalid statement: %v", err)
		}
		d.breakKey(key)
		return st, true
	}
	st.Expr = e
	return st, true
}

// stmtLoc finds where the text of a statement scalar starts, and whether
// its columns map directly onto the file (one line, no escapes).
func (d *decoder) stmtLoc(n *yaml.Node) stmtLoc {
	base := d.pos(n)
	var raw string
	switch n.Style {
	case 0:
		raw = n.Value
	case yaml.DoubleQuotedStyle:
		raw = `"` + n.Value + `"`
		base.Col++
	case yaml.SingleQuotedStyle:
		raw = "'" + n.Value + "'"
		base.Col++
	default:
		return stmtLoc{base: base}
	}
	inline := false
	if n.Line >= 1 && n.Line <= len(d.lines) && !strings.ContainsAny(n.Value, "\n\r") {
		line := d.lineRunes(n.Line)
		if c := n.Column - 1; c >= 0 && c <= len(line) {
			inline = hasRunePrefix(line[c:], raw)
		}
	}
	return stmtLoc{base: base, inline: inline}
}

func (d *decoder) feasibility(m *Model, n *yaml.Node) {
	f, ok := d.mapping(n, "feasibility", feasFields, "write feasibility: {infeasible: [...], mutually_exclusive: [...], ...}")
	if !ok {
		return
	}
	d.conditions(f, &m.Infeasible, "inf")
}

// conditions decodes the infeasible entries and feasibility helpers of f
// into conditions appended to *dst, recording condition j under
// prefix/j.
func (d *decoder) conditions(f fields, dst *[]Statement, prefix string) {
	if in := f.get("infeasible"); in != nil {
		items, _ := d.seq(in, `"infeasible"`, `write infeasible: ["..."] for a single condition`)
		for _, it := range items {
			key := fmt.Sprintf("%s/%d", prefix, len(*dst))
			if st, ok := d.statement(it, key); ok {
				*dst = append(*dst, st)
			}
		}
	}
	for _, h := range []string{MutuallyExclusive, AtLeastOne, ExactlyOne} {
		hn := f.get(h)
		if hn == nil {
			continue
		}
		items, _ := d.seq(hn, fmt.Sprintf("%q", h), fmt.Sprintf("write %s: [[a, b]]", h))
		if allScalars(items) {
			d.errorf(hn, fmt.Sprintf("write %s: [[a, b]], one list per group", h), "%q must be a list of lists of option ids", h)
			continue
		}
		for _, it := range items {
			key := fmt.Sprintf("%s/%d", prefix, len(*dst))
			st := Statement{Pos: d.pos(it)}
			d.mark(key, it)
			ln := it
			if it.Kind == yaml.MappingNode {
				gf, _ := d.mapping(it, "a "+h+" entry", groupFields, "")
				st.Evidence = d.evidence(gf)
				ln = gf.get("options")
				if ln == nil {
					d.errorf(it, "write options: [a, b]", "%s entry has no \"options\"", h)
					continue
				}
			} else if it.Kind != yaml.SequenceNode {
				hint := "write - [a, b], or - options: [a, b] with a note"
				d.errorf(it, hint, "a %s entry must be a list of option ids, found %s", h, describe(it))
				continue
			}
			ids, ok := d.idList(ln, fmt.Sprintf("a %s entry", h), key+"/opt")
			if !ok {
				continue
			}
			d.addHelper(dst, &st, Origin{Helper: h, Options: ids})
		}
	}
	if rn := f.get(Requires); rn != nil {
		items, _ := d.seq(rn, `"requires"`, `write requires: [{option: a, requires: [b]}]`)
		for _, it := range items {
			key := fmt.Sprintf("%s/%d", prefix, len(*dst))
			st := Statement{Pos: d.pos(it)}
			d.mark(key, it)
			rf, ok := d.mapping(it, "a requires entry", requiresFields, `write "- option: a" and "requires: [b, c]"`)
			if !ok {
				continue
			}
			st.Evidence = d.evidence(rf)
			on, qn := rf.get("option"), rf.get("requires")
			if on == nil {
				d.errorf(it, "name the option that needs the others", `requires entry has no "option"`)
			}
			if qn == nil {
				d.errorf(it, "list the options it requires", `requires entry has no "requires"`)
			}
			if on == nil || qn == nil {
				continue
			}
			id, ok := d.id(on, "an option id")
			if !ok {
				continue
			}
			d.mark(key+"/opt/0", on)
			var req []string
			if qn.Kind == yaml.ScalarNode && qn.ShortTag() == "!!str" {
				d.mark(key+"/opt/1", qn)
				req = []string{qn.Value}
			} else {
				items, _ := d.seq(qn, `"requires"`, "")
				for _, q := range items {
					qid, good := d.id(q, "an option id")
					if !good {
						ok = false
						continue
					}
					d.mark(fmt.Sprintf("%s/opt/%d", key, 1+len(req)), q)
					req = append(req, qid)
				}
				if !ok {
					continue
				}
			}
			d.addHelper(dst, &st, Origin{Helper: Requires, Options: append([]string{id}, req...)})
		}
	}
}

// allScalars reports whether items is a non-empty list of scalars.
func allScalars(items []*yaml.Node) bool {
	for _, it := range items {
		if it.Kind != yaml.ScalarNode {
			return false
		}
	}
	return len(items) > 0
}

// addHelper appends the statement a helper entry expands to. Problems
// with the entry (too few options...) are left for validate.
func (d *decoder) addHelper(dst *[]Statement, st *Statement, o Origin) {
	st.Origin = &o
	if msg, _ := o.problem(); msg == "" {
		st.Text = o.text()
		st.Expr = o.expr()
	}
	*dst = append(*dst, *st)
}

func (d *decoder) statusQuo(m *Model, n *yaml.Node) {
	m.StatusQuo = d.statusQuoNode(n, "sq")
}

// statusQuoNode decodes a status quo, recording it under key and its
// taken option j under key/j. It returns nil when n has no list of taken
// options.
func (d *decoder) statusQuoNode(n *yaml.Node, key string) *StatusQuo {
	sq := &StatusQuo{Pos: d.pos(n)}
	d.mark(key, n)
	tn := n
	// A state id that cannot be decoded is reported here; nil keeps the
	// validator from calling the status quo a list of options taken.
	if d.stateIDs != nil && n.Kind == yaml.ScalarNode {
		var ok bool
		if sq.State, ok = d.id(n, "a state id"); !ok { // graph form: status_quo: s1
			return nil
		}
		return sq
	}
	if n.Kind == yaml.MappingNode {
		f, _ := d.mapping(n, "status_quo", sqFields, "")
		sq.Evidence = d.evidence(f)
		if sn := f.get("state"); sn != nil {
			var ok bool
			if sq.State, ok = d.id(sn, "a state id"); !ok {
				return nil
			}
			return sq
		}
		tn = f.get("taken")
		if tn == nil {
			if !f.mistyped("taken") {
				d.errorf(n, "write taken: [] when no option is taken", `status_quo has no "taken"`)
			}
			return nil
		}
	} else if n.Kind != yaml.SequenceNode {
		d.errorf(n, "write status_quo: {taken: [a, b]}", "status_quo must be a mapping, found %s", describe(n))
		return nil
	}
	taken, _ := d.idList(tn, `"taken"`, key)
	sq.Taken = taken
	return sq
}
