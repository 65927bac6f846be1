#!/usr/bin/env bash
# `premortem check` on realistic snapshots (load, settle and analysis together) against
# Python's json module parsing the same files, in the same run, with wall time and peak RSS.
# usage: scripts/bench-ingest.sh DIR...   (gen-cluster.py output folders: cluster/ and proposed.yaml)
# Env: BENCH_RUNS (3: the median is printed). Release build.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RUNS="${BENCH_RUNS:-3}"
swift build -c release --product premortem --package-path "$ROOT" >/dev/null
BIN="$(swift build -c release --show-bin-path --package-path "$ROOT")/premortem"
measure() {  # command... -> "seconds kilobytes" (median of RUNS by time)
  for _ in $(seq 1 "$RUNS"); do
    /usr/bin/time -f "%e %M" "$@" 2>&1 >/dev/null | tail -1
  done | sort -n | awk -v m=$(( (RUNS + 1) / 2 )) 'NR == m'
}
echo "| snapshot | files | premortem check | peak RSS | python json.load | python peak RSS | premortem / python |"
echo "|---|---:|---:|---:|---:|---:|---:|"
for dir in "$@"; do
  size=$(du -cb "$dir"/cluster/* | tail -1 | cut -f1)
  read -r pt pm < <(measure "$BIN" check --cluster "$dir/cluster" -f "$dir/proposed.yaml")
  if ls "$dir"/cluster/*.json >/dev/null 2>&1; then
    read -r yt ym < <(measure python3 -c 'import json,sys,glob
for f in sorted(glob.glob(sys.argv[1] + "/*.json")): json.load(open(f))' "$dir/cluster")
    ratio=$(awk -v a="$pt" -v b="$yt" 'BEGIN { printf "%.2f", a / b }')
  else yt="-" ym=0 ratio="-"; fi
  printf '| %s | %d MB | %s s | %d MB | %s s | %d MB | %s |\n' "$(basename "$dir")" $((size / 1000000)) "$pt" $((pm / 1024)) "$yt" $((ym / 1024)) "$ratio"
done
