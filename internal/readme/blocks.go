package readme

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/gmcr/gmcr/analysis"
	"github.com/gmcr/gmcr/coalition"
	"github.com/gmcr/gmcr/evolve"
	"github.com/gmcr/gmcr/examples"
	"github.com/gmcr/gmcr/internal/english"
	"github.com/gmcr/gmcr/model"
	"github.com/gmcr/gmcr/report"
	"github.com/gmcr/gmcr/scenario"
	"github.com/gmcr/gmcr/stability"
	"github.com/gmcr/gmcr/statespace"
)

// Blocks computes every generated passage of README.md, by name.
func Blocks(ctx context.Context) (map[string]string, error) {
	out := map[string]string{}
	pd, err := tableauExcerpt(ctx, "prisoners-dilemma")
	if err != nil {
		return nil, err
	}
	out["pd-tableau"] = pd
	x, err := load(ctx, examples.Default)
	if err != nil {
		return nil, err
	}
	for name, f := range map[string]func(context.Context, *example) (string, error){
		"example-results":    results,
		"example-evolve":     evolution,
		"example-coalitions": coalitions,
		"example-whatif":     whatIf,
		"example-uncertain":  uncertainty,
		"example-gmcrplus":   gmcrPlusDifference,
		"example-sources":    sources,
		"first-screen":       firstScreen,
	} {
		text, err := f(ctx, x)
		if err != nil {
			return nil, fmt.Errorf("README block %s: %w", name, err)
		}
		out[name] = text
	}
	return out, nil
}

// tableauExcerpt is the start of `gmcr analyze` for an example (the
// options, ranks) and its closing list of equilibria.
func tableauExcerpt(ctx context.Context, name string) (string, error) {
	ex, err := examples.Get(name)
	if err != nil {
		return "", err
	}
	m, err := model.Parse(ex.Data, ex.File)
	if err != nil {
		return "", err
	}
	r, err := analysis.Run(ctx, m, analysis.Options{})
	if err != nil {
		return "", err
	}
	var b bytes.Buffer
	if err := report.Write(&b, r, report.Text, report.Options{}); err != nil {
		return "", err
	}
	lines := strings.Split(strings.TrimRight(b.String(), "\n"), "\n")
	start := slices.IndexFunc(lines, func(l string) bool { return strings.HasPrefix(l, "State ") })
	rank := slices.IndexFunc(lines, func(l string) bool { return strings.HasPrefix(l, "Rank") })
	last := -1
	for i, l := range lines {
		if l == "Equilibria" {
			last = i
		}
	}
	if start < 0 || rank < 0 || last < 0 {
		return "", fmt.Errorf("the text tableau of %s has no State, Rank or Equilibria lines", name)
	}
	end := rank + 1
	for end < len(lines) && strings.HasPrefix(lines[end], "  ") {
		end++
	}
	var sel []string
	sel = append(sel, lines[start:end+1]...)
	sel = append(sel, "...")
	sel = append(sel, lines[last:]...)
	return "```text\n" + strings.Join(sel, "\n") + "\n```\n", nil
}

// example is the analysed built-in example.
type example struct {
	m  *model.Model
	r  *analysis.Result
	ss *statespace.StateSpace
	sq int
}

func load(ctx context.Context, name string) (*example, error) {
	ex, err := examples.Get(name)
	if err != nil {
		return nil, err
	}
	m, err := model.Parse(ex.Data, ex.File)
	if err != nil {
		return nil, err
	}
	r, err := analysis.Run(ctx, m, analysis.Options{})
	if err != nil {
		return nil, err
	}
	sq, err := analysis.StatusQuo(r.Space)
	if err != nil || sq < 0 {
		return nil, fmt.Errorf("the built-in example has no status quo (%v)", err)
	}
	return &example{m: m, r: r, ss: r.Space, sq: sq}, nil
}

// phrases name the options of the built-in example in README prose, as
// what holds when the option is taken.
var phrases = map[string]string{
	"ru_ceasefire":      "a Russian ceasefire",
	"ru_summit":         "Russia's summit consent",
	"ua_ceasefire":      "a Ukrainian ceasefire",
	"ua_summit":         "Ukraine's summit consent",
	"us_troops":         "US troops",
	"us_guarantee":      "US backing",
	"us_include_russia": "Russia at the table",
	"co_force":          "the coalition force deployed",
	"co_nato":           "the force under NATO command",
}

