#!/usr/bin/env bash
# Measures the live state on realistic snapshots (../shared/tools/gen-cluster.py --realistic):
#  1. resident memory per pod: RSS of `premortem serve` with the state loaded, minus the same
#     server on an empty cluster, from a snapshot folder and from list+watch of an API server;
#  2. watch events applied per second while reviews are answered, and the review p99 then
#     against the idle figure (wrk, HTTPS keep-alive, 4 connections).
# The API server is scripts/fake-apiserver.py (real list/watch wire format, pods watch sending
# restartCount changes at a set rate). Release build. Prints markdown tables.
# usage: scripts/bench-live.sh SNAPSHOT_10K SNAPSHOT_100K   (folders holding cluster/)
# Env: BENCH_RATES ("2000 4000"), BENCH_DURATION (15s), BENCH_WATCH_ONLY=1 (skip the memory table).
# The fake API server stands for kube-apiserver, which has CPUs of its own: it runs at a
# higher priority (nice -10) so that on a 2-core machine shared with the server under test and
# wrk it still sends the events it is asked for.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY
SMALL="$1" LARGE="$2"
RATES="${BENCH_RATES:-2000 4000}"
DURATION="${BENCH_DURATION:-15s}"
OUT="$ROOT/bench-out/live"
PORT=18470 API=18471
mkdir -p "$OUT"
swift build -c release --product premortem >"$OUT/build.log" 2>&1 || { tail -30 "$OUT/build.log" >&2; exit 1; }
BIN="$(swift build -c release --show-bin-path)/premortem"
"$ROOT/certs/make-certs.sh" "$OUT/certs" premortem premortem 2>/dev/null
PIDS=()
trap 'for p in "${PIDS[@]}"; do kill $p 2>/dev/null || true; done' EXIT

rss_kb() { awk '/^VmRSS/ {print $2}' "/proc/$1/status"; }
serve() {  # args...; sets SPID once /readyz answers
  env ${BENCH_MALLOC_ARENA_MAX:+MALLOC_ARENA_MAX=$BENCH_MALLOC_ARENA_MAX} "$BIN" serve "$@" --cert "$OUT/certs/tls.crt" --key "$OUT/certs/tls.key" --address "127.0.0.1:$PORT" --log-level warning \
    </dev/null >"$OUT/server.log" 2>&1 &
  SPID=$!; PIDS+=($SPID)
  for _ in $(seq 1 1200); do
    curl -sf --max-time 1 --cacert "$OUT/certs/ca.crt" "https://127.0.0.1:$PORT/readyz" >/dev/null 2>&1 && { sleep 2; return 0; }
    kill -0 $SPID 2>/dev/null || break
    sleep 0.1
  done
  tail "$OUT/server.log" >&2; return 1
}
stop() { kill -TERM $1 2>/dev/null || true; wait $1 2>/dev/null || true; }
fake() {  # DIR; sets APID and writes a kubeconfig
  nice -n -10 python3 "$ROOT/scripts/fake-apiserver.py" "$1" $API >"$OUT/fake.log" 2>&1 &
  APID=$!; PIDS+=($APID)
  for _ in $(seq 1 600); do curl -sf "http://127.0.0.1:$API/control" >/dev/null 2>&1 && break; sleep 0.1; done
  cat >"$OUT/kubeconfig" <<KC
apiVersion: v1
kind: Config
clusters: [{name: fake, cluster: {server: "http://127.0.0.1:$API"}}]
users: [{name: u, user: {token: t}}]
contexts: [{name: fake, context: {cluster: fake, user: u}}]
current-context: fake
KC
}
pods_in() { python3 -c 'import json,sys,glob; print(sum(len(json.load(open(f))["items"]) for f in glob.glob(sys.argv[1]+"/pods.json")))' "$1"; }

