//! curl and libcurl, and git (which verifies through libcurl).
//!
//! * libcurl's default CA file and directory are compiled in (`--with-ca-bundle`,
//!   `--with-ca-path`); they are not exposed without starting curl, so they come from the
//!   distribution's packaging choices, keyed by `/etc/os-release`.
//! * The curl *tool* (`src/tool_operate.c`), when no `--cacert`/`--capath` was given
//!   (command line or `.curlrc`): `$CURL_CA_BUNDLE` as the CA file; otherwise `$SSL_CERT_DIR`
//!   as the CA path; otherwise `$SSL_CERT_FILE` as the CA file (curl 7.88 as shipped by Debian
//!   12 reads `SSL_CERT_FILE` only when `SSL_CERT_DIR` is unset: checked against `curl -v`).
//!   libcurl itself reads none of these variables, so programs linking libcurl (git, cargo)
//!   ignore them.
//! * libcurl built with GnuTLS (Debian's `libcurl3-gnutls`, which git links) has no CA file
//!   compiled in, only the directory, and GnuTLS reads *every* file of it, not `<hash>.N`.
//! * A CA file given by any of these replaces only the compiled-in file: the compiled-in
//!   directory is still searched (with OpenSSL, by `<hash>.N` names).
//! * git (`http.c`): `$GIT_SSL_CAINFO` over `http.sslCAInfo`, `$GIT_SSL_CAPATH` over
//!   `http.sslCAPath`, from the system, global and repository config files and
//!   `GIT_CONFIG_COUNT`; `GIT_SSL_NO_VERIFY` / `http.sslVerify=false` turn verification off.

use std::path::{Path, PathBuf};

use super::draft::Draft;
use super::env::Environment;
use super::ini;
use super::roots::Reader;
use super::view::{RuntimeView, Source, SourceKind, SourceState};
use super::Runtime;

/// libcurl's compiled-in CA file and directory for this distribution.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CurlDefaults {
    pub(crate) ca_file: Option<PathBuf>,
    pub(crate) ca_path: Option<PathBuf>,
    /// How the TLS backend reads a CA directory.
    pub(crate) dir_reader: Reader,
    pub(crate) how: String,
}

/// The distribution's `ID` and `ID_LIKE` words from /etc/os-release.
fn os_ids() -> Vec<String> {
    let text = std::fs::read_to_string("/etc/os-release")
        .or_else(|_| std::fs::read_to_string("/usr/lib/os-release"))
        .unwrap_or_default();
    let mut ids = Vec::new();
    for line in text.lines() {
        if let Some(v) = line.strip_prefix("ID=").or_else(|| line.strip_prefix("ID_LIKE=")) {
            ids.extend(v.trim_matches('"').split_whitespace().map(str::to_owned));
        }
    }
    ids
}

pub(crate) fn curl_defaults() -> CurlDefaults {
    let ids = os_ids();
    let has = |id: &str| ids.iter().any(|i| i == id);
    let p = |s: &str| Some(PathBuf::from(s));
    let (ca_file, ca_path, family) = if has("debian") || has("ubuntu") {
        (p("/etc/ssl/certs/ca-certificates.crt"), p("/etc/ssl/certs"), "Debian")
    } else if has("fedora") || has("rhel") || has("centos") {
        (p("/etc/pki/tls/certs/ca-bundle.crt"), None, "Fedora/RHEL")
    } else if has("suse") || has("opensuse") {
        (None, p("/etc/ssl/certs"), "openSUSE")
    } else if has("alpine") || has("arch") {
        (p("/etc/ssl/certs/ca-certificates.crt"), None, "Alpine/Arch")
    } else {
        let f = ["/etc/ssl/certs/ca-certificates.crt", "/etc/pki/tls/certs/ca-bundle.crt", "/etc/ssl/cert.pem"]
            .into_iter()
            .map(PathBuf::from)
            .find(|f| f.is_file());
        (f, None, "unknown distribution: first bundle found")
    };
    CurlDefaults { ca_file, ca_path, dir_reader: Reader::Openssl, how: format!("{family} libcurl packaging") }
}

