//! The reverse of [`super::words`]: from a pasted error text to which runtime printed it, what
//! it means, and what to check next.
//!
//! A table of patterns taken from the runtimes' own sources and from messages captured on real
//! runtimes (the differential tests feed every captured message back through here). Pure: no I/O.

use serde::Serialize;

use crate::runtime::Runtime;

/// What a pasted TLS error means.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Explanation {
    /// The runtime that printed it, when the text says.
    pub runtime: Option<Runtime>,
    /// The tool on top of the runtime, when the text says (`npm`, `pip`, `requests`, `git`, …).
    pub tool: Option<&'static str>,
    /// The failure kind, as [`super::VerifyFailure::kind`] names it (`unknown_issuer`, …), or a
    /// non-verification kind (`missing_intermediate`, `not_tls`, `client_certificate`).
    pub failure: Option<&'static str>,
    /// The error code in the text (OpenSSL's number, Node.js's code, curl's exit code).
    pub code: Option<String>,
    /// What it means, in one or two sentences.
    pub meaning: String,
    /// What to check or run next, most useful first.
    pub next_steps: Vec<String>,
}

impl Explanation {
    /// Whether the text was recognised at all.
    pub fn recognised(&self) -> bool {
        self.failure.is_some()
    }
}

/// (needle, kind, OpenSSL-style code) for the failure part of a message; first match wins, so
/// specific texts come before general ones.
const FAILURES: &[(&str, &str, Option<&str>)] = &[
    ("certificate relies on legacy common name field", "name_only_in_common_name", None),
    ("x509: certificate is valid for", "name_mismatch", None),
    ("x509: certificate is not valid for any names", "name_mismatch", None),
    ("x509: cannot validate certificate for", "name_mismatch", None),
    ("hostname/ip does not match certificate's altnames", "name_mismatch", None),
    ("err_tls_cert_altname_invalid", "name_mismatch", None),
    ("hostname mismatch", "name_mismatch", Some("62")),
    ("ip address mismatch", "name_mismatch", Some("64")),
    ("no alternative certificate subject name matches", "name_mismatch", None),
    ("does not match target host name", "name_mismatch", None),
    ("doesn't match", "name_mismatch", None),
    ("certificate not valid for name", "name_mismatch", None),
    ("unable to verify the first certificate", "missing_intermediate", Some("21")),
    ("unable_to_verify_leaf_signature", "missing_intermediate", Some("21")),
    ("self-signed certificate in certificate chain", "untrusted_root", Some("19")),
    ("self signed certificate in certificate chain", "untrusted_root", Some("19")),
    ("self_signed_cert_in_chain", "untrusted_root", Some("19")),
    ("depth_zero_self_signed_cert", "self_signed_leaf", Some("18")),
    ("self-signed certificate", "self_signed_leaf", Some("18")),
    ("self signed certificate", "self_signed_leaf", Some("18")),
    ("unable to get local issuer certificate", "unknown_issuer", Some("20")),
    ("unable_to_get_issuer_cert_locally", "unknown_issuer", Some("20")),
    ("unable to get issuer certificate", "unknown_issuer", Some("2")),
    ("certificate signed by unknown authority", "unknown_issuer", None),
    ("unknownissuer", "unknown_issuer", None),
    ("server certificate verification failed", "unknown_issuer", None),
    ("is after", "expired", Some("10")),
    ("is before", "not_yet_valid", Some("9")),
    ("certificate has expired", "expired", Some("10")),
    ("cert_has_expired", "expired", Some("10")),
    ("certificate expired", "expired", Some("10")),
    ("certificate is not yet valid", "not_yet_valid", Some("9")),
    ("cert_not_yet_valid", "not_yet_valid", Some("9")),
    ("certificate not valid yet", "not_yet_valid", Some("9")),
    ("incompatible key usage", "wrong_usage", Some("26")),
    ("unsuitable certificate purpose", "wrong_usage", Some("26")),
    ("unsupported certificate purpose", "wrong_usage", Some("26")),
    ("invalid_purpose", "wrong_usage", Some("26")),
    ("invalidpurpose", "wrong_usage", Some("26")),
    ("too many intermediates for path length constraint", "path_len_exceeded", Some("25")),
    ("path length constraint exceeded", "path_len_exceeded", Some("25")),
    ("path_length_exceeded", "path_len_exceeded", Some("25")),
    ("not authorized to sign other certificates", "not_a_ca", Some("24")),
    ("invalid ca certificate", "not_a_ca", Some("24")),
    ("invalid_ca", "not_a_ca", Some("24")),
    ("not authorized to sign for this name", "name_constraint_violation", Some("47")),
    ("subtree violation", "name_constraint_violation", Some("47")),
    ("certificate signature failure", "bad_signature", Some("7")),
    ("badsignature", "bad_signature", None),
    ("unhandled critical extension", "unsupported_critical_extension", Some("34")),
    ("wrong version number", "not_tls", None),
    ("packet length too long", "not_tls", None),
    ("first record does not look like a tls handshake", "not_tls", None),
    ("alert unknown ca", "client_certificate", None),
    ("alert bad certificate", "client_certificate", None),
    ("certificate_verify_failed", "unknown", None),
    ("certificate verify failed", "unknown", None),
];

