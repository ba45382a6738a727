#!/usr/bin/env bash
# bench/analyses.sh prints the second table of docs/benchmarks.md: the
# whole-process time of each gmcr analysis a user runs, one column per
# analysis and one row per size, plus start-up (gmcr --version, gmcr
# validate) and the ratio against GMCR+ on its largest practical conflict.
#
# Each cell runs the gmcr binary as a user would (start-up, loading,
# analysis and writing the output to a file) and reports the fastest of
# the runs' wall time and CPU time (user + system of the process, read by
# bench/cmd/proctime from the kernel), so the table shows what a user waits
# for. The models are the benchmark conflicts (gmcr generate --dms 4
# --options N --infeasible 0.05 --ranking 0 --seed 1, as package bench)
# with one what-if scenario added for compare (dm1's first option forced).
#
#   analyze    gmcr analyze M -o /dev/null               (all five concepts, text)
#   explain    gmcr explain M --state sq -o /dev/null   (every DM and concept)
#   evolve     gmcr evolve M -o /dev/null                (from the status quo)
#   coalition  gmcr coalition M -o /dev/null             (every coalition)
#   compare    gmcr compare M -o /dev/null               (base and 1 scenario)
#
# Usage: bench/analyses.sh [--sizes "8 12 16 20"] [--budget SECONDS] [--runs N]
#
#   --sizes   option counts at 4 DMs (default: 8 12 16 20 24)
#   --budget  stop a cell after this many seconds (default 600); the cell
#             then says "> 600 s"
#   --runs    runs per cell below 20 options (default 3; larger sizes run
#             once)
set -euo pipefail

sizes="8 12 16 20 24"
budget=600
runs=3
while [ $# -gt 0 ]; do
	case "$1" in
	--sizes)
		sizes="${2:?--sizes needs a list}"
		shift
		;;
	--budget)
		budget="${2:?--budget needs seconds}"
		shift
		;;
	--runs)
		runs="${2:?--runs needs a number}"
		shift
		;;
	-h | --help)
		sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'
		exit 0
		;;
	*)
		echo "bench/analyses.sh: unknown argument $1 (see --help)" >&2
		exit 2
		;;
	esac
	shift
done

cd "$(dirname "$0")/.."
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
go build -o "$tmp/gmcr" ./cmd/gmcr
go build -o "$tmp/proctime" ./bench/cmd/proctime
g="$tmp/gmcr"

echo "## Machine"
echo
echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "- CPU: $(grep -m1 '^model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), $(nproc) cores (nproc)"
echo "- $(go version)"
echo "- gmcr: $(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet HEAD -- . 2>/dev/null || echo ' with uncommitted changes')"
echo "- load average (1, 5, 15 min) at the start: $(cut -d' ' -f1-3 /proc/loadavg)"
echo

# fmt formats seconds as µs, ms or s with three significant digits.
fmt() {
	awk -v s="$1" 'BEGIN {
		if (s == "timeout") { print "> '"$budget"' s"; exit }
		if (s < 0.001) printf "%.3g µs\n", s * 1e6
		else if (s < 1) printf "%.3g ms\n", s * 1e3
		else printf "%.3g s\n", s }'
}

# cell RUNS CMD...: "wall (cpu)" of the fastest run, or "> budget s".
cell() {
	local n="$1"
	shift
	local out
	if ! out="$("$tmp/proctime" -n "$n" -timeout "${budget}s" -- "$@" 2>"$tmp/err")"; then
		if [[ "$out" == timeout* ]]; then
			echo "> $budget s"
		else
			echo "failed ($(head -c 80 "$tmp/err" | tr '\n' ' '))"
		fi
		return
	fi
	local wall cpu
	wall="$(cut -f1 <<<"$out")"
	cpu="$(cut -f2 <<<"$out")"
	echo "$(fmt "$wall") ($(fmt "$cpu"))"
}

# commas writes a number with thousands separators: 12582912 -> 12,582,912.
commas() { sed ':a;s/\B[0-9]\{3\}\>/,&/;ta' <<<"$1"; }

model() {
	local n="$1" m="$tmp/b$1.yaml"
	"$g" generate --dms 4 --options "$n" --infeasible 0.05 --ranking 0 --seed 1 -o "$m"
	printf 'scenarios:\n  - id: o1_taken\n    name: dm1 takes o1 for good\n    force: [o1]\n' >>"$m"
	echo "$m"
}

echo "### Start-up"
echo
m12="$(model 12)"
echo "| command | wall | CPU |"
echo "|---|---:|---:|"
for c in "--version" "validate $m12"; do
	# shellcheck disable=SC2086
	out="$("$tmp/proctime" -n 20 -- "$g" $c)"
	echo "| \`gmcr ${c/$tmp\//}\` | $(fmt "$(cut -f1 <<<"$out")") | $(fmt "$(cut -f2 <<<"$out")") |"
done
echo
echo "GMCR+ on 4 DMs x 12 options: about 15 s (the project brief's figure for"
echo "2,800 states). gmcr analyze, whole process (start-up, loading, the five"
echo "concepts, the report), on the 12-option benchmark model (3,072 states),"
echo "fastest of 20 runs; the ratio is 15 s over the wall time, and over the CPU"
echo "time (the fairer figure on a shared machine):"
echo
echo "| format | wall | CPU | ratio (wall) | ratio (CPU) |"
echo "|---|---:|---:|---:|---:|"
for f in text json; do
	out="$("$tmp/proctime" -n 20 -- "$g" analyze "$m12" --format "$f" -q -o /dev/null)"
	wall="$(cut -f1 <<<"$out")"
	cpu="$(cut -f2 <<<"$out")"
	echo "| $f | $(fmt "$wall") | $(fmt "$cpu") | $(awk -v w="$wall" 'BEGIN { printf "%.0fx", 15 / w }') | $(awk -v w="$cpu" 'BEGIN { printf "%.0fx", 15 / w }') |"
done
echo

echo "### Analyses (whole process: wall (CPU))"
echo
echo "| DMs | options | states | analyze | explain (one state) | evolve | coalition | compare (1 scenario) | load |"
echo "|---:|---:|---:|---|---|---|---|---|---:|"
for n in $sizes; do
	m="$(model "$n")"
	r="$runs"
	if [ "$n" -ge 20 ]; then
		r=1
	fi
	states="$("$g" validate "$m" 2>&1 | sed -n 's/.* \([0-9]*\) feasible states.*/\1/p' || true)"
	load="$(cut -d' ' -f1 /proc/loadavg)"
	a="$(cell "$r" "$g" analyze "$m" -q -o /dev/null)"
	x="$(cell "$r" "$g" explain "$m" --state sq -q -o /dev/null)"
	e="$(cell "$r" "$g" evolve "$m" -q -o /dev/null)"
	c="$(cell "$r" "$g" coalition "$m" -q -o /dev/null)"
	p="$(cell "$r" "$g" compare "$m" -q -o /dev/null)"
	printf '| 4 | %s | %s | %s | %s | %s | %s | %s | %s |\n' "$n" "$(commas "$states")" "$a" "$x" "$e" "$c" "$p" "$load"
done
echo
echo "- load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