func (x *example) bit(id string) int {
	b, ok := x.ss.Bit(id)
	if !ok {
		panic("readme: the built-in example has no option " + id)
	}
	return b
}

func (x *example) has(s int, id string) bool { return x.ss.Taken(s, x.bit(id)) }

// describe says which options state s takes, in words.
func (x *example) describe(s int) string {
	var taken []string
	for _, o := range x.ss.Options {
		if x.ss.Taken(s, o.Bit) {
			p := phrases[o.ID]
			if p == "" {
				p = o.ID
			}
			taken = append(taken, p)
		}
	}
	if len(taken) == 0 {
		return "no option taken"
	}
	return list(taken)
}

// list joins words as "a, b and c".
func list(words []string) string {
	switch len(words) {
	case 0:
		return "none"
	case 1:
		return words[0]
	}
	return strings.Join(words[:len(words)-1], ", ") + " and " + words[len(words)-1]
}

// numbers lists states by number.
func numbers(states []int) string {
	parts := make([]string, len(states))
	for i, s := range states {
		parts[i] = fmt.Sprint(statespace.Number(s))
	}
	return list(parts)
}

// count returns how many states of list take option id (or, with neg,
// do not).
func (x *example) count(states []int, id string, neg bool) int {
	n := 0
	for _, s := range states {
		if x.has(s, id) != neg {
			n++
		}
	}
	return n
}

func (x *example) dmName(i int) string { return x.m.DMs[i].Name }

