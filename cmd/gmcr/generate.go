package main

import (
	"fmt"
	"github.com/gmcr/gmcr/internal/english"
	"io"
	"math"

	"github.com/gmcr/gmcr/generate"
	"github.com/gmcr/gmcr/statespace"
	"github.com/spf13/cobra"
)

// generateDefaults are the defaults of the generate command's flags: the
// generator's defaults (generate.DefaultParams) for 3 DMs, 8 options and
// seed 1.
var generateDefaults = generate.DefaultParams(3, 8, 1)

func newGenerateCmd(e *env) *cobra.Command {
	d := generateDefaults
	var o struct {
		p      generate.Params
		output string
		quiet  bool
	}
	cmd := &cobra.Command{
		Use:   "generate [flags]",
		Short: "Write a random conflict as a YAML model file",
		Long: `Generate writes a random conflict in option form as a YAML model file
(see docs/model-format.md), for testing, teaching and benchmarks. The same
flags always give the same file, byte for byte, on every machine: change
--seed for another conflict of the same shape.

The conflict has --dms decision makers dm1, dm2, ... and --options options
o1, o2, ... spread over them as evenly as possible (the first DMs get one
more when the division is not exact). It has, on average, --infeasible
infeasibility conditions per option, each a conjunction of 2 or 3 option
literals (one removes a quarter or an eighth of the states), but never one
that makes the status quo infeasible. A share --irreversible of the options
can only be taken or only be withdrawn. Each DM states --statements
preference statements (option prioritization), a share --compound of them
compound (or, IF, IFF), or, with probability --ranking and only for models
of at most 9 options, ranks the feasible states directly, with ties. With
--misperceived, each DM has on average that many misperception conditions
(a hypergame: the DM does not perceive a state where one holds, and has no
moves from or into it), each a conjunction of 2 or 3 option literals, never
one that hides the status quo. The model's title records every parameter.

A model with m options has up to 2^m states; analyze, states and explain
refuse more than 16777216 feasible states unless given --max-states. The
benchmark conflicts of docs/benchmarks.md are
'gmcr generate --dms 4 --options N --infeasible 0.05 --ranking 0'.`,
		Example: `  # A random conflict with 3 DMs and 8 options, on standard output
  gmcr generate

  # 4 DMs and 12 options, saved and analysed
  gmcr generate --dms 4 --options 12 --seed 7 -o random.yaml
  gmcr analyze random.yaml --concepts Nash,GMR --format csv -o random.csv

  # A harder one: more constraints, compound statements, irreversible options
  gmcr generate --dms 3 --options 10 --infeasible 0.5 --compound 0.5 --irreversible 0.3

  # The 16-option benchmark conflict
  gmcr generate --dms 4 --options 16 --infeasible 0.05 --ranking 0 -o bench16.yaml`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := checkGenerateFlags(o.p); err != nil {
				return err
			}
			m, err := generate.Conflict(o.p)
			if err != nil {
				return badInput(err)
			}
			data, err := e.encodeFor(o.output, m, o.quiet)
			if err != nil {
				return failure(fmt.Errorf("the generated model does not write out: %w", err))
			}
			if o.p.Options > 24 {
				e.warnf(o.quiet, "note: the model has %d options, so up to 2^%d = %d states; analyze, states and explain refuse more than %d feasible states unless given --max-states",
					o.p.Options, o.p.Options, uint64(1)<<uint(o.p.Options), statespace.DefaultMaxStates)
			}
			return e.writeOutput(o.output, func(w io.Writer) error {
				_, err := w.Write(data)
				return err
			})
		},
	}
	f := cmd.Flags()
	f.IntVar(&o.p.DMs, "dms", d.DMs, "number of decision makers (at least 2)")
	f.IntVar(&o.p.Options, "options", d.Options, fmt.Sprintf("number of options, at least one per DM and at most %d", generate.MaxOptions))
	f.Float64Var(&o.p.Infeasible, "infeasible", d.Infeasible, fmt.Sprintf("expected infeasibility conditions per option, 0 to %v", generate.MaxInfeasible))
	f.IntVar(&o.p.Statements, "statements", d.Statements, fmt.Sprintf("preference statements per DM, 1 to %d", generate.MaxStatements))
	f.Float64Var(&o.p.Compound, "compound", d.Compound, "share of compound statements (or, IF, IFF), 0 to 1")
	f.Float64Var(&o.p.Irreversible, "irreversible", d.Irreversible, "share of irreversible options (forward or backward only), 0 to 1")
	f.Float64Var(&o.p.Ranking, "ranking", d.Ranking, "share of DMs that rank the states directly (models of at most 9 options), 0 to 1")
	f.Float64Var(&o.p.Misperceived, "misperceived", d.Misperceived, fmt.Sprintf("expected misperception conditions per DM (hypergame), 0 to %v", generate.MaxMisperceived))
	f.Int64Var(&o.p.Seed, "seed", d.Seed, "seed of the random choices: each seed gives another conflict")
	outputFlag(cmd, &o.output)
	quietFlag(cmd, &o.quiet)
	return cmd
}

// checkGenerateFlags checks the generate command's flags one by one, so
// that an error names the flag at fault. generate.Conflict checks the same
// limits; this only words them for the command line.
func checkGenerateFlags(p generate.Params) error {
	share := func(flag string, v float64) error {
		if math.IsNaN(v) || v < 0 || v > 1 {
			return badInputf("--%s must be a share between 0 and 1, got %v", flag, v)
		}
		return nil
	}
	switch {
	case p.DMs < 2:
		return badInputf("--dms must be at least 2, got %d", p.DMs)
	case p.Options < p.DMs:
		return badInputf("--options must be at least --dms (every DM needs an option), got %s for %s", english.Count(p.Options, "option"), english.Count(p.DMs, "DM"))
	case p.Options > generate.MaxOptions:
		return badInputf("--options must be at most %d, got %d", generate.MaxOptions, p.Options)
	case math.IsNaN(p.Infeasible) || p.Infeasible < 0 || p.Infeasible > generate.MaxInfeasible:
		return badInputf("--infeasible must be between 0 and %v conditions per option, got %v", generate.MaxInfeasible, p.Infeasible)
	case p.Statements < 1 || p.Statements > generate.MaxStatements:
		return badInputf("--statements must be between 1 and %d, got %d", generate.MaxStatements, p.Statements)
	case math.IsNaN(p.Misperceived) || p.Misperceived < 0 || p.Misperceived > generate.MaxMisperceived:
		return badInputf("--misperceived must be between 0 and %v conditions per DM, got %v", generate.MaxMisperceived, p.Misperceived)
	}
	for _, err := range []error{
		share("compound", p.Compound),
		share("irreversible", p.Irreversible),
		share("ranking", p.Ranking),
	} {
		if err != nil {
			return err
		}
	}
	return nil
}
