#!/usr/bin/env python3
"""Connection hygiene of `premortem serve` against the real TLS server on loopback:

  slowloris      a request head sent a byte at a time is cut off at the idle timeout
  slow body      a body trickled in gets 408 (or the connection closed) at the body timeout
  stalled TLS    a TCP connection that never sends a ClientHello is closed at the handshake timeout
  idle flood     N idle TLS connections: a normal request is still answered at once, and all
                 of them are closed at the idle timeout
  conn limit     past --max-connections a connection waits in the backlog until a slot frees
  h2 silent peer a peer that speaks HTTP/2, then never answers anything (no SETTINGS ack, no
                 PING ack), does not keep the process alive past the shutdown timeout after SIGTERM
  h1 in flight   likewise a half-sent HTTP/1.1 request at SIGTERM

usage: hygiene-test.py PREMORTEM_BINARY CERT_DIR   (CERT_DIR from certs/make-certs.sh)
Env: HYGIENE_FLOOD (300) idle connections; HYGIENE_PORT (18461).
Everything goes to 127.0.0.1 only, in bounded loops.
"""
import os
import signal
import socket
import ssl
import struct
import subprocess
import sys
import time

BIN, CERTS = sys.argv[1], sys.argv[2]
PORT = int(os.environ.get("HYGIENE_PORT", "18461"))
FLOOD = int(os.environ.get("HYGIENE_FLOOD", "300"))
IDLE, HANDSHAKE, BODY, SHUTDOWN = 2.0, 2.0, 2.0, 4.0
SLACK = 2.5  # scheduling slack on a loaded 2-core machine

failures = []


def check(ok, what):
    print(("ok   " if ok else "FAIL ") + what, flush=True)
    if not ok:
        failures.append(what)


