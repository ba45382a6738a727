package analysis

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
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
	if path == Stdin {
		if stdin == nil {
			return nil, nil, fmt.Errorf("no standard input to read the model from")
		}
		data, err := io.ReadAll(stdin)
		if err != nil {
			return nil, nil, fmt.Errorf("reading standard input: %w", err)
		}
		if len(bytes.TrimSpace(data)) == 0 {
			return nil, nil, fmt.Errorf("%s: empty input; pipe a YAML or JSON model file into gmcr", StdinName)
		}
		if looksGMCRPlus(data) {
			return gmcrplus.Decode(data, StdinName)
		}
		m, err := model.Parse(data, StdinName)
		return m, nil, err
	}
	if IsGMCRPlus(path) {
		return gmcrplus.Read(path)
	}
	m, err := model.Load(path)
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return nil, nil, fmt.Errorf("%s: cannot read the file: %w", path, pe.Err)
	}
	return m, nil, err
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
