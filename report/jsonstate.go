package report

import (
	"strconv"

	"github.com/gmcr/gmcr/statespace"
)

// stateEncoder writes the states of the JSON documents, one per line, as
// encode(stateJSON(v, s)) would, straight into a byte slice: the keys (option
// ids, DM ids, concept names) are encoded once, and a state's values need no
// reflection and no maps. For a 3,072-state analysis that is most of the
// time of `gmcr analyze --format json`.
type stateEncoder struct {
	v        *view
	options  [][]byte // encoded option ids
	dms      [][]byte // encoded DM ids
	concepts [][]byte // encoded concept names
}

// newStateEncoder returns the encoder of v's states, or nil when v's ids
// repeat (the ordered objects of stateJSON then keep one entry per id, a
// case left to encode).
func newStateEncoder(v *view) (*stateEncoder, error) {
	e := &stateEncoder{v: v}
	seen := map[string]bool{}
	for _, o := range v.ss.Options {
		if seen[o.ID] {
			return nil, nil
		}
		seen[o.ID] = true
		b, err := encode(o.ID, "", false)
		if err != nil {
			return nil, err
		}
		e.options = append(e.options, b)
	}
	clear(seen)
	for _, d := range v.ss.DMs {
		if seen[d.ID] {
			return nil, nil
		}
		seen[d.ID] = true
		b, err := encode(d.ID, "", false)
		if err != nil {
			return nil, err
		}
		e.dms = append(e.dms, b)
	}
	for _, c := range v.cols {
		b, err := encode(c.name, "", false)
		if err != nil {
			return nil, err
		}
		e.concepts = append(e.concepts, b)
	}
	return e, nil
}

// appendString appends s as a JSON string, as encode writes it.
func appendString(b []byte, s string) ([]byte, error) {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c > 0x7e || c == '"' || c == '\\' {
			x, err := encode(s, "", false)
			return append(b, x...), err
		}
	}
	b = append(b, '"')
	b = append(b, s...)
	return append(b, '"'), nil
}

// appendState appends state s's object (the fields of jsonState, in order).
func (e *stateEncoder) appendState(b []byte, s int) ([]byte, error) {
	v := e.v
	var err error
	b = append(b, `{"number":`...)
	b = strconv.AppendInt(b, int64(statespace.Number(s)), 10)
	b = append(b, `,"code":`...)
	b = strconv.AppendUint(b, v.ss.Codes[s], 10)
	if id := v.ss.StateID(s); id != "" {
		b = append(b, `,"id":`...)
		if b, err = appendString(b, id); err != nil {
			return nil, err
		}
	}
	b = append(b, `,"pattern":"`...)
	for k := range v.ss.Options {
		c := byte('N')
		if v.ss.Taken(s, k) {
			c = 'Y'
		}
		b = append(b, c)
	}
	b = append(b, `","options":{`...)
	for k, key := range e.options {
		if k > 0 {
			b = append(b, ',')
		}
		b = append(b, key...)
		b = strconv.AppendBool(append(b, ':'), v.ss.Taken(s, k))
	}
	b = append(b, `},"rank":{`...)
	for i, key := range e.dms {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, key...)
		b = strconv.AppendInt(append(b, ':'), int64(v.p.Rank(i, s)), 10)
	}
	b = append(b, '}')
	if v.a != nil {
		b = append(b, `,"stable":{`...)
		for i, key := range e.dms {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, key...)
			b = append(b, ":["...)
			n := 0
			for k, c := range v.cols {
				if v.stable(c, i, s) {
					if n > 0 {
						b = append(b, ',')
					}
					b = append(b, e.concepts[k]...)
					n++
				}
			}
			b = append(b, ']')
		}
		b = append(b, '}')
		if v.hasStrength() {
			b = append(b, `,"strongly_stable":{`...)
			for i, key := range e.dms {
				if i > 0 {
					b = append(b, ',')
				}
				b = append(b, key...)
				b = append(b, ":["...)
				n := 0
				for k, c := range v.cols {
					if c.extra != nil && c.extra.Strong(i, s) {
						if n > 0 {
							b = append(b, ',')
						}
						b = append(b, e.concepts[k]...)
						n++
					}
				}
				b = append(b, ']')
			}
			b = append(b, '}')
		}
	}
	if np := v.notPerceivedBy(s); len(np) > 0 {
		b = append(b, `,"not_perceived_by":[`...)
		for k, id := range np {
			if k > 0 {
				b = append(b, ',')
			}
			if b, err = appendString(b, id); err != nil {
				return nil, err
			}
		}
		b = append(b, ']')
	}
	return append(b, '}'), nil
}
