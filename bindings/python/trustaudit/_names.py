"""Results of hostname checks: one runtime's answer, and every runtime's at once."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ._enums import NameMismatch, Presented, Runtime

__all__ = ["NameCheck", "NameReport", "PresentedName", "RuntimeNameCheck"]


@dataclass(frozen=True)
class NameCheck:
    """Whether one runtime (or the strict profile) accepts a certificate for a name."""

    matched: bool
    #: Why not; ``NameMismatch.NONE`` when matched.
    reason: NameMismatch
    #: Which presented identity matched; ``Presented.NONE`` when none did.
    matched_by: Presented

    def __bool__(self) -> bool:
        return self.matched


@dataclass(frozen=True)
class PresentedName:
    """An identity the certificate presents."""

    kind: Presented
    value: str


@dataclass(frozen=True)
class RuntimeNameCheck:
    """One runtime's answer in a :class:`NameReport`; ``runtime`` None is the strict profile."""

    runtime: Runtime | None
    matched: bool
    matched_by: PresentedName | None
    presented: tuple[PresentedName, ...]
    reason: NameMismatch
    #: The presented name the refusal is about (the CN that was ignored, …), if any.
    reason_name: PresentedName | None
    #: The runtime's own error text when it refuses, word for word.
    message: str | None

    @classmethod
    def _from_json(cls, d: dict[str, Any]) -> RuntimeNameCheck:
        def name(x: dict[str, Any]) -> PresentedName:
            return PresentedName(Presented(x["type"]), x["value"])

        reason = NameMismatch.NONE
        if d.get("reason"):
            try:
                reason = NameMismatch(d["reason"])
            except ValueError:
                reason = NameMismatch.OTHER
        return cls(
            runtime=Runtime(d["runtime"]) if d.get("runtime") else None,
            matched=bool(d["matched"]),
            matched_by=name(d["matched_by"]) if d.get("matched_by") else None,
            presented=tuple(name(x) for x in d.get("presented", [])),
            reason=reason,
            reason_name=name(d["reason_name"]) if d.get("reason_name") else None,
            message=d.get("message"),
        )


@dataclass(frozen=True)
class NameReport:
    """Every runtime's answer for one certificate and name."""

    name: str
    strict: RuntimeNameCheck
    runtimes: tuple[RuntimeNameCheck, ...]

    def for_runtime(self, runtime: Runtime) -> RuntimeNameCheck:
        """The answer of ``runtime``."""
        for r in self.runtimes:
            if r.runtime is runtime:
                return r
        raise KeyError(runtime)

    @classmethod
    def _from_json(cls, d: dict[str, Any]) -> NameReport:
        return cls(
            name=d["name"],
            strict=RuntimeNameCheck._from_json(d["strict"]),
            runtimes=tuple(RuntimeNameCheck._from_json(r) for r in d["runtimes"]),
        )
