//! `doctor git`, `doctor npm` and `doctor cargo` behind a real squid ssl-bump on loopback: each
//! names the interception and prints a fix in the tool's own terms; the real tool (git, npm;
//! cargo) then works with exactly that fix. The public host names never leave
//! the machine: squid's own hosts file sends them to the test server on 127.0.0.1.

#[path = "proxies/support.rs"]
mod support;

use std::path::Path;
use std::process::Command;
use std::sync::Arc;

use support::{Ca, LeafSpec, Squid, TlsServer};

const GIT_HOST: &str = "github.com";
const NPM_HOST: &str = "registry.npmjs.org";
const CARGO_HOST: &str = "index.crates.io";

/// An empty repository's smart-HTTP advertisement, a packument and a sparse index.
fn router() -> support::Router {
    Arc::new(|path: &str| {
        match path {
        "/repo.git/info/refs?service=git-upload-pack" => (
            200,
            "application/x-git-upload-pack-advertisement",
            b"001e# service=git-upload-pack\n0000000000000000000000000000000000000000000000 capabilities^{}\0\n0000".to_vec(),
        ),
        "/hello-ta" => (
            200,
            "application/json",
            br#"{"name":"hello-ta","dist-tags":{"latest":"1.0.0"},"versions":{"1.0.0":{"name":"hello-ta","version":"1.0.0","dist":{"tarball":"https://registry.npmjs.org/hello-ta/-/hello-ta-1.0.0.tgz"}}}}"#.to_vec(),
        ),
        p => support::cargo_sparse_index(p).unwrap_or((404, "text/plain", b"not found\n".to_vec())),
    }
    })
}

struct World {
    dir: tempfile::TempDir,
    env: Vec<(String, String)>,
    _server: TlsServer,
    _squid: Squid,
    port: u16,
}

fn world() -> Option<World> {
    let corp = Ca::root("Example Corp Inspection Root", "Example Corp");
    let squid = Squid::start(&corp, &[GIT_HOST, NPM_HOST, CARGO_HOST])?;
    let public = Ca::root("Trustaudit Test Public Root", "Trustaudit Test");
    let leaf = public.leaf(&LeafSpec::valid(GIT_HOST, &[GIT_HOST, NPM_HOST, CARGO_HOST]));
    let server = TlsServer::start(vec![leaf.der, public.der()], leaf.key, Some(router()));
    let dir = tempfile::tempdir().unwrap();
    let roots = support::write_file(dir.path(), "machine-roots.pem", public.pem().as_bytes());
    std::fs::create_dir_all(dir.path().join("home")).unwrap();
    let roots = roots.display().to_string();
    let env = vec![
        ("PATH".into(), std::env::var("PATH").unwrap_or_default()),
        ("HOME".into(), dir.path().join("home").display().to_string()),
        ("HTTPS_PROXY".into(), squid.url()),
        ("GIT_SSL_CAINFO".into(), roots.clone()),
        ("GIT_CONFIG_NOSYSTEM".into(), "1".into()),
        ("CARGO_HTTP_CAINFO".into(), roots.clone()),
        ("NODE_EXTRA_CA_CERTS".into(), roots.clone()),
        ("NO_COLOR".into(), "1".into()),
    ];
    let port = server.addr.port();
    Some(World { dir, env, _server: server, _squid: squid, port })
}

impl World {
    fn run(&self, program: &Path, args: &[&str], extra: &[(&str, &str)]) -> (Option<i32>, String) {
        let mut cmd = Command::new(program);
        cmd.env_clear().envs(self.env.iter().map(|(k, v)| (k, v))).current_dir(self.dir.path()).args(args);
        for (k, v) in extra {
            cmd.env(k, v);
        }
        let out = cmd.output().unwrap();
        (out.status.code(), format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr)))
    }

    fn doctor(&self, args: &[&str], extra: &[(&str, &str)]) -> (Option<i32>, String) {
        let mut all = vec!["doctor"];
        all.extend_from_slice(args);
        all.extend_from_slice(&["--timeout", "20"]);
        self.run(Path::new(env!("CARGO_BIN_EXE_trustaudit")), &all, extra)
    }
}

fn fix_value<'a>(text: &'a str, prefix: &str) -> &'a str {
    text.lines().find_map(|l| l.strip_prefix(prefix)).unwrap_or_else(|| panic!("no {prefix:?} in:\n{text}"))
}

#[test]
fn doctor_git_behind_squid_prints_a_git_ssl_cainfo_fix_that_makes_git_work() {
    let Some(git) = support::which("git") else {
        assert!(support::may_skip("git"), "git is required");
        return;
    };
    let Some(w) = world() else { return };
    let remote = format!("https://{GIT_HOST}:{}/repo.git", w.port);
    let (code, said) = w.run(&git, &["ls-remote", &remote], &[]);
    assert_ne!(code, Some(0), "{said}");
    assert!(said.contains("server certificate verification failed"), "{said}");

    let bundle = w.dir.path().join("git-bundle.pem");
    let (code, text) = w.doctor(&["git", &remote, "--bundle", &bundle.display().to_string()], &[]);
    assert_eq!(code, Some(1), "{text}");
    assert!(text.contains("  BROKEN   smart HTTP ref advertisement: "), "{text}");
    assert!(text.contains("intercepted by an unidentified product"), "{text}");
    let fix = fix_value(&text, "  fix      export GIT_SSL_CAINFO=");
    assert_eq!(fix, bundle.display().to_string());

    let (code, said) = w.run(&git, &["ls-remote", &remote], &[("GIT_SSL_CAINFO", fix)]);
    assert_eq!(code, Some(0), "{said}");
}

