//! Reading certificate files and directories the way a given runtime does, once per run.
//!
//! Runtimes disagree on details that change the root set: Go reads every file of a directory
//! but only `CERTIFICATE` PEM blocks and skips same-directory symlinks; OpenSSL reads only the
//! `<subject hash>.N` names of a directory and also accepts `TRUSTED CERTIFICATE` blocks; none
//! of them reads a DER file as a CA bundle. Every view of one audit reads the same few files,
//! so results are memoised per (path, rule) and certificates are parsed once per distinct DER.

use std::borrow::Cow;
use std::cell::{OnceCell, RefCell};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::rc::Rc;

use crate::cert::{pem, Certificate};
use crate::limits;
use crate::store::{Diagnostic, Location, Origin, StoreBuilder, StoreKind, TrustStore};

/// How a runtime reads a bundle file or the files of a directory.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Reader {
    /// Go's `AppendCertsFromPEM`: `CERTIFICATE` blocks only; directories: every entry except
    /// symlinks to a name in the same directory (`readUniqueDirectoryEntries`).
    Go,
    /// OpenSSL's `X509_load_cert_crl_file` (PEM, `CERTIFICATE`, `X509 CERTIFICATE`,
    /// `TRUSTED CERTIFICATE`); directories: only `<8 hex digits>.<n>` names (`by_dir`).
    Openssl,
    /// Node.js `AddCertsFromFile` for `NODE_EXTRA_CA_CERTS`: `PEM_read_bio_X509` in a loop,
    /// keeping the certificates read before the first damaged block and nothing after it.
    NodeExtra,
    /// rustls-native-certs' `load_pem_certs`: every certificate rustls-pki-types' PEM iterator
    /// yields (it is more lenient than OpenSSL and Go: unpadded base64, form feeds, text after
    /// an END marker); directories as Go reads them.
    Rustls,
}

/// What was read from one file or directory.
#[derive(Debug, Default)]
pub(crate) struct Loaded {
    pub(crate) roots: Vec<(Certificate, Origin)>,
    pub(crate) diagnostics: Vec<Diagnostic>,
    /// Whether the path existed and could be opened at all.
    pub(crate) readable: bool,
}

/// One file's blocks, decoded once, before any runtime's filtering.
#[derive(Debug)]
enum Decoded {
    /// The file could not be read (the reason).
    Unreadable(String),
    /// A DER file.
    Der,
    /// PEM blocks in order: (label, line, parsed certificate or why not); scan errors as
    /// (line, reason) with an empty label.
    Pem {
        blocks: Vec<DecodedBlock>,
        /// The file's text, kept for [`Reader::Rustls`], which reads it with another parser.
        text: Vec<u8>,
        /// What rustls-pki-types' PEM iterator yields from `text`: worked out the first time
        /// the rustls view asks, so no other view pays for it.
        rustls: OnceCell<Vec<Result<Certificate, String>>>,
    },
}

#[derive(Debug, Clone)]
struct DecodedBlock {
    label: String,
    line: usize,
    cert: Result<Certificate, String>,
    /// A marker-like line that every runtime reads as text (reported, never fatal).
    text_only: bool,
    /// For a block a second BEGIN interrupts: what OpenSSL reads from it (it then swallows
    /// the block that BEGIN starts); `None` for every other block.
    openssl_reads: Option<(String, Result<Certificate, String>)>,
}

/// The blocks as OpenSSL's PEM reader sees them: an interrupted block is read up to the inner
/// BEGIN, and the blocks that start inside it, up to the next END, are swallowed. Borrowed
/// as they are when no block was interrupted, which is every well-formed bundle.
fn as_openssl_reads(blocks: &[DecodedBlock]) -> Cow<'_, [DecodedBlock]> {
    if blocks.iter().all(|b| b.openssl_reads.is_none()) {
        return Cow::Borrowed(blocks);
    }
    let mut out = Vec::with_capacity(blocks.len());
    let mut swallowing = false;
    for b in blocks {
        if swallowing {
            // An inner block that is itself interrupted ends no sooner.
            swallowing = b.openssl_reads.is_some();
            continue;
        }
        match &b.openssl_reads {
            Some((label, cert)) => {
                out.push(DecodedBlock {
                    label: label.clone(),
                    line: b.line,
                    cert: cert.clone(),
                    text_only: false,
                    openssl_reads: None,
                });
                swallowing = true;
            }
            None => out.push(b.clone()),
        }
    }
    Cow::Owned(out)
}

