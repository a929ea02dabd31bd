//! Chain verification: build and validate a path from a presented chain to a root of a trust
//! store, at any time, for a name and a usage; one chain against many stores (the matrix); each
//! runtime's own words for a failure; and the reverse, explaining a pasted error text.
//!
//! Pure: certificates and stores in, values out. No I/O, no clock reads except where a caller
//! asks for [`VerifyOptions::now`]. A chain that does not verify is a [`VerifyFailure`] value
//! inside `Ok`; `Err` ([`VerifyError`]) means the question itself was malformed.

pub mod explain;
mod failure;
mod matrix;
pub mod openssl_strict;
mod path;
mod profile;
pub mod words;

pub use failure::{CertRef, VerifyFailure};
pub use matrix::{matrix, Matrix, MatrixRow};
pub use path::Verifier;

use serde::Serialize;

use crate::cert::{Certificate, UnixTime};
use crate::store::TrustStore;

/// What the leaf is being verified for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Usage {
    /// A TLS server certificate (extendedKeyUsage serverAuth, when the extension is present).
    #[default]
    ServerAuth,
    /// A TLS client certificate (extendedKeyUsage clientAuth, when the extension is present).
    ClientAuth,
}

impl Usage {
    /// The extendedKeyUsage name, e.g. `serverAuth`.
    pub fn eku_name(self) -> &'static str {
        match self {
            Usage::ServerAuth => "serverAuth",
            Usage::ClientAuth => "clientAuth",
        }
    }
}

/// Which validation rules apply on top of path building.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Profile {
    /// The browser / CA/Browser Forum profile: rustls-webpki plus the checks it leaves out
    /// (an expired or not-yet-valid root, ...). The default.
    #[default]
    Strict,
    /// rustls-webpki exactly as rustls uses it.
    Webpki,
}

/// What to verify a chain for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerifyOptions {
    /// The verification time.
    pub at: UnixTime,
    /// The DNS name or IP address the client connected to; `None` skips the name check.
    pub name: Option<String>,
    /// The usage the leaf must allow.
    pub usage: Usage,
    /// The rules to apply.
    pub profile: Profile,
}

impl VerifyOptions {
    /// Verify now, for server use, with no name check, under the strict profile.
    pub fn now() -> Self {
        Self::at(UnixTime::now())
    }

    /// Verify at `at`, for server use, with no name check, under the strict profile.
    pub fn at(at: UnixTime) -> Self {
        VerifyOptions { at, name: None, usage: Usage::ServerAuth, profile: Profile::Strict }
    }

    /// The same options with a name to check.
    pub fn with_name(mut self, name: impl Into<String>) -> Self {
        self.name = Some(name.into());
        self
    }
}

/// Why verification could not be attempted at all (as opposed to a chain that failed, which is a
/// [`VerifyFailure`] inside [`Verification`]).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum VerifyError {
    /// No certificates were given.
    #[error("the chain is empty: give at least the server's (leaf) certificate")]
    EmptyChain,
    /// The name to check is not a DNS name or an IP address.
    #[error("{name:?} is not a valid DNS name or IP address: {reason}")]
    InvalidName {
        /// The name as given (truncated to 256 characters).
        name: String,
        /// What is wrong with it.
        reason: String,
    },
}

/// A path that verified: leaf first, then intermediates, then the store's root.
#[derive(Debug, Clone, Serialize)]
pub struct TrustedPath {
    /// The path as references (leaf at depth 0, the anchor last).
    pub path: Vec<CertRef>,
    /// Where the anchor came from in the store (file and line, or the built-in set).
    pub anchor_source: String,
    #[serde(skip)]
    certificates: Vec<Certificate>,
}

impl TrustedPath {
    /// The certificates of the path: leaf first, the store's root last.
    pub fn certificates(&self) -> &[Certificate] {
        &self.certificates
    }

    /// The store's root that anchors the path.
    pub fn anchor(&self) -> &Certificate {
        // NOTE: a TrustedPath is only built with the leaf and the anchor in it, so it is never empty.
        &self.certificates[self.certificates.len() - 1]
    }

    /// The leaf.
    pub fn leaf(&self) -> &Certificate {
        &self.certificates[0]
    }
}

/// The result of verifying one chain against one store.
#[derive(Debug, Clone, Serialize)]
pub struct Verification {
    /// The store's name.
    pub store: String,
    /// Whether the chain verified (path, validity, usage, and name if one was asked).
    pub trusted: bool,
    /// The verified path, when path building succeeded (present even if only the name check
    /// failed).
    pub path: Option<TrustedPath>,
    /// Why it failed, most specific first: the path failure (if any), then the name failure (if
    /// any). Empty when `trusted`.
    pub failures: Vec<VerifyFailure>,
    /// Every defect found on the attempted path when path building failed, in path order (leaf
    /// first, the trust problem last), whichever one rustls-webpki ranked first. Runtimes that
    /// stop at a different first error (OpenSSL checks trust before validity; Node.js reports
    /// the last error) pick their words from these. Empty when path building succeeded.
    pub findings: Vec<VerifyFailure>,
    /// The leaf and the parsed name, kept so each runtime's own name rules can be replayed.
    #[serde(skip)]
    pub(crate) name_subject: Option<(Certificate, crate::hostname::Name)>,
    /// When path building failed: the attempted path if it reached a store root (leaf first,
    /// the root last); empty otherwise. See [`Verification::openssl_chain`].
    #[serde(skip)]
    pub(crate) attempted: Vec<Certificate>,
}

impl Verification {
    /// The main reason for rejection, if rejected.
    pub fn failure(&self) -> Option<&VerifyFailure> {
        self.failures.first()
    }

    /// The name-check failure, if the name did not match.
    pub fn name_failure(&self) -> Option<&VerifyFailure> {
        self.failures.iter().find(|f| matches!(f, VerifyFailure::NameMismatch { .. }))
    }

    /// The chain OpenSSL's chain building would return (leaf first, the store's root last):
    /// the verified path, or the attempted one when it reached a store root; empty otherwise.
    /// OpenSSL's X509_V_FLAG_X509_STRICT checks run over it.
    pub(crate) fn openssl_chain(&self) -> &[Certificate] {
        self.path.as_ref().map_or(&self.attempted, TrustedPath::certificates)
    }

    /// The chain failure (everything but the name check), if any.
    pub fn chain_failure(&self) -> Option<&VerifyFailure> {
        self.failures.iter().find(|f| !matches!(f, VerifyFailure::NameMismatch { .. }))
    }
}

/// Verifies `chain` (leaf + intermediates in any order; duplicates and unrelated extras are
/// ignored) against `store` under `opts`.
///
/// This prepares the store's anchors on every call; to verify many chains against one store,
/// build a [`Verifier`] once.
///
/// # Errors
/// [`VerifyError::EmptyChain`] or [`VerifyError::InvalidName`]. A chain that does not verify is
/// `Ok` with [`Verification::trusted`] false.
pub fn verify(chain: &[Certificate], store: &TrustStore, opts: &VerifyOptions) -> Result<Verification, VerifyError> {
    Verifier::new(store).verify(chain, opts)
}
