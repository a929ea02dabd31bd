//! The strict (browser / CA/Browser Forum) profile: the RFC 5280 and Baseline Requirements
//! checks rustls-webpki leaves out, applied to a path it already accepted.
//!
//! Each rule cites the requirement it enforces. Rules on trust anchors are limited to what the
//! Mozilla and Debian root sets satisfy (`strict_profile_accepts_every_mozilla_root` checks
//! this), so a real store never fails its own roots. Pure: no I/O.

use std::net::IpAddr;

use super::failure::CertRef;
use super::VerifyFailure;
use crate::cert::der::tlv;
use crate::cert::{Certificate, GeneralName, KeyAlgorithm, UnixTime};

const OID_SAN: &str = "2.5.29.17";
const OID_AKI: &str = "2.5.29.35";
const OID_SKI: &str = "2.5.29.14";
const OID_BC: &str = "2.5.29.19";
const OID_EKU: &str = "2.5.29.37";
const OID_NC: &str = "2.5.29.30";
const OID_PC: &str = "2.5.29.36";

fn empty_subject(c: &Certificate) -> bool {
    let der = &c.subject().der;
    der.is_empty() || der.as_slice() == [0x30, 0x00]
}

fn invalid(c: &Certificate, depth: usize, reason: impl Into<String>) -> VerifyFailure {
    VerifyFailure::Invalid { certificate: Some(CertRef::new(c, depth)), reason: reason.into() }
}

/// Whether the extension is present, and if so whether it is critical.
fn ext(c: &Certificate, oid: &str) -> Option<Crit> {
    c.extensions().all.iter().find(|e| e.oid == oid).map(|e| Crit { critical: e.critical })
}

#[derive(Clone, Copy)]
struct Crit {
    critical: bool,
}

/// The first strict-profile violation on `path` (leaf first, the trust anchor last).
pub(crate) fn violation(path: &[Certificate], at: UnixTime) -> Option<VerifyFailure> {
    let last = path.len().checked_sub(1)?;
    for (depth, c) in path.iter().enumerate() {
        let found = if depth == 0 {
            leaf(c)
        } else if depth == last {
            anchor(c, depth, at)
        } else {
            intermediate(c, depth)
        };
        if found.is_some() {
            return found;
        }
        if let Some(f) = any_cert(c, depth, depth == last) {
            return Some(f);
        }
    }
    None
}

/// Rules for every certificate on the path.
fn any_cert(c: &Certificate, depth: usize, is_anchor: bool) -> Option<VerifyFailure> {
    // RFC 5280 4.1.2.2: a positive integer of at most 20 octets. Not applied to anchors: real
    // roots in Mozilla's set have serial number 0 (Starfield and Go Daddy G2).
    let serial: Vec<&str> = c.serial_hex().split(':').collect();
    if !is_anchor && serial.len() > 20 {
        return Some(invalid(c, depth, format!("serial number is {} octets, over RFC 5280's 20", serial.len())));
    }
    if !is_anchor && serial.iter().all(|b| *b == "00") {
        return Some(invalid(c, depth, "serial number is zero (RFC 5280 4.1.2.2)"));
    }
    // RFC 5280 4.2.1.1/4.2.1.2: key identifiers are non-critical.
    for oid in [OID_AKI, OID_SKI] {
        if ext(c, oid).is_some_and(|e| e.critical) {
            let which = if oid == OID_AKI { "authorityKeyIdentifier" } else { "subjectKeyIdentifier" };
            return Some(invalid(c, depth, format!("{which} is marked critical (RFC 5280 4.2.1)")));
        }
    }
    // RFC 5280 4.2.1.11: policyConstraints MUST be critical.
    if ext(c, OID_PC).is_some_and(|e| !e.critical) {
        return Some(invalid(c, depth, "policyConstraints is not critical (RFC 5280 4.2.1.11)"));
    }
    // RFC 5280 4.2.1.10: nameConstraints not empty, DNS bases without a leading period. (RFC
    // 5280 also wants it critical; the CA/B Forum allows non-critical, and so do we.)
    if ext(c, OID_NC).is_some() {
        if let Some(nc) = &c.extensions().name_constraints {
            if nc.permitted.is_empty() && nc.excluded.is_empty() {
                return Some(invalid(c, depth, "nameConstraints has neither permitted nor excluded subtrees"));
            }
            if nc.permitted.iter().chain(&nc.excluded).any(|n| matches!(n, GeneralName::Dns(d) if d.starts_with('.'))) {
                return Some(invalid(
                    c,
                    depth,
                    "nameConstraints has a DNS name with a leading period (RFC 5280 4.2.1.10)",
                ));
            }
        }
    }
    // RFC 5280 4.2.1.6: with an empty subject the SAN MUST be critical.
    if empty_subject(c) && ext(c, OID_SAN).is_some_and(|e| !e.critical) {
        return Some(invalid(c, depth, "subject is empty but subjectAltName is not critical (RFC 5280 4.2.1.6)"));
    }
    None
}

