//! Each runtime's own words for a verification result: the error text (and code) that Go,
//! OpenSSL, Python, Node.js, curl, git, pip, cargo and rustls print for the same chain.
//!
//! Runtimes disagree on *which* problem they report first: Go checks the leaf's validity, then
//! the name, then builds chains and hints at the first rejected candidate issuer; OpenSSL builds
//! the chain first, then checks extensions, the host name, and finally signatures and times from
//! the root down; Node.js verifies without a host name and reports OpenSSL's *last* error, then
//! checks the name itself. This module replays those orders over [`Verification::findings`].
//! The texts were captured from the real runtimes on a Debian 12 machine (Go 1.26, OpenSSL
//! 3.0, Python 3.11, Node.js 20, curl 7.88 with OpenSSL, git 2.39 with libcurl-gnutls) and are
//! checked by the differential tests.
//!
//! Pure: no I/O.

use std::net::IpAddr;

use serde::Serialize;

use super::failure::short_name;
use super::{Verification, VerifyFailure};
use crate::runtime::Runtime;

/// Line of `_ssl.c` CPython 3.11 names in its verify-failure messages. It changes between
/// Python releases; `explain` accepts any number.
pub const PYTHON_SSL_C_LINE: u32 = 1006;

/// What one runtime would say about a chain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RuntimeMessage {
    /// The runtime.
    pub runtime: Runtime,
    /// Whether this runtime would accept the chain (given the same roots).
    pub accepts: bool,
    /// The runtime's error code, when it has one: OpenSSL's verify code (`20`), Node.js's
    /// `err.code` (`UNABLE_TO_GET_ISSUER_CERT_LOCALLY`), curl's exit code (`60`).
    pub code: Option<String>,
    /// The message as the runtime prints it; empty when it accepts.
    pub text: String,
}

/// The OpenSSL verification flags an OpenSSL-based runtime sets beyond the defaults.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct OpensslFlags {
    /// `X509_V_FLAG_X509_STRICT` ([`super::openssl_strict`]): Python 3.13+'s
    /// `ssl.create_default_context()`, requests (urllib3 2.4+) on Python 3.13+, and
    /// `openssl verify -x509_strict`.
    pub x509_strict: bool,
}

/// An OpenSSL verify error: code, depth and the failure behind it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct OsslError {
    code: u32,
    depth: usize,
}

/// OpenSSL's text for a verify code (`X509_verify_cert_error_string`, OpenSSL 3.0).
pub fn openssl_text(code: u32) -> &'static str {
    match code {
        2 => "unable to get issuer certificate",
        7 => "certificate signature failure",
        9 => "certificate is not yet valid",
        10 => "certificate has expired",
        18 => "self-signed certificate",
        19 => "self-signed certificate in certificate chain",
        20 => "unable to get local issuer certificate",
        21 => "unable to verify the first certificate",
        22 => "certificate chain too long",
        24 => "invalid CA certificate",
        25 => "path length constraint exceeded",
        26 => "unsuitable certificate purpose",
        34 => "unhandled critical extension",
        47 => "permitted subtree violation",
        62 => "hostname mismatch",
        64 => "IP address mismatch",
        _ => super::openssl_strict::text(code).unwrap_or("certificate verify failed"),
    }
}

/// Node.js's `err.code` for an OpenSSL verify code.
pub fn node_code(code: u32) -> &'static str {
    match code {
        2 => "UNABLE_TO_GET_ISSUER_CERT",
        7 => "CERT_SIGNATURE_FAILURE",
        9 => "CERT_NOT_YET_VALID",
        10 => "CERT_HAS_EXPIRED",
        18 => "DEPTH_ZERO_SELF_SIGNED_CERT",
        19 => "SELF_SIGNED_CERT_IN_CHAIN",
        20 => "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
        21 => "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
        22 => "CERT_CHAIN_TOO_LONG",
        24 => "INVALID_CA",
        25 => "PATH_LENGTH_EXCEEDED",
        26 => "INVALID_PURPOSE",
        62 => "HOSTNAME_MISMATCH",
        _ => "UNSPECIFIED",
    }
}

