package reach

import (
	"cmp"
	"context"
	"math"
	"math/bits"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/gmcr/gmcr/internal/bitset"
	"github.com/gmcr/gmcr/preference"
	"github.com/gmcr/gmcr/statespace"
)

// Classes groups, for every DM k, the states that agree outside k's
// options (k's "class" of a state), so that MinOver can replace the moves
// inside a class, up to c^2 edges for a class of c states, by O(c)
// auxiliary nodes. This is what makes GMR, SMR and SEQ fast on large
// models.
//
// When every option of k is reversible, k's unilateral moves from x are
// exactly the other members of x's class, and its unilateral improvements
// the members k ranks strictly higher: chains over the class sorted by k's
// preference reach them.
//
// When k has irreversible options, its moves from x are the class members
// y != x whose irreversible part "dominates" x's: every taken forward-only
// option stays taken and every untaken backward-only option stays
// untaken. Writing phi(y) for the bits of y's taken forward-only and
// untaken backward-only options, y is reachable iff phi(y) ⊇ phi(x). The
// class is split into buckets of equal phi (chains reach a bucket minus x),
// and a lattice of nodes U(class, phi), one per subset of the irreversible
// bits, reaches every bucket with a superset of phi. Improvements of such a
// DM, and lattices that would be larger than the state space, use direct
// edges.
type Classes struct {
	dms []dmClasses
	// layout and levels are what the classes were made from, for
	// Layout.Classes to reuse the order of a DM whose levels are the same.
	layout *Layout
	levels [][]int32
}

type classKind int8

const (
	direct  classKind = iota // enumerate moves one by one
	chain                    // all options reversible: chains over the class
	lattice                  // irreversible options: buckets and a superset lattice (moves only)
)

type dmClasses struct {
	kind  classKind
	order []int32    // position -> state, grouped by class (and bucket), then by descending level
	pos   []int32    // state -> position
	group []int32    // position -> first position of its tie group within the class (chain)
	first bitset.Set // positions that start a class (chain) or bucket (lattice)
	mask  uint64     // the DM's option bits
	end   []int32    // position -> last position of its class (chain)

	// lattice only
	fwd, back uint64  // the DM's forward-only and backward-only bits
	irr       []uint  // the irreversible bits, ascending
	class     []int32 // state -> class index
	last      []int32 // class*2^len(irr)+phi -> last position of that bucket, or -1
}

// sortClasses returns the states ordered by class and bucket (cps
// ascending), then by descending level, then by state. When the levels
// span few values it is a radix sort: a counting sort by level, then
// stable passes over the bytes of cps; otherwise a comparison sort on
// packed keys.
func sortClasses(cps []uint64, lv []int32) []int32 {
	n := len(cps)
	order := make([]int32, n)
	lo, hi := int32(math.MaxInt32), int32(math.MinInt32)
	var top uint64
	for s := range cps {
		lo, hi = min(lo, lv[s]), max(hi, lv[s])
		top |= cps[s]
	}
	if n == 0 || int64(hi)-int64(lo) >= int64(4*n+256) {
		type sortKey struct{ cp, ls uint64 }
		keys := make([]sortKey, n)
		for s := range keys {
			keys[s] = sortKey{cp: cps[s], ls: uint64(uint32(^lv[s])^1<<31)<<32 | uint64(s)}
		}
		slices.SortFunc(keys, func(a, b sortKey) int {
			if a.cp != b.cp {
				return cmp.Compare(a.cp, b.cp)
			}
			return cmp.Compare(a.ls, b.ls)
		})
		for t, k := range keys {
			order[t] = int32(uint32(k.ls))
		}
		return order
	}
	// Descending level, ascending state: a stable counting sort.
	count := make([]int32, int(hi-lo)+2)
	for _, l := range lv {
		count[int(hi-l)+1]++
	}
	for i := 1; i < len(count); i++ {
		count[i] += count[i-1]
	}
	for s, l := range lv {
		k := int(hi - l)
		order[count[k]] = int32(s)
		count[k]++
	}
	// Then stable by cps, least significant byte first.
	tmp := make([]int32, n)
	var bc [257]int32
	for shift := uint(0); shift < 64 && top>>shift != 0; shift += 8 {
		bc = [257]int32{}
		for _, s := range order {
			bc[int(cps[s]>>shift&0xff)+1]++
		}
		for i := 1; i < len(bc); i++ {
			bc[i] += bc[i-1]
		}
		for _, s := range order {
			b := int(cps[s] >> shift & 0xff)
			tmp[bc[b]] = s
			bc[b]++
		}
		order, tmp = tmp, order
	}
	return order
}

// phi returns the compact irreversible signature of code: bit b set iff
// irreversible bit irr[b] is a taken forward-only or an untaken
// backward-only option.
func (dc *dmClasses) phi(code uint64) uint32 {
	v := code&dc.fwd | ^code&dc.back
	var out uint32
	for b, bit := range dc.irr {
		out |= uint32(v>>bit&1) << uint(b)
	}
	return out
}

