"""Live TLS probes: what a server (or the proxy in front of it) really presents."""

from __future__ import annotations

import enum
import json
import os
from dataclasses import dataclass
from typing import Any

from . import _ffi, _input
from ._verify import Chain

__all__ = ["DoctorLink", "DoctorReport", "ProbeReport", "ProxyMode", "Tool", "doctor", "probe"]


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
    #: The certificates the server presented, in its order, ready for ``verify`` or an
    #: :class:`~trustaudit.Inspector` (empty when the handshake did not get that far).
    presented: Chain

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
    chain = _ffi.ChainPtr()
    out = _ffi.c_void_p()
    n = _ffi.c_size_t()
    _ffi.probe(
        t or None, len(t), _ffi.byref(opts), _ffi.byref(chain), _ffi.byref(out), _ffi.byref(n)
    )
    presented = Chain(chain)
    d = json.loads(_ffi.take_string(out, n))
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
        presented=presented,
    )


class Tool(enum.Enum):
    """A tool whose TLS failures :func:`doctor` diagnoses, and what its target means."""

    #: ``go mod download``; target: a module path (default ``golang.org/x/mod``).
    GO = 0
    #: ``pip install``; target: a project (default ``pip``).
    PIP = 1
    #: ``npm install``; target: a package (default ``npm``).
    NPM = 2
    #: ``git clone`` over HTTPS; target: the remote URL (required).
    GIT = 3
    #: ``cargo fetch``; target: the registry index URL (default crates.io's sparse index).
    CARGO = 4


@dataclass(frozen=True)
class DoctorLink:
    """One endpoint the tool needs, and whether it works from here."""

    purpose: str
    url: str
    #: ``"ok"`` or ``"broken"`` (or another state the library reports).
    status: str
    #: The phase that failed (``"dns"``, ``"tcp"``, ``"proxy"``, ``"tls"``, ``"trust"``, …).
    failed_phase: str | None
    #: The tool's own error text, as it would print it.
    error: str | None
    http_status: int | None
    #: The probe of this endpoint and its interception verdict, as the library reports them.
    probe: dict[str, Any] | None
    verdict: dict[str, Any] | None


@dataclass(frozen=True)
class DoctorReport:
    """Why a tool cannot fetch over TLS here, and what to change."""

    tool: str
    #: The command diagnosed, such as ``git ls-remote https://…``.
    command: str
    #: The tool's TLS-relevant settings as ``(name, value)`` pairs.
    settings: tuple[tuple[str, str], ...]
    links: tuple[DoctorLink, ...]
    #: ``{"link": index, "cause": sentence}`` for the first broken link, or None.
    broken: dict[str, Any] | None
    #: What to do, one step per line.
    fix: tuple[str, ...]
    files_written: tuple[str, ...]
    notes: tuple[str, ...]

    @property
    def ok(self) -> bool:
        """Whether every link works."""
        return self.broken is None


def doctor(
    tool: Tool,
    target: str | None = None,
    *,
    timeout: float | None = None,
    bundle_path: str | os.PathLike[str] | None = None,
    root_path: str | os.PathLike[str] | None = None,
) -> DoctorReport:
    """Diagnoses why ``tool`` cannot fetch ``target`` over TLS on this machine, the way the tool
    itself connects (its configuration, proxy rules, trust store and name rules): the same
    report as ``trustaudit doctor <tool> --json``.

    It runs the tool to read its configuration and probes each endpoint, each network phase
    bounded by ``timeout`` seconds (default 10). It writes one file, the CA bundle the fix points
    at (``bundle_path``), only when a fix needs it. ``root_path`` is a PEM file holding the
    interception root when the proxy does not present it. A broken connection is a finding,
    not an exception; :class:`~trustaudit.NotFoundError` means the tool is not installed.
    """
    if not isinstance(tool, Tool):
        raise TypeError(f"tool must be trustaudit.Tool, not {type(tool).__name__}")
    opts = _ffi.DoctorOptions()
    if timeout is not None:
        if timeout <= 0:
            raise ValueError("timeout must be positive")
        opts.timeout_ms = max(1, min(int(timeout * 1000), 2**32 - 1))
    tg = b"" if target is None else _input.text_arg(target, "target")
    bp = b"" if bundle_path is None else _input.path_arg(bundle_path, "bundle_path")
    rp = b"" if root_path is None else _input.path_arg(root_path, "root_path")
    opts.target, opts.target_len = tg or None, len(tg)
    opts.bundle_path, opts.bundle_path_len = bp or None, len(bp)
    opts.root_path, opts.root_path_len = rp or None, len(rp)
    d = json.loads(_ffi.owned_string(_ffi.doctor_json, tool.value, _ffi.byref(opts)))
    return DoctorReport(
        tool=d["tool"],
        command=d["command"],
        settings=tuple((str(k), str(v)) for k, v in d.get("settings", [])),
        links=tuple(
            DoctorLink(
                purpose=x["purpose"],
                url=x["url"],
                status=x["status"],
                failed_phase=x.get("failed_phase"),
                error=x.get("error"),
                http_status=x.get("http_status"),
                probe=x.get("probe"),
                verdict=x.get("verdict"),
            )
            for x in d.get("links", [])
        ),
        broken=d.get("broken"),
        fix=tuple(d.get("fix", [])),
        files_written=tuple(d.get("files_written", [])),
        notes=tuple(d.get("notes", [])),
    )
