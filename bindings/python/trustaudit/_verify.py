"""Chains, verifiers and verification results: one chain against one store or many."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Union

from . import _ffi, _input
from ._cert import Certificate, CertificateLike
from ._enums import Profile, Runtime, Usage, VerifyFailure
from ._handle import Handle
from ._store import TrustStore
from .errors import ParseError, VerificationError

__all__ = [
    "Chain",
    "ChainLike",
    "MatrixRow",
    "PathCertificate",
    "RuntimeMessage",
    "Verification",
    "VerificationReport",
    "Verifier",
    "verify_matrix",
]


class Chain(Handle):
    """A presented chain: the server's certificate first, then intermediates in any order.

    Immutable and thread-safe. Build one with :meth:`load`; functions taking a chain also
    accept anything :meth:`load` does.
    """

    __slots__ = ()
    _free = _ffi.chain_free

    @classmethod
    def load(cls, chain: ChainLike) -> Chain:
        """A chain from a :class:`Chain` (returned as is), PEM or DER ``bytes``, PEM ``str``,
        a path, or a sequence of certificate-like objects (leaf first).

        Raises :class:`~trustaudit.ParseError` when the input holds no certificate or a bad
        one, ``TypeError`` for other types.
        """
        if isinstance(chain, Chain):
            return chain
        if isinstance(chain, (bytes, bytearray, memoryview, str)) or hasattr(chain, "__fspath__"):
            data = _input.to_bytes(chain, "chain")
            return cls(_ffi.new_handle(_ffi.ChainPtr, _ffi.chain_from_pem, data or None, len(data)))
        if isinstance(chain, Certificate) or _input.cryptography_der(chain) is not None:
            return cls.from_certificates([chain])  # type: ignore[list-item]
        if chain is None or not isinstance(chain, Iterable):
            raise TypeError(
                "chain must be bytes, str, a path, a certificate or a sequence of them, "
                f"not {type(chain).__name__}"
            )
        return cls.from_certificates(chain)

    @classmethod
    def from_certificates(cls, certs: Iterable[CertificateLike]) -> Chain:
        """A chain from certificate-like objects, leaf first."""
        loaded = [Certificate.load(c) for c in certs]
        if not loaded:
            raise ParseError("no certificate: the chain is empty")
        ptrs = [c._acquire() for c in loaded]
        try:
            arr = _ffi.pointer_array(_ffi.CertPtr, ptrs)
            return cls(_ffi.new_handle(_ffi.ChainPtr, _ffi.chain_from_certs, arr, len(ptrs)))
        finally:
            for c in loaded:
                c._release()

    def __len__(self) -> int:
        return int(self._call(_ffi.chain_len))

    def __getitem__(self, index: int) -> Certificate:
        n = len(self)
        if index < 0:
            index += n
        if not 0 <= index < n:
            raise IndexError(f"chain index {index} out of range for {n} certificates")
        return Certificate(
            self._call(lambda p: _ffi.new_handle(_ffi.CertPtr, _ffi.chain_cert, p, index))
        )

    def __iter__(self) -> Iterator[Certificate]:
        for i in range(len(self)):
            yield self[i]

    def __repr__(self) -> str:
        return "<Chain (closed)>" if self.closed else f"<Chain of {len(self)} certificates>"


#: What functions taking a chain accept.
ChainLike = Union[Chain, CertificateLike, Sequence[CertificateLike]]


@dataclass(frozen=True)
class Verification:
    """The outcome of one verification (the fast path: no report is built)."""

    #: Whether the chain verified: path, validity, usage and (when given) the name.
    trusted: bool
    #: Whether a path to a root verified, whatever the name check said.
    path_verified: bool
    #: The main reason for rejection; ``VerifyFailure.NONE`` when trusted.
    failure: VerifyFailure
    #: Certificates on the verified path including the root; 0 when no path verified.
    path_len: int

    def __bool__(self) -> bool:
        return self.trusted

    def raise_for_failure(self) -> None:
        """Raises :class:`~trustaudit.VerificationError` unless the chain is trusted."""
        if not self.trusted:
            raise VerificationError(f"chain not trusted: {self.failure.value}", self)


@dataclass(frozen=True)
class PathCertificate:
    """One certificate on a verified path or named by a failure."""

    depth: int
    subject: str
    issuer: str
    #: SHA-256 of the DER, lowercase hex.
    sha256: str


@dataclass(frozen=True)
class RuntimeMessage:
    """What one runtime would say about the chain: accept, or its own error words."""

    runtime: Runtime
    accepts: bool
    #: The runtime's error code (OpenSSL's verify code, curl's exit code, Node's code), if any.
    code: str | None
    #: The runtime's own error text, or None when it accepts.
    text: str | None


@dataclass(frozen=True)
class VerificationReport:
    """The whole result of verifying a chain against one store."""

    store: str
    trusted: bool
    #: The verified path, leaf first, root last; empty when no path verified.
    path: tuple[PathCertificate, ...]
    #: Where the root came from (file and line), when a path verified.
    anchor_source: str | None
    #: Each failure as the library reports it: ``{"kind": ..., ...details}``.
    failures: tuple[dict[str, Any], ...]
    #: Observations that are not failures (weak keys, long validity, ...).
    findings: tuple[dict[str, Any], ...]
    #: What each runtime would say, in :class:`Runtime` order.
    runtime_messages: tuple[RuntimeMessage, ...]

    @property
    def failure(self) -> VerifyFailure:
        """The first failure's kind; ``VerifyFailure.NONE`` when trusted."""
        if not self.failures:
            return VerifyFailure.NONE
        try:
            return VerifyFailure(self.failures[0]["kind"])
        except ValueError:
            return VerifyFailure.OTHER

    def for_runtime(self, runtime: Runtime) -> RuntimeMessage:
        """What ``runtime`` would say."""
        for m in self.runtime_messages:
            if m.runtime is runtime:
                return m
        raise KeyError(runtime)

    def raise_for_failure(self) -> None:
        """Raises :class:`~trustaudit.VerificationError` unless the chain is trusted."""
        if not self.trusted:
            kinds = ", ".join(str(f.get("kind")) for f in self.failures)
            raise VerificationError(f"chain not trusted by {self.store}: {kinds}", self)

    @classmethod
    def _from_json(cls, d: dict[str, Any]) -> VerificationReport:
        path = d.get("path") or {}
        return cls(
            store=d["store"],
            trusted=bool(d["trusted"]),
            path=tuple(PathCertificate(**p) for p in path.get("path", [])),
            anchor_source=path.get("anchor_source"),
            failures=tuple(d.get("failures", [])),
            findings=tuple(d.get("findings", [])),
            runtime_messages=tuple(
                RuntimeMessage(
                    Runtime(m["runtime"]), bool(m["accepts"]), m["code"], m["text"] or None
                )
                for m in d.get("runtime_messages", [])
            ),
        )


