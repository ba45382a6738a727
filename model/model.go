// Package model defines a conflict in option form, the input of every gmcr
// analysis: decision makers (DMs), the options each controls, feasibility
// constraints, each DM's preferences and an optional status quo
// (Kilgour, Hipel & Fang 1987; Fang, Hipel & Kilgour 1993, ch. 3).
//
// A Model is plain data. Load reads one from a YAML or JSON model file and
// validates it; errors carry the file, line and column they refer to.
package model

import "github.com/gmcr/gmcr/model/statement"

// Reversibility says in which directions an option may change.
type Reversibility int

// The reversibility kinds. GMCR+ calls them "both", "fwd" and "back".
const (
	Both     Reversibility = iota // may be taken and withdrawn
	Forward                       // may be taken, never withdrawn (N->Y only)
	Backward                      // may be withdrawn, never taken (Y->N only)
)

// String returns the model-file spelling: "both", "forward" or "backward".
func (r Reversibility) String() string {
	switch r {
	case Forward:
		return "forward"
	case Backward:
		return "backward"
	}
	return "both"
}

// Pos is a place in a model file. Line and Col are 1-based; zero means
// unknown (for example a model built in code).
type Pos struct {
	File string
	Line int
	Col  int
}

// Evidence lets every modelling choice point to what supports it.
type Evidence struct {
	Note   string // the analyst's reasoning
	Source string // citation, for example "[P16]"
}

// Option is one course of action a DM may take or not.
type Option struct {
	ID            string
	Name          string
	Description   string
	Reversibility Reversibility
	Evidence
	Pos Pos
}

// Statement is a parsed preference statement or infeasibility condition.
type Statement struct {
	Text string          // as written (or generated, for feasibility helpers)
	Expr *statement.Expr // parsed; option ids are checked against the model
	Evidence
	Pos Pos // where Text starts in the file
	// Unsure marks a preference statement whose truth the DM is unsure of
	// (preference uncertainty; see Preferences.Unknown): comparisons that
	// depend on whether the DM holds it are unknown. Preference statements
	// only.
	Unsure bool
	// Strong marks a preference statement as one the DM cares about
	// strongly (strength of preference, Hamouda, Kilgour & Hipel 2004): the
	// strong statements are the DM's most important ones, and a state is
	// strongly preferred to another when they already decide the
	// comparison (see Preferences.Cuts). Preference statements only.
	Strong bool
	// Origin is the feasibility helper an infeasibility condition was
	// expanded from; nil for a statement written as such. Marshal writes
	// the helper form back.
	Origin *Origin
}

// Preferences is one DM's preference information: exactly one of
// Statements (option prioritization, most important first) or Ranking
// (direct ranking) is non-empty.
type Preferences struct {
	// Statements are scored as in the definitions sheet, section 2:
	// p(s) = sum of 2^(k-j) over the statements j (1-based) true at s.
	Statements []Statement
	// Ranking lists feasible states by their ordered number (1-based, see
	// statespace), most preferred first; each inner list is a group of
	// tied states. It must name every feasible state exactly once. A file
	// may name them by Y/N pattern or by the options taken instead; Parse
	// numbers them, and RankingForm records the form for Marshal.
	Ranking     [][]int
	RankingForm RankingForm
	// Numbering, when not nil, is the state space a ranking by number was
	// written for; Parse warns when the model no longer matches it.
	Numbering *Numbering
	// Unknown lists groups of states whose mutual comparisons the DM cannot
	// make (preference uncertainty, Li, Hipel, Kilgour & Fang 2004): every
	// two states of a group are related by "unknown" rather than by the
	// order Statements or Ranking give. A pair is a group of two.
	Unknown []UnknownGroup
	// Cuts mark strength of preference in a direct ranking (Hamouda,
	// Kilgour & Hipel 2004): every state ranked above a cut is strongly
	// preferred to every state below it; two states with no cut between
	// them are compared mildly. A model file writes a cut as the entry
	// ">>" (or {cut: ">>", note, source}) between two groups of the
	// ranking.
	Cuts []Cut
	Evidence
	Pos Pos
}

// Cut is a strength-of-preference cut in a direct ranking: the states of
// the first After groups of Ranking are strongly preferred to the rest.
type Cut struct {
	After int
	Evidence
	Pos Pos
}

// DM is a decision maker.
type DM struct {
	ID      string
	Name    string
	Options []string // ids of the options it controls, in model order
	Prefs   Preferences
	// Concept optionally names the solution concept by which this DM's
	// stability is judged in a per-DM ("hybrid", GMCR II) analysis:
	// "Nash" (or "R"), "GMR", "SMR", "SEQ" or "SIM", in any case; "" for
	// none. It does not affect the ordinary analysis.
	Concept string
	// Misperceived lists conditions describing the states this DM does not
	// perceive (a hypergame, as in GMCR+'s misperceptions): a state where
	// any condition holds is outside the DM's view, and the DM has no
	// unilateral moves from or into it (definitions sheet §1). Empty: the
	// DM perceives every state. A model file gives them under the DM's
	// "misperceived:" (docs/model-format.md).
	Misperceived []Statement
	// Moves are the DM's arcs in a graph-form model (Model.States): the
	// DM can move in one step from a state to each state its arcs lead
	// to. Empty in option form.
	Moves []Move
	Evidence
	Pos Pos
}

// StatusQuo is the state of the conflict at the time of analysis, given by
// the options taken in it; every other option is not taken.
type StatusQuo struct {
	Taken []string
	// State is the id of the status quo state in a graph-form model
	// (Model.States); Taken is then unused.
	State string
	Evidence
	Pos Pos
}

// Source is a citation for the model as a whole.
type Source struct {
	Ref  string // e.g. "security-talks-report.txt"
	Note string
}

// Model is a conflict in option form.
type Model struct {
	Title       string
	Description string
	Sources     []Source
	// Evidence is the top-level note (the analyst's reasoning about the
	// model as a whole) and source, as every element of a model file has.
	Evidence
	Options []Option // all options, in file order
	DMs     []DM     // in model order; at least two
	// Infeasible lists conditions that make a state infeasible: a state is
	// feasible iff none holds. The feasibility helpers of a model file
	// (mutually_exclusive, at_least_one, exactly_one, requires) are
	// expanded into such conditions when loading.
	Infeasible []Statement
	StatusQuo  *StatusQuo // nil when the model has none
	File       string     // the file the model was read from, if any
	// Scenarios are named what-if variants of the model (see Scenario);
	// package scenario applies and compares them. The analysis of the
	// model itself ignores them.
	Scenarios []Scenario
	// Warnings are problems Parse found that do not stop the analysis,
	// such as a ranking by state numbers written for another state space
	// (Numbering); a front end shows them.
	Warnings []string
	// States, when not empty, make the model a conflict in graph form
	// (see State): the states are listed rather than generated from the
	// options, and each DM's moves are its Moves.
	States []State
}

// Option returns the option with the given id, or nil.
func (m *Model) Option(id string) *Option {
	for i := range m.Options {
		if m.Options[i].ID == id {
			return &m.Options[i]
		}
	}
	return nil
}

// DM returns the decision maker with the given id, or nil.
func (m *Model) DM(id string) *DM {
	for i := range m.DMs {
		if m.DMs[i].ID == id {
			return &m.DMs[i]
		}
	}
	return nil
}
