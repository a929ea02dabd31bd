//! `doctor npm`, `doctor git` and `doctor cargo`: each tool's registry or remote, CA and proxy
//! settings (read by asking the tool: `npm config list --json`, `git config --get`; cargo's
//! from its variables and the runtime view), then the first link it fetches, judged with the
//! tool's own roots, and the fix in the tool's own terms.

use std::path::PathBuf;
use std::process::Command;

use super::endpoint::{self, LinkContext, LinkStatus};
use super::{Diagnosis, DoctorError, Finding};
use crate::probe::{Environment, ProxyRules, Timeouts};
use crate::runtime::{self, Runtime};
use crate::store::TrustStore;

/// How to run one of these doctors.
#[derive(Debug, Clone)]
pub struct ToolOptions {
    /// npm: package name (default `npm`); git: the remote URL (required); cargo: registry
    /// index URL (default crates.io's sparse index).
    pub target: Option<String>,
    /// Where to write the CA bundle the fix points the tool at.
    pub bundle_path: PathBuf,
    /// An interception root supplied by the user.
    pub root: Option<PathBuf>,
    /// Per-phase budgets.
    pub timeouts: Timeouts,
}

fn run_tool(
    env: &runtime::Environment,
    tool: &'static str,
    program: &str,
    args: &[&str],
) -> Result<Option<String>, DoctorError> {
    let bin = env.find_program(program).ok_or(DoctorError::ToolMissing { tool })?;
    let mut cmd = Command::new(bin);
    cmd.args(args).env_clear();
    for (k, v) in env.vars() {
        cmd.env(k, v);
    }
    if let Some(cwd) = env.cwd() {
        cmd.current_dir(cwd);
    }
    let out = cmd.output().map_err(|e| DoctorError::Tool { tool, reason: e.to_string() })?;
    // `git config --get` exits 1 for an unset key: that is "unset", not a failure.
    Ok(out.status.success().then(|| String::from_utf8_lossy(&out.stdout).trim().to_owned()).filter(|s| !s.is_empty()))
}

/// npm's settings that matter here, from `npm config list --json`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NpmSettings {
    /// Registry URL.
    pub registry: String,
    /// `cafile`: replaces Node's roots for npm's requests.
    pub cafile: Option<String>,
    /// `strict-ssl`: `false` turns certificate checks off.
    pub strict_ssl: bool,
    /// `https-proxy`, else `proxy`.
    pub proxy: Option<String>,
    /// `noproxy`.
    pub noproxy: Option<String>,
}

/// Parses `npm config list --json`.
pub fn npm_settings(json: &str) -> NpmSettings {
    let v: serde_json::Value = serde_json::from_str(json).unwrap_or_default();
    let s = |k: &str| v.get(k).and_then(|x| x.as_str()).filter(|x| !x.is_empty()).map(str::to_owned);
    NpmSettings {
        registry: s("registry").unwrap_or_else(|| "https://registry.npmjs.org/".into()),
        cafile: s("cafile"),
        strict_ssl: v.get("strict-ssl").and_then(serde_json::Value::as_bool).unwrap_or(true),
        proxy: s("https-proxy").or_else(|| s("proxy")),
        noproxy: s("noproxy"),
    }
}