/// Memoised reads for one audit.
#[derive(Debug, Default)]
pub(crate) struct RootCache {
    loaded: RefCell<HashMap<(PathBuf, Reader), Rc<Loaded>>>,
    /// Directory listings with each entry's metadata, shared by every reader.
    listings: RefCell<HashMap<PathBuf, Rc<DirListing>>>,
    /// Decoded contents per file (device, inode): hash links, the bundle and per-runtime
    /// readers all share one read and one decode.
    decoded: RefCell<HashMap<(u64, u64), Rc<Decoded>>>,
    parsed: RefCell<HashMap<[u8; 32], Option<Certificate>>>,
    mozilla: OnceCell<TrustStore>,
}

/// One directory entry, with what every reader asks of it.
#[derive(Debug)]
struct ListedEntry {
    path: PathBuf,
    name: String,
    /// A symbolic link to a name in the same directory (Go and rustls skip those).
    alias: bool,
    /// The entry's metadata through links, or why it could not be read.
    meta: Result<std::fs::Metadata, String>,
}

/// A directory's listing, or why it could not be listed (`None`: it does not exist).
type DirListing = Result<Listing, Option<String>>;

/// A directory's entries, at most `limits::MAX_DIR_ENTRIES`.
#[derive(Debug)]
struct Listing {
    entries: Vec<ListedEntry>,
    truncated: bool,
}

impl RootCache {
    /// Mozilla's set compiled into this library.
    pub(crate) fn mozilla(&self) -> TrustStore {
        self.mozilla.get_or_init(TrustStore::mozilla).clone()
    }

    /// Reads a bundle file (or, given a directory, nothing: see [`RootCache::dir`]).
    pub(crate) fn file(&self, path: &Path, reader: Reader) -> Rc<Loaded> {
        self.memo(path, reader, false)
    }

    /// Reads a certificate directory.
    pub(crate) fn dir(&self, path: &Path, reader: Reader) -> Rc<Loaded> {
        self.memo(path, reader, true)
    }

    fn memo(&self, path: &Path, reader: Reader, dir: bool) -> Rc<Loaded> {
        let key = (path.to_path_buf(), reader);
        if let Some(l) = self.loaded.borrow().get(&key) {
            return Rc::clone(l);
        }
        let mut out = Loaded::default();
        if dir {
            self.read_dir(path, reader, &mut out);
        } else {
            self.read_file(path, reader, &mut out);
        }
        let l = Rc::new(out);
        self.loaded.borrow_mut().insert(key, Rc::clone(&l));
        l
    }

    fn read_file(&self, path: &Path, reader: Reader, out: &mut Loaded) {
        let shown = path.display().to_string();
        let meta = match std::fs::metadata(path) {
            Ok(m) => m,
            Err(e) => {
                if e.kind() != std::io::ErrorKind::NotFound {
                    push_diag(out, &shown, None, describe_io(&e));
                }
                return;
            }
        };
        if meta.is_dir() {
            push_diag(out, &shown, None, "is a directory, where a bundle file is expected");
            return;
        }
        let decoded = self.decode(path, &meta);
        if let Decoded::Unreadable(reason) = &*decoded {
            push_diag(out, &shown, None, reason.clone());
            return;
        }
        out.readable = true;
        self.filter(&shown, &decoded, reader, out);
    }

    fn read_dir(&self, dir: &Path, reader: Reader, out: &mut Loaded) {
        let shown = dir.display().to_string();
        let listing = self.listing(dir);
        let listing = match &*listing {
            Ok(l) => l,
            Err(None) => return,
            Err(Some(reason)) => {
                push_diag(out, &shown, None, reason.clone());
                return;
            }
        };
        out.readable = true;
        if listing.truncated {
            push_diag(
                out,
                &shown,
                None,
                format!("more than {} entries: the rest are not read", limits::MAX_DIR_ENTRIES),
            );
        }
        for entry in &listing.entries {
            match reader {
                // root_unix.go isSameDirSymlink: a link whose target has no '/' is an alias.
                Reader::Go | Reader::Rustls if entry.alias => continue,
                Reader::Openssl | Reader::NodeExtra if !is_openssl_hash_name(&entry.name) => continue,
                _ => {}
            }
            let meta = match &entry.meta {
                Ok(m) => m,
                Err(reason) => {
                    push_diag(out, &entry.path.display().to_string(), None, reason.clone());
                    continue;
                }
            };
            if meta.is_dir() {
                continue; // neither Go nor OpenSSL descends into subdirectories
            }
            let decoded = self.decode(&entry.path, meta);
            self.filter(&entry.path.display().to_string(), &decoded, reader, out);
        }
    }

