//go:build !unix

package server

import "os"

// writeProtected reports whether the file is read-only.
func writeProtected(path string, fi os.FileInfo) bool {
	return fi.Mode().Perm()&0o222 == 0
}
