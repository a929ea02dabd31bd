//! `doctor pip`: pip's index URLs, trusted hosts, certificate and proxy settings (from
//! `pip config list` and the `PIP_*` variables), then each link `pip download` follows — the
//! project page on every index, then the distribution file it links to — judged with pip's own
//! trust store, and the fix.

use std::path::PathBuf;
use std::process::Command;

use super::endpoint::{self, LinkContext, LinkStatus};
use super::{Diagnosis, DoctorError, Finding};
use crate::probe::{Environment, ProxyRules, Timeouts};
use crate::runtime::{self, Runtime};
use crate::store::TrustStore;

/// The project checked when none is given.
pub const DEFAULT_PROJECT: &str = "pip";

/// How to run `doctor pip`.
#[derive(Debug, Clone)]
pub struct PipOptions {
    /// The project to fetch (default [`DEFAULT_PROJECT`]).
    pub project: Option<String>,
    /// Where to write the CA bundle the fix points pip at.
    pub bundle_path: PathBuf,
    /// An interception root supplied by the user.
    pub root: Option<PathBuf>,
    /// Per-phase budgets.
    pub timeouts: Timeouts,
}

/// pip's settings that decide where it connects and what it trusts.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PipSettings {
    /// The main index.
    pub index_url: String,
    /// Extra indexes, searched as well (not as a fallback).
    pub extra_index_urls: Vec<String>,
    /// Hosts pip does not verify.
    pub trusted_hosts: Vec<String>,
    /// `cert` (a CA bundle), if set.
    pub cert: Option<String>,
    /// `proxy`, if set (replaces the proxy variables).
    pub proxy: Option<String>,
    /// Where each value came from (`PIP_INDEX_URL`, `global.index-url`).
    pub origins: Vec<(String, String)>,
}

/// Merges `pip config list` output (`global.index-url='…'` lines) with the `PIP_*` variables,
/// which win as they do in pip.
pub fn pip_settings(config_list: &str, env: &Environment) -> PipSettings {
    let mut file: Vec<(String, String)> = Vec::new();
    for line in config_list.lines() {
        if let Some((key, value)) = line.split_once('=') {
            let value = value.trim().trim_matches('\'').trim_matches('"').to_owned();
            file.push((key.trim().to_owned(), value));
        }
    }
    // pip reads [global], then the command's section ([download]/[install]) over it.
    let from_file = |name: &str| {
        ["install", "download", "global"].iter().find_map(|sec| {
            file.iter().find(|(k, _)| *k == format!("{sec}.{name}")).map(|(k, v)| (k.clone(), v.clone()))
        })
    };
    let mut s = PipSettings { index_url: "https://pypi.org/simple".into(), ..PipSettings::default() };
    let pick = |name: &str, var: &str| -> Option<(String, String)> {
        if let Some(v) = env.get(var).filter(|v| !v.is_empty()) {
            return Some((var.to_owned(), v.to_owned()));
        }
        from_file(name)
    };
    if let Some((from, v)) = pick("index-url", "PIP_INDEX_URL") {
        s.origins.push((from, v.clone()));
        s.index_url = v;
    }
    if let Some((from, v)) = pick("extra-index-url", "PIP_EXTRA_INDEX_URL") {
        s.origins.push((from, v.clone()));
        s.extra_index_urls = v.split_whitespace().map(str::to_owned).collect();
    }
    if let Some((from, v)) = pick("trusted-host", "PIP_TRUSTED_HOST") {
        s.origins.push((from, v.clone()));
        s.trusted_hosts = v.split_whitespace().map(str::to_owned).collect();
    }
    if let Some((from, v)) = pick("cert", "PIP_CERT") {
        s.origins.push((from, v.clone()));
        s.cert = Some(v);
    }
    if let Some((from, v)) = pick("proxy", "PIP_PROXY") {
        s.origins.push((from, v.clone()));
        s.proxy = Some(v);
    }
    s
}

