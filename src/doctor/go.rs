//! `doctor go`: read Go's real configuration (`go env -json`), decide which endpoints
//! `go mod download` contacts for a module and in what order, check each the way Go would
//! (Go's proxy rules, Go's trust store, Go's name rules, Go's fall-through on 404/410), and name
//! the first broken link with the fix.

use std::path::{Path, PathBuf};
use std::process::Command;

use super::endpoint::{self, LinkContext, LinkStatus};
use super::goenv::{self, GoEnv, ProxyEntry};
use super::{Diagnosis, DoctorError, Finding};
use crate::probe::{Environment, ProxyRules, Timeouts};
use crate::runtime::{self, Runtime};
use crate::store::TrustStore;

/// The module checked when none is given: small, public, always on the proxy.
pub const DEFAULT_MODULE: &str = "golang.org/x/mod";

/// The link `direct` mode starts with: the `?go-get=1` page naming the module's repository.
const DIRECT_DISCOVERY: &str = "version control discovery (direct)";

/// How to run `doctor go`.
#[derive(Debug, Clone)]
pub struct GoOptions {
    /// `path` or `path@version`; [`DEFAULT_MODULE`] when `None`.
    pub module: Option<String>,
    /// Where to write the CA bundle the fix points Go at.
    pub bundle_path: PathBuf,
    /// An interception root supplied by the user (when the proxy does not reveal it).
    pub root: Option<PathBuf>,
    /// Per-phase budgets.
    pub timeouts: Timeouts,
}

/// Runs `go env -json` in `env`.
///
/// # Errors
/// [`DoctorError::ToolMissing`] when `go` is not on PATH, [`DoctorError::Tool`] when it fails.
pub fn go_env(env: &runtime::Environment) -> Result<(PathBuf, GoEnv), DoctorError> {
    let go = env.find_program("go").ok_or(DoctorError::ToolMissing { tool: "go" })?;
    let mut cmd = Command::new(&go);
    cmd.args(["env", "-json"]).env_clear();
    for (k, v) in env.vars() {
        cmd.env(k, v);
    }
    if let Some(cwd) = env.cwd() {
        cmd.current_dir(cwd);
    }
    let out = cmd.output().map_err(|e| DoctorError::Tool { tool: "go", reason: e.to_string() })?;
    if !out.status.success() {
        return Err(DoctorError::Tool { tool: "go", reason: String::from_utf8_lossy(&out.stderr).trim().to_owned() });
    }
    let parsed = GoEnv::from_json(&String::from_utf8_lossy(&out.stdout))
        .map_err(|e| DoctorError::Tool { tool: "go", reason: format!("go env -json: {e}") })?;
    Ok((go, parsed))
}

