package model

import (
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"
)

// MaxErrors is the most errors an ErrorList reports; past it, the last
// entry says how many more were found.
const MaxErrors = 20

// String returns "file:line:col", leaving out what is unknown: "file" when
// Line is zero, "file:line" when Col is zero, "line:col" when File is
// empty, and "" for the zero Pos.
func (p Pos) String() string {
	var parts []string
	if p.File != "" {
		parts = append(parts, p.File)
	}
	if p.Line > 0 {
		parts = append(parts, fmt.Sprint(p.Line))
		if p.Col > 0 {
			parts = append(parts, fmt.Sprint(p.Col))
		}
	}
	return strings.Join(parts, ":")
}

// Error is one problem in a model: where it is, what is wrong, and a hint
// on how to fix it (Hint may be empty).
type Error struct {
	Pos  Pos
	Msg  string
	Hint string
}

// Error returns "file:line:col: msg (hint)"; the position is shortened as
// in Pos.String and the hint left out when empty.
func (e *Error) Error() string {
	var b strings.Builder
	if p := e.Pos.String(); p != "" {
		b.WriteString(p)
		b.WriteString(": ")
	}
	b.WriteString(e.Msg)
	if e.Hint != "" {
		b.WriteString(" (")
		b.WriteString(e.Hint)
		b.WriteString(")")
	}
	return b.String()
}

// ErrorList is several problems in a model, sorted by position. Parse and
// Validate return one only when there are two or more problems; a single
// problem is returned as an *Error.
type ErrorList []*Error

// Error returns the errors' messages, one a line.
func (l ErrorList) Error() string {
	lines := make([]string, len(l))
	for i, e := range l {
		lines[i] = e.Error()
	}
	return strings.Join(lines, "\n")
}

// add appends an error.
func (l *ErrorList) add(pos Pos, hint, format string, args ...any) {
	*l = append(*l, &Error{Pos: pos, Msg: fmt.Sprintf(format, args...), Hint: hint})
}

// err returns nil for no errors, the *Error for one, and otherwise the
// list sorted by position (file, line, column; ties keep their order),
// with exact duplicates removed and cut to MaxErrors entries plus one that
// counts the rest.
func (l ErrorList) err() error {
	if len(l) == 0 {
		return nil
	}
	sorted := make(ErrorList, len(l))
	copy(sorted, l)
	sort.SliceStable(sorted, func(i, j int) bool {
		a, b := sorted[i].Pos, sorted[j].Pos
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Col < b.Col
	})
	out := sorted[:0]
	for i, e := range sorted {
		if i > 0 && *e == *sorted[i-1] {
			continue
		}
		out = append(out, e)
	}
	if len(out) == 1 {
		return out[0]
	}
	if len(out) > MaxErrors {
		more := len(out) - MaxErrors
		file := out[0].Pos.File
		out = append(out[:MaxErrors:MaxErrors], &Error{Pos: Pos{File: file}, Msg: fmt.Sprintf("too many errors (%d more not shown)", more)})
	}
	return out
}

// Closest returns the candidate nearest to word, for a "did you mean"
// hint: a case-insensitive match, else one within a small edit distance,
// else "".
func Closest(word string, candidates []string) string { return closest(word, candidates) }

// closest returns the candidate nearest to word: a case-insensitive match,
// else one within a small edit distance, else "".
func closest(word string, candidates []string) string {
	for _, c := range candidates {
		if strings.EqualFold(c, word) {
			return c
		}
	}
	best, bestD := "", 0
	n := utf8.RuneCountInString(word)
	limit := 2
	if n <= 5 {
		limit = 1
	}
	for _, c := range candidates {
		d := editDistance(strings.ToLower(word), strings.ToLower(c))
		if n <= 2 && utf8.RuneCountInString(c) == n {
			continue // "d" for "a" is no help; "cc" for "c" is
		}
		if d <= limit && (best == "" || d < bestD) {
			best, bestD = c, d
		}
	}
	return best
}

// editDistance is the Levenshtein distance, with an adjacent swap counting
// as one edit.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	if len(ra) > 64 || len(rb) > 64 {
		if a == b {
			return 0
		}
		return 1 << 20
	}
	d := make([][]int, len(ra)+1)
	for i := range d {
		d[i] = make([]int, len(rb)+1)
		d[i][0] = i
	}
	for j := range rb {
		d[0][j+1] = j + 1
	}
	for i := 1; i <= len(ra); i++ {
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(ra)][len(rb)]
}

// didYouMean returns a hint naming the candidate closest to word, or
// listing the candidates when there are few, or "".
func didYouMean(word string, candidates []string) string {
	// A hint equal to the word itself ("unknown state "1" (did you mean
	// "1"?)") helps no one: the word is a candidate the caller could not
	// use in this place, so list the candidates instead.
	if c := closest(word, candidates); c != "" && c != word {
		return fmt.Sprintf("did you mean %q?", c)
	}
	if len(candidates) > 0 && len(candidates) <= 8 {
		return "known: " + strings.Join(candidates, ", ")
	}
	return ""
}
