package main

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// TestReadmeFormats checks README's list of the formats each command
// takes (-f/--format) against the commands' own --format flags, so that
// README never claims a format a command refuses (as it once said markdown
// worked on every reporting command).
func TestReadmeFormats(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(repoRoot, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Join(strings.Fields(string(data)), " ")
	_, rest, ok := strings.Cut(text, "Common flags: `-f/--format` (formats by command: ")
	if !ok {
		t.Fatal("README lacks \"Common flags: `-f/--format` (formats by command: \"")
	}
	list, _, ok := strings.Cut(rest, "), `-o/--output")
	if !ok {
		t.Fatal("README's format list does not end before `-o/--output`")
	}
	claimed := map[string]string{}
	name := regexp.MustCompile("`([a-z-]+)`")
	for _, group := range strings.Split(list, ";") {
		group = strings.TrimSpace(group)
		i := strings.LastIndex(group, " ")
		formats := group[i+1:]
		for _, m := range name.FindAllStringSubmatch(group[:i], -1) {
			claimed[m[1]] = formats
		}
	}
	root := newRootCmd(&env{ctx: context.Background(), stdin: strings.NewReader(""), stdout: io.Discard, stderr: io.Discard})
	var have []string
	for _, c := range root.Commands() {
		f := c.Flags().Lookup("format")
		if f == nil {
			continue
		}
		have = append(have, c.Name())
		_, formats, ok := strings.Cut(f.Usage, "output format: ")
		if !ok {
			t.Errorf("gmcr %s --format usage %q does not list the formats", c.Name(), f.Usage)
			continue
		}
		if claimed[c.Name()] != formats {
			t.Errorf("README says `%s` takes %q; its --format takes %q", c.Name(), claimed[c.Name()], formats)
		}
	}
	for c := range claimed {
		if !slices.Contains(have, c) {
			t.Errorf("README lists formats for `%s`, which has no --format flag", c)
		}
	}
}