/// Diagnoses `go mod download` for a module in `env`.
///
/// # Errors
/// [`DoctorError`] when Go cannot be run or the bundle cannot be written.
pub fn doctor_go(env: &runtime::Environment, options: &GoOptions) -> Result<Diagnosis, DoctorError> {
    let (go, genv) = go_env(env)?;
    let spec = options.module.as_deref().unwrap_or(DEFAULT_MODULE);
    let (module, version) = match spec.split_once('@') {
        Some((m, v)) if !v.is_empty() && v != "latest" => (m.to_owned(), Some(v.to_owned())),
        Some((m, _)) => (m.to_owned(), None),
        None => (spec.to_owned(), None),
    };
    let mut d = Diagnosis::new("go", &format!("go mod download {spec}"));
    d.settings.push(("go".into(), format!("{} ({})", go.display(), genv.get("GOVERSION"))));
    for name in ["GOPROXY", "GOPRIVATE", "GONOPROXY", "GONOSUMDB", "GOSUMDB", "GOINSECURE", "GOFLAGS"] {
        d.settings.push((name.into(), genv.get(name).to_owned()));
    }
    let penv = Environment::from_runtime(env);
    for name in ProxyRules::Go.proxy_variables().iter().chain(ProxyRules::Go.no_proxy_variables()) {
        if let Some(v) = penv.get(name).filter(|v| !v.is_empty()) {
            d.settings.push(((*name).into(), hide_password(v)));
        }
    }
    let view = runtime::view(Runtime::Go, env);
    d.notes.push(format!("Go's roots: {}", view.decision));
    let store = view.store.clone().unwrap_or_else(TrustStore::system);
    let mozilla = TrustStore::mozilla();
    let ctx = LinkContext {
        runtime: Runtime::Go,
        store: &store,
        mozilla: &mozilla,
        env: &penv,
        proxy_rules: ProxyRules::Go,
        timeouts: options.timeouts,
    };

    // GOINSECURE: certificate checks are skipped for matching modules, on direct fetches only.
    let insecure = goenv::match_prefix_patterns(genv.get("GOINSECURE"), &module);
    let escaped = goenv::escape_module_path(&module);
    let entries = if goenv::match_prefix_patterns(genv.noproxy(), &module) {
        d.notes.push(format!("{module} matches GONOPROXY/GOPRIVATE ({:?}): Go fetches it directly", genv.noproxy()));
        vec![ProxyEntry::Direct]
    } else {
        genv.proxies()
    };
    let mut resolved_version = version.clone();
    let mut served = false;
    let mut served_by: Option<String> = None;
    for entry in &entries {
        match entry {
            ProxyEntry::Off => {
                d.broken = Some(Finding {
                    link: None,
                    cause: "GOPROXY is \"off\": Go refuses to download modules not already in the module cache".into(),
                });
                d.fix.push("go env -w GOPROXY=https://proxy.golang.org,direct".into());
                break;
            }
            ProxyEntry::Direct => {
                let host = module.split('/').next().unwrap_or_default();
                let mut link = endpoint::check(&ctx, DIRECT_DISCOVERY, &format!("https://{module}?go-get=1"), &[]);
                if insecure {
                    if let Some(said) = endpoint::ignore_certificate_failure(&mut link) {
                        d.notes.push(format!(
                            "{module} matches GOINSECURE ({:?}): go skips certificate checks on its ?go-get=1 \
                             discovery, so \"{said}\" does not stop it there (what it fetches next is still checked)",
                            genv.get("GOINSECURE")
                        ));
                    }
                }
                let ok = link.status == LinkStatus::Ok;
                let import = ok
                    .then(|| link.probe.as_ref().and_then(|p| p.http.as_ref()))
                    .flatten()
                    .and_then(|h| goenv::go_import(&String::from_utf8_lossy(&h.body), &module));
                d.links.push(link);
                if !ok {
                    d.broken =
                        Some(Finding { link: Some(d.links.len() - 1), cause: super::link_cause(d.links.last()) });
                    d.notes.push(format!("direct mode also runs git or another VCS against {host}; not checked here"));
                    break;
                }
                match import {
                    // A `mod` repository is a module proxy, fetched like one (certificates checked
                    // whatever GOINSECURE says: cmd/go's proxyRepo uses web.DefaultSecurity).
                    Some((vcs, repo)) if vcs == "mod" => {
                        let outcome = fetch_from_proxy(&ctx, &mut d, &repo, &escaped, &version, &mut resolved_version);
                        match outcome {
                            LinkStatus::Ok => served = true,
                            LinkStatus::NotFound => {
                                d.broken = Some(Finding {
                                    link: Some(d.links.len() - 1),
                                    cause: format!("{repo}, the module's own repository, does not have {module}"),
                                })
                            }
                            LinkStatus::Broken => {
                                d.broken = Some(Finding {
                                    link: Some(d.links.len() - 1),
                                    cause: super::link_cause(d.links.last()),
                                })
                            }
                        }
                    }
                    Some((vcs, repo)) => {
                        d.notes.push(format!("go then runs {vcs} against {repo}; not checked here"));
                        served = true;
                    }
                    None => {
                        d.notes
                            .push(format!("direct mode then runs git or another VCS against {host}; not checked here"));
                        served = true;
                    }
                }
                break;
            }
            ProxyEntry::Url { url, fall_through_on_any_error } => {
                let outcome = fetch_from_proxy(&ctx, &mut d, url, &escaped, &version, &mut resolved_version);
                match outcome {
                    LinkStatus::Ok => {
                        served = true;
                        served_by = Some(url.clone());
                        break;
                    }
                    LinkStatus::NotFound => {
                        d.notes.push(format!("{url} does not have {module}: Go tries the next GOPROXY entry"));
                    }
                    LinkStatus::Broken if *fall_through_on_any_error => {
                        d.notes.push(format!("{url} failed; '|' after it lets Go try the next entry"));
                        d.broken.get_or_insert(Finding {
                            link: Some(d.links.len() - 1),
                            cause: super::link_cause(d.links.last()),
                        });
                    }
                    LinkStatus::Broken => {
                        d.broken =
                            Some(Finding { link: Some(d.links.len() - 1), cause: super::link_cause(d.links.last()) });
                        break;
                    }
                }
            }
        }
    }
    if served {
        // A '|' failure that a later entry covered is not what breaks the download.
        d.broken = None;
    }
    let broken_link = d.broken.as_ref().and_then(|f| f.link).and_then(|i| d.links.get(i));
    let verification_failed_on_a_proxy = broken_link
        .is_some_and(|l| l.purpose != DIRECT_DISCOVERY && matches!(l.failed_phase.as_deref(), Some("trust" | "name")));
    if insecure && verification_failed_on_a_proxy {
        d.notes.push(format!(
            "{module} matches GOINSECURE, but GOINSECURE only covers the ?go-get=1 discovery of a direct \
             fetch: go still checks certificates on GOPROXY and module-repository fetches"
        ));
    }
    if d.broken.is_none() && !served && d.links.iter().all(|l| l.status != LinkStatus::Broken) {
        d.broken = Some(Finding {
            link: None,
            cause: format!(
                "no GOPROXY entry has {module} (every proxy answered 404/410) and \"direct\" is not in GOPROXY"
            ),
        });
    }

    // The checksum database, unless GOSUMDB=off or the module is private.
    if served && d.broken.is_none() {
        match (goenv::parse_gosumdb(genv.get("GOSUMDB")), &resolved_version) {
            (None, _) => d.notes.push("GOSUMDB=off: Go does not check go.sum against a checksum database".into()),
            (Some(_), _) if goenv::match_prefix_patterns(genv.nosumdb(), &module) => {
                d.notes.push(format!("{module} matches GONOSUMDB/GOPRIVATE: no checksum database lookup"));
            }
            (Some(db), Some(v)) => {
                // Go asks the proxy that served the module whether it proxies the database
                // (`<proxy>/sumdb/<name>/supported`) before contacting the database itself.
                let mut base = db.url.clone();
                if let Some(proxy) = &served_by {
                    let probe_url = format!("{proxy}/sumdb/{}/supported", db.name);
                    let link = endpoint::check(&ctx, "checksum database via proxy", &probe_url, &[404, 410]);
                    if link.status == LinkStatus::Ok {
                        base = format!("{proxy}/sumdb/{}", db.name);
                    }
                    d.links.push(link);
                }
                let link =
                    endpoint::check(&ctx, "checksum database lookup", &format!("{base}/lookup/{module}@{v}"), &[]);
                let broken = link.status != LinkStatus::Ok;
                d.links.push(link);
                if broken {
                    d.broken =
                        Some(Finding { link: Some(d.links.len() - 1), cause: super::link_cause(d.links.last()) });
                    d.fix.push(format!(
                        "if {} cannot be reached from here: go env -w GONOSUMDB={module} (or GOSUMDB=off, weaker)",
                        db.name
                    ));
                }
            }
            (Some(_), None) => {}
        }
    }

    if let Some(Finding { link: Some(i), .. }) = &d.broken {
        let link = &d.links[*i];
        let root = match &options.root {
            Some(path) => Some(super::read_root(path)?),
            None => link.interception_root.clone(),
        };
        d.fix.splice(
            0..0,
            super::trust_fix(link, root.as_ref(), &store, &options.bundle_path, &mut d.files_written, |bundle| {
                vec![format!("export SSL_CERT_FILE={}", super::shell_quote(bundle))]
            })?,
        );
    }
    Ok(d)
}