/// The OpenSSL code for one failure (as `X509_verify_cert` raises it), or `None` when OpenSSL
/// does not check it (a CA certificate used as a leaf).
fn openssl_code(f: &VerifyFailure) -> Option<OsslError> {
    let at = |c: &super::CertRef, code| Some(OsslError { code, depth: c.depth });
    let maybe = |c: &Option<super::CertRef>, code| Some(OsslError { code, depth: c.as_ref().map_or(0, |c| c.depth) });
    match f {
        VerifyFailure::UnknownIssuer { certificate, .. } => at(certificate, 20),
        VerifyFailure::SelfSignedLeaf { certificate, .. } => at(certificate, 18),
        VerifyFailure::UntrustedRoot { root, .. } => at(root, 19),
        VerifyFailure::Expired { certificate, .. } => at(certificate, 10),
        VerifyFailure::NotYetValid { certificate, .. } => at(certificate, 9),
        VerifyFailure::BadSignature { certificate, .. } => at(certificate, 7),
        VerifyFailure::NotACa { certificate } => at(certificate, 24),
        VerifyFailure::PathLenExceeded { certificate, .. } => maybe(certificate, 25),
        VerifyFailure::WrongUsage { certificate, .. } => maybe(certificate, 26),
        VerifyFailure::UnsupportedCriticalExtension { certificate, .. } => maybe(certificate, 34),
        VerifyFailure::NameConstraintViolation { constrained_by } => maybe(constrained_by, 47),
        VerifyFailure::NameMismatch { name, .. } => {
            Some(OsslError { code: if name.parse::<IpAddr>().is_ok() { 64 } else { 62 }, depth: 0 })
        }
        VerifyFailure::TooManyCertificates { .. } | VerifyFailure::BudgetExceeded { .. } => {
            Some(OsslError { code: 22, depth: 0 })
        }
        // OpenSSL's default verification (no X509_V_FLAG_X509_STRICT, as Python before 3.13,
        // curl, git and Node.js run it) does not apply the strict profile's lints.
        VerifyFailure::CaUsedAsEndEntity { .. } | VerifyFailure::Invalid { .. } => None,
        _ => Some(OsslError { code: 7, depth: 0 }),
    }
}

/// Phase of `X509_verify_cert` that raises a failure: chain building, extension checks, host
/// name, then signatures and times (root first).
fn openssl_phase(f: &VerifyFailure) -> u8 {
    match f {
        VerifyFailure::UnknownIssuer { .. }
        | VerifyFailure::SelfSignedLeaf { .. }
        | VerifyFailure::UntrustedRoot { .. }
        | VerifyFailure::TooManyCertificates { .. }
        | VerifyFailure::BudgetExceeded { .. } => 0,
        VerifyFailure::NotACa { .. }
        | VerifyFailure::PathLenExceeded { .. }
        | VerifyFailure::WrongUsage { .. }
        | VerifyFailure::UnsupportedCriticalExtension { .. } => 1,
        VerifyFailure::NameConstraintViolation { .. } => 2,
        VerifyFailure::NameMismatch { .. } => 3,
        _ => 4,
    }
}

