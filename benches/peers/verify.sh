#!/usr/bin/env bash
# Chain verification against peers on identical inputs, in one run: benches/verify.rs writes the
# ECDSA P-256 and RSA-2048 chains and the roots (Mozilla set + the chain's root) to a temp dir
# and measures trustaudit and the raw ring floor; then Go's crypto/x509 Verify and
# pyca/cryptography's verifier run on the same files. Prints each time and the ratios.
set -euo pipefail
cd "$(dirname "$0")/../.."
DIR=$(mktemp -d)
trap 'rm -rf "$DIR"' EXIT
export TRUSTAUDIT_BENCH_DIR=$DIR
cargo bench --locked --bench verify -- --warm-up-time 1 --measurement-time 5 >/dev/null 2>&1
est() { # criterion mean estimate in ns
  python3 -c 'import json,sys; print(int(json.load(open(sys.argv[1]))["mean"]["point_estimate"]))' \
    "target/criterion/${1//\//_}/new/estimates.json"
}
declare -A GO PYCA
if command -v go >/dev/null; then
  while read -r l ns; do GO[$l]=$ns; done < <(GOTOOLCHAIN=local go run benches/peers/verify_go.go "$DIR" ecdsa rsa)
else
  echo "go not installed: skipping the Go peer" >&2
fi
if python3 -c 'import cryptography.x509.verification' 2>/dev/null; then
  while read -r l ns; do PYCA[$l]=$ns; done < <(python3 benches/peers/verify_pyca.py "$DIR" ecdsa rsa)
else
  echo "pyca/cryptography (>= 42) not installed: skipping the pyca peer" >&2
fi
printf '%-22s %12s %12s %12s %12s %9s %9s %9s\n' chain trustaudit ring-floor go pyca vs-go vs-pyca vs-floor
for pair in "ecdsa_p256 ecdsa" "rsa_2048 rsa"; do
  set -- $pair
  ours=$(est "verify/$1"); floor=$(est "verify_floor/$1")
  go=${GO[$2]:-0}; py=${PYCA[$2]:-0}
  python3 - "$1" "$ours" "$floor" "$go" "$py" <<'PY'
import sys
label, ours, floor, go, py = sys.argv[1], *map(int, sys.argv[2:])
r = lambda a, b: f"{a / b:.2f}x" if a and b else "n/a"
us = lambda ns: f"{ns / 1000:.1f} us" if ns else "n/a"
print(f"{label:<22} {us(ours):>12} {us(floor):>12} {us(go):>12} {us(py):>12} {r(go, ours):>9} {r(py, ours):>9} {r(ours, floor):>9}")
PY
done
echo "targets: vs-go >= 1.5x faster, vs-pyca >= 3x faster, vs-floor <= 1.3x (trustaudit time / raw signature time)"
