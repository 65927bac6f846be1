#!/usr/bin/env python3
"""Checks on `helm template` output of charts/premortem, for scripts/chart-test.sh.

  check_rendered.py assert RENDER.yaml --namespace NS --release NAME [--values FILE]... [--kube-version 1.30.0]
      What the chart promises, derived from values.yaml merged with the --values files.
  check_rendered.py validate RENDER.yaml --kube-version 1.30.0
      Every object against the Kubernetes OpenAPI schemas of kubernetes-validate (strict), except
      the kinds of CRDs (cert-manager, Prometheus operator), which it cannot know.
  check_rendered.py builtin RENDER.yaml
      Prints the render without CRD kinds (for kubectl apply --dry-run=server).

Prints one line per check, "PASS what" or "FAIL what: why"; exits 1 if any failed.
"""
import argparse, base64, os, subprocess, sys, tempfile
import yaml

CHART = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "charts", "premortem")
CRD_GROUPS = ("cert-manager.io/", "monitoring.coreos.com/")
READ = ["get", "list", "watch"]

# What the webhook must match: (group, resource) -> operations; and which entry.
NAMESPACED_RULES = {
    **{("", r): {"CREATE", "UPDATE", "DELETE"} for r in
       ["pods", "services", "resourcequotas", "limitranges", "persistentvolumeclaims"]},
    **{("", r): {"UPDATE", "DELETE"} for r in ["configmaps", "serviceaccounts"]},
    **{("apps", r): {"CREATE", "UPDATE", "DELETE"} for r in ["deployments", "replicasets", "statefulsets", "daemonsets"]},
    **{("batch", r): {"CREATE", "UPDATE", "DELETE"} for r in ["jobs", "cronjobs"]},
    ("policy", "poddisruptionbudgets"): {"CREATE", "UPDATE", "DELETE"},
    ("autoscaling", "horizontalpodautoscalers"): {"CREATE", "UPDATE", "DELETE"},
}
CLUSTER_RULES = {
    ("", "namespaces"): {"UPDATE", "DELETE"},
    ("", "nodes"): {"UPDATE", "DELETE"},
    ("scheduling.k8s.io", "priorityclasses"): {"CREATE", "UPDATE", "DELETE"},
    ("node.k8s.io", "runtimeclasses"): {"CREATE", "UPDATE", "DELETE"},
}
RBAC = {
    "": {"nodes", "pods", "namespaces", "services", "configmaps", "persistentvolumeclaims",
         "persistentvolumes", "resourcequotas", "limitranges", "serviceaccounts"},
    "apps": {"deployments", "replicasets", "statefulsets", "daemonsets"},
    "batch": {"jobs", "cronjobs"},
    "policy": {"poddisruptionbudgets"},
    "scheduling.k8s.io": {"priorityclasses"},
    "node.k8s.io": {"runtimeclasses"},
    "storage.k8s.io": {"storageclasses"},
    "autoscaling": {"horizontalpodautoscalers"},
}

results = []


def check(name, ok, why=""):
    results.append((name, bool(ok), why))
    return bool(ok)


def finish():
    for name, ok, why in results:
        print(f"PASS {name}" if ok else f"FAIL {name}: {why}")
    return 0 if all(ok for _, ok, _ in results) else 1


def load(path):
    with open(path) as f:
        return [d for d in yaml.safe_load_all(f) if d]


def merge(base, over):
    for k, v in over.items():
        if isinstance(v, dict) and isinstance(base.get(k), dict):
            merge(base[k], v)
        else:
            base[k] = v
    return base


def one(objs, kind, name=None):
    found = [o for o in objs if o["kind"] == kind and (name is None or o["metadata"]["name"] == name)]
    return found[0] if len(found) == 1 else None


def openssl(*args, input=None):
    p = subprocess.run(["openssl", *args], input=input, capture_output=True, text=True)
    return p.returncode, p.stdout + p.stderr


