package inverse

import (
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/gmcr/gmcr/analysis"
	"github.com/gmcr/gmcr/model/statement"
	"github.com/gmcr/gmcr/statespace"
)

// ParseEdits reads the allowed edits in the CLI's words (gmcr inverse
// --edits): a comma-separated list of reorder, drop and negate. Errors:
// any other word.
func ParseEdits(s string) (Edits, error) {
	var e Edits
	for _, w := range strings.Split(s, ",") {
		switch strings.ToLower(strings.TrimSpace(w)) {
		case "reorder":
			e.Reorder = true
		case "drop":
			e.Drop = true
		case "negate":
			e.Negate = true
		case "":
		default:
			return Edits{}, fmt.Errorf("edits: %q is not an edit; use reorder, drop or negate (comma-separated)", strings.TrimSpace(w))
		}
	}
	return e, nil
}

// ParseCandidate reads a candidate statement in the CLI's words (gmcr
// inverse --add): "DM:STATEMENT", e.g. "US:o1 & not o2". Errors: a
// malformed value, an unknown DM or option, a statement that does not
// parse.
func ParseCandidate(ss *statespace.StateSpace, s string) (Candidate, error) {
	dm, text, ok := strings.Cut(s, ":")
	if !ok {
		return Candidate{}, fmt.Errorf("candidate statement %q: write DM:STATEMENT, e.g. \"US:o1 & not o2\"", s)
	}
	i, err := analysis.DM(ss, dm)
	if err != nil {
		return Candidate{}, err
	}
	text = strings.TrimSpace(text)
	expr, err := statement.Parse(text)
	if err != nil {
		return Candidate{}, fmt.Errorf("candidate statement %q: %v", s, err)
	}
	if _, err := ss.Compile(expr); err != nil {
		return Candidate{}, fmt.Errorf("candidate statement %q: %v", s, err)
	}
	return Candidate{DM: i, Text: text, Expr: expr}, nil
}

// ParseStatements reads statement numbers of one DM in the CLI's words
// (gmcr inverse --keep, --keep-order): "DM:1,3", numbers 1-based, the
// candidates already in sp numbered after the DM's statements. Errors: a
// malformed value, an unknown DM, a DM that ranks the states directly, a
// number out of range or named twice.
func (sp *StatementProblem) ParseStatements(ss *statespace.StateSpace, s string) ([]StatementRef, error) {
	dm, rest, ok := strings.Cut(s, ":")
	if !ok {
		return nil, fmt.Errorf("statements %q: write DM:N,M with statement numbers, e.g. \"US:1,3\"", s)
	}
	i, err := analysis.DM(ss, dm)
	if err != nil {
		return nil, err
	}
	d := ss.Model.DMs[i]
	if len(d.Prefs.Ranking) > 0 {
		return nil, fmt.Errorf("statements %q: %s ranks the states directly and has no statements", s, d.ID)
	}
	n := len(d.Prefs.Statements)
	for _, c := range sp.Candidates {
		if c.DM == i {
			n++
		}
	}
	var out []StatementRef
	for _, f := range strings.Split(rest, ",") {
		k, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || k < 1 || k > n {
			return nil, fmt.Errorf("statements %q: %q is not a statement number of %s (1..%d)", s, strings.TrimSpace(f), d.ID, n)
		}
		if slices.Contains(out, StatementRef{DM: i, Index: k - 1}) {
			return nil, fmt.Errorf("statements %q: statement %d is named twice; name each statement once", s, k)
		}
		out = append(out, StatementRef{DM: i, Index: k - 1})
	}
	return out, nil
}

// AddKeep adds --keep "DM:1,3": the statements stay in the DM's list as
// stated. Errors: as ParseStatements.
func (sp *StatementProblem) AddKeep(ss *statespace.StateSpace, s string) error {
	refs, err := sp.ParseStatements(ss, s)
	sp.Keep = append(sp.Keep, refs...)
	return err
}

// AddKeepOrder adds --keep-order "DM:1,2,4": every two of the statements
// keep their present relative order whenever the DM holds both (a
// candidate counts as placed after the DM's statements). Errors: as
// ParseStatements, or fewer than two statements.
func (sp *StatementProblem) AddKeepOrder(ss *statespace.StateSpace, s string) error {
	refs, err := sp.ParseStatements(ss, s)
	if err != nil {
		return err
	}
	if len(refs) < 2 {
		return fmt.Errorf("statements %q: name at least two statements to keep in order", s)
	}
	sort.Slice(refs, func(a, b int) bool { return refs[a].Index < refs[b].Index })
	for a := range refs {
		for b := a + 1; b < len(refs); b++ {
			if refs[a].Index != refs[b].Index {
				sp.Order = append(sp.Order, [2]StatementRef{refs[a], refs[b]})
			}
		}
	}
	return nil
}
