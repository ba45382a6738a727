package robustness

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/gmcr/gmcr/analysis"
	"github.com/gmcr/gmcr/internal/english"
	"github.com/gmcr/gmcr/statespace"
)

// ParseUncertainties reads what an analyst marks as uncertain, in the
// CLI's words (gmcr robustness --reorder and --doubt): each reorder value
// is "DM" (the order of all its statements may vary) or "DM:2-4" / "DM:1,3"
// (1-based statement numbers and ranges); each doubt value names
// statements the same way, each of which may hold, be dropped or be
// negated. DMs are given by id, name or number. It returns the
// uncertainties, one per DM in the order first named, and each in words.
// Errors: an unknown DM, a DM that ranks the states directly, a
// statement number out of range.
func ParseUncertainties(ss *statespace.StateSpace, reorder, doubt []string) ([]Uncertainty, []string, error) {
	byDM := map[int]*Uncertainty{}
	var order []int
	var words []string
	get := func(i int) *Uncertainty {
		if u, ok := byDM[i]; ok {
			return u
		}
		byDM[i] = &Uncertainty{DM: i}
		order = append(order, i)
		return byDM[i]
	}
	parse := func(v string) (int, []int, error) {
		dm, rest, has := strings.Cut(v, ":")
		i, err := analysis.DM(ss, strings.TrimSpace(dm))
		if err != nil {
			return 0, nil, err
		}
		k := len(ss.Model.DMs[i].Prefs.Statements)
		if k == 0 {
			return 0, nil, fmt.Errorf("%s ranks the states directly; only preference statements can be marked uncertain", ss.DMs[i].ID)
		}
		if !has {
			all := make([]int, k)
			for j := range all {
				all[j] = j
			}
			return i, all, nil
		}
		var idx []int
		for _, part := range strings.Split(rest, ",") {
			lo, hi, rng := strings.Cut(strings.TrimSpace(part), "-")
			a, err1 := strconv.Atoi(lo)
			b := a
			var err2 error
			if rng {
				b, err2 = strconv.Atoi(hi)
			}
			if err1 != nil || err2 != nil || a < 1 || b < a || b > k {
				return 0, nil, fmt.Errorf("%q: %s has statements 1..%d; give numbers or ranges like 2-4", v, ss.DMs[i].ID, k)
			}
			for j := a; j <= b; j++ {
				idx = append(idx, j-1)
			}
		}
		return i, idx, nil
	}
	list := func(idx []int) []string {
		var s []string
		for _, j := range idx {
			s = append(s, strconv.Itoa(j+1))
		}
		return s
	}
	for _, v := range reorder {
		i, idx, err := parse(v)
		if err != nil {
			return nil, nil, err
		}
		u := get(i)
		u.Reorder = append(u.Reorder, idx)
		words = append(words, fmt.Sprintf("%s: the order of %s may vary", ss.DMs[i].ID, english.List("statement", list(idx))))
	}
	for _, v := range doubt {
		i, idx, err := parse(v)
		if err != nil {
			return nil, nil, err
		}
		u := get(i)
		u.Doubtful = append(u.Doubtful, idx...)
		for _, j := range idx {
			words = append(words, fmt.Sprintf("%s: statement %d (%q) holds, is dropped or is negated, each with chance 1/3", ss.DMs[i].ID, j+1, ss.Model.DMs[i].Prefs.Statements[j].Text))
		}
	}
	var out []Uncertainty
	for _, i := range order {
		out = append(out, *byDM[i])
	}
	return out, words, nil
}
