//! Why a chain did not verify: one structured value per cause, with the details a caller can act
//! on (which certificate, which time, which name, which missing issuer).
//!
//! Pure data: no path building here, no I/O.

use serde::Serialize;

use crate::cert::{Certificate, UnixTime};

/// A certificate named by a failure: enough to find it again and to show it to a person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CertRef {
    /// Position in the verified or attempted path: 0 is the leaf, 1 its issuer, and so on.
    pub depth: usize,
    /// Subject, RFC 4514.
    pub subject: String,
    /// Issuer, RFC 4514.
    pub issuer: String,
    /// SHA-256 fingerprint of the DER, lower-case hex.
    pub sha256: String,
}

impl CertRef {
    /// Names `cert` at `depth` in a path.
    pub fn new(cert: &Certificate, depth: usize) -> Self {
        CertRef {
            depth,
            subject: cert.subject().rfc4514.clone(),
            issuer: cert.issuer().rfc4514.clone(),
            sha256: cert.id(),
        }
    }

    /// A short name for text output: the subject's CN, else its organisation, else RFC 4514.
    pub fn short(&self) -> &str {
        short_name(&self.subject)
    }
}

/// The CN of an RFC 4514 name if it has one, else the whole name.
pub(crate) fn short_name(rfc4514: &str) -> &str {
    rfc4514.split(',').find_map(|part| part.trim().strip_prefix("CN=")).unwrap_or(rfc4514)
}

/// Why a chain did not verify against one trust store.
///
/// A failure is a finding, not an error: [`crate::verify::verify`] returns it inside `Ok`.
/// When several candidate paths fail, this is the most specific cause (as rustls-webpki ranks
/// them), with the certificate it concerns located on the best attempted path.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[non_exhaustive]
pub enum VerifyFailure {
    /// No certificate in the chain or the store issued `certificate`: its issuer is missing.
    #[error("issuer \"{issuer}\" of \"{}\" is not in the {store} store and was not sent by the server{}", .certificate.short(), aki_suffix(.authority_key_id))]
    UnknownIssuer {
        /// The certificate whose issuer could not be found (top of the attempted path).
        certificate: CertRef,
        /// The missing issuer's name, RFC 4514.
        issuer: String,
        /// The missing issuer's key identifier (the certificate's AKI), lower-case hex.
        authority_key_id: Option<String>,
        /// The store that was searched.
        store: String,
    },
    /// The leaf is self-signed and not in the store.
    #[error("\"{}\" is self-signed and not in the {store} store", .certificate.short())]
    SelfSignedLeaf {
        /// The leaf.
        certificate: CertRef,
        /// The store that was searched.
        store: String,
    },
    /// The chain ends in a self-signed root that the server sent but the store does not hold.
    #[error("the chain ends in root \"{}\", which is not in the {store} store", .root.short())]
    UntrustedRoot {
        /// The presented root.
        root: CertRef,
        /// The store that was searched.
        store: String,
    },
    /// A certificate on the path has expired.
    #[error("\"{}\" expired at {not_after} (checked at {at})", .certificate.short())]
    Expired {
        /// The expired certificate.
        certificate: CertRef,
        /// Its notAfter.
        not_after: UnixTime,
        /// The verification time.
        at: UnixTime,
    },
    /// A certificate on the path is not valid yet.
    #[error("\"{}\" is not valid until {not_before} (checked at {at})", .certificate.short())]
    NotYetValid {
        /// The certificate.
        certificate: CertRef,
        /// Its notBefore.
        not_before: UnixTime,
        /// The verification time.
        at: UnixTime,
    },
    /// The leaf does not carry the requested name in its subjectAltName.
    #[error("\"{}\" is valid for {}, not {name}", .certificate.short(), presented_list(.presented, .common_name))]
    NameMismatch {
        /// The leaf.
        certificate: CertRef,
        /// The name asked for.
        name: String,
        /// The DNS and IP names in the leaf's subjectAltName.
        presented: Vec<String>,
        /// The leaf's subject CN, if any (Go and browsers ignore it; some runtimes fall back to it).
        common_name: Option<String>,
        /// Whether the requested name matches only the legacy CN field (no SAN at all).
        matches_common_name_only: bool,
        /// Why the strict (RFC 9525) check refused it, when it was the strict check.
        reason: Option<crate::hostname::Mismatch>,
    },
    /// A signature on the path does not verify with its issuer's key.
    #[error("the signature on \"{}\" does not verify with the key of \"{}\"", .certificate.short(), short_name(.issuer))]
    BadSignature {
        /// The certificate whose signature is bad.
        certificate: CertRef,
        /// The issuer whose key was used.
        issuer: String,
    },
    /// The leaf is a CA certificate (basicConstraints cA=TRUE) used as a server certificate.
    #[error("\"{}\" is a CA certificate and cannot be used as a server certificate", .certificate.short())]
    CaUsedAsEndEntity {
        /// The leaf.
        certificate: CertRef,
    },
    /// A certificate that is not a CA issued another certificate on the path.
    #[error("\"{}\" is not a CA (basicConstraints) but issued another certificate", .certificate.short())]
    NotACa {
        /// The would-be issuer.
        certificate: CertRef,
    },
    /// A CA's pathLenConstraint is exceeded by the intermediates below it.
    #[error("path length constraint of \"{}\" is exceeded", .certificate.as_ref().map_or("an issuing CA", |c| c.short()))]
    PathLenExceeded {
        /// The CA whose constraint is violated, when it could be located.
        certificate: Option<CertRef>,
        /// Its pathLenConstraint, when located.
        path_len: Option<u32>,
    },
    /// A name on the path falls outside a CA's name constraints.
    #[error("a name violates the name constraints of an issuing CA")]
    NameConstraintViolation {
        /// The constrained CA, when it could be located.
        constrained_by: Option<CertRef>,
    },
    /// A signature or key algorithm is not supported (or not allowed) for verification.
    #[error("unsupported signature algorithm {algorithm} on \"{}\"", .certificate.as_ref().map_or("a certificate", |c| c.short()))]
    UnsupportedAlgorithm {
        /// The certificate using it, when it could be located.
        certificate: Option<CertRef>,
        /// The algorithm's name or OID.
        algorithm: String,
    },
    /// A certificate's extendedKeyUsage does not allow the requested usage.
    #[error("\"{}\" is not allowed for {required} (extendedKeyUsage: {})", .certificate.as_ref().map_or("a certificate", |c| c.short()), .present.join(", "))]
    WrongUsage {
        /// The certificate, when it could be located.
        certificate: Option<CertRef>,
        /// The required usage, e.g. "serverAuth".
        required: String,
        /// The usages the certificate does allow.
        present: Vec<String>,
    },
    /// A certificate carries a critical extension the verifier does not understand.
    #[error("\"{}\" has an unsupported critical extension {}", .certificate.as_ref().map_or("a certificate", |c| c.short()), .oid.as_deref().unwrap_or("(unknown)"))]
    UnsupportedCriticalExtension {
        /// The certificate, when it could be located.
        certificate: Option<CertRef>,
        /// The extension's OID, when located.
        oid: Option<String>,
    },
    /// A certificate is explicitly distrusted.
    #[error("a certificate on the path is explicitly distrusted")]
    Distrusted,
    /// A certificate is malformed or violates the profile (bad encoding, bad validity, …).
    #[error("invalid certificate{}: {reason}", .certificate.as_ref().map_or(String::new(), |c| format!(" \"{}\"", c.short())))]
    Invalid {
        /// The certificate, when it could be located.
        certificate: Option<CertRef>,
        /// What is wrong.
        reason: String,
    },
    /// The chain has more certificates than path building will consider.
    #[error("the chain has {count} certificates, over the limit of {limit}")]
    TooManyCertificates {
        /// Distinct certificates presented.
        count: usize,
        /// The limit ([`crate::limits::MAX_VERIFY_CHAIN_CERTS`]).
        limit: usize,
    },
    /// Path building gave up: too many candidate paths or signature checks (loops, hostile
    /// cross-signing meshes).
    #[error("path building gave up after exhausting its budget ({what})")]
    BudgetExceeded {
        /// Which budget ran out.
        what: String,
    },
}

