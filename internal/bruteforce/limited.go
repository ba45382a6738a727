package bruteforce

import (
	"fmt"

	"github.com/gmcr/gmcr/model"
)

// Anticipated returns G_h(k, s) for a two-DM model (Kilgour 1985; Fang,
// Hipel & Kilgour 1989) by the recursive definition, recomputed at every
// call: G_0(k, s) = s; for h >= 1, DM k considers each of its moves x from
// s and the outcome G_{h-1}(k', x) the other DM k' would bring about; if
// the best of these outcomes for k scores higher for k than s, k moves
// (move = x) and the outcome is that best one, else k stays (move = -1,
// outcome s). Ties between outcomes k scores equally: the smallest state
// index, then the smallest move.
func Anticipated(m *model.Model, codes []uint64, scores [][]int64, h, k, s int) (outcome, move int) {
	if len(m.DMs) != 2 {
		panic(fmt.Sprintf("bruteforce: Anticipated needs two DMs, not %d", len(m.DMs)))
	}
	if h == 0 {
		return s, -1
	}
	outcome, move = s, -1
	for _, x := range Moves(m, codes, k, s) {
		a, _ := Anticipated(m, codes, scores, h-1, 1-k, x)
		better := scores[k][a] > scores[k][outcome] || (scores[k][a] == scores[k][outcome] && a < outcome)
		if move < 0 {
			better = scores[k][a] > scores[k][s]
		}
		if better {
			outcome, move = a, x
		}
	}
	return outcome, move
}

// LimitedStable reports whether s is L_h stable for DM k: k would not move
// (Anticipated's move is -1).
func LimitedStable(m *model.Model, codes []uint64, scores [][]int64, h, k, s int) bool {
	_, move := Anticipated(m, codes, scores, h, k, s)
	return move < 0
}

// NMStable returns nm[k][s]: whether s is L_h stable for k for every large
// enough h. The functions (G_h, move_h) of both DMs are computed horizon by
// horizon (each from the previous one, as in Anticipated) until they repeat;
// from there they cycle, so "every large enough h" is every h of the cycle.
func NMStable(m *model.Model, codes []uint64, scores [][]int64) [2][]bool {
	n := len(codes)
	type table struct{ out, move [2][]int }
	cur := table{}
	for k := 0; k < 2; k++ {
		cur.out[k], cur.move[k] = make([]int, n), make([]int, n)
		for s := 0; s < n; s++ {
			cur.out[k][s], cur.move[k][s] = s, -1
		}
	}
	var history []table
	seen := map[string]int{}
	for {
		key := fmt.Sprint(cur.out, cur.move)
		if first, ok := seen[key]; ok {
			var nm [2][]bool
			for k := 0; k < 2; k++ {
				nm[k] = make([]bool, n)
				for s := 0; s < n; s++ {
					nm[k][s] = true
					for h := first; h < len(history); h++ {
						if h > 0 && history[h].move[k][s] >= 0 {
							nm[k][s] = false
						}
					}
				}
			}
			return nm
		}
		seen[key] = len(history)
		history = append(history, cur)
		next := table{}
		for k := 0; k < 2; k++ {
			next.out[k], next.move[k] = make([]int, n), make([]int, n)
			for s := 0; s < n; s++ {
				outcome, move := s, -1
				for _, x := range Moves(m, codes, k, s) {
					a := cur.out[1-k][x]
					better := scores[k][a] > scores[k][outcome] || (scores[k][a] == scores[k][outcome] && a < outcome)
					if move < 0 {
						better = scores[k][a] > scores[k][s]
					}
					if better {
						outcome, move = a, x
					}
				}
				next.out[k][s], next.move[k][s] = outcome, move
			}
		}
		cur = next
	}
}
