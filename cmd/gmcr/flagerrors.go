package main

import (
	"errors"
	"regexp"

	"github.com/spf13/cobra"
)

// numErrRE matches the strconv error that pflag puts in its message for
// a number flag that does not parse.
var numErrRE = regexp.MustCompile(`strconv\.Parse(?:Int|Uint|Float|Bool): parsing "(?:[^"\\]|\\.)*": (value out of range|invalid syntax)`)

// flagError rewrites pflag's messages about number flags in words:
// "invalid argument "99999999999999999999" for "--paths" flag: it is too
// large" instead of a raw strconv error.
func flagError(_ *cobra.Command, err error) error {
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
