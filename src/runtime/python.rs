//! Python: the `ssl` module's default context, certifi (what `requests` uses) and pip.
//!
//! * `ssl.create_default_context()` calls `set_default_verify_paths()`, which is OpenSSL's
//!   rule (see [`super::openssl`]) with the OPENSSLDIR of the libssl Python links.
//! * requests (`sessions.py`, `merge_environment_settings`): `$REQUESTS_CA_BUNDLE`, else
//!   `$CURL_CA_BUNDLE`, else `certifi.where()`.
//! * pip (`cli/index_command.py`, `_build_session`): without truststore, `--cert` / `PIP_CERT`
//!   / `cert` in pip.conf, else its vendored `pip/_vendor/certifi/cacert.pem`, and its vendored
//!   requests lets `REQUESTS_CA_BUNDLE` / `CURL_CA_BUNDLE` replace all of those. With truststore
//!   (the default from pip 24.2 on Python 3.10+, unless `--use-deprecated=legacy-certs`; opt-in
//!   with `--use-feature=truststore` before) they add up instead: truststore's system store,
//!   the vendored certifi pip loads into its context, and whatever bundle requests is given
//!   (urllib3 loads it into the same context). `tests/runtime_pip.rs` checks both against a
//!   real pip.
//!
//! The interpreter is found by rules, without starting it: `python3` on PATH, pyenv shims
//! resolved through `PYENV_VERSION`, `.python-version` and `$PYENV_ROOT/version`, virtual
//! environments through `pyvenv.cfg`.

use std::path::{Path, PathBuf};

use super::draft::Draft;
use super::env::Environment;
use super::openssl;
use super::roots::Reader;
use super::view::{RuntimeView, Source, SourceKind, SourceState};
use super::Runtime;

/// A Python interpreter located on disk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Interpreter {
    /// What PATH resolved to (maybe a pyenv shim).
    pub(crate) command: PathBuf,
    /// The real executable.
    pub(crate) executable: PathBuf,
    /// `major.minor`, from the executable's name (`python3.11`).
    pub(crate) minor: Option<String>,
    /// `sys.path` directories where packages live, in import order.
    pub(crate) site_dirs: Vec<PathBuf>,
    /// `sys.prefix` (where pip looks for the site pip.conf).
    pub(crate) prefix: PathBuf,
    /// How it was found.
    pub(crate) how: String,
}

pub(crate) fn locate(env: &Environment) -> Option<Interpreter> {
    let command = env.find_program("python3").or_else(|| env.find_program("python"))?;
    let (executable, how) = match pyenv_target(env, &command) {
        Some((exe, version)) => (exe, format!("pyenv shim, version {version}")),
        None => (command.clone(), "on PATH".to_owned()),
    };
    let real = std::fs::canonicalize(&executable).unwrap_or_else(|_| executable.clone());
    let minor = real
        .file_name()
        .and_then(|n| n.to_str())
        .and_then(|n| n.strip_prefix("python"))
        .filter(|v| v.contains('.'))
        .map(str::to_owned);
    // A venv's bin/python is a symlink: its prefix is the venv, found from the unresolved path.
    let bin_dir = executable.parent().unwrap_or(Path::new("/"));
    let venv_root = bin_dir.parent().filter(|r| r.join("pyvenv.cfg").is_file()).map(Path::to_path_buf);
    let prefix = venv_root
        .clone()
        .unwrap_or_else(|| real.parent().and_then(Path::parent).unwrap_or(Path::new("/usr")).to_path_buf());
    let mut site_dirs = Vec::new();
    if let Some(pp) = env.var_non_empty("PYTHONPATH") {
        site_dirs.extend(pp.split(':').filter(|s| !s.is_empty()).map(PathBuf::from));
    }
    // site.py `venv()`: a venv sees the base installation's packages only with
    // `include-system-site-packages = true`, and then the user site too.
    let base_prefix = match &venv_root {
        None => Some(prefix.clone()),
        Some(v) => std::fs::read_to_string(v.join("pyvenv.cfg")).ok().and_then(|cfg| {
            let get = |key: &str| {
                cfg.lines().find_map(|l| {
                    let (k, val) = l.split_once('=')?;
                    (k.trim() == key).then(|| val.trim().to_owned())
                })
            };
            let system = get("include-system-site-packages").is_some_and(|v| v.eq_ignore_ascii_case("true"));
            // `home` is the base interpreter's bin directory.
            system.then(|| get("home").and_then(|h| Path::new(&h).parent().map(Path::to_path_buf))).flatten()
        }),
    };
    if let Some(minor) = &minor {
        let lib = format!("python{minor}");
        let user_site_enabled = base_prefix.is_some() && env.var_non_empty("PYTHONNOUSERSITE").is_none();
        if user_site_enabled {
            let base =
                env.var_non_empty("PYTHONUSERBASE").map(PathBuf::from).or_else(|| env.home().map(|h| h.join(".local")));
            if let Some(base) = base {
                site_dirs.push(base.join("lib").join(&lib).join("site-packages"));
            }
        }
        if venv_root.is_some() {
            site_dirs.push(prefix.join("lib").join(&lib).join("site-packages"));
        }
        if let Some(base) = &base_prefix {
            site_dirs.push(base.join("lib").join(&lib).join("site-packages"));
            if base == Path::new("/usr") {
                // Debian's layout (site.py patched): /usr/local first, then the distribution's.
                site_dirs.push(PathBuf::from(format!("/usr/local/lib/{lib}/dist-packages")));
                site_dirs.push(PathBuf::from("/usr/lib/python3/dist-packages"));
                site_dirs.push(PathBuf::from(format!("/usr/lib/{lib}/dist-packages")));
            }
        }
    }
    Some(Interpreter { command, executable, minor, site_dirs, prefix, how })
}

