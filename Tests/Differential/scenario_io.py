"""Writes a scenario folder in the format of ../shared/scenarios/README.md:

    cluster/        the objects AS READ BACK from the API server after setup (Namespace, Nodes
                    with status, Pods with status, ReplicaSets, PDBs with status, PriorityClasses),
                    each file a `kind: List` as kubectl prints it
    proposed.yaml   the proposed objects as the generator wrote them (multi-document)
    expect.yaml     the verdict the README's rules give for what the real components did
    README.md       where it came from and what the real scheduler did
plus two files for the harness itself (re-comparison without a cluster: run.py --recompare):
    harness-scenario.json   the generator's scenario
    harness-observed.json   the recorded real outcome
"""
import json
import os
import shutil

import yaml


class _Dumper(yaml.SafeDumper):
    pass


def _str_presenter(dumper, data):
    style = "|" if "\n" in data else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=style)


_Dumper.add_representer(str, _str_presenter)


def dump(obj):
    return yaml.dump(obj, Dumper=_Dumper, sort_keys=False, default_flow_style=False, width=120)


def dump_all(objs):
    return yaml.dump_all(objs, Dumper=_Dumper, sort_keys=False, default_flow_style=False, width=120)


def owner_key(rec):
    o = rec.get("owner")
    return (o["kind"], o["name"]) if o else ("Pod", rec["name"])


def proposed_owners(sc):
    return {("Deployment" if o["kind"] == "Deployment" else "Pod", o["metadata"]["name"]) for o in sc["proposed"]}


def verdict(sc, outcome):
    """The README's verdict rules applied to the real outcome: every proposed pod Pending ->
    deny Unschedulable; some Pending -> warn Unschedulable; a running pod of another owner
    preempted -> deny Eviction; else allow."""
    ns = sc["namespace"]
    mine = proposed_owners(sc)
    proposed_pods = [p for p in outcome["pods"] if owner_key(p) in mine]
    pending = [p for p in proposed_pods if not p["node"]]
    findings = []
    evicted_owners = []
    for v in outcome["preempted"]:
        k = owner_key(v)
        if k not in mine and k not in evicted_owners:
            evicted_owners.append(k)
    for kind, name in evicted_owners:
        findings.append({"type": "Eviction", "kind": kind, "name": name, "namespace": ns})
    pending_owners = []
    for p in pending:
        k = owner_key(p)
        if k not in pending_owners:
            pending_owners.append(k)
    for kind, name in pending_owners:
        findings.append({"type": "Unschedulable", "kind": kind, "name": name, "namespace": ns})
    if evicted_owners or (proposed_pods and len(pending) == len(proposed_pods)):
        v = "deny"
    elif pending:
        v = "warn"
    else:
        v = "allow"
    return {"verdict": v, "findings": findings}


def describe(sc, outcome):
    lines = []
    by_owner = {}
    for p in outcome["pods"]:
        by_owner.setdefault(owner_key(p), []).append(p)
    mine = proposed_owners(sc)
    bare = sorted(k for k, ps in by_owner.items() if k[0] == "Pod" and k not in mine and all(p["node"] for p in ps))
    for key in sorted(by_owner, key=lambda k: (k not in mine, k)):
        if key in bare:
            continue
        ps = by_owner[key]
        bound = [p for p in ps if p["node"]]
        tag = "proposed" if key in mine else ("existing" if all(p["existing"] for p in ps) else "existing owner")
        lines.append(f"- {key[0]} `{key[1]}` ({tag}): {len(bound)} bound"
                     + (f" ({', '.join(sorted(p['node'] for p in bound))})" if bound and key in mine else "")
                     + f", {len(ps) - len(bound)} Pending")
        for p in ps:
            if not p["node"]:
                lines.append(f"  - `{p['name']}`: {p['message']}")
    if bare:
        lines.append(f"- existing bare pods still running: {', '.join(f'`{k[1]}`' for k in bare)}")
    for v in outcome["preempted"]:
        by = f" by `{v['by']}`" if v.get("by") else ""
        lines.append(f"- preempted: `{v['name']}` on `{v['node']}`{by}")
    return "\n".join(lines)