/// The chain failures OpenSSL meets, in the order it meets them (no host-name check).
fn openssl_sequence(v: &Verification, flags: OpensslFlags) -> Vec<OsslError> {
    let source: Vec<&VerifyFailure> =
        if v.findings.is_empty() { v.chain_failure().into_iter().collect() } else { v.findings.iter().collect() };
    let mut seq: Vec<(u8, usize, OsslError)> = source
        .iter()
        .filter_map(|f| {
            let e = openssl_code(f)?;
            let phase = openssl_phase(f);
            // Extension checks run leaf first (per certificate: critical extensions, CA,
            // purpose, then the strict checks, then the path length); signatures and times
            // run from the root down.
            let order = match (phase, f) {
                (4, _) => usize::MAX - e.depth,
                (_, VerifyFailure::PathLenExceeded { .. }) => e.depth * 3 + 2,
                _ => e.depth * 3,
            };
            Some((phase, order, e))
        })
        .collect();
    // `check_extensions` runs only on a chain that reached a trusted root.
    if flags.x509_strict {
        for (code, depth) in super::openssl_strict::errors(v.openssl_chain()) {
            seq.push((1, depth * 3 + 1, OsslError { code, depth }));
        }
    }
    // A lone leaf whose issuer is missing also fails its signature check (21) in the last phase.
    if let Some(VerifyFailure::UnknownIssuer { certificate, .. }) =
        source.iter().copied().find(|f| matches!(f, VerifyFailure::UnknownIssuer { .. }))
    {
        if certificate.depth == 0 {
            seq.push((4, usize::MAX - 1, OsslError { code: 21, depth: 0 }));
        }
    }
    seq.sort_by_key(|(phase, order, _)| (*phase, *order));
    seq.into_iter().map(|(_, _, e)| e).collect()
}

/// A name failure as one runtime sees it, with that runtime's own text when the hostname
/// layer has it.
struct NameView {
    failure: VerifyFailure,
    message: Option<String>,
}

/// The name failure as `runtime` sees it: `None` when that runtime's own name rules (CN
/// fallback, partial wildcards, ...) accept the name.
fn name_failure_for(runtime: Runtime, v: &Verification) -> Option<NameView> {
    let Some((leaf, name)) = &v.name_subject else {
        return v.name_failure().map(|f| NameView { failure: f.clone(), message: None });
    };
    let check = crate::hostname::check(leaf, name, runtime);
    if check.matched {
        return None;
    }
    let failure = match v.name_failure() {
        Some(f) => f.clone(),
        None => super::path::name_failure(leaf, &name.to_reference_string(), check.reason),
    };
    Some(NameView { failure, message: check.message })
}

/// What `runtime` would print for `v` (its words for the first problem it meets), with
/// OpenSSL's default flags: Python before 3.13, and every other runtime.
pub fn message(runtime: Runtime, v: &Verification) -> RuntimeMessage {
    message_with(runtime, v, OpensslFlags::default())
}

/// [`message`] for a runtime whose OpenSSL verification sets `flags` (see
/// [`crate::runtime::x509_strict`] for which do on a machine). Only OpenSSL itself, Python
/// and requests read them: Node.js, curl, git and cargo never set X509_STRICT.
pub fn message_with(runtime: Runtime, v: &Verification, flags: OpensslFlags) -> RuntimeMessage {
    let flags = match runtime {
        Runtime::Openssl | Runtime::Python | Runtime::Certifi => flags,
        _ => OpensslFlags::default(),
    };
    let accept = RuntimeMessage { runtime, accepts: true, code: None, text: String::new() };
    match runtime {
        Runtime::Go => {
            go_message(v).map_or(accept, |text| RuntimeMessage { runtime, accepts: false, code: None, text })
        }
        Runtime::Rustls => {
            rustls_message(v).map_or(accept, |text| RuntimeMessage { runtime, accepts: false, code: None, text })
        }
        _ => openssl_family(runtime, v, flags).unwrap_or(accept),
    }
}

/// Whether `v` counts as accepted: for a runtime's view (a store named after its runtime, as
/// [`crate::runtime::view`] names them) that runtime's own verdict, which ignores the strict
/// profile's lints; for any other store, [`Verification::trusted`].
pub fn view_accepts(v: &Verification) -> bool {
    v.trusted || Runtime::from_name(&v.store).is_some_and(|rt| message(rt, v).accepts)
}

/// [`view_accepts`] for runtimes whose OpenSSL sets `flags`: with X509_STRICT the runtime's
/// own verdict decides alone, since it can refuse a chain the strict profile accepts (a root
/// whose basicConstraints is not critical).
pub fn view_accepts_with(v: &Verification, flags: OpensslFlags) -> bool {
    match Runtime::from_name(&v.store) {
        Some(rt) if flags.x509_strict => message_with(rt, v, flags).accepts,
        _ => view_accepts(v),
    }
}

