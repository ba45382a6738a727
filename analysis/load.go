package analysis

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/gmcr/gmcr/gmcrplus"
	"github.com/gmcr/gmcr/model"
	"github.com/gmcr/gmcr/statespace"
)

// Stdin is the path that names standard input; Load reads a YAML or JSON
// model file from it.
const Stdin = "-"

// StdinName is the file name that positions in a model read from standard
// input carry.
const StdinName = "<stdin>"

// Load reads a model file, choosing the reader by the file's extension:
// ".gmcr" is a GMCR+ save file (gmcrplus.Read), anything else a YAML or
// JSON model file (model.Load). A ".json" file that is in fact a GMCR+ save
// file (it has "decisionMakers" and no "decision_makers") is read as one.
// The path "-" reads a YAML or JSON model (or a GMCR+ save file, told
// apart by its content) from standard input. What a GMCR+
// file holds beyond the model is dropped; LoadFile keeps it.
func Load(path string) (*model.Model, error) {
	m, _, err := LoadFile(path)
	return m, err
}

// LoadFile is Load that also returns what a GMCR+ file holds beyond the
// model (coalitions, statements behind manual rankings); the Extras are nil
// for other files.
func LoadFile(path string) (*model.Model, *gmcrplus.Extras, error) {
	return LoadFrom(path, os.Stdin)
}

// LoadFrom is LoadFile reading the path "-" from stdin rather than from the
// process's standard input.
func LoadFrom(path string, stdin io.Reader) (*model.Model, *gmcrplus.Extras, error) {
	return LoadContext(context.Background(), path, stdin, LoadOptions{})
}

// DefaultMaxInputBytes is the largest model input read by default: 64 MiB,
// far above any real model, so that a wrong file (a device, an endless
// pipe) is refused instead of filling memory.
const DefaultMaxInputBytes = 64 << 20

// LoadOptions tunes LoadContext.
type LoadOptions struct {
	// MaxBytes is the largest input read (0: DefaultMaxInputBytes);
	// larger input fails with *InputTooLargeError.
	MaxBytes int64
}

// InputTooLargeError reports model input larger than LoadOptions.MaxBytes.
type InputTooLargeError struct {
	File  string
	Limit int64 // bytes
}

func (e *InputTooLargeError) Error() string {
	return fmt.Sprintf("%s: the input is larger than %s, the limit for a model; if it really is a model, raise the limit with --max-input SIZE (e.g. --max-input 1GiB)", e.File, FormatBytes(e.Limit))
}