def assert_render(objs, ns, release, values, kube_version):
    v = values
    full = v.get("fullnameOverride") or (release if "premortem" in release else f"{release}-premortem")
    kinds = sorted(f'{o["kind"]}/{o["metadata"]["name"]}' for o in objs)
    cm, existing = v["certManager"]["enabled"], v["tls"]["existingSecret"]
    tls_secret = existing or f"{full}-tls"
    multi = v["replicaCount"] > 1

    # ---- which objects
    expect = {("Deployment", full), ("Service", full), ("ClusterRole", full), ("ClusterRoleBinding", full),
              ("ValidatingWebhookConfiguration", full)}
    if v["serviceAccount"]["create"]:
        expect.add(("ServiceAccount", v["serviceAccount"]["name"] or full))
    if v["podDisruptionBudget"]["enabled"] and multi:
        expect.add(("PodDisruptionBudget", full))
    if v["networkPolicy"]["enabled"]:
        expect.add(("NetworkPolicy", full))
    if v["serviceMonitor"]["enabled"]:
        expect.add(("ServiceMonitor", full))
    if not cm and not existing:
        expect.add(("Secret", tls_secret))
    if cm:
        expect.add(("Certificate", f"{full}-tls"))
        if not v["certManager"]["issuerRef"]:
            expect |= {("Issuer", f"{full}-selfsigned"), ("Certificate", f"{full}-ca"), ("Issuer", f"{full}-ca")}
    got = {(o["kind"], o["metadata"]["name"]) for o in objs}
    check("objects rendered", got == expect, f"missing {sorted(expect - got)}, unexpected {sorted(got - expect)}")
    for o in objs:
        if o["kind"] not in ("ClusterRole", "ClusterRoleBinding", "ValidatingWebhookConfiguration"):
            if o["metadata"].get("namespace") != ns:
                check(f"{o['kind']} in the release namespace", False, f"namespace {o['metadata'].get('namespace')}")

    dep, svc = one(objs, "Deployment", full), one(objs, "Service", full)
    vwc = one(objs, "ValidatingWebhookConfiguration", full)
    if not (dep and svc and vwc):
        return
    pod = dep["spec"]["template"]
    spec = pod["spec"]
    c = spec["containers"][0]
    args = c["args"]
    port = next(p for p in c["ports"] if p["name"] == "https")

    # ---- webhook configuration
    hooks = {h["name"]: h for h in vwc["webhooks"]}
    want_hooks = {"validate.premortem.io"} | ({"validate-cluster.premortem.io"} if v["webhook"]["clusterScoped"] else set())
    check("webhook entries", set(hooks) == want_hooks, f"{sorted(hooks)}")
    excluded = {"kube-system", ns, *v["excludeNamespaces"]}
    matched = {}
    for name, h in hooks.items():
        exprs = h.get("namespaceSelector", {}).get("matchExpressions", [])
        by_key = {e["key"]: e for e in exprs}
        e = by_key.get("kubernetes.io/metadata.name", {})
        check(f"{name}: namespaceSelector excludes {sorted(excluded)}",
              e.get("operator") == "NotIn" and excluded <= set(e.get("values", [])), f"{e}")
        e = by_key.get("premortem.io/mode", {})
        check(f"{name}: namespaceSelector skips premortem.io/mode=off",
              e.get("operator") == "NotIn" and e.get("values") == ["off"], f"{e} (YAML off must be the string)")
        extra = v["webhook"]["namespaceSelectorExpressions"]
        check(f"{name}: extra namespaceSelector expressions", all(x in exprs for x in extra), f"{exprs}")
        check(f"{name}: objectSelector", h.get("objectSelector", {}) == (v["webhook"]["objectSelector"] or {}),
              f"{h.get('objectSelector')}")
        check(f"{name}: failurePolicy {v['webhook']['failurePolicy']}", h.get("failurePolicy") == v["webhook"]["failurePolicy"],
              f"{h.get('failurePolicy')}")
        check(f"{name}: sideEffects None", h.get("sideEffects") == "None", f"{h.get('sideEffects')}")
        check(f"{name}: admissionReviewVersions v1, v1beta1", h.get("admissionReviewVersions") == ["v1", "v1beta1"],
              f"{h.get('admissionReviewVersions')}")
        check(f"{name}: timeoutSeconds {v['webhook']['timeoutSeconds']}", h.get("timeoutSeconds") == v["webhook"]["timeoutSeconds"],
              f"{h.get('timeoutSeconds')}")
        check(f"{name}: matchPolicy Equivalent", h.get("matchPolicy") == "Equivalent", f"{h.get('matchPolicy')}")
        ref = h["clientConfig"].get("service", {})
        check(f"{name}: clientConfig.service is the chart's Service",
              ref == {"namespace": ns, "name": svc["metadata"]["name"], "port": svc["spec"]["ports"][0]["port"], "path": "/validate"}
              and "url" not in h["clientConfig"], f"{h['clientConfig']}")
        if cm:
            check(f"{name}: no static caBundle with cert-manager", "caBundle" not in h["clientConfig"], "caBundle set")
        else:
            check(f"{name}: caBundle set", bool(h["clientConfig"].get("caBundle")), "empty")
        want_scope = "Namespaced" if name == "validate.premortem.io" else "Cluster"
        resources = [res for r in h["rules"] for res in r["resources"]]
        check(f"{name}: rules never match secrets, wildcards or subresources",
              not [res for res in resources if res == "secrets" or "*" in res or "/" in res], f"{resources}")
        check(f"{name}: every rule has scope {want_scope} and explicit apiVersions",
              all(r.get("scope") == want_scope and r.get("apiVersions") and "*" not in r["apiVersions"] for r in h["rules"]),
              f"{h['rules']}")
        for r in h["rules"]:
            for g in r["apiGroups"]:
                for res in r["resources"]:
                    matched.setdefault((name, g, res), set()).update(r["operations"])
    for hook, table in (("validate.premortem.io", NAMESPACED_RULES), ("validate-cluster.premortem.io", CLUSTER_RULES)):
        if hook not in hooks:
            continue
        got_rules = {(g, r): ops for (n, g, r), ops in matched.items() if n == hook}
        check(f"{hook}: rules are exactly the analysed kinds and operations", got_rules == table,
              f"got {sorted((k, sorted(o)) for k, o in got_rules.items())}")
    ann = vwc["metadata"].get("annotations", {}) or {}
    if cm:
        check("cert-manager.io/inject-ca-from names the serving Certificate",
              ann.get("cert-manager.io/inject-ca-from") == f"{ns}/{full}-tls", f"{ann}")
    else:
        check("no inject-ca-from without cert-manager", "cert-manager.io/inject-ca-from" not in ann, f"{ann}")

    # ---- RBAC
    role = one(objs, "ClusterRole", full)
    verbs_ok, granted = True, {}
    for rule in role["rules"]:
        verbs_ok &= rule.get("verbs") == READ and not rule.get("resourceNames") and not rule.get("nonResourceURLs")
        for g in rule["apiGroups"]:
            granted.setdefault(g, set()).update(rule["resources"])
    check("ClusterRole: verbs only get, list, watch", verbs_ok, f"{role['rules']}")
    want = {g: set(r) for g, r in RBAC.items()}
    if v["watchSecrets"]:
        want[""].add("secrets")
    check(f"ClusterRole: exactly the modelled kinds (secrets only with watchSecrets={v['watchSecrets']})",
          granted == want, f"extra {({g: r - want.get(g, set()) for g, r in granted.items()})}, "
                           f"missing {({g: r - granted.get(g, set()) for g, r in want.items()})}")
    binding = one(objs, "ClusterRoleBinding", full)
    sa = spec.get("serviceAccountName")
    check("ClusterRoleBinding: the ClusterRole to the pods' ServiceAccount",
          binding["roleRef"] == {"apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": full}
          and binding["subjects"] == [{"kind": "ServiceAccount", "name": sa, "namespace": ns}], f"{binding}")
    check("no namespaced Role", not any(o["kind"] in ("Role", "RoleBinding") for o in objs), "found one")

    # ---- Deployment
    check(f"Deployment: {v['replicaCount']} replicas", dep["spec"]["replicas"] == v["replicaCount"], f"{dep['spec']['replicas']}")
    psc, csc = spec.get("securityContext", {}), c.get("securityContext", {})
    uid = csc.get("runAsUser", psc.get("runAsUser"))
    check("securityContext: runAsNonRoot with a fixed non-root UID",
          (csc.get("runAsNonRoot") or psc.get("runAsNonRoot")) is True and isinstance(uid, int) and uid > 0, f"{psc} {csc}")
    check("securityContext: readOnlyRootFilesystem", csc.get("readOnlyRootFilesystem") is True, f"{csc}")
    check("securityContext: allowPrivilegeEscalation false", csc.get("allowPrivilegeEscalation") is False, f"{csc}")
    check("securityContext: capabilities drop ALL", csc.get("capabilities", {}).get("drop") == ["ALL"]
          and not csc.get("capabilities", {}).get("add"), f"{csc}")
    check("securityContext: seccompProfile RuntimeDefault",
          (csc.get("seccompProfile") or psc.get("seccompProfile") or {}).get("type") == "RuntimeDefault", f"{psc} {csc}")
    for probe, path in (("livenessProbe", "/healthz"), ("readinessProbe", "/readyz")):
        g = c.get(probe, {}).get("httpGet", {})
        check(f"{probe}: HTTPS {path} on the serving port",
              g.get("path") == path and g.get("scheme") == "HTTPS" and g.get("port") in ("https", port["containerPort"]), f"{g}")
    check(f"container listens on {v['containerPort']}", port["containerPort"] == v["containerPort"]
          and f"--address=0.0.0.0:{v['containerPort']}" in args, f"{port} {args}")
    env = {e["name"]: e for e in c.get("env", [])}
    check("env POD_NAMESPACE from the downward API",
          env.get("POD_NAMESPACE", {}).get("valueFrom", {}).get("fieldRef", {}).get("fieldPath") == "metadata.namespace", f"{env}")
    mounts = {m["mountPath"]: m for m in c.get("volumeMounts", [])}
    vols = {x["name"]: x for x in spec.get("volumes", [])}
    tls_mount = mounts.get("/etc/premortem/tls", {})
    check(f"TLS Secret {tls_secret} mounted read-only at /etc/premortem/tls",
          tls_mount.get("readOnly") is True and vols.get(tls_mount.get("name"), {}).get("secret", {}).get("secretName") == tls_secret,
          f"{tls_mount} {vols}")
    check("--cert/--key point into the mount", "--cert=/etc/premortem/tls/tls.crt" in args and "--key=/etc/premortem/tls/tls.key" in args, f"{args}")
    tmp = mounts.get("/tmp", {})
    check("/tmp is an emptyDir", "emptyDir" in vols.get(tmp.get("name"), {}), f"{mounts}")
    check("resources from values", c.get("resources") == v["resources"], f"{c.get('resources')}")
    check(f"--mode={v['mode']}", f"--mode={v['mode']}" in args, f"{args}")
    check(f"--log-level={v['logLevel']}", f"--log-level={v['logLevel']}" in args, f"{args}")
    check(f"--watch-secrets only with watchSecrets ({v['watchSecrets']})", ("--watch-secrets" in args) == v["watchSecrets"], f"{args}")
    check("--exclude-namespace per excluded namespace",
          [a for a in args if a.startswith("--exclude-namespace=")] == [f"--exclude-namespace={n}" for n in v["excludeNamespaces"]], f"{args}")
    check("--exempt-user/--exempt-group from values",
          [a for a in args if a.startswith("--exempt-user=")] == [f"--exempt-user={u}" for u in v["exemptUsers"]]
          and [a for a in args if a.startswith("--exempt-group=")] == [f"--exempt-group={g}" for g in v["exemptGroups"]], f"{args}")
    ca = [a for a in args if a.startswith("--client-ca=")]
    if v["clientAuth"]["enabled"]:
        key = v["clientAuth"]["caKey"]
        m = mounts.get("/etc/premortem/client-ca", {})
        src = vols.get(m.get("name"), {})
        want_src = ({"secret": {"secretName": v["clientAuth"]["caSecret"]}} if v["clientAuth"]["caSecret"]
                    else {"configMap": {"name": v["clientAuth"]["caConfigMap"]}})
        check("clientAuth: CA mounted and passed as --client-ca",
              ca == [f"--client-ca=/etc/premortem/client-ca/{key}"] and {k: x for k, x in src.items() if k != "name"} == want_src,
              f"{ca} {src}")
    else:
        check("no --client-ca without clientAuth", not ca, f"{args}")
    aff = spec.get("affinity", {}).get("podAntiAffinity", {})
    mode = v["podAntiAffinity"]
    if v["affinity"]:
        check("affinity from values", spec.get("affinity") == v["affinity"], f"{spec.get('affinity')}")
    elif mode == "required":
        t = aff.get("requiredDuringSchedulingIgnoredDuringExecution", [{}])[0]
        check("podAntiAffinity required across nodes", t.get("topologyKey") == "kubernetes.io/hostname"
              and t.get("labelSelector", {}).get("matchLabels") == dep["spec"]["selector"]["matchLabels"], f"{aff}")
    elif mode == "preferred":
        t = aff.get("preferredDuringSchedulingIgnoredDuringExecution", [{}])[0].get("podAffinityTerm", {})
        check("podAntiAffinity preferred across nodes", t.get("topologyKey") == "kubernetes.io/hostname"
              and t.get("labelSelector", {}).get("matchLabels") == dep["spec"]["selector"]["matchLabels"], f"{aff}")
    else:
        check("no affinity", "affinity" not in spec, f"{spec.get('affinity')}")
    check("priorityClassName from values", spec.get("priorityClassName", "") == v["priorityClassName"], f"{spec.get('priorityClassName')}")
    labels = pod["metadata"]["labels"]
    check("selector matches the pod labels", all(labels.get(k) == x for k, x in dep["spec"]["selector"]["matchLabels"].items()), f"{labels}")

    # ---- Service
    sp = svc["spec"]["ports"][0]
    check(f"Service: port {v['service']['port']} -> the container's https port",
          sp["port"] == v["service"]["port"] and sp["targetPort"] in ("https", port["containerPort"]), f"{sp}")
    check("Service: clusterIP from values", svc["spec"].get("clusterIP", "") == v["service"]["clusterIP"], f"{svc['spec']}")
    check("Service: selects the pods", all(labels.get(k) == x for k, x in svc["spec"]["selector"].items()), f"{svc['spec']['selector']}")

    # ---- PodDisruptionBudget
    pdb = one(objs, "PodDisruptionBudget", full)
    if pdb:
        mv = kube_version.split(".")
        want_api = "policy/v1" if (int(mv[0]), int(mv[1])) >= (1, 21) else "policy/v1beta1"
        check(f"PodDisruptionBudget: {want_api} for Kubernetes {kube_version}", pdb["apiVersion"] == want_api, pdb["apiVersion"])
        p = v["podDisruptionBudget"]
        want = {"maxUnavailable": p["maxUnavailable"]} if p.get("maxUnavailable") is not None else {"minAvailable": p["minAvailable"]}
        check(f"PodDisruptionBudget: {want}", {k: x for k, x in pdb["spec"].items() if k != "selector"} == want, f"{pdb['spec']}")
        check("PodDisruptionBudget: selects the pods", pdb["spec"]["selector"]["matchLabels"] == dep["spec"]["selector"]["matchLabels"], "")

    # ---- NetworkPolicy
    npol = one(objs, "NetworkPolicy", full)
    if npol:
        ing = npol["spec"]["ingress"]
        check(f"NetworkPolicy: ingress only to {v['containerPort']}",
              all([p["port"] for p in r["ports"]] == [v["containerPort"]] for r in ing), f"{ing}")
        if v["networkPolicy"]["ingressFrom"]:
            check("NetworkPolicy: ingress sources from values", ing[0].get("from") == v["networkPolicy"]["ingressFrom"], f"{ing}")
        eg = npol["spec"]["egress"]
        ports = {(p["port"], p.get("protocol", "TCP")) for r in eg for p in r.get("ports", [])}
        want = {(p, "TCP") for p in v["networkPolicy"]["apiServerPorts"]} | {(53, "UDP"), (53, "TCP")}
        check("NetworkPolicy: egress to the apiserver and DNS only", ports == want or v["networkPolicy"]["extraEgress"], f"{ports}")
        check("NetworkPolicy: both directions restricted", set(npol["spec"]["policyTypes"]) == {"Ingress", "Egress"}, "")
        check("NetworkPolicy: selects the pods", npol["spec"]["podSelector"]["matchLabels"] == dep["spec"]["selector"]["matchLabels"], "")

    # ---- ServiceMonitor
    sm = one(objs, "ServiceMonitor", full)
    if sm:
        ep = sm["spec"]["endpoints"][0]
        check("ServiceMonitor: https /metrics on the Service's port",
              ep.get("port") == "https" and ep.get("scheme") == "https" and ep.get("path") == "/metrics", f"{ep}")
        check("ServiceMonitor: selects the Service", all(svc["metadata"]["labels"].get(k) == x
              for k, x in sm["spec"]["selector"]["matchLabels"].items()), "")

    # ---- certificates
    if cm:
        cert = one(objs, "Certificate", f"{full}-tls")
        dns = set(cert["spec"]["dnsNames"])
        check("Certificate: secretName is the mounted Secret", cert["spec"]["secretName"] == tls_secret, f"{cert['spec']}")
        check("Certificate: DNS names of the Service", {f"{full}.{ns}.svc", f"{full}.{ns}.svc.{v['clusterDomain']}"} <= dns, f"{dns}")
        ref = v["certManager"]["issuerRef"] or {"name": f"{full}-ca", "kind": "Issuer", "group": "cert-manager.io"}
        check("Certificate: issuerRef", cert["spec"]["issuerRef"] == ref, f"{cert['spec']['issuerRef']}")
        if not v["certManager"]["issuerRef"]:
            ca_cert = one(objs, "Certificate", f"{full}-ca")
            ca_issuer = one(objs, "Issuer", f"{full}-ca")
            check("cert-manager chain: self-signed Issuer -> CA Certificate -> CA Issuer",
                  one(objs, "Issuer", f"{full}-selfsigned")["spec"] == {"selfSigned": {}}
                  and ca_cert["spec"]["isCA"] is True and ca_cert["spec"]["issuerRef"]["name"] == f"{full}-selfsigned"
                  and ca_issuer["spec"] == {"ca": {"secretName": ca_cert["spec"]["secretName"]}}, "")
    elif existing:
        want = v["tls"]["caBundle"]
        check("existingSecret: caBundle from values", all(h["clientConfig"].get("caBundle") == want for h in hooks.values()), "")
    else:
        check_generated_tls(one(objs, "Secret", tls_secret), hooks, full, ns, v["clusterDomain"])


