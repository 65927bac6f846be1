"""kube-scheduler v1.20.2 "0/N nodes are available: ..." messages -> {reason: count} in CURRENT wording.

The table and its sources are in README.md ("Reason strings"). In short:

  v1.20.2 (pkg/scheduler/framework/plugins/*, local tree)      current upstream
  ---------------------------------------------------------    -------------------------------------------
  node(s) had taint {K: V}, that the pod didn't tolerate       node(s) had untolerated taint(s)   (#134740)
  node(s) didn't match Pod's node affinity                     node(s) didn't match Pod's node affinity/selector (#97521)
  node(s) didn't match pod affinity/anti-affinity              (dropped: it was always paired with one of
                                                                the three specific reasons below; #102518)
  nodes a NodeAffinity matchFields metadata.name In term       node(s) didn't satisfy plugin(s) [NodeAffinity]
  excludes (v1.20 runs Filter on them)                         (current PreFilter narrows the node list)
  everything in SAME below                                     unchanged

A v1.20 reason that is in neither table raises UnknownReason: the harness reports it as an
error instead of guessing.
"""
import re


class UnknownReason(Exception):
    pass


# Reasons whose text is the same in v1.20.2 and in current kube-scheduler.
SAME = {
    "Insufficient cpu", "Insufficient memory", "Insufficient ephemeral-storage", "Too many pods",
    "node(s) didn't have free ports for the requested pod ports",
    "node(s) were unschedulable",
    "node(s) didn't match pod affinity rules",
    "node(s) didn't match pod anti-affinity rules",
    "node(s) didn't satisfy existing pods anti-affinity rules",
    "node(s) didn't match pod topology spread constraints",
    "node(s) didn't match pod topology spread constraints (missing required label)",
}
RENAMED = {
    "node(s) didn't match Pod's node affinity": "node(s) didn't match Pod's node affinity/selector",
}
DROPPED = {"node(s) didn't match pod affinity/anti-affinity"}
TAINT_RE = re.compile(r"^node\(s\) had taint \{(.*): (.*)\}, that the pod didn't tolerate$")
CURRENT_TAINT = "node(s) had untolerated taint(s)"
CURRENT_UNSCHEDULABLE = "node(s) were unschedulable"
CURRENT_NODE_AFFINITY = "node(s) didn't match Pod's node affinity/selector"
CURRENT_PREFILTER_EXCLUDED = "node(s) didn't satisfy plugin(s) [NodeAffinity]"

MSG_RE = re.compile(r"^0/(\d+) nodes are available: (.*)\.$", re.S)


def parse_v120(message):
    """'0/3 nodes are available: 2 Insufficient cpu, 1 node(s) had taint {a: b}, that the pod
    didn't tolerate.' -> (3, {'Insufficient cpu': 2, "node(s) had taint {a: b}, that ...": 1}).
    Items are 'COUNT REASON' joined by ', '; a reason may itself contain ', ' (the taint one),
    so split only where ', ' is followed by a count and a space."""
    m = MSG_RE.match(message.strip())
    if not m:
        raise ValueError(f"not a FitError message: {message!r}")
    total, body = int(m.group(1)), m.group(2)
    out = {}
    for item in re.split(r", (?=\d+ )", body):
        cm = re.match(r"^(\d+) (.+)$", item)
        if not cm:
            raise ValueError(f"cannot parse {item!r} in {message!r}")
        out[cm.group(2)] = out.get(cm.group(2), 0) + int(cm.group(1))
    return total, out


# "latest": node(s) had untolerated taint(s) (upstream since #134740, also in 1.34.x patch releases);
# "keyed": node(s) had untolerated taint {K: V} (v1.22 to v1.33). Set by run.py --taint-wording.
TAINT_WORDING = "latest"


