#!/usr/bin/env python3
"""Differential test driver: generated scenarios through the real v1.20.2 components, compared
with `premortem simulate`. Normally started by scripts/differential.sh, which brings the
components up and down; this script expects them running (KUBECONFIG).

    run.py [--count N] [--seed S] [--start I] [--keep] [--observe-only] [--out DIR]
    run.py --recompare DIR...      # compare saved scenario folders again (no cluster needed)

Exit status: 0 only if every scenario settled, nothing was left behind and (unless
--observe-only) Premortem agreed on every scenario.
"""
import argparse
import json
import os
import shutil
import statistics
import sys
import time
import traceback

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import compare as C                     # noqa: E402
import compare_controllers as CC        # noqa: E402
import reasons as R                     # noqa: E402
import scenario_io as S                 # noqa: E402
import observe                          # noqa: E402
from generate import generate, FAMILIES  # noqa: E402

# Seconds the emulated kubelet keeps a preemption victim in each replay (the first run uses
# observe.VICTIM_GRACE).
REPLAY_GRACES = (3.0, 0.3)


def log(*a):
    print(*a, flush=True)


def coverage(sc, outcome):
    mine = S.proposed_owners(sc)
    prop = [p for p in outcome["pods"] if S.owner_key(p) in mine]
    pending = [p for p in prop if not p["node"]]
    tags = []
    if any(v["existing"] for v in outcome["preempted"]):
        tags.append("preemption")
    if pending and len(pending) == len(prop):
        tags.append("all-pending")
    elif pending:
        tags.append("some-pending")
    else:
        tags.append("all-bound")
    if any(not p["node"] for p in outcome["pods"] if S.owner_key(p) not in mine):
        tags.append("replacement-pending")
    return tags


def compare_folder(d, sc, outcome, binary):
    pm = C.run_premortem(binary, d)
    return CC.compare_any(sc, outcome, pm)


def replay(obs, sc, d, binary, times, diffs):
    """Runs the scenario through the real components again, up to `times` times, while Premortem
    still disagrees. Returns (remaining diffs, the extra real outcomes)."""
    pm = C.run_premortem(binary, d)
    variants = []
    try:
        for k in range(times):
            # Each replay stops victims after a different time: a kubelet takes anywhere from a
            # moment to the whole grace period, so an outcome that changes with it is timing,
            # not a rule Premortem could get right or wrong.
            obs.victim_grace = REPLAY_GRACES[k % len(REPLAY_GRACES)]
            try:
                _, again = obs.run(sc)
            except Exception as e:   # a replay that does not settle decides nothing
                log(f"        replay of {sc['theme']} scenario did not complete: {e}")
                break
            variants.append(again)
            if not C.compare(sc, again, pm):
                return [], variants
        return diffs, variants
    finally:
        obs.victim_grace = observe.VICTIM_GRACE


def leftovers(client, seed, family):
    """Pods, nodes and namespaces of this seed still in the cluster (namespaces get 30 s to go)."""
    prefix_ns = f"diff-{seed}-"
    left = []
    nodes = [n["metadata"]["name"] for n in client.get("/api/v1/nodes")["items"]
             if n["metadata"]["name"].startswith(f"s{seed}-")]
    if nodes:
        left.append(f"{len(nodes)} nodes ({', '.join(nodes[:5])})")
    pcs = [p["metadata"]["name"] for p in client.get("/apis/scheduling.k8s.io/v1/priorityclasses")["items"]
           if p["metadata"]["name"].startswith(f"s{seed}-")]
    if pcs:
        left.append(f"{len(pcs)} PriorityClasses")
    rcs = [r["metadata"]["name"] for r in client.get("/apis/node.k8s.io/v1/runtimeclasses")["items"]
           if r["metadata"]["name"].startswith(f"s{seed}-")]
    if rcs:
        left.append(f"{len(rcs)} RuntimeClasses")
    pods = [f"{p['metadata']['namespace']}/{p['metadata']['name']}" for p in client.get("/api/v1/pods")["items"]
            if p["metadata"]["namespace"].startswith(prefix_ns)]
    if pods:
        left.append(f"{len(pods)} pods ({', '.join(pods[:5])})")
    deadline = time.time() + 30
    while True:
        nss = [n["metadata"]["name"] for n in client.get("/api/v1/namespaces")["items"]
               if n["metadata"]["name"].startswith(prefix_ns)]
        if not nss or time.time() > deadline:
            break
        time.sleep(0.5)
    if nss:
        left.append(f"{len(nss)} namespaces still present after 30 s ({', '.join(nss[:5])})")
    return left


