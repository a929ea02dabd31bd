//! A real squid with ssl-bump (Debian's squid-openssl) and a generated "corporate" root in
//! front of a TLS server on 127.0.0.1: `trustaudit probe` through it must say the connection is
//! intercepted on generic evidence (no product names it) and export the corporate root.

#[path = "proxies/support.rs"]
mod support;

use support::{Ca, LeafSpec, Squid, TlsServer};
use trustaudit::cert::Certificate;

#[test]
fn probing_through_squid_ssl_bump_says_intercepted_and_exports_the_corporate_root() {
    let corp = Ca::root("Example Corp Inspection Root", "Example Corp");
    let Some(squid) = Squid::start(&corp, &["proxy.golang.org"]) else { return };
    let public = Ca::root("Trustaudit Test Public Root", "Trustaudit Test");
    let leaf = public.leaf(&LeafSpec::valid("proxy.golang.org", &["proxy.golang.org"]));
    let server = TlsServer::start(vec![leaf.der, public.der()], leaf.key, None);
    let home = tempfile::tempdir().unwrap();
    let exported = home.path().join("corp-root.pem");

    let out = support::trustaudit(home.path())
        .args(["probe", &format!("proxy.golang.org:{}", server.addr.port())])
        .args(["--proxy", &squid.url(), "--timeout", "20", "--export-root"])
        .arg(&exported)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "stdout:\n{stdout}\nstderr:\n{}", String::from_utf8_lossy(&out.stderr));
    assert!(stdout.contains("  verdict  intercepted by an unidentified product, confidence"), "{stdout}");
    assert!(stdout.contains("(issuer CN=Example Corp Inspection Root, O=Example Corp, until"), "{stdout}");
    assert!(stdout.contains("has no Signed Certificate Timestamps"), "{stdout}");
    let written = Certificate::from_pem_or_der(&std::fs::read(&exported).unwrap()).unwrap();
    assert_eq!(written.sha256_hex(), Certificate::from_pem_or_der(corp.pem().as_bytes()).unwrap().sha256_hex());
}
