package stability

import (
	"fmt"
	"github.com/gmcr/gmcr/internal/english"

	"github.com/gmcr/gmcr/preference"
	"github.com/gmcr/gmcr/reach"
	"github.com/gmcr/gmcr/statespace"
)

// Choice is one opponent's part of a SIM sanction: DM chooses to move the
// conflict from the focal state to State by one of its UIs, or to stay
// (State is then the focal state).
type Choice struct {
	DM    int
	State int
	Stays bool
}

// Witness explains one unilateral improvement (UI) s -> UI of the focal DM.
type Witness struct {
	UI         int  // the state the focal DM can move to
	Sanctioned bool // false: no sanction exists under the concept
	// Sequence is the opponents' legal sequence from UI to End (GMR, SMR,
	// SEQ): End is no better than the focal state for the DM; for SMR no
	// unilateral move of the DM from End is better either.
	Sequence []reach.Step
	// Choices are the opponents' simultaneous choices (SIM); End is then
	// the combined state.
	Choices []Choice
	End     int // -1 when not sanctioned
	// BestCounter, for SMR, is the DM's best state from End (End itself or
	// a unilateral move from it).
	BestCounter int
	// Escaped, for an SMR UI without a sanction that has a GMR sanction,
	// shows one such sanction and the DM's escape from it; nil otherwise.
	Escaped *Escape
	// Tried, for a UI without a sanction under GMR, SMR, SEQ or SIM,
	// shows what was tried, so that "no sanction exists" can be checked;
	// nil otherwise (Nash considers no sanctions).
	Tried *Tried
}

// Tried is what the search for a sanction of one UI examined and found
// wanting: every response of the other DMs to the UI.
//
// For GMR and SMR the responses are the states R_{N-i}(UI) the other DMs
// reach by legal sequences of their unilateral moves; for SEQ those they
// reach by legal sequences of their unilateral improvements,
// R+_{N-i}(UI); for SIM the feasible states that combine the DM's move
// with each other DM's choice, from the focal state, of staying or of one
// of its own UIs (definitions: GMR, SMR, SEQ and SIM).
type Tried struct {
	// Responses is the number of states in the response set (GMR, SMR,
	// SEQ), or the number of combinations of the other DMs' choices
	// (SIM, counting the infeasible ones and the one where all stay).
	Responses int
	// States lists the distinct response states, ascending, when there
	// are at most MaxTriedListed of them; nil otherwise.
	States []int
	// Strongest is the response the DM likes least, the one that comes
	// closest to a sanction (for SMR: the one after which the DM's best
	// state, Counter, is least preferred); -1 when the other DMs cannot
	// respond at all. Ties go to the state reached in the fewest steps,
	// then to the lowest state index.
	Strongest int
	// Counter, for SMR, is the DM's best state from Strongest (Strongest
	// itself or a unilateral move from it), which the DM prefers to the
	// focal state; -1 otherwise.
	Counter int
	// Sequence is the other DMs' shortest legal sequence from the UI to
	// Strongest (GMR, SMR, SEQ).
	Sequence []reach.Step
	// Choices are the other DMs' simultaneous choices that combine into
	// Strongest (SIM).
	Choices []Choice
}

// MaxTriedListed is the most response states Tried lists one by one.
const MaxTriedListed = 8

// Escape is a GMR sanction that fails SMR: the opponents' legal Sequence
// reaches End, no better for the DM than the focal state, but the DM then
// moves on to Counter, which it prefers to the focal state.
type Escape struct {
	Sequence []reach.Step
	End      int
	Counter  int
}

// Explanation lists, for one DM, state and concept, every UI of the DM with
// a sanction witness or the fact that none exists. The state is stable iff
// every UI is sanctioned (for Nash: iff there is no UI).
type Explanation struct {
	Concept Concept
	DM      int
	State   int
	Stable  bool
	UIs     []Witness
}

// Explain explains the stability of state s for DM dm under concept c.
// Witnesses are shortest legal sequences found breadth first, so they are
// small enough to check by hand. Errors: dm or s out of range.
func Explain(ss *statespace.StateSpace, p *preference.Profile, c Concept, dm, s int) (*Explanation, error) {
	if err := checkExplain(ss, c, dm, s); err != nil {
		return nil, err
	}
	if c == SIM && !ss.Simultaneous() {
		return nil, ErrNoSimultaneous
	}
	lv := p.Level[dm]
	ex := &Explanation{Concept: c, DM: dm, State: s, Stable: true}
	var uis []int
	ss.Moves(dm, s, func(t int) bool {
		if lv[t] > lv[s] {
			uis = append(uis, t)
		}
		return true
	})
	var sim *simChecker
	if c == SIM && len(uis) > 0 {
		sim = newSimChecker(ss, p, dm)
		sim.load(s)
	}
	for _, s1 := range uis {
		w := explainUI(ss, p, c, dm, s, s1, sim)
		if !w.Sanctioned {
			ex.Stable = false
		}
		ex.UIs = append(ex.UIs, w)
	}
	return ex, nil
}

