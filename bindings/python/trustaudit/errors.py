"""Exceptions raised by trustaudit, mapped from the C library's result codes in one table.

A finding (an untrusted chain, an intercepting proxy, a missing root) is a value, never an
exception: exceptions mean the call could not do what it was asked. Each class also inherits
the builtin exception a Python caller would expect (``ValueError`` for bad input,
``FileNotFoundError`` for a missing path), so ``except ValueError`` keeps working.
"""

from __future__ import annotations

from typing import ClassVar

__all__ = [
    "AbiMismatchError",
    "ArgumentError",
    "BufferTooSmallError",
    "Error",
    "InternalError",
    "InvalidUtf8Error",
    "LoadError",
    "NetworkError",
    "NotFoundError",
    "NullArgumentError",
    "PanicError",
    "ParseError",
    "TimeoutExpired",
    "VerificationError",
    "from_code",
]


class Error(Exception):
    """Base class of every trustaudit exception.

    ``code`` is the C library's result code (``TRUSTAUDIT_RESULT_*``); ``message`` is the
    library's explanation for a person.
    """

    code: ClassVar[int] = -1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class ArgumentError(Error, ValueError):
    """An argument is missing or has a value the library does not accept."""

    code = 101


class NullArgumentError(ArgumentError):
    """A required argument was missing (NULL at the C boundary)."""

    code = 100


class InvalidUtf8Error(ArgumentError):
    """A text argument (hostname, path, name) is not valid UTF-8."""

    code = 102


class BufferTooSmallError(Error):
    """A buffer handed to the library was too small (never raised by this package's API)."""

    code = 103


class ParseError(Error, ValueError):
    """Input bytes are not what they claim to be: bad DER, bad PEM, no certificate, too large."""

    code = 200


class LoadError(Error, OSError):
    """A file or directory could not be read."""

    code = 300


class NotFoundError(LoadError, FileNotFoundError):
    """A file, directory or requested item does not exist."""

    code = 301


class NetworkError(Error, ConnectionError):
    """A network operation failed: DNS, connect, proxy or TLS handshake."""

    code = 302


class TimeoutExpired(NetworkError, TimeoutError):
    """A blocking operation (probe, doctor) ran out of time."""

    code = 303


class InternalError(Error):
    """An internal invariant of the library did not hold: a bug, please report it."""

    code = 901


class PanicError(InternalError):
    """The library panicked: a bug, please report it with the message."""

    code = 900


class AbiMismatchError(Error, ImportError):
    """The shared library implements another ABI than this package was written for."""

    code = 1000


class VerificationError(Error):
    """A chain did not verify; raised only by ``Verification.raise_for_failure()``.

    ``verification`` holds the full result.
    """

    code = 1001

    def __init__(self, message: str, verification: object = None) -> None:
        super().__init__(message)
        self.verification = verification


# The one table from C result codes to exception classes.
_BY_CODE: dict[int, type[Error]] = {
    cls.code: cls
    for cls in (
        NullArgumentError,
        ArgumentError,
        InvalidUtf8Error,
        BufferTooSmallError,
        ParseError,
        LoadError,
        NotFoundError,
        NetworkError,
        TimeoutExpired,
        PanicError,
        InternalError,
    )
}


def from_code(code: int, message: str | None) -> Error:
    """The exception for a C result code, carrying the library's message.

    An unknown code (from a newer library) becomes a plain :class:`Error` that says so.
    """
    cls = _BY_CODE.get(code)
    text = message or f"trustaudit call failed with code {code}"
    if cls is None:
        err = Error(f"{text} (unknown result code {code})")
        return err
    return cls(text)
