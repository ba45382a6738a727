package readme

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/gmcr/gmcr/analysis"
	"github.com/gmcr/gmcr/model"
	"github.com/gmcr/gmcr/scenario"
	"github.com/gmcr/gmcr/stability"
	"github.com/gmcr/gmcr/statespace"
	"github.com/gmcr/gmcr/uncertain"
)

// uncertainScenario is the built-in example's scenario that marks the
// analyst's inferences unsure.
const uncertainScenario = "inferences_unknown"

// onlyUnknown reports whether scenario sc changes nothing but unknown
// comparisons, which the ordinary concepts ignore.
func onlyUnknown(sc *model.Scenario) bool {
	if len(sc.Force)+len(sc.Forbid)+len(sc.Infeasible) > 0 || sc.StatusQuo != nil || len(sc.Prefs) == 0 {
		return false
	}
	for i := range sc.Prefs {
		if !sc.Prefs[i].OnlyUnknown() {
			return false
		}
	}
	return true
}

// ordinaryScenarios lists the scenarios of m that the ordinary concepts
// can tell apart from the model (all but those changing only unknown
// comparisons).
func ordinaryScenarios(m *model.Model) []string {
	var ids []string
	for i := range m.Scenarios {
		if !onlyUnknown(&m.Scenarios[i]) {
			ids = append(ids, m.Scenarios[i].ID)
		}
	}
	return ids
}

