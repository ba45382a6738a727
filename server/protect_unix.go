//go:build unix

package server

import (
	"os"
	"syscall"
)

// writeProtected reports whether the file is write-protected as the CLI's
// -o sees it (cmd/gmcr): nobody may write it, or this user may not.
func writeProtected(path string, fi os.FileInfo) bool {
	return fi.Mode().Perm()&0o222 == 0 || syscall.Access(path, 2 /* W_OK */) != nil
}
