"""Compares the recorded real outcome of a scenario with `premortem simulate -o json`.

Premortem's side (`premortem simulate --cluster DIR/cluster -f DIR/proposed.yaml -o json`):
    {"nodes": [...],
     "pods": [{"namespace", "name", "owner": null | {"kind", "name"}, "node": null | NAME,
               "phase", "simulated": bool,
               "unschedulable": {"message", "reasons": {REASON: COUNT}}     (Pending pods)
               "placement": {"feasibleNodes": N, "clear": bool}}],       (pods it placed)
     "preempted": [{"namespace", "name", "node", "by": {"kind", "name"}}],
     "rejected": [{"owner": {...}, "message"}]}

Checks, per scenario:
  1. per owner (Deployment, ReplicaSet, or the bare pod itself): pods bound and Pending
  2. Pending pods: {reason: count} of the real v1.20.2 message, translated to current wording
     (reasons.py), against Premortem's `reasons`, as a multiset over the owner's Pending pods
  3. the preempted pods: existing ones by name, others (e.g. replacements) by owner and count
  4. placements Premortem calls clear: a bare pod's node by name; an owner's multiset of nodes
     only when every one of its pods is clear
  5. nothing `rejected` (the real API server admitted every proposed object)
"""
import json
import os
import subprocess

import reasons as R
from scenario_io import owner_key


class PremortemError(Exception):
    pass


def premortem_json(binary, subcommand, scenario_dir, timeout=120):
    """`premortem SUBCOMMAND --cluster DIR/cluster -f DIR/proposed.yaml -o json`, decoded. Any exit
    status is accepted (check exits non-zero on deny) as long as stdout is a JSON object."""
    cmd = [binary, subcommand, "--cluster", os.path.join(scenario_dir, "cluster"),
           "-f", os.path.join(scenario_dir, "proposed.yaml"), "-o", "json"]
    try:
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        raise PremortemError(f"`{' '.join(cmd)}` did not finish in {timeout}s")
    try:
        out = json.loads(p.stdout)
    except ValueError:
        out = None
    if not isinstance(out, dict):
        raise PremortemError(f"`{' '.join(cmd)}` exited {p.returncode} without a JSON object: "
                             f"{(p.stderr or p.stdout).strip()[-400:]}")
    return out


def run_premortem(binary, scenario_dir):
    out = premortem_json(binary, "simulate", scenario_dir)
    if "pods" not in out:
        raise PremortemError(f"premortem simulate on {scenario_dir}: output has no 'pods'")
    return out


def _pm_owner(pod):
    o = pod.get("owner")
    return (o["kind"], o["name"]) if o else ("Pod", pod["name"])


def _fmt_reasons(d):
    return "{" + ", ".join(f"{v} {k}" for k, v in sorted(d.items())) + "}"


def real_pending_reasons(sc, outcome, key=owner_key):
    """{owner: [current-wording reasons dict, ...]} for the real Pending pods, plus notes."""
    nodes = sc["cluster"]["nodes"]
    out, notes = {}, []
    for p in outcome["pods"]:
        if p["node"]:
            continue
        _, cur, n = R.expected_current(p["message"], p.get("spec") or {}, nodes)
        notes += n
        out.setdefault(key(p), []).append(cur)
    return out, notes


def interchangeable(sc):
    """{bare proposed Pod name: group key} for proposed Pods identical but for their name. Which
    of such pods the scheduler binds first is decided by its queue's timestamps (PrioritySort
    orders equal priorities by the time each pod last entered the queue,
    pkg/scheduler/framework/plugins/queuesort/priority_sort.go), that is by timing after a
    failed attempt, not by any rule: only how many of them are bound and Pending is compared."""
    groups = {}
    for o in sc["proposed"]:
        if o["kind"] != "Pod":
            continue
        md = o["metadata"]
        shape = json.dumps([md.get("labels"), md.get("annotations"), o["spec"]], sort_keys=True)
        groups.setdefault(shape, []).append(md["name"])
    out = {}
    for names in groups.values():
        if len(names) > 1:
            for n in names:
                out[n] = ("Pods", "/".join(sorted(names)))
    return out


def grouped(key, same):
    """An owner key, with a bare pod's replaced by its group's (`interchangeable`)."""
    return same.get(key[1], key) if key[0] == "Pod" else key


