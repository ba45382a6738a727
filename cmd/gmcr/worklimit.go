package main

import (
	"time"

	"github.com/gmcr/gmcr/inverse"
	"github.com/spf13/cobra"
)

// workLimitFlag registers --work-limit: the deterministic bound on the
// effort spent proving an inverse answer closest.
func workLimitFlag(cmd *cobra.Command, v *int64) {
	cmd.Flags().Int64Var(v, "work-limit", inverse.DefaultWork, "solver conflicts to spend proving the closest change closest (0: no limit); when used up the best found is shown, marked not proven; the same on every machine")
}

// budgetFlag registers --budget: an optional wall-clock bound on the same
// search, off by default because an answer it cuts short depends on the
// machine's speed and load.
func budgetFlag(cmd *cobra.Command, v *time.Duration) {
	cmd.Flags().DurationVar(v, "budget", 0, "also stop proving after this much wall-clock time (0: no time limit); when it triggers, the answer depends on the machine's speed and load")
}