/// Whether git's HTTPS helper links the GnuTLS flavour of libcurl (Debian, Ubuntu).
fn git_uses_gnutls(env: &Environment) -> bool {
    let mut dirs: Vec<PathBuf> = env.var_non_empty("GIT_EXEC_PATH").map(PathBuf::from).into_iter().collect();
    dirs.extend(["/usr/lib/git-core", "/usr/libexec/git-core"].map(PathBuf::from));
    let Some(helper) = dirs.iter().map(|d| d.join("git-remote-http")).find(|p| p.is_file()) else {
        return false;
    };
    // The DT_NEEDED names live in .dynstr, at the start of an ELF file: the first 256 KiB
    // hold them in every build seen (about 10 KB in on Debian 12), so the rest is not read.
    let mut head = Vec::new();
    std::fs::File::open(&helper)
        .and_then(|f| {
            use std::io::Read as _;
            f.take(256 * 1024).read_to_end(&mut head)
        })
        .is_ok_and(|_| memchr::memmem::find(&head, b"libcurl-gnutls.so").is_some())
}

/// libcurl's defaults as git sees them.
fn git_curl_defaults(env: &Environment) -> CurlDefaults {
    let base = curl_defaults();
    if git_uses_gnutls(env) {
        return CurlDefaults {
            ca_file: None,
            ca_path: base.ca_path.or_else(|| Some(PathBuf::from("/etc/ssl/certs"))),
            dir_reader: Reader::Go,
            how: format!("{} (GnuTLS flavour: directory only, every file read)", base.how),
        };
    }
    base
}

/// `cacert` / `capath` options from the curl tool's `.curlrc`.
fn curlrc(env: &Environment) -> Option<(PathBuf, Option<String>, Option<String>)> {
    let mut dirs = Vec::new();
    if let Some(d) = env.var_non_empty("CURL_HOME") {
        dirs.push(PathBuf::from(d));
    }
    if let Some(d) = env.var_non_empty("XDG_CONFIG_HOME") {
        dirs.push(PathBuf::from(d));
    }
    if let Some(h) = env.home() {
        dirs.push(h);
    }
    let file = dirs.into_iter().map(|d| d.join(".curlrc")).find(|f| f.is_file())?;
    let text = std::fs::read_to_string(&file).ok()?;
    let mut cacert = None;
    let mut capath = None;
    for line in text.lines() {
        let t = line.trim();
        if t.starts_with('#') {
            continue;
        }
        let t = t.trim_start_matches('-');
        let (key, rest) = t.split_once(|c: char| c == '=' || c == ':' || c.is_whitespace()).unwrap_or((t, ""));
        let value = rest
            .trim_start_matches(|c: char| c == '=' || c == ':' || c.is_whitespace())
            .trim()
            .trim_matches('"')
            .to_owned();
        match key {
            "cacert" => cacert = Some(value),
            "capath" => capath = Some(value),
            _ => {}
        }
    }
    Some((file, cacert, capath))
}

/// Adds libcurl's CA file and directory, with what replaced them.
fn add_libcurl_paths(
    d: &mut Draft<'_>,
    defaults: &CurlDefaults,
    file: Option<(String, String)>,
    dir: Option<(String, String)>,
) -> String {
    let mut parts = Vec::new();
    match (&file, &defaults.ca_file) {
        (Some((what, path)), default) => {
            d.file(Path::new(path), Reader::Openssl, &format!("CA file from {what}"));
            if let Some(df) = default {
                d.skipped_path(SourceKind::File, df, &format!("compiled-in CA file: replaced by {what}"));
            }
            parts.push(format!("{path} (from {what})"));
        }
        (None, Some(df)) => {
            d.file(df, Reader::Openssl, "libcurl's compiled-in CA file");
            parts.push(df.display().to_string());
        }
        (None, None) => {}
    }
    match (&dir, &defaults.ca_path) {
        (Some((what, path)), default) => {
            for p in path.split(':').filter(|p| !p.is_empty()) {
                d.dir(Path::new(p), defaults.dir_reader, &format!("CA directory from {what}"));
            }
            if let Some(dp) = default {
                d.skipped_path(SourceKind::Directory, dp, &format!("compiled-in CA directory: replaced by {what}"));
            }
            parts.push(format!("{path} (from {what})"));
        }
        (None, Some(dp)) => {
            d.dir(dp, defaults.dir_reader, "libcurl's compiled-in CA directory");
            parts.push(dp.display().to_string());
        }
        (None, None) => {}
    }
    d.note(format!("libcurl's compiled-in paths come from the {}", defaults.how));
    parts.join(" + ")
}

