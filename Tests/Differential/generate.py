#!/usr/bin/env python3
"""Deterministic scenario generator for the differential harness.

    generate.py --seed S --index I [--family scheduling|controllers]   # prints the scenario as YAML

Scenario i of seed S is always the same (random.Random seeded with a string, which Python
hashes with SHA-512, independent of PYTHONHASHSEED). A scenario is a dict:

    family      "scheduling" (kube-scheduler + the controllers that feed it) or "controllers"
                (LimitRange/ResourceQuota admission and workload controllers; see
                controllers.py for that family's design)
    seed, index, namespace ("diff-S-I"), prefix ("sS-I", unique per scenario: node and
                PriorityClass names start with it)
    theme       what the scenario was steered towards (fit, capacity, preempt, ...); only a
                label for summaries: the outcome is whatever the real components do
    cluster     nodes (with .status), priorityClasses, pods (bound via spec.nodeName, with a
                'startTime' the kubelet emulation writes), replicaSets (existing owners that
                adopt their pods), pdbs
    proposed    the objects to create, in file order (one Deployment, or 1-6 bare Pods)

Only behaviour that v1.20.2 shares with current kube-scheduler is generated: no minDomains,
nodeAffinityPolicy, nodeTaintsPolicy, matchLabelKeys, namespaceSelector; NoSchedule and
PreferNoSchedule taints only; every proposed pod requests cpu and memory (v1.20 and current
differ for zero requests on an overcommitted node); existing pods always fit their node.
"""
import argparse
import random
import sys

import yaml

FAMILIES = ("scheduling", "controllers")

ZONES = ["zone-a", "zone-b", "zone-c"]
TAINTS = [("dedicated", "gpu"), ("dedicated", "batch"), ("spot", "true")]
TIERS = ["web", "db", "cache"]
APPS = ["web", "api", "worker", "cache", "batch"]

# theme -> weight. Themes only bias the draws below; any scenario can combine features.
THEMES = {
    "fit": 10, "capacity": 14, "preempt": 16, "preempt-never": 5, "affinity": 10,
    "taints": 9, "podaffinity": 8, "antiaffinity": 8, "spread": 10, "hostport": 5,
    "podslimit": 5,
}


def cpu_str(m):
    return f"{m // 1000}" if m % 1000 == 0 else f"{m}m"


def mem_str(mi):
    return f"{mi // 1024}Gi" if mi % 1024 == 0 else f"{mi}Mi"


def pick_theme(rnd):
    names = sorted(THEMES)
    return rnd.choices(names, weights=[THEMES[n] for n in names])[0]


# ----------------------------------------------------------------------------- nodes
def gen_nodes(rnd, prefix, theme):
    lo = 2 if theme in ("spread", "antiaffinity", "podaffinity") else 1
    count = rnd.randint(lo, 6)
    zones = ZONES[: rnd.randint(1, 3)]
    nodes = []
    for k in range(1, count + 1):
        name = f"{prefix}-n{k}"
        cores = rnd.choice([1, 2, 2, 4, 4, 8])
        cap_cpu = cores * 1000
        alloc_cpu = cap_cpu - rnd.choice([0, 0, 100, 250])
        gi = rnd.choice([1, 2, 4, 4, 8, 8, 16])
        cap_mem = gi * 1024
        alloc_mem = cap_mem - rnd.choice([0, 0, 256]) if gi > 1 else cap_mem
        small = rnd.random() < (0.6 if theme == "podslimit" else 0.12)
        pods = rnd.choice([2, 3, 4, 5]) if small else 110
        labels = {"kubernetes.io/hostname": name, "kubernetes.io/os": "linux"}
        if rnd.random() < 0.94 or theme == "spread" and rnd.random() < 0.5:
            labels["topology.kubernetes.io/zone"] = zones[(k - 1) % len(zones)] if rnd.random() < 0.7 else rnd.choice(zones)
        if rnd.random() < 0.5:
            labels["disk"] = rnd.choice(["ssd", "hdd"])
        if rnd.random() < 0.35 or theme == "affinity" and rnd.random() < 0.5:
            labels["gen"] = str(rnd.randint(1, 5))
        taints = []
        if rnd.random() < (0.65 if theme == "taints" else 0.1):
            for key, value in rnd.sample(TAINTS, rnd.randint(1, 2)):
                if any(t["key"] == key for t in taints):
                    continue
                effect = "NoSchedule" if rnd.random() < 0.75 else "PreferNoSchedule"
                taints.append({"key": key, "value": value, "effect": effect})
        unschedulable = rnd.random() < (0.15 if theme == "taints" else 0.03)
        node = {
            "apiVersion": "v1", "kind": "Node",
            "metadata": {"name": name, "labels": labels},
            "spec": {},
            "status": {
                "capacity": {"cpu": cpu_str(cap_cpu), "memory": mem_str(cap_mem), "pods": str(pods)},
                "allocatable": {"cpu": cpu_str(alloc_cpu), "memory": mem_str(alloc_mem), "pods": str(pods)},
            },
        }
        if taints:
            node["spec"]["taints"] = taints
        if unschedulable:
            node["spec"]["unschedulable"] = True
        nodes.append(node)
    return nodes, zones


