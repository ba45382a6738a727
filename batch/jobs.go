// Package batch analyses many models (and their what-if scenarios) as
// independent jobs: each job reads one model file and writes one result
// file, exactly what 'gmcr analyze --format F' writes for the same file
// and scenario, plus a small record (the job's summary row and the hash of
// its inputs). A batch resumes after an interruption without redoing a job
// whose result exists and whose inputs have not changed, and can be split
// into shards (job i of n) so that the same batch runs as a Kubernetes
// indexed Job, a Slurm job array or GNU parallel across hosts, each shard a
// plain process with files in and out (docs/batch.md).
package batch

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/gmcr/gmcr/analysis"
	"github.com/gmcr/gmcr/model"
	"github.com/gmcr/gmcr/scenario"
)

// Job is one analysis: a model file, optionally one of its scenarios.
type Job struct {
	// ID names the job's result and record files: the model's path
	// (relative to the directory or list it came from, without its
	// extension, "/" written "__"), then "@" and the scenario id if any.
	ID       string
	Model    string // the model file, as the analysis reads (and reports) it
	Scenario string // "" for the model itself
	// Problem, if not "", is why the job cannot run (a list line naming a
	// missing file or an unknown scenario): Run records it as a failed
	// job, so that one bad entry does not stop the others.
	Problem string
}

// Modelexts are the file extensions a directory batch picks up.
var modelExts = []string{".yaml", ".yml", ".json", ".gmcr"}

// Scenarios says which scenarios of each model become jobs.
type Scenarios int

const (
	// BaseOnly makes one job per model (the model itself), or per line of
	// a list (with the scenario the line names).
	BaseOnly Scenarios = iota
	// AllScenarios adds a job for each scenario of each model (list lines
	// that name a scenario stay one job).
	AllScenarios
)

// ParseScenarios reads a --scenarios value: "none" or "all".
func ParseScenarios(s string) (Scenarios, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "none", "base":
		return BaseOnly, nil
	case "all":
		return AllScenarios, nil
	}
	return 0, fmt.Errorf("--scenarios %q: use none (the models only) or all (every model and each of its scenarios)", s)
}

// Collect returns the jobs of a batch, sorted by ID. Each source is a
// directory (every model file in it and its subdirectories, by extension:
// .yaml, .yml, .json, .gmcr; files and directories whose names start with
// "." are skipped), a list file (a file ending in .txt or .list: one job
// per line, "MODEL [SCENARIO]", paths relative to the list's directory,
// blank lines and lines starting with # ignored), or one model file.
// A list line naming a missing file or an unknown scenario becomes a job
// with a Problem (a failed job when run); the same model (and scenario)
// reached twice is one job. Errors: a source that does not exist, a
// malformed list line, two different jobs with the same ID, no job at all.
// maxInput bounds the bytes read of any model file (0:
// analysis.DefaultMaxInputBytes), as --max-input does for one model.
func Collect(sources []string, sc Scenarios, maxInput int64) ([]Job, error) {
	var jobs []Job
	for _, src := range sources {
		fi, err := os.Stat(src)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", src, unwrap(err))
		}
		switch {
		case fi.IsDir():
			js, err := fromDir(src)
			if err != nil {
				return nil, err
			}
			jobs = append(jobs, js...)
		case isList(src):
			js, err := fromList(src, maxInput)
			if err != nil {
				return nil, err
			}
			jobs = append(jobs, js...)
		default:
			jobs = append(jobs, Job{ID: jobID(filepath.Base(src), ""), Model: src})
		}
	}
	if sc == AllScenarios {
		var more []Job
		for _, j := range jobs {
			if j.Scenario != "" {
				continue
			}
			m, err := load(j.Model, maxInput)
			if err != nil {
				// The base job fails with this error when run; the
				// other models' scenarios still become jobs.
				continue
			}
			for _, id := range scenario.IDs(m) {
				more = append(more, Job{ID: j.ID + "@" + safeName(id), Model: j.Model, Scenario: id})
			}
		}
		jobs = append(jobs, more...)
	}
	if len(jobs) == 0 {
		return nil, fmt.Errorf("no model files found in %s; a batch reads model files (%s) and list files (.txt, .list) naming them", strings.Join(sources, ", "), strings.Join(modelExts, ", "))
	}
	slices.SortStableFunc(jobs, func(a, b Job) int { return strings.Compare(a.ID, b.ID) })
	out := jobs[:1]
	for _, j := range jobs[1:] {
		prev := out[len(out)-1]
		if j.ID != prev.ID {
			out = append(out, j)
			continue
		}
		if samePath(j.Model, prev.Model) && j.Scenario == prev.Scenario {
			continue // the same source given twice: one job
		}
		return nil, fmt.Errorf("two jobs would write the same result %q (%s and %s); rename one of the files", j.ID, prev.Model, j.Model)
	}
	return out, nil
}

