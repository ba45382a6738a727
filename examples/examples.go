// Package examples holds the example conflicts that ship with gmcr: model
// files in the YAML format of docs/model-format.md, embedded in the binary.
//
// The flagship example, Default, models the August 2025 talks on security
// guarantees for Ukraine from a single news report; the others are
// textbook games (Prisoner's Dilemma, Chicken) and a classic published
// case (the Elmira groundwater conflict). EXPECTED.md in this directory
// gives, for each example, the equilibria expected under every solution
// concept and where they come from.
package examples

import (
	"embed"
	"fmt"
	"path"
	"sort"
	"strings"
	"sync"

	"gopkg.in/yaml.v3"
)

//go:embed *.yaml
var files embed.FS

// Default is the name of the built-in example used when no model file is
// given.
const Default = "ukraine-security"

// Example is one embedded model file.
type Example struct {
	// Name is the file name without its ".yaml" extension, for example
	// "elmira"; Get looks examples up by it.
	Name string
	// File is the embedded file name, for example "elmira.yaml"; pass it
	// as the file name when parsing Data so that positions name it.
	File string
	// Title is the model's title field.
	Title string
	// Summary is the first paragraph of the model's description, with
	// runs of white space collapsed to single spaces.
	Summary string
	// Data is the file's content. It is shared: do not modify it.
	Data []byte
}

var (
	loadOnce sync.Once
	all      []Example
)

func load() {
	entries, err := files.ReadDir(".")
	if err != nil {
		panic("examples: reading embedded files: " + err.Error())
	}
	for _, e := range entries {
		if e.IsDir() || path.Ext(e.Name()) != ".yaml" {
			continue
		}
		data, err := files.ReadFile(e.Name())
		if err != nil {
			panic("examples: reading " + e.Name() + ": " + err.Error())
		}
		ex := Example{
			Name: strings.TrimSuffix(e.Name(), ".yaml"),
			File: e.Name(),
			Data: data,
		}
		// Only the title and description are read here; the model package
		// parses and validates the whole file.
		var head struct {
			Title       string `yaml:"title"`
			Description string `yaml:"description"`
		}
		if yaml.Unmarshal(data, &head) == nil {
			ex.Title = strings.TrimSpace(head.Title)
			ex.Summary = firstParagraph(head.Description)
		}
		if ex.Title == "" {
			ex.Title = ex.Name
		}
		all = append(all, ex)
	}
	sort.Slice(all, func(i, j int) bool { return all[i].Name < all[j].Name })
}

// firstParagraph returns the text of s up to its first blank line, with
// white space runs collapsed to one space.
func firstParagraph(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	if i := strings.Index(s, "\n\n"); i >= 0 {
		s = s[:i]
	}
	return strings.Join(strings.Fields(s), " ")
}

// All returns every embedded example, sorted by name. The slice is a copy;
// the Data of each example is shared and must not be modified.
func All() []Example {
	loadOnce.Do(load)
	return append([]Example(nil), all...)
}

// Names returns the names of all embedded examples, sorted.
func Names() []string {
	loadOnce.Do(load)
	names := make([]string, len(all))
	for i, ex := range all {
		names[i] = ex.Name
	}
	return names
}

// Get returns the example with the given name. The name may also be given
// with its ".yaml" extension. An unknown name is an error that lists the
// available names.
func Get(name string) (Example, error) {
	loadOnce.Do(load)
	n := strings.TrimSuffix(name, ".yaml")
	for _, ex := range all {
		if ex.Name == n {
			return ex, nil
		}
	}
	return Example{}, fmt.Errorf("unknown example %q; available: %s", name, strings.Join(Names(), ", "))
}
