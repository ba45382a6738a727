package evolve

import (
	"fmt"
	"github.com/gmcr/gmcr/internal/english"
	"slices"

	"github.com/gmcr/gmcr/stability"
)

// DefaultMaxNodes is the default limit on the states of an evolution
// diagram.
const DefaultMaxNodes = 100

// Diagram is the part of a status quo analysis that an evolution diagram
// draws: states as nodes, improvement steps as edges.
type Diagram struct {
	// Nodes are the states drawn, ascending.
	Nodes []int
	// Edges are the steps drawn, in Result.Edges order.
	Edges []DiagramEdge
	// Reduced is true when the reachable subgraph had more than the
	// allowed nodes and only the listed shortest paths to the targets are
	// drawn.
	Reduced bool
	// Paths is true when only shortest paths are drawn (DiagramOf with
	// ShowKey or ShowTargets, or a Reduced diagram).
	Paths bool
	// Show is what was asked for (ShowAll for Diagram).
	Show Show
	// Key lists the concepts whose equilibria stand out in the diagram
	// (DiagramOf: opt.Key or KeyConcept); nil for Diagram.
	Key []stability.Concept
}

// DiagramEdge is an edge of a Diagram.
type DiagramEdge struct {
	Edge
	// OnPath is true when the step belongs to one of the listed shortest
	// paths to a target.
	OnPath bool
}

// TooLargeError reports a diagram with more nodes than allowed even when
// reduced to the listed paths.
type TooLargeError struct {
	Reachable int // states in the reachable subgraph
	Nodes     int // states on the listed paths
	Limit     int
}

// Error says how large the diagram would be and how to make it smaller.
func (e *TooLargeError) Error() string {
	return fmt.Sprintf("the evolution diagram would have %s (%d reachable, %d on the listed paths to the targets), over the limit of %d; "+
		"raise --max-nodes, list fewer paths (--paths), or follow one state (--to) with fewer --concepts", english.Count(e.Nodes, "state"), e.Reachable, e.Nodes, e.Limit)
}

// Diagram selects what an evolution diagram shows: the whole reachable
// subgraph (every reached state and every step of Result.Edges) when it
// has at most maxNodes states (0: DefaultMaxNodes); otherwise only the
// start and the states and steps of the listed shortest paths to the
// targets (Reduced). Error: *TooLargeError when even that has more than
// maxNodes states.
func (r *Result) Diagram(maxNodes int) (*Diagram, error) {
	if maxNodes <= 0 {
		maxNodes = DefaultMaxNodes
	}
	type key struct {
		from, to int
		movers   string
	}
	k := func(from, to int, movers []int) key { return key{from, to, fmt.Sprint(movers)} }
	onPath := map[key]bool{}
	pathStates := map[int]bool{r.Start: true}
	for _, t := range r.Targets {
		for _, p := range t.Paths {
			for _, st := range p {
				onPath[k(st.From, st.To, st.Movers)] = true
				pathStates[st.From], pathStates[st.To] = true, true
			}
		}
	}
	d := &Diagram{Show: ShowAll}
	if len(r.Reached) <= maxNodes {
		d.Nodes = slices.Clone(r.Reached)
		for _, e := range r.Edges() {
			d.Edges = append(d.Edges, DiagramEdge{Edge: e, OnPath: onPath[k(e.From, e.To, e.Movers)]})
		}
	} else {
		if len(pathStates) > maxNodes {
			return nil, &TooLargeError{Reachable: len(r.Reached), Nodes: len(pathStates), Limit: maxNodes}
		}
		d.Reduced, d.Paths = true, true
		for s := range pathStates {
			d.Nodes = append(d.Nodes, s)
		}
		for _, e := range r.Edges() {
			if onPath[k(e.From, e.To, e.Movers)] {
				d.Edges = append(d.Edges, DiagramEdge{Edge: e, OnPath: true})
			}
		}
	}
	slices.Sort(d.Nodes)
	return d, nil
}

// Show says which part of a status quo analysis a diagram draws.
type Show int

