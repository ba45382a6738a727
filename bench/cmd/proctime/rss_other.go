//go:build !unix

package main

import "os"

// peakRSSKiB returns 0: this platform's process state carries no peak
// resident memory that the standard library exposes.
func peakRSSKiB(*os.ProcessState) int64 { return 0 }
