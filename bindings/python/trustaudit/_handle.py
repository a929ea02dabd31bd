"""The base of every class that owns a C handle: close(), ``with``, and a finalizer.

A handle may be used from several threads at once (the C objects are immutable). ``close()``
may race with calls on other threads: the C object is released only when the last call in
flight returns, and calls that start after ``close()`` raise ``ValueError``.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable
from types import TracebackType
from typing import Any, ClassVar, TypeVar

from . import _ffi
from .errors import InternalError

_Self = TypeVar("_Self", bound="Handle")


class Handle:
    """Owns one C handle; subclasses set ``_free`` to the matching ``trustaudit_*_free``."""

    _free: ClassVar[Callable[[Any], None]]
    __slots__ = ("__weakref__", "_closed", "_finalizer", "_lock", "_ptr", "_users")

    def __init__(self, ptr: Any) -> None:
        if _ffi.is_null(ptr):
            raise InternalError(f"{type(self).__name__}: the library returned NULL")
        self._ptr = ptr
        self._lock = threading.Lock()
        self._users = 0
        self._closed = False
        # Safety net for handles nobody closed; holds the pointer, not self.
        self._finalizer = weakref.finalize(self, type(self)._free, ptr)

    def _acquire(self) -> Any:
        with self._lock:
            if self._closed:
                raise ValueError(f"{type(self).__name__} is closed")
            self._users += 1
            return self._ptr

    def _release(self) -> None:
        with self._lock:
            self._users -= 1
            last = self._closed and self._users == 0
        if last:
            self._finalizer()

    def _call(self, fn: Callable[..., Any], *args: Any) -> Any:
        """Runs ``fn(handle, *args)`` with the handle kept alive for the call."""
        ptr = self._acquire()
        try:
            return fn(ptr, *args)
        finally:
            self._release()

    def close(self) -> None:
        """Releases the C object. Idempotent; other methods raise ``ValueError`` after it."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
            idle = self._users == 0
        if idle:
            self._finalizer()

    @property
    def closed(self) -> bool:
        """Whether :meth:`close` has been called."""
        return self._closed

    def __enter__(self: _Self) -> _Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
