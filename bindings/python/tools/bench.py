"""Benchmarks trustaudit's Python binding against Python's own TLS stacks on identical inputs.

Run with TRUSTAUDIT_LIBRARY pointing at a release build (``make bench-python`` does). Prints
one line per comparison with the time per operation of each side and the ratio (above 1.0x
means trustaudit is faster).
"""

from __future__ import annotations

import datetime as dt
import os
import ssl
import sys
import timeit
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from conftest import make_pki
from cryptography import x509
from cryptography.x509 import verification

import trustaudit


def per_op(fn: Callable[[], object], min_time: float = 0.5) -> float:
    """Median seconds per call over 5 repeats of a loop sized to take about ``min_time``."""
    timer = timeit.Timer(fn)
    n, t = timer.autorange()
    loops = max(1, int(n * min_time / max(t, 1e-9)))
    runs = sorted(timer.repeat(repeat=5, number=loops))
    return runs[2] / loops


def fmt(seconds: float) -> str:
    return f"{seconds * 1e6:9.1f} µs"


def compare(what: str, ours: Callable[[], object], theirs: Callable[[], object], peer: str) -> None:
    a, b = per_op(ours), per_op(theirs)
    print(f"{what:46} trustaudit {fmt(a)}   {peer} {fmt(b)}   ratio {b / a:5.2f}x")


def main() -> None:
    print(f"library: {trustaudit.LIBRARY_PATH}")
    pki = make_pki()
    now = dt.datetime.now(dt.timezone.utc)
    store = trustaudit.TrustStore.from_pem(pki.root.pem, name="bench")
    verifier = trustaudit.Verifier(store)
    chain = trustaudit.Chain.load(pki.chain_pem)
    assert verifier.verify(chain, "www.example.test").trusted

    pyca = (
        verification.PolicyBuilder()
        .store(verification.Store([pki.root.cert]))
        .time(now)
        .build_server_verifier(x509.DNSName("www.example.test"))
    )
    leaf, inters = pki.leaf.cert, [pki.inter.cert]
    pyca.verify(leaf, inters)

    compare(
        "verify chain + name (prepared roots)",
        lambda: verifier.verify(chain, "www.example.test"),
        lambda: pyca.verify(leaf, inters),
        "cryptography.x509.verification",
    )
    compare(
        "verify chain + name from PEM each call",
        lambda: verifier.verify(pki.chain_pem, "www.example.test"),
        lambda: pyca.verify(
            x509.load_pem_x509_certificate(pki.leaf.pem),
            [x509.load_pem_x509_certificate(pki.inter.pem)],
        ),
        "cryptography.x509.verification",
    )
    root_text = pki.root.pem.decode()
    compare(
        "trust one root (store + verifier vs context)",
        lambda: trustaudit.Verifier(trustaudit.TrustStore.from_pem(pki.root.pem)),
        lambda: ssl.create_default_context(cadata=root_text),
        "ssl.create_default_context(cadata=…)",
    )
    compare(
        "load the system store",
        trustaudit.TrustStore.system,
        ssl.create_default_context,
        "ssl.create_default_context()",
    )
    try:
        import certifi

        where = certifi.where()
        compare(
            "load Mozilla's roots (compiled in vs certifi)",
            trustaudit.TrustStore.mozilla,
            lambda: ssl.create_default_context(cafile=where),
            "ssl context from certifi",
        )
    except ImportError:
        print("load Mozilla's roots: skipped, certifi is not installed")
    print(
        "system store: SSL_CERT_FILE="
        f"{os.environ.get('SSL_CERT_FILE', '(unset)')} SSL_CERT_DIR="
        f"{os.environ.get('SSL_CERT_DIR', '(unset)')} (both sides honour them)"
    )


if __name__ == "__main__":
    main()
