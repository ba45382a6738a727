package batch

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/gmcr/gmcr/analysis"
	"github.com/gmcr/gmcr/report"
	"github.com/gmcr/gmcr/scenario"
	"github.com/gmcr/gmcr/stability"
)

// Options tunes Run.
type Options struct {
	Out       string              // output directory (created if missing)
	Format    report.Format       // result format
	Concepts  []stability.Concept // nil: all
	MaxStates int                 // see analysis.Options
	// Extra and Implied are analysis.Options' (the richer concepts: as
	// 'gmcr analyze --concepts').
	Extra   []string
	Implied bool
	// MaxInput bounds the bytes read of each model file (0:
	// analysis.DefaultMaxInputBytes); a larger file is a failed job.
	MaxInput int64
	// Workers bounds the jobs run at once; 0 means GOMAXPROCS.
	Workers int
	// MemoryLimit, if positive, is each job's analysis.Options.MemoryLimit
	// (MemorySource says what sets it).
	MemoryLimit  int64
	MemorySource string
	Shard        Shard
	// Force reruns every job, even one whose result is up to date.
	Force bool
	// Overwrite lets a job replace a write-protected result file; without
	// it such a job fails with an error saying so (as gmcr's -o does).
	Overwrite bool
	// Version is gmcr's version: part of every job's input hash, so that
	// another version recomputes the results.
	Version string
	// Done, if set, is called (serialized) after each job with its record
	// and the number of jobs finished and in all.
	Done func(r Record, done, total int)
}

// Record is one job's row of the summary, also kept beside its result
// (records/ID.json) so that a later run can tell whether the result is up
// to date. Field names are snake_case for DuckDB, pandas and spreadsheets.
type Record struct {
	ID       string `json:"id"`
	Model    string `json:"model"`
	Scenario string `json:"scenario"`
	// Status is "ok" or "error" (Error then says what went wrong).
	Status string `json:"status"`
	Error  string `json:"error,omitempty"`
	// InputHash is the SHA-256 of everything the result depends on: the
	// model file's bytes and path, the scenario, format, concepts, state
	// limit and gmcr's version.
	InputHash string `json:"input_hash"`
	// Result is the result file, relative to the output directory, and
	// ResultSHA256 its SHA-256.
	Result       string `json:"result,omitempty"`
	ResultSHA256 string `json:"result_sha256,omitempty"`
	Format       string `json:"format"`
	States       int    `json:"states"`
	DMs          int    `json:"dms"`
	Options      int    `json:"options"`
	// Equilibria maps each computed concept (and "Mixed", for a model
	// whose DMs each name a concept) to its equilibria's state numbers;
	// EquilibriumCounts to their numbers.
	Equilibria        map[string][]int `json:"equilibria,omitempty"`
	EquilibriumCounts map[string]int   `json:"equilibrium_counts,omitempty"`
	Seconds           float64          `json:"seconds"`
	// Reused is true when the result of an earlier run was up to date and
	// the job was not run again.
	Reused  bool   `json:"reused"`
	Shard   string `json:"shard,omitempty"`
	Version string `json:"gmcr_version"`
}

// Summary is the outcome of Run.
type Summary struct {
	Records []Record // one per job of the shard, in job order
	Ran     int      // jobs run now
	Reused  int      // jobs whose earlier result was up to date
	Failed  int      // jobs that ended in an error
	File    string   // the summary file written
}

// SummaryName returns the name of the summary file of shard s within the
// output directory: summary.jsonl for a whole batch,
// summary-I-of-N.jsonl for shard I of N (so that shards sharing an output
// directory never write the same file).
func SummaryName(s Shard) string {
	if s.Whole() {
		return "summary.jsonl"
	}
	return fmt.Sprintf("summary-%d-of-%d.jsonl", s.Index, s.Count)
}