// ExplainUI explains one unilateral improvement s -> s1 of DM dm under
// concept c: the Witness Explain gives for it, at the cost of that one
// search. Errors: dm, s or s1 out of range, or s1 not a UI of dm from s.
func ExplainUI(ss *statespace.StateSpace, p *preference.Profile, c Concept, dm, s, s1 int) (Witness, error) {
	if err := checkExplain(ss, c, dm, s); err != nil {
		return Witness{}, err
	}
	isUI := false
	if s1 >= 0 && s1 < ss.Len() && p.Level[dm][s1] > p.Level[dm][s] {
		ss.Moves(dm, s, func(t int) bool {
			isUI = t == s1
			return !isUI
		})
	}
	if !isUI {
		return Witness{}, fmt.Errorf("state %d is not a unilateral improvement of DM %s from state %d", statespace.Number(s1), ss.DMs[dm].ID, statespace.Number(s))
	}
	var sim *simChecker
	if c == SIM {
		sim = newSimChecker(ss, p, dm)
		sim.load(s)
	}
	return explainUI(ss, p, c, dm, s, s1, sim), nil
}

func checkExplain(ss *statespace.StateSpace, c Concept, dm, s int) error {
	if dm < 0 || dm >= len(ss.DMs) {
		return fmt.Errorf("DM index %d out of range", dm)
	}
	if s < 0 || s >= ss.Len() {
		return fmt.Errorf("state %d does not exist; the model has %s", statespace.Number(s), english.States(ss.Len()))
	}
	if c < 0 || c >= numConcepts {
		return fmt.Errorf("unknown concept %v", c)
	}
	return nil
}

// explainUI is the witness of the UI s -> s1 (sim: loaded at s, for SIM).
func explainUI(ss *statespace.StateSpace, p *preference.Profile, c Concept, dm, s, s1 int, sim *simChecker) Witness {
	lv := p.Level[dm]
	opp := Opponents(ss, dm)
	best := func(x int) int {
		b := x
		ss.Moves(dm, x, func(t int) bool {
			if lv[t] > lv[b] {
				b = t
			}
			return true
		})
		return b
	}
	w := Witness{UI: s1, End: -1, BestCounter: -1}
	switch c {
	case GMR, SEQ:
		g := &reach.Graph{Space: ss, Prefs: p, Movers: opp, Improving: c == SEQ}
		tr := reach.Search(g, s1, func(t int) bool { return lv[t] <= lv[s] })
		if tr.Goal >= 0 {
			w.Sanctioned, w.End, w.Sequence = true, tr.Goal, tr.Path(tr.Goal)
		} else {
			w.Tried = tried(tr, func(t int) int32 { return lv[t] })
		}
	case SMR:
		g := &reach.Graph{Space: ss, Prefs: p, Movers: opp}
		tr := reach.Search(g, s1, func(t int) bool { return lv[best(t)] <= lv[s] })
		if tr.Goal >= 0 {
			w.Sanctioned, w.End, w.Sequence = true, tr.Goal, tr.Path(tr.Goal)
			w.BestCounter = best(tr.Goal)
		} else {
			if gt := reach.Search(g, s1, func(t int) bool { return lv[t] <= lv[s] }); gt.Goal >= 0 {
				w.Escaped = &Escape{Sequence: gt.Path(gt.Goal), End: gt.Goal, Counter: best(gt.Goal)}
			}
			w.Tried = tried(tr, func(t int) int32 { return lv[best(t)] })
			if w.Tried.Strongest >= 0 {
				w.Tried.Counter = best(w.Tried.Strongest)
			}
		}
	case SIM:
		if t := sim.sanction(s, s1); t >= 0 {
			w.Sanctioned, w.End = true, t
			for k, j := range sim.opp {
				d := &ss.DMs[j]
				code := ss.Codes[s]&^d.Mask | sim.choices[k][sim.pick[k]]<<d.Lo
				x, _ := ss.Index(code)
				w.Choices = append(w.Choices, Choice{DM: j, State: x, Stays: sim.pick[k] == 0})
			}
		} else {
			w.Tried = sim.tried(s, s1)
		}
	}
	return w
}

// tried summarises a search tree that found no sanction: its states, and
// the one minimising value (the DM's level of it, or for SMR of its best
// counter-move).
func tried(tr *reach.Tree, value func(t int) int32) *Tried {
	states := tr.States()
	t := &Tried{Responses: len(states), Strongest: -1, Counter: -1}
	if len(states) <= MaxTriedListed {
		t.States = states
	}
	for _, x := range states {
		if t.Strongest < 0 || value(x) < value(t.Strongest) || value(x) == value(t.Strongest) && tr.Dist(x) < tr.Dist(t.Strongest) {
			t.Strongest = x
		}
	}
	if t.Strongest >= 0 {
		t.Sequence = tr.Path(t.Strongest)
	}
	return t
}
