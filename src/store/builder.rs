//! Assembling a store: de-duplication, limits and diagnostics in one place, so every loader
//! (bundle, directory, built-in set, runtime view) behaves the same way.

use std::collections::HashSet;
use std::path::Path;
use std::sync::Arc;

use super::{file, Diagnostic, Location, Origin, Root, StoreError, StoreInner, StoreKind, TrustStore};
use crate::cert::{pem, Certificate};
use crate::limits;
use ring::digest;

/// Builds a [`TrustStore`] from several sources.
#[derive(Debug)]
pub struct StoreBuilder {
    name: String,
    kind: StoreKind,
    roots: Vec<Root>,
    seen: HashSet<[u8; 32]>,
    diagnostics: Vec<Diagnostic>,
    diagnostics_dropped: usize,
    duplicates: usize,
    sources: Vec<String>,
    notes: Vec<String>,
    limit_reported: bool,
}

impl StoreBuilder {
    /// Starts an empty store.
    pub fn new(name: &str, kind: StoreKind) -> Self {
        Self {
            name: name.to_owned(),
            kind,
            roots: Vec::new(),
            seen: HashSet::new(),
            diagnostics: Vec::new(),
            diagnostics_dropped: 0,
            duplicates: 0,
            sources: Vec::new(),
            notes: Vec::new(),
            limit_reported: false,
        }
    }

    /// Adds a remark shown with the store (for example which variable selected a file).
    pub fn note(&mut self, note: impl Into<String>) {
        self.notes.push(note.into());
    }

    /// Records a problem with one entry.
    pub fn diagnostic(&mut self, source: &str, location: Option<Location>, reason: impl Into<String>) {
        if self.diagnostics.len() >= limits::MAX_DIAGNOSTICS {
            self.diagnostics_dropped += 1;
            return;
        }
        self.diagnostics.push(Diagnostic { source: source.to_owned(), location, reason: reason.into() });
    }

    /// Adds one parsed certificate; a duplicate (same DER) is counted and dropped.
    /// Returns whether it was new.
    pub fn add_certificate(&mut self, cert: Certificate, origin: Origin) -> bool {
        if !self.seen.insert(*cert.sha256()) {
            self.duplicates += 1;
            return false;
        }
        if self.roots.len() >= limits::MAX_CERTS_PER_BUNDLE {
            if !self.limit_reported {
                self.limit_reported = true;
                let reason =
                    format!("more than {} certificates: the rest are not loaded", limits::MAX_CERTS_PER_BUNDLE);
                self.diagnostic(&origin.source, origin.location, reason);
            }
            return false;
        }
        self.roots.push(Root { cert, origin });
        true
    }

    /// Adds DER bytes, recording a diagnostic when they do not parse.
    pub fn add_der(&mut self, source: &str, location: Option<Location>, der: Vec<u8>) {
        // Bundles repeat certificates (the system bundle and its hashed directory hold the same
        // roots): a fingerprint is far cheaper than an X.509 parse, so duplicates skip the parse.
        let fingerprint = digest::digest(&digest::SHA256, &der);
        if self.seen.contains(fingerprint.as_ref()) {
            self.duplicates += 1;
            return;
        }
        match Certificate::from_der_owned(der) {
            Ok(cert) => {
                self.add_certificate(cert, Origin { source: source.to_owned(), location });
            }
            Err(e) => self.diagnostic(source, location, e.to_string()),
        }
    }

    /// Adds every certificate in `bytes`: PEM text (blocks with text around them, CRLF,
    /// `TRUSTED CERTIFICATE`) or a single DER certificate.
    ///
    /// # Errors
    /// [`StoreError::TooLarge`] over [`limits::MAX_BUNDLE_BYTES`].
    pub fn add_bytes(&mut self, source: &str, bytes: &[u8]) -> Result<(), StoreError> {
        if bytes.len() > limits::MAX_BUNDLE_BYTES {
            return Err(StoreError::TooLarge {
                what: source.to_owned(),
                size: u64::try_from(bytes.len()).unwrap_or(u64::MAX),
                limit: u64::try_from(limits::MAX_BUNDLE_BYTES).unwrap_or(u64::MAX),
            });
        }
        self.add_bytes_unchecked(source, bytes);
        Ok(())
    }

