//! The operating system's store, located the way rustls-native-certs locates it, but loaded
//! file by file so each root and each problem can be traced to its file.

use std::path::PathBuf;

use super::{file::SeenFiles, StoreBuilder, StoreError, StoreKind, TrustStore};

/// The file and directories that make up the system store, and why they were chosen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SystemPaths {
    /// The bundle file, if any.
    pub file: Option<PathBuf>,
    /// Certificate directories.
    pub dirs: Vec<PathBuf>,
    /// `SSL_CERT_FILE` as it was when the paths were chosen.
    pub ssl_cert_file: Option<String>,
    /// `SSL_CERT_DIR` as it was when the paths were chosen.
    pub ssl_cert_dir: Option<String>,
}

impl SystemPaths {
    /// rustls-native-certs' rule: `SSL_CERT_FILE` / `SSL_CERT_DIR` replace the platform
    /// locations entirely when either is set; otherwise openssl-probe's well-known paths.
    pub fn from_env() -> Self {
        let ssl_cert_file = std::env::var_os("SSL_CERT_FILE").map(|v| v.to_string_lossy().into_owned());
        let ssl_cert_dir = std::env::var_os("SSL_CERT_DIR").map(|v| v.to_string_lossy().into_owned());
        let env_file = std::env::var_os("SSL_CERT_FILE").map(PathBuf::from);
        let env_dirs: Vec<PathBuf> = std::env::var_os("SSL_CERT_DIR")
            .map(|d| std::env::split_paths(&d).filter(|p| !p.as_os_str().is_empty()).collect())
            .unwrap_or_default();
        if env_file.is_some() || !env_dirs.is_empty() {
            return Self { file: env_file, dirs: env_dirs, ssl_cert_file, ssl_cert_dir };
        }
        let probe = openssl_probe::probe();
        Self { file: probe.cert_file, dirs: probe.cert_dir, ssl_cert_file, ssl_cert_dir }
    }
}

pub(super) fn load(paths: &SystemPaths) -> TrustStore {
    let mut b = StoreBuilder::new("system", StoreKind::System);
    let from_env = paths.ssl_cert_file.is_some() || paths.ssl_cert_dir.is_some();
    if from_env {
        b.note(format!(
            "SSL_CERT_FILE={} SSL_CERT_DIR={} are set: they replace the platform locations",
            paths.ssl_cert_file.as_deref().unwrap_or("(unset)"),
            paths.ssl_cert_dir.as_deref().unwrap_or("(unset)")
        ));
    }
    let mut seen = SeenFiles::default();
    if let Some(f) = &paths.file {
        if std::fs::metadata(f).is_ok_and(|m| m.is_dir()) {
            // SSL_CERT_FILE names a bundle; OpenSSL, Go and rustls-native-certs all fail to read a
            // directory there rather than treating it as SSL_CERT_DIR, so it contributes nothing.
            b.diagnostic(
                &f.display().to_string(),
                None,
                "is a directory, but the bundle setting (SSL_CERT_FILE) names a file: skipped; use SSL_CERT_DIR for directories",
            );
        } else {
            add_or_note(&mut b, f, &mut seen);
        }
    }
    for d in &paths.dirs {
        add_or_note(&mut b, d, &mut seen);
    }
    if paths.file.is_none() && paths.dirs.is_empty() {
        b.note("no system certificate bundle or directory was found");
    }
    b.build()
}

fn add_or_note(b: &mut StoreBuilder, path: &std::path::Path, seen: &mut SeenFiles) {
    match b.add_path_with(path, seen) {
        Ok(()) => {}
        Err(StoreError::NotFound { path }) => b.diagnostic(&path, None, "does not exist"),
        Err(e) => b.diagnostic(&path.display().to_string(), None, e.to_string()),
    }
}
