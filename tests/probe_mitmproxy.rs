//! A real mitmproxy (`mitmdump`, from PyPI) as an explicit proxy in front of a TLS server on
//! 127.0.0.1: `trustaudit probe --proxy` must say intercepted, name mitmproxy and export the
//! very root mitmproxy generated.

#[path = "proxies/support.rs"]
mod support;

use support::{Ca, LeafSpec, Mitmdump, TlsServer};
use trustaudit::cert::Certificate;

#[test]
fn probing_through_mitmproxy_says_intercepted_names_it_and_exports_its_root() {
    let Some(mitm) = Mitmdump::start(&[]) else { return };
    let root = Ca::root("Trustaudit Test Root", "Trustaudit Test");
    let leaf = root.leaf(&LeafSpec::valid("proxy.golang.org", &["proxy.golang.org"]));
    let server = TlsServer::start(vec![leaf.der, root.der()], leaf.key, None);
    let home = tempfile::tempdir().unwrap();
    let exported = home.path().join("mitm-root.pem");

    let out = support::trustaudit(home.path())
        .args(["probe", &format!("127.0.0.1:{}", server.addr.port()), "--sni", "proxy.golang.org"])
        .args(["--proxy", &mitm.url(), "--timeout", "20", "--export-root"])
        .arg(&exported)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "stdout:\n{stdout}\nstderr:\n{}", String::from_utf8_lossy(&out.stderr));
    assert!(
        stdout.contains(&format!(
            "  proxy    CONNECT 127.0.0.1:{} → HTTP/1.1 200 Connection established\n",
            server.addr.port()
        )),
        "{stdout}"
    );
    assert!(stdout.contains("  verdict  intercepted by mitmproxy (debugging proxy), confidence"), "{stdout}");
    assert!(stdout.contains("(issuer CN=mitmproxy, O=mitmproxy, until"), "{stdout}");
    assert!(stdout.contains(&format!("  fix      root written to {}", exported.display())), "{stdout}");

    let written = Certificate::from_pem_or_der(&std::fs::read(&exported).unwrap()).unwrap();
    let generated = Certificate::from_pem_or_der(&mitm.ca_pem()).unwrap();
    assert_eq!(written.sha256_hex(), generated.sha256_hex());
}

#[test]
fn the_json_probe_through_mitmproxy_carries_the_chain_and_the_verdict() {
    let Some(mitm) = Mitmdump::start(&[]) else { return };
    let root = Ca::root("Trustaudit Test Root", "Trustaudit Test");
    let leaf = root.leaf(&LeafSpec::valid("pypi.org", &["pypi.org"]));
    let server = TlsServer::start(vec![leaf.der, root.der()], leaf.key, None);
    let home = tempfile::tempdir().unwrap();
    let out = support::trustaudit(home.path())
        .args(["--json", "probe", &format!("127.0.0.1:{}", server.addr.port()), "--sni", "pypi.org"])
        .args(["--proxy", &mitm.url(), "--timeout", "20"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["schema"], "trustaudit/1");
    assert_eq!(doc["kind"], "probe");
    assert_eq!(doc["probe"]["sni"], "pypi.org");
    assert_eq!(doc["probe"]["proxy_exchange"]["status"], 200);
    assert_eq!(doc["probe"]["chain"][0]["issuer"], "CN=mitmproxy, O=mitmproxy");
    assert_eq!(doc["probe"]["failure"], serde_json::Value::Null);
    assert_eq!(doc["audit"]["verdict"]["verdict"], "intercepted");
    assert_eq!(doc["audit"]["verdict"]["product"]["id"], "mitmproxy");
    assert_eq!(doc["probe"]["scts"]["tls_extension_observable"], false);
}
