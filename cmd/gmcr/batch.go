package main

import (
	"errors"
	"fmt"
	"os"

	"github.com/gmcr/gmcr/analysis"
	"github.com/gmcr/gmcr/batch"
	"github.com/gmcr/gmcr/internal/english"
	"github.com/gmcr/gmcr/internal/memlimit"
	"github.com/gmcr/gmcr/report"
	"github.com/gmcr/gmcr/stability"
	"github.com/spf13/cobra"
)

func newBatchCmd(e *env) *cobra.Command {
	var o struct {
		out, format, concepts, scenarios, shard string
		jobs, maxStates                         int
		force, quiet, overwrite                 bool
	}
	cmd := &cobra.Command{
		Use:   "batch SOURCE... --out DIR",
		Short: "Analyse many models (and scenarios) as resumable, shardable jobs",
		Long: `Batch analyses every model of a directory or list, one job per model (and,
with --scenarios all, per what-if scenario), on every core. Each job writes
DIR/results/ID.json (or .csv, .md, .txt by --format): exactly what
'gmcr analyze MODEL --format F [--scenario S]' writes. DIR/summary.jsonl
has one JSON line per job (status, equilibria, states, time), which DuckDB
(read_json('DIR/summary*.jsonl')), pandas (read_json(..., lines=True)) or
a spreadsheet reads directly.

A SOURCE is a directory (its .yaml, .yml, .json and .gmcr files, in
subdirectories too), a list file (.txt or .list: one "MODEL [SCENARIO]"
per line, paths relative to the list), or a model file. A job's ID is its
path without extension ("/" written "__"), then "@SCENARIO".

Resuming: every file is written atomically, and a job whose record
(DIR/records/ID.json) has the same input hash (model file, scenario,
format, concepts, gmcr version) and whose result is intact is skipped, so
after an interruption the same command finishes the rest (an interrupted
batch still writes the summary of the jobs that finished). --force reruns
everything; a write-protected result file is kept and its job fails
unless --overwrite is given.

Sharding: --shard I/N runs only jobs I, I+N, I+2N, ... (counting from 0,
in ID order) and writes DIR/summary-I-of-N.jsonl; --shard N takes I from
$JOB_COMPLETION_INDEX (Kubernetes indexed Job) or $SLURM_ARRAY_TASK_ID
(Slurm job array). Shards share nothing but the output directory, so they
run as separate processes or hosts (docs/batch.md).

A job that fails (a model that does not load, a list line naming a
missing file or an unknown scenario) is recorded in the summary with its
message; the others go on, and the command exits with 1. A source given
twice (or a model reached twice) is one job.`,
		Example: `  # Every model of a directory (or list file, or model file) on every core
  gmcr batch elmira.yaml --out results

  # Also every scenario of every model, as CSV
  gmcr batch elmira.yaml --scenarios all --format csv --out results-csv

  # Shard 1 of 2 (e.g. the second of two hosts sharing results/); in a
  # Kubernetes indexed Job or a Slurm array write --shard 2 instead
  gmcr batch elmira.yaml --out results --shard 1/2`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if o.out == "" {
				return badInputf("--out DIR is required: the directory for the results and the summary")
			}
			f, err := parseFormat(o.format, report.Formats...)
			if err != nil {
				return err
			}
			sel, err := analysis.ParseConcepts(o.concepts, 2)
			if err != nil {
				return badInput(err)
			}
			concepts := sel.Standard
			if concepts == nil {
				concepts = []stability.Concept{} // extra concepts only
			}
			sc, err := batch.ParseScenarios(o.scenarios)
			if err != nil {
				return badInput(err)
			}
			shard, err := batch.ParseShard(o.shard, os.Getenv)
			if err != nil {
				return badInput(err)
			}
			jobs, err := batch.Collect(args, sc, int64(e.maxInput))
			if err != nil {
				return badInput(err)
			}
			mem := memlimit.Available()
			sum, err := batch.Run(e.ctx, jobs, batch.Options{
				Out: o.out, Format: f, Concepts: concepts, Extra: sel.Extra, Implied: sel.All, MaxStates: o.maxStates, MaxInput: int64(e.maxInput),
				Workers: o.jobs, MemoryLimit: mem.Bytes, MemorySource: mem.Source, Shard: shard, Force: o.force, Overwrite: o.overwrite,
				Version: versionString(),
				Done: func(r batch.Record, done, total int) {
					if o.quiet && r.Status == "ok" {
						return
					}
					what := fmt.Sprintf("%s, %.2f s", english.Count(r.States, "state"), r.Seconds)
					switch {
					case r.Status != "ok":
						what = "failed: " + r.Error
					case r.Reused:
						what = "up to date"
					}
					fmt.Fprintf(e.stderr, "gmcr: [%d/%d] %s: %s\n", done, total, r.ID, what)
				},
			})
			var oe *batch.OutputError
			if errors.As(err, &oe) {
				return badInput(fmt.Errorf("--out: %w", err))
			}
			if err != nil {
				return engineError(e.ctx, failure(err))
			}
			e.warnf(o.quiet, "%s: %d run, %d up to date, %d failed; summary in %s", english.Count(len(sum.Records), "job"), sum.Ran, sum.Reused, sum.Failed, sum.File)
			if sum.Failed > 0 {
				return failure(fmt.Errorf("%d of %s failed (see %s)", sum.Failed, english.Count(len(sum.Records), "job"), sum.File))
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&o.out, "out", "", "write results, records and the summary under `DIR` (created if missing)")
	formatFlag(cmd, &o.format, report.Formats...)
	cmd.Flag("format").DefValue = "json"
	o.format = "json"
	conceptsFlag(cmd, &o.concepts)
	cmd.Flags().StringVar(&o.scenarios, "scenarios", "none", "none: the models only; all: also every scenario of every model")
	cmd.Flags().StringVar(&o.shard, "shard", "", "run shard `I/N` of the jobs (0 <= I < N), or N with I from $JOB_COMPLETION_INDEX or $SLURM_ARRAY_TASK_ID")
	cmd.Flags().IntVarP(&o.jobs, "jobs", "j", 0, "run up to `N` jobs at once (0: one per core)")
	cmd.Flags().BoolVar(&o.force, "force", false, "rerun every job, even those whose results are up to date")
	cmd.Flags().BoolVar(&o.overwrite, "overwrite", false, "let a job replace a write-protected result file (without it that job fails)")
	maxStatesFlag(cmd, &o.maxStates)
	quietFlag(cmd, &o.quiet)
	return cmd
}