def to_current(reasons_v120):
    """{v1.20 reason: count} -> {current reason: count}."""
    out = {}
    for reason, n in reasons_v120.items():
        taint = TAINT_RE.match(reason)
        if reason in SAME:
            key = reason
        elif reason in RENAMED:
            key = RENAMED[reason]
        elif reason in DROPPED:
            continue
        elif taint:
            key = CURRENT_TAINT if TAINT_WORDING == "latest" else \
                f"node(s) had untolerated taint {{{taint.group(1)}: {taint.group(2)}}}"
        else:
            raise UnknownReason(reason)
        out[key] = out.get(key, 0) + n
    return out


# ------------------------------------------------------------ NodeAffinity PreFilter (current only)
def tolerates(tolerations, taint):
    for t in tolerations or []:
        if t.get("effect") and t["effect"] != taint.get("effect"):
            continue
        if t.get("key") and t["key"] != taint.get("key"):
            continue
        op = t.get("operator") or "Equal"
        if op == "Exists" or (op == "Equal" and (t.get("value") or "") == (taint.get("value") or "")):
            return True
    return False


def prefilter_node_names(pod_spec):
    """The node-name set current NodeAffinity.PreFilter returns (None = all nodes): when every
    required term has a matchFields metadata.name In requirement, the union over terms of the
    intersection of their In values."""
    na = ((pod_spec.get("affinity") or {}).get("nodeAffinity") or {})
    req = na.get("requiredDuringSchedulingIgnoredDuringExecution") or {}
    terms = req.get("nodeSelectorTerms") or []
    if not terms:
        return None
    names = set()
    for term in terms:
        term_names = None
        for r in term.get("matchFields") or []:
            if r.get("key") == "metadata.name" and r.get("operator") == "In":
                s = set(r.get("values") or [])
                term_names = s if term_names is None else term_names & s
        if term_names is None:
            return None   # this term allows all nodes (terms are ORed)
        names |= term_names
    return names


def v120_reason_class_for_excluded(node, pod_spec):
    """Which current-wording reason v1.20 gave a node that current PreFilter excludes: the first
    failing Filter among NodeUnschedulable, TaintToleration, NodeAffinity (that order in both
    versions; NodeAffinity is certain to fail for an excluded node)."""
    tol = pod_spec.get("tolerations") or []
    if node.get("spec", {}).get("unschedulable") and not tolerates(
            tol, {"key": "node.kubernetes.io/unschedulable", "effect": "NoSchedule"}):
        return CURRENT_UNSCHEDULABLE
    for t in node.get("spec", {}).get("taints") or []:
        if t.get("effect") in ("NoSchedule", "NoExecute") and not tolerates(tol, t):
            return CURRENT_TAINT if TAINT_WORDING == "latest" else \
                f"node(s) had untolerated taint {{{t['key']}: {t.get('value') or ''}}}"
    return CURRENT_NODE_AFFINITY


def expected_current(message, pod_spec, nodes):
    """What current kube-scheduler would report, from a v1.20.2 message for this pod on these
    nodes (the nodes as the cluster holds them). Returns (total, {reason: count}, notes)."""
    total, v120 = parse_v120(message)
    cur = to_current(v120)
    notes = []
    allowed = prefilter_node_names(pod_spec)
    if allowed is not None:
        excluded = [n for n in nodes if n["metadata"]["name"] not in allowed]
        for n in excluded:
            cls = v120_reason_class_for_excluded(n, pod_spec)
            if cur.get(cls, 0) <= 0:
                raise UnknownReason(f"v1.20 message {message!r} has no {cls!r} left for PreFilter-excluded "
                                    f"node {n['metadata']['name']}: the harness's model of v1.20 is off")
            cur[cls] -= 1
            if cur[cls] == 0:
                del cur[cls]
            cur[CURRENT_PREFILTER_EXCLUDED] = cur.get(CURRENT_PREFILTER_EXCLUDED, 0) + 1
        if excluded:
            notes.append(f"{len(excluded)} node(s) excluded by current NodeAffinity PreFilter (matchFields metadata.name In)")
    return total, cur, notes
