package cgraph

import (
	"context"
	"sync"

	"github.com/goccy/go-graphviz/internal/wasm"
)

var (
	Directed         *Desc
	StrictDirected   *Desc
	UnDirected       *Desc
	StrictUnDirected *Desc
)

var (
	initMu   sync.Mutex
	initDone bool
	initErr  error
)

// Init loads the Graphviz WebAssembly module (see wasm.Load) and sets the
// global descriptors, once. (gmcr's patch: this was a package init function
// that panicked on failure.)
func Init(ctx context.Context) error {
	initMu.Lock()
	defer initMu.Unlock()
	if initDone {
		return initErr
	}
	if err := wasm.Load(ctx); err != nil {
		if ctx.Err() == nil {
			initDone, initErr = true, err
		}
		return err
	}
	initDone = true
	setEnumVars()
	initErr = setGlobalVars(ctx)
	return initErr
}

func setGlobalVars(ctx context.Context) error {
	// Set MAX to prevent outputting internally generated errors or warnings with agerr to the stderr.
	wasm.SetError(ctx, wasm.MAX)

	directed, err := wasm.NewGraphDescriptor(ctx)
	if err != nil {
		return err
	}
	directed.SetDirected(1)
	directed.SetMaingraph(1)

	strictDirected, err := wasm.NewGraphDescriptor(ctx)
	if err != nil {
		return err
	}
	strictDirected.SetDirected(1)
	strictDirected.SetStrict(1)
	strictDirected.SetMaingraph(1)

	undirected, err := wasm.NewGraphDescriptor(ctx)
	if err != nil {
		return err
	}
	undirected.SetMaingraph(1)

	strictUndirected, err := wasm.NewGraphDescriptor(ctx)
	if err != nil {
		return err
	}
	strictUndirected.SetStrict(1)
	strictUndirected.SetMaingraph(1)

	Directed = toDesc(directed)
	StrictDirected = toDesc(strictDirected)
	UnDirected = toDesc(undirected)
	StrictUnDirected = toDesc(strictUndirected)

	return nil
}
