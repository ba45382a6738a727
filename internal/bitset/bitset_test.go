package bitset

import "testing"

func TestPrev(t *testing.T) {
	s := New(200)
	for _, i := range []int{3, 64, 130, 199} {
		s.Add(i)
	}
	for i := 0; i < 200; i++ {
		want := -1
		for j := i; j >= 0; j-- {
			if s.Has(j) {
				want = j
				break
			}
		}
		if got := s.Prev(i); got != want {
			t.Fatalf("Prev(%d) = %d, want %d", i, got, want)
		}
	}
}
