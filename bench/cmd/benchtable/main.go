// Command benchtable measures gmcr's analysis stages on one benchmark
// conflict (package bench) and prints one row of the Markdown table of
// docs/benchmarks.md. bench/run.sh runs it once per size, each in a fresh
// process, so that the peak memory it reports belongs to that size alone.
//
// Usage:
//
//	benchtable -header                  # print the table header
//	benchtable -dms 4 -options 16       # measure one size, print its row
//
// For one size it, in this order:
//
//  1. times statespace.Build (the feasible states);
//  2. times preference.Compute (every DM's levels);
//  3. times stability.Analyze with the -together concepts (default all
//     five) on that state space and those preferences, and then reads the
//     process's peak resident memory (VmHWM in /proc/self/status): the
//     peak of a complete analysis, since the state space and preferences
//     are still held;
//  4. times stability.Analyze for each -alone concept alone. SIM, whose
//     work grows exponentially with the number of DMs per state, gets at
//     most -sim-budget (0: no limit); when it runs out the cell says so.
//
// -budget bounds every other stability run in the same way. The last
// column is the 1-minute load average when the process started.
//
// A measurement is repeated while the repetitions take less than -min-time
// in all (at most 50 times), and the fastest run is reported: on a machine
// shared with other work the fastest run is the one least disturbed. Each
// run starts after a garbage collection. The "all (CPU)" column is the
// user+system CPU time of the process during the fastest together run:
// with DMs analysed in parallel it is about the wall time times the cores
// used, and is less inflated than wall time by other load.
//
// -max-rss stops the process (exit 3, with a row saying so) when its
// resident memory exceeds the limit, so that a size too large for the
// machine does not push it into swapping or the OOM killer.
//
// -cpuprofile and -memprofile write pprof profiles of the together run
// (step 3): CPU samples during it, and the heap (allocations since the
// program started, and what is live) just after it.
package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"runtime"
	"runtime/pprof"
	"strconv"
	"strings"
	"time"

	"github.com/gmcr/gmcr/bench"
	"github.com/gmcr/gmcr/preference"
	"github.com/gmcr/gmcr/stability"
	"github.com/gmcr/gmcr/statespace"
)

// columns of the table, in order.
var columns = []string{
	"DMs", "options", "feasible states", "build", "preferences",
	"Nash", "GMR", "SMR", "SEQ", "SIM",
	"all (wall)", "all (CPU)", "peak RSS", "RSS / (states × DMs)", "load",
}

func main() {
	var (
		header     = flag.Bool("header", false, "print the table header and exit")
		dms        = flag.Int("dms", bench.DMs, "number of DMs")
		options    = flag.Int("options", 12, "number of options")
		together   = flag.String("together", "all", "concepts of the together run (comma-separated, or all)")
		alone      = flag.String("alone", "all", "concepts to time alone (comma-separated, all, or none)")
		simBudget  = flag.Duration("sim-budget", 0, "stop SIM alone after this long (0: no limit)")
		budget     = flag.Duration("budget", 0, "stop any other stability run after this long (0: no limit)")
		minTime    = flag.Duration("min-time", 500*time.Millisecond, "repeat each measurement until the repetitions take this long")
		maxRSS     = flag.Int64("max-rss", 16<<10, "stop when the resident memory exceeds this many MiB (0: no limit)")
		cpuProfile = flag.String("cpuprofile", "", "write a CPU profile of the together run to `FILE`")
		memProfile = flag.String("memprofile", "", "write a heap profile taken after the together run to `FILE`")
		maxStates  = flag.Int("max-states", -1, "statespace.Options.MaxStates (-1: no limit)")
	)
	flag.Parse()
	if *header {
		fmt.Println("| " + strings.Join(columns, " | ") + " |")
		seps := make([]string, len(columns))
		for i := range seps {
			seps[i] = "---:"
		}
		fmt.Println("|" + strings.Join(seps, "|") + "|")
		return
	}
	togetherCs, err := parseConcepts(*together)
	if err != nil {
		fatal(err)
	}
	aloneCs, err := parseConcepts(*alone)
	if err != nil {
		fatal(err)
	}
	row := &row{cells: map[string]string{"DMs": strconv.Itoa(*dms), "options": strconv.Itoa(*options), "load": loadAvg()}}
	if *maxRSS > 0 {
		go watchRSS(*maxRSS<<20, row)
	}
	if err := measure(row, *dms, *options, togetherCs, aloneCs, *simBudget, *budget, *minTime, *maxStates, *cpuProfile, *memProfile); err != nil {
		fatal(err)
	}
	row.print()
}

// row is the table row being filled; it is printed when the measurements
// end or when -max-rss stops them.
type row struct {
	cells map[string]string
}

func (r *row) set(col, v string) { r.cells[col] = v }

func (r *row) print() {
	out := make([]string, len(columns))
	for i, c := range columns {
		v, ok := r.cells[c]
		if !ok {
			v = "–"
		}
		out[i] = v
	}
	fmt.Println("| " + strings.Join(out, " | ") + " |")
}

