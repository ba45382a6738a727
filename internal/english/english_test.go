package english

import (
	"fmt"
	"testing"
)

func TestCountAndList(t *testing.T) {
	for _, c := range []struct{ got, want string }{
		{Count(0, "state"), "0 states"},
		{Count(1, "state"), "1 state"},
		{Count(2, "state"), "2 states"},
		{Count(3, "coalition"), "3 coalitions"},
		{Count(2, "match"), "2 matches"},
		{Count(2, "class"), "2 classes"},
		{Count(2, "policy"), "2 policies"},
		{Count(2, "day"), "2 days"},
		{Count(1, "unilateral improvement (UI)"), "1 unilateral improvement (UI)"},
		{Count(2, "unilateral improvement (UI)"), "2 unilateral improvements (UIs)"},
		{Ints("state", []int{4}), "state 4"},
		{Ints("state", []int{4, 5}), "states 4, 5"},
		{Ints("state", nil), ""},
		{Noun(1, "is"), "is"},
		{Noun(2, "is"), "are"},
		{Join([]string{"a"}), "a"},
		{Join([]string{"a", "b"}), "a and b"},
		{Join([]string{"a", "b", "c"}), "a, b and c"},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
}

func ExampleInts() {
	fmt.Println("the ranking misses " + Ints("state", []int{4}))
	fmt.Println("the ranking misses " + Ints("state", []int{4, 7}))
	// Output:
	// the ranking misses state 4
	// the ranking misses states 4, 7
}

func TestVerb(t *testing.T) {
	for _, c := range []struct {
		n    int
		want string
	}{{0, "qualify"}, {1, "qualifies"}, {-1, "qualifies"}, {2, "qualify"}} {
		if got := Verb(c.n, "qualifies", "qualify"); got != c.want {
			t.Errorf("Verb(%d) = %q, want %q", c.n, got, c.want)
		}
	}
}
