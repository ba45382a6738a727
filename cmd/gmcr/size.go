package main

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/gmcr/gmcr/analysis"
)

// byteSize is a flag value holding a number of bytes, written as a whole
// number with an optional unit: B, K/KB/KiB, M/MB/MiB, G/GB/GiB (all
// powers of 1024). Zero means the default.
type byteSize int64

func (b *byteSize) String() string {
	if *b == 0 {
		return analysis.FormatBytes(analysis.DefaultMaxInputBytes)
	}
	return analysis.FormatBytes(int64(*b))
}

func (b *byteSize) Type() string { return "size" }

func (b *byteSize) Set(v string) error {
	s := strings.TrimSpace(v)
	num := strings.TrimRightFunc(s, func(r rune) bool { return r < '0' || r > '9' })
	unit := strings.ToLower(strings.TrimSpace(s[len(num):]))
	shift := 0
	switch unit {
	case "", "b":
	case "k", "kb", "kib":
		shift = 10
	case "m", "mb", "mib":
		shift = 20
	case "g", "gb", "gib":
		shift = 30
	default:
		return fmt.Errorf("%q is not a size: give a number with an optional unit, e.g. 200MiB or 1GiB", v)
	}
	n, err := strconv.ParseInt(num, 10, 64)
	if err != nil || n <= 0 {
		if err != nil && strings.Contains(err.Error(), "range") {
			return fmt.Errorf("%q is too large a size", v)
		}
		return fmt.Errorf("%q is not a size: give a positive number with an optional unit, e.g. 200MiB or 1GiB", v)
	}
	if n > math.MaxInt64>>shift {
		return fmt.Errorf("%q is too large a size", v)
	}
	*b = byteSize(n << shift)
	return nil
}
