#!/usr/bin/env bash
# TLS of `premortem serve` as a scanner sees it (sslscan, Debian package), on loopback:
#   - TLS 1.3 offered; nothing below TLS 1.2;
#   - on TLS 1.2 only ECDHE key exchange with AEAD ciphers (GCM, ChaCha20-Poly1305):
#     Mozilla's "intermediate" profile, no static RSA, no CBC, no SHA-1 MAC;
#   - the whole chain served: with a leaf signed by an intermediate CA and the certificate
#     file holding both, a client that trusts only the root verifies the server.
# usage: scripts/tls-scan.sh [PREMORTEM_BINARY]   (default: the debug build). Env: TLS_SCAN_PORT (18462).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BIN="${1:-$ROOT/.build/debug/premortem}"
PORT="${TLS_SCAN_PORT:-18462}"
command -v sslscan >/dev/null || { echo "tls-scan.sh: sslscan is required (apt-get install sslscan)" >&2; exit 1; }
work="$(mktemp -d)"
trap 'kill -TERM ${PID:-0} 2>/dev/null || true; wait ${PID:-0} 2>/dev/null || true; rm -rf "$work"' EXIT

# root CA -> intermediate CA -> leaf for 127.0.0.1
openssl req -x509 -newkey rsa:2048 -nodes -sha256 -days 2 -keyout "$work/root.key" -out "$work/root.crt" \
  -subj "/CN=tls-scan root" -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign" 2>/dev/null
openssl req -newkey rsa:2048 -nodes -sha256 -keyout "$work/int.key" -out "$work/int.csr" -subj "/CN=tls-scan intermediate" 2>/dev/null
printf 'basicConstraints=critical,CA:TRUE,pathlen:0\nkeyUsage=critical,keyCertSign\n' >"$work/int.ext"
openssl x509 -req -sha256 -days 2 -in "$work/int.csr" -CA "$work/root.crt" -CAkey "$work/root.key" -CAcreateserial \
  -extfile "$work/int.ext" -out "$work/int.crt" 2>/dev/null
openssl req -newkey rsa:2048 -nodes -sha256 -keyout "$work/tls.key" -out "$work/leaf.csr" -subj "/CN=localhost" 2>/dev/null
printf 'basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\nsubjectAltName=DNS:localhost,IP:127.0.0.1\n' >"$work/leaf.ext"
openssl x509 -req -sha256 -days 2 -in "$work/leaf.csr" -CA "$work/int.crt" -CAkey "$work/int.key" -CAcreateserial \
  -extfile "$work/leaf.ext" -out "$work/leaf.crt" 2>/dev/null
cat "$work/leaf.crt" "$work/int.crt" >"$work/tls.crt"

"$BIN" serve --demo --cert "$work/tls.crt" --key "$work/tls.key" --address "127.0.0.1:$PORT" --log-level warning \
  </dev/null >"$work/server.log" 2>&1 &
PID=$!
for _ in $(seq 1 100); do
  curl -sf --max-time 1 --cacert "$work/root.crt" "https://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break
  sleep 0.2
done

fail=0
note() { echo "$1 $2"; [ "$1" = ok ] || fail=1; }

# Full chain: curl trusting only the root must verify (it would fail with the leaf alone).
if curl -sf --max-time 5 --cacert "$work/root.crt" "https://127.0.0.1:$PORT/healthz" >/dev/null; then
  note ok "full chain served: a client trusting only the root CA verifies the server"
else
  note FAIL "full chain: a client trusting only the root CA could not verify the server"
fi
chain="$(openssl s_client -connect "127.0.0.1:$PORT" -servername localhost -showcerts </dev/null 2>/dev/null | grep -c 'BEGIN CERTIFICATE' || true)"
[ "$chain" -ge 2 ] && note ok "server sent $chain certificates" || note FAIL "server sent $chain certificate(s), expected the leaf and the intermediate"

scan="$(sslscan --no-colour --no-heartbleed --no-compression --no-fallback "127.0.0.1:$PORT" 2>&1)"
echo "$scan" >"$work/sslscan.txt"
accepted="$(grep -E '^(Preferred|Accepted)' <<<"$scan" || true)"
echo "$accepted"
grep -qE 'TLSv1\.3' <<<"$accepted" && note ok "TLS 1.3 offered" || note FAIL "TLS 1.3 not offered"
if grep -E 'SSLv|TLSv1\.0|TLSv1\.1' <<<"$accepted"; then note FAIL "a protocol below TLS 1.2 is accepted"; else note ok "nothing below TLS 1.2"; fi
bad="$(grep -E 'TLSv1\.2' <<<"$accepted" | awk '{print $NF == "" ? $5 : $0}' | grep -vE 'ECDHE-(RSA|ECDSA)-(AES(128|256)-GCM-SHA(256|384)|CHACHA20-POLY1305)' || true)"
if [ -n "$bad" ]; then note FAIL "TLS 1.2 suites outside ECDHE+AEAD: $bad"; else note ok "TLS 1.2: ECDHE with AEAD only"; fi
if grep -E 'TLSv1\.2' <<<"$accepted" | grep -E -- '-CBC|SHA  |SHA$|^[A-Za-z]+ +TLSv1\.2 +[0-9]+ bits +AES' >/dev/null; then
  note FAIL "CBC, SHA-1 or static-RSA suite accepted"
else
  note ok "no CBC, SHA-1 MAC or static-RSA suite"
fi
# The same with openssl: a static-RSA CBC suite must be refused.
if openssl s_client -connect "127.0.0.1:$PORT" -tls1_2 -cipher AES128-SHA </dev/null >/dev/null 2>&1; then
  note FAIL "AES128-SHA (static RSA, CBC) accepted"
else
  note ok "AES128-SHA refused"
fi
exit "$fail"