/// [`message`] for every runtime in [`Runtime::ALL`] order.
pub fn messages(v: &Verification) -> Vec<RuntimeMessage> {
    Runtime::ALL.iter().map(|r| message(*r, v)).collect()
}

fn openssl_family(runtime: Runtime, v: &Verification, flags: OpensslFlags) -> Option<RuntimeMessage> {
    let chain = openssl_sequence(v, flags);
    let view = name_failure_for(runtime, v);
    let name = view.as_ref().map(|n| &n.failure);
    let own = view.as_ref().and_then(|n| n.message.clone());
    let reject = |code: Option<String>, text: String| Some(RuntimeMessage { runtime, accepts: false, code, text });
    // Node.js and curl check the name themselves after OpenSSL accepted the chain; OpenSSL
    // (`-verify_hostname`) and Python hand the name to OpenSSL, which checks it before times.
    let with_host = matches!(runtime, Runtime::Openssl | Runtime::Python | Runtime::Certifi | Runtime::Pip);
    let first = if with_host {
        let mut all = chain.clone();
        if let Some(nf) = name {
            if let Some(e) = openssl_code(nf) {
                let pos = chain
                    .iter()
                    .position(|c| !matches!(c.code, 2 | 18 | 19 | 20 | 22 | 24 | 25 | 26 | 34 | 47 | 78..=94))
                    .unwrap_or(chain.len());
                all.insert(pos, e);
            }
        }
        all.first().copied()
    } else {
        chain.first().copied()
    };
    match runtime {
        Runtime::Openssl => {
            let e = first?;
            reject(
                Some(e.code.to_string()),
                format!("error {} at {} depth lookup: {}", e.code, e.depth, openssl_text(e.code)),
            )
        }
        Runtime::Python | Runtime::Certifi | Runtime::Pip => {
            let e = first?;
            let detail = match (e.code, name) {
                (62 | 64, Some(VerifyFailure::NameMismatch { name, .. })) => {
                    let what = if e.code == 64 { "IP address" } else { "Hostname" };
                    format!("{what} mismatch, certificate is not valid for '{name}'.")
                }
                _ => openssl_text(e.code).to_owned(),
            };
            let ssl = format!(
                "[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: {detail} (_ssl.c:{PYTHON_SSL_C_LINE})"
            );
            let text = match runtime {
                Runtime::Python => ssl,
                Runtime::Certifi => format!(
                    "requests.exceptions.SSLError: HTTPSConnectionPool(host='HOST', port=443): Max retries exceeded with url: / (Caused by SSLError(SSLCertVerificationError(1, '{ssl}')))"
                ),
                _ => format!(
                    "Could not fetch URL https://HOST/simple/PACKAGE/: There was a problem confirming the ssl certificate: HTTPSConnectionPool(host='HOST', port=443): Max retries exceeded with url: /simple/PACKAGE/ (Caused by SSLError(SSLCertVerificationError(1, '{ssl}'))) - skipping"
                ),
            };
            reject(Some(e.code.to_string()), text)
        }
        Runtime::Node => {
            // Node.js verifies with SSL_VERIFY_NONE and reads the last error OpenSSL recorded.
            if let Some(e) = chain.last() {
                return reject(Some(node_code(e.code).to_owned()), openssl_text(e.code).to_owned());
            }
            let nf = name?;
            let text = own.filter(|m| m.starts_with("Hostname/IP")).unwrap_or_else(|| node_name_text(nf));
            reject(Some("ERR_TLS_CERT_ALTNAME_INVALID".to_owned()), text)
        }
        Runtime::Curl | Runtime::Cargo => {
            let detail = match first {
                Some(e) => format!("SSL certificate problem: {}", openssl_text(e.code)),
                None => own.clone().filter(|m| m.starts_with("SSL:")).unwrap_or(curl_name_text(name?)),
            };
            if runtime == Runtime::Curl {
                reject(Some("60".to_owned()), format!("curl: (60) {detail}"))
            } else {
                reject(
                    Some("60".to_owned()),
                    format!("[60] SSL peer certificate or SSH remote key was not OK ({detail})"),
                )
            }
        }
        Runtime::Git => {
            // Debian's git uses libcurl-gnutls: GnuTLS words, no detail on the chain failure.
            if first.is_some() {
                return reject(
                    Some("60".to_owned()),
                    "fatal: unable to access 'https://HOST/REPO/': server certificate verification failed. CAfile: CAFILE CRLfile: none".to_owned(),
                );
            }
            let nf = name?;
            let cn = match nf {
                VerifyFailure::NameMismatch { common_name, name, .. } => {
                    (common_name.clone().unwrap_or_default(), name.clone())
                }
                _ => (String::new(), String::new()),
            };
            reject(
                Some("51".to_owned()),
                format!(
                    "fatal: unable to access 'https://{}/REPO/': SSL: certificate subject name ({}) does not match target host name '{}'",
                    cn.1, cn.0, cn.1
                ),
            )
        }
        _ => None,
    }
}

