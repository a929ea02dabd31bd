#!/usr/bin/env bash
# Per-call overhead of the C ABI: the name check and verify timed from C (benches/c/overhead.c,
# against the release libtrustaudit.so) and the same calls in Rust (criterion,
# benches/ffi_overhead.rs), on the same certificates in the same run. Prints both and the
# difference; the target is under 100 ns added per call. Both sides report their fastest
# sample (mean over many calls), the statistic least distorted by other work on the machine.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
out="$root/target/bench-c"
CC=${CC:-cc}
CARGO=${CARGO:-cargo}
mkdir -p "$out"
rm -rf "$out/fixtures"
bash "$root/tests/c/fixtures.sh" "$out/fixtures"

"$CARGO" build --release --locked --lib
lib="$root/target/release"
# The loader looks the library up by its SONAME (libtrustaudit.so.N).
ln -sf libtrustaudit.so "$lib/$(readelf -d "$lib/libtrustaudit.so" | sed -n 's/.*Library soname: \[\(.*\)\]/\1/p')"
$CC -std=c11 -O2 -Wall -Wextra -Werror -I"$root/include" "$root/benches/c/overhead.c" \
  -L"$lib" -ltrustaudit -Wl,-rpath,"$lib" -o "$out/overhead"

# C before and after criterion, keeping the faster of the two, so a burst of other work on the
# machine during one of them does not decide the comparison.
c_before=$("$out/overhead" "$out/fixtures")
TRUSTAUDIT_BENCH_FIXTURES="$out/fixtures" "$CARGO" bench --locked --bench ffi_overhead
c_after=$("$out/overhead" "$out/fixtures")
c_times=$(printf '%s\n%s\n' "$c_before" "$c_after" | sort -k1,1 -k2,2g | awk '!seen[$1]++')

python3 - "$root/target/criterion" "$c_times" <<'PY'
import json, pathlib, sys
crit, c_lines = pathlib.Path(sys.argv[1]), sys.argv[2].split("\n")
c = {k: float(v) for k, v in (l.split() for l in c_lines if l.strip())}
worst = 0.0
for call in ("name_check", "verify"):
    # The fastest criterion sample (time / iterations), the statistic overhead.c prints.
    sample = json.loads((crit / f"ffi_overhead_rust_{call}" / "new" / "sample.json").read_text())
    rust = min(t / n for t, n in zip(sample["times"], sample["iters"]))
    added = c[call] - rust
    worst = max(worst, added)
    print(f"{call:<11} Rust {rust:10.1f} ns   C ABI {c[call]:10.1f} ns   added {added:+8.1f} ns per call "
          f"({c[call] / rust:.3f}x)")
print(f"C ABI overhead target: < 100 ns added per call -> {'met' if worst < 100 else 'NOT met'}")
PY
