#!/usr/bin/env bash
# End to end of the live cluster state against a real kube-apiserver (../shared/tools/apiserver),
# in an instance of its own (own state folder and ports), with `premortem serve --kubeconfig`
# registered as the webhook:
#   - Nodes and Pods created through the API (status set through the status subresource, as a
#     kubelet would: no kubelet runs) are what the webhook judges against;
#   - a Deployment too big for those nodes is denied by kubectl apply; after a node is added
#     through the API, the same apply is admitted;
#   - `premortem snapshot` output makes `check --cluster` give the verdicts `check --kubeconfig` gives;
#   - kube-apiserver restarted mid-watch: the webhook reconnects and the next verdict sees a
#     node added after the restart.
# Prints "N passed, M failed" and exits non-zero on any failure. Bounded in time; stops what it starts.
# Env: E2E_BUILD (debug|release, debug), APISERVER_CACHE (~/.cache/premortem-e2e).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
TOOLS="$ROOT/../shared/tools/apiserver"
export APISERVER_CACHE="${APISERVER_CACHE:-${HOME:-/root}/.cache/premortem-e2e}"
unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY
export NO_PROXY=127.0.0.0/8,localhost no_proxy=127.0.0.0/8,localhost

# An apiserver of our own: its state beside the shared build (binaries and sources linked).
LIVE_CACHE="$APISERVER_CACHE/live-apiserver"
export ETCD_CLIENT_PORT="${LIVE_ETCD_CLIENT_PORT:-42379}" ETCD_PEER_PORT="${LIVE_ETCD_PEER_PORT:-42380}"
export APISERVER_PORT="${LIVE_APISERVER_PORT:-46443}"
PORT="${LIVE_WEBHOOK_PORT:-18446}"
BUILD="${E2E_BUILD:-debug}"
WORK="$APISERVER_CACHE/premortem-e2e-live"
HOOK=premortem-e2e-live
NS=live
PASS=0 FAIL=0
mkdir -p "$WORK" "$LIVE_CACHE" "$APISERVER_CACHE/bin" "$APISERVER_CACHE/src"
for l in bin src; do [ -L "$LIVE_CACHE/$l" ] || ln -s "$APISERVER_CACHE/$l" "$LIVE_CACHE/$l"; done

log()  { printf '[e2e-live] %s\n' "$*" >&2; }
ok()   { log "PASS $*"; PASS=$((PASS+1)); }
bad()  { log "FAIL $*"; FAIL=$((FAIL+1)); }
finish() {
  log "$PASS passed, $FAIL failed"
  echo "$PASS passed, $FAIL failed"
  [ "$FAIL" -eq 0 ] && [ "$PASS" -gt 0 ]
}
up() { APISERVER_CACHE="$LIVE_CACHE" "$TOOLS/up.sh"; }

log "building premortem ($BUILD)"
swift build -c "$BUILD" --product premortem >"$WORK/build.log" 2>&1 || { tail -30 "$WORK/build.log" >&2; bad "swift build"; finish; exit 1; }
BIN="$(swift build -c "$BUILD" --show-bin-path)/premortem"

if ! started="$(up)"; then
  log "kube-apiserver did not come up; retrying once"
  APISERVER_CACHE="$LIVE_CACHE" "$TOOLS/down.sh" >/dev/null 2>&1 || true
  sleep 2
  started="$(up)"
fi
eval "$started"
STATE="$LIVE_CACHE/apiserver"
TOKEN="$(cat "$STATE/admin.token")"
k() { kubectl --request-timeout=20s "$@"; }
api() {  # METHOD PATH [JSON] — the API directly, for the status subresource (Debian's kubectl lacks --subresource)
  curl -sf --max-time 10 --cacert "$STATE/pki/ca.crt" -H "Authorization: Bearer $TOKEN" -X "$1" \
    -H 'Content-Type: application/merge-patch+json' "https://127.0.0.1:$APISERVER_PORT$2" ${3:+-d "$3"} >/dev/null
}

PIDFILE="$WORK/premortem.pid"
cleanup() {
  k delete validatingwebhookconfiguration "$HOOK" --ignore-not-found >/dev/null 2>&1 || true
  if [ -s "$PIDFILE" ] && grep -q premortem "/proc/$(cat "$PIDFILE")/cmdline" 2>/dev/null; then
    kill -TERM "$(cat "$PIDFILE")" 2>/dev/null || true
    for _ in $(seq 1 50); do [ -d "/proc/$(cat "$PIDFILE")" ] || break; sleep 0.1; done
    kill -KILL "$(cat "$PIDFILE")" 2>/dev/null || true
  fi
  rm -f "$PIDFILE"
  APISERVER_CACHE="$LIVE_CACHE" "$TOOLS/down.sh" >/dev/null 2>&1 || true
}
trap cleanup EXIT