// samePath reports whether two paths name the same file.
func samePath(a, b string) bool {
	if filepath.Clean(a) == filepath.Clean(b) {
		return true
	}
	fa, errA := os.Stat(a)
	fb, errB := os.Stat(b)
	return errA == nil && errB == nil && os.SameFile(fa, fb)
}

func isList(path string) bool {
	ext := strings.ToLower(filepath.Ext(path))
	return ext == ".txt" || ext == ".list"
}

func isModel(name string) bool {
	return slices.Contains(modelExts, strings.ToLower(filepath.Ext(name)))
}

func fromDir(dir string) ([]Job, error) {
	var jobs []Job
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if path != dir && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() || !isModel(d.Name()) {
			return nil
		}
		rel, err := filepath.Rel(dir, path)
		if err != nil {
			return err
		}
		jobs = append(jobs, Job{ID: jobID(rel, ""), Model: path})
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", dir, unwrap(err))
	}
	return jobs, nil
}

func fromList(list string, maxInput int64) ([]Job, error) {
	f, err := os.Open(list)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", list, unwrap(err))
	}
	defer f.Close()
	base := filepath.Dir(list)
	var jobs []Job
	sc := bufio.NewScanner(f)
	for line := 1; sc.Scan(); line++ {
		text := strings.TrimSpace(sc.Text())
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		fields := strings.Fields(text)
		if len(fields) > 2 {
			return nil, fmt.Errorf("%s:%d: %q has %d fields; write MODEL or MODEL SCENARIO (no spaces in file names)", list, line, text, len(fields))
		}
		rel := fields[0]
		path := rel
		if !filepath.IsAbs(path) {
			path = filepath.Join(base, rel)
		}
		j := Job{ID: jobID(rel, ""), Model: path}
		if len(fields) == 2 {
			j.Scenario = fields[1]
			j.ID = jobID(rel, fields[1])
		}
		if _, err := os.Stat(path); err != nil {
			j.Problem = fmt.Sprintf("%s:%d: model %s: %v", list, line, path, unwrap(err))
		} else if len(fields) == 2 {
			m, err := load(path, maxInput)
			if err != nil {
				j.Problem = fmt.Sprintf("%s:%d: %v", list, line, err)
			} else if _, err := m.Scenario(fields[1]); err != nil {
				j.Problem = fmt.Sprintf("%s:%d: %v", list, line, err)
			}
		}
		jobs = append(jobs, j)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("reading %s: %w", list, err)
	}
	return jobs, nil
}

// jobID turns a model path relative to its source (and a scenario) into a
// file name: "talks/ukraine.yaml", "quick" -> "talks__ukraine@quick".
func jobID(rel, scenarioID string) string {
	rel = filepath.ToSlash(filepath.Clean(rel))
	rel = strings.TrimPrefix(rel, "../")
	if isModel(rel) {
		rel = strings.TrimSuffix(rel, filepath.Ext(rel))
	}
	id := safeName(strings.ReplaceAll(rel, "/", "__"))
	if scenarioID != "" {
		id += "@" + safeName(scenarioID)
	}
	return id
}

// safeName replaces every character but ASCII letters, digits and ._- by
// "_", so that the name is a portable file name.
func safeName(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '.', r == '_', r == '-':
			return r
		}
		return '_'
	}, s)
}

// Shard is a part of a batch: job k (in ID order) belongs to shard
// k mod Count. The zero value is the whole batch.
type Shard struct {
	Index, Count int
}

// Whole reports whether s is the whole batch.
func (s Shard) Whole() bool { return s.Count <= 1 }

