package server

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
)

// version identifies a file's content.
func version(data []byte) string {
	h := sha256.Sum256(data)
	return hex.EncodeToString(h[:16])
}

// getFile answers the model file named on the command line.
func (s *Server) getFile(w http.ResponseWriter, r *http.Request) {
	if s.cfg.File == "" {
		httpError(w, http.StatusNotFound, "gmcr serve was started without a model file")
		return
	}
	s.fileMu.Lock()
	data, err := os.ReadFile(s.cfg.File)
	s.fileMu.Unlock()
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		httpError(w, http.StatusNotFound, fmt.Sprintf("%s: cannot read the file: %v", filepath.Base(s.cfg.File), err))
		return
	}
	writeJSON(w, http.StatusOK, Source{Name: filepath.Base(s.cfg.File), Source: string(data), Version: version(data)})
}

// SaveRequest is PUT /api/file's body.
type SaveRequest struct {
	Source string `json:"source"`
	// Version is the version the page loaded (GET /api/file); the save is
	// refused with 409 if the file on disk has another one, unless Force.
	Version string `json:"version"`
	Force   bool   `json:"force,omitempty"`
	// Overwrite replaces a write-protected file (as the CLI's
	// --overwrite); without it such a save is refused with 403.
	Overwrite bool `json:"overwrite,omitempty"`
}

// Saved is PUT /api/file's answer, and the body of its 409 answer.
type Saved struct {
	Version string `json:"version"`
	Error   string `json:"error,omitempty"`
}

// putFile writes the model back to the file named on the command line,
// atomically (a temporary file in the same directory renamed over it), and
// only if the file still holds the version the page loaded.
func (s *Server) putFile(w http.ResponseWriter, r *http.Request) {
	if s.cfg.File == "" {
		httpError(w, http.StatusNotFound, "gmcr serve was started without a model file: download the model instead")
		return
	}
	var req SaveRequest
	if !decode(w, r, &req) {
		return
	}
	s.fileMu.Lock()
	defer s.fileMu.Unlock()
	cur, err := os.ReadFile(s.cfg.File)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		httpError(w, http.StatusInternalServerError, fmt.Sprintf("cannot read %s: %v", filepath.Base(s.cfg.File), err))
		return
	}
	if err == nil && version(cur) != req.Version && !req.Force {
		writeJSON(w, http.StatusConflict, Saved{Version: version(cur), Error: fmt.Sprintf("%s changed on disk since it was loaded; reload it, or save anyway to overwrite the other changes", filepath.Base(s.cfg.File))})
		return
	}
	name := filepath.Base(s.cfg.File)
	if real, err := filepath.EvalSymlinks(s.cfg.File); err == nil && !req.Overwrite {
		if fi, err := os.Stat(real); err == nil && writeProtected(real, fi) {
			writeJSON(w, http.StatusForbidden, Saved{Version: version(cur), Error: fmt.Sprintf("%s is write-protected (mode %04o); make it writable (chmod u+w %s) and save again, or save with overwrite to replace it", name, fi.Mode().Perm(), name)})
			return
		}
	}
	data := []byte(req.Source)
	if err := writeAtomic(s.cfg.File, data); err != nil {
		httpError(w, http.StatusInternalServerError, err.Error())
		return
	}
	writeJSON(w, http.StatusOK, Saved{Version: version(data)})
}

// writeAtomic replaces path with data: it writes a temporary file in the
// same directory, syncs it and renames it over path, keeping path's mode.
// On failure path is left as it was. A symbolic link is followed.
func writeAtomic(path string, data []byte) error {
	if real, err := filepath.EvalSymlinks(path); err == nil {
		path = real
	}
	mode := fs.FileMode(0o644)
	if fi, err := os.Stat(path); err == nil {
		mode = fi.Mode().Perm()
	}
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("cannot save %s: %w", filepath.Base(path), err)
	}
	tmp := f.Name()
	_, err = f.Write(data)
	if err == nil {
		err = f.Chmod(mode)
	}
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		os.Remove(tmp)
		return fmt.Errorf("cannot save %s: %w", filepath.Base(path), err)
	}
	return nil
}
