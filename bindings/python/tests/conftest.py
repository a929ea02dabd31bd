"""Fixtures: generated PKIs (cryptography), the repository paths, a clean environment."""

from __future__ import annotations

import datetime as dt
import ipaddress
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

REPO = Path(__file__).resolve().parents[3]
HEADER = REPO / "include" / "trustaudit.h"
NOW = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)


@dataclass
class Issued:
    """A generated certificate and its key."""

    cert: x509.Certificate
    key: ec.EllipticCurvePrivateKey

    @property
    def pem(self) -> bytes:
        return self.cert.public_bytes(serialization.Encoding.PEM)

    @property
    def der(self) -> bytes:
        return self.cert.public_bytes(serialization.Encoding.DER)

    @property
    def key_pem(self) -> bytes:
        return self.key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )


@dataclass
class Spec:
    """What to put in a generated certificate."""

    cn: str
    dns: Sequence[str] = ()
    ips: Sequence[str] = ()
    ca: bool = False
    path_len: int | None = None
    not_before: dt.datetime = field(default_factory=lambda: NOW - dt.timedelta(hours=1))
    not_after: dt.datetime = field(default_factory=lambda: NOW + dt.timedelta(days=1))
    server_auth: bool = True
    san: bool = True
    org: str = "trustaudit tests"


_serial = [1000]


def issue(spec: Spec, parent: Issued | None = None) -> Issued:
    """A certificate from ``spec`` signed by ``parent`` (self-signed when None)."""
    key = ec.generate_private_key(ec.SECP256R1())
    _serial[0] += 1
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, spec.org),
            x509.NameAttribute(NameOID.COMMON_NAME, spec.cn),
        ]
    )
    issuer_name = parent.cert.subject if parent else name
    signing_key = parent.key if parent else key
    b = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(issuer_name)
        .public_key(key.public_key())
        .serial_number(_serial[0])
        .not_valid_before(spec.not_before)
        .not_valid_after(spec.not_after)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), False)
    )
    if parent:
        b = b.add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(parent.key.public_key()), False
        )
    if spec.ca:
        b = b.add_extension(x509.BasicConstraints(ca=True, path_length=spec.path_len), True)
        b = b.add_extension(
            x509.KeyUsage(False, False, False, False, False, True, True, False, False), True
        )
    else:
        b = b.add_extension(x509.BasicConstraints(ca=False, path_length=None), True)
        b = b.add_extension(
            x509.KeyUsage(True, False, False, False, False, False, False, False, False), True
        )
        if spec.server_auth:
            b = b.add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), False)
        else:
            b = b.add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.CLIENT_AUTH]), False)
        sans: list[x509.GeneralName] = [x509.DNSName(d) for d in spec.dns]
        sans += [x509.IPAddress(ipaddress.ip_address(i)) for i in spec.ips]
        if spec.san and sans:
            b = b.add_extension(x509.SubjectAlternativeName(sans), False)
    return Issued(b.sign(signing_key, hashes.SHA256()), key)


@dataclass
class Pki:
    """A root, an intermediate and a leaf for www.example.test and 127.0.0.1."""

    root: Issued
    inter: Issued
    leaf: Issued

    @property
    def chain_pem(self) -> bytes:
        return self.leaf.pem + self.inter.pem


def make_pki(leaf: Spec | None = None) -> Pki:
    root = issue(Spec("Test Root CA", ca=True))
    inter = issue(Spec("Test Intermediate CA", ca=True, path_len=0), root)
    spec = leaf or Spec("www.example.test", dns=["www.example.test"], ips=["127.0.0.1"])
    return Pki(root, inter, issue(spec, inter))


@pytest.fixture(scope="session")
def pki() -> Pki:
    return make_pki()


@pytest.fixture
def clean_trust_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """Removes the machine's trust variables so nothing leaks into a test."""
    for var in (
        "SSL_CERT_FILE",
        "SSL_CERT_DIR",
        "REQUESTS_CA_BUNDLE",
        "CURL_CA_BUNDLE",
        "NODE_EXTRA_CA_CERTS",
        "GIT_SSL_CAINFO",
    ):
        monkeypatch.delenv(var, raising=False)


def library_env() -> dict[str, str]:
    """An environment for a subprocess that imports this package from the checkout."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("SSL_CERT")}
    env["PYTHONPATH"] = str(REPO / "bindings" / "python")
    return env
