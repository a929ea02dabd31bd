"""``TrustStore``: a named, de-duplicated, immutable set of roots held by the C library."""

from __future__ import annotations

import enum
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from . import _ffi, _input
from ._cert import Certificate, CertificateInfo, CertificateLike
from ._enums import Profile, Usage
from ._handle import Handle

if TYPE_CHECKING:
    import datetime as dt

    from ._verify import ChainLike, Verification, VerificationReport, Verifier

__all__ = ["Diagnostic", "LoadReport", "StoreKind", "TrustStore"]


class StoreKind(enum.Enum):
    """What a store was built from."""

    MOZILLA = "mozilla"
    SYSTEM = "system"
    PATH = "path"
    MEMORY = "memory"
    RUNTIME = "runtime"


@dataclass(frozen=True)
class Diagnostic:
    """One entry that could not be loaded into a store, and why."""

    #: The file, directory or built-in set the entry came from.
    source: str
    #: 1-based line in a PEM source, when known.
    line: int | None
    #: Byte offset in a DER source, when known.
    offset: int | None
    #: What was wrong, for a person.
    reason: str

    def __str__(self) -> str:
        if self.line is not None:
            return f"{self.source}: line {self.line}: {self.reason}"
        if self.offset is not None:
            return f"{self.source}: offset {self.offset}: {self.reason}"
        return f"{self.source}: {self.reason}"


@dataclass(frozen=True)
class LoadReport:
    """How a store was loaded: what was read, what was skipped and why."""

    store: str
    kind: StoreKind
    roots: int
    duplicates: int
    sources: tuple[str, ...]
    notes: tuple[str, ...]
    diagnostics: tuple[Diagnostic, ...]
    diagnostics_dropped: int

    @classmethod
    def _from_json(cls, d: dict[str, Any]) -> LoadReport:
        diags = tuple(
            Diagnostic(
                source=x["source"],
                line=(x.get("location") or {}).get("line"),
                offset=(x.get("location") or {}).get("offset"),
                reason=x["reason"],
            )
            for x in d["diagnostics"]
        )
        return cls(
            store=d["store"],
            kind=StoreKind(d["store_kind"]),
            roots=int(d["roots"]),
            duplicates=int(d["duplicates"]),
            sources=tuple(d["sources"]),
            notes=tuple(d["notes"]),
            diagnostics=diags,
            diagnostics_dropped=int(d["diagnostics_dropped"]),
        )


