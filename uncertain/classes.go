package uncertain

import (
	"context"

	"github.com/gmcr/gmcr/reach"
	"github.com/gmcr/gmcr/stability"
)

// maxClasses bounds the classes classTables handles (beyond, Analyze
// searches state by state).
const maxClasses = 256

// maxClassBytes bounds the memory of classTables' reach passes.
const maxClassBytes = 512 << 20

// classTables decides the sixteen definitions for one focal DM i with
// unsure statements at every state outside i's unknown groups, for all
// states at once, without a search per move.
//
// Why it works: outside the unknown groups, i's relation between two
// states depends only on the truth values of i's statements there and on
// i's preference levels (Relation.Unknown). States with the same truth
// values and level form a class; the relation is a table over classes.
// For a focal state s of class u, a sanction must end in a state of
// Phi(u), a union of classes (for SMR: a state of Phi(u) from which
// every move of i stays in Phi(u)). Each state x gets a bit per class u
// telling whether x would do as a sanction's end against a state of
// class u; one OR over the other DMs' reach of every state
// (reach.OrOver) then says, for every s1 and u, whether some sanction
// ends well: the move s -> s1 is sanctioned iff bit u of s1's OR is set.
type classTables struct {
	cls   []int32  // state -> class
	rel   [][]byte // rel[cx][cu]: i's relation of class cx to class cu ('>', '<', '~', 'U')
	words int      // mask words per family
	// reach[f][w][s1]: family f's OR over R_{N-i}(s1) (f = gmrA, gmrC,
	// smrA, smrC) or over R_{N-i}^{+,U}(s1) (f = seqA, seqC), word w.
	reach [6][][]uint64
}

// Mask families: A = known no better (extensions a, b), C = not known
// better (c, d).
const (
	gmrA = iota
	gmrC
	smrA
	smrC
	seqA
	seqC
)

// newClassTables builds the tables for DM i, or returns nil when i has no
// unsure statement, has more than maxClasses classes, or the reach passes
// would need more than maxClassBytes.
func newClassTables(ctx context.Context, r *Relation, i int, classes *reach.Classes, opp []int) (*classTables, error) {
	dr := &r.dms[i]
	if dr.conds == nil {
		return nil, nil
	}
	ss := r.Space
	n := ss.Len()
	lv := r.Prefs.Level[i]
	type key struct {
		bits  uint64
		level int32
	}
	ids := map[key]int32{}
	ct := &classTables{cls: make([]int32, n)}
	var reps []int
	for s := 0; s < n; s++ {
		var b uint64
		if dr.truth != nil {
			b = dr.truth[s]
		} else {
			return nil, nil // more than 64 statements: searched state by state
		}
		k := key{b, lv[s]}
		id, ok := ids[k]
		if !ok {
			if len(reps) == maxClasses {
				return nil, nil
			}
			id = int32(len(reps))
			ids[k] = id
			reps = append(reps, s)
		}
		ct.cls[s] = id
	}
	nc := len(reps)
	ct.words = (nc + 63) / 64
	if nodes := reach.NodesFor(n, len(opp)); nodes*int64(4*ct.words)*8 > maxClassBytes {
		return nil, nil
	}
	ct.rel = make([][]byte, nc)
	for a := range reps {
		ct.rel[a] = make([]byte, nc)
		for b := range reps {
			x, s := reps[a], reps[b]
			switch {
			case r.unsureUnknown(i, x, s):
				ct.rel[a][b] = 'U'
			case lv[x] > lv[s]:
				ct.rel[a][b] = '>'
			case lv[x] < lv[s]:
				ct.rel[a][b] = '<'
			default:
				ct.rel[a][b] = '~'
			}
		}
	}
	// Each state's bits: as a sanction's end against class u.
	masks := make([][][]uint64, 6)
	for f := range masks {
		masks[f] = make([][]uint64, ct.words)
		for w := range masks[f] {
			masks[f][w] = make([]uint64, n)
		}
	}
	var moveCls []int32
	for x := 0; x < n; x++ {
		if x&1023 == 0 && ctx.Err() != nil {
			return nil, ctx.Err()
		}
		moveCls = moveCls[:0]
		ss.Moves(i, x, func(t int) bool {
			moveCls = append(moveCls, ct.cls[t])
			return true
		})
		cx := ct.cls[x]
		for u := 0; u < nc; u++ {
			rx := ct.rel[cx][u]
			inA, inC := rx == '<' || rx == '~', rx != '>'
			escA, escC := false, false
			for _, cm := range moveCls {
				rm := ct.rel[cm][u]
				escA = escA || !(rm == '<' || rm == '~')
				escC = escC || rm == '>'
			}
			w, bit := u/64, uint64(1)<<uint(u%64)
			if inA {
				masks[gmrA][w][x] |= bit
				masks[seqA][w][x] |= bit
				if !escA {
					masks[smrA][w][x] |= bit
				}
			}
			if inC {
				masks[gmrC][w][x] |= bit
				masks[seqC][w][x] |= bit
				if !escC {
					masks[smrC][w][x] |= bit
				}
			}
		}
	}
	g := &reach.Graph{Space: ss, Prefs: r.Prefs, Movers: opp, Classes: classes}
	var all [][]uint64
	for _, f := range []int{gmrA, gmrC, smrA, smrC} {
		all = append(all, masks[f]...)
	}
	out, err := reach.OrOver(ctx, g, all...)
	if err != nil {
		return nil, err
	}
	for k, f := range []int{gmrA, gmrC, smrA, smrC} {
		ct.reach[f] = out[k*ct.words : (k+1)*ct.words]
	}
	credible := &reach.Graph{Space: ss, Prefs: r.Prefs, Movers: opp,
		Allow: func(j, x, t int) bool { return r.Better(j, t, x) || r.Unknown(j, t, x) }}
	out, err = reach.OrOver(ctx, credible, append(append([][]uint64{}, masks[seqA]...), masks[seqC]...)...)
	if err != nil {
		return nil, err
	}
	ct.reach[seqA], ct.reach[seqC] = out[:ct.words], out[ct.words:]
	return ct, nil
}

// stable decides concept c at state s (outside i's unknown groups) for
// the focal DM i, whose moves from s are moves.
func (ct *classTables) stable(c Concept, s int, moves []int) bool {
	u := ct.cls[s]
	w, bit := int(u)/64, uint64(1)<<uint(u%64)
	f := 0
	switch c.Base {
	case stability.Nash:
	case stability.GMR:
		f = gmrA
	case stability.SMR:
		f = smrA
	case stability.SEQ:
		f = seqA
	}
	if c.Ext.sanctionUnknown() {
		f++ // the C family follows each A family
	}
	for _, s1 := range moves {
		rel := ct.rel[ct.cls[s1]][u]
		if rel != '>' && !(rel == 'U' && c.Ext.movesUnknown()) {
			continue // not a move the extension considers
		}
		if c.Base == stability.Nash || ct.reach[f][w][s1]&bit == 0 {
			return false
		}
	}
	return true
}