    /// A directory's entries, sorted by path, read once for every reader: a Debian
    /// /etc/ssl/certs has some 300 links, and four readers walk it.
    fn listing(&self, dir: &Path) -> Rc<DirListing> {
        if let Some(l) = self.listings.borrow().get(dir) {
            return Rc::clone(l);
        }
        let listing = match std::fs::read_dir(dir) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Err(None),
            Err(e) => Err(Some(describe_io(&e))),
            Ok(rd) => {
                let mut entries = Vec::new();
                let mut truncated = false;
                for entry in rd.flatten() {
                    if entries.len() >= limits::MAX_DIR_ENTRIES {
                        truncated = true;
                        break;
                    }
                    let Ok(ftype) = entry.file_type() else { continue };
                    let path = entry.path();
                    let alias = ftype.is_symlink()
                        && std::fs::read_link(&path).is_ok_and(|t| !t.to_string_lossy().contains('/'));
                    let meta = std::fs::metadata(&path).map_err(|e| describe_io(&e));
                    let name = entry.file_name().to_string_lossy().into_owned();
                    entries.push(ListedEntry { path, name, alias, meta });
                }
                entries.sort_by(|a, b| a.path.cmp(&b.path));
                Ok(Listing { entries, truncated })
            }
        };
        let l = Rc::new(listing);
        self.listings.borrow_mut().insert(dir.to_path_buf(), Rc::clone(&l));
        l
    }

    /// Reads PEM text held in memory.
    pub(crate) fn pem_bytes(&self, source: &str, bytes: &[u8], reader: Reader) -> Loaded {
        let mut out = Loaded { readable: true, ..Loaded::default() };
        self.add_pem(source, bytes, reader, &mut out);
        out
    }

    fn add_pem(&self, source: &str, bytes: &[u8], reader: Reader, out: &mut Loaded) {
        self.filter(source, &self.decode_bytes(bytes.to_vec()), reader, out);
    }

    fn decode(&self, path: &Path, meta: &std::fs::Metadata) -> Rc<Decoded> {
        use std::os::unix::fs::MetadataExt as _;
        let id = (meta.dev(), meta.ino());
        if let Some(d) = self.decoded.borrow().get(&id) {
            return Rc::clone(d);
        }
        let d = Rc::new(match read_regular(path, meta) {
            Ok(bytes) => self.decode_bytes(bytes),
            Err(reason) => Decoded::Unreadable(reason),
        });
        self.decoded.borrow_mut().insert(id, Rc::clone(&d));
        d
    }

    fn decode_bytes(&self, bytes: Vec<u8>) -> Decoded {
        if pem::looks_like_der(&bytes) {
            return Decoded::Der;
        }
        let mut blocks = Vec::new();
        for block in pem::blocks(&bytes) {
            match block {
                Ok(b) => {
                    let cert = if b.is_certificate() { self.parse(b.der) } else { Err(String::new()) };
                    blocks.push(DecodedBlock {
                        label: b.label,
                        line: b.line,
                        cert,
                        text_only: false,
                        openssl_reads: None,
                    });
                }
                Err(e) => {
                    let text_only = e.kind == pem::PemErrorKind::MarkerLikeText;
                    let openssl_reads = match e.kind {
                        pem::PemErrorKind::Interrupted { label, openssl_der } => {
                            let cert = match openssl_der {
                                Some(der) => self.parse(der),
                                None => Err(format!("{}: OpenSSL cannot decode it either", e.reason)),
                            };
                            Some((label, cert))
                        }
                        _ => None,
                    };
                    blocks.push(DecodedBlock {
                        label: String::new(),
                        line: e.line,
                        text_only,
                        cert: Err(e.reason),
                        openssl_reads,
                    });
                }
            }
        }
        Decoded::Pem { blocks, text: bytes, rustls: OnceCell::new() }
    }

    /// rustls-native-certs' reading of `bytes`; certificates go through the same parse cache,
    /// so a certificate both scanners find is parsed once.
    fn rustls_reads(&self, bytes: &[u8]) -> Vec<Result<Certificate, String>> {
        use rustls_pki_types::pem::PemObject as _;
        rustls_pki_types::CertificateDer::pem_slice_iter(bytes)
            .take(limits::MAX_CERTS_PER_BUNDLE)
            .map(|item| match item {
                Ok(der) => self.parse(der.to_vec()),
                Err(e) => Err(format!("rustls-pki-types cannot read this PEM: {e:?}")),
            })
            .collect()
    }

    /// Applies a runtime's reading rules to a decoded file.
    fn filter(&self, source: &str, decoded: &Decoded, reader: Reader, out: &mut Loaded) {
        let blocks = match decoded {
            Decoded::Unreadable(reason) => {
                push_diag(out, source, None, reason.clone());
                return;
            }
            Decoded::Der => {
                push_diag(out, source, None, "a DER file: only PEM is read here, so it is ignored");
                return;
            }
            Decoded::Pem { text, rustls, .. } if reader == Reader::Rustls => {
                for cert in rustls.get_or_init(|| self.rustls_reads(text)) {
                    match cert {
                        Ok(cert) => {
                            out.roots.push((cert.clone(), Origin { source: source.to_owned(), location: None }))
                        }
                        Err(reason) => push_diag(out, source, None, reason.clone()),
                    }
                }
                return;
            }
            Decoded::Pem { blocks, .. } => blocks,
        };
        // Node reads NODE_EXTRA_CA_CERTS with OpenSSL's PEM reader too.
        let blocks = match reader {
            Reader::Openssl | Reader::NodeExtra => as_openssl_reads(blocks),
            Reader::Go | Reader::Rustls => Cow::Borrowed(blocks.as_slice()),
        };
        if reader == Reader::Openssl {
            // OpenSSL 3 `X509_load_cert_crl_file_ex` reads the file with `PEM_X509_INFO_read_bio_ex`,
            // which fails as a whole on the first damaged certificate block: nothing from the file
            // is trusted (Python, curl and requests included). Go skips only the damaged block.
            let bad = blocks.iter().filter(|b| !b.text_only).find_map(|b| {
                let is_cert = b.label.is_empty() || is_certificate_label(&b.label);
                match &b.cert {
                    Err(reason) if is_cert => Some((b.line, reason.clone())),
                    _ => None,
                }
            });
            if let Some((line, reason)) = bad {
                push_diag(
                    out,
                    source,
                    Some(Location::Line(line)),
                    format!("{reason}: OpenSSL rejects the whole file because of this entry, so none of its certificates is trusted"),
                );
                return;
            }
        }
        for b in blocks.iter() {
            let loc = Some(Location::Line(b.line));
            let is_cert = is_certificate_label(&b.label);
            if reader == Reader::NodeExtra && !b.text_only && (b.label.is_empty() || is_cert) {
                if let Err(reason) = &b.cert {
                    push_diag(out, source, loc, format!("{reason}: node stops reading the file here"));
                    return;
                }
            }
            if b.label.is_empty() {
                if let Err(reason) = &b.cert {
                    push_diag(out, source, loc, reason.clone());
                }
                continue;
            }
            let accepted = match reader {
                Reader::Go | Reader::Rustls => b.label == "CERTIFICATE",
                Reader::Openssl | Reader::NodeExtra => is_cert,
            };
            if !accepted {
                if is_cert || !b.label.contains("CRL") {
                    push_diag(out, source, loc, format!("{} block ignored by this runtime", b.label));
                }
                continue;
            }
            match &b.cert {
                Ok(cert) => out.roots.push((cert.clone(), Origin { source: source.to_owned(), location: loc })),
                Err(reason) => push_diag(out, source, loc, reason.clone()),
            }
        }
    }

    fn parse(&self, der: Vec<u8>) -> Result<Certificate, String> {
        let digest = ring::digest::digest(&ring::digest::SHA256, &der);
        let mut key = [0u8; 32];
        key.copy_from_slice(digest.as_ref());
        if let Some(hit) = self.parsed.borrow().get(&key) {
            return hit.clone().ok_or_else(|| "not a certificate this library can parse".to_owned());
        }
        let result = Certificate::from_der_owned(der);
        self.parsed.borrow_mut().insert(key, result.as_ref().ok().cloned());
        result.map_err(|e| e.to_string())
    }
}

