package main

import (
	"bytes"
	"errors"
	"io"
	"os"

	"github.com/gmcr/gmcr/printout"
	"golang.org/x/term"
)

// printedFormat says whether a --format value is a figure printed through
// a browser (package printout): png or pdf.
func printedFormat(f string) bool { return f == "png" || f == "pdf" }

// printFigure draws the SVG that svg writes as format (png at twice its
// size, or pdf) and writes it to path (standard output for "" or "-",
// unless that is a terminal).
func (e *env) printFigure(path, format string, svg func(io.Writer) error) error {
	if err := e.binaryOutput(path, format); err != nil {
		return err
	}
	var b bytes.Buffer
	if err := svg(&b); err != nil {
		return failure(err)
	}
	var out []byte
	var err error
	if format == "png" {
		out, err = printout.FigurePNG(e.ctx, b.Bytes(), 2)
	} else {
		out, err = printout.FigurePDF(e.ctx, b.Bytes())
	}
	if err != nil {
		return printoutError(e, err)
	}
	return e.writeOutput(path, func(w io.Writer) error {
		_, err := w.Write(out)
		return err
	})
}

// isTerminal reports whether w is a terminal; a variable so that tests
// can stand in for one.
var isTerminal = func(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// binaryOutput refuses to write a binary format to a terminal.
func (e *env) binaryOutput(path, format string) error {
	if path != "" && path != "-" {
		return nil
	}
	if isTerminal(e.stdout) {
		return badInputf("--format %s writes a binary file: add -o FILE (or redirect the output)", format)
	}
	return nil
}

// documentOutput refuses to pour a whole document (an HTML report) onto a
// terminal when no -o was given, as curl does with binary output: the
// user almost surely wanted a file. A pipe or redirection, or -o -, still
// writes to standard output.
func (e *env) documentOutput(path, what, example string) error {
	if path == "" && isTerminal(e.stdout) {
		return badInputf("%s is a file to open in a browser, not for the terminal: add -o %s (or pipe or redirect the output; -o - prints it here anyway)", what, example)
	}
	return nil
}

// printoutError classifies an error of package printout: a missing browser
// is the user's to fix.
func printoutError(e *env, err error) error {
	if e.ctx.Err() != nil {
		return e.ctx.Err()
	}
	if errors.Is(err, printout.ErrNoBrowser) {
		return badInput(err)
	}
	return failure(err)
}