/// (needle, runtime, tool); first match wins: tools before the runtime under them.
const SOURCES: &[(&str, Runtime, Option<&str>)] = &[
    ("npm err!", Runtime::Node, Some("npm")),
    ("npm error", Runtime::Node, Some("npm")),
    ("yarn", Runtime::Node, Some("yarn")),
    ("could not fetch url", Runtime::Pip, Some("pip")),
    ("pip._vendor", Runtime::Pip, Some("pip")),
    ("there was a problem confirming the ssl certificate", Runtime::Pip, Some("pip")),
    ("requests.exceptions", Runtime::Certifi, Some("requests")),
    ("httpsconnectionpool", Runtime::Certifi, Some("requests")),
    ("ssl peer certificate or ssh remote key was not ok", Runtime::Cargo, Some("cargo")),
    ("failed to download", Runtime::Cargo, Some("cargo")),
    ("fatal: unable to access", Runtime::Git, Some("git")),
    ("server certificate verification failed. cafile:", Runtime::Git, Some("git")),
    ("curl: (60)", Runtime::Curl, Some("curl")),
    ("curl: (51)", Runtime::Curl, Some("curl")),
    ("curl: (35)", Runtime::Curl, Some("curl")),
    ("go: ", Runtime::Go, Some("go")),
    ("tls: failed to verify certificate", Runtime::Go, None),
    ("x509: ", Runtime::Go, None),
    ("[ssl: certificate_verify_failed]", Runtime::Python, None),
    ("sslcertverificationerror", Runtime::Python, None),
    ("(_ssl.c:", Runtime::Python, None),
    ("invalid peer certificate", Runtime::Rustls, None),
    ("err_tls_cert_altname_invalid", Runtime::Node, None),
    ("hostname/ip does not match", Runtime::Node, None),
    ("unable_to_get_issuer_cert_locally", Runtime::Node, None),
    ("unable_to_verify_leaf_signature", Runtime::Node, None),
    ("self_signed_cert_in_chain", Runtime::Node, None),
    ("depth_zero_self_signed_cert", Runtime::Node, None),
    ("cert_has_expired", Runtime::Node, None),
    ("cert_not_yet_valid", Runtime::Node, None),
    ("invalid_purpose", Runtime::Node, None),
    ("invalid_ca", Runtime::Node, None),
    ("path_length_exceeded", Runtime::Node, None),
    ("depth lookup:", Runtime::Openssl, None),
    ("verify error:num=", Runtime::Openssl, None),
    ("verify return code:", Runtime::Openssl, None),
    ("ssl certificate problem", Runtime::Curl, None),
];

/// Explains a pasted error text. Unrecognised text gives an explanation with `failure: None` and a
/// suggestion to run `trustaudit doctor`.
pub fn explain(text: &str) -> Explanation {
    let lower = text.to_lowercase();
    let source = SOURCES.iter().find(|(needle, _, _)| lower.contains(needle));
    // OpenSSL's X509_STRICT texts (Python 3.13+, urllib3 2.4+, -x509_strict) come from their
    // own table; they outrank only the generic "certificate verify failed" around them.
    let strict = || {
        super::openssl_strict::TEXTS
            .iter()
            .find(|(_, text)| lower.contains(&text.to_lowercase()))
            .map(|(code, _)| ("x509_strict", Some(code.to_string())))
    };
    let failure = match FAILURES.iter().find(|(needle, _, _)| lower.contains(needle)) {
        Some((_, kind, ossl)) if *kind != "unknown" => Some((*kind, ossl.map(str::to_owned))),
        generic => strict().or_else(|| generic.map(|(_, kind, ossl)| (*kind, ossl.map(str::to_owned)))),
    };
    let runtime = source.map(|s| s.1);
    let tool = source.and_then(|s| s.2);
    let Some((kind, ossl)) = failure else {
        return Explanation {
            runtime,
            tool,
            failure: None,
            code: None,
            meaning: "trustaudit does not recognise this text as a certificate verification error.".to_owned(),
            next_steps: vec![
                "Run `trustaudit doctor <tool> <url>` to test DNS, proxy, TLS and trust end to end.".to_owned()
            ],
        };
    };
    let code = node_or_curl_code(&lower, runtime).or(ossl);
    Explanation {
        runtime,
        tool,
        failure: Some(kind),
        code,
        meaning: meaning(kind).to_owned(),
        next_steps: next_steps(kind, runtime),
    }
}

