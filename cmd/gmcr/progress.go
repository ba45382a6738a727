package main

import (
	"os"
	"sync"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"
)

// progressDelay is how long an analysis runs before a progress bar shows.
const progressDelay = time.Second

// progress returns an analysis.Options.Progress callback that shows a
// progress bar on standard error once the analysis has run for
// progressDelay, and a function to call when the analysis ends, which
// clears it. total is the number of units of the stability stage (the
// DMs). Nothing is shown when quiet or when standard error is not a
// terminal; the callback is then nil.
func (e *env) progress(quiet bool, total int) (func(stage string, done, total int), func()) {
	f, ok := e.stderr.(*os.File)
	if quiet || !ok || !term.IsTerminal(int(f.Fd())) {
		return nil, func() {}
	}
	var (
		mu      sync.Mutex
		bar     *progressbar.ProgressBar
		done    int
		stage   = "analysing"
		stopped bool
	)
	tick := make(chan struct{})
	show := time.AfterFunc(progressDelay, func() {
		mu.Lock()
		defer mu.Unlock()
		if stopped {
			return
		}
		bar = progressbar.NewOptions(total,
			progressbar.OptionSetWriter(f),
			progressbar.OptionSetDescription(stage),
			progressbar.OptionShowCount(),
			progressbar.OptionSetElapsedTime(true),
			progressbar.OptionSetPredictTime(false),
			progressbar.OptionSetWidth(30),
			progressbar.OptionClearOnFinish(),
		)
		bar.Set(done)
		// Refresh the elapsed time while no DM finishes.
		go func() {
			t := time.NewTicker(500 * time.Millisecond)
			defer t.Stop()
			for {
				select {
				case <-tick:
					return
				case <-t.C:
					mu.Lock()
					if !stopped {
						bar.Set(done)
					}
					mu.Unlock()
				}
			}
		}()
	})
	update := func(name string, d, n int) {
		mu.Lock()
		defer mu.Unlock()
		done, total = d, n
		if name != stage {
			stage = name
			if bar != nil && !stopped {
				bar.Describe(stage)
			}
		}
		if bar != nil && !stopped {
			bar.ChangeMax(total)
			bar.Set(d)
		}
	}
	finish := func() {
		show.Stop()
		mu.Lock()
		defer mu.Unlock()
		if stopped {
			return
		}
		stopped = true
		close(tick)
		if bar != nil {
			bar.Finish()
			bar.Clear()
		}
	}
	return update, finish
}