fn leaf(c: &Certificate) -> Option<VerifyFailure> {
    let x = c.extensions();
    // CA/B BR 7.1.2.7.10: subscriber certificates carry an EKU, non-critical, without anyEKU.
    match (&x.extended_key_usage, ext(c, OID_EKU)) {
        (None, _) => return Some(invalid(c, 0, "the leaf has no extendedKeyUsage (CA/B Forum BR 7.1.2.7.10)")),
        (Some(ekus), Some(e)) => {
            if e.critical {
                return Some(invalid(c, 0, "the leaf's extendedKeyUsage is critical (CA/B Forum BR 7.1.2.7.10)"));
            }
            if ekus.iter().any(|k| k == "anyExtendedKeyUsage") {
                return Some(invalid(c, 0, "the leaf allows anyExtendedKeyUsage (CA/B Forum BR 7.1.2.7.10)"));
            }
        }
        _ => {}
    }
    // RFC 5280 4.2.1.3: keyCertSign only with cA.
    if !c.is_ca() && x.key_usage.as_ref().is_some_and(|k| k.iter().any(|u| u == "keyCertSign")) {
        return Some(invalid(c, 0, "the leaf is not a CA but its keyUsage allows keyCertSign (RFC 5280 4.2.1.3)"));
    }
    // RFC 5280 4.2.1.10: name constraints only in CA certificates.
    if ext(c, OID_NC).is_some() {
        return Some(invalid(
            c,
            0,
            "the leaf carries nameConstraints, which only CA certificates may (RFC 5280 4.2.1.10)",
        ));
    }
    // CA/B BR 7.1.2.7.12: SAN critical only when the subject is empty.
    if !empty_subject(c) && ext(c, OID_SAN).is_some_and(|e| e.critical) {
        return Some(invalid(
            c,
            0,
            "subjectAltName is critical although the subject is not empty (CA/B Forum BR 7.1.2.7.12)",
        ));
    }
    for n in c.subject_alt_names() {
        if let GeneralName::Dns(d) = n {
            if d.contains('_') {
                return Some(invalid(
                    c,
                    0,
                    format!("subjectAltName {d:?} has an underscore (RFC 5280 4.2.1.6, CA/B Forum BR 7.1.4.2)"),
                ));
            }
        }
    }
    // CA/B BR 7.1.4.3: a CN, if present, is a character-for-character copy of a SAN entry. We
    // reject a CN that names a SAN entry in another spelling (case, IP notation, U-label), the
    // form interception products and sloppy CAs produce; a CN naming something else entirely is
    // tolerated (see tests/limbo_expected_differences.txt).
    if let Some(cn) = c.subject().common_name() {
        if let Some(entry) = respelled_san(c, cn) {
            return Some(invalid(c, 0, format!("the subject CN {cn:?} is not a character-for-character copy of the subjectAltName entry {entry:?} (CA/B Forum BR 7.1.4.3)")));
        }
    }
    if ext(c, OID_AKI).is_none() && !c.is_self_issued() {
        return Some(invalid(c, 0, "the leaf has no authorityKeyIdentifier (RFC 5280 4.2.1.1)"));
    }
    key(c, 0)
}

/// The SAN entry `cn` names in a different spelling, if any.
fn respelled_san(c: &Certificate, cn: &str) -> Option<String> {
    let cn_ip = liberal_ip(cn);
    // ASCII names only differ from a SAN entry by case, which the comparison below covers.
    let cn_ascii = if cn.is_ascii() { None } else { idna::domain_to_ascii(cn).ok() };
    for n in c.subject_alt_names() {
        match n {
            GeneralName::Ip(ip) if cn_ip == Some(*ip) && cn != ip.to_string() => return Some(ip.to_string()),
            GeneralName::Dns(d)
                if d != cn
                    && (d.eq_ignore_ascii_case(cn)
                        || cn_ascii.as_deref().is_some_and(|a| a.eq_ignore_ascii_case(d))) =>
            {
                return Some(d.clone());
            }
            _ => {}
        }
    }
    None
}

