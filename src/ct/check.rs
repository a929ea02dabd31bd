//! SCT signature checks (RFC 6962 §3.2): rebuild the signed structure for each SCT and verify it
//! with the named log's key. Embedded SCTs sign the precertificate entry (the leaf's TBS without
//! the SCT extension, plus the SHA-256 of the issuer's key); SCTs from the TLS extension or
//! OCSP sign the certificate itself.

use ring::signature;
use serde::Serialize;

use super::log_list::{LogKey, LogState};
use super::sct::{HashAlgorithm, SignatureAlgorithm};
use super::{der, CtError, LogList, Sct};
use crate::cert::Certificate;

/// The outcome of checking one SCT.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SctStatus {
    /// The signature verifies with the key of a log in the list.
    Verified,
    /// No log in the list has this id.
    UnknownLog,
    /// The log is known but the signature does not verify over this certificate.
    InvalidSignature,
    /// The SCT could not be checked (no issuer for an embedded SCT, an algorithm the log does
    /// not use, a damaged certificate); [`SctCheck::detail`] says which.
    Unverifiable,
    /// Not checked on purpose: another SCT of the same certificate already verified and the
    /// caller asked to stop there ([`SctChecks::UntilVerified`]).
    Skipped,
}

/// How many SCTs of a certificate to check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum SctChecks {
    /// Every SCT: the full report.
    #[default]
    All,
    /// Stop at the first SCT that verifies with a log the policy counts; the rest are
    /// [`SctStatus::Skipped`]. One verified SCT already proves the leaf was logged and binds it
    /// to its issuer's key, and each ECDSA check costs tens of microseconds.
    UntilVerified,
}

/// One SCT with the log it names and whether its signature holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SctCheck {
    /// The SCT as parsed.
    pub sct: Sct,
    /// Description of the log (`Google 'Xenon2026h1' log`), when the list knows it.
    pub log_description: Option<String>,
    /// The log's operator, when known.
    pub log_operator: Option<String>,
    /// The log's state in the list, when known.
    pub log_state: Option<LogState>,
    /// Whether Chrome's policy would count this SCT (known log in a counting state, signature
    /// verified).
    pub counts: bool,
    /// The outcome.
    pub status: SctStatus,
    /// A sentence for people.
    pub detail: String,
}

/// The signed entry for one certificate, built once and shared by all its SCTs.
#[derive(Debug)]
pub struct SignedEntry {
    /// `LogEntryType` followed by the entry, as the digitally-signed struct embeds it.
    bytes: Result<Vec<u8>, String>,
}

impl SignedEntry {
    /// The precertificate entry for a leaf's embedded SCTs: entry type 1, the SHA-256 of
    /// `issuer`'s SubjectPublicKeyInfo, and the leaf's TBSCertificate with the SCT list
    /// extension removed (lengths re-encoded).
    pub fn precert(leaf: &Certificate, issuer: &Certificate) -> Self {
        let bytes = precert_tbs(leaf.der()).map_err(|e| e.to_string()).and_then(|tbs| {
            let len = u32::try_from(tbs.len()).map_err(|_| "TBSCertificate too large".to_owned())?;
            if len >= 1 << 24 {
                return Err("TBSCertificate too large".to_owned());
            }
            let mut out = Vec::with_capacity(2 + 32 + 3 + tbs.len());
            out.extend_from_slice(&1u16.to_be_bytes());
            out.extend_from_slice(issuer.spki_sha256());
            out.extend_from_slice(&len.to_be_bytes()[1..]);
            out.extend_from_slice(&tbs);
            Ok(out)
        });
        Self { bytes }
    }

    /// The X.509 entry for SCTs delivered in the TLS extension or OCSP: entry type 0 and the
    /// whole certificate.
    pub fn x509(leaf: &Certificate) -> Self {
        let der = leaf.der();
        let bytes = u32::try_from(der.len())
            .ok()
            .filter(|&l| l < 1 << 24)
            .map(|len| {
                let mut out = Vec::with_capacity(2 + 3 + der.len());
                out.extend_from_slice(&0u16.to_be_bytes());
                out.extend_from_slice(&len.to_be_bytes()[1..]);
                out.extend_from_slice(der);
                out
            })
            .ok_or_else(|| "certificate too large".to_owned());
        Self { bytes }
    }
}

