// Package bitset is a fixed-size set of small non-negative integers, one
// bit each. gmcr keeps every per-state flag in one, so memory grows with the
// number of states, never with its square.
package bitset

import "math/bits"

// Set holds the integers 0..n-1 as bits; the zero value is empty.
type Set []uint64

// New returns an empty Set able to hold 0..n-1.
func New(n int) Set { return make(Set, (n+63)/64) }

// Has reports whether i is in s.
func (s Set) Has(i int) bool { return s[i>>6]&(1<<(uint(i)&63)) != 0 }

// Prev returns the largest element of s not above i, or -1.
func (s Set) Prev(i int) int {
	w := i >> 6
	m := s[w] & (^uint64(0) >> (63 - uint(i)&63))
	for m == 0 {
		if w == 0 {
			return -1
		}
		w--
		m = s[w]
	}
	return w<<6 + 63 - bits.LeadingZeros64(m)
}

// Add puts i in s.
func (s Set) Add(i int) { s[i>>6] |= 1 << (uint(i) & 63) }

// Remove takes i out of s.
func (s Set) Remove(i int) { s[i>>6] &^= 1 << (uint(i) & 63) }

// Count returns the number of elements of s.
func (s Set) Count() int {
	c := 0
	for _, w := range s {
		c += bits.OnesCount64(w)
	}
	return c
}

// Intersect sets s to s ∩ t; t must be at least as long as s.
func (s Set) Intersect(t Set) {
	for i := range s {
		s[i] &= t[i]
	}
}

// Elements appends the elements of s in ascending order to dst.
func (s Set) Elements(dst []int) []int {
	for wi, w := range s {
		for w != 0 {
			b := bits.TrailingZeros64(w)
			dst = append(dst, wi*64+b)
			w &= w - 1
		}
	}
	return dst
}