/// Parses an IP address the way lenient resolvers do: IPv6 in any case or expansion, IPv4
/// dotted with leading zeros or hex parts, or one 32-bit hex number.
fn liberal_ip(text: &str) -> Option<IpAddr> {
    if let Ok(ip) = text.parse::<IpAddr>() {
        return Some(ip);
    }
    let part = |p: &str| -> Option<u32> {
        match p.strip_prefix("0x").or_else(|| p.strip_prefix("0X")) {
            Some(h) => u32::from_str_radix(h, 16).ok(),
            None => p.parse::<u32>().ok(),
        }
    };
    let parts: Vec<&str> = text.split('.').collect();
    let value = match parts.as_slice() {
        [one] => part(one)?,
        [a, b, c, d] => {
            let mut v = 0u32;
            for p in [a, b, c, d] {
                let x = part(p)?;
                if x > 255 {
                    return None;
                }
                v = (v << 8) | x;
            }
            v
        }
        _ => return None,
    };
    Some(IpAddr::V4(std::net::Ipv4Addr::from(value)))
}

fn intermediate(c: &Certificate, depth: usize) -> Option<VerifyFailure> {
    ca_rules(c, depth, false)
}

fn anchor(c: &Certificate, depth: usize, at: UnixTime) -> Option<VerifyFailure> {
    // webpki treats an anchor as a bare name + key; browsers and Go reject an expired root.
    if c.not_after() < at {
        return Some(VerifyFailure::Expired { certificate: CertRef::new(c, depth), not_after: c.not_after(), at });
    }
    if c.not_before() > at {
        return Some(VerifyFailure::NotYetValid {
            certificate: CertRef::new(c, depth),
            not_before: c.not_before(),
            at,
        });
    }
    // Anchors get only the checks real stores pass: Debian's bundle has roots whose AKI names an
    // issuer and serial (Go Daddy Class 2, Starfield Class 2, QuoVadis 2 and 3, Certigna) and
    // roots with a non-critical basicConstraints (Chunghwa ePKI), and locally added corporate
    // roots are sloppier still. A self-signed root's AKI must still agree with its SKI.
    if ext(c, OID_AKI).is_some() && c.is_self_issued() {
        if let Some(reason) = root_aki_problem(c) {
            return Some(invalid(c, depth, reason));
        }
    }
    // CA/B BR 7.1.2.1.2 forbids an EKU in a root; we only reject one that excludes serverAuth,
    // which is what Go and browsers enforce for locally trusted roots (interception products'
    // roots, mitmproxy's among them, carry serverAuth).
    if let Some(ekus) = &c.extensions().extended_key_usage {
        if !ekus.iter().any(|k| k == "serverAuth" || k == "anyExtendedKeyUsage") {
            return Some(invalid(
                c,
                depth,
                format!("the root's extendedKeyUsage ({}) does not include serverAuth", ekus.join(", ")),
            ));
        }
    }
    for e in &c.extensions().all {
        if e.critical && !e.understood {
            return Some(VerifyFailure::UnsupportedCriticalExtension {
                certificate: Some(CertRef::new(c, depth)),
                oid: Some(e.oid.clone()),
            });
        }
    }
    ca_rules(c, depth, true)
}

