//! cargo's runtime view checked against the real cargo: for each way of naming CA
//! certificates (http.cainfo from CARGO_HTTP_CAINFO or a config file, SSL_CERT_FILE and
//! SSL_CERT_DIR through openssl-probe, paths that do not exist), whether the view holds the
//! test registry's root must agree with whether `cargo generate-lockfile` reaches that registry
//! over TLS on 127.0.0.1.

#[path = "proxies/support.rs"]
mod support;

use std::process::Command;
use std::sync::Arc;

use support::{Ca, LeafSpec, TlsServer};
use trustaudit::runtime::{self, Environment, Runtime};
use trustaudit::Certificate;

fn index() -> support::Router {
    Arc::new(|path: &str| support::cargo_sparse_index(path).unwrap_or((404, "text/plain", b"not found\n".to_vec())))
}

struct Registry {
    dir: tempfile::TempDir,
    root: Certificate,
    index: String,
    _server: TlsServer,
}

impl Registry {
    fn start() -> Self {
        let ca = Ca::root("Trustaudit Test Registry Root", "Trustaudit Test");
        let other = Ca::root("Trustaudit Test Unrelated Root", "Trustaudit Test");
        let leaf = ca.leaf(&LeafSpec::valid("localhost", &["localhost"]));
        let server = TlsServer::start(vec![leaf.der, ca.der()], leaf.key, Some(index()));
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        support::write_file(d, "registry-root.pem", ca.pem().as_bytes());
        support::write_file(d, "unrelated-root.pem", other.pem().as_bytes());
        // A hashed directory as `openssl rehash` lays it out, holding the registry's root.
        support::hashed_dir(&d.join("hashed"), &ca.pem());
        // A cargo home whose config names the registry's root by a path relative to the
        // directory above it, as cargo resolves config paths.
        let home = d.join("config-home");
        std::fs::create_dir_all(&home).unwrap();
        support::write_file(&home, "config.toml", b"[http]\ncainfo = \"registry-root.pem\"\n");
        // The same config one level deeper names a file that is not there.
        let nested = home.join("nested");
        std::fs::create_dir_all(&nested).unwrap();
        support::write_file(&nested, "config.toml", b"[http]\ncainfo = \"registry-root.pem\"\n");
        let project = d.join("project");
        support::cargo_project(&project);
        let root = Certificate::from_der(&ca.der()).unwrap();
        let index = format!("sparse+https://localhost:{}/", server.addr.port());
        Registry { dir, root, index, _server: server }
    }

    fn path(&self, name: &str) -> String {
        self.dir.path().join(name).display().to_string()
    }

    /// The environment of one case: a private CARGO_HOME unless the case names one.
    fn env(&self, vars: &[(&str, String)]) -> Environment {
        let mut env = Environment::empty()
            .with_cache(false)
            .with_var("PATH", std::env::var_os("PATH").unwrap_or_default())
            .with_var("HOME", self.dir.path())
            .with_var("CARGO_HOME", self.dir.path().join("cargo-home"))
            .with_var("CARGO_REGISTRIES_MIRROR_INDEX", &self.index)
            .with_var("CARGO_NET_RETRY", "0")
            .with_var("CARGO_HTTP_TIMEOUT", "20")
            .with_cwd(self.dir.path().join("project"));
        for (k, v) in vars {
            env = env.with_var(k, v);
        }
        env
    }

    /// Whether the real cargo resolves hello-ta from the registry with `env`.
    fn cargo_reaches(&self, env: &Environment) -> (bool, String) {
        let project = self.dir.path().join("project");
        let _ = std::fs::remove_file(project.join("Cargo.lock"));
        let mut cmd = Command::new(env!("CARGO"));
        cmd.env_clear().envs(env.vars()).current_dir(&project).arg("generate-lockfile");
        let out = cmd.output().unwrap();
        (out.status.success(), String::from_utf8_lossy(&out.stderr).into_owned())
    }
}

#[test]
fn cargos_view_holds_the_registry_root_exactly_when_cargo_reaches_the_registry() {
    if support::which("openssl").is_none() {
        assert!(support::may_skip("openssl"), "openssl is required");
        return;
    }
    let r = Registry::start();
    let (ca, unrelated, hashed) = (r.path("registry-root.pem"), r.path("unrelated-root.pem"), r.path("hashed"));
    let missing = r.path("missing/roots.pem");
    let cases: Vec<(&str, Vec<(&str, String)>)> = vec![
        ("SSL_CERT_FILE names the root", vec![("SSL_CERT_FILE", ca.clone())]),
        ("SSL_CERT_FILE names other roots", vec![("SSL_CERT_FILE", unrelated.clone())]),
        // openssl-probe ignores a variable naming nothing and falls back to the system bundle.
        ("SSL_CERT_FILE names a missing file", vec![("SSL_CERT_FILE", missing.clone())]),
        ("SSL_CERT_DIR holds the root", vec![("SSL_CERT_FILE", unrelated.clone()), ("SSL_CERT_DIR", hashed.clone())]),
        (
            "CARGO_HTTP_CAINFO names the root",
            vec![("SSL_CERT_FILE", unrelated.clone()), ("CARGO_HTTP_CAINFO", ca.clone())],
        ),
        (
            "CARGO_HTTP_CAINFO replaces SSL_CERT_FILE",
            vec![("SSL_CERT_FILE", ca.clone()), ("CARGO_HTTP_CAINFO", unrelated)],
        ),
        // The directory stays in force beside http.cainfo (libcurl's CAPATH is left as set).
        (
            "CARGO_HTTP_CAINFO beside SSL_CERT_DIR",
            vec![("SSL_CERT_DIR", hashed), ("CARGO_HTTP_CAINFO", r.path("unrelated-root.pem"))],
        ),
        ("http.cainfo in CARGO_HOME's config", vec![("CARGO_HOME", r.path("config-home"))]),
        // Resolved against config-home/, where there is no such file: libcurl then refuses
        // to start the handshake at all.
        ("http.cainfo naming a missing file", vec![("CARGO_HOME", r.path("config-home/nested"))]),
    ];
    let mut disagreements = Vec::new();
    let mut reached = 0;
    for (case, vars) in &cases {
        let env = r.env(vars);
        let view = runtime::view(Runtime::Cargo, &env);
        let predicted = view.store.as_ref().is_some_and(|s| s.contains(&r.root));
        let (real, said) = r.cargo_reaches(&env);
        reached += usize::from(real);
        if predicted != real {
            disagreements.push(format!(
                "{case}: view ({}) holds the root = {predicted}, cargo reached the registry = {real}\n{said}",
                view.decision
            ));
        } else if !real {
            assert!(
                said.contains("SSL") || said.contains("CA cert"),
                "{case}: cargo failed for another reason:\n{said}"
            );
        }
    }
    assert!(disagreements.is_empty(), "{}", disagreements.join("\n"));
    assert!(reached >= 4 && reached < cases.len(), "the cases must both reach and miss the registry");
}
