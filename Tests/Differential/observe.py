"""Runs one generated scenario through the real kube-apiserver + kube-scheduler +
kube-controller-manager v1.20.2 and records what happened.

No kubelet runs, so this module plays its part:
  * Nodes: created, then status (capacity/allocatable/Ready) through nodes/NAME/status, then
    spec.taints set to exactly the generated ones. The TaintNodesByCondition admission plugin
    adds node.kubernetes.io/not-ready:NoSchedule to every new Node and, with the node
    lifecycle controller disabled (CM_CONTROLLERS='*,-nodelifecycle'), nobody would remove it.
  * Pods bound to a node and not Running yet: status Running, Ready/ContainersReady/
    PodScheduled True, containerStatuses running.
  * Pods with a deletionTimestamp (preemption victims): deleted with gracePeriodSeconds=0, as a
    kubelet does once the container stopped. Each such deletion is recorded.

Settling: the scenario is settled when every pod of every owner exists (Deployment replicas,
ReplicaSet replicas, bare pods), every pod is bound or has PodScheduled=False/Unschedulable,
none is terminating, the scheduler's queues hold nothing active or backing off
(scheduler_pending_pods from its /metrics), and all that has not changed (nor have the
scheduler's attempt/queue counters) for SETTLE_STABLE seconds. Not settled within the timeout
is an error, never a pass.
"""
import hashlib
import re
import time

from kube import ApiError, collection_path, object_path

SETTLE_STABLE = 0.5
POLL = 0.05
# Seconds the emulated kubelet keeps a pod that is being deleted (see kubelet_pass).
VICTIM_GRACE = 1.0
NOISE = ("managedFields", "resourceVersion", "selfLink")


class NotSettled(Exception):
    pass


class HarnessError(Exception):
    pass


def rfc3339(t):
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(t))


def strip(obj):
    md = obj.get("metadata", {})
    for k in NOISE:
        md.pop(k, None)
    return obj


def owner_of(pod, rs_owner):
    """(kind, name) of the pod's workload: the Deployment for a Deployment's ReplicaSet."""
    for ref in pod["metadata"].get("ownerReferences") or []:
        if ref.get("controller"):
            if ref["kind"] == "ReplicaSet" and ref["name"] in rs_owner:
                return rs_owner[ref["name"]]
            return (ref["kind"], ref["name"])
    return None


def scheduled_condition(pod):
    for c in pod.get("status", {}).get("conditions") or []:
        if c.get("type") == "PodScheduled":
            return c
    return None