def describe_controllers(outcome):
    lines = [f"- pod `{p['name']}` ({(p['owner'] or {}).get('kind')} `{(p['owner'] or {}).get('name')}`) on "
             f"`{p['node']}`: " + "; ".join(f"{c['name']} {json.dumps(c['resources'], sort_keys=True)}" for c in p["containers"])
             for p in outcome["pods"]]
    for owner, msgs in outcome["failedCreate"].items():
        lines += [f"- FailedCreate on {owner}: {m}" for m in msgs]
    for r in outcome["rejected"]:
        lines.append(f"- the API server refused {r['kind']} `{r['name']}`: {r['message']}")
    for name, ep in outcome["endpoints"].items():
        lines.append(f"- Endpoints `{name}`: ready {ep['ready']}, ports {ep['ports']}")
    return "\n".join(lines)


def write(out_dir, sc, cluster, outcome, extra_readme=""):
    if sc["family"] == "controllers":
        import controllers
        v, text = controllers.verdict(sc, outcome), describe_controllers(outcome)
    else:
        v, text = verdict(sc, outcome), describe(sc, outcome)
    d = os.path.join(out_dir, folder_name(sc))
    if os.path.isdir(d):
        shutil.rmtree(d)
    os.makedirs(os.path.join(d, "cluster"))
    for name, items in cluster.items():
        if not items:
            continue
        with open(os.path.join(d, "cluster", f"{name}.yaml"), "w") as f:
            f.write(dump({"apiVersion": "v1", "kind": "List", "metadata": {"resourceVersion": ""}, "items": items}))
    with open(os.path.join(d, "proposed.yaml"), "w") as f:
        f.write(dump_all(sc["proposed"]))
    with open(os.path.join(d, "expect.yaml"), "w") as f:
        f.write(dump(v))
    with open(os.path.join(d, "harness-scenario.json"), "w") as f:
        json.dump(sc, f, indent=1, sort_keys=True)
    with open(os.path.join(d, "harness-observed.json"), "w") as f:
        json.dump(outcome, f, indent=1, sort_keys=True)
    kinds = ", ".join(f"{o['kind']} `{o['metadata']['name']}`" for o in sc["proposed"])
    with open(os.path.join(d, "README.md"), "w") as f:
        f.write(f"# {folder_name(sc)}\n\n"
                f"Generated by `Tests/Differential/generate.py` (family `{sc['family']}`, seed {sc['seed']}, "
                f"index {sc['index']}, theme `{sc['theme']}`) and run through the real kube-apiserver, "
                f"kube-scheduler and kube-controller-manager **v1.20.2** (no kubelet: the harness marked bound "
                f"pods Running and deleted preemption victims with grace 0 after 1 s of termination). `cluster/` holds the objects as "
                f"the API server returned them after setup; the proposal is {kinds}.\n\n"
                f"What the real components did (settled after {outcome['settleSeconds']} s):\n\n"
                f"{text}\n\n"
                f"Verdict by the corpus rules: **{v['verdict']}**"
                + (" (" + ", ".join(f"{x['type']} {x['kind']} {x['name']}" for x in v["findings"]) + ")" if v["findings"] else "")
                + ".\n" + (f"\n{extra_readme}\n" if extra_readme else ""))
    return d


def folder_name(sc):
    return f"diff-{sc['family']}-s{sc['seed']}-{sc['index']:04d}-{sc['theme']}"


def load(d):
    with open(os.path.join(d, "harness-scenario.json")) as f:
        sc = json.load(f)
    with open(os.path.join(d, "harness-observed.json")) as f:
        outcome = json.load(f)
    return sc, outcome