def start(max_connections=None):
    p = subprocess.Popen([BIN, "serve", "--demo", "--cert", f"{CERTS}/tls.crt", "--key", f"{CERTS}/tls.key",
                          "--address", f"127.0.0.1:{PORT}", "--log-level", "warning",
                          "--idle-timeout", f"{IDLE}s", "--handshake-timeout", f"{HANDSHAKE}s",
                          "--body-timeout", f"{BODY}s", "--shutdown-timeout", f"{SHUTDOWN}s",
                          "--max-connections", str(max_connections or FLOOD + FLOOD // 3 + 100)],
                         stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            if request("GET", "/readyz")[0] == 200:
                return p
        except OSError:
            pass
        time.sleep(0.2)
    p.kill()
    raise SystemExit("server did not become ready")


def context(alpn=("http/1.1",)):
    ctx = ssl.create_default_context(cafile=f"{CERTS}/ca.crt")
    ctx.set_alpn_protocols(list(alpn))
    return ctx


def tls(alpn=("http/1.1",), timeout=10):
    raw = socket.create_connection(("127.0.0.1", PORT), timeout=timeout)
    return context(alpn).wrap_socket(raw, server_hostname="localhost")


def request(method, path, body=b"", timeout=10):
    s = tls(timeout=timeout)
    try:
        head = f"{method} {path} HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n" \
               f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n"
        s.sendall(head.encode() + body)
        data = b""
        while True:
            chunk = s.recv(65536)
            if not chunk:
                break
            data += chunk
        status = int(data.split(b" ", 2)[1]) if data.startswith(b"HTTP/") else 0
        return status, data
    finally:
        s.close()


def closed_within(s, limit):
    """Seconds until the server closes `s` (reads EOF or a reset), or None if not by `limit`."""
    start = time.time()
    s.settimeout(0.2)
    while time.time() - start < limit:
        try:
            chunk = s.recv(65536)
            if not chunk:
                return time.time() - start
        except socket.timeout:
            continue
        except (ssl.SSLError, OSError):
            return time.time() - start
    return None


def slowloris():
    s = tls()
    head = b"POST /validate HTTP/1.1\r\nHost: localhost\r\nX-Slow: "
    start = time.time()
    closed = False
    s.settimeout(0.3)
    for i in range(200):  # at most ~60 s of trickling
        try:
            s.send(head[i:i + 1] if i < len(head) else b"a")
            chunk = s.recv(1024)
            if not chunk:
                closed = True
                break
        except socket.timeout:
            continue
        except (ssl.SSLError, OSError):
            closed = True
            break
        if time.time() - start > IDLE + SLACK + 5:
            break
    took = time.time() - start
    check(closed and took <= IDLE + SLACK, f"slowloris: head trickled a byte per 0.3 s cut off after {took:.1f}s (idle timeout {IDLE}s)")
    s.close()


def slow_body():
    s = tls()
    s.sendall(b"POST /validate HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{")
    start = time.time()
    answer = b""
    s.settimeout(0.3)
    for _ in range(200):
        try:
            s.send(b" ")
            chunk = s.recv(65536)
            if not chunk:
                break
            answer += chunk
            if b"\r\n\r\n" in answer:
                break
        except socket.timeout:
            continue
        except (ssl.SSLError, OSError):
            break
        if time.time() - start > BODY + SLACK + 5:
            break
    took = time.time() - start
    status = answer.split(b" ", 2)[1].decode() if answer.startswith(b"HTTP/") else "closed"
    check(took <= BODY + SLACK and status in ("408", "closed"), f"slow body: answered {status} after {took:.1f}s (body timeout {BODY}s)")
    s.close()


def stalled_handshake():
    raw = socket.create_connection(("127.0.0.1", PORT), timeout=10)
    took = closed_within(raw, HANDSHAKE + SLACK + 5)
    check(took is not None and took <= HANDSHAKE + SLACK, f"stalled TLS: no ClientHello, closed after {took if took is None else round(took, 1)}s (handshake timeout {HANDSHAKE}s)")
    raw.close()


def idle_flood():
    conns = []
    for _ in range(FLOOD):
        conns.append(tls())
    raw = [socket.create_connection(("127.0.0.1", PORT), timeout=10) for _ in range(FLOOD // 3)]
    t = time.time()
    status, _ = request("GET", "/healthz")
    took = time.time() - t
    check(status == 200 and took < 2, f"idle flood: with {FLOOD} idle TLS and {len(raw)} silent TCP connections, /healthz answered {status} in {took:.2f}s")
    time.sleep(max(IDLE, HANDSHAKE) + SLACK)
    still = 0
    for s in conns + raw:
        s.settimeout(0.05)
        try:
            if s.recv(1) != b"":
                still += 1
        except socket.timeout:
            still += 1
        except (ssl.SSLError, OSError):
            pass
        s.close()
    check(still == 0, f"idle flood: {still} of {len(conns) + len(raw)} connections still open after the idle/handshake timeouts")


def connection_limit():
    """With --max-connections 50 and 50 idle connections, a 51st waits in the backlog (is not
    served beside them) until the idle timeout frees a slot, then is answered. (The TLS
    handshakes of the 50 complete while they are accepted, so all 50 hold a slot.)"""
    p = start(max_connections=50)
    try:
        conns = [tls() for _ in range(50)]
        time.sleep(0.2)
        t = time.time()
        status, _ = request("GET", "/healthz", timeout=IDLE + SLACK + 10)
        took = time.time() - t
        check(status == 200 and IDLE * 0.5 <= took <= 2 * (IDLE + SLACK),
              f"connection limit: the 51st connection answered {status} after {took:.1f}s, once idle ones were closed")
        for c in conns:
            c.close()
    finally:
        p.terminate()
        p.wait(timeout=SHUTDOWN + 5)


def h2_frame(kind, flags, stream, payload=b""):
    return struct.pack(">I", len(payload))[1:] + bytes([kind, flags]) + struct.pack(">I", stream) + payload


def silent_h2_peer_at_sigterm():
    p = start()
    s = tls(alpn=("h2",))
    check(s.selected_alpn_protocol() == "h2", f"h2 silent peer: ALPN chose {s.selected_alpn_protocol()}")
    s.sendall(b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n" + h2_frame(0x4, 0, 0))  # preface + empty SETTINGS
    # A HEADERS frame opening a stream with no END_STREAM: a request that never completes.
    # HPACK: :method POST (index 3), :scheme https (7), :path /validate (literal, name index 4),
    # :authority localhost (literal, name index 1).
    block = bytes([0x83, 0x87, 0x04, 9]) + b"/validate" + bytes([0x01, 9]) + b"localhost"
    s.sendall(h2_frame(0x1, 0x4, 1, block))
    time.sleep(0.5)
    # From now on: read nothing, answer nothing (no SETTINGS ack, no PING ack, no more DATA).
    h1 = tls()
    h1.sendall(b"POST /validate HTTP/1.1\r\nHost: localhost\r\nContent-Length: 1000\r\n\r\n{")
    time.sleep(0.3)
    t = time.time()
    p.send_signal(signal.SIGTERM)
    try:
        p.wait(timeout=SHUTDOWN + SLACK + 10)
    except subprocess.TimeoutExpired:
        pass
    took = time.time() - t
    alive = p.poll() is None
    check(not alive and took <= SHUTDOWN + SLACK, f"h2 silent peer + h1 half-sent request at SIGTERM: process exited after {took:.1f}s (shutdown timeout {SHUTDOWN}s)")
    if alive:
        p.kill()
        p.wait()
    s.close()
    h1.close()


def main():
    started = time.time()
    p = start()
    try:
        slowloris()
        slow_body()
        stalled_handshake()
        idle_flood()
        status, _ = request("GET", "/healthz")
        check(status == 200 and p.poll() is None, "server still answers after all of the above")
    finally:
        p.terminate()
        try:
            p.wait(timeout=SHUTDOWN + 5)
        except subprocess.TimeoutExpired:
            p.kill()
    connection_limit()
    silent_h2_peer_at_sigterm()
    print(f"hygiene: {len(failures)} failure(s), {time.time() - started:.0f}s")
    sys.exit(1 if failures else 0)


main()
