"""Runs a command under valgrind and fails on memory errors at the trustaudit boundary.

The interpreter itself reports uninitialised-value noise under valgrind (a plain
``python -c pass`` does), so this counts:

- every invalid read, write or free, wherever it happens;
- any other error (uninitialised values, overlaps) whose stack passes through libtrustaudit,
  ctypes or libffi;
- "definitely lost" leaks allocated through libtrustaudit.

Usage: python tools/valgrind_boundary.py -- python -m pytest tests/...
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

BOUNDARY = ("libtrustaudit", "_ctypes", "libffi")
ALWAYS = ("InvalidRead", "InvalidWrite", "InvalidFree", "MismatchedFree", "InvalidJump")


def frames(error: ET.Element) -> list[str]:
    out = []
    for frame in error.iter("frame"):
        parts = [frame.findtext(tag) or "" for tag in ("obj", "fn", "file")]
        out.append(" ".join(p for p in parts if p))
    return out


def main(argv: list[str]) -> int:
    if "--" not in argv:
        print(__doc__, file=sys.stderr)
        return 2
    cmd = argv[argv.index("--") + 1 :]
    with tempfile.TemporaryDirectory() as tmp:
        xml_path = os.path.join(tmp, "valgrind.xml")
        vg = [
            "valgrind",
            "--xml=yes",
            f"--xml-file={xml_path}",
            "--leak-check=full",
            "--show-leak-kinds=definite",
            "--num-callers=40",
        ]
        env = dict(os.environ, PYTHONMALLOC="malloc")
        rc = subprocess.call(vg + cmd, env=env)
        root = ET.parse(xml_path).getroot()
    bad = []
    total = 0
    for error in root.iter("error"):
        total += 1
        kind = error.findtext("kind") or ""
        stack = frames(error)
        ours = any(b in f for f in stack for b in BOUNDARY)
        if kind.startswith("Leak_DefinitelyLost"):
            if any("libtrustaudit" in f for f in stack):
                bad.append((kind, stack))
        elif kind in ALWAYS or ours:
            bad.append((kind, stack))
    for kind, stack in bad:
        print(f"valgrind: {kind}", file=sys.stderr)
        for f in stack[:25]:
            print(f"    {f}", file=sys.stderr)
    print(
        f"valgrind: {len(bad)} boundary errors ({total} reports in all, the rest interpreter "
        f"noise); command exit code {rc}"
    )
    if rc != 0:
        return rc
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