// Run runs the jobs of opt.Shard among jobs (all of Collect's jobs, so
// that every shard sees the same numbering), opt.Workers at a time, and
// writes results/ID.EXT and records/ID.json per job and the summary
// (SummaryName) into opt.Out, each file atomically (written to a
// temporary file and renamed). A job whose record has the current input
// hash and whose result file is intact is not run again unless opt.Force.
// A job that fails is recorded with its error (and retried by the next
// run); Run goes on with the others. Errors: an *OutputError when the output
// directory cannot be created or written, or an *InterruptedError wrapping ctx's error (the records of
// finished jobs are kept and the summary lists them; the Summary is
// returned too).
func Run(ctx context.Context, jobs []Job, opt Options) (*Summary, error) {
	mine := opt.Shard.Select(jobs)
	if err := makeOut(opt.Out); err != nil {
		return nil, err
	}
	workers := opt.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	sum := &Summary{Records: make([]Record, len(mine))}
	var mu sync.Mutex
	done := 0
	next := make(chan int)
	var wg sync.WaitGroup
	var writeErr error
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := range next {
				rec, err := runJob(ctx, mine[k], opt)
				mu.Lock()
				if err != nil && writeErr == nil {
					writeErr = err
				}
				sum.Records[k] = rec
				done++
				if opt.Done != nil && err == nil && ctx.Err() == nil {
					opt.Done(rec, done, len(mine))
				}
				mu.Unlock()
			}
		}()
	}
feed:
	for k := range mine {
		select {
		case next <- k:
		case <-ctx.Done():
			break feed
		}
		mu.Lock()
		failed := writeErr != nil
		mu.Unlock()
		if failed {
			break
		}
	}
	close(next)
	wg.Wait()
	if writeErr != nil {
		return nil, writeErr
	}
	if err := ctx.Err(); err != nil {
		// Keep the summary of the jobs that finished (a job cut short
		// has no status), so that an interrupted batch still shows what
		// it did; the next run finishes the rest.
		var finished []Record
		for _, r := range sum.Records {
			if r.Status != "" {
				finished = append(finished, r)
			}
		}
		sum.Records = finished
		if werr := sum.write(opt); werr != nil {
			return nil, errors.Join(err, werr)
		}
		return sum, &InterruptedError{Err: err, Finished: len(finished), Total: len(mine), File: sum.File}
	}
	if err := sum.write(opt); err != nil {
		return nil, err
	}
	return sum, nil
}

// InterruptedError is Run's error when its context ends first: the
// summary File lists the Finished jobs of Total.
type InterruptedError struct {
	Err             error // the context's error
	Finished, Total int
	File            string
}

func (e *InterruptedError) Error() string {
	return fmt.Sprintf("%v after %d of %d jobs (their summary is in %s; the same command finishes the rest)", e.Err, e.Finished, e.Total, e.File)
}

func (e *InterruptedError) Unwrap() error { return e.Err }

// write counts the records and writes them as the summary file.
func (sum *Summary) write(opt Options) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	for _, r := range sum.Records {
		switch {
		case r.Status != "ok":
			sum.Failed++
		case r.Reused:
			sum.Reused++
		default:
			sum.Ran++
		}
		if err := enc.Encode(r); err != nil {
			return err
		}
	}
	sum.File = filepath.Join(opt.Out, SummaryName(opt.Shard))
	return writeAtomic(sum.File, buf.Bytes())
}

