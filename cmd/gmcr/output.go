package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"syscall"
)

// writeOutput calls write with standard output (path "" or "-") or with a
// file that replaces path atomically: the output goes to a temporary file
// in path's directory, which is renamed over path only once everything is
// written and synced. On any failure, including an error from write or an
// interruption, the temporary file is removed and path is left as it was.
//
// A symbolic link is followed (the file it points to is replaced), and a
// device or named pipe is written directly. Naming a model file read by
// this command, a file in a missing directory, or a write-protected file
// (unless --overwrite) is bad input.
//
// Cancelling e.ctx (Ctrl-C, SIGTERM) stops the writing at the next block
// written, even when write ignores write errors: the writer panics with a
// private value that writeOutput recovers into ctx's error.
func (e *env) writeOutput(path string, write func(w io.Writer) error) (err error) {
	defer func() {
		if p := recover(); p != nil {
			if _, ok := p.(cancelled); !ok {
				panic(p)
			}
			err = e.ctx.Err()
		}
	}()
	if err := e.ctx.Err(); err != nil {
		return err
	}
	if path == "" || path == "-" {
		bw := bufio.NewWriter(ctxWriter{e.ctx, e.stdout})
		if err := write(bw); err != nil {
			return failure(err)
		}
		if err := bw.Flush(); err != nil {
			return failure(fmt.Errorf("writing the output: %w", err))
		}
		return nil
	}
	real, err := outputPath(path, e.inputs)
	if err != nil {
		return badInput(err)
	}
	fi, statErr := os.Stat(real)
	if statErr == nil && !fi.Mode().IsRegular() {
		return failure(writeDirect(e.ctx, real, write))
	}
	if statErr == nil && !e.force && writeProtected(real, fi) {
		return badInputf("cannot write %s: the file is write-protected (mode %04o); make it writable (chmod u+w %s) or add --overwrite to replace it", path, fi.Mode().Perm(), path)
	}
	return failure(writeFileAtomic(real, func(w io.Writer) error { return write(ctxWriter{e.ctx, w}) }))
}

// cancelled is the panic value of a ctxWriter whose context is done.
type cancelled struct{}

// ctxWriter is w that stops (see writeOutput) once ctx is done.
type ctxWriter struct {
	ctx context.Context
	w   io.Writer
}

func (c ctxWriter) Write(p []byte) (int, error) {
	if c.ctx.Err() != nil {
		panic(cancelled{})
	}
	return c.w.Write(p)
}

// outputPath resolves a symbolic link at path and checks that the output
// neither is one of the input files nor lies in a missing directory.
func outputPath(path string, inputs []string) (string, error) {
	real := path
	if fi, err := os.Lstat(path); err == nil && fi.Mode()&os.ModeSymlink != 0 {
		if real, err = filepath.EvalSymlinks(path); err != nil {
			return "", fmt.Errorf("cannot write %s: it is a symbolic link to a file that cannot be reached (%v)", path, unwrapPath(err))
		}
	}
	if fi, err := os.Stat(real); err == nil {
		for _, in := range inputs {
			if fj, err := os.Stat(in); err == nil && os.SameFile(fi, fj) {
				return "", fmt.Errorf("cannot write %s: it is the model file being read; write the output to another file", path)
			}
		}
	}
	if fi, err := os.Stat(real); err == nil && fi.IsDir() {
		return "", fmt.Errorf("cannot write %s: it is a directory; name a file", path)
	}
	dir := filepath.Dir(real)
	if fi, err := os.Stat(dir); err != nil {
		return "", fmt.Errorf("cannot write %s: the directory %s does not exist; create it first", path, dir)
	} else if !fi.IsDir() {
		return "", fmt.Errorf("cannot write %s: %s is a file, not a directory", path, dir)
	}
	return real, nil
}

// writeDirect writes to a device or named pipe, which cannot be replaced.
// Opening a named pipe waits for a reader; cancelling ctx ends the wait.
func writeDirect(ctx context.Context, path string, write func(w io.Writer) error) error {
	type opened struct {
		f   *os.File
		err error
	}
	done := make(chan opened, 1)
	go func() {
		f, err := os.OpenFile(path, os.O_WRONLY, 0)
		done <- opened{f, err}
	}()
	var f *os.File
	select {
	case o := <-done:
		if o.err != nil {
			return fmt.Errorf("cannot write %s: %w", path, unwrapPath(o.err))
		}
		f = o.f
	case <-ctx.Done():
		go func() {
			if o := <-done; o.f != nil {
				o.f.Close()
			}
		}()
		return ctx.Err()
	}
	bw := bufio.NewWriter(ctxWriter{ctx, f})
	if err := write(bw); err != nil {
		f.Close()
		return err
	}
	if err := bw.Flush(); err != nil {
		f.Close()
		return fmt.Errorf("writing %s: %w", path, unwrapPath(err))
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("writing %s: %w", path, unwrapPath(err))
	}
	return nil
}

// writeFileAtomic writes path atomically; see writeOutput.
func writeFileAtomic(path string, write func(w io.Writer) error) (err error) {
	dir := filepath.Dir(path)
	mode := os.FileMode(0o644)
	if fi, err := os.Stat(path); err == nil {
		if fi.IsDir() {
			return fmt.Errorf("cannot write %s: it is a directory", path)
		}
		mode = fi.Mode().Perm()
	}
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return createError(path, dir, err)
	}
	tmp := f.Name()
	forgetTemp := rememberTemp(tmp)
	ok := false
	defer func() {
		// Also on a panic (an interruption, see writeOutput).
		if !ok {
			f.Close()
			os.Remove(tmp)
		}
		forgetTemp()
	}()
	bw := bufio.NewWriter(f)
	if err := write(bw); err != nil {
		return err
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("writing %s: %w", path, unwrapPath(err))
	}
	if err := f.Chmod(mode); err != nil {
		return fmt.Errorf("writing %s: %w", path, unwrapPath(err))
	}
	if err := f.Sync(); err != nil {
		return fmt.Errorf("writing %s: %w", path, unwrapPath(err))
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("writing %s: %w", path, unwrapPath(err))
	}
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("cannot write %s: %w", path, unwrapPath(err))
	}
	ok = true
	return nil
}

// temps holds the temporary output files being written, which an exit
// forced by a signal (see run) removes.
var temps sync.Map

func rememberTemp(path string) (forget func()) {
	temps.Store(path, true)
	return func() { temps.Delete(path) }
}

// removeTemps removes every temporary output file being written.
func removeTemps() {
	temps.Range(func(k, _ any) bool {
		os.Remove(k.(string))
		return true
	})
}

// unwrapPath drops the operation and temporary file name of an
// *os.PathError, which would only confuse.
func unwrapPath(err error) error {
	if pe, ok := err.(*os.PathError); ok {
		return pe.Err
	}
	if le, ok := err.(*os.LinkError); ok {
		return le.Err
	}
	return err
}

// createError describes a failure to create a file in dir for path: a
// directory the user cannot write (permissions, a read-only file system)
// is bad input, with what to do; anything else a failure.
func createError(path, dir string, err error) error {
	if errors.Is(err, fs.ErrPermission) || errors.Is(err, syscall.EROFS) {
		return badInputf("cannot write %s: the directory %s is not writable (%v); write the output elsewhere or make the directory writable", path, dir, unwrapPath(err))
	}
	return failure(fmt.Errorf("cannot write %s: %w", path, unwrapPath(err)))
}
