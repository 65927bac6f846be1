"""Second scenario family, "controllers": admission (defaulting, validation, LimitRanger,
ResourceQuota) and the workload controllers, as opposed to the scheduler. Compared with
`premortem simulate` by compare_controllers.py; in CI with 150 scenarios.

A scenario: 1-3 roomy Nodes; a Namespace with, each sometimes, a LimitRange (Container
default/defaultRequest/min/max), a ResourceQuota (requests.cpu, requests.memory, limits.cpu,
limits.memory, pods, count/deployments.apps, ...), a PriorityClass, a RuntimeClass (overhead,
node selector, tolerations); then the proposal: ONE
workload (Deployment, StatefulSet, DaemonSet or Job) and sometimes a Service selecting it by a
named or numbered targetPort.

Only one quota-consuming workload per scenario: in a manual trial with four workloads against
one quota, which controller got the last units depended on timing (ReplicaSet, StatefulSet,
DaemonSet and Job controllers all race for it), so such a scenario has no single real outcome.

Recorded outcome:
  pods       every pod the controllers created: owner, containers' requests and limits after
             defaulting (LimitRanger, and the LimitRange API defaulting default := max,
             defaultRequest := default), the kubernetes.io/limit-ranger annotation, the
             overhead RuntimeClass admission set, node
  failedCreate  per owner the distinct FailedCreate messages, pod names normalised to <pod>
  rejected   proposed objects the API server refused, with the message
  endpoints  per Service: ready pod names and resolved ports
"""
import re
import time

from compare_controllers import owner, settled_failures
from kube import ApiError, collection_path
from observe import NotSettled, Observer, POLL, strip

WORKLOADS = ["Deployment", "StatefulSet", "DaemonSet", "Job"]


def _res(rnd, cpu_choices=(None, "100m", "250m", "500m", "1", "2"), mem_choices=(None, "64Mi", "256Mi", "512Mi", "1Gi", "2Gi")):
    req, lim = {}, {}
    for key, choices in (("cpu", cpu_choices), ("memory", mem_choices)):
        r = rnd.choice(choices)
        if r:
            req[key] = r
        if rnd.random() < 0.4:
            lim[key] = rnd.choice([c for c in choices if c]) if not r or rnd.random() < 0.3 else r
    out = {}
    if req:
        out["requests"] = req
    if lim:
        out["limits"] = lim
    return out


