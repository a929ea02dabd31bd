//! Certificate Transparency: Signed Certificate Timestamps from the three places a client can
//! meet them (certificate extension, TLS extension, stapled OCSP response), the CT log list
//! compiled into the library, and SCT signature checks with the logs' keys.
//!
//! Pure: bytes in, values out; no I/O and no network (the log list is embedded or handed in).
//! This layer reports what the SCTs say; it does not enforce a CT policy (Chrome's log list
//! terms allow auditing, not enforcing CT in other clients), and it never panics on hostile
//! input: malformed lists are typed [`CtError`]s.

mod check;
mod der;
mod log_list;
mod sct;

pub use check::{
    check_leaf_scts, check_leaf_scts_with, check_sct, precert_tbs, SctCheck, SctChecks, SctStatus, SignedEntry,
};
pub use log_list::{Log, LogApi, LogList, LogState};
pub use sct::{
    parse_embedded, parse_ocsp_response, parse_sct, parse_sct_list, HashAlgorithm, Sct, SctSource, SignatureAlgorithm,
};

/// Why SCT data could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CtError {
    /// The list's length prefix says zero SCTs; RFC 6962 requires at least one.
    #[error("SCT list is empty")]
    EmptyList,
    /// The list is bigger than any real one.
    #[error("SCT list is {size} bytes, over the {limit}-byte limit")]
    ListTooLarge {
        /// Its size.
        size: usize,
        /// The limit.
        limit: usize,
    },
    /// More SCTs than any real certificate carries.
    #[error("SCT list has more than {limit} SCTs")]
    TooManyScts {
        /// The limit.
        limit: usize,
    },
    /// A field runs past the end of the data.
    #[error("SCT data truncated in the {what}: needs {needed} bytes, {available} left")]
    Truncated {
        /// The field being read.
        what: &'static str,
        /// Bytes the field needs.
        needed: usize,
        /// Bytes that were left.
        available: usize,
    },
    /// A length prefix does not match the data it covers.
    #[error("{what} length says {declared} bytes but {actual} are present")]
    LengthMismatch {
        /// What the length covers.
        what: &'static str,
        /// The declared length.
        declared: usize,
        /// The actual length.
        actual: usize,
    },
    /// An SCT version other than v1 (0).
    #[error("SCT version {version} is not v1 (0), the only version RFC 6962 defines")]
    UnknownVersion {
        /// The version byte.
        version: u8,
    },
    /// DER around the SCTs (certificate or OCSP response) is damaged.
    #[error("malformed DER in the {what}: {reason}")]
    Der {
        /// Which structure.
        what: &'static str,
        /// What was wrong.
        reason: &'static str,
    },
    /// The OCSP response is bigger than the limit.
    #[error("OCSP response is {size} bytes, over the {limit}-byte limit")]
    OcspTooLarge {
        /// Its size.
        size: usize,
        /// The limit.
        limit: usize,
    },
    /// The OCSP response status is not `successful`, so it carries no SCTs.
    #[error("OCSP response status is {status}, not successful (0)")]
    OcspNotSuccessful {
        /// The OCSPResponseStatus value.
        status: u8,
    },
    /// A precertificate TBS was requested for a certificate without an SCT list.
    #[error("the certificate has no embedded SCT list")]
    NoSctExtension,
    /// A CT log list could not be used.
    #[error("bad CT log list: {reason}")]
    LogList {
        /// What was wrong.
        reason: String,
    },
}
