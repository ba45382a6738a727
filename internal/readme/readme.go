// Package readme writes the passages of the repository's README.md that
// state results of the built-in examples, from the engine's own output,
// so that the README cannot drift from what gmcr computes.
//
// A generated passage sits between two marker lines:
//
//	<!-- BEGIN generated NAME: go generate ./internal/readme -->
//	...
//	<!-- END generated NAME -->
//
// Blocks computes every passage; Replace puts them into a document. The
// test of this package fails when README.md differs from what Blocks
// gives, and `go generate ./internal/readme` (which runs that test with
// -update) rewrites the passages.
//
// Prose that interprets a result (for example "every SEQ equilibrium
// includes Russia at the table") is written only when the engine's
// results bear it out; when a result changes so that a sentence would
// become false, Blocks returns an error naming the sentence, to be
// rewritten by hand here.
package readme

//go:generate go test . -run TestREADME -update

import (
	"fmt"
	"regexp"
	"strings"
)

var marker = regexp.MustCompile(`(?m)^<!-- (BEGIN|END) generated ([a-z0-9-]+)[^>]*-->\n`)

// Begin and End return the marker lines of block name.
func Begin(name string) string {
	return "<!-- BEGIN generated " + name + ": go generate ./internal/readme -->\n"
}

// End returns the closing marker line of block name.
func End(name string) string { return "<!-- END generated " + name + " -->\n" }

// Replace returns doc with the text between the markers of each block
// replaced by blocks[name]. Errors: markers that do not pair up, a marked
// block that blocks lacks, and a block of blocks that doc does not mark.
func Replace(doc string, blocks map[string]string) (string, error) {
	var b strings.Builder
	seen := map[string]bool{}
	pos := 0
	ms := marker.FindAllStringSubmatchIndex(doc, -1)
	if len(ms)%2 != 0 {
		return "", fmt.Errorf("README: %d generated-block markers; BEGIN and END must pair up", len(ms))
	}
	for i := 0; i < len(ms); i += 2 {
		bm, em := ms[i], ms[i+1]
		kind, name := doc[bm[2]:bm[3]], doc[bm[4]:bm[5]]
		ekind, ename := doc[em[2]:em[3]], doc[em[4]:em[5]]
		if kind != "BEGIN" || ekind != "END" || name != ename {
			return "", fmt.Errorf("README: generated block %q: expected BEGIN %s ... END %s, found %s %s ... %s %s", name, name, name, kind, name, ekind, ename)
		}
		text, ok := blocks[name]
		if !ok {
			return "", fmt.Errorf("README marks a generated block %q that package readme does not make", name)
		}
		if seen[name] {
			return "", fmt.Errorf("README marks generated block %q twice", name)
		}
		seen[name] = true
		b.WriteString(doc[pos:bm[0]])
		b.WriteString(Begin(name))
		b.WriteString(text)
		if !strings.HasSuffix(text, "\n") {
			b.WriteString("\n")
		}
		b.WriteString(End(name))
		pos = em[1]
	}
	b.WriteString(doc[pos:])
	for name := range blocks {
		if !seen[name] {
			return "", fmt.Errorf("README lacks the generated block %q: add the lines\n%s%s", name, Begin(name), End(name))
		}
	}
	return b.String(), nil
}
