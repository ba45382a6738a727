#!/usr/bin/env bash
# bench/run.sh prints the benchmark table of docs/benchmarks.md: for each
# benchmark conflict (package bench: generated with seed 1, 0.05
# infeasibility conditions per option, option prioritization only), the
# feasible states, the time of each stage (state space, preferences) and of
# each solution concept alone, of all five together, and the peak resident
# memory (RSS) of a complete analysis. Each size runs in its own process
# (bench/cmd/benchtable), so that its peak memory is its own.
#
# Sizes: 8, 12, 16, 20 and 24 options at 4 DMs, and 20 options at 5 DMs.
# At 24 options the together run has all five concepts; of the concepts
# alone only Nash and SIM are timed (GMR, SMR, SEQ alone with --full), SIM
# within the SIM budget.
#
# Usage: bench/run.sh [--quick] [--full] [--sim-budget SECONDS] [--budget SECONDS]
#
#   --quick       only 8, 12 and 16 options (well under a minute)
#   --full        at 24 options, also time GMR, SMR and SEQ alone
#                 (adds some 10 to 20 minutes on 2 cores)
#   --sim-budget  stop SIM alone after this many seconds (default 60); the
#                 cell then says "> 60 s (stopped)"
#   --budget      stop any other stability run after this many seconds
#                 (default 1800)
#
# The whole table took 9 minutes on 2 cores shared with other jobs (load
# average 3 to 4), most of it at 24 options (8 GiB of memory); --quick takes
# under 30 seconds. A size whose resident memory would pass 16 GiB, or 90%
# of the memory available when the script starts, is stopped and says so.
set -euo pipefail

quick=0
full=0
sim_budget=60
budget=1800
while [ $# -gt 0 ]; do
	case "$1" in
	--quick) quick=1 ;;
	--full) full=1 ;;
	--sim-budget)
		sim_budget="${2:?--sim-budget needs a number of seconds}"
		shift
		;;
	--budget)
		budget="${2:?--budget needs a number of seconds}"
		shift
		;;
	-h | --help)
		sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'
		exit 0
		;;
	*)
		echo "bench/run.sh: unknown argument $1 (see --help)" >&2
		exit 2
		;;
	esac
	shift
done
for v in "$sim_budget" "$budget"; do
	if ! [[ "$v" =~ ^[0-9]+$ ]]; then
		echo "bench/run.sh: budgets are whole numbers of seconds, got $v" >&2
		exit 2
	fi
done

cd "$(dirname "$0")/.."
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
go build -o "$tmp/benchtable" ./bench/cmd/benchtable

# The memory limit: 16 GiB, or 90% of the memory available now if less.
avail_mib=$(awk '/^MemAvailable:/ {print int($2 / 1024)}' /proc/meminfo)
max_rss=$((16 * 1024))
if [ -n "$avail_mib" ] && [ "$((avail_mib * 9 / 10))" -lt "$max_rss" ]; then
	max_rss=$((avail_mib * 9 / 10))
fi

start=$(date +%s)
echo "## Machine"
echo
echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "- CPU: $(grep -m1 '^model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), $(nproc) cores (nproc)"
echo "- memory: $(awk '/^MemTotal:/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo) ($((avail_mib / 1024)) GiB available at the start)"
echo "- $(go version)"
echo "- gmcr: $(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet HEAD -- . 2>/dev/null || echo ' with uncommitted changes')"
echo "- load average (1, 5, 15 min) at the start: $(cut -d' ' -f1-3 /proc/loadavg)"
echo

row() {
	# The row is printed even when benchtable stops (over -max-rss: exit 3).
	"$tmp/benchtable" -max-rss "$max_rss" -sim-budget "${sim_budget}s" -budget "${budget}s" "$@" || true
}

"$tmp/benchtable" -header
row -dms 4 -options 8
row -dms 4 -options 12
row -dms 4 -options 16
if [ "$quick" = 0 ]; then
	row -dms 4 -options 20
	row -dms 5 -options 20
	alone=Nash,SIM
	if [ "$full" = 1 ]; then
		alone=all
	fi
	row -dms 4 -options 24 -min-time 0 -alone "$alone"
fi
echo
echo "Times are the fastest of runs repeated for 0.5 s (a longer run is made once)."
echo "\"all\" is one stability.Analyze run with the five concepts (wall time and"
echo "process CPU time); † marks a run without SIM (Nash, GMR, SMR, SEQ). \"–\" is"
echo "not measured. \"load\" is the 1-minute load average when the size started."
echo
echo "- load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "- total time: $(($(date +%s) - start)) s"