fn node_name_text(f: &VerifyFailure) -> String {
    let VerifyFailure::NameMismatch { name, presented, common_name, .. } = f else {
        return f.to_string();
    };
    let is_ip = name.parse::<IpAddr>().is_ok();
    let altnames: Vec<String> = presented
        .iter()
        .map(|p| if p.parse::<IpAddr>().is_ok() { format!("IP Address:{p}") } else { format!("DNS:{p}") })
        .collect();
    let reason = if is_ip {
        let ips: Vec<&str> = presented.iter().filter(|p| p.parse::<IpAddr>().is_ok()).map(String::as_str).collect();
        format!("IP: {name} is not in the cert's list: {}", ips.join(", "))
    } else if presented.iter().any(|p| p.parse::<IpAddr>().is_err()) {
        format!("Host: {name}. is not in the cert's altnames: {}", altnames.join(", "))
    } else {
        format!("Host: {name}. is not cert's CN: {}", common_name.as_deref().unwrap_or("undefined"))
    };
    format!("Hostname/IP does not match certificate's altnames: {reason}")
}

fn curl_name_text(f: &VerifyFailure) -> String {
    match f {
        VerifyFailure::NameMismatch { name, presented, common_name, .. } => {
            if presented.is_empty() {
                format!(
                    "SSL: certificate subject name '{}' does not match target host name '{name}'",
                    common_name.as_deref().unwrap_or("")
                )
            } else {
                format!("SSL: no alternative certificate subject name matches target host name '{name}'")
            }
        }
        other => other.to_string(),
    }
}

