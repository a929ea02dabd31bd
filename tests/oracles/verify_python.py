"""verify_python: the Python ssl oracle for tests/verify_differential.rs.

Usage: python3 verify_python.py DIR CASE...; each DIR/CASE holds chain.pem, key.pem, roots.pem
and name. Runs a real TLS handshake in memory (two MemoryBIOs, no sockets) with the default
client context and check_hostname on. Prints "CASE\tOK" or "CASE\t<str(error)>" per case.
"""
import os
import ssl
import sys


def handshake(d: str) -> str:
    name = open(os.path.join(d, "name")).read().strip()
    server_ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server_ctx.load_cert_chain(os.path.join(d, "chain.pem"), os.path.join(d, "key.pem"))
    client_ctx = ssl.create_default_context(cafile=os.path.join(d, "roots.pem"))
    c_in, c_out, s_in, s_out = (ssl.MemoryBIO() for _ in range(4))
    client = client_ctx.wrap_bio(c_in, c_out, server_hostname=name)
    server = server_ctx.wrap_bio(s_in, s_out, server_side=True)
    for _ in range(20):
        for side, inbox, outbox, peer_in in ((client, c_in, c_out, s_in), (server, s_in, s_out, c_in)):
            try:
                side.do_handshake()
            except ssl.SSLWantReadError:
                pass
            except ssl.SSLCertVerificationError as e:
                return str(e)
            except ssl.SSLError as e:
                if side is client:
                    return str(e)
            data = outbox.read()
            if data:
                peer_in.write(data)
        if client.version() is not None and server.version() is not None:
            try:
                client.do_handshake()
                return "OK"
            except ssl.SSLError as e:
                return str(e)
    return "TIMEOUT"


base = sys.argv[1]
for case in sys.argv[2:]:
    print(f"{case}\t{handshake(os.path.join(base, case))}", flush=True)
