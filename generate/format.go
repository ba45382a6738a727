package generate

import (
	"fmt"

	"github.com/gmcr/gmcr/model"
	"github.com/gmcr/gmcr/model/statement"
)

// toStatement writes e in the statement language (statement.Expr.String:
// keywords not, and, or, IF, IFF and only the parentheses the grammar
// needs) and parses the text back, so that the returned Statement holds
// exactly what the model loader would make of its Text, Col fields
// included.
func toStatement(e *statement.Expr) model.Statement {
	text := e.String()
	parsed, err := statement.Parse(text)
	if err != nil || !parsed.Equal(e) {
		panic(fmt.Sprintf("generate: statement %q does not read back (%v)", text, err))
	}
	return model.Statement{Text: text, Expr: parsed}
}