/// Fetches the module from a module proxy at `base` as `go mod download` does (`@v/list`, then
/// `.info`, `.mod` and `.zip` of the wanted or latest version), adding each link to `d` and
/// stopping at the first that is not OK; returns that outcome.
fn fetch_from_proxy(
    ctx: &LinkContext<'_>,
    d: &mut Diagnosis,
    base: &str,
    escaped: &str,
    version: &Option<String>,
    resolved_version: &mut Option<String>,
) -> LinkStatus {
    let base = format!("{}/{escaped}/@v/", base.trim_end_matches('/'));
    let mut steps: Vec<(String, String)> = vec![("module version list".into(), format!("{base}list"))];
    if let Some(v) = version {
        steps.push(("version info".into(), format!("{base}{v}.info")));
    }
    let mut i = 0;
    while i < steps.len() {
        let (purpose, url) = steps[i].clone();
        let link = endpoint::check(ctx, &purpose, &url, &[404, 410]);
        let status = link.status;
        if i == 0 && status == LinkStatus::Ok {
            if resolved_version.is_none() {
                *resolved_version = link
                    .probe
                    .as_ref()
                    .and_then(|p| p.http.as_ref())
                    .and_then(|h| latest_version(&String::from_utf8_lossy(&h.body)));
            }
            if let Some(v) = resolved_version.as_ref() {
                if version.is_none() {
                    steps.push(("version info".into(), format!("{base}{v}.info")));
                }
                steps.push(("go.mod".into(), format!("{base}{v}.mod")));
                steps.push(("module zip".into(), format!("{base}{v}.zip")));
            }
        }
        d.links.push(link);
        if status != LinkStatus::Ok {
            return status;
        }
        i += 1;
    }
    LinkStatus::Ok
}