def generate(rnd, seed, index):
    ns = f"diff-{seed}-{index}"
    prefix = f"s{seed}-{index}"
    nodes = []
    for k in range(1, rnd.randint(1, 3) + 1):
        name = f"{prefix}-n{k}"
        nodes.append({"apiVersion": "v1", "kind": "Node",
                      "metadata": {"name": name, "labels": {"kubernetes.io/hostname": name}}, "spec": {},
                      "status": {"capacity": {"cpu": "8", "memory": "16Gi", "pods": "110"},
                                 "allocatable": {"cpu": "8", "memory": "16Gi", "pods": "110"}}})
    objects = []
    theme = []
    if rnd.random() < 0.7:
        item = {"type": "Container"}
        if rnd.random() < 0.6:
            item["default"] = {"cpu": rnd.choice(["200m", "500m"]), "memory": rnd.choice(["256Mi", "512Mi"])}
        if rnd.random() < 0.6:
            item["defaultRequest"] = {"cpu": rnd.choice(["50m", "100m"]), "memory": rnd.choice(["64Mi", "128Mi"])}
        if rnd.random() < 0.4:
            item["min"] = {"cpu": rnd.choice(["50m", "100m"])}
        if rnd.random() < 0.5:
            item["max"] = {"cpu": rnd.choice(["1", "2"]), "memory": rnd.choice(["1Gi", "2Gi"])}
        objects.append({"apiVersion": "v1", "kind": "LimitRange", "metadata": {"name": "limits", "namespace": ns},
                        "spec": {"limits": [item]}})
        theme.append("limitrange")
    if rnd.random() < 0.7:
        keys = rnd.sample(["requests.cpu", "requests.memory", "limits.cpu", "limits.memory", "pods",
                           "count/deployments.apps", "count/services"], rnd.randint(1, 3))
        hard = {k: {"requests.cpu": rnd.choice(["500m", "1", "2"]), "requests.memory": rnd.choice(["512Mi", "1Gi"]),
                    "limits.cpu": rnd.choice(["1", "2"]), "limits.memory": rnd.choice(["1Gi", "2Gi"]),
                    "pods": str(rnd.randint(1, 4)), "count/deployments.apps": str(rnd.randint(0, 1)),
                    "count/services": str(rnd.randint(0, 1))}[k] for k in keys}
        objects.append({"apiVersion": "v1", "kind": "ResourceQuota", "metadata": {"name": "quota", "namespace": ns},
                        "spec": {"hard": hard}})
        theme.append("quota")
    kind = rnd.choice(WORKLOADS)
    app = rnd.choice(["web", "db", "agent", "job"])
    containers = []
    for ci in range(rnd.choice([1, 1, 2])):
        c = {"name": f"c{ci}", "image": f"registry.example.com/{app}:1.0", "resources": _res(rnd)}
        if ci == 0:
            c["ports"] = [{"name": "http", "containerPort": 8080, "protocol": "TCP"}]
        containers.append(c)
    template = {"metadata": {"labels": {"app": app}}, "spec": {"containers": containers}}
    replicas = rnd.randint(1, 4)
    if kind == "Deployment":
        spec = {"replicas": replicas, "selector": {"matchLabels": {"app": app}}, "template": template}
    elif kind == "StatefulSet":
        spec = {"replicas": replicas, "serviceName": app, "selector": {"matchLabels": {"app": app}}, "template": template}
    elif kind == "DaemonSet":
        spec = {"selector": {"matchLabels": {"app": app}}, "template": template}
    else:
        template["spec"]["restartPolicy"] = "Never"
        spec = {"parallelism": replicas, "completions": replicas, "template": template}
    api = "batch/v1" if kind == "Job" else "apps/v1"
    proposed = [{"apiVersion": api, "kind": kind, "metadata": {"name": app, "namespace": ns, "labels": {"app": app}},
                 "spec": spec}]
    if rnd.random() < 0.6:
        target = rnd.choice(["http", "http", "https", 8080])
        proposed.append({"apiVersion": "v1", "kind": "Service", "metadata": {"name": app, "namespace": ns},
                         "spec": {"selector": {"app": app}, "ports": [{"name": "web", "port": 80, "targetPort": target}]}})
        theme.append("service")
    classes = extend(rnd, prefix, objects, template, kind, theme)
    runtime = extend_runtime(rnd, prefix, nodes, objects, template, theme)
    return {"family": "controllers", "seed": seed, "index": index, "namespace": ns, "prefix": prefix,
            "theme": "-".join([kind.lower()] + theme),
            "cluster": {"nodes": nodes, "priorityClasses": classes, "runtimeClasses": runtime, "pods": [], "replicaSets": [],
                        "pdbs": [], "objects": objects},
            "proposed": proposed}


def _milli(q):
    return int(q[:-1]) if q.endswith("m") else int(q) * 1000


