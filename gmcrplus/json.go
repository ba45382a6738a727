package gmcrplus

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"unicode/utf8"
)

// jkind is the kind of a JSON value.
type jkind uint8

const (
	jObject jkind = iota
	jArray
	jString
	jNumber
	jBool
	jNull
)

func (k jkind) String() string {
	switch k {
	case jObject:
		return "an object"
	case jArray:
		return "a list"
	case jString:
		return "a string"
	case jNumber:
		return "a number"
	case jBool:
		return "a boolean"
	}
	return "null"
}

// jnode is a parsed JSON value that remembers where it starts.
type jnode struct {
	kind  jkind
	off   int    // byte offset of the value's first byte in the file
	s     string // string value, or the literal text of a number
	b     bool
	keys  []string // object keys, parallel to elems
	elems []*jnode
}

// get returns the value of key in an object, or nil. (parseJSON refuses
// repeated keys, which Python's json module, and so GMCR+, would resolve
// silently to the last.)
func (n *jnode) get(key string) *jnode {
	if n == nil || n.kind != jObject {
		return nil
	}
	for i := len(n.keys) - 1; i >= 0; i-- {
		if n.keys[i] == key {
			return n.elems[i]
		}
	}
	return nil
}

// syntaxError is invalid JSON at byte offset off.
type syntaxError struct {
	off int
	msg string
}

func (e *syntaxError) Error() string { return e.msg }

// parseJSON parses data, which holds one JSON value, into a tree of jnodes.
// Offsets are relative to data. Errors are *syntaxError.
func parseJSON(data []byte) (*jnode, error) {
	// Validate first: encoding/json reports reliable offsets only when it
	// scans the whole input at once.
	var raw json.RawMessage
	if err := json.Unmarshal(data, &raw); err != nil {
		var se *json.SyntaxError
		if errors.As(err, &se) {
			off := int(se.Offset) - 1 // the offending byte
			if se.Error() == "unexpected end of JSON input" {
				off = len(data)
			}
			return nil, &syntaxError{off: max(off, 0), msg: se.Error()}
		}
		return nil, &syntaxError{off: 0, msg: err.Error()}
	}
	p := &treeParser{data: data, dec: json.NewDecoder(bytes.NewReader(data))}
	p.dec.UseNumber()
	n, err := p.value()
	var se *syntaxError
	if errors.As(err, &se) {
		return nil, se
	}
	if err != nil {
		return nil, &syntaxError{off: p.last, msg: err.Error()}
	}
	return n, nil
}

type treeParser struct {
	data []byte
	dec  *json.Decoder
	last int
}

// token returns the next token and the offset of its first byte.
func (p *treeParser) token() (json.Token, int, error) {
	off := int(p.dec.InputOffset())
	for off < len(p.data) {
		c := p.data[off]
		if c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != ',' && c != ':' {
			break
		}
		off++
	}
	p.last = off
	tok, err := p.dec.Token()
	if err == io.EOF {
		err = io.ErrUnexpectedEOF
	}
	return tok, off, err
}

func (p *treeParser) value() (*jnode, error) {
	tok, off, err := p.token()
	if err != nil {
		return nil, err
	}
	return p.fromToken(tok, off)
}

func (p *treeParser) fromToken(tok json.Token, off int) (*jnode, error) {
	switch t := tok.(type) {
	case json.Delim:
		switch t {
		case '{':
			n := &jnode{kind: jObject, off: off}
			seen := map[string]int{}
			for {
				tok, koff, err := p.token()
				if err != nil {
					return nil, err
				}
				if d, ok := tok.(json.Delim); ok && d == '}' {
					return n, nil
				}
				key, ok := tok.(string)
				if !ok {
					return nil, errors.New("object key is not a string at offset " + strconv.Itoa(koff))
				}
				if first, dup := seen[key]; dup {
					line, col := lineCol(p.data, first)
					return nil, &syntaxError{off: koff, msg: fmt.Sprintf("duplicate key %q (first at %d:%d); keep one", key, line, col)}
				}
				seen[key] = koff
				v, err := p.value()
				if err != nil {
					return nil, err
				}
				n.keys = append(n.keys, key)
				n.elems = append(n.elems, v)
			}
		case '[':
			n := &jnode{kind: jArray, off: off}
			for {
				tok, eoff, err := p.token()
				if err != nil {
					return nil, err
				}
				if d, ok := tok.(json.Delim); ok && d == ']' {
					return n, nil
				}
				v, err := p.fromToken(tok, eoff)
				if err != nil {
					return nil, err
				}
				n.elems = append(n.elems, v)
			}
		}
		return nil, errors.New("unexpected " + t.String())
	case string:
		return &jnode{kind: jString, off: off, s: t}, nil
	case json.Number:
		return &jnode{kind: jNumber, off: off, s: string(t)}, nil
	case bool:
		return &jnode{kind: jBool, off: off, b: t}, nil
	case nil:
		return &jnode{kind: jNull, off: off}, nil
	}
	return nil, errors.New("unexpected JSON token")
}

// lineCol converts a byte offset of data into a 1-based line and a 1-based
// column counted in characters.
func lineCol(data []byte, off int) (line, col int) {
	off = min(max(off, 0), len(data))
	line = 1 + bytes.Count(data[:off], []byte{'\n'})
	start := bytes.LastIndexByte(data[:off], '\n') + 1
	return line, 1 + utf8.RuneCount(data[start:off])
}
