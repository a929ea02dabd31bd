//! Go's `crypto/x509` system pool on Linux, from `src/crypto/x509/root_linux.go` and
//! `root_unix.go` (`loadSystemRoots`):
//!
//! * files: `$SSL_CERT_FILE` alone when set and not empty, else the first *readable* file of
//!   `certFiles` (the rest are never read);
//! * directories: `$SSL_CERT_DIR` split on `:` when set and not empty, else `certDirectories`;
//!   every entry is read except symlinks to a name in the same directory;
//! * only `CERTIFICATE` PEM blocks count (`AppendCertsFromPEM`); DER files are ignored.
//!
//! Programs built with `CGO_ENABLED=0` or not, and `go` itself, all use this code on Linux.

use std::path::{Path, PathBuf};

use super::draft::Draft;
use super::roots::Reader;
use super::view::{RuntimeView, SourceKind};
use super::Runtime;

/// `certFiles` in root_linux.go, in order.
pub const GO_CERT_FILES: &[&str] = &[
    "/etc/ssl/certs/ca-certificates.crt",
    "/etc/pki/tls/certs/ca-bundle.crt",
    "/etc/ssl/ca-bundle.pem",
    "/etc/pki/tls/cacert.pem",
    "/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem",
    "/etc/ssl/cert.pem",
];

/// `certDirectories` in root_linux.go, in order.
pub const GO_CERT_DIRECTORIES: &[&str] = &["/etc/ssl/certs", "/etc/pki/tls/certs"];

/// GOROOT of the `go` command found on PATH: `$GOROOT` when set, else the directory above
/// the resolved `bin/go`.
pub(crate) fn goroot(d: &Draft<'_>, program: &Path) -> Option<PathBuf> {
    if let Some(r) = d.env.var_non_empty("GOROOT") {
        return Some(PathBuf::from(r));
    }
    let real = std::fs::canonicalize(program).ok()?;
    let root = real.parent()?.parent()?;
    root.join("src/crypto/x509").is_dir().then(|| root.to_path_buf())
}

pub(crate) fn view(d: Draft<'_>) -> RuntimeView {
    let mut d = d;
    let Some(program) = d.env.find_program("go") else {
        return RuntimeView::not_installed(Runtime::Go, "go is not on PATH");
    };
    if let Some(root) = goroot(&d, &program) {
        d.version =
            std::fs::read_to_string(root.join("VERSION")).ok().and_then(|v| v.lines().next().map(str::to_owned));
    }
    d.program = Some(program);

    let file_var = d.var_non_empty("SSL_CERT_FILE");
    let dir_var = d.var_non_empty("SSL_CERT_DIR");
    let mut decision = Vec::new();

    match &file_var {
        Some(f) => {
            d.variable_source("SSL_CERT_FILE", Some(f), "set: Go reads only this file");
            if !d.file(Path::new(f), Reader::Go, "named by SSL_CERT_FILE") {
                d.note(format!("SSL_CERT_FILE={f} cannot be read: Go finds no bundle file"));
            }
            for p in GO_CERT_FILES {
                d.skipped_path(SourceKind::File, Path::new(p), "replaced by SSL_CERT_FILE");
            }
            d.note(format!("SSL_CERT_FILE is set: Go reads only {f}, none of its built-in file list"));
            decision.push(format!("SSL_CERT_FILE ({f})"));
        }
        None => {
            d.variable_source("SSL_CERT_FILE", None, "");
            let mut found = false;
            for p in GO_CERT_FILES {
                let path = Path::new(p);
                if found {
                    d.skipped_path(SourceKind::File, path, "an earlier file in the list was read");
                } else if d.file(path, Reader::Go, "first readable file of Go's list") {
                    found = true;
                    decision.push(format!("the first readable file of its list ({p})"));
                }
            }
            if !found {
                d.note("none of Go's bundle files exists");
            }
        }
    }

    match &dir_var {
        Some(v) => {
            d.variable_source("SSL_CERT_DIR", Some(v), "set: replaces Go's directory list (':' separated)");
            for dir in v.split(':') {
                if dir.is_empty() {
                    continue;
                }
                d.dir(Path::new(dir), Reader::Go, "named by SSL_CERT_DIR");
            }
            for p in GO_CERT_DIRECTORIES {
                d.skipped_path(SourceKind::Directory, Path::new(p), "replaced by SSL_CERT_DIR");
            }
            decision.push(format!("SSL_CERT_DIR ({v})"));
        }
        None => {
            d.variable_source("SSL_CERT_DIR", None, "");
            for p in GO_CERT_DIRECTORIES {
                if d.dir(Path::new(p), Reader::Go, "one of Go's directories") {
                    decision.push((*p).to_owned());
                }
            }
        }
    }
    let sentence = format!("Go reads {}, every file of each directory", decision.join(" plus "));
    d.finish(sentence)
}
