"""Runtime views (which roots each runtime really trusts here) and root-set diffs."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from . import _ffi
from ._enums import Runtime
from ._store import TrustStore

__all__ = [
    "DiffReport",
    "DiffRoot",
    "RuntimeSource",
    "RuntimeView",
    "diff",
    "runtime_store",
    "runtime_view",
    "runtime_views",
]


def _check_runtime(runtime: object) -> Runtime:
    if not isinstance(runtime, Runtime):
        raise TypeError(f"runtime must be trustaudit.Runtime, not {type(runtime).__name__}")
    return runtime


def runtime_store(runtime: Runtime) -> TrustStore:
    """The roots ``runtime`` really trusts on this machine, read the way it reads them (its
    files and variables in ``os.environ``); no process is started.

    Raises :class:`~trustaudit.NotFoundError` when the runtime is not installed.
    """
    rt = _check_runtime(runtime)
    return TrustStore(_ffi.new_store(_ffi.store_runtime, rt._c))


@dataclass(frozen=True)
class RuntimeSource:
    """One place a runtime looks for roots (a file, directory, variable or setting)."""

    kind: str
    name: str
    value: str | None
    defined_in: str | None
    #: ``"used"``, ``"absent"``, ``"overridden"`` or ``"ignored"``.
    state: str
    reason: str


@dataclass(frozen=True)
class RuntimeView:
    """How one runtime finds its roots on this machine."""

    runtime: Runtime
    installed: bool
    program: str | None
    version: str | None
    roots: int
    duplicates: int
    #: One sentence: what the runtime reads, and why.
    decision: str
    sources: tuple[RuntimeSource, ...]
    variables: tuple[dict[str, Any], ...]
    notes: tuple[str, ...]
    diagnostics: tuple[dict[str, Any], ...]

    @classmethod
    def _from_json(cls, d: dict[str, Any]) -> RuntimeView:
        return cls(
            runtime=Runtime(d["runtime"]),
            installed=bool(d["installed"]),
            program=d.get("program"),
            version=d.get("version"),
            roots=int(d.get("roots") or 0),
            duplicates=int(d.get("duplicates") or 0),
            decision=d.get("decision") or "",
            sources=tuple(
                RuntimeSource(
                    s["kind"],
                    s["name"],
                    s.get("value"),
                    s.get("defined_in"),
                    s["state"],
                    s["reason"],
                )
                for s in d.get("sources", [])
            ),
            variables=tuple(d.get("variables", [])),
            notes=tuple(d.get("notes", [])),
            diagnostics=tuple(d.get("diagnostics", [])),
        )


def runtime_view(runtime: Runtime) -> RuntimeView:
    """How ``runtime`` finds its roots here; a runtime that is not installed says so."""
    rt = _check_runtime(runtime)
    return RuntimeView._from_json(json.loads(_ffi.owned_string(_ffi.runtime_view_json, rt._c)))


def runtime_views() -> list[RuntimeView]:
    """:func:`runtime_view` for every runtime, in :class:`Runtime` order."""
    doc = json.loads(_ffi.owned_string(_ffi.runtime_views_json))
    return [RuntimeView._from_json(r) for r in doc["runtimes"]]


@dataclass(frozen=True)
class DiffRoot:
    """One root in a diff, with what is notable about it."""

    subject: str
    name: str
    sha256: str
    spki_sha256: str
    not_before: str
    not_after: str
    key: str
    signature_algorithm: str
    source: str
    #: ``locally_added``, ``expired``, ``weak_key``, ``weak_signature``, …
    flags: tuple[str, ...]

    @classmethod
    def _from_json(cls, d: dict[str, Any]) -> DiffRoot:
        fields = {f: d[f] for f in cls.__dataclass_fields__ if f != "flags"}
        return cls(**fields, flags=tuple(d.get("flags", [])))


@dataclass(frozen=True)
class DiffReport:
    """Two root sets compared, keyed by subject and key."""

    a: str
    b: str
    at: str
    reference: str | None
    counts: dict[str, int]
    only_in_a: tuple[DiffRoot, ...]
    only_in_b: tuple[DiffRoot, ...]
    in_both: tuple[DiffRoot, ...]
    #: Same subject, different key: ``{"a": {...}, "b": {...}}`` pairs as the library reports.
    rekeyed: tuple[dict[str, Any], ...]


def diff(
    a: TrustStore,
    b: TrustStore,
    reference: TrustStore | None = None,
    *,
    at: dt.datetime | None = None,
) -> DiffReport:
    """Compares the roots of ``a`` and ``b``. ``reference`` (usually
    :meth:`TrustStore.mozilla`) is what "locally added" is judged against; expiry is judged
    at ``at`` (default now)."""
    for s in (a, b) + ((reference,) if reference is not None else ()):
        if not isinstance(s, TrustStore):
            raise TypeError(f"diff needs TrustStore arguments, not {type(s).__name__}")
    seconds, use_at = 0, 0
    if at is not None:
        if at.tzinfo is None:
            raise ValueError("at must be timezone-aware")
        seconds, use_at = int(at.timestamp()), 1
    held = [a, b] + ([reference] if reference is not None else [])
    ptrs = [s._acquire() for s in held]
    try:
        ref = ptrs[2] if reference is not None else None
        text = _ffi.owned_string(_ffi.diff_json, ptrs[0], ptrs[1], ref, seconds, use_at)
    finally:
        for s in held:
            s._release()
    d = json.loads(text)

    def roots(key: str) -> tuple[DiffRoot, ...]:
        return tuple(DiffRoot._from_json(r) for r in d.get(key, []))

    return DiffReport(
        a=d["a"]["name"],
        b=d["b"]["name"],
        at=d["at"],
        reference=d.get("reference"),
        counts={k: int(v) for k, v in d["counts"].items()},
        only_in_a=roots("only_in_a"),
        only_in_b=roots("only_in_b"),
        in_both=roots("in_both"),
        rekeyed=tuple(d.get("rekeyed", [])),
    )
