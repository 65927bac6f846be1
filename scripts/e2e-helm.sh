#!/usr/bin/env bash
# End to end with Helm and a real kube-apiserver v1.20 (../shared/tools/apiserver):
#   - helm install charts/premortem (service form, failurePolicy Fail, a pinned ClusterIP)
#   - no kubelet runs, so the chart's pods never start: this script plays them, with a local
#     `premortem serve` started with the Deployment's own arguments, the chart-generated TLS
#     Secret, and the Service's ClusterIP:port as its address (kube-apiserver 1.20 dials
#     <clusterIP>:<port> with ServerName <svc>.<ns>.svc)
#   - helm install charts/examples/bad-app is refused with premortem's RestartLoop message;
#     helm install charts/examples/good-app succeeds; the install notes' example is denied
#   - helm upgrade keeps the TLS Secret byte for byte (lookup), and the webhook keeps working
#   - `helm install --post-renderer premortem --post-renderer-args helm-post-render`: bad-app is
#     refused before anything is sent; an allowed release passes through byte for byte
#   - the binary linked as kubectl-premortem: `kubectl premortem check -n NS -f …` on the context
#   - helm upgrade --set mode=warn: the same bad-app is admitted, with the finding as a warning
#   - with the server stopped, failurePolicy Fail refuses changes, except in namespaces the
#     namespaceSelector leaves out (premortem.io/mode=off, the release namespace)
# Prints "N passed, M failed" and exits non-zero on any failure.
# Env: PREMORTEM_BIN (default .build/debug/premortem; this script does not build it),
#      PREMORTEM_SOURCE_ARGS (default "--kubeconfig $KUBECONFIG"; "--demo" for a server without it),
#      E2E_SVC_IP (127.100.0.20, inside the apiserver's 127.100.0.0/24 service range),
#      APISERVER_CACHE (~/.cache/premortem-e2e), CHART_KEEP_APISERVER=1 to leave the apiserver up.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
log() { printf '[e2e-helm] %s\n' "$*" >&2; }
. "$ROOT/scripts/chart-lib.sh"

BIN="${PREMORTEM_BIN:-$ROOT/.build/debug/premortem}"
SVC_IP="${E2E_SVC_IP:-127.100.0.20}"
SVC_PORT=443
NS=premortem
APP_NS=shop
HOST="premortem.$NS.svc"
WORK="$APISERVER_CACHE/e2e-helm"
PIDFILE="$WORK/premortem.pid"
PASS=0 FAIL=0
rm -rf "$WORK"; mkdir -p "$WORK"

ok()  { log "PASS $*"; PASS=$((PASS+1)); }
bad() { log "FAIL $*"; FAIL=$((FAIL+1)); }
finish() {
  log "$PASS passed, $FAIL failed"
  echo "$PASS passed, $FAIL failed"
  [ "$FAIL" -eq 0 ] && [ "$PASS" -gt 0 ]
}
k() { kubectl --request-timeout=20s "$@"; }
h() { timeout 120 "$HELM" "$@"; }
run() {  # run CMD...: sets RC and OUT (stdout+stderr)
  set +e; OUT="$("$@" 2>&1)"; RC=$?; set -e
}

stop_server() {
  [ -s "$PIDFILE" ] || return 0
  local pid; pid="$(cat "$PIDFILE")"
  if [ -d "/proc/$pid" ] && grep -q premortem "/proc/$pid/cmdline" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 100); do [ -d "/proc/$pid" ] || break; sleep 0.1; done
    [ -d "/proc/$pid" ] && kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$PIDFILE"
}
cleanup() {
  if [ -n "${KUBECONFIG:-}" ] && [ "$CHART_API_STARTED" = 1 ]; then
    for r in good:$APP_NS bad:$APP_NS bad-pr:$APP_NS bad-warned:$APP_NS premortem:$NS; do
      h uninstall "${r%%:*}" -n "${r#*:}" >/dev/null 2>&1 || true
    done
  fi
  stop_server
  chart_apiserver_down
}
trap cleanup EXIT

