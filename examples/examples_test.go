package examples

import (
	"sort"
	"strings"
	"testing"

	"github.com/gmcr/gmcr/model"
)

// TestParseAll loads every embedded example with the model loader and fails
// on any error.
func TestParseAll(t *testing.T) {
	all := All()
	if len(all) == 0 {
		t.Fatal("no embedded examples")
	}
	for _, ex := range all {
		m, err := model.Parse(ex.Data, ex.File)
		if err != nil {
			t.Errorf("%s: %v", ex.File, err)
			continue
		}
		if m.Title != ex.Title {
			t.Errorf("%s: title %q, Example.Title %q", ex.File, m.Title, ex.Title)
		}
		if len(m.DMs) < 2 {
			t.Errorf("%s: %d decision makers", ex.File, len(m.DMs))
		}
		if ex.Summary == "" {
			t.Errorf("%s: empty summary", ex.File)
		}
	}
}

// TestFlagshipEvidence checks that every DM, option, preference statement
// and feasibility condition of the flagship model cites the report and
// explains itself.
func TestFlagshipEvidence(t *testing.T) {
	ex, err := Get(Default)
	if err != nil {
		t.Fatal(err)
	}
	m, err := model.Parse(ex.Data, ex.File)
	if err != nil {
		t.Fatal(err)
	}
	check := func(what string, e model.Evidence) {
		t.Helper()
		if !strings.Contains(e.Source, "[P") {
			t.Errorf("%s: source %q cites no report paragraph", what, e.Source)
		}
		if strings.TrimSpace(e.Note) == "" {
			t.Errorf("%s: no note", what)
		}
	}
	for _, o := range m.Options {
		check("option "+o.ID, o.Evidence)
	}
	for _, d := range m.DMs {
		check("DM "+d.ID, d.Evidence)
		if len(d.Prefs.Statements) == 0 {
			t.Errorf("DM %s: no preference statements", d.ID)
		}
		for _, s := range d.Prefs.Statements {
			check("DM "+d.ID+" statement "+s.Text, s.Evidence)
		}
	}
	for _, s := range m.Infeasible {
		check("feasibility "+s.Text, s.Evidence)
	}
	if m.StatusQuo == nil {
		t.Error("no status quo")
	} else {
		check("status quo", m.StatusQuo.Evidence)
	}
}

func TestGet(t *testing.T) {
	all := All()
	names := Names()
	if !sort.StringsAreSorted(names) || len(names) != len(all) {
		t.Fatalf("names not sorted or wrong length: %v", names)
	}
	for i, ex := range all {
		if ex.Name != names[i] || ex.File != ex.Name+".yaml" {
			t.Errorf("example %d: name %q, file %q", i, ex.Name, ex.File)
		}
		got, err := Get(ex.Name)
		if err != nil || got.File != ex.File {
			t.Errorf("Get(%q) = %q, %v", ex.Name, got.File, err)
		}
		if got, err := Get(ex.File); err != nil || got.Name != ex.Name {
			t.Errorf("Get(%q) = %q, %v", ex.File, got.Name, err)
		}
	}
	if _, err := Get(Default); err != nil {
		t.Errorf("default example: %v", err)
	}
	for _, want := range []string{"prisoners-dilemma", "chicken", "elmira"} {
		if _, err := Get(want); err != nil {
			t.Errorf("Get(%q): %v", want, err)
		}
	}
	_, err := Get("no-such-example")
	if err == nil {
		t.Fatal("Get of an unknown name: no error")
	}
	for _, n := range names {
		if !strings.Contains(err.Error(), n) {
			t.Errorf("error %q does not list %q", err, n)
		}
	}
}

func TestFirstParagraph(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"", ""},
		{"One line.", "One line."},
		{"First  para\ncontinued.\n\nSecond.", "First para continued."},
		{"  a\r\n\r\nb", "a"},
	} {
		if got := firstParagraph(c.in); got != c.want {
			t.Errorf("firstParagraph(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
