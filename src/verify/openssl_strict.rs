//! OpenSSL's `X509_V_FLAG_X509_STRICT` checks: the RFC 5280 rules `check_extensions()` in
//! `crypto/x509/x509_vfy.c` (OpenSSL 3.0+) applies to every certificate of a built chain when
//! the flag is set. Python 3.13+ sets it in `ssl.create_default_context()`, and urllib3 2.4+
//! (requests) sets it on Python 3.13+; that is why a proxy's leaf without an
//! authorityKeyIdentifier, or a corporate root whose basicConstraints is not critical, starts
//! failing in Python 3.13 while every older runtime accepts it.
//!
//! The checks and their order are OpenSSL's; `tests/verify_differential.rs` compares them with
//! `openssl verify -x509_strict`. Not modelled: the signature-algorithm consistency check (78)
//! and explicit EC parameters (94). Pure: no I/O.

use crate::cert::Certificate;

const OID_BC: &str = "2.5.29.19";
const OID_SAN: &str = "2.5.29.17";
const OID_AKI: &str = "2.5.29.35";
const OID_SKI: &str = "2.5.29.14";

/// `X509_V_ERR_PATHLEN_INVALID_FOR_NON_CA`.
pub const PATHLEN_INVALID_FOR_NON_CA: u32 = 80;
/// `X509_V_ERR_PATHLEN_WITHOUT_KU_KEY_CERT_SIGN`.
pub const PATHLEN_WITHOUT_KU_KEY_CERT_SIGN: u32 = 81;
/// `X509_V_ERR_KU_KEY_CERT_SIGN_INVALID_FOR_NON_CA`.
pub const KU_KEY_CERT_SIGN_INVALID_FOR_NON_CA: u32 = 82;
/// `X509_V_ERR_ISSUER_NAME_EMPTY`.
pub const ISSUER_NAME_EMPTY: u32 = 83;
/// `X509_V_ERR_SUBJECT_NAME_EMPTY`.
pub const SUBJECT_NAME_EMPTY: u32 = 84;
/// `X509_V_ERR_MISSING_AUTHORITY_KEY_IDENTIFIER`.
pub const MISSING_AUTHORITY_KEY_IDENTIFIER: u32 = 85;
/// `X509_V_ERR_MISSING_SUBJECT_KEY_IDENTIFIER`.
pub const MISSING_SUBJECT_KEY_IDENTIFIER: u32 = 86;
/// `X509_V_ERR_EMPTY_SUBJECT_ALT_NAME`.
pub const EMPTY_SUBJECT_ALT_NAME: u32 = 87;
/// `X509_V_ERR_EMPTY_SUBJECT_SAN_NOT_CRITICAL`.
pub const EMPTY_SUBJECT_SAN_NOT_CRITICAL: u32 = 88;
/// `X509_V_ERR_CA_BCONS_NOT_CRITICAL`.
pub const CA_BCONS_NOT_CRITICAL: u32 = 89;
/// `X509_V_ERR_AUTHORITY_KEY_IDENTIFIER_CRITICAL`.
pub const AUTHORITY_KEY_IDENTIFIER_CRITICAL: u32 = 90;
/// `X509_V_ERR_SUBJECT_KEY_IDENTIFIER_CRITICAL`.
pub const SUBJECT_KEY_IDENTIFIER_CRITICAL: u32 = 91;
/// `X509_V_ERR_CA_CERT_MISSING_KEY_USAGE`.
pub const CA_CERT_MISSING_KEY_USAGE: u32 = 92;
/// `X509_V_ERR_EXTENSIONS_REQUIRE_VERSION_3`.
pub const EXTENSIONS_REQUIRE_VERSION_3: u32 = 93;

/// Each strict code with OpenSSL's text for it (`X509_verify_cert_error_string`); `explain`
/// reads pasted errors with the same table.
pub const TEXTS: &[(u32, &str)] = &[
    (PATHLEN_INVALID_FOR_NON_CA, "Path length invalid for non-CA cert"),
    (PATHLEN_WITHOUT_KU_KEY_CERT_SIGN, "Path length given without key usage keyCertSign"),
    (KU_KEY_CERT_SIGN_INVALID_FOR_NON_CA, "Key usage keyCertSign invalid for non-CA cert"),
    (ISSUER_NAME_EMPTY, "Issuer name empty"),
    (SUBJECT_NAME_EMPTY, "Subject name empty"),
    (MISSING_AUTHORITY_KEY_IDENTIFIER, "Missing Authority Key Identifier"),
    (MISSING_SUBJECT_KEY_IDENTIFIER, "Missing Subject Key Identifier"),
    (EMPTY_SUBJECT_ALT_NAME, "Empty Subject Alternative Name extension"),
    (EMPTY_SUBJECT_SAN_NOT_CRITICAL, "Subject empty and Subject Alt Name extension not critical"),
    (CA_BCONS_NOT_CRITICAL, "Basic Constraints of CA cert not marked critical"),
    (AUTHORITY_KEY_IDENTIFIER_CRITICAL, "Authority Key Identifier marked critical"),
    (SUBJECT_KEY_IDENTIFIER_CRITICAL, "Subject Key Identifier marked critical"),
    (CA_CERT_MISSING_KEY_USAGE, "CA cert does not include key usage extension"),
    (EXTENSIONS_REQUIRE_VERSION_3, "Using cert extension requires at least X509v3"),
];

