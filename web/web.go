// Package web holds the workbench's front end (HTML, CSS, JavaScript
// modules and the vendored libraries of static/vendor), embedded in the
// binary so that `gmcr serve` needs no network and no Node. It holds no
// analysis logic: the page calls the JSON API of package server.
package web

import (
	"embed"
	"io/fs"
)

//go:embed static
var files embed.FS

// Assets returns the front end's files, index.html at the root.
func Assets() fs.FS {
	sub, err := fs.Sub(files, "static")
	if err != nil {
		panic(err) // the embedded tree always has static/
	}
	return sub
}