/// Checks every SCT of a leaf: the embedded ones (against `issuer`, the certificate that
/// signed the leaf) and `extra` ones from the TLS extension or OCSP.
///
/// # Errors
/// A [`CtError`] when the embedded SCT list itself is malformed; individual SCTs that fail are
/// values in the returned list, not errors.
pub fn check_leaf_scts(
    leaf: &Certificate,
    issuer: Option<&Certificate>,
    extra: &[Sct],
    logs: &LogList,
) -> Result<Vec<SctCheck>, CtError> {
    check_leaf_scts_with(leaf, issuer, extra, logs, SctChecks::All)
}

/// As [`check_leaf_scts`], checking as many SCTs as `mode` says.
///
/// # Errors
/// As [`check_leaf_scts`].
pub fn check_leaf_scts_with(
    leaf: &Certificate,
    issuer: Option<&Certificate>,
    extra: &[Sct],
    logs: &LogList,
    mode: SctChecks,
) -> Result<Vec<SctCheck>, CtError> {
    let embedded = match leaf.sct_list_extension() {
        Some(ext) => super::parse_embedded(ext)?,
        None => Vec::new(),
    };
    let mut out = Vec::with_capacity(embedded.len() + extra.len());
    let mut done = false;
    let mut push = |out: &mut Vec<SctCheck>, sct: &Sct, entry: Option<&SignedEntry>| {
        if done {
            out.push(skipped(sct, logs));
            return;
        }
        let c = check_sct(sct, entry, logs);
        done = mode == SctChecks::UntilVerified && c.status == SctStatus::Verified && c.counts;
        out.push(c);
    };
    if !embedded.is_empty() {
        let entry = issuer.map(|i| SignedEntry::precert(leaf, i));
        for sct in &embedded {
            push(&mut out, sct, entry.as_ref());
        }
    }
    if !extra.is_empty() {
        let entry = SignedEntry::x509(leaf);
        for sct in extra {
            push(&mut out, sct, Some(&entry));
        }
    }
    Ok(out)
}

fn skipped(sct: &Sct, logs: &LogList) -> SctCheck {
    let log = logs.find(&sct.log_id);
    SctCheck {
        sct: sct.clone(),
        log_description: log.map(|l| l.description.clone()),
        log_operator: log.map(|l| l.operator.clone()),
        log_state: log.map(|l| l.state),
        counts: false,
        status: SctStatus::Skipped,
        detail: format!(
            "{} SCT from {} not checked: another SCT of this certificate already verified",
            sct.source.label(),
            log.map_or_else(|| sct.log_id_base64(), |l| l.description.clone())
        ),
    }
}

/// Checks one SCT against the entry it should sign. `entry` is `None` when the entry could not
/// be built (an embedded SCT without the issuing certificate).
pub fn check_sct(sct: &Sct, entry: Option<&SignedEntry>, logs: &LogList) -> SctCheck {
    let log = logs.find(&sct.log_id);
    let mut check = SctCheck {
        sct: sct.clone(),
        log_description: log.map(|l| l.description.clone()),
        log_operator: log.map(|l| l.operator.clone()),
        log_state: log.map(|l| l.state),
        counts: false,
        status: SctStatus::Unverifiable,
        detail: String::new(),
    };
    let Some(log) = log else {
        check.status = SctStatus::UnknownLog;
        check.detail = format!(
            "SCT names log {} that is not in the CT log list{}",
            sct.log_id_base64(),
            if logs.version().is_empty() { String::new() } else { format!(" (version {})", logs.version()) }
        );
        return check;
    };
    let entry = match entry.map(|e| &e.bytes) {
        None => {
            check.detail = format!(
                "SCT from {} not checked: the certificate that issued the leaf is not in the chain",
                log.description
            );
            return check;
        }
        Some(Err(reason)) => {
            check.detail = format!("SCT from {} not checked: {reason}", log.description);
            return check;
        }
        Some(Ok(bytes)) => bytes,
    };
    let alg: &dyn signature::VerificationAlgorithm = match (&log.key, sct.hash_algorithm, sct.signature_algorithm) {
        (LogKey::EcdsaP256(_), HashAlgorithm::Sha256, SignatureAlgorithm::Ecdsa) => &signature::ECDSA_P256_SHA256_ASN1,
        (LogKey::Rsa(_), HashAlgorithm::Sha256, SignatureAlgorithm::Rsa) => &signature::RSA_PKCS1_2048_8192_SHA256,
        (key, hash, sig) => {
            check.detail = format!(
                "SCT from {} not checked: signature algorithm {hash:?}/{sig:?} does not fit the log's key ({})",
                log.description,
                match key {
                    LogKey::EcdsaP256(_) => "ECDSA P-256",
                    LogKey::Rsa(_) => "RSA",
                    LogKey::Unsupported(what) => what.as_str(),
                }
            );
            return check;
        }
    };
    let key = match &log.key {
        LogKey::EcdsaP256(k) | LogKey::Rsa(k) => k.as_slice(),
        LogKey::Unsupported(_) => &[],
    };
    let message = signed_data(sct, entry);
    let ok = signature::UnparsedPublicKey::new(alg, key).verify(&message, &sct.signature).is_ok();
    if ok {
        check.status = SctStatus::Verified;
        check.counts = log.counts_at(sct.time());
        check.detail = format!(
            "{} SCT from {} ({}) verifies{}",
            sct.source.label(),
            log.description,
            log.state.as_str(),
            if check.counts { "" } else { ", but the log's state means browsers do not count it" }
        );
    } else {
        check.status = SctStatus::InvalidSignature;
        check.detail = format!(
            "{} SCT claims to come from {} but its signature does not verify over this certificate",
            sct.source.label(),
            log.description
        );
    }
    check
}

