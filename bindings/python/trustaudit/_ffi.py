"""The ctypes layer: finds the trustaudit C library, checks its ABI, declares every function.

This is the only module that imports :mod:`ctypes`; raw pointers never leave it. Each
``trustaudit_*`` function of ``include/trustaudit.h`` is declared here once, with its
``argtypes``, ``restype`` and, for functions returning ``trustaudit_result``, an ``errcheck``
that raises the exception mapped from the code (see :mod:`trustaudit.errors`).

The library is found in this order:

1. ``$TRUSTAUDIT_LIBRARY`` when set (a path to ``libtrustaudit.so``): lets a checkout's tests
   and a user's own build win over the bundled copy;
2. the copy ``pip install`` bundled in this package (``_native*.so``).

ctypes releases the GIL around each call, and the library keeps its error message per OS
thread; a Python thread stays on one OS thread, so reading ``trustaudit_last_error`` right
after a failed call in ``errcheck`` reads that call's message.
"""

from __future__ import annotations

import ctypes
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, cast

from . import errors

#: The ABI this module declares; must equal ``trustaudit_abi_version()`` of the library.
ABI_VERSION = 1

_PACKAGE_DIR = Path(__file__).resolve().parent


def _library_path() -> str:
    env = os.environ.get("TRUSTAUDIT_LIBRARY")
    if env:
        return env
    suffix = ".dll" if sys.platform == "win32" else ".dylib" if sys.platform == "darwin" else ".so"
    bundled = sorted(_PACKAGE_DIR.glob("_native*" + suffix))
    if bundled:
        return str(bundled[0])
    raise ImportError(
        "trustaudit: no bundled libtrustaudit in "
        f"{_PACKAGE_DIR}; install the package with `pip install ./bindings/python` "
        "or set TRUSTAUDIT_LIBRARY to a built libtrustaudit.so (make build leaves one in "
        "target/debug)"
    )


LIBRARY_PATH = _library_path()
try:
    _lib = ctypes.CDLL(LIBRARY_PATH)
except OSError as exc:
    raise ImportError(f"trustaudit: cannot load {LIBRARY_PATH}: {exc}") from exc


class Store(ctypes.Structure):
    """Opaque ``trustaudit_store``: never constructed in Python."""


class Cert(ctypes.Structure):
    """Opaque ``trustaudit_cert``: never constructed in Python."""


class Chain(ctypes.Structure):
    """Opaque ``trustaudit_chain``: never constructed in Python."""


class Verifier(ctypes.Structure):
    """Opaque ``trustaudit_verifier``: never constructed in Python."""


class NameResult(ctypes.Structure):
    """``trustaudit_name_result``."""

    _fields_ = [
        ("matched", ctypes.c_bool),
        ("reason", ctypes.c_uint32),
        ("matched_by", ctypes.c_uint32),
    ]


class VerifyOptions(ctypes.Structure):
    """``trustaudit_verify_options``; all-zero means now, server use, strict profile."""

    _fields_ = [
        ("time", ctypes.c_int64),
        ("use_time", ctypes.c_uint32),
        ("usage", ctypes.c_uint32),
        ("profile", ctypes.c_uint32),
    ]


class Verification(ctypes.Structure):
    """``trustaudit_verification``."""

    _fields_ = [
        ("trusted", ctypes.c_bool),
        ("path_verified", ctypes.c_bool),
        ("failure", ctypes.c_uint32),
        ("path_len", ctypes.c_size_t),
    ]


class Inspector(ctypes.Structure):
    """Opaque ``trustaudit_inspector``: never constructed in Python."""


class VerdictResult(ctypes.Structure):
    """``struct trustaudit_verdict``."""

    _fields_ = [
        ("level", ctypes.c_uint32),
        ("confidence", ctypes.c_float),
        ("evidence_count", ctypes.c_uint32),
        ("product", ctypes.c_char * 64),
    ]


class ProbeOptions(ctypes.Structure):
    """``trustaudit_probe_options``; all-zero means the defaults."""

    _fields_ = [
        ("timeout_ms", ctypes.c_uint32),
        ("proxy", ctypes.c_uint32),
        ("sni", ctypes.c_char_p),
        ("sni_len", ctypes.c_size_t),
        ("connect_to", ctypes.c_char_p),
        ("connect_to_len", ctypes.c_size_t),
    ]