/// Runs `python3 -m pip config list` in `env`.
fn pip_config_list(env: &runtime::Environment) -> Result<String, DoctorError> {
    let python = env.find_program("python3").ok_or(DoctorError::ToolMissing { tool: "python3" })?;
    let mut cmd = Command::new(python);
    cmd.args(["-m", "pip", "config", "list"]).env_clear();
    for (k, v) in env.vars() {
        cmd.env(k, v);
    }
    let out = cmd.output().map_err(|e| DoctorError::Tool { tool: "pip", reason: e.to_string() })?;
    if !out.status.success() {
        return Err(DoctorError::Tool { tool: "pip", reason: String::from_utf8_lossy(&out.stderr).trim().to_owned() });
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// Diagnoses `pip download PROJECT` in `env`.
///
/// # Errors
/// [`DoctorError`] when pip cannot be run or the bundle cannot be written.
pub fn doctor_pip(env: &runtime::Environment, options: &PipOptions) -> Result<Diagnosis, DoctorError> {
    let project = options.project.as_deref().unwrap_or(DEFAULT_PROJECT);
    let mut penv = Environment::from_runtime(env);
    let settings = pip_settings(&pip_config_list(env)?, &penv);
    let mut d = Diagnosis::new("pip", &format!("pip download {project}"));
    d.settings.extend(settings.origins.iter().cloned());
    for name in ProxyRules::Curl.proxy_variables().iter().chain(ProxyRules::Curl.no_proxy_variables()) {
        if let Some(v) = penv.get(name).filter(|v| !v.is_empty()) {
            d.settings.push(((*name).into(), v.to_owned()));
        }
    }
    if let Some(proxy) = &settings.proxy {
        // pip's own `proxy` setting replaces the variables for every index.
        penv = penv.with("https_proxy", proxy);
    }
    let view = runtime::view(Runtime::Pip, env);
    d.notes.push(format!("pip's roots: {}", view.decision));
    let store = view.store.clone().unwrap_or_else(TrustStore::system);
    let mozilla = TrustStore::mozilla();
    let ctx = LinkContext {
        runtime: Runtime::Pip,
        store: &store,
        mozilla: &mozilla,
        env: &penv,
        proxy_rules: ProxyRules::Curl,
        timeouts: options.timeouts,
    };
    let normalized = normalize(project);
    let mut found = false;
    for index in std::iter::once(&settings.index_url).chain(&settings.extra_index_urls) {
        let page = format!("{}/{normalized}/", index.trim_end_matches('/'));
        let mut link = endpoint::check(&ctx, "project page", &page, &[404]);
        let trusted_host = endpoint::split_url(&page)
            .is_some_and(|(t, _)| settings.trusted_hosts.iter().any(|h| h == &t.host || *h == t.authority()));
        if trusted_host {
            if let Some(said) = endpoint::ignore_certificate_failure(&mut link) {
                d.notes.push(format!("{page}: pip skips certificate checks for trusted-host {said}"));
            }
        }
        let file = (link.status == LinkStatus::Ok)
            .then(|| {
                link.probe
                    .as_ref()
                    .and_then(|p| p.http.as_ref())
                    .and_then(|h| first_link(&page, &String::from_utf8_lossy(&h.body)))
            })
            .flatten();
        let status = link.status;
        d.links.push(link);
        match status {
            LinkStatus::Broken => {
                d.broken = Some(Finding { link: Some(d.links.len() - 1), cause: super::link_cause(d.links.last()) });
                break;
            }
            LinkStatus::NotFound => d.notes.push(format!("{index} has no project {normalized}")),
            LinkStatus::Ok => {
                let Some(file) = file else {
                    d.notes.push(format!("{page} lists no distribution files"));
                    continue;
                };
                let link = endpoint::check(&ctx, "distribution file", &file, &[]);
                let ok = link.status == LinkStatus::Ok;
                d.links.push(link);
                if !ok {
                    d.broken =
                        Some(Finding { link: Some(d.links.len() - 1), cause: super::link_cause(d.links.last()) });
                    break;
                }
                found = true;
                break;
            }
        }
    }
    if d.broken.is_none() && !found {
        d.broken = Some(Finding { link: None, cause: format!("no index has a downloadable file for {normalized}") });
    }
    if let Some(Finding { link: Some(i), .. }) = &d.broken {
        let link = &d.links[*i];
        let root = match &options.root {
            Some(path) => Some(super::read_root(path)?),
            None => link.interception_root.clone(),
        };
        let fix =
            super::trust_fix(link, root.as_ref(), &store, &options.bundle_path, &mut d.files_written, |bundle| {
                let b = super::shell_quote(bundle);
                vec![format!("export PIP_CERT={b}"), format!("(or for good: pip config set global.cert {b})")]
            })?;
        d.fix.splice(0..0, fix);
    }
    Ok(d)
}

/// PEP 503 normalisation: lower case, runs of `-`, `_`, `.` become one `-`.
fn normalize(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for ch in name.chars() {
        if matches!(ch, '-' | '_' | '.') {
            if !out.ends_with('-') {
                out.push('-');
            }
        } else {
            out.push(ch.to_ascii_lowercase());
        }
    }
    out
}

/// The first `href` of a simple-index page, made absolute, fragment removed.
fn first_link(page: &str, html: &str) -> Option<String> {
    let start = html.find("href=\"")? + 6;
    let end = html[start..].find('"')? + start;
    let href = html[start..end].replace("&amp;", "&");
    let href = href.split('#').next().unwrap_or_default();
    if href.starts_with("https://") || href.starts_with("http://") {
        return Some(href.to_owned());
    }
    let (target, _) = endpoint::split_url(page)?;
    if href.starts_with('/') {
        return Some(format!("https://{}{href}", target.authority()));
    }
    Some(format!("{}{href}", &page[..page.rfind('/')? + 1]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variables_override_pip_config_files() {
        let env = Environment::new().with("PIP_INDEX_URL", "https://mirror.corp.example/simple");
        let s = pip_settings(
            "global.index-url='https://ignored.example/simple'\nglobal.trusted-host='mirror.corp.example'\nglobal.cert='/etc/corp.pem'\n",
            &env,
        );
        assert_eq!(s.index_url, "https://mirror.corp.example/simple");
        assert_eq!(s.trusted_hosts, ["mirror.corp.example"]);
        assert_eq!(s.cert.as_deref(), Some("/etc/corp.pem"));
        assert_eq!(s.origins[0], ("PIP_INDEX_URL".to_owned(), "https://mirror.corp.example/simple".to_owned()));
    }

    #[test]
    fn simple_index_links_are_made_absolute() {
        let page = "https://pypi.example:8443/simple/hello-ta/";
        assert_eq!(
            first_link(page, r#"<a href="../../files/hello_ta-1.0.whl#sha256=ab">x</a>"#).as_deref(),
            Some("https://pypi.example:8443/simple/hello-ta/../../files/hello_ta-1.0.whl")
        );
        assert_eq!(
            first_link(page, r#"<a href="/files/a.whl">"#).as_deref(),
            Some("https://pypi.example:8443/files/a.whl")
        );
        assert_eq!(normalize("Hello_TA.x"), "hello-ta-x");
    }
}