/// Assembles a runtime's store from loaded pieces, in order, de-duplicated.
pub(crate) struct Assembly {
    builder: StoreBuilder,
    added: usize,
}

impl Assembly {
    pub(crate) fn new(name: &str) -> Self {
        Self { builder: StoreBuilder::new(name, StoreKind::Runtime), added: 0 }
    }

    /// Adds every root and diagnostic of `loaded`; returns how many roots were new.
    pub(crate) fn add(&mut self, loaded: &Loaded) -> usize {
        let mut added = 0;
        for (cert, origin) in &loaded.roots {
            if self.builder.add_certificate(cert.clone(), origin.clone()) {
                added += 1;
            }
        }
        for d in &loaded.diagnostics {
            self.builder.diagnostic(&d.source, d.location, d.reason.clone());
        }
        self.added += added;
        added
    }

    /// Adds every root of a store; returns how many were new.
    pub(crate) fn add_store(&mut self, store: &TrustStore) -> usize {
        let mut added = 0;
        for r in store.roots() {
            if self.builder.add_certificate(r.cert.clone(), r.origin.clone()) {
                added += 1;
            }
        }
        self.added += added;
        added
    }

    /// Distinct roots so far.
    pub(crate) fn len(&self) -> usize {
        self.added
    }

    pub(crate) fn note(&mut self, note: impl Into<String>) {
        self.builder.note(note);
    }

