#!/usr/bin/env bash
# Tests of the Helm chart charts/premortem (and the example charts), no cluster needed except for
# the last step:
#   - helm lint --strict with default values and each charts/premortem/ci/*-values.yaml;
#     helm package (without ci/)
#   - the values schema refuses wrong values; the templates refuse contradictory ones
#   - helm template with each values set: the objects against the Kubernetes 1.30 OpenAPI
#     schemas (kubernetes-validate, strict), and what the chart promises
#     (Tests/Chart/check_rendered.py: webhook rules/selector/policies, RBAC, security context,
#     probes, PDB, NetworkPolicy, the generated certificate with openssl)
#   - kubectl apply --dry-run=server of the renders against a real kube-apiserver v1.20.2
#     of its own, on ports 22379/22380/26443 (../shared/tools/apiserver; skip with
#     CHART_TEST_APISERVER=0)
# Prints "N passed, M failed" and exits non-zero on any failure.
# Env: APISERVER_CACHE (~/.cache/premortem-e2e: Helm and the kube-apiserver build are kept there).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
log() { printf '[chart] %s\n' "$*" >&2; }
. "$ROOT/scripts/chart-lib.sh"

CHART=charts/premortem
NS=premortem
WORK="$APISERVER_CACHE/chart-test"
CHECK="python3 $ROOT/Tests/Chart/check_rendered.py"
K8S_SCHEMA_VERSION="${K8S_SCHEMA_VERSION:-1.30.0}"
PASS=0 FAIL=0
rm -rf "$WORK"; mkdir -p "$WORK"

