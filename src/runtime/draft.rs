//! A view under construction: records each source as it is consulted, so the order of
//! `sources` is the runtime's order of precedence and every root can be traced to one of them.

use std::path::{Path, PathBuf};

use super::env::Environment;
use super::roots::{Assembly, Reader, RootCache};
use super::view::{RuntimeView, Source, SourceKind, SourceState};
use super::Runtime;
use crate::store::TrustStore;

pub(crate) struct Draft<'a> {
    pub(crate) runtime: Runtime,
    pub(crate) env: &'a Environment,
    pub(crate) cache: &'a RootCache,
    pub(crate) sources: Vec<Source>,
    pub(crate) notes: Vec<String>,
    pub(crate) variables: Vec<(String, String)>,
    pub(crate) program: Option<PathBuf>,
    pub(crate) version: Option<String>,
    asm: Assembly,
}

impl<'a> Draft<'a> {
    pub(crate) fn new(runtime: Runtime, env: &'a Environment, cache: &'a RootCache) -> Self {
        Self {
            runtime,
            env,
            cache,
            sources: Vec::new(),
            notes: Vec::new(),
            variables: Vec::new(),
            program: None,
            version: None,
            asm: Assembly::new(runtime.name()),
        }
    }

    /// Reads a variable the runtime consults, recording it as in force when set.
    pub(crate) fn var(&mut self, name: &str) -> Option<String> {
        let v = self.env.var(name)?;
        if !self.variables.iter().any(|(n, _)| n == name) {
            self.variables.push((name.to_owned(), v.clone()));
        }
        Some(v)
    }

    /// Like [`Draft::var`], treating the empty string as unset.
    pub(crate) fn var_non_empty(&mut self, name: &str) -> Option<String> {
        self.var(name).filter(|v| !v.is_empty())
    }

    /// Distinct roots in the view so far.
    pub(crate) fn added_so_far(&self) -> usize {
        self.asm.len()
    }

    pub(crate) fn note(&mut self, note: impl Into<String>) {
        self.notes.push(note.into());
    }

    /// Marks earlier sources named `name` as overridden by a later winner.
    pub(crate) fn override_source(&mut self, name: &str, why: &str) {
        for s in self.sources.iter_mut().filter(|s| s.name == name && s.state == SourceState::Used) {
            s.state = SourceState::Overridden;
            s.reason = why.to_owned();
        }
    }

    pub(crate) fn source(&mut self, s: Source) {
        self.sources.push(s);
    }

    /// Records a variable source: used when set, absent otherwise.
    pub(crate) fn variable_source(&mut self, name: &str, value: Option<&str>, used_reason: &str) {
        let (state, reason) = match value {
            Some(_) => (SourceState::Used, used_reason.to_owned()),
            None => (SourceState::Absent, "not set".to_owned()),
        };
        self.sources.push(Source::setting(SourceKind::Variable, name, value.map(str::to_owned), state, reason));
    }

    /// Records a variable that is set but does not matter in this configuration.
    pub(crate) fn ignored_variable(&mut self, name: &str, why: &str) {
        if let Some(v) = self.env.var(name) {
            self.sources.push(Source::setting(SourceKind::Variable, name, Some(v), SourceState::Ignored, why));
        }
    }

    /// Reads a bundle file into the view. Returns whether the file could be read.
    pub(crate) fn file(&mut self, path: &Path, reader: Reader, why: &str) -> bool {
        let loaded = self.cache.file(path, reader);
        let added = self.asm.add(&loaded);
        let (state, reason) = if loaded.readable {
            (SourceState::Used, format!("{why}: {} certificates, {added} new roots", loaded.roots.len()))
        } else if path.exists() {
            (SourceState::Absent, format!("{why}, but it could not be read"))
        } else {
            (SourceState::Absent, format!("{why}, but it does not exist"))
        };
        self.sources.push(Source::path(SourceKind::File, path, state, reason));
        loaded.readable
    }

    /// Reads a certificate directory into the view. Returns whether it could be listed.
    pub(crate) fn dir(&mut self, path: &Path, reader: Reader, why: &str) -> bool {
        let loaded = self.cache.dir(path, reader);
        let added = self.asm.add(&loaded);
        let kind_words = match reader {
            Reader::Go | Reader::Rustls => "every file",
            Reader::Openssl | Reader::NodeExtra => "<hash>.N files only",
        };
        let (state, reason) = if loaded.readable {
            (SourceState::Used, format!("{why} ({kind_words}): {} certificates, {added} new roots", loaded.roots.len()))
        } else {
            (SourceState::Absent, format!("{why}, but it does not exist or cannot be listed"))
        };
        self.sources.push(Source::path(SourceKind::Directory, path, state, reason));
        loaded.readable
    }

    /// Records a file or directory the runtime would read in another configuration.
    pub(crate) fn skipped_path(&mut self, kind: SourceKind, path: &Path, why: &str) {
        let state = if path.exists() { SourceState::Ignored } else { SourceState::Absent };
        self.sources.push(Source::path(kind, path, state, why));
    }

    /// Adds a whole built-in set (Mozilla's, Node's compiled-in one).
    pub(crate) fn builtin(&mut self, name: &str, store: &TrustStore, why: &str) {
        let added = self.asm.add_store(store);
        self.sources.push(Source::setting(
            SourceKind::Builtin,
            name,
            None,
            SourceState::Used,
            format!("{why}: {} certificates, {added} new roots", store.len()),
        ));
    }

    pub(crate) fn finish(mut self, decision: impl Into<String>) -> RuntimeView {
        let notes = self.notes.clone();
        for n in &notes {
            self.asm.note(n.clone());
        }
        RuntimeView {
            runtime: self.runtime,
            installed: true,
            program: self.program,
            version: self.version,
            sources: self.sources,
            decision: decision.into(),
            variables: self.variables,
            store: Some(self.asm.build()),
            notes: self.notes,
        }
    }
}
