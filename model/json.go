package model

import (
	"fmt"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// maxJSONDepth bounds the nesting of arrays and objects in a JSON model.
const maxJSONDepth = 1000

// jsonParser turns JSON text into a yaml.Node tree (the shape yaml.v3
// produces for the same document), with 1-based lines and columns counted
// in characters. Parsing JSON here rather than with yaml.v3 gives exact
// positions and JSON-specific messages for syntax errors, and accepts every
// JSON escape.
type jsonParser struct {
	data  []byte
	off   int
	depth int
	// position of byte offset seen: line and column (in characters)
	seen, line, col int
}

type jsonError struct {
	off  int
	msg  string
	hint string
}

// parseJSON parses data as one JSON value.
func parseJSON(data []byte) (*yaml.Node, *jsonError) {
	p := &jsonParser{data: data, line: 1, col: 1}
	if strings.HasPrefix(string(data), "\ufeff") {
		p.off, p.seen = 3, 3
	}
	if !utf8.Valid(data) {
		off := 0
		for off < len(data) {
			r, size := utf8.DecodeRune(data[off:])
			if r == utf8.RuneError && size <= 1 {
				break
			}
			off += size
		}
		return nil, &jsonError{off: off, msg: "invalid UTF-8 in JSON text"}
	}
	p.space()
	n, err := p.value()
	if err != nil {
		return nil, err
	}
	p.space()
	if p.off < len(p.data) {
		return nil, p.errorf("", "unexpected %s after the end of the JSON value", p.found())
	}
	return n, nil
}

func (p *jsonParser) errorf(hint, format string, args ...any) *jsonError {
	return &jsonError{off: p.off, msg: "invalid JSON: " + fmt.Sprintf(format, args...), hint: hint}
}

// found describes the character at the current offset for a message.
func (p *jsonParser) found() string {
	if p.off >= len(p.data) {
		return "end of file"
	}
	r, _ := utf8.DecodeRune(p.data[p.off:])
	return fmt.Sprintf("%q", r)
}

func (p *jsonParser) space() {
	for p.off < len(p.data) {
		switch p.data[p.off] {
		case ' ', '\t', '\n', '\r':
			p.off++
		default:
			return
		}
	}
}

// position returns the line and column (both 1-based, column in
// characters) of byte offset off.
func position(data []byte, off int) (line, col int) {
	line, start := 1, 0
	if off > len(data) {
		off = len(data)
	}
	for i := 0; i < off; i++ {
		if data[i] == '\n' {
			line++
			start = i + 1
		}
	}
	seg := data[start:off]
	if start == 0 && strings.HasPrefix(string(seg), "\ufeff") {
		seg = seg[3:]
	}
	return line, utf8.RuneCount(seg) + 1
}

// node returns a node of the kind at the current offset. Offsets only
// grow, so the position is tracked incrementally.
func (p *jsonParser) node(kind yaml.Kind, tag string) *yaml.Node {
	for ; p.seen < p.off; p.seen++ {
		switch c := p.data[p.seen]; {
		case c == '\n':
			p.line++
			p.col = 1
		case c&0xC0 != 0x80: // not a UTF-8 continuation byte
			p.col++
		}
	}
	return &yaml.Node{Kind: kind, Tag: tag, Line: p.line, Column: p.col}
}

func (p *jsonParser) value() (*yaml.Node, *jsonError) {
	if p.off >= len(p.data) {
		return nil, p.errorf("", "unexpected end of file, expected a value")
	}
	switch c := p.data[p.off]; {
	case c == '{':
		return p.object()
	case c == '[':
		return p.array()
	case c == '"':
		n := p.node(yaml.ScalarNode, "!!str")
		n.Style = yaml.DoubleQuotedStyle
		s, err := p.str()
		if err != nil {
			return nil, err
		}
		n.Value = s
		return n, nil
	case c == '-' || '0' <= c && c <= '9':
		return p.number()
	case c == 't' || c == 'f' || c == 'n':
		for _, w := range []struct{ word, tag string }{{"true", "!!bool"}, {"false", "!!bool"}, {"null", "!!null"}} {
			if strings.HasPrefix(string(p.data[p.off:]), w.word) {
				n := p.node(yaml.ScalarNode, w.tag)
				n.Value = w.word
				p.off += len(w.word)
				return n, nil
			}
		}
	}
	hint := ""
	if c := p.data[p.off]; c == '\'' {
		hint = `JSON strings are written in double quotes`
	} else if c == '}' || c == ']' {
		hint = fmt.Sprintf("JSON allows no comma before %q", string(c))
	} else if c == '/' || c == '#' {
		hint = "JSON has no comments"
	} else if isWordByte(c) {
		hint = "text must be in double quotes"
	}
	return nil, p.errorf(hint, "expected a value, found %s", p.found())
}

func isWordByte(c byte) bool {
	return c == '_' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}

func (p *jsonParser) enter() *jsonError {
	p.depth++
	if p.depth > maxJSONDepth {
		return p.errorf("", "nested more than %d levels deep", maxJSONDepth)
	}
	return nil
}

func (p *jsonParser) object() (*yaml.Node, *jsonError) {
	if err := p.enter(); err != nil {
		return nil, err
	}
	defer func() { p.depth-- }()
	n := p.node(yaml.MappingNode, "!!map")
	n.Style = yaml.FlowStyle
	p.off++ // {
	p.space()
	if p.off < len(p.data) && p.data[p.off] == '}' {
		p.off++
		return n, nil
	}
	for {
		p.space()
		if p.off >= len(p.data) {
			return nil, p.errorf(`a "}" is missing`, "unexpected end of file in an object")
		}
		if p.data[p.off] != '"' {
			hint := ""
			switch c := p.data[p.off]; {
			case c == '}':
				hint = `JSON allows no comma before "}"`
			case isWordByte(c) || c == '\'':
				hint = "keys are written in double quotes"
			}
			return nil, p.errorf(hint, "expected a key in double quotes, found %s", p.found())
		}
		k := p.node(yaml.ScalarNode, "!!str")
		k.Style = yaml.DoubleQuotedStyle
		s, err := p.str()
		if err != nil {
			return nil, err
		}
		k.Value = s
		p.space()
		if p.off >= len(p.data) || p.data[p.off] != ':' {
			return nil, p.errorf("", "expected \":\" after the key %q, found %s", s, p.found())
		}
		p.off++
		p.space()
		v, err := p.value()
		if err != nil {
			return nil, err
		}
		n.Content = append(n.Content, k, v)
		p.space()
		if p.off >= len(p.data) {
			return nil, p.errorf(`a "}" is missing`, "unexpected end of file in an object")
		}
		switch p.data[p.off] {
		case ',':
			p.off++
		case '}':
			p.off++
			return n, nil
		default:
			hint := ""
			if p.data[p.off] == '"' {
				hint = "a comma is missing"
			}
			return nil, p.errorf(hint, "expected \",\" or \"}\" after an object member, found %s", p.found())
		}
	}
}

func (p *jsonParser) array() (*yaml.Node, *jsonError) {
	if err := p.enter(); err != nil {
		return nil, err
	}
	defer func() { p.depth-- }()
	n := p.node(yaml.SequenceNode, "!!seq")
	n.Style = yaml.FlowStyle
	p.off++ // [
	p.space()
	if p.off < len(p.data) && p.data[p.off] == ']' {
		p.off++
		return n, nil
	}
	for {
		p.space()
		v, err := p.value()
		if err != nil {
			return nil, err
		}
		n.Content = append(n.Content, v)
		p.space()
		if p.off >= len(p.data) {
			return nil, p.errorf(`a "]" is missing`, "unexpected end of file in an array")
		}
		switch p.data[p.off] {
		case ',':
			p.off++
		case ']':
			p.off++
			return n, nil
		default:
			hint := ""
			if c := p.data[p.off]; c == '"' || c == '{' || c == '[' {
				hint = "a comma is missing"
			}
			return nil, p.errorf(hint, "expected \",\" or \"]\" after an array element, found %s", p.found())
		}
	}
}

// str reads a string literal starting at the opening quote.
func (p *jsonParser) str() (string, *jsonError) {
	start := p.off
	p.off++
	var b strings.Builder
	for {
		if p.off >= len(p.data) {
			p.off = start
			return "", p.errorf(`a closing '"' is missing`, "unterminated string")
		}
		c := p.data[p.off]
		switch {
		case c == '"':
			p.off++
			return b.String(), nil
		case c < 0x20:
			hint := `write \t for a tab`
			if c == '\n' || c == '\r' {
				hint = `write \n for a line break, or close the string`
			}
			return "", p.errorf(hint, "control character %q in a string", rune(c))
		case c == '\\':
			if p.off+1 >= len(p.data) {
				p.off++
				return "", p.errorf("", "unterminated string")
			}
			e := p.data[p.off+1]
			simple := map[byte]byte{'"': '"', '\\': '\\', '/': '/', 'b': '\b', 'f': '\f', 'n': '\n', 'r': '\r', 't': '\t'}
			if r, ok := simple[e]; ok {
				b.WriteByte(r)
				p.off += 2
				continue
			}
			if e != 'u' {
				return "", p.errorf(`JSON escapes are \" \\ \/ \b \f \n \r \t and \uXXXX`, "invalid escape %q", "\\"+string(rune(e)))
			}
			r, ok := p.hex4(p.off + 2)
			if !ok {
				return "", p.errorf(`write \u and four hex digits`, "invalid escape %q", string(p.data[p.off:min(p.off+6, len(p.data))]))
			}
			p.off += 6
			if utf16.IsSurrogate(r) {
				if p.off+1 < len(p.data) && p.data[p.off] == '\\' && p.data[p.off+1] == 'u' {
					if r2, ok := p.hex4(p.off + 2); ok {
						if d := utf16.DecodeRune(r, r2); d != utf8.RuneError {
							b.WriteRune(d)
							p.off += 6
							continue
						}
					}
				}
				r = utf8.RuneError
			}
			b.WriteRune(r)
		default:
			b.WriteByte(c)
			p.off++
		}
	}
}

func (p *jsonParser) hex4(at int) (rune, bool) {
	if at+4 > len(p.data) {
		return 0, false
	}
	var r rune
	for _, c := range p.data[at : at+4] {
		var v byte
		switch {
		case '0' <= c && c <= '9':
			v = c - '0'
		case 'a' <= c && c <= 'f':
			v = c - 'a' + 10
		case 'A' <= c && c <= 'F':
			v = c - 'A' + 10
		default:
			return 0, false
		}
		r = r<<4 | rune(v)
	}
	return r, true
}

func (p *jsonParser) number() (*yaml.Node, *jsonError) {
	n := p.node(yaml.ScalarNode, "!!int")
	start := p.off
	digits := func() int {
		k := 0
		for p.off < len(p.data) && '0' <= p.data[p.off] && p.data[p.off] <= '9' {
			p.off++
			k++
		}
		return k
	}
	bad := func() *jsonError {
		end := p.off
		for end < len(p.data) && (isWordByte(p.data[end]) || strings.IndexByte("0123456789.+-", p.data[end]) >= 0) {
			end++
		}
		p.off = start
		return p.errorf("", "invalid number %q", string(p.data[start:end]))
	}
	if p.data[p.off] == '-' {
		p.off++
	}
	intStart := p.off
	if k := digits(); k == 0 || k > 1 && p.data[intStart] == '0' {
		return nil, bad()
	}
	if p.off < len(p.data) && p.data[p.off] == '.' {
		n.Tag = "!!float"
		p.off++
		if digits() == 0 {
			return nil, bad()
		}
	}
	if p.off < len(p.data) && (p.data[p.off] == 'e' || p.data[p.off] == 'E') {
		n.Tag = "!!float"
		p.off++
		if p.off < len(p.data) && (p.data[p.off] == '+' || p.data[p.off] == '-') {
			p.off++
		}
		if digits() == 0 {
			return nil, bad()
		}
	}
	if p.off < len(p.data) && (isWordByte(p.data[p.off]) || p.data[p.off] == '.') {
		return nil, bad()
	}
	n.Value = string(p.data[start:p.off])
	return n, nil
}