def extend(rnd, prefix, objects, template, kind, theme):
    """Draws added after seed 1's first 150 scenarios were recorded. They come after every
    earlier draw, so each scenario keeps what it had and gains: a LimitRange that the API server
    accepts (min <= defaultRequest), maxLimitRequestRatio and a Pod item; quota scopes
    (BestEffort, NotBestEffort, PriorityClass), bare cpu/memory names and an object count on the
    workload's own kind; an init container; a PriorityClass, sometimes named wrong. Returns the
    PriorityClasses."""
    lr = next((o for o in objects if o["kind"] == "LimitRange"), None)
    rq = next((o for o in objects if o["kind"] == "ResourceQuota"), None)
    if lr is not None:
        item = lr["spec"]["limits"][0]
        lo, dr = item.get("min", {}).get("cpu"), item.get("defaultRequest", {}).get("cpu")
        if lo and dr and _milli(lo) > _milli(dr):
            item["defaultRequest"]["cpu"] = lo
        if rnd.random() < 0.3:
            item["maxLimitRequestRatio"] = {"cpu": rnd.choice(["2", "4", "10"])}
            theme.append("ratio")
        if rnd.random() < 0.3:
            lr["spec"]["limits"].append({"type": "Pod", "max": {"cpu": rnd.choice(["1", "2", "4"]),
                                                                "memory": rnd.choice(["1Gi", "2Gi", "4Gi"])}})
            theme.append("podlimit")
    if rnd.random() < 0.25:
        init = {"name": "init", "image": "registry.example.com/init:1.0", "resources": _res(rnd)}
        template["spec"]["initContainers"] = [init]
        theme.append("init")
    classes = []
    if rnd.random() < 0.25:
        pc = f"{prefix}-high"
        classes.append({"apiVersion": "scheduling.k8s.io/v1", "kind": "PriorityClass", "metadata": {"name": pc},
                        "value": 1000, "description": "differential: controllers"})
        r = rnd.random()
        if r < 0.6:
            template["spec"]["priorityClassName"] = pc
        elif r < 0.75:
            template["spec"]["priorityClassName"] = f"{prefix}-missing"   # the Priority plugin refuses it
            theme.append("nopriorityclass")
    if rq is not None:
        hard = rq["spec"]["hard"]
        r = rnd.random()
        if r < 0.12:
            rq["spec"]["hard"] = {"pods": str(rnd.randint(0, 3))}
            rq["spec"]["scopes"] = ["BestEffort"]
            theme.append("besteffort")
        elif r < 0.3:
            rq["spec"]["scopes"] = ["NotBestEffort"]
            theme.append("notbesteffort")
        elif r < 0.45 and classes:
            rq["spec"]["scopeSelector"] = {"matchExpressions": [
                {"scopeName": "PriorityClass", "operator": rnd.choice(["In", "NotIn"]), "values": [classes[0]["metadata"]["name"]]}]}
            theme.append("priorityscope")
        if rnd.random() < 0.3:
            for k in ("cpu", "memory"):
                if "requests." + k in rq["spec"]["hard"]:
                    rq["spec"]["hard"][k] = rq["spec"]["hard"].pop("requests." + k)
        if rnd.random() < 0.15 and "scopes" not in rq["spec"] and "scopeSelector" not in rq["spec"]:
            group = "batch" if kind == "Job" else "apps"
            rq["spec"]["hard"][f"count/{kind.lower()}s.{group}"] = str(rnd.randint(0, 1))
            theme.append("count")
        del hard
    return classes


def extend_runtime(rnd, prefix, nodes, objects, template, theme):
    """Draws added after extend(), so that earlier scenarios keep theirs: a RuntimeClass with
    an overhead and scheduling (a node selector some nodes carry, a toleration of the taint some
    of those carry), named by the template, sometimes wrongly, sometimes beside a node selector
    of the template's own that agrees or conflicts. Returns the RuntimeClasses.

    No overhead where a quota counts compute resources: v1.20's quota leaves the overhead out
    (`PodUsageFunc`, `pkg/quota/v1/evaluator/core/pods.go`), current Kubernetes counts it, and
    Premortem models current Kubernetes (`RuntimeClassTests.overheadIsChargedToNodeAndQuota`)."""
    if rnd.random() >= 0.3:
        return []
    name = f"{prefix}-sandbox"
    rc = {"apiVersion": "node.k8s.io/v1", "kind": "RuntimeClass", "metadata": {"name": name}, "handler": "runsc"}
    compute_quota = any(k not in ("pods",) and not k.startswith("count/")
                        for o in objects if o["kind"] == "ResourceQuota" for k in o["spec"]["hard"])
    if rnd.random() < 0.7 and not compute_quota:
        rc["overhead"] = {"podFixed": {"cpu": rnd.choice(["100m", "250m", "1"]), "memory": rnd.choice(["64Mi", "120Mi"])}}
    if rnd.random() < 0.5:
        rc["scheduling"] = {"nodeSelector": {"sandbox": "gvisor"}}
        if rnd.random() < 0.6:
            rc["scheduling"]["tolerations"] = [{"key": "sandbox", "operator": "Exists", "effect": "NoSchedule"}]
        for n in nodes[:rnd.randint(0, len(nodes))]:
            n["metadata"]["labels"]["sandbox"] = "gvisor"
            if rnd.random() < 0.5:
                n["spec"]["taints"] = [{"key": "sandbox", "value": "gvisor", "effect": "NoSchedule"}]
    r = rnd.random()
    if r < 0.75:
        template["spec"]["runtimeClassName"] = name
    elif r < 0.9:
        template["spec"]["runtimeClassName"] = f"{prefix}-missing"   # the RuntimeClass plugin refuses it
        theme.append("noruntimeclass")
    if "runtimeClassName" in template["spec"] and rnd.random() < 0.2:
        template["spec"]["nodeSelector"] = {"sandbox": rnd.choice(["gvisor", "none"])}
    theme.append("runtimeclass")
    return [rc]