// results is the table of equilibria and what they say about the report's
// central claim.
func results(ctx context.Context, x *example) (string, error) {
	var b strings.Builder
	a := x.r.Stability
	b.WriteString(wrap(fmt.Sprintf("%s %s feasible, of the 2^%d = %s of %s. What the engine finds (`go run ./cmd/gmcr analyze`):",
		english.Count(x.ss.Len(), "state"), english.Noun(x.ss.Len(), "is"), len(x.ss.Options), english.Count(1<<len(x.ss.Options), "combination"), english.Count(len(x.ss.Options), "option"))) + "\n")
	b.WriteString("| concept | equilibria | with Russia at the table | with NATO troops | with US troops |\n|---|---|---|---|---|\n")
	for _, c := range stability.Concepts {
		eq := a.Equilibria(c)
		n := fmt.Sprint(len(eq))
		if len(eq) <= 6 {
			n += " (" + strings.ReplaceAll(numbers(eq), " and ", ", ") + ")"
		}
		fmt.Fprintf(&b, "| %s | %s | %d | %d | %d |\n", c, n, x.count(eq, "us_include_russia", false), x.count(eq, "co_nato", false), x.count(eq, "us_troops", false))
	}
	b.WriteString("\n**What this says about the report's central claim** (that security\narrangements made without Russia lead nowhere), in plain words and only as\nfar as this model goes:\n\n")

	nash := a.Equilibria(stability.Nash)
	seq := a.Equilibria(stability.SEQ)
	if len(nash) != 1 {
		return "", fmt.Errorf("the prose assumes one Nash equilibrium; there are %d", len(nash))
	}
	if x.count(seq, "us_include_russia", false) != len(seq) || x.count(seq, "co_nato", false) != 0 {
		return "", fmt.Errorf("the prose assumes every SEQ equilibrium has Russia at the table and none NATO troops")
	}
	b.WriteString(bullet(fmt.Sprintf("The only state stable for every DM even when each looks no further than its own next move (Nash) is state %d: %s. All %d SEQ equilibria (outcomes that hold when each DM's sanctions must also be in its own interest) have Russia at the table, and none has NATO troops. In that sense the model supports the claim: the arrangements that are self-enforcing include Russia.",
		statespace.Number(nash[0]), x.describe(nash[0]), len(seq))))
	var without []string
	for _, c := range []stability.Concept{stability.GMR, stability.SMR, stability.SIM} {
		eq := a.Equilibria(c)
		n := x.count(eq, "us_include_russia", true)
		if n == 0 {
			return "", fmt.Errorf("the prose assumes some %s equilibria leave Russia out", c)
		}
		without = append(without, fmt.Sprintf("%d of %d %s", n, len(eq), c))
	}
	b.WriteString(bullet(fmt.Sprintf("The claim is not absolute here: under the more cautious concepts, where a DM is deterred by any possible response (GMR, SMR) or by the others' simultaneous moves (SIM), %s equilibria leave Russia out of the talks. Such outcomes hold only through the threat of a response that would hurt the mover, not because the parties' own next moves keep them in place.", list(without))))
	for _, c := range stability.Concepts {
		if x.count(a.Equilibria(c), "us_troops", false) != 0 {
			return "", fmt.Errorf("the prose assumes no equilibrium has US troops; %s has", c)
		}
	}
	b.WriteString(bullet("No equilibrium under any concept has US troops in Ukraine, consistent with the US ruling them out [P16]."))
	// The status quo: under which concepts is it an equilibrium, and for
	// which DMs unstable.
	var eqUnder []string
	unstable := map[string][]string{} // DMs -> concepts
	var order []string
	for _, c := range stability.Concepts {
		if slices.Contains(a.Equilibria(c), x.sq) {
			eqUnder = append(eqUnder, c.String())
			continue
		}
		var dms []string
		for i := range x.ss.DMs {
			if !a.Stable(c, i, x.sq) {
				dms = append(dms, fmt.Sprintf("%s (%s)", x.ss.DMs[i].ID, x.dmName(i)))
			}
		}
		k := list(dms)
		if _, ok := unstable[k]; !ok {
			order = append(order, k)
		}
		unstable[k] = append(unstable[k], c.String())
	}
	sq := fmt.Sprintf("The status quo (state %d, %s) ", statespace.Number(x.sq), x.describe(x.sq))
	if len(eqUnder) == 0 {
		sq += "is not an equilibrium under any concept"
	} else {
		sq += fmt.Sprintf("is an equilibrium under %s only", list(eqUnder))
	}
	if len(order) == 1 {
		sq += fmt.Sprintf(": under every concept it is unstable for %s.", order[0])
	} else {
		var parts []string
		for _, k := range order {
			parts = append(parts, fmt.Sprintf("for %s under %s", k, list(unstable[k])))
		}
		sq += fmt.Sprintf(": it is unstable %s.", strings.Join(parts, "; "))
	}
	b.WriteString(bullet(sq))
	return b.String(), nil
}

// stepWords says what one step of an evolution path does.
func (x *example) stepWords(st evolve.Step) string {
	var who []string
	for _, i := range st.Movers {
		who = append(who, x.ss.DMs[i].ID)
	}
	var took, left []string
	for _, b := range x.ss.Changed(st.From, st.To) {
		if x.ss.Taken(st.To, b) {
			took = append(took, x.ss.Options[b].ID)
		} else {
			left = append(left, x.ss.Options[b].ID)
		}
	}
	var what []string
	if len(took) > 0 {
		what = append(what, "takes "+list(took))
	}
	if len(left) > 0 {
		what = append(what, "stops taking "+list(left))
	}
	return fmt.Sprintf("%s %s (%d → %d)", strings.Join(who, "+"), strings.Join(what, " and "), statespace.Number(st.From), statespace.Number(st.To))
}

