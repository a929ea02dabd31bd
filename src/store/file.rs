//! Reading trust material from the file system without hanging or exhausting memory: FIFOs and
//! devices are refused before they are opened, reads are bounded, and directory listings are
//! sorted so results are deterministic.

use std::collections::HashSet;
use std::fs::Metadata;
use std::io::Read as _;
use std::path::{Path, PathBuf};

use super::StoreError;
use crate::limits;

/// Files already read, by (device, inode), so hash links and copies are read once.
#[derive(Debug, Default)]
pub(crate) struct SeenFiles {
    ids: HashSet<(u64, u64)>,
}

impl SeenFiles {
    /// Records the file; returns whether it had not been seen.
    pub(crate) fn first_visit(&mut self, meta: &Metadata) -> bool {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt as _;
            self.ids.insert((meta.dev(), meta.ino()))
        }
        #[cfg(not(unix))]
        {
            let _ = meta;
            true
        }
    }
}

/// Metadata of the path itself (following symlinks), with "not found" told apart.
pub(crate) fn inspect(path: &Path) -> Result<Metadata, StoreError> {
    std::fs::metadata(path).map_err(|e| {
        let shown = path.display().to_string();
        if e.kind() == std::io::ErrorKind::NotFound {
            StoreError::NotFound { path: shown }
        } else {
            StoreError::Io { path: shown, reason: describe_io(&e) }
        }
    })
}

/// An I/O error in words, with the cases users meet spelled out.
pub(crate) fn describe_io(e: &std::io::Error) -> String {
    // ELOOP (40 on Linux) has no stable ErrorKind yet.
    if e.raw_os_error() == Some(40) {
        return "symbolic link loop".to_owned();
    }
    match e.kind() {
        std::io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
        std::io::ErrorKind::NotFound => "no such file (dangling symbolic link?)".to_owned(),
        _ => e.to_string(),
    }
}

/// Reads a regular file up to the bundle limit. FIFOs, sockets and devices are refused without
/// being opened, because opening a FIFO with no writer blocks forever.
pub(crate) fn read_regular(path: &Path, meta: &Metadata) -> Result<Vec<u8>, String> {
    if !meta.is_file() {
        return Err(format!("not a regular file ({}): skipped", file_type_name(meta)));
    }
    if meta.len() > u64::try_from(limits::MAX_BUNDLE_BYTES).unwrap_or(u64::MAX) {
        return Err(format!(
            "file is {} bytes, over the {}-byte bundle limit: skipped",
            meta.len(),
            limits::MAX_BUNDLE_BYTES
        ));
    }
    let file = std::fs::File::open(path).map_err(|e| describe_io(&e))?;
    let mut buf = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    let cap = u64::try_from(limits::MAX_BUNDLE_BYTES).unwrap_or(u64::MAX) + 1;
    file.take(cap).read_to_end(&mut buf).map_err(|e| describe_io(&e))?;
    if buf.len() > limits::MAX_BUNDLE_BYTES {
        return Err(format!("file grew past the {}-byte bundle limit: skipped", limits::MAX_BUNDLE_BYTES));
    }
    Ok(buf)
}

fn file_type_name(meta: &Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt as _;
        let t = meta.file_type();
        if t.is_fifo() {
            return "a FIFO";
        }
        if t.is_socket() {
            return "a socket";
        }
        if t.is_block_device() || t.is_char_device() {
            return "a device";
        }
    }
    if meta.is_dir() {
        "a directory"
    } else {
        "not a file"
    }
}

/// A directory's entries, sorted by name.
pub(crate) struct Listing {
    pub(crate) paths: Vec<PathBuf>,
    pub(crate) truncated: bool,
}

pub(crate) fn list_dir(dir: &Path) -> Result<Listing, String> {
    let rd = std::fs::read_dir(dir).map_err(|e| describe_io(&e))?;
    let mut paths = Vec::new();
    let mut truncated = false;
    for entry in rd {
        if paths.len() >= limits::MAX_DIR_ENTRIES {
            truncated = true;
            break;
        }
        match entry {
            Ok(e) => paths.push(e.path()),
            Err(_) => continue,
        }
    }
    paths.sort();
    Ok(Listing { paths, truncated })
}
