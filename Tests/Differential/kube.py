"""Minimal Kubernetes API client for the differential harness (stdlib + PyYAML).

One keep-alive HTTPS connection to the loopback kube-apiserver, bearer token and CA
taken from the kubeconfig that ../shared/tools/apiserver/up.sh writes. Much faster
than spawning kubectl per object (a request is ~2-5 ms here).
"""
import base64
import http.client
import json
import ssl
import time
import urllib.parse

import yaml


class ApiError(Exception):
    def __init__(self, status, body, method, path):
        self.status = status
        self.body = body
        try:
            self.obj = json.loads(body)
        except ValueError:
            self.obj = {}
        msg = self.obj.get("message") or body[:300]
        super().__init__(f"{method} {path}: HTTP {status}: {msg}")

    @property
    def message(self):
        return self.obj.get("message", "")


class Client:
    def __init__(self, kubeconfig, timeout=10.0):
        with open(kubeconfig) as f:
            kc = yaml.safe_load(f)
        ctx_name = kc.get("current-context")
        ctx = next(c["context"] for c in kc["contexts"] if c["name"] == ctx_name)
        cluster = next(c["cluster"] for c in kc["clusters"] if c["name"] == ctx["cluster"])
        user = next(u["user"] for u in kc["users"] if u["name"] == ctx["user"])
        url = urllib.parse.urlparse(cluster["server"])
        host = url.hostname
        if not host.startswith("127.") and host != "localhost":
            raise ValueError(f"refusing non-loopback apiserver {cluster['server']}")
        self.host, self.port = host, url.port or 443
        self.token = user["token"]
        self.server = cluster["server"]
        self.ctx = ssl.create_default_context()
        ca = base64.b64decode(cluster["certificate-authority-data"]).decode()
        self.ctx.load_verify_locations(cadata=ca)
        self.timeout = timeout
        self.conn = None
        self.requests = 0

    def _connect(self):
        self.conn = http.client.HTTPSConnection(self.host, self.port, context=self.ctx, timeout=self.timeout)

    def request(self, method, path, body=None, content_type="application/json", ok404=False):
        """Returns the decoded JSON (or None for ok404 misses). Raises ApiError on HTTP errors."""
        data = None
        headers = {"Authorization": f"Bearer {self.token}", "Accept": "application/json"}
        if body is not None:
            data = body if isinstance(body, (bytes, str)) else json.dumps(body)
            if isinstance(data, str):
                data = data.encode()
            headers["Content-Type"] = content_type
        for attempt in range(3):
            if self.conn is None:
                self._connect()
            try:
                self.conn.request(method, path, body=data, headers=headers)
                resp = self.conn.getresponse()
                raw = resp.read().decode("utf-8", "replace")
                break
            except (http.client.HTTPException, OSError):
                # keep-alive connection dropped: reconnect, bounded
                try:
                    self.conn.close()
                except Exception:
                    pass
                self.conn = None
                if attempt == 2:
                    raise
                time.sleep(0.2)
        self.requests += 1
        if resp.status == 404 and ok404:
            return None
        if resp.status >= 400:
            raise ApiError(resp.status, raw, method, path)
        return json.loads(raw) if raw else None

    def get(self, path, ok404=False):
        return self.request("GET", path, ok404=ok404)

    def post(self, path, obj):
        return self.request("POST", path, obj)

    def put(self, path, obj):
        return self.request("PUT", path, obj)

    def merge_patch(self, path, obj):
        return self.request("PATCH", path, obj, content_type="application/merge-patch+json")

    def strategic_patch(self, path, obj):
        return self.request("PATCH", path, obj, content_type="application/strategic-merge-patch+json")

    def json_patch(self, path, ops):
        return self.request("PATCH", path, ops, content_type="application/json-patch+json")

    def delete(self, path, grace=None, propagation=None, ok404=True):
        body = {"kind": "DeleteOptions", "apiVersion": "v1"}
        if grace is not None:
            body["gracePeriodSeconds"] = grace
        if propagation:
            body["propagationPolicy"] = propagation
        return self.request("DELETE", path, body, ok404=ok404)

    def raw_get(self, url_path, host=None, port=None):
        """GET on another loopback component that delegates authn to this apiserver (e.g. the
        kube-scheduler's /metrics). Returns text."""
        conn = http.client.HTTPSConnection(host or self.host, port, timeout=self.timeout,
                                           context=ssl._create_unverified_context())
        try:
            conn.request("GET", url_path, headers={"Authorization": f"Bearer {self.token}"})
            resp = conn.getresponse()
            text = resp.read().decode("utf-8", "replace")
            if resp.status >= 400:
                raise ApiError(resp.status, text, "GET", url_path)
            return text
        finally:
            conn.close()


# ----------------------------------------------------------------- REST paths
CORE_NAMESPACED = {"Pod": "pods", "Service": "services", "Endpoints": "endpoints", "Event": "events",
                   "LimitRange": "limitranges", "ResourceQuota": "resourcequotas",
                   "ConfigMap": "configmaps", "ServiceAccount": "serviceaccounts"}
APPS = {"Deployment": "deployments", "ReplicaSet": "replicasets", "StatefulSet": "statefulsets",
        "DaemonSet": "daemonsets"}


def collection_path(kind, namespace=None):
    if kind == "Node":
        return "/api/v1/nodes"
    if kind == "Namespace":
        return "/api/v1/namespaces"
    if kind == "PriorityClass":
        return "/apis/scheduling.k8s.io/v1/priorityclasses"
    if kind == "RuntimeClass":
        return "/apis/node.k8s.io/v1/runtimeclasses"
    if kind == "PodDisruptionBudget":
        return f"/apis/policy/v1beta1/namespaces/{namespace}/poddisruptionbudgets"
    if kind == "Job":
        return f"/apis/batch/v1/namespaces/{namespace}/jobs"
    if kind in APPS:
        return f"/apis/apps/v1/namespaces/{namespace}/{APPS[kind]}"
    if kind in CORE_NAMESPACED:
        return f"/api/v1/namespaces/{namespace}/{CORE_NAMESPACED[kind]}"
    raise KeyError(kind)


def object_path(obj_or_kind, name=None, namespace=None):
    if isinstance(obj_or_kind, dict):
        md = obj_or_kind["metadata"]
        return collection_path(obj_or_kind["kind"], md.get("namespace")) + "/" + md["name"]
    return collection_path(obj_or_kind, namespace) + "/" + name