# ---- prerequisites
[ -x "$BIN" ] || { bad "no premortem binary at $BIN (swift build first, or set PREMORTEM_BIN)"; finish; exit 1; }
need_helm
chart_apiserver_up || { bad "kube-apiserver did not come up"; finish; exit 1; }
SOURCE_ARGS="${PREMORTEM_SOURCE_ARGS:---kubeconfig $KUBECONFIG}"
log "premortem: $BIN ($SOURCE_ARGS); helm $("$HELM" version --short); KUBECONFIG=$KUBECONFIG"

# ---- a Node with room for good-app (2 CPU, 4Gi), its status set as a kubelet would
NODE=e2e-node-1
k create -f - >/dev/null <<YAML
apiVersion: v1
kind: Node
metadata:
  name: $NODE
  labels: {kubernetes.io/hostname: $NODE, kubernetes.io/os: linux, kubernetes.io/arch: amd64}
YAML
now="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
status="{\"status\":{\"capacity\":{\"cpu\":\"2\",\"memory\":\"4Gi\",\"pods\":\"110\"},
 \"allocatable\":{\"cpu\":\"2\",\"memory\":\"4Gi\",\"pods\":\"110\"},
 \"conditions\":[{\"type\":\"Ready\",\"status\":\"True\",\"reason\":\"KubeletReady\",\"message\":\"played by e2e-helm.sh\",
   \"lastHeartbeatTime\":\"$now\",\"lastTransitionTime\":\"$now\"}]}}"
# The status subresource through curl: kubectl patch --subresource needs kubectl 1.24+.
python3 - "$KUBECONFIG" "$WORK" <<'PY'
import base64, sys, yaml
cfg = yaml.safe_load(open(sys.argv[1]))
cluster, user = cfg["clusters"][0]["cluster"], cfg["users"][0]["user"]
open(f"{sys.argv[2]}/api-ca.crt", "wb").write(base64.b64decode(cluster["certificate-authority-data"]))
open(f"{sys.argv[2]}/api.server", "w").write(cluster["server"])
open(f"{sys.argv[2]}/api.token", "w").write(user["token"])
PY
chmod 600 "$WORK/api.token"
if curl -sf --max-time 10 --cacert "$WORK/api-ca.crt" -H "Authorization: Bearer $(cat "$WORK/api.token")" \
     -H 'Content-Type: application/merge-patch+json' -X PATCH --data "$status" \
     "$(cat "$WORK/api.server")/api/v1/nodes/$NODE/status" >/dev/null \
   && [ "$(k get node "$NODE" -o jsonpath='{.status.allocatable.cpu}')" = 2 ]; then
  ok "node $NODE Ready with 2 CPU / 4Gi"
else bad "could not set the status of node $NODE"; fi
# kube-apiserver's TaintNodesByCondition admission taints every new Node not-ready:NoSchedule,
# and the node lifecycle controller lifts it once the node is Ready; no controller-manager
# runs here, so play that part too (the scheduler, real or simulated, honours the taint).
k taint nodes "$NODE" node.kubernetes.io/not-ready:NoSchedule- >/dev/null 2>&1 || true
[ -z "$(k get node "$NODE" -o jsonpath='{.spec.taints}')" ] && ok "node $NODE untainted, as the node lifecycle controller would" \
  || bad "node $NODE still tainted: $(k get node "$NODE" -o jsonpath='{.spec.taints}')"

# ---- install the chart
INSTALL_ARGS=(--set "service.clusterIP=$SVC_IP" --set webhook.failurePolicy=Fail)
run h install premortem charts/premortem -n "$NS" --create-namespace "${INSTALL_ARGS[@]}"
if [ $RC -eq 0 ]; then ok "helm install premortem"; else bad "helm install premortem: $OUT"; finish; exit 1; fi
grep -q 'kubectl apply --dry-run=server' <<<"$OUT" && ok "install notes show a server-side dry run" \
  || bad "install notes lack the dry-run example: $OUT"
