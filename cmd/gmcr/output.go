package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// writeOutput calls write with standard output (path "" or "-") or with a
// file that replaces path atomically: the output goes to a temporary file
// in path's directory, which is renamed over path only once everything is
// written and synced. On any failure, including an error from write, the
// temporary file is removed and path is left as it was.
//
// A symbolic link is followed (the file it points to is replaced), and a
// device or named pipe is written directly. Naming a model file read by
// this command, or a file in a missing directory, is bad input.
func (e *env) writeOutput(path string, write func(w io.Writer) error) error {
	if path == "" || path == "-" {
		bw := bufio.NewWriter(e.stdout)
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
	if fi, err := os.Stat(real); err == nil && !fi.Mode().IsRegular() {
		return failure(writeDirect(real, write))
	}
	return failure(writeFileAtomic(real, write))
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
func writeDirect(path string, write func(w io.Writer) error) error {
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		return fmt.Errorf("cannot write %s: %w", path, unwrapPath(err))
	}
	bw := bufio.NewWriter(f)
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
		return fmt.Errorf("cannot write %s: %w", path, unwrapPath(err))
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(tmp)
		}
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
	return nil
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
