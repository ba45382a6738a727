package server

import (
	"bytes"
	"encoding/json"
	"fmt"
)

// StateRef is a request's "state": a state number, a Y/N pattern or "sq"
// for the status quo. In JSON it is a string, or a number for a state
// number (1 and "1" are the same state); "" or null is none.
type StateRef string

// UnmarshalJSON reads a JSON string or a whole number.
func (s *StateRef) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	switch {
	case bytes.Equal(b, []byte("null")):
		return nil
	case len(b) > 0 && b[0] == '"':
		var str string
		if err := json.Unmarshal(b, &str); err != nil {
			return err
		}
		*s = StateRef(str)
		return nil
	}
	var n json.Number
	if err := json.Unmarshal(b, &n); err != nil {
		return fmt.Errorf("state must be a number, or a string holding a number, a Y/N pattern or \"sq\", not %s", b)
	}
	if _, err := n.Int64(); err != nil {
		return fmt.Errorf("state %s is not a state number: give a whole number from 1", n)
	}
	*s = StateRef(n.String())
	return nil
}
