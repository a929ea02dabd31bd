//! The distribution's own copy of the CA package (Debian/Ubuntu/Alpine `ca-certificates` keep
//! one file per root under `/usr/share/ca-certificates/mozilla`).
//!
//! Used to tell a root the operating system shipped (an older Mozilla snapshot, which still
//! carries roots Mozilla has since removed) from one someone added on this machine. Only
//! fingerprints are kept: matching is by exact DER, so nothing is parsed as X.509 here.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use ring::digest;

use super::file;
use crate::cert::{pem, Certificate};

/// Where distributions keep the CA package's certificates, in the order looked at.
pub const DISTRIBUTION_DIRS: &[&str] = &["/usr/share/ca-certificates/mozilla"];

/// Fingerprints of the certificates the distribution's CA package ships.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DistributionSet {
    /// The directory read.
    pub dir: PathBuf,
    fingerprints: HashSet<[u8; 32]>,
}

impl DistributionSet {
    /// The first of [`DISTRIBUTION_DIRS`] that exists and holds at least one certificate.
    pub fn load() -> Option<Self> {
        DISTRIBUTION_DIRS.iter().map(|d| Self::from_dir(Path::new(d))).find(|s| !s.is_empty())
    }

    /// Reads every PEM or DER file directly in `dir`; unreadable files are skipped.
    pub fn from_dir(dir: &Path) -> Self {
        let mut fingerprints = HashSet::new();
        let entries = file::list_dir(dir).map(|l| l.paths).unwrap_or_default();
        for entry in entries {
            let Ok(meta) = std::fs::metadata(&entry) else { continue };
            let Ok(bytes) = file::read_regular(&entry, &meta) else { continue };
            if pem::looks_like_der(&bytes) {
                fingerprints.insert(sha256(&bytes));
                continue;
            }
            for block in pem::blocks(&bytes).flatten() {
                if block.is_certificate() {
                    fingerprints.insert(sha256(&block.der));
                }
            }
        }
        Self { dir: dir.to_path_buf(), fingerprints }
    }

    /// Counts `cert` as shipped too: a runtime's compiled-in Mozilla snapshot (Node.js) can be
    /// newer than this library's, and its extra roots were not added on this machine either.
    pub fn insert(&mut self, cert: &Certificate) {
        self.fingerprints.insert(*cert.sha256());
    }

    /// Whether the package ships exactly this certificate.
    pub fn contains(&self, cert: &Certificate) -> bool {
        self.fingerprints.contains(cert.sha256())
    }

    /// Number of distinct certificates in the package.
    pub fn len(&self) -> usize {
        self.fingerprints.len()
    }

    /// Whether no certificate was found.
    pub fn is_empty(&self) -> bool {
        self.fingerprints.is_empty()
    }
}

fn sha256(der: &[u8]) -> [u8; 32] {
    let d = digest::digest(&digest::SHA256, der);
    let mut out = [0u8; 32];
    out.copy_from_slice(d.as_ref());
    out
}
