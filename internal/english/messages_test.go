package english

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// countedPlural finds a format verb followed by a plural noun, "%d
// states", in a string literal: a count that prints "1 states" when it is
// 1. Such messages must use Count, List or States.
var countedPlural = regexp.MustCompile(`"[^"\n]*%[dsv] (states|options|DMs|decision makers|statements|coalitions|steps|paths|files|conditions|scenarios|letters|members|UIs|improvements|combinations|responses|concepts|operands|errors|warnings|times|entries|levels|terms|moves ahead|comparisons)\b[^"\n]*"`)

// countedVerb finds a counted noun (english.Count) followed in the same
// message by a verb fixed in the plural, "%s (...) qualify": "1 profile
// qualify" when the count is 1. Use english.Verb.
var countedVerb = regexp.MustCompile(`"[^"\n]*%s\b[^"\n]* (qualify|exist|remain|hold|agree)\b[^"\n]*".*english\.Count\(`)

// pluralList finds a plural noun before a formatted list, "states %s":
// "states 4" when the list has one element.
var pluralList = regexp.MustCompile(`"[^"\n]*\b(states|options|DMs|statements|coalitions) %[sv]\b[^"\n]*"`)

// guaranteedPlural (or a "// plural: why" comment on the line) marks messages whose count cannot be 1 (a number over a
// limit, an internal consistency check) or that are no count at all (a
// flag's limits, a parameter dump, a Y/N pattern).
var guaranteedPlural = []string{"%d of %d %s errors", "conditions per", "seed=%d", "code %s, options %s", "more than", "at most", "over the limit", "too many", "internal error", "e.g.", "up to 2^", "feasible states of", "the model has %s feasible states"}

// TestMessagesCountInEnglish scans the project's Go sources (tests
// excepted) for messages that would print "1 states" or "states 4" (issue
// 10, item 9): every count and list of the project's messages goes through
// this package.
func TestMessagesCountInEnglish(t *testing.T) {
	root := filepath.Join("..", "..")
	scanned := 0
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && path != root && (strings.HasPrefix(d.Name(), ".") || d.Name() == "testdata" || d.Name() == "bruteforce") {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		scanned++
		for i, line := range strings.Split(string(data), "\n") {
			for _, re := range []*regexp.Regexp{countedPlural, pluralList, countedVerb} {
				m := re.FindString(line)
				if m == "" {
					continue
				}
				// A "// plural:" comment on the line says why the plural is right.
				ok := strings.Contains(line, "// plural:")
				for _, g := range guaranteedPlural {
					ok = ok || strings.Contains(line, g)
				}
				if !ok {
					t.Errorf("%s:%d: %s can print a wrong number; use english.Count, List or States", path, i+1, m)
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if scanned < 50 {
		t.Fatalf("only %d Go files scanned", scanned)
	}
}
