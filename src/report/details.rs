//! Every detail of one certificate, as `trustaudit show` prints it and as its JSON carries it.

use serde::Serialize;

use crate::cert::{
    AuthorityInfoAccess, BasicConstraints, Certificate, GeneralName, KeyAlgorithm, NameConstraints, SignatureAlgorithm,
    UnixTime,
};

/// The readable view of one certificate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CertificateDetails {
    /// X.509 version (1, 2 or 3).
    pub version: u32,
    /// Subject, RFC 4514.
    pub subject: String,
    /// Issuer, RFC 4514.
    pub issuer: String,
    /// Serial number, colon hex.
    pub serial: String,
    /// notBefore.
    pub not_before: UnixTime,
    /// notAfter.
    pub not_after: UnixTime,
    /// SHA-256 fingerprint, colon hex.
    pub sha256: String,
    /// SHA-1 fingerprint, colon hex.
    pub sha1: String,
    /// SPKI SHA-256, base64 (`pin-sha256`).
    pub spki_sha256: String,
    /// Public key.
    pub key: KeyAlgorithm,
    /// Signature algorithm.
    pub signature_algorithm: SignatureAlgorithm,
    /// Basic constraints, when present.
    pub basic_constraints: Option<BasicConstraints>,
    /// Key usage names, when the extension is present.
    pub key_usage: Option<Vec<String>>,
    /// Extended key usage names or OIDs, when present.
    pub extended_key_usage: Option<Vec<String>>,
    /// Subject alternative names.
    pub subject_alt_names: Vec<GeneralName>,
    /// Name constraints, when present.
    pub name_constraints: Option<NameConstraints>,
    /// Authority key identifier, colon hex.
    pub authority_key_id: Option<String>,
    /// Subject key identifier, colon hex.
    pub subject_key_id: Option<String>,
    /// Authority information access.
    pub authority_info_access: Option<AuthorityInfoAccess>,
    /// CRL distribution point URLs.
    pub crl_distribution_points: Vec<String>,
    /// Subject equals issuer.
    pub self_issued: bool,
    /// Self-issued and the signature verifies with its own key.
    pub self_signed: bool,
    /// An embedded SCT list extension is present.
    pub sct_list_present: bool,
    /// Extensions by OID, with criticality, in certificate order.
    pub extensions: Vec<ExtensionEntry>,
}

/// One extension as it appears in the certificate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ExtensionEntry {
    /// Dotted OID.
    pub oid: String,
    /// A name for well-known OIDs, else empty.
    pub name: &'static str,
    /// Marked critical.
    pub critical: bool,
    /// Decoded by this library.
    pub understood: bool,
}

fn extension_name(oid: &str) -> &'static str {
    match oid {
        "2.5.29.14" => "subjectKeyIdentifier",
        "2.5.29.15" => "keyUsage",
        "2.5.29.17" => "subjectAltName",
        "2.5.29.19" => "basicConstraints",
        "2.5.29.30" => "nameConstraints",
        "2.5.29.31" => "cRLDistributionPoints",
        "2.5.29.32" => "certificatePolicies",
        "2.5.29.35" => "authorityKeyIdentifier",
        "2.5.29.37" => "extKeyUsage",
        "1.3.6.1.5.5.7.1.1" => "authorityInfoAccess",
        "1.3.6.1.4.1.11129.2.4.2" => "signedCertificateTimestampList",
        "1.3.6.1.4.1.11129.2.4.3" => "ctPrecertificatePoison",
        _ => "",
    }
}