# ---- the cluster: one 4-CPU node with a 1-CPU pod on it, as a kubelet would report them
node() {  # NAME CPU
  cat <<YAML | k apply -f - >/dev/null
apiVersion: v1
kind: Node
metadata: {name: $1, labels: {kubernetes.io/hostname: $1, topology.kubernetes.io/zone: zone-a}}
YAML
  api PATCH "/api/v1/nodes/$1/status" "{\"status\":{\"capacity\":{\"cpu\":\"$2\",\"memory\":\"16Gi\",\"pods\":\"110\"},\"allocatable\":{\"cpu\":\"$2\",\"memory\":\"16Gi\",\"pods\":\"110\"},\"conditions\":[{\"type\":\"Ready\",\"status\":\"True\",\"reason\":\"KubeletReady\",\"message\":\"ok\",\"lastHeartbeatTime\":\"2026-01-01T00:00:00Z\",\"lastTransitionTime\":\"2026-01-01T00:00:00Z\"}]}}"
  # Created before it reported Ready, the node got the not-ready taint; a node lifecycle
  # controller would lift it once Ready (none runs here).
  k taint nodes "$1" node.kubernetes.io/not-ready:NoSchedule- >/dev/null 2>&1 || true
}
node live-n1 4
k get namespace "$NS" >/dev/null 2>&1 || k create namespace "$NS" >/dev/null
cat <<YAML | k apply -f - >/dev/null
apiVersion: v1
kind: Pod
metadata: {name: existing, namespace: $NS, labels: {app: existing}}
spec:
  nodeName: live-n1
  containers: [{name: app, image: registry.example/app:1, resources: {requests: {cpu: "1", memory: 1Gi}}}]
YAML
api PATCH "/api/v1/namespaces/$NS/pods/existing/status" '{"status":{"phase":"Running","conditions":[{"type":"Ready","status":"True"}],"containerStatuses":[{"name":"app","ready":true,"restartCount":0,"image":"registry.example/app:1","imageID":"","state":{"running":{"startedAt":"2026-01-01T00:00:00Z"}}}]}}'
ok "cluster created through the API: node live-n1 (4 CPU), pod $NS/existing (1 CPU) Running"

cat >"$WORK/big.yaml" <<YAML
apiVersion: apps/v1
kind: Deployment
metadata: {name: big, namespace: $NS}
spec:
  replicas: 1
  selector: {matchLabels: {app: big}}
  template:
    metadata: {labels: {app: big}}
    spec:
      containers: [{name: app, image: registry.example/big:1, resources: {requests: {cpu: "5", memory: 1Gi}}}]
YAML

# ---- check --kubeconfig and a snapshot of the same cluster agree
verdicts() { python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["verdict"], sorted((f["type"], f["severity"], f["object"]["name"]) for f in d["findings"]))'; }
set +e
live_v="$("$BIN" check --kubeconfig "$KUBECONFIG" -f "$WORK/big.yaml" -o json 2>"$WORK/check.err" | verdicts)"
rm -rf "$WORK/snapshot"
"$BIN" snapshot --kubeconfig "$KUBECONFIG" -o "$WORK/snapshot" 2>"$WORK/snapshot.err"; snap_rc=$?
snap_v="$("$BIN" check --cluster "$WORK/snapshot" -f "$WORK/big.yaml" -o json 2>>"$WORK/check.err" | verdicts)"
set -e
[ $snap_rc -eq 0 ] && [ -s "$WORK/snapshot/pods.json" ] && ok "premortem snapshot wrote $(ls "$WORK/snapshot" | wc -l) files" \
  || bad "premortem snapshot: rc=$snap_rc $(cat "$WORK/snapshot.err")"
if [ -n "$live_v" ] && [ "$live_v" = "$snap_v" ] && grep -q '^deny' <<<"$live_v"; then
  ok "check --kubeconfig and check --cluster SNAPSHOT agree: $live_v"
else bad "check --kubeconfig [$live_v] vs --cluster snapshot [$snap_v]: $(cat "$WORK/check.err")"; fi

# ---- the webhook, watching the cluster
"$ROOT/certs/make-certs.sh" "$WORK/certs" premortem premortem 2>/dev/null
CA_BUNDLE="$(base64 -w0 "$WORK/certs/ca.crt")"
setsid "$BIN" serve --kubeconfig "$KUBECONFIG" --cert "$WORK/certs/tls.crt" --key "$WORK/certs/tls.key" \
  --address "127.0.0.1:$PORT" </dev/null >"$WORK/premortem.log" 2>&1 &
echo $! >"$PIDFILE"
ready=0
for _ in $(seq 1 150); do
  curl -sf --max-time 1 --cacert "$WORK/certs/ca.crt" "https://127.0.0.1:$PORT/readyz" >/dev/null 2>&1 && { ready=1; break; }
  kill -0 "$(cat "$PIDFILE")" 2>/dev/null || break
  sleep 0.1
