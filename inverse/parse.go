package inverse

import (
	"fmt"
	"strings"

	"github.com/gmcr/gmcr/analysis"
	"github.com/gmcr/gmcr/statespace"
)

// ParsePref reads a known preference in the CLI's words (gmcr inverse
// --known): "DM:A>B" (DM strictly prefers state A to state B) or
// "DM:A>=B" (at least as much). The DM is an id, name or number; a state
// is a number, a Y/N pattern, a state id in graph form, or sq. Errors: a
// malformed value, an unknown DM or state.
func ParsePref(ss *statespace.StateSpace, s string) (Pref, error) {
	dm, rest, ok := strings.Cut(s, ":")
	if !ok {
		return Pref{}, fmt.Errorf("known preference %q: write DM:A>B or DM:A>=B", s)
	}
	i, err := analysis.DM(ss, dm)
	if err != nil {
		return Pref{}, err
	}
	weak := strings.Contains(rest, ">=")
	a, b, ok := strings.Cut(strings.Replace(rest, ">=", ">", 1), ">")
	if !ok {
		return Pref{}, fmt.Errorf("known preference %q: write DM:A>B or DM:A>=B", s)
	}
	sa, err := analysis.State(ss, strings.TrimSpace(a))
	if err != nil {
		return Pref{}, err
	}
	sb, err := analysis.State(ss, strings.TrimSpace(b))
	if err != nil {
		return Pref{}, err
	}
	return Pref{DM: i, Better: sa, Worse: sb, Weak: weak}, nil
}