printf '%s\n' "$OUT" >"$WORK/install.out"
# kube-apiserver 1.21+ labels every namespace with its name; 1.20 does not, so do it here, as the
# chart README tells users of such clusters to, and the namespaceSelector can be tested.
k label namespace "$NS" "kubernetes.io/metadata.name=$NS" --overwrite >/dev/null
secret_sum() { k -n "$NS" get secret premortem-tls -o jsonpath='{.data}' | sha256sum | cut -d' ' -f1; }
SUM_BEFORE="$(secret_sum)"
CA_BEFORE="$(k get validatingwebhookconfiguration premortem -o jsonpath='{.webhooks[0].clientConfig.caBundle}')"
for key in tls.crt tls.key ca.crt; do
  k -n "$NS" get secret premortem-tls -o jsonpath="{.data.${key//./\\.}}" | base64 -d >"$WORK/$key"
done
chmod 600 "$WORK/tls.key"
[ "$(base64 -w0 "$WORK/ca.crt")" = "$CA_BEFORE" ] && ok "caBundle is the Secret's ca.crt" || bad "caBundle differs from the Secret's ca.crt"
[ "$(k -n "$NS" get svc premortem -o jsonpath='{.spec.clusterIP}:{.spec.ports[0].port}')" = "$SVC_IP:$SVC_PORT" ] \
  && ok "Service at $SVC_IP:$SVC_PORT" || bad "Service is not at $SVC_IP:$SVC_PORT"

