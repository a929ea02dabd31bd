"""names_curl: asks the real curl whether each certificate is valid for each name, with real
TLS handshakes on 127.0.0.1: one TLS server per certificate in this process, and ONE curl
process for all cases (a config file with one URL per case, `next` between them, and
`--connect-to` sending every name, IPs included, to that certificate's port).

Usage: python3 names_curl.py MANIFEST CA.pem
MANIFEST lines: id<TAB>leaf.pem<TAB>A-label name<TAB>name as typed; the key is leaf.pem with .key instead of .pem.
Output lines: id<TAB>curl<TAB>ok|fail|error<TAB>curl's error message.
"""
import ipaddress
import os
import socket
import ssl
import subprocess
import sys
import tempfile
import threading

RESPONSE = b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"


def serve(listener, ctx, stop):
    listener.settimeout(0.2)
    while not stop.is_set():
        try:
            conn, _ = listener.accept()
        except (socket.timeout, OSError):
            continue
        conn.settimeout(5)
        try:
            with ctx.wrap_socket(conn, server_side=True) as tls:
                tls.recv(4096)
                tls.sendall(RESPONSE)
        except (ssl.SSLError, OSError):
            pass  # the client refused the certificate: that is its answer, not ours
        finally:
            conn.close()


def url_host(name):
    try:
        ip = ipaddress.ip_address(name)
    except ValueError:
        return name
    return f"[{ip}]" if ip.version == 6 else str(ip)


def main():
    manifest, ca = sys.argv[1], sys.argv[2]
    # curl is given the name as typed: it converts Unicode itself (libidn2).
    cases = [(f[0], f[1], f[3] if len(f) > 3 else f[2])
             for f in (l.rstrip("\n").split("\t") for l in open(manifest, encoding="utf-8") if l.strip())]
    stop = threading.Event()
    ports = {}
    threads = []
    for _, path, _ in cases:
        if path in ports:
            continue
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(path, path[: -len(".pem")] + ".key")
        listener = socket.socket()
        listener.bind(("127.0.0.1", 0))
        listener.listen(64)
        ports[path] = listener.getsockname()[1]
        t = threading.Thread(target=serve, args=(listener, ctx, stop), daemon=True)
        t.start()
        threads.append(t)
    with tempfile.NamedTemporaryFile("w", suffix=".curlrc", delete=False) as cfg:
        for i, (_, path, name) in enumerate(cases):
            if i:
                cfg.write("next\n")
            cfg.write(f'url = "https://{url_host(name)}:443/"\n')
            cfg.write(f'connect-to = "::127.0.0.1:{ports[path]}"\n')
            cfg.write(f'cacert = "{ca}"\n')
            cfg.write('output = "/dev/null"\nsilent\nmax-time = 10\nnoproxy = "*"\n')
            cfg.write('write-out = "%{exitcode}\\t%{errormsg}\\n"\n')
        cfg_path = cfg.name
    # A UTF-8 locale, as a user typing a Unicode name has: libidn2 reads names in the locale.
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": os.environ.get("HOME", "/"),
           "LC_ALL": "C.UTF-8"}
    try:
        run = subprocess.run(["curl", "-q", "-K", cfg_path], capture_output=True, text=True, env=env, timeout=600)
    finally:
        stop.set()
        os.unlink(cfg_path)
    lines = run.stdout.splitlines()
    if len(lines) != len(cases):
        sys.stderr.write(f"curl answered {len(lines)} of {len(cases)} cases\n{run.stderr}\n")
        sys.exit(3)
    for (case, _, _), line in zip(cases, lines):
        code, _, msg = line.partition("\t")
        # 60: the peer certificate was refused (name or chain); 0: transfer done.
        verdict = "ok" if code == "0" else "fail" if code == "60" else "error"
        print(f"{case}\tcurl\t{verdict}\t{msg if verdict != 'ok' else ''}")


if __name__ == "__main__":
    main()
