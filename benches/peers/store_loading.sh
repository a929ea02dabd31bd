#!/usr/bin/env bash
# Loading and parsing one system bundle: trustaudit vs Go's x509.SystemCertPool() vs Python's
# ssl.create_default_context() + get_ca_certs(), each the first load in a fresh process, timed
# inside that process, on the same bundle in one run. Prints medians and the ratios (issue 3
# asks for trustaudit to be at least 5x faster than both), then the whole `trustaudit` audit's
# wall time and peak RSS (targets: under 20 ms and 15 MB).
#
# Usage: benches/peers/store_loading.sh [bundle]   (default /etc/ssl/certs/ca-certificates.crt)
# RUNS=N sets the number of fresh processes per runtime (default 15).
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
bundle="${1:-/etc/ssl/certs/ca-certificates.crt}"
runs="${RUNS:-15}"
if [[ ! -f "$bundle" ]]; then
  echo "store_loading peers: skipped, $bundle does not exist" >&2
  exit 0
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir "$work/emptydir"
# Every runtime reads exactly this bundle: SSL_CERT_FILE names it, SSL_CERT_DIR an empty directory.
export SSL_CERT_FILE="$bundle" SSL_CERT_DIR="$work/emptydir"

median() { sort -n | awk '{a[NR]=$1} END {if (NR==0) {print "nan"} else if (NR%2) {print a[(NR+1)/2]} else {print (a[NR/2]+a[NR/2+1])/2}}'; }

(cd "$root" && cargo build --quiet --release --locked --example load_bundle --bin trustaudit)
ours_bin="$root/target/release/examples/load_bundle"
ta="$root/target/release/trustaudit"

ours_count=""
for _ in $(seq "$runs"); do
  read -r us n < <("$ours_bin" "$bundle")
  ours_count="$n"
  echo "$us"
done > "$work/ours"
ours="$(median < "$work/ours")"

go_us="nan"; go_count="-"
if command -v go >/dev/null; then
  mkdir "$work/gopool"
  cat > "$work/gopool/main.go" <<'GO'
package main

import (
	"crypto/x509"
	"fmt"
	"os"
	"time"
)

func main() {
	start := time.Now()
	pool, err := x509.SystemCertPool()
	elapsed := time.Since(start)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(3)
	}
	//lint:ignore SA1019 Subjects is the only way to count a pool's certificates.
	fmt.Println(elapsed.Microseconds(), len(pool.Subjects()))
}
GO
  (cd "$work/gopool" && go mod init gopool >/dev/null 2>&1 && go build -o pool . )
  for _ in $(seq "$runs"); do
    read -r us n < <("$work/gopool/pool")
    go_count="$n"
    echo "$us"
  done > "$work/go"
  go_us="$(median < "$work/go")"
else
  echo "Go: skipped, go is not installed" >&2
fi

py_us="nan"; py_count="-"
if command -v python3 >/dev/null; then
  for _ in $(seq "$runs"); do
    read -r us n < <(python3 -c '
import ssl, time
t = time.perf_counter()
ctx = ssl.create_default_context()
certs = ctx.get_ca_certs()
print(int((time.perf_counter() - t) * 1e6), len(certs))
')
    py_count="$n"
    echo "$us"
  done > "$work/py"
  py_us="$(median < "$work/py")"
else
  echo "Python: skipped, python3 is not installed" >&2
fi

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "nan" || b == 0) print "n/a"; else printf "%.1fx", a / b }'; }

echo "store_loading: $bundle, median of $runs fresh processes, timed inside each"
printf '  %-44s %8s us  %s certificates\n' "trustaudit TrustStore::from_path" "$ours" "$ours_count"
printf '  %-44s %8s us  %s certificates  (trustaudit %s faster)\n' "Go x509.SystemCertPool()" "$go_us" "$go_count" "$(ratio "$go_us" "$ours")"
printf '  %-44s %8s us  %s certificates  (trustaudit %s faster)\n' "Python create_default_context+get_ca_certs" "$py_us" "$py_count" "$(ratio "$py_us" "$ours")"

# The whole audit as a user runs it, with the machine's own environment.
unset SSL_CERT_FILE SSL_CERT_DIR
for _ in $(seq "$runs"); do
  /usr/bin/time -f '%e %M' "$ta" >/dev/null 2>>"$work/audit" || true
done
grep -E '^[0-9.]+ [0-9]+$' "$work/audit" | awk '{print $1*1000}' | median > "$work/audit_ms"
grep -E '^[0-9.]+ [0-9]+$' "$work/audit" | awk '{print $2}' | sort -n | tail -1 > "$work/audit_kb"
printf '  %-44s %8s ms  peak RSS %s KB (targets: < 20 ms, < 15360 KB)\n' "trustaudit (full audit, wall, median)" "$(cat "$work/audit_ms")" "$(cat "$work/audit_kb")"