/// Resolves a pyenv shim to the interpreter it would run.
fn pyenv_target(env: &Environment, command: &Path) -> Option<(PathBuf, String)> {
    let shims = command.parent()?;
    if shims.file_name()? != "shims" {
        return None;
    }
    let root = env
        .var_non_empty("PYENV_ROOT")
        .map(PathBuf::from)
        .unwrap_or_else(|| shims.parent().map(Path::to_path_buf).unwrap_or_default());
    if !root.join("versions").is_dir() {
        return None;
    }
    let version = env
        .var_non_empty("PYENV_VERSION")
        .or_else(|| {
            let mut dir = env.cwd().map(Path::to_path_buf);
            while let Some(d) = dir {
                if let Ok(v) = std::fs::read_to_string(d.join(".python-version")) {
                    return Some(v);
                }
                dir = d.parent().map(Path::to_path_buf);
            }
            None
        })
        .or_else(|| std::fs::read_to_string(root.join("version")).ok())
        .and_then(|v| v.split_whitespace().next().map(|s| s.split(':').next().unwrap_or(s).to_owned()))
        .unwrap_or_else(|| "system".to_owned());
    let name = command.file_name()?;
    if version == "system" {
        // The next matching program on PATH that is not a shim.
        let exe = env.path_dirs().into_iter().filter(|d| d != shims).map(|d| d.join(name)).find(|p| p.is_file())?;
        return Some((exe, version));
    }
    let exe = root.join("versions").join(&version).join("bin").join(name);
    exe.is_file().then_some((exe, version))
}

/// Finds a package directory (`certifi`, `pip`) the way `import` would.
fn find_package(interp: &Interpreter, name: &str) -> Option<PathBuf> {
    interp.site_dirs.iter().map(|d| d.join(name)).find(|p| p.join("__init__.py").is_file())
}

/// Whether a dotted version (`3.13`, `24.2.1`, `2.4.0rc1`) is at least `(major, minor)`.
fn version_at_least(version: &str, (major, minor): (u32, u32)) -> bool {
    let mut parts =
        version.split('.').map(|p| p.chars().take_while(char::is_ascii_digit).collect::<String>().parse::<u32>());
    match (parts.next(), parts.next()) {
        (Some(Ok(a)), Some(Ok(b))) => (a, b) >= (major, minor),
        (Some(Ok(a)), None) => a > major,
        _ => false,
    }
}

/// A distribution's version from its `NAME-VERSION.dist-info` directory beside the package
/// (urllib3 2.x keeps `__version__` in a generated `_version.py`, not in `__init__.py`).
fn dist_version(pkg: &Path, name: &str) -> Option<String> {
    let site = pkg.parent()?;
    let prefix = format!("{name}-");
    std::fs::read_dir(site).ok()?.flatten().find_map(|e| {
        let file = e.file_name();
        let v = file.to_str()?.strip_prefix(&prefix)?.strip_suffix(".dist-info")?;
        Some(v.to_owned())
    })
}