// runJob runs one job (or finds its result up to date). The error is for
// failures to write the output; the job's own failure is in the record.
func runJob(ctx context.Context, j Job, opt Options) (Record, error) {
	start := time.Now()
	rec := Record{ID: j.ID, Model: j.Model, Scenario: j.Scenario, Format: opt.Format.String(), Shard: opt.Shard.String(), Version: opt.Version}
	fail := func(err error) (Record, error) {
		rec.Status, rec.Error = "error", err.Error()
		rec.Seconds = time.Since(start).Seconds()
		return rec, nil
	}
	if j.Problem != "" {
		return fail(errors.New(j.Problem))
	}
	data, err := readLimited(j.Model, opt.MaxInput)
	if err != nil {
		return fail(err)
	}
	rec.InputHash = inputHash(j, data, opt)
	recPath := filepath.Join(opt.Out, "records", j.ID+".json")
	resName := filepath.ToSlash(filepath.Join("results", j.ID+ext(opt.Format)))
	if !opt.Force {
		if old, ok := upToDate(opt.Out, recPath, rec.InputHash); ok {
			old.Reused, old.Shard, old.Seconds = true, rec.Shard, 0
			return old, nil
		}
	}
	m, err := load(j.Model, opt.MaxInput)
	if err != nil {
		return fail(err)
	}
	if j.Scenario != "" {
		if m, err = scenario.Apply(m, j.Scenario); err != nil {
			return fail(err)
		}
	}
	// As 'gmcr analyze' without --dm-concepts: the mixed equilibria when
	// every DM of the model names its concept.
	mixed, err := analysis.DMConcepts(m, "")
	var partial *analysis.PartialConceptsError
	if errors.As(err, &partial) {
		mixed, err = nil, nil
	}
	if err != nil {
		return fail(err)
	}
	concepts := analysis.WithConcepts(opt.Concepts, mixed)
	r, err := analysis.Run(ctx, m, analysis.Options{Concepts: concepts, MaxStates: opt.MaxStates, MemoryLimit: opt.MemoryLimit, MemorySource: opt.MemorySource,
		Extra: opt.Extra, Implied: opt.Implied})
	if err != nil {
		if ctx.Err() != nil {
			return rec, nil // interrupted: no record
		}
		return fail(err)
	}
	var out bytes.Buffer
	if err := report.Write(&out, r, opt.Format, report.Options{Mixed: mixed}); err != nil {
		return fail(err)
	}
	if ctx.Err() != nil {
		return rec, nil
	}
	resPath := filepath.Join(opt.Out, filepath.FromSlash(resName))
	if fi, err := os.Stat(resPath); err == nil && fi.Mode().IsRegular() && fi.Mode().Perm()&0o200 == 0 && !opt.Overwrite {
		return fail(fmt.Errorf("the result file %s is write-protected; make it writable, or add --overwrite to replace it", resPath))
	}
	if err := writeAtomic(resPath, out.Bytes()); err != nil {
		return rec, err
	}
	sumBytes := sha256.Sum256(out.Bytes())
	rec.Status = "ok"
	rec.Result, rec.ResultSHA256 = resName, hex.EncodeToString(sumBytes[:])
	rec.States, rec.DMs, rec.Options = r.Space.Len(), len(r.Space.DMs), len(r.Space.Options)
	rec.Equilibria, rec.EquilibriumCounts = map[string][]int{}, map[string]int{}
	add := func(name string, eq []int) {
		nums := make([]int, len(eq))
		for k, s := range eq {
			nums[k] = s + 1
		}
		rec.Equilibria[name], rec.EquilibriumCounts[name] = nums, len(nums)
	}
	for _, c := range r.Stability.Concepts {
		add(c.String(), r.Stability.Equilibria(c))
	}
	for _, x := range r.Extra {
		add(x.Name, x.Equilibria())
	}
	if mixed != nil {
		add("Mixed", r.Stability.EquilibriaMixed(mixed))
	}
	rec.Seconds = time.Since(start).Seconds()
	b, err := json.MarshalIndent(rec, "", "  ")
	if err != nil {
		return rec, err
	}
	if err := writeAtomic(recPath, append(b, '\n')); err != nil {
		return rec, err
	}
	return rec, nil
}

// upToDate reads the record at path and reports whether it is a success
// with the given input hash whose result file is still intact.
func upToDate(out, path, hash string) (Record, bool) {
	b, err := os.ReadFile(path)
	if err != nil {
		return Record{}, false
	}
	var r Record
	if json.Unmarshal(b, &r) != nil || r.Status != "ok" || r.InputHash != hash || r.Result == "" {
		return Record{}, false
	}
	res, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(r.Result)))
	if err != nil {
		return Record{}, false
	}
	sum := sha256.Sum256(res)
	return r, hex.EncodeToString(sum[:]) == r.ResultSHA256
}