// evolution is the status quo analysis of the built-in example.
func evolution(ctx context.Context, x *example) (string, error) {
	ev, err := evolve.Analyze(ctx, x.r.Stability, x.sq, evolve.Options{Paths: 1})
	if err != nil {
		return "", err
	}
	var b strings.Builder
	fmt.Fprintf(&b, "From state %d, %d other states are reachable by such sequences, at most %d steps away.", statespace.Number(x.sq), len(ev.Reached)-1, ev.MaxDist())
	nash := x.r.Stability.Equilibria(stability.Nash)
	for _, s := range nash {
		t := ev.Target(s)
		if t == nil || t.Dist < 0 {
			fmt.Fprintf(&b, " The Nash equilibrium %d is not reachable.", statespace.Number(s))
			continue
		}
		paths := "exactly one shortest path"
		if t.Count > 1 {
			paths = fmt.Sprintf("%d shortest paths; the first is", t.Count)
		}
		var steps []string
		for _, st := range t.Paths[0] {
			steps = append(steps, x.stepWords(st))
		}
		fmt.Fprintf(&b, " The Nash equilibrium %d is reachable in %s by %s: %s.", statespace.Number(s), english.Count(t.Dist, "step"), paths, strings.Join(steps, "; then "))
	}
	b.WriteString(" Each step is an improvement for the DM who takes it.")
	var reach, not []int
	for _, s := range x.r.Stability.Equilibria(stability.SEQ) {
		if t := ev.Target(s); t != nil && t.Dist >= 0 {
			reach = append(reach, s)
		} else {
			not = append(not, s)
		}
	}
	fmt.Fprintf(&b, " Of the SEQ equilibria, %s %s reachable", numbers(reach), plural(len(reach), "is", "are"))
	if len(not) > 0 {
		fmt.Fprintf(&b, "; %s %s not", numbers(not), plural(len(not), "is", "are"))
	}
	b.WriteString(".\n")
	return wrap(b.String()), nil
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// coalitions is the coalition analysis of the SEQ equilibria.
func coalitions(ctx context.Context, x *example) (string, error) {
	a, err := coalition.Analyze(ctx, x.ss, x.r.Prefs, coalition.Config{})
	if err != nil {
		return "", err
	}
	checks, err := coalition.Upsets(ctx, x.r.Stability, a, 0)
	if err != nil {
		return "", err
	}
	upset := map[[2]int][]string{} // (state, concept) -> coalitions
	usco := map[stability.Concept]int{}
	for _, ch := range checks {
		for _, ex := range ch.Upsets {
			name := coalition.Name(x.ss, ex.Coalition)
			for _, c := range []stability.Concept{stability.Nash, stability.GMR, stability.SMR, stability.SEQ} {
				if cc, _ := coalition.Counterpart(c); cc == ex.Concept {
					upset[[2]int{ch.State, int(c)}] = append(upset[[2]int{ch.State, int(c)}], name)
					if name == "US+CO" {
						usco[c]++
					}
				}
			}
		}
	}
	var b strings.Builder
	cn := a.Equilibria(coalition.CNash)
	cs := a.Equilibria(coalition.CSEQ)
	b.WriteString(wrap(fmt.Sprintf("Every coalition of two or more DMs is analysed (%s). Coalitional Nash equilibria: %s; coalitional SEQ equilibria: %s. For each SEQ equilibrium, the coalitions that can upset it under coalitional SEQ (they have a coalitional improvement from it that the other DMs' own improvements cannot sanction):",
		english.Count(len(a.Coalitions)-len(x.ss.DMs), "coalition"), orNone(cn), orNone(cs))) + "\n")
	b.WriteString("| SEQ equilibrium | options taken | coalitions that can upset it |\n|---|---|---|\n")
	for _, s := range x.r.Stability.Equilibria(stability.SEQ) {
		who := upset[[2]int{s, int(stability.SEQ)}]
		w := "none"
		if len(who) > 0 {
			w = strings.Join(who, ", ")
		}
		fmt.Fprintf(&b, "| %d | %s | %s |\n", statespace.Number(s), x.describe(s), w)
	}
	var usc []string
	for _, c := range []stability.Concept{stability.Nash, stability.GMR, stability.SMR, stability.SEQ} {
		n := len(x.r.Stability.Equilibria(c))
		usc = append(usc, fmt.Sprintf("%d of the %d %s %s", usco[c], n, c, plural(n, "equilibrium", "equilibria")))
	}
	b.WriteString("\n" + wrap(fmt.Sprintf("The US and the coalition acting together (US+CO) can upset %s.", list(usc))))
	return b.String(), nil
}

func orNone(states []int) string {
	if len(states) == 0 {
		return "none"
	}
	return numbers(states)
}

// whatIf is the comparison of the built-in example's scenarios.
func whatIf(ctx context.Context, x *example) (string, error) {
	c, err := scenario.Compare(ctx, x.m, ordinaryScenarios(x.m), analysis.Options{})
	if err != nil {
		return "", err
	}
	var b strings.Builder
	b.WriteString("| scenario | states | Nash | GMR | SMR | SEQ | SIM |\n|---|---|---|---|---|---|---|\n")
	fmt.Fprintf(&b, "| base model | %d |", x.ss.Len())
	for _, k := range c.Concepts {
		fmt.Fprintf(&b, " %d |", len(c.Base.Stability.Equilibria(k)))
	}
	b.WriteString("\n")
	for _, o := range c.Scenarios {
		fmt.Fprintf(&b, "| %s (`%s`) | %d |", o.Scenario.Name, o.Scenario.ID, o.Result.Space.Len())
		for _, d := range o.Diffs {
			n := len(d.Kept) + len(d.Appeared)
			cell := fmt.Sprint(n)
			if len(d.Appeared)+len(d.Disappeared) > 0 {
				cell += fmt.Sprintf(" (+%d −%d)", len(d.Appeared), len(d.Disappeared))
			}
			fmt.Fprintf(&b, " %s |", cell)
		}
		b.WriteString("\n")
	}
	b.WriteString("\nIn parentheses: equilibria that appear (+) and disappear (−) relative to the base model.")
	left, err := leftOut(ctx, x)
	if err != nil {
		return "", err
	}
	b.WriteString(left + "\n\n")

	diff := func(id string, k stability.Concept) (*scenario.Outcome, *scenario.Diff) {
		for _, o := range c.Scenarios {
			if o.Scenario.ID == id {
				for i := range o.Diffs {
					if o.Diffs[i].Concept == k {
						return o, &o.Diffs[i]
					}
				}
			}
		}
		panic("readme: no scenario " + id)
	}
	// Russia excluded: what stays self-enforcing.
	ex, exSEQ := diff("russia_excluded", stability.SEQ)
	var seq []string
	for _, s := range ex.Result.Stability.Equilibria(stability.SEQ) {
		seq = append(seq, fmt.Sprintf("%d (%s)", statespace.Number(s), describeIn(ex.Result.Space, s)))
	}
	_ = exSEQ
	var sent []string
	if len(seq) == 1 {
		sent = append(sent, fmt.Sprintf("With Russia excluded, the only SEQ equilibrium left is %s.", seq[0]))
	} else {
		sent = append(sent, fmt.Sprintf("With Russia excluded, the SEQ equilibria are %s.", list(seq)))
	}
	_, atN := diff("russia_at_table", stability.Nash)
	_, atS := diff("russia_at_table", stability.SEQ)
	if len(atN.Appeared)+len(atN.Disappeared)+len(atS.Appeared)+len(atS.Disappeared) == 0 {
		sent = append(sent, "Forcing Russia to the table changes no Nash or SEQ equilibrium, since those already include it.")
	} else {
		sent = append(sent, "Forcing Russia to the table changes the Nash or SEQ equilibria.")
	}
	tr, _ := diff("us_troops_not_ruled_out", stability.Nash)
	var withTroops []string
	for _, k := range c.Concepts {
		eq := tr.Result.Stability.Equilibria(k)
		n := 0
		for _, s := range eq {
			if b, _ := tr.Result.Space.Bit("us_troops"); tr.Result.Space.Taken(s, b) {
				n++
			}
		}
		withTroops = append(withTroops, fmt.Sprintf("%d %s", n, k))
	}
	sent = append(sent, fmt.Sprintf("Once the US no longer opposes its own troops, equilibria with US troops appear (%s), so their absence in the base model rests on the US's stated refusal [P16].", list(withTroops)))
	// Is the base Nash equilibrium kept in every scenario?
	nash := x.r.Stability.Equilibria(stability.Nash)
	if len(nash) == 1 {
		code := x.ss.Codes[nash[0]]
		var lost []string
		for _, o := range c.Scenarios {
			keep := false
			for _, s := range o.Result.Stability.Equilibria(stability.Nash) {
				keep = keep || o.Result.Space.Codes[s] == code
			}
			if !keep {
				lost = append(lost, "`"+o.Scenario.ID+"`")
			}
		}
		if len(lost) == 0 {
			sent = append(sent, fmt.Sprintf("The base model's Nash equilibrium (%d) remains one in every scenario.", statespace.Number(nash[0])))
		} else {
			sent = append(sent, fmt.Sprintf("The base model's Nash equilibrium (%s) remains one in every scenario except %s.", x.describe(nash[0]), list(lost)))
		}
	}
	b.WriteString(wrap(strings.Join(sent, " ") + "\n"))
	return b.String(), nil
}

// describeIn is describe for a state of another state space with the same
// options (a scenario's).
func describeIn(ss *statespace.StateSpace, s int) string {
	return (&example{ss: ss}).describe(s)
}

// words splits a paragraph at spaces, keeping a code span (`...`) whole
// so that a command stays on one line of the source.
func words(para string) []string {
	var out []string
	open := false
	for _, f := range strings.Fields(para) {
		if open {
			out[len(out)-1] += " " + f
		} else {
			out = append(out, f)
		}
		if strings.Count(f, "`")%2 == 1 {
			open = !open
		}
	}
	return out
}

// bullet is a Markdown list item of text, wrapped.
func bullet(text string) string {
	lines := strings.Split(strings.TrimRight(wrapAt(text, 74), "\n"), "\n")
	return "- " + strings.Join(lines, "\n  ") + "\n"
}

// wrap breaks a paragraph's lines at about 76 columns.
func wrap(text string) string { return wrapAt(text, 76) }

func wrapAt(text string, width int) string {
	var b strings.Builder
	for _, para := range strings.Split(strings.TrimRight(text, "\n"), "\n") {
		col := 0
		for i, w := range words(para) {
			if i > 0 {
				if col+1+len([]rune(w)) > width {
					b.WriteString("\n")
					col = 0
				} else {
					b.WriteString(" ")
					col++
				}
			}
			b.WriteString(w)
			col += len([]rune(w))
		}
		b.WriteString("\n")
	}
	return b.String()
}

// gmcrPlusDifference names the equilibria of the built-in example that
// are stable only through sanctions in which some opponent moves more
// than once, which GMCR+ 0.4.1's sanction search does not try (sheet §6).
func gmcrPlusDifference(ctx context.Context, x *example) (string, error) {
	var parts []string
	for _, c := range []stability.Concept{stability.GMR, stability.SEQ} {
		var only []int
		for _, s := range x.r.Stability.Equilibria(c) {
			if !x.stableOnce(s, c == stability.SEQ) {
				only = append(only, s)
			}
		}
		if len(only) > 0 {
			parts = append(parts, fmt.Sprintf("%s %s %s", c, plural(len(only), "state", "states"), numbers(only)))
		}
	}
	if len(parts) == 0 {
		return "  In the built-in example no equilibrium depends on such sanctions.\n", nil
	}
	return wrap(fmt.Sprintf("  With three or more DMs results can differ: in the built-in example, %s %s stable only through such sanctions.", list(parts), "are")), nil
}

// stableOnce reports whether s is stable for every DM when a sanction
// is a sequence in which each opponent moves at most once (and, for SEQ,
// each move is an improvement for its mover): GMCR+'s search.
func (x *example) stableOnce(s int, improving bool) bool {
	ss, p := x.ss, x.r.Prefs
	for i := range ss.DMs {
		ok := true
		ss.Moves(i, s, func(s1 int) bool {
			if !p.Prefers(i, s1, s) {
				return true
			}
			if !x.sanctionOnce(i, s, s1, 0, improving) {
				ok = false
			}
			return ok
		})
		if !ok {
			return false
		}
	}
	return true
}

// sanctionOnce reports whether the opponents of i not in moved (a bit set
// of DMs) can reach from t, each moving at most once, a state no better
// for i than s.
func (x *example) sanctionOnce(i, s, t int, moved uint64, improving bool) bool {
	ss, p := x.ss, x.r.Prefs
	found := false
	for j := range ss.DMs {
		if j == i || moved&(1<<uint(j)) != 0 {
			continue
		}
		ss.Moves(j, t, func(u int) bool {
			if improving && !p.Prefers(j, u, t) {
				return true
			}
			if !p.Prefers(i, u, s) || x.sanctionOnce(i, s, u, moved|1<<uint(j), improving) {
				found = true
			}
			return !found
		})
		if found {
			return true
		}
	}
	return false
}

// sources lists the built-in example's report and the model's paraphrase
// of each paragraph it cites, from the model's sources.
func sources(ctx context.Context, x *example) (string, error) {
	if len(x.m.Sources) == 0 {
		return "", fmt.Errorf("the built-in example has no sources")
	}
	var b strings.Builder
	first := x.m.Sources[0]
	b.WriteString(wrap(fmt.Sprintf("**Source:** %s. %s", first.Ref, strings.Join(strings.Fields(first.Note), " "))))
	b.WriteString("\n<details><summary>What each cited paragraph reports (the model's paraphrase)</summary>\n\n")
	for _, s := range x.m.Sources[1:] {
		b.WriteString(bullet(fmt.Sprintf("%s %s", s.Ref, strings.Join(strings.Fields(s.Note), " "))))
	}
	b.WriteString("\n</details>\n")
	return b.String(), nil
}

// firstScreen is what a new user needs to know about the two first
// commands: the Go version (from go.mod), the first build, the length of
// the first command's output, the tests, installing the command.
func firstScreen(ctx context.Context, x *example) (string, error) {
	goVersion, err := goDirective()
	if err != nil {
		return "", err
	}
	var out bytes.Buffer
	if err := report.Write(&out, x.r, report.Text, report.Options{}); err != nil {
		return "", err
	}
	lines := strings.Split(strings.TrimRight(out.String(), "\n"), "\n")
	last := -1
	for i, l := range lines {
		if l == "Equilibria" {
			last = i
		}
	}
	if last < 0 {
		return "", fmt.Errorf("the analysis of the built-in example has no Equilibria section")
	}
	var b strings.Builder
	b.WriteString(bullet(fmt.Sprintf("**Go %s or newer** (`go version`); nothing else to install. The first build downloads the Go modules gmcr uses (a few MB, from the Go module proxy) and compiles them: allow a minute or two. Later builds take seconds.", goVersion)))
	b.WriteString(bullet(fmt.Sprintf("**The first command prints a long table** (%d lines: a row for each of the %d feasible states); the equilibria come last: `go run ./cmd/gmcr analyze | tail -n %d` shows just them, and [the built-in example](#the-built-in-example-security-guarantees-for-ukraine) below explains the results in words.",
		len(lines), x.ss.Len(), len(lines)-last)))
	b.WriteString(bullet("**`go test ./...`** runs every package's tests, including comparisons with a brute-force checker on many random conflicts: about 3 minutes on an idle 2-core machine once compiled, several times that on a busy one (the first run also compiles everything; later runs reuse cached results for unchanged packages)."))
	b.WriteString(bullet("**Install the `gmcr` command**, which the examples below call, with `go install ./cmd/gmcr`. It goes to `$(go env GOPATH)/bin` (usually `~/go/bin`); add that folder to your `PATH`, for example `export PATH=\"$PATH:$(go env GOPATH)/bin\"`. Without installing, write `go run ./cmd/gmcr` wherever this README writes `gmcr`."))
	return b.String(), nil
}

// goDirective returns the Go version go.mod requires, as "1.25".
func goDirective() (string, error) {
	data, err := os.ReadFile(filepath.Join(repoRoot(), "go.mod"))
	if err != nil {
		return "", err
	}
	for _, l := range strings.Split(string(data), "\n") {
		if v, ok := strings.CutPrefix(strings.TrimSpace(l), "go "); ok {
			parts := strings.Split(v, ".")
			if len(parts) >= 2 {
				return parts[0] + "." + parts[1], nil
			}
			return v, nil
		}
	}
	return "", fmt.Errorf("go.mod has no go directive")
}

// repoRoot is the repository root, from this package's directory (where
// go test and go generate run).
func repoRoot() string { return filepath.Join("..", "..") }