done
[ $ready = 1 ] && ok "premortem serve --kubeconfig ready (every kind listed)" || { tail -20 "$WORK/premortem.log" >&2; bad "webhook not ready"; finish; exit 1; }
cat <<YAML | k apply -f - >/dev/null
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingWebhookConfiguration
metadata: {name: $HOOK}
webhooks:
- name: validate.premortem.io
  clientConfig: {url: "https://127.0.0.1:$PORT/validate", caBundle: $CA_BUNDLE}
  rules:
  - {apiGroups: [apps], apiVersions: [v1], resources: [deployments], operations: [CREATE, UPDATE, DELETE], scope: Namespaced}
  sideEffects: None
  admissionReviewVersions: [v1]
  failurePolicy: Fail
  timeoutSeconds: 10
YAML

run_k() {  # sets RC OUT ERR
  local o e; o="$(mktemp)"; e="$(mktemp)"
  set +e; k "$@" >"$o" 2>"$e"; RC=$?; set -e
  OUT="$(cat "$o")"; ERR="$(cat "$e")"; rm -f "$o" "$e"
}
# The configuration reaches the apiserver through an informer: wait until a dry run is judged.
t0=$(date +%s)
until run_k apply --dry-run=server -f "$WORK/big.yaml"; grep -q 'denied the request: premortem' <<<"$ERR"; do
  [ $(( $(date +%s) - t0 )) -lt 30 ] || { bad "webhook not called within 30s: $ERR"; finish; exit 1; }
  sleep 0.3
done
run_k apply -f "$WORK/big.yaml"
if [ $RC -ne 0 ] && grep -q 'denied the request: premortem: Unschedulable' <<<"$ERR"; then ok "5-CPU Deployment denied on a 4-CPU cluster: $ERR"
else bad "big on one node: rc=$RC out=[$OUT] err=[$ERR]"; fi

# ---- a node added through the API: the watch brings it in, and the same apply goes through
node live-n2 8
t0=$(date +%s); admitted=0
while [ $(( $(date +%s) - t0 )) -lt 20 ]; do
  run_k apply --dry-run=server -f "$WORK/big.yaml"
  [ $RC -eq 0 ] && { admitted=1; break; }
  sleep 0.3
done
run_k apply -f "$WORK/big.yaml"
if [ $admitted = 1 ] && [ $RC -eq 0 ]; then ok "after node live-n2 (8 CPU) was added, the same apply is admitted ($(( $(date +%s) - t0 ))s): $OUT"
else bad "big after adding a node: rc=$RC out=[$OUT] err=[$ERR]"; fi

# ---- kube-apiserver restarted mid-watch; a change after the restart is seen
apid="$(cat "$STATE/kube-apiserver.pid")"
kill -TERM "$apid"; for _ in $(seq 1 100); do [ -d "/proc/$apid" ] || break; sleep 0.1; done
# Its graceful shutdown can outlast our patience: what matters here is that it goes away.
[ -d "/proc/$apid" ] && kill -KILL "$apid" 2>/dev/null || true
for _ in $(seq 1 50); do [ -d "/proc/$apid" ] || break; sleep 0.1; done
sleep 1
restarted="$(up)" || { bad "kube-apiserver did not come back"; finish; exit 1; }
eval "$restarted"
ok "kube-apiserver restarted (was pid $apid, now $(cat "$STATE/kube-apiserver.pid"))"
cat >"$WORK/big2.yaml" <<YAML
$(sed 's/name: big, namespace/name: big2, namespace/; s/app: big/app: big2/g' "$WORK/big.yaml")
YAML
# big runs on live-n2; a second one fits nowhere until a node comes after the restart.
run_k apply --dry-run=server -f "$WORK/big2.yaml"
[ $RC -ne 0 ] && grep -q 'denied the request: premortem: Unschedulable' <<<"$ERR" && ok "a second 5-CPU Deployment is denied: no room left" \
  || bad "big2 before live-n3: rc=$RC err=[$ERR]"
node live-n3 8
t0=$(date +%s); admitted=0
while [ $(( $(date +%s) - t0 )) -lt 60 ]; do
  run_k apply --dry-run=server -f "$WORK/big2.yaml"
  [ $RC -eq 0 ] && { admitted=1; break; }
  sleep 0.5
done
[ $admitted = 1 ] && ok "node live-n3, added after the restart, is seen: the second Deployment is admitted ($(( $(date +%s) - t0 ))s)" \
  || bad "after apiserver restart: rc=$RC err=[$ERR]; $(grep -c 'list/watch failed' "$WORK/premortem.log") reconnects logged"
grep -q '"msg":"list/watch failed; retrying"' "$WORK/premortem.log" && ok "the reconnect is in the log" || bad "no reconnect logged"
metrics="$(curl -sf --max-time 2 --cacert "$WORK/certs/ca.crt" "https://127.0.0.1:$PORT/metrics")"
grep -q 'premortem_watch_reconnects_total{kind="Node"}' <<<"$metrics" && ok "reconnects counted in /metrics" || bad "no reconnect metric"
finish
