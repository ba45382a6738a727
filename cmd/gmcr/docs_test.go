package main

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// repoRoot is the repository root, seen from this package's directory.
const repoRoot = "../.."

// docFiles returns README.md and every docs/*.md, relative to repoRoot.
func docFiles(t *testing.T) []string {
	t.Helper()
	files := []string{"README.md"}
	more, err := filepath.Glob(filepath.Join(repoRoot, "docs", "*.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range more {
		rel, _ := filepath.Rel(repoRoot, f)
		files = append(files, rel)
	}
	more, _ = filepath.Glob(filepath.Join(repoRoot, "examples", "*.md"))
	for _, f := range more {
		rel, _ := filepath.Rel(repoRoot, f)
		files = append(files, rel)
	}
	return files
}

// slug is the anchor GitHub gives a Markdown heading.
func slug(heading string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(strings.TrimSpace(heading)) {
		switch {
		case r == ' ' || r == '-':
			b.WriteRune('-')
		case r == '_' || r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r > 127:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// anchors returns the anchors of the headings of a Markdown text.
func anchors(text string) map[string]bool {
	out := map[string]bool{}
	inCode := false
	for _, line := range strings.Split(text, "\n") {
		if strings.HasPrefix(line, "```") {
			inCode = !inCode
		}
		if !inCode && strings.HasPrefix(line, "#") {
			out[slug(strings.TrimLeft(line, "#"))] = true
		}
	}
	return out
}

// TestDocLinksResolve checks that every relative link, and every
// repository path named in backquotes, in README.md, docs/*.md and
// examples/*.md exists in the repository, with the heading a link's
// #anchor names. A clone of the repository must be readable on its own.
func TestDocLinksResolve(t *testing.T) {
	link := regexp.MustCompile(`\]\(([^)\s]+)\)`)
	// A path in backquotes: starts with a top-level folder of the
	// repository or is a top-level file, without spaces or wildcards.
	entries, err := os.ReadDir(repoRoot)
	if err != nil {
		t.Fatal(err)
	}
	var tops []string
	for _, e := range entries {
		if !strings.HasPrefix(e.Name(), ".") || e.Name() == ".ci" {
			tops = append(tops, regexp.QuoteMeta(e.Name()))
		}
	}
	pathRe := regexp.MustCompile("`((?:" + strings.Join(tops, "|") + `)(?:/[\w.\-/]*)?)` + "`")
	checked := 0
	for _, f := range docFiles(t) {
		data, err := os.ReadFile(filepath.Join(repoRoot, f))
		if err != nil {
			t.Fatal(err)
		}
		text := string(data)
		dir := filepath.Dir(f)
		for _, m := range link.FindAllStringSubmatch(text, -1) {
			target := m[1]
			if strings.Contains(target, "://") || strings.HasPrefix(target, "mailto:") {
				continue
			}
			file, anchor, _ := strings.Cut(target, "#")
			doc := text
			if file != "" {
				p := filepath.Join(repoRoot, dir, file)
				rel, _ := filepath.Rel(repoRoot, p)
				if strings.HasPrefix(rel, "..") {
					t.Errorf("%s: link %s points outside the repository", f, target)
					continue
				}
				body, err := os.ReadFile(p)
				if err != nil {
					if st, serr := os.Stat(p); serr == nil && st.IsDir() {
						checked++
						continue
					}
					t.Errorf("%s: link %s: no such file in the repository", f, target)
					continue
				}
				doc = string(body)
			}
			checked++
			if anchor != "" && strings.HasSuffix(filepath.Join(dir, file), ".md") || anchor != "" && file == "" {
				if !anchors(doc)[anchor] {
					t.Errorf("%s: link %s: no heading with anchor #%s", f, target, anchor)
				}
			}
		}
		for _, m := range pathRe.FindAllStringSubmatch(text, -1) {
			p := strings.TrimSuffix(m[1], "/")
			if strings.ContainsAny(p, "*") {
				continue
			}
			// Paths are named from the repository root, or relative to
			// the document.
			_, e1 := os.Stat(filepath.Join(repoRoot, p))
			_, e2 := os.Stat(filepath.Join(repoRoot, dir, p))
			if e1 != nil && e2 != nil {
				t.Errorf("%s names %s, which does not exist in the repository", f, m[1])
			}
			checked++
		}
		if strings.Contains(text, "/work/") || strings.Contains(text, "shared/seed") || strings.Contains(text, "shared/gmcr-definitions") {
			t.Errorf("%s points to a file outside the repository", f)
		}
	}
	if checked < 20 {
		t.Errorf("only %d links and paths checked; the pattern is broken", checked)
	}
}

// TestDefinitionsSayWhatExists checks that the documentation claims only
// commands that exist: every `gmcr NAME` in README.md and docs/*.md is a
// command of the command table, every command is in README's command
// table, and every definition of docs/definitions.md beyond the core
// analysis says whether gmcr implements it ("In gmcr:").
func TestDefinitionsSayWhatExists(t *testing.T) {
	root := newRootCmd(&env{ctx: context.Background(), stdin: strings.NewReader(""), stdout: io.Discard, stderr: io.Discard})
	commands := map[string]bool{}
	for _, c := range root.Commands() {
		commands[c.Name()] = true
	}
	named := regexp.MustCompile("`gmcr ([a-z][a-z-]*)")
	var readme string
	for _, f := range docFiles(t) {
		data, err := os.ReadFile(filepath.Join(repoRoot, f))
		if err != nil {
			t.Fatal(err)
		}
		if f == "README.md" {
			readme = string(data)
		}
		for _, m := range named.FindAllStringSubmatch(string(data), -1) {
			if !commands[m[1]] {
				t.Errorf("%s names `gmcr %s`, which is not a command", f, m[1])
			}
		}
	}
	for name := range commands {
		if name == "help" || name == "completion" {
			continue
		}
		if !strings.Contains(readme, "| `gmcr "+name) {
			t.Errorf("README's command table lacks gmcr %s", name)
		}
	}
	defs, err := os.ReadFile(filepath.Join(repoRoot, "docs", "definitions.md"))
	if err != nil {
		t.Fatal(err)
	}
	section := ""
	var bullet strings.Builder
	// claims holds, per defined term, whether some bullet says it is not
	// implemented and whether some names a command for it: both at once
	// is a contradiction (as once for inverse GMCR).
	type claim struct{ notYet, command string }
	claims := map[string]*claim{}
	term := regexp.MustCompile(`^- \*\*([^*]+?)\.?\*\*`)
	flush := func() {
		b := bullet.String()
		bullet.Reset()
		if b == "" || !strings.HasPrefix(b, "- **") {
			return
		}
		if m := term.FindStringSubmatch(b); m != nil {
			_, says, _ := strings.Cut(b, "**In gmcr:**")
			c := claims[m[1]]
			if c == nil {
				c = &claim{}
				claims[m[1]] = c
			}
			if strings.Contains(says, "not implemented yet") {
				c.notYet = "section " + section
			}
			if named.MatchString(says) {
				c.command = "section " + section
			}
			if c.notYet != "" && c.command != "" {
				t.Errorf("docs/definitions.md: %q is not implemented yet in %s but has a command in %s", m[1], c.notYet, c.command)
			}
		}
		switch section {
		case "5", "7", "8":
			if !strings.Contains(b, "**In gmcr:**") {
				t.Errorf("docs/definitions.md section %s: %q... does not say whether gmcr implements it", section, b[:min(60, len(b))])
			}
		}
	}
	for _, line := range strings.Split(string(defs), "\n") {
		if strings.HasPrefix(line, "## ") {
			flush()
			section, _, _ = strings.Cut(strings.TrimPrefix(line, "## "), ".")
			continue
		}
		if strings.HasPrefix(line, "- ") || line == "" {
			flush()
		}
		if line != "" {
			bullet.WriteString(line + "\n")
		}
	}
	flush()
	for _, s := range []string{"## 7.", "## 8."} {
		if !strings.Contains(string(defs), s) {
			t.Errorf("docs/definitions.md lacks section %s", s)
		}
	}
}

// TestREADMEWhatIfCommands checks that README's list of the commands
// taking --force, --forbid and --set-status-quo is the command table's
// (the list gmcr --help prints), in the same order.
func TestREADMEWhatIfCommands(t *testing.T) {
	root := newRootCmd(&env{ctx: context.Background(), stdin: strings.NewReader(""), stdout: io.Discard, stderr: io.Discard})
	want := commandsWith(root, annotWhatIf)
	for _, c := range root.Commands() {
		if c.Flags().Lookup("set-status-quo") != nil && c.Name() != "compare" && !strings.Contains(want, c.Name()) {
			t.Errorf("gmcr %s takes --set-status-quo but is not annotated as taking what-ifs", c.Name())
		}
	}
	data, err := os.ReadFile(filepath.Join(repoRoot, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	const lead = "What-ifs without editing the file, on "
	_, rest, ok := strings.Cut(strings.Join(strings.Fields(string(data)), " "), lead)
	if !ok {
		t.Fatalf("README lacks %q", lead)
	}
	got, _, _ := strings.Cut(rest, " (the list")
	if got = strings.ReplaceAll(got, "`", ""); got != want {
		t.Errorf("README lists the what-if commands as\n  %s\nthe command table as\n  %s", got, want)
	}
}
