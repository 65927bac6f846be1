#!/usr/bin/env bash
# Soak test: a release `premortem serve --demo` under wrk load on POST /validate for
# SOAK_DURATION (300s), sampling the server's resident memory every SOAK_SAMPLE seconds (30).
# A leak shows as RSS growing sample after sample; a crash as the server gone at the end.
# Env: SOAK_PORT (18446), SOAK_DURATION (300), SOAK_SAMPLE (30), SOAK_CONNECTIONS (4).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY
PORT="${SOAK_PORT:-18446}"
DURATION="${SOAK_DURATION:-300}"
SAMPLE="${SOAK_SAMPLE:-30}"
CONNS="${SOAK_CONNECTIONS:-4}"
OUT="$ROOT/bench-out"
mkdir -p "$OUT"
swift build -c release --product premortem >"$OUT/build.log" 2>&1 || { tail -30 "$OUT/build.log" >&2; exit 1; }
BIN="$(swift build -c release --show-bin-path)/premortem"
"$ROOT/certs/make-certs.sh" "$OUT/certs" premortem premortem 2>/dev/null
"$BIN" serve --print-demo-review catalog >"$OUT/review.json"
"$BIN" serve --demo --cert "$OUT/certs/tls.crt" --key "$OUT/certs/tls.key" --address "127.0.0.1:$PORT" \
  --log-level warning </dev/null >"$OUT/soak-server.log" 2>&1 &
PID=$!
trap 'kill -TERM $PID 2>/dev/null || true; wait $PID 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
  curl -sf --max-time 1 --cacert "$OUT/certs/ca.crt" "https://127.0.0.1:$PORT/readyz" >/dev/null 2>&1 && break
  sleep 0.1
done
rss() { awk '/^VmRSS/ {print $2}' "/proc/$PID/status"; }
BODY_FILE="$OUT/review.json" wrk -t1 -c"$CONNS" -d"${DURATION}s" --latency -s "$ROOT/scripts/load.lua" \
  "https://127.0.0.1:$PORT/validate?timeout=10s" >"$OUT/soak-wrk.txt" 2>&1 &
WRK=$!
echo "t_s rss_kib"
for t in $(seq 0 "$SAMPLE" "$DURATION"); do
  kill -0 "$PID" 2>/dev/null || { echo "server died at ${t}s" >&2; exit 1; }
  echo "$t $(rss)"
  [ "$t" -lt "$DURATION" ] && sleep "$SAMPLE"
done
wait "$WRK" || true
grep '^RESULT' "$OUT/soak-wrk.txt" || tail -5 "$OUT/soak-wrk.txt"
kill -0 "$PID" && echo "server alive after ${DURATION}s"