func measure(r *row, dms, options int, together, alone []stability.Concept, simBudget, budget, minTime time.Duration, maxStates int, cpuProfile, memProfile string) error {
	ctx := context.Background()
	m := bench.Conflict(dms, options)

	var ss *statespace.StateSpace
	d, _, err := best(minTime, func() error {
		var err error
		ss, err = statespace.Build(ctx, m, statespace.Options{MaxStates: maxStates})
		return err
	})
	if err != nil {
		return err
	}
	r.set("feasible states", group(ss.Len()))
	r.set("build", dur(d))

	var p *preference.Profile
	d, _, err = best(minTime, func() error {
		var err error
		p, err = preference.Compute(ss)
		return err
	})
	if err != nil {
		return err
	}
	r.set("preferences", dur(d))

	var stopProfile func() error
	if cpuProfile != "" {
		f, err := os.Create(cpuProfile)
		if err != nil {
			return err
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		stopProfile = func() error { pprof.StopCPUProfile(); return f.Close() }
	}
	d, cpu, err := best(minTime, func() error {
		cctx, cancel := withBudget(ctx, budget)
		defer cancel()
		_, err := stability.Analyze(cctx, ss, p, stability.Config{Concepts: together})
		return err
	})
	stopped := errors.Is(err, context.DeadlineExceeded)
	if err != nil && !stopped {
		return err
	}
	if stopProfile != nil {
		if err := stopProfile(); err != nil {
			return err
		}
	}
	if memProfile != "" {
		if err := writeHeapProfile(memProfile); err != nil {
			return err
		}
	}
	mark := ""
	if len(together) != len(stability.Concepts) {
		mark = " †" // bench/run.sh explains: not all five concepts
	}
	hwm := vmHWM()
	if stopped {
		r.set("all (wall)", "> "+dur(budget)+" (stopped)"+mark)
		r.set("peak RSS", "≥ "+mib(hwm)+" (stopped)")
	} else {
		r.set("all (wall)", dur(d)+mark)
		r.set("all (CPU)", dur(cpu)+mark)
		r.set("peak RSS", mib(hwm))
		r.set("RSS / (states × DMs)", fmt.Sprintf("%.0f B", float64(hwm)/float64(ss.Len()*dms)))
	}

	for _, c := range alone {
		d, _, err := best(minTime, func() error {
			b := budget
			if c == stability.SIM {
				b = simBudget
			}
			cctx, cancel := withBudget(ctx, b)
			defer cancel()
			_, err := stability.Analyze(cctx, ss, p, stability.Config{Concepts: []stability.Concept{c}})
			return err
		})
		switch {
		case errors.Is(err, context.DeadlineExceeded) && c == stability.SIM:
			r.set(c.String(), "> "+dur(simBudget)+" (stopped)")
		case errors.Is(err, context.DeadlineExceeded):
			r.set(c.String(), "> "+dur(budget)+" (stopped)")
		case err != nil:
			return err
		default:
			r.set(c.String(), dur(d))
		}
	}
	return nil
}

// best runs f after a garbage collection, repeating it while the runs
// took less than minTime in all (at most 50 runs), and returns the
// shortest wall time and the process CPU time (user+system) of that run.
func best(minTime time.Duration, f func() error) (wall, cpu time.Duration, err error) {
	var total time.Duration
	for n := 0; n < 50 && (n == 0 || total < minTime); n++ {
		runtime.GC()
		c0 := cpuTime()
		t0 := time.Now()
		if err := f(); err != nil {
			return 0, 0, err
		}
		w := time.Since(t0)
		c := cpuTime() - c0
		total += w
		if n == 0 || w < wall {
			wall, cpu = w, c
		}
	}
	return wall, cpu, nil
}

// withBudget returns ctx with a timeout of budget, or ctx itself when
// budget is 0.
func withBudget(ctx context.Context, budget time.Duration) (context.Context, context.CancelFunc) {
	if budget <= 0 {
		return ctx, func() {}
	}
	return context.WithTimeout(ctx, budget)
}

// loadAvg returns the 1-minute load average from /proc/loadavg, or "?".
func loadAvg() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "?"
	}
	f := strings.Fields(string(b))
	if len(f) == 0 {
		return "?"
	}
	return f[0]
}

func writeHeapProfile(path string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	runtime.GC() // the profile's in-use figures are as of the last GC
	if err := pprof.WriteHeapProfile(f); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// watchRSS stops the process when its resident memory exceeds limit
// bytes, printing the row so far with a note.
func watchRSS(limit int64, r *row) {
	for range time.Tick(100 * time.Millisecond) {
		if rss := status("VmRSS"); rss > limit {
			r.set("peak RSS", "> "+mib(rss)+" (stopped: over -max-rss)")
			r.print()
			os.Exit(3)
		}
	}
}

// vmHWM returns the peak resident memory of the process in bytes.
func vmHWM() int64 { return status("VmHWM") }

// status returns a memory field of /proc/self/status in bytes, or 0.
func status(field string) int64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		name, rest, ok := strings.Cut(sc.Text(), ":")
		if !ok || name != field {
			continue
		}
		fs := strings.Fields(rest) // "123456 kB"
		if len(fs) == 2 && fs[1] == "kB" {
			kb, err := strconv.ParseInt(fs[0], 10, 64)
			if err == nil {
				return kb << 10
			}
		}
	}
	return 0
}

func parseConcepts(s string) ([]stability.Concept, error) {
	if s == "none" {
		return nil, nil
	}
	return stability.ParseConcepts(s)
}

// dur formats a duration with three significant digits.
func dur(d time.Duration) string {
	switch {
	case d < time.Millisecond:
		return fmt.Sprintf("%.3g µs", float64(d)/float64(time.Microsecond))
	case d < time.Second:
		return fmt.Sprintf("%.3g ms", float64(d)/float64(time.Millisecond))
	default:
		return fmt.Sprintf("%.3g s", d.Seconds())
	}
}

// mib formats a byte count in MiB, or GiB from 10 GiB up.
func mib(b int64) string {
	if b >= 10<<30 {
		return fmt.Sprintf("%.1f GiB", float64(b)/(1<<30))
	}
	return fmt.Sprintf("%.0f MiB", float64(b)/(1<<20))
}

// group writes n with thousands separators.
func group(n int) string {
	s := strconv.Itoa(n)
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}

func fatal(err error) {
	fmt.Fprintln(os.Stderr, "benchtable:", err)
	os.Exit(1)
}
