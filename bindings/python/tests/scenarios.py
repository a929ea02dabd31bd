"""Generated chains with a known verdict, shared by the differential tests.

Each scenario is what a client is handed: the roots it trusts, the chain a server presents
(leaf first), the name it connects to, and the leaf's key so a real server can present it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from conftest import NOW, Issued, Spec, issue


@dataclass
class Scenario:
    name: str
    roots: list[Issued]
    chain: list[Issued]
    hostname: str
    #: What a strict RFC 5280 / CA/Browser Forum client does: accept or reject.
    trusted: bool

    @property
    def chain_pem(self) -> bytes:
        return b"".join(c.pem for c in self.chain)

    @property
    def roots_pem(self) -> bytes:
        return b"".join(r.pem for r in self.roots)


def _ca(cn: str, parent: Issued | None = None, path_len: int | None = None, **kw: object) -> Issued:
    return issue(Spec(cn, ca=True, path_len=path_len, **kw), parent)  # type: ignore[arg-type]


def build() -> list[Scenario]:
    root = _ca("Test Root CA")
    inter = _ca("Test Intermediate CA", root, path_len=0)
    host = "www.example.test"

    def leaf(parent: Issued = inter, **kw: object) -> Issued:
        spec = Spec(host, dns=[host], ips=["127.0.0.1"])
        for k, v in kw.items():
            setattr(spec, k, v)
        return issue(spec, parent)

    good = leaf()
    other_root = _ca("Other Root CA")
    past = NOW - dt.timedelta(days=30)
    not_ca = issue(Spec("Not A CA", dns=["not-a-ca.test"]), root)
    deep_inter = _ca("Too Deep CA", inter)
    wildcard = leaf(dns=["*.example.test"], ips=[])
    scenarios = [
        Scenario("valid chain", [root], [good, inter], host, True),
        Scenario("valid chain for the IP", [root], [good, inter], "127.0.0.1", True),
        Scenario("name not presented", [root], [good, inter], "other.test", False),
        Scenario("IP not presented", [root], [good, inter], "127.0.0.2", False),
        Scenario(
            "expired leaf",
            [root],
            [leaf(not_before=past, not_after=NOW - dt.timedelta(days=1)), inter],
            host,
            False,
        ),
        Scenario(
            "leaf not yet valid",
            [root],
            [
                leaf(not_before=NOW + dt.timedelta(days=1), not_after=NOW + dt.timedelta(days=9)),
                inter,
            ],
            host,
            False,
        ),
        Scenario("root not in the store", [other_root], [good, inter], host, False),
        Scenario("intermediate missing", [root], [good], host, False),
        Scenario(
            "issuer is not a CA",
            [root],
            [issue(Spec(host, dns=[host]), not_ca), not_ca],
            host,
            False,
        ),
        Scenario(
            "path length exceeded",
            [root],
            [leaf(parent=deep_inter), deep_inter, inter],
            host,
            False,
        ),
        Scenario("client-auth-only leaf", [root], [leaf(server_auth=False), inter], host, False),
        Scenario("name only in the CN", [root], [leaf(san=False), inter], host, False),
        Scenario("wildcard covers one label", [root], [wildcard, inter], "api.example.test", True),
        Scenario(
            "wildcard does not cover two labels",
            [root],
            [wildcard, inter],
            "a.b.example.test",
            False,
        ),
        Scenario(
            "wildcard does not cover the parent", [root], [wildcard, inter], "example.test", False
        ),
        Scenario(
            "expired intermediate",
            [root],
            [
                leaf(
                    parent=(
                        old := _ca(
                            "Old CA", root, not_before=past, not_after=NOW - dt.timedelta(days=1)
                        )
                    )
                ),
                old,
            ],
            host,
            False,
        ),
    ]
    selfsigned = issue(Spec(host, dns=[host]))
    scenarios.append(Scenario("self-signed leaf", [root], [selfsigned], host, False))
    return scenarios