// FormatBytes writes a size as "64 MiB", "1 GiB" or "1500 bytes".
func FormatBytes(n int64) string {
	switch {
	case n >= 1<<30 && n%(1<<30) == 0:
		return fmt.Sprintf("%d GiB", n>>30)
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

// LoadContext is LoadFrom that reads at most opt.MaxBytes and stops as
// soon as ctx is cancelled, even while waiting for a named pipe's writer
// or a silent standard input (the wait is abandoned, not ended: a program
// that goes on should not read that input again).
func LoadContext(ctx context.Context, path string, stdin io.Reader, opt LoadOptions) (*model.Model, *gmcrplus.Extras, error) {
	limit := opt.MaxBytes
	if limit <= 0 {
		limit = DefaultMaxInputBytes
	}
	name := path
	if path == Stdin {
		if stdin == nil {
			return nil, nil, fmt.Errorf("no standard input to read the model from")
		}
		name = StdinName
	}
	data, err := readInput(ctx, path, stdin, limit)
	if err != nil {
		if ctx.Err() != nil {
			return nil, nil, ctx.Err()
		}
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		if path == Stdin {
			return nil, nil, fmt.Errorf("reading standard input: %w", err)
		}
		return nil, nil, fmt.Errorf("%s: cannot read the file: %w", path, err)
	}
	if int64(len(data)) > limit {
		return nil, nil, &InputTooLargeError{File: name, Limit: limit}
	}
	if path == Stdin {
		if len(bytes.TrimSpace(data)) == 0 {
			return nil, nil, fmt.Errorf("%s: empty input; pipe a YAML or JSON model file into gmcr", StdinName)
		}
		if looksGMCRPlus(data) {
			return gmcrplus.Decode(data, StdinName)
		}
		m, err := model.Parse(data, StdinName)
		return m, nil, err
	}
	switch strings.ToLower(filepath.Ext(path)) {
	case ".gmcr":
		return gmcrplus.Decode(data, path)
	case ".json":
		if looksGMCRPlus(data) {
			return gmcrplus.Decode(data, path)
		}
	}
	m, err := model.Parse(data, path)
	return m, nil, err
}

// readInput reads up to limit+1 bytes of path (or of stdin for "-") in a
// goroutine, so that cancelling ctx ends the wait even when opening or
// reading blocks.
func readInput(ctx context.Context, path string, stdin io.Reader, limit int64) ([]byte, error) {
	type result struct {
		data []byte
		err  error
	}
	done := make(chan result, 1)
	go func() {
		var r io.Reader = stdin
		if path != Stdin {
			f, err := os.Open(path)
			if err != nil {
				done <- result{nil, err}
				return
			}
			defer f.Close()
			if fi, err := f.Stat(); err == nil && fi.IsDir() {
				done <- result{nil, errors.New("it is a directory; name a model file")}
				return
			}
			r = f
		}
		data, err := io.ReadAll(io.LimitReader(r, limit+1))
		done <- result{data, err}
	}()
	select {
	case res := <-done:
		return res.data, res.err
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// IsGMCRPlus reports whether LoadFile reads path as a GMCR+ save file: its
// extension is ".gmcr" (any case), or it is ".json" and holds a GMCR+ save
// file. A file that cannot be read is not one. Standard input is read as a
// GMCR+ save file when it is JSON with "decisionMakers".
func IsGMCRPlus(path string) bool {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".gmcr":
		return true
	case ".json":
		data, err := os.ReadFile(path)
		return err == nil && looksGMCRPlus(data)
	}
	return false
}

// looksGMCRPlus reports whether data is a JSON object with GMCR+'s
// "decisionMakers" and without the model format's "decision_makers".
func looksGMCRPlus(data []byte) bool {
	var top map[string]json.RawMessage
	if json.Unmarshal(data, &top) != nil {
		return false
	}
	_, plus := top["decisionMakers"]
	_, ours := top["decision_makers"]
	return plus && !ours
}

// DM resolves a user's reference to a decision maker: its id (exactly, then
// ignoring case), its name (ignoring case) or its 1-based number in model
// order. It returns the DM's index into ss.DMs, or an error listing the
// valid ids.
func DM(ss *statespace.StateSpace, ref string) (int, error) {
	r := strings.TrimSpace(ref)
	for i, d := range ss.DMs {
		if d.ID == r {
			return i, nil
		}
	}
	match := -1
	for _, byName := range []bool{false, true} {
		for i, d := range ss.DMs {
			s := d.ID
			if byName {
				s = d.Name
			}
			if s != "" && strings.EqualFold(s, r) {
				if match >= 0 && match != i {
					return -1, fmt.Errorf("DM %q is ambiguous (%s and %s); give its id", ref, ss.DMs[match].ID, d.ID)
				}
				match = i
			}
		}
		if match >= 0 {
			return match, nil
		}
	}
	if n, err := strconv.Atoi(r); err == nil && n >= 1 && n <= len(ss.DMs) {
		return n - 1, nil
	}
	ids := make([]string, len(ss.DMs))
	for i, d := range ss.DMs {
		ids[i] = d.ID
	}
	return -1, fmt.Errorf("unknown DM %q; use one of %s (or a number 1..%d)", ref, strings.Join(ids, ", "), len(ss.DMs))
}

// DMs resolves a user's list of decision makers (gmcr's --dm, the
// server's "dm" field): every DM, in model order, when spec is empty or
// "all"; else DMs as DM reads them, separated by commas, each once in the
// order given. The whole of spec is first tried as one DM reference, so a
// DM whose id or name is "all", or whose name contains commas, is
// selected by it; a name with commas cannot be part of a longer list
// (give that DM by id or number there). Errors: DM's, for the part that
// names no DM, with a hint when some DM's name contains a comma.
func DMs(ss *statespace.StateSpace, spec string) ([]int, error) {
	if strings.TrimSpace(spec) != "" {
		if i, err := DM(ss, spec); err == nil {
			return []int{i}, nil
		}
	}
	if strings.TrimSpace(spec) == "" || strings.EqualFold(strings.TrimSpace(spec), "all") {
		dms := make([]int, len(ss.DMs))
		for i := range dms {
			dms[i] = i
		}
		return dms, nil
	}
	var dms []int
	for _, ref := range strings.Split(spec, ",") {
		if strings.TrimSpace(ref) == "" {
			continue
		}
		i, err := DM(ss, ref)
		if err != nil {
			for k, d := range ss.DMs {
				if strings.Contains(d.Name, ",") {
					return nil, fmt.Errorf("%w; the name of decision maker %s (%q) contains a comma: give it alone, or in a list by its id %s or number %d", err, d.ID, d.Name, d.ID, k+1)
				}
			}
			return nil, err
		}
		if !slices.Contains(dms, i) {
			dms = append(dms, i)
		}
	}
	if len(dms) == 0 {
		return nil, fmt.Errorf("no DM in %q; give DMs by id, name or number, separated by commas", spec)
	}
	return dms, nil
}

// Parse reads a model from data, as Load reads a file named name: a GMCR+
// save file when name ends in ".gmcr" or data is JSON with GMCR+'s
// "decisionMakers", else a YAML or JSON model file. Positions in errors
// carry name. It is what a front end holding a model's text (an editor, a
// server) calls.
func Parse(data []byte, name string) (*model.Model, *gmcrplus.Extras, error) {
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, nil, fmt.Errorf("%s: the model is empty; write a YAML or JSON model (see docs/model-format.md)", name)
	}
	if strings.EqualFold(filepath.Ext(name), ".gmcr") || looksGMCRPlus(data) {
		return gmcrplus.Decode(data, name)
	}
	m, err := model.Parse(data, name)
	return m, nil, err
}