def compare(sc, outcome, pm):
    """Returns a list of (category, text) disagreements; empty when Premortem agrees."""
    diffs = []
    ns = sc["namespace"]
    pm_pods = [p for p in pm.get("pods", []) if p.get("namespace", ns) == ns]
    same = interchangeable(sc)

    def real_key(p):
        return grouped(owner_key(p), same)

    def pm_key(p):
        return grouped(_pm_owner(p), same)

    # 1. bound / pending per owner
    real_counts, pm_counts = {}, {}
    for p in outcome["pods"]:
        b, q = real_counts.get(real_key(p), (0, 0))
        real_counts[real_key(p)] = (b + 1, q) if p["node"] else (b, q + 1)
    for p in pm_pods:
        b, q = pm_counts.get(pm_key(p), (0, 0))
        pm_counts[pm_key(p)] = (b + 1, q) if p.get("node") else (b, q + 1)
    for key in sorted(set(real_counts) | set(pm_counts)):
        r, m = real_counts.get(key, (0, 0)), pm_counts.get(key, (0, 0))
        if r != m:
            diffs.append(("pending", f"{key[0]} {key[1]}: real {r[0]} bound/{r[1]} Pending, premortem {m[0]} bound/{m[1]} Pending"))

    # 2. reasons of Pending pods (multiset per owner)
    real_reasons, _ = real_pending_reasons(sc, outcome, real_key)
    pm_reasons = {}
    for p in pm_pods:
        if p.get("node"):
            continue
        u = p.get("unschedulable")
        if not u or not isinstance(u.get("reasons"), dict):
            diffs.append(("reasons", f"premortem Pending pod {p['name']} has no unschedulable.reasons"))
            continue
        pm_reasons.setdefault(pm_key(p), []).append({k: int(v) for k, v in u["reasons"].items()})
    for key in sorted(set(real_reasons) & set(pm_reasons)):
        rs = sorted(_fmt_reasons(d) for d in real_reasons[key])
        ms = sorted(_fmt_reasons(d) for d in pm_reasons[key])
        if rs != ms:
            diffs.append(("reasons", f"{key[0]} {key[1]}: real (current wording) {rs}, premortem {ms}"))

    # 3. preemption
    existing = {p["metadata"]["name"] for p in sc["cluster"]["pods"]}
    real_victims = {v["name"] for v in outcome["preempted"] if v["name"] in existing}
    pm_victims = {v["name"] for v in pm.get("preempted", []) if v.get("namespace", ns) == ns and v["name"] in existing}
    if real_victims != pm_victims:
        diffs.append(("preemption", f"preempted: real {sorted(real_victims)}, premortem {sorted(pm_victims)}"))
    real_other, pm_other = {}, {}
    for v in outcome["preempted"]:
        if v["name"] not in existing:
            real_other[real_key(v)] = real_other.get(real_key(v), 0) + 1
    for v in pm.get("preempted", []):
        if v.get("namespace", ns) == ns and v["name"] not in existing:
            pm_other[pm_key(v)] = pm_other.get(pm_key(v), 0) + 1
    if real_other != pm_other:
        diffs.append(("preemption", f"preempted new pods by owner: real {real_other}, premortem {pm_other}"))

    # 4. placements Premortem calls clear
    real_by_name = {p["name"]: p for p in outcome["pods"]}
    by_owner = {}
    for p in pm_pods:
        if p.get("simulated") or p.get("placement"):
            by_owner.setdefault(pm_key(p), []).append(p)
    for key, ps in sorted(by_owner.items()):
        if key[0] == "Pod":
            p = ps[0]
            if p.get("node") and (p.get("placement") or {}).get("clear") and p["name"] in real_by_name:
                real_node = real_by_name[p["name"]]["node"]
                if real_node and real_node != p["node"]:
                    diffs.append(("placement", f"Pod {p['name']}: real node {real_node}, premortem (clear) {p['node']}"))
            continue
        placed = [p for p in ps if p.get("node")]
        if placed and all((p.get("placement") or {}).get("clear") for p in placed):
            real_nodes = sorted(p["node"] for p in outcome["pods"] if real_key(p) == key and p["node"] and not p["existing"])
            pm_nodes = sorted(p["node"] for p in placed)
            if len(real_nodes) == len(pm_nodes) and real_nodes != pm_nodes:   # other counts: check 1
                diffs.append(("placement", f"{key[0]} {key[1]}: real nodes {real_nodes}, premortem (all clear) {pm_nodes}"))

    # 5. rejections
    for r in pm.get("rejected", []) or []:
        o = r.get("owner") or {}
        diffs.append(("rejected", f"premortem rejected {o.get('kind')} {o.get('name')}: {r.get('message')}; "
                                  f"the real API server admitted it"))
    return diffs


def outcome_signature(sc, outcome):
    """What the comparison looks at in a real outcome, as one value: bound and Pending pods per
    owner, and the preempted existing pods. Two runs of one scenario with different signatures
    mean the real components themselves did not decide it the same way twice."""
    existing = {p["metadata"]["name"] for p in sc["cluster"]["pods"]}
    same = interchangeable(sc)
    counts = {}
    for p in outcome["pods"]:
        key = grouped(owner_key(p), same)
        b, q = counts.get(key, (0, 0))
        counts[key] = (b + 1, q) if p["node"] else (b, q + 1)
    victims = sorted(v["name"] for v in outcome["preempted"] if v["name"] in existing)
    return json.dumps([sorted(counts.items()), victims])


def check_verdict(binary, scenario_dir):
    """`premortem check` (which exists today) against the folder's expect.yaml: same verdict, and
    every expected finding type reported with severity deny or warn. Returns disagreements."""
    import yaml
    got = premortem_json(binary, "check", scenario_dir)
    with open(os.path.join(scenario_dir, "expect.yaml")) as f:
        exp = yaml.safe_load(f)
    want = sorted({f["type"] for f in exp.get("findings") or []})
    have = sorted({f["type"] for f in got.get("findings") or [] if f.get("severity") in ("deny", "warn")})
    if got.get("verdict") != exp["verdict"] or not set(want) <= set(have):
        return [("verdict", f"expect.yaml {exp['verdict']} {want}, premortem check {got.get('verdict')} {have}")]
    return []