def sized(rnd, nodes, cpu_frac, mem_frac):
    """A (cpu m, memory Mi) request as a random fraction of the average node's allocatable."""
    avg_cpu = sum(parse_cpu(n["status"]["allocatable"]["cpu"]) for n in nodes) / len(nodes)
    avg_mem = sum(parse_mem(n["status"]["allocatable"]["memory"]) for n in nodes) / len(nodes)
    cpu = max(50, int(avg_cpu * rnd.uniform(*cpu_frac) / 50) * 50)
    mem = max(32, int(avg_mem * rnd.uniform(*mem_frac) / 32) * 32)
    return cpu, mem


def node_free(node):
    a = node["status"]["allocatable"]
    return {"cpu": parse_cpu(a["cpu"]), "mem": parse_mem(a["memory"]), "pods": int(a["pods"]), "ports": set()}


def parse_cpu(s):
    return int(s[:-1]) if s.endswith("m") else int(float(s) * 1000)


def parse_mem(s):
    for suf, mul in (("Gi", 1024), ("Mi", 1)):
        if s.endswith(suf):
            return int(s[: -len(suf)]) * mul
    raise ValueError(s)


# ----------------------------------------------------------------------------- cluster
def priority_classes(prefix):
    return [
        {"apiVersion": "scheduling.k8s.io/v1", "kind": "PriorityClass", "metadata": {"name": f"{prefix}-low"},
         "value": 100, "preemptionPolicy": "PreemptLowerPriority", "description": "differential: low"},
        {"apiVersion": "scheduling.k8s.io/v1", "kind": "PriorityClass", "metadata": {"name": f"{prefix}-mid"},
         "value": 1000, "preemptionPolicy": "PreemptLowerPriority", "description": "differential: mid"},
        {"apiVersion": "scheduling.k8s.io/v1", "kind": "PriorityClass", "metadata": {"name": f"{prefix}-high"},
         "value": 10000, "preemptionPolicy": "PreemptLowerPriority", "description": "differential: high"},
        {"apiVersion": "scheduling.k8s.io/v1", "kind": "PriorityClass", "metadata": {"name": f"{prefix}-never"},
         "value": 10000, "preemptionPolicy": "Never", "description": "differential: high, never preempts"},
    ]


def container(name, cpu, mem, host_port=None, limits=False):
    c = {"name": name, "image": f"registry.example.com/{name}:1.0",
         "resources": {"requests": {"cpu": cpu_str(cpu), "memory": mem_str(mem)}}}
    if limits:
        c["resources"]["limits"] = {"cpu": cpu_str(cpu), "memory": mem_str(mem)}
    if host_port:
        c["ports"] = [{"containerPort": host_port, "hostPort": host_port, "protocol": "TCP"}]
    return c


