package analysis_test

import (
	"context"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/gmcr/gmcr/analysis"
	"github.com/gmcr/gmcr/model"
)

// TestDocumentedModels analyses every complete model (a YAML block with a
// title and decision makers) shown in the README and the format
// reference, so that the documentation never shows a model that fails.
func TestDocumentedModels(t *testing.T) {
	block := regexp.MustCompile("(?s)```yaml\n(.*?)```")
	n := 0
	for _, doc := range []string{"../README.md", "../docs/model-format.md", "../docs/post-analysis.md"} {
		data, err := os.ReadFile(doc)
		if err != nil {
			t.Fatal(err)
		}
		for _, b := range block.FindAllStringSubmatch(string(data), -1) {
			src := b[1]
			if !strings.Contains(src, "\ntitle:") && !strings.HasPrefix(src, "title:") || !strings.Contains(src, "decision_makers:") {
				continue
			}
			n++
			m, err := model.Parse([]byte(src), doc)
			if err != nil {
				t.Errorf("a model in %s does not load:\n%v\n%s", doc, err, src)
				continue
			}
			if _, err := analysis.Run(context.Background(), m, analysis.Options{}); err != nil {
				t.Errorf("a model in %s does not analyse: %v", doc, err)
			}
			for _, sc := range m.Scenarios {
				_ = sc // scenarios are checked by gmcr validate's tests
			}
		}
	}
	if n < 2 {
		t.Fatalf("found only %d documented models", n)
	}
}
