#!/usr/bin/env bash
# End to end with a real kube-apiserver (../shared/tools/apiserver): `premortem serve --demo`
# behind a ValidatingWebhookConfiguration (url form, failurePolicy Fail), proven with kubectl:
#   - the demo's over-capacity Deployment is denied (apply and apply --dry-run=server), with our message
#   - the partial-capacity one is admitted with our `Warning:` lines
#   - a healthy one is admitted silently; UPDATE and DELETE of it too
#   - SIGTERM stops the webhook cleanly (exit 0); with it gone, Fail blocks and Ignore lets applies through
# Prints "N passed, M failed" and exits non-zero on any failure.
# Env: E2E_PORT (18444), E2E_BUILD (debug|release, debug), APISERVER_CACHE (~/.cache/premortem-e2e;
# the 4-minute kube-apiserver build is cached there), E2E_KEEP_APISERVER=1 to leave it running.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
TOOLS="$ROOT/../shared/tools/apiserver"
# Outside the clone, so the kube-apiserver build is reused by later runs on this machine.
export APISERVER_CACHE="${APISERVER_CACHE:-${HOME:-/root}/.cache/premortem-e2e}"
unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY
export NO_PROXY=127.0.0.0/8,localhost no_proxy=127.0.0.0/8,localhost

PORT="${E2E_PORT:-18444}"
BUILD="${E2E_BUILD:-debug}"
WORK="$APISERVER_CACHE/premortem-e2e"
HOOK=premortem-e2e
NS=shop
PASS=0 FAIL=0
mkdir -p "$WORK"

log()  { printf '[e2e] %s\n' "$*" >&2; }
ok()   { log "PASS $*"; PASS=$((PASS+1)); }
bad()  { log "FAIL $*"; FAIL=$((FAIL+1)); }
finish() {
  log "$PASS passed, $FAIL failed"
  echo "$PASS passed, $FAIL failed"
  [ "$FAIL" -eq 0 ] && [ "$PASS" -gt 0 ]
}

# ---- build
log "building premortem ($BUILD)"
swift build -c "$BUILD" --product premortem >"$WORK/build.log" 2>&1 || { tail -30 "$WORK/build.log" >&2; bad "swift build"; finish; exit 1; }
BIN="$(swift build -c "$BUILD" --show-bin-path)/premortem"

# ---- apiserver (idempotent; builds kube-apiserver only when the cache has no binary)
# kube-apiserver 1.20 has been seen to stop right after it starts serving when the machine is
# busy (its crd-informer-synced post-start hook gives up); one clean retry covers that.
if ! up="$("$TOOLS/up.sh")"; then
  log "kube-apiserver did not come up; retrying once"
  "$TOOLS/down.sh" >/dev/null 2>&1 || true
  sleep 2
  up="$("$TOOLS/up.sh")"
fi
eval "$up"
k() { kubectl --request-timeout=20s "$@"; }

# ---- certificates and manifests
"$ROOT/certs/make-certs.sh" "$WORK/certs" premortem premortem 2>/dev/null
CA_BUNDLE="$(base64 -w0 "$WORK/certs/ca.crt")"
for p in vector-index thumbnailer catalog; do
  "$BIN" serve --print-demo-proposal "$p" >"$WORK/$p.yaml" || { bad "no demo proposal $p"; finish; exit 1; }
done

