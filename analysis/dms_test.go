package analysis_test

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/gmcr/gmcr/analysis"
	"github.com/gmcr/gmcr/model"
)

// dmNames has a DM whose name contains a comma and one whose id is all.
const dmNames = `title: DM names
options: [{id: a}, {id: b}, {id: c}]
decision_makers:
  - id: MOE
    name: Ministry of Environment, Ontario
    options: [a]
    preferences: {statements: [a]}
  - id: all
    options: [b]
    preferences: {statements: [b]}
  - id: US
    name: United States
    options: [c]
    preferences: {statements: [c]}
`

// DMs reads a whole value as one DM before splitting it at commas or
// reading "all" as every DM.
func TestDMsWholeValueFirst(t *testing.T) {
	m, err := model.Parse([]byte(dmNames), "n.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Warnings) != 1 || !strings.HasPrefix(m.Warnings[0], `n.yaml:8:9: the id "all" of decision maker "all" is also the word for every decision maker`) {
		t.Errorf("warnings %q", m.Warnings)
	}
	r, err := analysis.Prepare(context.Background(), m, analysis.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		spec string
		want []int
	}{
		{"", []int{0, 1, 2}},
		{"Ministry of Environment, Ontario", []int{0}},
		{" ministry of environment, ontario ", []int{0}},
		{"all", []int{1}},
		{"ALL", []int{1}},
		{"US,MOE", []int{2, 0}},
		{"3, 1,3", []int{2, 0}},
		{"all,US", []int{1, 2}},
		{"United States", []int{2}},
	} {
		got, err := analysis.DMs(r.Space, tc.spec)
		if err != nil || !slices.Equal(got, tc.want) {
			t.Errorf("DMs(%q) = %v, %v; want %v", tc.spec, got, err, tc.want)
		}
	}
	// A comma name in a list: the error says to give it by id.
	_, err = analysis.DMs(r.Space, "Ministry of Environment, Ontario,US")
	if err == nil || !strings.Contains(err.Error(), `unknown DM "Ministry of Environment"`) || !strings.Contains(err.Error(), "give it alone, or in a list by its id MOE or number 1") {
		t.Errorf("comma name in a list: %v", err)
	}
	if _, err := analysis.DMs(r.Space, " , "); err == nil {
		t.Error("no DM in the value: no error")
	}
}

// A model without a DM called all: "all" is every DM.
func TestDMsAll(t *testing.T) {
	m, err := model.Parse([]byte(strings.Replace(dmNames, "id: all", "id: B", 1)), "n.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Warnings) != 0 {
		t.Errorf("warnings %q", m.Warnings)
	}
	r, err := analysis.Prepare(context.Background(), m, analysis.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got, err := analysis.DMs(r.Space, "All"); err != nil || !slices.Equal(got, []int{0, 1, 2}) {
		t.Errorf("DMs(All) = %v, %v", got, err)
	}
}

// The loader refuses a name that reads as a list of other DMs.
func TestDMNameListingOthers(t *testing.T) {
	src := strings.Replace(dmNames, "name: Ministry of Environment, Ontario", "name: US, 2", 1)
	_, err := model.Parse([]byte(src), "n.yaml")
	if err == nil || !strings.Contains(err.Error(), `n.yaml:5:11: the name "US, 2" of decision maker "MOE" lists other decision makers (US, all)`) {
		t.Errorf("err %v", err)
	}
}

// A model with more options than a state can hold is refused at the
// first option beyond the limit, with what to do.
func TestTooManyOptionsPosition(t *testing.T) {
	var b strings.Builder
	b.WriteString("title: big\noptions:\n")
	var first, second []string
	for i := range 65 {
		id := "o" + strconv.Itoa(i)
		b.WriteString("  - id: " + id + "\n")
		if i < 33 {
			first = append(first, id)
		} else {
			second = append(second, id)
		}
	}
	b.WriteString("decision_makers:\n  - id: A\n    options: [" + strings.Join(first, ", ") + "]\n    preferences: {statements: [o0]}\n")
	b.WriteString("  - id: B\n    options: [" + strings.Join(second, ", ") + "]\n    preferences: {statements: [o40]}\n")
	m, err := model.Parse([]byte(b.String()), "big.yaml")
	if err != nil {
		t.Fatal(err)
	}
	_, err = analysis.Prepare(context.Background(), m, analysis.Options{})
	want := `big.yaml:65:5: the model has 65 options, more than the 62 gmcr can number (a state is held in 64 bits); option "o62" is the first beyond the limit: remove options`
	if err == nil || !strings.HasPrefix(err.Error(), want) {
		t.Errorf("err %v, want %q...", err, want)
	}
}
