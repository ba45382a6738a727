package uncertain

import (
	"fmt"

	"github.com/gmcr/gmcr/statespace"
)

// Explanation gives, for one DM, state and definition, every move of the
// DM the definition considers, each with a sanction witness (the
// opponents' legal sequence and the state it ends in) or none.
type Explanation struct {
	Concept Concept
	DM      int
	State   int
	Stable  bool
	Moves   []Witness
}

// Explain explains the stability of state s for DM dm under c. Witnesses
// are shortest sequences (breadth first). Errors: dm or s out of range.
func Explain(r *Relation, c Concept, dm, s int) (*Explanation, error) {
	if dm < 0 || dm >= len(r.Space.DMs) {
		return nil, fmt.Errorf("DM index %d out of range", dm)
	}
	if s < 0 || s >= r.Space.Len() {
		return nil, fmt.Errorf("state %d does not exist; the model has states 1..%d", statespace.Number(s), r.Space.Len())
	}
	ch := newChecker(r, dm)
	ex := &Explanation{Concept: c, DM: dm, State: s}
	ex.Stable = ch.stable(c, s, &ex.Moves)
	return ex, nil
}
