"""Certificates: parsing every input form and the accessors, checked against cryptography."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from conftest import Pki
from cryptography.hazmat.primitives import serialization

import trustaudit
from trustaudit import Certificate, parse_chain


def test_accessors_agree_with_cryptography(pki: Pki) -> None:
    with Certificate.from_der(pki.leaf.der) as cert:
        assert cert.subject == "O=trustaudit tests, CN=www.example.test"
        assert cert.issuer == "O=trustaudit tests, CN=Test Intermediate CA"
        assert cert.der == pki.leaf.der
        assert cert.sha256 == hashlib.sha256(pki.leaf.der).digest()
        spki = pki.leaf.cert.public_key().public_bytes(
            serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
        )
        assert cert.spki_sha256 == hashlib.sha256(spki).digest()
        info = cert.info()
        assert info.key == "ECDSA P-256"
        assert info.sha256 == ":".join(f"{b:02X}" for b in cert.sha256)
        assert cert.to_cryptography() == pki.leaf.cert


def test_load_accepts_every_certificate_like_form(pki: Pki, tmp_path: Path) -> None:
    path = tmp_path / "leaf.pem"
    path.write_bytes(b"text before\n" + pki.leaf.pem + b"text after\n")
    forms: list[trustaudit.CertificateLike] = [
        pki.leaf.cert,
        pki.leaf.pem,
        pki.leaf.pem.decode(),
        pki.leaf.der,
        bytearray(pki.leaf.der),
        path,
    ]
    for form in forms:
        with Certificate.load(form) as cert:
            assert cert.der == pki.leaf.der, type(form)


def test_parse_chain_keeps_order_and_accepts_sequences(pki: Pki) -> None:
    chain = parse_chain(pki.chain_pem)
    assert [c.der for c in chain] == [pki.leaf.der, pki.inter.der]
    assert parse_chain([pki.leaf.cert, pki.inter.der]) == chain
    assert [c.der for c in parse_chain(pki.leaf.der)] == [pki.leaf.der]


def test_equal_certificates_compare_and_hash_equal(pki: Pki) -> None:
    a, b = Certificate.from_der(pki.root.der), Certificate.from_pem(pki.root.pem)
    assert a == b
    assert hash(a) == hash(b)
    assert a != Certificate.from_der(pki.inter.der)
    assert repr(a) == "<Certificate 'O=trustaudit tests, CN=Test Root CA'>"


def test_closed_certificate_raises_value_error_and_close_is_idempotent(pki: Pki) -> None:
    cert = Certificate.from_der(pki.root.der)
    cert.close()
    cert.close()
    assert cert.closed
    assert repr(cert) == "<Certificate (closed)>"
    with pytest.raises(ValueError, match=r"^Certificate is closed$"):
        _ = cert.subject


def test_versions_match_the_header() -> None:
    assert trustaudit.ABI_VERSION == 1
    assert trustaudit.library_version() == trustaudit.__version__
