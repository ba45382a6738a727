package cgraph

// gmcr's patch: the WebAssembly module is loaded on first use (see
// cgraph.Init), after package initialisation copied its enumeration values,
// so they are copied again here once it is loaded.

import "github.com/goccy/go-graphviz/internal/wasm"

func setEnumVars() {
	GRAPH = ObjectTag(wasm.GRAPH)
	NODE = ObjectTag(wasm.NODE)
	OUTEDGE = ObjectTag(wasm.OUT_EDGE)
	INEDGE = ObjectTag(wasm.IN_EDGE)
	EDGE = ObjectTag(wasm.EDGE)
}
