//! The value a runtime view returns: where the runtime looks, what it found, which source won,
//! and the resulting store. Pure data; building views is done by the per-runtime modules.

use std::path::PathBuf;

use serde::Serialize;

use super::Runtime;
use crate::store::{Diagnostic, TrustStore};

/// What kind of place a runtime reads trust from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum SourceKind {
    /// A bundle file (PEM, or DER where the runtime accepts it).
    File,
    /// A certificate directory (every file, or OpenSSL `<hash>.N` names only).
    Directory,
    /// An environment variable.
    Variable,
    /// A configuration setting (`http.sslCAInfo` in a git config file, `cert` in pip.conf, …).
    Setting,
    /// A command-line flag, possibly given through a variable such as `NODE_OPTIONS`.
    Flag,
    /// A set compiled into the runtime (Node.js, certifi's file shipped with a package).
    Builtin,
}

/// Whether a source contributed to the view.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum SourceState {
    /// Read: its roots are in the view's store (or, for a variable or setting, it selected
    /// what was read).
    Used,
    /// Looked for but not there (file missing, variable unset, setting absent).
    Absent,
    /// Present, but a source of higher precedence replaced it.
    Overridden,
    /// Present, but the runtime does not read it in this configuration (needs a flag, or
    /// an earlier file in a first-match list already won).
    Ignored,
}

/// One place a runtime reads, in the runtime's order of precedence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Source {
    /// What kind of place it is.
    pub kind: SourceKind,
    /// The variable, setting or flag name, or the path of a file or directory.
    pub name: String,
    /// A variable's or setting's value (usually a path); `None` for files and directories.
    pub value: Option<String>,
    /// Where a setting was found (`/root/.gitconfig`), when it came from a file.
    pub defined_in: Option<String>,
    /// Whether it contributed.
    pub state: SourceState,
    /// Why it has that state, for a person.
    pub reason: String,
}

impl Source {
    /// A file or directory source.
    pub fn path(kind: SourceKind, path: &std::path::Path, state: SourceState, reason: impl Into<String>) -> Self {
        Self { kind, name: path.display().to_string(), value: None, defined_in: None, state, reason: reason.into() }
    }

    /// A variable, setting or flag with its value.
    pub fn setting(
        kind: SourceKind,
        name: &str,
        value: Option<String>,
        state: SourceState,
        reason: impl Into<String>,
    ) -> Self {
        Self { kind, name: name.to_owned(), value, defined_in: None, state, reason: reason.into() }
    }

    /// The same source, noting the file that defined it.
    #[must_use]
    pub fn defined_in(mut self, file: impl Into<String>) -> Self {
        self.defined_in = Some(file.into());
        self
    }
}

/// What one runtime trusts on this machine, and why.
#[derive(Debug, Clone)]
pub struct RuntimeView {
    /// The runtime.
    pub runtime: Runtime,
    /// Whether the runtime (or the package, for certifi) is installed.
    pub installed: bool,
    /// The program or package file found, when installed.
    pub program: Option<PathBuf>,
    /// The version, when it could be learned without starting the runtime.
    pub version: Option<String>,
    /// Every place the runtime reads, in its order of precedence.
    pub sources: Vec<Source>,
    /// Which source wins and why, in one sentence.
    pub decision: String,
    /// Trust-related variables set in the environment that this runtime reads.
    pub variables: Vec<(String, String)>,
    /// The roots that result; `None` when the runtime is not installed.
    pub store: Option<TrustStore>,
    /// Remarks a user should know ("SSL_CERT_FILE is set: Go reads only it").
    pub notes: Vec<String>,
}

impl RuntimeView {
    /// A view for a runtime that is not installed.
    pub fn not_installed(runtime: Runtime, why: impl Into<String>) -> Self {
        Self {
            runtime,
            installed: false,
            program: None,
            version: None,
            sources: Vec::new(),
            decision: why.into(),
            variables: Vec::new(),
            store: None,
            notes: Vec::new(),
        }
    }

    /// Number of roots trusted (0 when not installed).
    pub fn len(&self) -> usize {
        self.store.as_ref().map_or(0, TrustStore::len)
    }

    /// Whether no root is trusted.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The sources that contributed.
    pub fn used_sources(&self) -> impl Iterator<Item = &Source> {
        self.sources.iter().filter(|s| s.state == SourceState::Used)
    }

    /// The serializable summary used in JSON reports.
    pub fn summary(&self) -> RuntimeViewSummary {
        let store = self.store.as_ref();
        RuntimeViewSummary {
            runtime: self.runtime,
            installed: self.installed,
            program: self.program.as_ref().map(|p| p.display().to_string()),
            version: self.version.clone(),
            roots: self.len(),
            duplicates: store.map_or(0, TrustStore::duplicates),
            decision: self.decision.clone(),
            sources: self.sources.clone(),
            variables: self
                .variables
                .iter()
                .map(|(name, value)| Variable { name: name.clone(), value: value.clone() })
                .collect(),
            notes: self.notes.clone(),
            diagnostics: store.map(|s| s.diagnostics().to_vec()).unwrap_or_default(),
        }
    }
}

/// A variable and its value, as reported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Variable {
    /// The variable's name.
    pub name: String,
    /// Its value.
    pub value: String,
}

/// A [`RuntimeView`] without its certificates: what `trustaudit stores --json` prints.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RuntimeViewSummary {
    /// The runtime.
    pub runtime: Runtime,
    /// Whether it is installed.
    pub installed: bool,
    /// The program or package file found.
    pub program: Option<String>,
    /// The version, when known.
    pub version: Option<String>,
    /// Number of distinct roots trusted.
    pub roots: usize,
    /// Certificates dropped because they were loaded twice.
    pub duplicates: usize,
    /// Which source wins and why.
    pub decision: String,
    /// Every place read, in precedence order.
    pub sources: Vec<Source>,
    /// Trust-related variables in force for this runtime.
    pub variables: Vec<Variable>,
    /// Remarks.
    pub notes: Vec<String>,
    /// Problems met while loading the roots.
    pub diagnostics: Vec<Diagnostic>,
}
