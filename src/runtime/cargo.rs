//! cargo and programs built on rustls-native-certs.
//!
//! * cargo (`src/cargo/util/network/http.rs`, `configure_http_handle`): `http.cainfo` from
//!   `CARGO_HTTP_CAINFO` or the config files (`.cargo/config.toml` in the working directory and
//!   each parent, deeper first, then `$CARGO_HOME/config.toml`) sets libcurl's CA file.
//!   Without it, the curl crate (`Easy2::new`, `ssl_configure`) points libcurl at what
//!   openssl-probe finds: `$SSL_CERT_FILE` / `$SSL_CERT_DIR` when they name existing paths,
//!   else the first existing well-known bundle and the well-known directories.
//! * rustls-native-certs 0.8 (`load_native_certs`): `$SSL_CERT_FILE` and `$SSL_CERT_DIR`
//!   *exclusively* when either is set, else openssl-probe's bundle and directories; every file
//!   of a directory is read, `CERTIFICATE` blocks only.

use std::path::{Path, PathBuf};

use super::draft::Draft;
use super::env::Environment;
use super::roots::Reader;
use super::view::{RuntimeView, Source, SourceKind, SourceState};
use super::Runtime;

/// openssl-probe 0.2's Linux bundle files, in order.
pub(crate) const PROBE_CERT_FILES: &[&str] = &[
    "/etc/ssl/certs/ca-certificates.crt",
    "/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem",
    "/etc/pki/tls/certs/ca-bundle.crt",
    "/etc/ssl/ca-bundle.pem",
    "/etc/pki/tls/cacert.pem",
    "/etc/ssl/cert.pem",
    "/opt/etc/ssl/certs/ca-certificates.crt",
    "/etc/ssl/certs/cacert.pem",
];

/// openssl-probe 0.2's Linux certificate directories.
pub(crate) const PROBE_CERT_DIRS: &[&str] = &["/etc/ssl/certs", "/etc/pki/tls/certs", "/etc/security/certificates"];

/// `http.cainfo` from cargo's config files: (value resolved to a path, file it came from).
fn cargo_cainfo(env: &Environment) -> Option<(PathBuf, String)> {
    let mut candidates = Vec::new();
    let mut dir = env.cwd().map(Path::to_path_buf);
    while let Some(d) = dir {
        candidates.push(d.join(".cargo"));
        dir = d.parent().map(Path::to_path_buf);
    }
    let cargo_home =
        env.var_non_empty("CARGO_HOME").map(PathBuf::from).or_else(|| env.home().map(|h| h.join(".cargo")));
    if let Some(h) = cargo_home {
        if !candidates.contains(&h) {
            candidates.push(h);
        }
    }
    for c in candidates {
        for name in ["config.toml", "config"] {
            let f = c.join(name);
            let Ok(text) = std::fs::read_to_string(&f) else { continue };
            if let Some(v) = toml_http_cainfo(&text) {
                // Relative paths in a config file are relative to the directory above `.cargo`.
                let p = PathBuf::from(&v);
                let p = if p.is_absolute() { p } else { c.parent().unwrap_or(&c).join(p) };
                return Some((p, f.display().to_string()));
            }
            break; // cargo reads config.toml, or `config` only when config.toml is absent
        }
    }
    None
}

/// `cainfo` in the `[http]` table, or `http.cainfo` as a dotted key at top level.
fn toml_http_cainfo(text: &str) -> Option<String> {
    let mut table = String::new();
    let mut found = None;
    for line in text.lines() {
        let t = line.trim();
        if t.starts_with('#') || t.is_empty() {
            continue;
        }
        if t.starts_with('[') {
            table = t.trim_matches(|c| c == '[' || c == ']').trim().to_owned();
            continue;
        }
        let Some((k, v)) = t.split_once('=') else { continue };
        let k: String = k.split('.').map(|p| p.trim().trim_matches('"')).collect::<Vec<_>>().join(".");
        let full = if table.is_empty() { k } else { format!("{table}.{k}") };
        if full == "http.cainfo" {
            found = toml_string(v.trim());
        }
    }
    found
}

fn toml_string(v: &str) -> Option<String> {
    if let Some(rest) = v.strip_prefix('\'') {
        return rest.split('\'').next().map(str::to_owned);
    }
    let rest = v.strip_prefix('"')?;
    let mut out = String::new();
    let mut chars = rest.chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => return Some(out),
            '\\' => match chars.next() {
                Some('n') => out.push('\n'),
                Some('t') => out.push('\t'),
                Some(o) => out.push(o),
                None => return None,
            },
            _ => out.push(c),
        }
    }
    None
}

