#!/usr/bin/env bash
# Builds and runs the C tests against the already-built library (never builds it):
#   - every tests/c/test_*.c and the README's "Using from C" example, linked through pkg-config
#     against the shared library and against the static library;
#   - the shared builds run under valgrind (no errors, no definite or indirect leaks);
#   - one more build of each with -fsanitize=address,undefined, run natively;
#   - the README example once more against a `make install` prefix.
# Environment: LIB_DIR (the cargo profile directory), OUT (scratch directory), CC, PREFIX_DIR
# (an install prefix made by `make install`, optional).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
: "${LIB_DIR:?}" "${OUT:?}"
CC=${CC:-cc}
CFLAGS="-std=c11 -Wall -Wextra -Werror -g -O1 -pthread"
for lib in libtrustaudit.so libtrustaudit.a; do
  [ -f "$LIB_DIR/$lib" ] || { echo "test-c: $LIB_DIR/$lib is missing: run 'make build' first" >&2; exit 1; }
done
# Programs linked against the library ask the loader for its SONAME (libtrustaudit.so.N, as
# `make install` lays it out); give the build directory that name too.
soname=$(readelf -d "$LIB_DIR/libtrustaudit.so" | sed -n 's/.*Library soname: \[\(.*\)\]/\1/p')
[ -n "$soname" ] || { echo "test-c: $LIB_DIR/libtrustaudit.so has no SONAME" >&2; exit 1; }
ln -sf libtrustaudit.so "$LIB_DIR/$soname"

mkdir -p "$OUT/pkgconfig" "$OUT/bin"
version=$(sed -n 's/^version = "\(.*\)"/\1/p' "$root/Cargo.toml" | head -n1)
sed -e "s|@PREFIX@|$root|" -e "s|@LIBDIR@|$LIB_DIR|" -e "s|@INCLUDEDIR@|$root/include|" \
  -e "s|@VERSION@|$version|" "$root/trustaudit.pc.in" > "$OUT/pkgconfig/trustaudit.pc"
export PKG_CONFIG_PATH="$OUT/pkgconfig"

fixtures="$OUT/fixtures"
rm -rf "$fixtures"
bash "$here/fixtures.sh" "$fixtures"

# The README example, exactly as the README shows it.
awk '/^<!-- c-example:begin -->/{on=1; next} /^<!-- c-example:end -->/{on=0} on && !/^```/' \
  "$root/README.md" > "$OUT/readme_example.c"
[ -s "$OUT/readme_example.c" ] || { echo "test-c: README has no c-example block" >&2; exit 1; }

# Tests see only the fixture bundle (and an empty certificate directory) as the system store,
# whatever this machine sets.
mkdir -p "$fixtures/empty-dir"
run_env=(env "SSL_CERT_FILE=$fixtures/bundle.pem" "SSL_CERT_DIR=$fixtures/empty-dir")
valgrind=(valgrind --quiet --error-exitcode=1 --leak-check=full
  --errors-for-leak-kinds=definite,indirect --show-leak-kinds=definite,indirect
  --suppressions="$here/valgrind.supp")
# A local TLS server for test_probe.c: 127.0.0.1 only, a free port, stopped on exit and by
# `timeout` in any case.
server_pid=
if command -v openssl >/dev/null; then
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  (cd "$fixtures" && exec timeout 900 openssl s_server -accept "127.0.0.1:$port" -cert leaf.pem \
    -key leaf.key -cert_chain inter.pem -quiet >/dev/null 2>&1) &
  server_pid=$!
  trap '[ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null || true' EXIT
  for _ in $(seq 50); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.1; done
  export TRUSTAUDIT_TEST_TLS_PORT=$port
else
  echo "test-c: openssl is not installed: the probe test against a local server will skip"
fi

cflags=$(pkg-config --cflags trustaudit)
shared_libs="$(pkg-config --libs trustaudit) -Wl,-rpath,$(pkg-config --variable=libdir trustaudit)"
# pkg-config's -ltrustaudit would pick the .so; name the archive and keep the private libs.
static_libs="$(pkg-config --variable=libdir trustaudit)/libtrustaudit.a \
  $(pkg-config --static --libs-only-l trustaudit | sed 's/-ltrustaudit//')"

sources=("$here"/test_*.c "$OUT/readme_example.c")
failed=0
for src in "${sources[@]}"; do
  name=$(basename "$src" .c)
  args=("$fixtures")
  [ "$name" = readme_example ] && args=("$fixtures/leaf-chain.pem" www.example.test)
  # shellcheck disable=SC2086 # flag lists from pkg-config are meant to split
  $CC $CFLAGS -I"$here" $cflags "$src" $shared_libs -o "$OUT/bin/$name.shared"
  # shellcheck disable=SC2086
  $CC $CFLAGS -I"$here" $cflags "$src" $static_libs -o "$OUT/bin/$name.static"
  # shellcheck disable=SC2086
  $CC $CFLAGS -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer \
    -I"$here" $cflags "$src" $shared_libs -o "$OUT/bin/$name.asan"
  if readelf -d "$OUT/bin/$name.static" | grep -q 'libtrustaudit'; then
    echo "test-c: $name.static depends on the shared library" >&2; failed=1
  fi
  echo "== $name (shared, valgrind)"
  "${run_env[@]}" "${valgrind[@]}" "$OUT/bin/$name.shared" "${args[@]}" || failed=1
  echo "== $name (static)"
  "${run_env[@]}" "$OUT/bin/$name.static" "${args[@]}" || failed=1
  echo "== $name (shared, ASan+UBSan)"
  "${run_env[@]}" ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 UBSAN_OPTIONS=print_stacktrace=1 \
    "$OUT/bin/$name.asan" "${args[@]}" || failed=1
done

if [ -n "${PREFIX_DIR:-}" ]; then
  echo "== readme_example (installed prefix $PREFIX_DIR)"
  pc="$PREFIX_DIR/lib/pkgconfig"
  # shellcheck disable=SC2046
  $CC $CFLAGS $(PKG_CONFIG_PATH=$pc pkg-config --cflags trustaudit) "$OUT/readme_example.c" \
    $(PKG_CONFIG_PATH=$pc pkg-config --libs trustaudit) \
    -Wl,-rpath,"$(PKG_CONFIG_PATH=$pc pkg-config --variable=libdir trustaudit)" \
    -o "$OUT/bin/readme_example.installed"
  "${run_env[@]}" "$OUT/bin/readme_example.installed" "$fixtures/leaf-chain.pem" www.example.test \
    > "$OUT/readme_example.out" || failed=1
  cat "$OUT/readme_example.out"
  # What the README's reader should see for the fixture chain (its root is not Mozilla's).
  grep -q "^Mozilla's [0-9]* roots: not trusted (unknown_issuer)$" "$OUT/readme_example.out" &&
    grep -q "^Go's name rules for www.example.test: match$" "$OUT/readme_example.out" &&
    grep -q "^CN=www.example.test$" "$OUT/readme_example.out" ||
    { echo "test-c: the README example printed something else" >&2; failed=1; }
fi

if [ "$failed" -ne 0 ]; then echo "test-c: FAILED" >&2; exit 1; fi
echo "test-c: all C tests passed (shared+valgrind, static, ASan+UBSan)"
