#!/usr/bin/env python3
"""Replays a corpus of hostile requests against a running `premortem serve --demo` (real TLS,
loopback) and checks each answer, that the server stays up, and that its memory returns to
near its baseline afterwards.

usage: hostile-test.py PREMORTEM_BINARY CERT_DIR FIXTURES_DIR
Env: HOSTILE_PORT (18463), HOSTILE_MAX_RSS_GROWTH_MB (150).
Only 127.0.0.1, bounded loops.
"""
import json
import os
import socket
import ssl
import struct
import subprocess
import sys
import time

BIN, CERTS, FIXTURES = sys.argv[1], sys.argv[2], sys.argv[3]
PORT = int(os.environ.get("HOSTILE_PORT", "18463"))
MAX_GROWTH = int(os.environ.get("HOSTILE_MAX_RSS_GROWTH_MB", "150"))
failures = []


def check(ok, what):
    print(("ok   " if ok else "FAIL ") + what, flush=True)
    if not ok:
        failures.append(what)


def tls(alpn=("http/1.1",)):
    ctx = ssl.create_default_context(cafile=f"{CERTS}/ca.crt")
    ctx.set_alpn_protocols(list(alpn))
    return ctx.wrap_socket(socket.create_connection(("127.0.0.1", PORT), timeout=30), server_hostname="localhost")


def raw_exchange(data, read_timeout=30):
    """Sends raw bytes on a fresh TLS connection, returns everything read until close or timeout."""
    s = tls()
    try:
        try:
            # A server that refuses early (413) may stop reading: the send then stalls or
            # breaks, and the answer is read anyway.
            s.settimeout(10)
            s.sendall(data)
        except (socket.timeout, ssl.SSLError, OSError):
            pass
        s.settimeout(read_timeout)
        out = b""
        while True:
            try:
                chunk = s.recv(65536)
            except (socket.timeout, ssl.SSLError, OSError):
                break
            if not chunk:
                break
            out += chunk
            if b"\r\n\r\n" in out:
                head, _, body = out.partition(b"\r\n\r\n")
                length = [int(l.split(b":")[1]) for l in head.split(b"\r\n") if l.lower().startswith(b"content-length:")]
                if length and len(body) >= length[0]:
                    break
        return out
    finally:
        s.close()


def post(body, path="/validate?timeout=10s", extra=b""):
    head = (f"POST {path} HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
            f"Content-Length: {len(body)}\r\nConnection: close\r\n").encode() + extra + b"\r\n"
    return raw_exchange(head + body)


def status_of(reply):
    try:
        return int(reply.split(b" ", 2)[1]) if reply.startswith(b"HTTP/1.1") else 0
    except ValueError:
        return 0


def review_of(reply):
    try:
        return json.loads(reply.partition(b"\r\n\r\n")[2]).get("response", {})
    except ValueError:
        return {}