class DoctorOptions(ctypes.Structure):
    """``trustaudit_doctor_options``; all-zero means the defaults."""

    _fields_ = [
        ("timeout_ms", ctypes.c_uint32),
        ("target", ctypes.c_char_p),
        ("target_len", ctypes.c_size_t),
        ("bundle_path", ctypes.c_char_p),
        ("bundle_path_len", ctypes.c_size_t),
        ("root_path", ctypes.c_char_p),
        ("root_path_len", ctypes.c_size_t),
    ]


class Sha256(ctypes.Structure):
    """``trustaudit_sha256``: 32 digest bytes returned by value."""

    _fields_ = [("bytes", ctypes.c_uint8 * 32)]


StorePtr = ctypes.POINTER(Store)
CertPtr = ctypes.POINTER(Cert)
ChainPtr = ctypes.POINTER(Chain)
VerifierPtr = ctypes.POINTER(Verifier)
InspectorPtr = ctypes.POINTER(Inspector)

_u8p = ctypes.c_char_p  # (const uint8_t *, size_t) inputs: bytes, or None with length 0
_size = ctypes.c_size_t
_sizep = ctypes.POINTER(ctypes.c_size_t)
_charpp = ctypes.POINTER(ctypes.c_void_p)  # char ** out: freed with trustaudit_string_free
_result = ctypes.c_uint32

#: Every declared function by C name; the header drift test compares it with the header.
FUNCTIONS: dict[str, Any] = {}


def _raise_on_error(rc: int, func: object, args: tuple[Any, ...]) -> int:
    if rc != 0:
        msg = _lib.trustaudit_last_error()
        raise errors.from_code(rc, msg.decode("utf-8", "replace") if msg else None)
    return rc


def _declare(
    name: str,
    argtypes: list[Any],
    restype: Any = _result,
    checked: bool = True,
) -> Callable[..., Any]:
    fn = getattr(_lib, name)
    fn.argtypes = argtypes
    fn.restype = restype
    if checked:
        fn.errcheck = _raise_on_error
    FUNCTIONS[name] = fn
    return cast(Callable[..., Any], fn)


# Errors, versions, strings.
last_error = _declare("trustaudit_last_error", [], ctypes.c_char_p, checked=False)
string_free = _declare("trustaudit_string_free", [ctypes.c_void_p], None, checked=False)
version = _declare("trustaudit_version", [], ctypes.c_char_p, checked=False)
abi_version = _declare("trustaudit_abi_version", [], ctypes.c_uint32, checked=False)
result_name = _declare("trustaudit_result_name", [ctypes.c_uint32], ctypes.c_char_p, checked=False)

# Certificates.
cert_from_der = _declare("trustaudit_cert_from_der", [_u8p, _size, ctypes.POINTER(CertPtr)])
cert_from_pem = _declare("trustaudit_cert_from_pem", [_u8p, _size, ctypes.POINTER(CertPtr)])
cert_free = _declare("trustaudit_cert_free", [CertPtr], None, checked=False)
cert_subject = _declare("trustaudit_cert_subject", [CertPtr, _charpp, _sizep])
cert_issuer = _declare("trustaudit_cert_issuer", [CertPtr, _charpp, _sizep])
cert_der = _declare(
    "trustaudit_cert_der", [CertPtr, ctypes.POINTER(ctypes.POINTER(ctypes.c_uint8)), _sizep]
)
cert_spki_sha256 = _declare("trustaudit_cert_spki_sha256", [CertPtr, ctypes.POINTER(Sha256)])
cert_sha256 = _declare("trustaudit_cert_sha256", [CertPtr, ctypes.POINTER(Sha256)])
cert_json = _declare("trustaudit_cert_json", [CertPtr, _charpp, _sizep])

