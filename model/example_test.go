package model_test

import (
	"fmt"
	"strings"

	"github.com/gmcr/gmcr/model"
)

// Parse reads a model file; its errors name the file, line and column and
// say what to do.
func ExampleParse() {
	src := `title: two firms
options:
  - {id: cut, name: Firm A cuts its price}
  - {id: match, name: Firm B matches}
decision_makers:
  - {id: A, options: [cut], preferences: {statements: ["not match", cut]}}
  - {id: B, options: [match], preferences: {statements: ["match IFF cut"]}}
`
	m, err := model.Parse([]byte(src), "firms.yaml")
	if err != nil {
		panic(err)
	}
	fmt.Println(m.Title, len(m.DMs), "DMs,", len(m.Options), "options")
	fmt.Println(m.DMs[1].Prefs.Statements[0].Expr)

	_, err = model.Parse([]byte(strings.Replace(src, "IFF cut", "IFF cutt", 1)), "firms.yaml")
	fmt.Println(err)
	// Output:
	// two firms 2 DMs, 2 options
	// match IFF cut
	// firms.yaml:7:69: unknown option "cutt" in statement (did you mean "cut"?)
}