/// Diagnoses `npm view PACKAGE` / `npm ci` reaching the registry.
///
/// # Errors
/// [`DoctorError`] when npm cannot be run or the bundle cannot be written.
pub fn doctor_npm(env: &runtime::Environment, options: &ToolOptions) -> Result<Diagnosis, DoctorError> {
    let package = options.target.as_deref().unwrap_or("npm");
    let json = run_tool(env, "npm", "npm", &["config", "list", "--json"])?.unwrap_or_default();
    let settings = npm_settings(&json);
    let mut d = Diagnosis::new("npm", &format!("npm view {package}"));
    d.settings.push(("registry".into(), settings.registry.clone()));
    d.settings.push(("strict-ssl".into(), settings.strict_ssl.to_string()));
    let mut penv = Environment::from_runtime(env);
    if let Some(p) = &settings.proxy {
        d.settings.push(("https-proxy".into(), p.clone()));
        penv = penv.with("https_proxy", p);
    }
    if let Some(n) = &settings.noproxy {
        penv = penv.with("no_proxy", n);
    }
    let (store, decision) = match &settings.cafile {
        Some(f) => {
            d.settings.push(("cafile".into(), f.clone()));
            let store = TrustStore::from_path("npm cafile", std::path::Path::new(f))
                .map_err(|e| DoctorError::File { path: f.clone(), reason: e.to_string() })?;
            (store, format!("npm's cafile {f} replaces Node's roots"))
        }
        None => {
            let view = runtime::view(Runtime::Node, env);
            (view.store.clone().unwrap_or_else(TrustStore::mozilla), view.decision)
        }
    };
    d.notes.push(format!("npm's roots: {decision}"));
    let url = format!("{}/{}", settings.registry.trim_end_matches('/'), package.replace('/', "%2f"));
    let bundle_note = settings.cafile.is_some();
    single_link(&mut d, Runtime::Node, &store, &penv, options, "package metadata", &url, !settings.strict_ssl, |b| {
        if bundle_note {
            vec![format!("npm config set cafile {b}")]
        } else {
            vec![format!("export NODE_EXTRA_CA_CERTS={b}"), format!("(or: npm config set cafile {b})")]
        }
    })?;
    Ok(d)
}

/// Diagnoses `git clone URL` / `git fetch` over HTTPS.
///
/// # Errors
/// [`DoctorError`] when git cannot be run, no URL is given, or the bundle cannot be written.
pub fn doctor_git(env: &runtime::Environment, options: &ToolOptions) -> Result<Diagnosis, DoctorError> {
    let remote = options
        .target
        .clone()
        .ok_or(DoctorError::Tool { tool: "git", reason: "give the https:// remote URL to check".into() })?;
    let get = |key: &str| run_tool(env, "git", "git", &["config", "--get", key]);
    let ca_info = get("http.sslCAInfo")?;
    let proxy = get("http.proxy")?;
    let ssl_verify = get("http.sslVerify")?;
    let mut d = Diagnosis::new("git", &format!("git ls-remote {remote}"));
    let mut penv = Environment::from_runtime(env);
    let env_ca = penv.get("GIT_SSL_CAINFO").filter(|v| !v.is_empty()).map(str::to_owned);
    for (k, v) in [
        ("http.sslCAInfo", &ca_info),
        ("http.proxy", &proxy),
        ("http.sslVerify", &ssl_verify),
        ("GIT_SSL_CAINFO", &env_ca),
    ] {
        if let Some(v) = v {
            d.settings.push((k.into(), v.clone()));
        }
    }
    if let Some(p) = &proxy {
        penv = penv.with("https_proxy", p);
    }
    let view = runtime::view(Runtime::Git, env);
    d.notes.push(format!("git's roots: {}", view.decision));
    let store = view.store.clone().unwrap_or_else(TrustStore::system);
    let insecure =
        ssl_verify.as_deref() == Some("false") || penv.get("GIT_SSL_NO_VERIFY").is_some_and(|v| !v.is_empty());
    let url = format!("{}/info/refs?service=git-upload-pack", remote.trim_end_matches('/'));
    // GIT_SSL_CAINFO beats http.sslCAInfo, so the fix must use the variable when it is set.
    let use_env = env_ca.is_some();
    single_link(&mut d, Runtime::Git, &store, &penv, options, "smart HTTP ref advertisement", &url, insecure, |b| {
        if use_env {
            vec![format!("export GIT_SSL_CAINFO={b}")]
        } else {
            vec![format!("git config --global http.sslCAInfo {b}")]
        }
    })?;
    Ok(d)
}

