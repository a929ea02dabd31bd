// verify_node: the Node.js tls oracle for tests/verify_differential.rs.
//
// Usage: node verify_node.js DIR CASE...; each DIR/CASE holds chain.pem, key.pem, roots.pem and
// name. Serves the chain on 127.0.0.1 (ephemeral port) and connects with tls.connect, `ca` set to
// roots.pem and servername set to the name. Prints "CASE\tOK" or "CASE\t<code>|<message>".
"use strict";
const tls = require("tls");
const fs = require("fs");
const path = require("path");

function one(d) {
  return new Promise((resolve) => {
    const name = fs.readFileSync(path.join(d, "name"), "utf8").trim();
    const server = tls.createServer({
      key: fs.readFileSync(path.join(d, "key.pem")),
      cert: fs.readFileSync(path.join(d, "chain.pem")),
    }, (sock) => sock.end());
    server.on("tlsClientError", () => {});
    const timer = setTimeout(() => { server.close(); resolve("TIMEOUT"); }, 5000);
    server.listen(0, "127.0.0.1", () => {
      const s = tls.connect({
        host: "127.0.0.1", port: server.address().port, servername: name,
        ca: fs.readFileSync(path.join(d, "roots.pem")),
      }, () => { clearTimeout(timer); s.destroy(); server.close(); resolve("OK"); });
      s.on("error", (e) => { clearTimeout(timer); s.destroy(); server.close(); resolve(`${e.code}|${e.message}`); });
    });
  });
}

(async () => {
  const [dir, ...cases] = process.argv.slice(2);
  for (const c of cases) {
    console.log(`${c}\t${await one(path.join(dir, c))}`);
  }
})();