impl From<&Certificate> for CertificateDetails {
    fn from(c: &Certificate) -> Self {
        let x = c.extensions();
        Self {
            version: c.version(),
            subject: c.subject().rfc4514.clone(),
            issuer: c.issuer().rfc4514.clone(),
            serial: c.serial_hex().to_owned(),
            not_before: c.not_before(),
            not_after: c.not_after(),
            sha256: c.sha256_hex(),
            sha1: c.sha1_hex(),
            spki_sha256: c.spki_sha256_base64(),
            key: c.key().clone(),
            signature_algorithm: c.signature_algorithm().clone(),
            basic_constraints: x.basic_constraints,
            key_usage: x.key_usage.clone(),
            extended_key_usage: x.extended_key_usage.clone(),
            subject_alt_names: x.subject_alt_names.clone(),
            name_constraints: x.name_constraints.clone(),
            authority_key_id: x.authority_key_id.as_deref().map(crate::cert::colon_hex),
            subject_key_id: x.subject_key_id.as_deref().map(crate::cert::colon_hex),
            authority_info_access: x.authority_info_access.clone(),
            crl_distribution_points: x.crl_distribution_points.clone(),
            self_issued: c.is_self_issued(),
            self_signed: c.is_self_signed(),
            sct_list_present: c.has_sct_list(),
            extensions: x
                .all
                .iter()
                .map(|e| ExtensionEntry {
                    name: extension_name(&e.oid),
                    oid: e.oid.clone(),
                    critical: e.critical,
                    understood: e.understood,
                })
                .collect(),
        }
    }
}

/// What `trustaudit show FILE` reports: every certificate in the file, in file order, and
/// every block that could not be read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ShowReport {
    /// The file as given.
    pub file: String,
    /// The certificates, in file order (duplicates included: this shows the file as it is).
    pub certificates: Vec<ShownCertificate>,
    /// Blocks or bytes that are not certificates, with where they are.
    pub problems: Vec<crate::store::Diagnostic>,
}

/// One certificate of a shown file and where it sits.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ShownCertificate {
    /// Where in the file: the BEGIN line for PEM, byte 0 for DER.
    pub location: crate::store::Location,
    /// The details.
    #[serde(flatten)]
    pub details: CertificateDetails,
}

impl ShowReport {
    /// Reads `path` (a PEM bundle or a DER certificate) and describes each certificate.
    ///
    /// # Errors
    /// [`StoreError::NotFound`](crate::store::StoreError::NotFound) or
    /// [`StoreError::Io`](crate::store::StoreError::Io) when the file cannot be read: missing,
    /// a directory, a FIFO or device, or over [`crate::limits::MAX_BUNDLE_BYTES`].
    pub fn from_path(path: &std::path::Path) -> Result<Self, crate::store::StoreError> {
        let shown = path.display().to_string();
        let meta = crate::store::inspect_path(path)?;
        let bytes = crate::store::read_regular_file(path, &meta)
            .map_err(|reason| crate::store::StoreError::Io { path: shown.clone(), reason })?;
        Ok(Self::from_bytes(&shown, &bytes))
    }

    /// Describes each certificate in `bytes`; `file` names it in the report.
    pub fn from_bytes(file: &str, bytes: &[u8]) -> Self {
        use crate::store::{Diagnostic, Location};
        let mut out = Self { file: file.to_owned(), certificates: Vec::new(), problems: Vec::new() };
        let problem = |location, reason: String| Diagnostic { source: file.to_owned(), location, reason };
        if bytes.is_empty() {
            out.problems.push(problem(None, "empty: no certificates".to_owned()));
            return out;
        }
        if crate::cert::pem::looks_like_der(bytes) {
            match Certificate::from_der(bytes) {
                Ok(c) => out
                    .certificates
                    .push(ShownCertificate { location: Location::Offset(0), details: CertificateDetails::from(&c) }),
                Err(e) => out.problems.push(problem(Some(Location::Offset(0)), e.to_string())),
            }
            return out;
        }
        let mut any = false;
        for block in crate::cert::pem::blocks(bytes) {
            any = true;
            match block {
                Ok(b) if b.is_certificate() => match Certificate::from_der_owned(b.der) {
                    Ok(c) => out.certificates.push(ShownCertificate {
                        location: Location::Line(b.line),
                        details: CertificateDetails::from(&c),
                    }),
                    Err(e) => out.problems.push(problem(Some(Location::Line(b.line)), e.to_string())),
                },
                Ok(b) => out
                    .problems
                    .push(problem(Some(Location::Line(b.line)), format!("a {} block, not a certificate", b.label))),
                Err(e) => out.problems.push(problem(Some(Location::Line(e.line)), e.reason)),
            }
        }
        if !any {
            out.problems.push(problem(None, "no PEM block and not DER: no certificates in this file".to_owned()));
        }
        out
    }
}
