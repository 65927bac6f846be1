#!/usr/bin/env bash
# Makes a client certificate signed by the CA in OUTDIR (from make-certs.sh), for the
# webhook's --client-ca: what kube-apiserver presents through the kubeconfig named by its
# AdmissionConfiguration `kubeConfigFile` (see README, "Caller authentication").
#   certs/make-client-cert.sh OUTDIR [CN]    (CN default: kube-apiserver)
# Writes OUTDIR/client.{crt,key}.
set -euo pipefail
OUT="$1"
CN="${2:-kube-apiserver}"
[ -s "$OUT/ca.crt" ] && [ -s "$OUT/ca.key" ] || { echo "make-client-cert.sh: no CA in $OUT (run make-certs.sh first)" >&2; exit 1; }
umask 077
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
printf 'basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=clientAuth\n' >"$work/ext"
openssl req -newkey rsa:2048 -nodes -sha256 -keyout "$work/client.key" -out "$work/client.csr" -subj "/CN=$CN" 2>/dev/null
openssl x509 -req -sha256 -in "$work/client.csr" -CA "$OUT/ca.crt" -CAkey "$OUT/ca.key" -CAcreateserial \
  -CAserial "$work/ca.srl" -days "${DAYS:-365}" -extfile "$work/ext" -out "$work/client.crt" 2>/dev/null
chmod 644 "$work/client.crt"
mv "$work/client.key" "$OUT/client.key"; mv "$work/client.crt" "$OUT/client.crt"
echo "make-client-cert.sh: wrote $OUT/client.{crt,key} (CN=$CN)" >&2