/// Whether `runtime` verifies with OpenSSL's `X509_V_FLAG_X509_STRICT` on this machine:
/// Python 3.13+ sets it in `ssl.create_default_context()`, and urllib3 2.4+ (what requests
/// uses) copies that default on Python 3.13+. pip does not: its vendored urllib3 1.26 and
/// truststore's plain `SSLContext` leave the flags alone.
pub(crate) fn x509_strict(runtime: Runtime, env: &Environment) -> bool {
    locate(env).is_some_and(|interp| strict_with(&interp, runtime))
}

/// [`x509_strict`] for an interpreter already located.
fn strict_with(interp: &Interpreter, runtime: Runtime) -> bool {
    if !interp.minor.as_deref().is_some_and(|m| version_at_least(m, (3, 13))) {
        return false;
    }
    match runtime {
        Runtime::Python => true,
        Runtime::Certifi => find_package(interp, "urllib3")
            .and_then(|p| dist_version(&p, "urllib3"))
            .is_some_and(|v| version_at_least(&v, (2, 4))),
        _ => false,
    }
}

/// `__version__ = "…"` from a package's `__init__.py`.
fn package_version(pkg: &Path) -> Option<String> {
    let text = std::fs::read_to_string(pkg.join("__init__.py")).ok()?;
    text.lines().find_map(|l| {
        let rest = l.trim().strip_prefix("__version__")?.trim_start().strip_prefix('=')?.trim();
        Some(rest.trim_matches(|c| c == '"' || c == '\'').to_owned())
    })
}

/// Where certifi's `where()` points: its own `cacert.pem`, or the system bundle for
/// distributions that patch certifi (Debian's python3-certifi).
fn certifi_bundle(pkg: &Path) -> (PathBuf, Option<String>) {
    let own = pkg.join("cacert.pem");
    if own.is_file() {
        return (own, None);
    }
    if let Ok(core) = std::fs::read_to_string(pkg.join("core.py")) {
        for candidate in ["/etc/ssl/certs/ca-certificates.crt", "/etc/pki/tls/certs/ca-bundle.crt"] {
            if core.contains(candidate) {
                return (
                    PathBuf::from(candidate),
                    Some(format!("this certifi is patched by the distribution: where() returns {candidate}")),
                );
            }
        }
    }
    (own, None)
}

fn not_installed_python() -> RuntimeView {
    RuntimeView::not_installed(Runtime::Python, "python3 is not on PATH")
}

pub(crate) fn ssl_view(d: Draft<'_>) -> RuntimeView {
    let mut d = d;
    let Some(interp) = locate(d.env) else {
        return not_installed_python();
    };
    d.version = interp.minor.clone();
    d.note(format!("interpreter {} ({})", interp.executable.display(), interp.how));
    let strict = strict_with(&interp, Runtime::Python);
    d.program = Some(interp.command);
    let dir = openssl::system_openssldir(d.env);
    let decision = openssl::add_default_paths(&mut d, dir.as_ref(), "Python's ssl module");
    d.note("ssl.create_default_context().get_ca_certs() lists only the file's roots: directory roots are loaded when a chain needs them");
    if strict {
        d.note(STRICT_NOTE);
    }
    d.finish(decision)
}

/// What the views of a strict Python say: the roots are not the whole story.
const STRICT_NOTE: &str = "Python 3.13+ verifies with VERIFY_X509_STRICT: a chain from a trusted root still fails \
     when a certificate breaks RFC 5280 (a leaf without authorityKeyIdentifier, a CA whose basicConstraints is not \
     critical), as many proxies' certificates do";

/// The bundle `requests` verifies with; shared by the certifi and pip views.
fn requests_override(d: &mut Draft<'_>) -> Option<(String, String)> {
    let r = d.var_non_empty("REQUESTS_CA_BUNDLE");
    let c = d.var_non_empty("CURL_CA_BUNDLE");
    match (r, c) {
        (Some(r), c) => {
            d.variable_source("REQUESTS_CA_BUNDLE", Some(&r), "set: requests verifies with this bundle");
            if let Some(c) = c {
                d.source(Source::setting(
                    SourceKind::Variable,
                    "CURL_CA_BUNDLE",
                    Some(c),
                    SourceState::Overridden,
                    "REQUESTS_CA_BUNDLE comes first",
                ));
            }
            Some(("REQUESTS_CA_BUNDLE".to_owned(), r))
        }
        (None, Some(c)) => {
            d.variable_source("REQUESTS_CA_BUNDLE", None, "");
            d.variable_source("CURL_CA_BUNDLE", Some(&c), "set: requests uses it when REQUESTS_CA_BUNDLE is not");
            Some(("CURL_CA_BUNDLE".to_owned(), c))
        }
        (None, None) => {
            d.variable_source("REQUESTS_CA_BUNDLE", None, "");
            d.variable_source("CURL_CA_BUNDLE", None, "");
            None
        }
    }
}

