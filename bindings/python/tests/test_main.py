"""``python -m trustaudit`` runs the trustaudit command with the same verbs and exit codes."""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import Pki, library_env


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "trustaudit", *args],
        env=library_env(),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_help_lists_the_verbs() -> None:
    r = run("--help")
    assert r.returncode == 0, r.stderr
    assert "Audit TLS trust on this machine" in r.stdout
    for verb in ("audit", "diff", "show"):
        assert f"  {verb} " in r.stdout


def test_usage_errors_exit_2() -> None:
    r = run("no-such-verb")
    assert r.returncode == 2
    assert "no-such-verb" in r.stderr


def test_show_prints_a_certificate_as_json(pki: Pki, tmp_path: object) -> None:
    from pathlib import Path

    path = Path(str(tmp_path)) / "leaf.pem"
    path.write_bytes(pki.leaf.pem)
    r = run("show", "--json", str(path))
    assert r.returncode == 0, r.stderr
    doc = json.loads(r.stdout)
    assert doc["schema"] == "trustaudit/1"
    assert "CN=www.example.test" in json.dumps(doc)


def test_missing_command_exits_3_with_advice(tmp_path: object) -> None:
    env = library_env()
    env["TRUSTAUDIT_BINARY"] = "/nonexistent/trustaudit"
    r = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys, trustaudit.__main__ as m; sys.exit(m.main(['--help']))",
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert r.returncode == 3
    assert (
        r.stderr
        == "trustaudit: TRUSTAUDIT_BINARY=/nonexistent/trustaudit is not an executable file\n"
    )
