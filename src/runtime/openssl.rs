//! OpenSSL's default verify paths (`X509_STORE_set_default_paths`), which the `openssl`
//! command, Python's `ssl` module and `node --use-openssl-ca` all use.
//!
//! OpenSSL 3.0 `crypto/x509/by_file.c` and `by_dir.c`: the file is `$SSL_CERT_FILE` when the
//! variable is set (even to ""), else `OPENSSLDIR/cert.pem`; the directories are
//! `$SSL_CERT_DIR` split on `:` when set, else `OPENSSLDIR/certs`. Both are used together.
//! A directory is searched by subject hash, so only `<hash>.N` names count.
//! OPENSSLDIR is compiled into libcrypto; it is found by reading the `OPENSSLDIR: "…"`
//! string that `openssl version -d` prints from the library, without starting a process.

use std::path::{Path, PathBuf};

use super::draft::Draft;
use super::env::Environment;
use super::roots::Reader;
use super::view::{RuntimeView, SourceKind};
use super::Runtime;

/// Where OPENSSLDIR was learned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct OpensslDir {
    pub(crate) dir: PathBuf,
    pub(crate) how: String,
}

/// libcrypto locations by distribution layout, newest ABI first.
fn libcrypto_candidates() -> Vec<PathBuf> {
    let multiarch = format!("{}-linux-gnu", std::env::consts::ARCH);
    let mut out = Vec::new();
    for so in ["libcrypto.so.3", "libcrypto.so.1.1"] {
        for dir in [
            format!("/usr/lib/{multiarch}"),
            format!("/lib/{multiarch}"),
            "/usr/lib64".to_owned(),
            "/usr/lib".to_owned(),
            "/lib".to_owned(),
        ] {
            out.push(Path::new(&dir).join(so));
        }
    }
    out
}

/// The system OpenSSL's OPENSSLDIR. The library is scanned once, then the answer is
/// remembered like a `node` binary's (see [`super::node`]): per process and in the cache file.
pub(crate) fn system_openssldir(env: &Environment) -> Option<OpensslDir> {
    for lib in libcrypto_candidates() {
        if !lib.is_file() {
            continue;
        }
        if let Some(dir) = super::node::binary_facts(env, &lib).and_then(|f| f.openssldir) {
            return Some(OpensslDir { dir: PathBuf::from(dir), how: format!("compiled into {}", lib.display()) });
        }
    }
    // No libcrypto found: the distributions' well-known choices.
    for dir in ["/usr/lib/ssl", "/etc/pki/tls", "/etc/ssl", "/usr/local/ssl"] {
        let d = Path::new(dir);
        if d.join("cert.pem").exists() || d.join("certs").is_dir() {
            return Some(OpensslDir {
                dir: d.to_path_buf(),
                how: "a well-known location (no libcrypto found)".to_owned(),
            });
        }
    }
    None
}

/// Adds OpenSSL's default file and directories to a view; returns the decision sentence.
pub(crate) fn add_default_paths(d: &mut Draft<'_>, openssldir: Option<&OpensslDir>, who: &str) -> String {
    let default_file = openssldir.map(|o| o.dir.join("cert.pem"));
    let default_dir = openssldir.map(|o| o.dir.join("certs"));
    let file_var = d.var("SSL_CERT_FILE");
    let dir_var = d.var("SSL_CERT_DIR");
    let mut parts = Vec::new();

    match &file_var {
        Some(f) => {
            d.variable_source("SSL_CERT_FILE", Some(f), "set: replaces OPENSSLDIR/cert.pem");
            d.file(Path::new(f), Reader::Openssl, "named by SSL_CERT_FILE");
            if let Some(p) = &default_file {
                d.skipped_path(SourceKind::File, p, "replaced by SSL_CERT_FILE");
            }
            d.note(format!("SSL_CERT_FILE is set: {who} reads {f} instead of OPENSSLDIR/cert.pem"));
            parts.push("SSL_CERT_FILE".to_owned());
        }
        None => {
            d.variable_source("SSL_CERT_FILE", None, "");
            match &default_file {
                Some(p) => {
                    d.file(p, Reader::Openssl, "OPENSSLDIR/cert.pem");
                    parts.push(p.display().to_string());
                }
                None => d.note("OPENSSLDIR is unknown: no default bundle file"),
            }
        }
    }
    match &dir_var {
        Some(v) => {
            d.variable_source("SSL_CERT_DIR", Some(v), "set: replaces OPENSSLDIR/certs (a ':' list)");
            for dir in v.split(':').filter(|s| !s.is_empty()) {
                d.dir(Path::new(dir), Reader::Openssl, "named by SSL_CERT_DIR");
            }
            if let Some(p) = &default_dir {
                d.skipped_path(SourceKind::Directory, p, "replaced by SSL_CERT_DIR");
            }
            parts.push("SSL_CERT_DIR".to_owned());
        }
        None => {
            d.variable_source("SSL_CERT_DIR", None, "");
            if let Some(p) = &default_dir {
                d.dir(p, Reader::Openssl, "OPENSSLDIR/certs");
                parts.push(p.display().to_string());
            }
        }
    }
    if let Some(o) = openssldir {
        d.note(format!("OPENSSLDIR is {} ({})", o.dir.display(), o.how));
    }
    format!("{who} uses the file and the directory together: {}", parts.join(" + "))
}

pub(crate) fn view(d: Draft<'_>) -> RuntimeView {
    let mut d = d;
    let Some(program) = d.env.find_program("openssl") else {
        return RuntimeView::not_installed(Runtime::Openssl, "openssl is not on PATH");
    };
    d.program = Some(program);
    let dir = system_openssldir(d.env);
    let decision = add_default_paths(&mut d, dir.as_ref(), "OpenSSL");
    d.finish(decision)
}
