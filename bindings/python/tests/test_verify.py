"""Verification, the cross-store matrix and name checks through the Python API."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import NOW, Pki, Spec, issue, make_pki

import trustaudit
from trustaudit import (
    Chain,
    NameMismatch,
    Presented,
    Profile,
    Runtime,
    TrustStore,
    Usage,
    Verifier,
    VerifyFailure,
    verify_matrix,
)


def test_trusted_chain_reports_its_path_and_every_runtime_accepts(pki: Pki) -> None:
    with TrustStore.from_pem(pki.root.pem, name="corp") as store:
        v = store.verify(pki.chain_pem, "www.example.test")
        assert v == trustaudit.Verification(True, True, VerifyFailure.NONE, 3)
        assert v
        v.raise_for_failure()
        report = store.verify_report(pki.chain_pem, "www.example.test")
    assert report.store == "corp"
    assert [p.subject for p in report.path] == [
        "O=trustaudit tests, CN=www.example.test",
        "O=trustaudit tests, CN=Test Intermediate CA",
        "O=trustaudit tests, CN=Test Root CA",
    ]
    assert report.anchor_source == "memory (line 1)"
    assert [m.runtime for m in report.runtime_messages] == list(Runtime)
    assert all(m.accepts and m.text is None for m in report.runtime_messages)


def test_name_mismatch_is_a_value_with_each_runtimes_words(pki: Pki) -> None:
    with TrustStore.from_pem(pki.root.pem) as store:
        v = store.verify(pki.chain_pem, "other.test")
        report = store.verify_report(pki.chain_pem, "other.test")
    assert v == trustaudit.Verification(False, True, VerifyFailure.NAME_MISMATCH, 3)
    assert not v
    with pytest.raises(trustaudit.VerificationError, match="name_mismatch") as info:
        v.raise_for_failure()
    assert info.value.verification is v
    assert report.failure is VerifyFailure.NAME_MISMATCH
    go = report.for_runtime(Runtime.GO)
    assert go.text == "x509: certificate is valid for www.example.test, not other.test"
    node = report.for_runtime(Runtime.NODE)
    assert node.code == "ERR_TLS_CERT_ALTNAME_INVALID"


def test_verification_time_is_honoured(pki: Pki) -> None:
    with TrustStore.from_pem(pki.root.pem) as store:
        later = NOW + dt.timedelta(days=3)
        assert store.verify(pki.chain_pem, at=later).failure is VerifyFailure.EXPIRED
        assert store.verify(pki.chain_pem, at=later.timestamp()).failure is VerifyFailure.EXPIRED
        earlier = NOW - dt.timedelta(days=3)
        assert store.verify(pki.chain_pem, at=earlier).failure is VerifyFailure.NOT_YET_VALID
        with pytest.raises(ValueError, match="timezone-aware"):
            store.verify(pki.chain_pem, at=dt.datetime(2030, 1, 1))


def test_usage_and_profile_are_passed_through() -> None:
    client = make_pki(Spec("client", dns=["client.test"], server_auth=False))
    with TrustStore.from_pem(client.root.pem) as store:
        assert store.verify(client.chain_pem).failure is VerifyFailure.WRONG_USAGE
        assert store.verify(client.chain_pem, usage=Usage.CLIENT_AUTH).trusted
        assert store.verify(client.chain_pem, usage=Usage.CLIENT_AUTH, profile=Profile.WEBPKI)
        with pytest.raises(TypeError):
            store.verify(client.chain_pem, usage="client_auth")  # type: ignore[arg-type]


def test_chain_accepts_every_form_and_keeps_order(pki: Pki) -> None:
    forms: list[trustaudit.ChainLike] = [
        pki.chain_pem,
        pki.chain_pem.decode(),
        [pki.leaf.cert, pki.inter.cert],
        [pki.leaf.der, pki.inter.pem],
    ]
    for form in forms:
        with Chain.load(form) as chain:
            assert len(chain) == 2
            assert [c.der for c in chain] == [pki.leaf.der, pki.inter.der]
            assert chain[-1].der == pki.inter.der
    with pytest.raises(trustaudit.ParseError):
        Chain.load(b"")
    with pytest.raises(trustaudit.ParseError):
        Chain.load([])
    with pytest.raises(TypeError):
        Chain.load(None)  # type: ignore[arg-type]


def test_a_verifier_outlives_its_store_and_is_reused(pki: Pki) -> None:
    store = TrustStore.from_pem(pki.root.pem)
    verifier = Verifier(store)
    store.close()
    chain = Chain.load(pki.chain_pem)
    assert all(verifier.verify(chain, "www.example.test").trusted for _ in range(100))
    verifier.close()
    with pytest.raises(ValueError, match="Verifier is closed"):
        verifier.verify(chain)


def test_bad_hostnames_are_argument_errors(pki: Pki) -> None:
    with TrustStore.from_pem(pki.root.pem) as store:
        with pytest.raises(trustaudit.ArgumentError):
            store.verify(pki.chain_pem, "bad host name")
        with pytest.raises(TypeError):
            store.verify(pki.chain_pem, b"www.example.test")  # type: ignore[arg-type]


def test_matrix_says_which_store_trusts_the_chain_and_why_the_other_does_not(pki: Pki) -> None:
    with TrustStore.from_pem(pki.root.pem, name="corp") as corp, TrustStore.mozilla() as moz:
        rows = verify_matrix(pki.chain_pem, [corp, moz], "www.example.test")
    assert [(r.store, r.trusted) for r in rows] == [("corp", True), ("mozilla", False)]
    assert rows[0].why is None
    assert rows[1].why == 'root "Test Root CA" is only in the corp store'
    assert rows[1].failures[0]["kind"] == "unknown_issuer"
    with pytest.raises(TypeError):
        verify_matrix(pki.chain_pem, corp)  # type: ignore[arg-type]


def test_name_checks_per_runtime_differ_on_cn_only_certificates() -> None:
    cn_only = issue(Spec("legacy.example.test", dns=["legacy.example.test"], san=False))
    with trustaudit.Certificate.from_der(cn_only.der) as cert:
        go = cert.check_name("legacy.example.test", Runtime.GO)
        py = cert.check_name("legacy.example.test", Runtime.PYTHON)
        strict = cert.check_name("legacy.example.test")
        report = cert.name_report("legacy.example.test")
    assert not go
    assert go.reason is NameMismatch.CN_ONLY_IGNORED
    assert py == trustaudit.NameCheck(True, NameMismatch.NONE, Presented.COMMON_NAME)
    assert not strict.matched
    go_entry = report.for_runtime(Runtime.GO)
    assert go_entry.message == (
        "x509: certificate relies on legacy Common Name field, use SANs instead"
    )
    assert go_entry.reason is NameMismatch.CN_ONLY_IGNORED
    assert go_entry.reason_name == trustaudit.PresentedName(
        Presented.COMMON_NAME, "legacy.example.test"
    )
    assert report.strict.runtime is None
    assert report.strict.reason is NameMismatch.CN_ONLY_IGNORED
    assert report.for_runtime(Runtime.PYTHON).matched_by == trustaudit.PresentedName(
        Presented.COMMON_NAME, "legacy.example.test"
    )


def test_name_check_rejects_names_no_client_could_use(pki: Pki) -> None:
    with trustaudit.Certificate.from_der(pki.leaf.der) as cert:
        assert cert.check_name("127.0.0.1", Runtime.GO).matched_by is Presented.IP_SAN
        for bad in ("", "a b", "x\x00y"):
            with pytest.raises(trustaudit.ArgumentError):
                cert.check_name(bad, Runtime.GO)
        with pytest.raises(TypeError):
            cert.check_name("www.example.test", "go")  # type: ignore[arg-type]
