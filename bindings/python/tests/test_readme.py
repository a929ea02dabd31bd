"""The "Using from Python" example in the repository README runs as written."""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

from conftest import REPO, Pki


def readme_example() -> str:
    text = (REPO / "README.md").read_text()
    m = re.search(
        r"<!-- python-example:begin -->\n```python\n(.*?)```\n<!-- python-example:end -->",
        text,
        re.S,
    )
    assert m is not None, "README.md has no python-example block"
    return m.group(1)


def test_readme_python_example_runs_and_prints_what_it_says(pki: Pki, tmp_path: Path) -> None:
    chain, root = tmp_path / "chain.pem", tmp_path / "corp.pem"
    chain.write_bytes(pki.chain_pem)
    root.write_bytes(pki.root.pem)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(  # the README's own code, with its two file names bound
            compile(readme_example(), "README.md", "exec"),
            {"CHAIN_FILE": str(chain), "CORP_ROOT_FILE": str(root)},
        )
    lines = out.getvalue().splitlines()
    assert lines[0] == "True VerifyFailure.NONE"
    assert lines[1] == f"{root} True "
    assert lines[2] == f'mozilla False root "Test Root CA" is only in the {root} store'
    assert lines[3] == "x509: certificate is valid for www.example.test, not proxy.golang.org"
    assert lines[4].startswith("NameCheck(matched=True, reason=<NameMismatch.NONE: 'none'>")
    assert lines[5] == "Level.CLEAN"
    assert lines[6] == "missing: /no/such/bundle.pem: no such file or directory"
