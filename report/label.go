package report

import "github.com/gmcr/gmcr/statespace"

// patternOrID returns state s's Y/N pattern, or its id for a graph-form
// model without options, whose pattern is empty: every place that names a
// state by its pattern in parentheses uses it so graph-form states keep a
// readable name.
func patternOrID(ss *statespace.StateSpace, s int) string {
	if len(ss.Options) == 0 {
		return ss.StateID(s)
	}
	return ss.Pattern(s)
}

// groupedPatternOrID is patternOrID with the pattern grouped by DM.
func (v *view) groupedPatternOrID(s int) string {
	if len(v.ss.Options) == 0 {
		return v.ss.StateID(s)
	}
	return v.groupedPattern(s)
}
