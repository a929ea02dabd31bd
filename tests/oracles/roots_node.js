// roots_node: prints what Node.js trusts, for tests/runtime_views.rs.
//
// Usage: node roots_node.js [CERT KEY]
// Prints one JSON object: "roots", the sorted SHA-256 hex of tls.rootCertificates (the
// compiled-in set; NODE_EXTRA_CA_CERTS does not change this list), and with CERT and KEY,
// "handshake": "ok" or the error code when a default client connects to a loopback server
// presenting CERT for "localhost" (this shows NODE_EXTRA_CA_CERTS and --use-openssl-ca at work).
'use strict';
const crypto = require('crypto');
const fs = require('fs');
const tls = require('tls');

const roots = tls.rootCertificates
  .map((pem) => crypto.createHash('sha256').update(new crypto.X509Certificate(pem).raw).digest('hex'))
  .sort();
const out = { roots };
const [cert, key] = process.argv.slice(2);
if (!cert) {
  console.log(JSON.stringify(out));
  process.exit(0);
}
const server = tls.createServer({ cert: fs.readFileSync(cert), key: fs.readFileSync(key) }, (s) => s.end());
server.listen(0, '127.0.0.1', () => {
  const timer = setTimeout(() => finish('timeout'), 5000);
  const sock = tls.connect({ host: '127.0.0.1', port: server.address().port, servername: 'localhost' }, () => {
    finish(sock.authorized ? 'ok' : String(sock.authorizationError));
  });
  sock.on('error', (e) => finish(e.code || String(e)));
  function finish(result) {
    clearTimeout(timer);
    out.handshake = result;
    console.log(JSON.stringify(out));
    sock.destroy();
    server.close();
  }
});
