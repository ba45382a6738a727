package report

import "bytes"

// ordered is a JSON object whose keys keep the order they were set in:
// DM ids and option ids in model order, concepts in report order. Go maps
// would marshal their keys sorted alphabetically, which scrambles the
// model's order (issue 10); the output stays deterministic either way.
type ordered[V any] struct {
	keys []string
	vals map[string]V
}

func newOrdered[V any](n int) *ordered[V] {
	return &ordered[V]{keys: make([]string, 0, n), vals: make(map[string]V, n)}
}

// set adds key, or replaces its value in place.
func (o *ordered[V]) set(key string, v V) {
	if _, ok := o.vals[key]; !ok {
		o.keys = append(o.keys, key)
	}
	o.vals[key] = v
}

// MarshalJSON writes the object with its keys in insertion order, without
// HTML escaping, as encode does.
func (o *ordered[V]) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, k := range o.keys {
		if i > 0 {
			b.WriteByte(',')
		}
		kb, err := encode(k, "", false)
		if err != nil {
			return nil, err
		}
		vb, err := encode(o.vals[k], "", false)
		if err != nil {
			return nil, err
		}
		b.Write(kb)
		b.WriteByte(':')
		b.Write(vb)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}
