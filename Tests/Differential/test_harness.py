#!/usr/bin/env python3
"""Unit tests of the harness's own logic (no cluster needed):
    python3 Tests/Differential/test_harness.py
The messages below are verbatim from kube-scheduler v1.20.2 runs of this harness."""
import json
import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import compare as C          # noqa: E402
import reasons as R          # noqa: E402
import scenario_io as S      # noqa: E402
from generate import generate  # noqa: E402


class ParseTest(unittest.TestCase):
    def test_taint_reasons_with_commas(self):
        msg = ("0/5 nodes are available: 1 Insufficient cpu, 1 node(s) didn't match pod affinity rules, "
               "1 node(s) didn't satisfy existing pods anti-affinity rules, 1 node(s) had taint {dedicated: batch}, "
               "that the pod didn't tolerate, 1 node(s) were unschedulable, 2 node(s) didn't match pod affinity/anti-affinity.")
        total, got = R.parse_v120(msg)
        self.assertEqual(total, 5)
        self.assertEqual(got, {
            "Insufficient cpu": 1, "node(s) didn't match pod affinity rules": 1,
            "node(s) didn't satisfy existing pods anti-affinity rules": 1,
            "node(s) had taint {dedicated: batch}, that the pod didn't tolerate": 1,
            "node(s) were unschedulable": 1, "node(s) didn't match pod affinity/anti-affinity": 2})
        self.assertEqual(R.to_current(got), {
            "Insufficient cpu": 1, "node(s) didn't match pod affinity rules": 1,
            "node(s) didn't satisfy existing pods anti-affinity rules": 1,
            "node(s) had untolerated taint(s)": 1, "node(s) were unschedulable": 1})

    def test_taints_with_empty_value_merge(self):
        msg = ("0/3 nodes are available: 1 node(s) had taint {node.kubernetes.io/not-ready: }, that the pod didn't "
               "tolerate, 2 node(s) had taint {spot: true}, that the pod didn't tolerate.")
        self.assertEqual(R.to_current(R.parse_v120(msg)[1]), {"node(s) had untolerated taint(s)": 3})

    def test_keyed_taint_wording(self):
        msg = "0/2 nodes are available: 2 node(s) had taint {spot: true}, that the pod didn't tolerate."
        R.TAINT_WORDING = "keyed"
        try:
            self.assertEqual(R.to_current(R.parse_v120(msg)[1]), {"node(s) had untolerated taint {spot: true}": 2})
        finally:
            R.TAINT_WORDING = "latest"

    def test_node_affinity_renamed(self):
        msg = "0/6 nodes are available: 1 Insufficient memory, 5 node(s) didn't match Pod's node affinity."
        self.assertEqual(R.to_current(R.parse_v120(msg)[1]),
                         {"Insufficient memory": 1, "node(s) didn't match Pod's node affinity/selector": 5})

    def test_unknown_reason_is_an_error(self):
        with self.assertRaises(R.UnknownReason):
            R.to_current({"node(s) had volume node affinity conflict": 1})

    def test_not_a_fit_error(self):
        with self.assertRaises(ValueError):
            R.parse_v120("no nodes available to schedule pods")