class TrustStore(Handle):
    """A trust store. Immutable and thread-safe; use as a context manager or close().

    ``len(store)`` counts roots, iteration yields them as :class:`Certificate` objects in load
    order, and ``cert in store`` tests for a root with the same DER.
    """

    __slots__ = ("_verifier",)
    _free = _ffi.store_free

    @classmethod
    def mozilla(cls) -> TrustStore:
        """Mozilla's root set as compiled into the library (no file or network access)."""
        return cls(_ffi.new_store(_ffi.store_mozilla))

    @classmethod
    def system(cls) -> TrustStore:
        """The operating system's store as OpenSSL-based tools find it.

        ``SSL_CERT_FILE`` / ``SSL_CERT_DIR`` are honoured exclusively when either is set in
        ``os.environ``; unreadable entries become :attr:`diagnostics`, never an exception.
        """
        return cls(_ffi.new_store(_ffi.store_system))

    @classmethod
    def from_path(cls, path: str | Any) -> TrustStore:
        """A PEM bundle, DER file, or directory of them (OpenSSL hashed directories too).

        Raises :class:`~trustaudit.NotFoundError` (a ``FileNotFoundError``) when the path does
        not exist and :class:`~trustaudit.LoadError` (an ``OSError``) when it cannot be read.
        """
        p = _input.path_arg(path)
        return cls(_ffi.new_store(_ffi.store_from_path, p or None, len(p)))

    @classmethod
    def from_pem(cls, data: _input.Data, name: str | None = None) -> TrustStore:
        """A store from a PEM bundle (any number of blocks) or one DER certificate.

        ``data`` may be ``bytes``, PEM ``str`` or a path whose contents are read. Bad entries
        become :attr:`diagnostics`; the store is named ``name`` (``"memory"`` by default).
        Raises :class:`~trustaudit.ParseError` only for input over the 64 MiB limit.
        """
        b = _input.to_bytes(data)
        if name is None:
            return cls(_ffi.new_store(_ffi.store_from_pem, b or None, len(b)))
        n = _input.text_arg(name, "name")
        return cls(_ffi.new_store(_ffi.store_from_bytes, n or None, len(n), b or None, len(b)))

    @classmethod
    def from_certificates(
        cls, certs: Iterable[CertificateLike], name: str = "memory"
    ) -> TrustStore:
        """A store from certificate-like objects (``cryptography`` certificates included)."""
        bundle = b"".join(_pem(Certificate.load(c)) for c in certs)
        return cls.from_pem(bundle, name=name)

    @property
    def name(self) -> str:
        """``"mozilla"``, ``"system"``, the path, or the name given."""
        return str(self._call(lambda p: _ffi.owned_string(_ffi.store_name, p)))

    def __len__(self) -> int:
        return int(self._call(_ffi.store_len))

    def __getitem__(self, index: int) -> Certificate:
        if not isinstance(index, int):
            raise TypeError(f"store indices must be int, not {type(index).__name__}")
        n = len(self)
        if index < 0:
            index += n
        if not 0 <= index < n:
            raise IndexError(f"root index {index} out of range for {n} roots")
        return Certificate(self._call(lambda p: _ffi.new_cert(_ffi.store_root, p, index)))

    def __iter__(self) -> Iterator[Certificate]:
        for i in range(len(self)):
            yield self[i]

    def __contains__(self, cert: object) -> bool:
        c = Certificate.load(cert)  # type: ignore[arg-type]
        ptr = c._acquire()
        try:
            return bool(self._call(_ffi.store_has, ptr))
        finally:
            c._release()
            if c is not cert:
                c.close()

    def roots(self) -> list[CertificateInfo]:
        """Every root described, in load order."""
        doc = json.loads(self._call(lambda p: _ffi.owned_string(_ffi.store_roots_json, p)))
        return [CertificateInfo._from_json(r) for r in doc["roots"]]

    def load_report(self) -> LoadReport:
        """How the store was loaded: sources, notes, duplicates and every skipped entry."""
        doc = json.loads(self._call(lambda p: _ffi.owned_string(_ffi.store_diagnostics_json, p)))
        return LoadReport._from_json(doc)

    @property
    def diagnostics(self) -> tuple[Diagnostic, ...]:
        """The entries that could not be loaded, and why."""
        return self.load_report().diagnostics

    def verifier(self) -> Verifier:
        """This store prepared for verification, built once and reused (thread-safe)."""
        from ._verify import Verifier

        v: Verifier | None = getattr(self, "_verifier", None)
        if v is None:
            v = Verifier(self)
            self._verifier = v
        return v

    def verify(
        self,
        chain: ChainLike,
        hostname: str | None = None,
        *,
        at: dt.datetime | float | None = None,
        usage: Usage = Usage.SERVER_AUTH,
        profile: Profile = Profile.STRICT,
    ) -> Verification:
        """Verifies ``chain`` against this store; see :meth:`Verifier.verify`."""
        return self.verifier().verify(chain, hostname, at=at, usage=usage, profile=profile)

    def verify_report(
        self,
        chain: ChainLike,
        hostname: str | None = None,
        *,
        at: dt.datetime | float | None = None,
        usage: Usage = Usage.SERVER_AUTH,
        profile: Profile = Profile.STRICT,
    ) -> VerificationReport:
        """The full verification result; see :meth:`Verifier.report`."""
        return self.verifier().report(chain, hostname, at=at, usage=usage, profile=profile)

    def close(self) -> None:
        """Releases the store (and its cached verifier). Idempotent."""
        v = getattr(self, "_verifier", None)
        if v is not None:
            v.close()
        super().close()

    def __repr__(self) -> str:
        if self.closed:
            return "<TrustStore (closed)>"
        return f"<TrustStore {self.name!r} with {len(self)} roots>"


def _pem(cert: Certificate) -> bytes:
    import base64

    b64 = base64.encodebytes(cert.der).replace(b"\n", b"")
    lines = [b64[i : i + 64] for i in range(0, len(b64), 64)]
    return b"-----BEGIN CERTIFICATE-----\n" + b"\n".join(lines) + b"\n-----END CERTIFICATE-----\n"