/// The version Go's `@latest` picks from a `@v/list` body.
fn latest_version(list: &str) -> Option<String> {
    list.lines()
        .map(str::trim)
        .filter(|l| l.starts_with('v'))
        .max_by(|a, b| semver_key(a).cmp(&semver_key(b)))
        .map(str::to_owned)
}

/// Releases above pre-releases (Go's `@latest` prefers a release), then by version.
fn semver_key(v: &str) -> (bool, Vec<u64>, String) {
    let v = v.trim_start_matches('v');
    let (core, pre) = match v.split_once(['-', '+']) {
        Some((c, p)) => (c, p.to_owned()),
        None => (v, String::new()),
    };
    (pre.is_empty(), core.split('.').map(|n| n.parse().unwrap_or(0)).collect(), pre)
}

fn hide_password(url: &str) -> String {
    match crate::probe::ProxyUrl::parse(url) {
        Ok(p) if p.password.is_some() => p.to_string(),
        _ => url.to_owned(),
    }
}

/// The default place for the bundle: `$XDG_CONFIG_HOME/trustaudit/<tool>-ca-bundle.pem`, else
/// under `$HOME/.config`, else the current directory.
pub fn default_bundle_path(env: &runtime::Environment, tool: &str) -> PathBuf {
    let dir = env
        .xdg_config_home()
        .or_else(|| env.home().map(|h| h.join(".config")))
        .unwrap_or_else(|| Path::new(".").to_path_buf());
    dir.join("trustaudit").join(format!("{tool}-ca-bundle.pem"))
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_latest_version_of_a_list_is_the_highest_release() {
        assert_eq!(super::latest_version("v1.2.0\nv1.10.0\nv1.9.9\nv2.0.0-rc.1\n").as_deref(), Some("v1.10.0"));
        assert_eq!(super::latest_version("v1.10.0-rc.1\nv1.9.0-rc.1\n").as_deref(), Some("v1.10.0-rc.1"));
        assert_eq!(super::latest_version(""), None);
    }
}