    pub(crate) fn build(self) -> TrustStore {
        self.builder.build()
    }
}

fn is_certificate_label(label: &str) -> bool {
    matches!(label, "CERTIFICATE" | "TRUSTED CERTIFICATE" | "X509 CERTIFICATE")
}

/// OpenSSL's hashed-directory names: eight lowercase hex digits, a dot, a decimal number.
pub(crate) fn is_openssl_hash_name(name: &str) -> bool {
    let Some((hash, n)) = name.split_once('.') else {
        return false;
    };
    hash.len() == 8
        && hash.bytes().all(|c| c.is_ascii_digit() || (b'a'..=b'f').contains(&c))
        && !n.is_empty()
        && n.bytes().all(|c| c.is_ascii_digit())
}

fn push_diag(out: &mut Loaded, source: &str, location: Option<Location>, reason: impl Into<String>) {
    if out.diagnostics.len() < limits::MAX_DIAGNOSTICS {
        out.diagnostics.push(Diagnostic { source: source.to_owned(), location, reason: reason.into() });
    }
}

fn describe_io(e: &std::io::Error) -> String {
    if e.raw_os_error() == Some(40) {
        return "symbolic link loop".to_owned();
    }
    match e.kind() {
        std::io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
        _ => e.to_string(),
    }
}

/// Reads a regular file up to the bundle limit; FIFOs and devices are refused unopened.
pub(crate) fn read_regular(path: &Path, meta: &std::fs::Metadata) -> Result<Vec<u8>, String> {
    use std::io::Read as _;
    if !meta.is_file() {
        return Err("not a regular file: skipped".to_owned());
    }
    let limit = u64::try_from(limits::MAX_BUNDLE_BYTES).unwrap_or(u64::MAX);
    if meta.len() > limit {
        return Err(format!("file is {} bytes, over the {limit}-byte bundle limit: skipped", meta.len()));
    }
    let file = std::fs::File::open(path).map_err(|e| describe_io(&e))?;
    let mut buf = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    file.take(limit + 1).read_to_end(&mut buf).map_err(|e| describe_io(&e))?;
    if buf.len() > limits::MAX_BUNDLE_BYTES {
        return Err(format!("file grew past the {limit}-byte bundle limit: skipped"));
    }
    Ok(buf)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn openssl_reads_only_hash_names_in_a_directory() {
        assert!(is_openssl_hash_name("002c0b4f.0"));
        assert!(is_openssl_hash_name("002c0b4f.12"));
        assert!(!is_openssl_hash_name("002c0b4f.r0"));
        assert!(!is_openssl_hash_name("ca-certificates.crt"));
        assert!(!is_openssl_hash_name("002C0B4F.0"));
        assert!(!is_openssl_hash_name("02c0b4f.0"));
    }
}
