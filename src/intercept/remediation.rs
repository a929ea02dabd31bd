//! The fix for an interception verdict: export the interception root as PEM, write a combined
//! bundle (system roots plus that root) atomically, and say exactly what to set for each tool.
//!
//! Writes only to paths the caller names, each through a temporary file in the same directory
//! and a rename, and refuses the distribution's own trust-store paths: system changes are
//! printed as advice, never made.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use serde::Serialize;

use super::InterceptError;
use crate::cert::Certificate;
use crate::store::TrustStore;

/// Directories whose files the distribution's trust tooling owns.
const SYSTEM_TRUST_DIRS: &[&str] = &[
    "/etc/ssl",
    "/etc/pki",
    "/etc/ca-certificates",
    "/usr/share/ca-certificates",
    "/usr/local/share/ca-certificates",
    "/usr/share/pki",
    "/etc/ca-certificates.conf",
];

/// PEM text for one certificate, 64 base64 characters per line.
pub fn to_pem(cert: &Certificate) -> String {
    use base64::Engine as _;
    let b64 = base64::engine::general_purpose::STANDARD.encode(cert.der());
    let mut out = String::with_capacity(b64.len() + b64.len() / 64 + 64);
    out.push_str("-----BEGIN CERTIFICATE-----\n");
    for chunk in b64.as_bytes().chunks(64) {
        out.push_str(&String::from_utf8_lossy(chunk));
        out.push('\n');
    }
    out.push_str("-----END CERTIFICATE-----\n");
    out
}

/// Writes `root` as PEM to `path` (atomically), with a comment naming it.
///
/// # Errors
/// [`InterceptError::SystemPath`] for a path under the system trust directories,
/// [`InterceptError::Io`] when the file cannot be written.
pub fn export_root(root: &Certificate, path: &Path) -> Result<(), InterceptError> {
    let text = format!("# {}\n# SHA-256 {}\n{}", root.subject().rfc4514, root.sha256_hex(), to_pem(root));
    write_atomically(path, text.as_bytes())
}

/// Writes a bundle of every root in `system` followed by `root` to `path` (atomically) and
/// returns how many certificates it holds. `root` is not repeated when `system` has it.
///
/// # Errors
/// As [`export_root`]; also [`InterceptError::SystemPath`] when `path` is one of the files the
/// system store was read from.
pub fn write_bundle(system: &TrustStore, root: &Certificate, path: &Path) -> Result<usize, InterceptError> {
    if system.sources().iter().any(|s| Path::new(s) == path) {
        return Err(InterceptError::SystemPath { path: path.display().to_string() });
    }
    let mut text = String::new();
    let mut n = 0usize;
    for r in system.roots() {
        text.push_str(&format!("# {}\n", r.cert.subject().rfc4514));
        text.push_str(&to_pem(&r.cert));
        n += 1;
    }
    if !system.contains(root) {
        text.push_str(&format!("# interception root: {}\n", root.subject().rfc4514));
        text.push_str(&to_pem(root));
        n += 1;
    }
    write_atomically(path, text.as_bytes())?;
    Ok(n)
}

fn is_system_path(path: &Path) -> bool {
    let abs = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().map(|d| d.join(path)).unwrap_or_else(|_| path.to_path_buf())
    };
    SYSTEM_TRUST_DIRS.iter().any(|d| abs.starts_with(d))
}

fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), InterceptError> {
    if is_system_path(path) {
        return Err(InterceptError::SystemPath { path: path.display().to_string() });
    }
    let io = |e: std::io::Error| InterceptError::Io { path: path.display().to_string(), reason: e.to_string() };
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let file_name = path
        .file_name()
        .ok_or_else(|| InterceptError::Io { path: path.display().to_string(), reason: "not a file path".to_owned() })?;
    let mut tmp_name = std::ffi::OsString::from(".");
    tmp_name.push(file_name);
    tmp_name.push(format!(".tmp{}", std::process::id()));
    let tmp = dir.join(tmp_name);
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result.map_err(io)
}

/// What to set for one tool.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ToolSetting {
    /// The tool (`go`, `pip`, …).
    pub tool: &'static str,
    /// Commands or settings, exactly as to type them.
    pub commands: Vec<String>,
    /// Why, or what to watch out for.
    pub note: &'static str,
}

