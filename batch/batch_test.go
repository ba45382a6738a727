package batch_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/gmcr/gmcr/analysis"
	"github.com/gmcr/gmcr/batch"
	"github.com/gmcr/gmcr/examples"
	"github.com/gmcr/gmcr/generate"
	"github.com/gmcr/gmcr/model"
	"github.com/gmcr/gmcr/report"
	"github.com/gmcr/gmcr/scenario"
)

// models writes the built-in examples and a few generated conflicts into
// dir/models (one in a subdirectory) and returns that directory.
func models(t *testing.T, dir string) string {
	t.Helper()
	root := filepath.Join(dir, "models")
	if err := os.MkdirAll(filepath.Join(root, "gen"), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, ex := range examples.All() {
		if err := os.WriteFile(filepath.Join(root, ex.Name+".yaml"), ex.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for seed := int64(1); seed <= 5; seed++ {
		p := generate.DefaultParams(3, 6, seed)
		p.Irreversible = 0.2
		m, err := generate.Conflict(p)
		if err != nil {
			t.Fatal(err)
		}
		b, err := model.Marshal(m)
		if err != nil {
			t.Fatal(err)
		}
		name := filepath.Join(root, "gen", "g"+string(rune('0'+seed))+".yaml")
		if err := os.WriteFile(name, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

func readSummary(t *testing.T, path string) []batch.Record {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var out []batch.Record
	for _, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		var r batch.Record
		if err := json.Unmarshal([]byte(line), &r); err != nil {
			t.Fatalf("summary line %q: %v", line, err)
		}
		out = append(out, r)
	}
	return out
}

// single is what 'gmcr analyze MODEL --format json [--scenario S]'
// writes: the library calls the command makes.
func single(t *testing.T, j batch.Job) []byte {
	t.Helper()
	m, err := analysis.Load(j.Model)
	if err != nil {
		t.Fatal(err)
	}
	if j.Scenario != "" {
		if m, err = scenario.Apply(m, j.Scenario); err != nil {
			t.Fatal(err)
		}
	}
	r, err := analysis.Run(context.Background(), m, analysis.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := report.Write(&buf, r, report.JSON, report.Options{}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestShardsAndResume runs a batch whole and in shards, checks that the
// shards' union is the whole batch with identical result files, that each
// result equals the single-run analysis byte for byte, and that a second
// run redoes only what changed.
func TestShardsAndResume(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	models(t, dir)
	jobs, err := batch.Collect([]string{"models"}, batch.AllScenarios, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(jobs) < 12 {
		t.Fatalf("%d jobs, want the 4 examples, their scenarios and 5 generated models", len(jobs))
	}
	ctx := context.Background()
	whole, err := batch.Run(ctx, jobs, batch.Options{Out: "whole", Format: report.JSON, Version: "test"})
	if err != nil {
		t.Fatal(err)
	}
	if whole.Ran != len(jobs) || whole.Failed != 0 {
		t.Fatalf("whole run: %+v", whole)
	}
	for _, j := range jobs {
		got, err := os.ReadFile(filepath.Join("whole", "results", j.ID+".json"))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, single(t, j)) {
			t.Errorf("job %s: the batch result differs from the single-run analysis", j.ID)
		}
	}
	// Three shards into one directory: every job exactly once, the same
	// bytes as the whole run.
	seen := map[string]int{}
	for i := 0; i < 3; i++ {
		sum, err := batch.Run(ctx, jobs, batch.Options{Out: "sharded", Format: report.JSON, Version: "test", Shard: batch.Shard{Index: i, Count: 3}, Workers: 1})
		if err != nil {
			t.Fatal(err)
		}
		if sum.File != filepath.Join("sharded", batch.SummaryName(batch.Shard{Index: i, Count: 3})) {
			t.Errorf("shard %d summary %s", i, sum.File)
		}
		for _, r := range readSummary(t, sum.File) {
			seen[r.ID]++
			if r.Shard != (batch.Shard{Index: i, Count: 3}).String() {
				t.Errorf("record %s: shard %q", r.ID, r.Shard)
			}
		}
	}
	for _, j := range jobs {
		if seen[j.ID] != 1 {
			t.Errorf("job %s ran in %d shards, want 1", j.ID, seen[j.ID])
		}
		a, _ := os.ReadFile(filepath.Join("whole", "results", j.ID+".json"))
		b, _ := os.ReadFile(filepath.Join("sharded", "results", j.ID+".json"))
		if !bytes.Equal(a, b) {
			t.Errorf("job %s: sharded result differs", j.ID)
		}
	}
	if len(seen) != len(jobs) {
		t.Errorf("the shards ran %d distinct jobs, want %d", len(seen), len(jobs))
	}

	// Resume: nothing to do; then a changed model, a removed result and a
	// damaged result are redone, and nothing else.
	again, err := batch.Run(ctx, jobs, batch.Options{Out: "whole", Format: report.JSON, Version: "test"})
	if err != nil {
		t.Fatal(err)
	}
	if again.Reused != len(jobs) || again.Ran != 0 {
		t.Fatalf("second run: %d reused, %d run; want all reused", again.Reused, again.Ran)
	}
	changed := filepath.Join("models", "gen", "g1.yaml")
	b, _ := os.ReadFile(changed)
	if err := os.WriteFile(changed, append(b, []byte("\n# edited\n")...), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(filepath.Join("whole", "results", "chicken.json")); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join("whole", "results", "elmira.json"), []byte("{}"), 0o644); err != nil {
		t.Fatal(err)
	}
	third, err := batch.Run(ctx, jobs, batch.Options{Out: "whole", Format: report.JSON, Version: "test"})
	if err != nil {
		t.Fatal(err)
	}
	var ran []string
	for _, r := range third.Records {
		if !r.Reused {
			ran = append(ran, r.ID)
		}
	}
	if want := []string{"chicken", "elmira", "gen__g1"}; !slices.Equal(ran, want) {
		t.Errorf("third run redid %v, want %v", ran, want)
	}
	// Another gmcr version redoes everything.
	fourth, err := batch.Run(ctx, jobs, batch.Options{Out: "whole", Format: report.JSON, Version: "test2"})
	if err != nil {
		t.Fatal(err)
	}
	if fourth.Ran != len(jobs) {
		t.Errorf("a new version reran %d of %d jobs", fourth.Ran, len(jobs))
	}
}

// TestSummary checks the summary's rows: equilibria as state numbers, a
// failed job recorded with its message without stopping the others.
func TestSummary(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	if err := os.MkdirAll("m", 0o755); err != nil {
		t.Fatal(err)
	}
	ex, _ := examples.Get("chicken")
	os.WriteFile(filepath.Join("m", "chicken.yaml"), ex.Data, 0o644)
	os.WriteFile(filepath.Join("m", "broken.yaml"), []byte("title: x\ndecision_makers: [\n"), 0o644)
	jobs, err := batch.Collect([]string{"m"}, batch.BaseOnly, 0)
	if err != nil {
		t.Fatal(err)
	}
	sum, err := batch.Run(context.Background(), jobs, batch.Options{Out: "out", Format: report.CSV, Version: "test"})
	if err != nil {
		t.Fatal(err)
	}
	rows := readSummary(t, filepath.Join("out", "summary.jsonl"))
	if len(rows) != 2 || sum.Failed != 1 || sum.Ran != 1 {
		t.Fatalf("summary %+v", rows)
	}
	if rows[0].ID != "broken" || rows[0].Status != "error" || !strings.Contains(rows[0].Error, "broken.yaml") {
		t.Errorf("failed job row %+v", rows[0])
	}
	c := rows[1]
	if c.ID != "chicken" || c.Status != "ok" || c.Result != "results/chicken.csv" || c.States != 4 || c.DMs != 2 {
		t.Errorf("chicken row %+v", c)
	}
	// Chicken's Nash equilibria are states 2 and 3 (one driver swerves).
	if !slices.Equal(c.Equilibria["Nash"], []int{2, 3}) || c.EquilibriumCounts["Nash"] != 2 {
		t.Errorf("chicken Nash equilibria %v", c.Equilibria["Nash"])
	}
	if _, err := os.Stat(filepath.Join("out", "results", "broken.csv")); !os.IsNotExist(err) {
		t.Errorf("a failed job left a result file: %v", err)
	}
}

// TestBrokenModelWithScenarios checks that with AllScenarios a model that
// does not load is one failed job and the other models (and their
// scenarios) still run.
func TestBrokenModelWithScenarios(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	os.MkdirAll("m", 0o755)
	ex, _ := examples.Get("chicken")
	os.WriteFile(filepath.Join("m", "chicken.yaml"), ex.Data, 0o644)
	os.WriteFile(filepath.Join("m", "broken.yaml"), []byte("title: x\ndecision_makers: [\n"), 0o644)
	jobs, err := batch.Collect([]string{"m"}, batch.AllScenarios, 0)
	if err != nil {
		t.Fatal(err)
	}
	sum, err := batch.Run(context.Background(), jobs, batch.Options{Out: "out", Format: report.JSON, Version: "test"})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Failed != 1 || sum.Ran != len(jobs)-1 || sum.Records[0].ID != "broken" || sum.Records[0].Status != "error" {
		t.Errorf("summary %+v", sum)
	}
}

func TestCollect(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	models(t, dir)
	list := "# two jobs\nmodels/elmira.yaml\n\nmodels/ukraine-security.yaml russia_at_table\n"
	os.WriteFile("jobs.txt", []byte(list), 0o644)
	jobs, err := batch.Collect([]string{"jobs.txt"}, batch.BaseOnly, 0)
	if err != nil {
		t.Fatal(err)
	}
	want := []batch.Job{
		{ID: "models__elmira", Model: "models/elmira.yaml"},
		{ID: "models__ukraine-security@russia_at_table", Model: "models/ukraine-security.yaml", Scenario: "russia_at_table"},
	}
	if !slices.Equal(jobs, want) {
		t.Errorf("list jobs %+v, want %+v", jobs, want)
	}
	// A missing model or an unknown scenario is a failed job, not an
	// error that stops the batch; the same line twice is one job.
	os.WriteFile("jobs.txt", []byte("models/missing.yaml\nmodels/elmira.yaml nosuch\nmodels/elmira.yaml\nmodels/elmira.yaml\n"), 0o644)
	jobs, err = batch.Collect([]string{"jobs.txt", "jobs.txt"}, batch.BaseOnly, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(jobs) != 3 || jobs[0].ID != "models__elmira" || jobs[0].Problem != "" ||
		jobs[1].ID != "models__elmira@nosuch" || !strings.HasPrefix(jobs[1].Problem, "jobs.txt:2:") ||
		jobs[2].ID != "models__missing" || !strings.HasPrefix(jobs[2].Problem, "jobs.txt:1: model models/missing.yaml") {
		t.Errorf("list with bad lines: jobs %+v", jobs)
	}
	sum, err := batch.Run(context.Background(), jobs, batch.Options{Out: "out", Format: report.JSON, Version: "test"})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Ran != 1 || sum.Failed != 2 || sum.Records[1].Error != jobs[1].Problem {
		t.Errorf("list with bad lines: summary %+v", sum)
	}
	// Two different files with the same ID are still refused.
	os.MkdirAll("a/models", 0o755)
	os.WriteFile("a/models/elmira.yaml", []byte("x"), 0o644)
	os.WriteFile("a/jobs.txt", []byte("models/elmira.yaml\n"), 0o644)
	os.WriteFile("jobs.txt", []byte("models/elmira.yaml\n"), 0o644)
	if _, err := batch.Collect([]string{"jobs.txt", "a/jobs.txt"}, batch.BaseOnly, 0); err == nil || !strings.Contains(err.Error(), "same result") {
		t.Errorf("two files with one ID: %v", err)
	}
	os.MkdirAll("empty", 0o755)
	if _, err := batch.Collect([]string{"empty"}, batch.BaseOnly, 0); err == nil || !strings.Contains(err.Error(), "no model files") {
		t.Errorf("empty directory: %v", err)
	}
}

func TestParseShard(t *testing.T) {
	env := map[string]string{}
	getenv := func(k string) string { return env[k] }
	good := []struct {
		v    string
		env  map[string]string
		want batch.Shard
	}{
		{"", nil, batch.Shard{}},
		{"2/4", nil, batch.Shard{Index: 2, Count: 4}},
		{"4", map[string]string{"JOB_COMPLETION_INDEX": "3"}, batch.Shard{Index: 3, Count: 4}},
		{"4", map[string]string{"SLURM_ARRAY_TASK_ID": "5", "SLURM_ARRAY_TASK_MIN": "4"}, batch.Shard{Index: 1, Count: 4}},
	}
	for _, g := range good {
		env = g.env
		s, err := batch.ParseShard(g.v, getenv)
		if err != nil || s != g.want {
			t.Errorf("ParseShard(%q, %v) = %v, %v; want %v", g.v, g.env, s, err, g.want)
		}
	}
	env = nil
	for _, v := range []string{"4/4", "-1/2", "x/2", "2/0", "4"} {
		if _, err := batch.ParseShard(v, getenv); err == nil {
			t.Errorf("ParseShard(%q) accepted", v)
		}
	}
}

// TestInterruptAndResume cancels a batch after its second job and runs it
// again: the summary of the finished jobs is written, the finished jobs
// are not redone, the rest are, and no result or record is left
// half-written.
func TestInterruptAndResume(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	models(t, dir)
	jobs, err := batch.Collect([]string{"models"}, batch.BaseOnly, 0)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	finished := 0
	_, err = batch.Run(ctx, jobs, batch.Options{Out: "out", Format: report.JSON, Version: "test", Workers: 1,
		Done: func(r batch.Record, done, total int) {
			finished = done
			if done == 2 {
				cancel()
			}
		}})
	var ie *batch.InterruptedError
	if !errors.As(err, &ie) || !errors.Is(err, context.Canceled) {
		t.Fatalf("an interrupted batch returned %v", err)
	}
	// The summary lists the jobs that finished (at least the two before
	// the interruption), each with a status.
	rows := readSummary(t, filepath.Join("out", "summary.jsonl"))
	if len(rows) < 2 || len(rows) != ie.Finished || ie.Total != len(jobs) {
		t.Errorf("interrupted summary: %d rows, error %v", len(rows), err)
	}
	for _, r := range rows {
		if r.Status != "ok" {
			t.Errorf("interrupted summary row %+v", r)
		}
	}
	tmp, _ := filepath.Glob(filepath.Join("out", "*", ".*.tmp"))
	if len(tmp) > 0 {
		t.Errorf("temporary files left: %v", tmp)
	}
	sum, err := batch.Run(context.Background(), jobs, batch.Options{Out: "out", Format: report.JSON, Version: "test"})
	if err != nil {
		t.Fatal(err)
	}
	if finished != 2 || sum.Reused != 2 || sum.Ran != len(jobs)-2 {
		t.Errorf("after interrupting at 2 of %d jobs: %d reused, %d run", len(jobs), sum.Reused, sum.Ran)
	}
}

// TestMaxInput checks that a model file larger than Options.MaxInput is one
// failed job saying so, while a smaller one runs, and that the default
// limit lets both run.
func TestMaxInput(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	os.MkdirAll("m", 0o755)
	ex, _ := examples.Get("chicken")
	os.WriteFile(filepath.Join("m", "chicken.yaml"), ex.Data, 0o644)
	pd, _ := examples.Get("prisoners-dilemma")
	big := append(append([]byte{}, pd.Data...), []byte("\n# "+strings.Repeat("x", len(ex.Data)+100)+"\n")...)
	os.WriteFile(filepath.Join("m", "padded.yaml"), big, 0o644)
	limit := int64(len(ex.Data) + 50)
	jobs, err := batch.Collect([]string{"m"}, batch.AllScenarios, limit)
	if err != nil {
		t.Fatal(err)
	}
	sum, err := batch.Run(context.Background(), jobs, batch.Options{Out: "out", Format: report.JSON, Version: "test", MaxInput: limit})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Failed != 1 || sum.Ran != 1 {
		t.Fatalf("summary %+v", sum.Records)
	}
	r := sum.Records[1]
	if r.ID != "padded" || r.Status != "error" || !strings.Contains(r.Error, "larger than") || !strings.Contains(r.Error, "--max-input") {
		t.Errorf("padded row %+v", r)
	}
	sum, err = batch.Run(context.Background(), jobs, batch.Options{Out: "out2", Format: report.JSON, Version: "test"})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Failed != 0 || sum.Ran != 2 {
		t.Errorf("default limit: summary %+v", sum.Records)
	}
}