pub(crate) fn view(d: Draft<'_>) -> RuntimeView {
    let mut d = d;
    let Some(program) = d.env.find_program("curl") else {
        return RuntimeView::not_installed(Runtime::Curl, "curl is not on PATH");
    };
    d.program = Some(program);
    let defaults = curl_defaults();
    let rc = curlrc(d.env);
    let (mut file, mut dir) = (None, None);
    if let Some((path, cacert, capath)) = &rc {
        let shown = path.display().to_string();
        if let Some(v) = cacert {
            d.source(
                Source::setting(
                    SourceKind::Setting,
                    "cacert",
                    Some(v.clone()),
                    SourceState::Used,
                    "--cacert from .curlrc",
                )
                .defined_in(shown.clone()),
            );
            file = Some((format!("cacert in {shown}"), v.clone()));
        }
        if let Some(v) = capath {
            d.source(
                Source::setting(
                    SourceKind::Setting,
                    "capath",
                    Some(v.clone()),
                    SourceState::Used,
                    "--capath from .curlrc",
                )
                .defined_in(shown.clone()),
            );
            dir = Some((format!("capath in {shown}"), v.clone()));
        }
    }
    let configured = file.is_some() || dir.is_some();
    let bundle = d.var("CURL_CA_BUNDLE");
    let cert_dir = d.var("SSL_CERT_DIR");
    let cert_file = d.var("SSL_CERT_FILE");
    if configured {
        for v in ["CURL_CA_BUNDLE", "SSL_CERT_DIR", "SSL_CERT_FILE"] {
            d.ignored_variable(v, ".curlrc sets --cacert/--capath, so curl does not look at the environment");
        }
    } else if let Some(b) = bundle {
        d.variable_source("CURL_CA_BUNDLE", Some(&b), "set: curl's CA file");
        d.ignored_variable("SSL_CERT_DIR", "CURL_CA_BUNDLE is set, so curl does not read SSL_CERT_DIR");
        d.ignored_variable("SSL_CERT_FILE", "CURL_CA_BUNDLE is set, so curl does not read SSL_CERT_FILE");
        d.note(format!("CURL_CA_BUNDLE is set: curl uses {b} as its CA file"));
        file = Some(("CURL_CA_BUNDLE".to_owned(), b));
    } else if let Some(cd) = cert_dir {
        d.variable_source("CURL_CA_BUNDLE", None, "");
        d.variable_source("SSL_CERT_DIR", Some(&cd), "set: curl's CA directory");
        d.ignored_variable("SSL_CERT_FILE", "SSL_CERT_DIR is set, so this curl does not read SSL_CERT_FILE");
        if cert_file.is_some() {
            d.note("SSL_CERT_DIR is set, so curl ignores SSL_CERT_FILE and keeps its compiled-in CA file");
        }
        dir = Some(("SSL_CERT_DIR".to_owned(), cd));
    } else {
        d.variable_source("CURL_CA_BUNDLE", None, "");
        d.variable_source("SSL_CERT_DIR", None, "");
        d.variable_source("SSL_CERT_FILE", cert_file.as_deref(), "set: curl's CA file");
        file = cert_file.map(|v| ("SSL_CERT_FILE".to_owned(), v));
    }
    let used = add_libcurl_paths(&mut d, &defaults, file, dir);
    d.finish(format!("curl verifies with {used}"))
}

/// Git config files in the order git reads them (later values win).
fn git_config_files(env: &Environment) -> Vec<PathBuf> {
    let mut files = Vec::new();
    if env.var_non_empty("GIT_CONFIG_NOSYSTEM").is_none() {
        files.push(
            env.var_non_empty("GIT_CONFIG_SYSTEM").map_or_else(|| PathBuf::from("/etc/gitconfig"), PathBuf::from),
        );
    }
    match env.var_non_empty("GIT_CONFIG_GLOBAL") {
        Some(g) => files.push(PathBuf::from(g)),
        None => {
            if let Some(x) = env.xdg_config_home() {
                files.push(x.join("git/config"));
            }
            if let Some(h) = env.home() {
                files.push(h.join(".gitconfig"));
            }
        }
    }
    let git_dir = env.var_non_empty("GIT_DIR").map(PathBuf::from).or_else(|| {
        let mut dir = env.cwd().map(Path::to_path_buf);
        while let Some(d) = dir {
            if d.join(".git").is_dir() {
                return Some(d.join(".git"));
            }
            dir = d.parent().map(Path::to_path_buf);
        }
        None
    });
    if let Some(g) = git_dir {
        files.push(g.join("config"));
    }
    files
}