ok()  { log "PASS $*"; PASS=$((PASS+1)); }
bad() { log "FAIL $*"; FAIL=$((FAIL+1)); }
finish() {
  chart_apiserver_down
  echo "$PASS passed, $FAIL failed"
  [ "$FAIL" -eq 0 ] && [ "$PASS" -gt 0 ]
}
trap 'chart_apiserver_down' EXIT
# Runs check_rendered.py (output in OUTFILE) and counts its PASS/FAIL lines; a crash or a run
# that checked nothing counts as a failure.
tally() {  # tally OUTFILE LABEL ARGS...
  local out="$1" label="$2" rc=0 p f; shift 2
  $CHECK "$@" >"$out" 2>&1 || rc=$?
  p="$(grep -c '^PASS ' "$out" || true)"; f="$(grep -c '^FAIL ' "$out" || true)"
  PASS=$((PASS + p)); FAIL=$((FAIL + f))
  grep '^FAIL ' "$out" | sed 's/^/[chart] /' >&2 || true
  if { [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; } || [ "$p" -eq 0 ]; then bad "$label: check_rendered.py exited $rc: $(tail -5 "$out")"; fi
  log "$label: $p passed, $f failed"
}

# ---- tools
need_helm
python3 -c 'import yaml' 2>/dev/null || pip install --quiet pyyaml >&2
python3 -c 'import kubernetes_validate' 2>/dev/null || pip install --quiet 'kubernetes-validate==1.37.0' >&2
command -v openssl >/dev/null || { bad "openssl is missing"; finish; exit 1; }
log "helm $("$HELM" version --short)"

VALUES_SETS=(default "$CHART"/ci/*-values.yaml)
values_args() { [ "$1" = default ] || printf -- '-f\n%s\n' "$1"; }
set_name() { [ "$1" = default ] && echo default || basename "$1" -values.yaml; }

# ---- lint
for v in "${VALUES_SETS[@]}"; do
  mapfile -t va < <(values_args "$v")
  if "$HELM" lint --strict "$CHART" "${va[@]}" >"$WORK/lint.out" 2>&1; then ok "helm lint --strict ($(set_name "$v"))"
  else bad "helm lint --strict ($(set_name "$v")): $(cat "$WORK/lint.out")"; fi
done
for c in charts/examples/*/; do
  if "$HELM" lint --strict "$c" >"$WORK/lint.out" 2>&1; then ok "helm lint --strict $c"
  else bad "helm lint --strict $c: $(cat "$WORK/lint.out")"; fi
done

# ---- package: what a chart repository would serve (the ci/ values stay out)
if "$HELM" package "$CHART" -d "$WORK" >"$WORK/package.out" 2>&1; then
  files="$(tar tzf "$WORK"/premortem-*.tgz)"
  if grep -q '^premortem/values.schema.json$' <<<"$files" && grep -q '^premortem/README.md$' <<<"$files" \
     && ! grep -q '^premortem/ci/' <<<"$files"; then ok "helm package ($(wc -l <<<"$files") files, no ci/)"
  else bad "helm package contents: $files"; fi
else bad "helm package: $(cat "$WORK/package.out")"; fi

# ---- values that must be refused: --set, and the message expected
refuse() {
  local want="$1"; shift
  if "$HELM" template "$NS" "$CHART" -n "$NS" "$@" >/dev/null 2>"$WORK/refuse.err"; then
    bad "accepted: $*"
  elif grep -q -- "$want" "$WORK/refuse.err"; then ok "refused: $* ($want)"
  else bad "refused $*, but not with \"$want\": $(cat "$WORK/refuse.err")"; fi
}
refuse 'must be one of the following: "enforce", "warn", "off"' --set mode=block
refuse 'must be one of the following: "Ignore", "Fail"' --set webhook.failurePolicy=Never
refuse 'Additional property replicas is not allowed' --set replicas=3
refuse 'Additional property port is not allowed' --set webhook.port=1
refuse 'Must be greater than or equal to 1' --set replicaCount=0
refuse 'Must be less than or equal to 30' --set webhook.timeoutSeconds=31
refuse 'Invalid type' --set-string watchSecrets=yes
refuse 'Does not match pattern' --set resources.limits.memory=lots
refuse 'must be one of the following: "preferred", "required", "none"' --set podAntiAffinity=soft
refuse 'set either certManager.enabled or tls.existingSecret' --set certManager.enabled=true --set tls.existingSecret=x
refuse 'needs exactly one of clientAuth.caSecret or clientAuth.caConfigMap' --set clientAuth.enabled=true
refuse 'set tls.caBundle' --set tls.existingSecret=mine

# ---- render, validate, assert
for v in "${VALUES_SETS[@]}"; do
  n="$(set_name "$v")"; mapfile -t va < <(values_args "$v")
  if ! "$HELM" template "$NS" "$CHART" -n "$NS" --kube-version "$K8S_SCHEMA_VERSION" "${va[@]}" >"$WORK/$n.yaml" 2>"$WORK/$n.err"; then
    bad "helm template ($n): $(cat "$WORK/$n.err")"; continue
  fi
  ok "helm template ($n)"
  vargs=(); [ "$v" = default ] || vargs=(--values "$v")
  tally "$WORK/$n.validate" "Kubernetes $K8S_SCHEMA_VERSION schemas ($n)" \
    validate "$WORK/$n.yaml" --kube-version "$K8S_SCHEMA_VERSION"
  tally "$WORK/$n.assert" "chart assertions ($n)" \
    assert "$WORK/$n.yaml" --namespace "$NS" --release "$NS" --kube-version "$K8S_SCHEMA_VERSION" "${vargs[@]}"
done
# The same chart for a 1.20 cluster: policy/v1beta1 PodDisruptionBudget, everything else alike.
"$HELM" template "$NS" "$CHART" -n "$NS" --kube-version 1.20.2 >"$WORK/default-1.20.yaml"
tally "$WORK/default-1.20.assert" "chart assertions (default, Kubernetes 1.20.2)" \
  assert "$WORK/default-1.20.yaml" --kube-version 1.20.2
# Another release name and namespace: the names and the selector follow.
"$HELM" template hooks "$CHART" -n platform-hooks --kube-version "$K8S_SCHEMA_VERSION" >"$WORK/renamed.yaml"
tally "$WORK/renamed.assert" "chart assertions (release hooks in platform-hooks)" \
  assert "$WORK/renamed.yaml" --namespace platform-hooks --release hooks
for c in bad-app good-app; do
  "$HELM" template "$c" "charts/examples/$c" >"$WORK/$c.yaml"
  tally "$WORK/$c.validate" "Kubernetes $K8S_SCHEMA_VERSION schemas ($c)" validate "$WORK/$c.yaml" --kube-version "$K8S_SCHEMA_VERSION"
done
# The schema must describe every value: render with the whole values.yaml given back explicitly.
if "$HELM" template "$NS" "$CHART" -f "$CHART/values.yaml" >/dev/null 2>"$WORK/self.err"; then ok "values.yaml passes its own schema"
else bad "values.yaml against values.schema.json: $(cat "$WORK/self.err")"; fi
# Each value in values.yaml has a row in the README table (its own, or its parent object's).
missing="$(python3 - "$CHART" <<'PY'
import sys, yaml, re
chart = sys.argv[1]
values = yaml.safe_load(open(f"{chart}/values.yaml"))
readme = open(f"{chart}/README.md").read()
def leaves(d, prefix=""):
    for k, v in d.items():
        if isinstance(v, dict) and v:
            yield from leaves(v, prefix + k + ".")
        else:
            yield prefix + k
def documented(key):   # a row for the value or for an object that holds it
    parts = key.split(".")
    return any(f"| `{'.'.join(parts[:i])}` |" in readme for i in range(1, len(parts) + 1))
print(" ".join(k for k in leaves(values) if not documented(k)))
PY
)"
[ -z "$missing" ] && ok "README.md documents every value" || bad "README.md lacks rows for: $missing"

# ---- the renders against a real kube-apiserver v1.20.2 (server-side dry run)
if [ "${CHART_TEST_APISERVER:-1}" = 1 ]; then
  if chart_apiserver_up; then
    ok "kube-apiserver v1.20.2 up ($KUBECONFIG)"
    k() { kubectl --request-timeout=20s "$@"; }
    k get namespace "$NS" >/dev/null 2>&1 || k create namespace "$NS" >/dev/null
    kv="$(k version -o json 2>/dev/null | python3 -c 'import json,sys; print(json.load(sys.stdin)["serverVersion"]["gitVersion"])')"
    for v in "${VALUES_SETS[@]}"; do
      n="$(set_name "$v")"; mapfile -t va < <(values_args "$v")
      # --kube-version of the server: a v1.20 cluster gets what it serves (policy/v1beta1).
      "$HELM" template "$NS" "$CHART" -n "$NS" --kube-version "${kv#v}" "${va[@]}" >"$WORK/$n-server.yaml"
      $CHECK builtin "$WORK/$n-server.yaml" >"$WORK/$n-server-builtin.yaml"
      if k apply --dry-run=server -f "$WORK/$n-server-builtin.yaml" >"$WORK/$n.dry" 2>&1; then
        ok "kubectl apply --dry-run=server ($n, $(grep -c . "$WORK/$n.dry") objects, $kv)"
      else bad "kubectl apply --dry-run=server ($n): $(grep -v '^Warning' "$WORK/$n.dry" | tail -5)"; fi
    done
    for c in bad-app good-app; do
      if k apply --dry-run=server -n default -f "$WORK/$c.yaml" >"$WORK/$c.dry" 2>&1; then ok "kubectl apply --dry-run=server ($c)"
      else bad "kubectl apply --dry-run=server ($c): $(tail -3 "$WORK/$c.dry")"; fi
    done
  else
    bad "kube-apiserver did not come up (see $CHART_API_CACHE/apiserver/*.log)"
  fi
else
  log "skipping the kube-apiserver checks (CHART_TEST_APISERVER=0)"
fi

finish
