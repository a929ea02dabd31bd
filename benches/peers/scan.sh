#!/usr/bin/env bash
# `trustaudit scan` against peers on the same loopback endpoints, in one run, printing ratios:
#   - a loop of `openssl s_client -showcerts` (what people script today), on all 1,000 names;
#   - `sslyze --certinfo` (from PyPI, in a venv under target/) on the first SSLYZE_HOSTS names.
# The server is benches/scan.rs in serve mode: one rustls server, 1,000 SNI names.
set -euo pipefail
cd "$(dirname "$0")/../.."
SSLYZE_HOSTS=${SSLYZE_HOSTS:-100}
dir=$(mktemp -d)
server=
cleanup() { [ -n "$server" ] && kill "$server" 2>/dev/null; rm -rf "$dir"; }
trap cleanup EXIT

cargo build --release --locked -q --bin trustaudit
bench_bin=$(cargo bench --locked -q --bench scan --no-run --message-format=json 2>/dev/null |
  python3 -c 'import sys, json
for line in sys.stdin:
    m = json.loads(line)
    if m.get("reason") == "compiler-artifact" and m["target"]["name"] == "scan" and m.get("executable"):
        print(m["executable"])')
TRUSTAUDIT_BENCH_SERVE="$dir" "$bench_bin" >/dev/null 2>&1 &
server=$!
for _ in $(seq 100); do [ -s "$dir/port" ] && break; sleep 0.1; done
port=$(cat "$dir/port")
hosts=$(wc -l < "$dir/hosts.txt")
now() { date +%s.%N; }
rate() { python3 -c "import sys; n, a, b = map(float, sys.argv[1:]); print(f'{n / (b - a):.1f}')" "$@"; }

t0=$(now)
target/release/trustaudit scan --json -j 64 --no-proxy --timeout 10 "$dir/hosts.txt" > "$dir/trustaudit.jsonl" || true
t1=$(now)
ok=$(grep -c '"kind":"scan_result","target":"[^"]*","line":[0-9]*,"ok":true' "$dir/trustaudit.jsonl" || true)
ta_rate=$(rate "$hosts" "$t0" "$t1")
echo "trustaudit scan -j 64: $ok/$hosts handshakes, $ta_rate hosts/s"

t0=$(now)
ok=0
while read -r name _; do
  if openssl s_client -connect "127.0.0.1:$port" -servername "${name%:*}" -showcerts </dev/null >/dev/null 2>&1; then
    ok=$((ok + 1))
  fi
done < "$dir/hosts.txt"
t1=$(now)
ossl_rate=$(rate "$hosts" "$t0" "$t1")
echo "openssl s_client loop: $ok/$hosts handshakes, $ossl_rate hosts/s"
python3 -c "import sys; print(f'ratio trustaudit/openssl-loop: {float(sys.argv[1]) / float(sys.argv[2]):.1f}x')" "$ta_rate" "$ossl_rate"

venv=target/peers-venv
if [ ! -x "$venv/bin/sslyze" ]; then
  python3 -m venv "$venv" && "$venv/bin/pip" install -q --disable-pip-version-check sslyze || true
fi
if [ -x "$venv/bin/sslyze" ]; then
  head -n "$SSLYZE_HOSTS" "$dir/hosts.txt" | while read -r name _; do echo "${name%:*}:$port{127.0.0.1}"; done > "$dir/sslyze.txt"
  t0=$(now)
  "$venv/bin/sslyze" --certinfo --targets_in "$dir/sslyze.txt" > "$dir/sslyze.out" 2>&1 || true
  t1=$(now)
  ok=$(grep -c "Certificates Information" "$dir/sslyze.out" || true)
  sy_rate=$(rate "$SSLYZE_HOSTS" "$t0" "$t1")
  echo "sslyze --certinfo: $ok/$SSLYZE_HOSTS hosts with certificate information, $sy_rate hosts/s"; grep -m3 -i "could not connect\|connection refused\|timed out" "$dir/sslyze.out" || true
  python3 -c "import sys; print(f'ratio trustaudit/sslyze: {float(sys.argv[1]) / float(sys.argv[2]):.1f}x')" "$ta_rate" "$sy_rate"
else
  echo "sslyze: not installable here; skipped"
fi