# Stores.
store_mozilla = _declare("trustaudit_store_mozilla", [ctypes.POINTER(StorePtr)])
store_system = _declare("trustaudit_store_system", [ctypes.POINTER(StorePtr)])
store_from_path = _declare("trustaudit_store_from_path", [_u8p, _size, ctypes.POINTER(StorePtr)])
store_from_pem = _declare("trustaudit_store_from_pem", [_u8p, _size, ctypes.POINTER(StorePtr)])
store_from_bytes = _declare(
    "trustaudit_store_from_bytes", [_u8p, _size, _u8p, _size, ctypes.POINTER(StorePtr)]
)
store_free = _declare("trustaudit_store_free", [StorePtr], None, checked=False)
store_len = _declare("trustaudit_store_len", [StorePtr], ctypes.c_size_t, checked=False)
store_root = _declare("trustaudit_store_root", [StorePtr, _size, ctypes.POINTER(CertPtr)])
store_contains = _declare(
    "trustaudit_store_contains", [StorePtr, CertPtr, ctypes.POINTER(ctypes.c_bool)]
)
store_name = _declare("trustaudit_store_name", [StorePtr, _charpp, _sizep])
store_diagnostics_json = _declare("trustaudit_store_diagnostics_json", [StorePtr, _charpp, _sizep])
store_roots_json = _declare("trustaudit_store_roots_json", [StorePtr, _charpp, _sizep])


# Chains.
chain_from_pem = _declare("trustaudit_chain_from_pem", [_u8p, _size, ctypes.POINTER(ChainPtr)])
chain_from_certs = _declare(
    "trustaudit_chain_from_certs", [ctypes.POINTER(CertPtr), _size, ctypes.POINTER(ChainPtr)]
)
chain_free = _declare("trustaudit_chain_free", [ChainPtr], None, checked=False)
chain_len = _declare("trustaudit_chain_len", [ChainPtr], ctypes.c_size_t, checked=False)
chain_cert = _declare("trustaudit_chain_cert", [ChainPtr, _size, ctypes.POINTER(CertPtr)])

# Names.
name_check = _declare(
    "trustaudit_name_check",
    [CertPtr, _u8p, _size, ctypes.c_uint32, ctypes.POINTER(NameResult)],
)
name_check_strict = _declare(
    "trustaudit_name_check_strict", [CertPtr, _u8p, _size, ctypes.POINTER(NameResult)]
)
name_check_json = _declare("trustaudit_name_check_json", [CertPtr, _u8p, _size, _charpp, _sizep])
runtime_name = _declare(
    "trustaudit_runtime_name", [ctypes.c_uint32], ctypes.c_char_p, checked=False
)

# Verification.
verifier_new = _declare("trustaudit_verifier_new", [StorePtr, ctypes.POINTER(VerifierPtr)])
verifier_free = _declare("trustaudit_verifier_free", [VerifierPtr], None, checked=False)
_VerifyOptionsPtr = ctypes.POINTER(VerifyOptions)
verify = _declare(
    "trustaudit_verify",
    [VerifierPtr, ChainPtr, _u8p, _size, _VerifyOptionsPtr, ctypes.POINTER(Verification)],
)
verify_json = _declare(
    "trustaudit_verify_json",
    [VerifierPtr, ChainPtr, _u8p, _size, _VerifyOptionsPtr, _charpp, _sizep],
)
verify_failure_name = _declare(
    "trustaudit_verify_failure_name", [ctypes.c_uint32], ctypes.c_char_p, checked=False
)
verify_matrix_json = _declare(
    "trustaudit_verify_matrix_json",
    [ctypes.POINTER(StorePtr), _size, ChainPtr, _u8p, _size, _VerifyOptionsPtr, _charpp, _sizep],
)


# Runtime views and diffs.
store_runtime = _declare("trustaudit_store_runtime", [ctypes.c_uint32, ctypes.POINTER(StorePtr)])
runtime_view_json = _declare("trustaudit_runtime_view_json", [ctypes.c_uint32, _charpp, _sizep])
runtime_views_json = _declare("trustaudit_runtime_views_json", [_charpp, _sizep])
diff_json = _declare(
    "trustaudit_diff_json",
    [StorePtr, StorePtr, StorePtr, ctypes.c_int64, ctypes.c_uint32, _charpp, _sizep],
)

# Certificate Transparency and interception.
sct_list_json = _declare("trustaudit_sct_list_json", [ChainPtr, _u8p, _size, _charpp, _sizep])
inspector_new = _declare(
    "trustaudit_inspector_new",
    [StorePtr, ctypes.POINTER(StorePtr), _size, ctypes.POINTER(InspectorPtr)],
)
inspector_free = _declare("trustaudit_inspector_free", [InspectorPtr], None, checked=False)
inspect = _declare(
    "trustaudit_inspect", [InspectorPtr, ChainPtr, _u8p, _size, ctypes.POINTER(VerdictResult)]
)
inspect_json = _declare(
    "trustaudit_inspect_json", [InspectorPtr, ChainPtr, _u8p, _size, _charpp, _sizep]
)

