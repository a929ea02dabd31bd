"""``python -m trustaudit``: runs the ``trustaudit`` command with the same verbs and flags.

It executes the real command rather than re-implementing it, so verbs, flags, output and exit
codes (0 clean, 1 findings, 2 usage, 3 could not run) are exactly the command's. The command is
looked for in this order: ``$TRUSTAUDIT_BINARY``; the copy ``pip install`` bundled in this
package (``trustaudit/bin/trustaudit``); the ``trustaudit`` beside the loaded library (a
checkout's ``target/debug``); ``trustaudit`` on ``PATH``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

_EXE = "trustaudit.exe" if sys.platform == "win32" else "trustaudit"


def find_command() -> str | None:
    """Path of the ``trustaudit`` command this package would run, or None."""
    env = os.environ.get("TRUSTAUDIT_BINARY")
    if env:
        return env if os.path.isfile(env) and os.access(env, os.X_OK) else None
    here = Path(__file__).resolve().parent
    candidates = [here / "bin" / _EXE]
    lib = os.environ.get("TRUSTAUDIT_LIBRARY")
    if lib:
        candidates.append(Path(lib).resolve().parent / _EXE)
    for c in candidates:
        if c.is_file() and os.access(c, os.X_OK):
            return str(c)
    return shutil.which("trustaudit")


def main(argv: list[str] | None = None) -> int:
    """Runs the command with ``argv`` (default ``sys.argv[1:]``); returns its exit code."""
    args = sys.argv[1:] if argv is None else argv
    cmd = find_command()
    if cmd is None:
        where = os.environ.get("TRUSTAUDIT_BINARY")
        print(
            f"trustaudit: TRUSTAUDIT_BINARY={where} is not an executable file"
            if where
            else "trustaudit: the trustaudit command is not installed with this package; "
            "reinstall with `pip install ./bindings/python` or set TRUSTAUDIT_BINARY",
            file=sys.stderr,
        )
        return 3
    if argv is None and hasattr(os, "execv"):
        sys.stdout.flush()
        sys.stderr.flush()
        os.execv(cmd, ["trustaudit", *args])
    return subprocess.call([cmd, *args])


if __name__ == "__main__":
    sys.exit(main())