// NewClasses computes the classes of every DM of ss, ordered by each DM's
// preference levels in p. Memory: 12 to 20 bytes per state per DM.
func NewClasses(ss *statespace.StateSpace, p *preference.Profile) *Classes {
	c, _ := NewClassesContext(context.Background(), ss, p)
	return c
}

// NewClassesContext is NewClasses, stopping with ctx's error if ctx is
// cancelled (checked before each DM). The DMs are sorted in parallel, up
// to GOMAXPROCS at once.
func NewClassesContext(ctx context.Context, ss *statespace.StateSpace, p *preference.Profile) (*Classes, error) {
	c := &Classes{dms: make([]dmClasses, len(ss.DMs)), levels: p.Level}
	if err := eachDM(ctx, len(ss.DMs), func(k int) { c.dms[k] = newDMClasses(ss, p.Level[k], k) }); err != nil {
		return nil, err
	}
	return c, nil
}

// newDMClasses sorts DM k's states by class and bucket and, within each
// bucket, by the levels lv (descending, then by state).
func newDMClasses(ss *statespace.StateSpace, lv []int32, k int) dmClasses {
	d := ss.DMs[k]
	n := ss.Len()
	codes := ss.Codes
	fwd, back := ss.Irreversible(k)
	if !ss.PerceivesAll(k) || ss.Graph() {
		// Misperceptions break the class structure; a graph-form model's
		// arcs need not have one.
		return dmClasses{kind: direct}
	}
	dc := dmClasses{kind: chain, mask: d.Mask, fwd: fwd, back: back}
	for x := fwd | back; x != 0; x &= x - 1 {
		dc.irr = append(dc.irr, uint(bits.TrailingZeros64(x)))
	}
	if len(dc.irr) > 0 {
		dc.kind = lattice
		if len(dc.irr) > 20 {
			return dmClasses{kind: direct}
		}
	}
	key := func(s int32) uint64 { return codes[s] &^ d.Mask }
	lowBits := uint64(1)<<d.Lo - 1
	cps := make([]uint64, n) // class (the code without the DM's options, which are contiguous bits), then phi
	for s := range cps {
		c := codes[s]
		cps[s] = (c>>(d.Lo+d.Width)<<d.Lo | c&lowBits) << uint(len(dc.irr))
		if dc.kind == lattice {
			cps[s] |= uint64(dc.phi(c))
		}
	}
	order := sortClasses(cps, lv)
	dc.order = order
	dc.pos = make([]int32, n)
	dc.group = make([]int32, n)
	dc.first = bitset.New(n + 1)
	dc.first.Add(n)
	classes := 0
	if dc.kind == lattice {
		dc.class = make([]int32, n)
	}
	for t, s := range order {
		dc.pos[s] = int32(t)
		newClass := t == 0 || key(order[t-1]) != key(s)
		if newClass {
			classes++
		}
		newBucket := newClass || (dc.kind == lattice && dc.phi(codes[order[t-1]]) != dc.phi(codes[s]))
		if newBucket {
			dc.first.Add(t)
		}
		if !newBucket && lv[order[t-1]] == lv[s] {
			dc.group[t] = dc.group[t-1]
		} else {
			dc.group[t] = int32(t)
		}
		if dc.kind == lattice {
			dc.class[s] = int32(classes - 1)
		}
	}
	if dc.kind == chain {
		dc.end = make([]int32, n)
		for t := n - 1; t >= 0; t-- {
			dc.end[t] = int32(t)
			if t+1 < n && sameClass(&dc, int32(t+1)) {
				dc.end[t] = dc.end[t+1]
			}
		}
	}
	if dc.kind == lattice {
		width := 1 << len(dc.irr)
		if classes*width > 2*n+1024 {
			return dmClasses{kind: direct} // the lattice would outgrow the state space
		}
		dc.last = make([]int32, classes*width)
		for i := range dc.last {
			dc.last[i] = -1
		}
		for t, s := range order {
			dc.last[int(dc.class[s])*width+int(dc.phi(codes[s]))] = int32(t)
		}
	}
	return dc
}

// Layout is the part of Classes that does not depend on preferences: which
// states form each DM's classes and buckets, and where each class and
// bucket lies in the DM's order. Moves do not depend on preferences, so a
// Layout computed once serves every preference profile over the same
// state space (robustness sampling analyses thousands of them); Classes
// then only orders the states within each bucket by level. A Layout is
// read-only once made and safe for concurrent use.
type Layout struct {
	ss  *statespace.StateSpace
	dms []dmLayout
}

// dmLayout is one DM's Layout.
type dmLayout struct {
	// tmpl holds the preference-free fields of the DM's classes (kind,
	// mask, first, end, and for a lattice fwd, back, irr, class, last),
	// shared by every Classes made from the Layout; order, pos and group
	// are nil.
	tmpl   dmClasses
	bucket []int32 // state -> bucket index, buckets numbered in order
	start  []int32 // bucket -> its first position; start[buckets] = states
}