class PreFilterTest(unittest.TestCase):
    nodes = [
        {"metadata": {"name": "n1"}, "spec": {}},
        {"metadata": {"name": "n2"}, "spec": {"unschedulable": True}},
        {"metadata": {"name": "n3"}, "spec": {"taints": [{"key": "a", "value": "b", "effect": "NoSchedule"}]}},
        {"metadata": {"name": "n4"}, "spec": {"taints": [{"key": "a", "value": "b", "effect": "PreferNoSchedule"}]}},
    ]

    def spec(self, *names, tolerations=None):
        terms = [{"matchFields": [{"key": "metadata.name", "operator": "In", "values": [n]}]} for n in names]
        s = {"affinity": {"nodeAffinity": {"requiredDuringSchedulingIgnoredDuringExecution": {"nodeSelectorTerms": terms}}}}
        if tolerations:
            s["tolerations"] = tolerations
        return s

    def test_names(self):
        self.assertEqual(R.prefilter_node_names(self.spec("n1", "n3")), {"n1", "n3"})
        s = self.spec("n1")
        s["affinity"]["nodeAffinity"]["requiredDuringSchedulingIgnoredDuringExecution"]["nodeSelectorTerms"].append(
            {"matchExpressions": [{"key": "disk", "operator": "Exists"}]})
        self.assertIsNone(R.prefilter_node_names(s))   # a term without matchFields In allows every node
        self.assertIsNone(R.prefilter_node_names({}))

    def test_excluded_nodes_move_to_prefilter_reason(self):
        # v1.20 ran Filter on all 4 nodes: n2 unschedulable, n3 tainted, n4 (PreferNoSchedule only) affinity;
        # n1 allowed but full.
        msg = ("0/4 nodes are available: 1 Insufficient cpu, 1 node(s) didn't match Pod's node affinity, "
               "1 node(s) had taint {a: b}, that the pod didn't tolerate, 1 node(s) were unschedulable.")
        total, cur, notes = R.expected_current(msg, self.spec("n1"), self.nodes)
        self.assertEqual(cur, {"Insufficient cpu": 1, "node(s) didn't satisfy plugin(s) [NodeAffinity]": 3})
        self.assertTrue(notes)

    def test_tolerated_taint_falls_through_to_affinity(self):
        msg = ("0/4 nodes are available: 1 Insufficient cpu, 2 node(s) didn't match Pod's node affinity, "
               "1 node(s) were unschedulable.")
        tol = [{"key": "a", "operator": "Exists"}]
        _, cur, _ = R.expected_current(msg, self.spec("n1", tolerations=tol), self.nodes)
        self.assertEqual(cur, {"Insufficient cpu": 1, "node(s) didn't satisfy plugin(s) [NodeAffinity]": 3})

    def test_inconsistent_message_is_an_error(self):
        msg = "0/4 nodes are available: 4 Insufficient cpu."
        with self.assertRaises(R.UnknownReason):
            R.expected_current(msg, self.spec("n1"), self.nodes)


class GeneratorTest(unittest.TestCase):
    def test_deterministic(self):
        for i in (0, 7, 123):
            self.assertEqual(json.dumps(generate(5, i), sort_keys=True), json.dumps(generate(5, i), sort_keys=True))
        self.assertNotEqual(json.dumps(generate(5, 1)), json.dumps(generate(5, 2)))

    def test_bounds_and_v120_subset(self):
        for i in range(300):
            sc = generate(9, i)
            self.assertTrue(1 <= len(sc["cluster"]["nodes"]) <= 6)
            names = {n["metadata"]["name"] for n in sc["cluster"]["nodes"]}
            free = {n["metadata"]["name"]: [int(n["status"]["allocatable"]["pods"])] for n in sc["cluster"]["nodes"]}
            for p in sc["cluster"]["pods"]:
                self.assertIn(p["spec"]["nodeName"], names)
                free[p["spec"]["nodeName"]][0] -= 1
            self.assertTrue(all(v[0] >= 0 for v in free.values()), "existing pods must fit their nodes")
            pods = sc["proposed"]
            self.assertTrue(1 <= sum(o["spec"].get("replicas", 1) for o in pods) <= 6)
            for o in pods:
                spec = o["spec"]["template"]["spec"] if o["kind"] == "Deployment" else o["spec"]
                req = spec["containers"][0]["resources"]["requests"]
                self.assertTrue(req["cpu"] and req["memory"])
                for c in spec.get("topologySpreadConstraints", []):
                    self.assertEqual(set(c), {"maxSkew", "topologyKey", "whenUnsatisfiable", "labelSelector"})
                    self.assertEqual(c["whenUnsatisfiable"], "DoNotSchedule")

    def test_unknown_family(self):
        with self.assertRaises(ValueError):
            generate(1, 1, "nope")


