"""Live TLS probes: what a server (or the proxy in front of it) really presents."""

from __future__ import annotations

import ctypes
import enum
import json
from dataclasses import dataclass
from typing import Any

from . import _ffi, _input

__all__ = ["ProbeReport", "ProxyMode", "probe"]


class ProxyMode(enum.Enum):
    """Whether and how a probe goes through an HTTP proxy."""

    #: From the environment by curl's rules (``https_proxy``, ``HTTPS_PROXY``, ``NO_PROXY``).
    ENVIRONMENT_CURL = 0
    #: From the environment by Go's rules, as ``go mod download`` decides.
    ENVIRONMENT_GO = 1
    #: Connect directly, whatever the environment says.
    DIRECT = 2


@dataclass(frozen=True)
class ProbeReport:
    """What a probe saw. ``failure`` is None when the handshake completed."""

    host: str
    port: int
    sni: str | None
    proxy: Any
    resolution: Any
    connect: tuple[Any, ...]
    #: ``{"version", "cipher_suite", "alpn"}`` when the handshake completed.
    tls: dict[str, Any] | None
    #: The presented chain, leaf first, each certificate described.
    chain: tuple[dict[str, Any], ...]
    scts: Any
    #: ``{"kind", "phase", "message"}``: which phase failed and why.
    failure: dict[str, Any] | None
    elapsed_ms: int

    @property
    def ok(self) -> bool:
        """Whether the TLS handshake completed."""
        return self.failure is None


def probe(
    target: str,
    *,
    timeout: float | None = None,
    proxy: ProxyMode = ProxyMode.ENVIRONMENT_CURL,
    sni: str | None = None,
    connect_to: str | None = None,
) -> ProbeReport:
    """Connects to ``target`` (``"host"``, ``"host:port"``, ``"[v6]:port"`` or an https URL),
    runs a handshake that trusts nothing and records what was presented. ``timeout`` is the
    per-phase budget in seconds (DNS, connect, proxy, TLS). ``connect_to`` (``"127.0.0.1:8443"``)
    connects there instead of resolving the host, like curl's ``--connect-to``.

    An unreachable server or a refused handshake is a report with ``failure`` set, not an
    exception. Raises :class:`~trustaudit.ArgumentError` for an unusable target or option.
    The call blocks (with the GIL released) for at most about four times ``timeout``.
    """
    t = _input.text_arg(target, "target")
    if not isinstance(proxy, ProxyMode):
        raise TypeError(f"proxy must be trustaudit.ProxyMode, not {type(proxy).__name__}")
    opts = _ffi.ProbeOptions(proxy=proxy.value)
    if timeout is not None:
        if timeout <= 0:
            raise ValueError("timeout must be positive")
        opts.timeout_ms = max(1, min(int(timeout * 1000), 2**32 - 1))
    sni_b = b"" if sni is None else _input.text_arg(sni, "sni")
    ct_b = b"" if connect_to is None else _input.text_arg(connect_to, "connect_to")
    opts.sni, opts.sni_len = sni_b or None, len(sni_b)
    opts.connect_to, opts.connect_to_len = ct_b or None, len(ct_b)
    text = _ffi.owned_string(_ffi.probe_json, t or None, len(t), ctypes.byref(opts))
    d = json.loads(text)
    return ProbeReport(
        host=d["target"]["host"],
        port=int(d["target"]["port"]),
        sni=d.get("sni"),
        proxy=d.get("proxy"),
        resolution=d.get("resolution"),
        connect=tuple(d.get("connect") or ()),
        tls=d.get("tls"),
        chain=tuple(d.get("chain") or ()),
        scts=d.get("scts"),
        failure=d.get("failure"),
        elapsed_ms=int(d.get("elapsed_ms") or 0),
    )