# ---- the webhook
PIDFILE="$WORK/premortem.pid"
start_webhook() {
  setsid "$BIN" serve --demo --cert "$WORK/certs/tls.crt" --key "$WORK/certs/tls.key" \
    --address "127.0.0.1:$PORT" </dev/null >"$WORK/premortem.log" 2>&1 &
  echo $! >"$PIDFILE"
  for _ in $(seq 1 100); do
    curl -sf --max-time 1 --cacert "$WORK/certs/ca.crt" "https://127.0.0.1:$PORT/readyz" >/dev/null 2>&1 && return 0
    kill -0 "$(cat "$PIDFILE")" 2>/dev/null || break
    sleep 0.1
  done
  tail -20 "$WORK/premortem.log" >&2; return 1
}
stop_webhook() {  # TERM, then wait (bounded); sets STOP_RC
  STOP_RC=none
  [ -s "$PIDFILE" ] || return 0
  local pid; pid="$(cat "$PIDFILE")"
  if [ -d "/proc/$pid" ] && grep -q premortem "/proc/$pid/cmdline" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 100); do [ -d "/proc/$pid" ] || break; sleep 0.1; done
    if [ -d "/proc/$pid" ]; then kill -KILL "$pid" 2>/dev/null || true; STOP_RC=killed; fi
    [ "$STOP_RC" = killed ] || { wait "$pid" 2>/dev/null; STOP_RC=$?; } || true
  fi
  rm -f "$PIDFILE"
}
vwc() {  # failurePolicy
  cat <<YAML
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingWebhookConfiguration
metadata: {name: $HOOK}
webhooks:
- name: validate.premortem.io
  clientConfig:
    url: https://127.0.0.1:$PORT/validate
    caBundle: $CA_BUNDLE
  rules:
  - apiGroups: ["apps"]
    apiVersions: ["v1"]
    resources: ["deployments", "daemonsets", "statefulsets", "replicasets"]
    operations: ["CREATE", "UPDATE", "DELETE"]
    scope: Namespaced
  - apiGroups: [""]
    apiVersions: ["v1"]
    resources: ["pods", "services"]
    operations: ["CREATE", "UPDATE", "DELETE"]
    scope: Namespaced
  - apiGroups: ["batch"]
    apiVersions: ["v1", "v1beta1"]
    resources: ["jobs", "cronjobs"]
    operations: ["CREATE", "UPDATE", "DELETE"]
    scope: Namespaced
  sideEffects: None
  admissionReviewVersions: ["v1", "v1beta1"]
  failurePolicy: $1
  timeoutSeconds: 10
YAML
}
cleanup() {
  k delete validatingwebhookconfiguration "$HOOK" --ignore-not-found >/dev/null 2>&1 || true
  k -n "$NS" delete deployment vector-index thumbnailer catalog --ignore-not-found --wait=false >/dev/null 2>&1 || true
  stop_webhook
  if [ "${E2E_KEEP_APISERVER:-0}" != 1 ]; then "$TOOLS/down.sh" >/dev/null 2>&1 || true; fi
}
trap cleanup EXIT

run_k() {  # sets RC OUT ERR; manifest on stdin
  local o e; o="$(mktemp)"; e="$(mktemp)"
  set +e; k "$@" >"$o" 2>"$e"; RC=$?; set -e
  OUT="$(cat "$o")"; ERR="$(cat "$e")"; rm -f "$o" "$e"
}
requests_seen() {
  curl -sf --max-time 2 --cacert "$WORK/certs/ca.crt" "https://127.0.0.1:$PORT/metrics" 2>/dev/null \
    | awk '/^premortem_admission_requests_total/ {n += $2} END {print n + 0}'
}

k get namespace "$NS" >/dev/null 2>&1 || k create namespace "$NS" >/dev/null
k -n "$NS" delete deployment vector-index thumbnailer catalog --ignore-not-found >/dev/null 2>&1 || true
start_webhook && ok "premortem serve --demo ready on 127.0.0.1:$PORT" || { bad "webhook did not start"; finish; exit 1; }
vwc Fail | k apply -f - >/dev/null

# The apiserver picks the configuration up through an informer: wait until our server sees a request.
t0=$(date +%s)
until [ "$(requests_seen)" -gt 0 ]; do
  k apply --dry-run=server -f "$WORK/catalog.yaml" >/dev/null 2>&1 || true
  [ $(( $(date +%s) - t0 )) -lt 30 ] || { bad "webhook not called within 30s"; finish; exit 1; }
  sleep 0.3
