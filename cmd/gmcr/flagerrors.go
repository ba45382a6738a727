package main

import (
	"errors"
	"fmt"
	"math"
	"regexp"
	"time"

	"github.com/spf13/cobra"
)

// numErrRE matches the strconv error that pflag puts in its message for
// a number flag that does not parse.
var numErrRE = regexp.MustCompile(`strconv\.Parse(?:Int|Uint|Float|Bool): parsing "(?:[^"\\]|\\.)*": (value out of range|invalid syntax)`)

// durErrRE matches pflag's message for a duration flag that does not
// parse (time.ParseDuration's error: "5" lacks a unit, "abc" is no
// duration).
var durErrRE = regexp.MustCompile(`^invalid argument "((?:[^"\\]|\\.)*)" for "(?:-\w, )?--([\w-]+)" flag: time: `)

// durSyntaxRE matches a value written as a duration with units (what
// time.ParseDuration reads, apart from its range).
var durSyntaxRE = regexp.MustCompile(`^[-+]?(?:(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:ns|us|µs|μs|ms|s|m|h))+$`)

// durationZero says, for every duration flag of gmcr, what 0 means; the
// message about a duration that does not parse gives it with an example.
// TestDurationFlagsExplained checks every duration flag has an entry.
var durationZero = map[string]string{
	"budget":  "0 means no time limit",
	"timeout": "0 means the default, 5m",
}

// flagError rewrites pflag's messages about number and duration flags in
// words: "invalid argument "99999999999999999999" for "--paths" flag: it
// is too large" instead of a raw strconv error, and for a duration the
// unit to write ("--budget 10s") instead of "time: missing unit".
func flagError(_ *cobra.Command, err error) error {
	if m := durErrRE.FindStringSubmatch(err.Error()); m != nil {
		name := m[2]
		if durSyntaxRE.MatchString(m[1]) {
			// Written as a duration, yet not read: time.ParseDuration says
			// "invalid duration" when the value overflows.
			return fmt.Errorf("--%s %s is too large: a duration may be at most %dh (about 292 years)", name, m[1], int64(time.Duration(math.MaxInt64)/time.Hour))
		}
		msg := fmt.Sprintf("--%s takes a duration with a unit, such as --%s 10s, --%s 2m or --%s 1h30m; got %q", name, name, name, name, m[1])
		if z := durationZero[name]; z != "" {
			msg += " (" + z + ")"
		}
		return errors.New(msg)
	}
	msg := numErrRE.ReplaceAllStringFunc(err.Error(), func(m string) string {
		if numErrRE.FindStringSubmatch(m)[1] == "value out of range" {
			return "the number is too large"
		}
		return "give a whole number"
	})
	if msg == err.Error() {
		return err
	}
	return errors.New(msg)
}
