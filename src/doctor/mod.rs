//! End-to-end diagnosis for a tool (`go`, `pip`, …): its real configuration → which endpoints
//! it contacts in which order → DNS, TCP, proxy, TLS for each (through `probe`) → the tool's
//! own trust and name rules (`verify`, `hostname`) → the interception verdict (`intercept`) →
//! the first broken link and the exact fix.
//!
//! I/O: runs the tool to read its configuration (`go env -json`, `pip config list`), probes
//! endpoints, and writes one file — the CA bundle the fix points at — only at the path the
//! caller gives. It never changes the tool's configuration or the system trust store.

pub mod endpoint;
pub mod go;
pub mod goenv;
pub mod pip;
pub mod tools;

use std::path::Path;

use serde::Serialize;

use crate::cert::Certificate;
use crate::intercept::remediation;
use crate::store::TrustStore;
use endpoint::LinkCheck;

/// Why a diagnosis could not run.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum DoctorError {
    /// The tool is not installed (not on PATH).
    #[error("{tool} is not on PATH; install it or run trustaudit where it runs")]
    ToolMissing {
        /// The tool.
        tool: &'static str,
    },
    /// Running the tool to read its configuration failed.
    #[error("running {tool} failed: {reason}")]
    Tool {
        /// The tool.
        tool: &'static str,
        /// Its words.
        reason: String,
    },
    /// A root or bundle file could not be read or written.
    #[error("{path}: {reason}")]
    File {
        /// The file.
        path: String,
        /// Why.
        reason: String,
    },
}

/// The first broken link and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// Index into [`Diagnosis::links`] (`None` for a configuration problem).
    pub link: Option<usize>,
    /// The cause, in words.
    pub cause: String,
}

/// A tool's diagnosis.
#[derive(Debug, Clone, Serialize)]
pub struct Diagnosis {
    /// The tool.
    pub tool: String,
    /// What was diagnosed (`go mod download golang.org/x/mod`).
    pub command: String,
    /// The configuration in force (name, value), as the tool reported it.
    pub settings: Vec<(String, String)>,
    /// Every link checked, in the order the tool contacts them.
    pub links: Vec<LinkCheck>,
    /// The first broken link, if any.
    pub broken: Option<Finding>,
    /// Commands to run, in order; empty when nothing is broken or no fix is known.
    pub fix: Vec<String>,
    /// Files written for the fix.
    pub files_written: Vec<String>,
    /// Remarks (which rule applied, what was not checked).
    pub notes: Vec<String>,
}

impl Diagnosis {
    fn new(tool: &str, command: &str) -> Self {
        Self {
            tool: tool.to_owned(),
            command: command.to_owned(),
            settings: Vec::new(),
            links: Vec::new(),
            broken: None,
            fix: Vec::new(),
            files_written: Vec::new(),
            notes: Vec::new(),
        }
    }
}

pub(crate) fn read_root(path: &Path) -> Result<Certificate, DoctorError> {
    let err = |reason: String| DoctorError::File { path: path.display().to_string(), reason };
    let bytes = std::fs::read(path).map_err(|e| err(e.to_string()))?;
    Certificate::from_pem_or_der(&bytes).map_err(|e| err(e.to_string()))
}

/// The fix for a link that failed on trust: with the interception root known, write a bundle
/// (the tool's current roots + that root) and return the tool's settings pointing at it.
pub(crate) fn trust_fix(
    link: &LinkCheck,
    root: Option<&Certificate>,
    current: &TrustStore,
    bundle: &Path,
    written: &mut Vec<String>,
    settings: impl Fn(&str) -> Vec<String>,
) -> Result<Vec<String>, DoctorError> {
    match link.failed_phase.as_deref() {
        Some("trust") => {}
        Some("proxy") if link.error.as_deref().is_some_and(|e| e.contains(" 407 ")) => {
            return Ok(vec![
                "put the proxy credentials in the proxy URL: export HTTPS_PROXY=http://USER:PASSWORD@HOST:PORT".into(),
            ]);
        }
        Some("dns" | "tcp")
            if link.probe.as_ref().is_some_and(|p| p.proxy.as_ref().is_none_or(|c| c.proxy.is_none())) =>
        {
            return Ok(vec![
                "the host is not reachable directly: if this network needs a proxy, export HTTPS_PROXY=http://HOST:PORT".into(),
            ]);
        }
        _ => return Ok(Vec::new()),
    }
    let Some(root) = root else {
        return Ok(vec![
            "get the root that issued the presented chain (your IT department's inspection root), then re-run with --root FILE".into(),
        ]);
    };
    if let Some(dir) = bundle.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)
            .map_err(|e| DoctorError::File { path: dir.display().to_string(), reason: e.to_string() })?;
    }
    remediation::write_bundle(current, root, bundle)
        .map_err(|e| DoctorError::File { path: bundle.display().to_string(), reason: e.to_string() })?;
    let shown = bundle.display().to_string();
    written.push(shown.clone());
    Ok(settings(&shown))
}

/// One sentence for the first broken link: what failed, and the verdict when not clean.
pub(crate) fn link_cause(link: Option<&LinkCheck>) -> String {
    let Some(link) = link else { return String::new() };
    let mut s = format!("{} ({}) failed: {}", link.purpose, link.url, link.error.as_deref().unwrap_or("?"));
    if let Some(v) = &link.verdict {
        if v.verdict != crate::intercept::Level::Clean {
            s.push_str(&format!("; {}", v.headline()));
        }
    }
    s
}

/// Quotes a shell word when it needs it.
pub(crate) fn shell_quote(s: &str) -> String {
    if !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric() || b"/._-+=:,@".contains(&b)) {
        s.to_owned()
    } else {
        format!("'{}'", s.replace('\'', "'\\''"))
    }
}