/// Go's `crypto/x509` `Verify` error text (what follows `tls: failed to verify certificate: `).
fn go_message(v: &Verification) -> Option<String> {
    let findings: Vec<&VerifyFailure> =
        if v.findings.is_empty() { v.chain_failure().into_iter().collect() } else { v.findings.iter().collect() };
    // 1. The leaf's own validity period.
    for f in &findings {
        match f {
            VerifyFailure::Expired { certificate, not_after, at } if certificate.depth == 0 => {
                return Some(format!(
                    "x509: certificate has expired or is not yet valid: current time {at} is after {not_after}"
                ))
            }
            VerifyFailure::NotYetValid { certificate, not_before, at } if certificate.depth == 0 => {
                return Some(format!(
                    "x509: certificate has expired or is not yet valid: current time {at} is before {not_before}"
                ))
            }
            _ => {}
        }
    }
    // 2. The host name (no CN fallback since Go 1.15).
    if let Some(n) = name_failure_for(Runtime::Go, v) {
        return Some(n.message.filter(|m| m.starts_with("x509:")).unwrap_or_else(|| go_name_text(&n.failure)));
    }
    // 3. Chain building. A candidate issuer that fails `isValid` (validity period, not a CA,
    //    path length) ends the search with that error itself (Go assigns it to the function's
    //    result); a candidate with a bad signature only becomes a hint on "unknown authority".
    let mut candidates: Vec<&VerifyFailure> =
        findings.iter().copied().filter(|f| go_candidate_error(f).is_some()).collect();
    candidates.sort_by_key(|f| failure_depth(f));
    if let Some(f) = candidates.iter().find(|f| !matches!(f, VerifyFailure::BadSignature { .. })) {
        return go_candidate_error(f).map(|(err, _)| err);
    }
    let hint = candidates.first().and_then(|f| go_candidate_error(f));
    let trust = findings.iter().any(|f| f.is_trust_failure());
    if trust || hint.is_some() {
        let mut s = "x509: certificate signed by unknown authority".to_owned();
        if let Some((err, name)) = hint {
            s.push_str(&format!(
                " (possibly because of {} while trying to verify candidate authority certificate {})",
                go_quote(&err),
                go_quote(&name)
            ));
        }
        return Some(s);
    }
    // 4. Key usage, checked on the built chains.
    if findings.iter().any(|f| matches!(f, VerifyFailure::WrongUsage { .. })) {
        return Some("x509: certificate specifies an incompatible key usage".to_owned());
    }
    if findings.iter().any(|f| matches!(f, VerifyFailure::NameConstraintViolation { .. })) {
        return Some("x509: a root or intermediate certificate is not authorized to sign for this name".to_owned());
    }
    // Go accepts a CA certificate as a leaf and applies none of the strict profile's lints;
    // other webpki-only failures are Go failures too.
    match v.chain_failure() {
        None | Some(VerifyFailure::CaUsedAsEndEntity { .. } | VerifyFailure::Invalid { .. }) => None,
        Some(VerifyFailure::UnsupportedAlgorithm { algorithm, .. }) => {
            Some(format!("x509: cannot verify signature: algorithm unimplemented ({algorithm})"))
        }
        Some(other) => Some(format!("x509: {other}")),
    }
}

fn failure_depth(f: &VerifyFailure) -> usize {
    match f {
        VerifyFailure::Expired { certificate, .. }
        | VerifyFailure::NotYetValid { certificate, .. }
        | VerifyFailure::NotACa { certificate }
        | VerifyFailure::BadSignature { certificate, .. } => certificate.depth,
        VerifyFailure::PathLenExceeded { certificate: Some(c), .. } => c.depth,
        _ => usize::MAX,
    }
}

/// The error Go records for a rejected candidate issuer, and the candidate's name.
fn go_candidate_error(f: &VerifyFailure) -> Option<(String, String)> {
    match f {
        VerifyFailure::Expired { certificate, not_after, at } if certificate.depth > 0 => Some((
            format!("x509: certificate has expired or is not yet valid: current time {at} is after {not_after}"),
            certificate.short().to_owned(),
        )),
        VerifyFailure::NotYetValid { certificate, not_before, at } if certificate.depth > 0 => Some((
            format!("x509: certificate has expired or is not yet valid: current time {at} is before {not_before}"),
            certificate.short().to_owned(),
        )),
        VerifyFailure::NotACa { certificate } => Some((
            "x509: certificate is not authorized to sign other certificates".to_owned(),
            certificate.short().to_owned(),
        )),
        VerifyFailure::PathLenExceeded { certificate: Some(c), .. } => {
            Some(("x509: too many intermediates for path length constraint".to_owned(), c.short().to_owned()))
        }
        VerifyFailure::BadSignature { issuer, .. } => {
            Some(("crypto/ecdsa: verification error".to_owned(), short_name(issuer).to_owned()))
        }
        _ => None,
    }
}