# ---- play the chart's pod: the Deployment's arguments, with local paths and address
curl_svc() { curl -sf --max-time 2 --cacert "$WORK/ca.crt" --resolve "$HOST:$SVC_PORT:$SVC_IP" "https://$HOST:$SVC_PORT$1"; }
start_server() {  # from the Deployment as it is now; returns once /readyz answers
  local args src t0
  mapfile -t args < <(k -n "$NS" get deployment premortem -o json | python3 -c '
import json, sys
c = json.load(sys.stdin)["spec"]["template"]["spec"]["containers"][0]
drop = ("--address", "--cert", "--key", "--client-ca")
for a in c.get("args", []):
    if not a.startswith(tuple(d + "=" for d in drop)):
        print(a)')
  # shellcheck disable=SC2206
  src=($SOURCE_ARGS)
  log "premortem ${args[*]} ${src[*]} --cert … --key … --address $SVC_IP:$SVC_PORT"
  POD_NAMESPACE="$NS" setsid "$BIN" "${args[@]}" "${src[@]}" --cert "$WORK/tls.crt" --key "$WORK/tls.key" \
    --address "$SVC_IP:$SVC_PORT" </dev/null >>"$WORK/premortem.log" 2>&1 &
  echo $! >"$PIDFILE"
  # Ready once it has listed the cluster; 60 s is far more than a cluster this small needs.
  t0=$(date +%s)
  while [ $(( $(date +%s) - t0 )) -lt 60 ]; do
    curl_svc /readyz >/dev/null 2>&1 && return 0
    kill -0 "$(cat "$PIDFILE")" 2>/dev/null || break
    sleep 0.2
  done
  return 1
}
if start_server; then ok "premortem ready on $SVC_IP:$SVC_PORT, certificate valid for $HOST"
else bad "premortem not ready: $(tail -20 "$WORK/premortem.log")"; finish; exit 1; fi

# ---- the example apps
k create namespace "$APP_NS" >/dev/null
"$HELM" template bad charts/examples/bad-app -n "$APP_NS" >"$WORK/bad-app.yaml"
# The apiserver picks the webhook configuration up through an informer: wait until it calls us.
t0=$(date +%s); active=0
while [ $(( $(date +%s) - t0 )) -lt 30 ]; do
  run k apply --dry-run=server -n "$APP_NS" -f "$WORK/bad-app.yaml"
  grep -q 'denied the request' <<<"$OUT" && { active=1; break; }
  sleep 0.5
done
[ $active = 1 ] && ok "webhook active after $(( $(date +%s) - t0 ))s" || bad "webhook never denied the dry run: $OUT"

run h install bad charts/examples/bad-app -n "$APP_NS"
printf '%s\n' "$OUT" >"$WORK/bad.out"
if [ $RC -ne 0 ] && grep -q 'admission webhook "validate.premortem.io" denied the request: premortem' <<<"$OUT" \
   && grep -q RestartLoop <<<"$OUT"; then
  ok "helm install bad-app refused: $(grep -o 'denied the request: .*' <<<"$OUT" | cut -c1-200)"
else bad "helm install bad-app: rc=$RC $OUT"; fi
run k -n "$APP_NS" get deployment bad
[ $RC -ne 0 ] && ok "bad-app Deployment not stored" || bad "bad-app Deployment exists: $OUT"

run h install good charts/examples/good-app -n "$APP_NS"
printf '%s\n' "$OUT" >"$WORK/good.out"
if [ $RC -eq 0 ] && [ "$(k -n "$APP_NS" get deployment good -o jsonpath='{.spec.replicas}')" = 1 ]; then
  ok "helm install good-app admitted$(grep -q '^W.*premortem' <<<"$OUT" && echo " (with warnings: $(grep premortem <<<"$OUT" | head -2 | tr '\n' ' '))")"
else bad "helm install good-app: rc=$RC $OUT"; fi

# The install notes' own example, pasted into a shell as a user would.
sed -n '/^kubectl create namespace premortem-try$/,/^YAML$/p' "$WORK/install.out" >"$WORK/notes-example.sh"
run timeout 60 bash "$WORK/notes-example.sh"
if [ $RC -ne 0 ] && grep -q 'denied the request: premortem' <<<"$OUT" && grep -q RestartLoop <<<"$OUT"; then
  ok "the install notes' example, run as printed, is denied as they say"
else bad "install notes' example ($WORK/notes-example.sh): rc=$RC $OUT"; fi

# ---- upgrade: the generated certificate survives (lookup), the webhook keeps answering
run h upgrade premortem charts/premortem -n "$NS" "${INSTALL_ARGS[@]}" --set logLevel=debug
[ $RC -eq 0 ] && ok "helm upgrade premortem" || bad "helm upgrade premortem: $OUT"
[ "$(secret_sum)" = "$SUM_BEFORE" ] && ok "TLS Secret byte-identical after upgrade (sha256 ${SUM_BEFORE:0:12}…)" \
  || bad "TLS Secret changed on upgrade"
[ "$(k get validatingwebhookconfiguration premortem -o jsonpath='{.webhooks[0].clientConfig.caBundle}')" = "$CA_BEFORE" ] \
  && ok "caBundle unchanged after upgrade" || bad "caBundle changed on upgrade"
k -n "$NS" get deployment premortem -o jsonpath='{.spec.template.spec.containers[0].args}' | grep -q -- '--log-level=debug' \
  && ok "upgrade applied (--log-level=debug)" || bad "upgrade did not change the Deployment"
run k apply --dry-run=server -n "$APP_NS" -f "$WORK/bad-app.yaml"
grep -q 'denied the request: premortem' <<<"$OUT" && ok "bad-app still denied after upgrade" || bad "after upgrade: $OUT"

# ---- whole releases before install: premortem as Helm's post-renderer
PR=(--post-renderer "$BIN" --post-renderer-args helm-post-render)
run h install bad-pr charts/examples/bad-app -n "$APP_NS" "${PR[@]}"
printf '%s\n' "$OUT" >"$WORK/bad-post-render.out"
if [ $RC -ne 0 ] && grep -q RestartLoop <<<"$OUT" && grep -q 'the release was not applied' <<<"$OUT" \
   && ! k -n "$APP_NS" get deployment bad-pr >/dev/null 2>&1 && ! h status bad-pr -n "$APP_NS" >/dev/null 2>&1; then
  ok "helm install --post-renderer premortem: bad-app refused before anything was sent, no release recorded"
else bad "helm install bad-app with the post-renderer: rc=$RC $OUT"; fi
run h upgrade good charts/examples/good-app -n "$APP_NS" "${PR[@]}"
[ $RC -eq 0 ] && ok "helm upgrade good-app through the post-renderer" || bad "helm upgrade good-app with the post-renderer: rc=$RC $OUT"
"$HELM" template good charts/examples/good-app -n "$APP_NS" >"$WORK/good-rendered.yaml"
set +e; HELM_NAMESPACE="$APP_NS" "$BIN" helm-post-render <"$WORK/good-rendered.yaml" >"$WORK/good-post-rendered.yaml" 2>"$WORK/good-post-render.err"; RC=$?; set -e
cmp -s "$WORK/good-rendered.yaml" "$WORK/good-post-rendered.yaml" && [ $RC -eq 0 ] \
  && ok "post-renderer passes an allowed release through byte for byte (current context from KUBECONFIG, HELM_NAMESPACE)" \
  || bad "post-renderer on good-app: rc=$RC, output differs or: $(cat "$WORK/good-post-render.err")"

# ---- the binary as a kubectl plugin: `kubectl premortem` against the current context
mkdir -p "$WORK/plugin-bin"; ln -sf "$BIN" "$WORK/plugin-bin/kubectl-premortem"
run env PATH="$WORK/plugin-bin:$PATH" kubectl plugin list
grep -q kubectl-premortem <<<"$OUT" && ok "kubectl plugin list finds kubectl-premortem" || bad "kubectl plugin list: $OUT"
run env PATH="$WORK/plugin-bin:$PATH" kubectl premortem check -f "$WORK/bad-app.yaml" -n "$APP_NS"
if [ $RC -eq 1 ] && grep -q RestartLoop <<<"$OUT" && grep -q "Deployment $APP_NS/bad" <<<"$OUT"; then
  ok "kubectl premortem check -n $APP_NS: bad-app denied"
else bad "kubectl premortem check bad-app: rc=$RC $OUT"; fi
run env PATH="$WORK/plugin-bin:$PATH" kubectl premortem check -f "$WORK/good-rendered.yaml" -n "$APP_NS" -o json
if [ $RC -eq 0 ] && python3 -c 'import json,sys; d=json.loads(sys.argv[1]); assert d["verdict"] in ("allow","warn"), d' "$OUT" 2>/dev/null; then
  ok "kubectl premortem check -o json: good-app $(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["verdict"])' "$OUT")"
else bad "kubectl premortem check good-app: rc=$RC $OUT"; fi
run env PATH="$WORK/plugin-bin:$PATH" kubectl premortem plan --help
grep -q 'kubectl premortem plan' <<<"$OUT" && ok "kubectl premortem plan --help names itself as a kubectl command" || bad "plugin help: $OUT"

# ---- mode from the chart: warn admits bad-app, with premortem's finding as a warning
run h upgrade premortem charts/premortem -n "$NS" "${INSTALL_ARGS[@]}" --set mode=warn
[ $RC -eq 0 ] && ok "helm upgrade premortem --set mode=warn" || bad "helm upgrade --set mode=warn: $OUT"
stop_server
if start_server; then ok "premortem restarted with the upgraded arguments"; else bad "premortem restart: $(tail -5 "$WORK/premortem.log")"; fi
# Another release name: the refused install left a failed release "bad" behind.
run h install bad-warned charts/examples/bad-app -n "$APP_NS"
printf '%s\n' "$OUT" >"$WORK/bad-warn.out"
if [ $RC -eq 0 ] && grep -q 'premortem' <<<"$OUT" && grep -q RestartLoop <<<"$OUT"; then
  ok "mode warn: helm install bad-app admitted with a warning: $(grep -m1 -o 'premortem.*' <<<"$OUT" | cut -c1-120)"
else bad "mode warn: helm install bad-app: rc=$RC $OUT"; fi

# ---- with no server: failurePolicy Fail refuses, the namespaceSelector's exclusions still pass
stop_server
"$HELM" template good2 charts/examples/good-app -n "$APP_NS" >"$WORK/good2.yaml"
run k apply --dry-run=server -n "$APP_NS" -f "$WORK/good2.yaml"
if [ $RC -ne 0 ] && grep -q 'failed calling webhook' <<<"$OUT"; then ok "webhook down + failurePolicy Fail: refused ($(cut -c1-160 <<<"$OUT"))"
else bad "webhook down + Fail: rc=$RC $OUT"; fi
k create namespace quiet >/dev/null && k label namespace quiet premortem.io/mode=off >/dev/null
run k apply --dry-run=server -n quiet -f "$WORK/good2.yaml"
[ $RC -eq 0 ] && ok "webhook down: a namespace labelled premortem.io/mode=off is not sent to it" \
  || bad "premortem.io/mode=off namespace: rc=$RC $OUT"
run h uninstall premortem -n "$NS"
[ $RC -eq 0 ] && ok "webhook down: helm uninstall premortem (its own namespace is excluded)" || bad "helm uninstall premortem: $OUT"

finish