class Observer:
    def __init__(self, client, scheduler_port=16459, timeout=20.0):
        self.c = client
        self.scheduler_port = scheduler_port
        self.timeout = timeout
        self.ip_counter = 0
        self.host_ip = {}
        self.timings = {}
        self.victim_grace = VICTIM_GRACE

    # ------------------------------------------------------------------ scheduler metrics
    def scheduler_state(self):
        text = self.c.raw_get("/metrics", port=self.scheduler_port)
        pending, counters = {}, 0.0
        for line in text.splitlines():
            if line.startswith("scheduler_pending_pods{"):
                q = re.search(r'queue="([^"]+)"', line).group(1)
                pending[q] = float(line.rsplit(" ", 1)[1])
            elif line.startswith(("scheduler_schedule_attempts_total{", "scheduler_queue_incoming_pods_total{")):
                counters += float(line.rsplit(" ", 1)[1])
        return pending, counters

    # ------------------------------------------------------------------ kubelet emulation
    def _node_status(self, node, now):
        st = dict(node["status"])
        cond = lambda t, s, r, m: {"type": t, "status": s, "reason": r, "message": m,
                                   "lastHeartbeatTime": rfc3339(now), "lastTransitionTime": rfc3339(now)}
        st["conditions"] = [
            cond("MemoryPressure", "False", "KubeletHasSufficientMemory", "kubelet has sufficient memory available"),
            cond("DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure"),
            cond("PIDPressure", "False", "KubeletHasSufficientPID", "kubelet has sufficient PID available"),
            cond("Ready", "True", "KubeletReady", "kubelet is posting ready status"),
        ]
        st["nodeInfo"] = {"kubeletVersion": "v1.20.2", "kubeProxyVersion": "v1.20.2", "operatingSystem": "linux",
                          "architecture": "amd64", "containerRuntimeVersion": "containerd://1.4.3",
                          "osImage": "differential harness", "kernelVersion": "5.10.0",
                          "machineID": "", "systemUUID": "", "bootID": ""}
        return st

    def mark_running(self, pod, start):
        self.ip_counter += 1
        ip = f"10.244.{(self.ip_counter // 250) % 250}.{self.ip_counter % 250 + 1}"
        ts = rfc3339(start)
        conds = [{"type": t, "status": "True", "lastProbeTime": None, "lastTransitionTime": ts}
                 for t in ("Initialized", "Ready", "ContainersReady", "PodScheduled")]
        statuses = []
        for ctr in pod["spec"]["containers"]:
            cid = hashlib.sha256(f"{pod['metadata']['namespace']}/{pod['metadata']['name']}/{ctr['name']}".encode()).hexdigest()
            statuses.append({"name": ctr["name"], "ready": True, "started": True, "restartCount": 0,
                             "image": ctr["image"], "imageID": "", "containerID": f"containerd://{cid}",
                             "state": {"running": {"startedAt": ts}}, "lastState": {}})
        body = {"status": {"phase": "Running", "conditions": conds, "containerStatuses": statuses,
                           "hostIP": self.host_ip.get(pod["spec"]["nodeName"], "10.0.0.1"),
                           "podIP": ip, "podIPs": [{"ip": ip}], "startTime": ts}}
        md = pod["metadata"]
        return self.c.merge_patch(f"/api/v1/namespaces/{md['namespace']}/pods/{md['name']}/status", body)

    def kubelet_pass(self, pods, deleted, now):
        """One pass of the emulated kubelets over the namespace's pods. Returns True if it acted."""
        acted = False
        for p in pods:
            md = p["metadata"]
            if md.get("deletionTimestamp"):
                seen = deleted.setdefault(md["name"], {"node": p["spec"].get("nodeName"), "at": now,
                                                       "labels": md.get("labels", {}),
                                                       "ownerReferences": md.get("ownerReferences")})
                # A kubelet takes a while to stop a pod (its grace period, 30 s by default):
                # meanwhile the scheduler tries the other pending pods against a node that
                # still holds the victims. Stopping them at once instead made the outcome
                # depend on whether the scheduler's next cycle came before or after the
                # harness's next poll.
                if now - seen["at"] >= self.victim_grace:
                    self.c.delete(f"/api/v1/namespaces/{md['namespace']}/pods/{md['name']}", grace=0)
                acted = True
            elif p["spec"].get("nodeName") and p.get("status", {}).get("phase") != "Running":
                self.mark_running(p, now)
                acted = True
        return acted

    # ------------------------------------------------------------------ setup
    def setup(self, sc):
        ns = sc["namespace"]
        cl = sc["cluster"]
        c = self.c
        t0 = time.time()
        epoch = t0 - 86400
        self.host_ip = {}
        # A replay reuses the namespace of the run before it, which the namespace controller may
        # still be finalizing: creating it then fails with 409 "object is being deleted".
        deadline = t0 + 60
        while c.get(f"/api/v1/namespaces/{ns}", ok404=True) is not None:
            if time.time() > deadline:
                raise HarnessError(f"setup: namespace {ns} still being deleted after 60s")
            time.sleep(POLL)
        c.post("/api/v1/namespaces", {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": ns}})
        for pc in cl["priorityClasses"]:
            c.post(collection_path("PriorityClass"), pc)
        for k, n in enumerate(cl["nodes"]):
            name = n["metadata"]["name"]
            self.host_ip[name] = f"10.0.{k // 250}.{k % 250 + 10}"
            c.post("/api/v1/nodes", {"apiVersion": "v1", "kind": "Node", "metadata": n["metadata"],
                                     "spec": {k2: v for k2, v in n["spec"].items() if k2 != "taints"}})
            st = self._node_status(n, epoch)
            st["addresses"] = [{"type": "InternalIP", "address": self.host_ip[name]},
                               {"type": "Hostname", "address": name}]
            c.merge_patch(f"/api/v1/nodes/{name}/status", {"status": st})
            got = c.merge_patch(f"/api/v1/nodes/{name}", {"spec": {"taints": n["spec"].get("taints") or None}})
            if (got["spec"].get("taints") or []) != (n["spec"].get("taints") or []):
                raise HarnessError(f"node {name}: taints are {got['spec'].get('taints')}, want {n['spec'].get('taints')}")
        for p in cl["pods"]:
            obj = {k: v for k, v in p.items() if k != "startTime"}
            created = c.post(collection_path("Pod", ns), obj)
            self.mark_running(created, epoch + p["startTime"])
        for rs in cl["replicaSets"]:
            c.post(collection_path("ReplicaSet", ns), rs)
        for pdb in cl["pdbs"]:
            c.post(collection_path("PodDisruptionBudget", ns), pdb)
        self._wait_setup(sc)
        self.timings = {"setup": time.time() - t0}
        return self.read_cluster(sc)

    def _wait_setup(self, sc):
        """Wait until the ReplicaSets adopted their pods (and created none) and the disruption
        controller has observed every PDB with the pods Running."""
        ns = sc["namespace"]
        cl = sc["cluster"]
        deadline = time.time() + 15
        while True:
            ok = True
            why = ""
            if cl["replicaSets"]:
                rss = {r["metadata"]["name"]: r for r in self.c.get(collection_path("ReplicaSet", ns))["items"]}
                pods = self.c.get(collection_path("Pod", ns))["items"]
                for want in cl["replicaSets"]:
                    name = want["metadata"]["name"]
                    r = rss.get(name)
                    owned = [p for p in pods if any(o.get("controller") and o["name"] == name
                                                    for o in p["metadata"].get("ownerReferences") or [])]
                    if not r or r.get("status", {}).get("readyReplicas", 0) != want["spec"]["replicas"] \
                            or len(owned) != want["spec"]["replicas"] or len(pods) != len(cl["pods"]):
                        ok, why = False, f"ReplicaSet {name} not settled ({len(owned)} owned pods, {len(pods)} pods)"
                        break
            if ok:
                for want in cl["pdbs"]:
                    pdb = self.c.get(object_path("PodDisruptionBudget", want["metadata"]["name"], ns))
                    st = pdb.get("status") or {}
                    n = sum(1 for p in cl["pods"] if p["metadata"]["labels"].get("app") == want["spec"]["selector"]["matchLabels"]["app"])
                    if st.get("observedGeneration") != pdb["metadata"].get("generation") or st.get("currentHealthy") != n \
                            or st.get("expectedPods") != n:
                        ok, why = False, f"PDB {want['metadata']['name']} status not current: {st}"
                        break
            if ok:
                return
            if time.time() > deadline:
                raise NotSettled(f"setup did not settle in 15s: {why}")
            time.sleep(POLL)

    def read_cluster(self, sc):
        """The scenario's objects as read back from the API server."""
        ns = sc["namespace"]
        cl = sc["cluster"]
        c = self.c
        out = {
            "namespaces": [strip(c.get(f"/api/v1/namespaces/{ns}"))],
            "nodes": [strip(c.get(f"/api/v1/nodes/{n['metadata']['name']}")) for n in cl["nodes"]],
            "priorityclasses": [strip(c.get(object_path("PriorityClass", p["metadata"]["name"])))
                                for p in cl["priorityClasses"]],
            "pods": [strip(p) for p in c.get(collection_path("Pod", ns))["items"]],
            "workloads": [strip(r) for r in c.get(collection_path("ReplicaSet", ns))["items"]],
            "pdbs": [strip(p) for p in c.get(collection_path("PodDisruptionBudget", ns))["items"]],
        }
        # list items come without apiVersion/kind: put them back, first, as kubectl get -o yaml does
        for kind, items in out.items():
            api = {"priorityclasses": "scheduling.k8s.io/v1", "workloads": "apps/v1", "pdbs": "policy/v1beta1"}.get(kind, "v1")
            k = {"namespaces": "Namespace", "nodes": "Node", "priorityclasses": "PriorityClass",
                 "pods": "Pod", "workloads": "ReplicaSet", "pdbs": "PodDisruptionBudget"}[kind]
            out[kind] = [dict({"apiVersion": o.pop("apiVersion", api), "kind": o.pop("kind", k)}, **o) for o in items]
        return out

    # ------------------------------------------------------------------ the change
    def propose(self, sc):
        for obj in sc["proposed"]:
            try:
                self.c.post(collection_path(obj["kind"], obj["metadata"].get("namespace")), obj)
            except ApiError as e:
                raise HarnessError(f"the API server rejected proposed {obj['kind']} {obj['metadata']['name']}: {e.message}")

    def expected_owner_counts(self, sc):
        want = {}
        for obj in sc["proposed"]:
            if obj["kind"] == "Deployment":
                want[("Deployment", obj["metadata"]["name"])] = obj["spec"]["replicas"]
            elif obj["kind"] == "Pod":
                want[("Pod", obj["metadata"]["name"])] = 1
        for rs in sc["cluster"]["replicaSets"]:
            want[("ReplicaSet", rs["metadata"]["name"])] = rs["spec"]["replicas"]
        return want

    def settle(self, sc):
        """Play the kubelets until the scenario settles; return the outcome."""
        ns = sc["namespace"]
        c = self.c
        t0 = time.time()
        deadline = t0 + self.timeout
        deleted = {}
        want = self.expected_owner_counts(sc)
        stable_since, last_sig = None, None
        polls = 0
        while True:
            now = time.time()
            polls += 1
            pods = c.get(collection_path("Pod", ns))["items"]
            acted = self.kubelet_pass(pods, deleted, now)
            rs_owner = {}
            for r in c.get(collection_path("ReplicaSet", ns))["items"]:
                for ref in r["metadata"].get("ownerReferences") or []:
                    if ref.get("controller") and ref["kind"] == "Deployment":
                        rs_owner[r["metadata"]["name"]] = ("Deployment", ref["name"])
            pending, counters = self.scheduler_state()
            why = None
            if acted:
                why = "kubelet acted"
            elif pending.get("active", 0) or pending.get("backoff", 0):
                why = f"scheduler queue active={pending.get('active')} backoff={pending.get('backoff')}"
            counts = {}
            sig = [counters]
            for p in pods:
                o = owner_of(p, rs_owner) or ("Pod", p["metadata"]["name"])
                counts[o] = counts.get(o, 0) + 1
                cond = scheduled_condition(p) or {}
                node = p["spec"].get("nodeName")
                sig.append((p["metadata"]["name"], node, cond.get("reason"), cond.get("message"),
                            p.get("status", {}).get("nominatedNodeName"), p["metadata"].get("resourceVersion")))
                if why is None and not node and not (cond.get("status") == "False" and cond.get("reason") == "Unschedulable"):
                    why = f"pod {p['metadata']['name']} neither bound nor Unschedulable"
            if why is None:
                for o, n in want.items():
                    if counts.get(o, 0) != n:
                        why = f"{o[0]} {o[1]} has {counts.get(o, 0)} pods, wants {n}"
                        break
            sig = tuple(sorted(map(str, sig)))
            if why is None:
                if sig == last_sig and stable_since is not None:
                    if now - stable_since >= SETTLE_STABLE:
                        break
                else:
                    stable_since, last_sig = now, sig
            else:
                stable_since, last_sig = None, None
            if now > deadline:
                raise NotSettled(f"not settled after {self.timeout:.0f}s: {why or 'still changing'}")
            time.sleep(POLL)
        self.timings["settle"] = time.time() - t0
        events = c.get(collection_path("Event", ns))["items"]
        return self.outcome(sc, pods, rs_owner, deleted, events, polls)

    def outcome(self, sc, pods, rs_owner, deleted, events, polls):
        existing = {p["metadata"]["name"] for p in sc["cluster"]["pods"]}
        failed = {}
        preempted_by = {}
        for e in events:
            io = e.get("involvedObject") or e.get("regarding") or {}
            msg = e.get("message") or e.get("note") or ""
            if e.get("reason") == "FailedScheduling" and io.get("kind") == "Pod":
                failed[io.get("name")] = msg    # last one wins (events are listed oldest first)
            if e.get("reason") == "Preempted" and io.get("kind") == "Pod":
                m = re.match(r"Preempted by ([^/]+)/(\S+) on node (\S+)", msg)
                if m:
                    preempted_by[io.get("name")] = {"namespace": m.group(1), "name": m.group(2), "node": m.group(3)}
        out_pods = []
        for p in sorted(pods, key=lambda p: p["metadata"]["name"]):
            md = p["metadata"]
            if md["name"] in deleted:
                continue
            cond = scheduled_condition(p) or {}
            o = owner_of(p, rs_owner)
            rec = {"name": md["name"], "owner": {"kind": o[0], "name": o[1]} if o else None,
                   "node": p["spec"].get("nodeName"), "existing": md["name"] in existing,
                   "priority": p["spec"].get("priority", 0),
                   "nominatedNodeName": p.get("status", {}).get("nominatedNodeName")}
            if not rec["node"]:
                rec["message"] = cond.get("message") or failed.get(md["name"])
                # what reasons.expected_current needs to translate the message
                rec["spec"] = {k: p["spec"][k] for k in ("tolerations", "affinity") if p["spec"].get(k)}
                if not rec["message"]:
                    raise HarnessError(f"pod {md['name']} is Pending without a PodScheduled message or FailedScheduling event")
            out_pods.append(rec)
        victims = []
        for name, d in sorted(deleted.items()):
            o = owner_of({"metadata": {"ownerReferences": d["ownerReferences"]}}, rs_owner)
            v = {"name": name, "node": d["node"], "existing": name in existing,
                 "owner": {"kind": o[0], "name": o[1]} if o else None}
            by = preempted_by.get(name)
            if by:
                v["by"] = by["name"]
            victims.append(v)
        return {"pods": out_pods, "preempted": victims, "polls": polls,
                "settleSeconds": round(self.timings.get("settle", 0), 3)}

    # ------------------------------------------------------------------ cleanup
    def cleanup(self, sc):
        ns = sc["namespace"]
        c = self.c
        t0 = time.time()
        for kind in ("Deployment", "ReplicaSet"):
            c.request("DELETE", collection_path(kind, ns),
                      {"kind": "DeleteOptions", "apiVersion": "v1", "propagationPolicy": "Background"}, ok404=True)
        deadline = time.time() + 15
        while True:
            pods = (c.get(collection_path("Pod", ns), ok404=True) or {"items": []})["items"]
            if not pods:
                break
            if time.time() > deadline:
                raise HarnessError(f"cleanup: {len(pods)} pods left in {ns} after 15s")
            c.request("DELETE", collection_path("Pod", ns),
                      {"kind": "DeleteOptions", "apiVersion": "v1", "gracePeriodSeconds": 0}, ok404=True)
            time.sleep(POLL)
        c.request("DELETE", collection_path("PodDisruptionBudget", ns), {"kind": "DeleteOptions", "apiVersion": "v1"}, ok404=True)
        for n in sc["cluster"]["nodes"]:
            c.delete(f"/api/v1/nodes/{n['metadata']['name']}")
        for pc in sc["cluster"]["priorityClasses"]:
            c.delete(object_path("PriorityClass", pc["metadata"]["name"]))
        c.delete(f"/api/v1/namespaces/{ns}")
        self.timings["cleanup"] = time.time() - t0

    def verify_quiet(self, sc, outcome, seconds):
        """Check of the settle rule itself: keep playing the kubelets for `seconds` more (longer
        than the scheduler's 10 s maximum backoff) and fail if any pod's node or Pending message
        changes or any pod is deleted after the scenario was declared settled."""
        ns = sc["namespace"]
        want = {p["name"]: (p["node"], p.get("message")) for p in outcome["pods"]}
        end = time.time() + seconds
        while time.time() < end:
            pods = self.c.get(collection_path("Pod", ns))["items"]
            deleted = {}
            self.kubelet_pass(pods, deleted, time.time())
            got = {}
            for p in pods:
                if p["metadata"].get("deletionTimestamp"):
                    continue
                cond = scheduled_condition(p) or {}
                node = p["spec"].get("nodeName")
                got[p["metadata"]["name"]] = (node, None if node else cond.get("message"))
            if deleted or set(got) != set(want) or any(got[k][0] != want[k][0] or (not got[k][0] and got[k][1] and got[k][1] != want[k][1]) for k in got):
                changed = sorted(k for k in set(got) | set(want) if got.get(k) != want.get(k))
                raise NotSettled(f"changed {time.time() - end + seconds:.1f}s after it was declared settled: "
                                 f"{changed[:4]} deleted={sorted(deleted)}")
            time.sleep(0.2)

    def run(self, sc, verify_seconds=0):
        """setup -> read back -> propose -> settle; always cleans up. Returns (cluster, outcome)."""
        try:
            cluster = self.setup(sc)
            time.sleep(0.05)   # let the scheduler's informers see the last node/pod updates
            self.propose(sc)
            outcome = self.settle(sc)
            if verify_seconds:
                self.verify_quiet(sc, outcome, verify_seconds)
            return cluster, outcome
        finally:
            self.cleanup(sc)
