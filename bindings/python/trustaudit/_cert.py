"""``Certificate``: one parsed X.509 certificate held by the C library."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Union

from . import _ffi, _input
from ._enums import NameMismatch, Presented, Runtime
from ._handle import Handle
from ._names import NameCheck, NameReport
from .errors import ParseError

if TYPE_CHECKING:
    from cryptography import x509 as _x509

__all__ = ["Certificate", "CertificateInfo", "CertificateLike", "parse_chain"]


@dataclass(frozen=True)
class CertificateInfo:
    """A certificate described the way trustaudit's reports do."""

    #: Subject, RFC 4514 (``"O=Example, CN=www.example.com"``).
    subject: str
    #: Issuer, RFC 4514.
    issuer: str
    #: Serial number, colon-separated hex.
    serial: str
    #: Start of validity, RFC 3339.
    not_before: str
    #: End of validity, RFC 3339.
    not_after: str
    #: SHA-256 fingerprint, colon-separated hex.
    sha256: str
    #: SHA-256 of the SubjectPublicKeyInfo, base64.
    spki_sha256: str
    #: Key algorithm and size, such as ``"RSA 2048"`` or ``"ECDSA P-256"``.
    key: str

    @classmethod
    def _from_json(cls, d: dict[str, Any]) -> CertificateInfo:
        return cls(**{f: str(d[f]) for f in cls.__dataclass_fields__})


class Certificate(Handle):
    """One X.509 certificate. Immutable and thread-safe; use as a context manager or close().

    Build one with :meth:`from_pem`, :meth:`from_der` or :meth:`load` (which accepts anything
    certificate-like).
    """

    __slots__ = ()
    _free = _ffi.cert_free

    @classmethod
    def from_der(cls, der: bytes | bytearray | memoryview) -> Certificate:
        """Parses exactly one DER certificate.

        Raises :class:`~trustaudit.ParseError` (a ``ValueError``) for empty, truncated or
        trailing bytes, or anything that is not a certificate.
        """
        if not isinstance(der, (bytes, bytearray, memoryview)):
            raise TypeError(f"der must be bytes, not {type(der).__name__}")
        b = bytes(der)
        return cls(_ffi.new_cert(_ffi.cert_from_der, b or None, len(b)))

    @classmethod
    def from_pem(cls, data: _input.Data) -> Certificate:
        """Parses the first certificate of PEM text (text around it is ignored) or DER bytes.

        ``data`` may be ``bytes``, ``str`` or a path to a file.
        """
        b = _input.to_bytes(data)
        return cls(_ffi.new_cert(_ffi.cert_from_pem, b or None, len(b)))

    @classmethod
    def load(cls, cert: CertificateLike) -> Certificate:
        """A Certificate from anything certificate-like.

        Accepts a :class:`Certificate` (returned as is), a ``cryptography.x509.Certificate``,
        PEM or DER ``bytes``, PEM ``str``, or a path.
        """
        if isinstance(cert, Certificate):
            return cert
        der = _input.cryptography_der(cert)
        if der is not None:
            return cls.from_der(der)
        return cls.from_pem(cert)  # type: ignore[arg-type]

    @property
    def subject(self) -> str:
        """Subject, RFC 4514, such as ``"C=US, O=Let's Encrypt, CN=R11"``."""
        return str(self._call(lambda p: _ffi.owned_string(_ffi.cert_subject, p)))

    @property
    def issuer(self) -> str:
        """Issuer, RFC 4514."""
        return str(self._call(lambda p: _ffi.owned_string(_ffi.cert_issuer, p)))

    @property
    def der(self) -> bytes:
        """The DER encoding (a copy)."""
        return bytes(self._call(_ffi.cert_der_bytes))

    @property
    def sha256(self) -> bytes:
        """SHA-256 fingerprint of the DER (32 bytes)."""
        return bytes(self._call(lambda p: _ffi.digest(_ffi.cert_sha256, p)))

    @property
    def spki_sha256(self) -> bytes:
        """SHA-256 of the SubjectPublicKeyInfo (32 bytes): the key's identity for pinning."""
        return bytes(self._call(lambda p: _ffi.digest(_ffi.cert_spki_sha256, p)))

    def info(self) -> CertificateInfo:
        """Names, serial, validity, fingerprints and key as one dataclass."""
        doc = json.loads(self._call(lambda p: _ffi.owned_string(_ffi.cert_json, p)))
        return CertificateInfo._from_json(doc)

    def check_name(self, name: str, runtime: Runtime | None = None) -> NameCheck:
        """Whether ``runtime`` (default: the strict RFC 9525 profile browsers apply) accepts
        this certificate for ``name`` (a DNS name, Unicode name, or IP address). Only the name
        is checked; a mismatch is a result, not an exception.

        Raises :class:`~trustaudit.ArgumentError` for a name no client could connect to.
        """
        n = _input.text_arg(name, "name")
        out = _ffi.NameResult()
        if runtime is None:
            self._call(_ffi.name_check_strict, n or None, len(n), _ffi.byref(out))
        else:
            if not isinstance(runtime, Runtime):
                raise TypeError(f"runtime must be trustaudit.Runtime, not {type(runtime).__name__}")
            self._call(_ffi.name_check, n or None, len(n), runtime._c, _ffi.byref(out))
        return NameCheck(
            bool(out.matched),
            NameMismatch._from_c(out.reason),
            Presented._from_c(out.matched_by),
        )

    def name_report(self, name: str) -> NameReport:
        """Every runtime's answer for ``name``, with each runtime's own error words."""
        n = _input.text_arg(name, "name")
        text = self._call(lambda p: _ffi.owned_string(_ffi.name_check_json, p, n or None, len(n)))
        return NameReport._from_json(json.loads(text))

    def to_cryptography(self) -> _x509.Certificate:
        """The same certificate as a ``cryptography.x509.Certificate`` (needs cryptography)."""
        from cryptography import x509

        return x509.load_der_x509_certificate(self.der)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Certificate):
            return NotImplemented
        return self.der == other.der

    def __hash__(self) -> int:
        return hash(self.sha256)

    def __repr__(self) -> str:
        if self.closed:
            return "<Certificate (closed)>"
        return f"<Certificate {self.subject!r}>"


#: What functions taking a certificate accept.
CertificateLike = Union[Certificate, "_x509.Certificate", _input.Data]


def parse_chain(chain: CertificateLike | Iterable[CertificateLike]) -> list[Certificate]:
    """A chain (leaf first) from a PEM bundle, one DER certificate, a path, or a sequence of
    certificate-like objects.

    Raises :class:`~trustaudit.ParseError` when the input holds no certificate or a bad one.
    """
    if isinstance(chain, (bytes, bytearray, memoryview, str)) or hasattr(chain, "__fspath__"):
        data = _input.to_bytes(chain, "chain")
        blocks = _input.pem_blocks(data)
        if not blocks:
            if data.startswith(b"-----BEGIN") or not data:
                raise ParseError("no certificate: the chain has no CERTIFICATE PEM block")
            return [Certificate.from_der(data)]
        return [Certificate.from_pem(b) for b in blocks]
    if isinstance(chain, Certificate) or _input.cryptography_der(chain) is not None:
        return [Certificate.load(chain)]  # type: ignore[arg-type]
    if chain is None or not isinstance(chain, Iterable):
        raise TypeError(
            "chain must be bytes, str, a path, a certificate or a sequence of them, "
            f"not {type(chain).__name__}"
        )
    certs = [Certificate.load(c) for c in chain]
    if not certs:
        raise ParseError("no certificate: the chain is empty")
    return certs