// inputHash is Record.InputHash.
func inputHash(j Job, data []byte, opt Options) string {
	h := sha256.New()
	names := make([]string, len(opt.Concepts))
	for k, c := range opt.Concepts {
		names[k] = c.String()
	}
	concepts := "all"
	if opt.Concepts != nil {
		concepts = strings.Join(names, ",")
	}
	if len(opt.Extra) > 0 || opt.Implied {
		concepts += ";" + strings.Join(opt.Extra, ",") + ";" + strconv.FormatBool(opt.Implied)
	}
	for _, field := range []string{"gmcr batch 1", opt.Version, j.Model, j.Scenario, opt.Format.String(), concepts, strconv.Itoa(opt.MaxStates)} {
		io.WriteString(h, field)
		h.Write([]byte{0})
	}
	h.Write(data)
	return hex.EncodeToString(h.Sum(nil))
}

// ext is the result file extension of a format.
func ext(f report.Format) string {
	switch f {
	case report.JSON:
		return ".json"
	case report.CSV:
		return ".csv"
	case report.Markdown:
		return ".md"
	}
	return ".txt"
}

// writeAtomic writes data to path by way of a temporary file in the same
// directory, synced and renamed over path, so that a reader (or a later
// run after a crash) sees either the old file or the whole new one.
func writeAtomic(path string, data []byte) (err error) {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("cannot write %s: %w", path, unwrap(err))
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(f.Name())
		}
	}()
	if _, err = f.Write(data); err != nil {
		return fmt.Errorf("writing %s: %w", path, unwrap(err))
	}
	if err = f.Chmod(0o644); err != nil {
		return fmt.Errorf("writing %s: %w", path, unwrap(err))
	}
	if err = f.Sync(); err != nil {
		return fmt.Errorf("writing %s: %w", path, unwrap(err))
	}
	if err = f.Close(); err != nil {
		return fmt.Errorf("writing %s: %w", path, unwrap(err))
	}
	if err = os.Rename(f.Name(), path); err != nil {
		return fmt.Errorf("cannot write %s: %w", path, errors.Unwrap(err))
	}
	return nil
}

// OutputError is Run's refusal of an output directory it cannot create or
// write: Dir is the directory given, Err what went wrong (for example
// syscall.ENOTDIR when Dir or one of its parents is a file, or
// fs.ErrPermission).
type OutputError struct {
	Dir string
	Err error
}

func (e *OutputError) Error() string {
	switch {
	case errors.Is(e.Err, syscall.ENOTDIR), errors.Is(e.Err, fs.ErrExist):
		return fmt.Sprintf("cannot use %s as the output directory: it or one of its parents is a file, not a directory; name a directory (it is created if missing)", e.Dir)
	case errors.Is(e.Err, fs.ErrPermission), errors.Is(e.Err, syscall.EROFS):
		return fmt.Sprintf("cannot write in the output directory %s: %v; choose a directory you can write, or make it writable", e.Dir, e.Err)
	}
	return fmt.Sprintf("cannot create the output directory %s: %v", e.Dir, e.Err)
}

func (e *OutputError) Unwrap() error { return e.Err }

// makeOut creates dir (with its parents) and its results/ and records/
// subdirectories, or returns an *OutputError.
func makeOut(dir string) error {
	if fi, err := os.Stat(dir); err == nil && !fi.IsDir() {
		return &OutputError{Dir: dir, Err: syscall.ENOTDIR}
	}
	for _, sub := range []string{"results", "records"} {
		if err := os.MkdirAll(filepath.Join(dir, sub), 0o755); err != nil {
			var pe *fs.PathError
			if errors.As(err, &pe) {
				err = pe.Err
			}
			return &OutputError{Dir: dir, Err: err}
		}
	}
	return nil
}
