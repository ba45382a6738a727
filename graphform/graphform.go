// Package graphform writes a conflict in option form as the same conflict
// in graph form (Kilgour, Hipel & Fang 1987; definitions sheet §7, "Graph
// form"): its feasible states listed with their option values, and each
// decision maker's unilateral moves listed as arcs. The graph-form model
// has the same states, numbers, moves, preferences and therefore the same
// stability results; it is the starting point for editing moves that
// option form cannot express (a move allowed in some states only).
package graphform

import (
	"context"
	"fmt"

	"github.com/gmcr/gmcr/model"
	"github.com/gmcr/gmcr/statespace"
)

// Result is a conversion's output.
type Result struct {
	Model *model.Model
	// Dropped lists the ids of scenarios left out: those that change the
	// states (force, forbid, feasibility conditions or a status quo given
	// by options), which a graph-form model lists explicitly.
	Dropped []string
}

// FromOptions returns m, a valid model in option form, in graph form:
//
//   - states s1, s2, ... in gmcr's numbering (§1), each with the options
//     taken in it;
//   - each DM's moves: its unilateral moves from every state (§1),
//     irreversible options and misperceptions already applied; the
//     misperception conditions are kept (they remove nothing more);
//   - options all reversible (the moves say what is possible), no
//     feasibility conditions (the states are listed);
//   - preferences unchanged: statements evaluate on the option values, and
//     rankings name the same state numbers;
//   - the status quo as its state id; scenarios that change preferences
//     only (Result.Dropped lists the others).
//
// Errors: m already in graph form, and those of statespace.Build with opt.
func FromOptions(ctx context.Context, m *model.Model, opt statespace.Options) (*Result, error) {
	if m.GraphForm() {
		return nil, fmt.Errorf("the model is already in graph form")
	}
	ss, err := statespace.Build(ctx, m, opt)
	if err != nil {
		return nil, err
	}
	g := *m
	g.Options = make([]model.Option, len(m.Options))
	for i, o := range m.Options {
		o.Reversibility = model.Both
		g.Options[i] = o
	}
	g.Infeasible = nil
	g.States = make([]model.State, ss.Len())
	for s := range g.States {
		st := model.State{ID: ID(s), Taken: []string{}}
		for _, o := range ss.Options {
			if ss.Taken(s, o.Bit) {
				st.Taken = append(st.Taken, o.ID)
			}
		}
		g.States[s] = st
	}
	g.DMs = make([]model.DM, len(m.DMs))
	for k, d := range m.DMs {
		d.Moves = nil
		for s := 0; s < ss.Len(); s++ {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			mv := model.Move{From: ID(s)}
			ss.Moves(k, s, func(t int) bool {
				mv.To = append(mv.To, ID(t))
				return true
			})
			if len(mv.To) > 0 {
				d.Moves = append(d.Moves, mv)
			}
		}
		g.DMs[k] = d
	}
	if m.StatusQuo != nil {
		var code uint64
		for _, id := range m.StatusQuo.Taken {
			if b, ok := ss.Bit(id); ok {
				code |= 1 << uint(b)
			}
		}
		s, ok := ss.Index(code)
		if !ok {
			return nil, fmt.Errorf("the status quo is not a feasible state")
		}
		g.StatusQuo = &model.StatusQuo{State: ID(s), Evidence: m.StatusQuo.Evidence}
	}
	res := &Result{Model: &g}
	g.Scenarios = nil
	for _, sc := range m.Scenarios {
		if len(sc.Force) > 0 || len(sc.Forbid) > 0 || len(sc.Infeasible) > 0 || sc.StatusQuo != nil {
			res.Dropped = append(res.Dropped, sc.ID)
			continue
		}
		g.Scenarios = append(g.Scenarios, sc)
	}
	if err := g.Validate(); err != nil {
		return nil, fmt.Errorf("graph form: %w", err) // a bug: the conversion must be valid
	}
	return res, nil
}

// ID is the id FromOptions gives state s (0-based): "s1", "s2", ...
func ID(s int) string { return fmt.Sprintf("s%d", statespace.Number(s)) }
