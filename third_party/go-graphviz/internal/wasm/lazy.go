package wasm

// This file is gmcr's patch to go-graphviz: the module used to be
// compiled and instantiated by a package init function, with a compilation
// cache in $TMPDIR/go-graphviz, so every program linking the library paid
// for it at start-up and panicked when the cache folder or the temp
// directory was unusable. Load does the same work on first use instead,
// returns failures as errors, and uses only the cache folder the program
// names (SetCacheDir).

import (
	"context"
	"fmt"
	"os"
	"sync"

	"github.com/tetratelabs/wazero"
)

var (
	loadMu      sync.Mutex
	loaded      bool
	loadErr     error
	cacheDir    string
	loadRuntime wazero.Runtime
)

// SetCacheDir sets the folder of the on-disk compilation cache used by
// Load; "" (the default) disables the cache. It has no effect after Load.
func SetCacheDir(dir string) {
	loadMu.Lock()
	cacheDir = dir
	loadMu.Unlock()
}

// Load compiles and instantiates the Graphviz WebAssembly module, once.
// When the compilation cache fails (unwritable or truncated files, a full
// disk) it compiles again without the cache. The first error is kept and
// returned by every later call.
func Load(ctx context.Context) error {
	loadMu.Lock()
	defer loadMu.Unlock()
	if loaded {
		return loadErr
	}
	loaded = true
	var cache wazero.CompilationCache
	if cacheDir != "" {
		if err := os.MkdirAll(cacheDir, 0o700); err == nil {
			if c, err := wazero.NewCompilationCacheWithDir(cacheDir); err == nil {
				cache = c
			}
		}
	}
	if cache != nil {
		if loadErr = tryLoad(ctx, cache); loadErr == nil {
			return nil
		}
	}
	if loadErr = tryLoad(ctx, nil); loadErr != nil && ctx.Err() != nil {
		// Interrupted, not broken: a later call may try again.
		loaded = false
		return ctx.Err()
	}
	return loadErr
}

// tryLoad runs load, turning its panics into an error and releasing the
// runtime of a failed attempt.
func tryLoad(ctx context.Context, cache wazero.CompilationCache) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("loading Graphviz: %v", p)
			if loadRuntime != nil {
				loadRuntime.Close(context.Background())
				loadRuntime = nil
			}
		}
	}()
	load(ctx, cache)
	return nil
}
