//! The environment a runtime would start in: variables, home and working directory.
//!
//! Views read only this value, never the process environment, so a test can describe any
//! environment without `std::env::set_var`, and the audit can ask "what would Go see if
//! SSL_CERT_FILE were unset". Reading files named by the environment is the views' business;
//! this module does no I/O beyond `from_process` and `find_program`.

use std::collections::BTreeMap;
use std::ffi::OsString;
use std::path::{Path, PathBuf};

/// Variables that change which roots some runtime trusts. Reports list the ones that are set.
pub const TRUST_VARIABLES: &[&str] = &[
    "SSL_CERT_FILE",
    "SSL_CERT_DIR",
    "CURL_CA_BUNDLE",
    "REQUESTS_CA_BUNDLE",
    "NODE_EXTRA_CA_CERTS",
    "NODE_OPTIONS",
    "PIP_CERT",
    "PIP_CONFIG_FILE",
    "GIT_SSL_CAINFO",
    "GIT_SSL_CAPATH",
    "CARGO_HTTP_CAINFO",
    "CARGO_HOME",
];

/// A process environment described as a value.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Environment {
    vars: BTreeMap<String, OsString>,
    cwd: Option<PathBuf>,
    cache: bool,
}

impl Environment {
    /// An environment with no variables and no working directory (like `env -i`).
    pub fn empty() -> Self {
        Self::default()
    }

    /// This process's variables and working directory.
    pub fn from_process() -> Self {
        let vars = std::env::vars_os().filter_map(|(k, v)| k.into_string().ok().map(|k| (k, v))).collect();
        Self { vars, cwd: std::env::current_dir().ok(), cache: true }
    }

    /// Lets views remember slow findings (the scan of a `node` binary) in
    /// [`Environment::cache_dir`] (builder style). On for [`Environment::from_process`].
    #[must_use]
    pub fn with_cache(mut self, on: bool) -> Self {
        self.cache = on;
        self
    }

    /// `$XDG_CACHE_HOME/trustaudit`, else `$HOME/.cache/trustaudit`, when caching is on.
    pub fn cache_dir(&self) -> Option<PathBuf> {
        if !self.cache {
            return None;
        }
        let base = match self.var_non_empty("XDG_CACHE_HOME") {
            Some(d) if Path::new(&d).is_absolute() => PathBuf::from(d),
            _ => self.home()?.join(".cache"),
        };
        Some(base.join("trustaudit"))
    }

    /// Sets a variable (builder style).
    #[must_use]
    pub fn with_var(mut self, name: &str, value: impl Into<OsString>) -> Self {
        self.vars.insert(name.to_owned(), value.into());
        self
    }

    /// Removes a variable (builder style).
    #[must_use]
    pub fn without_var(mut self, name: &str) -> Self {
        self.vars.remove(name);
        self
    }

    /// Removes every variable in [`TRUST_VARIABLES`] (builder style): what a runtime trusts
    /// by default on this machine.
    #[must_use]
    pub fn without_trust_variables(mut self) -> Self {
        for v in TRUST_VARIABLES {
            self.vars.remove(*v);
        }
        self
    }

    /// Sets the working directory (builder style); git and cargo read configuration from it.
    #[must_use]
    pub fn with_cwd(mut self, cwd: impl Into<PathBuf>) -> Self {
        self.cwd = Some(cwd.into());
        self
    }

    /// A variable's value, set or not; `Some("")` when set to the empty string.
    pub fn var_os(&self, name: &str) -> Option<&OsString> {
        self.vars.get(name)
    }

    /// A variable's value as text (lossy), `None` when unset.
    pub fn var(&self, name: &str) -> Option<String> {
        self.vars.get(name).map(|v| v.to_string_lossy().into_owned())
    }

    /// A variable's value when set to something other than the empty string (the test Go,
    /// requests and most runtimes apply: `if v := os.Getenv(x); v != ""`).
    pub fn var_non_empty(&self, name: &str) -> Option<String> {
        self.var(name).filter(|v| !v.is_empty())
    }