/// Adds a bundle or directory named by a variable or setting (requests accepts both).
fn add_named(d: &mut Draft<'_>, path: &str, why: &str) {
    let p = Path::new(path);
    if p.is_dir() {
        d.dir(p, Reader::Openssl, why);
    } else {
        d.file(p, Reader::Openssl, why);
    }
}

pub(crate) fn certifi_view(d: Draft<'_>) -> RuntimeView {
    let mut d = d;
    let Some(interp) = locate(d.env) else {
        return RuntimeView::not_installed(Runtime::Certifi, "python3 is not on PATH");
    };
    let Some(pkg) = find_package(&interp, "certifi") else {
        return RuntimeView::not_installed(
            Runtime::Certifi,
            format!("certifi is not installed for {}", interp.executable.display()),
        );
    };
    d.version = package_version(&pkg);
    d.program = Some(pkg.clone());
    let (bundle, patched) = certifi_bundle(&pkg);
    if let Some(n) = patched {
        d.note(n);
    }
    if strict_with(&interp, Runtime::Certifi) {
        d.note(format!("{STRICT_NOTE} (urllib3 2.4+ sets it for requests too)"));
    }
    let decision = match requests_override(&mut d) {
        Some((var, value)) => {
            add_named(&mut d, &value, &format!("named by {var}"));
            d.skipped_path(SourceKind::Builtin, &bundle, &format!("certifi.where(): replaced by {var}"));
            d.note(format!("{var} is set: requests verifies with {value}, not certifi's bundle"));
            format!("{var} wins over certifi.where() in requests")
        }
        None => {
            d.file(&bundle, Reader::Openssl, "certifi.where()");
            format!("requests uses certifi.where() ({})", bundle.display())
        }
    };
    d.note("certifi.where() itself always names the package's bundle; the variables matter to requests");
    d.finish(decision)
}

/// truststore's Linux store (`_openssl.py`, `_configure_context`): OpenSSL's default paths when
/// they look usable (`ssl.get_default_verify_paths()` finds the file, or the directory holds
/// hashed certificate names), else the first bundle of its own list that exists.
fn add_truststore_paths(d: &mut Draft<'_>) -> String {
    let openssldir = openssl::system_openssldir(d.env);
    let file =
        d.var("SSL_CERT_FILE").map(PathBuf::from).or_else(|| openssldir.as_ref().map(|o| o.dir.join("cert.pem")));
    let dir = d.var("SSL_CERT_DIR").map(PathBuf::from).or_else(|| openssldir.as_ref().map(|o| o.dir.join("certs")));
    let hashed = |dir: &Path| {
        std::fs::read_dir(dir).into_iter().flatten().flatten().any(|e| {
            let name = e.file_name();
            let name = name.to_string_lossy();
            let (stem, ext) = name.split_once('.').unwrap_or(("", ""));
            stem.len() == 8
                && stem.bytes().all(|b| b.is_ascii_hexdigit())
                && ext.len() == 1
                && ext.bytes().all(|b| b.is_ascii_digit())
        })
    };
    if file.as_deref().is_some_and(Path::is_file) || dir.as_deref().is_some_and(hashed) {
        let s = openssl::add_default_paths(d, openssldir.as_ref(), "pip (truststore)");
        return format!("the system store through OpenSSL's default paths ({s})");
    }
    // A variable that names nothing usable is set but not what truststore reads.
    for (var, what) in [("SSL_CERT_FILE", "names no file"), ("SSL_CERT_DIR", "holds no hashed certificate names")] {
        match d.var(var) {
            Some(v) => d.source(Source::setting(
                SourceKind::Variable,
                var,
                Some(v),
                SourceState::Ignored,
                format!("{what}, so truststore looks elsewhere"),
            )),
            None => d.variable_source(var, None, ""),
        }
    }
    match TRUSTSTORE_CA_FILES.iter().map(Path::new).find(|p| p.is_file()) {
        Some(p) => {
            d.file(p, Reader::Openssl, "truststore's fallback: OpenSSL's default paths hold no certificates");
            format!("the system store from {} (OpenSSL's default paths hold none)", p.display())
        }
        None => {
            d.note("truststore found no certificates: OpenSSL's default paths and its own list are all empty");
            "no system store (none of truststore's places exist)".to_owned()
        }
    }
}