// NewLayout computes the Layout of every DM of ss. Memory: about 12 bytes
// per state per DM.
func NewLayout(ss *statespace.StateSpace) *Layout {
	l, _ := NewLayoutContext(context.Background(), ss)
	return l
}

// NewLayoutContext is NewLayout, stopping with ctx's error if ctx is
// cancelled (checked before each DM). The DMs are laid out in parallel.
func NewLayoutContext(ctx context.Context, ss *statespace.StateSpace) (*Layout, error) {
	l := &Layout{ss: ss, dms: make([]dmLayout, len(ss.DMs))}
	err := eachDM(ctx, len(ss.DMs), func(k int) { l.dms[k] = newDMLayout(ss, k) })
	if err != nil {
		return nil, err
	}
	return l, nil
}

// Classes returns the classes of l's state space ordered by the levels of
// p. A DM whose levels in p equal its levels in prev's preferences (prev
// made from l, or nil) takes prev's order of that DM as it is, sharing its
// memory; the others are ordered anew, in parallel. The result is the
// same as NewClasses(ss, p). Errors: ctx's error.
func (l *Layout) Classes(ctx context.Context, p *preference.Profile, prev *Classes) (*Classes, error) {
	c := &Classes{dms: make([]dmClasses, len(l.dms)), layout: l, levels: p.Level}
	if prev != nil && (prev.layout != l || len(prev.levels) != len(l.dms)) {
		prev = nil
	}
	err := eachDM(ctx, len(l.dms), func(k int) {
		if prev != nil && slices.Equal(prev.levels[k], p.Level[k]) {
			c.dms[k] = prev.dms[k]
			return
		}
		c.dms[k] = l.dms[k].classes(p.Level[k])
	})
	if err != nil {
		return nil, err
	}
	return c, nil
}

// eachDM runs f for DMs 0..n-1 on up to GOMAXPROCS goroutines, stopping
// with ctx's error if ctx is cancelled (checked before each DM).
func eachDM(ctx context.Context, n int, f func(k int)) error {
	var next atomic.Int32
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), n) {
		wg.Go(func() {
			for k := int(next.Add(1) - 1); k < n && ctx.Err() == nil; k = int(next.Add(1) - 1) {
				f(k)
			}
		})
	}
	wg.Wait()
	return ctx.Err()
}

func newDMLayout(ss *statespace.StateSpace, k int) dmLayout {
	// The classes under equal levels are ordered by class, bucket and
	// state: their positions are those of any levels' classes.
	dc := newDMClasses(ss, make([]int32, ss.Len()), k)
	dl := dmLayout{}
	if dc.kind != direct {
		dl.bucket = make([]int32, len(dc.order))
		for t, s := range dc.order {
			if dc.first.Has(t) {
				dl.start = append(dl.start, int32(t))
			}
			dl.bucket[s] = int32(len(dl.start) - 1)
		}
		dl.start = append(dl.start, int32(len(dc.order)))
	}
	dc.order, dc.pos, dc.group = nil, nil, nil
	dl.tmpl = dc
	return dl
}

// classes orders the DM's buckets by the levels lv: within each bucket by
// descending level, then by state. When the levels span few values it is
// a counting sort by level followed by one stable pass placing each state
// in its bucket; otherwise a comparison sort.
func (dl *dmLayout) classes(lv []int32) dmClasses {
	dc := dl.tmpl
	if dc.kind == direct {
		return dc
	}
	n := len(lv)
	order := make([]int32, n)
	lo, hi := int32(math.MaxInt32), int32(math.MinInt32)
	for _, l := range lv {
		lo, hi = min(lo, l), max(hi, l)
	}
	if n > 0 && int64(hi)-int64(lo) < int64(4*n+256) {
		// Descending level, ascending state: a stable counting sort ...
		count := make([]int32, int(hi-lo)+2)
		for _, l := range lv {
			count[int(hi-l)+1]++
		}
		for i := 1; i < len(count); i++ {
			count[i] += count[i-1]
		}
		byLevel := make([]int32, n)
		for s, l := range lv {
			k := int(hi - l)
			byLevel[count[k]] = int32(s)
			count[k]++
		}
		// ... then each state to the next free position of its bucket.
		fill := slices.Clone(dl.start)
		for _, s := range byLevel {
			b := dl.bucket[s]
			order[fill[b]] = s
			fill[b]++
		}
	} else {
		cps := make([]uint64, n)
		for s, b := range dl.bucket {
			cps[s] = uint64(b)
		}
		order = sortClasses(cps, lv)
	}
	dc.order = order
	dc.pos = make([]int32, n)
	dc.group = make([]int32, n)
	for t, s := range order {
		dc.pos[s] = int32(t)
		if t > 0 && !dc.first.Has(t) && lv[order[t-1]] == lv[s] {
			dc.group[t] = dc.group[t-1]
		} else {
			dc.group[t] = int32(t)
		}
	}
	return dc
}