POD_NAME = re.compile(r'(pods? "|Pod ")([a-z0-9.-]+)(")')


def normalise(msg):
    return POD_NAME.sub(r'\1<pod>\3', msg)


class ControllersObserver(Observer):
    """setup (Nodes, Namespace, LimitRange, ResourceQuota with status.hard computed), propose,
    then play the kubelets until pods, distinct FailedCreate messages and Endpoints stay the same
    for STABLE seconds (controllers retry failed creates with backoff; the messages repeat)."""
    STABLE = 1.5

    def setup(self, sc):
        for rc in sc["cluster"].get("runtimeClasses", []):
            # cluster-scoped: a run cut short may have left it behind
            self.c.request("DELETE", collection_path("RuntimeClass") + "/" + rc["metadata"]["name"], None, ok404=True)
            self.c.post(collection_path("RuntimeClass"), rc)
        cluster = super().setup(sc)
        ns = sc["namespace"]
        for obj in sc["cluster"]["objects"]:
            self.c.post(collection_path(obj["kind"], ns), obj)
        deadline = time.time() + 15
        for obj in sc["cluster"]["objects"]:
            if obj["kind"] != "ResourceQuota":
                continue
            # quota admission refuses creates until the quota controller filled status.hard
            while not (self.c.get(collection_path("ResourceQuota", ns) + "/" + obj["metadata"]["name"]).get("status") or {}).get("hard"):
                if time.time() > deadline:
                    raise NotSettled("ResourceQuota status.hard not filled in 15s")
                time.sleep(POLL)
        rcs = [strip(self.c.get(collection_path("RuntimeClass") + "/" + rc["metadata"]["name"]))
               for rc in sc["cluster"].get("runtimeClasses", [])]
        if rcs:
            cluster["runtimeclasses"] = [dict({"apiVersion": "node.k8s.io/v1", "kind": "RuntimeClass"}, **o) for o in rcs]
        for kind, key in (("LimitRange", "limitranges"), ("ResourceQuota", "resourcequotas")):
            items = [strip(o) for o in self.c.get(collection_path(kind, ns))["items"]]
            if items:
                cluster[key] = [dict({"apiVersion": "v1", "kind": kind}, **o) for o in items]
        return cluster

    def propose(self, sc):
        self.rejected = []
        for obj in sc["proposed"]:
            try:
                self.c.post(collection_path(obj["kind"], obj["metadata"].get("namespace")), obj)
            except ApiError as e:
                self.rejected.append({"kind": obj["kind"], "name": obj["metadata"]["name"], "message": e.message})

    def settle(self, sc):
        ns = sc["namespace"]
        t0 = time.time()
        deadline = t0 + self.timeout
        deleted, last, since = {}, None, None
        while True:
            now = time.time()
            pods = self.c.get(collection_path("Pod", ns))["items"]
            acted = self.kubelet_pass(pods, deleted, now)
            failed = {}
            for e in self.c.get(collection_path("Event", ns))["items"]:
                if e.get("reason") == "FailedCreate":
                    io = e["involvedObject"]
                    failed.setdefault(f"{io['kind']}/{io['name']}", set()).add(
                        normalise(re.sub(r"^\(combined from similar events\): ", "", e["message"])))
            eps = {}
            for ep in self.c.get(collection_path("Endpoints", ns))["items"]:
                ready, ports = [], []
                for s in ep.get("subsets") or []:
                    ready += [a.get("targetRef", {}).get("name") for a in s.get("addresses") or []]
                    ports += [{"name": p.get("name"), "port": p["port"]} for p in s.get("ports") or []]
                eps[ep["metadata"]["name"]] = {"ready": sorted(ready), "ports": ports}
            recs = []
            for p in sorted(pods, key=lambda p: p["metadata"]["name"]):
                refs = [r for r in p["metadata"].get("ownerReferences") or [] if r.get("controller")]
                recs.append({"name": p["metadata"]["name"], "node": p["spec"].get("nodeName"),
                             "owner": {"kind": refs[0]["kind"], "name": refs[0]["name"]} if refs else None,
                             "limitRanger": (p["metadata"].get("annotations") or {}).get("kubernetes.io/limit-ranger"),
                             "overhead": p["spec"].get("overhead"),
                             "containers": [{"name": c["name"], "resources": c.get("resources") or {}} for c in p["spec"]["containers"]]})
            sig = repr((recs, sorted((k, sorted(v)) for k, v in failed.items()), eps))
            if acted or sig != last:
                last, since = sig, now
            elif now - since >= self.STABLE:
                break
            if now > deadline:
                raise NotSettled(f"not settled after {self.timeout:.0f}s")
            time.sleep(POLL)
        self.timings["settle"] = time.time() - t0
        return {"pods": recs, "failedCreate": {k: sorted(v) for k, v in sorted(failed.items())},
                "rejected": self.rejected, "endpoints": eps, "settleSeconds": round(time.time() - t0, 3)}

    def cleanup(self, sc):
        ns = sc["namespace"]
        for kind in ("StatefulSet", "DaemonSet", "Job"):
            self.c.request("DELETE", collection_path(kind, ns),
                           {"kind": "DeleteOptions", "apiVersion": "v1", "propagationPolicy": "Background"}, ok404=True)
        super().cleanup(sc)
        for rc in sc["cluster"].get("runtimeClasses", []):
            self.c.request("DELETE", collection_path("RuntimeClass") + "/" + rc["metadata"]["name"], None, ok404=True)


