"""Runtime views, diffs, SCTs, the interception verdict and live probes through Python."""

from __future__ import annotations

import datetime as dt
import socket
import ssl
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import NOW, Pki, Spec, issue

import trustaudit
from trustaudit import Inspector, Level, ProxyMode, Runtime, TrustStore


def test_go_runtime_view_reads_ssl_cert_file_from_the_environment(
    pki: Pki, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bundle = tmp_path / "corp.pem"
    bundle.write_bytes(pki.root.pem)
    empty = tmp_path / "certs"
    empty.mkdir()
    # Go reads its default directories unless SSL_CERT_DIR names others: point it at an empty one.
    monkeypatch.setenv("SSL_CERT_FILE", str(bundle))
    monkeypatch.setenv("SSL_CERT_DIR", str(empty))
    view = trustaudit.runtime_view(Runtime.GO)
    assert view.runtime is Runtime.GO
    if not view.installed:
        pytest.skip("go is not installed: the Go view has no store")
    assert view.roots == 1
    assert view.decision == (
        f"Go reads SSL_CERT_FILE ({bundle}) plus SSL_CERT_DIR ({empty}), "
        "every file of each directory"
    )
    used = [s for s in view.sources if s.state == "used"]
    assert [(s.kind, s.name) for s in used] == [
        ("variable", "SSL_CERT_FILE"),
        ("file", str(bundle)),
        ("variable", "SSL_CERT_DIR"),
        ("directory", str(empty)),
    ]
    with trustaudit.runtime_store(Runtime.GO) as store:
        assert store.name == "go"
        assert [c.der for c in store] == [pki.root.der]
    views = trustaudit.runtime_views()
    assert [v.runtime for v in views] == list(Runtime)
    with pytest.raises(TypeError):
        trustaudit.runtime_view("go")  # type: ignore[arg-type]


def test_diff_flags_a_locally_added_root(pki: Pki) -> None:
    with TrustStore.from_pem(pki.root.pem, name="corp") as corp, TrustStore.mozilla() as moz:
        d = trustaudit.diff(corp, moz, moz)
        later = trustaudit.diff(corp, moz, moz, at=NOW + dt.timedelta(days=30))
    assert (d.a, d.b, d.reference) == ("corp", "mozilla", "mozilla")
    assert d.counts["only_in_a"] == 1
    assert d.counts["locally_added"] == 1
    assert d.counts["only_in_b"] == len(d.only_in_b) == 118
    (root,) = d.only_in_a
    assert root.name == "Test Root CA"
    assert root.flags == ("locally_added",)
    assert "expired" in later.only_in_a[0].flags


def test_leaf_without_scts_has_an_empty_sct_list(pki: Pki) -> None:
    report = trustaudit.sct_list(pki.chain_pem)
    assert report.leaf == "O=trustaudit tests, CN=www.example.test"
    assert report.issuer_found
    assert report.scts == ()
    with pytest.raises(trustaudit.ParseError):
        trustaudit.sct_list(pki.chain_pem, ocsp=b"not an OCSP response")


def test_mitmproxy_reissued_public_name_is_intercepted_and_the_product_named() -> None:
    root = issue(Spec("mitmproxy", ca=True, org="mitmproxy"))
    leaf = issue(Spec("proxy.golang.org", dns=["proxy.golang.org"]), root)
    with (
        TrustStore.mozilla() as moz,
        TrustStore.from_pem(root.pem, name="system") as system,
        Inspector(moz, [system]) as inspector,
    ):
        verdict = inspector.verdict([leaf.cert], "proxy.golang.org")
        report = inspector.report([leaf.cert], "proxy.golang.org")
    assert verdict.intercepted
    assert verdict.product == "mitmproxy"
    assert verdict.evidence_count == len(report.evidence) == 4
    assert report.level is Level.INTERCEPTED
    assert report.product_id == "mitmproxy"
    assert [e.signal for e in report.evidence] == [
        "private_anchor",
        "system_not_mozilla",
        "product_match",
        "missing_scts",
    ]
    assert report.evidence[3].sentence.startswith(
        "The leaf for the public name proxy.golang.org has no Signed Certificate Timestamps"
    )


def test_private_name_under_a_corporate_root_is_clean(pki: Pki) -> None:
    with (
        TrustStore.mozilla() as moz,
        TrustStore.from_pem(pki.root.pem, name="corp") as corp,
        Inspector(moz, [corp]) as inspector,
    ):
        verdict = inspector.verdict(pki.chain_pem, "www.example.test")
        with pytest.raises(TypeError):
            Inspector(moz, corp)  # type: ignore[arg-type]
    assert verdict == trustaudit.Verdict(Level.CLEAN, 0.7, 3, None)


@pytest.fixture
def tls_server(pki: Pki) -> Iterator[int]:
    """A TLS server on 127.0.0.1 presenting ``pki``'s chain to each of up to 4 clients."""
    with tempfile.TemporaryDirectory() as tmp:
        chain, key = Path(tmp) / "chain.pem", Path(tmp) / "key.pem"
        chain.write_bytes(pki.chain_pem)
        key.write_bytes(pki.leaf.key_pem)
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(chain, key)
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(10)

    def serve() -> None:
        for _ in range(4):
            try:
                conn, _ = listener.accept()
            except OSError:
                return
            try:
                conn.settimeout(5)
                with ctx.wrap_socket(conn, server_side=True) as tls:
                    tls.recv(1)
            except (OSError, ssl.SSLError):
                pass

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield int(listener.getsockname()[1])
    listener.close()
    thread.join(timeout=10)


def test_probe_records_the_chain_a_loopback_server_presents(pki: Pki, tls_server: int) -> None:
    report = trustaudit.probe(
        "www.example.test",
        connect_to=f"127.0.0.1:{tls_server}",
        timeout=5,
        proxy=ProxyMode.DIRECT,
    )
    assert report.ok, report.failure
    assert (report.host, report.port, report.sni) == ("www.example.test", 443, "www.example.test")
    assert [c["subject"] for c in report.chain] == [
        "O=trustaudit tests, CN=www.example.test",
        "O=trustaudit tests, CN=Test Intermediate CA",
    ]
    assert report.tls is not None
    assert report.tls["version"] == "TLSv1.3"
    with report.presented as presented, TrustStore.from_pem(pki.root.pem) as store:
        assert [c.der for c in presented] == [pki.leaf.der, pki.inter.der]
        assert store.verify(presented, "www.example.test").trusted


def test_doctor_git_names_the_broken_link_and_the_fix(
    pki: Pki, tls_server: int, tmp_path: Path, clean_trust_env: None
) -> None:
    import shutil

    if shutil.which("git") is None:
        pytest.skip("git is not installed: nothing to diagnose")
    url = f"https://127.0.0.1:{tls_server}/repo.git"
    report = trustaudit.doctor(
        trustaudit.Tool.GIT, url, timeout=5, bundle_path=tmp_path / "bundle.pem"
    )
    assert report.tool == "git"
    assert report.command == f"git ls-remote {url}"
    assert not report.ok
    (link,) = report.links
    assert link.url == f"{url}/info/refs?service=git-upload-pack"
    assert (link.status, link.failed_phase) == ("broken", "trust")
    assert link.error is not None
    assert "server certificate verification failed" in link.error
    assert report.broken is not None
    assert report.broken["link"] == 0
    assert report.fix == (
        "get the root that issued the presented chain (your IT department's inspection root), "
        "then re-run with --root FILE",
    )
    assert report.files_written == ()
    with pytest.raises(trustaudit.ArgumentError):
        trustaudit.doctor(trustaudit.Tool.GIT)  # git needs a remote URL
    with pytest.raises(TypeError):
        trustaudit.doctor("git")  # type: ignore[arg-type]


def test_probe_of_a_closed_port_is_a_report_not_an_exception() -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # bound, never listening: connections are refused
        report = trustaudit.probe(f"127.0.0.1:{port}", timeout=2, proxy=ProxyMode.DIRECT)
    assert not report.ok
    assert len(report.presented) == 0
    assert report.failure == {
        "phase": "tcp",
        "kind": "refused",
        "message": f"tcp: connection to 127.0.0.1:{port} refused",
    }


def test_probe_rejects_unusable_targets_and_options() -> None:
    with pytest.raises(trustaudit.ArgumentError):
        trustaudit.probe("")
    with pytest.raises(trustaudit.ArgumentError):
        trustaudit.probe("example.test", connect_to="not an address")
    with pytest.raises(ValueError, match="timeout"):
        trustaudit.probe("example.test", timeout=0)
    with pytest.raises(TypeError):
        trustaudit.probe("example.test", proxy="direct")  # type: ignore[arg-type]