fn go_name_text(f: &VerifyFailure) -> String {
    let VerifyFailure::NameMismatch { name, presented, matches_common_name_only, .. } = f else {
        return format!("x509: {f}");
    };
    if *matches_common_name_only {
        return "x509: certificate relies on legacy Common Name field, use SANs instead".to_owned();
    }
    let (ips, dns): (Vec<&String>, Vec<&String>) = presented.iter().partition(|p| p.parse::<IpAddr>().is_ok());
    if name.parse::<IpAddr>().is_ok() {
        if ips.is_empty() {
            return format!("x509: cannot validate certificate for {name} because it doesn't contain any IP SANs");
        }
        let list: Vec<&str> = ips.iter().map(|s| s.as_str()).collect();
        return format!("x509: certificate is valid for {}, not {name}", list.join(", "));
    }
    if dns.is_empty() {
        return format!("x509: certificate is not valid for any names, but wanted to match {name}");
    }
    let list: Vec<&str> = dns.iter().map(|s| s.as_str()).collect();
    format!("x509: certificate is valid for {}, not {name}", list.join(", "))
}

/// Go's `%q` for plain text: double quotes with `"` and `\` escaped.
fn go_quote(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

/// rustls's `Display` for the error it returns (`invalid peer certificate: …`).
fn rustls_message(v: &Verification) -> Option<String> {
    // rustls uses rustls-webpki as is: the strict profile's extra checks do not apply.
    let chain = v
        .chain_failure()
        .filter(|f| !(matches!(f, VerifyFailure::Invalid { .. }) || v.path.is_some() && is_anchor_time(f, v)));
    let view = name_failure_for(Runtime::Rustls, v);
    if chain.is_none() {
        if let Some(m) = view.as_ref().and_then(|n| n.message.clone()) {
            return Some(m);
        }
    }
    let f = chain.or(view.as_ref().map(|n| &n.failure))?;
    let inner = match f {
        VerifyFailure::UnknownIssuer { .. }
        | VerifyFailure::SelfSignedLeaf { .. }
        | VerifyFailure::UntrustedRoot { .. } => "UnknownIssuer".to_owned(),
        VerifyFailure::Expired { not_after, at, .. } => format!(
            "certificate expired: verification time {} (UNIX), but certificate is not valid after {} ({} seconds ago)",
            at.0,
            not_after.0,
            at.0.saturating_sub(not_after.0)
        ),
        VerifyFailure::NotYetValid { not_before, at, .. } => format!(
            "certificate not valid yet: verification time {} (UNIX), but certificate is not valid before {} ({} seconds in future)",
            at.0,
            not_before.0,
            not_before.0.saturating_sub(at.0)
        ),
        VerifyFailure::NameMismatch { name, presented, .. } => {
            let tail = match presented.as_slice() {
                [] => "is not valid for any names (according to its subjectAltName extension)".to_owned(),
                [one] => format!("is only valid for {one}"),
                many => {
                    let (last, rest) = many.split_last().unwrap_or((&many[0], &[]));
                    format!("is only valid for {} or {last}", rest.join(", "))
                }
            };
            format!("certificate not valid for name {name:?}; certificate {tail}")
        }
        VerifyFailure::BadSignature { .. } => "BadSignature".to_owned(),
        VerifyFailure::WrongUsage { .. } => "InvalidPurpose".to_owned(),
        VerifyFailure::CaUsedAsEndEntity { .. } => "Other(OtherError(CaUsedAsEndEntity))".to_owned(),
        VerifyFailure::NotACa { .. } => "Other(OtherError(EndEntityUsedAsCa))".to_owned(),
        VerifyFailure::PathLenExceeded { .. } => {
            "Other(OtherError(PathLenConstraintViolated))".to_owned()
        }
        VerifyFailure::NameConstraintViolation { .. } => {
            "Other(OtherError(NameConstraintViolation))".to_owned()
        }
        VerifyFailure::UnsupportedAlgorithm { .. } => "UnsupportedSignatureAlgorithm".to_owned(),
        other => format!("Other(OtherError({}))", other.kind()),
    };
    Some(format!("invalid peer certificate: {inner}"))
}

fn is_anchor_time(f: &VerifyFailure, v: &Verification) -> bool {
    let last = v.path.as_ref().map_or(usize::MAX, |p| p.path.len().saturating_sub(1));
    matches!(f, VerifyFailure::Expired { certificate, .. } | VerifyFailure::NotYetValid { certificate, .. } if certificate.depth == last)
}
