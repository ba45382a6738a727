package evolve

import (
	"fmt"
	"github.com/gmcr/gmcr/internal/english"
	"slices"
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
// subgraph (every reached state and every edge of Result.Edges) when it
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
	d := &Diagram{}
	if len(r.Reached) <= maxNodes {
		d.Nodes = slices.Clone(r.Reached)
		for _, e := range r.Edges {
			d.Edges = append(d.Edges, DiagramEdge{Edge: e, OnPath: onPath[k(e.From, e.To, e.Movers)]})
		}
	} else {
		if len(pathStates) > maxNodes {
			return nil, &TooLargeError{Reachable: len(r.Reached), Nodes: len(pathStates), Limit: maxNodes}
		}
		d.Reduced = true
		for s := range pathStates {
			d.Nodes = append(d.Nodes, s)
		}
		for _, e := range r.Edges {
			if onPath[k(e.From, e.To, e.Movers)] {
				d.Edges = append(d.Edges, DiagramEdge{Edge: e, OnPath: true})
			}
		}
	}
	slices.Sort(d.Nodes)
	return d, nil
}