def main():
    ap = argparse.ArgumentParser(description="Premortem differential tests against real kube-scheduler v1.20.2")
    ap.add_argument("--count", type=int, default=200)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--start", type=int, default=0, help="first scenario index")
    ap.add_argument("--only", default="", help="comma-separated scenario indexes instead of --start/--count")
    ap.add_argument("--family", default="scheduling", choices=FAMILIES)
    ap.add_argument("--keep", action="store_true", help="write every scenario folder, not only disagreements")
    ap.add_argument("--observe-only", action="store_true", help="skip Premortem; check the harness itself")
    ap.add_argument("--out", default=os.path.join(os.environ.get("APISERVER_CACHE", os.path.expanduser("~/.cache/premortem-e2e")), "differential"))
    ap.add_argument("--kubeconfig", default=os.environ.get("KUBECONFIG"))
    ap.add_argument("--premortem", default=os.environ.get("PREMORTEM_BIN", "/work/main/.build/debug/premortem"))
    ap.add_argument("--timeout", type=float, default=20.0, help="seconds a scenario gets to settle")
    ap.add_argument("--stable", type=float, default=0.5, metavar="SECONDS",
                    help="how long nothing may change before a scenario counts as settled")
    ap.add_argument("--verify-settle", type=float, default=0.0, metavar="SECONDS",
                    help="after settling, watch this long more and fail the scenario if anything changes")
    ap.add_argument("--scheduler-port", type=int, default=int(os.environ.get("SCHEDULER_PORT", "16459")))
    ap.add_argument("--verdicts", action="store_true",
                    help="also run `premortem check` and compare its verdict with the folder's expect.yaml "
                         "(works without `premortem simulate`; with --observe-only this is the only Premortem call)")
    ap.add_argument("--taint-wording", choices=["latest", "keyed"], default="latest",
                    help="current wording of the taint reason: 'node(s) had untolerated taint(s)' (latest upstream) "
                         "or 'node(s) had untolerated taint {K: V}' (v1.22-v1.33)")
    ap.add_argument("--replays", type=int, default=2,
                    help="on a disagreement, run the scenario through the real components this many more times: "
                         "Premortem agreeing with any real run agrees; real runs that differ among themselves "
                         "make the scenario 'unstable' (reported, not a disagreement)")
    ap.add_argument("--known", default="",
                    help="comma-separated indexes of disagreements known and not yet fixed: printed as KNOWN "
                         "with their differences, not counted (one that agrees is reported so it can be dropped)")
    ap.add_argument("--recompare", nargs="*", metavar="DIR", help="compare saved scenario folders again")
    a = ap.parse_args()
    R.TAINT_WORDING = a.taint_wording

    if a.recompare is not None:
        return recompare(a)
    if (not a.observe_only or a.verdicts) and not os.access(a.premortem, os.X_OK):
        log(f"premortem binary {a.premortem} not found (set PREMORTEM_BIN, or use --observe-only)")
        return 2
    if not a.observe_only:
        import subprocess
        probe = subprocess.run([a.premortem, "simulate", "--help"], capture_output=True, text=True, timeout=60)
        if probe.returncode != 0 or "premortem simulate" not in probe.stdout:
            log(f"{a.premortem} has no working `simulate` subcommand yet ({(probe.stderr or probe.stdout).strip()[:200]}); "
                f"use --observe-only (optionally with --verdicts)")
            return 2
    if not a.kubeconfig:
        log("KUBECONFIG is not set (scripts/differential.sh sets it)")
        return 2
    from kube import Client
    from observe import Observer, NotSettled, HarnessError
    client = Client(a.kubeconfig)
    if a.family == "controllers":
        from controllers import ControllersObserver as Observer   # noqa: F811
    obs = Observer(client, scheduler_port=a.scheduler_port, timeout=a.timeout)
    observe.SETTLE_STABLE = a.stable
    os.makedirs(a.out, exist_ok=True)
    indexes = [int(x) for x in a.only.split(",") if x] or list(range(a.start, a.start + a.count))

    t_run = time.time()
    n_done = 0
    errors, disagreements, unstable, known_seen = [], [], [], []
    known = {int(x) for x in a.known.split(",") if x}
    cats, cover, themes = {}, {}, {}
    per, settles, premortem_t = [], [], []
    aborted = None
    for i in indexes:
        try:   # the components must still be there: one outage is one error, not 200
            obs.scheduler_state()
            client.get("/version")
        except Exception as e:
            aborted = f"kube-scheduler or kube-apiserver unreachable before scenario #{i}: {e}"
            errors.append((i, aborted))
            log(f"ERROR   {aborted}; stopping the run")
            break
        sc = generate(a.seed, i, a.family)
        themes[sc["theme"]] = themes.get(sc["theme"], 0) + 1
        t0 = time.time()
        try:
            cluster, outcome = obs.run(sc, verify_seconds=a.verify_settle)
        except (NotSettled, HarnessError, R.UnknownReason) as e:
            errors.append((i, str(e)))
            log(f"ERROR   seed {a.seed} #{i} ({sc['theme']}): {type(e).__name__}: {e}")
            continue
        except Exception as e:
            errors.append((i, repr(e)))
            log(f"ERROR   seed {a.seed} #{i} ({sc['theme']}): {type(e).__name__}: {e}")
            traceback.print_exc()
            continue
        finally:
            per.append(time.time() - t0)
        n_done += 1
        settles.append(outcome["settleSeconds"])
        for tag in (coverage(sc, outcome) if a.family == "scheduling" else [sc["theme"]]):
            cover[tag] = cover.get(tag, 0) + 1
        d = S.write(a.out, sc, cluster, outcome)
        diffs = []
        try:
            if a.family == "scheduling":
                C.real_pending_reasons(sc, outcome)   # every real reason must be known to the mapping
            t1 = time.time()
            if not a.observe_only:
                diffs = compare_folder(d, sc, outcome, a.premortem)
            if a.verdicts:
                diffs += C.check_verdict(a.premortem, d)
            if not a.observe_only or a.verdicts:
                premortem_t.append(time.time() - t1)
        except (C.PremortemError, R.UnknownReason) as e:
            errors.append((i, str(e)))
            log(f"ERROR   seed {a.seed} #{i} ({sc['theme']}): {type(e).__name__}: {e} -> {d}")
            continue
        if diffs and not a.observe_only and a.family == "scheduling" and a.replays > 0:
            diffs, variants = replay(obs, sc, d, a.premortem, a.replays, diffs)
            if not diffs:
                log(f"agree   seed {a.seed} #{i} ({sc['theme']}): premortem matches real run {len(variants) + 1} of this scenario")
            if diffs and len({C.outcome_signature(sc, o) for o in [outcome] + variants}) > 1:
                unstable.append(i)
                log(f"UNSTABLE seed {a.seed} #{i} ({sc['theme']}): the real components gave {len(variants) + 1} runs "
                    f"{len({C.outcome_signature(sc, o) for o in [outcome] + variants})} different outcomes; "
                    f"premortem matched none: " + "; ".join(f"[{c}] {t}" for c, t in diffs) + f" -> {d}")
                for k, o in enumerate(variants):
                    with open(os.path.join(d, f"harness-observed-replay{k + 1}.json"), "w") as f:
                        json.dump(o, f, indent=1, sort_keys=True)
                continue
        if diffs and i in known:
            known_seen.append(i)
            log(f"KNOWN   seed {a.seed} #{i} ({sc['theme']}): " + "; ".join(f"[{c}] {t}" for c, t in diffs) + f" -> {d}")
            continue
        if not diffs and i in known:
            log(f"NOW AGREES seed {a.seed} #{i} ({sc['theme']}): drop it from --known")
        if diffs:
            disagreements.append(i)
            for cat in sorted({c for c, _ in diffs}):
                cats[cat] = cats.get(cat, 0) + 1
            log(f"DISAGREE seed {a.seed} #{i} ({sc['theme']}): " + "; ".join(f"[{c}] {t}" for c, t in diffs) + f" -> {d}")
        elif not a.keep:
            shutil.rmtree(d)

    left = leftovers(client, a.seed, a.family) if not aborted else []
    wall = time.time() - t_run
    for l in left:
        log(f"LEFT BEHIND: {l}")
    total = len(indexes)
    cat_s = ", ".join(f"{v} {k}" for k, v in sorted(cats.items())) or "none"
    cov_s = ", ".join(f"{v} {k}" for k, v in sorted(cover.items()))
    mode = ("observe-only" if a.observe_only else f"premortem simulate") + (" + check verdicts" if a.verdicts else "")
    log("")
    log(f"{total} scenarios, {len(disagreements)} disagreements ({cat_s}), {len(errors)} harness errors, "
        f"{len(unstable)} unstable (real runs differ){': #' + ', #'.join(map(str, unstable)) if unstable else ''}, "
        f"{len(known_seen)} known{': #' + ', #'.join(map(str, known_seen)) if known_seen else ''}"
        + (f", {len(left)} kinds of leftovers" if left else "") + f" [{mode}, seed {a.seed}]")
    log(f"real outcomes: {cov_s}")
    log(f"themes: " + ", ".join(f"{v} {k}" for k, v in sorted(themes.items())))
    if per:
        q = sorted(per)
        log(f"time: {wall:.1f}s wall, per scenario mean {statistics.mean(per):.2f}s median {statistics.median(per):.2f}s "
            f"p95 {q[int(0.95 * (len(q) - 1))]:.2f}s max {q[-1]:.2f}s; settle mean {statistics.mean(settles or [0]):.2f}s "
            f"max {max(settles or [0]):.2f}s; premortem mean {statistics.mean(premortem_t or [0]):.2f}s; "
            f"{client.requests} API requests")
    if disagreements or errors:
        log(f"scenario folders: {a.out}")
    return 1 if (disagreements or errors or left or n_done == 0) else 0


def recompare(a):
    bad = 0
    for d in a.recompare:
        sc, outcome = S.load(d)
        try:
            diffs = [] if a.observe_only else compare_folder(d, sc, outcome, a.premortem)
            if a.verdicts:
                diffs += C.check_verdict(a.premortem, d)
        except (C.PremortemError, R.UnknownReason) as e:
            log(f"ERROR   {d}: {e}")
            bad += 1
            continue
        if diffs:
            bad += 1
            log(f"DISAGREE {d}: " + "; ".join(f"[{c}] {t}" for c, t in diffs))
        else:
            log(f"agree   {d}")
    log(f"{len(a.recompare)} folders, {bad} disagreements or errors")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
