#!/usr/bin/env bash
# Makes a CA and a serving certificate for the Premortem webhook with openssl.
#   certs/make-certs.sh [OUTDIR] [NAMESPACE] [SERVICE]
# defaults: OUTDIR=./certs/out NAMESPACE=premortem SERVICE=premortem
# Writes OUTDIR/{ca.crt,ca.key,tls.crt,tls.key}. SANs: SERVICE, SERVICE.NS, SERVICE.NS.svc,
# SERVICE.NS.svc.cluster.local, localhost, IP 127.0.0.1, plus EXTRA_SANS (comma-separated
# openssl SAN entries, e.g. EXTRA_SANS="IP:127.100.0.10,DNS:webhook.example").
# An existing CA in OUTDIR is reused (so a re-run rotates only the serving cert) unless NEW_CA=1.
# DAYS (default 365) sets the serving certificate's lifetime; CA_DAYS (default 3650) the CA's.
set -euo pipefail

OUT="${1:-certs/out}"
NS="${2:-premortem}"
SVC="${3:-premortem}"
DAYS="${DAYS:-365}"
CA_DAYS="${CA_DAYS:-3650}"
command -v openssl >/dev/null || { echo "make-certs.sh: openssl is required (apt-get install openssl)" >&2; exit 1; }

mkdir -p "$OUT"
umask 077
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

if [ "${NEW_CA:-0}" = 1 ] || [ ! -s "$OUT/ca.crt" ] || [ ! -s "$OUT/ca.key" ]; then
  openssl req -x509 -newkey rsa:2048 -nodes -sha256 -days "$CA_DAYS" \
    -keyout "$work/ca.key" -out "$work/ca.crt" -subj "/CN=premortem-webhook-ca" \
    -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
  mv "$work/ca.key" "$OUT/ca.key"; mv "$work/ca.crt" "$OUT/ca.crt"
fi

sans="DNS:$SVC,DNS:$SVC.$NS,DNS:$SVC.$NS.svc,DNS:$SVC.$NS.svc.cluster.local,DNS:localhost,IP:127.0.0.1"
[ -z "${EXTRA_SANS:-}" ] || sans="$sans,$EXTRA_SANS"
cat > "$work/tls.ext" <<EXT
basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature,keyEncipherment
extendedKeyUsage=serverAuth
subjectAltName=$sans
EXT
openssl req -newkey rsa:2048 -nodes -sha256 -keyout "$work/tls.key" -out "$work/tls.csr" \
  -subj "/CN=$SVC.$NS.svc" 2>/dev/null
openssl x509 -req -sha256 -in "$work/tls.csr" -CA "$OUT/ca.crt" -CAkey "$OUT/ca.key" -CAcreateserial \
  -CAserial "$work/ca.srl" -days "$DAYS" -extfile "$work/tls.ext" -out "$work/tls.crt" 2>/dev/null
# Replace key and certificate as late as possible, so a server watching OUTDIR sees the old
# pair or the new one; it ignores a mismatched pair until both have changed.
chmod 644 "$work/tls.crt" "$OUT/ca.crt"
mv "$work/tls.key" "$OUT/tls.key"
mv "$work/tls.crt" "$OUT/tls.crt"
echo "make-certs.sh: wrote $OUT/ca.crt and $OUT/tls.{crt,key} (SANs: $sans)" >&2
