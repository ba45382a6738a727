package preference_test

import (
	"context"
	"strings"
	"testing"

	"github.com/gmcr/gmcr/model"
	"github.com/gmcr/gmcr/preference"
	"github.com/gmcr/gmcr/statespace"
)

const twoDMs = `
title: scores
options: [{id: a}, {id: b}, {id: c}]
decision_makers:
  - id: X
    options: [a, b]
    preferences:
      statements: ["a", "not b", "c IF a"]
  - id: Y
    options: [c]
    preferences:
      ranking: [[8, 1], 2, [3, 4, 5, 6], 7]
`

func build(t *testing.T, src string) (*statespace.StateSpace, *preference.Profile, error) {
	t.Helper()
	m, err := model.Parse([]byte(src), "test.yaml")
	if err != nil {
		t.Fatal(err)
	}
	ss, err := statespace.Build(context.Background(), m, statespace.Options{})
	if err != nil {
		t.Fatal(err)
	}
	p, err := preference.Compute(ss)
	return ss, p, err
}

// TestScores checks option-prioritization scores against the sheet's
// formula p(s) = sum of 2^(k-j) over true statements j, by hand, and a
// direct ranking with ties.
func TestScores(t *testing.T) {
	_, p, err := build(t, twoDMs)
	if err != nil {
		t.Fatal(err)
	}
	// Codes 0..7 (a=1, b=2, c=4). X's statements weigh 4, 2, 1.
	// code: a b c | a? notb? (c IF a)? | score
	// 0: N N N | 0 2 1 | 3     1: Y N N | 4 2 0 | 6
	// 2: N Y N | 0 0 1 | 1     3: Y Y N | 4 0 0 | 4
	// 4: N N Y | 0 2 1 | 3     5: Y N Y | 4 2 1 | 7
	// 6: N Y Y | 0 0 1 | 1     7: Y Y Y | 4 0 1 | 5
	want := []int64{3, 6, 1, 4, 3, 7, 1, 5}
	for s, w := range want {
		if p.Score[0][s] != w {
			t.Errorf("X's score of state %d = %d, want %d", s+1, p.Score[0][s], w)
		}
	}
	if p.Levels[0] != 6 || p.Rank(0, 5) != 1 || p.Rank(0, 0) != 5 || p.Rank(0, 4) != 5 || p.Rank(0, 2) != 6 {
		t.Errorf("X's ranks: levels %d, ranks %d %d %d %d", p.Levels[0], p.Rank(0, 5), p.Rank(0, 0), p.Rank(0, 4), p.Rank(0, 2))
	}
	// Y: groups {8,1} > {2} > {3,4,5,6} > {7}.
	wantRank := []int{1, 2, 3, 3, 3, 3, 4, 1}
	for s, r := range wantRank {
		if p.Rank(1, s) != r {
			t.Errorf("Y's rank of state %d = %d, want %d", s+1, p.Rank(1, s), r)
		}
	}
	if !p.Prefers(1, 7, 1) || p.Prefers(1, 0, 7) || p.Prefers(1, 7, 0) {
		t.Error("Prefers disagrees with the ranking")
	}
}

func TestRankingErrors(t *testing.T) {
	for _, tc := range []struct{ ranking, want string }{
		// One missing state is "state 8", never "states 8" (issue 10).
		{"[1, 2, 3, 4, 5, 6, 7]", "ranking misses state 8;"},
		{"[1, 2, 3, 4, 5, 6]", "ranking misses states 7, 8;"},
		{"[1, 2, 3, 4, 5, 6, 7, 9]", "ranking names state 9, but the model has states 1..8"},
	} {
		src := strings.Replace(twoDMs, "[[8, 1], 2, [3, 4, 5, 6], 7]", tc.ranking, 1)
		_, _, err := build(t, src)
		if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.HasPrefix(err.Error(), "test.yaml:") {
			t.Errorf("ranking %s: err = %v, want %q with the file position", tc.ranking, err, tc.want)
		}
	}
}