const (
	// ShowKey draws the listed shortest paths from the start to the key
	// equilibria (DiagramOptions.Key, by default those of the strongest
	// concept that has an equilibrium reachable from the start) and to the
	// states of Options.To: the readable default.
	ShowKey Show = iota
	// ShowTargets draws the listed shortest paths to every target: the
	// equilibria of every concept and the states of Options.To.
	ShowTargets
	// ShowAll draws the whole reachable subgraph, every improvement step
	// between reached states; when it has more than MaxNodes states, only
	// the listed shortest paths to every target (as ShowTargets).
	ShowAll
)

// Strength lists the solution concepts from the most demanding to the
// least: a Nash equilibrium is an equilibrium under every other concept,
// and SEQ and SMR equilibria are GMR equilibria (sheet §4). SEQ comes
// before SMR because its sanctions must be credible (improvements for the
// sanctioners); SIM, which only contains Nash, comes before GMR.
var Strength = []stability.Concept{stability.Nash, stability.SEQ, stability.SMR, stability.SIM, stability.GMR}

// DiagramOptions tunes DiagramOf.
type DiagramOptions struct {
	Show Show
	// MaxNodes limits the states drawn; 0 means DefaultMaxNodes.
	MaxNodes int
	// Key lists the concepts whose equilibria are the key targets of
	// ShowKey. Nil means the strongest concept (in Strength order) among
	// the targets' concepts with an equilibrium reachable from the start,
	// or, when no equilibrium is reachable, the strongest with any.
	Key []stability.Concept
}

// KeyConcept returns the strongest concept (in Strength order) among the
// concepts of r's targets that has an equilibrium reachable from the
// start; if none has, the strongest with an equilibrium at all. ok is
// false when r has no equilibria among its targets.
func (r *Result) KeyConcept() (c stability.Concept, ok bool) {
	for _, reachable := range []bool{true, false} {
		for _, c := range Strength {
			for _, t := range r.Targets {
				if slices.Contains(t.Concepts, c) && (!reachable || t.Dist >= 0) {
					return c, true
				}
			}
		}
	}
	return 0, false
}

// IsKey reports whether target t is a key target under concepts key: an
// equilibrium under one of them, or a state of Options.To.
func IsKey(t *Target, key []stability.Concept) bool {
	if t.Requested {
		return true
	}
	for _, c := range key {
		if slices.Contains(t.Concepts, c) {
			return true
		}
	}
	return false
}

// DiagramOf selects what an evolution diagram shows (see Show). The
// diagram's Key holds the key concepts, whose equilibria stand out
// whatever is drawn. Error:
// *TooLargeError when the selection has more than opt.MaxNodes states.
func (r *Result) DiagramOf(opt DiagramOptions) (*Diagram, error) {
	key := opt.Key
	if key == nil {
		if c, ok := r.KeyConcept(); ok {
			key = []stability.Concept{c}
		}
	}
	if opt.Show == ShowAll {
		d, err := r.Diagram(opt.MaxNodes)
		if d != nil {
			d.Key = key
		}
		return d, err
	}
	maxNodes := opt.MaxNodes
	if maxNodes <= 0 {
		maxNodes = DefaultMaxNodes
	}
	type edgeKey struct {
		from, to int
		movers   string
	}
	ek := func(from, to int, movers []int) edgeKey { return edgeKey{from, to, fmt.Sprint(movers)} }
	onPath := map[edgeKey]bool{}
	states := map[int]bool{r.Start: true}
	for i := range r.Targets {
		t := &r.Targets[i]
		if opt.Show == ShowKey && !IsKey(t, key) {
			continue
		}
		for _, p := range t.Paths {
			for _, st := range p {
				onPath[ek(st.From, st.To, st.Movers)] = true
				states[st.From], states[st.To] = true, true
			}
		}
	}
	if len(states) > maxNodes {
		return nil, &TooLargeError{Reachable: len(r.Reached), Nodes: len(states), Limit: maxNodes}
	}
	d := &Diagram{Reduced: len(states) < len(r.Reached), Paths: true, Show: opt.Show, Key: key}
	for s := range states {
		d.Nodes = append(d.Nodes, s)
	}
	slices.Sort(d.Nodes)
	for _, e := range r.Edges() {
		if onPath[ek(e.From, e.To, e.Movers)] {
			d.Edges = append(d.Edges, DiagramEdge{Edge: e, OnPath: true})
		}
	}
	return d, nil
}