    fn add_bytes_unchecked(&mut self, source: &str, bytes: &[u8]) {
        if bytes.is_empty() {
            self.diagnostic(source, None, "empty: no certificates");
            return;
        }
        if pem::looks_like_der(bytes) {
            self.add_der(source, Some(Location::Offset(0)), bytes.to_vec());
            return;
        }
        let mut found_block = false;
        for block in pem::blocks(bytes) {
            found_block = true;
            match block {
                Ok(b) if b.is_certificate() => {
                    self.add_der(source, Some(Location::Line(b.line)), b.der);
                }
                Ok(b) => self.diagnostic(
                    source,
                    Some(Location::Line(b.line)),
                    format!("skipped a {} block: only certificates are trust anchors", b.label),
                ),
                Err(e) => self.diagnostic(source, Some(Location::Line(e.line)), e.reason),
            }
        }
        if !found_block {
            self.diagnostic(source, None, "no PEM block and not DER: no certificates in this file");
        }
    }

    /// Adds a file or a directory (not recursive; symlinks followed; hashed-directory aliases
    /// of a file already read are skipped silently, as OpenSSL and rustls-native-certs do).
    ///
    /// # Errors
    /// [`StoreError::NotFound`] or [`StoreError::Io`] when `path` itself cannot be inspected.
    /// Problems with entries inside a directory are diagnostics.
    pub fn add_path(&mut self, path: &Path) -> Result<(), StoreError> {
        let mut seen = file::SeenFiles::default();
        self.add_path_with(path, &mut seen)
    }

    pub(crate) fn add_path_with(&mut self, path: &Path, seen: &mut file::SeenFiles) -> Result<(), StoreError> {
        let display = path.display().to_string();
        let meta = file::inspect(path)?;
        self.sources.push(display.clone());
        if meta.is_dir() {
            self.add_dir(path, seen);
            return Ok(());
        }
        if !seen.first_visit(&meta) {
            return Ok(());
        }
        match file::read_regular(path, &meta) {
            Ok(bytes) => self.add_bytes_unchecked(&display, &bytes),
            Err(reason) => self.diagnostic(&display, None, reason),
        }
        Ok(())
    }

    fn add_dir(&mut self, dir: &Path, seen: &mut file::SeenFiles) {
        let display = dir.display().to_string();
        let entries = match file::list_dir(dir) {
            Ok(e) => e,
            Err(reason) => {
                self.diagnostic(&display, None, reason);
                return;
            }
        };
        if entries.truncated {
            let reason = format!("more than {} entries: the rest are not read", limits::MAX_DIR_ENTRIES);
            self.diagnostic(&display, None, reason);
        }
        for entry in entries.paths {
            let shown = entry.display().to_string();
            let meta = match std::fs::metadata(&entry) {
                Ok(m) => m,
                Err(e) => {
                    self.diagnostic(&shown, None, file::describe_io(&e));
                    continue;
                }
            };
            if meta.is_dir() {
                // OpenSSL and Go do not descend into subdirectories of a certificate directory.
                continue;
            }
            if !seen.first_visit(&meta) {
                continue;
            }
            match file::read_regular(&entry, &meta) {
                Ok(bytes) => self.add_bytes_unchecked(&shown, &bytes),
                Err(reason) => self.diagnostic(&shown, None, reason),
            }
        }
    }

    /// Finishes the store.
    pub fn build(self) -> TrustStore {
        TrustStore {
            inner: Arc::new(StoreInner {
                name: self.name,
                kind: self.kind,
                roots: self.roots,
                diagnostics: self.diagnostics,
                diagnostics_dropped: self.diagnostics_dropped,
                duplicates: self.duplicates,
                sources: self.sources,
                notes: self.notes,
            }),
        }
    }
}