def gen_existing(rnd, ns, prefix, nodes, theme, app):
    """Existing workloads: groups of 1-3 pods, each group bare or owned by a ReplicaSet."""
    heavy = theme in ("preempt", "preempt-never", "capacity", "podslimit")
    groups = rnd.randint(3, 6) if heavy else rnd.randint(0, 4)
    free = {n["metadata"]["name"]: node_free(n) for n in nodes}
    names = list(free)
    pods, rsets, pdbs = [], [], []
    start = 0
    for g in range(groups):
        owned = rnd.random() < 0.4
        want = rnd.randint(1, 3)
        gname = f"e{g}"
        labels = {"app": gname, "tier": rnd.choice(TIERS)}
        cpu, mem = sized(rnd, nodes, (0.15, 0.45) if heavy else (0.03, 0.2), (0.05, 0.3) if heavy else (0.02, 0.15))
        pc = rnd.choices([None, f"{prefix}-low", f"{prefix}-mid", f"{prefix}-high"],
                         weights=[4, 6, 2, 1] if theme.startswith("preempt") else [4, 4, 2, 1])[0]
        port = 8080 if rnd.random() < (0.4 if theme == "hostport" else 0.06) else None
        anti = None
        if rnd.random() < (0.35 if theme == "antiaffinity" else 0.07):
            anti = {"requiredDuringSchedulingIgnoredDuringExecution": [{
                "labelSelector": {"matchLabels": {"app": app}},
                "topologyKey": rnd.choice(["kubernetes.io/hostname", "topology.kubernetes.io/zone"])}]}
        placed = []
        for i in range(want):
            order = names[:]
            rnd.shuffle(order)
            for nn in order:
                f = free[nn]
                if f["cpu"] >= cpu and f["mem"] >= mem and f["pods"] >= 1 and (port is None or port not in f["ports"]):
                    f["cpu"] -= cpu
                    f["mem"] -= mem
                    f["pods"] -= 1
                    if port:
                        f["ports"].add(port)
                    placed.append(nn)
                    break
        if not placed:
            continue
        template_spec = {"containers": [container("app", cpu, mem, port)], "terminationGracePeriodSeconds": 30}
        if pc:
            template_spec["priorityClassName"] = pc
        if anti:
            template_spec["affinity"] = {"podAntiAffinity": anti}
        for i, nn in enumerate(placed):
            spec = yaml.safe_load(yaml.safe_dump(template_spec))
            spec["nodeName"] = nn
            pods.append({
                "apiVersion": "v1", "kind": "Pod",
                "metadata": {"name": f"{gname}-{i}", "namespace": ns, "labels": dict(labels)},
                "spec": spec,
                "startTime": start,   # seconds after the scenario's epoch; the kubelet emulation writes it
            })
            start += 1
        if owned:
            rsets.append({
                "apiVersion": "apps/v1", "kind": "ReplicaSet",
                "metadata": {"name": gname, "namespace": ns, "labels": dict(labels)},
                "spec": {"replicas": len(placed), "selector": {"matchLabels": {"app": gname}},
                         "template": {"metadata": {"labels": dict(labels)}, "spec": template_spec}},
            })
        if rnd.random() < (0.6 if theme.startswith("preempt") else 0.2):
            n = len(placed)
            pdbs.append({
                "apiVersion": "policy/v1beta1", "kind": "PodDisruptionBudget",
                "metadata": {"name": f"{gname}-pdb", "namespace": ns},
                "spec": {"minAvailable": rnd.choice([n, max(n - 1, 0)]), "selector": {"matchLabels": {"app": gname}}},
            })
    return pods, rsets, pdbs


# ----------------------------------------------------------------------------- proposal
def gen_node_affinity(rnd, nodes, zones):
    terms = []
    names = [n["metadata"]["name"] for n in nodes]
    for _ in range(rnd.choices([1, 2], weights=[3, 1])[0]):
        exprs, fields = [], []
        for _ in range(rnd.choices([1, 2], weights=[3, 1])[0]):
            kind = rnd.choice(["zone", "disk", "gen", "name", "hostname"])
            if kind == "zone":
                op = rnd.choice(["In", "In", "NotIn"])
                exprs.append({"key": "topology.kubernetes.io/zone", "operator": op,
                              "values": sorted(rnd.sample(zones, rnd.randint(1, len(zones))))})
            elif kind == "disk":
                op = rnd.choice(["In", "Exists", "DoesNotExist", "NotIn"])
                e = {"key": "disk", "operator": op}
                if op in ("In", "NotIn"):
                    e["values"] = [rnd.choice(["ssd", "hdd", "nvme"])]
                exprs.append(e)
            elif kind == "gen":
                exprs.append({"key": "gen", "operator": rnd.choice(["Gt", "Lt"]), "values": [str(rnd.randint(1, 5))]})
            elif kind == "hostname":
                exprs.append({"key": "kubernetes.io/hostname", "operator": rnd.choice(["In", "NotIn"]),
                              "values": sorted(rnd.sample(names, rnd.randint(1, len(names))))})
            elif not fields:
                # matchFields metadata.name: one value per requirement (API validation)
                fields.append({"key": "metadata.name", "operator": rnd.choice(["In", "NotIn"]),
                               "values": [rnd.choice(names + [names[0] + "-gone"])]})
        term = {}
        if exprs:
            term["matchExpressions"] = exprs
        if fields:
            term["matchFields"] = fields
        terms.append(term)
    return {"requiredDuringSchedulingIgnoredDuringExecution": {"nodeSelectorTerms": terms}}