def check_generated_tls(secret, hooks, full, ns, domain):
    check("generated Secret: type kubernetes.io/tls with tls.crt, tls.key, ca.crt",
          secret["type"] == "kubernetes.io/tls" and set(secret["data"]) == {"tls.crt", "tls.key", "ca.crt"}, f"{secret.get('type')}")
    check("caBundle is the generated Secret's ca.crt",
          all(h["clientConfig"].get("caBundle") == secret["data"]["ca.crt"] for h in hooks.values()), "differs")
    with tempfile.TemporaryDirectory() as d:
        for k in ("tls.crt", "tls.key", "ca.crt"):
            with open(os.path.join(d, k), "wb") as f:
                f.write(base64.b64decode(secret["data"][k]))
        crt, key, ca = (os.path.join(d, k) for k in ("tls.crt", "tls.key", "ca.crt"))
        rc, out = openssl("verify", "-purpose", "sslserver", "-CAfile", ca, crt)
        check("generated certificate verifies against ca.crt (openssl verify -purpose sslserver)", rc == 0, out.strip())
        rc, out = openssl("x509", "-in", crt, "-noout", "-ext", "subjectAltName")
        sans = {s.strip()[4:] for s in out.split("\n", 1)[-1].split(",") if s.strip().startswith("DNS:")}
        want = {f"{full}.{ns}.svc", f"{full}.{ns}.svc.{domain}"}
        check(f"generated certificate has the DNS SANs {sorted(want)}", rc == 0 and want <= sans, out.strip())
        rc, out = openssl("x509", "-in", crt, "-noout", "-checkend", str(365 * 86400))
        check("generated certificate valid for at least a year", rc == 0, out.strip())
        rc, ca_text = openssl("x509", "-in", ca, "-noout", "-text")
        check("generated CA is a CA", "CA:TRUE" in ca_text, "no CA:TRUE")
        _, pub_crt = openssl("x509", "-in", crt, "-noout", "-pubkey")
        _, pub_key = openssl("pkey", "-in", key, "-pubout")
        check("generated tls.key belongs to tls.crt", pub_crt.strip() == pub_key.strip() and "PUBLIC KEY" in pub_crt, "mismatch")


