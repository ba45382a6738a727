package analysis

import (
	"fmt"
	"strings"

	"github.com/gmcr/gmcr/model"
	"github.com/gmcr/gmcr/stability"
)

// DMConcepts resolves the per-DM concepts of a mixed analysis of m from
// spec, the --dm-concepts value ("RU=SMR,UA=Nash,default=GMR"): a DM
// takes the concept spec names for it, else the concept: of its model
// entry, else spec's default. It returns nil when spec is empty and no DM
// of m has a concept. Errors: a malformed entry, an unknown DM or concept,
// a DM named twice, and a DM left without a concept.
func DMConcepts(m *model.Model, spec string) ([]stability.Concept, error) {
	ids := make([]string, len(m.DMs))
	for i, d := range m.DMs {
		ids[i] = d.ID
	}
	named := make([]*stability.Concept, len(m.DMs))
	var def *stability.Concept
	if strings.TrimSpace(spec) != "" {
		seen := map[string]bool{}
		for _, part := range strings.Split(spec, ",") {
			k, val, ok := strings.Cut(part, "=")
			k, val = strings.TrimSpace(k), strings.TrimSpace(val)
			if !ok || k == "" || val == "" {
				return nil, fmt.Errorf("--dm-concepts: %q is not DM=CONCEPT; write for example %s=SMR,default=GMR", strings.TrimSpace(part), ids[0])
			}
			c, err := stability.ParseConcept(val)
			if err != nil {
				return nil, fmt.Errorf("--dm-concepts: %w", err)
			}
			if strings.EqualFold(k, "default") {
				if def != nil {
					return nil, fmt.Errorf("--dm-concepts gives default twice")
				}
				def = &c
				continue
			}
			i := -1
			for j, id := range ids {
				if id == k {
					i = j
				}
			}
			if i < 0 {
				for j, id := range ids {
					if strings.EqualFold(id, k) {
						i = j
					}
				}
			}
			if i < 0 {
				return nil, fmt.Errorf("--dm-concepts: unknown DM %q; the DMs are %s (or write default=CONCEPT)", k, strings.Join(ids, ", "))
			}
			if seen[ids[i]] {
				return nil, fmt.Errorf("--dm-concepts names %s twice", ids[i])
			}
			seen[ids[i]] = true
			named[i] = &c
		}
	}
	fromModel := 0
	for _, d := range m.DMs {
		if d.Concept != "" {
			fromModel++
		}
	}
	if strings.TrimSpace(spec) == "" && fromModel == 0 {
		return nil, nil
	}
	out := make([]stability.Concept, len(m.DMs))
	var missing, withConcept []string
	var firstMissing model.Pos
	for i, d := range m.DMs {
		switch {
		case named[i] != nil:
			out[i] = *named[i]
		case d.Concept != "":
			c, err := stability.ParseConcept(d.Concept)
			if err != nil {
				return nil, &model.Error{Pos: d.Pos, Msg: fmt.Sprintf("decision maker %s: %v", d.ID, err)}
			}
			out[i] = c
			withConcept = append(withConcept, d.ID)
		case def != nil:
			out[i] = *def
		default:
			if len(missing) == 0 {
				firstMissing = d.Pos
			}
			missing = append(missing, d.ID)
		}
	}
	if len(missing) > 0 {
		if strings.TrimSpace(spec) == "" {
			return nil, &PartialConceptsError{&model.Error{Pos: firstMissing, Msg: fmt.Sprintf("the model gives a solution concept (concept:) to %s but not to %s", strings.Join(withConcept, ", "), strings.Join(missing, ", ")),
				Hint: "add concept: to those decision makers, or pass --dm-concepts with default=CONCEPT"}}
		}
		return nil, fmt.Errorf("--dm-concepts gives no concept to %s: name them, or add default=CONCEPT", strings.Join(missing, ", "))
	}
	return out, nil
}

// PartialConceptsError reports a model whose concept: fields name a
// concept for some DMs only: the ordinary analysis can go on without the
// mixed one.
type PartialConceptsError struct{ Err *model.Error }

func (p *PartialConceptsError) Error() string { return p.Err.Error() }

// WithConcepts returns concepts (nil: all) with the concepts of mixed
// added, in report order.
func WithConcepts(concepts, mixed []stability.Concept) []stability.Concept {
	if concepts == nil || mixed == nil {
		return concepts
	}
	want := map[stability.Concept]bool{}
	for _, c := range concepts {
		want[c] = true
	}
	for _, c := range mixed {
		want[c] = true
	}
	var out []stability.Concept
	for _, c := range stability.Concepts {
		if want[c] {
			out = append(out, c)
		}
	}
	return out
}