/// truststore's own list of Linux bundles, in order (`_openssl.py`, `_CA_FILE_CANDIDATES`).
const TRUSTSTORE_CA_FILES: &[&str] = &[
    "/etc/ssl/cert.pem",
    "/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem",
    "/etc/pki/tls/cert.pem",
    "/etc/ssl/certs/ca-certificates.crt",
    "/etc/ssl/ca-bundle.pem",
];

/// One `cert` setting found in a pip configuration file.
#[derive(Debug, Clone)]
struct PipSetting {
    file: PathBuf,
    section: String,
    value: String,
}

/// pip's configuration files in increasing precedence (configuration.py: GLOBAL, USER, SITE,
/// ENV), honouring `PIP_CONFIG_FILE` (and its `os.devnull` switch-off).
fn pip_config_files(env: &Environment, prefix: &Path) -> Vec<PathBuf> {
    let config_file = env.var("PIP_CONFIG_FILE");
    if config_file.as_deref() == Some("/dev/null") {
        return Vec::new();
    }
    let mut files: Vec<PathBuf> = env.xdg_config_dirs().iter().map(|d| d.join("pip/pip.conf")).collect();
    files.push(PathBuf::from("/etc/pip.conf"));
    let env_file_exists = config_file.as_deref().is_some_and(|f| !f.is_empty() && Path::new(f).exists());
    if !env_file_exists {
        if let Some(h) = env.home() {
            files.push(h.join(".pip/pip.conf"));
        }
        if let Some(x) = env.xdg_config_home() {
            files.push(x.join("pip/pip.conf"));
        }
    }
    files.push(prefix.join("pip.conf"));
    if let Some(f) = config_file.filter(|f| !f.is_empty()) {
        files.push(PathBuf::from(f));
    }
    files
}

/// The last `cert` in `[global]` or `[install]` across the files; `[install]` beats
/// `[global]` (pip applies the command's section after the global one).
fn pip_cert_setting(files: &[PathBuf], key: &str) -> Option<PipSetting> {
    let mut global = None;
    let mut install = None;
    for f in files {
        let Ok(text) = std::fs::read_to_string(f) else { continue };
        for (section, k, v) in super::ini::entries(&text) {
            if k.replace('_', "-") != key {
                continue;
            }
            let s = PipSetting { file: f.clone(), section: section.clone(), value: v };
            match section.as_str() {
                "global" => global = Some(s),
                "install" => install = Some(s),
                _ => {}
            }
        }
    }
    install.or(global)
}