def verdict(sc, outcome):
    """Corpus rules for what this family decides: pods of the workload refused by admission
    (FailedCreate, or the workload itself refused) -> deny when no pod of it exists, warn when
    some do; the finding is QuotaExceeded when LimitRanger or ResourceQuota refused them,
    RolloutStuck when something else did (validation, `is invalid`; the Priority plugin: no
    quota or LimitRange change helps). Pods of the workload that are bound nowhere ->
    Unschedulable, deny when none is bound, warn when some are. A proposed Service the API
    server refuses (object-count quota) -> deny QuotaExceeded."""
    w = sc["proposed"][0]
    ns = sc["namespace"]
    name = w["metadata"]["name"]
    refused = [r["message"] for r in outcome["rejected"] if r["kind"] == w["kind"]]
    failed = [m for k, ms in settled_failures(outcome).items() if k.split("/", 1)[1].startswith(name) for m in ms]
    out = {"verdict": "allow", "findings": []}
    if refused or failed:
        have = [p for p in outcome["pods"] if p["name"].startswith(name)]
        quota = all(re.search(r"exceeded quota|failed quota|usage per|limit to request ratio", m) for m in refused + failed)
        out = {"verdict": "warn" if have else "deny",
               "findings": [{"type": "QuotaExceeded" if quota else "RolloutStuck", "kind": w["kind"], "name": name, "namespace": ns}]}
    # Pods admitted but bound nowhere (a RuntimeClass's node selector no node has): Unschedulable,
    # deny when none of the workload's pods is bound.
    owned = [p for p in outcome["pods"] if p["owner"] and owner(sc, p["owner"]["kind"], p["owner"]["name"]) == (w["kind"], name)]
    pending = [p for p in owned if not p["node"]]
    if pending:
        level = "deny" if len(pending) == len(owned) else "warn"
        if out["verdict"] != "deny":
            out["verdict"] = level
        out["findings"].append({"type": "Unschedulable", "kind": w["kind"], "name": name, "namespace": ns})
    for r in outcome["rejected"]:
        if r["kind"] == "Service":
            out["verdict"] = "deny"
            out["findings"].append({"type": "QuotaExceeded", "kind": "Service", "name": r["name"], "namespace": ns})
    return out
