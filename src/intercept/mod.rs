//! Interception detection: a catalogue of TLS-interception products, a verdict engine that
//! weighs the signals of a presented chain (anchor, product names, Certificate Transparency,
//! key reuse across hosts) into `clean | suspected | intercepted` with evidence a person can
//! read, and the remediation that makes each tool trust the interception root.
//!
//! The catalogue and verdict are pure (certificates and stores in, values out). Only
//! [`remediation`]'s two writers touch the file system, and only at paths the caller names;
//! they never modify system trust files.

mod catalogue;
pub mod remediation;
mod verdict;

pub use catalogue::{Attribute, Attribution, Catalogue, Condition, KeySharing, Op, Product, ProductKind, Rule, Source};
pub use verdict::{
    is_public_name, Anchor, AnchorKind, Evidence, Inspector, Level, ProductRef, SctSummary, Signal, Verdict, Weight,
};

/// Why a verdict or a remediation step could not be produced.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum InterceptError {
    /// No certificate was given.
    #[error("the chain is empty: give at least the leaf certificate")]
    EmptyChain,
    /// More certificates than any real chain.
    #[error("the chain has {certs} certificates, over the limit of {limit}")]
    ChainTooLong {
        /// How many were given.
        certs: usize,
        /// The limit.
        limit: usize,
    },
    /// The catalogue file is unusable.
    #[error("bad interception catalogue: {reason}")]
    Catalogue {
        /// What was wrong.
        reason: String,
    },
    /// A write was asked for a file the system's trust tooling owns.
    #[error("{path} belongs to the system trust store; trustaudit writes only files you name elsewhere (use update-ca-certificates or update-ca-trust to change system trust)")]
    SystemPath {
        /// The refused path.
        path: String,
    },
    /// A file could not be written.
    #[error("{path}: {reason}")]
    Io {
        /// The path.
        path: String,
        /// The operating system's reason.
        reason: String,
    },
}
