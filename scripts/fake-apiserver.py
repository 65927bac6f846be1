#!/usr/bin/env python3
"""A list-and-watch API server for load tests of the live state, on 127.0.0.1 only.

Serves a snapshot folder (`kubectl get -o json` Lists, as gen-cluster.py writes them) as the
Kubernetes API does: paginated typed lists (`limit`/`continue`, items without kind) and watches
(chunked streams of `{"type":...,"object":...}` lines). Kinds the folder lacks are empty lists.
The pods watch sends MODIFIED events (a container's restartCount goes up, as it does when a
kubelet restarts it) at the rate set by `POST /control?rate=N` (events per second, 0 = none);
`GET /control` reports how many were sent.

usage: fake-apiserver.py SNAPSHOT_DIR PORT
"""
import json, os, sys, threading, time, glob
from http.server import ThreadingHTTPServer, BaseHTTPRequestHandler
from urllib.parse import urlparse, parse_qs

PATHS = {  # kind -> collection path (what premortem's reflectors request)
    "Namespace": "/api/v1/namespaces", "Node": "/api/v1/nodes", "Pod": "/api/v1/pods", "Service": "/api/v1/services",
    "Deployment": "/apis/apps/v1/deployments", "ReplicaSet": "/apis/apps/v1/replicasets",
}
snapshot, port = sys.argv[1], int(sys.argv[2])
items = {}  # path -> [json text without kind]
for f in sorted(glob.glob(os.path.join(snapshot, "*.json"))):
    for o in json.load(open(f)).get("items", []):
        path = PATHS.get(o.get("kind"))
        if path is None:
            continue
        o.pop("kind", None); o.pop("apiVersion", None)
        items.setdefault(path, []).append(o)
pods = items.get("/api/v1/pods", [])
# Each pod's MODIFIED event, encoded once; restartCount and resourceVersion filled in per event.
templates = []
for p in pods:
    p = json.loads(json.dumps(p))
    p["kind"], p["apiVersion"] = "Pod", "v1"
    p["metadata"]["resourceVersion"] = "RV_HOLE"
    cs = p.get("status", {}).get("containerStatuses") or [{}]
    cs[0]["restartCount"] = 123456789
    text = json.dumps({"type": "MODIFIED", "object": p}, separators=(",", ":")).replace("%", "%%")
    templates.append(text.replace('"RV_HOLE"', '"%d"').replace("123456789", "%d") + "\n")
encoded = {path: [json.dumps(o, separators=(",", ":")) for o in objs] for path, objs in items.items()}
state = {"rate": 0, "sent": 0, "rv": 1000}
lock = threading.Lock()


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def send_json(self, code, body):
        data = body.encode()
        self.send_response(code)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_POST(self):
        u = urlparse(self.path)
        if u.path == "/control":
            with lock:
                state["rate"] = int(parse_qs(u.query).get("rate", ["0"])[0])
            self.send_json(200, json.dumps(state))
        else:
            self.send_json(404, "{}")

    def do_GET(self):
        u = urlparse(self.path)
        q = {k: v[0] for k, v in parse_qs(u.query).items()}
        if u.path == "/control":
            with lock:
                return self.send_json(200, json.dumps(state))
        if q.get("watch") == "1":
            return self.watch(u.path, int(q.get("timeoutSeconds", "300")))
        objs = encoded.get(u.path, [])
        start, limit = int(q.get("continue", "0") or 0), int(q.get("limit", "500"))
        page = objs[start:start + limit]
        cont = ',"continue":"%d"' % (start + len(page)) if start + len(page) < len(objs) else ""
        self.send_json(200, '{"kind":"List","apiVersion":"v1","metadata":{"resourceVersion":"%d"%s},"items":[%s]}'
                       % (state["rv"], cont, ",".join(page)))

    def chunk(self, data):
        self.wfile.write(b"%x\r\n%s\r\n" % (len(data), data))

    def watch(self, path, timeout):
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        end = time.time() + timeout
        i, tick = 0, 0.01
        try:
            while time.time() < end:
                t0 = time.time()
                with lock:
                    rate = state["rate"]
                if path == "/api/v1/pods" and rate > 0 and templates:
                    n = max(1, int(rate * tick))
                    buf = []
                    with lock:
                        for _ in range(n):
                            state["rv"] += 1
                            t = templates[i % len(templates)]
                            buf.append(t % (state["rv"], 1 + i // len(templates)))
                            i += 1
                        state["sent"] += n
                    self.chunk("".join(buf).encode())
                    self.wfile.flush()
                time.sleep(max(0, tick - (time.time() - t0)))
            self.wfile.write(b"0\r\n\r\n")
        except (BrokenPipeError, ConnectionResetError):
            pass


ThreadingHTTPServer.daemon_threads = True
ThreadingHTTPServer(("127.0.0.1", port), Handler).serve_forever()