/// The `digitally-signed` struct of RFC 6962 §3.2 for a v1 certificate timestamp.
fn signed_data(sct: &Sct, entry: &[u8]) -> Vec<u8> {
    let mut m = Vec::with_capacity(1 + 1 + 8 + entry.len() + 2 + sct.extensions.len());
    m.push(0); // sct_version v1
    m.push(0); // signature_type certificate_timestamp
    m.extend_from_slice(&sct.timestamp_ms.to_be_bytes());
    m.extend_from_slice(entry);
    // NOTE: the parser read the extensions through a u16 length, so they fit.
    let ext_len = u16::try_from(sct.extensions.len()).unwrap_or(u16::MAX);
    m.extend_from_slice(&ext_len.to_be_bytes());
    m.extend_from_slice(&sct.extensions);
    m
}

/// The leaf's TBSCertificate with the embedded SCT list extension removed, re-encoded in DER.
/// When the SCT list was the only extension the `[3]` field is dropped entirely, since an empty
/// `Extensions` is not valid DER.
///
/// # Errors
/// [`CtError::Der`] when the certificate's outer structure is damaged,
/// [`CtError::NoSctExtension`] when there is nothing to remove.
pub fn precert_tbs(cert_der: &[u8]) -> Result<Vec<u8>, CtError> {
    let (cert, _) = der::expect(cert_der, der::SEQUENCE, "certificate")?;
    let (tbs, _) = der::expect(cert.content, der::SEQUENCE, "TBSCertificate")?;
    let mut body = Vec::with_capacity(tbs.content.len());
    let mut removed = false;
    for field in der::elements(tbs.content, "TBSCertificate field") {
        let field = field?;
        if field.tag != 0xA3 {
            body.extend_from_slice(field.whole);
            continue;
        }
        let (exts, _) = der::expect(field.content, der::SEQUENCE, "extensions")?;
        let mut kept = Vec::with_capacity(exts.content.len());
        for ext in der::elements(exts.content, "extension") {
            let ext = ext?;
            let (oid, _) = der::expect(ext.content, der::OID, "extension id")?;
            if oid.content == der::OID_SCT_LIST {
                removed = true;
            } else {
                kept.extend_from_slice(ext.whole);
            }
        }
        if !kept.is_empty() {
            let mut seq = Vec::with_capacity(kept.len() + 6);
            der::push_header(&mut seq, der::SEQUENCE, kept.len());
            seq.extend_from_slice(&kept);
            der::push_header(&mut body, 0xA3, seq.len());
            body.extend_from_slice(&seq);
        }
    }
    if !removed {
        return Err(CtError::NoSctExtension);
    }
    let mut out = Vec::with_capacity(body.len() + 6);
    der::push_header(&mut out, der::SEQUENCE, body.len());
    out.extend_from_slice(&body);
    Ok(out)
}
