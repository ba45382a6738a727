package inverse

import (
	"context"
	"strings"
	"testing"

	"github.com/gmcr/gmcr/analysis"
)

func TestParsePref(t *testing.T) {
	const src = `title: PD
options: [{id: d1}, {id: d2}]
decision_makers:
  - {id: P1, options: [d1], preferences: {statements: ["not d2", "d1"]}}
  - {id: P2, options: [d2], preferences: {statements: ["not d1", "d2"]}}
`
	m, _, err := analysis.Parse([]byte(src), "pd.yaml")
	if err != nil {
		t.Fatal(err)
	}
	r, err := analysis.Prepare(context.Background(), m, analysis.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ss := r.Space
	p, err := ParsePref(ss, "P2:4>YN")
	if err != nil || p != (Pref{DM: 1, Better: 3, Worse: 1}) {
		t.Errorf("P2:4>YN: %+v %v", p, err)
	}
	p, err = ParsePref(ss, "P1: 1 >= 3")
	if err != nil || p != (Pref{DM: 0, Better: 0, Worse: 2, Weak: true}) {
		t.Errorf("P1:1>=3: %+v %v", p, err)
	}
	for _, bad := range []string{"P1 1>2", "P1:1=2", "P7:1>2", "P1:1>9"} {
		if _, err := ParsePref(ss, bad); err == nil {
			t.Errorf("%q: no error", bad)
		} else if strings.Contains(err.Error(), "panic") {
			t.Errorf("%q: %v", bad, err)
		}
	}
}