/// Diagnoses cargo reaching a registry's sparse index.
///
/// # Errors
/// [`DoctorError`] when the bundle cannot be written.
pub fn doctor_cargo(env: &runtime::Environment, options: &ToolOptions) -> Result<Diagnosis, DoctorError> {
    let index = options.target.clone().unwrap_or_else(|| "sparse+https://index.crates.io/".into());
    let base = index.strip_prefix("sparse+").unwrap_or(&index).trim_end_matches('/').to_owned();
    let mut d = Diagnosis::new("cargo", &format!("cargo fetch (index {index})"));
    let mut penv = Environment::from_runtime(env);
    for var in ["CARGO_HTTP_CAINFO", "CARGO_HTTP_PROXY", "CARGO_HTTP_CHECK_REVOKE"] {
        if let Some(v) = penv.get(var).filter(|v| !v.is_empty()) {
            d.settings.push((var.into(), v.to_owned()));
        }
    }
    if let Some(p) = penv.get("CARGO_HTTP_PROXY").filter(|v| !v.is_empty()).map(str::to_owned) {
        penv = penv.with("https_proxy", &p);
    }
    let view = runtime::view(Runtime::Cargo, env);
    d.notes.push(format!("cargo's roots: {}", view.decision));
    let store = view.store.clone().unwrap_or_else(TrustStore::system);
    single_link(
        &mut d,
        Runtime::Cargo,
        &store,
        &penv,
        options,
        "sparse index config",
        &format!("{base}/config.json"),
        false,
        |b| {
            vec![
                format!("export CARGO_HTTP_CAINFO={b}"),
                "(or for good: [http] cainfo = \"…\" in ~/.cargo/config.toml)".to_owned(),
            ]
        },
    )?;
    Ok(d)
}

#[allow(clippy::too_many_arguments)] // one call site per tool; a struct would only rename them
fn single_link(
    d: &mut Diagnosis,
    rt: Runtime,
    store: &TrustStore,
    penv: &Environment,
    options: &ToolOptions,
    purpose: &str,
    url: &str,
    verification_off: bool,
    settings: impl Fn(&str) -> Vec<String>,
) -> Result<(), DoctorError> {
    for name in ProxyRules::Curl.proxy_variables().iter().chain(ProxyRules::Curl.no_proxy_variables()) {
        if let Some(v) = penv.get(name).filter(|v| !v.is_empty()) {
            d.settings.push(((*name).into(), v.to_owned()));
        }
    }
    let mozilla = TrustStore::mozilla();
    let ctx = LinkContext {
        runtime: rt,
        store,
        mozilla: &mozilla,
        env: penv,
        proxy_rules: ProxyRules::Curl,
        timeouts: options.timeouts,
    };
    let mut link = endpoint::check(&ctx, purpose, url, &[]);
    if verification_off && matches!(link.failed_phase.as_deref(), Some("trust" | "name")) {
        d.notes.push(format!(
            "certificate checks are turned off, so this is not fatal: {}",
            link.error.as_deref().unwrap_or("")
        ));
        link.status = LinkStatus::Ok;
    }
    let broken = link.status != LinkStatus::Ok;
    d.links.push(link);
    if broken {
        d.broken = Some(Finding { link: Some(0), cause: super::link_cause(d.links.last()) });
        let link = &d.links[0];
        let root = match &options.root {
            Some(path) => Some(super::read_root(path)?),
            None => link.interception_root.clone(),
        };
        let fix = super::trust_fix(link, root.as_ref(), store, &options.bundle_path, &mut d.files_written, |b| {
            settings(&super::shell_quote(b))
        })?;
        d.fix = fix;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn npm_settings_come_from_its_json_config() {
        let s = npm_settings(
            r#"{"registry":"https://npm.corp.example/","cafile":"/etc/corp.pem","strict-ssl":false,"proxy":"http://p:3128","https-proxy":null}"#,
        );
        assert_eq!(s.registry, "https://npm.corp.example/");
        assert_eq!(s.cafile.as_deref(), Some("/etc/corp.pem"));
        assert!(!s.strict_ssl);
        assert_eq!(s.proxy.as_deref(), Some("http://p:3128"));
        assert_eq!(npm_settings("{}").registry, "https://registry.npmjs.org/");
        assert!(npm_settings("{}").strict_ssl);
    }
}