    /// Every variable, sorted by name.
    pub fn vars(&self) -> impl Iterator<Item = (&str, &OsString)> {
        self.vars.iter().map(|(k, v)| (k.as_str(), v))
    }

    /// The variables of [`TRUST_VARIABLES`] that are set, with their values.
    pub fn trust_variables(&self) -> Vec<(String, String)> {
        TRUST_VARIABLES.iter().filter_map(|n| self.var(n).map(|v| ((*n).to_owned(), v))).collect()
    }

    /// The working directory, when known.
    pub fn cwd(&self) -> Option<&Path> {
        self.cwd.as_deref()
    }

    /// `$HOME`, when set and not empty.
    pub fn home(&self) -> Option<PathBuf> {
        self.var_non_empty("HOME").map(PathBuf::from)
    }

    /// `$XDG_CONFIG_HOME`, else `$HOME/.config` (the XDG base directory rule).
    pub fn xdg_config_home(&self) -> Option<PathBuf> {
        match self.var_non_empty("XDG_CONFIG_HOME") {
            Some(d) if Path::new(&d).is_absolute() => Some(PathBuf::from(d)),
            _ => self.home().map(|h| h.join(".config")),
        }
    }

    /// `$XDG_CONFIG_DIRS` split on `:`, else `/etc/xdg`.
    pub fn xdg_config_dirs(&self) -> Vec<PathBuf> {
        match self.var_non_empty("XDG_CONFIG_DIRS") {
            Some(d) => d.split(':').filter(|p| !p.is_empty()).map(PathBuf::from).collect(),
            None => vec![PathBuf::from("/etc/xdg")],
        }
    }

    /// The directories of `$PATH`, in order (empty entries dropped).
    pub fn path_dirs(&self) -> Vec<PathBuf> {
        self.vars
            .get("PATH")
            .map(|p| std::env::split_paths(p).filter(|d| !d.as_os_str().is_empty()).collect())
            .unwrap_or_default()
    }

    /// The first executable file called `name` in `$PATH`, as a shell would find it
    /// (only `stat` calls, no process is started).
    pub fn find_program(&self, name: &str) -> Option<PathBuf> {
        self.path_dirs().into_iter().map(|d| d.join(name)).find(|p| is_executable(p))
    }
}

fn is_executable(p: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt as _;
    std::fs::metadata(p).is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_string_is_set_but_not_non_empty() {
        let env = Environment::empty().with_var("SSL_CERT_FILE", "");
        assert_eq!(env.var("SSL_CERT_FILE").as_deref(), Some(""));
        assert_eq!(env.var_non_empty("SSL_CERT_FILE"), None);
    }

    #[test]
    fn xdg_config_home_falls_back_to_home_dot_config() {
        let env = Environment::empty().with_var("HOME", "/home/u");
        assert_eq!(env.xdg_config_home(), Some(PathBuf::from("/home/u/.config")));
        let env = env.with_var("XDG_CONFIG_HOME", "relative");
        assert_eq!(env.xdg_config_home(), Some(PathBuf::from("/home/u/.config")));
        let env = env.with_var("XDG_CONFIG_HOME", "/cfg");
        assert_eq!(env.xdg_config_home(), Some(PathBuf::from("/cfg")));
    }

    #[test]
    fn trust_variables_are_listed_in_a_fixed_order_and_removable() {
        let env = Environment::empty().with_var("PIP_CERT", "/p").with_var("SSL_CERT_FILE", "/s");
        assert_eq!(
            env.trust_variables(),
            vec![("SSL_CERT_FILE".to_owned(), "/s".to_owned()), ("PIP_CERT".to_owned(), "/p".to_owned())]
        );
        assert!(env.without_trust_variables().trust_variables().is_empty());
    }
}