# Live probes (the library's `probe` feature, on in every build this package makes).
probe_json = _declare(
    "trustaudit_probe_json", [_u8p, _size, ctypes.POINTER(ProbeOptions), _charpp, _sizep]
)

probe = _declare(
    "trustaudit_probe",
    [_u8p, _size, ctypes.POINTER(ProbeOptions), ctypes.POINTER(ChainPtr), _charpp, _sizep],
)

# Doctor (also the `probe` feature).
doctor_json = _declare(
    "trustaudit_doctor_json", [ctypes.c_uint32, ctypes.POINTER(DoctorOptions), _charpp, _sizep]
)


def _check_abi() -> None:
    got = abi_version()
    if got != ABI_VERSION:
        raise errors.AbiMismatchError(
            f"trustaudit: {LIBRARY_PATH} implements ABI {got} but this package was written for "
            f"ABI {ABI_VERSION}; install matching versions"
        )


_check_abi()


# Helpers the rest of the package uses, so no pointer handling leaks out of this module.


def new_handle(ptr_type: Any, ctor: Callable[..., Any], *args: Any) -> Any:
    """Calls a constructor with ``args`` and a ``ptr_type`` out-parameter; returns the handle."""
    out = ptr_type()
    ctor(*args, ctypes.byref(out))
    return out


def new_store(ctor: Callable[..., Any], *args: Any) -> Any:
    """Calls a store constructor with ``args`` and the out-parameter; returns the handle."""
    out = StorePtr()
    ctor(*args, ctypes.byref(out))
    return out


def new_cert(ctor: Callable[..., Any], *args: Any) -> Any:
    """Calls a certificate constructor with ``args`` and the out-parameter."""
    out = CertPtr()
    ctor(*args, ctypes.byref(out))
    return out


c_void_p = ctypes.c_void_p
c_size_t = ctypes.c_size_t


def take_string(out: Any, n: Any) -> str:
    """Decodes and frees an owned string written to ``c_void_p``/``c_size_t`` out-parameters."""
    if not out.value:
        return ""
    try:
        return ctypes.string_at(out.value, n.value).decode("utf-8")
    finally:
        string_free(out)


def owned_string(fn: Callable[..., Any], *args: Any) -> str:
    """Calls a function returning an owned ``(char **, size_t *)`` string; frees it."""
    out = ctypes.c_void_p()
    n = ctypes.c_size_t()
    fn(*args, ctypes.byref(out), ctypes.byref(n))
    if not out.value:
        return ""
    try:
        return ctypes.string_at(out.value, n.value).decode("utf-8")
    finally:
        string_free(out)


def digest(fn: Callable[..., Any], handle: Any) -> bytes:
    """Calls a function writing a ``trustaudit_sha256``; returns its 32 bytes."""
    d = Sha256()
    fn(handle, ctypes.byref(d))
    return bytes(d.bytes)


def cert_der_bytes(handle: Any) -> bytes:
    """A copy of a certificate's DER."""
    p = ctypes.POINTER(ctypes.c_uint8)()
    n = ctypes.c_size_t()
    cert_der(handle, ctypes.byref(p), ctypes.byref(n))
    return ctypes.string_at(p, n.value)


def store_has(store: Any, cert: Any) -> bool:
    """Whether ``cert`` is a root of ``store``."""
    found = ctypes.c_bool()
    store_contains(store, cert, ctypes.byref(found))
    return bool(found.value)


def code_name(code: int) -> str:
    """``TRUSTAUDIT_RESULT_*`` name of a code."""
    name = result_name(code)
    return name.decode("ascii") if name else "TRUSTAUDIT_RESULT_UNKNOWN"


byref = ctypes.byref


def pointer_array(ptr_type: Any, ptrs: list[Any]) -> Any:
    """A C array of ``ptrs`` (at least one slot, so an empty list is still a valid pointer)."""
    return (ptr_type * max(1, len(ptrs)))(*ptrs)


def is_null(handle: Any) -> bool:
    """Whether a handle pointer is NULL."""
    return not bool(handle)
