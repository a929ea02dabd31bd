#!/usr/bin/env bash
# Writes the certificates the C tests read into directory $1, with openssl (fresh keys each
# run; nothing here is secret or reused): a root, an intermediate and leaves under it, bundles,
# a damaged bundle and a hashed directory.
set -euo pipefail
out=$1
mkdir -p "$out"
cd "$out"
ossl() { openssl "$@" 2>/dev/null; }
key() { ossl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1"; }

key root.key
ossl req -x509 -new -key root.key -sha256 -days 3650 -subj "/O=trustaudit tests/CN=Test Root CA" \
  -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" \
  -out root.pem

key inter.key
ossl req -new -key inter.key -subj "/O=trustaudit tests/CN=Test Intermediate CA" -out inter.csr
printf 'basicConstraints=critical,CA:TRUE,pathlen:0\nkeyUsage=critical,keyCertSign,cRLSign\n' > inter.ext
ossl x509 -req -in inter.csr -CA root.pem -CAkey root.key -CAcreateserial -days 1825 -sha256 \
  -extfile inter.ext -out inter.pem

leaf() { # name subject san-line
  key "$1.key"
  ossl req -new -key "$1.key" -subj "$2" -out "$1.csr"
  { printf 'basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\n'
    printf 'extendedKeyUsage=serverAuth\n'
    [ -n "$3" ] && printf 'subjectAltName=%s\n' "$3"; } > "$1.ext"
  ossl x509 -req -in "$1.csr" -CA inter.pem -CAkey inter.key -CAcreateserial -days 365 -sha256 \
    -extfile "$1.ext" -out "$1.pem"
  cat "$1.pem" inter.pem > "$1-chain.pem"
}
leaf leaf "/CN=www.example.test" "DNS:www.example.test,DNS:*.wild.example.test,IP:127.0.0.1"
leaf cnonly "/CN=cn-only.example.test" ""

# An interception-style chain: a mitmproxy-named root re-signing a public name directly.
key mitm.key
ossl req -x509 -new -key mitm.key -sha256 -days 3650 -subj "/O=mitmproxy/CN=mitmproxy" \
  -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" \
  -out mitm-root.pem
key mitm-leaf.key
ossl req -new -key mitm-leaf.key -subj "/CN=www.google.com" -out mitm-leaf.csr
printf 'basicConstraints=critical,CA:FALSE\nextendedKeyUsage=serverAuth\nsubjectAltName=DNS:www.google.com\n' > mitm-leaf.ext
ossl x509 -req -in mitm-leaf.csr -CA mitm-root.pem -CAkey mitm.key -CAcreateserial -days 30 \
  -sha256 -extfile mitm-leaf.ext -out mitm-leaf.pem

cat root.pem inter.pem > bundle.pem
openssl x509 -in root.pem -outform der -out root.der 2>/dev/null
# A bundle whose second block is cut in the middle: one root loads, one diagnostic.
{ cat root.pem; head -c 200 inter.pem; } > truncated.pem
mkdir -p hashed
cp root.pem inter.pem hashed/
openssl rehash hashed 2>/dev/null || true
