// Package english writes the small pieces of English grammar that gmcr's
// messages and reports share: a count with its noun in the right number
// ("1 state", "2 states") and a noun before a list ("state 4", "states 4,
// 5"). Every message that counts or lists things uses it, so no message
// says "1 states" or "states 4".
package english

import (
	"fmt"
	"strings"
)

// irregular holds the plurals that adding "s" gets wrong.
var irregular = map[string]string{
	"unilateral improvement (UI)": "unilateral improvements (UIs)",
	"is":                          "are",
	"was":                         "were",
	"has":                         "have",
	"this":                        "these",
	"it":                          "they",
	"does":                        "do",
}

// Plural returns the plural of noun: irregular forms from a short table,
// "es" after s, x, z, ch and sh, "ies" for a consonant and y, otherwise
// "s". For a noun phrase the last word is the one that changes; a phrase
// ending in a parenthesis ("unilateral improvement (UI)") must be in the
// table.
func Plural(noun string) string {
	if p, ok := irregular[noun]; ok {
		return p
	}
	if noun == "" {
		return ""
	}
	switch {
	case strings.HasSuffix(noun, "s"), strings.HasSuffix(noun, "x"), strings.HasSuffix(noun, "z"),
		strings.HasSuffix(noun, "ch"), strings.HasSuffix(noun, "sh"):
		return noun + "es"
	case strings.HasSuffix(noun, "y") && len(noun) > 1 && !strings.ContainsRune("aeiou", rune(noun[len(noun)-2])):
		return noun[:len(noun)-1] + "ies"
	}
	return noun + "s"
}

// Noun returns noun in the number n asks for: noun for 1 (and -1), its
// plural otherwise ("0 states").
func Noun(n int, noun string) string {
	if n == 1 || n == -1 {
		return noun
	}
	return Plural(noun)
}

// Count returns n and noun in the right number: "1 state", "3 states".
func Count(n int, noun string) string { return fmt.Sprintf("%d %s", n, Noun(n, noun)) }

// Verb returns the verb form that agrees with a count of n: singular for
// 1 (and -1), plural otherwise ("1 profile qualifies", "3 profiles
// qualify").
func Verb(n int, singular, plural string) string {
	if n == 1 || n == -1 {
		return singular
	}
	return plural
}

// List returns noun in the number of items and the items joined with
// ", ": "state 4", "states 4, 5". It returns "" for no items.
func List(noun string, items []string) string {
	if len(items) == 0 {
		return ""
	}
	return Noun(len(items), noun) + " " + strings.Join(items, ", ")
}

// Ints is List for numbers: Ints("state", []int{4}) is "state 4".
func Ints(noun string, items []int) string {
	parts := make([]string, len(items))
	for i, x := range items {
		parts[i] = fmt.Sprint(x)
	}
	return List(noun, parts)
}

// Join writes "a", "a and b", "a, b and c".
func Join(items []string) string {
	if len(items) <= 1 {
		return strings.Join(items, "")
	}
	return strings.Join(items[:len(items)-1], ", ") + " and " + items[len(items)-1]
}

// States describes the numbered states 1..n of a model: "states 1..12",
// or "only state 1" when there is one (and "no states" for none).
func States(n int) string {
	switch {
	case n <= 0:
		return "no states"
	case n == 1:
		return "only state 1"
	}
	return fmt.Sprintf("states 1..%d", n)
}