/// The exact settings for each tool, given the combined bundle and (when exported) the root
/// alone. Shell words are quoted when they need it.
pub fn tool_settings(bundle: &Path, root_pem: Option<&Path>) -> Vec<ToolSetting> {
    let b = shell_quote(&bundle.display().to_string());
    let r = root_pem.map(|p| shell_quote(&p.display().to_string()));
    let root_or_bundle = r.clone().unwrap_or_else(|| b.clone());
    let root_or_placeholder = r.clone().unwrap_or_else(|| "ROOT.pem".to_owned());
    vec![
        ToolSetting {
            tool: "go",
            commands: vec![format!("export SSL_CERT_FILE={b}")],
            note: "Go reads SSL_CERT_FILE (a bundle) or SSL_CERT_DIR (a directory of PEM files) instead of the system paths; set it where `go` runs (shell profile, CI, Dockerfile).",
        },
        ToolSetting {
            tool: "python-requests",
            commands: vec![format!("export REQUESTS_CA_BUNDLE={b}")],
            note: "requests ignores the system store and uses certifi unless REQUESTS_CA_BUNDLE is set.",
        },
        ToolSetting {
            tool: "pip",
            commands: vec![format!("pip config set global.cert {b}")],
            note: "Writes pip's own configuration file; PIP_CERT does the same for one shell.",
        },
        ToolSetting {
            tool: "node",
            commands: vec![format!("export NODE_EXTRA_CA_CERTS={root_or_bundle}")],
            note: "Node.js adds these to its compiled-in Mozilla roots; it is read once at start-up.",
        },
        ToolSetting {
            tool: "npm",
            commands: vec![format!("npm config set cafile {b}")],
            note: "npm's cafile replaces its default roots, so give it the whole bundle, not the root alone.",
        },
        ToolSetting {
            tool: "git",
            commands: vec![format!("git config --global http.sslCAInfo {b}")],
            note: "GIT_SSL_CAINFO does the same for one shell.",
        },
        ToolSetting {
            tool: "cargo",
            commands: vec![
                format!("export CARGO_HTTP_CAINFO={b}"),
                format!("# or in ~/.cargo/config.toml: [http] cainfo = \"{}\"", bundle.display()),
            ],
            note: "cargo's http.cainfo replaces the roots it would otherwise use.",
        },
        ToolSetting {
            tool: "curl",
            commands: vec![format!("export CURL_CA_BUNDLE={b}")],
            note: "Or pass --cacert for one command.",
        },
        ToolSetting {
            tool: "debian-ubuntu",
            commands: vec![
                format!("sudo cp {root_or_placeholder} /usr/local/share/ca-certificates/interception-root.crt"),
                "sudo update-ca-certificates".to_owned(),
            ],
            note: "Advice only: trustaudit never changes system files. The file name must end in .crt. Go, OpenSSL, curl and git then trust it; Node.js, certifi and cargo still need the settings above.",
        },
        ToolSetting {
            tool: "fedora-rhel",
            commands: vec![
                format!("sudo cp {root_or_placeholder} /etc/pki/ca-trust/source/anchors/"),
                "sudo update-ca-trust".to_owned(),
            ],
            note: "Advice only: trustaudit never changes system files.",
        },
    ]
}

fn shell_quote(s: &str) -> String {
    if !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric() || b"/._-+:=@,".contains(&b)) {
        s.to_owned()
    } else {
        format!("'{}'", s.replace('\'', "'\\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_with_spaces_are_quoted_for_the_shell() {
        assert_eq!(shell_quote("/home/a/ca.pem"), "/home/a/ca.pem");
        assert_eq!(shell_quote("/home/a b/ca.pem"), "'/home/a b/ca.pem'");
        assert_eq!(shell_quote("it's"), "'it'\\''s'");
    }

    #[test]
    fn system_trust_paths_are_refused() {
        assert!(is_system_path(Path::new("/etc/ssl/certs/ca-certificates.crt")));
        assert!(is_system_path(Path::new("/usr/local/share/ca-certificates/x.crt")));
        assert!(!is_system_path(Path::new("/tmp/bundle.pem")));
    }
}