fn node_or_curl_code(lower: &str, runtime: Option<Runtime>) -> Option<String> {
    const NODE: &[&str] = &[
        "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
        "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
        "SELF_SIGNED_CERT_IN_CHAIN",
        "DEPTH_ZERO_SELF_SIGNED_CERT",
        "CERT_HAS_EXPIRED",
        "CERT_NOT_YET_VALID",
        "ERR_TLS_CERT_ALTNAME_INVALID",
        "UNABLE_TO_GET_ISSUER_CERT",
        "INVALID_PURPOSE",
        "INVALID_CA",
        "PATH_LENGTH_EXCEEDED",
        "CERT_SIGNATURE_FAILURE",
    ];
    if let Some(c) = NODE.iter().find(|c| lower.contains(&c.to_lowercase())) {
        return Some((*c).to_owned());
    }
    if matches!(runtime, Some(Runtime::Curl | Runtime::Git | Runtime::Cargo)) {
        for c in ["60", "51", "35"] {
            if lower.contains(&format!("({c})")) || lower.contains(&format!("[{c}]")) {
                return Some(c.to_owned());
            }
        }
    }
    // OpenSSL's own "error N at D depth lookup" / "verify error:num=N".
    for marker in ["error ", "verify error:num="] {
        if let Some(i) = lower.find(marker) {
            let digits: String = lower[i + marker.len()..].chars().take_while(char::is_ascii_digit).collect();
            if !digits.is_empty() && lower.contains("depth") {
                return Some(digits);
            }
        }
    }
    None
}

fn meaning(kind: &str) -> &'static str {
    match kind {
        "unknown_issuer" => "The server's chain does not lead to a root this runtime trusts. Behind a TLS-inspecting proxy this almost always means the proxy's root is not in the store this runtime reads (it may be in the system or browser store only).",
        "missing_intermediate" => "Only the server's own certificate arrived and its issuer is in no store: the server (or a proxy) did not send the intermediate certificate, or the root is missing.",
        "untrusted_root" => "The chain ends in a self-signed root that this runtime does not trust: typically a corporate or proxy root that was never added to this runtime's store.",
        "self_signed_leaf" => "The server presented a self-signed certificate that is not in the trust store (a development server, an appliance, or a proxy's block page).",
        "expired" => "A certificate in the chain has expired (or this machine's clock is ahead).",
        "not_yet_valid" => "A certificate in the chain is not valid yet (or this machine's clock is behind).",
        "name_mismatch" => "The certificate is valid, but not for the name you connected to: a wrong host or port, a proxy re-signing with the wrong name, or a DNS/hosts override sending you elsewhere.",
        "name_only_in_common_name" => "The name is only in the certificate's legacy Common Name; Go (since 1.15) and browsers ignore it and need a subjectAltName. Proxies and old internal CAs often issue such certificates.",
        "wrong_usage" => "A certificate's extendedKeyUsage does not allow TLS server authentication.",
        "path_len_exceeded" => "An intermediate CA's path length constraint forbids the chain's depth.",
        "not_a_ca" => "A certificate that is not a CA was used to issue another certificate.",
        "name_constraint_violation" => "An issuing CA is name-constrained and the server's name is outside its allowed names.",
        "bad_signature" => "A signature in the chain does not verify: a corrupted or tampered chain, or a same-name issuer with a different key.",
        "unsupported_critical_extension" => "A certificate carries a critical extension this runtime does not understand.",
        "not_tls" => "What answered was not TLS: an HTTP proxy port, a plain-HTTP service, or a captive portal.",
        "x509_strict" => "The chain leads to a trusted root, but a certificate in it breaks an RFC 5280 rule that only strict verification enforces: Python 3.13+ (`ssl.create_default_context()`), requests on Python 3.13+ with urllib3 2.4+, and `openssl verify -x509_strict`. Certificates minted by TLS-inspecting proxies and home-made corporate CAs often lack an authorityKeyIdentifier or mark basicConstraints non-critical; older runtimes accept them.",
        "client_certificate" => "The server rejected this client's certificate (mutual TLS), or the peer rejected our chain.",
        _ => "Certificate verification failed; the text does not say which check.",
    }
}