if [ "${BENCH_WATCH_ONLY:-0}" != 1 ]; then
  mkdir -p "$OUT/empty/cluster"
  echo '{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"default"}}' >"$OUT/empty/cluster/ns.json"
  serve --cluster "$OUT/empty/cluster"; EMPTY=$(rss_kb $SPID); stop $SPID
  # The empty server of the list+watch rows watches an API server with nothing in it.
  fake "$OUT/empty/cluster"
  serve --kubeconfig "$OUT/kubeconfig"; EMPTY_LIVE=$(rss_kb $SPID); stop $SPID; stop $APID
  echo "| source | pods | RSS loaded | RSS empty server | per pod |"
  echo "|---|---:|---:|---:|---:|"
  for dir in "$SMALL" "$LARGE"; do
    n=$(pods_in "$dir/cluster")
    serve --cluster "$dir/cluster"; R=$(rss_kb $SPID); stop $SPID
    printf '| --cluster %s | %d | %d MiB | %d MiB | %d B |\n' "$(basename "$dir")" "$n" $((R/1024)) $((EMPTY/1024)) $(( (R-EMPTY)*1024/n ))
    fake "$dir/cluster"
    serve --kubeconfig "$OUT/kubeconfig"; R=$(rss_kb $SPID); stop $SPID; stop $APID
    printf '| --kubeconfig (list+watch) %s | %d | %d MiB | %d MiB | %d B |\n' "$(basename "$dir")" "$n" $((R/1024)) $((EMPTY_LIVE/1024)) $(( (R-EMPTY_LIVE)*1024/n ))
  done

fi

# ---- watch events while reviews are answered
python3 - "$SMALL/proposed.yaml" >"$OUT/review.json" <<'PY'
import json, sys, yaml
obj = yaml.safe_load(open(sys.argv[1]))
print(json.dumps({"kind": "AdmissionReview", "apiVersion": "admission.k8s.io/v1", "request": {
    "uid": "00000000-0000-4000-8000-000000000002", "kind": {"group": "apps", "version": "v1", "kind": "Deployment"},
    "resource": {"group": "apps", "version": "v1", "resource": "deployments"}, "name": obj["metadata"]["name"],
    "namespace": obj["metadata"]["namespace"], "operation": "CREATE", "userInfo": {"username": "bench"},
    "object": obj, "oldObject": None, "dryRun": True, "options": {"kind": "CreateOptions", "apiVersion": "meta.k8s.io/v1"}}}))
PY
fake "$SMALL/cluster"
serve --kubeconfig "$OUT/kubeconfig"
wrkrun() { BODY_FILE="$OUT/review.json" wrk -t1 -c4 -d"$DURATION" --latency -s "$ROOT/scripts/load.lua" "https://127.0.0.1:$PORT/validate?timeout=10s" | grep '^RESULT'; }
field() { sed -n "s/.* $2=\([0-9.]*\).*/\1/p" <<<"$1"; }
applied() { curl -s --cacert "$OUT/certs/ca.crt" "https://127.0.0.1:$PORT/metrics" | awk '/^premortem_watch_events_applied_total/ {print $2}'; }
lag() { curl -s --cacert "$OUT/certs/ca.crt" "https://127.0.0.1:$PORT/metrics" | awk '/^premortem_watch_lag_seconds/ {print $2}'; }
BODY_FILE="$OUT/review.json" wrk -t1 -c4 -d2s -s "$ROOT/scripts/load.lua" "https://127.0.0.1:$PORT/validate?timeout=10s" >/dev/null 2>&1 || true
echo
echo "| watch events sent/s | applied/s | reviews/s | review p50 | review p99 | p99 vs idle | last batch lag |"
echo "|---:|---:|---:|---:|---:|---:|---:|"
IDLE="$(wrkrun)"
printf '| 0 (idle) | 0 | %s | %s ms | %s ms | 1.00x | - |\n' "$(field "$IDLE" rps)" "$(field "$IDLE" p50_ms)" "$(field "$IDLE" p99_ms)"
for rate in $RATES; do
  curl -sf -X POST "http://127.0.0.1:$API/control?rate=$rate" >/dev/null
  sleep 3
  a0=$(applied); s0=$(curl -s "http://127.0.0.1:$API/control" | python3 -c 'import json,sys; print(json.load(sys.stdin)["sent"])'); t0=$(date +%s.%N)
  R="$(wrkrun)"
  a1=$(applied); s1=$(curl -s "http://127.0.0.1:$API/control" | python3 -c 'import json,sys; print(json.load(sys.stdin)["sent"])'); t1=$(date +%s.%N)
  printf '| %.0f | %.0f | %s | %s ms | %s ms | %.2fx | %s s |\n' "$(echo "($s1-$s0)/($t1-$t0)" | bc -l)" "$(echo "($a1-$a0)/($t1-$t0)" | bc -l)" \
    "$(field "$R" rps)" "$(field "$R" p50_ms)" "$(field "$R" p99_ms)" "$(echo "$(field "$R" p99_ms)/$(field "$IDLE" p99_ms)" | bc -l)" "$(lag)"
  curl -sf -X POST "http://127.0.0.1:$API/control?rate=0" >/dev/null
  sleep 2
done
