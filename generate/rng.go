package generate

import "math/rand/v2"

// rng draws every random value the generator needs from a PCG source
// (PCG-DXSM, fully specified by its algorithm). Only PCG.Uint64 is used;
// bounded integers, floats and permutations are derived here rather than by
// rand.Rand's methods, so the output cannot change if a Go release changes
// how those methods consume the source.
type rng struct {
	src *rand.PCG
}

// seedStream is the fixed second half of the PCG seed.
const seedStream = 0x67_6d_63_72_67_65_6e_31 // "gmcrgen1"

func newRNG(seed int64) *rng {
	return &rng{src: rand.NewPCG(uint64(seed), seedStream)}
}

// intn returns a uniform integer in [0, n); n must be positive. It rejects
// the lowest (2^64 mod n) source values so that every result is equally
// likely.
func (r *rng) intn(n int) int {
	if n <= 0 {
		panic("generate: intn of a non-positive bound")
	}
	bound := uint64(n)
	threshold := -bound % bound // (2^64 - bound) mod bound == 2^64 mod bound
	for {
		x := r.src.Uint64()
		if x >= threshold {
			return int(x % bound)
		}
	}
}

// float64 returns a uniform float in [0, 1) with 53 random bits.
func (r *rng) float64() float64 {
	return float64(r.src.Uint64()>>11) * 0x1p-53
}

// chance reports true with probability p.
func (r *rng) chance(p float64) bool {
	return r.float64() < p
}

// perm returns a uniformly random permutation of 0..n-1 (Fisher-Yates).
func (r *rng) perm(n int) []int {
	p := make([]int, n)
	for i := range p {
		p[i] = i
	}
	for i := n - 1; i > 0; i-- {
		j := r.intn(i + 1)
		p[i], p[j] = p[j], p[i]
	}
	return p
}