def rss(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS"):
                return int(line.split()[1]) // 1024
    return 0


def alive(p):
    try:
        return p.poll() is None and status_of(raw_exchange(b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 10)) == 200
    except OSError:
        return False


base = json.load(open(f"{FIXTURES}/create.json"))
base_text = json.dumps(base).encode()


def with_object(edit):
    r = json.loads(base_text)
    edit(r["request"]["object"])
    return json.dumps(r).encode()


def sidecar(limit):
    def edit(o):
        o["spec"]["template"]["spec"]["containers"].append(
            {"name": "sidecar", "image": "x", "resources": {"limits": {"memory": limit}}})
    return edit


# (name, body, acceptable statuses, check of the review answer or None)
corpus = [
    ("truncated JSON", base_text[: len(base_text) // 2], {400}, None),
    ("empty body", b"", {400}, None),
    ("not JSON", b"\x00\x01\x02hello", {400}, None),
    ("deeply nested object in the object", with_object(lambda o: o["metadata"].__setitem__("x", 1)).replace(
        b'"x": 1', b'"x": ' + b'{"a":' * 100_000 + b"1" + b"}" * 100_000), {200, 400}, None),
    ("deeply nested array at the top", b"[" * 500_000 + b"]" * 500_000, {400}, None),
    ("100k-element array", with_object(lambda o: o["metadata"].__setitem__("finalizers", ["x"] * 100_000)), {200}, None),
    ("huge string (5 MB)", with_object(lambda o: o["metadata"]["labels"].__setitem__("big", "x" * (5 << 20))), {200}, None),
    ("body over the limit (8 MB)", b'{"a":"' + b"x" * (8 << 20) + b'"}', {413}, None),
    ("wrong type: replicas a string", with_object(lambda o: o["spec"].__setitem__("replicas", "three")), {200},
     lambda r: r.get("allowed") is True),
    ("wrong type: containers an object", with_object(lambda o: o["spec"]["template"]["spec"].__setitem__("containers", {"a": 1})), {200},
     lambda r: r.get("allowed") is True),
    ("wrong type: request a list", json.dumps({"kind": "AdmissionReview", "apiVersion": "admission.k8s.io/v1", "request": []}).encode(), {400}, None),
    ("wrong type: uid a number", base_text.replace(b'"uid": "', b'"uid": 12, "x": "', 1), {200, 400}, None),
    ("non-UTF-8 in a name", base_text.replace(b"deny-me", b"deny-\xff\xfeme", 1), {200, 400}, None),
    ("duplicate keys: kind ConfigMap then Deployment", base_text.replace(b'"object": {', b'"object": {"kind": "ConfigMap", ', 1), {200},
     lambda r: "allowed" in r),
    ("absurd quantity 999999999999Ei", with_object(sidecar("999999999999Ei")), {200},
     lambda r: not any("could not read" in w for w in r.get("warnings", []))),
    ("absurd quantity 1e400", with_object(sidecar("1e400")), {200},
     lambda r: not any("could not read" in w for w in r.get("warnings", []))),
    ("absurd quantity 100,000 digits", with_object(sidecar("9" * 100_000)), {200},
     lambda r: not any("could not read" in w for w in r.get("warnings", []))),
    ("absurd replicas 2^63", with_object(lambda o: o["spec"].__setitem__("replicas", 9223372036854775807)), {200}, None),
    ("kind AdmissionReview missing", json.dumps({"apiVersion": "admission.k8s.io/v1", "request": base["request"]}).encode(), {400}, None),
    ("unknown operation", base_text.replace(b'"operation": "CREATE"', b'"operation": "EXPLODE"'), {400}, None),
]

framing = [
    ("Content-Length and Transfer-Encoding both",
     b"POST /validate HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n0\r\n\r\n", {0, 400}),
    ("two Content-Lengths",
     b"POST /validate HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nContent-Length: 40\r\nConnection: close\r\n\r\n{}", {0, 400}),
    ("bad chunk size", b"POST /validate HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\nzz\r\n{}\r\n0\r\n\r\n", {0, 400}),
    ("chunk larger than declared", b"POST /validate HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n2\r\n{}}}}\r\n0\r\n\r\n", {0, 400}),
    ("header with a bare LF and NUL", b"POST /validate HTTP/1.1\nHost: x\x00y\nConnection: close\n\n", {0, 400}),
    ("80 KB header", b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * (90 * 1024) + b"\r\nConnection: close\r\n\r\n", {0, 400, 431}),
    ("HTTP/0.9 request line", b"GET /healthz\r\n\r\n", {0, 400}),
    ("GET /validate", b"GET /validate HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", {405}),
    ("pipelined: review then health",
     (f"POST /validate HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: {len(base_text)}\r\n\r\n").encode()
     + base_text + b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", {200}),
]


def h2_frame(kind, flags, stream, payload=b""):
    return struct.pack(">I", len(payload))[1:] + bytes([kind, flags]) + struct.pack(">I", stream) + payload


def rapid_reset(streams=2000):
    """HTTP/2 rapid reset (CVE-2023-44487): open a stream with a POST to /validate and reset it
    at once, thousands of times on one connection."""
    s = tls(alpn=("h2",))
    if s.selected_alpn_protocol() != "h2":
        return "no h2"
    s.sendall(b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n" + h2_frame(0x4, 0, 0))
    block = bytes([0x83, 0x87, 0x04, 9]) + b"/validate" + bytes([0x01, 9]) + b"localhost"
    sent = 0
    try:
        for i in range(streams):
            sid = 2 * i + 1
            s.sendall(h2_frame(0x1, 0x4, sid, block) + h2_frame(0x3, 0, sid, struct.pack(">I", 8)))  # HEADERS, RST_STREAM CANCEL
            sent += 1
    except (ssl.SSLError, OSError):
        pass
    s.close()
    return f"{sent} streams opened and reset"


def main():
    started = time.time()
    p = subprocess.Popen([BIN, "serve", "--demo", "--cert", f"{CERTS}/tls.crt", "--key", f"{CERTS}/tls.key",
                          "--address", f"127.0.0.1:{PORT}", "--log-level", "warning"],
                         stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(300):
            if alive(p):
                break
            time.sleep(0.2)
        # Warm up with ordinary reviews, then take the baseline.
        for _ in range(20):
            post(base_text)
        baseline = rss(p.pid)
        print(f"baseline RSS {baseline} MiB")
        refused = 0
        for name, body, statuses, review_check in corpus:
            reply = post(body)
            st = status_of(reply)
            refused += st in (400, 413)
            ok = st in statuses and (review_check is None or st != 200 or review_check(review_of(reply)))
            check(ok, f"{name}: {st}")
            check(alive(p), f"{name}: server still up")
        def bad_count():
            m = raw_exchange(b"GET /metrics HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").decode(errors="replace")
            b = [l for l in m.splitlines() if l.startswith("premortem_admission_bad_requests_total")]
            return int(float(b[0].split()[-1])) if b else -1
        after_corpus = bad_count()
        for name, data, statuses in framing:
            st = status_of(raw_exchange(data, 15))
            check(st in statuses, f"framing, {name}: {st or 'closed'}")
            check(alive(p), f"framing, {name}: server still up")
        after_framing = bad_count()
        refused += after_framing - after_corpus  # framing tricks the handler itself refused
        what = rapid_reset()
        check(alive(p), f"HTTP/2 rapid reset ({what}): server still up")
        metrics = raw_exchange(b"GET /metrics HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").decode(errors="replace")
        bad = [l for l in metrics.splitlines() if l.startswith("premortem_admission_bad_requests_total")]
        counted = int(float(bad[0].split()[-1])) if bad else -1
        # Only the bodies refused with 400/413 are bad requests: not the 2,000 reset streams.
        check(0 <= counted <= refused, f"bad requests counted: {counted} (after the corpus {after_corpus}, after framing {after_framing}; "
                                       f"bodies refused: {refused}; reset streams not counted)")
        # Memory back near the baseline once the hostile requests are gone.
        for _ in range(20):
            post(base_text)
        time.sleep(2)
        after = rss(p.pid)
        check(after <= baseline + MAX_GROWTH, f"RSS after the corpus {after} MiB (baseline {baseline} MiB, bound +{MAX_GROWTH} MiB)")
    finally:
        p.terminate()
        try:
            p.wait(timeout=20)
        except subprocess.TimeoutExpired:
            p.kill()
    print(f"hostile: {len(corpus) + len(framing) + 1} cases, {len(failures)} failure(s), {time.time() - started:.0f}s")
    sys.exit(1 if failures else 0)


main()