def gen_affinity_term(rnd, ns, app, existing_pods, self_ok=True):
    choices = []
    if existing_pods:
        p = rnd.choice(existing_pods)
        choices.append({"matchLabels": {"tier": p["metadata"]["labels"]["tier"]}})
        apps = sorted({q["metadata"]["labels"]["app"] for q in existing_pods})
        choices.append({"matchExpressions": [{"key": "app", "operator": "In",
                                              "values": sorted(rnd.sample(apps, rnd.randint(1, len(apps))))}]})
    if self_ok:
        choices.append({"matchLabels": {"app": app}})
    choices.append({"matchLabels": {"tier": rnd.choice(TIERS)}})
    term = {"labelSelector": rnd.choice(choices),
            "topologyKey": rnd.choice(["kubernetes.io/hostname", "topology.kubernetes.io/zone"])}
    r = rnd.random()
    if r < 0.2:
        term["namespaces"] = [ns]
    elif r < 0.3:
        term["namespaces"] = [ns, "diff-elsewhere"]
    return term


def gen_proposed(rnd, ns, prefix, theme, app, nodes, zones, existing_pods):
    deployment = rnd.random() < 0.6
    replicas = rnd.randint(1, 6) if deployment else rnd.choices([1, 2, 3, 4, 5, 6], weights=[4, 3, 3, 2, 1, 1])[0]
    if theme == "capacity":
        # about as much as the cluster has free: some replicas fit, some do not
        free_cpu = sum(parse_cpu(n["status"]["allocatable"]["cpu"]) for n in nodes if not n["spec"].get("unschedulable")) \
            - sum(parse_cpu(p["spec"]["containers"][0]["resources"]["requests"]["cpu"]) for p in existing_pods)
        cpu = max(100, int(max(free_cpu, 200) / replicas * rnd.uniform(0.5, 1.6) / 50) * 50)
        _, mem = sized(rnd, nodes, (0, 0), (0.02, 0.15))
        if rnd.random() < 0.25:   # memory the scarce one instead
            cpu, mem = sized(rnd, nodes, (0.02, 0.1), (0.2, 0.7))
    elif theme in ("preempt", "preempt-never"):
        cpu, mem = sized(rnd, nodes, (0.2, 0.6), (0.03, 0.25))
    elif theme == "fit":
        cpu, mem = sized(rnd, nodes, (0.01, 0.08), (0.01, 0.06))
    else:
        cpu, mem = sized(rnd, nodes, (0.03, 0.25), (0.02, 0.15))
    port = 8080 if rnd.random() < (0.8 if theme == "hostport" else 0.06) else None
    spec = {"containers": [container("app", cpu, mem, port, limits=rnd.random() < 0.3)]}
    if theme == "preempt":
        pc = rnd.choice([f"{prefix}-high", f"{prefix}-high", f"{prefix}-mid"])
    elif theme == "preempt-never":
        pc = f"{prefix}-never"
    else:
        pc = rnd.choices([None, f"{prefix}-low", f"{prefix}-mid", f"{prefix}-high", f"{prefix}-never"],
                         weights=[10, 2, 2, 3, 1])[0]
    if pc:
        spec["priorityClassName"] = pc
    if rnd.random() < (0.45 if theme == "affinity" else 0.06):
        name = rnd.choice(nodes)["metadata"]["name"]
        spec["nodeSelector"] = rnd.choice([{"disk": "ssd"}, {"topology.kubernetes.io/zone": rnd.choice(zones)},
                                           {"kubernetes.io/hostname": name}, {"disk": "ssd"}, {"gen": "3"}])
    affinity = {}
    if rnd.random() < (0.75 if theme == "affinity" else 0.06):
        affinity["nodeAffinity"] = gen_node_affinity(rnd, nodes, zones)
    if rnd.random() < (0.75 if theme == "podaffinity" else 0.05):
        affinity["podAffinity"] = {"requiredDuringSchedulingIgnoredDuringExecution": [
            gen_affinity_term(rnd, ns, app, existing_pods)]}
    if rnd.random() < (0.75 if theme == "antiaffinity" else 0.06):
        term = gen_affinity_term(rnd, ns, app, existing_pods)
        if rnd.random() < 0.6:
            term["labelSelector"] = {"matchLabels": {"app": app}}
        affinity["podAntiAffinity"] = {"requiredDuringSchedulingIgnoredDuringExecution": [term]}
    if affinity:
        spec["affinity"] = affinity
    taint_keys = sorted({(t["key"], t["value"]) for n in nodes for t in n["spec"].get("taints", [])})
    if taint_keys and rnd.random() < (0.75 if theme == "taints" else 0.3):
        tols = []
        for key, value in rnd.sample(taint_keys, rnd.randint(1, len(taint_keys))):
            r = rnd.random()
            if r < 0.4:
                tols.append({"key": key, "operator": "Equal", "value": value, "effect": "NoSchedule"})
            elif r < 0.7:
                tols.append({"key": key, "operator": "Exists"})
            elif r < 0.85:
                tols.append({"key": key, "operator": "Equal", "value": value + "-x", "effect": "NoSchedule"})
            else:
                tols.append({"key": key, "operator": "Equal", "value": value, "effect": "PreferNoSchedule"})
        spec["tolerations"] = tols
    if rnd.random() < 0.04:
        spec.setdefault("tolerations", []).append(
            {"key": "node.kubernetes.io/unschedulable", "operator": "Exists", "effect": "NoSchedule"})
    if rnd.random() < (0.8 if theme == "spread" else 0.06):
        tsc = []
        for key in rnd.sample(["topology.kubernetes.io/zone", "kubernetes.io/hostname"], rnd.choice([1, 1, 2])):
            tsc.append({"maxSkew": rnd.choice([1, 1, 2]), "topologyKey": key, "whenUnsatisfiable": "DoNotSchedule",
                        "labelSelector": {"matchLabels": {"app": app}}})
        spec["topologySpreadConstraints"] = tsc
    labels = {"app": app}
    if rnd.random() < 0.3:
        labels["tier"] = rnd.choice(TIERS)
    if deployment:
        return [{
            "apiVersion": "apps/v1", "kind": "Deployment",
            "metadata": {"name": app, "namespace": ns, "labels": {"app": app}},
            "spec": {"replicas": replicas, "selector": {"matchLabels": {"app": app}},
                     "template": {"metadata": {"labels": labels}, "spec": spec}},
        }]
    return [{
        "apiVersion": "v1", "kind": "Pod",
        "metadata": {"name": f"{app}-{i}", "namespace": ns, "labels": dict(labels)},
        "spec": yaml.safe_load(yaml.safe_dump(spec)),
    } for i in range(1, replicas + 1)]


