//! Trust stores: named, de-duplicated sets of root certificates plus the diagnostics met while
//! loading them.
//!
//! Loaders never stop at a bad entry: an unreadable file, a damaged PEM block or a non-certificate
//! becomes a [`Diagnostic`] saying where and why, and the rest of the store still loads. Only a
//! request that cannot be served at all (the path does not exist) is an [`Err`].

mod builder;
mod distribution;
mod file;
mod mozilla;
mod system;

use std::path::Path;
use std::sync::Arc;

use serde::Serialize;

use crate::cert::Certificate;

pub use builder::StoreBuilder;
pub use distribution::{DistributionSet, DISTRIBUTION_DIRS};
pub use mozilla::{MOZILLA_SOURCE, MOZILLA_VERSION};
pub use system::SystemPaths;

/// Metadata of `path` (following symlinks), with "not found" told apart from other failures.
///
/// # Errors
/// [`StoreError::NotFound`] or [`StoreError::Io`].
pub fn inspect_path(path: &Path) -> Result<std::fs::Metadata, StoreError> {
    file::inspect(path)
}

/// Reads a regular file within [`crate::limits::MAX_BUNDLE_BYTES`]; FIFOs, sockets, devices and
/// directories are refused without being opened (opening a FIFO with no writer blocks).
///
/// # Errors
/// The reason, in words, when the file is not a regular file, too large or unreadable.
pub fn read_regular_file(path: &Path, meta: &std::fs::Metadata) -> Result<Vec<u8>, String> {
    file::read_regular(path, meta)
}

/// Why a store could not be loaded at all.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum StoreError {
    /// The path does not exist.
    #[error("{path}: no such file or directory")]
    NotFound {
        /// The path as given.
        path: String,
    },
    /// The path exists but could not be read.
    #[error("{path}: {reason}")]
    Io {
        /// The path as given.
        path: String,
        /// The operating system's reason.
        reason: String,
    },
    /// The input is over a size limit.
    #[error("{what} is {size} bytes, over the {limit}-byte limit")]
    TooLarge {
        /// What was too large.
        what: String,
        /// Its size.
        size: u64,
        /// The limit.
        limit: u64,
    },
}

/// Where in a source a diagnostic or root sits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Location {
    /// 1-based line number in a text file.
    Line(usize),
    /// Byte offset in a binary file.
    Offset(usize),
}

impl std::fmt::Display for Location {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Line(l) => write!(f, "line {l}"),
            Self::Offset(o) => write!(f, "byte {o}"),
        }
    }
}

/// Something that went wrong with one entry while loading a store; loading went on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// The file, directory or built-in set the entry came from.
    pub source: String,
    /// Where in that source, when known.
    pub location: Option<Location>,
    /// What was wrong, for a person.
    pub reason: String,
}

impl std::fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.location {
            Some(loc) => write!(f, "{}: {loc}: {}", self.source, self.reason),
            None => write!(f, "{}: {}", self.source, self.reason),
        }
    }
}

/// Where one root came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Origin {
    /// The file path or built-in set name.
    pub source: String,
    /// Where in that source.
    pub location: Option<Location>,
}

/// One trusted root and where it was found.
#[derive(Debug, Clone)]
pub struct Root {
    /// The certificate.
    pub cert: Certificate,
    /// Where it was loaded from (the first place, when it appeared more than once).
    pub origin: Origin,
}

/// What kind of source a store was built from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum StoreKind {
    /// Mozilla's set as compiled into this library (webpki-root-certs).
    Mozilla,
    /// The operating system's store as rustls-native-certs finds it.
    System,
    /// A file or directory named by the user.
    Path,
    /// Bytes handed over in memory.
    Memory,
    /// What one runtime reads (see [`crate::runtime`]).
    Runtime,
}

/// A store described for reports: what it is, where it came from, what went wrong loading it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StoreSummary {
    /// The store's name.
    pub name: String,
    /// What it was built from.
    pub kind: StoreKind,
    /// Number of distinct roots.
    pub roots: usize,
    /// Certificates dropped because they were already loaded.
    pub duplicates: usize,
    /// Files and directories read, in order.
    pub sources: Vec<String>,
    /// How the store was assembled.
    pub notes: Vec<String>,
    /// Problems met while loading.
    pub diagnostics: Vec<Diagnostic>,
    /// Diagnostics counted but not kept (over [`crate::limits::MAX_DIAGNOSTICS`]).
    pub diagnostics_dropped: usize,
}

/// A named, de-duplicated, immutable set of roots. Cheap to clone.
#[derive(Debug, Clone)]
pub struct TrustStore {
    inner: Arc<StoreInner>,
}

#[derive(Debug)]
struct StoreInner {
    name: String,
    kind: StoreKind,
    roots: Vec<Root>,
    diagnostics: Vec<Diagnostic>,
    diagnostics_dropped: usize,
    duplicates: usize,
    sources: Vec<String>,
    notes: Vec<String>,
}

impl TrustStore {
    /// Mozilla's root set as compiled into this library.
    pub fn mozilla() -> Self {
        mozilla::load()
    }

