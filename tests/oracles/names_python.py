"""names_python: asks Python's ssl module (a real TLS handshake in memory, no sockets) and
pip's vendored urllib3 1.26 match_hostname whether each certificate is valid for each name.

Usage: python3 names_python.py MANIFEST CA.pem [SOCKET_IDS]
MANIFEST lines: id<TAB>leaf.pem<TAB>A-label name<TAB>name as typed; the leaf's key is leaf.pem with .key instead of .pem.
Output lines: id<TAB>runtime<TAB>ok|fail|error<TAB>message, for runtime in
  python  - ssl.create_default_context() (check_hostname, Python's default hostflags)
  certifi - the same with hostname_checks_common_name = False, as urllib3 2 (requests) sets it
  pip     - pip._vendor.urllib3's match_hostname on the decoded certificate, as pip 23 runs it
  python-socket - for the ids listed in SOCKET_IDS, the default context over a real TCP
            connection to a server on 127.0.0.1 (the same check, over the kernel's sockets)
"""
import ssl
import sys

try:
    from pip._vendor.urllib3.util.ssl_match_hostname import CertificateError, match_hostname
except ImportError:  # pip without a vendored urllib3 1.26
    match_hostname = None


def pump(client, server, c_out, s_in, s_out, c_in):
    """Drives both ends until the client finishes or fails; returns None or the error text."""
    c_done = s_done = False
    for _ in range(50):
        if not c_done:
            try:
                client.do_handshake()
                c_done = True
            except ssl.SSLWantReadError:
                pass
            except ssl.SSLError as e:
                return str(e)
        if not s_done:
            try:
                server.do_handshake()
                s_done = True
            except ssl.SSLWantReadError:
                pass
            except ssl.SSLError:
                s_done = True  # the client's alert; its own error is what we report
        moved = False
        data = c_out.read()
        if data:
            s_in.write(data)
            moved = True
        data = s_out.read()
        if data:
            c_in.write(data)
            moved = True
        if c_done:
            return None
        if not moved and s_done:
            break
    return "handshake did not finish"


def handshake(server_ctx, client_ctx, name):
    c_in, c_out, s_in, s_out = (ssl.MemoryBIO() for _ in range(4))
    try:
        client = client_ctx.wrap_bio(c_in, c_out, server_side=False, server_hostname=name)
    except (ValueError, UnicodeError) as e:
        return "error", str(e)
    server = server_ctx.wrap_bio(s_in, s_out, server_side=True)
    err = pump(client, server, c_out, s_in, s_out, c_in)
    return ("ok", "") if err is None else ("fail", err)


def socket_handshake(server_ctx, client_ctx, name):
    """One real TLS connection on 127.0.0.1; the server runs in a thread and stops by itself."""
    import socket
    import threading

    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    listener.settimeout(5)

    def serve():
        try:
            conn, _ = listener.accept()
        except OSError:
            return
        conn.settimeout(5)
        try:
            with server_ctx.wrap_socket(conn, server_side=True):
                pass
        except (ssl.SSLError, OSError):
            pass
        finally:
            conn.close()

    t = threading.Thread(target=serve, daemon=True)
    t.start()
    try:
        with socket.create_connection(listener.getsockname(), timeout=5) as raw:
            try:
                with client_ctx.wrap_socket(raw, server_hostname=name):
                    return "ok", ""
            except ssl.SSLError as e:
                return "fail", str(e)
            except (ValueError, UnicodeError) as e:
                return "error", str(e)
    finally:
        t.join(5)
        listener.close()


def main():
    manifest, ca = sys.argv[1], sys.argv[2]
    socket_ids = set()
    if len(sys.argv) > 3:
        socket_ids = set(open(sys.argv[3], encoding="utf-8").read().split("\n")) - {""}
    default = ssl.create_default_context(cafile=ca)
    no_cn = ssl.create_default_context(cafile=ca)
    no_cn.hostname_checks_common_name = False
    servers, decoded = {}, {}
    out = sys.stdout
    for line in open(manifest, encoding="utf-8"):
        parts = line.rstrip("\n").split("\t")
        if len(parts) < 3:
            continue
        case, path, name = parts[:3]
        # Plain ssl (http.client, urllib.request) gets the name as typed and encodes it with
        # the "idna" codec (IDNA 2003); requests and pip convert it to A-labels first (UTS #46).
        typed = parts[3] if len(parts) > 3 else name
        if path not in servers:
            ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            ctx.load_cert_chain(path, path[: -len(".pem")] + ".key")
            servers[path] = ctx
            decoded[path] = ssl._ssl._test_decode_cert(path)
        for runtime, client, host in (("python", default, typed), ("certifi", no_cn, name)):
            verdict, msg = handshake(servers[path], client, host)
            out.write(f"{case}\t{runtime}\t{verdict}\t{msg}\n")
        if case in socket_ids:
            verdict, msg = socket_handshake(servers[path], default, typed)
            out.write(f"{case}\tpython-socket\t{verdict}\t{msg}\n")
        if match_hostname is not None:
            try:
                match_hostname(decoded[path], name)
                out.write(f"{case}\tpip\tok\t\n")
            except CertificateError as e:
                out.write(f"{case}\tpip\tfail\t{e}\n")
            except ValueError as e:
                out.write(f"{case}\tpip\terror\t{e}\n")


if __name__ == "__main__":
    main()