pub(crate) fn view(d: Draft<'_>) -> RuntimeView {
    let mut d = d;
    let Some(program) = d.env.find_program("cargo") else {
        return RuntimeView::not_installed(Runtime::Cargo, "cargo is not on PATH");
    };
    d.program = Some(program);
    let env_value = d.var_non_empty("CARGO_HTTP_CAINFO");
    let config = cargo_cainfo(d.env);
    let cainfo = match (env_value, config) {
        (Some(v), c) => {
            d.variable_source("CARGO_HTTP_CAINFO", Some(&v), "set: beats http.cainfo in config files");
            if let Some((p, from)) = c {
                d.source(
                    Source::setting(
                        SourceKind::Setting,
                        "http.cainfo",
                        Some(p.display().to_string()),
                        SourceState::Overridden,
                        "CARGO_HTTP_CAINFO beats it",
                    )
                    .defined_in(from),
                );
            }
            let p = PathBuf::from(&v);
            let p = if p.is_absolute() { p } else { d.env.cwd().map_or(p.clone(), |c| c.join(&p)) };
            Some((p, "CARGO_HTTP_CAINFO".to_owned()))
        }
        (None, Some((p, from))) => {
            d.variable_source("CARGO_HTTP_CAINFO", None, "");
            d.source(
                Source::setting(
                    SourceKind::Setting,
                    "http.cainfo",
                    Some(p.display().to_string()),
                    SourceState::Used,
                    "cargo config",
                )
                .defined_in(from.clone()),
            );
            Some((p, format!("http.cainfo in {from}")))
        }
        (None, None) => {
            d.variable_source("CARGO_HTTP_CAINFO", None, "");
            None
        }
    };
    // What openssl-probe hands to libcurl before cargo's own setting is applied.
    let env_file = d.var("SSL_CERT_FILE").map(PathBuf::from).filter(|p| p.exists());
    let env_dir = d.var("SSL_CERT_DIR").map(PathBuf::from).filter(|p| p.exists());
    let probe_file = env_file.clone().or_else(|| PROBE_CERT_FILES.iter().map(PathBuf::from).find(|p| p.exists()));
    let probe_dir = env_dir.clone().or_else(|| PROBE_CERT_DIRS.iter().map(PathBuf::from).find(|p| p.exists()));
    let mut parts = Vec::new();
    match (&cainfo, &probe_file) {
        (Some((p, what)), probe) => {
            d.file(p, Reader::Openssl, &format!("libcurl's CA file from {what}"));
            if let Some(pf) = probe {
                d.skipped_path(SourceKind::File, pf, &format!("found by openssl-probe: replaced by {what}"));
            }
            parts.push(format!("{} (from {what})", p.display()));
        }
        (None, Some(pf)) => {
            let why = if env_file.is_some() {
                "SSL_CERT_FILE, through openssl-probe"
            } else {
                "first bundle openssl-probe finds"
            };
            d.file(pf, Reader::Openssl, why);
            parts.push(pf.display().to_string());
        }
        (None, None) => d.note("openssl-probe finds no bundle file and http.cainfo is not set"),
    }
    if let Some(pd) = &probe_dir {
        let why =
            if env_dir.is_some() { "SSL_CERT_DIR, through openssl-probe" } else { "directory openssl-probe finds" };
        d.dir(pd, Reader::Openssl, why);
        parts.push(pd.display().to_string());
    }
    d.note("cargo's libcurl is located through openssl-probe; the exact probe list depends on the cargo release");
    d.finish(format!("cargo verifies with {}", parts.join(" + ")))
}

pub(crate) fn rustls_view(d: Draft<'_>) -> RuntimeView {
    let mut d = d;
    d.program = None;
    d.version = Some("rustls-native-certs 0.8".to_owned());
    let file = d.var("SSL_CERT_FILE");
    let dirs = d.var("SSL_CERT_DIR");
    let dir_list: Vec<String> =
        dirs.as_deref().unwrap_or("").split(':').filter(|s| !s.is_empty()).map(str::to_owned).collect();
    let decision = if file.is_some() || !dir_list.is_empty() {
        d.variable_source("SSL_CERT_FILE", file.as_deref(), "set: used exclusively");
        d.variable_source("SSL_CERT_DIR", dirs.as_deref(), "set: used exclusively");
        if let Some(f) = &file {
            d.file(Path::new(f), Reader::Rustls, "named by SSL_CERT_FILE");
        }
        for dir in &dir_list {
            d.dir(Path::new(dir), Reader::Rustls, "named by SSL_CERT_DIR");
        }
        d.note("SSL_CERT_FILE / SSL_CERT_DIR are set: rustls-native-certs reads only them, not the system bundle");
        "rustls-native-certs reads SSL_CERT_FILE / SSL_CERT_DIR exclusively".to_owned()
    } else {
        d.variable_source("SSL_CERT_FILE", None, "");
        d.variable_source("SSL_CERT_DIR", None, "");
        let mut used = Vec::new();
        if let Some(f) = PROBE_CERT_FILES.iter().map(Path::new).find(|p| p.exists()) {
            d.file(f, Reader::Rustls, "first bundle openssl-probe finds");
            used.push(f.display().to_string());
        }
        for dir in PROBE_CERT_DIRS.iter().map(Path::new).filter(|p| p.exists()) {
            d.dir(dir, Reader::Rustls, "directory openssl-probe finds");
            used.push(dir.display().to_string());
        }
        format!("rustls-native-certs reads what openssl-probe finds: {}", used.join(" + "))
    };
    d.note("programs using webpki-roots instead embed Mozilla's set and read nothing from the machine");
    d.finish(decision)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cargo_cainfo_is_read_from_table_or_dotted_key() {
        assert_eq!(toml_http_cainfo("[http]\ncainfo = \"/corp/ca.pem\"\n"), Some("/corp/ca.pem".into()));
        assert_eq!(toml_http_cainfo("http.cainfo = '/x.pem'\n[net]\nretry = 2\n"), Some("/x.pem".into()));
        assert_eq!(toml_http_cainfo("[net]\ncainfo = \"/no.pem\"\n"), None);
    }
}