fn ca_rules(c: &Certificate, depth: usize, root: bool) -> Option<VerifyFailure> {
    let x = c.extensions();
    // RFC 5280 4.1.2.6: a CA's subject is not empty.
    if empty_subject(c) {
        return Some(invalid(c, depth, "a CA certificate has an empty subject (RFC 5280 4.1.2.6)"));
    }
    // RFC 5280 4.2.1.9: basicConstraints present and critical in CA certificates.
    match (x.basic_constraints, ext(c, OID_BC)) {
        (None, _) => return Some(invalid(c, depth, "a CA certificate has no basicConstraints (RFC 5280 4.2.1.9)")),
        (Some(_), Some(e)) if !e.critical && !root => {
            return Some(invalid(c, depth, "basicConstraints is not critical in a CA certificate (RFC 5280 4.2.1.9)"))
        }
        _ => {}
    }
    // RFC 5280 4.2.1.3: a CA's keyUsage, if present, asserts keyCertSign.
    if x.key_usage.as_ref().is_some_and(|k| !k.iter().any(|u| u == "keyCertSign")) {
        return Some(invalid(c, depth, "a CA certificate's keyUsage does not allow keyCertSign (RFC 5280 4.2.1.3)"));
    }
    // RFC 5280 4.2.1.2: CA certificates carry a subjectKeyIdentifier. Not applied to anchors:
    // Mozilla's "TWCA Global Root CA" has none.
    if !root && x.subject_key_id.is_none() {
        return Some(invalid(c, depth, "a CA certificate has no subjectKeyIdentifier (RFC 5280 4.2.1.2)"));
    }
    // RFC 5280 4.2.1.1: every certificate but a self-signed root carries an AKI.
    if !root && x.authority_key_id.is_none() {
        return Some(invalid(c, depth, "an intermediate has no authorityKeyIdentifier (RFC 5280 4.2.1.1)"));
    }
    key(c, depth)
}

fn root_aki_problem(c: &Certificate) -> Option<String> {
    let x = c.extensions();
    let Some(kid) = &x.authority_key_id else {
        return Some("the root's authorityKeyIdentifier has no keyIdentifier".to_owned());
    };
    if x.subject_key_id.as_ref() != Some(kid) {
        return Some("the root's authorityKeyIdentifier differs from its subjectKeyIdentifier".to_owned());
    }
    None
}

/// CA/B BR 6.1.5 / 7.1.3.1: RSA of at least 2048 bits with a modulus a multiple of 8 bits;
/// ECDSA on P-256, P-384 or P-521; no DSA.
fn key(c: &Certificate, depth: usize) -> Option<VerifyFailure> {
    let bad = match c.key() {
        KeyAlgorithm::Rsa { bits } if *bits < 2048 => Some(format!("RSA key of {bits} bits, under 2048")),
        KeyAlgorithm::Rsa { .. } if rsa_modulus_bits(c.spki_der()).is_some_and(|b| b % 8 != 0) => Some(format!(
            "RSA modulus of {} bits is not a whole number of bytes",
            rsa_modulus_bits(c.spki_der()).unwrap_or(0)
        )),
        KeyAlgorithm::Ecdsa { curve } if !matches!(curve.as_str(), "P-256" | "P-384" | "P-521") => {
            Some(format!("ECDSA key on curve {curve}"))
        }
        KeyAlgorithm::Dsa { .. } => Some("DSA key".to_owned()),
        _ => None,
    }?;
    Some(VerifyFailure::UnsupportedAlgorithm {
        certificate: Some(CertRef::new(c, depth)),
        algorithm: format!("{bad} (CA/B Forum BR 6.1.5)"),
    })
}

/// The exact bit length of an RSA SPKI's modulus.
fn rsa_modulus_bits(spki: &[u8]) -> Option<usize> {
    let (_, spki, _) = tlv(spki)?;
    let (_, _alg, rest) = tlv(spki)?;
    let (_, bits, _) = tlv(rest)?;
    let (_, key, _) = tlv(bits.get(1..)?)?;
    let (_, n, _) = tlv(key)?;
    let first = n.iter().position(|b| *b != 0)?;
    let lead = n[first];
    Some((n.len() - first - 1) * 8 + usize::try_from(8 - lead.leading_zeros()).unwrap_or(8))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strict_profile_accepts_every_mozilla_root() {
        accepts_every_root(&crate::store::TrustStore::mozilla());
    }

    #[test]
    fn strict_profile_accepts_every_root_of_this_system() {
        accepts_every_root(&crate::store::TrustStore::system());
    }

    fn accepts_every_root(store: &crate::store::TrustStore) {
        let at = UnixTime::now();
        let mut bad = Vec::new();
        for r in store.roots() {
            if r.cert.not_after() < at {
                continue;
            }
            if let Some(f) = anchor(&r.cert, 1, at) {
                bad.push(format!("{}: {f}", r.cert.subject().display_name()));
            }
        }
        assert!(bad.is_empty(), "{} Mozilla roots fail: {bad:#?}", bad.len());
    }
}