done
ok "webhook active after $(( $(date +%s) - t0 ))s"

# ---- deny
run_k apply -f "$WORK/vector-index.yaml"
if [ $RC -ne 0 ] && grep -q 'admission webhook "validate.premortem.io" denied the request: premortem: ' <<<"$ERR"; then
  ok "over-capacity vector-index denied: $ERR"
else bad "over-capacity vector-index: rc=$RC stdout=[$OUT] stderr=[$ERR]"; fi
run_k apply --dry-run=server -f "$WORK/vector-index.yaml"
if [ $RC -ne 0 ] && grep -q 'denied the request: premortem: ' <<<"$ERR"; then
  ok "over-capacity vector-index denied on --dry-run=server"
else bad "dry-run vector-index: rc=$RC stdout=[$OUT] stderr=[$ERR]"; fi

# ---- warn
run_k apply -f "$WORK/thumbnailer.yaml"
if [ $RC -eq 0 ] && grep -q '^Warning: premortem' <<<"$ERR"; then
  ok "partial-capacity thumbnailer admitted with: $(grep '^Warning' <<<"$ERR" | tr '\n' ' ')"
else bad "partial-capacity thumbnailer: rc=$RC stdout=[$OUT] stderr=[$ERR]"; fi

# ---- healthy: CREATE, UPDATE (apply again with a change), DELETE, all silent
run_k apply -f "$WORK/catalog.yaml"
if [ $RC -eq 0 ] && [ -z "$ERR" ]; then ok "healthy catalog admitted silently: $OUT"
else bad "healthy catalog: rc=$RC stdout=[$OUT] stderr=[$ERR]"; fi
sed 's/^\(  *\)replicas: 2$/\1replicas: 3/' "$WORK/catalog.yaml" >"$WORK/catalog-3.yaml"
run_k apply -f "$WORK/catalog-3.yaml"
if [ $RC -eq 0 ] && [ -z "$ERR" ]; then ok "healthy catalog UPDATE admitted silently: $OUT"
else bad "catalog UPDATE: rc=$RC stdout=[$OUT] stderr=[$ERR]"; fi
run_k -n "$NS" delete deployment catalog --wait=false </dev/null
if [ $RC -eq 0 ] && [ -z "$ERR" ]; then ok "catalog DELETE admitted silently"
else bad "catalog DELETE: rc=$RC stdout=[$OUT] stderr=[$ERR]"; fi
got="$(k -n "$NS" get deployments -o name | sort | tr '\n' ' ')"
[ "$got" = "deployment.apps/thumbnailer " ] && ok "stored deployments: $got" || bad "unexpected stored deployments: [$got]"
grep -q '"msg":"admission review answered"' "$WORK/premortem.log" && ok "JSON request log written" \
  || bad "no JSON request log line in $WORK/premortem.log"

# ---- graceful stop, then failurePolicy Fail vs Ignore with the webhook gone
stop_webhook
[ "$STOP_RC" = 0 ] && ok "SIGTERM: premortem exited 0" || bad "SIGTERM: premortem exit status $STOP_RC"
run_k apply --dry-run=server -f "$WORK/catalog.yaml"
[ $RC -ne 0 ] && ok "webhook down + failurePolicy Fail: apply refused ($(head -1 <<<"$ERR"))" \
  || bad "webhook down + Fail: apply went through: [$OUT]"
vwc Ignore | k apply -f - >/dev/null
t0=$(date +%s); passed=0
while [ $(( $(date +%s) - t0 )) -lt 30 ]; do
  run_k apply -f "$WORK/vector-index.yaml"
  if [ $RC -eq 0 ]; then passed=1; break; fi
  sleep 0.3
done
[ $passed = 1 ] && ok "webhook down + failurePolicy Ignore: vector-index applied ($OUT)" \
  || bad "webhook down + Ignore: rc=$RC stderr=[$ERR]"

finish
