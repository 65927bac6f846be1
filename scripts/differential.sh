#!/usr/bin/env bash
# Differential tests: generated scenarios through the REAL kube-apiserver + kube-scheduler +
# kube-controller-manager v1.20.2 (../shared/tools/apiserver), compared with
# `premortem simulate`. See Tests/Differential/README.md.
#
#   scripts/differential.sh [--count N] [--seed S] [--keep] [--observe-only] [--build] [run.py options...]
#
#   --count N        scenarios to run (default 200)
#   --seed S         generator seed (default 1); scenario i of seed S is always the same
#   --keep           write every scenario folder, not only the disagreeing ones
#   --observe-only   skip Premortem: check that the harness itself works (every scenario settles,
#                    cleanup leaves no pods/nodes behind)
#   --build          `swift build --product premortem` first (otherwise PREMORTEM_BIN must exist)
#   --verdicts       also compare `premortem check`'s verdict with each scenario's expect.yaml
#   anything else is passed to Tests/Differential/run.py (e.g. --only 3,17  --verify-settle 12)
#
# Prints one line per disagreement and a summary; exits non-zero on any disagreement, any
# scenario that did not settle, or anything left behind.
# Env: APISERVER_CACHE (~/.cache/premortem-e2e), PREMORTEM_BIN (.build/debug/premortem),
#      DIFF_KEEP_COMPONENTS=1 leaves etcd/apiserver/scheduler/controller-manager running.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
TOOLS="$ROOT/../shared/tools/apiserver"
export APISERVER_CACHE="${APISERVER_CACHE:-${HOME:-/root}/.cache/premortem-e2e}"
export CM_CONTROLLERS='*,-nodelifecycle'   # no node heartbeats are sent: keep NotReady taints out
export PREMORTEM_BIN="${PREMORTEM_BIN:-$ROOT/.build/debug/premortem}"
unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY
export NO_PROXY=127.0.0.0/8,localhost no_proxy=127.0.0.0/8,localhost

log() { printf '[differential] %s\n' "$*" >&2; }

args=() build="" observe=""
while [ $# -gt 0 ]; do
  case "$1" in
    --build) build=1 ;;
    --observe-only) observe=1; args+=("$1") ;;
    -h|--help) sed -n '2,22p' "$0"; exit 0 ;;
    *) args+=("$1") ;;
  esac
  shift
done

python3 -c 'import yaml' 2>/dev/null || { log "python3 with PyYAML is required (apt-get install python3-yaml)"; exit 2; }
if [ -n "$build" ]; then
  log "swift build --product premortem"
  swift build --product premortem >&2
  PREMORTEM_BIN="$(swift build --show-bin-path)/premortem"
fi
case " ${args[*]} " in *" --verdicts "*) verdicts=1 ;; *) verdicts="" ;; esac
if { [ -z "$observe" ] || [ -n "$verdicts" ]; } && [ ! -x "$PREMORTEM_BIN" ]; then
  log "no premortem binary at $PREMORTEM_BIN (build it, pass --build, set PREMORTEM_BIN, or use --observe-only)"
  exit 2
fi

# The harness's own rules (reason translation, generator bounds, comparison) first: seconds.
( cd "$ROOT/Tests/Differential" && python3 -m unittest -q test_harness 2>&1 | tail -1 >&2; exit "${PIPESTATUS[0]}" ) \
  || { log "the harness's unit tests failed"; exit 2; }

t0=$(date +%s)
stop() {
  rc=$?
  if [ -z "${DIFF_KEEP_COMPONENTS:-}" ]; then
    "$TOOLS/down.sh" >/dev/null 2>&1 || log "down.sh failed"
    log "components stopped"
  fi
  exit $rc
}
trap stop EXIT
# What was running and whether the kernel killed anything, for a component that died at start-up.
startup_diagnostics() {
  log "memory: $(free -m | awk '/^Mem:/ {print $3 " MiB used, " $7 " MiB available"}')"
  log "processes of this run's kind still alive:"
  ps -eo pid,rss,etime,args --sort=-rss | grep -E 'kube-|etcd|premortem' | grep -v grep | cut -c1-160 | sed 's/^/    /' >&2 || true
  dmesg 2>/dev/null | grep -iE 'killed process|out of memory|oom' | tail -5 | sed 's/^/    dmesg: /' >&2 || true
}
# A real component that exits during start-up (seen twice in CI after the e2e steps, its log
# ending mid-start-up with no error, never reproduced alone) is not a disagreement: start all
# of them again, at most three times, and say so. A component lost during the run still fails it.
# (not `eval "$(up.sh)"`: that would hide up.sh's exit status)
for attempt in 1 2 3; do
  if up_out="$("$TOOLS/up.sh" --scheduler --controller-manager 2> >(sed 's/^/  /' >&2))"; then
    [ "$attempt" = 1 ] || log "components up at attempt $attempt"
    break
  fi
  startup_diagnostics
  [ "$attempt" -lt 3 ] || { log "up.sh failed three times (see its messages above)"; exit 2; }
  log "up.sh failed at attempt $attempt (see its messages above); stopping everything and starting again"
  "$TOOLS/down.sh" >/dev/null 2>&1 || log "down.sh failed"
  sleep 3
done
eval "$up_out"
[ -n "${KUBECONFIG:-}" ] || { log "up.sh printed no KUBECONFIG"; exit 2; }
# up.sh reuses running processes: make sure the running controller-manager is the one we need.
cm_pid="$(cat "$APISERVER_CACHE/apiserver/kube-controller-manager.pid")"
if ! tr '\0' ' ' < "/proc/$cm_pid/cmdline" | grep -q -- '--controllers=\*,-nodelifecycle'; then
  log "the running kube-controller-manager (pid $cm_pid) was not started with --controllers='*,-nodelifecycle';"
  log "stop it (../shared/tools/apiserver/down.sh) and run again"
  exit 2
fi
t_up=$(( $(date +%s) - t0 ))
log "components up in ${t_up}s; running scenarios"
set +e
python3 "$ROOT/Tests/Differential/run.py" "${args[@]}"
rc=$?
set -e
log "total $(( $(date +%s) - t0 ))s (components up ${t_up}s)"
exit $rc
