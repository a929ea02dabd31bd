"""trustaudit: audit TLS trust from Python.

Which roots each runtime on this machine trusts, how those sets differ from Mozilla's, whether a
presented chain verifies for each of them, what each runtime's hostname rules say, and whether
someone is intercepting TLS. A ctypes binding over the trustaudit C library::

    import trustaudit

    with trustaudit.TrustStore.mozilla() as mozilla:
        print(len(mozilla), "roots")

Handles (:class:`TrustStore`, :class:`Certificate`) are immutable, thread-safe, and released
by ``close()`` or a ``with`` block (a finalizer is the safety net). Failures raise subclasses
of :class:`trustaudit.Error`; findings (an untrusted chain, interception) are values.
"""

from __future__ import annotations

from . import _ffi
from ._audit import (
    DiffReport,
    DiffRoot,
    RuntimeSource,
    RuntimeView,
    diff,
    runtime_store,
    runtime_view,
    runtime_views,
)
from ._cert import Certificate, CertificateInfo, CertificateLike, parse_chain
from ._enums import NameMismatch, Presented, Profile, Runtime, Usage, VerifyFailure
from ._intercept import (
    Evidence,
    Inspector,
    Level,
    SctCheck,
    SctReport,
    Verdict,
    VerdictReport,
    sct_list,
)
from ._names import NameCheck, NameReport, PresentedName, RuntimeNameCheck
from ._probe import DoctorLink, DoctorReport, ProbeReport, ProxyMode, Tool, doctor, probe
from ._store import Diagnostic, LoadReport, StoreKind, TrustStore
from ._verify import (
    Chain,
    ChainLike,
    MatrixRow,
    PathCertificate,
    RuntimeMessage,
    Verification,
    VerificationReport,
    Verifier,
    verify_matrix,
)
from .errors import (
    AbiMismatchError,
    ArgumentError,
    Error,
    InternalError,
    InvalidUtf8Error,
    LoadError,
    NetworkError,
    NotFoundError,
    NullArgumentError,
    PanicError,
    ParseError,
    TimeoutExpired,
    VerificationError,
)

__all__ = [
    "ABI_VERSION",
    "LIBRARY_PATH",
    "AbiMismatchError",
    "ArgumentError",
    "Certificate",
    "CertificateInfo",
    "CertificateLike",
    "Chain",
    "ChainLike",
    "Diagnostic",
    "DiffReport",
    "DiffRoot",
    "DoctorLink",
    "DoctorReport",
    "Error",
    "Evidence",
    "Inspector",
    "InternalError",
    "InvalidUtf8Error",
    "Level",
    "LoadError",
    "LoadReport",
    "MatrixRow",
    "NameCheck",
    "NameMismatch",
    "NameReport",
    "NetworkError",
    "NotFoundError",
    "NullArgumentError",
    "PanicError",
    "ParseError",
    "PathCertificate",
    "Presented",
    "PresentedName",
    "ProbeReport",
    "Profile",
    "ProxyMode",
    "Runtime",
    "RuntimeMessage",
    "RuntimeNameCheck",
    "RuntimeSource",
    "RuntimeView",
    "SctCheck",
    "SctReport",
    "StoreKind",
    "TimeoutExpired",
    "Tool",
    "TrustStore",
    "Usage",
    "Verdict",
    "VerdictReport",
    "Verification",
    "VerificationError",
    "VerificationReport",
    "Verifier",
    "VerifyFailure",
    "__version__",
    "diff",
    "doctor",
    "library_version",
    "parse_chain",
    "probe",
    "runtime_store",
    "runtime_view",
    "runtime_views",
    "sct_list",
    "verify_matrix",
]

#: The ABI of the loaded C library (checked at import).
ABI_VERSION: int = _ffi.ABI_VERSION
#: Where the C library was loaded from.
LIBRARY_PATH: str = _ffi.LIBRARY_PATH
__version__ = "0.1.0"


def library_version() -> str:
    """The loaded C library's version, such as ``"0.1.0"``."""
    return str(_ffi.version().decode("ascii"))
