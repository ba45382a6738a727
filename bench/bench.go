// Package bench holds what gmcr's benchmarks share: the conflicts they
// measure, generated deterministically by package generate, and the sizes
// they run at. The go test benchmarks (the *_bench_test.go files of
// statespace, preference, reach and stability) and the benchtable program
// (bench/cmd/benchtable, driven by bench/run.sh) all measure these models,
// so their numbers can be compared; docs/benchmarks.md describes them.
package bench

import (
	"fmt"
	"os"

	"github.com/gmcr/gmcr/generate"
	"github.com/gmcr/gmcr/model"
)

// Seed is the seed of every benchmark conflict.
const Seed = 1

// Infeasible is the expected number of infeasibility conditions per
// option of a benchmark conflict: small, so that a model with m options has
// about 0.6 to 1 times 2^m feasible states.
const Infeasible = 0.05

// DMs is the number of DMs of the go test benchmarks.
const DMs = 4

// LargeEnv is the environment variable that, set to 1, adds the large
// sizes (LargeOptions) to the go test benchmarks.
const LargeEnv = "GMCR_BENCH_LARGE"

// Options are the option counts the go test benchmarks always run.
var Options = []int{8, 12, 16}

// LargeOptions are the option counts added when LargeEnv is 1: each takes
// seconds per iteration and hundreds of MiB.
var LargeOptions = []int{20}

// Sizes returns the option counts for the go test benchmarks: Options,
// plus LargeOptions when the environment variable LargeEnv is "1".
func Sizes() []int {
	out := append([]int(nil), Options...)
	if os.Getenv(LargeEnv) == "1" {
		out = append(out, LargeOptions...)
	}
	return out
}

// Params returns the generator parameters of the benchmark conflict with
// dms DMs and options options: generate.DefaultParams with no direct
// rankings (every DM states preferences by option prioritization, so the
// preference stage is measured the same way at every size), Infeasible
// conditions per option, and Seed.
func Params(dms, options int) generate.Params {
	p := generate.DefaultParams(dms, options, Seed)
	p.Ranking = 0
	p.Infeasible = Infeasible
	return p
}

// Conflict returns the benchmark conflict with dms DMs and options options
// (Params). It panics if the parameters are invalid, which the benchmarks'
// fixed sizes never are.
func Conflict(dms, options int) *model.Model {
	m, err := generate.Conflict(Params(dms, options))
	if err != nil {
		panic(fmt.Sprintf("bench: %v", err))
	}
	return m
}

// Name returns the sub-benchmark name of a size of the go test
// benchmarks, which all have DMs DMs: "opts=12".
func Name(options int) string { return fmt.Sprintf("opts=%d", options) }