fn next_steps(kind: &str, runtime: Option<Runtime>) -> Vec<String> {
    let mut steps = Vec::new();
    match kind {
        "unknown_issuer" | "missing_intermediate" | "untrusted_root" | "self_signed_leaf" => {
            steps.push("Save the chain the server presents (`openssl s_client -connect HOST:443 -servername HOST -showcerts </dev/null >chain.pem`) and run `trustaudit verify chain.pem --name HOST` to see which stores trust it and which root is missing.".to_owned());
            if let Some(fix) = runtime.and_then(store_fix) {
                steps.push(fix.to_owned());
            }
            steps.push("Run `trustaudit` (the audit) to list roots present in the system store but missing from each runtime's store.".to_owned());
            if kind == "missing_intermediate" {
                steps.push("If no proxy is involved, the server must send its intermediate certificate; fix the server's chain file.".to_owned());
            }
        }
        "x509_strict" => {
            steps.push("Run `trustaudit verify chain.pem --name HOST`: the strict profile names the certificate and the rule it breaks.".to_owned());
            steps.push("The lasting fix is at the issuer: regenerate the proxy's or company's CA (and have it mint leaves) with basicConstraints critical, keyUsage keyCertSign on CAs, and subject and authority key identifiers.".to_owned());
            steps.push("Until then, in code you control: `ctx = ssl.create_default_context(); ctx.verify_flags &= ~ssl.VERIFY_X509_STRICT` (Python 3.13+ only; it turns off these RFC 5280 checks, not trust).".to_owned());
        }
        "expired" | "not_yet_valid" => {
            steps.push("Check this machine's clock: `date -u`.".to_owned());
            steps.push("Run `trustaudit verify chain.pem --name HOST` to see which certificate is out of its validity period and its dates.".to_owned());
        }
        "name_mismatch" | "name_only_in_common_name" => {
            steps.push("Run `trustaudit check-name chain.pem HOST` to compare the name with the certificate's names under each runtime's rules.".to_owned());
            steps.push("Check where the name resolves (`getent hosts HOST`) and whether HTTPS_PROXY / NO_PROXY send it through a proxy.".to_owned());
        }
        "not_tls" => {
            steps.push("Check HTTPS_PROXY / HTTP_PROXY: an https:// proxy URL pointing at a plain HTTP proxy port gives this error.".to_owned());
            steps.push("Run `trustaudit doctor <tool> <url>` to test the proxy and the TLS handshake.".to_owned());
        }
        _ => {
            steps.push("Run `trustaudit verify chain.pem --name HOST` for the exact failure per store.".to_owned());
        }
    }
    steps
}

/// How to add a root to the store a runtime reads.
fn store_fix(runtime: Runtime) -> Option<&'static str> {
    Some(match runtime {
        Runtime::Go => "Go reads SSL_CERT_FILE / SSL_CERT_DIR, else the system bundle: add the root to the system store (`update-ca-certificates`) or `export SSL_CERT_FILE=/path/to/bundle-with-root.pem`.",
        Runtime::Python => "Python's ssl uses OpenSSL's default paths: add the root to the system store or `export SSL_CERT_FILE=/path/to/bundle.pem`.",
        Runtime::Certifi => "requests uses certifi's bundle, not the system store: `export REQUESTS_CA_BUNDLE=/etc/ssl/certs/ca-certificates.crt` (after adding the root there).",
        Runtime::Pip => "pip trusts its vendored certifi, and from pip 24.2 (Python 3.10+) the system store too through truststore: add the root to the system store (`update-ca-certificates`), or add a bundle holding it with `pip config set global.cert /path/to/bundle.pem` (or `export PIP_CERT=…`); pip 23.2–24.1 adds the system store with `--use-feature=truststore`.",
        Runtime::Node => "Node.js uses its compiled-in Mozilla set: `export NODE_EXTRA_CA_CERTS=/path/to/root.pem` (or run node with --use-openssl-ca / --use-system-ca); for npm also `npm config set cafile /path/to/bundle.pem`.",
        Runtime::Git => "git uses http.sslCAInfo: `git config --global http.sslCAInfo /etc/ssl/certs/ca-certificates.crt` (after adding the root there) or `export GIT_SSL_CAINFO=...`.",
        Runtime::Cargo => "cargo reads the system store (SSL_CERT_FILE / SSL_CERT_DIR, else /etc/ssl/certs, as openssl-probe finds them), with http.cainfo replacing the bundle file: add the root to the system store, or `export CARGO_HTTP_CAINFO=/path/to/bundle-with-root.pem`.",
        Runtime::Curl => "curl uses its compiled-in CA path: `export CURL_CA_BUNDLE=/path/to/bundle.pem` or pass `--cacert`.",
        Runtime::Openssl => "Pass `-CAfile /path/to/bundle.pem`, or add the root to OpenSSL's directory (`openssl version -d`) and rehash.",
        Runtime::Rustls => "rustls-based tools use webpki-roots or rustls-native-certs: add the root to the system store, or check the tool's own CA option.",
    })
}
