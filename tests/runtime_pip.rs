//! pip's runtime view checked against real pips downloading from a package index over TLS on
//! 127.0.0.1: the pip installed here (certifi, or what --cert / REQUESTS_CA_BUNDLE name
//! instead) and pip 25.3 in a virtual environment (.ci/deps makes it), where truststore adds
//! the system store to pip's certifi and to whatever --cert names. For each case the view
//! holds the index's root exactly when pip downloads the wheel.

#[path = "proxies/support.rs"]
mod support;

use std::path::{Path, PathBuf};
use std::process::Command;

use support::{Ca, LeafSpec, TlsServer};
use trustaudit::runtime::{self, Environment, Runtime};
use trustaudit::Certificate;

/// Where .ci/deps installs pip 25.3 (its truststore is on by default).
fn modern_pip_python() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("target/oracles/pip-25.3/bin/python3")
}

/// One case: what it shows, the variables it sets, and whether pip should download.
type Case<'a> = (&'a str, Vec<(&'a str, String)>, bool);

struct Index {
    dir: tempfile::TempDir,
    root: Certificate,
    url: String,
    _server: TlsServer,
}

impl Index {
    fn start() -> Self {
        let ca = Ca::root("Trustaudit Test Index Root", "Trustaudit Test");
        let other = Ca::root("Trustaudit Test Unrelated Root", "Trustaudit Test");
        let leaf = ca.leaf(&LeafSpec::valid("localhost", &["localhost"]));
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        let server = TlsServer::start(vec![leaf.der, ca.der()], leaf.key, Some(support::python_index(d)));
        support::write_file(d, "index-root.pem", ca.pem().as_bytes());
        support::write_file(d, "unrelated-root.pem", other.pem().as_bytes());
        support::hashed_dir(&d.join("hashed"), &ca.pem());
        std::fs::create_dir_all(d.join("empty")).unwrap();
        let root = Certificate::from_der(&ca.der()).unwrap();
        let url = format!("https://localhost:{}/simple/", server.addr.port());
        Index { dir, root, url, _server: server }
    }

    fn path(&self, name: &str) -> String {
        self.dir.path().join(name).display().to_string()
    }

    /// One case's environment; `bin` (a virtual environment's) comes first on PATH.
    fn env(&self, bin: Option<&Path>, vars: &[(&str, String)]) -> Environment {
        let mut path = std::env::var_os("PATH").unwrap_or_default();
        if let Some(b) = bin {
            path = std::env::join_paths(std::iter::once(b.to_path_buf()).chain(std::env::split_paths(&path))).unwrap();
        }
        let mut env = Environment::empty()
            .with_cache(false)
            .with_var("PATH", path)
            .with_var("HOME", self.dir.path())
            .with_var("PIP_CONFIG_FILE", "/dev/null")
            .with_var("PIP_INDEX_URL", &self.url)
            .with_var("PIP_DISABLE_PIP_VERSION_CHECK", "1")
            .with_var("PIP_NO_CACHE_DIR", "1")
            .with_var("PIP_RETRIES", "0")
            .with_var("PIP_DEFAULT_TIMEOUT", "20")
            .with_cwd(self.dir.path());
        if let Some(v) = std::env::var_os("PYENV_ROOT") {
            env = env.with_var("PYENV_ROOT", v);
        }
        for (k, v) in vars {
            env = env.with_var(k, v);
        }
        env
    }

    /// Whether the pip of `env`'s python3 downloads hello-ta.
    fn pip_downloads(&self, env: &Environment) -> (bool, String) {
        let out_dir = self.dir.path().join("out");
        let _ = std::fs::remove_dir_all(&out_dir);
        let python = env.find_program("python3").expect("python3");
        let out = Command::new(python)
            .env_clear()
            .envs(env.vars())
            .current_dir(self.dir.path())
            .args(["-m", "pip", "download", "--no-deps", "-d"])
            .arg(&out_dir)
            .arg("hello-ta==1.0.0")
            .output()
            .unwrap();
        let said = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
        (out.status.success() && out_dir.join("hello_ta-1.0.0-py3-none-any.whl").is_file(), said)
    }

    /// Runs every case with the pip `bin` selects; returns how many downloads worked.
    fn check(&self, pip: &str, bin: Option<&Path>, cases: &[Case<'_>]) -> usize {
        let mut wrong = Vec::new();
        let mut worked = 0;
        for (case, vars, expect) in cases {
            let env = self.env(bin, vars);
            let view = runtime::view(Runtime::Pip, &env);
            assert!(view.installed, "{pip}: {}", view.decision);
            let predicted = view.store.as_ref().is_some_and(|s| s.contains(&self.root));
            let (real, said) = self.pip_downloads(&env);
            worked += usize::from(real);
            if predicted != real || real != *expect {
                wrong.push(format!(
                    "{pip}, {case}: view ({}) holds the root = {predicted}; pip downloaded = {real}; expected {expect}\n{said}",
                    view.decision
                ));
            } else if !real {
                assert!(
                    said.contains("CERTIFICATE_VERIFY_FAILED"),
                    "{pip}, {case}: failed for another reason:\n{said}"
                );
            }
        }
        assert!(wrong.is_empty(), "{}", wrong.join("\n"));
        worked
    }
}

#[test]
fn the_pip_installed_here_trusts_what_its_view_holds() {
    if support::which("python3").is_none() || support::which("openssl").is_none() {
        assert!(support::may_skip("python3 or openssl"), "python3 and openssl are required");
        return;
    }
    let ix = Index::start();
    let view = runtime::view(Runtime::Pip, &ix.env(None, &[]));
    if !view.installed {
        assert!(support::may_skip("pip"), "pip is required: {}", view.decision);
        return;
    }
    // Whether this pip uses truststore decides half the answers; the view says which it is.
    let truststore = view.decision.starts_with("truststore");
    let (root, unrelated) = (ix.path("index-root.pem"), ix.path("unrelated-root.pem"));
    let cases = vec![
        ("SSL_CERT_FILE names the root", vec![("SSL_CERT_FILE", root.clone())], truststore),
        ("PIP_CERT names the root", vec![("PIP_CERT", root.clone())], true),
        ("REQUESTS_CA_BUNDLE names the root", vec![("REQUESTS_CA_BUNDLE", root.clone())], true),
        (
            "REQUESTS_CA_BUNDLE beats PIP_CERT",
            vec![("PIP_CERT", root.clone()), ("REQUESTS_CA_BUNDLE", unrelated.clone())],
            false,
        ),
        ("PIP_CERT elsewhere", vec![("PIP_CERT", unrelated), ("SSL_CERT_FILE", root)], truststore),
    ];
    let worked = ix.check(&format!("pip {}", view.version.as_deref().unwrap_or("?")), None, &cases);
    assert!(worked >= 2);
}

#[test]
fn pip_25_with_truststore_adds_the_system_store_to_certifi_and_to_cert() {
    let python = modern_pip_python();
    if !python.is_file() {
        assert!(support::may_skip("pip 25.3 (.ci/deps installs it)"), "{} is missing: run .ci/deps", python.display());
        return;
    }
    let ix = Index::start();
    let bin = python.parent().unwrap();
    let (root, unrelated) = (ix.path("index-root.pem"), ix.path("unrelated-root.pem"));
    let cases = vec![
        // Debian's store, through /usr/lib/ssl: no test root.
        ("the machine's own store", vec![], false),
        ("SSL_CERT_FILE names the root", vec![("SSL_CERT_FILE", root.clone())], true),
        (
            "SSL_CERT_DIR holds the root",
            vec![("SSL_CERT_FILE", unrelated.clone()), ("SSL_CERT_DIR", ix.path("hashed"))],
            true,
        ),
        // The file names nothing, but the directory holds hashed names: OpenSSL's paths stay.
        (
            "SSL_CERT_FILE missing, SSL_CERT_DIR holds the root",
            vec![("SSL_CERT_FILE", ix.path("missing.pem")), ("SSL_CERT_DIR", ix.path("hashed"))],
            true,
        ),
        // Neither variable names anything usable: truststore falls back to its own list of
        // bundles (Debian's ca-certificates.crt here), which lacks the root.
        (
            "unusable variables: truststore's fallback bundle",
            vec![("SSL_CERT_FILE", ix.path("missing.pem")), ("SSL_CERT_DIR", ix.path("empty"))],
            false,
        ),
        ("PIP_CERT names the root", vec![("PIP_CERT", root.clone())], true),
        // --cert adds to truststore's context instead of replacing it.
        (
            "PIP_CERT elsewhere, root in SSL_CERT_FILE",
            vec![("PIP_CERT", unrelated.clone()), ("SSL_CERT_FILE", root.clone())],
            true,
        ),
        (
            "REQUESTS_CA_BUNDLE elsewhere, root in SSL_CERT_FILE",
            vec![("REQUESTS_CA_BUNDLE", unrelated.clone()), ("SSL_CERT_FILE", root.clone())],
            true,
        ),
        (
            "REQUESTS_CA_BUNDLE beats PIP_CERT",
            vec![("PIP_CERT", root.clone()), ("REQUESTS_CA_BUNDLE", unrelated.clone())],
            false,
        ),
        (
            "legacy-certs turns truststore off",
            vec![("PIP_USE_DEPRECATED", "legacy-certs".into()), ("SSL_CERT_FILE", root)],
            false,
        ),
    ];
    let worked = ix.check("pip 25.3", Some(bin), &cases);
    assert_eq!(worked, 6);
}
