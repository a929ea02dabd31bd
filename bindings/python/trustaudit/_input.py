"""Turns what Python callers hold (bytes, PEM text, paths, cryptography objects) into bytes."""

from __future__ import annotations

import os
import re
from typing import Any, Union

#: Certificate or bundle input: DER or PEM ``bytes``, PEM text as ``str``, or a path.
Data = Union[bytes, bytearray, memoryview, str, "os.PathLike[str]"]

_PEM_CERT = re.compile(rb"-----BEGIN CERTIFICATE-----.*?-----END CERTIFICATE-----", re.DOTALL)


def to_bytes(data: object, what: str = "data") -> bytes:
    """The bytes of ``data``: bytes-like as is, ``str`` as UTF-8 PEM text, a path's contents.

    Raises ``TypeError`` for anything else (``None`` included).
    """
    if isinstance(data, bytes):
        return data
    if isinstance(data, (bytearray, memoryview)):
        return bytes(data)
    if isinstance(data, str):
        return data.encode("utf-8")
    if isinstance(data, os.PathLike):
        with open(os.fspath(data), "rb") as f:
            return f.read()
    raise TypeError(
        f"{what} must be bytes, str (PEM text) or os.PathLike, not {type(data).__name__}"
    )


def text_arg(value: object, what: str) -> bytes:
    """UTF-8 bytes of a text argument (hostname, name); ``TypeError`` unless ``str``."""
    if not isinstance(value, str):
        raise TypeError(f"{what} must be str, not {type(value).__name__}")
    return value.encode("utf-8", "surrogateescape")


def path_arg(value: object, what: str = "path") -> bytes:
    """The bytes of a filesystem path (``str`` or ``os.PathLike``)."""
    if isinstance(value, (str, os.PathLike)):
        p = os.fspath(value)
        return p.encode("utf-8", "surrogateescape") if isinstance(p, str) else p
    raise TypeError(f"{what} must be str or os.PathLike, not {type(value).__name__}")


def pem_blocks(data: bytes) -> list[bytes]:
    """Every ``CERTIFICATE`` PEM block in ``data`` (armour included), in order."""
    return _PEM_CERT.findall(data)


def cryptography_der(obj: Any) -> bytes | None:
    """DER of a ``cryptography.x509.Certificate``, or None when ``obj`` is not one."""
    try:
        from cryptography import x509
        from cryptography.hazmat.primitives.serialization import Encoding
    except ImportError:  # cryptography is optional
        return None
    if isinstance(obj, x509.Certificate):
        return obj.public_bytes(Encoding.DER)
    return None
