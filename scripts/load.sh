#!/usr/bin/env bash
# Load test of the webhook on loopback with wrk (HTTPS, HTTP/1.1 keep-alive, as kube-apiserver calls it):
# a release build of `premortem serve --demo`, POST /validate with a realistic Deployment
# AdmissionReview (the demo's healthy proposal, "catalog"), then the same body against
# POST /allow (always allow, no analysis) as the baseline. Prints throughput, p50 and p99 for
# both and the ratio.
# Env: LOAD_PORT (18445), LOAD_DURATION (15s), LOAD_CONNECTIONS (4: the default concurrency cap on 2 cores), LOAD_THREADS (1),
#      LOAD_PROPOSAL (catalog), LOAD_BUILD (release), LOAD_SERVE_ARGS (extra `serve` flags, e.g. --max-concurrent 8),
#      LOAD_MAX_UNCHECKED_PCT (off: e.g. 1 fails the run when more than 1% of /validate reviews were allowed unchecked).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY
PORT="${LOAD_PORT:-18445}"
DURATION="${LOAD_DURATION:-15s}"
CONNS="${LOAD_CONNECTIONS:-4}"
THREADS="${LOAD_THREADS:-1}"
PROPOSAL="${LOAD_PROPOSAL:-catalog}"
BUILD="${LOAD_BUILD:-release}"
OUT="$ROOT/bench-out"
mkdir -p "$OUT"

command -v wrk >/dev/null || { echo "load.sh: wrk is required (apt-get install wrk)" >&2; exit 1; }
echo "building premortem ($BUILD)..." >&2
swift build -c "$BUILD" --product premortem >"$OUT/build.log" 2>&1 || { tail -30 "$OUT/build.log" >&2; exit 1; }
BIN="$(swift build -c "$BUILD" --show-bin-path)/premortem"
"$ROOT/certs/make-certs.sh" "$OUT/certs" premortem premortem 2>/dev/null
"$BIN" serve --print-demo-review "$PROPOSAL" >"$OUT/review.json"

# shellcheck disable=SC2086
"$BIN" serve --demo --cert "$OUT/certs/tls.crt" --key "$OUT/certs/tls.key" --address "127.0.0.1:$PORT" \
  --log-level warning ${LOAD_SERVE_ARGS:-} </dev/null >"$OUT/server.log" 2>&1 &
PID=$!
trap 'kill -TERM $PID 2>/dev/null || true; wait $PID 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
  curl -sf --max-time 1 --cacert "$OUT/certs/ca.crt" "https://127.0.0.1:$PORT/readyz" >/dev/null 2>&1 && break
  sleep 0.1
done
curl -sf --cacert "$OUT/certs/ca.crt" "https://127.0.0.1:$PORT/readyz" >/dev/null || { tail "$OUT/server.log" >&2; exit 1; }

echo "sample /validate answer: $(curl -s --cacert "$OUT/certs/ca.crt" -H 'Content-Type: application/json' \
  --data-binary @"$OUT/review.json" "https://127.0.0.1:$PORT/validate?timeout=10s" | cut -c1-300)" >&2

run() {  # path
  # warm-up, then the measured run
  BODY_FILE="$OUT/review.json" wrk -t1 -c4 -d2s -s "$ROOT/scripts/load.lua" "https://127.0.0.1:$PORT$1" >/dev/null 2>&1 || true
  BODY_FILE="$OUT/review.json" wrk -t"$THREADS" -c"$CONNS" -d"$DURATION" --latency -s "$ROOT/scripts/load.lua" \
    "https://127.0.0.1:$PORT$1" | tee "$OUT/wrk$(tr '/?=' '___' <<<"$1").txt" | grep '^RESULT'
}
field() { sed -n "s/.* $2=\([0-9.]*\).*/\1/p" <<<"$1"; }

echo "wrk: $THREADS thread(s), $CONNS connections, $DURATION, $(nproc) cores, body $(wc -c <"$OUT/review.json") bytes" >&2
metric() { curl -s --cacert "$OUT/certs/ca.crt" "https://127.0.0.1:$PORT/metrics" | awk -v m="$1" '$1 ~ "^"m { s += $2 } END { print s + 0 }'; }
V="$(run '/validate?timeout=10s')"
# Counted over the measured run and its warm-up: reviews answered, and those allowed unchecked.
REVIEWS="$(metric premortem_admission_requests_total)"
UNCHECKED="$(metric premortem_admission_overloaded_total)"
A="$(run '/allow?timeout=10s')"
printf '%-10s %10s %9s %9s %9s %7s\n' endpoint "reviews/s" "p50 ms" "p99 ms" "max ms" errors
for pair in "validate:$V" "allow:$A"; do
  name="${pair%%:*}"; line="${pair#*:}"
  printf '%-10s %10s %9s %9s %9s %7s\n' "$name" "$(field "$line" rps)" "$(field "$line" p50_ms)" \
    "$(field "$line" p99_ms)" "$(field "$line" max_ms)" "$(field "$line" errors)"
done
awk -v v="$(field "$V" rps)" -v a="$(field "$A" rps)" 'BEGIN { if (a > 0) printf "validate/allow throughput ratio: %.2f\n", v / a }'
PCT="$(awk -v u="$UNCHECKED" -v r="$REVIEWS" 'BEGIN { printf "%.2f", (r > 0 ? 100 * u / r : 0) }')"
echo "allowed unchecked (overloaded): $UNCHECKED of $REVIEWS reviews = $PCT%"
if [ -n "${LOAD_MAX_UNCHECKED_PCT:-}" ] && awk -v p="$PCT" -v m="$LOAD_MAX_UNCHECKED_PCT" 'BEGIN { exit !(p > m) }'; then
  echo "FAIL: more than $LOAD_MAX_UNCHECKED_PCT% allowed unchecked" >&2; exit 1
fi
curl -s --cacert "$OUT/certs/ca.crt" "https://127.0.0.1:$PORT/metrics" | grep -E '^premortem_(admission_requests_total|analysis_cut_short_total|admission_overloaded_total)' >&2 || true