    /// The operating system's store, found the way rustls-native-certs finds it: `SSL_CERT_FILE`
    /// and `SSL_CERT_DIR` exclusively when either is set, else the distribution's bundle and
    /// certificate directory. Which of those applied is in [`TrustStore::notes`].
    pub fn system() -> Self {
        system::load(&SystemPaths::from_env())
    }

    /// The system store from explicit locations (what [`TrustStore::system`] does after reading
    /// the environment), so callers and tests need not mutate process variables.
    pub fn system_from(paths: &SystemPaths) -> Self {
        system::load(paths)
    }

    /// Reads a PEM bundle, a DER file or a directory of them (including OpenSSL hashed
    /// directories). Bad entries become diagnostics.
    ///
    /// # Errors
    /// [`StoreError::NotFound`] when `path` does not exist, [`StoreError::Io`] when it cannot be
    /// inspected at all.
    pub fn from_path(name: &str, path: &Path) -> Result<Self, StoreError> {
        let mut b = StoreBuilder::new(name, StoreKind::Path);
        b.add_path(path)?;
        Ok(b.build())
    }

    /// Builds a store from bytes in memory: PEM text (any number of blocks, text around them)
    /// or one DER certificate.
    ///
    /// # Errors
    /// [`StoreError::TooLarge`] when the input is over [`crate::limits::MAX_BUNDLE_BYTES`].
    pub fn from_bytes(name: &str, bytes: &[u8]) -> Result<Self, StoreError> {
        let mut b = StoreBuilder::new(name, StoreKind::Memory);
        b.add_bytes("memory", bytes)?;
        Ok(b.build())
    }

    /// Builds a store from certificates already parsed.
    pub fn from_certificates(name: &str, certs: impl IntoIterator<Item = Certificate>) -> Self {
        let mut b = StoreBuilder::new(name, StoreKind::Memory);
        for c in certs {
            b.add_certificate(c, Origin { source: name.to_owned(), location: None });
        }
        b.build()
    }

    /// The store's name (`mozilla`, `system`, `go`, a path, …).
    pub fn name(&self) -> &str {
        &self.inner.name
    }

    /// What the store was built from.
    pub fn kind(&self) -> StoreKind {
        self.inner.kind
    }

    /// The roots, in load order, without duplicates.
    pub fn roots(&self) -> &[Root] {
        &self.inner.roots
    }

    /// Number of distinct roots.
    pub fn len(&self) -> usize {
        self.inner.roots.len()
    }

    /// Whether the store holds no roots.
    pub fn is_empty(&self) -> bool {
        self.inner.roots.is_empty()
    }

    /// Problems met while loading, in the order met (at most [`crate::limits::MAX_DIAGNOSTICS`]).
    pub fn diagnostics(&self) -> &[Diagnostic] {
        &self.inner.diagnostics
    }

    /// Diagnostics that were counted but not kept because of the limit.
    pub fn diagnostics_dropped(&self) -> usize {
        self.inner.diagnostics_dropped
    }

    /// How many certificates were dropped because the same certificate was already loaded.
    pub fn duplicates(&self) -> usize {
        self.inner.duplicates
    }

    /// Files and directories read, in order.
    pub fn sources(&self) -> &[String] {
        &self.inner.sources
    }

    /// Remarks on how the store was assembled (which variables were in force, fallbacks taken).
    pub fn notes(&self) -> &[String] {
        &self.inner.notes
    }

    /// Whether a certificate with these exact DER bytes is in the store.
    pub fn contains(&self, cert: &Certificate) -> bool {
        self.inner.roots.iter().any(|r| r.cert == *cert)
    }

    /// Whether some root has the same subject and key as `cert` (the identity that path
    /// building uses, so a re-issued root with a new validity still counts).
    pub fn contains_subject_and_key(&self, cert: &Certificate) -> bool {
        self.inner
            .roots
            .iter()
            .any(|r| r.cert.spki_sha256() == cert.spki_sha256() && r.cert.subject().der == cert.subject().der)
    }

    /// Roots whose subject equals `name` (DER comparison).
    pub fn find_by_subject<'a>(&'a self, name_der: &'a [u8]) -> impl Iterator<Item = &'a Root> + 'a {
        self.inner.roots.iter().filter(move |r| r.cert.subject().der == name_der)
    }

    /// The store described for reports (without its roots).
    pub fn summary(&self) -> StoreSummary {
        let i = &self.inner;
        StoreSummary {
            name: i.name.clone(),
            kind: i.kind,
            roots: i.roots.len(),
            duplicates: i.duplicates,
            sources: i.sources.clone(),
            notes: i.notes.clone(),
            diagnostics: i.diagnostics.clone(),
            diagnostics_dropped: i.diagnostics_dropped,
        }
    }

    /// A copy of this store under another name and kind (runtime views reuse loaded stores).
    pub fn renamed(&self, name: &str, kind: StoreKind, notes: Vec<String>) -> Self {
        let i = &self.inner;
        let mut all_notes = i.notes.clone();
        all_notes.extend(notes);
        Self {
            inner: Arc::new(StoreInner {
                name: name.to_owned(),
                kind,
                roots: i.roots.clone(),
                diagnostics: i.diagnostics.clone(),
                diagnostics_dropped: i.diagnostics_dropped,
                duplicates: i.duplicates,
                sources: i.sources.clone(),
                notes: all_notes,
            }),
        }
    }
}
