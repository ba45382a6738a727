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
	"stable for a DM when the DM has no unilateral improvement (UI) from the state",
	"stable for a DM when every UI of the DM can be answered by the other DMs (some legal sequence of their moves) with a state the DM does not prefer to the original",
	"stable for a DM when, as under GMR, every UI can be answered with a state the DM does not prefer to the original, and moreover one from which the DM cannot escape by a further move of its own to a state it prefers to the original",
	"stable for a DM when, as under GMR, every UI can be answered with a state the DM does not prefer to the original, but only by the other DMs' own unilateral improvements",
	"stable for a DM when every UI can be answered by the other DMs' simultaneous choices (each stays or makes one of its own UIs) with a combined state the DM does not prefer to the original",
}

func (c Concept) String() string {
	if c >= 0 && c < numConcepts {
		return conceptNames[c]
	}
	return fmt.Sprintf("Concept(%d)", int(c))
}

// Meaning returns a one-line plain-language definition of c, phrased as
// a condition ("stable for a DM when ..."), never as a finding.
func (c Concept) Meaning() string { return conceptMeanings[c] }

// Definition returns c's definition as a sentence: "Under Nash, a state
// is stable for a DM when ...". Explanations print it apart from their
// findings.
func (c Concept) Definition() string {
	return "Under " + c.String() + ", a state is " + c.Meaning() + "."
}

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
		if strings.EqualFold(strings.TrimSpace(part), "all") {
			for _, c := range Concepts {
				have[c] = true
			}
			continue
		}
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