#[test]
fn doctor_npm_behind_squid_prints_a_node_extra_ca_certs_fix_that_makes_npm_work() {
    let Some(npm) = support::which("npm") else {
        assert!(support::may_skip("npm"), "npm is required");
        return;
    };
    let Some(w) = world() else { return };
    let registry = format!("https://{NPM_HOST}:{}/", w.port);
    let reg = [("npm_config_registry", registry.as_str()), ("npm_config_fetch_retries", "0")];
    let (code, said) = w.run(&npm, &["view", "hello-ta", "version"], &reg);
    assert_ne!(code, Some(0), "{said}");

    let bundle = w.dir.path().join("npm-bundle.pem");
    let (code, text) = w.doctor(&["npm", "hello-ta", "--bundle", &bundle.display().to_string()], &reg);
    assert_eq!(code, Some(1), "{text}");
    assert!(text.contains(&format!("  BROKEN   package metadata: {registry}hello-ta → ")), "{text}");
    // npm's cafile (set in this machine's global npmrc) replaces Node's roots and
    // NODE_EXTRA_CA_CERTS, so the fix must be npm's own setting; without a cafile it is the variable.
    let line = text.lines().find_map(|l| l.strip_prefix("  fix      ")).unwrap_or_else(|| panic!("no fix in:\n{text}"));
    let bundle = bundle.display().to_string();
    let (code, said) = if let Some(path) = line.strip_prefix("npm config set cafile ") {
        assert_eq!(path, bundle);
        let (code, said) = w.run(&npm, &["config", "set", "cafile", path], &reg);
        assert_eq!(code, Some(0), "{said}");
        w.run(&npm, &["view", "hello-ta", "version"], &reg)
    } else {
        let path =
            line.strip_prefix("export NODE_EXTRA_CA_CERTS=").unwrap_or_else(|| panic!("unexpected fix {line:?}"));
        assert_eq!(path, bundle);
        let mut with_fix = reg.to_vec();
        with_fix.push(("NODE_EXTRA_CA_CERTS", path));
        w.run(&npm, &["view", "hello-ta", "version"], &with_fix)
    };
    assert_eq!((code, said.trim()), (Some(0), "1.0.0"));
}

/// `cargo generate-lockfile` for a package depending on hello-ta from the registry `index`:
/// cargo's own libcurl fetches the sparse index's config.json and the crate's entry.
fn cargo_resolve(w: &World, index: &str, extra: &[(&str, &str)]) -> (Option<i32>, String) {
    let project = w.dir.path().join("cargo-project");
    support::cargo_project(&project);
    let _ = std::fs::remove_file(project.join("Cargo.lock"));
    let manifest = project.join("Cargo.toml").display().to_string();
    let cargo_home = w.dir.path().join("cargo-home").display().to_string();
    let mut env = vec![
        ("CARGO_HOME", cargo_home.as_str()),
        ("CARGO_REGISTRIES_MIRROR_INDEX", index),
        ("CARGO_NET_RETRY", "0"),
        ("CARGO_HTTP_TIMEOUT", "20"),
    ];
    env.extend_from_slice(extra);
    w.run(Path::new(env!("CARGO")), &["generate-lockfile", "--manifest-path", &manifest], &env)
}

#[test]
fn doctor_cargo_behind_squid_prints_a_cargo_http_cainfo_fix_that_makes_cargo_work() {
    let Some(w) = world() else { return };
    let index = format!("sparse+https://{CARGO_HOST}:{}/", w.port);
    // The machine's roots (CARGO_HTTP_CAINFO in the world) lack squid's root: cargo fails.
    let (code, said) = cargo_resolve(&w, &index, &[]);
    assert_ne!(code, Some(0), "{said}");
    assert!(said.contains("SSL certificate problem: self-signed certificate in certificate chain"), "{said}");

    let bundle = w.dir.path().join("cargo-bundle.pem");
    let (code, text) = w.doctor(&["cargo", &index, "--bundle", &bundle.display().to_string()], &[]);
    assert_eq!(code, Some(1), "{text}");
    assert!(
        text.contains(&format!("  BROKEN   sparse index config: https://{CARGO_HOST}:{}/config.json → ", w.port)),
        "{text}"
    );
    // doctor predicts cargo's failure in cargo's own words.
    let predicted = fix_value(&text, "  BROKEN   sparse index config: ").split_once(" → ").unwrap().1;
    assert!(said.contains(predicted), "doctor predicted {predicted:?}; cargo said:\n{said}");
    let fix = fix_value(&text, "  fix      export CARGO_HTTP_CAINFO=");
    assert_eq!(fix, bundle.display().to_string());

    let (code, said) = cargo_resolve(&w, &index, &[("CARGO_HTTP_CAINFO", fix)]);
    assert_eq!(code, Some(0), "cargo with the fix: {said}");
    let lock = std::fs::read_to_string(w.dir.path().join("cargo-project/Cargo.lock")).unwrap();
    assert!(lock.contains("name = \"hello-ta\"\nversion = \"1.0.0\""), "{lock}");
    // With the fix in place doctor finds nothing more: squid's minted leaf has no
    // authorityKeyIdentifier, a strict-profile lint that libcurl (like cargo) does not apply.
    let (code, text) =
        w.doctor(&["cargo", &index, "--bundle", &bundle.display().to_string()], &[("CARGO_HTTP_CAINFO", fix)]);
    assert_eq!(code, Some(0), "doctor with the fix applied: {text}");
    assert!(!text.contains("BROKEN"), "{text}");
}
