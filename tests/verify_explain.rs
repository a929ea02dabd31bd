//! `verify::explain::explain` on messages captured from the real runtimes on a Debian 12 machine
//! (curl 7.88, git 2.39 with libcurl-gnutls, Python 3.11, Node.js 20, Go 1.26, cargo 1.95's
//! libcurl, pip 23.2): which runtime printed it, which check failed, what code it carries.

use trustaudit::runtime::Runtime;
use trustaudit::verify::explain::explain;

fn check(text: &str, runtime: Runtime, tool: Option<&str>, kind: &str, code: Option<&str>) {
    let e = explain(text);
    assert_eq!(e.runtime, Some(runtime), "{text}");
    assert_eq!(e.tool, tool, "{text}");
    assert_eq!(e.failure, Some(kind), "{text}");
    assert_eq!(e.code.as_deref(), code, "{text}");
    assert!(!e.next_steps.is_empty());
}

#[test]
fn curl_messages_are_recognised() {
    check("curl: (60) SSL certificate problem: unable to get local issuer certificate\nMore details here: https://curl.se/docs/sslcerts.html", Runtime::Curl, Some("curl"), "unknown_issuer", Some("60"));
    check(
        "curl: (60) SSL: no alternative certificate subject name matches target host name 'api.example.test'",
        Runtime::Curl,
        Some("curl"),
        "name_mismatch",
        Some("60"),
    );
    check(
        "curl: (60) SSL certificate problem: certificate has expired",
        Runtime::Curl,
        Some("curl"),
        "expired",
        Some("60"),
    );
    check(
        "curl: (60) SSL certificate problem: self-signed certificate in certificate chain",
        Runtime::Curl,
        Some("curl"),
        "untrusted_root",
        Some("60"),
    );
}

#[test]
fn git_with_gnutls_messages_are_recognised() {
    check("fatal: unable to access 'https://127.0.0.1:25405/x/': server certificate verification failed. CAfile: /etc/ssl/certs/ca-certificates.crt CRLfile: none", Runtime::Git, Some("git"), "unknown_issuer", None);
    check("fatal: unable to access 'https://127.0.0.1:27446/x/': SSL: certificate subject name (www.example.test) does not match target host name '127.0.0.1'", Runtime::Git, Some("git"), "name_mismatch", None);
}

#[test]
fn python_and_requests_and_pip_messages_are_recognised() {
    check("ssl.SSLCertVerificationError: [SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: unable to get local issuer certificate (_ssl.c:1006)", Runtime::Python, None, "unknown_issuer", Some("20"));
    check("[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: Hostname mismatch, certificate is not valid for 'api.example.test'. (_ssl.c:1006)", Runtime::Python, None, "name_mismatch", Some("62"));
    check("requests.exceptions.SSLError: HTTPSConnectionPool(host='pypi.org', port=443): Max retries exceeded with url: / (Caused by SSLError(SSLCertVerificationError(1, '[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: self-signed certificate in certificate chain (_ssl.c:1006)')))", Runtime::Certifi, Some("requests"), "untrusted_root", Some("19"));
    check("WARNING: Retrying (Retry(total=4)) ... Could not fetch URL https://pypi.org/simple/flask/: There was a problem confirming the ssl certificate: HTTPSConnectionPool(host='pypi.org', port=443): Max retries exceeded with url: /simple/flask/ (Caused by SSLError(SSLCertVerificationError(1, '[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: unable to get local issuer certificate (_ssl.c:1006)'))) - skipping", Runtime::Pip, Some("pip"), "unknown_issuer", Some("20"));
}

#[test]
fn node_and_npm_messages_are_recognised() {
    check("Error: unable to verify the first certificate\n    at TLSSocket.onConnectSecure (node:_tls_wrap:1679:34) {\n  code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE'\n}", Runtime::Node, None, "missing_intermediate", Some("UNABLE_TO_VERIFY_LEAF_SIGNATURE"));
    check("npm ERR! code UNABLE_TO_GET_ISSUER_CERT_LOCALLY\nnpm ERR! errno UNABLE_TO_GET_ISSUER_CERT_LOCALLY\nnpm ERR! request to https://registry.npmjs.org/express failed, reason: unable to get local issuer certificate", Runtime::Node, Some("npm"), "unknown_issuer", Some("UNABLE_TO_GET_ISSUER_CERT_LOCALLY"));
    check("Error [ERR_TLS_CERT_ALTNAME_INVALID]: Hostname/IP does not match certificate's altnames: Host: api.example.test. is not in the cert's altnames: DNS:www.example.test", Runtime::Node, None, "name_mismatch", Some("ERR_TLS_CERT_ALTNAME_INVALID"));
    check(
        "Error: self-signed certificate\n  code: 'DEPTH_ZERO_SELF_SIGNED_CERT'",
        Runtime::Node,
        None,
        "self_signed_leaf",
        Some("DEPTH_ZERO_SELF_SIGNED_CERT"),
    );
}

#[test]
fn go_messages_are_recognised() {
    check("go: github.com/x/y@v1.2.3: Get \"https://proxy.golang.org/github.com/x/y/@v/v1.2.3.info\": tls: failed to verify certificate: x509: certificate signed by unknown authority", Runtime::Go, Some("go"), "unknown_issuer", None);
    check(
        "tls: failed to verify certificate: x509: certificate relies on legacy Common Name field, use SANs instead",
        Runtime::Go,
        None,
        "name_only_in_common_name",
        None,
    );
    check("x509: certificate has expired or is not yet valid: current time 2026-11-25T20:40:51Z is after 2026-11-23T20:40:50Z", Runtime::Go, None, "expired", Some("10"));
    check("x509: certificate has expired or is not yet valid: current time 2026-11-25T20:40:51Z is before 2026-11-27T20:40:50Z", Runtime::Go, None, "not_yet_valid", Some("9"));
    check(
        "x509: certificate is valid for www.example.test, not api.example.test",
        Runtime::Go,
        None,
        "name_mismatch",
        None,
    );
    check("x509: certificate specifies an incompatible key usage", Runtime::Go, None, "wrong_usage", Some("26"));
    check(
        "x509: too many intermediates for path length constraint",
        Runtime::Go,
        None,
        "path_len_exceeded",
        Some("25"),
    );
}

#[test]
fn cargo_openssl_and_rustls_messages_are_recognised() {
    check("error: failed to download from `https://static.crates.io/crates/serde/1.0.0/download`\n\nCaused by:\n  [60] SSL peer certificate or SSH remote key was not OK (SSL certificate problem: unable to get local issuer certificate)", Runtime::Cargo, Some("cargo"), "unknown_issuer", Some("60"));
    check("CN = www.example.test\nerror 20 at 0 depth lookup: unable to get local issuer certificate\nerror leaf.pem: verification failed", Runtime::Openssl, None, "unknown_issuer", Some("20"));
    check("invalid peer certificate: UnknownIssuer", Runtime::Rustls, None, "unknown_issuer", None);
}

#[test]
fn plain_http_answering_a_tls_client_is_not_a_trust_problem() {
    let e = explain("curl: (35) error:0A00010B:SSL routines::wrong version number");
    assert_eq!(e.failure, Some("not_tls"));
    assert_eq!(e.runtime, Some(Runtime::Curl));
}

#[test]
fn unrelated_text_is_not_recognised() {
    let e = explain("connection refused");
    assert!(!e.recognised());
    assert_eq!(e.next_steps, ["Run `trustaudit doctor <tool> <url>` to test DNS, proxy, TLS and trust end to end."]);
}
