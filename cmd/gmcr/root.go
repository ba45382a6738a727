package main

import (
	"context"
	"io"
	"runtime/debug"

	"github.com/spf13/cobra"
)

// version is gmcr's version; release builds set it with
// -ldflags "-X main.version=v1.2.3".
var version = ""

// versionString returns version, else the module version recorded in the
// binary, else "devel".
func versionString() string {
	if version != "" {
		return version
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "devel"
}

// env is what the commands read from and write to.
type env struct {
	ctx    context.Context
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
	inputs []string // model files read, which --output must not overwrite

	maxInput byteSize // --max-input: the largest model input read
	force    bool     // --overwrite: -o may replace a write-protected file
}

func newRootCmd(e *env) *cobra.Command {
	root := &cobra.Command{
		Use:   "gmcr",
		Short: "Analyse conflicts with the Graph Model for Conflict Resolution",
		Long: `gmcr analyses a conflict with the Graph Model for Conflict Resolution
(GMCR; Kilgour, Hipel & Fang 1987; Fang, Hipel & Kilgour 1993).

A model names the decision makers (DMs), the options each controls, which
combinations of options are infeasible, and each DM's preferences (option
prioritization statements or a direct ranking of states). gmcr enumerates
the feasible states, ranks them for each DM, and decides for every state and
DM whether the state is stable under the solution concepts Nash, GMR
(general metarationality), SMR (symmetric metarationality), SEQ (sequential
stability) and SIM (simultaneous sanctioning). A state stable for every DM
under a concept is an equilibrium under it.

Model files are YAML or JSON (see docs/model-format.md), or GMCR+ save
files (.gmcr). "-" reads a YAML or JSON model from standard input. With no
model file, these commands use the built-in example:
  ` + listBuiltin + `.

What-ifs without editing the model file: --scenario ID (a scenario listed
under the model's scenarios key), --force OPT and --forbid OPT (fix an
option as taken or as not taken) and --set-status-quo STATE are taken by
  ` + listWhatIf + `;
compare sets such a what-if beside the model and its scenarios.

Exit codes: 0 success; 3 bad input (model errors, unknown flags or values,
a state or DM that does not exist); 1 other errors; 130 interrupted (serve,
stopped by Ctrl-C or SIGTERM, exits 0); 2 only
when the program itself crashes (the Go runtime's code), never for bad input.`,
		Example: `  # Analyse the built-in example
  gmcr analyze

  # Save an example model, check it and analyse it
  gmcr examples elmira -o elmira.yaml
  gmcr validate elmira.yaml
  gmcr analyze elmira.yaml

  # Why is state 1 not an SEQ equilibrium?
  gmcr explain elmira.yaml --state 1 --concept SEQ`,
		Version: versionString(),
		PersistentPreRunE: func(cmd *cobra.Command, _ []string) error {
			if f := cmd.Flags().Lookup("overwrite"); f != nil {
				e.force = f.Value.String() == "true"
			}
			return nil
		},
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetIn(e.stdin)
	root.SetOut(e.stdout)
	root.SetErr(e.stderr)
	root.SetVersionTemplate("gmcr {{.Version}}\n")
	root.SetFlagErrorFunc(flagError)
	root.PersistentFlags().Var(&e.maxInput, "max-input", "refuse model input larger than `SIZE` (e.g. 64MiB, 1GiB)")
	root.AddCommand(
		newAnalyzeCmd(e),
		newStatesCmd(e),
		newExplainCmd(e),
		newInverseCmd(e),
		newRobustnessCmd(e),
		newCompareCmd(e),
		newValidateCmd(e),
		newConvertCmd(e),
		newExamplesCmd(e),
		newEvolveCmd(e),
		newCoalitionCmd(e),
		newGenerateCmd(e),
		newServeCmd(e),
		newReportCmd(e),
		newBatchCmd(e),
		newUncertainCmd(e),
		newStrengthCmd(e),
		newLimitedCmd(e),
	)
	fillCommandLists(root)
	return root
}
