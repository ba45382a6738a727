package main

import (
	"errors"
	"fmt"
	"regexp"

	"github.com/spf13/cobra"
)

// numErrRE matches the strconv error that pflag puts in its message for
// a number flag that does not parse.
var numErrRE = regexp.MustCompile(`strconv\.Parse(?:Int|Uint|Float|Bool): parsing "(?:[^"\\]|\\.)*": (value out of range|invalid syntax)`)

// durErrRE matches pflag's message for a duration flag that does not
// parse (time.ParseDuration's error: "5" lacks a unit, "abc" is no
// duration).
var durErrRE = regexp.MustCompile(`^invalid argument "((?:[^"\\]|\\.)*)" for "(?:-\w, )?--([\w-]+)" flag: time: `)

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