fn aki_suffix(aki: &Option<String>) -> String {
    aki.as_ref().map_or(String::new(), |k| format!(" (key id {k})"))
}

fn presented_list(presented: &[String], cn: &Option<String>) -> String {
    if presented.is_empty() {
        match cn {
            Some(cn) => format!("no SAN names (only the legacy CN \"{cn}\")"),
            None => "no names".to_owned(),
        }
    } else {
        presented.join(", ")
    }
}

impl VerifyFailure {
    /// A stable snake_case name for this cause (the JSON `kind`).
    pub fn kind(&self) -> &'static str {
        match self {
            VerifyFailure::UnknownIssuer { .. } => "unknown_issuer",
            VerifyFailure::SelfSignedLeaf { .. } => "self_signed_leaf",
            VerifyFailure::UntrustedRoot { .. } => "untrusted_root",
            VerifyFailure::Expired { .. } => "expired",
            VerifyFailure::NotYetValid { .. } => "not_yet_valid",
            VerifyFailure::NameMismatch { .. } => "name_mismatch",
            VerifyFailure::BadSignature { .. } => "bad_signature",
            VerifyFailure::CaUsedAsEndEntity { .. } => "ca_used_as_end_entity",
            VerifyFailure::NotACa { .. } => "not_a_ca",
            VerifyFailure::PathLenExceeded { .. } => "path_len_exceeded",
            VerifyFailure::NameConstraintViolation { .. } => "name_constraint_violation",
            VerifyFailure::UnsupportedAlgorithm { .. } => "unsupported_algorithm",
            VerifyFailure::WrongUsage { .. } => "wrong_usage",
            VerifyFailure::UnsupportedCriticalExtension { .. } => "unsupported_critical_extension",
            VerifyFailure::Distrusted => "distrusted",
            VerifyFailure::Invalid { .. } => "invalid",
            VerifyFailure::TooManyCertificates { .. } => "too_many_certificates",
            VerifyFailure::BudgetExceeded { .. } => "budget_exceeded",
        }
    }

    /// Whether the failure is about trust (a missing root or issuer) rather than about the
    /// certificates themselves: adding a root to the store can fix exactly these.
    pub fn is_trust_failure(&self) -> bool {
        matches!(
            self,
            VerifyFailure::UnknownIssuer { .. }
                | VerifyFailure::SelfSignedLeaf { .. }
                | VerifyFailure::UntrustedRoot { .. }
        )
    }
}
