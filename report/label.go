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

// groupedPatternOrIDIn is groupedPatternOrID for a report that has only
// the state space (robustness): the pattern grouped by DM, as every
// other table prints it, or the id in graph form.
func groupedPatternOrIDIn(ss *statespace.StateSpace, s int) string {
	return (&view{ss: ss}).groupedPatternOrID(s)
}
