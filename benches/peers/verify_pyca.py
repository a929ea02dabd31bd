"""verify_pyca: pyca/cryptography's x509.verification on the chains benches/verify.rs wrote, for
benches/peers/verify.sh. Usage: python3 verify_pyca.py DIR LABEL...; prints "LABEL ns_per_op".
"""

import datetime
import os
import sys
import time

from cryptography import x509
from cryptography.x509.verification import PolicyBuilder, Store

base = sys.argv[1]
name = open(os.path.join(base, "name")).read().strip()
at = datetime.datetime.fromtimestamp(int(open(os.path.join(base, "time")).read()), datetime.timezone.utc)
for label in sys.argv[2:]:
    chain = x509.load_pem_x509_certificates(open(os.path.join(base, label, "chain.pem"), "rb").read())
    roots = x509.load_pem_x509_certificates(open(os.path.join(base, label, "roots.pem"), "rb").read())
    verifier = PolicyBuilder().store(Store(roots)).time(at).build_server_verifier(x509.DNSName(name))
    verifier.verify(chain[0], chain[1:])
    n, start = 0, time.perf_counter()
    while time.perf_counter() - start < 2.0:
        for _ in range(50):
            verifier.verify(chain[0], chain[1:])
        n += 50
    print(f"{label} {int((time.perf_counter() - start) / n * 1e9)}", flush=True)
