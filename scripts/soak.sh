#!/usr/bin/env bash
# Soak test: `premortem serve --demo` under wrk load on POST /validate for SOAK_DURATION,
# sampling the server's resident memory every SOAK_SAMPLE seconds.
#
# SOAK_MODE=admitted (default): the demo's healthy proposal, admitted again and again.
# SOAK_MODE=mixed: dry-run, denied and allowed reviews with, now and then, a 10,000-container
#   (2.4 MB) and a 100,000-label (1.8 MB) dry-run Deployment (scripts/make-reviews.py,
#   scripts/soak-mixed.lua): everything that is analysed but not admitted must leave nothing
#   behind.
#
# Checks (the script fails when one does not hold):
#   SOAK_MAX_RSS_MB   (0: off) no sample above this many MiB: the hard bound CI asserts.
#   SOAK_MAX_GROWTH_MB (0: off) RSS at the end at most this much above the sample taken after
#     the warm-up (SOAK_WARMUP seconds, default a third of the run): "flat after warm-up".
# CI runs `SOAK_MODE=mixed SOAK_DURATION=45 SOAK_BUILD=debug SOAK_MAX_RSS_MB=... ` (about a
# minute); the long version is `SOAK_MODE=mixed SOAK_DURATION=300 SOAK_MAX_GROWTH_MB=...`.
# Env: SOAK_PORT (18446), SOAK_DURATION (300), SOAK_SAMPLE (30), SOAK_CONNECTIONS (4),
#      SOAK_BUILD (release).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY
PORT="${SOAK_PORT:-18446}"
DURATION="${SOAK_DURATION:-300}"
SAMPLE="${SOAK_SAMPLE:-30}"
CONNS="${SOAK_CONNECTIONS:-4}"
MODE="${SOAK_MODE:-admitted}"
BUILD="${SOAK_BUILD:-release}"
MAX_RSS_MB="${SOAK_MAX_RSS_MB:-0}"
MAX_GROWTH_MB="${SOAK_MAX_GROWTH_MB:-0}"
WARMUP="${SOAK_WARMUP:-$((DURATION / 3))}"
OUT="$ROOT/bench-out"
FIXTURES="${PREMORTEM_FIXTURES:-$ROOT/../shared/fixtures/admission-review}"
mkdir -p "$OUT"
swift build -c "$BUILD" --product premortem >"$OUT/build.log" 2>&1 || { tail -30 "$OUT/build.log" >&2; exit 1; }
BIN="$(swift build -c "$BUILD" --show-bin-path)/premortem"
"$ROOT/certs/make-certs.sh" "$OUT/certs" premortem premortem 2>/dev/null
"$BIN" serve --print-demo-review catalog >"$OUT/review.json"
case "$MODE" in
  admitted) SCRIPT="$ROOT/scripts/load.lua" ;;
  mixed)
    mkdir -p "$OUT/reviews"
    python3 "$ROOT/scripts/make-reviews.py" "$OUT/reviews" "$FIXTURES" "$OUT/review.json"
    SCRIPT="$ROOT/scripts/soak-mixed.lua" ;;
  *) echo "soak.sh: SOAK_MODE must be admitted or mixed" >&2; exit 2 ;;
esac
"$BIN" serve --demo --cert "$OUT/certs/tls.crt" --key "$OUT/certs/tls.key" --address "127.0.0.1:$PORT" \
  --log-level warning </dev/null >"$OUT/soak-server.log" 2>&1 &
PID=$!
trap 'kill -TERM $PID 2>/dev/null || true; wait $PID 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
  curl -sf --max-time 1 --cacert "$OUT/certs/ca.crt" "https://127.0.0.1:$PORT/readyz" >/dev/null 2>&1 && break
  sleep 0.1
done
rss() { awk '/^VmRSS/ {print $2}' "/proc/$PID/status"; }
echo "mode $MODE, $CONNS connections, ${DURATION}s, build $BUILD, $(nproc) cores; RSS at start $(( $(rss) / 1024 )) MiB"
BODY_FILE="$OUT/review.json" BODY_DIR="$OUT/reviews" wrk -t1 -c"$CONNS" -d"${DURATION}s" --timeout 10s --latency \
  -s "$SCRIPT" "https://127.0.0.1:$PORT/validate?timeout=10s" >"$OUT/soak-wrk.txt" 2>&1 &
WRK=$!
echo "t_s rss_kib"
peak=0; warm=""; last=0
for t in $(seq 0 "$SAMPLE" "$DURATION"); do
  kill -0 "$PID" 2>/dev/null || { echo "server died at ${t}s" >&2; exit 1; }
  last="$(rss)"
  echo "$t $last"
  [ "$last" -gt "$peak" ] && peak="$last"
  [ -z "$warm" ] && [ "$t" -ge "$WARMUP" ] && warm="$last"
  [ "$t" -lt "$DURATION" ] && sleep "$SAMPLE"
done
wait "$WRK" || true
grep '^RESULT' "$OUT/soak-wrk.txt" || tail -5 "$OUT/soak-wrk.txt"
kill -0 "$PID" && echo "server alive after ${DURATION}s"
echo "peak $((peak / 1024)) MiB; after warm-up (${WARMUP}s) $((${warm:-0} / 1024)) MiB; end $((last / 1024)) MiB"
status=0
if [ "$MAX_RSS_MB" -gt 0 ] && [ "$peak" -gt $((MAX_RSS_MB * 1024)) ]; then
  echo "FAIL: peak RSS $((peak / 1024)) MiB above the bound of $MAX_RSS_MB MiB" >&2; status=1
fi
if [ "$MAX_GROWTH_MB" -gt 0 ] && [ "$last" -gt $(( ${warm:-0} + MAX_GROWTH_MB * 1024 )) ]; then
  echo "FAIL: RSS grew $(( (last - ${warm:-0}) / 1024 )) MiB after the warm-up (bound $MAX_GROWTH_MB MiB)" >&2; status=1
fi
# Every review must have been answered (a non-2xx or a timeout counts as an error).
if ! grep -q '^RESULT.* errors=0' "$OUT/soak-wrk.txt"; then echo "FAIL: wrk saw errors" >&2; status=1; fi
exit "$status"