/// OpenSSL's text for a strict code.
pub fn text(code: u32) -> Option<&'static str> {
    TEXTS.iter().find(|(c, _)| *c == code).map(|(_, t)| *t)
}

/// Whether extension `oid` is present, and if so whether it is critical.
fn criticality(c: &Certificate, oid: &str) -> Option<bool> {
    c.extensions().all.iter().find(|e| e.oid == oid).map(|e| e.critical)
}

fn name_is_empty(der: &[u8]) -> bool {
    der.is_empty() || der == [0x30, 0x00]
}

fn has_key_usage(c: &Certificate, bit: &str) -> bool {
    c.extensions().key_usage.as_ref().is_some_and(|ku| ku.iter().any(|b| b == bit))
}

/// The strict errors of one certificate at `depth` of a built chain of `len` certificates, in
/// the order `check_extensions()` raises them.
fn certificate_errors(c: &Certificate, depth: usize, len: usize) -> Vec<u32> {
    let mut out = Vec::new();
    let ext = c.extensions();
    let ca = c.is_ca();
    if ext.basic_constraints.is_some_and(|bc| bc.path_len.is_some()) {
        if !ca {
            out.push(PATHLEN_INVALID_FOR_NON_CA);
        }
        if !has_key_usage(c, "keyCertSign") {
            out.push(PATHLEN_WITHOUT_KU_KEY_CERT_SIGN);
        }
    }
    if ca && criticality(c, OID_BC) == Some(false) {
        out.push(CA_BCONS_NOT_CRITICAL);
    }
    if ca {
        if ext.key_usage.is_none() {
            out.push(CA_CERT_MISSING_KEY_USAGE);
        }
    } else if has_key_usage(c, "keyCertSign") {
        out.push(KU_KEY_CERT_SIGN_INVALID_FOR_NON_CA);
    }
    if name_is_empty(&c.issuer().der) {
        out.push(ISSUER_NAME_EMPTY);
    }
    let subject_empty = name_is_empty(&c.subject().der);
    let san = criticality(c, OID_SAN);
    if subject_empty && (ca || has_key_usage(c, "cRLSign") || san.is_none()) {
        out.push(SUBJECT_NAME_EMPTY);
    }
    if subject_empty && san == Some(false) {
        out.push(EMPTY_SUBJECT_SAN_NOT_CRITICAL);
    }
    if san.is_some() && ext.subject_alt_names.is_empty() {
        out.push(EMPTY_SUBJECT_ALT_NAME);
    }
    if criticality(c, OID_AKI) == Some(true) {
        out.push(AUTHORITY_KEY_IDENTIFIER_CRITICAL);
    }
    if criticality(c, OID_SKI) == Some(true) {
        out.push(SUBJECT_KEY_IDENTIFIER_CRITICAL);
    }
    if c.version() >= 3 {
        // Every certificate but the chain's last must name its issuer's key (RFC 5280 4.2.1.1:
        // "generated by conforming CAs"); a CA must carry its own key id (4.2.1.2).
        if depth + 1 < len && criticality(c, OID_AKI).is_none() {
            out.push(MISSING_AUTHORITY_KEY_IDENTIFIER);
        }
        if ca && criticality(c, OID_SKI).is_none() {
            out.push(MISSING_SUBJECT_KEY_IDENTIFIER);
        }
    } else if !ext.all.is_empty() {
        out.push(EXTENSIONS_REQUIRE_VERSION_3);
    }
    out
}

/// Every strict error on `chain` (leaf first, the store's root last) as (code, depth), leaf
/// first. OpenSSL skips the checks for a chain of one certificate (RFC 6818 section 2: RFC
/// 5280 does not apply to a self-issued end-entity certificate).
pub fn errors(chain: &[Certificate]) -> Vec<(u32, usize)> {
    if chain.len() < 2 {
        return Vec::new();
    }
    chain
        .iter()
        .enumerate()
        .flat_map(|(depth, c)| certificate_errors(c, depth, chain.len()).into_iter().map(move |code| (code, depth)))
        .collect()
}
