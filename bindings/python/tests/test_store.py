"""Trust stores: loading from every source, iteration, membership, diagnostics."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import Pki, make_pki

import trustaudit
from trustaudit import StoreKind, TrustStore


def test_mozilla_store_has_isrg_root_x1_and_no_diagnostics() -> None:
    with TrustStore.mozilla() as store:
        assert store.name == "mozilla"
        assert 100 <= len(store) <= 200
        subjects = [r.subject for r in store.roots()]
        assert any("CN=ISRG Root X1" in s for s in subjects)
        report = store.load_report()
        assert report.kind is StoreKind.MOZILLA
        assert report.roots == len(store)
        assert report.diagnostics == ()


def test_bad_block_becomes_a_diagnostic_with_its_line_and_good_roots_load(pki: Pki) -> None:
    bad = b"-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydA==\n-----END CERTIFICATE-----\n"
    bundle = pki.root.pem + bad + pki.inter.pem + pki.root.pem
    with TrustStore.from_pem(bundle, name="corp bundle") as store:
        assert store.name == "corp bundle"
        assert len(store) == 2
        report = store.load_report()
        assert report.kind is StoreKind.MEMORY
        assert report.duplicates == 1
        (diag,) = report.diagnostics
        assert diag.source == "memory"  # the source is the bytes, the name is the store's
        assert diag.line == pki.root.pem.count(b"\n") + 1
        assert str(diag).startswith(f"memory: line {diag.line}: ")
        assert [c.der for c in store] == [pki.root.der, pki.inter.der]


def test_store_accepts_bytes_str_path_and_cryptography_objects(pki: Pki, tmp_path: Path) -> None:
    path = tmp_path / "corp.pem"
    path.write_bytes(pki.root.pem)
    for data in (pki.root.pem, pki.root.pem.decode(), path, pki.root.der):
        with TrustStore.from_pem(data) as store:
            assert len(store) == 1, data
            assert pki.root.cert in store
            assert pki.leaf.cert not in store
    with TrustStore.from_certificates([pki.root.cert, pki.inter.pem], name="pool") as store:
        assert store.name == "pool"
        assert [c.to_cryptography() for c in store] == [pki.root.cert, pki.inter.cert]


def test_from_path_names_the_store_after_the_path_and_reads_directories(
    pki: Pki, tmp_path: Path
) -> None:
    (tmp_path / "a.pem").write_bytes(pki.root.pem)
    (tmp_path / "b.crt").write_bytes(pki.inter.pem)
    with TrustStore.from_path(tmp_path / "a.pem") as store:
        assert store.name == str(tmp_path / "a.pem")
        assert store.load_report().kind is StoreKind.PATH
    with TrustStore.from_path(tmp_path) as store:
        assert len(store) == 2


def test_missing_path_raises_not_found_which_is_a_file_not_found_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError) as info:
        TrustStore.from_path(tmp_path / "missing.pem")
    assert isinstance(info.value, trustaudit.NotFoundError)
    assert info.value.code == 301
    assert "missing.pem" in str(info.value)


def test_empty_path_is_an_argument_error() -> None:
    with pytest.raises(trustaudit.ArgumentError):
        TrustStore.from_path("")


def test_system_store_honours_ssl_cert_file(
    pki: Pki, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "only.pem"
    path.write_bytes(pki.root.pem)
    monkeypatch.setenv("SSL_CERT_FILE", str(path))
    monkeypatch.delenv("SSL_CERT_DIR", raising=False)
    with TrustStore.system() as store:
        assert store.name == "system"
        assert [c.der for c in store] == [pki.root.der]
        assert store.load_report().kind is StoreKind.SYSTEM


def test_indexing_supports_negative_indices_and_raises_index_error(pki: Pki) -> None:
    with TrustStore.from_pem(pki.root.pem + pki.inter.pem) as store:
        assert store[-1].der == pki.inter.der
        with pytest.raises(IndexError):
            store[2]
        with pytest.raises(TypeError):
            store["0"]  # type: ignore[index]


def test_roots_outlive_their_store() -> None:
    root_pki = make_pki()
    store = TrustStore.from_pem(root_pki.root.pem)
    cert = store[0]
    store.close()
    assert cert.der == root_pki.root.der
    cert.close()


def test_a_forgotten_store_is_released_by_its_finalizer(pki: Pki) -> None:
    import gc

    store = TrustStore.from_pem(pki.root.pem)
    finalizer = store._finalizer
    assert finalizer.alive
    del store
    gc.collect()
    assert not finalizer.alive


def test_close_releases_at_once_and_the_finalizer_does_not_run_again(pki: Pki) -> None:
    store = TrustStore.from_pem(pki.root.pem)
    store.verify(pki.chain_pem)  # builds and caches a verifier, released with the store
    verifier = store.verifier()
    store.close()
    assert not store._finalizer.alive
    assert verifier.closed
