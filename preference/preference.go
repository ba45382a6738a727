// Package preference turns each DM's preference information into a total
// preorder on the feasible states (definitions sheet §2): option
// prioritization by weighted preference statements (Fang, Hipel, Kilgour &
// Peng 2003, part 1) or a direct ranking with ties.
package preference

import (
	"context"
	"fmt"
	"github.com/gmcr/gmcr/internal/english"
	"sort"
	"strconv"
	"strings"

	"github.com/gmcr/gmcr/model"
	"github.com/gmcr/gmcr/statespace"
)

// Profile holds every DM's preferences over the feasible states.
//
// Level[i][s] is DM i's preference level of state s: t is preferred to s by
// i iff Level[i][t] > Level[i][s]; equal levels are ties. Levels are dense:
// 0 is the least preferred group and Levels[i]-1 the most preferred.
// Score[i][s] is the option-prioritization score p_i(s) of the sheet (for a
// ranking DM, the number of tie groups ranked below s's group); it orders
// states exactly as Level does.
type Profile struct {
	Level  [][]int32 // [DM][state]
	Score  [][]int64 // [DM][state]
	Levels []int     // [DM] number of distinct levels
}

// Prefers reports whether DM i strictly prefers state t to state s.
func (p *Profile) Prefers(i, t, s int) bool { return p.Level[i][t] > p.Level[i][s] }

// Rank returns DM i's rank of state s: 1 for its most preferred group of
// tied states, 2 for the next, and so on.
func (p *Profile) Rank(i, s int) int { return p.Levels[i] - int(p.Level[i][s]) }

// Error is a problem with one DM's preferences, e.g. a ranking that misses
// a state.
type Error struct {
	Pos model.Pos
	DM  string
	Msg string
}

func (e *Error) Error() string {
	loc := ""
	if e.Pos.File != "" || e.Pos.Line > 0 {
		loc = fmt.Sprintf("%s:%d:%d: ", e.Pos.File, e.Pos.Line, e.Pos.Col)
	}
	return fmt.Sprintf("%spreferences of DM %q: %s", loc, e.DM, e.Msg)
}

// maxStatements bounds the number of statements so that scores fit in an
// int64 (weights 2^(k-1) .. 2^0).
const maxStatements = 62

// Compute returns the preference profile of ss.Model over the states of ss.
// Errors (*Error): more than 62 statements for one DM, a statement naming an
// unknown option, a ranking that names a state that does not exist, names a
// state twice or misses one.
func Compute(ss *statespace.StateSpace) (*Profile, error) {
	return ComputeContext(context.Background(), ss)
}

// ComputeContext is Compute, returning ctx's error if ctx is cancelled
// (checked between DMs and statements).
func ComputeContext(ctx context.Context, ss *statespace.StateSpace) (*Profile, error) {
	m := ss.Model
	n := ss.Len()
	p := &Profile{}
	for _, d := range m.DMs {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		score := make([]int64, n)
		var err error
		if len(d.Prefs.Ranking) > 0 {
			err = rankingScores(ss, &d, score)
		} else {
			err = statementScores(ctx, ss, &d, score)
		}
		if err != nil {
			return nil, err
		}
		level, count := levels(score)
		p.Score = append(p.Score, score)
		p.Level = append(p.Level, level)
		p.Levels = append(p.Levels, count)
	}
	return p, nil
}

func statementScores(ctx context.Context, ss *statespace.StateSpace, d *model.DM, score []int64) error {
	sts := d.Prefs.Statements
	if len(sts) > maxStatements {
		return &Error{Pos: d.Prefs.Pos, DM: d.ID, Msg: fmt.Sprintf("%s; at most %d are supported", english.Count(len(sts), "preference statement"), maxStatements)}
	}
	k := len(sts)
	for j, st := range sts {
		if err := ctx.Err(); err != nil {
			return err
		}
		c, err := ss.Compile(st.Expr)
		if err != nil {
			return &Error{Pos: st.Pos, DM: d.ID, Msg: fmt.Sprintf("statement %q: %v", st.Text, err)}
		}
		w := int64(1) << uint(k-1-j) // statement j (0-based) weighs 2^(k-(j+1))
		for s, code := range ss.Codes {
			if c.Holds(code) {
				score[s] += w
			}
		}
	}
	return nil
}

func rankingScores(ss *statespace.StateSpace, d *model.DM, score []int64) error {
	n := ss.Len()
	seen := make([]bool, n)
	g := len(d.Prefs.Ranking)
	for gi, group := range d.Prefs.Ranking {
		for _, num := range group {
			if num < 1 || num > n {
				return &Error{Pos: d.Prefs.Pos, DM: d.ID, Msg: fmt.Sprintf("ranking names state %d, but the model has %s; run `gmcr states` to list them", num, english.States(n))}
			}
			if seen[num-1] {
				return &Error{Pos: d.Prefs.Pos, DM: d.ID, Msg: fmt.Sprintf("ranking names state %d more than once", num)}
			}
			seen[num-1] = true
			score[num-1] = int64(g - 1 - gi)
		}
	}
	var missing []int
	for s, ok := range seen {
		if !ok {
			missing = append(missing, statespace.Number(s))
		}
	}
	if len(missing) > 0 {
		if len(missing) > 10 {
			return &Error{Pos: d.Prefs.Pos, DM: d.ID, Msg: fmt.Sprintf("ranking misses %d states, e.g. %s; it must list every feasible state once", len(missing), numbers(missing[:10]))}
		}
		return &Error{Pos: d.Prefs.Pos, DM: d.ID, Msg: fmt.Sprintf("ranking misses %s; it must list every feasible state once", english.Ints("state", missing))}
	}
	return nil
}

// levels maps scores to dense levels 0..count-1 preserving order.
func levels(score []int64) ([]int32, int) {
	distinct := append([]int64(nil), score...)
	sort.Slice(distinct, func(a, b int) bool { return distinct[a] < distinct[b] })
	u := distinct[:0]
	for i, v := range distinct {
		if i == 0 || v != distinct[i-1] {
			u = append(u, v)
		}
	}
	level := make([]int32, len(score))
	for s, v := range score {
		level[s] = int32(sort.Search(len(u), func(i int) bool { return u[i] >= v }))
	}
	return level, len(u)
}

// numbers formats state numbers as "1, 2, 3".
func numbers(ns []int) string {
	parts := make([]string, len(ns))
	for i, n := range ns {
		parts[i] = strconv.Itoa(n)
	}
	return strings.Join(parts, ", ")
}