def gen_scheduling(rnd, seed, index):
    ns = f"diff-{seed}-{index}"
    prefix = f"s{seed}-{index}"
    theme = pick_theme(rnd)
    app = rnd.choice(APPS)
    nodes, zones = gen_nodes(rnd, prefix, theme)
    pods, rsets, pdbs = gen_existing(rnd, ns, prefix, nodes, theme, app)
    proposed = gen_proposed(rnd, ns, prefix, theme, app, nodes, zones, pods)
    return {
        "family": "scheduling", "seed": seed, "index": index, "namespace": ns, "prefix": prefix, "theme": theme,
        "cluster": {"nodes": nodes, "priorityClasses": priority_classes(prefix), "pods": pods,
                    "replicaSets": rsets, "pdbs": pdbs},
        "proposed": proposed,
    }


def generate(seed, index, family="scheduling"):
    if family not in FAMILIES:
        raise ValueError(f"unknown family {family!r}; known: {', '.join(FAMILIES)}")
    rnd = random.Random(f"premortem-differential/{family}/{seed}/{index}")
    if family == "scheduling":
        return gen_scheduling(rnd, seed, index)
    import controllers   # second family: LimitRange/ResourceQuota admission + workload controllers
    return controllers.generate(rnd, seed, index)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--index", type=int, default=0)
    ap.add_argument("--family", default="scheduling", choices=FAMILIES)
    a = ap.parse_args()
    yaml.safe_dump(generate(a.seed, a.index, a.family), sys.stdout, sort_keys=False)


if __name__ == "__main__":
    main()