/// The last value of `section.key` across the config files and `GIT_CONFIG_COUNT` pairs,
/// with where it was defined. URL-specific values (`http.<url>.key`) are returned apart.
/// A setting's value and where it was defined; and URL-specific values with their URL.
type GitSetting = (Option<(String, String)>, Vec<(String, String)>);

fn git_setting(env: &Environment, files: &[PathBuf], key: &str) -> GitSetting {
    let mut value = None;
    let mut per_url = Vec::new();
    for f in files {
        let Ok(text) = std::fs::read_to_string(f) else { continue };
        for (section, k, v) in ini::git_entries(&text) {
            if k != key {
                continue;
            }
            if section == "http" {
                value = Some((f.display().to_string(), v));
            } else if let Some(url) = section.strip_prefix("http.") {
                per_url.push((url.to_owned(), v));
            }
        }
    }
    let count: usize = env.var_non_empty("GIT_CONFIG_COUNT").and_then(|c| c.parse().ok()).unwrap_or(0);
    for i in 0..count.min(1000) {
        let (Some(k), Some(v)) = (env.var(&format!("GIT_CONFIG_KEY_{i}")), env.var(&format!("GIT_CONFIG_VALUE_{i}")))
        else {
            continue;
        };
        if k.eq_ignore_ascii_case(&format!("http.{key}")) {
            value = Some((format!("GIT_CONFIG_KEY_{i}"), v));
        }
    }
    (value, per_url)
}

fn is_false(v: &str) -> bool {
    matches!(v.to_ascii_lowercase().as_str(), "false" | "no" | "off" | "0" | "")
}

pub(crate) fn git_view(d: Draft<'_>) -> RuntimeView {
    let mut d = d;
    let Some(program) = d.env.find_program("git") else {
        return RuntimeView::not_installed(Runtime::Git, "git is not on PATH");
    };
    d.program = Some(program);
    let files = git_config_files(d.env);
    let defaults = git_curl_defaults(d.env);

    let pick = |d: &mut Draft<'_>, var: &str, key: &str, name: &str| -> Option<(String, String)> {
        let (setting, per_url) = git_setting(d.env, &files, key);
        for (url, v) in per_url {
            d.note(format!("http.{url}.{name} = {v} applies only to URLs matching {url}"));
        }
        let env_value = d.var_non_empty(var);
        match (env_value, setting) {
            (Some(v), s) => {
                d.variable_source(var, Some(&v), &format!("set: beats http.{name}"));
                if let Some((from, sv)) = s {
                    d.source(
                        Source::setting(
                            SourceKind::Setting,
                            &format!("http.{name}"),
                            Some(sv),
                            SourceState::Overridden,
                            format!("{var} beats it"),
                        )
                        .defined_in(from),
                    );
                }
                Some((var.to_owned(), v))
            }
            (None, Some((from, v))) => {
                d.variable_source(var, None, "");
                d.source(
                    Source::setting(
                        SourceKind::Setting,
                        &format!("http.{name}"),
                        Some(v.clone()),
                        SourceState::Used,
                        "git config",
                    )
                    .defined_in(from.clone()),
                );
                Some((format!("http.{name} in {from}"), v))
            }
            (None, None) => {
                d.variable_source(var, None, "");
                None
            }
        }
    };
    let file = pick(&mut d, "GIT_SSL_CAINFO", "sslcainfo", "sslCAInfo");
    let dir = pick(&mut d, "GIT_SSL_CAPATH", "sslcapath", "sslCAPath");
    let (verify, _) = git_setting(d.env, &files, "sslverify");
    if d.var_non_empty("GIT_SSL_NO_VERIFY").is_some() {
        d.note("GIT_SSL_NO_VERIFY is set: git does not verify server certificates at all");
    } else if let Some((from, v)) = verify.filter(|(_, v)| is_false(v)) {
        d.note(format!("http.sslVerify = {v} in {from}: git does not verify server certificates at all"));
    }
    d.ignored_variable("CURL_CA_BUNDLE", "read by the curl tool only, not by libcurl");
    d.ignored_variable("SSL_CERT_FILE", "libcurl does not read it");
    let used = add_libcurl_paths(&mut d, &defaults, file, dir);
    d.finish(format!("git verifies with {used}"))
}
