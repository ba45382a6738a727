// Package stability decides, for every feasible state and every DM, whether
// the state is stable under the standard solution concepts of the graph
// model, and which states are equilibria (definitions sheet §4; Fang, Hipel
// & Kilgour 1993, ch. 4; Xu, Hipel & Kilgour 2009).
//
// Analyze computes everything at once; Explain gives, for one DM and state,
// each unilateral improvement with a sanction witness or the fact that none
// exists, so a result can be checked by hand.
package stability

import (
	"fmt"
	"strings"
)

// Concept is a solution concept.
type Concept int

// The solution concepts, in the order reports list them.
const (
	Nash Concept = iota // no unilateral improvement
	GMR                 // general metarationality: every UI can be sanctioned
	SMR                 // symmetric metarationality: sanctions that survive i's counter-move
	SEQ                 // sequential stability: sanctions by opponents' own improvements
	SIM                 // simultaneous sanctioning
	numConcepts
)

// Concepts lists every concept in report order.
var Concepts = []Concept{Nash, GMR, SMR, SEQ, SIM}

var conceptNames = [...]string{"Nash", "GMR", "SMR", "SEQ", "SIM"}

var conceptMeanings = [...]string{
	"no unilateral improvement (UI) is available to the DM",
	"every UI of the DM can be answered by the other DMs (any legal sequence of their moves) with a state no better for it",
	"as GMR, and the DM cannot escape the sanction by a further move of its own",
	"as GMR, but the others sanction only with their own unilateral improvements",
	"every UI can be made no better for the DM by the others' simultaneous unilateral improvements",
}

func (c Concept) String() string {
	if c >= 0 && c < numConcepts {
		return conceptNames[c]
	}
	return fmt.Sprintf("Concept(%d)", int(c))
}

// Meaning returns a one-line plain-language description of c.
func (c Concept) Meaning() string { return conceptMeanings[c] }

// ParseConcept reads a concept name, case-insensitively ("nash", "R" and
// "Nash" all name Nash).
func ParseConcept(s string) (Concept, error) {
	t := strings.ToUpper(strings.TrimSpace(s))
	if t == "R" {
		return Nash, nil
	}
	for i, n := range conceptNames {
		if strings.ToUpper(n) == t {
			return Concept(i), nil
		}
	}
	return 0, fmt.Errorf("unknown solution concept %q; use one of Nash, GMR, SMR, SEQ, SIM", s)
}

// ParseConcepts reads a comma-separated list of concepts ("all" means every
// one), in report order without repeats.
func ParseConcepts(s string) ([]Concept, error) {
	if strings.EqualFold(strings.TrimSpace(s), "all") || strings.TrimSpace(s) == "" {
		return append([]Concept(nil), Concepts...), nil
	}
	var have [numConcepts]bool
	for _, part := range strings.Split(s, ",") {
		c, err := ParseConcept(part)
		if err != nil {
			return nil, err
		}
		have[c] = true
	}
	var out []Concept
	for _, c := range Concepts {
		if have[c] {
			out = append(out, c)
		}
	}
	return out, nil
}