@dataclass(frozen=True)
class MatrixRow:
    """One store's verdict on a chain in :func:`verify_matrix`."""

    store: str
    trusted: bool
    path: tuple[PathCertificate, ...]
    failures: tuple[dict[str, Any], ...]
    #: Why the stores disagree, for a person (None when this store trusts the chain).
    why: str | None


def _options(at: dt.datetime | float | None, usage: Usage, profile: Profile) -> Any:
    if not isinstance(usage, Usage):
        raise TypeError(f"usage must be trustaudit.Usage, not {type(usage).__name__}")
    if not isinstance(profile, Profile):
        raise TypeError(f"profile must be trustaudit.Profile, not {type(profile).__name__}")
    opts = _ffi.VerifyOptions(usage=usage._c, profile=profile._c)
    if at is not None:
        if isinstance(at, dt.datetime):
            if at.tzinfo is None:
                raise ValueError("at must be timezone-aware (e.g. datetime.timezone.utc)")
            seconds = int(at.timestamp())
        elif isinstance(at, (int, float)) and not isinstance(at, bool):
            seconds = int(at)
        else:
            raise TypeError(f"at must be a datetime or Unix seconds, not {type(at).__name__}")
        opts.time, opts.use_time = seconds, 1
    return _ffi.byref(opts)