// uncertainty compares the built-in example with its scenario
// inferences_unknown under the sixteen definitions of preference
// uncertainty and says which conclusions survive.
func uncertainty(ctx context.Context, x *example) (string, error) {
	c, err := scenario.CompareUncertain(ctx, x.m, []string{uncertainScenario}, analysis.Options{})
	if err != nil {
		return "", err
	}
	o := c.Scenarios[0]
	sc := o.Scenario
	var b strings.Builder
	var perDM []string
	total := 0
	for _, p := range sc.Prefs {
		perDM = append(perDM, fmt.Sprintf("%d of %s's", len(p.Unsure), p.DM))
		total += len(p.Unsure)
	}
	fmt.Fprintf(&b, "Scenario `%s` marks unsure %d preference statements whose notes call them analyst inferences (%s; its note says which stay and why), so every comparison of states that depends on one of them becomes unknown. ", sc.ID, total, list(perDM))
	b.WriteString("The ordinary concepts ignore unknown comparisons; the four extensions of Li, Hipel, Kilgour & Fang (2004) treat them as follows: in (a) and (c) a DM may move to a state it cannot compare with where it is, in (b) and (d) only to one it knows is better; in (a) and (b) a sanction deters only if it ends in a state the DM knows is no better, in (c) and (d) also in one it cannot compare. ")
	b.WriteString("Each cell gives how many of the base model's equilibria under that concept stay equilibria in the scenario, and (+) how many new ones appear:\n\n")
	text := wrap(b.String()) + "\n"
	b.Reset()
	b.WriteString("| concept | (a) | (b) | (c) | (d) |\n|---|---|---|---|---|\n")
	bases := []stability.Concept{stability.Nash, stability.GMR, stability.SMR, stability.SEQ}
	for _, k := range bases {
		fmt.Fprintf(&b, "| %v |", k)
		for _, e := range uncertain.Extensions {
			d := o.Diff(uncertain.Concept{Base: k, Ext: e})
			cell := fmt.Sprintf("%d of %d", len(d.Kept), len(d.Kept)+len(d.Disappeared))
			if len(d.Appeared) > 0 {
				cell += fmt.Sprintf(" (+%d)", len(d.Appeared))
			}
			fmt.Fprintf(&b, " %s |", cell)
		}
		b.WriteString("\n")
	}
	text += b.String() + "\n"

	// What survives, in plain words.
	ss := o.Result.Space
	sx := &example{ss: ss}
	var items []string
	exts := func(es []uncertain.Extension) string {
		var parts []string
		for _, e := range es {
			parts = append(parts, "("+e.String()+")")
		}
		return list(parts)
	}
	// The Nash equilibrium.
	nash := x.r.Stability.Equilibria(stability.Nash)
	if len(nash) == 1 {
		code := x.ss.Codes[nash[0]]
		s, _ := ss.Index(code)
		var keep, lose []uncertain.Extension
		for _, e := range uncertain.Extensions {
			if slices.Contains(o.U.Equilibria(uncertain.Concept{Base: stability.Nash, Ext: e}), s) {
				keep = append(keep, e)
			} else {
				lose = append(lose, e)
			}
		}
		item := fmt.Sprintf("**The Nash equilibrium %d** stays an equilibrium under %s", statespace.Number(nash[0]), exts(keep))
		if len(keep) == 0 {
			item = fmt.Sprintf("**The Nash equilibrium %d** is no equilibrium under any extension", statespace.Number(nash[0]))
		}
		if len(lose) > 0 {
			var who []string
			for i := range ss.DMs {
				if !o.U.Stable(uncertain.Concept{Base: stability.Nash, Ext: lose[0]}, i, s) {
					who = append(who, ss.DMs[i].ID)
				}
			}
			item += fmt.Sprintf(", not under %s: there each of %s has a move from it to a state it cannot compare with it", exts(lose), list(who))
			seqKeep := []uncertain.Extension{}
			for _, e := range lose {
				if slices.Contains(o.U.Equilibria(uncertain.Concept{Base: stability.SEQ, Ext: e}), s) {
					seqKeep = append(seqKeep, e)
				}
			}
			if len(seqKeep) > 0 {
				item += fmt.Sprintf(". It stays an SEQ equilibrium under %s: each such move can be answered by a credible sanction", exts(seqKeep))
			}
		}
		items = append(items, item+".")
	}
	// The SEQ equilibria.
	baseSEQ := x.r.Stability.Equilibria(stability.SEQ)
	var seqParts grouped
	for _, e := range uncertain.Extensions {
		d := o.Diff(uncertain.Concept{Base: stability.SEQ, Ext: e})
		var kept []int
		for _, st := range d.Kept {
			kept = append(kept, st.Base)
		}
		switch {
		case len(d.Disappeared) == 0:
			seqParts.add(fmt.Sprintf("all %d stay", len(baseSEQ)), e)
		case len(kept) == 0:
			seqParts.add("none stays", e)
		case len(kept) == 1:
			seqParts.add(fmt.Sprintf("only %s stays (%s)", numbers(kept), x.describe(kept[0])), e)
		default:
			seqParts.add("only "+numbers(kept)+" stay", e)
		}
	}
	items = append(items, fmt.Sprintf("**Of the %d SEQ equilibria** (%s): %s.", len(baseSEQ), numbers(baseSEQ), seqParts.text()))
	// Russia at the table in every SEQ equilibrium?
	var hold []uncertain.Extension
	var fail grouped
	for _, e := range uncertain.Extensions {
		eq := o.U.Equilibria(uncertain.Concept{Base: stability.SEQ, Ext: e})
		var out []int
		for _, s := range eq {
			if !sx.has(s, "us_include_russia") {
				out = append(out, s)
			}
		}
		switch {
		case len(out) == 0:
			hold = append(hold, e)
		case len(out) <= 8:
			fail.add(fmt.Sprintf("%d of the %d SEQ equilibria leave Russia out (%s; all with %s)", len(out), len(eq), numbers(out), sx.common(out)), e)
		default:
			fail.add(fmt.Sprintf("%d of the %d SEQ equilibria leave Russia out", len(out), len(eq)), e)
		}
	}
	claim := "**The central conclusion**, that every SEQ equilibrium has Russia at the table, "
	switch {
	case len(fail) == 0:
		claim += "survives under every extension."
	case len(hold) == 0:
		claim += fmt.Sprintf("does not survive: %s. It depends on the inferred preferences.", fail.text())
	default:
		claim += fmt.Sprintf("survives under %s; %s.", exts(hold), fail.text())
	}
	items = append(items, claim)
	// Whose inferences does the central conclusion rest on? One variant
	// per DM, with only that DM's inferences unsure.
	per, err := variantsByDM(ctx, x.m, sc)
	if err != nil {
		return "", err
	}
	var survive, rest []string
	for _, v := range per {
		if v.holds {
			survive = append(survive, v.dm)
		} else {
			rest = append(rest, v.dm)
		}
	}
	switch {
	case len(rest) == 0:
		items = append(items, "Taken one DM at a time, no DM's inferences alone break that conclusion.")
	case len(survive) == 0:
		items = append(items, fmt.Sprintf("Taken one DM at a time (table below), each of %s's inferences alone break it under some extension.", list(rest)))
	default:
		items = append(items, fmt.Sprintf("Taken one DM at a time (table below), it survives every extension when only %s's inferences are unknown, and rests on those of %s.", list(survive), list(rest)))
	}
	// US troops.
	troops := 0
	for _, k := range uncertain.Concepts {
		troops += sx.count(o.U.Equilibria(k), "us_troops", false)
	}
	if troops == 0 {
		items = append(items, "**No equilibrium has US troops** under any of the sixteen definitions: that conclusion rests on the US's stated refusal [P16], not on an inference.")
	} else {
		items = append(items, fmt.Sprintf("**US troops** appear in %d equilibria across the sixteen definitions.", troops))
	}
	// Why (b) and (d) only add equilibria.
	only := true
	for _, k := range bases {
		for _, e := range []uncertain.Extension{uncertain.B, uncertain.D} {
			only = only && len(o.Diff(uncertain.Concept{Base: k, Ext: e}).Disappeared) == 0
		}
	}
	if only {
		items = append(items, "Under (b) and (d) every base equilibrium stays, and many states become equilibria only because a DM no longer knows that its moves away from them are improvements: such equilibria say less, not more.")
	}
	for _, it := range items {
		text += bullet(it)
	}
	text += "\n" + wrap("SEQ equilibria, and how many of them leave Russia out of the talks, when only one DM's inferences are unknown:") + "\n"
	b.Reset()
	b.WriteString("| inferences unknown | SEQ(a) | SEQ(b) | SEQ(c) | SEQ(d) |\n|---|---|---|---|---|\n")
	for _, v := range per {
		fmt.Fprintf(&b, "| %s's %d |", v.dm, v.statements)
		for _, cell := range v.cells {
			fmt.Fprintf(&b, " %s |", cell)
		}
		b.WriteString("\n")
	}
	text += b.String()
	text = strings.TrimRight(text, "\n") + "\n"
	return text, nil
}