class VerdictTest(unittest.TestCase):
    sc = {"namespace": "ns", "proposed": [{"kind": "Deployment", "metadata": {"name": "web"}}]}

    def outcome(self, nodes, preempted=()):
        pods = [{"name": f"web-{i}", "owner": {"kind": "Deployment", "name": "web"}, "node": n, "existing": False}
                for i, n in enumerate(nodes)]
        return {"pods": pods, "preempted": list(preempted)}

    def test_rules(self):
        self.assertEqual(S.verdict(self.sc, self.outcome(["a", "b"]))["verdict"], "allow")
        self.assertEqual(S.verdict(self.sc, self.outcome(["a", None]))["verdict"], "warn")
        self.assertEqual(S.verdict(self.sc, self.outcome([None, None]))["verdict"], "deny")
        v = S.verdict(self.sc, self.outcome(["a"], [{"name": "e0-0", "owner": {"kind": "ReplicaSet", "name": "e0"},
                                                     "existing": True, "node": "a"}]))
        self.assertEqual(v["verdict"], "deny")
        self.assertEqual(v["findings"], [{"type": "Eviction", "kind": "ReplicaSet", "name": "e0", "namespace": "ns"}])


class CompareTest(unittest.TestCase):
    def test_agreement_and_each_kind_of_disagreement(self):
        sc = {"namespace": "ns", "cluster": {"nodes": [{"metadata": {"name": "n1"}, "spec": {}},
                                                       {"metadata": {"name": "n2"}, "spec": {}}],
                                             "pods": [{"metadata": {"name": "e0-0"}}]},
              "proposed": [{"kind": "Deployment", "metadata": {"name": "web"}}]}
        outcome = {"pods": [
            {"name": "web-a", "owner": {"kind": "Deployment", "name": "web"}, "node": "n1", "existing": False},
            {"name": "web-b", "owner": {"kind": "Deployment", "name": "web"}, "node": None, "existing": False,
             "message": "0/2 nodes are available: 2 Insufficient cpu.", "spec": {}}],
            "preempted": [{"name": "e0-0", "node": "n1", "existing": True, "owner": None}]}
        pm = {"pods": [
            {"namespace": "ns", "name": "web-sim1", "owner": {"kind": "Deployment", "name": "web"}, "node": "n1",
             "simulated": True, "placement": {"feasibleNodes": 1, "clear": True}},
            {"namespace": "ns", "name": "web-sim2", "owner": {"kind": "Deployment", "name": "web"}, "node": None,
             "simulated": True, "unschedulable": {"message": "...", "reasons": {"Insufficient cpu": 2}}}],
            "preempted": [{"namespace": "ns", "name": "e0-0", "node": "n1"}], "rejected": []}
        self.assertEqual(C.compare(sc, outcome, pm), [])
        pm["pods"][0]["node"] = "n2"
        pm["pods"][1]["unschedulable"]["reasons"] = {"Insufficient memory": 2}
        pm["preempted"] = []
        cats = sorted(c for c, _ in C.compare(sc, outcome, pm))
        self.assertEqual(cats, ["placement", "preemption", "reasons"])
        pm["pods"][1]["node"] = "n2"
        self.assertIn("pending", [c for c, _ in C.compare(sc, outcome, pm)])

    def test_identical_bare_pods_are_counted_not_named(self):
        spec = {"containers": [{"name": "app", "resources": {"requests": {"cpu": "2"}}}], "priorityClassName": "high"}
        sc = {"namespace": "ns", "cluster": {"nodes": [{"metadata": {"name": "n1"}, "spec": {}}], "pods": []},
              "proposed": [{"kind": "Pod", "metadata": {"name": f"batch-{i}"}, "spec": spec} for i in (1, 2)]
              + [{"kind": "Pod", "metadata": {"name": "other"}, "spec": {**spec, "priorityClassName": "low"}}]}
        msg = "0/1 nodes are available: 1 Insufficient cpu."
        outcome = {"pods": [{"name": "batch-1", "owner": None, "node": None, "existing": False, "message": msg, "spec": spec},
                            {"name": "batch-2", "owner": None, "node": "n1", "existing": False},
                            {"name": "other", "owner": None, "node": None, "existing": False, "message": msg, "spec": spec}],
                   "preempted": []}
        pending = {"message": "...", "reasons": {"Insufficient cpu": 1}}
        pm = {"pods": [{"namespace": "ns", "name": "batch-1", "owner": None, "node": "n1"},
                       {"namespace": "ns", "name": "batch-2", "owner": None, "node": None, "unschedulable": pending},
                       {"namespace": "ns", "name": "other", "owner": None, "node": None, "unschedulable": pending}],
              "preempted": [], "rejected": []}
        self.assertEqual(C.compare(sc, outcome, pm), [])
        # the group's Pending reasons are still compared
        pm["pods"][1] = {**pm["pods"][1], "unschedulable": {"message": "...", "reasons": {"Insufficient memory": 1}}}
        self.assertEqual([c for c, _ in C.compare(sc, outcome, pm)], ["reasons"])
        pm["pods"][1]["unschedulable"] = pending
        self.assertEqual(C.outcome_signature(sc, outcome),
                         C.outcome_signature(sc, {**outcome, "pods": [{**outcome["pods"][0], "node": "n1"},
                                                                      {**outcome["pods"][1], "node": None},
                                                                      outcome["pods"][2]]}))
        # a pod that differs keeps its identity: binding it instead is a disagreement
        pm["pods"][2] = {"namespace": "ns", "name": "other", "owner": None, "node": "n1"}
        self.assertIn("pending", [c for c, _ in C.compare(sc, outcome, pm)])


