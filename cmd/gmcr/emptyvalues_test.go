package main

import "testing"

// TestEmptyAndRepeatedValues checks that empty, out-of-range, repeated or
// orphaned flag values are bad input (exit 3) rather than silently ignored.
func TestEmptyAndRepeatedValues(t *testing.T) {
	check(t, "", exitBadInput, []string{"strength", "-q", "--state", ""}, "the value is empty")
	check(t, "", exitBadInput, []string{"strength", "-q", "--from", " "}, "the value is empty")
	check(t, "", exitBadInput, []string{"inverse", "-q", "--state", "1", "--count-limit", "-5"}, "--count-limit must be -1")
	check(t, "", exitBadInput, []string{"inverse", "-q", "--state", "1", "--space", "statements", "--keep-order", "RU:3,3"}, "statement 3 is named twice")
	check(t, "", exitBadInput, []string{"robustness", "-q", "--make-concept", "GMR"}, "--make-concept applies to --make-stable")
	check(t, "", exitBadInput, []string{"robustness", "-q", "--make-space", "statements"}, "--make-space applies to --make-stable")
}