// grouped collects phrases with the extensions they hold under, in
// order of first appearance.
type grouped []struct {
	phrase string
	exts   []uncertain.Extension
}

func (g *grouped) add(phrase string, e uncertain.Extension) {
	for i := range *g {
		if (*g)[i].phrase == phrase {
			(*g)[i].exts = append((*g)[i].exts, e)
			return
		}
	}
	*g = append(*g, struct {
		phrase string
		exts   []uncertain.Extension
	}{phrase, []uncertain.Extension{e}})
}

// text is "under (a), P1; under (b), (c) and (d), P2".
func (g grouped) text() string {
	var parts []string
	for _, it := range g {
		var es []string
		for _, e := range it.exts {
			es = append(es, "("+e.String()+")")
		}
		parts = append(parts, fmt.Sprintf("under %s, %s", list(es), it.phrase))
	}
	return strings.Join(parts, "; ")
}

// common describes the options taken in every state of states.
func (x *example) common(states []int) string {
	var taken []string
	for _, o := range x.ss.Options {
		all := true
		for _, s := range states {
			all = all && x.ss.Taken(s, o.Bit)
		}
		if all {
			p := phrases[o.ID]
			if p == "" {
				p = o.ID
			}
			taken = append(taken, p)
		}
	}
	return list(taken)
}

// dmVariant is the flagship with only one DM's inferences unsure.
type dmVariant struct {
	dm         string
	statements int
	cells      []string // per extension: SEQ equilibria and those without Russia
	holds      bool     // every SEQ equilibrium has Russia, under every extension
}

// variantsByDM analyses, for each DM that scenario sc changes, the model with
// only that DM's change, under the four SEQ extensions.
func variantsByDM(ctx context.Context, m *model.Model, sc *model.Scenario) ([]dmVariant, error) {
	mm := m.Clone()
	var ids []string
	for _, p := range sc.Prefs {
		id := sc.ID + "_" + p.DM
		mm.Scenarios = append(mm.Scenarios, model.Scenario{ID: id, Prefs: []model.PrefChange{p}, Pos: sc.Pos})
		ids = append(ids, id)
	}
	c, err := scenario.CompareUncertain(ctx, mm, ids, analysis.Options{})
	if err != nil {
		return nil, err
	}
	var out []dmVariant
	for i, o := range c.Scenarios {
		p := sc.Prefs[i]
		v := dmVariant{dm: p.DM, statements: len(p.Unsure), holds: true}
		sx := &example{ss: o.Result.Space}
		for _, e := range uncertain.Extensions {
			eq := o.U.Equilibria(uncertain.Concept{Base: stability.SEQ, Ext: e})
			out := sx.count(eq, "us_include_russia", true)
			switch {
			case len(eq) == 0:
				v.cells = append(v.cells, "none")
			case out == 0:
				v.cells = append(v.cells, fmt.Sprintf("%d, all with Russia", len(eq)))
			default:
				v.cells = append(v.cells, fmt.Sprintf("%d, %d without", len(eq), out))
				v.holds = false
			}
		}
		out = append(out, v)
	}
	return out, nil
}

// leftOut says which scenarios the what-if table leaves out and why (those
// changing only unknown comparisons, which gmcr compare lists with the
// base model's counts), after checking that they do leave every count of
// the ordinary concepts as in the base model.
func leftOut(ctx context.Context, x *example) (string, error) {
	var ids, names []string
	for i := range x.m.Scenarios {
		if sc := &x.m.Scenarios[i]; onlyUnknown(sc) {
			ids = append(ids, sc.ID)
			names = append(names, fmt.Sprintf("`%s` (S%d in `gmcr compare`)", sc.ID, i+1))
		}
	}
	if len(ids) == 0 {
		return "", nil
	}
	c, err := scenario.Compare(ctx, x.m, ids, analysis.Options{})
	if err != nil {
		return "", err
	}
	for _, o := range c.Scenarios {
		for _, d := range o.Diffs {
			if len(d.Appeared)+len(d.Disappeared) > 0 {
				return "", fmt.Errorf("readme: scenario %s changes the %s equilibria: the sentence leaving it out of the what-if table (\"only marks comparisons unknown\") must be rewritten", o.Scenario.ID, d.Concept)
			}
		}
	}
	return fmt.Sprintf(" Left out: %s, which only marks comparisons unknown: the ordinary concepts ignore those, so its row would repeat the base model's; it is compared under the unknown-preference definitions below.", list(names)), nil
}
