"""Certificate Transparency (SCTs) and the interception verdict with its evidence."""

from __future__ import annotations

import enum
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from . import _ffi, _input
from ._handle import Handle
from ._store import TrustStore
from ._verify import Chain, ChainLike

__all__ = [
    "Evidence",
    "Inspector",
    "Level",
    "SctCheck",
    "SctReport",
    "Verdict",
    "VerdictReport",
    "sct_list",
]


class Level(enum.Enum):
    """How sure trustaudit is that a connection is intercepted."""

    CLEAN = "clean"
    SUSPECTED = "suspected"
    INTERCEPTED = "intercepted"


_LEVELS = [Level.CLEAN, Level.SUSPECTED, Level.INTERCEPTED]  # the header's values, in order


@dataclass(frozen=True)
class SctCheck:
    """One SCT of the leaf and what checking its signature against the CT log list said."""

    #: ``"verified"``, ``"unknown_log"``, ``"invalid_signature"`` or ``"unverifiable"``.
    status: str
    log_description: str | None
    log_operator: str | None
    log_state: str | None
    #: Whether the SCT counts toward CT policy (its log was usable at the SCT's time).
    counts: bool
    detail: str | None
    #: The SCT itself (version, log id, timestamp, source, …) as the library reports it.
    sct: dict[str, Any]


@dataclass(frozen=True)
class SctReport:
    """The SCTs of a chain's leaf: embedded, and from a stapled OCSP response when given."""

    leaf: str
    issuer_found: bool
    log_list_version: str
    scts: tuple[SctCheck, ...]


def sct_list(chain: ChainLike, ocsp: bytes | None = None) -> SctReport:
    """Lists and checks the SCTs of ``chain``'s leaf (the issuer is taken from the chain).

    ``ocsp`` is a stapled OCSP response (DER), if the server sent one. Raises
    :class:`~trustaudit.ParseError` for a malformed SCT list or OCSP response.
    """
    ocsp_b = b"" if ocsp is None else _input.to_bytes(ocsp, "ocsp")
    c = Chain.load(chain)
    try:
        text = c._call(
            lambda p: _ffi.owned_string(_ffi.sct_list_json, p, ocsp_b or None, len(ocsp_b))
        )
    finally:
        if c is not chain:
            c.close()
    d = json.loads(text)
    return SctReport(
        leaf=d["leaf"],
        issuer_found=bool(d["issuer_found"]),
        log_list_version=d["log_list_version"],
        scts=tuple(
            SctCheck(
                status=s["status"],
                log_description=s.get("log_description"),
                log_operator=s.get("log_operator"),
                log_state=s.get("log_state"),
                counts=bool(s.get("counts")),
                detail=s.get("detail"),
                sct=s.get("sct", {}),
            )
            for s in d.get("scts", [])
        ),
    )


@dataclass(frozen=True)
class Verdict:
    """Whether a connection is intercepted (the fast path)."""

    level: Level
    #: How sure, 0.0 to 1.0.
    confidence: float
    #: How many evidence items the verdict rests on (see :meth:`Inspector.report`).
    evidence_count: int
    #: The recognised product's catalogue id (``"zscaler"``, ``"mitmproxy"``, …), or None.
    product: str | None

    @property
    def intercepted(self) -> bool:
        """Whether the level is :attr:`Level.INTERCEPTED`."""
        return self.level is Level.INTERCEPTED


@dataclass(frozen=True)
class Evidence:
    """One signal behind a verdict, with a sentence for a person."""

    signal: str
    #: ``"for"``, ``"against"`` or ``"info"`` (for or against interception).
    weight: str
    sentence: str


@dataclass(frozen=True)
class VerdictReport:
    """A verdict with its evidence, the recognised product and the chain's anchor."""

    level: Level
    confidence: float
    product: dict[str, Any] | None
    name: str | None
    anchor: dict[str, Any] | None
    leaf_subject: str
    sct_summary: str
    evidence: tuple[Evidence, ...]

    @property
    def product_id(self) -> str | None:
        """The recognised product's catalogue id, or None."""
        return None if self.product is None else str(self.product.get("id"))


class Inspector(Handle):
    """Judges presented chains for TLS interception against a public root set and the local
    stores that may hold a corporate or proxy root. Immutable and thread-safe.

    ``Inspector(TrustStore.mozilla(), [TrustStore.system()])``
    """

    __slots__ = ()
    _free = _ffi.inspector_free

    def __init__(self, public: TrustStore, local: Sequence[TrustStore] = ()) -> None:
        if not isinstance(public, TrustStore) or not all(isinstance(s, TrustStore) for s in local):
            raise TypeError("Inspector needs a public TrustStore and a sequence of local ones")
        held = [public, *local]
        ptrs = [s._acquire() for s in held]
        try:
            arr = _ffi.pointer_array(_ffi.StorePtr, ptrs[1:])
            ptr = _ffi.new_handle(
                _ffi.InspectorPtr,
                _ffi.inspector_new,
                ptrs[0],
                arr if local else None,
                len(ptrs) - 1,
            )
        finally:
            for s in held:
                s._release()
        super().__init__(ptr)

    def verdict(self, chain: ChainLike, name: str | None = None) -> Verdict:
        """Whether ``chain`` (as the server sent it, for ``name`` when known) shows
        interception. A clean or intercepted connection is a value, not an exception."""
        n = b"" if name is None else _input.text_arg(name, "name")
        out = _ffi.VerdictResult()
        c = Chain.load(chain)
        try:
            cp = c._acquire()
            try:
                self._call(_ffi.inspect, cp, n or None, len(n), _ffi.byref(out))
            finally:
                c._release()
        finally:
            if c is not chain:
                c.close()
        product = out.product.decode("utf-8", "replace") or None
        return Verdict(
            _LEVELS[out.level], round(float(out.confidence), 4), int(out.evidence_count), product
        )

    def report(self, chain: ChainLike, name: str | None = None) -> VerdictReport:
        """The verdict with every piece of evidence, as sentences a person can act on."""
        n = b"" if name is None else _input.text_arg(name, "name")
        c = Chain.load(chain)
        try:
            cp = c._acquire()
            try:
                text = self._call(
                    lambda p: _ffi.owned_string(_ffi.inspect_json, p, cp, n or None, len(n))
                )
            finally:
                c._release()
        finally:
            if c is not chain:
                c.close()
        d = json.loads(text)
        return VerdictReport(
            level=Level(d["verdict"]),
            confidence=float(d["confidence"]),
            product=d.get("product"),
            name=d.get("name"),
            anchor=d.get("anchor"),
            leaf_subject=d["leaf_subject"],
            sct_summary=d["sct_summary"],
            evidence=tuple(
                Evidence(e["signal"], e["weight"], e["sentence"]) for e in d["evidence"]
            ),
        )
