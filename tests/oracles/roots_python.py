"""roots_python: prints what Python's ssl module, requests and pip trust, for tests/runtime_views.rs.

Usage: python3 roots_python.py [--pip] [--handshake CERT KEY]
Prints one JSON object:
  verify_paths     ssl.get_default_verify_paths() as a dict
  ca_certs         sorted SHA-256 hex of ssl.create_default_context().get_ca_certs(binary_form=True)
  certifi          certifi.where(), or null when certifi is missing
  certifi_certs    sorted SHA-256 hex of the certificates OpenSSL loads from certifi.where()
  requests_verify  what requests would verify with (Session.merge_environment_settings), or null
  pip_verify       with --pip: what `pip install` would verify with (True means its vendored certifi)
  handshake        with --handshake: "ok" or the verification error when a default client
                   context connects (over a socketpair) to a server presenting CERT for "localhost"
"""
import hashlib
import json
import socket
import ssl
import sys
import threading

out = {}
out["verify_paths"] = ssl.get_default_verify_paths()._asdict()
ctx = ssl.create_default_context()
out["ca_certs"] = sorted(hashlib.sha256(der).hexdigest() for der in ctx.get_ca_certs(binary_form=True))
try:
    import certifi

    out["certifi"] = certifi.where()
    certifi_ctx = ssl.create_default_context(cafile=certifi.where())
    out["certifi_certs"] = sorted(
        hashlib.sha256(der).hexdigest() for der in certifi_ctx.get_ca_certs(binary_form=True)
    )
except ImportError:
    out["certifi"] = None
    out["certifi_certs"] = None
try:
    import requests

    s = requests.Session()
    out["requests_verify"] = s.merge_environment_settings("https://example.invalid/", {}, None, None, None)["verify"]
except ImportError:
    out["requests_verify"] = None

args = sys.argv[1:]
if "--pip" in args:
    from pip._internal.commands import create_command

    cmd = create_command("install")
    options, _ = cmd.parse_args([])
    session = cmd._build_session(options)
    out["pip_verify"] = session.merge_environment_settings("https://pypi.org/simple/", {}, None, None, None)["verify"]

if "--handshake" in args:
    i = args.index("--handshake")
    cert, key = args[i + 1], args[i + 2]
    server_ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server_ctx.load_cert_chain(cert, key)
    a, b = socket.socketpair()
    a.settimeout(5)
    b.settimeout(5)

    def serve():
        try:
            with server_ctx.wrap_socket(a, server_side=True) as s:
                s.recv(1)
        except (OSError, ssl.SSLError):
            pass

    t = threading.Thread(target=serve, daemon=True)
    t.start()
    try:
        with ssl.create_default_context().wrap_socket(b, server_hostname="localhost") as c:
            out["handshake"] = "ok"
    except ssl.SSLCertVerificationError as e:
        out["handshake"] = e.verify_message
    except (OSError, ssl.SSLError) as e:
        out["handshake"] = "error: " + str(e)
    a.close()
    t.join(5)

print(json.dumps(out, sort_keys=True))
