"""Differential tests: trustaudit's predictions against Python's own TLS stacks.

- ``ssl``: a real TLS handshake on 127.0.0.1 per scenario, the client trusting only the
  scenario's roots; trustaudit's prediction for ``Runtime.PYTHON`` must equal the outcome and
  quote the same verify message.
- ``cryptography.x509.verification``: pyca's RFC 5280 / CA/B Forum verifier on the same chain;
  trustaudit's strict profile must reach the same accept/reject.
"""

from __future__ import annotations

import ipaddress
import socket
import ssl
import tempfile
import threading
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.x509 import verification
from scenarios import Scenario, build

import trustaudit
from trustaudit import Runtime, TrustStore

SCENARIOS = build()


def handshake(s: Scenario) -> tuple[bool, str | None]:
    """Connects a default-context ``ssl`` client (trusting only ``s.roots``) to a server that
    presents ``s.chain``; returns (accepted, the client's verify message)."""
    with tempfile.TemporaryDirectory() as tmp:
        chain_file, key_file, ca_file = (Path(tmp) / n for n in ("chain.pem", "key.pem", "ca.pem"))
        chain_file.write_bytes(s.chain_pem)
        key_file.write_bytes(s.chain[0].key_pem)
        ca_file.write_bytes(s.roots_pem)
        server_ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        server_ctx.load_cert_chain(chain_file, key_file)
        client_ctx = ssl.create_default_context(cafile=str(ca_file))

    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(10)
    port = listener.getsockname()[1]

    def serve() -> None:
        try:
            conn, _ = listener.accept()
            conn.settimeout(10)
            with server_ctx.wrap_socket(conn, server_side=True) as tls:
                tls.recv(1)
        except (OSError, ssl.SSLError):
            pass  # the client refused the chain or went away: its side tells the story
        finally:
            listener.close()

    server = threading.Thread(target=serve, daemon=True)
    server.start()
    try:
        with (
            socket.create_connection(("127.0.0.1", port), timeout=10) as raw,
            client_ctx.wrap_socket(raw, server_hostname=s.hostname) as tls,
        ):
            tls.sendall(b"x")
        return True, None
    except ssl.SSLCertVerificationError as e:
        return False, e.verify_message
    finally:
        server.join(timeout=10)


@pytest.mark.parametrize("scenario", SCENARIOS, ids=[s.name for s in SCENARIOS])
def test_python_ssl_handshake_matches_the_prediction_for_python(
    scenario: Scenario, clean_trust_env: None
) -> None:
    accepted, message = handshake(scenario)
    with TrustStore.from_pem(scenario.roots_pem, name="ca.pem") as store:
        report = store.verify_report(scenario.chain_pem, scenario.hostname)
    predicted = report.for_runtime(Runtime.PYTHON)
    assert predicted.accepts == accepted, (predicted, message)
    if not accepted:
        assert message is not None
        assert predicted.text is not None
        assert message in predicted.text, (message, predicted.text)


def _name(hostname: str) -> x509.GeneralName:
    try:
        return x509.IPAddress(ipaddress.ip_address(hostname))
    except ValueError:
        return x509.DNSName(hostname)


@pytest.mark.parametrize("scenario", SCENARIOS, ids=[s.name for s in SCENARIOS])
def test_cryptography_verifier_matches_the_strict_profile(scenario: Scenario) -> None:
    policy = verification.PolicyBuilder().store(
        verification.Store([r.cert for r in scenario.roots])
    )
    verifier = policy.build_server_verifier(_name(scenario.hostname))  # type: ignore[arg-type]
    try:
        verifier.verify(scenario.chain[0].cert, [c.cert for c in scenario.chain[1:]])
        accepted = True
    except verification.VerificationError:
        accepted = False
    with TrustStore.from_pem(scenario.roots_pem) as store:
        result = store.verify([c.cert for c in scenario.chain], scenario.hostname)
    assert result.trusted == accepted == scenario.trusted
    assert (result.failure is trustaudit.VerifyFailure.NONE) == accepted