def validate(objs, version):
    import kubernetes_validate
    for o in objs:
        what = f'{o["apiVersion"]} {o["kind"]}/{o["metadata"]["name"]}'
        if o["apiVersion"].startswith(CRD_GROUPS):
            continue   # CRD kinds: not in the OpenAPI schemas
        try:
            kubernetes_validate.validate(o, version, strict=True)
            check(f"Kubernetes {version} schema: {what}", True)
        except kubernetes_validate.ValidationError as e:
            check(f"Kubernetes {version} schema: {what}", False, f"{'.'.join(map(str, e.path))}: {e.message}")
        except Exception as e:   # SchemaNotFoundError etc.
            check(f"Kubernetes {version} schema: {what}", False, f"{type(e).__name__}: {e}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("command", choices=["assert", "validate", "builtin"])
    ap.add_argument("render")
    ap.add_argument("--namespace", default="premortem")
    ap.add_argument("--release", default="premortem")
    ap.add_argument("--values", action="append", default=[])
    ap.add_argument("--kube-version", default="1.30.0")
    a = ap.parse_args()
    objs = load(a.render)
    if a.command == "builtin":
        yaml.safe_dump_all([o for o in objs if not o["apiVersion"].startswith(CRD_GROUPS)], sys.stdout, sort_keys=False)
        return 0
    if a.command == "validate":
        validate(objs, a.kube_version)
        return finish()
    with open(os.path.join(CHART, "values.yaml")) as f:
        values = yaml.safe_load(f)
    for path in a.values:
        with open(path) as f:
            merge(values, yaml.safe_load(f) or {})
    assert_render(objs, a.namespace, a.release, values, a.kube_version)
    return finish()


if __name__ == "__main__":
    sys.exit(main())
