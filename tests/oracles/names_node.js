// names_node: asks Node.js whether each certificate is valid for each name, with
// tls.checkServerIdentity on the certificate as tls.connect presents it (toLegacyObject),
// and, for the ids listed in a second file, with a real tls.connect to a server on 127.0.0.1.
//
// Usage: node names_node.js MANIFEST CA.pem [CONNECT_IDS]
// MANIFEST lines: id<TAB>leaf.pem<TAB>name. Output: id<TAB>node|node-connect<TAB>ok|fail<TAB>message
'use strict';
const fs = require('fs');
const tls = require('tls');
const { X509Certificate } = require('crypto');

const [manifest, caPath, connectIdsPath] = process.argv.slice(2);
const ca = fs.readFileSync(caPath);
const cases = fs.readFileSync(manifest, 'utf8').split('\n').filter(Boolean).map((l) => {
  const [id, path, name] = l.split('\t');
  return { id, path, name };
});
const out = [];
const legacy = new Map();
for (const c of cases) {
  if (!legacy.has(c.path)) {
    legacy.set(c.path, new X509Certificate(fs.readFileSync(c.path)).toLegacyObject());
  }
  const err = tls.checkServerIdentity(c.name, legacy.get(c.path));
  out.push(`${c.id}\tnode\t${err ? 'fail' : 'ok'}\t${err ? err.message.replace(/\n/g, ' ') : ''}`);
}

function connectOne(c) {
  return new Promise((resolve) => {
    const server = tls.createServer({
      cert: fs.readFileSync(c.path),
      key: fs.readFileSync(c.path.replace(/\.pem$/, '.key')),
    });
    server.listen(0, '127.0.0.1', () => {
      const opts = { host: c.name, port: server.address().port, ca };
      if (require('net').isIP(c.name)) {
        // An IP cannot be redirected by a resolver: connect to 127.0.0.1 and check the name
        // as tls.connect does for that host.
        opts.host = '127.0.0.1';
        opts.checkServerIdentity = (_host, cert) => tls.checkServerIdentity(c.name, cert);
      } else {
        // Resolve every name to 127.0.0.1 so the default checkServerIdentity sees c.name.
        opts.lookup = (_h, o, cb) => (o && o.all
          ? cb(null, [{ address: '127.0.0.1', family: 4 }])
          : cb(null, '127.0.0.1', 4));
      }
      const sock = tls.connect(opts, () => {
        out.push(`${c.id}\tnode-connect\tok\t`);
        sock.end();
        server.close();
        resolve();
      });
      sock.setTimeout(5000, () => sock.destroy(new Error('timeout')));
      sock.on('error', (e) => {
        out.push(`${c.id}\tnode-connect\tfail\t${e.code || ''} ${e.message.replace(/\n/g, ' ')}`);
        server.close();
        resolve();
      });
    });
  });
}

(async () => {
  if (connectIdsPath) {
    const ids = new Set(fs.readFileSync(connectIdsPath, 'utf8').split('\n').filter(Boolean));
    for (const c of cases.filter((c) => ids.has(c.id))) await connectOne(c);
  }
  process.stdout.write(out.join('\n') + '\n');
})();