func (s Shard) String() string {
	if s.Whole() {
		return ""
	}
	return fmt.Sprintf("%d/%d", s.Index, s.Count)
}

// Select returns the jobs of shard s.
func (s Shard) Select(jobs []Job) []Job {
	if s.Whole() {
		return jobs
	}
	var out []Job
	for k, j := range jobs {
		if k%s.Count == s.Index {
			out = append(out, j)
		}
	}
	return out
}

// ShardEnv lists the environment variables ParseShard reads the shard
// index from when the value gives only the count: Kubernetes indexed Jobs
// set JOB_COMPLETION_INDEX (0-based), Slurm job arrays
// SLURM_ARRAY_TASK_ID (relative to SLURM_ARRAY_TASK_MIN, if set).
var ShardEnv = []string{"JOB_COMPLETION_INDEX", "SLURM_ARRAY_TASK_ID"}

// ParseShard reads a --shard value: "I/N" (shard I of N, 0 <= I < N), or
// "N" alone, the index then coming from the environment (ShardEnv, read
// with getenv). "" is the whole batch.
func ParseShard(v string, getenv func(string) string) (Shard, error) {
	v = strings.TrimSpace(v)
	if v == "" {
		return Shard{}, nil
	}
	idx, count, hasIndex := strings.Cut(v, "/")
	if !hasIndex {
		count = idx
	}
	n, err := strconv.Atoi(count)
	if err != nil || n < 1 {
		return Shard{}, fmt.Errorf("--shard %q: write I/N (shard I of N, counting from 0) or N (the index from $JOB_COMPLETION_INDEX or $SLURM_ARRAY_TASK_ID)", v)
	}
	var i int
	if hasIndex {
		if i, err = strconv.Atoi(idx); err != nil {
			return Shard{}, fmt.Errorf("--shard %q: the shard index %q is not a number", v, idx)
		}
	} else {
		found := false
		for _, name := range ShardEnv {
			s := strings.TrimSpace(getenv(name))
			if s == "" {
				continue
			}
			if i, err = strconv.Atoi(s); err != nil {
				return Shard{}, fmt.Errorf("--shard %s: $%s is %q, not a number", v, name, s)
			}
			if name == "SLURM_ARRAY_TASK_ID" {
				if lo := strings.TrimSpace(getenv("SLURM_ARRAY_TASK_MIN")); lo != "" {
					m, err := strconv.Atoi(lo)
					if err != nil {
						return Shard{}, fmt.Errorf("--shard %s: $SLURM_ARRAY_TASK_MIN is %q, not a number", v, lo)
					}
					i -= m
				}
			}
			found = true
			break
		}
		if !found {
			return Shard{}, fmt.Errorf("--shard %s gives no index and none of $%s is set; write --shard I/%s", v, strings.Join(ShardEnv, ", $"), v)
		}
	}
	if i < 0 || i >= n {
		return Shard{}, fmt.Errorf("--shard: index %d is not in 0..%d", i, n-1)
	}
	return Shard{Index: i, Count: n}, nil
}

// unwrap drops the operation and path of an *os.PathError.
func unwrap(err error) error {
	if pe, ok := err.(*os.PathError); ok {
		return pe.Err
	}
	return err
}

// load reads a model as 'gmcr analyze' does, refusing a file larger than
// maxInput bytes (0: analysis.DefaultMaxInputBytes) with an
// *analysis.InputTooLargeError before reading it whole.
func load(path string, maxInput int64) (*model.Model, error) {
	m, _, err := analysis.LoadContext(context.Background(), path, nil, analysis.LoadOptions{MaxBytes: maxInput})
	return m, err
}

// readLimited is os.ReadFile refusing more than maxInput bytes (0:
// analysis.DefaultMaxInputBytes).
func readLimited(path string, maxInput int64) ([]byte, error) {
	if maxInput <= 0 {
		maxInput = analysis.DefaultMaxInputBytes
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("%s: cannot read the file: %w", path, unwrap(err))
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxInput+1))
	if err != nil {
		return nil, fmt.Errorf("%s: cannot read the file: %w", path, unwrap(err))
	}
	if int64(len(data)) > maxInput {
		return nil, &analysis.InputTooLargeError{File: path, Limit: maxInput}
	}
	return data, nil
}