pub(crate) fn pip_view(d: Draft<'_>) -> RuntimeView {
    let mut d = d;
    let Some(interp) = locate(d.env) else {
        return RuntimeView::not_installed(Runtime::Pip, "python3 is not on PATH");
    };
    let Some(pkg) = find_package(&interp, "pip") else {
        return RuntimeView::not_installed(
            Runtime::Pip,
            format!("pip is not installed for {}", interp.executable.display()),
        );
    };
    d.version = package_version(&pkg);
    d.program = Some(pkg.clone());
    let vendored = pkg.join("_vendor/certifi/cacert.pem");
    let files = pip_config_files(d.env, &interp.prefix);

    // truststore: default from pip 24.2 (unless --use-deprecated=legacy-certs), opt-in before.
    let default_truststore = d.version.as_deref().is_some_and(|v| version_at_least(v, (24, 2)));
    let use_feature = d
        .var_non_empty("PIP_USE_FEATURE")
        .or_else(|| pip_cert_setting(&files, "use-feature").map(|s| s.value))
        .unwrap_or_default();
    let use_deprecated = d
        .var_non_empty("PIP_USE_DEPRECATED")
        .or_else(|| pip_cert_setting(&files, "use-deprecated").map(|s| s.value))
        .unwrap_or_default();
    // pip turns truststore off below Python 3.10 (and refuses --use-feature=truststore there).
    let python_310 = interp.minor.as_deref().is_none_or(|m| version_at_least(m, (3, 10)));
    let truststore = python_310
        && if default_truststore {
            !use_deprecated.contains("legacy-certs")
        } else {
            use_feature.contains("truststore")
        };

    // --cert: PIP_CERT beats the configuration files.
    let env_cert = d.var_non_empty("PIP_CERT");
    let file_cert = pip_cert_setting(&files, "cert");
    let cert = match (&env_cert, &file_cert) {
        (Some(v), file) => {
            d.variable_source("PIP_CERT", Some(v), "set: pip's --cert");
            if let Some(s) = file {
                d.source(
                    Source::setting(
                        SourceKind::Setting,
                        &format!("{}.cert", s.section),
                        Some(s.value.clone()),
                        SourceState::Overridden,
                        "PIP_CERT beats pip.conf",
                    )
                    .defined_in(s.file.display().to_string()),
                );
            }
            Some(("PIP_CERT".to_owned(), v.clone()))
        }
        (None, Some(s)) => {
            d.variable_source("PIP_CERT", None, "");
            d.source(
                Source::setting(
                    SourceKind::Setting,
                    &format!("{}.cert", s.section),
                    Some(s.value.clone()),
                    SourceState::Used,
                    "pip's --cert from a configuration file",
                )
                .defined_in(s.file.display().to_string()),
            );
            Some((format!("cert in {}", s.file.display()), s.value.clone()))
        }
        (None, None) => {
            d.variable_source("PIP_CERT", None, "");
            None
        }
    };
    // What requests itself adds: its environment variable beats --cert (it is the
    // request-level `verify`, which requests merges over the session's).
    let requests = requests_override(&mut d);
    let named = match (requests, cert) {
        (Some((var, value)), cert) => {
            d.override_source("PIP_CERT", &format!("{var} wins over --cert in pip's vendored requests"));
            let names: Vec<String> =
                d.sources.iter().filter(|s| s.kind == SourceKind::Setting).map(|s| s.name.clone()).collect();
            for n in names {
                d.override_source(&n, &format!("{var} wins over --cert in pip's vendored requests"));
            }
            if let Some((what, v)) = cert {
                d.note(format!(
                    "{var} is set and wins over pip's --cert ({what} = {v}): pip's vendored requests prefers the environment"
                ));
            }
            Some((var, value))
        }
        (None, Some((what, value))) => Some((format!("--cert ({what})"), value)),
        (None, None) => None,
    };
    let decision = if truststore {
        // pip builds truststore's context and loads its vendored certifi into it
        // (`_create_truststore_ssl_context`); a bundle requests is given is loaded into that
        // same context by urllib3 (`ssl_wrap_socket`: `context.load_verify_locations`), so
        // with truststore every source adds to the others.
        let system = add_truststore_paths(&mut d);
        d.file(&vendored, Reader::Openssl, "pip's vendored certifi, loaded into truststore's context");
        match named {
            Some((what, value)) => {
                add_named(&mut d, &value, &format!("{what}, added to truststore's context"));
                format!("truststore: {system}, plus pip's vendored certifi, plus {what} {value}")
            }
            None => format!("truststore: {system}, plus pip's vendored certifi"),
        }
    } else {
        if !default_truststore {
            d.note("this pip does not use the system store; `--use-feature=truststore` (pip 23.2+) would add it");
        }
        match named {
            Some((what, value)) => {
                add_named(&mut d, &value, &format!("named by {what}"));
                d.skipped_path(SourceKind::Builtin, &vendored, &format!("pip's vendored certifi: replaced by {what}"));
                format!("{what} replaces pip's bundle: pip's requests verifies with {value} alone")
            }
            None => {
                d.file(&vendored, Reader::Openssl, "pip's vendored certifi (pip/_vendor/certifi/cacert.pem)");
                "pip verifies with its vendored certifi bundle".to_owned()
            }
        }
    };
    d.finish(decision)
}

#[cfg(test)]
mod tests {
    use super::version_at_least as at_least;

    #[test]
    fn versions_compare_by_major_and_minor() {
        assert!(at_least("3.13", (3, 13)) && at_least("3.14", (3, 13)) && !at_least("3.12", (3, 13)));
        assert!(at_least("24.2", (24, 2)) && at_least("25.0.1", (24, 2)) && !at_least("24.1.2", (24, 2)));
        assert!(at_least("2.4.0rc1", (2, 4)) && !at_least("2.3.0", (2, 4)) && at_least("3", (2, 4)));
        assert!(!at_least("", (2, 4)) && !at_least("dev", (2, 4)) && !at_least("2", (2, 4)));
    }
}