class CompareControllersTest(unittest.TestCase):
    def test_quantities_compare_by_value(self):
        import compare_controllers as CC
        self.assertEqual(CC.quantity("1Gi"), CC.quantity("1073741824"))
        self.assertEqual(CC.quantity("500m"), CC.quantity("0.5"))
        self.assertIsNone(CC.quantity("lots"))

    def test_messages_normalised(self):
        import compare_controllers as CC
        a = 'Error creating: pods "web-5b-x7" is forbidden: exceeded quota: q, requested: limits.memory=512Mi, used: limits.memory=536870912, limited: limits.memory=1Gi'
        b = 'Error creating: pods "<pod>" is forbidden: exceeded quota: q, requested: limits.memory=536870912, used: limits.memory=512Mi, limited: limits.memory=1073741824'
        self.assertEqual(CC.normalise(a), CC.normalise(b))
        # aggregated errors: Go map order, so the order inside the brackets is not compared
        x = 'pods "p" is forbidden: [maximum cpu usage per Container is 1, but limit is 2, minimum memory usage per Container is 64Mi.  No request is specified]'
        y = 'pods "p" is forbidden: [minimum memory usage per Container is 64Mi.  No request is specified, maximum cpu usage per Container is 1, but limit is 2]'
        self.assertEqual(CC.normalise(x), CC.normalise(y))
        self.assertNotEqual(CC.normalise(x), CC.normalise(y.replace("64Mi", "128Mi")))

    def test_each_kind_of_disagreement(self):
        import compare_controllers as CC
        sc = {"family": "controllers", "namespace": "ns",
              "proposed": [{"kind": "Deployment", "metadata": {"name": "web"}},
                           {"kind": "Service", "metadata": {"name": "web"}}]}
        res = {"requests": {"cpu": "100m"}, "limits": {}}
        real = {"rejected": [], "pods": [{"name": "web-1", "owner": {"kind": "ReplicaSet", "name": "web-5b"},
                                          "containers": [{"name": "c", "resources": res}]}],
                "failedCreate": {"ReplicaSet/web-5b": ['Error creating: pods "web-5b-a" is forbidden: exceeded quota: q, requested: pods=1, used: pods=1, limited: pods=1']},
                "endpoints": {"web": {"ready": ["web-1"], "ports": [{"name": "web", "port": 8080}]}}}
        pm = {"refused": [], "pods": [{"namespace": "ns", "name": "web-sim1", "owner": {"kind": "Deployment", "name": "web"},
                                       "containers": [{"name": "c", "requests": {"cpu": "0.1"}, "limits": {}}]}],
              "failedCreate": [{"owner": {"kind": "Deployment", "name": "web", "namespace": "ns"},
                                "message": 'Error creating: pods "<pod>" is forbidden: exceeded quota: q, requested: pods=1, used: pods=1, limited: pods=1'}],
              "services": [{"namespace": "ns", "name": "web", "ready": 1, "ports": [8080]}]}
        self.assertEqual(CC.compare_controllers(sc, real, pm), [])
        import copy
        for mutate, cat in [(lambda p: p["pods"][0]["containers"][0]["requests"].update(cpu="200m"), "resources"),
                            (lambda p: p["pods"].clear(), "pods"),
                            (lambda p: p["failedCreate"].clear(), "failedCreate"),
                            (lambda p: p["services"][0].update(ports=[80]), "endpoints"),
                            (lambda p: p["refused"].append({"kind": "Service", "name": "web", "message": "x"}), "refused")]:
            q = copy.deepcopy(pm)
            mutate(q)
            self.assertIn(cat, [c for c, _ in CC.compare_controllers(sc, real, q)])

    def test_runtime_class_overhead_and_binding(self):
        import compare_controllers as CC
        sc = {"family": "controllers", "namespace": "ns", "cluster": {"runtimeClasses": [{"metadata": {"name": "rc"}}]},
              "proposed": [{"kind": "Deployment", "metadata": {"name": "web"}}]}
        real = {"rejected": [], "failedCreate": {}, "endpoints": {},
                "pods": [{"name": "web-1", "node": "n1", "overhead": {"cpu": "250m"}, "owner": {"kind": "ReplicaSet", "name": "web-5b"},
                          "containers": [{"name": "c", "resources": {}}]}]}
        pm = {"refused": [], "failedCreate": [], "services": [],
              "pods": [{"namespace": "ns", "name": "web-sim1", "node": "n1", "overhead": {"cpu": "0.25"},
                        "owner": {"kind": "Deployment", "name": "web"}, "containers": [{"name": "c", "requests": {}, "limits": {}}]}]}
        self.assertEqual(CC.compare_controllers(sc, real, pm), [])
        import copy
        for mutate in (lambda p: p["pods"][0].update(overhead=None), lambda p: p["pods"][0].update(node=None)):
            q = copy.deepcopy(pm)
            mutate(q)
            self.assertIn("resources", [c for c, _ in CC.compare_controllers(sc, real, q)])

    def test_duplicate_statefulset_create_is_not_a_failure(self):
        import compare_controllers as CC
        msg = 'create Pod db-3 in StatefulSet db failed error: pods "<pod>" is forbidden: exceeded quota: q, requested: pods=1, used: pods=4, limited: pods=4'
        out = {"pods": [{"name": "db-3"}], "failedCreate": {"StatefulSet/db": [msg]}}
        self.assertEqual(CC.settled_failures(out), {})
        out["pods"] = [{"name": "db-2"}]
        self.assertEqual(CC.settled_failures(out), {"StatefulSet/db": [msg]})

    def test_verdict_counts_pods_bound_nowhere(self):
        import controllers
        sc = {"namespace": "ns", "proposed": [{"kind": "DaemonSet", "metadata": {"name": "agent"}}]}
        pod = lambda n, node: {"name": n, "node": node, "owner": {"kind": "DaemonSet", "name": "agent"}}
        out = {"rejected": [], "failedCreate": {}, "pods": [pod("agent-a", "n1"), pod("agent-b", None)]}
        self.assertEqual(controllers.verdict(sc, out)["verdict"], "warn")
        out["pods"] = [pod("agent-b", None)]
        v = controllers.verdict(sc, out)
        self.assertEqual((v["verdict"], [f["type"] for f in v["findings"]]), ("deny", ["Unschedulable"]))
        out["pods"] = [pod("agent-a", "n1")]
        self.assertEqual(controllers.verdict(sc, out)["verdict"], "allow")


if __name__ == "__main__":
    unittest.main()
