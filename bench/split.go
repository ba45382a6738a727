package bench

import (
	"fmt"
	"strings"

	"github.com/gmcr/gmcr/model"
)

// SplitConflict returns the benchmark conflict (Params) with len(sizes)
// DMs and sum(sizes) options in which DM k controls sizes[k] options:
// Conflict's model with its options handed out again in the same order
// (statements, feasibility and state numbers unchanged). It benchmarks the
// analyses whose cost depends on how the options are split, SIM above all.
// It panics if a size is below 1 or there are fewer than 2 DMs.
func SplitConflict(sizes ...int) *model.Model {
	total := 0
	for _, n := range sizes {
		if n < 1 {
			panic(fmt.Sprintf("bench: split %v has a DM without options", sizes))
		}
		total += n
	}
	m := Conflict(len(sizes), total)
	var ids []string
	for _, d := range m.DMs {
		ids = append(ids, d.Options...)
	}
	at := 0
	for k, n := range sizes {
		m.DMs[k].Options = ids[at : at+n : at+n]
		at += n
	}
	return m
}

// SplitName returns the sub-benchmark name of a split: "split=3/5/7/9".
func SplitName(sizes ...int) string {
	parts := make([]string, len(sizes))
	for k, n := range sizes {
		parts[k] = fmt.Sprint(n)
	}
	return "split=" + strings.Join(parts, "/")
}
