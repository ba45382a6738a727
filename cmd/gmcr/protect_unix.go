//go:build unix

package main

import (
	"os"
	"syscall"
)

// writeProtected reports whether the shell would refuse to overwrite the
// file: nobody may write it (even for root, who may write anything, "rm"
// asks first), or this user may not.
func writeProtected(path string, fi os.FileInfo) bool {
	return fi.Mode().Perm()&0o222 == 0 || syscall.Access(path, 2 /* W_OK */) != nil
}