def _name(hostname: str | None) -> bytes:
    return b"" if hostname is None else _input.text_arg(hostname, "hostname")


class Verifier(Handle):
    """A store prepared for verification: roots parsed once, reused for every chain.

    Immutable and thread-safe; the store may be closed once the verifier exists.
    """

    __slots__ = ()
    _free = _ffi.verifier_free

    def __init__(self, store: TrustStore | Any) -> None:
        if not isinstance(store, TrustStore):
            # Handle.__init__ path for a raw pointer is not public.
            raise TypeError(f"Verifier needs a TrustStore, not {type(store).__name__}")
        ptr = store._call(lambda p: _ffi.new_handle(_ffi.VerifierPtr, _ffi.verifier_new, p))
        super().__init__(ptr)

    def verify(
        self,
        chain: ChainLike,
        hostname: str | None = None,
        *,
        at: dt.datetime | float | None = None,
        usage: Usage = Usage.SERVER_AUTH,
        profile: Profile = Profile.STRICT,
    ) -> Verification:
        """Verifies ``chain`` (and ``hostname``, a DNS name or IP address, when given) at
        ``at`` (default now). An untrusted chain is a result, not an exception.

        Raises :class:`~trustaudit.ArgumentError` for an empty chain or a hostname that is
        neither a DNS name nor an IP address.
        """
        name = _name(hostname)
        opts = _options(at, usage, profile)
        c = Chain.load(chain)
        try:
            out = _ffi.Verification()
            cp = c._acquire()
            try:
                self._call(_ffi.verify, cp, name or None, len(name), opts, _ffi.byref(out))
            finally:
                c._release()
        finally:
            if c is not chain:
                c.close()
        return Verification(
            bool(out.trusted),
            bool(out.path_verified),
            VerifyFailure._from_c(out.failure),
            int(out.path_len),
        )

    def report(
        self,
        chain: ChainLike,
        hostname: str | None = None,
        *,
        at: dt.datetime | float | None = None,
        usage: Usage = Usage.SERVER_AUTH,
        profile: Profile = Profile.STRICT,
    ) -> VerificationReport:
        """As :meth:`verify`, with the path, every failure and what each runtime would say."""
        name = _name(hostname)
        opts = _options(at, usage, profile)
        c = Chain.load(chain)
        try:
            cp = c._acquire()
            try:
                text = self._call(
                    lambda p: _ffi.owned_string(
                        _ffi.verify_json, p, cp, name or None, len(name), opts
                    )
                )
            finally:
                c._release()
        finally:
            if c is not chain:
                c.close()
        return VerificationReport._from_json(json.loads(text))


def verify_matrix(
    chain: ChainLike,
    stores: Sequence[TrustStore],
    hostname: str | None = None,
    *,
    at: dt.datetime | float | None = None,
    usage: Usage = Usage.SERVER_AUTH,
    profile: Profile = Profile.STRICT,
) -> list[MatrixRow]:
    """Verifies one chain against every store: one :class:`MatrixRow` per store, in order,
    each saying why it differs from the others."""
    if isinstance(stores, TrustStore) or not all(isinstance(s, TrustStore) for s in stores):
        raise TypeError("stores must be a sequence of TrustStore")
    name = _name(hostname)
    opts = _options(at, usage, profile)
    c = Chain.load(chain)
    held = list(stores)
    ptrs = [s._acquire() for s in held]
    try:
        arr = _ffi.pointer_array(_ffi.StorePtr, ptrs)
        cp = c._acquire()
        try:
            text = _ffi.owned_string(
                _ffi.verify_matrix_json, arr, len(ptrs), cp, name or None, len(name), opts
            )
        finally:
            c._release()
    finally:
        for s in held:
            s._release()
        if c is not chain:
            c.close()
    rows = json.loads(text)["rows"]
    return [
        MatrixRow(
            store=r["store"],
            trusted=bool(r["trusted"]),
            path=tuple(PathCertificate(**p) for p in (r.get("path") or {}).get("path", [])),
            failures=tuple(r.get("failures", [])),
            why=r.get("why"),
        )
        for r in rows
    ]
